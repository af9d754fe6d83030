//! Value types shared by every entry type: dates, URLs, vocabulary keys, sources, images.
//!
//! Each type deserializes leniently where YAML is ambiguous (a postcode may be written as a number)
//! and strictly where a contributor's mistake would otherwise pass silently, with an `expecting`
//! text that reads well inside a diagnostic.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        // chrono accepts a few looser forms; the front matter promises exactly YYYY-MM-DD.
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return None;
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, e.g. 2025-03-14")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(DateVisitor)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date", "description": "A date written YYYY-MM-DD." })
    }
}

/// A date that may be known only to the year or month: `2019`, `2019-09` or `2019-09-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] if digits(y, 4) => Some(PartialDate {
                year: y.parse().ok()?,
                month: None,
                day: None,
            }),
            [y, m] if digits(y, 4) && digits(m, 2) => {
                let month: u32 = m.parse().ok()?;
                (1..=12).contains(&month).then_some(())?;
                Some(PartialDate {
                    year: y.parse().ok()?,
                    month: Some(month),
                    day: None,
                })
            }
            [_, _, _] => {
                let date = Date::parse(text)?;
                Some(PartialDate {
                    year: date.0.year(),
                    month: Some(date.0.month()),
                    day: Some(date.0.day()),
                })
            }
            _ => None,
        }
    }

    /// The first day this partial date can mean, for comparisons.
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(NaiveDate::MIN)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PartialDateVisitor;
        impl Visitor<'_> for PartialDateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year (2019), a month (2019-09) or a date (2019-09-01)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(PartialDateVisitor)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
                { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" }
            ],
            "description": "A year (2019), a month (2019-09) or a date (2019-09-01)."
        })
    }
}

/// Text that may be written as a YAML string or as a number (a house number `12`, a phone number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "integer"] })
    }
}

/// A whole number that must lie between `MIN` and `MAX`: a value outside is a diagnostic at its
/// line that says the range, and the JSON Schema and the form know the range too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Ranged<const MIN: i64, const MAX: i64>(pub i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Ranged<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RangedVisitor<const MIN: i64, const MAX: i64>;
        impl<const MIN: i64, const MAX: i64> Visitor<'_> for RangedVisitor<MIN, MAX> {
            type Value = Ranged<MIN, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a whole number from {MIN} to {MAX}")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                if (MIN..=MAX).contains(&v) {
                    Ok(Ranged(v))
                } else {
                    Err(E::invalid_value(de::Unexpected::Signed(v), &self))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }
        }
        d.deserialize_i64(RangedVisitor::<MIN, MAX>)
    }
}

impl<const MIN: i64, const MAX: i64> JsonSchema for Ranged<MIN, MAX> {
    fn schema_name() -> Cow<'static, str> {
        format!("Ranged_{MIN}_{MAX}").into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": MIN, "maximum": MAX })
    }
}

/// A link as written by a contributor. Its scheme is checked by validation, not here, so that a bad
/// link is reported with the rest of the entry's problems instead of hiding them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Link(pub String);

impl JsonSchema for Link {
    fn schema_name() -> Cow<'static, str> {
        "Link".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^(https?://|mailto:|tel:)",
            "description": "A web address starting with https:// (or http://, mailto:, tel:)."
        })
    }
}

/// Declares a newtype for keys into each vocabulary file, so the validator knows which vocabulary a
/// key belongs to and the JSON Schema can list the allowed keys; and the one table from a key
/// type's name in the JSON Schema to its vocabulary.
macro_rules! vocabulary_keys {
    ($($(#[$doc:meta])* $name:ident => $vocab:ident;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
            #[serde(transparent)]
            pub struct $name(pub String);

            impl $name {
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl VocabularyKey for $name {
                const VOCABULARY: VocabularyKind = VocabularyKind::$vocab;
                fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl JsonSchema for $name {
                fn schema_name() -> Cow<'static, str> {
                    stringify!($name).into()
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    // `ruimte schema` adds the allowed keys as an `enum` from the vocabulary files.
                    json_schema!({
                        "type": "string",
                        "description": format!("A key from content/data/{}.", VocabularyKind::$vocab.file_name()),
                    })
                }
            }
        )+

        /// Each key type's name in the JSON Schema (`PlaceKey`), with its vocabulary.
        pub const KEY_TYPES: [(&str, VocabularyKind); [$(stringify!($name)),+].len()] =
            [$((stringify!($name), VocabularyKind::$vocab)),+];
    };
}

/// A key into one vocabulary, which its type names.
pub trait VocabularyKey {
    const VOCABULARY: VocabularyKind;
    fn as_str(&self) -> &str;
}

use crate::content::vocab::VocabularyKind;

vocabulary_keys! {
    /// A municipality, from `content/data/places.yaml`.
    PlaceKey => Places;
    /// An artistic discipline, from `content/data/disciplines.yaml`.
    DisciplineKey => Disciplines;
    /// A kind of space, from `content/data/space-kinds.yaml`.
    SpaceKindKey => SpaceKinds;
    /// A facility, from `content/data/facilities.yaml`.
    FacilityKey => Facilities;
    /// A theme of good practices, from `content/data/themes.yaml`.
    ThemeKey => Themes;
    /// A tag, from `content/data/tags.yaml`.
    TagKey => Tags;
    /// A province or region, from `content/data/provinces.yaml`.
    ProvinceKey => Provinces;
}

/// Where a fact comes from: a document or a web page.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The title of the document or page, with its author or publisher and year.
    pub title: String,
    /// Where to read it online, if it is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Link>,
    /// Where in the document (a page, a section), if useful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A picture stored beside the entry's file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// The file name, relative to the entry's folder (e.g. `images/zaal.jpg`).
    pub file: String,
    /// What the picture shows, for people who cannot see it. Required.
    pub alt: String,
    /// Who made the picture and under which licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A person or organisation with an optional website.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Link>,
}

/// How to reach the people behind an entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// An entry's title and summary in French and English, for that language's pages. The rest of
/// the entry stays in the language it was written in, and the pages say so.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<Translation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<Translation>,
}

impl Translations {
    pub fn is_empty(&self) -> bool {
        self.fr.is_none() && self.en.is_none()
    }

    /// The translation into `language` (`fr`, `en`), if the entry has one.
    pub fn get(&self, language: &str) -> Option<&Translation> {
        match language {
            "fr" => self.fr.as_ref(),
            "en" => self.en.as_ref(),
            _ => None,
        }
    }

    /// Each translation with its language, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Translation)> {
        [("fr", self.fr.as_ref()), ("en", self.en.as_ref())]
            .into_iter()
            .filter_map(|(language, t)| Some((language, t?)))
    }
}

/// One language's translation of an entry's title and summary.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The title in this language (for a space, its name); the original shows when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The summary in this language (for a page, its description); one or two sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The day the translation was written or last compared with the original: `ruimte check`
    /// warns when the original was checked after it.
    pub translated: Date,
}

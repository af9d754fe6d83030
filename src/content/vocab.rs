//! The fixed vocabularies in `content/data/*.yaml`: places, provinces, disciplines, space kinds,
//! facilities, themes and tags. Every facet page and filter is built from these lists, so entries
//! refer to them by key and validation rejects keys that are not there.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::content::model::{ProvinceKey, KEY_TYPES};

/// One vocabulary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VocabularyKind {
    Places,
    Provinces,
    Disciplines,
    SpaceKinds,
    Facilities,
    Themes,
    Tags,
    /// Words for a space's facts (free, wheelchair accessible), by `{prefix}-{value}`.
    Facts,
}

impl VocabularyKind {
    pub const ALL: [VocabularyKind; 8] = [
        VocabularyKind::Places,
        VocabularyKind::Provinces,
        VocabularyKind::Disciplines,
        VocabularyKind::SpaceKinds,
        VocabularyKind::Facilities,
        VocabularyKind::Themes,
        VocabularyKind::Tags,
        VocabularyKind::Facts,
    ];

    pub const fn file_name(self) -> &'static str {
        match self {
            VocabularyKind::Places => "places.yaml",
            VocabularyKind::Provinces => "provinces.yaml",
            VocabularyKind::Disciplines => "disciplines.yaml",
            VocabularyKind::SpaceKinds => "space-kinds.yaml",
            VocabularyKind::Facilities => "facilities.yaml",
            VocabularyKind::Themes => "themes.yaml",
            VocabularyKind::Tags => "tags.yaml",
            VocabularyKind::Facts => "facts.yaml",
        }
    }

    /// The name of this vocabulary's key type in the JSON Schema (`PlaceKey`); facts have none
    /// (no entry names one).
    pub fn key_type(self) -> Option<&'static str> {
        KEY_TYPES.iter().find(|(_, kind)| *kind == self).map(|(name, _)| *name)
    }

    /// The vocabulary whose key type the JSON Schema calls `name`.
    pub fn of_key_type(name: &str) -> Option<VocabularyKind> {
        KEY_TYPES.iter().find(|(n, _)| *n == name).map(|(_, kind)| *kind)
    }
}

/// A vocabulary entry: a key, its labels and the other words people use for it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Lowercase `a-z0-9-`; what entries write.
    pub key: String,
    /// The Dutch label, shown on the site.
    pub nl: String,
    /// The French label, shown on the French pages (required; the Dutch name again where French
    /// has no other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// The English label (required, as `fr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Other words and names people use for it, in any language (oefenruimte, salle de
    /// répétition): search finds the entry by them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// A short explanation, where the label alone is not clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A municipality: a term with its province, population and centre.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub key: String,
    pub nl: String,
    /// The French name (Gand, Anvers; the Dutch name again where French has no other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// The English name (Ghent, Antwerp; as `fr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Other names people use for it (Brussel-Stad, a merged municipality's former name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// A key from provinces.yaml.
    pub province: ProvinceKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
    /// The centre of the municipality, used on the map when a space has no coordinates.
    pub centroid: Centroid,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Population {
    pub count: u32,
    /// The year the figure describes, when the source gives it (never guessed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Where the figure comes from.
    pub source: String,
    /// What a reader should know about the figure, e.g. that the source gives two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Centroid {
    pub lat: f64,
    pub lon: f64,
}

/// What a vocabulary entry is called: its labels and synonyms.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub key: &'a str,
    pub nl: &'a str,
    pub fr: Option<&'a str>,
    pub en: Option<&'a str>,
    pub synonyms: &'a [String],
}

impl<'a> Names<'a> {
    /// The label in `language` (`nl`, `fr`, `en`), falling back to Dutch.
    pub fn label(&self, language: &str) -> &'a str {
        match language {
            "fr" => self.fr.unwrap_or(self.nl),
            "en" => self.en.unwrap_or(self.nl),
            _ => self.nl,
        }
    }

    /// Every label and synonym: the words a search should know this entry by.
    pub fn all(&self) -> impl Iterator<Item = &'a str> + '_ {
        [Some(self.nl), self.fr, self.en]
            .into_iter()
            .flatten()
            .chain(self.synonyms.iter().map(String::as_str))
    }
}

/// Terms and places name themselves the same way.
macro_rules! names {
    ($($entry:ty),+) => {
        $(impl $entry {
            pub fn names(&self) -> Names<'_> {
                Names {
                    key: &self.key,
                    nl: &self.nl,
                    fr: self.fr.as_deref(),
                    en: self.en.as_deref(),
                    synonyms: &self.synonyms,
                }
            }
        })+
    };
}

names!(Term, Place);

/// All vocabularies, loaded once per build.
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    pub places: Vec<Place>,
    /// Where each vocabulary file's fields are written, for diagnostics.
    pub locators: HashMap<VocabularyKind, crate::content::parse::Locator>,
    terms: HashMap<VocabularyKind, Vec<Term>>,
}

impl Vocabularies {
    pub fn set_terms(&mut self, kind: VocabularyKind, terms: Vec<Term>) {
        self.terms.insert(kind, terms);
    }

    /// The terms of a vocabulary other than places, in file order.
    pub fn terms(&self, kind: VocabularyKind) -> &[Term] {
        self.terms.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every key of a vocabulary, in file order.
    pub fn keys(&self, kind: VocabularyKind) -> Vec<&str> {
        match kind {
            VocabularyKind::Places => self.places.iter().map(|p| p.key.as_str()).collect(),
            _ => self.terms(kind).iter().map(|t| t.key.as_str()).collect(),
        }
    }

    pub fn contains(&self, kind: VocabularyKind, key: &str) -> bool {
        match kind {
            VocabularyKind::Places => self.places.iter().any(|p| p.key == key),
            _ => self.terms(kind).iter().any(|t| t.key == key),
        }
    }

    /// The names of every entry of a vocabulary, in file order.
    pub fn all_names(&self, kind: VocabularyKind) -> Vec<Names<'_>> {
        match kind {
            VocabularyKind::Places => self.places.iter().map(Place::names).collect(),
            _ => self.terms(kind).iter().map(Term::names).collect(),
        }
    }

    /// The names of one entry.
    pub fn names(&self, kind: VocabularyKind, key: &str) -> Option<Names<'_>> {
        match kind {
            VocabularyKind::Places => self.place(key).map(Place::names),
            _ => self.terms(kind).iter().find(|t| t.key == key).map(Term::names),
        }
    }

    pub fn place(&self, key: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.key == key)
    }

    /// The province (or region) a municipality lies in.
    pub fn province_of(&self, place: &str) -> Option<&str> {
        self.place(place).map(|p| p.province.as_str())
    }
}

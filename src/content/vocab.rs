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
}

impl VocabularyKind {
    pub const ALL: [VocabularyKind; 7] = [
        VocabularyKind::Places,
        VocabularyKind::Provinces,
        VocabularyKind::Disciplines,
        VocabularyKind::SpaceKinds,
        VocabularyKind::Facilities,
        VocabularyKind::Themes,
        VocabularyKind::Tags,
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
        }
    }

    /// The name of this vocabulary's key type in the JSON Schema (`PlaceKey`).
    pub fn key_type(self) -> &'static str {
        KEY_TYPES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map(|(name, _)| *name)
            .expect("every vocabulary has a key type")
    }

    /// The vocabulary whose key type the JSON Schema calls `name`.
    pub fn of_key_type(name: &str) -> Option<VocabularyKind> {
        KEY_TYPES.iter().find(|(n, _)| *n == name).map(|(_, kind)| *kind)
    }
}

/// A vocabulary entry: a key and its labels.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Lowercase `a-z0-9-`; what entries write.
    pub key: String,
    /// The Dutch label, shown on the site.
    pub nl: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
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
    /// The year the figure describes.
    pub year: u16,
    /// Where the figure comes from.
    pub source: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Centroid {
    pub lat: f64,
    pub lon: f64,
}

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

    pub fn place(&self, key: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.key == key)
    }

    /// The province (or region) a municipality lies in.
    pub fn province_of(&self, place: &str) -> Option<&str> {
        self.place(place).map(|p| p.province.as_str())
    }
}

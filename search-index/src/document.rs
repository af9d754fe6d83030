//! What the generator hands the index for one entry, and the filter groups a search can narrow by.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The filter groups, in the order the interface shows them. Each is a facet path `/group/value`.
pub const FILTER_GROUPS: [&str; 7] = ["type", "province", "place", "discipline", "kind", "wheelchair", "price"];

/// One entry as the index sees it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchDocument {
    pub slug: String,
    /// `space`, `practice` or `guide`.
    pub kind: String,
    /// The page, relative to the site's base path (`ruimtes/atelier-noord/`).
    pub url: String,
    pub title: String,
    /// Kinds, disciplines, tags, themes, aliases, the place's name: words that say what it is.
    pub keywords: Vec<String>,
    /// The other names of what it is and where it is, in Dutch, French and English with their
    /// synonyms (salle de répétition, Bruxelles, Limburg), and its facts in words (gratis,
    /// wheelchair accessible): how people ask for it.
    #[serde(default)]
    pub names: Vec<String>,
    /// For a space, every name of the kinds of space it is: a query that names a kind of space
    /// looks for spaces first.
    #[serde(default)]
    pub kind_names: Vec<String>,
    /// Every name of the places it is in and of their provinces: a query that is one of them
    /// ranks these entries first.
    #[serde(default)]
    pub place_names: Vec<String>,
    /// The summary and the text.
    pub body: String,
    /// The place's name, for showing with the result.
    pub place: String,
    /// (group, value) pairs, e.g. ("province", "oost-vlaanderen"); `type` is added from `kind`.
    pub filters: Vec<(String, String)>,
    /// The vocabulary entries whose names are among `keywords`, `names`, `kind_names` and
    /// `place_names`: the suggestion index keeps each entry's names once, not once per document.
    #[serde(default)]
    pub concepts: Vec<crate::ConceptUse>,
    /// The title in other languages, by language code (`fr`, `en`), where the entry gives it:
    /// results and suggestions on that language's pages show it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
}

/// Titles by language as the index stores them, in one text: `fr␟Titre␞en␟Title`. Only the
/// generator writes them; the browser's readers only decode.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub fn encode_titles(titles: &BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = titles
        .iter()
        .map(|(language, title)| format!("{language}\u{1f}{title}"))
        .collect();
    pairs.join("\u{1e}")
}

pub fn decode_titles(text: &str) -> BTreeMap<String, String> {
    text.split('\u{1e}')
        .filter_map(|pair| pair.split_once('\u{1f}'))
        .map(|(language, title)| (language.to_string(), title.to_string()))
        .collect()
}

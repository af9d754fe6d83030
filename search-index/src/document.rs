//! What the generator hands the index for one entry, and the filter groups a search can narrow by.

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
    /// The summary and the text.
    pub body: String,
    /// The place's name, for showing with the result.
    pub place: String,
    /// (group, value) pairs, e.g. ("province", "oost-vlaanderen"); `type` is added from `kind`.
    pub filters: Vec<(String, String)>,
}

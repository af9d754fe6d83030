//! A free-standing page (about, contribute) from `content/pages/`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::Translations;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    /// One sentence for search engines and link previews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The lists that point to this page under "Verder lezen": `spaces`, `practices`, `guides`
    /// or `requests` (the content folders' names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub show_on: Vec<String>,
    /// The title and summary in French and English; without them, those pages show the
    /// original with a note that it is in Dutch.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

//! The search index as an output: the model's published entries become search documents, which
//! the search-index crate packs into one blob with a content hash in its name.

mod documents;

pub use documents::documents;

use crate::render::context::RenderContext;
use crate::render::theme::content_hash;

/// Where the blob lives inside the site.
pub fn blob_route(blob: &[u8]) -> String {
    format!("search/index.{}.bin", content_hash(blob))
}

/// Builds the packed index of every published entry.
pub fn build_blob(ctx: &RenderContext) -> Result<Vec<u8>, String> {
    search_index::build_index(&documents(ctx)).map_err(|e| format!("the search index could not be built: {e}"))
}

/// Labels the search script shows: interface strings, and (for the search page) the name of every
/// filter value, so the script never shows a bare key.
pub fn labels(ctx: &RenderContext, with_filter_values: bool) -> serde_json::Value {
    use crate::content::vocab::VocabularyKind;
    use serde_json::{json, Map, Value};

    let ui_keys = [
        "search_count",
        "search_count_one",
        "search_no_results",
        "search_all_results",
        "search_failed",
        "filter_type",
        "filter_province",
        "filter_place",
        "filter_discipline",
        "filter_kind",
        "filter_wheelchair",
        "filter_price",
    ];
    let ui: Map<String, Value> = ui_keys.iter().map(|k| (k.to_string(), json!(ctx.t(k)))).collect();
    let types =
        json!({ "space": ctx.t("kind_space"), "practice": ctx.t("kind_practice"), "guide": ctx.t("kind_guide") });
    let mut labels = json!({ "ui": ui, "type": types });
    if with_filter_values {
        let vocabulary = |kind: VocabularyKind| -> Value {
            Value::Object(
                ctx.site
                    .vocab
                    .keys(kind)
                    .into_iter()
                    .map(|k| (k.to_string(), json!(ctx.label(kind, k))))
                    .collect(),
            )
        };
        labels["province"] = vocabulary(VocabularyKind::Provinces);
        labels["place"] = vocabulary(VocabularyKind::Places);
        labels["discipline"] = vocabulary(VocabularyKind::Disciplines);
        labels["kind"] = vocabulary(VocabularyKind::SpaceKinds);
        let values = |prefix: &str, keys: &[&str]| -> Value {
            Value::Object(
                keys.iter()
                    .map(|k| (k.to_string(), json!(ctx.t(&format!("{prefix}_{k}")))))
                    .collect(),
            )
        };
        labels["wheelchair"] = values("wheelchair", &["ja", "beperkt", "nee", "onbekend"]);
        labels["price"] = values(
            "price",
            &[
                "gratis",
                "per-uur",
                "per-dag",
                "per-maand",
                "per-jaar",
                "ledenbijdrage",
                "op-aanvraag",
            ],
        );
    }
    labels
}

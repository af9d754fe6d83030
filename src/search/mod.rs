//! The search index as an output: the model's published entries become search documents, which
//! the search-index crate packs into one blob with a content hash in its name.

mod documents;

pub use documents::{batches, documents};

use search_index::SearchDocument;

use crate::hash::ContentHash;
use crate::render::context::RenderContext;

/// Where the blob lives inside the site. The name is the same in every build, so that a change to
/// one entry's text changes the index and that entry's pages, not every page of the site (which
/// would link to a new name); hosts revalidate it rather than caching it for good.
pub const INDEX_ROUTE: &str = "search/index.bin";

/// Documents are made and handed to the index this many at a time.
pub const BATCH: usize = 2_000;

/// What the blob is made from (the documents and the search-index code, whose output is
/// deterministic): the same hash means the same blob.
pub fn documents_hash(ctx: &RenderContext) -> u64 {
    let mut hash = documents_hasher();
    for batch in batches(ctx, BATCH) {
        hash.feed_value(&batch).expect("documents serialise");
    }
    hash.finish()
}

/// Builds the packed index of every published entry, a batch of documents at a time, and gives
/// the blob with its `documents_hash`, worked out on the way (a first build has no earlier hash
/// to compare with, so making every document twice would be waste).
pub fn build_blob_in_batches(ctx: &RenderContext) -> Result<(Vec<u8>, u64), String> {
    let mut hash = documents_hasher();
    let documents = batches(ctx, BATCH)
        .inspect(|batch| hash.feed_value(batch).expect("documents serialise"))
        .flatten();
    let blob =
        search_index::build_index_from(documents).map_err(|e| format!("the search index could not be built: {e}"))?;
    Ok((blob, hash.finish()))
}

fn documents_hasher() -> ContentHash {
    let mut hash = ContentHash::default();
    hash.feed(search_index::SOURCE_HASH.as_bytes());
    hash
}

/// Builds the packed index of every published entry.
pub fn build_blob(documents: &[SearchDocument]) -> Result<Vec<u8>, String> {
    search_index::build_index(documents).map_err(|e| format!("the search index could not be built: {e}"))
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
        labels["price"] = values("price", &crate::content::model::space::PriceModel::KEYS);
    }
    labels
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;
    use crate::content::model::Date;
    use crate::render::theme::Theme;

    /// A rebuild compares `documents_hash` with the hash the last build made on its way: if the
    /// two ever disagreed, every rebuild would build the index again.
    #[test]
    fn the_hash_made_while_building_is_the_one_a_rebuild_compares() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut loaded = crate::content::load(&root.join("tests/fixtures/valid"));
        let config = Config::default();
        let theme = Theme::load(&root.join("themes/default"), &config.language).unwrap();
        let today = Date::parse("2026-01-01").unwrap();
        let built = {
            let ctx = RenderContext::new(&loaded.site, &config, &theme, today, false, &Default::default());
            let (_, built) = build_blob_in_batches(&ctx).unwrap();
            assert_eq!(documents_hash(&ctx), built);
            built
        };
        loaded.site.spaces[0].body.push_str("\nEen nieuwe zin.\n");
        let ctx = RenderContext::new(&loaded.site, &config, &theme, today, false, &Default::default());
        assert_ne!(documents_hash(&ctx), built, "an edited body changes the documents");
        assert_eq!(documents_hash(&ctx), build_blob_in_batches(&ctx).unwrap().1);
    }
}

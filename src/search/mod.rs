//! The search index as an output: the model's published entries become search documents, which
//! the search-index crate packs into one blob with a content hash in its name.

mod documents;

pub use documents::{batches, documents};

use search_index::SearchDocument;

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
    let mut hash = Fnv::default();
    hash.feed(search_index::SOURCE_HASH.as_bytes());
    for batch in batches(ctx, BATCH) {
        serde_json::to_writer(&mut hash, &batch).expect("documents serialise");
    }
    hash.0
}

/// Builds the packed index of every published entry, a batch of documents at a time.
pub fn build_blob_in_batches(ctx: &RenderContext) -> Result<Vec<u8>, String> {
    search_index::build_index_from(batches(ctx, BATCH).flatten())
        .map_err(|e| format!("the search index could not be built: {e}"))
}

/// Builds the packed index of every published entry.
pub fn build_blob(documents: &[SearchDocument]) -> Result<Vec<u8>, String> {
    search_index::build_index(documents).map_err(|e| format!("the search index could not be built: {e}"))
}

/// FNV-1a over whatever is written into it, so a large input is hashed without a copy.
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn feed(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.feed(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

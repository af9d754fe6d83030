//! The header's suggestions in the browser. Only search-index's suggestion reader and its
//! analyzers are linked in, so the browser fetches a small reader on the first focus of the box
//! and the full-text engine only where it is needed (scripts/build-search-wasm.sh builds both).

#[cfg(target_arch = "wasm32")]
mod browser {
    use search_index::{SuggestIndex, SuggestRequest};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    pub struct Suggester {
        index: SuggestIndex,
    }

    #[wasm_bindgen]
    impl Suggester {
        /// Opens the suggestion index from its head, fetched by the page.
        #[wasm_bindgen(constructor)]
        pub fn new(head: Vec<u8>) -> Result<Suggester, JsError> {
            SuggestIndex::open(head)
                .map(|index| Suggester { index })
                .map_err(|e| JsError::new(&e))
        }

        /// Where the parts are, relative to the head's address; part `n` is `<folder><n>.bin`.
        pub fn folder(&self) -> String {
            self.index.folder().to_string()
        }

        /// The suggestions for what was typed, as JSON (search-index's `SuggestResponse`), or
        /// `{"wants": [part, …]}`: fetch those parts, `supply` them, and ask again.
        pub fn suggest(&mut self, q: &str, limit: usize) -> Result<String, JsError> {
            let request = SuggestRequest {
                q: q.to_string(),
                limit,
            };
            let answer = self.index.lazy_suggest(&request).map_err(|e| JsError::new(&e))?;
            answer.to_json().map_err(|e| JsError::new(&e))
        }

        /// What to put before part `n`'s bytes for `DecompressionStream('deflate-raw')`.
        pub fn prefix(&self, part: u32) -> Result<Vec<u8>, JsError> {
            self.index.prefix(part).map_err(|e| JsError::new(&e))
        }

        /// Hands over a fetched part, inflated behind its `prefix`.
        pub fn supply(&self, part: u32, inflated: Vec<u8>) -> Result<(), JsError> {
            self.index.supply(part, inflated).map_err(|e| JsError::new(&e))
        }
    }

    /// The search code this reader was built from; the generator checks it against its own.
    #[wasm_bindgen(js_name = sourceHash)]
    pub fn source_hash() -> String {
        search_index::SOURCE_HASH.to_string()
    }
}

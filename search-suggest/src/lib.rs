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
        /// Opens the suggestion index fetched by the page.
        #[wasm_bindgen(constructor)]
        pub fn new(blob: &[u8]) -> Result<Suggester, JsError> {
            SuggestIndex::open(blob)
                .map(|index| Suggester { index })
                .map_err(|e| JsError::new(&e))
        }

        /// The suggestions for what was typed, as JSON (search-index's `SuggestResponse`).
        pub fn suggest(&mut self, q: &str, limit: usize) -> Result<String, JsError> {
            let response = self.index.suggest(&SuggestRequest {
                q: q.to_string(),
                limit,
            });
            serde_json::to_string(&response).map_err(|e| JsError::new(&e.to_string()))
        }
    }

    /// The search code this reader was built from; the generator checks it against its own.
    #[wasm_bindgen(js_name = sourceHash)]
    pub fn source_hash() -> String {
        search_index::SOURCE_HASH.to_string()
    }
}

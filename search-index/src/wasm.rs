//! The browser's side: open a blob, answer queries. Requests and responses travel as JSON text,
//! which keeps the JavaScript glue small and the types defined once, in Rust.

use wasm_bindgen::prelude::*;

use crate::{SearchIndex, SearchRequest, SOURCE_HASH};

#[wasm_bindgen]
pub struct Searcher {
    index: SearchIndex,
}

#[wasm_bindgen]
impl Searcher {
    /// Opens the packed index fetched by the page.
    #[wasm_bindgen(constructor)]
    pub fn new(blob: Vec<u8>) -> Result<Searcher, JsError> {
        SearchIndex::open(blob)
            .map(|index| Searcher { index })
            .map_err(|e| JsError::new(&e))
    }

    /// `request` is a JSON [`SearchRequest`]; the answer a JSON [`crate::SearchResponse`].
    pub fn search(&self, request: &str) -> Result<String, JsError> {
        let request: SearchRequest = serde_json::from_str(request).map_err(|e| JsError::new(&e.to_string()))?;
        let response = self.index.search(&request).map_err(|e| JsError::new(&e))?;
        serde_json::to_string(&response).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// The search code this reader was built from; the generator checks it against its own.
#[wasm_bindgen(js_name = sourceHash)]
pub fn source_hash() -> String {
    SOURCE_HASH.to_string()
}

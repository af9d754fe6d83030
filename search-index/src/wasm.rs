//! The browser's side: open the index's head, answer queries, fetching parts as they are wanted.
//! Requests and responses travel as JSON text, which keeps the JavaScript glue small and the types
//! defined once, in Rust.

use wasm_bindgen::prelude::*;

use crate::{LazyIndex, SearchRequest, SOURCE_HASH};

#[wasm_bindgen]
pub struct Searcher {
    index: LazyIndex,
}

#[wasm_bindgen]
impl Searcher {
    /// Opens the index from its head (`search/index.bin`), fetched by the page.
    #[wasm_bindgen(constructor)]
    pub fn new(head: Vec<u8>) -> Result<Searcher, JsError> {
        LazyIndex::open(head)
            .map(|index| Searcher { index })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Where the parts are, relative to the head's address; part `n` is `<folder><n>.bin`.
    pub fn folder(&self) -> String {
        self.index.folder().to_string()
    }

    /// `request` is a JSON [`SearchRequest`]. The answer is a JSON [`crate::SearchResponse`], or
    /// `{"wants": [part, …]}`: fetch those parts, `supply` them, and ask again.
    pub fn search(&mut self, request: &str) -> Result<String, JsError> {
        let request: SearchRequest = serde_json::from_str(request).map_err(|e| JsError::new(&e.to_string()))?;
        let answer = self.index.search(&request).map_err(|e| JsError::new(&e))?;
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
    SOURCE_HASH.to_string()
}

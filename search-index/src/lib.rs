//! The directory's search: schema, analyzers and queries, shared by the generator (native) and the
//! browser (wasm32) so the index and its reader cannot drift apart.
//!
//! Only the crate exists so far; the search issue fills it.

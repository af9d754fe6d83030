//! ruimte: a static site generator for a directory of cultural workspaces, good practices and
//! legal guides in Flanders and Brussels.
//!
//! The flow is the layout: [`content`] reads, types and validates the Markdown/YAML entries into
//! one model; later stages (rendering, exports, the search index) read that model and never the
//! files. [`diagnostics`] is how every problem reaches a person.

// A Diagnostic is a few hundred bytes and only travels on the error path; boxing it would add
// noise to every signature for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod export;
pub mod form;
pub mod hash;
pub mod matching;
pub mod output;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod timing;

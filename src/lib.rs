//! ruimte: a static site generator for a directory of cultural workspaces, good practices and
//! legal guides in Flanders and Brussels.
//!
//! The flow is the layout, each layer knowing only those below it:
//! - [`content`] reads, types and validates the Markdown/YAML entries into one model;
//! - [`site`] is the published view of that model: which entries are published, where each lives,
//!   what each is called, links, matches and figures;
//! - [`render`] (pages), [`export`] (open data) and [`search`] (the index) each turn the view into
//!   files, and none of them reads another;
//! - [`build`] runs them into a staging folder (or memory) and swaps the result in;
//! - [`cmd`] and [`serve`] are what a person runs.
//!
//! Beneath them all: [`config`], [`diagnostics`] (how every problem reaches a person), [`output`]
//! (where files go), [`html`], [`hash`] and [`timing`]; [`form`] is the model's fields as a form.

// A Diagnostic is a few hundred bytes and only travels on the error path; boxing it would add
// noise to every signature for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod export;
pub mod form;
pub mod hash;
pub mod html;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod timing;

//! Reading, typing and validating the directory's content. `load` reads every file once into a
//! [`Site`]; `validate` checks the model against itself and its vocabularies.

pub mod front_matter;
pub mod load;
pub mod model;
pub mod parse;
pub mod site;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod validate;
pub mod vocab;
pub mod yaml;

pub use load::{load, LoadResult};
pub use site::{Entry, EntryKind, Site};

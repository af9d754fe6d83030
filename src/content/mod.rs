//! Reading, typing and validating the directory's content. `load` reads every file once into a
//! [`Model`]; `validate` checks the model against itself and its vocabularies.

pub mod entries;
pub mod front_matter;
pub mod geo;
pub mod load;
pub mod model;
pub mod parse;
pub mod schema;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod validate;
pub mod vocab;
pub mod yaml;

pub use entries::{Entry, EntryKind, Model};
pub use load::{load, LoadResult};

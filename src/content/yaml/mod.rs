//! YAML front matter: parsing with positions, and typed deserialization that reports every problem.

pub mod path;
pub mod spans;
pub mod typed;

pub use path::FieldPath;
pub use spans::{Pos, SpanMap};

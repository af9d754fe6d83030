//! The typed content model: one type per entry kind, each the single definition from which
//! loading, validation and the JSON Schema are derived.

pub mod common;
pub mod guide;
pub mod keys;
pub mod page;
pub mod practice;
pub mod request;
pub mod space;

pub use common::*;
pub use guide::Guide;
pub use keys::{Keyed, Labelled};
pub use page::Page;
pub use practice::Practice;
pub use request::Request;
pub use space::Space;

//! JSON Schemas of the front matter, derived from the Rust types (the one definition) and filled
//! with the vocabularies' keys, so an editor with yaml-language-server completes and checks fields
//! while a contributor types.

use schemars::{JsonSchema, Schema};
use serde_json::{json, Value};

use crate::content::entries::EntryKind;
use crate::content::model::KEY_TYPES;
use crate::content::model::{Guide, Page, Practice, Request, Space};
use crate::content::vocab::Vocabularies;

/// The file name of the schema for one entry kind, e.g. `space.schema.json`.
pub fn file_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Space => "space.schema.json",
        EntryKind::Practice => "practice.schema.json",
        EntryKind::Guide => "guide.schema.json",
        EntryKind::Page => "page.schema.json",
        EntryKind::Request => "request.schema.json",
    }
}

pub fn schema_for(kind: EntryKind, vocab: &Vocabularies) -> Value {
    let schema = match kind {
        EntryKind::Space => generate::<Space>(),
        EntryKind::Practice => generate::<Practice>(),
        EntryKind::Guide => generate::<Guide>(),
        EntryKind::Page => generate::<Page>(),
        EntryKind::Request => generate::<Request>(),
    };
    let mut value = schema.to_value();
    add_vocabulary_enums(&mut value, vocab);
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), json!(format!("ruimte: {} front matter", kind.noun())));
    }
    value
}

fn generate<T: JsonSchema>() -> Schema {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Every vocabulary key type is a `$defs` entry named after it; give each the allowed keys.
fn add_vocabulary_enums(schema: &mut Value, vocab: &Vocabularies) {
    let definitions = ["definitions", "$defs"]
        .into_iter()
        .find_map(|k| schema.get(k).map(|_| k));
    let Some(definitions) = definitions
        .and_then(|k| schema.get_mut(k))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (name, kind) in KEY_TYPES {
        if let Some(Value::Object(def)) = definitions.get_mut(name) {
            let keys: Vec<Value> = vocab.keys(kind).into_iter().map(|k| json!(k)).collect();
            if !keys.is_empty() {
                def.insert("enum".into(), Value::Array(keys));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_schema_forbids_unknown_fields_and_requires_sources() {
        let schema = schema_for(EntryKind::Space, &Vocabularies::default());
        assert_eq!(schema["additionalProperties"], json!(false));
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for field in ["name", "place", "sources"] {
            assert!(required.contains(&field), "{field} should be required: {required:?}");
        }
        // A place the sources only name may leave its kinds out; `ruimte check` requires them of
        // a workspace on offer.
        assert!(!required.contains(&"kinds"));
        // Set only when someone has checked the facts: never required.
        assert!(!required.contains(&"last_verified"));
    }
}

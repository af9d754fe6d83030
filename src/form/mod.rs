//! The form of each entry type: its fields in the order the Rust types declare them, walked from
//! the JSON Schema that schemars derives from those types (so the model stays the one source), with
//! the Dutch label and hint a contributor reads. `ruimte new` writes a new entry from it and the
//! Decap CMS configuration is generated from it.

pub mod decap;
pub mod template;

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::content::entries::EntryKind;
use crate::content::vocab::{Vocabularies, VocabularyKind};

/// One field of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The YAML key.
    pub name: String,
    /// Dotted from the entry's top (`accessibility.wheelchair`, `sources.title`): the key into
    /// the labels.
    pub path: String,
    pub label: String,
    pub hint: String,
    pub required: bool,
    /// Optional for the schema but asked for in a new entry (one of a pair that must not both be
    /// empty, like a request's places and provinces).
    pub ask: bool,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A line of text; `multiline` for a few sentences.
    Text {
        multiline: bool,
    },
    Integer,
    Number,
    Boolean,
    /// YYYY-MM-DD.
    Date,
    /// A year, a month or a date.
    PartialDate,
    /// A web address (https://, mailto:, tel:).
    Link,
    /// One value of a fixed list, or several.
    Choice {
        options: Vec<Choice>,
        multiple: bool,
    },
    Object(Vec<Field>),
    /// A list of texts (`Text`) or of objects (`Object`).
    List(Box<Shape>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Deserialize)]
struct Label {
    label: String,
    #[serde(default)]
    hint: String,
    /// A text of a few sentences rather than one line.
    #[serde(default)]
    multiline: bool,
    #[serde(default)]
    ask: bool,
    /// Asked for in the form and in `ruimte new` though the schema lets it out: a field the usual
    /// entry needs (a new space is on offer, so it says what kind it is).
    #[serde(default)]
    required: bool,
}

/// Dutch labels and hints by field path. A field without one is a test failure, not a silent
/// English key in the form.
const LABELS: &str = include_str!("labels.nl.toml");

fn labels() -> BTreeMap<String, Label> {
    toml::from_str(LABELS).expect("src/form/labels.nl.toml is valid")
}

/// The fields of one entry type, in declaration order.
pub fn fields(kind: EntryKind, vocab: &Vocabularies) -> Vec<Field> {
    let schema = crate::content::schema::schema_for(kind, vocab);
    let walker = Walker {
        root: &schema,
        vocab,
        labels: labels(),
    };
    walker.object_fields(&schema, "")
}

/// Field paths that have no Dutch label, for the test that keeps the labels complete.
pub fn unlabelled(kind: EntryKind, vocab: &Vocabularies) -> Vec<String> {
    let labels = labels();
    let mut missing = Vec::new();
    collect_paths(&fields(kind, vocab), &mut |f| {
        if !labels.contains_key(&f.path) {
            missing.push(f.path.clone());
        }
    });
    missing
}

/// Calls `visit` on every field, nested ones included.
pub fn collect_paths(fields: &[Field], visit: &mut dyn FnMut(&Field)) {
    for field in fields {
        visit(field);
        match &field.shape {
            Shape::Object(inner) => collect_paths(inner, visit),
            Shape::List(item) => {
                if let Shape::Object(inner) = item.as_ref() {
                    collect_paths(inner, visit);
                }
            }
            _ => {}
        }
    }
}

struct Walker<'a> {
    root: &'a Value,
    vocab: &'a Vocabularies,
    labels: BTreeMap<String, Label>,
}

impl Walker<'_> {
    fn object_fields(&self, object: &Value, prefix: &str) -> Vec<Field> {
        let required: Vec<&str> = object["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(properties) = object["properties"].as_object() else {
            return Vec::new();
        };
        properties
            .iter()
            .map(|(name, schema)| {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                let label = self.labels.get(&path);
                let shape = self.shape(schema, &path, label.is_some_and(|l| l.multiline));
                Field {
                    name: name.clone(),
                    label: label.map(|l| l.label.clone()).unwrap_or_else(|| name.clone()),
                    hint: label.map(|l| l.hint.clone()).unwrap_or_default(),
                    required: required.contains(&name.as_str()) || label.is_some_and(|l| l.required),
                    ask: label.is_some_and(|l| l.ask),
                    path,
                    shape,
                }
            })
            .collect()
    }

    fn shape(&self, schema: &Value, path: &str, multiline: bool) -> Shape {
        // `Option<T>` is `anyOf [T, null]`; a defaulted struct is `allOf [T]`.
        for key in ["anyOf", "allOf", "oneOf"] {
            if let Some(list) = schema[key].as_array() {
                let not_null: Vec<&Value> = list.iter().filter(|s| s["type"] != "null").collect();
                if let [only] = not_null.as_slice() {
                    return self.shape(only, path, multiline);
                }
            }
        }
        if let Some(reference) = schema["$ref"].as_str() {
            let name = reference.rsplit('/').next().unwrap_or_default();
            return match name {
                "Date" => Shape::Date,
                "PartialDate" => Shape::PartialDate,
                "Link" => Shape::Link,
                "Text" => Shape::Text { multiline: false },
                _ => match VocabularyKind::of_key_type(name) {
                    Some(kind) => self.vocabulary_choice(kind, false),
                    None => {
                        let definition = &self.root["definitions"][name];
                        self.shape(definition, path, multiline)
                    }
                },
            };
        }
        if let Some(options) = enum_values(schema) {
            return Shape::Choice {
                options: options
                    .into_iter()
                    .map(|value| Choice {
                        label: value.replace('-', " "),
                        value,
                    })
                    .collect(),
                multiple: false,
            };
        }
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
            _ => Vec::new(),
        };
        match types.first().copied() {
            Some("array") => match self.shape(&schema["items"], path, multiline) {
                Shape::Choice { options, .. } => Shape::Choice {
                    options,
                    multiple: true,
                },
                item => Shape::List(Box::new(item)),
            },
            Some("object") => Shape::Object(self.object_fields(schema, path)),
            Some("boolean") => Shape::Boolean,
            Some("integer") if types.contains(&"string") => Shape::Text { multiline: false },
            Some("integer") => Shape::Integer,
            Some("number") => Shape::Number,
            _ => Shape::Text { multiline },
        }
    }

    fn vocabulary_choice(&self, kind: VocabularyKind, multiple: bool) -> Shape {
        let options = match kind {
            VocabularyKind::Places => self
                .vocab
                .places
                .iter()
                .map(|p| Choice {
                    value: p.key.clone(),
                    label: p.nl.clone(),
                })
                .collect(),
            _ => self
                .vocab
                .terms(kind)
                .iter()
                .map(|t| Choice {
                    value: t.key.clone(),
                    label: t.nl.clone(),
                })
                .collect(),
        };
        Shape::Choice { options, multiple }
    }
}

/// The values of a unit enum: `enum: [..]`, or `oneOf` of `const`s when variants carry docs.
fn enum_values(schema: &Value) -> Option<Vec<String>> {
    if let Some(values) = schema["enum"].as_array() {
        return Some(values.iter().filter_map(|v| v.as_str().map(String::from)).collect());
    }
    let variants = schema["oneOf"].as_array()?;
    variants
        .iter()
        .map(|v| v["const"].as_str().or_else(|| v["enum"][0].as_str()).map(String::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_every_type_has_a_dutch_label() {
        let vocab = Vocabularies::default();
        for kind in EntryKind::ALL {
            assert_eq!(unlabelled(kind, &vocab), Vec::<String>::new(), "{kind:?}");
        }
    }

    #[test]
    fn fields_come_in_the_order_the_types_declare_them() {
        let vocab = Vocabularies::default();
        let names: Vec<String> = fields(EntryKind::Space, &vocab).into_iter().map(|f| f.name).collect();
        assert_eq!(&names[..5], ["name", "kinds", "status", "disciplines", "place"]);
        assert_eq!(names.last().map(String::as_str), Some("draft"));
    }

    #[test]
    fn shapes_follow_the_types() {
        let vocab = Vocabularies::default();
        let space = fields(EntryKind::Space, &vocab);
        let find = |name: &str| space.iter().find(|f| f.name == name).unwrap();
        assert!(matches!(find("kinds").shape, Shape::Choice { multiple: true, .. }));
        assert!(find("kinds").required && !find("disciplines").required);
        assert_eq!(find("last_verified").shape, Shape::Date);
        assert_eq!(find("capacity").shape, Shape::Integer);
        assert_eq!(find("size_m2").shape, Shape::Number);
        let Shape::Object(accessibility) = &find("accessibility").shape else {
            panic!("accessibility is an object")
        };
        let wheelchair = accessibility.iter().find(|f| f.name == "wheelchair").unwrap();
        let Shape::Choice {
            options,
            multiple: false,
        } = &wheelchair.shape
        else {
            panic!("wheelchair is one choice")
        };
        let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, ["ja", "beperkt", "nee", "onbekend"]);
        let Shape::List(source) = &find("sources").shape else {
            panic!("sources is a list")
        };
        assert!(matches!(source.as_ref(), Shape::Object(f) if f.iter().any(|f| f.name == "title" && f.required)));
    }
}

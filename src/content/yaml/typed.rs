//! Turns a parsed YAML value into a typed front matter while collecting *every* structural problem,
//! not only the first one serde stops at: after each error the offending field is taken out of a
//! working copy and deserialization runs again. Paths are translated back to the original document
//! so that list indices stay right after an item was taken out.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::path::{FieldPath, Segment};

/// A structural problem at a field, as serde reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: FieldPath,
    pub kind: FieldErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldErrorKind {
    UnknownField {
        field: String,
        allowed: Vec<String>,
    },
    MissingField {
        field: String,
    },
    UnknownVariant {
        found: String,
        allowed: Vec<String>,
    },
    /// Wrong type or value: serde's description of what was found and what was expected.
    Invalid {
        found: String,
        expected: String,
    },
    Other(String),
}

/// How many errors one document may produce before we stop retrying (a file of garbage should not
/// cost quadratic time).
const MAX_ERRORS_PER_DOCUMENT: usize = 50;

/// A document with structural errors, and the typed value that remains once the offending fields
/// are taken out (absent when a required field had to go), so later checks can still run on it.
#[derive(Debug)]
pub struct Partial<T> {
    pub value: Option<T>,
    pub errors: Vec<FieldError>,
}

/// `yaml` is the document's text and `value` the same document parsed. Every attempt types from
/// text, as the fast path does (serde_yaml keeps a plain scalar's text when a field wants a string,
/// so `phone: 0912…` keeps its 0 there but not in a `Value`); after a field is taken out, the
/// working copy is written back to text for the next attempt.
pub fn deserialize<T: DeserializeOwned>(yaml: &str, value: &Value) -> Result<T, Partial<T>> {
    let mut work = value.clone();
    let mut text = yaml.to_string();
    let mut errors = Vec::new();
    let mut removed_fields = BTreeSet::new();
    let mut removed_items: BTreeMap<FieldPath, Vec<usize>> = BTreeMap::new();

    while errors.len() < MAX_ERRORS_PER_DOCUMENT {
        let error = match serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(&text)) {
            Ok(typed) if errors.is_empty() => return Ok(typed),
            Ok(typed) => {
                return Err(Partial {
                    value: Some(typed),
                    errors,
                })
            }
            Err(e) => e,
        };
        let work_path = convert_path(error.path());
        let kind = classify(&error.inner().to_string());
        let path = to_original(&work_path, &removed_items);

        // Which part of the working copy to take out so the next run gets further.
        let (target, target_original) = match &kind {
            FieldErrorKind::UnknownField { field, .. } if work_path.last_key() != Some(field) => {
                (work_path.key(field), path.key(field))
            }
            FieldErrorKind::MissingField { .. } => (work_path.clone(), path.clone()),
            _ => (work_path.clone(), path.clone()),
        };

        let caused_by_us = matches!(&kind, FieldErrorKind::MissingField { field }
            if removed_fields.contains(&path.key(field)));
        if !caused_by_us {
            errors.push(FieldError {
                path: path.clone(),
                kind,
            });
        }

        if target.is_root() || !remove(&mut work, &target) {
            break;
        }
        if let (Some(Segment::Index(i)), Some(parent)) = (target_original.0.last(), target_original.parent()) {
            let list = removed_items.entry(parent).or_default();
            list.push(*i);
            list.sort_unstable();
        } else {
            removed_fields.insert(target_original);
        }
        match serde_yaml::to_string(&work) {
            Ok(next) => text = next,
            Err(_) => break,
        }
    }
    Err(Partial { value: None, errors })
}

fn convert_path(path: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment as S;
    FieldPath(
        path.iter()
            .filter_map(|segment| match segment {
                S::Seq { index } => Some(Segment::Index(*index)),
                S::Map { key } => Some(Segment::Key(key.clone())),
                S::Enum { .. } | S::Unknown => None,
            })
            .collect(),
    )
}

/// Maps a path in the working copy back to the original document, skipping list items taken out.
fn to_original(path: &FieldPath, removed_items: &BTreeMap<FieldPath, Vec<usize>>) -> FieldPath {
    let mut original = FieldPath::root();
    for segment in &path.0 {
        original = match segment {
            Segment::Key(k) => original.key(k),
            Segment::Index(i) => {
                let removed = removed_items.get(&original).map(Vec::as_slice).unwrap_or(&[]);
                // The i-th index (0-based) that was not removed.
                let index = (0..).filter(|n| !removed.contains(n)).nth(*i).unwrap_or(*i);
                original.index(index)
            }
        };
    }
    original
}

fn remove(value: &mut Value, path: &FieldPath) -> bool {
    let Some((last, parents)) = path.0.split_last() else {
        return false;
    };
    let mut current = value;
    for segment in parents {
        let next = match (segment, current) {
            (Segment::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str()),
            (Segment::Index(i), Value::Sequence(s)) => s.get_mut(*i),
            _ => None,
        };
        match next {
            Some(v) => current = v,
            None => return false,
        }
    }
    match (last, current) {
        // shift_remove keeps the document order, so errors keep coming in reading order.
        (Segment::Key(k), Value::Mapping(m)) => m.shift_remove(k.as_str()).is_some(),
        (Segment::Index(i), Value::Sequence(s)) if *i < s.len() => {
            s.remove(*i);
            true
        }
        _ => false,
    }
}

/// Reads serde's standard error messages (their wording is fixed by `serde::de::Error`'s defaults).
fn classify(message: &str) -> FieldErrorKind {
    let message = strip_location(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, allowed) = split_expected(rest);
        return FieldErrorKind::UnknownField { field, allowed };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, allowed) = split_expected(rest);
        return FieldErrorKind::UnknownVariant { found, allowed };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return FieldErrorKind::MissingField {
            field: rest.trim_matches('`').to_string(),
        };
    }
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return FieldErrorKind::Invalid {
                    found: found.to_string(),
                    expected: expected.to_string(),
                };
            }
        }
    }
    FieldErrorKind::Other(message.to_string())
}

/// serde_yaml wraps messages as `path: message at line L column C`; the path and the position
/// are ours to report, so both are taken off.
fn strip_location(message: &str) -> &str {
    let mut message = message;
    if let Some(i) = message.rfind(" at line ") {
        let tail = &message[i + " at line ".len()..];
        if tail
            .split(" column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            message = &message[..i];
        }
    }
    const MARKERS: [&str; 6] = [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "unknown field ",
        "unknown variant ",
        "missing field ",
    ];
    match MARKERS.iter().filter_map(|m| message.find(m)).min() {
        Some(start) => &message[start..],
        None => message,
    }
}

/// Splits "`x`, expected one of `a`, `b`" into ("x", ["a", "b"]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
    let allowed = expected
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    (name.trim_matches('`').to_string(), allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        count: u32,
        inner: Inner,
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        colour: Colour,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        n: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Colour {
        Red,
        Blue,
    }

    fn errors(yaml: &str) -> Vec<(String, FieldErrorKind)> {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        match deserialize::<Doc>(yaml, &value) {
            Ok(_) => vec![],
            Err(partial) => partial
                .errors
                .into_iter()
                .map(|e| (e.path.to_string(), e.kind))
                .collect(),
        }
    }

    #[test]
    fn valid_document_has_no_errors() {
        assert!(errors("name: a\ncount: 1\ninner: {colour: red}\nitems: [{n: 1}]").is_empty());
    }

    #[test]
    fn collects_every_error_in_one_document() {
        let found = errors("name: a\ncount: many\nnmae: b\ninner: {colour: grean}\nitems: [{n: x}, {n: 2}, {n: y}]");
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["count", "nmae", "inner.colour", "items[0].n", "items[2].n"]);
        assert!(
            matches!(&found[1].1, FieldErrorKind::UnknownField { field, allowed } if field == "nmae" && allowed.contains(&"name".to_string()))
        );
        assert!(
            matches!(&found[2].1, FieldErrorKind::UnknownVariant { found, allowed } if found == "grean" && allowed == &["red", "blue"])
        );
    }

    #[test]
    fn the_rest_of_a_document_stays_usable_after_an_optional_field_is_dropped() {
        #[derive(Debug, Deserialize)]
        struct Small {
            name: String,
            #[serde(default)]
            count: Option<u32>,
        }
        let yaml = "name: a\ncount: many";
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        let partial = deserialize::<Small>(yaml, &value).unwrap_err();
        assert_eq!(partial.value.map(|s| (s.name, s.count)), Some(("a".to_string(), None)));
        assert_eq!(partial.errors.len(), 1);
    }

    #[test]
    fn serde_yaml_positions_and_paths_are_taken_off_messages() {
        assert_eq!(
            classify("inner.n: invalid type: string \"q\", expected u32 at line 3 column 23"),
            FieldErrorKind::Invalid {
                found: "string \"q\"".into(),
                expected: "u32".into()
            }
        );
        assert_eq!(
            classify("inner: unknown field `zz`, expected `colour` or `n` at line 3 column 26"),
            FieldErrorKind::UnknownField {
                field: "zz".into(),
                allowed: vec!["colour".into(), "n".into()]
            }
        );
    }

    #[test]
    fn missing_field_is_reported_once() {
        let found = errors("name: a\ninner: {colour: red}\nitems: []");
        assert_eq!(
            found,
            vec![(String::new(), FieldErrorKind::MissingField { field: "count".into() })]
        );
    }
}

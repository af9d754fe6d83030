//! Where each field of a YAML document is written. serde_yaml reports positions only for syntax
//! errors, so a second, event-level parse (yaml-rust2) records the line and column of every key and
//! value; diagnostics found later, on the typed model, look their field up here.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::path::{FieldPath, Segment};

/// A 1-based position in the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// The positions of the keys and values of one YAML document.
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    keys: HashMap<FieldPath, Pos>,
    values: HashMap<FieldPath, Pos>,
    /// Keys written a second time in the same mapping, in reading order.
    duplicates: Vec<(FieldPath, Pos)>,
}

impl SpanMap {
    /// Records positions; a document yaml-rust2 cannot parse yields an empty map (serde_yaml reports
    /// the syntax error itself).
    pub fn build(yaml: &str) -> SpanMap {
        let mut recorder = Recorder::default();
        let mut parser = Parser::new_from_str(yaml);
        if parser.load(&mut recorder, false).is_err() {
            return SpanMap::default();
        }
        recorder.spans
    }

    /// Where the field is written: its key for a mapping entry, its value for a list item. Falls back
    /// to the nearest parent that is known.
    pub fn field(&self, path: &FieldPath) -> Option<Pos> {
        let mut current = Some(path.clone());
        while let Some(p) = current {
            if let Some(pos) = self.keys.get(&p).or_else(|| self.values.get(&p)) {
                return Some(*pos);
            }
            current = p.parent();
        }
        None
    }

    /// Whether the field is written, whatever its value (a value that failed to type still counts).
    pub fn is_written(&self, path: &FieldPath) -> bool {
        self.keys.contains_key(path)
    }

    /// The first key that appears twice in one mapping, at its second appearance.
    pub fn first_duplicate(&self) -> Option<(FieldPath, Pos)> {
        self.duplicates.first().cloned()
    }

    /// Where the field's value starts (for "wrong value" diagnostics), else where its key is.
    pub fn value(&self, path: &FieldPath) -> Option<Pos> {
        self.values.get(path).copied().or_else(|| self.field(path))
    }
}

enum Frame {
    Map {
        path: FieldPath,
        key: Option<String>,
    },
    Seq {
        path: FieldPath,
        next: usize,
    },
    /// A mapping or sequence used as a mapping key: ignored, it is never a field.
    ComplexKey,
}

#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    spans: SpanMap,
}

fn pos(mark: Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Recorder {
    /// Decides what the node starting at `mark` is: a key (returns None after recording it) or a
    /// value (returns its path, after recording its position).
    fn place_node(&mut self, mark: Marker, scalar: Option<&str>) -> Option<FieldPath> {
        match self.stack.last_mut() {
            None => Some(FieldPath::root()),
            Some(Frame::ComplexKey) => None,
            Some(Frame::Map { path, key }) => match key.take() {
                None => {
                    // This node is a key.
                    let name = scalar.unwrap_or("?").to_string();
                    let field = path.key(&name);
                    let key_pos = pos(mark);
                    match self.spans.keys.entry(field) {
                        Entry::Occupied(first) => self.spans.duplicates.push((first.key().clone(), key_pos)),
                        Entry::Vacant(slot) => {
                            slot.insert(key_pos);
                        }
                    }
                    // A block mapping's start mark sits after its first key; the key itself is
                    // where a reader sees the mapping begin.
                    if let Some(map_pos) = self.spans.values.get_mut(path) {
                        if map_pos.line == key_pos.line && key_pos.column < map_pos.column {
                            *map_pos = key_pos;
                        }
                    }
                    *key = Some(name);
                    None
                }
                Some(name) => {
                    let field = path.key(&name);
                    self.spans.values.entry(field.clone()).or_insert(pos(mark));
                    Some(field)
                }
            },
            Some(Frame::Seq { path, next }) => {
                let field = path.index(*next);
                *next += 1;
                self.spans.values.entry(field.clone()).or_insert(pos(mark));
                Some(field)
            }
        }
    }

    fn is_key_position(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map { key: None, .. }) | Some(Frame::ComplexKey)
        )
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(ref value, ..) => {
                self.place_node(mark, Some(value));
            }
            Event::Alias(_) => {
                self.place_node(mark, Some("*alias"));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                if self.is_key_position() {
                    // A complex key: consume the key slot so the following node is its value.
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some("?".into());
                    }
                    self.stack.push(Frame::ComplexKey);
                    return;
                }
                let path = self.place_node(mark, None).unwrap_or_default();
                self.stack.push(if is_map {
                    Frame::Map { path, key: None }
                } else {
                    Frame::Seq { path, next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl FieldPath {
    /// The last key of the path, if it ends in a key.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(k)) => Some(k),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(map: &SpanMap, path: &str) -> (usize, usize) {
        let p = map.field(&FieldPath::parse(path)).expect(path);
        (p.line, p.column)
    }

    #[test]
    fn records_keys_nested_maps_and_list_items() {
        let yaml = "name: Zaal\naccessibility:\n  wheelchair: ja\nsources:\n  - title: A\n  - title: B\n    url: x\nkinds: [atelier, studio]\n";
        let map = SpanMap::build(yaml);
        assert_eq!(at(&map, "name"), (1, 1));
        assert_eq!(at(&map, "accessibility.wheelchair"), (3, 3));
        assert_eq!(at(&map, "sources[1].url"), (7, 5));
        assert_eq!(at(&map, "sources[1]"), (6, 5));
        assert_eq!(
            map.value(&FieldPath::parse("kinds[1]")).map(|p| (p.line, p.column)),
            Some((8, 18))
        );
        // An unknown path falls back to its nearest known parent.
        assert_eq!(at(&map, "accessibility.nothing"), (2, 1));
    }

    #[test]
    fn broken_yaml_gives_an_empty_map() {
        let map = SpanMap::build("a: [unclosed\n");
        assert!(map.field(&FieldPath::parse("a")).is_none());
    }
}

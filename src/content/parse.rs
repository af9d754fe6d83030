//! From front-matter text to a typed value: YAML syntax errors with the file's own line numbers,
//! then every structural problem (unknown field, missing field, wrong type, unknown value) as a
//! diagnostic with what was found, what was expected and a hint.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::content::suggest::closest;
use crate::content::yaml::typed::{self, FieldError, FieldErrorKind};
use crate::content::yaml::{FieldPath, SpanMap};
use crate::diagnostics::Diagnostic;

/// Positions of one file's fields, in file coordinates. The positions are worked out only when a
/// diagnostic first needs them: most files have none, and the second parse would double the cost
/// of `check`.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    pub file: String,
    yaml: String,
    spans: OnceLock<SpanMap>,
    /// File line of the first YAML line, minus one.
    line_offset: usize,
}

impl Locator {
    pub fn new(file: &str, yaml: &str, yaml_first_line: usize) -> Locator {
        Locator {
            file: file.to_string(),
            yaml: yaml.to_string(),
            spans: OnceLock::new(),
            line_offset: yaml_first_line - 1,
        }
    }

    /// Drops the front-matter text kept for diagnostics, once none can come any more (a build
    /// after validation): at 100,000 entries it is over a hundred megabytes.
    pub fn release_text(&mut self) {
        self.yaml = String::new();
    }

    fn spans(&self) -> &SpanMap {
        self.spans.get_or_init(|| SpanMap::build(&self.yaml))
    }

    /// Whether the front matter writes this field (`compare.use`), even where its value did not
    /// type: a later check must not call a field missing that is there but wrong.
    pub fn is_written(&self, path: &str) -> bool {
        self.spans().is_written(&FieldPath::parse(path))
    }

    /// Places a diagnostic at the field's key (or its nearest known parent), naming the field.
    pub fn at_field(&self, diagnostic: Diagnostic, path: &FieldPath) -> Diagnostic {
        self.place(diagnostic, path, self.spans().field(path))
    }

    /// Places a diagnostic at the field's value.
    pub fn at_value(&self, diagnostic: Diagnostic, path: &FieldPath) -> Diagnostic {
        self.place(diagnostic, path, self.spans().value(path))
    }

    fn place(&self, diagnostic: Diagnostic, path: &FieldPath, pos: Option<crate::content::yaml::Pos>) -> Diagnostic {
        let diagnostic = match pos {
            Some(p) => diagnostic.at(p.line + self.line_offset, p.column),
            // The opening `---`: the front matter as a whole.
            None => diagnostic.at(1, 1),
        };
        if path.is_root() {
            diagnostic
        } else {
            diagnostic.field(path.to_string())
        }
    }
}

/// Parses and types one front matter. On failure returns every diagnostic found.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    yaml: &str,
    yaml_first_line: usize,
) -> (Option<T>, Locator, Vec<Diagnostic>) {
    let locator = Locator::new(file, yaml, yaml_first_line);
    // Nearly every file types at the first try: one parse, straight into the type. Only a file
    // with a problem takes the slow path below, which parses again to find every problem.
    if let Ok(typed) = serde_yaml::from_str::<T>(yaml) {
        return (Some(typed), locator, Vec::new());
    }
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => return (None, locator, vec![syntax_error(file, yaml, yaml_first_line, &e)]),
    };
    if !matches!(value, Value::Mapping(_)) {
        let found = match value {
            Value::Null => "nothing".to_string(),
            Value::Sequence(_) => "a list".to_string(),
            _ => "a single value".to_string(),
        };
        let d = Diagnostic::error(
            "front-matter-not-fields",
            file,
            "the front matter must be a set of `field: value` lines",
        )
        .at(1, 1)
        .found(found)
        .expected("fields such as `name: …`")
        .hint("write one `field: value` per line between the two `---` lines");
        return (None, locator, vec![d]);
    }
    into_typed(yaml, value, locator)
}

/// Parses and types a whole YAML file whose top level is a list (a vocabulary).
pub fn parse_list<T: DeserializeOwned>(file: &str, yaml: &str) -> (Option<Vec<T>>, Locator, Vec<Diagnostic>) {
    let locator = Locator::new(file, yaml, 1);
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => return (None, locator, vec![syntax_error(file, yaml, 1, &e)]),
    };
    if !matches!(value, Value::Sequence(_)) {
        let d = Diagnostic::error(
            "vocabulary-not-list",
            file,
            "a vocabulary file must be a list of entries",
        )
        .at(1, 1)
        .expected("lines starting with `- key: …`");
        return (None, locator, vec![d]);
    }
    into_typed(yaml, value, locator)
}

/// The typed value comes back whenever one could be made, even beside diagnostics, so that later
/// checks still run on the fields that were fine.
fn into_typed<T: DeserializeOwned>(
    yaml: &str,
    value: Value,
    locator: Locator,
) -> (Option<T>, Locator, Vec<Diagnostic>) {
    match typed::deserialize::<T>(yaml, &value) {
        Ok(t) => (Some(t), locator, Vec::new()),
        Err(partial) => {
            let diagnostics = partial.errors.iter().map(|e| field_error(&locator, e)).collect();
            (partial.value, locator, diagnostics)
        }
    }
}

fn syntax_error(file: &str, yaml: &str, yaml_first_line: usize, e: &serde_yaml::Error) -> Diagnostic {
    if e.to_string().starts_with("duplicate entry") {
        if let Some((path, pos)) = SpanMap::build(yaml).first_duplicate() {
            return Diagnostic::error("duplicate-field", file, format!("the field `{path}` appears twice"))
                .at(pos.line + yaml_first_line - 1, pos.column)
                .field(path.to_string())
                .hint("each field may appear only once; remove or merge the repeated one");
        }
    }
    let message = e.to_string();
    // serde_yaml appends its own (front-matter-relative) position; ours replaces it.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let (mut line, mut column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    // An unclosed bracket or quote is noticed at the end of the front matter; the last written
    // line is where the contributor needs to look.
    let last_written = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .last()
        .map_or(1, |(i, _)| i + 1);
    if line > last_written {
        line = last_written;
        column = yaml.lines().nth(last_written - 1).map_or(1, |l| l.chars().count() + 1);
    }
    let line_text = yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let hint = if line_text.contains('\t') || yaml.lines().any(|l| l.starts_with('\t')) {
        "YAML does not allow tabs for indentation: indent with spaces".to_string()
    } else if message.contains("duplicate") {
        "each field may appear only once; remove or merge the repeated one".to_string()
    } else {
        "check the indentation and quote text that contains `: ` or starts with a special character".to_string()
    };
    Diagnostic::error(
        "yaml-syntax",
        file,
        format!("the front matter is not valid YAML: {message}"),
    )
    .at(if line > 0 { line + yaml_first_line - 1 } else { 1 }, column.max(1))
    .hint(hint)
}

fn field_error(locator: &Locator, error: &FieldError) -> Diagnostic {
    let file = locator.file.as_str();
    match &error.kind {
        FieldErrorKind::UnknownField { field, allowed } => {
            let path = error.path.key(field);
            let path = if error.path.last_key() == Some(field) {
                error.path.clone()
            } else {
                path
            };
            let hint = closest(field, allowed.iter().map(String::as_str)).map(|s| format!("did you mean `{s}`?"));
            locator.at_field(
                Diagnostic::error("unknown-field", file, format!("unknown field `{field}`"))
                    .found(format!("`{field}`"))
                    .expected(format!("one of {}", list(allowed)))
                    .maybe_hint(hint),
                &path,
            )
        }
        FieldErrorKind::MissingField { field } => {
            let where_ = if error.path.is_root() {
                String::new()
            } else {
                format!(" in `{}`", error.path)
            };
            let hint = match field.as_str() {
                "sources" => {
                    "every entry says where its facts come from: `sources:` with `- title: …` (and `url: …` if online)"
                        .to_string()
                }
                "last_verified" | "last_reviewed" => {
                    format!("add `{field}: YYYY-MM-DD`, the day the facts were last checked")
                }
                "translated" => "add `translated: YYYY-MM-DD`, the day the translation was written".to_string(),
                _ => format!("add a line `{field}: …`"),
            };
            let d = Diagnostic::error(
                "missing-field",
                file,
                format!("required field `{field}` is missing{where_}"),
            )
            .expected(format!("a `{field}` field"))
            .hint(hint);
            let d = locator.at_field(d, &error.path);
            let full = error.path.key(field);
            d.field(full.to_string())
        }
        FieldErrorKind::UnknownVariant { found, allowed } => {
            let hint = closest(found, allowed.iter().map(String::as_str)).map(|s| format!("did you mean `{s}`?"));
            locator.at_value(
                Diagnostic::error("unknown-value", file, format!("`{found}` is not an allowed value"))
                    .found(format!("`{found}`"))
                    .expected(format!("one of {}", list(allowed)))
                    .maybe_hint(hint),
                &error.path,
            )
        }
        FieldErrorKind::Invalid { found, expected } => locator.at_value(
            Diagnostic::error("wrong-type", file, format!("expected {}", friendly_expected(expected)))
                .found(friendly_found(found))
                .expected(friendly_expected(expected))
                .maybe_hint(type_hint(found, expected)),
            &error.path,
        ),
        FieldErrorKind::Other(message) => {
            locator.at_value(Diagnostic::error("invalid-field", file, message.clone()), &error.path)
        }
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "nothing".into();
    }
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn friendly_expected(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number".into(),
        "i32" | "i64" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a string" => "text".into(),
        "a boolean" => "`true` or `false`".into(),
        "a sequence" => "a list (one `- item` per line)".into(),
        e if e.starts_with("struct ") => "a group of fields (indented `field: value` lines)".into(),
        e if e.starts_with("enum ") => "one of the allowed values".into(),
        e => e.to_string(),
    }
}

fn friendly_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for (prefix, name) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
    ] {
        if let Some(s) = found.strip_prefix(prefix) {
            return format!("{name}{}", s.trim_matches('`'));
        }
    }
    match found {
        "unit value" => "an empty value".into(),
        "sequence" => "a list".into(),
        "map" => "a group of fields".into(),
        f => f.to_string(),
    }
}

fn type_hint(found: &str, expected: &str) -> Option<String> {
    if expected == "a sequence" && found.starts_with("string") {
        return Some("write a list, even for one value: `- value` on its own line, or `[value]`".into());
    }
    if found == "unit value" {
        return Some("fill in the value, or remove the line if the field is optional".into());
    }
    if (expected == "f64" || expected.starts_with('u')) && found.starts_with("string") {
        return Some("write the number alone, without units or currency (e.g. `120`)".into());
    }
    None
}

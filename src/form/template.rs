//! The text of a new entry: every field, each with its Dutch label and hint as a comment, the
//! allowed values of fixed lists, the required fields open to fill in and the others commented out.

use super::{Field, Shape};
use crate::content::model::Date;

/// Comment lines are wrapped at about this width.
const WIDTH: usize = 100;

pub struct Template<'a> {
    /// `ruimte` (a space), shown in the first comment.
    pub noun: &'a str,
    pub fields: &'a [Field],
    /// The published JSON Schema, for editors that read the `yaml-language-server` line.
    pub schema_url: &'a str,
    pub today: Date,
}

impl Template<'_> {
    pub fn render(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("# yaml-language-server: $schema={}\n", self.schema_url));
        for line in [
            format!(
                "# Een nieuwe {}. Vul alle velden met (verplicht) in. Wil je een ander veld invullen,",
                self.noun
            ),
            "# haal dan het # vooraan zijn regels weg. Nakijken: cargo run --release -- check".to_string(),
            "# De beschrijving in Markdown komt onder de tweede ---.".to_string(),
        ] {
            out.push_str(&line);
            out.push('\n');
        }
        for field in self.fields {
            out.push('\n');
            self.field(&mut out, field, 0, !(field.required || field.ask));
        }
        out.push_str("---\n\n");
        out
    }

    /// Writes `field` at `depth` (two spaces a level), commented out when `off`.
    fn field(&self, out: &mut String, field: &Field, depth: usize, off: bool) {
        let indent = "  ".repeat(depth);
        let hash = if off { "# " } else { "" };
        self.describe(out, field, &indent);
        let key = format!("{indent}{hash}{}:", field.name);
        match &field.shape {
            Shape::Object(inner) => {
                out.push_str(&key);
                out.push('\n');
                // A required object of optional fields (a request's contact) needs one of them:
                // the first is left open.
                let none_required = inner.iter().all(|f| !f.required);
                for (i, f) in inner.iter().enumerate() {
                    let open = f.required || (none_required && i == 0);
                    self.field(out, f, depth + 1, off || !open);
                }
            }
            Shape::List(item) => match item.as_ref() {
                Shape::Object(inner) => {
                    out.push_str(&key);
                    out.push('\n');
                    for (i, f) in inner.iter().enumerate() {
                        // The first key of a list item carries the `- `.
                        let mut line = String::new();
                        self.field(&mut line, f, depth + 2, off || !f.required);
                        if i == 0 {
                            line = first_item(&line, depth + 1);
                        }
                        out.push_str(&line);
                    }
                }
                _ => out.push_str(&format!("{key} []\n")),
            },
            shape => out.push_str(&format!("{key} {}\n", self.placeholder(field, shape))),
        }
    }

    fn describe(&self, out: &mut String, field: &Field, indent: &str) {
        let mut text = field.label.clone();
        if field.required {
            text.push_str(" (verplicht)");
        }
        if !field.hint.is_empty() {
            text.push_str(": ");
            text.push_str(&field.hint);
        }
        match &field.shape {
            Shape::Choice { options, multiple } => {
                let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
                end_sentence(&mut text);
                text.push_str(if *multiple {
                    " Kies één of meer uit: "
                } else {
                    " Kies uit: "
                });
                text.push_str(&values.join(", "));
                text.push('.');
            }
            Shape::Date => text.push_str(" (JJJJ-MM-DD)"),
            Shape::Link => text.push_str(" (https://…)"),
            _ => {}
        }
        for line in wrap(&text, WIDTH.saturating_sub(indent.len() + 2)) {
            out.push_str(&format!("{indent}# {line}\n"));
        }
    }

    fn placeholder(&self, field: &Field, shape: &Shape) -> String {
        match shape {
            Shape::Choice { multiple: true, .. } => "[]".into(),
            // Where a list has `onbekend`, that is what an unassessed field says.
            Shape::Choice { options, .. } if options.iter().any(|o| o.value == "onbekend") => "onbekend".into(),
            Shape::Boolean => "false".into(),
            Shape::Integer | Shape::Number => String::new(),
            // A new entry is usually written on the day its facts were checked.
            Shape::Date if field.required => self.today.to_string(),
            Shape::Date => "JJJJ-MM-DD".into(),
            _ => "\"\"".into(),
        }
    }
}

/// Turns the first key line of a list item (after its comments) into `- key:`.
fn first_item(block: &str, depth: usize) -> String {
    let item_indent = "  ".repeat(depth);
    let key_indent = "  ".repeat(depth + 1);
    let mut done = false;
    block
        .lines()
        .map(|line| {
            let is_comment = line.trim_start().starts_with("# ") && !is_commented_key(line);
            if done || is_comment {
                return format!("{line}\n");
            }
            done = true;
            let rest = line.strip_prefix(&key_indent).unwrap_or(line.trim_start());
            match rest.strip_prefix("# ") {
                Some(key) => format!("{item_indent}# - {key}\n"),
                None => format!("{item_indent}- {rest}\n"),
            }
        })
        .collect()
}

/// A commented-out `key: value` line, as opposed to a comment in words.
fn is_commented_key(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("# ") else {
        return false;
    };
    rest.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
    })
}

fn end_sentence(text: &mut String) {
    if !text.ends_with(['.', '?', '!', '…']) {
        text.push('.');
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

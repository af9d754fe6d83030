//! Splits a file into its YAML front matter and its Markdown body, keeping track of the line on
//! which each starts so diagnostics point at the file's own lines.

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line of the first YAML line (2 when the file starts with `---`).
    pub yaml_first_line: usize,
    pub body: &'a str,
    /// The file line of the first body line.
    pub body_first_line: usize,
}

const EXAMPLE: &str = "start the file with a line `---`, then the fields (`name: …`), then another `---` line";

pub fn split<'a>(text: &'a str, display: &str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("empty-file", display, "the file is empty")
            .at(1, 1)
            .hint(EXAMPLE));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(
            Diagnostic::error("no-front-matter", display, "the file does not start with front matter")
                .at(1, 1)
                .found(format!("`{}`", truncate(first.trim_end(), 40)))
                .expected("a first line with only `---`")
                .hint(EXAMPLE),
        );
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[offset + line.len()..],
                body_first_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("unterminated-front-matter", display, "the front matter is never closed")
            .at(1, 1)
            .expected("a line with only `---` after the last field")
            .hint("add a line `---` between the fields and the text"),
    )
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_their_lines() {
        let s = split("---\nname: a\nplace: gent\n---\nHello\n", "x.md").unwrap();
        assert_eq!(s.yaml, "name: a\nplace: gent\n");
        assert_eq!((s.yaml_first_line, s.body, s.body_first_line), (2, "Hello\n", 5));
    }

    #[test]
    fn a_dash_line_inside_the_body_does_not_matter() {
        let s = split("---\na: 1\n---\ntext\n---\nmore\n", "x.md").unwrap();
        assert_eq!(s.body, "text\n---\nmore\n");
    }

    #[test]
    fn problems_are_named() {
        assert_eq!(split("", "x").unwrap_err().code, "empty-file");
        assert_eq!(split("name: a\n", "x").unwrap_err().code, "no-front-matter");
        assert_eq!(
            split("---\nname: a\n", "x").unwrap_err().code,
            "unterminated-front-matter"
        );
    }
}

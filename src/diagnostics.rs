//! Diagnostics are data: where a problem is (file, line, column, field), what was found, what was
//! expected and what to do about it. One printer per output format turns them into text.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier of the kind of problem (e.g. `unknown-field`), for tools and tests.
    pub code: &'static str,
    /// The path relative to the content folder, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// The field path in the front matter, e.g. `accessibility.wheelchair` or `sources[1].url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            field: None,
            message: message.into(),
            found: None,
            expected: None,
            hint: None,
        }
    }

    pub fn warning(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.found = Some(found.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Display path of `path` relative to `root`, with forward slashes on every platform.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Sorts by file, then line, then column, so output is stable and reads top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.field, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.field, &b.message))
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Github,
    Json,
}

/// Renders diagnostics for the terminal, for GitHub Actions annotations, or as JSON.
/// `content_prefix` is prepended to file paths in GitHub annotations, which need repository paths.
pub fn render(diagnostics: &[Diagnostic], format: Format, content_prefix: &str) -> String {
    match format {
        Format::Human => render_human(diagnostics),
        Format::Github => render_github(diagnostics, content_prefix),
        Format::Json => {
            let mut out = serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".into());
            out.push('\n');
            out
        }
    }
}

fn render_human(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(out, "{level}[{}]: {}", d.code, d.message);
        out.push('\n');
        let _ = write!(out, "  --> {}", location(d));
        if let Some(field) = &d.field {
            let _ = write!(out, " (field `{field}`)");
        }
        out.push('\n');
        if let Some(found) = &d.found {
            let _ = writeln!(out, "   found: {found}");
        }
        if let Some(expected) = &d.expected {
            let _ = writeln!(out, "   expected: {expected}");
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "   hint: {hint}");
        }
        out.push('\n');
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
    out
}

fn location(d: &Diagnostic) -> String {
    match (d.line, d.column) {
        (0, _) => d.file.clone(),
        (line, 0) => format!("{}:{line}", d.file),
        (line, col) => format!("{}:{line}:{col}", d.file),
    }
}

/// One workflow command per diagnostic; see GitHub's "workflow commands" documentation for escaping.
fn render_github(diagnostics: &[Diagnostic], content_prefix: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_property(&format!("{content_prefix}{}", d.file)));
        if d.line > 0 {
            let _ = write!(props, ",line={}", d.line);
        }
        if d.column > 0 {
            let _ = write!(props, ",col={}", d.column);
        }
        let title = match &d.field {
            Some(field) => format!("{} ({field})", d.code),
            None => d.code.to_string(),
        };
        let _ = write!(props, ",title={}", escape_property(&title));
        let mut message = d.message.clone();
        if let Some(found) = &d.found {
            let _ = write!(message, "\nfound: {found}");
        }
        if let Some(expected) = &d.expected {
            let _ = write!(message, "\nexpected: {expected}");
        }
        if let Some(hint) = &d.hint {
            let _ = write!(message, "\nhint: {hint}");
        }
        let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_newlines_and_separators() {
        let d = Diagnostic::error("unknown-field", "spaces/a,b.md", "bad: value\nsecond line")
            .at(3, 5)
            .field("price.model");
        let out = render(&[d], Format::Github, "content/");
        assert_eq!(
            out,
            "::error file=content/spaces/a%2Cb.md,line=3,col=5,title=unknown-field (price.model)::bad: value%0Asecond line\n"
        );
    }

    #[test]
    fn sorting_is_by_file_then_line() {
        let mut ds = vec![
            Diagnostic::error("x", "b.md", "late").at(1, 1),
            Diagnostic::error("x", "a.md", "second").at(9, 1),
            Diagnostic::error("x", "a.md", "first").at(2, 1),
        ];
        sort(&mut ds);
        let order: Vec<_> = ds.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["first", "second", "late"]);
    }
}

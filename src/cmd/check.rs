//! `ruimte check`: load and validate the content, print every diagnostic, exit 1 on any error.

use std::io::Write;
use std::path::Path;

use crate::build;
use crate::content;
use crate::content::validate::Options;
use crate::diagnostics::{self, Diagnostic, Format};

pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub entries: usize,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and validates; the diagnostics come back sorted by file, then line.
pub fn check(content_dir: &Path, options: &Options) -> Outcome {
    let loaded = content::load(content_dir);
    Outcome {
        diagnostics: build::check(&loaded.model, loaded.diagnostics, options),
        entries: loaded.model.entry_count(),
    }
}

pub fn run(content_dir: &Path, format: Format, stale_days: Option<u32>) -> i32 {
    let today = match build::today() {
        Ok(t) => t,
        Err(error) => {
            eprintln!("error: {error}");
            return 2;
        }
    };
    let outcome = check(content_dir, &Options { today, stale_days });
    let prefix = super::repository_prefix(content_dir);
    let text = diagnostics::render(&outcome.diagnostics, format, &prefix);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    if format == Format::Human && outcome.diagnostics.is_empty() {
        let _ = writeln!(stdout, "checked {} entries: no problems", outcome.entries);
    }
    i32::from(outcome.has_errors())
}

//! Validation of the typed model: what serde cannot see. Vocabulary keys, references between
//! entries, dates, links, coordinates, images and Markdown bodies. Every check reports with the
//! file, line and field of the problem, and all of them run, so one `check` shows everything.

mod entries;
mod fields;
mod markdown;
mod references;
mod stale;
mod vocabulary;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::content::entries::{EntryKind, Model};
use crate::content::model::Date;
use crate::content::parse::Locator;
use crate::content::yaml::FieldPath;
use crate::diagnostics::Diagnostic;

pub use fields::{check_email, check_link, ALLOWED_SCHEMES};
pub use markdown::markdown_options;
pub use stale::{stale_entries, StaleEntry};

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day against which "in the future" and "stale" are judged.
    pub today: Date,
    /// List entries not verified for this many days, as warnings.
    pub stale_days: Option<u32>,
}

/// What every entry check may look at.
pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub today: Date,
    pub slugs: HashMap<&'a str, EntryKind>,
}

pub fn validate(model: &Model, options: &Options) -> Vec<Diagnostic> {
    let slugs = model.slugs().map(|(slug, kind, _)| (slug, kind)).collect();
    let ctx = Context {
        model,
        today: options.today,
        slugs,
    };

    let mut out = vocabulary::check(model, options.today);
    out.extend(references::check_slugs_and_names(model));
    let per_entry: Vec<Vec<Diagnostic>> = [
        model
            .spaces
            .par_iter()
            .map(|e| entries::check_space(&ctx, e))
            .collect::<Vec<_>>(),
        model
            .practices
            .par_iter()
            .map(|e| entries::check_practice(&ctx, e))
            .collect(),
        model.guides.par_iter().map(|e| entries::check_guide(&ctx, e)).collect(),
        model.pages.par_iter().map(|e| entries::check_page(&ctx, e)).collect(),
        model
            .requests
            .par_iter()
            .map(|e| entries::check_request(&ctx, e))
            .collect(),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(per_entry.into_iter().flatten());
    if let Some(days) = options.stale_days {
        out.extend(stale::diagnostics(model, options.today, days));
    }
    out
}

/// Collects one entry's diagnostics, placing each at its field.
pub(crate) struct Report<'a> {
    locator: &'a Locator,
    out: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    pub fn new(locator: &'a Locator) -> Self {
        Report {
            locator,
            out: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.locator.file
    }

    /// Reports at the field's value (for "this value is wrong").
    pub fn at(&mut self, path: &str, diagnostic: Diagnostic) {
        let d = self.locator.at_value(diagnostic, &FieldPath::parse(path));
        self.out.push(d);
    }

    pub fn error(&mut self, path: &str, code: &'static str, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(code, self.file(), message);
        self.at(path, d);
        self.out.last_mut().expect("just pushed")
    }

    pub fn warning(&mut self, path: &str, code: &'static str, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(code, self.file(), message);
        self.at(path, d);
        self.out.last_mut().expect("just pushed")
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.out.extend(diagnostics);
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }
}

impl Diagnostic {
    /// Sets the hint in place (for diagnostics already pushed to a [`Report`]).
    pub fn set_hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn set_found(&mut self, found: impl Into<String>) -> &mut Self {
        self.found = Some(found.into());
        self
    }

    pub fn set_expected(&mut self, expected: impl Into<String>) -> &mut Self {
        self.expected = Some(expected.into());
        self
    }
}

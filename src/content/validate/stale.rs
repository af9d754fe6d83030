//! Entries whose facts have not been checked for a while: `ruimte check --stale DAYS`.

use serde::Serialize;

use crate::content::entries::{EntryKind, Model};
use crate::content::model::Date;
use crate::content::yaml::FieldPath;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Serialize)]
pub struct StaleEntry {
    pub file: String,
    pub kind: &'static str,
    pub slug: String,
    pub checked_on: Date,
    pub age_days: i64,
}

/// Entries checked longer than `days` ago, oldest first.
pub fn stale_entries(
    model: &Model,
    today: Date,
    days: u32,
) -> Vec<(StaleEntry, &'static str, &crate::content::parse::Locator)> {
    let mut out = Vec::new();
    let mut push = |kind: EntryKind, slug: &str, file: &str, field: &'static str, date: Date, locator| {
        let age = date.days_until(today);
        if age > i64::from(days) {
            let entry = StaleEntry {
                file: file.to_string(),
                kind: kind.noun(),
                slug: slug.to_string(),
                checked_on: date,
                age_days: age,
            };
            out.push((entry, field, locator));
        }
    };
    for e in &model.spaces {
        push(
            EntryKind::Space,
            &e.slug,
            &e.file,
            "last_verified",
            e.front.last_verified,
            &e.locator,
        );
    }
    for e in &model.practices {
        push(
            EntryKind::Practice,
            &e.slug,
            &e.file,
            "last_verified",
            e.front.last_verified,
            &e.locator,
        );
    }
    for e in &model.guides {
        push(
            EntryKind::Guide,
            &e.slug,
            &e.file,
            "last_reviewed",
            e.front.last_reviewed,
            &e.locator,
        );
    }
    out.sort_by(|a, b| b.0.age_days.cmp(&a.0.age_days).then_with(|| a.0.file.cmp(&b.0.file)));
    out
}

pub(super) fn diagnostics(model: &Model, today: Date, days: u32) -> Vec<Diagnostic> {
    stale_entries(model, today, days)
        .into_iter()
        .map(|(entry, field, locator)| {
            let d = Diagnostic::warning(
                "stale",
                &entry.file,
                format!("not checked for {} days (limit {days})", entry.age_days),
            )
            .found(entry.checked_on.to_string())
            .hint(format!(
                "check the facts against the sources, then set `{field}` to today's date"
            ));
            locator.at_value(d, &FieldPath::parse(field))
        })
        .collect()
}

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
    /// `None`: nobody has checked its facts yet.
    pub checked_on: Option<Date>,
    pub age_days: Option<i64>,
}

/// Entries checked longer than `days` ago, and those nobody has checked yet; the latter first, then
/// the oldest.
pub fn stale_entries(
    model: &Model,
    today: Date,
    days: u32,
) -> Vec<(StaleEntry, &'static str, &crate::content::parse::Locator)> {
    let mut out = Vec::new();
    let mut push = |kind: EntryKind, slug: &str, file: &str, field: &'static str, date: Option<Date>, locator| {
        let age = date.map(|d| d.days_until(today));
        if age.is_none_or(|age| age > i64::from(days)) {
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
            Some(e.front.last_reviewed),
            &e.locator,
        );
    }
    // Never checked (None) before the oldest check.
    out.sort_by(|a, b| {
        let age = |e: &StaleEntry| e.age_days.unwrap_or(i64::MAX);
        age(&b.0).cmp(&age(&a.0)).then_with(|| a.0.file.cmp(&b.0.file))
    });
    out
}

pub(super) fn diagnostics(model: &Model, today: Date, days: u32) -> Vec<Diagnostic> {
    stale_entries(model, today, days)
        .into_iter()
        .map(|(entry, field, locator)| {
            let hint = format!("check the facts against the sources, then set `{field}` to today's date");
            match (entry.checked_on, entry.age_days) {
                (Some(date), Some(age)) => {
                    let d = Diagnostic::warning(
                        "stale",
                        &entry.file,
                        format!("not checked for {age} days (limit {days})"),
                    )
                    .found(date.to_string())
                    .hint(hint);
                    locator.at_value(d, &FieldPath::parse(field))
                }
                _ => Diagnostic::warning("stale", &entry.file, "nobody has checked its facts yet").hint(hint),
            }
        })
        .collect()
}

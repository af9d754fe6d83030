//! Checks of the vocabulary files themselves: valid, unique keys, a label in each language,
//! synonyms that name one entry only, provinces that exist, centroids inside Belgium.

use std::collections::{HashMap, HashSet};

use crate::content::entries::Model;
use crate::content::model::keys::fact_keys;
use crate::content::model::Date;
use crate::content::slug;
use crate::content::suggest::closest;
use crate::content::vocab::{Names, VocabularyKind};

use super::fields::{check_geo, GeoProblem};
use super::Report;
use crate::diagnostics::Diagnostic;

pub(super) fn check(model: &Model, today: Date) -> Vec<Diagnostic> {
    let vocab = &model.vocab;
    let mut out = Vec::new();
    for kind in VocabularyKind::ALL {
        let Some(locator) = vocab.locators.get(&kind) else {
            continue;
        };
        let mut r = Report::new(locator);
        let entries = vocab.all_names(kind);
        let mut seen = HashSet::new();
        for (i, names) in entries.iter().enumerate() {
            let key = names.key;
            if !slug::is_valid(key) {
                r.error(
                    &format!("[{i}].key"),
                    "invalid-key",
                    "a key must be lowercase letters, digits and single hyphens",
                )
                .set_found(format!("`{key}`"))
                .set_hint(format!("write `{}`", slug::suggest(key)));
            }
            if !seen.insert(key) {
                r.error(
                    &format!("[{i}].key"),
                    "duplicate-key",
                    format!("the key `{key}` appears twice"),
                );
            }
            for (field, label, language) in [
                ("nl", Some(names.nl), "Dutch"),
                ("fr", names.fr, "French"),
                ("en", names.en, "English"),
            ] {
                match label {
                    Some(label) if !label.trim().is_empty() => {}
                    Some(_) => {
                        r.error(
                            &format!("[{i}].{field}"),
                            "empty-value",
                            format!("the {language} label is empty"),
                        );
                    }
                    None => {
                        r.error(
                            &format!("[{i}]"),
                            "missing-label",
                            format!("`{key}` has no {language} label"),
                        )
                        .set_expected(format!("`{field}:` with the name people use in {language}"))
                        .set_hint("where there is no other name in that language, write the Dutch one again");
                    }
                }
            }
        }
        check_synonyms(&mut r, &entries);
        if kind == VocabularyKind::Facts {
            let known = fact_keys();
            for (i, names) in entries.iter().enumerate() {
                if !known.iter().any(|k| k == names.key) {
                    r.error(
                        &format!("[{i}].key"),
                        "unknown-key",
                        format!("`{}` names no value of a space's facts", names.key),
                    )
                    .set_hint(closest(names.key, known.iter().map(String::as_str)).map_or_else(
                        || "a key is a list and its value, e.g. `price-gratis`, `wheelchair-ja`".to_string(),
                        |s| format!("did you mean `{s}`?"),
                    ));
                }
            }
        }
        if kind == VocabularyKind::Places {
            for (i, place) in vocab.places.iter().enumerate() {
                let province = place.province.as_str();
                if !vocab.contains(VocabularyKind::Provinces, province) {
                    let provinces = vocab.keys(VocabularyKind::Provinces);
                    r.error(
                        &format!("[{i}].province"),
                        "unknown-key",
                        format!("`{province}` is not in provinces.yaml"),
                    )
                    .set_found(format!("`{province}`"))
                    .set_hint(closest(province, provinces.iter().copied()).map_or_else(
                        || format!("allowed: {}", provinces.join(", ")),
                        |s| format!("did you mean `{s}`?"),
                    ));
                }
                match check_geo(place.centroid.lat, place.centroid.lon) {
                    Ok(()) => {}
                    Err(GeoProblem::OutOfRange(p)) => {
                        r.error(&format!("[{i}].centroid"), "invalid-geo", p.message).hint = p.hint;
                    }
                    Err(GeoProblem::OutsideBelgium(p)) => {
                        r.warning(&format!("[{i}].centroid"), "outside-belgium", p.message).hint = p.hint;
                    }
                }
                if let Some(year) = place.population.as_ref().and_then(|p| p.year) {
                    if i32::from(year) > chrono::Datelike::year(&today.0) {
                        r.error(
                            &format!("[{i}].population.year"),
                            "future-date",
                            "the population year lies in the future",
                        );
                    }
                }
            }
        }
        out.extend(r.finish());
    }
    out
}

/// Each synonym names one entry: it may not be a synonym or a label of another entry of the same
/// vocabulary (compared as search compares words: without case and accents), nor empty.
fn check_synonyms(r: &mut Report, entries: &[Names]) {
    let mut owner: HashMap<String, &str> = HashMap::new();
    for names in entries {
        for label in [Some(names.nl), names.fr, names.en].into_iter().flatten() {
            owner.entry(search_index::fold(label)).or_insert(names.key);
        }
    }
    let mut claimed: HashMap<String, &str> = HashMap::new();
    for (i, names) in entries.iter().enumerate() {
        for (j, synonym) in names.synonyms.iter().enumerate() {
            let path = format!("[{i}].synonyms[{j}]");
            let folded = search_index::fold(synonym);
            if folded.is_empty() {
                r.error(&path, "empty-value", "the synonym is empty");
                continue;
            }
            let other = owner
                .get(&folded)
                .or_else(|| claimed.get(&folded))
                .filter(|other| **other != names.key);
            if let Some(other) = other {
                r.error(
                    &path,
                    "ambiguous-synonym",
                    format!("`{synonym}` already names `{other}` in this file"),
                )
                .set_found(format!("`{synonym}` for `{}` and for `{other}`", names.key))
                .set_hint("a search for it must lead to one entry: keep it on one of the two");
            } else {
                claimed.insert(folded, names.key);
            }
        }
    }
}

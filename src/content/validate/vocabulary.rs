//! Checks of the vocabulary files themselves: valid, unique keys, labels, provinces that exist,
//! centroids inside Belgium.

use std::collections::HashSet;

use crate::content::entries::Model;
use crate::content::model::Date;
use crate::content::slug;
use crate::content::suggest::closest;
use crate::content::vocab::VocabularyKind;

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
        let labels: Vec<(&str, &str)> = match kind {
            VocabularyKind::Places => vocab.places.iter().map(|p| (p.key.as_str(), p.nl.as_str())).collect(),
            _ => vocab
                .terms(kind)
                .iter()
                .map(|t| (t.key.as_str(), t.nl.as_str()))
                .collect(),
        };
        let mut seen = HashSet::new();
        for (i, (key, label)) in labels.iter().enumerate() {
            if !slug::is_valid(key) {
                r.error(
                    &format!("[{i}].key"),
                    "invalid-key",
                    "a key must be lowercase letters, digits and single hyphens",
                )
                .set_found(format!("`{key}`"))
                .set_hint(format!("write `{}`", slug::suggest(key)));
            }
            if !seen.insert(*key) {
                r.error(
                    &format!("[{i}].key"),
                    "duplicate-key",
                    format!("the key `{key}` appears twice"),
                );
            }
            if label.trim().is_empty() {
                r.error(&format!("[{i}].nl"), "empty-value", "the Dutch label is empty");
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
                if let Some(population) = &place.population {
                    if i32::from(population.year) > chrono::Datelike::year(&today.0) {
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

//! The figures: what the directory says about supply and demand, computed once per build. The
//! figures page draws them and `/data/stats.json` publishes them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::model::space::{Space, Wheelchair};
use crate::content::vocab::VocabularyKind;
use crate::content::Entry;

use super::Site;
use crate::content::model::Labelled;

/// The figures, as `/data/stats.json` publishes them. None is per inhabitant: the places
/// vocabulary knows the population of the municipalities in the directory only, a quotient over
/// those misled, and no province's or region's whole population is recorded with its source.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Figures {
    /// The day they were computed (the build's day).
    pub date: String,
    /// Published spaces.
    pub spaces: usize,
    pub by_kind: Vec<Count>,
    pub by_discipline: Vec<Count>,
    pub by_province: Vec<Count>,
    pub by_tenure: Vec<Count>,
    pub by_price_model: Vec<Count>,
    pub accessibility: Accessibility,
    pub freshness: Freshness,
    pub requests_by_province: Vec<Demand>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    /// A vocabulary key or value (`onbekend` when a space does not say).
    pub key: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Accessibility {
    /// Spaces whose wheelchair access is known (yes, limited or no).
    pub wheelchair_known: usize,
    /// `wheelchair_known` of all spaces, 0 to 1.
    pub wheelchair_known_share: f64,
    pub wheelchair_yes: usize,
    pub wheelchair_limited: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Freshness {
    /// Published spaces, practices, guides and open requests.
    pub entries: usize,
    pub verified_last_year: usize,
    /// Checked more than a year ago.
    pub older: usize,
    /// Nobody has checked them yet.
    pub never_verified: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Demand {
    pub key: String,
    pub label: String,
    /// Open requests that accept the province (a place in it, or the province itself).
    pub open_requests: usize,
    /// Spaces in the province that fit at least one of those requests.
    pub matching_spaces: usize,
}

pub fn figures(site: &Site) -> Figures {
    let vocab = &site.model.vocab;
    let spaces = &site.spaces;
    let counts = |kind: VocabularyKind, keys: &mut dyn Iterator<Item = &str>| -> Vec<Count> {
        let mut n: BTreeMap<&str, usize> = BTreeMap::new();
        for k in keys {
            *n.entry(k).or_default() += 1;
        }
        vocab
            .keys(kind)
            .into_iter()
            .filter_map(|k| {
                n.get(k).map(|&count| Count {
                    key: k.to_string(),
                    label: site.label(kind, k),
                    count,
                })
            })
            .collect()
    };
    let by_kind = counts(
        VocabularyKind::SpaceKinds,
        &mut spaces.iter().flat_map(|s| s.front.kinds.iter().map(|k| k.as_str())),
    );
    let by_discipline = counts(
        VocabularyKind::Disciplines,
        &mut spaces
            .iter()
            .flat_map(|s| s.front.disciplines.iter().map(|k| k.as_str())),
    );
    let by_province = counts(
        VocabularyKind::Provinces,
        &mut spaces.iter().filter_map(|s| site.province_of(s.front.place.as_str())),
    );
    let by_tenure = value_counts(site, spaces, |s| s.tenure.as_ref().map(|t| t.kind));
    let by_price_model = value_counts(site, spaces, |s| s.price.as_ref().map(|p| p.model));
    let wheelchair = |w: Wheelchair| spaces.iter().filter(|s| s.front.accessibility.wheelchair == w).count();
    let known = spaces.len() - wheelchair(Wheelchair::Onbekend);
    let accessibility = Accessibility {
        wheelchair_known: known,
        wheelchair_known_share: if spaces.is_empty() {
            0.0
        } else {
            known as f64 / spaces.len() as f64
        },
        wheelchair_yes: wheelchair(Wheelchair::Ja),
        wheelchair_limited: wheelchair(Wheelchair::Beperkt),
    };
    let listed = site.listings().count();
    let never_verified = site.listings().filter(|l| l.checked_on.is_none()).count();
    let verified_last_year = site
        .listings()
        .filter(|l| l.checked_on.is_some_and(|d| d.days_until(site.today) <= 365))
        .count();
    let freshness = Freshness {
        entries: listed,
        verified_last_year,
        older: listed - verified_last_year - never_verified,
        never_verified,
    };
    Figures {
        date: site.today.to_string(),
        spaces: spaces.len(),
        by_kind,
        by_discipline,
        by_province,
        by_tenure,
        by_price_model,
        accessibility,
        freshness,
        requests_by_province: demand(site),
    }
}

/// How many spaces have each value of a keyed field, in the enum's order, and how many do not
/// say (`onbekend`); values no space has are left out.
fn value_counts<T: Labelled>(site: &Site, spaces: &[&Entry<Space>], value: impl Fn(&Space) -> Option<T>) -> Vec<Count> {
    let values: Vec<Option<T>> = spaces.iter().map(|s| value(&s.front)).collect();
    let known = T::ALL.iter().map(|v| Count {
        key: v.key().to_string(),
        label: site.value_label(*v),
        count: values.iter().filter(|x| **x == Some(*v)).count(),
    });
    let unknown = Count {
        key: "onbekend".to_string(),
        label: site.t("stats_unknown"),
        count: values.iter().filter(|x| x.is_none()).count(),
    };
    known.chain([unknown]).filter(|c| c.count > 0).collect()
}

/// Open requests per province against the spaces there that fit one of them.
fn demand(site: &Site) -> Vec<Demand> {
    let vocab = &site.model.vocab;
    let open: Vec<_> = site.open_requests().collect();
    vocab
        .keys(VocabularyKind::Provinces)
        .into_iter()
        .filter_map(|province| {
            let accepts = |r: &crate::content::model::Request| {
                r.provinces.iter().any(|p| p.as_str() == province)
                    || r.places.iter().any(|p| site.province_of(p.as_str()) == Some(province))
            };
            let open_requests = open.iter().filter(|r| accepts(&r.front)).count();
            if open_requests == 0 {
                return None;
            }
            // A request fits only spaces in its area, so every request a space here fits
            // accepts this province.
            let matching_spaces = site
                .spaces
                .iter()
                .filter(|s| site.province_of(s.front.place.as_str()) == Some(province))
                .filter(|s| !site.matches.requests_for(&s.slug).is_empty())
                .count();
            Some(Demand {
                key: province.to_string(),
                label: site.label(VocabularyKind::Provinces, province),
                open_requests,
                matching_spaces,
            })
        })
        .collect()
}

/// Rounded to two decimals, as the figures are published.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

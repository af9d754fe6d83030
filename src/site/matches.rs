//! Which spaces fit a request for space, and how well, worked out once per build for every open
//! request and published space. A space is a candidate when it offers one of the kinds asked for
//! in the area asked for; it ranks by how many of the other criteria it meets (size, budget,
//! tenure, disciplines, accessibility). What a space does not say counts as unknown, never as met.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::model::space::PriceModel;
use crate::content::model::space::{JaNee, Wheelchair};
use crate::content::model::{request::AccessNeed, Request, Space};

/// One criterion of a request, as a space meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criterion {
    Kind,
    Area,
    Size,
    Budget,
    Tenure,
    Disciplines,
    Access(AccessNeed),
}

crate::keyed! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Outcome {
        Met,
        NotMet,
        /// The space does not say.
        Unknown,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub checks: Vec<(Criterion, Outcome)>,
}

impl Fit {
    pub fn met(&self) -> usize {
        self.checks.iter().filter(|(_, o)| *o == Outcome::Met).count()
    }

    pub fn not_met(&self) -> usize {
        self.checks.iter().filter(|(_, o)| *o == Outcome::NotMet).count()
    }
}

/// The candidates of every open request and of every published space, best fit first.
#[derive(Debug, Default)]
pub struct Matches<'a> {
    spaces_for: HashMap<&'a str, Vec<(&'a str, Fit)>>,
    requests_for: HashMap<&'a str, Vec<(&'a str, Fit)>>,
}

impl<'a> Matches<'a> {
    pub fn new(site: &super::Site<'a>) -> Matches<'a> {
        let province_of = |place: &str| site.province_of(place).map(str::to_string);
        let mut spaces_for: HashMap<&str, Vec<(&str, Fit)>> = HashMap::new();
        let mut requests_for: HashMap<&str, Vec<(&str, Fit)>> = HashMap::new();
        for request in site.open_requests() {
            let fits = spaces_for.entry(request.slug.as_str()).or_default();
            for space in &site.spaces {
                if let Some(fit) = fit(&request.front, &space.front, &province_of) {
                    fits.push((space.slug.as_str(), fit.clone()));
                    requests_for
                        .entry(space.slug.as_str())
                        .or_default()
                        .push((request.slug.as_str(), fit));
                }
            }
        }
        // Ties go by the names people see.
        let title = |slug: &&str| site.listing_of(slug).map(|l| l.title.to_string()).unwrap_or_default();
        let rank_all = |map: HashMap<&'a str, Vec<(&'a str, Fit)>>| {
            map.into_iter().map(|(slug, fits)| (slug, rank(fits, title))).collect()
        };
        Matches {
            spaces_for: rank_all(spaces_for),
            requests_for: rank_all(requests_for),
        }
    }

    /// The published spaces that fit an open request, best first.
    pub fn spaces_for(&self, request: &str) -> &[(&'a str, Fit)] {
        self.spaces_for.get(request).map_or(&[], Vec::as_slice)
    }

    /// The open requests a space could serve, best first.
    pub fn requests_for(&self, space: &str) -> &[(&'a str, Fit)] {
        self.requests_for.get(space).map_or(&[], Vec::as_slice)
    }
}

/// How `space` fits `request`, or `None` when it is no candidate (no kind asked for, or outside
/// the area). `province_of` gives a municipality's province.
pub fn fit(request: &Request, space: &Space, province_of: &dyn Fn(&str) -> Option<String>) -> Option<Fit> {
    let kind = space.kinds.iter().any(|k| request.kinds.contains(k));
    let in_place = request.places.iter().any(|p| p == &space.place);
    let in_province = province_of(space.place.as_str())
        .is_some_and(|province| request.provinces.iter().any(|p| p.as_str() == province));
    if !kind || !(in_place || in_province) {
        return None;
    }
    let mut checks = vec![(Criterion::Kind, Outcome::Met), (Criterion::Area, Outcome::Met)];
    if let Some(range) = request.size_m2 {
        let outcome = match space.size_m2 {
            None => Outcome::Unknown,
            Some(size) => met(range.min.is_none_or(|min| size >= min) && range.max.is_none_or(|max| size <= max)),
        };
        checks.push((Criterion::Size, outcome));
    }
    if let Some(budget) = &request.budget {
        let outcome = match &space.price {
            None => Outcome::Unknown,
            Some(price) if price.model == PriceModel::Gratis => Outcome::Met,
            Some(price) if price.model == PriceModel::OpAanvraag => Outcome::Unknown,
            Some(price) if price.model != budget.model => Outcome::NotMet,
            Some(price) => match (price.amount_eur, budget.max_eur) {
                (Some(amount), Some(max)) => met(amount <= max),
                (None, Some(_)) => Outcome::Unknown,
                (_, None) => Outcome::Met,
            },
        };
        checks.push((Criterion::Budget, outcome));
    }
    if !request.tenure.is_empty() {
        let outcome = match &space.tenure {
            None => Outcome::Unknown,
            Some(tenure) => met(request.tenure.contains(&tenure.kind)),
        };
        checks.push((Criterion::Tenure, outcome));
    }
    if !request.disciplines.is_empty() {
        let outcome = if space.disciplines.is_empty() {
            Outcome::Unknown
        } else {
            met(space.disciplines.iter().any(|d| request.disciplines.contains(d)))
        };
        checks.push((Criterion::Disciplines, outcome));
    }
    for need in &request.accessibility_needs {
        let a = &space.accessibility;
        let outcome = match need {
            AccessNeed::Wheelchair => match a.wheelchair {
                Wheelchair::Ja => Outcome::Met,
                Wheelchair::Beperkt | Wheelchair::Nee => Outcome::NotMet,
                Wheelchair::Onbekend => Outcome::Unknown,
            },
            AccessNeed::StepFreeEntrance => ja_nee(a.step_free_entrance),
            AccessNeed::AccessibleToilet => ja_nee(a.accessible_toilet),
            AccessNeed::InductionLoop => ja_nee(a.induction_loop),
        };
        checks.push((Criterion::Access(*need), outcome));
    }
    Some(Fit { checks })
}

fn met(yes: bool) -> Outcome {
    if yes {
        Outcome::Met
    } else {
        Outcome::NotMet
    }
}

fn ja_nee(value: JaNee) -> Outcome {
    match value {
        JaNee::Ja => Outcome::Met,
        JaNee::Nee => Outcome::NotMet,
        JaNee::Onbekend => Outcome::Unknown,
    }
}

/// Candidates ranked: most criteria met first, then fewest not met, then by `name`.
pub fn rank<T>(mut fits: Vec<(T, Fit)>, name: impl Fn(&T) -> String) -> Vec<(T, Fit)> {
    fits.sort_by_cached_key(|(item, fit)| (std::cmp::Reverse(fit.met()), fit.not_met(), name(item).to_lowercase()));
    fits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space(yaml: &str) -> Space {
        let base = "sources: [{title: Bron}]\nlast_verified: 2026-01-01\n";
        serde_yaml::from_str(&format!("{yaml}\n{base}")).unwrap()
    }

    fn request(yaml: &str) -> Request {
        let base = "contact: {url: https://example.org}\nvalid_until: 2027-01-01\nsources: [{title: Bron}]\nlast_verified: 2026-01-01\n";
        serde_yaml::from_str(&format!("{yaml}\n{base}")).unwrap()
    }

    fn province_of(place: &str) -> Option<String> {
        match place {
            "gent" | "aalst" => Some("oost-vlaanderen".into()),
            "brussel" | "schaarbeek" => Some("brussel".into()),
            _ => None,
        }
    }

    /// A small corpus: which spaces a Ghent collective looking for a cheap, accessible atelier
    /// gets, in which order.
    #[test]
    fn candidates_need_the_kind_and_the_area_and_rank_by_what_else_they_meet() {
        let wanted = request(
            "title: Collectief zoekt atelier\nwho: Een collectief\nkinds: [atelier, werkplaats]\nplaces: [gent]\nprovinces: [brussel]\n\
             size_m2: {min: 40, max: 120}\nbudget: {model: per-maand, max_eur: 300}\ntenure: [permanent, tijdelijk]\n\
             accessibility_needs: [wheelchair]",
        );
        let corpus = [
            // Everything fits.
            ("Alles past", space("name: Alles past\nkinds: [atelier]\nplace: gent\nsize_m2: 80\nprice: {model: per-maand, amount_eur: 250}\ntenure: {kind: permanent}\naccessibility: {wheelchair: ja}")),
            // In Brussels (a province asked for), too expensive, size unknown.
            ("Brussels atelier", space("name: Brussels atelier\nkinds: [werkplaats]\nplace: schaarbeek\nprice: {model: per-maand, amount_eur: 450}\ntenure: {kind: tijdelijk}")),
            // Free, so any budget fits; wheelchair access unknown.
            ("Gratis ruimte", space("name: Gratis ruimte\nkinds: [atelier]\nplace: gent\nsize_m2: 60\nprice: {model: gratis}\ntenure: {kind: tijdelijk}")),
            // Wrong kind: no candidate.
            ("Podium", space("name: Podium\nkinds: [podium]\nplace: gent\nsize_m2: 80")),
            // Outside the area: no candidate.
            ("Aalst", space("name: Aalst\nkinds: [atelier]\nplace: aalst\nsize_m2: 80")),
            // Too small, limited access, another price model.
            ("Klein", space("name: Klein\nkinds: [atelier]\nplace: gent\nsize_m2: 20\nprice: {model: per-uur, amount_eur: 10}\naccessibility: {wheelchair: beperkt}")),
        ];
        let fits: Vec<(&str, Fit)> = corpus
            .iter()
            .filter_map(|(name, s)| fit(&wanted, s, &province_of).map(|f| (*name, f)))
            .collect();
        let ranked = rank(fits, |name| name.to_string());
        let order: Vec<(&str, usize, usize)> = ranked.iter().map(|(n, f)| (*n, f.met(), f.not_met())).collect();
        assert_eq!(
            order,
            [
                ("Alles past", 6, 0),
                ("Gratis ruimte", 5, 0),
                ("Brussels atelier", 3, 1),
                ("Klein", 2, 3),
            ]
        );
        let (_, brussels) = &ranked[2];
        assert_eq!(
            brussels.checks,
            [
                (Criterion::Kind, Outcome::Met),
                (Criterion::Area, Outcome::Met),
                (Criterion::Size, Outcome::Unknown),
                (Criterion::Budget, Outcome::NotMet),
                (Criterion::Tenure, Outcome::Met),
                (Criterion::Access(AccessNeed::Wheelchair), Outcome::Unknown),
            ]
        );
    }

    #[test]
    fn only_the_criteria_a_request_names_are_checked() {
        let wanted =
            request("title: Repetitieruimte\nwho: Een koor\nkinds: [repetitieruimte]\nprovinces: [oost-vlaanderen]");
        let hall = space("name: Zaal\nkinds: [repetitieruimte]\nplace: aalst");
        let f = fit(&wanted, &hall, &province_of).unwrap();
        assert_eq!(
            f.checks,
            [(Criterion::Kind, Outcome::Met), (Criterion::Area, Outcome::Met)]
        );
    }
}

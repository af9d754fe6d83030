//! Requests for space: their pages, with the spaces that fit ranked by the matcher, and the
//! section on a space's page that lists the open requests it could serve.

use serde::Serialize;

use crate::content::model::request::AccessNeed;
use crate::content::model::Keyed;
use crate::content::model::Request;
use crate::content::vocab::VocabularyKind;
use crate::content::{Entry, EntryKind};
use crate::site::matches::{Criterion, Fit, Outcome};
use crate::site::routes::{self, Facet};
use crate::site::Site;

use super::context::{Card, RenderContext};
use super::entries::{self, EntryPage, FactSection, Facts, Item};
use super::format;

#[derive(Debug, Clone, Serialize)]
pub struct MatchSection<'a> {
    pub heading: String,
    pub intro: String,
    /// Said when nothing fits.
    pub empty: String,
    pub items: Vec<MatchItem<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchItem<'a> {
    pub card: Card<'a>,
    /// "meets 4 of 6 criteria".
    pub score: String,
    pub criteria: Vec<CriterionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionView {
    pub label: String,
    /// `met`, `not-met` or `unknown`, for the style.
    pub outcome: &'static str,
    pub outcome_label: String,
}

pub fn request_page<'s>(ctx: &RenderContext<'s, '_>, entry: &Entry<Request>) -> EntryPage<'s> {
    let q = &entry.front;
    let lang = ctx.site.language;
    let mut f = Facts::new(ctx.site);
    f.text("fact_who", Some(&q.who));
    f.keys(
        "fact_kinds_wanted",
        VocabularyKind::SpaceKinds,
        Facet::SpaceKind,
        q.kinds.iter().map(|k| k.as_str()),
    );
    f.keys(
        "fact_disciplines",
        VocabularyKind::Disciplines,
        Facet::Discipline,
        q.disciplines.iter().map(|k| k.as_str()),
    );
    let area: Vec<Item> = q
        .places
        .iter()
        .flat_map(|k| entries::place_items(ctx, k.as_str()).into_iter().take(1))
        .chain(q.provinces.iter().map(|k| {
            Item::link(
                ctx.site.label(VocabularyKind::Provinces, k.as_str()),
                ctx.site.urls.url(&routes::facet(Facet::Province, k.as_str(), 1)),
            )
        }))
        .collect();
    f.push("fact_area", area);
    if let Some(size) = q.size_m2 {
        let m2 = |v: f64| format!("{} m²", format::decimal(v, lang));
        let text = match (size.min, size.max) {
            (Some(min), Some(max)) => format!("{} – {}", m2(min), m2(max)),
            (Some(min), None) => format!("{} {}", ctx.site.t("at_least"), m2(min)),
            (None, Some(max)) => format!("{} {}", ctx.site.t("at_most"), m2(max)),
            (None, None) => String::new(),
        };
        f.text("fact_size_wanted", Some(&text));
    }
    if let Some(budget) = &q.budget {
        let model = ctx.site.value_label(budget.model);
        let text = match budget.max_eur {
            Some(max) => format!("{} {} {model}", ctx.site.t("at_most"), format::euro(max, lang)),
            None => model,
        };
        f.text("fact_budget_wanted", Some(&text));
    }
    if let Some(from) = q.from {
        f.text("fact_from", Some(&format::date(from, lang)));
    }
    f.text("fact_duration", q.duration.as_deref());
    let tenure: Vec<Item> = q.tenure.iter().map(|t| Item::text(ctx.site.value_label(*t))).collect();
    f.push("fact_tenure_wanted", tenure);
    let needs: Vec<Item> = q
        .accessibility_needs
        .iter()
        .map(|n| Item::text(need_label(ctx.site, *n)))
        .collect();
    f.push("fact_access_needs", needs);
    let mut contact = Vec::new();
    if let Some(url) = &q.contact.url {
        contact.push(Item::link(
            url.0.trim_start_matches("https://").trim_end_matches('/'),
            url.0.clone(),
        ));
    }
    if let Some(email) = &q.contact.email {
        contact.push(Item::text(obfuscate(email, ctx.site)));
    }
    f.push("fact_contact", contact);
    f.text("fact_valid_until", Some(&format::date(q.valid_until, lang)));

    let route = ctx.site.entry_route(EntryKind::Request, &entry.slug);
    let description = crate::site::first_sentences(&entry.body, 200);
    let mut page = entries::base_page(
        ctx,
        EntryKind::Request,
        entry,
        &q.title,
        description.clone(),
        &q.translations,
        &q.sources,
        q.last_verified,
        "verified_on",
        q.draft,
    );
    page.fact_sections = vec![FactSection::short(ctx.site, f.out)];
    page.json_ld = entries::article_json_ld(ctx, &route, &q.title, &description, q.last_verified, &q.sources);
    page.source_date = entries::source_date(ctx, q.source_date);
    if ctx.site.is_open(q) {
        let items = ctx
            .site
            .matches
            .spaces_for(&entry.slug)
            .iter()
            .filter_map(|(slug, fit)| Some(match_item(ctx.site, ctx.card(slug)?.clone(), fit)))
            .collect();
        page.matches = Some(MatchSection {
            heading: ctx.site.t("matches_heading"),
            intro: ctx.site.t("matches_intro"),
            empty: ctx.site.t("matches_empty"),
            items,
        });
    } else {
        page.expired = Some(ctx.site.t("request_expired"));
    }
    page
}

/// The open requests a space could serve, best fit first; `None` when there are none.
pub fn requests_for_space<'s>(ctx: &RenderContext<'s, '_>, space: &str) -> Option<MatchSection<'s>> {
    let fits = ctx.site.matches.requests_for(space);
    if fits.is_empty() {
        return None;
    }
    let items = fits
        .iter()
        .filter_map(|(slug, fit)| Some(match_item(ctx.site, ctx.card(slug)?.clone(), fit)))
        .collect();
    Some(MatchSection {
        heading: ctx.site.t("requests_heading"),
        intro: ctx.site.t("requests_intro"),
        empty: String::new(),
        items,
    })
}

fn match_item<'s>(site: &Site, card: Card<'s>, fit: &Fit) -> MatchItem<'s> {
    let score = site
        .t("matches_score")
        .replace("{n}", &fit.met().to_string())
        .replace("{total}", &fit.checks.len().to_string());
    let criteria = fit
        .checks
        .iter()
        .map(|(criterion, outcome)| CriterionView {
            label: criterion_label(site, *criterion),
            outcome: outcome.key(),
            outcome_label: site.t(match outcome {
                Outcome::Met => "outcome_met",
                Outcome::NotMet => "outcome_not_met",
                Outcome::Unknown => "outcome_unknown",
            }),
        })
        .collect();
    MatchItem { card, score, criteria }
}

fn criterion_label(site: &Site, criterion: Criterion) -> String {
    match criterion {
        Criterion::Kind => site.t("criterion_kind"),
        Criterion::Area => site.t("criterion_area"),
        Criterion::Size => site.t("criterion_size"),
        Criterion::Budget => site.t("criterion_budget"),
        Criterion::Tenure => site.t("criterion_tenure"),
        Criterion::Disciplines => site.t("criterion_disciplines"),
        Criterion::Access(need) => need_label(site, need),
    }
}

fn need_label(site: &Site, need: AccessNeed) -> String {
    site.t(match need {
        AccessNeed::Wheelchair => "fact_wheelchair",
        AccessNeed::StepFreeEntrance => "fact_step_free",
        AccessNeed::AccessibleToilet => "fact_toilet",
        AccessNeed::InductionLoop => "fact_loop",
    })
}

/// `naam (at) voorbeeld (punt) be`: readable for people and screen readers, not a string that
/// address harvesters pick up.
pub fn obfuscate(email: &str, site: &Site) -> String {
    let at = format!(" ({}) ", site.t("email_at"));
    let dot = format!(" ({}) ", site.t("email_dot"));
    match email.split_once('@') {
        Some((user, domain)) => format!("{}{at}{}", user.replace('.', &dot), domain.replace('.', &dot)),
        None => email.replace('.', &dot),
    }
}

//! Requests for space: their pages, with the spaces that fit ranked by the matcher, and the
//! section on a space's page that lists the open requests it could serve.

use serde::Serialize;

use crate::content::model::request::AccessNeed;
use crate::content::model::{Request, Space};
use crate::content::site::{Entry, EntryKind};
use crate::content::vocab::VocabularyKind;
use crate::matching::{self, Criterion, Fit, Outcome};

use super::context::{Card, RenderContext};
use super::entries::{self, EntryPage, FactSection, Facts, Item};
use super::format;
use super::routes::{self, Facet};

#[derive(Debug, Clone, Serialize)]
pub struct MatchSection {
    pub heading: String,
    pub intro: String,
    /// Said when nothing fits.
    pub empty: String,
    pub items: Vec<MatchItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchItem {
    pub card: Card,
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

fn province_of<'a>(ctx: &'a RenderContext) -> impl Fn(&str) -> Option<String> + 'a {
    |place: &str| ctx.site.vocab.place(place).map(|p| p.province.as_str().to_string())
}

/// The spaces that fit `request`, best first, among the published ones.
pub fn spaces_for(ctx: &RenderContext, request: &Request) -> Vec<(String, Fit)> {
    let province_of = province_of(ctx);
    let fits: Vec<(String, Fit)> = ctx
        .site
        .spaces
        .iter()
        .filter(|s| ctx.cards.contains_key(&s.slug))
        .filter_map(|s| matching::fit(request, &s.front, &province_of).map(|f| (s.slug.clone(), f)))
        .collect();
    // Ties go by the names people see.
    matching::rank(fits, |slug| ctx.cards[slug].title.clone())
}

pub fn request_page(ctx: &RenderContext, entry: &Entry<Request>) -> EntryPage {
    let q = &entry.front;
    let lang = ctx.language.as_str();
    let mut f = Facts::new(ctx);
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
                ctx.label(VocabularyKind::Provinces, k.as_str()),
                ctx.urls.url(&routes::facet(Facet::Province, k.as_str(), 1)),
            )
        }))
        .collect();
    f.push("fact_area", area);
    if let Some(size) = q.size_m2 {
        let m2 = |v: f64| format!("{} m²", format::decimal(v, lang));
        let text = match (size.min, size.max) {
            (Some(min), Some(max)) => format!("{} – {}", m2(min), m2(max)),
            (Some(min), None) => format!("{} {}", ctx.t("at_least"), m2(min)),
            (None, Some(max)) => format!("{} {}", ctx.t("at_most"), m2(max)),
            (None, None) => String::new(),
        };
        f.text("fact_size_wanted", Some(&text));
    }
    if let Some(budget) = &q.budget {
        let model = ctx.enum_label("price", &budget.model);
        let text = match budget.max_eur {
            Some(max) => format!("{} {} {model}", ctx.t("at_most"), format::euro(max, lang)),
            None => model,
        };
        f.text("fact_budget_wanted", Some(&text));
    }
    if let Some(from) = q.from {
        f.text("fact_from", Some(&format::date(from, lang)));
    }
    f.text("fact_duration", q.duration.as_deref());
    let tenure: Vec<Item> = q
        .tenure
        .iter()
        .map(|t| Item::text(ctx.enum_label("tenure", t)))
        .collect();
    f.push("fact_tenure_wanted", tenure);
    let needs: Vec<Item> = q
        .accessibility_needs
        .iter()
        .map(|n| Item::text(need_label(ctx, *n)))
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
        contact.push(Item::text(obfuscate(email, ctx)));
    }
    f.push("fact_contact", contact);
    f.text("fact_valid_until", Some(&format::date(q.valid_until, lang)));

    let route = ctx.entry_route(EntryKind::Request, &entry.slug);
    let description = super::context::first_sentences(&entry.body, 200);
    let mut page = entries::base_page(
        ctx,
        EntryKind::Request,
        entry,
        &q.title,
        description.clone(),
        &q.sources,
        q.last_verified,
        "verified_on",
        q.draft,
    );
    page.fact_sections = vec![FactSection::short(ctx, f.out)];
    page.json_ld = entries::article_json_ld(ctx, &route, &q.title, &description, q.last_verified, &q.sources);
    if ctx.is_open(q) {
        let items = spaces_for(ctx, q)
            .into_iter()
            .filter_map(|(slug, fit)| Some(match_item(ctx, ctx.cards.get(&slug)?.clone(), &fit)))
            .collect();
        page.matches = Some(MatchSection {
            heading: ctx.t("matches_heading"),
            intro: ctx.t("matches_intro"),
            empty: ctx.t("matches_empty"),
            items,
        });
    } else {
        page.expired = Some(ctx.t("request_expired"));
    }
    page
}

/// The open requests `space` could serve, best fit first; `None` when there are none.
pub fn requests_for_space(ctx: &RenderContext, space: &Space) -> Option<MatchSection> {
    let province_of = province_of(ctx);
    let fits: Vec<(&str, Fit)> = ctx
        .site
        .requests
        .iter()
        .filter(|r| ctx.cards.contains_key(&r.slug))
        .filter_map(|r| matching::fit(&r.front, space, &province_of).map(|f| (r.slug.as_str(), f)))
        .collect();
    if fits.is_empty() {
        return None;
    }
    let items = matching::rank(fits, |slug| ctx.cards[*slug].title.clone())
        .into_iter()
        .map(|(slug, fit)| match_item(ctx, ctx.cards[slug].clone(), &fit))
        .collect();
    Some(MatchSection {
        heading: ctx.t("requests_heading"),
        intro: ctx.t("requests_intro"),
        empty: String::new(),
        items,
    })
}

fn match_item(ctx: &RenderContext, card: Card, fit: &Fit) -> MatchItem {
    let score = ctx
        .t("matches_score")
        .replace("{n}", &fit.met().to_string())
        .replace("{total}", &fit.checks.len().to_string());
    let criteria = fit
        .checks
        .iter()
        .map(|(criterion, outcome)| CriterionView {
            label: criterion_label(ctx, *criterion),
            outcome: match outcome {
                Outcome::Met => "met",
                Outcome::NotMet => "not-met",
                Outcome::Unknown => "unknown",
            },
            outcome_label: ctx.t(match outcome {
                Outcome::Met => "outcome_met",
                Outcome::NotMet => "outcome_not_met",
                Outcome::Unknown => "outcome_unknown",
            }),
        })
        .collect();
    MatchItem { card, score, criteria }
}

fn criterion_label(ctx: &RenderContext, criterion: Criterion) -> String {
    match criterion {
        Criterion::Kind => ctx.t("criterion_kind"),
        Criterion::Area => ctx.t("criterion_area"),
        Criterion::Size => ctx.t("criterion_size"),
        Criterion::Budget => ctx.t("criterion_budget"),
        Criterion::Tenure => ctx.t("criterion_tenure"),
        Criterion::Disciplines => ctx.t("criterion_disciplines"),
        Criterion::Access(need) => need_label(ctx, need),
    }
}

fn need_label(ctx: &RenderContext, need: AccessNeed) -> String {
    ctx.t(match need {
        AccessNeed::Wheelchair => "fact_wheelchair",
        AccessNeed::StepFreeEntrance => "fact_step_free",
        AccessNeed::AccessibleToilet => "fact_toilet",
        AccessNeed::InductionLoop => "fact_loop",
    })
}

/// `naam (at) voorbeeld (punt) be`: readable for people and screen readers, not a string that
/// address harvesters pick up.
pub fn obfuscate(email: &str, ctx: &RenderContext) -> String {
    let at = format!(" ({}) ", ctx.t("email_at"));
    let dot = format!(" ({}) ", ctx.t("email_dot"));
    match email.split_once('@') {
        Some((user, domain)) => format!("{}{at}{}", user.replace('.', &dot), domain.replace('.', &dot)),
        None => email.replace('.', &dot),
    }
}

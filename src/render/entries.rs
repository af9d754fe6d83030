//! One page per space, practice, guide and free-standing page: the structured facts as a
//! definition list, the body, sources, freshness, links both ways, edit and report links, JSON-LD.

use serde::Serialize;
use serde_json::json;

use crate::content::model::guide::Level;
use crate::content::model::space::{AvailabilityStatus, PriceModel, Space};
use crate::content::model::Keyed;
use crate::content::model::{Date, Guide, Page, PartialDate, Practice, Source, Translations};
use crate::content::vocab::VocabularyKind;
use crate::content::{Entry, EntryKind};
use crate::site::quantities::{Quantity, Unit, QUANTITIES};
use crate::site::routes::{self, Facet};
use crate::site::Site;

use super::context::{Card, RenderContext};
use super::format;
use super::markdown;

/// One row of a definition list: a term and one or more values, each maybe a link.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub term: String,
    pub items: Vec<Item>,
    /// Render the items as a list rather than inline.
    pub list: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub text: String,
    pub href: Option<String>,
    /// The language of a contributor's text when it is not the page's (see `Site::content_lang`).
    pub lang: Option<&'static str>,
}

impl Item {
    pub(super) fn text(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            href: None,
            lang: None,
        }
    }
    pub(super) fn link(text: impl Into<String>, href: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            href: Some(href.into()),
            lang: None,
        }
    }
    /// What a contributor wrote, in the content's language.
    pub(super) fn written(text: impl Into<String>, site: &Site) -> Item {
        Item {
            lang: site.content_lang(),
            ..Item::text(text)
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryPage<'a> {
    pub kind: &'static str,
    pub kind_label: String,
    pub title: String,
    /// For the meta description and link previews.
    pub description: String,
    /// Shown under the title: a summary the contributor wrote (practices, guides), or its
    /// translation into the page's language (any kind).
    pub lead: Option<String>,
    /// The language of the title and of the lead when it is not the page's: the original's
    /// where no translation gives them.
    pub title_lang: Option<&'static str>,
    pub lead_lang: Option<&'static str>,
    /// On a French or English page, that the entry (or all but its title and summary) is in
    /// Dutch.
    pub language_note: Option<String>,
    pub canonical: String,
    pub og_type: &'static str,
    pub breadcrumbs: Vec<Item>,
    /// The short facts, then for spaces their accessibility and for guides the comparison points:
    /// each a definition list under its own heading.
    pub fact_sections: Vec<FactSection>,
    pub tip: Option<String>,
    pub body_html: String,
    pub images: Vec<ImageView>,
    pub sources: Vec<SourceView>,
    pub checked_on: String,
    pub checked_on_iso: String,
    pub checked_label: String,
    /// When the source was published, if it says ("2024").
    pub source_date: String,
    pub stale: bool,
    pub related: Vec<Card<'a>>,
    pub edit_url: Option<String>,
    pub report_url: Option<String>,
    pub disclaimer: Option<String>,
    pub draft: bool,
    pub json_ld: String,
    /// For a request, the spaces that fit; for a space, the open requests it could serve.
    pub matches: Option<super::requests::MatchSection<'a>>,
    /// Shown on a request past its `valid_until`.
    pub expired: Option<String>,
    /// Shown on a space that is not a workspace on offer (a venue, a plan).
    pub status_note: Option<String>,
    /// A space's way in, at the top of its page: who runs it, how to reach them, where it is.
    pub contact: Option<ContactBlock>,
}

/// The contact block of a space: its facts, or, when none is known, a line that says so (the page
/// then offers the report link).
#[derive(Debug, Clone, Serialize)]
pub struct ContactBlock {
    pub facts: Vec<FactRow>,
    pub unknown: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactSection {
    /// The heading's id, for `aria-labelledby`.
    pub id: &'static str,
    pub heading: String,
    pub facts: Vec<FactRow>,
}

/// A fact as an entry page shows it: its term, and its value as markup made here rather than in
/// the template. A template loop over every value's parts took a tenth of the time of a build
/// (each variable a template reads costs tera a lookup through every enclosing loop).
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    pub term: String,
    /// Links and text, inline with separators (`<span class="sep">`) or as a `<ul>`; every text
    /// and address escaped.
    pub html: String,
}

impl Fact {
    pub fn html(&self) -> String {
        let mut html = String::new();
        let push_item = |html: &mut String, item: &Item| match (&item.href, item.lang) {
            (Some(href), _) => {
                html.push_str("<a href=\"");
                html.push_str(&crate::html::escape(href));
                html.push_str("\">");
                html.push_str(&crate::html::escape(&item.text));
                html.push_str("</a>");
            }
            (None, Some(lang)) => {
                html.push_str("<span lang=\"");
                html.push_str(lang);
                html.push_str("\">");
                html.push_str(&crate::html::escape(&item.text));
                html.push_str("</span>");
            }
            (None, None) => html.push_str(&crate::html::escape(&item.text)),
        };
        if self.list {
            html.push_str("<ul>");
            for item in &self.items {
                html.push_str("<li>");
                push_item(&mut html, item);
                html.push_str("</li>");
            }
            html.push_str("</ul>");
        } else {
            for (i, item) in self.items.iter().enumerate() {
                if i > 0 {
                    html.push_str("<span class=\"sep\">, </span>");
                }
                push_item(&mut html, item);
            }
        }
        html
    }
}

fn rows(facts: Vec<Fact>) -> Vec<FactRow> {
    facts
        .into_iter()
        .map(|fact| FactRow {
            html: fact.html(),
            term: fact.term,
        })
        .collect()
}

impl FactSection {
    pub(super) fn short(site: &Site, facts: Vec<Fact>) -> FactSection {
        FactSection {
            id: "kort",
            heading: site.t("facts_heading"),
            facts: rows(facts),
        }
    }

    fn more(site: &Site, heading_key: &str, facts: Vec<Fact>) -> Option<FactSection> {
        (!facts.is_empty()).then(|| FactSection {
            id: "meer",
            heading: site.t(heading_key),
            facts: rows(facts),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// The facts of one section of an entry page, in the order they are added; a fact without a
/// value is left out.
pub(super) struct Facts<'c, 'a> {
    site: &'c Site<'a>,
    pub(super) out: Vec<Fact>,
}

impl<'c, 'a> Facts<'c, 'a> {
    pub(super) fn new(site: &'c Site<'a>) -> Self {
        Facts { site, out: Vec::new() }
    }
    pub(super) fn push(&mut self, key: &str, items: Vec<Item>) {
        if !items.is_empty() {
            self.out.push(Fact {
                term: self.site.t(key),
                items,
                list: false,
            });
        }
    }
    fn list(&mut self, key: &str, items: Vec<Item>) {
        if !items.is_empty() {
            self.out.push(Fact {
                term: self.site.t(key),
                items,
                list: true,
            });
        }
    }
    /// A contributor's free text.
    pub(super) fn text(&mut self, key: &str, text: Option<&str>) {
        if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
            self.push(key, vec![Item::written(t, self.site)]);
        }
    }
    /// Keys of a vocabulary, each linking to its facet page when it has one.
    pub(super) fn keys<'k>(
        &mut self,
        key: &str,
        vocab: VocabularyKind,
        facet: Facet,
        keys: impl Iterator<Item = &'k str>,
    ) {
        let items = keys
            .map(|k| {
                Item::link(
                    self.site.label(vocab, k),
                    self.site.urls.url(&routes::facet(facet, k, 1)),
                )
            })
            .collect();
        self.push(key, items);
    }
}

pub fn space_page<'s>(ctx: &RenderContext<'s, '_>, entry: &Entry<Space>) -> EntryPage<'s> {
    let s = &entry.front;
    let lang = ctx.site.language;
    let mut f = Facts::new(ctx.site);
    f.keys(
        "fact_kinds",
        VocabularyKind::SpaceKinds,
        Facet::SpaceKind,
        s.kinds.iter().map(|k| k.as_str()),
    );
    f.keys(
        "fact_disciplines",
        VocabularyKind::Disciplines,
        Facet::Discipline,
        s.disciplines.iter().map(|k| k.as_str()),
    );
    if !s.status.on_offer() {
        f.push("fact_space_status", vec![Item::text(ctx.site.value_label(s.status))]);
    }
    f.push("fact_place", place_items(ctx, s.place.as_str()));
    if let Some(t) = &s.tenure {
        let mut items = vec![Item::text(ctx.site.value_label(t.kind))];
        if let Some(guide) = t.legal_framework.as_deref().and_then(|g| ctx.site.listing_of(g)) {
            items.push(Item::link(guide.title, guide.url.clone()));
        }
        f.push("fact_tenure", items);
        let mut available = Vec::new();
        if let Some(from) = t.available_from {
            available.push(Item::text(format!(
                "{} {}",
                ctx.site.t("fact_available_from"),
                format::date(from, lang)
            )));
        }
        if let Some(until) = t.available_until {
            available.push(Item::text(format!(
                "{} {}",
                ctx.site.t("fact_available_until"),
                format::date(until, lang)
            )));
        }
        f.push("fact_available", available);
    }
    let mut availability = vec![Item::text(ctx.site.value_label(s.availability.status))];
    if let Some(reason) = &s.availability.reason {
        availability.push(Item::text(reason.clone()));
    }
    f.push("fact_availability", availability);
    f.push(
        "fact_audience",
        s.audience
            .iter()
            .map(|a| Item::text(ctx.site.value_label(*a)))
            .collect(),
    );
    if let Some(e) = &s.eligibility {
        f.text("fact_criteria", e.criteria.as_deref());
        f.text("fact_procedure", e.procedure.as_deref());
    }
    if let Some(p) = &s.price {
        f.push("fact_price", price_items(ctx, p));
    }
    for (quantity, text) in quantities(ctx.site, s) {
        f.push(quantity.label, vec![Item::text(text)]);
    }
    let facilities = s
        .facilities
        .iter()
        .map(|k| Item::text(ctx.site.label(VocabularyKind::Facilities, k.as_str())))
        .collect();
    f.push("fact_facilities", facilities);
    f.text("fact_opening_hours", s.opening_hours.as_deref());
    let facts = f.out;

    // Accessibility: always shown, so "unknown" is said rather than implied.
    let a = &s.accessibility;
    let mut f = Facts::new(ctx.site);
    f.push("fact_wheelchair", vec![Item::text(ctx.site.value_label(a.wheelchair))]);
    f.push(
        "fact_step_free",
        vec![Item::text(ctx.site.value_label(a.step_free_entrance))],
    );
    f.push(
        "fact_toilet",
        vec![Item::text(ctx.site.value_label(a.accessible_toilet))],
    );
    f.push("fact_loop", vec![Item::text(ctx.site.value_label(a.induction_loop))]);
    f.text("fact_transport", a.public_transport.as_deref());
    let notes = match (&a.notes, a.assessed_on) {
        (Some(n), Some(d)) => Some(format!(
            "{n} ({} {})",
            ctx.site.t("fact_assessed_on"),
            format::date(d, lang)
        )),
        (Some(n), None) => Some(n.clone()),
        (None, Some(d)) => Some(format!("{} {}", ctx.site.t("fact_assessed_on"), format::date(d, lang))),
        (None, None) => None,
    };
    f.text("fact_accessibility_notes", notes.as_deref());
    let accessibility = f.out;

    let route = ctx.site.entry_route(EntryKind::Space, &entry.slug);
    let folder = routes::entry_folder(EntryKind::Space, &entry.slug);
    let images = entry
        .front
        .images
        .iter()
        .map(|i| ImageView {
            src: ctx.site.urls.url(&format!("{folder}{}", i.file)),
            alt: i.alt.clone(),
            credit: i.credit.clone(),
        })
        .collect();
    let description = ctx
        .site
        .listing_of(&entry.slug)
        .map(|l| l.summary.to_string())
        .unwrap_or_default();
    let json_ld = space_json_ld(ctx, entry, &route, &description);
    let mut page = base_page(
        ctx,
        EntryKind::Space,
        entry,
        &s.name,
        description,
        &s.translations,
        &s.sources,
        s.last_verified,
        "verified_on",
        s.draft,
    );
    page.fact_sections = [FactSection::short(ctx.site, facts)]
        .into_iter()
        .chain(FactSection::more(ctx.site, "accessibility_heading", accessibility))
        .collect();
    page.images = images;
    page.json_ld = json_ld;
    page.status_note = (!s.status.on_offer()).then(|| ctx.site.t("space_not_on_offer"));
    page.contact = Some(contact_block(ctx, s));
    page.source_date = source_date(ctx, s.source_date);
    page.matches = super::requests::requests_for_space(ctx, &entry.slug);
    page
}

pub fn practice_page<'s>(ctx: &RenderContext<'s, '_>, entry: &Entry<Practice>) -> EntryPage<'s> {
    let p = &entry.front;
    let lang = ctx.site.language;
    let mut f = Facts::new(ctx.site);
    f.keys(
        "fact_themes",
        VocabularyKind::Themes,
        Facet::Theme,
        p.themes.iter().map(|k| k.as_str()),
    );
    let places = p.places.iter().flat_map(|k| place_items(ctx, k.as_str())).collect();
    f.push("fact_places", places);
    if let Some(area) = p.area {
        f.push("fact_area", vec![Item::text(ctx.site.value_label(area))]);
    }
    f.keys(
        "fact_disciplines",
        VocabularyKind::Disciplines,
        Facet::Discipline,
        p.disciplines.iter().map(|k| k.as_str()),
    );
    f.text("fact_financing", p.financing.as_deref());
    if let Some(budget) = p.budget_eur {
        f.push("fact_budget", vec![Item::text(format::euro(budget, lang))]);
    }
    let mut roles: Vec<Item> = p
        .local_government_roles
        .iter()
        .map(|r| Item::text(ctx.site.value_label(*r)))
        .collect();
    if let Some(text) = &p.local_government_role {
        roles.push(Item::text(text.clone()));
    }
    f.push("fact_roles", roles);
    f.push(
        "fact_partners",
        p.partners.iter().map(|x| Item::text(x.clone())).collect(),
    );
    if let Some(period) = &p.period {
        let text = match &period.end {
            Some(end) => format!(
                "{} – {}",
                format::partial_date(&period.start, lang),
                format::partial_date(end, lang)
            ),
            None => format!(
                "{} {}",
                ctx.site.t("fact_period_since"),
                format::partial_date(&period.start, lang)
            ),
        };
        f.push("fact_period", vec![Item::text(text)]);
    }
    f.keys(
        "fact_tags",
        VocabularyKind::Tags,
        Facet::Tag,
        p.tags.iter().map(|k| k.as_str()),
    );
    let route = ctx.site.entry_route(EntryKind::Practice, &entry.slug);
    let mut page = base_page(
        ctx,
        EntryKind::Practice,
        entry,
        &p.title,
        p.summary.clone(),
        &p.translations,
        &p.sources,
        p.last_verified,
        "verified_on",
        p.draft,
    );
    page.fact_sections = vec![FactSection::short(ctx.site, f.out)];
    page.tip = p.tip.clone();
    page.json_ld = article_json_ld(ctx, &route, &p.title, &p.summary, p.last_verified, &p.sources);
    page.source_date = source_date(ctx, p.source_date);
    page
}

pub fn guide_page<'s>(ctx: &RenderContext<'s, '_>, entry: &Entry<Guide>) -> EntryPage<'s> {
    let g = &entry.front;
    let mut f = Facts::new(ctx.site);
    f.push("fact_category", vec![Item::text(ctx.site.value_label(g.category))]);
    f.push(
        "fact_aliases",
        g.aliases.iter().map(|a| Item::text(a.clone())).collect(),
    );
    let basis = g
        .legal_basis
        .iter()
        .map(|b| link_or_text(&b.citation, b.url.as_ref().map(|u| u.0.as_str())))
        .collect();
    f.list("fact_legal_basis", basis);
    let facts = f.out;
    let route = ctx.site.entry_route(EntryKind::Guide, &entry.slug);
    let mut page = base_page(
        ctx,
        EntryKind::Guide,
        entry,
        &g.title,
        g.summary.clone(),
        &g.translations,
        &g.sources,
        Some(g.last_reviewed),
        "reviewed_on",
        g.draft,
    );
    page.fact_sections = [FactSection::short(ctx.site, facts)]
        .into_iter()
        .chain(FactSection::more(ctx.site, "compare_title", compare_facts(ctx.site, g)))
        .collect();
    page.disclaimer = Some(ctx.site.t("legal_disclaimer"));
    page.json_ld = article_json_ld(ctx, &route, &g.title, &g.summary, Some(g.last_reviewed), &g.sources);
    page
}

/// The comparison points of one guide, in the order of its family's comparison table: a use
/// arrangement's terms, or an organisation form's standing in law and tax; then what every guide
/// says.
pub fn compare_facts(site: &Site, g: &Guide) -> Vec<Fact> {
    let c = &g.compare;
    let mut f = Facts::new(site);
    let level = |l: Level| vec![Item::text(site.value_label(l))];
    if let Some(u) = &c.use_terms {
        f.text("compare_duration", Some(&u.duration));
        f.push("compare_security_of_tenure", level(u.security_of_tenure));
        f.push("compare_setup_cost", level(u.setup_cost));
        f.push("compare_running_cost", level(u.running_cost));
        f.push("compare_admin_burden", level(c.admin_burden));
        f.push(
            "compare_registration_required",
            vec![Item::text(site.value_label(u.registration_required))],
        );
        let mut notary = vec![Item::text(site.value_label(u.notary_required))];
        notary.extend(u.notary_note.as_ref().map(|n| Item::text(format!(": {n}"))));
        f.push("compare_notary_required", notary);
    }
    if let Some(o) = &c.organisation {
        // Every organisation form shows every point, so the table's columns line up; a point no
        // checked source gave says so.
        let or_unchecked = |text: &Option<String>| {
            vec![Item::text(
                text.clone().unwrap_or_else(|| site.t("compare_not_checked")),
            )]
        };
        f.push(
            "compare_legal_personality",
            vec![Item::text(site.value_label(o.legal_personality))],
        );
        f.push("compare_signs_lease", or_unchecked(&o.signs_lease));
        f.text("compare_who_carries_liability", Some(&c.who_carries_liability));
        f.push("compare_income_tax", or_unchecked(&o.income_tax));
        f.push("compare_patrimony_tax", or_unchecked(&o.patrimony_tax));
        f.push("compare_vat", or_unchecked(&o.vat));
        f.push("compare_founding_cost", or_unchecked(&o.setup_cost));
        f.push("compare_upkeep_cost", or_unchecked(&o.running_cost));
        f.push("compare_admin_burden", level(c.admin_burden));
    } else {
        if c.use_terms.is_none() {
            f.push("compare_admin_burden", level(c.admin_burden));
        }
        f.text("compare_who_carries_liability", Some(&c.who_carries_liability));
    }
    f.text("compare_suited_for", Some(&c.suited_for));
    f.list(
        "compare_pros",
        c.pros.iter().map(|x| Item::written(x.clone(), site)).collect(),
    );
    f.list(
        "compare_cons",
        c.cons.iter().map(|x| Item::written(x.clone(), site)).collect(),
    );
    f.list(
        "compare_risks",
        c.risks.iter().map(|x| Item::written(x.clone(), site)).collect(),
    );
    f.out
}

#[derive(Debug, Clone, Serialize)]
pub struct FreePage {
    pub title: String,
    pub title_lang: Option<&'static str>,
    pub language_note: Option<String>,
    pub description: String,
    pub canonical: String,
    pub body_html: String,
}

pub fn free_page(ctx: &RenderContext, entry: &Entry<Page>) -> FreePage {
    let route = ctx.site.entry_route(EntryKind::Page, &entry.slug);
    let front = &entry.front;
    let translated = ctx.site.translated(&front.translations);
    let (title, title_lang) = ctx
        .site
        .in_page_language(&front.title, translated.and_then(|t| t.title.as_deref()));
    let description = translated
        .and_then(|t| t.summary.as_ref())
        .or(front.description.as_ref());
    FreePage {
        title: title.to_string(),
        title_lang,
        language_note: language_note(ctx.site, translated.is_some()),
        description: description.cloned().unwrap_or_default(),
        canonical: ctx.site.urls.absolute(&route),
        body_html: markdown::to_html(&entry.body, 0, &ctx.site.urls.url("")),
    }
}

/// The parts every entry page has, with its title and summary in the page's language where the
/// entry's `translations` give them.
#[allow(clippy::too_many_arguments)]
pub(super) fn base_page<'s, T>(
    ctx: &RenderContext<'s, '_>,
    kind: EntryKind,
    entry: &Entry<T>,
    title: &str,
    description: String,
    translations: &Translations,
    sources: &[Source],
    checked_on: Option<Date>,
    checked_key: &str,
    draft: bool,
) -> EntryPage<'s> {
    let route = ctx.site.entry_route(kind, &entry.slug);
    let list_key = format!("list_{}", kind.folder());
    let translated = ctx.site.translated(translations);
    let (shown_title, title_lang) = ctx
        .site
        .in_page_language(title, translated.and_then(|t| t.title.as_deref()));
    // A space has no summary of its own: its lead is a translated one only.
    let (lead, lead_lang, description) = match translated.and_then(|t| t.summary.clone()) {
        Some(summary) => (Some(summary.clone()), None, summary),
        None => (
            (kind != EntryKind::Space).then(|| description.clone()),
            ctx.site.content_lang(),
            description,
        ),
    };
    EntryPage {
        kind: kind.id(),
        kind_label: ctx.site.kind_label(kind),
        title: shown_title.to_string(),
        lead,
        title_lang,
        lead_lang,
        language_note: language_note(ctx.site, translated.is_some()),
        description,
        canonical: ctx.site.urls.absolute(&route),
        og_type: if kind == EntryKind::Space { "website" } else { "article" },
        breadcrumbs: vec![
            Item::link(ctx.site.t("home"), ctx.site.urls.url("")),
            Item::link(ctx.site.t(&list_key), ctx.site.urls.url(&routes::list(kind, 1))),
        ],
        fact_sections: Vec::new(),
        tip: None,
        body_html: markdown::to_html(&entry.body, 1, &ctx.site.urls.url("")),
        images: Vec::new(),
        sources: sources
            .iter()
            .map(|s| SourceView {
                title: s.title.clone(),
                url: s.url.as_ref().map(|u| u.0.clone()),
                note: s.note.clone(),
            })
            .collect(),
        checked_on: checked_on
            .map(|d| format::date(d, ctx.site.language))
            .unwrap_or_default(),
        checked_on_iso: checked_on.map(|d| d.to_string()).unwrap_or_default(),
        // Facts nobody has checked yet say so, and ask for help as stale ones do.
        checked_label: ctx.site.t(if checked_on.is_some() {
            checked_key
        } else {
            "never_verified"
        }),
        source_date: String::new(),
        stale: checked_on.is_none_or(|d| ctx.site.is_stale(d)),
        related: ctx.related_cards(&entry.slug),
        edit_url: edit_url(ctx, &entry.file),
        // Without a repository or an address to write to, the contribute page says how to report.
        report_url: report_url(ctx, title, &ctx.site.urls.absolute(&route), &entry.file)
            .or_else(|| ctx.chrome.contribute.clone()),
        disclaimer: None,
        draft,
        json_ld: String::new(),
        matches: None,
        expired: None,
        status_note: None,
        contact: None,
    }
}

/// On a page in another language than the contributors', a note that what they wrote is in
/// Dutch: all of it, or all but the translated title and summary.
pub(super) fn language_note(site: &Site, translated: bool) -> Option<String> {
    site.content_lang().map(|_| {
        site.t(if translated {
            "content_in_dutch_rest"
        } else {
            "content_in_dutch"
        })
    })
}

/// A source's date as the page's language writes it, or nothing.
pub(super) fn source_date(ctx: &RenderContext, date: Option<PartialDate>) -> String {
    date.map(|d| format::partial_date(&d, ctx.site.language))
        .unwrap_or_default()
}

pub(super) fn place_items(ctx: &RenderContext, key: &str) -> Vec<Item> {
    let mut items = vec![Item::link(
        ctx.site.label(VocabularyKind::Places, key),
        ctx.site.urls.url(&routes::facet(Facet::Place, key, 1)),
    )];
    if let Some(place) = ctx.site.model.vocab.place(key) {
        let province = place.province.as_str();
        items.push(Item::link(
            ctx.site.label(VocabularyKind::Provinces, province),
            ctx.site.urls.url(&routes::facet(Facet::Province, province, 1)),
        ));
        if let Some(p) = &place.population {
            items.push(Item::text(population_text(ctx, p)));
        }
    }
    items
}

/// "265.000 inwoners (2024)": the year only where the source gives one, and the figure's note.
pub(super) fn population_text(ctx: &RenderContext, p: &crate::content::vocab::Population) -> String {
    let mut text = format!(
        "{} {}",
        format::integer(u64::from(p.count), ctx.site.language),
        ctx.site.t("fact_population").to_lowercase()
    );
    match (p.year, &p.note) {
        (Some(year), Some(note)) => text.push_str(&format!(" ({year}; {note})")),
        (Some(year), None) => text.push_str(&format!(" ({year})")),
        (None, Some(note)) => text.push_str(&format!(" ({note})")),
        (None, None) => {}
    }
    text
}

/// The numbers a space gives, each with its unit as the site's language writes it ("35,5 m²").
fn quantities<'q>(site: &'q Site, s: &'q Space) -> impl Iterator<Item = (&'static Quantity, String)> + 'q {
    QUANTITIES.iter().filter_map(move |quantity| {
        let number = format::decimal((quantity.value)(s)?, site.language);
        let text = match quantity.unit {
            Unit::Symbol(symbol) => format!("{number} {symbol}"),
            Unit::Word(key) => format!("{number} {}", site.t(key)),
            Unit::None => number,
        };
        Some((quantity, text))
    })
}

/// The price as one says it: "€ 8 per uur", "Gratis", "Ledenbijdrage: € 20".
pub(super) fn price_text(site: &Site, p: &crate::content::model::space::Price) -> String {
    let lang = site.language;
    let model = site.value_label(p.model);
    match (p.model, p.amount_eur) {
        (PriceModel::Gratis | PriceModel::OpAanvraag | PriceModel::Ledenbijdrage, None) => model,
        (PriceModel::Ledenbijdrage, Some(a)) => format!("{model}: {}", format::euro(a, lang)),
        (_, Some(a)) => format!("{} {model}", format::euro(a, lang)),
        (_, None) => model,
    }
}

/// What decides, on a space's card: price, size, capacity, availability, wheelchair access and
/// when it was checked. Price, availability, access and the check are always said, as unknown
/// when they are; a number nobody gave is left out.
pub(super) fn space_card_facts(site: &Site, s: &Space) -> Vec<CardFact> {
    let fact = |text: String, class: &str| CardFact {
        text,
        class: class.to_string(),
    };
    let mut facts = vec![fact(
        s.price
            .as_ref()
            .map_or_else(|| site.t("card_price_unknown"), |p| price_text(site, p)),
        "price",
    )];
    for (quantity, text) in quantities(site, s) {
        facts.push(fact(text, quantity.column));
    }
    // A place that is not on offer says what it is instead (the card's status line).
    if s.status.on_offer() {
        let status = s.availability.status;
        let text = if status == AvailabilityStatus::Onbekend {
            site.t("card_availability_unknown")
        } else {
            site.value_label(status)
        };
        facts.push(fact(text, &format!("availability availability-{}", status.key())));
    }
    let wheelchair = s.accessibility.wheelchair;
    facts.push(fact(
        format!(
            "{}: {}",
            site.t("card_wheelchair"),
            site.value_label(wheelchair).to_lowercase()
        ),
        &format!("wheelchair wheelchair-{}", wheelchair.key()),
    ));
    facts.push(match s.last_verified {
        Some(d) => fact(
            format!("{} {}", site.t("verified_on"), format::date(d, site.language)),
            "checked",
        ),
        None => fact(site.t("card_not_checked"), "checked checked-never"),
    });
    facts
}

/// A fact on a card, with a class the theme can colour by (`availability-volzet`).
#[derive(Debug, Clone, Serialize)]
pub struct CardFact {
    pub text: String,
    pub class: String,
}

fn price_items(ctx: &RenderContext, p: &crate::content::model::space::Price) -> Vec<Item> {
    let mut text = price_text(ctx.site, p);
    match p.includes_charges {
        Some(true) => text.push_str(&format!(" ({})", ctx.site.t("fact_price_includes_charges"))),
        Some(false) => text.push_str(&format!(" ({})", ctx.site.t("fact_price_excludes_charges"))),
        None => {}
    }
    let mut items = vec![Item::text(text)];
    if let Some(notes) = &p.notes {
        items.push(Item::text(notes.clone()));
    }
    items
}

/// Who runs the space and how to reach them, where it is (with a link that opens the address in
/// OpenStreetMap, not an embedded map), and where to book.
fn contact_block(ctx: &RenderContext, s: &Space) -> ContactBlock {
    let site = ctx.site;
    let mut f = Facts::new(site);
    if let Some(o) = &s.operator {
        f.push(
            "fact_operator",
            vec![link_or_text(&o.name, o.url.as_ref().map(|u| u.0.as_str()))],
        );
    }
    contact_facts(&mut f, &s.contact);
    if let Some(url) = &s.availability.booking_url {
        f.push("fact_booking", vec![Item::link(display_url(&url.0), url.0.clone())]);
    }
    let place = site.label(VocabularyKind::Places, s.place.as_str());
    let address = s.address.as_ref().map(|a| {
        let number = a.number.as_ref().map(|n| format!(" {}", n.0)).unwrap_or_default();
        format!("{}{number}, {} {place}", a.street, a.postcode.0)
    });
    // The map link needs a point or a street: a municipality's name alone finds its centre.
    let map = match (&s.geo, &address) {
        (Some(g), _) => Some(format!(
            "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}",
            lat = g.lat,
            lon = g.lon
        )),
        (None, Some(address)) => Some(format!(
            "https://www.openstreetmap.org/search?{}",
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("query", &format!("{address}, België"))
                .finish()
        )),
        (None, None) => None,
    };
    if let Some(address) = &address {
        let mut items = vec![Item::text(address.clone())];
        items.extend(map.map(|m| Item::link(site.t("contact_open_map"), m)));
        f.push("fact_address", items);
    }
    let unknown = f.out.is_empty().then(|| site.t("contact_unknown"));
    ContactBlock {
        facts: rows(f.out),
        unknown,
    }
}

fn contact_facts(f: &mut Facts, contact: &crate::content::model::Contact) {
    if let Some(w) = &contact.website {
        f.push("fact_website", vec![Item::link(display_url(&w.0), w.0.clone())]);
    }
    if let Some(e) = &contact.email {
        f.push("fact_email", vec![Item::link(e.clone(), format!("mailto:{e}"))]);
    }
    if let Some(p) = &contact.phone {
        let digits: String = p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        f.push("fact_phone", vec![Item::link(p.clone(), format!("tel:{digits}"))]);
    }
}

fn link_or_text(text: &str, url: Option<&str>) -> Item {
    match url {
        Some(u) => Item::link(text, u),
        None => Item::text(text),
    }
}

fn display_url(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

fn edit_url(ctx: &RenderContext, file: &str) -> Option<String> {
    let repo = &ctx.site.config.repository;
    (!repo.url.is_empty()).then(|| {
        format!(
            "{}/edit/{}/{}/{file}",
            repo.url.trim_end_matches('/'),
            repo.branch,
            repo.content_path.trim_matches('/')
        )
    })
}

/// Where a reader reports outdated information about an entry: a pre-filled issue form when the
/// site has a repository, else a pre-filled e-mail to `contact_email`; `None` when it has neither
/// (the page then points to the contribute page).
fn report_url(ctx: &RenderContext, title: &str, page_url: &str, file: &str) -> Option<String> {
    let config = ctx.site.config;
    let repo = &config.repository;
    let subject = format!("Verouderde informatie: {title}");
    if !repo.url.is_empty() {
        // The issue form `.github/ISSUE_TEMPLATE/verouderde-informatie.yml` fills its fields from
        // these parameters, named after the fields' ids.
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("template", "verouderde-informatie.yml")
            .append_pair("title", &subject)
            .append_pair("pagina", page_url)
            .append_pair("bestand", &format!("{}/{file}", repo.content_path))
            .finish();
        return Some(format!("{}/issues/new?{query}", repo.url.trim_end_matches('/')));
    }
    if config.contact_email.is_empty() {
        return None;
    }
    let body = ctx
        .site
        .t("report_mail_body")
        .replace("{page}", page_url)
        .replace("{file}", &format!("{}/{file}", repo.content_path));
    // A mailto query is percent-encoded: `+` would stay a plus in a mail client.
    let encode = |text: &str| -> String {
        url::form_urlencoded::byte_serialize(text.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    Some(format!(
        "mailto:{}?subject={}&body={}",
        config.contact_email,
        encode(&subject),
        encode(&body)
    ))
}

fn space_json_ld(ctx: &RenderContext, entry: &Entry<Space>, route: &str, description: &str) -> String {
    let s = &entry.front;
    let place_name = ctx.site.label(VocabularyKind::Places, s.place.as_str());
    let mut address = json!({ "@type": "PostalAddress", "addressLocality": place_name, "addressCountry": "BE" });
    if let Some(a) = &s.address {
        let number = a.number.as_ref().map(|n| format!(" {}", n.0)).unwrap_or_default();
        address["streetAddress"] = json!(format!("{}{number}", a.street));
        address["postalCode"] = json!(a.postcode.0);
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": s.name,
        "description": description,
        "url": ctx.site.urls.absolute(route),
        "address": address,
    });
    if let Some(g) = s.geo {
        value["geo"] = json!({ "@type": "GeoCoordinates", "latitude": g.lat, "longitude": g.lon });
    }
    if let Some(w) = &s.contact.website {
        value["sameAs"] = json!(w.0);
    }
    if let Some(capacity) = s.capacity {
        value["maximumAttendeeCapacity"] = json!(capacity);
    }
    if let Some(p) = &s.price {
        value["isAccessibleForFree"] = json!(p.model == PriceModel::Gratis);
    }
    let mut features: Vec<serde_json::Value> = s
        .facilities
        .iter()
        .map(|k| json!({ "@type": "LocationFeatureSpecification", "name": ctx.site.label(VocabularyKind::Facilities, k.as_str()), "value": true }))
        .collect();
    use crate::content::model::space::Wheelchair;
    if matches!(s.accessibility.wheelchair, Wheelchair::Ja | Wheelchair::Nee) {
        features.push(json!({ "@type": "LocationFeatureSpecification", "name": "wheelchair accessible", "value": s.accessibility.wheelchair == Wheelchair::Ja }));
    }
    if !features.is_empty() {
        value["amenityFeature"] = json!(features);
    }
    if let Some(date) = s.last_verified {
        value["dateModified"] = json!(date.to_string());
    }
    script_safe_json(&value)
}

pub(super) fn article_json_ld(
    ctx: &RenderContext,
    route: &str,
    title: &str,
    summary: &str,
    modified: Option<Date>,
    sources: &[Source],
) -> String {
    let citations: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| match &s.url {
            Some(u) => json!({ "@type": "CreativeWork", "name": s.title, "url": u.0 }),
            None => json!({ "@type": "CreativeWork", "name": s.title }),
        })
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title,
        "description": summary,
        "url": ctx.site.urls.absolute(route),
        "inLanguage": "nl-BE",
        "isPartOf": { "@type": "WebSite", "name": ctx.site.config.title },
        "citation": citations,
    });
    if let Some(date) = modified {
        value["dateModified"] = json!(date.to_string());
    }
    script_safe_json(&value)
}

/// JSON that cannot close its `<script>` element: `<`, `>` and `&` are written as escapes.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    // One pass, and none at all for the usual JSON without these characters.
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut safe = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

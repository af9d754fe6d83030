//! The published view of the directory: what the site shows, decided once per build between the
//! content and its outputs. Which entries are published (drafts and expired requests out), where
//! each lives, what each is called in the site's language, which link to which, which spaces fit
//! which requests, and the figures. The pages, the open data and the search index all read this
//! view and none of them reads another.

pub mod check;
pub mod figures;
pub mod labels;
pub mod links;
pub mod matches;
pub mod quantities;
pub mod routes;

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;

use crate::config::Config;
use crate::content::model::{
    Date, Guide, Labelled, Page, Practice, Request, Space, Translation, Translations, VocabularyKey,
};
use crate::content::vocab::VocabularyKind;
use crate::content::{Entry, EntryKind, Model};

use self::figures::Figures;
use self::labels::Strings;
use self::matches::Matches;
use self::routes::Urls;

/// The language entries are written in.
pub const CONTENT_LANGUAGE: &str = "nl";

/// The site as it is published.
pub struct Site<'a> {
    pub model: &'a Model,
    pub config: &'a Config,
    pub strings: &'a Strings,
    pub urls: Urls,
    /// The interface language (`nl`, `fr`, `en`).
    pub language: &'a str,
    /// The build's day: it decides which requests still run and which entries are stale.
    pub today: Date,
    /// Entries marked `draft: true` are published too (a preview).
    pub include_drafts: bool,
    pub spaces: Vec<&'a Entry<Space>>,
    pub practices: Vec<&'a Entry<Practice>>,
    pub guides: Vec<&'a Entry<Guide>>,
    /// Every published request, open or not: an expired one keeps its page (which says so) but
    /// leaves lists, links and search.
    pub requests: Vec<&'a Entry<Request>>,
    pub pages: Vec<&'a Entry<Page>>,
    /// Every listed entry (published, and open for a request), by slug.
    listings: HashMap<&'a str, Listing<'a>>,
    /// For each listed entry, the listed entries it links to or that link to it.
    pub links: HashMap<String, Vec<String>>,
    pub matches: Matches<'a>,
    pub figures: Figures,
}

/// A listed entry as lists, links, feeds and matches show it.
#[derive(Debug, Clone)]
pub struct Listing<'a> {
    pub kind: EntryKind,
    pub slug: &'a str,
    pub title: &'a str,
    /// Its page inside the site, and that page's URL.
    pub route: String,
    pub url: String,
    /// The contributor's summary, or the opening of the text.
    pub summary: Cow<'a, str>,
    /// The language of the title and of the summary when it is not the page's: the original's
    /// where the entry has no translation into the page's language (see [`Site::content_lang`]).
    pub title_lang: Option<&'static str>,
    pub summary_lang: Option<&'static str>,
    /// When its facts were last checked (a guide's review); `None` when nobody has yet.
    pub checked_on: Option<Date>,
    /// False for a space that is not a workspace on offer (a venue, a plan): lists show the offer
    /// first.
    pub offered: bool,
    /// Where lists show it among its kind before the title decides: a space on offer that can be
    /// had now comes before one with a waiting list, and the offer before the rest. 0 for all
    /// other kinds.
    pub standing: u8,
}

impl Listing<'_> {
    /// The order lists show entries in (the finder's "relevance"): by kind, by standing, then
    /// by title.
    pub fn list_order(&self) -> (EntryKind, u8, String) {
        (self.kind, self.standing, self.title.to_lowercase())
    }
}

/// A space's standing in lists: the offer first, and within it what can be had soonest.
fn standing(space: &Space) -> u8 {
    use crate::content::model::space::AvailabilityStatus as A;
    if !space.status.on_offer() {
        return 10;
    }
    match space.availability.status {
        A::Beschikbaar => 0,
        A::Wachtlijst => 1,
        A::Onbekend => 2,
        A::TijdelijkOnbeschikbaar => 3,
        A::Volzet => 4,
        A::Gesloten => 5,
    }
}

impl<'a> Site<'a> {
    pub fn new(
        model: &'a Model,
        config: &'a Config,
        strings: &'a Strings,
        today: Date,
        include_drafts: bool,
    ) -> Site<'a> {
        let published = |draft: bool| !draft || include_drafts;
        let mut site = Site {
            model,
            config,
            strings,
            urls: Urls::new(&config.base_path(), &config.base_url).with_pages_prefix(&config.pages_prefix()),
            language: &config.language,
            today,
            include_drafts,
            spaces: model.spaces.iter().filter(|e| published(e.front.draft)).collect(),
            practices: model.practices.iter().filter(|e| published(e.front.draft)).collect(),
            guides: model.guides.iter().filter(|e| published(e.front.draft)).collect(),
            requests: model.requests.iter().filter(|e| published(e.front.draft)).collect(),
            pages: model.pages.iter().filter(|e| published(e.front.draft)).collect(),
            listings: HashMap::new(),
            links: HashMap::new(),
            matches: Matches::default(),
            figures: Figures::default(),
        };
        site.listings = site.make_listings();
        site.links = links::links(&site);
        site.matches = Matches::new(&site);
        site.figures = figures::figures(&site);
        site
    }

    /// One listing per listed entry, made in parallel (summaries read each body).
    fn make_listings(&self) -> HashMap<&'a str, Listing<'a>> {
        let spaces = self.spaces.par_iter().map(|e| {
            let f = &e.front;
            let summary = Cow::Owned(first_sentences(&e.body, 200));
            let mut listing = self.listing(EntryKind::Space, e, &f.name, summary, &f.translations, f.last_verified);
            listing.offered = f.status.on_offer();
            listing.standing = standing(f);
            listing
        });
        let practices = self.practices.par_iter().map(|e| {
            let f = &e.front;
            self.listing(
                EntryKind::Practice,
                e,
                &f.title,
                Cow::Borrowed(&f.summary),
                &f.translations,
                f.last_verified,
            )
        });
        let guides = self.guides.par_iter().map(|e| {
            let f = &e.front;
            self.listing(
                EntryKind::Guide,
                e,
                &f.title,
                Cow::Borrowed(&f.summary),
                &f.translations,
                Some(f.last_reviewed),
            )
        });
        let requests = self.requests.par_iter().filter(|e| self.is_open(&e.front)).map(|e| {
            let f = &e.front;
            let summary = Cow::Owned(first_sentences(&e.body, 200));
            self.listing(
                EntryKind::Request,
                e,
                &f.title,
                summary,
                &f.translations,
                f.last_verified,
            )
        });
        spaces
            .chain(practices)
            .chain(guides)
            .chain(requests)
            .map(|l| (l.slug, l))
            .collect()
    }

    /// An entry's listing, with its title and summary in the page's language where it has them.
    #[allow(clippy::too_many_arguments)]
    fn listing<T>(
        &self,
        kind: EntryKind,
        entry: &'a Entry<T>,
        title: &'a str,
        summary: Cow<'a, str>,
        translations: &'a Translations,
        checked_on: Option<Date>,
    ) -> Listing<'a> {
        let route = self.entry_route(kind, &entry.slug);
        let translated = self.translated(translations);
        let (title, title_lang) = self.in_page_language(title, translated.and_then(|t| t.title.as_deref()));
        let (summary, summary_lang) = match translated.and_then(|t| t.summary.as_deref()) {
            Some(s) => (Cow::Borrowed(s), None),
            None => (summary, self.content_lang()),
        };
        Listing {
            kind,
            slug: &entry.slug,
            title,
            title_lang,
            url: self.urls.url(&route),
            route,
            summary,
            summary_lang,
            checked_on,
            offered: true,
            standing: 0,
        }
    }

    /// A listed entry by slug: published, and open if it is a request.
    pub fn listing_of(&self, slug: &str) -> Option<&Listing<'a>> {
        self.listings.get(slug)
    }

    pub fn is_listed(&self, slug: &str) -> bool {
        self.listings.contains_key(slug)
    }

    /// Every listed entry, in no particular order.
    pub fn listings(&self) -> impl Iterator<Item = &Listing<'a>> {
        self.listings.values()
    }

    /// Listed entries of one kind in list order: the offer first (what can be had now before a
    /// waiting list), then by title.
    pub fn listed(&self, kind: EntryKind) -> Vec<&Listing<'a>> {
        let mut listed: Vec<&Listing> = self.listings.values().filter(|l| l.kind == kind).collect();
        sort_by_title(&mut listed);
        listed
    }

    /// The requests that still run on the build's day.
    pub fn open_requests(&self) -> impl Iterator<Item = &'a Entry<Request>> + '_ {
        self.requests.iter().copied().filter(|e| self.is_open(&e.front))
    }

    /// Whether a request still runs on the build's day.
    pub fn is_open(&self, request: &Request) -> bool {
        request.valid_until >= self.today
    }

    /// Whether a check is older than the "may be outdated" limit.
    pub fn is_stale(&self, checked_on: Date) -> bool {
        checked_on.days_until(self.today) > i64::from(self.config.stale_after_days)
    }

    /// The route of an entry's page, in the site's `entry_urls` style.
    pub fn entry_route(&self, kind: EntryKind, slug: &str) -> String {
        routes::entry(self.config.entry_urls, kind, slug)
    }

    /// The coordinates a space is shown at, and whether they are its municipality's centre.
    pub fn location(&self, space: &Space) -> Option<(f64, f64, bool)> {
        match space.geo {
            Some(g) => Some((g.lat, g.lon, false)),
            None => self
                .model
                .vocab
                .place(space.place.as_str())
                .map(|p| (p.centroid.lat, p.centroid.lon, true)),
        }
    }

    /// The province (or region) of a municipality.
    pub fn province_of(&self, place: &str) -> Option<&'a str> {
        self.model.vocab.province_of(place)
    }

    /// The provinces of some places, each once, by key: a practice in Gent and Aalst is in
    /// Oost-Vlaanderen once.
    pub fn provinces_of<'p>(&self, places: impl IntoIterator<Item = &'p str>) -> Vec<&'a str> {
        let mut provinces: Vec<&str> = places.into_iter().filter_map(|p| self.province_of(p)).collect();
        provinces.sort_unstable();
        provinces.dedup();
        provinces
    }

    /// The interface string `key`.
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key)
    }

    /// The language contributors write in (Dutch), when it is not the page's: what they wrote
    /// is marked with it (`lang="nl"`), for screen readers.
    pub fn content_lang(&self) -> Option<&'static str> {
        (self.language != CONTENT_LANGUAGE).then_some(CONTENT_LANGUAGE)
    }

    /// An entry's translation into the page's language, if it has one.
    pub fn translated<'t>(&self, translations: &'t Translations) -> Option<&'t Translation> {
        translations.get(self.language)
    }

    /// A text in the page's language where a translation gives it, with the language to mark it
    /// by otherwise: (the text, `None`) or (the original, `Some("nl")`).
    pub fn in_page_language<'t>(
        &self,
        original: &'t str,
        translation: Option<&'t str>,
    ) -> (&'t str, Option<&'static str>) {
        match translation {
            Some(text) => (text, None),
            None => (original, self.content_lang()),
        }
    }

    /// The label of a vocabulary key in the site's language, falling back to Dutch, then the key.
    pub fn label(&self, kind: VocabularyKind, key: &str) -> String {
        match self.model.vocab.names(kind, key) {
            Some(names) => names.label(self.language).to_string(),
            None => key.to_string(),
        }
    }

    /// The label of a typed vocabulary key.
    pub fn name_of<K: VocabularyKey>(&self, key: &K) -> String {
        self.label(K::VOCABULARY, key.as_str())
    }

    /// The label of a keyed value of the model (a price model, an access level).
    pub fn value_label<T: Labelled>(&self, value: T) -> String {
        self.t(&value.label_key())
    }

    /// What an entry of `kind` is called ("Ruimte", "Ruimtevraag").
    pub fn kind_label(&self, kind: EntryKind) -> String {
        self.t(&format!("kind_{}", kind.id()))
    }

    /// The text of `LICENSE.txt` under `/data/`, which the data page shows too.
    pub fn licence_text(&self) -> String {
        let config = self.config;
        format!(
            "The data in this folder comes from {} ({}).\nIt is published under {}: {}\nCredit \"{}\" and link to the site when you reuse it.\n",
            config.title,
            self.urls.absolute(""),
            config.licence.name,
            config.licence.url,
            config.title
        )
    }
}

/// By standing (the offer first), then by title as people read it, then by address (two
/// entries may share a title).
pub fn sort_by_title(listings: &mut [&Listing]) {
    listings.sort_by_cached_key(|l| (l.standing, l.title.to_lowercase(), l.url.clone()));
}

/// Spaces, then practices, then guides, then requests; the offer first and by title within each
/// kind.
pub fn sort_by_kind_and_title(listings: &mut [&Listing]) {
    listings.sort_by_cached_key(|l| l.list_order());
}

/// Plain text of the first sentences of a Markdown body, at most about `max` characters.
pub fn first_sentences(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(pulldown_cmark::TagEnd::Paragraph) if !text.is_empty() => break,
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(". ") {
        Some(i) if i > max / 3 => cut[..=i].to_string(),
        _ => format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a)),
    }
}

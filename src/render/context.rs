//! What every page renderer reads: the model, the config, the theme, URLs, labels in the site's
//! language, which entries are published, and the links between entries in both directions.

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::model::Date;
use crate::content::site::{EntryKind, Site};
use crate::content::vocab::VocabularyKind;

use super::routes::{self, Urls};
use super::theme::{Strings, Theme};

/// A published entry, as other pages link to it.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    pub kind_label: String,
    /// Place, kinds or category: a short line under the title.
    pub meta: String,
    pub summary: String,
    /// The card as the theme's `card.html` renders it: once per build, though a card shows on
    /// several lists (every facet it belongs to), and then dropped into each.
    pub html: String,
    #[serde(skip)]
    pub checked_on: Date,
    #[serde(skip)]
    pub route: String,
}

/// A card where a list shows it: only its markup. `card.html` rendered it once with every field;
/// a list page's view carrying every field of its hundred cards again cost more than the page.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'c>(pub &'c Card);

impl Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut card = serializer.serialize_struct("Card", 1)?;
        card.serialize_field("html", &self.0.html)?;
        card.end()
    }
}

/// The parts of every page that do not depend on the page: header, navigation, footer.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    pub title: String,
    pub lang: String,
    pub home: String,
    pub css: String,
    pub favicon: String,
    pub feed: String,
    pub data: String,
    /// The figures page, linked from the footer (the header's menu is full on a phone).
    pub stats: String,
    pub nav: Vec<NavItem>,
    pub licence_name: String,
    pub licence_url: String,
    pub repository: String,
    pub search_page: String,
    pub search: Option<SearchAssets>,
    /// The Content Security Policy, also sent as a header by hosts that can (netlify.toml).
    pub csp: &'static str,
}

/// What the search script needs to find: its reader, the glue, the index and a few labels.
#[derive(Debug, Clone, Serialize)]
pub struct SearchAssets {
    pub ui: String,
    pub glue: String,
    pub wasm: String,
    pub index: String,
    /// Interface strings and type names for the suggestions, as JSON.
    pub labels: String,
}

/// Scripts, styles, the index and the reader come from the site itself; WebAssembly may be
/// compiled (`'wasm-unsafe-eval'`), nothing else may run.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
    pub route: String,
}

pub struct RenderContext<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub urls: Urls,
    pub language: String,
    pub today: Date,
    pub include_drafts: bool,
    pub chrome: Chrome,
    /// Every published entry by slug.
    pub cards: HashMap<String, Card>,
    /// For each slug, the slugs it links to or that link to it, deduplicated and sorted.
    pub links: HashMap<String, Vec<String>>,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        today: Date,
        include_drafts: bool,
        assets: &super::assets::Assets,
    ) -> Self {
        let urls = Urls::new(&config.base_path(), &config.base_url);
        let language = config.language.clone();
        let strings = &theme.strings;
        let nav = [
            ("nav_spaces", routes::list("ruimtes", 1)),
            ("nav_practices", routes::list("praktijken", 1)),
            ("nav_guides", routes::list("gidsen", 1)),
            ("nav_compare", routes::COMPARE.to_string()),
            ("nav_map", routes::MAP.to_string()),
            ("nav_places", routes::facet_index(routes::Facet::Place)),
            ("nav_about", "over/".to_string()),
        ]
        .into_iter()
        .filter(|(key, route)| *key != "nav_about" || site.pages.iter().any(|p| format!("{}/", p.slug) == *route))
        .map(|(key, route)| NavItem {
            label: strings.get(key),
            url: urls.url(&route),
            route,
        })
        .collect();
        let chrome = Chrome {
            title: config.title.clone(),
            lang: language.clone(),
            home: urls.url(""),
            css: assets.route("style.css").map(|r| urls.url(r)).unwrap_or_default(),
            favicon: assets.route("favicon.svg").map(|r| urls.url(r)).unwrap_or_default(),
            feed: urls.url("feed.xml"),
            data: urls.url(routes::DATA),
            stats: urls.url(routes::STATS),
            nav,
            licence_name: config.licence.name.clone(),
            licence_url: config.licence.url.clone(),
            repository: config.repository.url.clone(),
            search_page: urls.url(routes::SEARCH),
            search: match (
                assets.route(super::assets::SEARCH_UI),
                assets.route(super::assets::SEARCH_GLUE),
                assets.route(super::assets::SEARCH_WASM),
            ) {
                (Some(ui), Some(glue), Some(wasm)) => Some(SearchAssets {
                    ui: urls.url(ui),
                    glue: urls.url(glue),
                    wasm: urls.url(wasm),
                    index: String::new(),
                    labels: String::new(),
                }),
                _ => None,
            },
            csp: CONTENT_SECURITY_POLICY,
        };
        let mut ctx = RenderContext {
            site,
            config,
            theme,
            urls,
            language,
            today,
            include_drafts,
            chrome,
            cards: HashMap::new(),
            links: HashMap::new(),
        };
        ctx.cards = ctx.build_cards();
        ctx.links = ctx.build_links();
        ctx
    }

    /// Points the search script at the index, once it is built (it needs the cards first).
    pub fn set_search_index(&mut self, route: &str) {
        let url = self.urls.url(route);
        let labels = crate::search::labels(self, false).to_string();
        if let Some(search) = self.chrome.search.as_mut() {
            search.index = url;
            search.labels = labels;
        }
    }

    /// A link labelled with the interface string `key`, to `route` in this site.
    pub fn link(&self, key: &str, route: &str) -> super::entries::Item {
        super::entries::Item {
            text: self.t(key),
            href: Some(self.urls.url(route)),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.theme.strings.get(key)
    }

    pub fn strings(&self) -> &Strings {
        &self.theme.strings
    }

    fn published(&self, draft: bool) -> bool {
        !draft || self.include_drafts
    }

    /// The label of a vocabulary key in the site's language, falling back to Dutch, then the key.
    pub fn label(&self, kind: VocabularyKind, key: &str) -> String {
        let vocab = &self.site.vocab;
        let (nl, fr, en) = match kind {
            VocabularyKind::Places => match vocab.place(key) {
                Some(p) => (p.nl.clone(), p.fr.clone(), p.en.clone()),
                None => return key.to_string(),
            },
            _ => match vocab.terms(kind).iter().find(|t| t.key == key) {
                Some(t) => (t.nl.clone(), t.fr.clone(), t.en.clone()),
                None => return key.to_string(),
            },
        };
        match self.language.as_str() {
            "fr" => fr.unwrap_or(nl),
            "en" => en.unwrap_or(nl),
            _ => nl,
        }
    }

    /// The label of a serde enum value, via its `prefix_value` key in the strings.
    pub fn enum_label<T: Serialize>(&self, prefix: &str, value: &T) -> String {
        let name = serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.t(&format!("{prefix}_{name}"))
    }

    pub fn kind_label(&self, kind: EntryKind) -> String {
        self.t(match kind {
            EntryKind::Space => "kind_space",
            EntryKind::Practice => "kind_practice",
            EntryKind::Guide => "kind_guide",
            EntryKind::Page => "kind_page",
            EntryKind::Request => "kind_request",
        })
    }

    /// One card per published entry, made in parallel (a tenth of a second per 10,000 entries).
    fn build_cards(&self) -> HashMap<String, Card> {
        let spaces = self
            .site
            .spaces
            .par_iter()
            .filter(|e| self.published(e.front.draft))
            .map(|e| {
                let kinds: Vec<String> = e
                    .front
                    .kinds
                    .iter()
                    .map(|k| self.label(VocabularyKind::SpaceKinds, k.as_str()))
                    .collect();
                let meta = format!(
                    "{} · {}",
                    kinds.join(", "),
                    self.label(VocabularyKind::Places, e.front.place.as_str())
                );
                let summary = first_sentences(&e.body, 200);
                (
                    e.slug.clone(),
                    self.card(
                        EntryKind::Space,
                        &e.slug,
                        &e.front.name,
                        meta,
                        summary,
                        e.front.last_verified,
                    ),
                )
            });
        let practices = self
            .site
            .practices
            .par_iter()
            .filter(|e| self.published(e.front.draft))
            .map(|e| {
                let places: Vec<String> = e
                    .front
                    .places
                    .iter()
                    .map(|p| self.label(VocabularyKind::Places, p.as_str()))
                    .collect();
                let card = self.card(
                    EntryKind::Practice,
                    &e.slug,
                    &e.front.title,
                    places.join(", "),
                    e.front.summary.clone(),
                    e.front.last_verified,
                );
                (e.slug.clone(), card)
            });
        let guides = self
            .site
            .guides
            .par_iter()
            .filter(|e| self.published(e.front.draft))
            .map(|e| {
                let meta = self.enum_label("category", &e.front.category);
                let card = self.card(
                    EntryKind::Guide,
                    &e.slug,
                    &e.front.title,
                    meta,
                    e.front.summary.clone(),
                    e.front.last_reviewed,
                );
                (e.slug.clone(), card)
            });
        // An expired request keeps its page but leaves lists, links and search.
        let requests = self
            .site
            .requests
            .par_iter()
            .filter(|e| self.published(e.front.draft) && self.is_open(&e.front))
            .map(|e| {
                let places: Vec<String> = e
                    .front
                    .places
                    .iter()
                    .map(|p| self.label(VocabularyKind::Places, p.as_str()))
                    .chain(
                        e.front
                            .provinces
                            .iter()
                            .map(|p| self.label(VocabularyKind::Provinces, p.as_str())),
                    )
                    .collect();
                let card = self.card(
                    EntryKind::Request,
                    &e.slug,
                    &e.front.title,
                    places.join(", "),
                    first_sentences(&e.body, 200),
                    e.front.last_verified,
                );
                (e.slug.clone(), card)
            });
        spaces.chain(practices).chain(guides).chain(requests).collect()
    }

    /// The route of an entry's page, in the site's `entry_urls` style.
    pub fn entry_route(&self, kind: EntryKind, slug: &str) -> String {
        routes::entry(self.config.entry_urls, kind, slug)
    }

    /// Whether a request still runs on the build's day.
    pub fn is_open(&self, request: &crate::content::model::Request) -> bool {
        request.valid_until >= self.today
    }

    fn card(&self, kind: EntryKind, slug: &str, title: &str, meta: String, summary: String, checked_on: Date) -> Card {
        let route = self.entry_route(kind, slug);
        Card {
            url: self.urls.url(&route),
            title: title.to_string(),
            kind: match kind {
                EntryKind::Space => "space",
                EntryKind::Practice => "practice",
                EntryKind::Guide => "guide",
                EntryKind::Page => "page",
                EntryKind::Request => "request",
            },
            kind_label: self.kind_label(kind),
            meta,
            summary,
            html: String::new(),
            checked_on,
            route,
        }
    }

    /// What every template sees, whatever it renders: `site` (the chrome) and `t` (the interface
    /// strings templates use).
    pub fn template_base(&self) -> tera::Context {
        let mut base = tera::Context::new();
        base.insert("site", &self.chrome);
        base.insert("t", &self.theme.template_strings);
        base
    }

    /// Renders every card with the theme's `card.html`, in parallel. It sees `card`, `site` and
    /// `t`; the markup is trimmed. Lists show nothing else of a card, so the template is required.
    pub fn render_cards(&mut self) -> Result<(), String> {
        let theme = self.theme;
        if !theme.has_template("card.html") {
            return Err("the theme has no templates/card.html: lists show each entry as it renders".into());
        }
        let base = self.template_base();
        // One copy of the context per batch of cards, not per card: the copy costs more than
        // the card.
        self.cards.par_iter_mut().try_for_each_init(
            || base.clone(),
            |context, (slug, card)| {
                context.insert("card", &*card);
                card.html = theme
                    .render("card.html", context)
                    .map_err(|e| format!("card.html for {slug}: {e}"))?
                    .trim()
                    .to_string();
                Ok(())
            },
        )
    }

    /// `related` and a space's legal framework, in both directions, among published entries.
    fn build_links(&self) -> HashMap<String, Vec<String>> {
        let mut links: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut add = |from: &'a str, to: &'a str| {
            if from != to && self.cards.contains_key(from) && self.cards.contains_key(to) {
                links.entry(from).or_default().push(to);
                links.entry(to).or_default().push(from);
            }
        };
        for e in &self.site.spaces {
            for r in &e.front.related {
                add(&e.slug, r);
            }
            if let Some(framework) = e.front.tenure.as_ref().and_then(|t| t.legal_framework.as_deref()) {
                add(&e.slug, framework);
            }
        }
        for e in &self.site.practices {
            for r in &e.front.related {
                add(&e.slug, r);
            }
        }
        for e in &self.site.guides {
            for r in &e.front.related {
                add(&e.slug, r);
            }
        }
        for e in &self.site.requests {
            for r in &e.front.related {
                add(&e.slug, r);
            }
        }
        links
            .into_iter()
            .map(|(slug, mut to)| {
                // Spaces, then practices, then guides; by title within each.
                to.sort_by_key(|s| {
                    let c = &self.cards[*s];
                    (kind_order(c.kind), c.title.to_lowercase())
                });
                to.dedup();
                (slug.to_string(), to.into_iter().map(str::to_string).collect())
            })
            .collect()
    }

    pub fn related_cards(&self, slug: &str) -> Vec<Card> {
        self.links
            .get(slug)
            .map(|s| s.iter().filter_map(|s| self.cards.get(s).cloned()).collect())
            .unwrap_or_default()
    }

    /// Published cards of one kind, sorted by title.
    pub fn cards_of(&self, kind: &str) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self.cards.values().filter(|c| c.kind == kind).collect();
        sort_cards(&mut cards);
        cards
    }

    /// The age of a check in days, and whether it passes the "may be outdated" limit.
    pub fn is_stale(&self, checked_on: Date) -> bool {
        checked_on.days_until(self.today) > i64::from(self.config.stale_after_days)
    }
}

pub fn kind_order(kind: &str) -> u8 {
    match kind {
        "space" => 0,
        "practice" => 1,
        "guide" => 2,
        _ => 3,
    }
}

pub fn sort_cards(cards: &mut [&Card]) {
    cards.sort_by(|a, b| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then_with(|| a.url.cmp(&b.url))
    });
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

//! What every page renderer reads besides the site view: the theme, the parts every page shares
//! (the chrome: header, navigation, footer) and each listed entry's card, rendered once.

use std::collections::HashMap;

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::content::EntryKind;
use crate::site::routes;
use crate::site::{Listing, Site};

use super::assets::Assets;
use super::entries::{space_card_facts, CardFact, Item};
use super::theme::Theme;

/// A listed entry as other pages show it.
#[derive(Debug, Clone)]
pub struct Card<'a> {
    pub listing: &'a Listing<'a>,
    pub kind_label: String,
    /// Place, kinds or category: a short line under the title.
    pub meta: String,
    /// What a space is when it is not a workspace on offer ("Gepland"); empty otherwise.
    pub status: String,
    /// For a space, what decides: price, size, availability, access, the check.
    pub facts: Vec<CardFact>,
    /// A space's first picture.
    pub image: Option<CardImage>,
    /// The card as the theme's `card.html` renders it: once per build, though a card shows on
    /// several lists (every facet it belongs to), and then dropped into each.
    pub html: String,
}

impl Card<'_> {
    pub fn url(&self) -> &str {
        &self.listing.url
    }

    pub fn title(&self) -> &str {
        self.listing.title
    }
}

impl Serialize for Card<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let l = self.listing;
        let mut card = serializer.serialize_struct("Card", 12)?;
        card.serialize_field("url", &l.url)?;
        card.serialize_field("title", l.title)?;
        card.serialize_field("title_lang", &l.title_lang)?;
        card.serialize_field("kind", &l.kind)?;
        card.serialize_field("kind_label", &self.kind_label)?;
        card.serialize_field("meta", &self.meta)?;
        card.serialize_field("status", &self.status)?;
        card.serialize_field("facts", &self.facts)?;
        card.serialize_field("image", &self.image)?;
        card.serialize_field("summary", &l.summary)?;
        card.serialize_field("summary_lang", &l.summary_lang)?;
        card.serialize_field("html", &self.html)?;
        card.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CardImage {
    pub src: String,
    pub alt: String,
}

/// A card where a list shows it: only its markup. `card.html` rendered it once with every field;
/// a list page's view carrying every field of its hundred cards again cost more than the page.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'c>(pub &'c Card<'c>);

impl Serialize for Listed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
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
    /// For Open Graph: `nl_BE`, `fr_BE`, `en_GB`.
    pub locale: &'static str,
    /// The language of what contributors wrote (Dutch), when it is not the page's: templates put
    /// it on titles, summaries and texts (`lang="nl"`) so screen readers pronounce them right.
    pub content_lang: &'static str,
    /// Every language the site is written in, the root's first: the switch and the `hreflang`
    /// alternates lead to the same page in each (its address is the language's base and the
    /// page's route).
    pub languages: Vec<LanguageLink>,
    pub home: String,
    pub css: String,
    pub favicon: String,
    pub feed: String,
    pub data: String,
    /// The figures page, linked from the footer (the header's menu is full on a phone).
    pub stats: String,
    /// The contribute page, if the site has one: the footer links it.
    pub contribute: Option<String>,
    pub nav: Vec<NavItem>,
    pub licence_name: String,
    pub licence_url: String,
    pub repository: String,
    pub search_page: String,
    pub search: Option<SearchAssets>,
    /// The script that turns a list into a finder (`finder.js`), if the theme has one.
    pub finder: String,
    /// The script that narrows a comparison to the guides picked (`compare.js`).
    pub compare: String,
    /// The script that applies the finder's filters to the map (`map.js`).
    pub map: String,
    /// The Content Security Policy, also sent as a header by hosts that can (netlify.toml).
    pub csp: &'static str,
}

/// A language of the site, and where its pages are.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub code: String,
    /// Its own name for itself: a reader looks for the language they read.
    pub name: &'static str,
    /// Its pages' base address, and the same absolute where the base URL has a host.
    pub base: String,
    pub absolute: String,
}

/// A language's name in that language.
fn endonym(code: &str) -> &'static str {
    match code {
        "fr" => "Français",
        "en" => "English",
        _ => "Nederlands",
    }
}

/// What the search script needs to find: its reader, the glue, the index and a few labels.
#[derive(Debug, Clone, Serialize)]
pub struct SearchAssets {
    pub ui: String,
    pub glue: String,
    pub wasm: String,
    pub index: String,
    /// The small reader and index the header's suggestions use (the full ones load on the
    /// search page, or in the background once a suggestion shows).
    pub suggest_glue: String,
    pub suggest_wasm: String,
    pub suggest_index: String,
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

pub struct RenderContext<'s, 'a> {
    pub site: &'s Site<'a>,
    pub theme: &'s Theme,
    pub chrome: Chrome,
    /// Every listed entry's card, by slug.
    pub cards: HashMap<&'a str, Card<'s>>,
}

impl<'s, 'a> RenderContext<'s, 'a> {
    /// The context of one render: the chrome, and every card rendered with the theme's
    /// `card.html`.
    pub fn new(site: &'s Site<'a>, theme: &'s Theme, assets: &Assets) -> Result<Self> {
        let mut ctx = RenderContext {
            site,
            theme,
            chrome: chrome(site, assets),
            cards: HashMap::new(),
        };
        ctx.cards = ctx.make_cards();
        ctx.render_cards()?;
        Ok(ctx)
    }

    /// A link labelled with the interface string `key`, to `route` in this site.
    pub fn link(&self, key: &str, route: &str) -> Item {
        Item::link(self.site.t(key), self.site.urls.url(route))
    }

    /// One card per listed entry, made in parallel (a tenth of a second per 10,000 entries).
    fn make_cards(&self) -> HashMap<&'a str, Card<'s>> {
        // What only a space's card has: its status line, its facts, its picture.
        type Extra = (String, Vec<CardFact>, Option<CardImage>);
        let site = self.site;
        let join = |names: Vec<String>| names.join(", ");
        let spaces = site.spaces.par_iter().map(|e| {
            let kinds = join(e.front.kinds.iter().map(|k| site.name_of(k)).collect());
            let place = site.name_of(&e.front.place);
            let meta = if kinds.is_empty() {
                place
            } else {
                format!("{kinds} · {place}")
            };
            let status = e.front.status;
            let status = if status.on_offer() {
                String::new()
            } else {
                site.value_label(status)
            };
            let image = e.front.images.first().map(|i| CardImage {
                src: site.urls.url(&format!(
                    "{}{}",
                    routes::entry_folder(EntryKind::Space, &e.slug),
                    i.file
                )),
                alt: i.alt.clone(),
            });
            let extra: Extra = (status, space_card_facts(site, &e.front), image);
            (e.slug.as_str(), meta, extra)
        });
        let practices = site.practices.par_iter().map(|e| {
            let places = e.front.places.iter().map(|p| site.name_of(p)).collect();
            (e.slug.as_str(), join(places), Extra::default())
        });
        let guides = site
            .guides
            .par_iter()
            .map(|e| (e.slug.as_str(), site.value_label(e.front.category), Extra::default()));
        let requests = site.requests.par_iter().map(|e| {
            let places = e.front.places.iter().map(|p| site.name_of(p));
            let provinces = e.front.provinces.iter().map(|p| site.name_of(p));
            (
                e.slug.as_str(),
                join(places.chain(provinces).collect()),
                Extra::default(),
            )
        });
        spaces
            .chain(practices)
            .chain(guides)
            .chain(requests)
            // An expired request has a page but no card.
            .filter_map(|(slug, meta, (status, facts, image))| {
                let listing = site.listing_of(slug)?;
                let card = Card {
                    listing,
                    kind_label: site.kind_label(listing.kind),
                    meta,
                    status,
                    facts,
                    image,
                    html: String::new(),
                };
                Some((listing.slug, card))
            })
            .collect()
    }

    /// What every template sees, whatever it renders: `site` (the chrome) and `t` (the interface
    /// strings templates use).
    pub fn template_base(&self) -> tera::Context {
        let mut base = tera::Context::new();
        base.insert("site", &self.chrome);
        base.insert("t", &self.theme.template_strings(self.site.strings));
        base
    }

    /// Renders every card with the theme's `card.html`, in parallel. It sees `card`, `site` and
    /// `t`; the markup is trimmed. Lists show nothing else of a card, so the template is required.
    fn render_cards(&mut self) -> Result<()> {
        let theme = self.theme;
        if !theme.has_template("card.html") {
            bail!("the theme has no templates/card.html: lists show each entry as it renders");
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
                    .with_context(|| format!("rendering card.html for {slug}"))?
                    .trim()
                    .to_string();
                Ok(())
            },
        )
    }

    /// The cards of the entries linked with `slug`, in the order of the site's links.
    pub fn related_cards(&self, slug: &str) -> Vec<Card<'s>> {
        self.site
            .links
            .get(slug)
            .map(|s| s.iter().filter_map(|s| self.cards.get(s.as_str()).cloned()).collect())
            .unwrap_or_default()
    }

    /// The cards of listed entries of one kind, by title.
    pub fn cards_of(&self, kind: EntryKind) -> Vec<&Card<'s>> {
        self.site
            .listed(kind)
            .into_iter()
            .filter_map(|l| self.cards.get(l.slug))
            .collect()
    }

    pub fn card(&self, slug: &str) -> Option<&Card<'s>> {
        self.cards.get(slug)
    }
}

fn chrome(site: &Site, assets: &Assets) -> Chrome {
    let urls = &site.urls;
    let config = site.config;
    let about = site.pages.iter().any(|p| p.slug == routes::ABOUT_PAGE);
    let nav = routes::menu()
        .into_iter()
        .filter(|(key, _)| *key != "nav_about" || about)
        .map(|(key, route)| NavItem {
            label: site.t(key),
            url: urls.url(&route),
            route,
        })
        .collect();
    let languages = config
        .all_languages()
        .map(|(code, prefix)| LanguageLink {
            code: code.to_string(),
            name: endonym(code),
            base: urls.language_url(&prefix, ""),
            absolute: urls.language_absolute(&prefix, ""),
        })
        .collect();
    Chrome {
        title: config.title.clone(),
        lang: site.language.to_string(),
        locale: match site.language {
            "fr" => "fr_BE",
            "en" => "en_GB",
            _ => "nl_BE",
        },
        languages,
        content_lang: site.content_lang().unwrap_or_default(),
        home: urls.url(""),
        css: assets.route("style.css").map(|r| urls.url(r)).unwrap_or_default(),
        favicon: assets.route("favicon.svg").map(|r| urls.url(r)).unwrap_or_default(),
        feed: urls.url(routes::FEED),
        data: urls.url(routes::DATA),
        stats: urls.url(routes::STATS),
        contribute: site
            .pages
            .iter()
            .any(|p| p.slug == routes::CONTRIBUTE_PAGE)
            .then(|| urls.url(&site.entry_route(EntryKind::Page, routes::CONTRIBUTE_PAGE))),
        nav,
        licence_name: config.licence.name.clone(),
        licence_url: config.licence.url.clone(),
        repository: config.repository.url.clone(),
        search_page: urls.url(routes::SEARCH),
        finder: assets.route("finder.js").map(|r| urls.url(r)).unwrap_or_default(),
        compare: assets.route("compare.js").map(|r| urls.url(r)).unwrap_or_default(),
        map: assets.route("map.js").map(|r| urls.url(r)).unwrap_or_default(),
        search: match (
            assets.route(super::assets::SEARCH_UI),
            assets.route(super::assets::SEARCH_GLUE),
            assets.route(super::assets::SEARCH_WASM),
            assets.route(super::assets::SUGGEST_GLUE),
            assets.route(super::assets::SUGGEST_WASM),
        ) {
            (Some(ui), Some(glue), Some(wasm), Some(suggest_glue), Some(suggest_wasm)) => Some(SearchAssets {
                ui: urls.url(ui),
                glue: urls.url(glue),
                wasm: urls.url(wasm),
                index: urls.url(routes::SEARCH_INDEX),
                suggest_glue: urls.url(suggest_glue),
                suggest_wasm: urls.url(suggest_wasm),
                suggest_index: urls.url(routes::SUGGEST_INDEX),
                labels: super::search::labels(site, false).to_string(),
            }),
            _ => None,
        },
        csp: CONTENT_SECURITY_POLICY,
    }
}

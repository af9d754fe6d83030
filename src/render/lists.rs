//! Lists: the home page, one list per entry kind, one page per facet value (place, province,
//! discipline, kind, theme, tag) and an index per facet with counts. Long lists are paginated so
//! no page grows with the directory.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::content::vocab::VocabularyKind;
use crate::content::EntryKind;
use crate::site::routes::{self, Facet, LISTED_KINDS};

use super::context::{Card, Listed, RenderContext};
use super::entries::Item;
use super::finder::{finder_view, group_of_facet, FinderView, FINDER_KINDS};

pub const PAGE_SIZE: usize = 100;

#[derive(Debug, Clone, Serialize)]
pub struct ListPage<'c> {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub breadcrumbs: Vec<Item>,
    pub total: usize,
    pub cards: Vec<Listed<'c>>,
    pub pagination: Option<Pagination>,
    /// Counts per entry kind on facet pages ("12 ruimtes, 3 praktijken").
    pub summary: String,
    /// On a kind's list: pages that say more ("Verder lezen"), and for spaces the other
    /// directories to look in ("Elders zoeken").
    pub further: Vec<Pointer>,
    pub elsewhere: Vec<Pointer>,
    /// On the first page of a list that is a finder: what its script needs.
    pub finder: Option<FinderView>,
    /// On a facet page: the finders of its kinds with this value chosen, to narrow further.
    pub refine: Vec<Item>,
}

/// A link with a sentence on what is behind it.
#[derive(Debug, Clone, Serialize)]
pub struct Pointer {
    pub title: String,
    pub url: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub label: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub prev_label: String,
    pub next_label: String,
}

/// A list split into pages: (route, page).
pub fn paginate<'c>(
    ctx: &RenderContext,
    route_of: impl Fn(usize) -> String,
    title: String,
    intro: String,
    breadcrumbs: Vec<Item>,
    cards: Vec<&'c Card<'c>>,
    summary: String,
) -> Vec<(String, ListPage<'c>)> {
    let total = cards.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    (1..=pages)
        .map(|n| {
            let chunk: Vec<&Card> = cards
                .iter()
                .skip((n - 1) * PAGE_SIZE)
                .take(PAGE_SIZE)
                .cloned()
                .collect();
            let route = route_of(n);
            let pagination = (pages > 1).then(|| Pagination {
                label: ctx
                    .site
                    .t("page_of")
                    .replace("{n}", &n.to_string())
                    .replace("{total}", &pages.to_string()),
                prev: (n > 1).then(|| ctx.site.urls.url(&route_of(n - 1))),
                next: (n < pages).then(|| ctx.site.urls.url(&route_of(n + 1))),
                prev_label: ctx.site.t("page_prev"),
                next_label: ctx.site.t("page_next"),
            });
            let page = ListPage {
                title: title.clone(),
                intro: intro.clone(),
                canonical: ctx.site.urls.absolute(&route),
                breadcrumbs: breadcrumbs.clone(),
                total,
                cards: chunk.into_iter().map(Listed).collect(),
                pagination,
                summary: summary.clone(),
                further: Vec::new(),
                elsewhere: Vec::new(),
                finder: None,
                refine: Vec::new(),
            };
            (route, page)
        })
        .collect()
}

/// The list of each kind of entry.
pub fn kind_lists<'c>(ctx: &'c RenderContext) -> Vec<(String, ListPage<'c>)> {
    let home = vec![Item {
        text: ctx.site.t("home"),
        href: Some(ctx.site.urls.url("")),
        lang: None,
    }];
    let mut out = Vec::new();
    for kind in LISTED_KINDS {
        let cards = ctx.cards_of(kind);
        let plural = kind.folder();
        let (further, elsewhere) = (further_reading(ctx, kind), look_further(ctx, kind));
        let finder = FINDER_KINDS.contains(&kind).then(|| finder_view(ctx, kind));
        out.extend(
            paginate(
                ctx,
                |n| routes::list(kind, n),
                ctx.site.t(&format!("list_{plural}")),
                ctx.site.t(&format!("list_{plural}_intro")),
                home.clone(),
                cards,
                String::new(),
            )
            .into_iter()
            .map(|(route, mut page)| {
                page.further = further.clone();
                page.elsewhere = elsewhere.clone();
                if route == routes::list(kind, 1) {
                    page.finder = finder.clone();
                }
                (route, page)
            }),
        );
    }
    out
}

/// The pages that ask to be shown on this kind's list (`show_on`), by title.
fn further_reading(ctx: &RenderContext, kind: EntryKind) -> Vec<Pointer> {
    let site = ctx.site;
    let mut pages: Vec<Pointer> = site
        .pages
        .iter()
        .filter(|p| p.front.show_on.iter().any(|l| l == kind.folder()))
        .map(|p| Pointer {
            title: p.front.title.clone(),
            url: site.urls.url(&site.entry_route(EntryKind::Page, &p.slug)),
            text: p.front.description.clone().unwrap_or_default(),
        })
        .collect();
    pages.sort_by_key(|p| p.title.to_lowercase());
    pages
}

/// For spaces: the practices that are other directories of space (`look_further_tag`).
fn look_further(ctx: &RenderContext, kind: EntryKind) -> Vec<Pointer> {
    let site = ctx.site;
    let tag = site.config.look_further_tag.as_str();
    if kind != EntryKind::Space || tag.is_empty() {
        return Vec::new();
    }
    let mut finders: Vec<Pointer> = site
        .practices
        .iter()
        .filter(|p| p.front.tags.iter().any(|t| t.as_str() == tag))
        .filter_map(|p| {
            let listing = site.listing_of(&p.slug)?;
            Some(Pointer {
                title: listing.title.to_string(),
                url: listing.url.clone(),
                text: p.front.summary.clone(),
            })
        })
        .collect();
    finders.sort_by_key(|p| p.title.to_lowercase());
    finders
}

/// Which listed entries belong to each value of a facet.
pub fn facet_members<'c>(ctx: &'c RenderContext, facet: Facet) -> BTreeMap<String, Vec<&'c Card<'c>>> {
    let site = ctx.site;
    let mut members: BTreeMap<String, Vec<&Card>> = BTreeMap::new();
    let mut add = |key: &str, slug: &str| {
        if let Some(card) = ctx.card(slug) {
            members.entry(key.to_string()).or_default().push(card);
        }
    };
    for e in &site.spaces {
        let s = &e.front;
        match facet {
            Facet::Place => add(s.place.as_str(), &e.slug),
            Facet::Province => {
                if let Some(p) = site.province_of(s.place.as_str()) {
                    add(p, &e.slug);
                }
            }
            Facet::Discipline => s.disciplines.iter().for_each(|d| add(d.as_str(), &e.slug)),
            Facet::SpaceKind => s.kinds.iter().for_each(|k| add(k.as_str(), &e.slug)),
            Facet::Theme | Facet::Tag => {}
        }
    }
    for e in &site.practices {
        let p = &e.front;
        match facet {
            Facet::Place => p.places.iter().for_each(|k| add(k.as_str(), &e.slug)),
            Facet::Province => site
                .provinces_of(p.places.iter().map(|k| k.as_str()))
                .into_iter()
                .for_each(|k| add(k, &e.slug)),
            Facet::Discipline => p.disciplines.iter().for_each(|d| add(d.as_str(), &e.slug)),
            Facet::Theme => p.themes.iter().for_each(|t| add(t.as_str(), &e.slug)),
            Facet::Tag => p.tags.iter().for_each(|t| add(t.as_str(), &e.slug)),
            Facet::SpaceKind => {}
        }
    }
    for cards in members.values_mut() {
        cards.sort_by_cached_key(|c| c.listing.list_order());
        cards.dedup_by(|a, b| a.url() == b.url());
    }
    members
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetIndex {
    pub title: String,
    pub canonical: String,
    pub breadcrumbs: Vec<Item>,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub label: String,
    pub url: String,
    pub count: usize,
    /// For places: the province, to tell same-named places apart and to group.
    pub detail: String,
}

/// The pages of one facet: its index (with counts) and one paginated list per value with entries.
pub fn facet_pages<'c>(ctx: &'c RenderContext, facet: Facet) -> (FacetIndex, Vec<(String, ListPage<'c>)>) {
    let vocab = facet.vocabulary();
    let members = facet_members(ctx, facet);
    let plural = ctx.site.t(facet.plural_key());
    let home = Item {
        text: ctx.site.t("home"),
        href: Some(ctx.site.urls.url("")),
        lang: None,
    };
    let index_crumbs = vec![home.clone()];
    let value_crumbs = vec![
        home,
        Item {
            text: plural.clone(),
            href: Some(ctx.site.urls.url(&routes::facet_index(facet))),
            lang: None,
        },
    ];
    let mut values = Vec::new();
    let mut pages = Vec::new();
    for (key, cards) in members {
        let label = ctx.site.label(vocab, &key);
        let detail = match facet {
            Facet::Place => ctx
                .site
                .model
                .vocab
                .place(&key)
                .map(|p| ctx.site.label(VocabularyKind::Provinces, p.province.as_str()))
                .unwrap_or_default(),
            _ => String::new(),
        };
        values.push(FacetValue {
            label: label.clone(),
            url: ctx.site.urls.url(&routes::facet(facet, &key, 1)),
            count: cards.len(),
            detail,
        });
        let summary = kind_summary(ctx, &cards);
        let intro = facet_intro(ctx, facet, &key);
        let refine = refine_links(ctx, facet, &key, &cards);
        pages.extend(
            paginate(
                ctx,
                |n| routes::facet(facet, &key, n),
                label,
                intro,
                value_crumbs.clone(),
                cards,
                summary,
            )
            .into_iter()
            .map(|(route, mut page)| {
                page.refine = refine.clone();
                (route, page)
            }),
        );
    }
    values.sort_by_key(|v| v.label.to_lowercase());
    let index = FacetIndex {
        title: plural,
        canonical: ctx.site.urls.absolute(&routes::facet_index(facet)),
        breadcrumbs: index_crumbs,
        values,
    };
    (index, pages)
}

/// "Filter de ruimtes verder": each finder kind on the page, with the facet's value chosen.
fn refine_links(ctx: &RenderContext, facet: Facet, key: &str, cards: &[&Card]) -> Vec<Item> {
    FINDER_KINDS
        .into_iter()
        .filter(|kind| cards.iter().any(|c| c.listing.kind == *kind))
        .filter_map(|kind| {
            let group = group_of_facet(kind, facet)?;
            let what = ctx.site.t(&format!("list_{}", kind.folder())).to_lowercase();
            Some(Item {
                text: ctx.site.t("finder_refine").replace("{what}", &what),
                href: Some(format!("{}?{group}={key}", ctx.site.urls.url(&routes::list(kind, 1)))),
                lang: None,
            })
        })
        .collect()
}

fn facet_intro(ctx: &RenderContext, facet: Facet, key: &str) -> String {
    match facet {
        Facet::Place => match ctx.site.model.vocab.place(key) {
            Some(p) => {
                let province = ctx.site.label(VocabularyKind::Provinces, p.province.as_str());
                match &p.population {
                    Some(pop) => format!("{province} · {}", super::entries::population_text(ctx, pop)),
                    None => province,
                }
            }
            None => String::new(),
        },
        _ => ctx
            .site
            .model
            .vocab
            .terms(facet.vocabulary())
            .iter()
            .find(|t| t.key == key)
            .and_then(|t| t.description.clone())
            .unwrap_or_default(),
    }
}

/// "3 ruimtes · 2 goede praktijken"
fn kind_summary(ctx: &RenderContext, cards: &[&Card]) -> String {
    let mut parts = Vec::new();
    for kind in [EntryKind::Space, EntryKind::Practice, EntryKind::Guide] {
        let n = cards.iter().filter(|c| c.listing.kind == kind).count();
        if n > 0 {
            parts.push(format!(
                "{n} {}",
                ctx.site.t(&format!("list_{}", kind.folder())).to_lowercase()
            ));
        }
    }
    parts.join(" · ")
}

#[derive(Debug, Clone, Serialize)]
pub struct HomePage<'c> {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub counts: Vec<Item>,
    /// The search form's place picker: the places with listed entries, by province.
    pub places: Vec<PlaceGroup>,
    /// Quick ways to a kind of space, most common first.
    pub kinds: Vec<Item>,
    /// Workspaces on offer, most recently checked first.
    pub offer: Vec<Listed<'c>>,
    pub all_spaces: Item,
    /// The way into practices, guides and the pages on doing it.
    pub learn: Vec<Pointer>,
    pub newest: Vec<Listed<'c>>,
    pub browse: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceGroup {
    pub label: String,
    pub places: Vec<(String, String)>,
}

pub fn home_page<'c>(ctx: &'c RenderContext) -> HomePage<'c> {
    let counts = LISTED_KINDS
        .into_iter()
        .map(|kind| {
            let n = ctx.cards.values().filter(|c| c.listing.kind == kind).count();
            Item {
                text: format!("{n} {}", ctx.site.t(&format!("list_{}", kind.folder())).to_lowercase()),
                href: Some(ctx.site.urls.url(&routes::list(kind, 1))),
                lang: None,
            }
        })
        .collect();
    let mut newest: Vec<&Card> = ctx.cards.values().collect();
    newest.sort_by(|a, b| {
        a.title()
            .to_lowercase()
            .cmp(&b.title().to_lowercase())
            .then_with(|| a.url().cmp(b.url()))
    });
    newest.sort_by_key(|c| std::cmp::Reverse(c.listing.checked_on));
    newest.truncate(8);
    let browse = Facet::ALL
        .into_iter()
        .map(|f| Item {
            text: ctx.site.t(f.plural_key()),
            href: Some(ctx.site.urls.url(&routes::facet_index(f))),
            lang: None,
        })
        .chain([Item {
            text: ctx.site.t("nav_stats"),
            href: Some(ctx.site.urls.url(routes::STATS)),
            lang: None,
        }])
        .collect();
    let site = ctx.site;
    // Places with a listed entry, grouped under their province, by name.
    let mut by_province: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let used: BTreeSet<&str> = site
        .spaces
        .iter()
        .filter(|e| site.is_listed(&e.slug))
        .map(|e| e.front.place.as_str())
        .chain(
            site.practices
                .iter()
                .flat_map(|e| e.front.places.iter().map(|p| p.as_str())),
        )
        .collect();
    for place in used {
        let province = site
            .province_of(place)
            .map(|p| site.label(VocabularyKind::Provinces, p))
            .unwrap_or_default();
        by_province
            .entry(province)
            .or_default()
            .push((place.to_string(), site.label(VocabularyKind::Places, place)));
    }
    let places = by_province
        .into_iter()
        .map(|(label, mut places)| {
            places.sort_by_key(|(_, name)| name.to_lowercase());
            PlaceGroup { label, places }
        })
        .collect();
    // The kinds of space, by how many spaces on offer and then in all have them.
    let mut kind_counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for e in site.spaces.iter().filter(|e| site.is_listed(&e.slug)) {
        for k in &e.front.kinds {
            let c = kind_counts.entry(k.as_str()).or_default();
            c.0 += usize::from(e.front.status.on_offer());
            c.1 += 1;
        }
    }
    let mut kinds: Vec<(&str, (usize, usize))> = kind_counts.into_iter().collect();
    kinds.sort_by_key(|(_, (offer, all))| std::cmp::Reverse((*offer, *all)));
    let kinds = kinds
        .into_iter()
        .take(8)
        .map(|(k, (_, all))| Item {
            text: format!("{} ({all})", site.label(VocabularyKind::SpaceKinds, k)),
            href: Some(site.urls.url(&routes::facet(Facet::SpaceKind, k, 1))),
            lang: None,
        })
        .collect();
    let spaces = ctx.cards_of(EntryKind::Space);
    let mut offer: Vec<&Card> = spaces.iter().copied().filter(|c| c.listing.offered).collect();
    offer.sort_by_key(|c| std::cmp::Reverse(c.listing.checked_on));
    offer.truncate(8);
    let all_spaces = Item {
        text: site.t("home_all_spaces").replace("{n}", &spaces.len().to_string()),
        href: Some(site.urls.url(&routes::list(EntryKind::Space, 1))),
        lang: None,
    };
    let learn = [
        (
            routes::list(EntryKind::Practice, 1),
            "list_practices",
            "home_learn_practices",
        ),
        (routes::list(EntryKind::Guide, 1), "list_guides", "home_learn_guides"),
        (routes::COMPARE.to_string(), "compare_title", "home_learn_compare"),
    ]
    .into_iter()
    .map(|(route, title, text)| Pointer {
        title: site.t(title),
        url: site.urls.url(&route),
        text: site.t(text),
    })
    .collect();
    HomePage {
        title: ctx.site.config.title.clone(),
        intro: ctx.site.t("home_intro"),
        canonical: ctx.site.urls.absolute(""),
        counts,
        places,
        kinds,
        offer: offer.into_iter().map(Listed).collect(),
        all_spaces,
        learn,
        newest: newest.into_iter().map(Listed).collect(),
        browse,
    }
}

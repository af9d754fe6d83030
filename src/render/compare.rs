//! The guides compared. Two families, each on its own criteria: use arrangements (how you hold a
//! space) and organisation forms (who you are); a topic guide (insurance) is in neither. The
//! overview page is a chooser: pick two to four guides of a family. Every pair has a page of its
//! own, built in advance, so a comparison works and can be shared without scripts; each family
//! has a page with all its guides, which `compare.js` narrows to the ones picked (`?gidsen=`).
//! On every page the criteria are rows and the guides columns, so two to four fit a phone.

use serde::Serialize;

use crate::content::model::guide::Family;
use crate::content::model::Guide;
use crate::content::Entry;
use crate::site::{routes, Site};

use super::context::RenderContext;
use super::entries::{compare_facts, Fact};

/// A family of more guides than this is not set side by side (its pages would grow as the
/// square of it): the chooser then lists its guides as links. Real families count a handful.
pub(super) const MOST_COMPARED: usize = 16;

/// A text longer than this shows its opening, and the rest on request.
const SHORT_CHARS: usize = 70;

/// The families, each with the id its addresses and strings use.
pub(super) const FAMILIES: [(Family, &str); 2] = [
    (Family::Use, routes::COMPARE_FAMILIES[0]),
    (Family::Organisation, routes::COMPARE_FAMILIES[1]),
];

#[derive(Debug, Clone, Serialize)]
pub struct ComparePage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub families: Vec<FamilyChoice>,
    pub disclaimer: String,
    /// The first of the chooser's questions, where guides say what they fit.
    pub questions_url: Option<String>,
}

/// A family on the chooser: its guides to pick from, and every pair as a link.
#[derive(Debug, Clone, Serialize)]
pub struct FamilyChoice {
    pub id: &'static str,
    pub heading: String,
    pub intro: String,
    /// The page with all its guides side by side; the chooser's form goes there.
    pub url: String,
    pub guides: Vec<GuideColumn>,
    pub pairs: Vec<PairLink>,
    /// False for a family too large to set side by side: its guides are only links.
    pub comparable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideColumn {
    pub slug: String,
    pub title: String,
    pub title_lang: Option<&'static str>,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairLink {
    pub text: String,
    pub url: String,
}

/// Guides side by side: a pair, or a whole family.
#[derive(Debug, Clone, Serialize)]
pub struct SideBySide {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub family: &'static str,
    pub family_heading: String,
    pub family_url: String,
    pub chooser_url: String,
    pub guides: Vec<GuideColumn>,
    pub criteria: Vec<Criterion>,
    pub disclaimer: String,
    /// True for a family's page, which a script may narrow to the guides picked.
    pub narrows: bool,
}

/// One criterion across the guides: its name, then each guide's value.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: String,
    pub term: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub slug: String,
    pub fact: Fact,
    /// A long text cut in two at a word: its opening, shown, and the rest, on request.
    pub split: Option<(String, String)>,
    /// The language of the text when it is not the page's.
    pub lang: Option<&'static str>,
}

/// The guides of a family, by title.
pub(super) fn family_guides<'a>(site: &Site<'a>, family: Family) -> Vec<&'a Entry<Guide>> {
    let mut guides: Vec<&Entry<Guide>> = site
        .guides
        .iter()
        .copied()
        .filter(|g| g.front.category.family() == Some(family) && site.is_listed(&g.slug))
        .collect();
    guides.sort_by_key(|g| column(site, g).title.to_lowercase());
    guides
}

pub(super) fn column(site: &Site, g: &Entry<Guide>) -> GuideColumn {
    let listing = site.listing_of(&g.slug);
    GuideColumn {
        slug: g.slug.clone(),
        title: listing.map_or_else(|| g.front.title.clone(), |l| l.title.to_string()),
        title_lang: listing.and_then(|l| l.title_lang),
        url: listing.map(|l| l.url.clone()).unwrap_or_default(),
    }
}

pub fn compare_page(ctx: &RenderContext) -> ComparePage {
    let site = ctx.site;
    let families = FAMILIES
        .into_iter()
        .filter_map(|(family, id)| {
            // A family of one guide has no pair, but its page still sets out its points.
            let guides = family_guides(site, family);
            if guides.is_empty() {
                return None;
            }
            let columns: Vec<GuideColumn> = guides.iter().map(|g| column(site, g)).collect();
            let comparable = guides.len() <= MOST_COMPARED;
            let mut pairs = Vec::new();
            for (i, a) in columns.iter().enumerate().filter(|_| comparable) {
                for b in &columns[i + 1..] {
                    pairs.push(PairLink {
                        text: format!("{} – {}", a.title, b.title),
                        url: site.urls.url(&routes::compare_pair(&a.slug, &b.slug)),
                    });
                }
            }
            Some(FamilyChoice {
                id,
                heading: site.t(&format!("compare_{id}_heading")),
                intro: site.t(&format!("compare_{id}_intro")),
                url: site.urls.url(&routes::compare_family(id)),
                guides: columns,
                pairs,
                comparable,
            })
        })
        .collect();
    ComparePage {
        title: site.t("compare_title"),
        intro: site.t("compare_intro"),
        canonical: site.urls.absolute(routes::COMPARE),
        families,
        disclaimer: site.t("legal_disclaimer"),
        questions_url: super::chooser::has_chooser(site).then(|| site.urls.url(&routes::chooser(&[]))),
    }
}

/// Every family's page and every pair's, with their routes.
pub fn side_by_side_pages(ctx: &RenderContext) -> Vec<(String, SideBySide)> {
    let site = ctx.site;
    let mut pages = Vec::new();
    for (family, id) in FAMILIES {
        let guides = family_guides(site, family);
        if guides.is_empty() || guides.len() > MOST_COMPARED {
            continue;
        }
        let route = routes::compare_family(id);
        let heading = site.t(&format!("compare_{id}_heading"));
        pages.push((
            route.clone(),
            side_by_side(
                ctx,
                id,
                &route,
                heading.clone(),
                site.t(&format!("compare_{id}_intro")),
                &guides,
                true,
            ),
        ));
        for (i, a) in guides.iter().enumerate() {
            for b in &guides[i + 1..] {
                let route = routes::compare_pair(&a.slug, &b.slug);
                let title = format!("{} – {}", column(site, a).title, column(site, b).title);
                let intro = site.t("compare_pair_intro");
                pages.push((
                    route.clone(),
                    side_by_side(ctx, id, &route, title, intro, &[a, b], false),
                ));
            }
        }
    }
    pages
}

fn side_by_side(
    ctx: &RenderContext,
    family_id: &'static str,
    route: &str,
    title: String,
    intro: String,
    guides: &[&Entry<Guide>],
    narrows: bool,
) -> SideBySide {
    let site = ctx.site;
    let facts: Vec<Vec<Fact>> = guides.iter().map(|g| compare_facts(site, &g.front)).collect();
    // Every guide of a family fills the same points, in the same order.
    let criteria = facts
        .first()
        .map(|first| {
            first
                .iter()
                .enumerate()
                .map(|(i, fact)| Criterion {
                    id: format!("c{i}"),
                    term: fact.term.clone(),
                    cells: guides
                        .iter()
                        .zip(&facts)
                        .filter_map(|(g, facts)| {
                            let fact = facts.get(i)?.clone();
                            Some(Cell {
                                slug: g.slug.clone(),
                                split: split(&fact),
                                lang: fact.items.first().and_then(|i| i.lang),
                                fact,
                            })
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    SideBySide {
        title,
        intro,
        canonical: site.urls.absolute(route),
        family: family_id,
        family_heading: site.t(&format!("compare_{family_id}_heading")),
        family_url: site.urls.url(&routes::compare_family(family_id)),
        chooser_url: site.urls.url(routes::COMPARE),
        guides: guides.iter().map(|g| column(site, g)).collect(),
        criteria,
        disclaimer: site.t("legal_disclaimer"),
        narrows,
    }
}

/// A single long text cut at a word into its opening and the rest, or `None` when the value is
/// short or a list.
fn split(fact: &Fact) -> Option<(String, String)> {
    if fact.list {
        return None;
    }
    let text: String = fact.items.iter().map(|i| i.text.as_str()).collect();
    if text.chars().count() <= SHORT_CHARS {
        return None;
    }
    let limit = text.char_indices().nth(SHORT_CHARS).map_or(text.len(), |(i, _)| i);
    let at = text[..limit].rfind(' ')?;
    Some((text[..at].to_string(), text[at + 1..].to_string()))
}

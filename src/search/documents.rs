//! Each listed entry as the search index sees it: its title, the words that say what it is
//! (kinds, disciplines, tags, place), its text, and the filters it can be found by.

use pulldown_cmark::{Event, Parser, TagEnd};
use search_index::SearchDocument;

use crate::content::model::{Guide, Keyed, Practice, Request, Space};
use crate::content::vocab::VocabularyKind;
use crate::content::{Entry, EntryKind};
use crate::site::Site;

/// Enough text to find an entry by and to cut a snippet from, without storing whole documents.
const BODY_CHARS: usize = 1500;

/// Every listed entry's document, in the index's fixed order (by kind, then slug).
pub fn documents(site: &Site) -> Vec<SearchDocument> {
    batches(site, usize::MAX).flatten().collect()
}

/// The documents a batch at a time, in the same order: the index takes them as they come and no
/// batch outlives its turn. They are made on the caller's thread, not rayon's: the index builds
/// on a thread of its own while rayon renders pages, and a batch handed to rayon would wait for
/// the pages to finish.
pub fn batches<'c>(site: &'c Site, size: usize) -> impl Iterator<Item = Vec<SearchDocument>> + 'c {
    // Document order decides tie-breaks and the blob's bytes: kinds in the order of their names
    // (guide, practice, request, space), each sorted by slug as loading leaves them.
    let guides = site
        .guides
        .chunks(size.max(1))
        .map(move |c| batch(site, c, guide_document));
    let practices = site
        .practices
        .chunks(size.max(1))
        .map(move |c| batch(site, c, practice_document));
    let requests = site
        .requests
        .chunks(size.max(1))
        .map(move |c| batch(site, c, request_document));
    let spaces = site
        .spaces
        .chunks(size.max(1))
        .map(move |c| batch(site, c, space_document));
    guides.chain(practices).chain(requests).chain(spaces)
}

fn batch<T: Sync>(
    site: &Site,
    entries: &[&Entry<T>],
    make: fn(&Site, &Entry<T>) -> SearchDocument,
) -> Vec<SearchDocument> {
    entries
        .iter()
        .filter(|e| site.is_listed(&e.slug))
        .map(|e| make(site, e))
        .collect()
}

fn province_of(site: &Site, place: &str) -> Option<String> {
    site.province_of(place).map(str::to_string)
}

fn space_document(site: &Site, e: &Entry<Space>) -> SearchDocument {
    let s = &e.front;
    let mut keywords: Vec<String> = s
        .kinds
        .iter()
        .map(|k| site.label(VocabularyKind::SpaceKinds, k.as_str()))
        .collect();
    keywords.extend(
        s.disciplines
            .iter()
            .map(|k| site.label(VocabularyKind::Disciplines, k.as_str())),
    );
    keywords.extend(
        s.facilities
            .iter()
            .map(|k| site.label(VocabularyKind::Facilities, k.as_str())),
    );
    keywords.push(site.label(VocabularyKind::Places, s.place.as_str()));
    keywords.extend(s.operator.as_ref().map(|o| o.name.clone()));
    let mut filters = vec![("place".to_string(), s.place.as_str().to_string())];
    filters.extend(province_of(site, s.place.as_str()).map(|p| ("province".to_string(), p)));
    filters.extend(
        s.disciplines
            .iter()
            .map(|d| ("discipline".to_string(), d.as_str().to_string())),
    );
    filters.extend(s.kinds.iter().map(|k| ("kind".to_string(), k.as_str().to_string())));
    filters.push(("wheelchair".to_string(), s.accessibility.wheelchair.key().to_string()));
    filters.extend(
        s.price
            .as_ref()
            .map(|p| ("price".to_string(), p.model.key().to_string())),
    );
    document(
        site,
        EntryKind::Space,
        &e.slug,
        &s.name,
        keywords,
        "",
        &e.body,
        s.place.as_str(),
        filters,
    )
}

fn practice_document(site: &Site, e: &Entry<Practice>) -> SearchDocument {
    let p = &e.front;
    let mut keywords: Vec<String> = p
        .themes
        .iter()
        .map(|k| site.label(VocabularyKind::Themes, k.as_str()))
        .collect();
    keywords.extend(p.tags.iter().map(|k| site.label(VocabularyKind::Tags, k.as_str())));
    keywords.extend(
        p.disciplines
            .iter()
            .map(|k| site.label(VocabularyKind::Disciplines, k.as_str())),
    );
    keywords.extend(p.places.iter().map(|k| site.label(VocabularyKind::Places, k.as_str())));
    keywords.extend(p.partners.iter().cloned());
    let mut filters: Vec<(String, String)> = p
        .places
        .iter()
        .map(|k| ("place".to_string(), k.as_str().to_string()))
        .collect();
    let mut provinces: Vec<String> = p.places.iter().filter_map(|k| province_of(site, k.as_str())).collect();
    provinces.sort();
    provinces.dedup();
    filters.extend(provinces.into_iter().map(|p| ("province".to_string(), p)));
    filters.extend(
        p.disciplines
            .iter()
            .map(|d| ("discipline".to_string(), d.as_str().to_string())),
    );
    let place = p.places.first().map(|k| k.as_str()).unwrap_or_default();
    document(
        site,
        EntryKind::Practice,
        &e.slug,
        &p.title,
        keywords,
        &p.summary,
        &e.body,
        place,
        filters,
    )
}

fn guide_document(site: &Site, e: &Entry<Guide>) -> SearchDocument {
    let g = &e.front;
    let mut keywords = g.aliases.clone();
    keywords.push(site.value_label(g.category));
    document(
        site,
        EntryKind::Guide,
        &e.slug,
        &g.title,
        keywords,
        &g.summary,
        &e.body,
        "",
        Vec::new(),
    )
}

fn request_document(site: &Site, e: &Entry<Request>) -> SearchDocument {
    let q = &e.front;
    let mut keywords: Vec<String> = q
        .kinds
        .iter()
        .map(|k| site.label(VocabularyKind::SpaceKinds, k.as_str()))
        .collect();
    keywords.extend(
        q.disciplines
            .iter()
            .map(|k| site.label(VocabularyKind::Disciplines, k.as_str())),
    );
    keywords.extend(q.places.iter().map(|k| site.label(VocabularyKind::Places, k.as_str())));
    keywords.extend(
        q.provinces
            .iter()
            .map(|k| site.label(VocabularyKind::Provinces, k.as_str())),
    );
    keywords.push(q.who.clone());
    let mut filters: Vec<(String, String)> = q
        .places
        .iter()
        .map(|k| ("place".to_string(), k.as_str().to_string()))
        .collect();
    let mut provinces: Vec<String> = q
        .places
        .iter()
        .filter_map(|k| province_of(site, k.as_str()))
        .chain(q.provinces.iter().map(|p| p.as_str().to_string()))
        .collect();
    provinces.sort();
    provinces.dedup();
    filters.extend(provinces.into_iter().map(|p| ("province".to_string(), p)));
    filters.extend(
        q.disciplines
            .iter()
            .map(|d| ("discipline".to_string(), d.as_str().to_string())),
    );
    filters.extend(q.kinds.iter().map(|k| ("kind".to_string(), k.as_str().to_string())));
    let place = q.places.first().map(|k| k.as_str()).unwrap_or_default();
    document(
        site,
        EntryKind::Request,
        &e.slug,
        &q.title,
        keywords,
        "",
        &e.body,
        place,
        filters,
    )
}

#[allow(clippy::too_many_arguments)]
fn document(
    site: &Site,
    kind: EntryKind,
    slug: &str,
    title: &str,
    keywords: Vec<String>,
    summary: &str,
    markdown: &str,
    place: &str,
    filters: Vec<(String, String)>,
) -> SearchDocument {
    let mut body = summary.to_string();
    if !body.is_empty() {
        body.push(' ');
    }
    body.push_str(&plain_text(markdown, BODY_CHARS));
    SearchDocument {
        slug: slug.to_string(),
        kind: kind.id().to_string(),
        url: site.entry_route(kind, slug),
        title: title.to_string(),
        keywords,
        body,
        place: if place.is_empty() {
            String::new()
        } else {
            site.label(VocabularyKind::Places, place)
        },
        filters,
    }
}

/// The text of a Markdown body, paragraphs joined, at most about `max` characters.
pub fn plain_text(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                text.push(' ')
            }
            _ => {}
        }
        if text.len() > max * 2 {
            break;
        }
    }
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let word_chars = word.chars().count();
        let space = usize::from(!out.is_empty());
        // Joining spaces do not count against `max`: a snippet a few characters longer is fine.
        if chars + word_chars > max {
            break;
        }
        if space == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += space + word_chars;
    }
    out
}

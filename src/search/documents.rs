//! Each listed entry as the search index sees it: its title, the words that say what it is
//! (kinds, disciplines, tags, place) in the site's language, every other name of those in Dutch,
//! French and English with their synonyms, its facts in words, its text, and the filters it can be
//! found by.

use pulldown_cmark::{Event, Parser, TagEnd};
use search_index::{ConceptNames, ConceptUse, SearchDocument, Vocabulary};

use crate::content::model::{Guide, Keyed, Labelled, Practice, Request, Space, Translations, VocabularyKey};
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

/// One document as it is put together.
struct Doc<'s, 'a> {
    site: &'s Site<'a>,
    keywords: Vec<String>,
    names: Vec<String>,
    kind_names: Vec<String>,
    place_names: Vec<String>,
    filters: Vec<(String, String)>,
    concepts: Vec<ConceptUse>,
    /// The title in French and English, for results on those languages' pages.
    titles: std::collections::BTreeMap<String, String>,
}

/// How the suggestion index names a vocabulary entry: `space-kinds:atelier`.
pub fn concept_id(kind: VocabularyKind, key: &str) -> String {
    format!("{}:{key}", kind.file_name().trim_end_matches(".yaml"))
}

/// Every vocabulary entry with its label and names, for the suggestion index.
pub fn vocabulary(site: &Site) -> Vocabulary {
    let mut out = Vocabulary::new();
    for kind in VocabularyKind::ALL {
        for names in site.model.vocab.all_names(kind) {
            out.insert(
                concept_id(kind, names.key),
                ConceptNames {
                    label: names.label(site.language).to_string(),
                    names: names.all().map(str::to_string).collect(),
                },
            );
        }
    }
    out
}

impl<'s, 'a> Doc<'s, 'a> {
    fn new(site: &'s Site<'a>) -> Self {
        Doc {
            site,
            keywords: Vec::new(),
            names: Vec::new(),
            kind_names: Vec::new(),
            place_names: Vec::new(),
            filters: Vec::new(),
            concepts: Vec::new(),
            titles: Default::default(),
        }
    }

    /// Records that the document carries a vocabulary entry, and how.
    fn concept(&mut self, kind: VocabularyKind, key: &str, keyword: bool, of_kind: bool, place: bool) {
        self.concepts.push(ConceptUse {
            id: concept_id(kind, key),
            keyword,
            kind: of_kind,
            place,
        });
    }

    /// Every name of a vocabulary entry, in every language, with its synonyms, and its label in the
    /// site's language (the key when the vocabulary lacks it): one look-up for both.
    fn names_of(&self, kind: VocabularyKind, key: &str) -> (String, Vec<String>) {
        match self.site.model.vocab.names(kind, key) {
            Some(n) => (
                n.label(self.site.language).to_string(),
                n.all().map(str::to_string).collect(),
            ),
            None => (key.to_string(), Vec::new()),
        }
    }

    /// Keys of a vocabulary: their label is a keyword, their other names are names, and each is a
    /// filter value of `group` when there is one.
    fn keys<K: VocabularyKey>(&mut self, keys: &[K], group: Option<&str>) {
        for key in keys {
            let key = VocabularyKey::as_str(key);
            let (label, names) = self.names_of(K::VOCABULARY, key);
            self.keywords.push(label);
            self.names.extend(names);
            self.concept(K::VOCABULARY, key, true, false, false);
            if let Some(group) = group {
                self.filters.push((group.to_string(), key.to_string()));
            }
        }
    }

    /// Places and the provinces they lie in (each province once), with the provinces asked for
    /// without a place.
    fn places(&mut self, places: &[crate::content::model::PlaceKey], provinces: &[crate::content::model::ProvinceKey]) {
        let mut in_provinces: Vec<&str> = Vec::new();
        for place in places {
            let place = place.as_str();
            let (label, names) = self.names_of(VocabularyKind::Places, place);
            self.keywords.push(label);
            self.filters.push(("place".to_string(), place.to_string()));
            self.place_names.extend(names);
            self.concept(VocabularyKind::Places, place, true, false, true);
            in_provinces.extend(self.site.province_of(place));
        }
        in_provinces.extend(provinces.iter().map(|p| p.as_str()));
        in_provinces.sort_unstable();
        in_provinces.dedup();
        for province in in_provinces {
            self.filters.push(("province".to_string(), province.to_string()));
            let (_, names) = self.names_of(VocabularyKind::Provinces, province);
            self.place_names.extend(names);
            self.concept(VocabularyKind::Provinces, province, false, false, true);
        }
    }

    /// A fact of a space in words, from `facts.yaml`.
    fn fact<T: Labelled>(&mut self, value: T) {
        let (_, names) = self.names_of(VocabularyKind::Facts, &value.fact_key());
        self.names.extend(names);
        self.concept(VocabularyKind::Facts, &value.fact_key(), false, false, false);
    }

    /// An entry's translated titles are other names of it, as aliases are: queries in French and
    /// English find it by them. Words the vocabulary already gives the entry in every language
    /// ("Gand" for a place in Gent) are left out: counted again, they would lift an entry above
    /// those whose own title says it. Called last, when every vocabulary name is in. Translated
    /// summaries stay out of the index: their words would outweigh the text's in ranking and
    /// snippets, and what they say is what the title and the vocabulary already say.
    fn translations(&mut self, translations: &Translations) {
        let known: std::collections::HashSet<String> = [&self.names, &self.kind_names, &self.place_names]
            .into_iter()
            .flatten()
            .flat_map(|name| words(name))
            .collect();
        let new_words = |text: &str| {
            let kept: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !known.contains(&w.to_lowercase()))
                .collect();
            kept.join(" ")
        };
        for (_, t) in translations.iter() {
            let title = t.title.as_deref().map(new_words).filter(|t| !t.is_empty());
            self.keywords.extend(title);
        }
        self.titles = translations
            .iter()
            .filter_map(|(language, t)| Some((language.to_string(), t.title.clone()?)))
            .collect();
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        mut self,
        kind: EntryKind,
        slug: &str,
        title: &str,
        summary: &str,
        markdown: &str,
        place: &str,
    ) -> SearchDocument {
        let mut body = summary.to_string();
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(&plain_text(markdown, BODY_CHARS));
        // Where an entry is named is a name of it too.
        self.names.extend(self.place_names.iter().cloned());
        for list in [&mut self.names, &mut self.kind_names, &mut self.place_names] {
            list.sort_unstable();
            list.dedup();
        }
        SearchDocument {
            slug: slug.to_string(),
            kind: kind.id().to_string(),
            url: self.site.entry_route(kind, slug),
            title: title.to_string(),
            keywords: self.keywords,
            names: self.names,
            kind_names: self.kind_names,
            place_names: self.place_names,
            body,
            place: if place.is_empty() {
                String::new()
            } else {
                self.site.label(VocabularyKind::Places, place)
            },
            filters: self.filters,
            concepts: self.concepts,
            titles: self.titles,
        }
    }
}

fn space_document(site: &Site, e: &Entry<Space>) -> SearchDocument {
    let s = &e.front;
    let mut doc = Doc::new(site);
    doc.keys(&s.kinds, None);
    for kind in &s.kinds {
        let (_, names) = doc.names_of(VocabularyKind::SpaceKinds, kind.as_str());
        doc.kind_names.extend(names);
        doc.concept(VocabularyKind::SpaceKinds, kind.as_str(), false, true, false);
    }
    doc.keys(&s.disciplines, None);
    doc.keys(&s.facilities, None);
    doc.places(std::slice::from_ref(&s.place), &[]);
    doc.keywords.extend(s.operator.as_ref().map(|o| o.name.clone()));
    // Filters in the order the search page lists their groups.
    let mut filters = std::mem::take(&mut doc.filters);
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
    doc.filters = filters;
    doc.fact(s.accessibility.wheelchair);
    doc.fact(s.availability.status);
    if let Some(price) = &s.price {
        doc.fact(price.model);
    }
    if let Some(tenure) = &s.tenure {
        doc.fact(tenure.kind);
    }
    for audience in &s.audience {
        doc.fact(*audience);
    }
    doc.translations(&s.translations);
    doc.finish(EntryKind::Space, &e.slug, &s.name, "", &e.body, s.place.as_str())
}

fn practice_document(site: &Site, e: &Entry<Practice>) -> SearchDocument {
    let p = &e.front;
    let mut doc = Doc::new(site);
    doc.keys(&p.themes, None);
    doc.keys(&p.tags, None);
    doc.keys(&p.disciplines, Some("discipline"));
    let mut discipline_filters = std::mem::take(&mut doc.filters);
    doc.places(&p.places, &[]);
    doc.filters.append(&mut discipline_filters);
    doc.keywords.extend(p.area.map(|area| site.value_label(area)));
    doc.keywords.extend(p.partners.iter().cloned());
    let place = p.places.first().map(|k| k.as_str()).unwrap_or_default();
    doc.translations(&p.translations);
    doc.finish(EntryKind::Practice, &e.slug, &p.title, &p.summary, &e.body, place)
}

fn guide_document(site: &Site, e: &Entry<Guide>) -> SearchDocument {
    let g = &e.front;
    let mut doc = Doc::new(site);
    doc.keywords = g.aliases.clone();
    doc.keywords.push(site.value_label(g.category));
    doc.translations(&g.translations);
    doc.finish(EntryKind::Guide, &e.slug, &g.title, &g.summary, &e.body, "")
}

fn request_document(site: &Site, e: &Entry<Request>) -> SearchDocument {
    let q = &e.front;
    let mut doc = Doc::new(site);
    doc.keys(&q.kinds, None);
    doc.keys(&q.disciplines, None);
    doc.places(&q.places, &q.provinces);
    doc.keywords.push(q.who.clone());
    doc.filters.extend(
        q.disciplines
            .iter()
            .map(|d| ("discipline".to_string(), d.as_str().to_string())),
    );
    doc.filters
        .extend(q.kinds.iter().map(|k| ("kind".to_string(), k.as_str().to_string())));
    let place = q.places.first().map(|k| k.as_str()).unwrap_or_default();
    doc.translations(&q.translations);
    doc.finish(EntryKind::Request, &e.slug, &q.title, "", &e.body, place)
}

/// The words of a name, lower-cased.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
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

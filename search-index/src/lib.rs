//! The directory's search: schema, analyzers and queries, shared by the generator (native) and the
//! browser (wasm32), so the index and its reader cannot drift apart.
//!
//! The generator calls [`build_index`] and ships the blob; the browser and `ruimte search` call
//! [`SearchIndex::open`] and [`SearchIndex::search`].

mod cursor;
mod directory;
mod document;
mod parts;
mod query;
mod schema;
mod stemmer;
mod stopwords;
mod suggest;
mod tiered;
// The full reader's exports, only in its own build: a crate that links search-index for the
// suggestions alone (search-suggest) must not export, and so keep, the whole engine.
#[cfg(all(target_arch = "wasm32", feature = "reader"))]
mod wasm;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::{Facet, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

pub use directory::{BlobError, MemoryDirectory};
use document::decode_titles;
pub use document::{SearchDocument, FILTER_GROUPS};
#[cfg(not(target_arch = "wasm32"))]
pub use parts::Parts;
pub use parts::{Lazy, LazyIndex};
pub use query::SearchRequest;
#[cfg(not(target_arch = "wasm32"))]
pub use suggest::SuggestBuilder;
pub use suggest::{ConceptNames, ConceptUse, SuggestIndex, SuggestRequest, SuggestResponse, Suggestion, Vocabulary};

use schema::Fields;

/// Identifies the search code a blob and a reader were built from; see build.rs.
pub const SOURCE_HASH: &str = env!("SEARCH_INDEX_SOURCE_HASH");

/// A word or a name as search compares it: lowercase, without accents, its words joined by one
/// space ("Salle de Répétition" and "salle de repetition" are the same).
pub fn fold(text: &str) -> String {
    let mut analyzer = schema::folded();
    let mut stream = analyzer.token_stream(text);
    let mut out = String::new();
    while let Some(token) = stream.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&token.text);
    }
    out
}

/// Why a hit is where it is: for each word of the query, the ways it matched and what each was
/// worth.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Explanation {
    pub slug: String,
    pub score: f32,
    pub words: Vec<WordMatch>,
    /// Beyond the words: a named kind of space, the whole title, the place.
    pub bonuses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WordMatch {
    pub word: String,
    /// Each way it matched, with its score ("names 6.2").
    pub ways: Vec<(String, f32)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hit {
    pub slug: String,
    pub kind: String,
    pub title: String,
    /// The title in other languages, where the entry gives it (see [`SearchDocument::titles`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    pub url: String,
    pub place: String,
    /// The snippet as plain text parts, the matched words marked; the page builds it as text,
    /// never as HTML.
    pub snippet: Vec<SnippetPart>,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Group → values with the number of matching entries, most first.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    analyzers: std::sync::Mutex<query::Analyzers>,
}

impl SearchIndex {
    /// Opens a packed index, which it keeps (a borrowed one is copied once). Nothing is read from
    /// anywhere else.
    pub fn open(blob: impl Into<Vec<u8>>) -> Result<SearchIndex, String> {
        SearchIndex::open_directory(MemoryDirectory::unpack(blob.into()).map_err(|e| e.to_string())?)
    }

    /// Opens the index a directory holds.
    pub fn open_directory(directory: impl tantivy::Directory) -> Result<SearchIndex, String> {
        let index = Index::open(directory).map_err(|e| e.to_string())?;
        schema::register_analyzers(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|e| e.to_string())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| e.to_string())?;
        let tokenizers = index.tokenizers();
        let analyzers = query::Analyzers {
            stem: tokenizers.get(schema::DUTCH).ok_or("no Dutch analyzer")?,
            folded: tokenizers.get(schema::FOLDED).ok_or("no folding analyzer")?,
        };
        Ok(SearchIndex {
            reader,
            fields,
            analyzers: std::sync::Mutex::new(analyzers),
        })
    }

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, String> {
        let searcher = self.reader.searcher();
        let known = known_terms(&searcher);
        let query = {
            let mut analyzers = self.analyzers.lock().map_err(|_| "search state poisoned")?;
            query::build(&self.fields, &mut analyzers, &known, request)
        };
        let limit = request.limit.clamp(1, 100);
        let top_docs = TopDocs::with_limit(limit).order_by_score();
        let (top, total, shared_counts) = if request.facets {
            // Groups nobody filtered on are counted in the same pass as the results.
            let mut shared = FacetCollector::for_field("filters");
            for group in FILTER_GROUPS.iter().filter(|g| !selected(request, g)) {
                shared.add_facet(Facet::from_path([*group]));
            }
            let (top, total, counts) = searcher
                .search(&query, &(top_docs, Count, shared))
                .map_err(|e| e.to_string())?;
            (top, total, Some(counts))
        } else {
            // A facet collector reads every matching entry's facets, even with nothing to count.
            let (top, total) = searcher.search(&query, &(top_docs, Count)).map_err(|e| e.to_string())?;
            (top, total, None)
        };
        let snippets = if request.snippets {
            Some(self.snippets(&*query)?)
        } else {
            None
        };
        // Every hit's document is read before any error is given: an index read in parts then
        // learns all the parts the hits need at once.
        let documents: Vec<tantivy::Result<TantivyDocument>> =
            top.iter().map(|(_, address)| searcher.doc(*address)).collect();
        let mut hits = Vec::with_capacity(top.len());
        for ((score, _), doc) in top.into_iter().zip(documents) {
            let doc = doc.map_err(|e| e.to_string())?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let snippet = match &snippets {
                None => Vec::new(),
                Some(generator) => {
                    let snippet = generator.snippet_from_doc(&doc);
                    if snippet.is_empty() {
                        vec![SnippetPart {
                            text: opening(&text(self.fields.excerpt), SNIPPET_CHARS),
                            hit: false,
                        }]
                    } else {
                        parts(snippet.fragment(), snippet.highlighted())
                    }
                }
            };
            hits.push(Hit {
                slug: text(self.fields.slug),
                kind: text(self.fields.kind),
                title: text(self.fields.title),
                titles: decode_titles(&text(self.fields.titles)),
                url: text(self.fields.url),
                place: text(self.fields.place),
                snippet,
                score,
            });
        }
        let groups = match &shared_counts {
            Some(counts) => self.facet_counts(&searcher, request, counts)?,
            None => BTreeMap::new(),
        };
        Ok(SearchResponse {
            total,
            hits,
            facets: groups,
        })
    }
}

impl SearchIndex {
    /// Reads, each on its own, what any query reads whatever its words: the term dictionary and
    /// norms of every field a query looks in. The generator records these reads to put them in
    /// the head (see `parts`). The facet column is not among them: it is most of what a broad
    /// query reads, so a page shows its first results without counts and asks for them next.
    #[cfg(not(target_arch = "wasm32"))]
    fn touch_common(&self) {
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            for field in self.searched_fields() {
                let _ = segment.inverted_index(field);
                let _ = segment.get_fieldnorms_reader(field);
            }
        }
    }

    /// The fields a query looks in.
    #[cfg(not(target_arch = "wasm32"))]
    fn searched_fields(&self) -> [tantivy::schema::Field; 10] {
        let f = &self.fields;
        [
            f.title,
            f.keywords,
            f.names,
            f.folded,
            f.kind_names,
            f.title_exact,
            f.place_exact,
            f.body,
            f.grams,
            f.filters,
        ]
    }

    /// Reads every term's postings in every field a query looks in, and every block of stored
    /// documents: each range is read whole by some query, and the generator records them to
    /// cut the index into parts between them, never through one (see `parts`).
    #[cfg(not(target_arch = "wasm32"))]
    fn read_every_unit(&self) {
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            if let Ok(store) = segment.get_store_reader(0) {
                for doc in 0..segment.max_doc() {
                    let _ = store.get_document_bytes(doc);
                }
            }
            for field in self.searched_fields() {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut terms) = inverted.terms().stream() else {
                    continue;
                };
                while terms.advance() {
                    let _ = inverted.read_block_postings_from_terminfo(terms.value(), IndexRecordOption::Basic);
                }
            }
        }
    }

    /// Reads, each on its own, the postings of every term `request` will look up, and of every
    /// term its typo and prefix ways accept. On an index in parts each read that lacks a part
    /// notes it, so one round of fetching brings what a query would otherwise ask for term by
    /// term. Errors are the point here, and are left to the query itself to give.
    fn warm(&self, request: &SearchRequest) {
        use tantivy::query::{AutomatonWeight, Query as _};
        let searcher = self.reader.searcher();
        let known = known_terms(&searcher);
        let Ok(mut analyzers) = self.analyzers.lock() else {
            return;
        };
        let query = query::build(&self.fields, &mut analyzers, &known, request);
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| terms.push(term.clone()));
        let words = query::words(&mut analyzers, &request.q);
        let mut automata = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let ways = query::expanding(&self.fields, &mut analyzers, &known, word, i + 1 == words.len());
            automata.extend(ways.prefix);
            automata.extend(ways.typos.map(|(_, fuzzy)| fuzzy));
        }
        for segment in searcher.segment_readers() {
            if request.facets {
                // The facet column, and its dictionary's blocks (read as counts are named).
                if let Ok(facets) = segment.facet_reader("filters") {
                    if let Ok(mut values) = facets.facet_dict().stream() {
                        while values.advance() {}
                    }
                }
            }
            for term in &terms {
                let _ = segment.get_fieldnorms_reader(term.field());
                if let Ok(inverted) = segment.inverted_index(term.field()) {
                    if let Ok(Some(info)) = inverted.get_term_info(term) {
                        let _ = inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic);
                    }
                }
            }
            let Ok(inverted) = segment.inverted_index(self.fields.folded) else {
                continue;
            };
            for fuzzy in &automata {
                let Ok(automaton) = fuzzy.automaton() else {
                    continue;
                };
                let weight = AutomatonWeight::new(self.fields.folded, automaton);
                for info in weight.get_match_term_infos(segment).unwrap_or_default() {
                    let _ = inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic);
                }
            }
        }
    }
}

impl SearchIndex {
    /// Runs `request` and says, for each hit, which words matched in which way: for tuning
    /// synonyms and weights (`ruimte search --explain`).
    pub fn explain(&self, request: &SearchRequest) -> Result<Vec<Explanation>, String> {
        let searcher = self.reader.searcher();
        let known = known_terms(&searcher);
        let mut analyzers = self.analyzers.lock().map_err(|_| "search state poisoned")?;
        let query = query::build(&self.fields, &mut analyzers, &known, request);
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(request.limit.clamp(1, 100)).order_by_score(),
            )
            .map_err(|e| e.to_string())?;
        let words = query::words(&mut analyzers, &request.q);
        let mut out = Vec::new();
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
            let slug = doc
                .get_first(self.fields.slug)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            // Each way on its own, narrowed to this entry: what it scores there, if it matches.
            // (tantivy's own `explain` panics on some nested boolean queries.)
            let this_entry = TermQuery::new(
                tantivy::Term::from_field_text(self.fields.slug, &slug),
                IndexRecordOption::Basic,
            );
            let score_here = |way: Box<dyn tantivy::query::Query>| -> Option<f32> {
                let narrowed = BooleanQuery::new(vec![
                    (Occur::Must, way),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(Box::new(this_entry.clone()), 0.0)),
                    ),
                ]);
                let top = searcher
                    .search(&narrowed, &TopDocs::with_limit(1).order_by_score())
                    .ok()?;
                top.first().map(|(score, _)| *score)
            };
            let mut matches = Vec::new();
            for (i, word) in words.iter().enumerate() {
                let ways = query::word_ways(&self.fields, &mut analyzers, &known, word, i + 1 == words.len());
                let matched = ways
                    .into_iter()
                    .filter_map(|w| Some((w.name, score_here(w.query)?)))
                    .collect();
                matches.push(WordMatch {
                    word: word.clone(),
                    ways: matched,
                });
            }
            let bonuses = query::bonuses(&self.fields, &mut analyzers, &known, &request.q, &words)
                .into_iter()
                .filter_map(|b| score_here(b.query).map(|_| b.name))
                .collect();
            out.push(Explanation {
                slug,
                score,
                words: matches,
                bonuses,
            });
        }
        Ok(out)
    }
}

/// How long a snippet may be, and how much of each text the index stores to cut it from.
const SNIPPET_CHARS: usize = 180;
pub const EXCERPT_CHARS: usize = 400;

impl SearchIndex {
    /// Snippets are cut from the stored opening of the text, marking the words the query matched
    /// in the (whole, unstored) text.
    fn snippets(&self, query: &dyn tantivy::query::Query) -> Result<SnippetGenerator, String> {
        let mut terms = std::collections::BTreeMap::new();
        query.query_terms(&mut |term, _| {
            if term.field() == self.fields.body {
                if let Some(text) = term.value().as_str() {
                    terms.insert(text.to_string(), 1.0);
                }
            }
        });
        let analyzer = self.analyzers.lock().map_err(|_| "search state poisoned")?.stem.clone();
        Ok(SnippetGenerator::new(
            terms,
            analyzer,
            self.fields.excerpt,
            SNIPPET_CHARS,
        ))
    }

    /// Counts per filter value. A group's counts leave out that group's own selection, so someone
    /// who ticked "space" still sees how many practices and guides match, and can switch.
    fn facet_counts(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        shared: &tantivy::collector::FacetCounts,
    ) -> Result<BTreeMap<String, Vec<FacetCount>>, String> {
        let mut groups = BTreeMap::new();
        let mut analyzers = self.analyzers.lock().map_err(|_| "search state poisoned")?;
        let own_selection: Vec<&str> = FILTER_GROUPS.iter().copied().filter(|g| selected(request, g)).collect();
        for group in FILTER_GROUPS.iter().filter(|g| !own_selection.contains(g)) {
            groups.insert(group.to_string(), sorted_counts(shared, group));
        }
        for group in own_selection {
            let mut others = request.clone();
            others.filters.remove(group);
            let query = query::build(&self.fields, &mut analyzers, &known_terms(searcher), &others);
            let mut collector = FacetCollector::for_field("filters");
            collector.add_facet(Facet::from_path([group]));
            let counts = searcher.search(&*query, &collector).map_err(|e| e.to_string())?;
            groups.insert(group.to_string(), sorted_counts(&counts, group));
        }
        Ok(groups)
    }
}

/// Looks a term up in every segment's dictionary.
fn known_terms(searcher: &tantivy::Searcher) -> impl Fn(tantivy::schema::Field, &str) -> bool + '_ {
    move |field, text| {
        searcher.segment_readers().iter().any(|segment| {
            segment
                .inverted_index(field)
                .ok()
                .and_then(|index| index.terms().get(text.as_bytes()).ok().flatten())
                .is_some()
        })
    }
}

fn selected(request: &SearchRequest, group: &str) -> bool {
    request.filters.get(group).is_some_and(|v| !v.is_empty())
}

fn sorted_counts(counts: &tantivy::collector::FacetCounts, group: &str) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .get(Facet::from_path([group]))
        .map(|(facet, count)| FacetCount {
            value: facet.to_path().last().map(|s| s.to_string()).unwrap_or_default(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

/// The first words of a text, cut at a word boundary.
fn opening(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a))
}

/// Splits a fragment at its highlighted byte ranges.
fn parts(fragment: &str, highlighted: &[std::ops::Range<usize>]) -> Vec<SnippetPart> {
    let mut out = Vec::new();
    let mut at = 0;
    for range in highlighted {
        let (start, end) = (range.start.min(fragment.len()), range.end.min(fragment.len()));
        if start < at || !fragment.is_char_boundary(start) || !fragment.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(SnippetPart {
                text: fragment[at..start].to_string(),
                hit: false,
            });
        }
        out.push(SnippetPart {
            text: fragment[start..end].to_string(),
            hit: true,
        });
        at = end;
    }
    if at < fragment.len() {
        out.push(SnippetPart {
            text: fragment[at..].to_string(),
            hit: false,
        });
    }
    out
}

/// Builds the index of `documents` and packs it into one blob (native only: the browser reads).
#[cfg(not(target_arch = "wasm32"))]
pub fn build_index(documents: &[SearchDocument]) -> Result<Vec<u8>, String> {
    build_index_from(documents)
}

/// Builds the index from documents as they come, so a caller can make them a batch at a time
/// and never hold them all (a 100,000-entry directory's documents are a few hundred megabytes).
#[cfg(not(target_arch = "wasm32"))]
pub fn build_index_from<D: std::borrow::Borrow<SearchDocument>>(
    documents: impl IntoIterator<Item = D>,
) -> Result<Vec<u8>, String> {
    use tantivy::doc;

    let directory = MemoryDirectory::default();
    // The doc store is left uncompressed, in small blocks: each block is a part a browser
    // fetches for a hit, compressed against its file's dictionary (see `parts`).
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::None,
        docstore_blocksize: parts::STORE_BLOCK,
        ..Default::default()
    };
    let index = Index::create(directory.clone(), schema::schema(), settings).map_err(|e| e.to_string())?;
    schema::register_analyzers(&index);
    let f = Fields::from_schema(&index.schema()).map_err(|e| e.to_string())?;
    // One thread and one generous budget: one segment, in document order, every time.
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 100_000_000)
        .map_err(|e| e.to_string())?;
    for d in documents {
        let d = d.borrow();
        let keywords = d.keywords.join(" · ");
        let names = d.names.join(" · ");
        let mut document = doc!(
            f.slug => d.slug.as_str(),
            f.kind => d.kind.as_str(),
            f.url => d.url.as_str(),
            f.title => d.title.as_str(),
            f.title_exact => fold(&d.title),
            f.keywords => keywords.as_str(),
            f.names => names.as_str(),
            f.folded => format!("{} · {keywords} · {names}", d.title),
            f.kind_names => d.kind_names.join(" · "),
            f.body => d.body.as_str(),
            f.excerpt => opening(&d.body, EXCERPT_CHARS),
            f.grams => format!("{} {}", d.title, keywords),
            f.place => d.place.as_str(),
        );
        if !d.titles.is_empty() {
            document.add_text(f.titles, crate::document::encode_titles(&d.titles));
        }
        for name in &d.place_names {
            document.add_text(f.place_exact, fold(name));
        }
        document.add_facet(f.filters, Facet::from_path(["type", d.kind.as_str()]));
        for (group, value) in &d.filters {
            document.add_facet(f.filters, Facet::from_path([group.as_str(), value.as_str()]));
        }
        writer.add_document(document).map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(directory.pack_deterministic())
}

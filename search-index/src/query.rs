//! From what someone typed to a tantivy query. Each word may match in several ways, best first: the
//! stemmed word in the title, keywords or text; the last word as a prefix of a title or keyword
//! word (search as you type: the words before it are finished); the word with one typo in a title
//! or keyword (five letters or more, and only when the index does not know the word as typed: a
//! word it knows is no typo, and walking the dictionary with a typo automaton is the dearest part
//! of a query); the word inside a compound (four letters or more). All words must match; filters
//! narrow within a group by OR and across groups by AND.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::schema::Fields;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchRequest {
    #[serde(default)]
    pub q: String,
    /// Group → accepted values, e.g. {"province": ["oost-vlaanderen"]}.
    #[serde(default)]
    pub filters: BTreeMap<String, Vec<String>>,
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Count entries per filter value. Suggestions while typing do not show counts, and counting
    /// every match is most of the work of a broad query.
    #[serde(default = "default_facets")]
    pub facets: bool,
    /// Cut a highlighted snippet for each hit (the results page shows them; suggestions do not).
    #[serde(default = "default_facets")]
    pub snippets: bool,
    /// Look in titles and keywords only, not in the text: suggestions while typing name what an
    /// entry is; the results page also finds words in the text. A common word is in nearly every
    /// text, and scoring them all is most of a suggestion's time.
    #[serde(default)]
    pub titles_only: bool,
}

fn default_facets() -> bool {
    true
}

fn default_limit() -> usize {
    20
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            filters: BTreeMap::new(),
            limit: default_limit(),
            facets: default_facets(),
            snippets: default_facets(),
            titles_only: false,
        }
    }
}

/// How much a match counts, by where and how it matched.
mod boost {
    pub const TITLE: f32 = 4.0;
    pub const KEYWORDS: f32 = 2.5;
    pub const BODY: f32 = 1.0;
    pub const PREFIX_TITLE: f32 = 2.0;
    pub const PREFIX_KEYWORDS: f32 = 1.2;
    pub const TYPO: f32 = 0.8;
    pub const COMPOUND: f32 = 0.7;
}

const MAX_WORDS: usize = 12;

pub struct Analyzers {
    pub stem: TextAnalyzer,
    pub folded: TextAnalyzer,
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

fn term_query(term: Term, boost_by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
        boost_by,
    ))
}

fn boosted(query: impl Query + 'static, boost_by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(query), boost_by))
}

/// Whether the index holds `text` as a term of `field`.
pub type Known<'k> = dyn Fn(tantivy::schema::Field, &str) -> bool + 'k;

/// The query for one typed word; `last` when it is the word being typed.
fn word_query(
    fields: &Fields,
    analyzers: &mut Analyzers,
    known: &Known,
    word: &str,
    last: bool,
    titles_only: bool,
) -> Box<dyn Query> {
    let mut ways: Vec<Box<dyn Query>> = Vec::new();
    let stems = tokens(&mut analyzers.stem, word);
    let is_known = known(fields.title_folded, word)
        || known(fields.keywords_folded, word)
        || stems.iter().any(|s| known(fields.body, s) || known(fields.title, s));
    for stem in stems {
        ways.push(term_query(Term::from_field_text(fields.title, &stem), boost::TITLE));
        ways.push(term_query(
            Term::from_field_text(fields.keywords, &stem),
            boost::KEYWORDS,
        ));
        if !titles_only {
            ways.push(term_query(Term::from_field_text(fields.body, &stem), boost::BODY));
        }
    }
    let letters = word.chars().count();
    for (field, prefix_boost) in [
        (fields.title_folded, boost::PREFIX_TITLE),
        (fields.keywords_folded, boost::PREFIX_KEYWORDS),
    ] {
        if last && letters >= 2 {
            ways.push(boosted(
                FuzzyTermQuery::new_prefix(Term::from_field_text(field, word), 0, true),
                prefix_boost,
            ));
        }
        if letters >= 5 && !is_known {
            ways.push(boosted(
                FuzzyTermQuery::new(Term::from_field_text(field, word), 1, true),
                boost::TYPO * prefix_boost,
            ));
        }
    }
    if letters >= 4 {
        // All three-letter pieces of the word, in a title or keyword: a compound containing it.
        let chars: Vec<char> = word.chars().collect();
        let grams: Vec<(Occur, Box<dyn Query>)> = chars
            .windows(3)
            .map(|w| {
                let gram: String = w.iter().collect();
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(fields.grams, &gram),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                )
            })
            .collect();
        ways.push(boosted(BooleanQuery::new(grams), boost::COMPOUND));
    }
    Box::new(BooleanQuery::union(ways))
}

/// The whole query: every word must match, and every filter group.
pub fn build(fields: &Fields, analyzers: &mut Analyzers, known: &Known, request: &SearchRequest) -> Box<dyn Query> {
    let words: Vec<String> = tokens(&mut analyzers.folded, &request.q)
        .into_iter()
        .take(MAX_WORDS)
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            (
                Occur::Must,
                word_query(fields, analyzers, known, w, i + 1 == words.len(), request.titles_only),
            )
        })
        .collect();
    for (group, values) in &request.filters {
        let group = sanitize(group);
        let options: Vec<Box<dyn Query>> = values
            .iter()
            .map(|v| {
                let facet = Facet::from_path([group.as_str(), sanitize(v).as_str()]);
                Box::new(TermQuery::new(
                    Term::from_facet(fields.filters, &facet),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect();
        if !options.is_empty() {
            clauses.push((Occur::Must, Box::new(BooleanQuery::union(options))));
        }
    }
    if clauses.is_empty() {
        return Box::new(AllQuery);
    }
    if words.is_empty() {
        // Filters alone: every entry that passes them.
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Facet path segments are plain keys; anything else would change the path.
fn sanitize(segment: &str) -> String {
    segment
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

//! From what someone typed to a tantivy query.
//!
//! Words that only say how someone asks (in, of, de, voor, la, the) are dropped. Each remaining word
//! may match in several ways, best first: the stemmed word in the title, the keywords, the names
//! (labels and synonyms in three languages, facts in words) or the text; the last word as a prefix
//! of a word of the title, keywords or names (search as you type); the word with a typo in those
//! (one from four letters, two from eight, and only when the index does not know the word as
//! typed); the word inside a compound (five letters or more).
//!
//! An entry need not match every word. Each word it matches is worth a tier, far above what any
//! word's own score reaches, so entries matching every word come first, then those matching all but
//! one, and so on; within a tier the usual scores order them. A query that names a kind of space
//! puts the spaces of that kind first within a tier; a query that is an entry's whole title, or
//! the name of a place or province, puts that entry or those entries first. Filters narrow within a group by OR and
//! across groups by AND.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::schema::Fields;
use crate::stopwords::is_stopword;
use crate::tiered::Tiered;

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
    #[serde(default = "yes")]
    pub facets: bool,
    /// Cut a highlighted snippet for each hit (the results page shows them; suggestions do not).
    #[serde(default = "yes")]
    pub snippets: bool,
}

fn yes() -> bool {
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
            facets: true,
            snippets: true,
        }
    }
}

/// How much a match counts, by where and how it matched.
pub(crate) mod boost {
    pub const TITLE: f32 = 4.0;
    pub const KEYWORDS: f32 = 2.5;
    pub const NAMES: f32 = 2.0;
    pub const BODY: f32 = 1.0;
    pub const PREFIX: f32 = 1.5;
    pub const TYPO: f32 = 1.2;
    pub const COMPOUND: f32 = 0.7;
    /// What each matched word is worth: more than every score a word can reach together.
    pub const TIER: f32 = 1_000.0;
    /// A word only its three-letter pieces matched.
    pub const PARTIAL_TIER: f32 = TIER * 0.4;
    /// A space of a kind the query names: less than a word, so it orders within a tier.
    pub const NAMED_KIND: f32 = TIER / 2.0;
    /// The whole query is the entry's title, or its place's or province's name.
    pub const EXACT_TITLE: f32 = TIER * 20.0;
    pub const EXACT_PLACE: f32 = TIER / 4.0;
}

const MAX_WORDS: usize = 12;

pub struct Analyzers {
    pub stem: TextAnalyzer,
    pub folded: TextAnalyzer,
}

/// The tokens an analyzer cuts a text into.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
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

/// One way a word may match, named for `ruimte search --explain`.
pub struct Way {
    pub name: String,
    pub query: Box<dyn Query>,
    /// Whether it counts the word as matched (the word, its stem, its start, or a typo of it), or
    /// only partly: three-letter pieces of it found in a compound may also be pieces of other
    /// words.
    pub whole: bool,
}

/// The words of a query that say what is looked for: folded, stopwords out (unless nothing else
/// is left), at most twelve.
pub fn words(analyzers: &mut Analyzers, q: &str) -> Vec<String> {
    let all: Vec<String> = tokens(&mut analyzers.folded, q);
    let meaningful: Vec<String> = all.iter().filter(|w| !is_stopword(w)).cloned().collect();
    let words = if meaningful.is_empty() { all } else { meaningful };
    words.into_iter().take(MAX_WORDS).collect()
}

/// The ways one typed word may match; `last` when it is the word being typed.
pub fn word_ways(fields: &Fields, analyzers: &mut Analyzers, known: &Known, word: &str, last: bool) -> Vec<Way> {
    let mut ways = Vec::new();
    let mut way = |name: &str, query: Box<dyn Query>| {
        ways.push(Way {
            name: name.to_string(),
            query,
            whole: true,
        })
    };
    let stems = tokens(&mut analyzers.stem, word);
    for stem in &stems {
        for (name, field, weight) in [
            ("title", fields.title, boost::TITLE),
            ("keywords", fields.keywords, boost::KEYWORDS),
            ("names", fields.names, boost::NAMES),
            ("text", fields.body, boost::BODY),
        ] {
            way(name, term_query(Term::from_field_text(field, stem), weight));
        }
    }
    let Expanding { prefix, typos } = expanding(fields, analyzers, known, word, last);
    if let Some(prefix) = prefix {
        way(
            "start of a word of the title, keywords or names",
            boosted(prefix, boost::PREFIX),
        );
    }
    if let Some((typos, fuzzy)) = typos {
        way(
            &format!("title, keywords or names with {typos} typo(s) at most"),
            boosted(fuzzy, boost::TYPO),
        );
    }
    let letters = word.chars().count();
    if letters >= 5 {
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
        ways.push(Way {
            name: "inside a compound".into(),
            query: boosted(BooleanQuery::new(grams), boost::COMPOUND),
            whole: false,
        });
    }
    ways
}

/// The ways of a word that match every term of the dictionary they accept (all in the `folded`
/// field): its start, when it is the word being typed, and its typos, when the index does not
/// know the word. `SearchIndex::warm` reads their terms' postings ahead.
pub struct Expanding {
    pub prefix: Option<FuzzyTermQuery>,
    /// The number of typos allowed, and the query.
    pub typos: Option<(u8, FuzzyTermQuery)>,
}

pub fn expanding(fields: &Fields, analyzers: &mut Analyzers, known: &Known, word: &str, last: bool) -> Expanding {
    let letters = word.chars().count();
    let typos = match letters {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    let mut is_known = || {
        known(fields.folded, word)
            || tokens(&mut analyzers.stem, word)
                .iter()
                .any(|s| known(fields.body, s) || known(fields.title, s) || known(fields.names, s))
    };
    let term = || Term::from_field_text(fields.folded, word);
    Expanding {
        prefix: (last && letters >= 2).then(|| FuzzyTermQuery::new_prefix(term(), 0, true)),
        typos: (typos > 0 && !is_known()).then(|| (typos, FuzzyTermQuery::new(term(), typos, true))),
    }
}

/// The stems of a word that name a kind of space (atelier, oefenruimte, rehearsal).
fn kind_stems(fields: &Fields, analyzers: &mut Analyzers, known: &Known, word: &str) -> Vec<String> {
    tokens(&mut analyzers.stem, word)
        .into_iter()
        .filter(|stem| known(fields.kind_names, stem))
        .collect()
}

/// What ranks an entry above others that match as many words: a space when the query names a
/// kind of space; the entry whose whole title the query is; the entries in the place or province
/// the query names.
pub fn bonuses(fields: &Fields, analyzers: &mut Analyzers, known: &Known, q: &str, words: &[String]) -> Vec<Way> {
    let mut out = Vec::new();
    // Only spaces have kind names: a space of a kind the query names. The bonus is shared
    // among the words that name kinds, so a space every one of them names ("rehearsal space")
    // comes before one only a broad word names ("space": storage space, meeting space).
    let stems: Vec<String> = words
        .iter()
        .flat_map(|w| kind_stems(fields, analyzers, known, w))
        .collect();
    for stem in &stems {
        let of_kind = TermQuery::new(Term::from_field_text(fields.kind_names, stem), IndexRecordOption::Basic);
        out.push(Way {
            name: format!("a space of a kind the query names (`{stem}`)"),
            query: Box::new(ConstScoreQuery::new(
                Box::new(of_kind),
                boost::NAMED_KIND / stems.len() as f32,
            )),
            whole: true,
        });
    }
    let whole = crate::fold(q);
    for (field, worth, name) in [
        (fields.title_exact, boost::EXACT_TITLE, "the whole query is its title"),
        (
            fields.place_exact,
            boost::EXACT_PLACE,
            "the query names its place or province",
        ),
    ] {
        let exact = TermQuery::new(Term::from_field_text(field, &whole), IndexRecordOption::Basic);
        out.push(Way {
            name: name.into(),
            query: Box::new(ConstScoreQuery::new(Box::new(exact), worth)),
            whole: true,
        });
    }
    out
}

/// The whole query, for `SearchIndex::search`.
pub fn build(fields: &Fields, analyzers: &mut Analyzers, known: &Known, request: &SearchRequest) -> Box<dyn Query> {
    let words = words(analyzers, &request.q);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !words.is_empty() {
        // Each word's ways, scored, and the word's tier: the more words an entry matches, the
        // higher it stands; it must match one at least.
        let mut any_word: Vec<Box<dyn Query>> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let ways = word_ways(fields, analyzers, known, word, i + 1 == words.len());
            let (whole, partial): (Vec<Way>, Vec<Way>) = ways.into_iter().partition(|w| w.whole);
            let union = |ways: Vec<Way>| Box::new(BooleanQuery::union(ways.into_iter().map(|w| w.query).collect()));
            // The word's tier: whole when it matched as a word, part of one when only its pieces
            // did; the better of the two, never both.
            any_word.push(Box::new(DisjunctionMaxQuery::new(vec![
                Box::new(Tiered::new(union(whole), boost::TIER)),
                Box::new(Tiered::new(union(partial), boost::PARTIAL_TIER)),
            ])));
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::union(any_word))));
        for bonus in bonuses(fields, analyzers, known, &request.q, &words) {
            clauses.push((Occur::Should, bonus.query));
        }
    }
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

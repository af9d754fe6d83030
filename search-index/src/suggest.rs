//! Suggestions while typing, from a small index of their own.
//!
//! The header's box suggests entries by what they are called and what they are: the title, the
//! keywords, and every name of the vocabulary entries they carry (kinds, disciplines, places,
//! provinces, facts, in three languages with synonyms). Not the text: that is the search page's
//! work, with the full index. So the suggestions need neither tantivy's index nor its reader in
//! the browser, only the analyzers (the same functions as the full index: a word is cut up the
//! same way in both) and this file, a few bytes per entry.
//!
//! A name of the vocabulary is stored once with its words, and an entry refers to it by number:
//! a directory of 10,000 spaces names the same few hundred kinds and places over and over.
//!
//! Matching follows the full search (`query.rs`), without the text and without compounds: each
//! word of the query that an entry matches is worth a tier, and within it the best way it
//! matched (the stem in the title, the keywords or the names; the start of a word, for the word
//! being typed; a typo of a word the index does not know). The same bonuses order entries within
//! a tier: a space of a kind the query names, the entry whose whole title the query is, the
//! entries in the place the query names.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::query::{boost, tokens};
use crate::schema;
use crate::stopwords::is_stopword;
#[cfg(not(target_arch = "wasm32"))]
use crate::SearchDocument;

/// Identifies the format; the source hash follows it.
const MAGIC: &[u8] = b"ruimte-suggest-2\n";
const MAX_WORDS: usize = 12;

/// How an entry carries a vocabulary entry: by id (`space-kinds:atelier`), with its label as a
/// keyword or not, as a kind of space (a query naming it ranks the space higher), as its place
/// (a query that is its name ranks the entry higher).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptUse {
    pub id: String,
    #[serde(default)]
    pub keyword: bool,
    #[serde(default)]
    pub kind: bool,
    #[serde(default)]
    pub place: bool,
}

/// A vocabulary entry's label in the site's language and all its names.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConceptNames {
    pub label: String,
    pub names: Vec<String>,
}

/// Every vocabulary entry documents may carry, by id.
pub type Vocabulary = BTreeMap<String, ConceptNames>;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SuggestRequest {
    #[serde(default)]
    pub q: String,
    #[serde(default = "six")]
    pub limit: usize,
}

fn six() -> usize {
    6
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestResponse {
    /// Entries matching at least one word.
    pub total: usize,
    pub hits: Vec<Suggestion>,
}

/// An entry's flags on a vocabulary entry, as stored.
const KEYWORD: u8 = 1;
const KIND: u8 = 2;
const PLACE: u8 = 4;

/// Gathers what suggestions need while the full index is built, a document at a time. The file
/// keeps texts, not words: the reader cuts them up with the same analyzers when it opens the
/// file, which costs it milliseconds and spares every visitor the word lists (a third of the
/// file, and the part that compresses worst).
#[cfg(not(target_arch = "wasm32"))]
pub struct SuggestBuilder<'v> {
    vocabulary: &'v Vocabulary,
    /// Vocabulary entries by id, numbered as they are first used.
    concepts: BTreeMap<String, u32>,
    kinds: Vec<(String, String, String)>,
    docs: Vec<BuiltDoc>,
}

#[cfg(not(target_arch = "wasm32"))]
struct BuiltDoc {
    kind: u32,
    slug: String,
    title: String,
    /// Empty when the kind's pattern gives it.
    url: String,
    place: String,
    /// Its keywords that are not the label of a vocabulary entry it carries.
    keywords: String,
    concepts: Vec<(u32, u8)>,
}

#[cfg(not(target_arch = "wasm32"))]
impl<'v> SuggestBuilder<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> Self {
        SuggestBuilder {
            vocabulary,
            concepts: BTreeMap::new(),
            kinds: Vec::new(),
            docs: Vec::new(),
        }
    }

    pub fn add(&mut self, d: &SearchDocument) {
        // The kind's address pattern: the first entry's address around its slug.
        let kind = match self.kinds.iter().position(|(k, _, _)| *k == d.kind) {
            Some(i) => i,
            None => {
                let (prefix, suffix) = d.url.split_once(&d.slug).unwrap_or((&d.url, ""));
                self.kinds
                    .push((d.kind.clone(), prefix.to_string(), suffix.to_string()));
                self.kinds.len() - 1
            }
        };
        let (_, prefix, suffix) = &self.kinds[kind];
        let url = if d.url == format!("{prefix}{}{suffix}", d.slug) {
            String::new()
        } else {
            d.url.clone()
        };
        // A keyword that is the label of a vocabulary entry it carries is already that entry's.
        let mut keywords = d.keywords.clone();
        for used in d.concepts.iter().filter(|c| c.keyword) {
            if let Some(names) = self.vocabulary.get(&used.id) {
                if let Some(i) = keywords.iter().position(|k| *k == names.label) {
                    keywords.remove(i);
                }
            }
        }
        let concepts = d
            .concepts
            .iter()
            .filter(|c| self.vocabulary.contains_key(&c.id))
            .map(|c| {
                let flags = u8::from(c.keyword) * KEYWORD + u8::from(c.kind) * KIND + u8::from(c.place) * PLACE;
                let next = self.concepts.len() as u32;
                (*self.concepts.entry(c.id.clone()).or_insert(next), flags)
            })
            .collect();
        self.docs.push(BuiltDoc {
            kind: kind as u32,
            slug: d.slug.clone(),
            title: d.title.clone(),
            url,
            place: d.place.clone(),
            keywords: keywords.join(" · "),
            concepts,
        });
    }

    /// The packed suggestion index.
    pub fn finish(mut self) -> Vec<u8> {
        // Vocabulary entries numbered by id, so the file does not depend on the order of use.
        let mut renumber = vec![0u32; self.concepts.len()];
        for (rank, (_, first)) in self.concepts.iter().enumerate() {
            renumber[*first as usize] = rank as u32;
        }
        let mut out = Out(MAGIC.to_vec());
        out.text(crate::SOURCE_HASH);
        out.list(&self.kinds, |o, (kind, prefix, suffix)| {
            o.text(kind);
            o.text(prefix);
            o.text(suffix);
        });
        let used: Vec<&String> = self.concepts.keys().collect();
        out.list(&used, |o, id| {
            let names = &self.vocabulary[*id];
            o.text(&names.label);
            o.list(&names.names, |o, n| o.text(n));
        });
        // Entries column by column: like values side by side compress best. Spaces first, so
        // that among suggestions that match equally well the workspaces come first.
        let rank = |kind: &str| {
            ["space", "practice", "guide", "request"]
                .iter()
                .position(|k| *k == kind)
        };
        let kinds = &self.kinds;
        self.docs
            .sort_by_key(|d| rank(&kinds[d.kind as usize].0).unwrap_or(usize::MAX));
        let docs = &self.docs;
        out.list(docs, |o, d| o.int(u64::from(d.kind)));
        out.list(docs, |o, d| o.text(&d.slug));
        out.list(docs, |o, d| o.text(&d.title));
        out.list(docs, |o, d| o.text(&d.url));
        out.list(docs, |o, d| o.text(&d.place));
        out.list(docs, |o, d| o.text(&d.keywords));
        out.list(docs, |o, d| {
            // An entry may carry one vocabulary entry in two ways (a kind as keyword and as kind).
            let mut used: BTreeMap<u32, u8> = BTreeMap::new();
            for (c, flags) in &d.concepts {
                *used.entry(renumber[*c as usize]).or_default() |= flags;
            }
            o.ids(&used.keys().copied().collect::<Vec<_>>());
            for flags in used.values() {
                o.int(u64::from(*flags));
            }
        });
        out.0
    }
}

/// Writes the format: unsigned LEB128 numbers, texts as a length and UTF-8, id lists sorted and
/// as differences.
#[cfg(not(target_arch = "wasm32"))]
struct Out(Vec<u8>);

#[cfg(not(target_arch = "wasm32"))]
impl Out {
    fn int(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn text(&mut self, s: &str) {
        self.int(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn ids(&mut self, ids: &[u32]) {
        let set: std::collections::BTreeSet<u32> = ids.iter().copied().collect();
        self.int(set.len() as u64);
        let mut last = 0;
        for id in set {
            self.int(u64::from(id - last));
            last = id;
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Out, &T)) {
        self.int(items.len() as u64);
        for item in items {
            each(self, item);
        }
    }
}

/// Reads the format; any inconsistency is "damaged", never a panic.
struct In<'a> {
    bytes: &'a [u8],
    at: usize,
}

const DAMAGED: &str = "the suggestion index is damaged or from another version";

impl In<'_> {
    fn int(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or(DAMAGED)?;
            self.at += 1;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(DAMAGED.into())
    }

    fn count(&mut self) -> Result<usize, String> {
        let n = self.int()? as usize;
        // Every item takes a byte at least: a count beyond the bytes left is damage.
        if n > self.bytes.len() - self.at {
            return Err(DAMAGED.into());
        }
        Ok(n)
    }

    fn text(&mut self) -> Result<String, String> {
        let n = self.count()?;
        let bytes = &self.bytes[self.at..self.at + n];
        self.at += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| DAMAGED.to_string())
    }

    fn ids(&mut self, limit: usize) -> Result<Vec<u32>, String> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        let mut last = 0u64;
        for _ in 0..n {
            last += self.int()?;
            if last >= limit as u64 {
                return Err(DAMAGED.into());
            }
            out.push(last as u32);
        }
        Ok(out)
    }

    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Result<T, String>) -> Result<Vec<T>, String> {
        let n = self.count()?;
        (0..n).map(|_| each(self)).collect()
    }
}

struct Concept {
    label_stems: Vec<u32>,
    name_stems: Vec<u32>,
    name_words: Vec<u32>,
    exact: Vec<String>,
}

struct Doc {
    kind: usize,
    slug: String,
    title: String,
    url: String,
    place: String,
    title_exact: String,
    title_stems: Vec<u32>,
    title_words: Vec<u32>,
    keyword_stems: Vec<u32>,
    keyword_words: Vec<u32>,
    concepts: Vec<(u32, u8)>,
}

pub struct SuggestIndex {
    stems: Vec<String>,
    words: Vec<String>,
    kinds: Vec<(String, String, String)>,
    concepts: Vec<Concept>,
    docs: Vec<Doc>,
    /// Stems that name a kind of space.
    kind_stems: HashSet<u32>,
    stem: TextAnalyzer,
    folded: TextAnalyzer,
}

/// How one word of the query matches: per stem and per word of the dictionaries, its worth.
struct WordMatch {
    stems: HashSet<u32>,
    /// Folded words it matches as their start or with a typo, with the worth of that way.
    words: HashMap<u32, f32>,
}

impl SuggestIndex {
    pub fn open(bytes: &[u8]) -> Result<SuggestIndex, String> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(DAMAGED)?;
        let mut r = In { bytes: rest, at: 0 };
        if r.text()? != crate::SOURCE_HASH {
            return Err("the suggestion index was built by other search code".into());
        }
        let kinds = r.list(|r| Ok((r.text()?, r.text()?, r.text()?)))?;
        let named = r.list(|r| Ok((r.text()?, r.list(|r| r.text())?)))?;
        let nc = named.len();
        let kind_of = r.list(|r| {
            let k = r.int()? as usize;
            if k < kinds.len() {
                Ok(k)
            } else {
                Err(DAMAGED.to_string())
            }
        })?;
        let n = kind_of.len();
        let texts = |r: &mut In| -> Result<Vec<String>, String> {
            let c = r.list(|r| r.text())?;
            if c.len() == n {
                Ok(c)
            } else {
                Err(DAMAGED.to_string())
            }
        };
        let slugs = texts(&mut r)?;
        let titles = texts(&mut r)?;
        let urls = texts(&mut r)?;
        let places = texts(&mut r)?;
        let keywords = texts(&mut r)?;
        let uses = r.list(|r| {
            let ids = r.ids(nc)?;
            ids.into_iter()
                .map(|c| Ok((c, r.int()? as u8)))
                .collect::<Result<Vec<_>, String>>()
        })?;
        if uses.len() != n || r.at != rest.len() {
            return Err(DAMAGED.into());
        }
        // The words, cut up here with the analyzers the full index uses, then numbered in sorted
        // order so a word can be looked up by halves and a prefix is a run.
        let (mut stem, mut folded) = (schema::dutch(), schema::folded());
        let concept_tokens: Vec<_> = named
            .iter()
            .map(|(label, names)| {
                let all = names.join(" · ");
                let exact: Vec<String> = names.iter().map(|n| tokens(&mut folded, n).join(" ")).collect();
                let cut = (tokens(&mut stem, &all), tokens(&mut folded, &all));
                (tokens(&mut stem, label), cut, exact)
            })
            .collect();
        let doc_tokens: Vec<_> = titles
            .iter()
            .zip(&keywords)
            .map(|(t, k)| {
                let title = (tokens(&mut stem, t), tokens(&mut folded, t));
                (title, (tokens(&mut stem, k), tokens(&mut folded, k)))
            })
            .collect();
        let mut stem_set: Vec<&String> = Vec::new();
        let mut word_set: Vec<&String> = Vec::new();
        for (label, (stems, words), _) in &concept_tokens {
            stem_set.extend(label.iter().chain(stems));
            word_set.extend(words);
        }
        for ((ts, tw), (ks, kw)) in &doc_tokens {
            stem_set.extend(ts.iter().chain(ks));
            word_set.extend(tw.iter().chain(kw));
        }
        stem_set.sort_unstable();
        stem_set.dedup();
        word_set.sort_unstable();
        word_set.dedup();
        let stems: Vec<String> = stem_set.into_iter().cloned().collect();
        let words: Vec<String> = word_set.into_iter().cloned().collect();
        let number = |dictionary: &[String], list: &[String]| -> Vec<u32> {
            let mut ids: Vec<u32> = list
                .iter()
                .filter_map(|t| dictionary.binary_search(t).ok())
                .map(|i| i as u32)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let concepts: Vec<Concept> = concept_tokens
            .iter()
            .map(|(label, (name_stems, name_words), exact)| Concept {
                label_stems: number(&stems, label),
                name_stems: number(&stems, name_stems),
                name_words: number(&words, name_words),
                exact: exact.clone(),
            })
            .collect();
        let mut kind_stems = HashSet::new();
        let mut docs = Vec::with_capacity(n);
        let columns = slugs
            .into_iter()
            .zip(titles)
            .zip(urls)
            .zip(places)
            .zip(doc_tokens)
            .zip(uses)
            .zip(kind_of);
        for ((((((slug, title), url), place), ((ts, tw), (ks, kw))), used), kind) in columns {
            for (c, flags) in &used {
                if flags & KIND != 0 {
                    kind_stems.extend(concepts[*c as usize].name_stems.iter().copied());
                }
            }
            let (_, prefix, suffix) = &kinds[kind];
            let url = if url.is_empty() {
                format!("{prefix}{slug}{suffix}")
            } else {
                url
            };
            docs.push(Doc {
                kind,
                title_exact: tw.join(" "),
                slug,
                title,
                url,
                place,
                title_stems: number(&stems, &ts),
                title_words: number(&words, &tw),
                keyword_stems: number(&stems, &ks),
                keyword_words: number(&words, &kw),
                concepts: used,
            });
        }
        Ok(SuggestIndex {
            stems,
            words,
            kinds,
            concepts,
            docs,
            kind_stems,
            stem,
            folded,
        })
    }

    fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems
            .binary_search_by(|s| s.as_str().cmp(stem))
            .ok()
            .map(|i| i as u32)
    }

    /// The ways a typed word may match; `last` when it is the word being typed.
    fn word_match(&mut self, word: &str, last: bool) -> WordMatch {
        let stems: HashSet<u32> = tokens(&mut self.stem, word)
            .iter()
            .filter_map(|s| self.stem_id(s))
            .collect();
        let letters = word.chars().count();
        let mut words = HashMap::new();
        if last && letters >= 2 {
            let from = self.words.partition_point(|w| w.as_str() < word);
            for (i, w) in self.words.iter().enumerate().skip(from) {
                if !w.starts_with(word) {
                    break;
                }
                words.insert(i as u32, boost::PREFIX);
            }
        }
        let typos = match letters {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        let known = !stems.is_empty() || self.words.binary_search_by(|w| w.as_str().cmp(word)).is_ok();
        if typos > 0 && !known {
            let typed: Vec<char> = word.chars().collect();
            for (i, w) in self.words.iter().enumerate() {
                if within(&typed, w, typos) {
                    let worth = words.entry(i as u32).or_insert(0.0);
                    *worth = f32::max(*worth, boost::TYPO);
                }
            }
        }
        WordMatch { stems, words }
    }

    pub fn suggest(&mut self, request: &SuggestRequest) -> SuggestResponse {
        let all = tokens(&mut self.folded, &request.q);
        let meaningful: Vec<String> = all.iter().filter(|w| !is_stopword(w)).cloned().collect();
        let words: Vec<String> = if meaningful.is_empty() { all } else { meaningful }
            .into_iter()
            .take(MAX_WORDS)
            .collect();
        if words.is_empty() {
            return SuggestResponse {
                total: 0,
                hits: Vec::new(),
            };
        }
        let matches: Vec<WordMatch> = words
            .iter()
            .enumerate()
            .map(|(i, w)| self.word_match(w, i + 1 == words.len()))
            .collect();
        // What each vocabulary entry is worth to each word, once per query, not once per entry.
        let concept_worth: Vec<Vec<(f32, f32)>> = matches
            .iter()
            .map(|m| {
                self.concepts
                    .iter()
                    .map(|c| {
                        let as_label = if c.label_stems.iter().any(|s| m.stems.contains(s)) {
                            boost::KEYWORDS
                        } else {
                            0.0
                        };
                        let mut as_name = if c.name_stems.iter().any(|s| m.stems.contains(s)) {
                            boost::NAMES
                        } else {
                            0.0
                        };
                        for w in &c.name_words {
                            as_name = as_name.max(m.words.get(w).copied().unwrap_or(0.0));
                        }
                        (as_label, as_name)
                    })
                    .collect()
            })
            .collect();
        // The stems of words that name kinds of space share the kind bonus.
        let named_kinds: Vec<u32> = matches
            .iter()
            .flat_map(|m| m.stems.iter().copied().filter(|s| self.kind_stems.contains(s)))
            .collect();
        let whole = tokens(&mut self.folded, &request.q).join(" ");
        let mut scored: Vec<(f32, usize)> = Vec::new();
        for (n, d) in self.docs.iter().enumerate() {
            let mut score = 0.0;
            for (m, worth) in matches.iter().zip(&concept_worth) {
                let mut best: f32 = 0.0;
                if d.title_stems.iter().any(|s| m.stems.contains(s)) {
                    best = boost::TITLE;
                }
                if d.keyword_stems.iter().any(|s| m.stems.contains(s)) {
                    best = best.max(boost::KEYWORDS);
                }
                // The start of a word or a typo of one counts a little more in the title than in
                // the keywords, and there more than in the names (what tantivy's scores do for
                // the full search, where shorter fields weigh more).
                for (list, extra) in [(&d.title_words, 0.4), (&d.keyword_words, 0.2)] {
                    for w in list {
                        if let Some(worth) = m.words.get(w) {
                            best = best.max(worth + extra);
                        }
                    }
                }
                for (c, flags) in &d.concepts {
                    let (as_label, as_name) = worth[*c as usize];
                    best = best.max(as_name);
                    if flags & KEYWORD != 0 {
                        best = best.max(as_label);
                    }
                }
                if best > 0.0 {
                    score += boost::TIER + best;
                }
            }
            if score == 0.0 {
                continue;
            }
            for stem in &named_kinds {
                let of_kind = d
                    .concepts
                    .iter()
                    .any(|(c, flags)| flags & KIND != 0 && self.concepts[*c as usize].name_stems.contains(stem));
                if of_kind {
                    score += boost::NAMED_KIND / named_kinds.len() as f32;
                }
            }
            if d.title_exact == whole {
                score += boost::EXACT_TITLE;
            }
            // The query names the entry's place (whose label is a keyword), or only its
            // province: "Anvers" is the city before the province around it.
            let named = d
                .concepts
                .iter()
                .filter(|(c, flags)| flags & PLACE != 0 && self.concepts[*c as usize].exact.contains(&whole))
                .map(|(_, flags)| if flags & KEYWORD != 0 { 1.0 } else { 0.5 })
                .fold(0.0, f32::max);
            score += boost::EXACT_PLACE * named;
            scored.push((score, n));
        }
        let total = scored.len();
        // Best first; among equals, the index's order (spaces first, then by slug).
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let hits = scored
            .into_iter()
            .take(request.limit.clamp(1, 100))
            .map(|(_, n)| {
                let d = &self.docs[n];
                Suggestion {
                    slug: d.slug.clone(),
                    kind: self.kinds[d.kind].0.clone(),
                    title: d.title.clone(),
                    url: d.url.clone(),
                    place: d.place.clone(),
                }
            })
            .collect();
        SuggestResponse { total, hits }
    }
}

/// Whether `word` is within `max` edits (insert, delete, change, or swap two neighbours) of
/// `typed`, as tantivy's fuzzy query counts them.
fn within(typed: &[char], word: &str, max: usize) -> bool {
    let other: Vec<char> = word.chars().collect();
    if typed.len().abs_diff(other.len()) > max {
        return false;
    }
    let (n, m) = (typed.len(), other.len());
    // Damerau–Levenshtein (optimal string alignment), three rows.
    let mut before = vec![0usize; m + 1];
    let mut above: Vec<usize> = (0..=m).collect();
    let mut row = vec![0usize; m + 1];
    for i in 1..=n {
        row[0] = i;
        let mut smallest = row[0];
        for j in 1..=m {
            let cost = usize::from(typed[i - 1] != other[j - 1]);
            let mut d = (above[j] + 1).min(row[j - 1] + 1).min(above[j - 1] + cost);
            if i > 1 && j > 1 && typed[i - 1] == other[j - 2] && typed[i - 2] == other[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            smallest = smallest.min(d);
        }
        if smallest > max {
            return false;
        }
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    above[m] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_count_as_tantivy_counts_them() {
        let t = |a: &str| a.chars().collect::<Vec<char>>();
        assert!(within(&t("atelier"), "atelier", 0));
        assert!(within(&t("ateleir"), "atelier", 1), "a swap is one edit");
        assert!(within(&t("atlier"), "atelier", 1));
        assert!(!within(&t("atlr"), "atelier", 2));
        assert!(within(&t("repetitieruimt"), "repetitieruimte", 1));
    }
}

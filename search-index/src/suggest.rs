//! Suggestions while typing, from a small index of their own.
//!
//! The header's box suggests entries by what they are called and what they are: the title, the
//! keywords, and every name of the vocabulary entries they carry (kinds, disciplines, places,
//! provinces, facts, in three languages with synonyms). Not the text: that is the search page's
//! work, with the full index. So the suggestions need neither tantivy's index nor its reader in
//! the browser, only the analyzers (the same functions as the full index: a word is cut up the
//! same way in both) and this index.
//!
//! The index is a small search engine of its own, in the same parts as the full index
//! (`parts`): a head that every query reads (the sorted stems and words, the vocabulary, where
//! the other files' chunks are), the postings of each stem, word and vocabulary entry, the
//! entries by the hash of their whole title, and what a suggestion shows of each entry. A query
//! fetches the postings of what its words match, then what its best entries show: two rounds,
//! a few small parts. A small directory's index travels whole in its head (`CARRY_WHOLE`), so its
//! suggestions cost one fetch; at 100,000 entries the head is 97 kB where the whole was 1.4 MB.
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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::parts::{Lazy, PartsDirectory};
#[cfg(not(target_arch = "wasm32"))]
use crate::parts::{Parts, PlannedFile};
use crate::query::{boost, tokens};
use crate::schema;
use crate::stopwords::is_stopword;
#[cfg(not(target_arch = "wasm32"))]
use crate::SearchDocument;

/// Identifies the head's format; the source hash follows it.
const MAGIC: &[u8] = b"ruimte-suggest-4\n";
/// The files of the index: what every query reads (the dictionaries, the vocabulary, where the
/// other files' chunks are), the postings of each stem, word and vocabulary entry, the entries
/// by the hash of their whole title, and what a suggestion shows of each entry.
const HEAD: &str = "head";
const POSTINGS: &str = "postings";
const TITLES: &str = "titles";
const ROWS: &str = "rows";
/// About the bytes of a chunk of postings or titles, so a word costs one small part.
#[cfg(not(target_arch = "wasm32"))]
const CHUNK: u64 = 2 * 1024;
/// Entries per chunk of rows: a suggestion shows a few, from anywhere in the index.
const ROW_BLOCK: usize = 32;
/// Below this many bytes of postings, titles and rows, the head carries them all: a small
/// directory's suggestions then cost one fetch, where parts would add two round trips.
#[cfg(not(target_arch = "wasm32"))]
const CARRY_WHOLE: usize = 256 * 1024;
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
    /// The title in other languages, where the entry gives it (see [`SearchDocument::titles`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    pub url: String,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestResponse {
    /// Entries matching at least one word.
    pub total: usize,
    pub hits: Vec<Suggestion>,
}

/// Where a stem or word is in an entry, as stored in its postings.
const IN_TITLE: u8 = 1;
const IN_KEYWORDS: u8 = 2;
/// An entry's flags on a vocabulary entry, as stored.
const KEYWORD: u8 = 1;
const KIND: u8 = 2;
const PLACE: u8 = 4;

/// Gathers what suggestions need while the full index is built, a document at a time; `finish`
/// cuts the texts into words with the analyzers the reader uses for the query.
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
    /// Its titles in other languages, encoded as the full index stores them.
    titles: String,
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
            titles: crate::document::encode_titles(&d.titles),
            keywords: keywords.join(" · "),
            concepts,
        });
    }

    /// The suggestion index in parts, which will be in `folder` (relative to the head). Small
    /// indexes travel whole in the head: one fetch, as before the parts.
    pub fn finish(mut self, folder: &str) -> Parts {
        // Spaces first, so that among suggestions that match equally well the workspaces come
        // first; otherwise in the order added.
        let rank = |kind: &str| {
            ["space", "practice", "guide", "request"]
                .iter()
                .position(|k| *k == kind)
        };
        let kinds = &self.kinds;
        self.docs
            .sort_by_key(|d| rank(&kinds[d.kind as usize].0).unwrap_or(usize::MAX));
        let (mut stem, mut folded) = (schema::dutch(), schema::folded());

        // Vocabulary entries numbered by id, so the files do not depend on the order of use.
        let mut renumber = vec![0u32; self.concepts.len()];
        for (rank, (_, first)) in self.concepts.iter().enumerate() {
            renumber[*first as usize] = rank as u32;
        }
        struct Cut {
            label: Vec<String>,
            name_stems: Vec<String>,
            name_words: Vec<String>,
            exact: Vec<String>,
        }
        let concepts: Vec<Cut> = self
            .concepts
            .keys()
            .map(|id| {
                let names = &self.vocabulary[id];
                let all = names.names.join(" · ");
                Cut {
                    label: tokens(&mut stem, &names.label),
                    name_stems: tokens(&mut stem, &all),
                    name_words: tokens(&mut folded, &all),
                    exact: names.names.iter().map(|n| tokens(&mut folded, n).join(" ")).collect(),
                }
            })
            .collect();
        // Each entry's title and keywords, cut into stems and into words.
        let fields: Vec<[Field; 2]> = self
            .docs
            .iter()
            .map(|d| {
                [(&d.title, IN_TITLE), (&d.keywords, IN_KEYWORDS)].map(|(text, flag)| Field {
                    stems: tokens(&mut stem, text),
                    words: tokens(&mut folded, text),
                    flag,
                })
            })
            .collect();
        let fields_of = || fields.iter().flatten();
        let stems = sorted_unique(
            fields_of()
                .flat_map(|f| &f.stems)
                .chain(concepts.iter().flat_map(|c| c.label.iter().chain(&c.name_stems))),
        );
        let words = sorted_unique(
            fields_of()
                .flat_map(|f| &f.words)
                .chain(concepts.iter().flat_map(|c| &c.name_words)),
        );
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

        // Postings: for every stem, word and vocabulary entry, the entries that have it, each
        // with flags (where it is: the title, the keywords; how an entry carries a vocabulary
        // entry).
        let (s, w) = (stems.len(), words.len());
        let mut postings: Vec<BTreeMap<u32, u8>> = vec![BTreeMap::new(); s + w + concepts.len()];
        let mut is_kind = vec![false; concepts.len()];
        for (doc, (d, both)) in self.docs.iter().zip(&fields).enumerate() {
            let doc = doc as u32;
            for field in both {
                for id in number(&stems, &field.stems) {
                    *postings[id as usize].entry(doc).or_default() |= field.flag;
                }
                for id in number(&words, &field.words) {
                    *postings[s + id as usize].entry(doc).or_default() |= field.flag;
                }
            }
            // An entry may carry one vocabulary entry in two ways (a kind as keyword and as kind).
            for (c, flags) in &d.concepts {
                let c = renumber[*c as usize] as usize;
                is_kind[c] |= flags & KIND != 0;
                *postings[s + w + c].entry(doc).or_default() |= flags;
            }
        }
        let mut posting_bytes = Out(Vec::new());
        let mut posting_cuts: Vec<(u64, u64)> = Vec::new();
        for (key, list) in postings.iter().enumerate() {
            let start = posting_bytes.0.len() as u64;
            if posting_cuts.last().is_none_or(|(_, at)| start - at >= CHUNK) {
                posting_cuts.push((key as u64, start));
            }
            posting_bytes.int(list.len() as u64);
            let mut last = 0;
            for (doc, flags) in list {
                posting_bytes.int(u64::from(doc - last) << 3 | u64::from(*flags));
                last = *doc;
            }
        }
        // Whole titles by a hash of their words, for the bonus of a query that is one.
        let mut titles: Vec<(u64, u32)> = fields
            .iter()
            .enumerate()
            .filter(|(_, [title, _])| !title.words.is_empty())
            .map(|(doc, [title, _])| (title_hash(&title.words.join(" ")), doc as u32))
            .collect();
        titles.sort_unstable();
        let mut title_bytes = Out(Vec::new());
        let mut title_cuts: Vec<(u64, u64)> = Vec::new();
        let mut last = 0u64;
        for (i, (hash, doc)) in titles.iter().enumerate() {
            let start = title_bytes.0.len() as u64;
            // Never between two entries of one title: a chunk holds all of a hash's entries.
            let same = i > 0 && titles[i - 1].0 == *hash;
            if !same && title_cuts.last().is_none_or(|(_, at)| start - at >= CHUNK) {
                title_cuts.push((*hash, start));
                last = *hash;
            }
            title_bytes.int(hash - last);
            title_bytes.int(u64::from(*doc));
            last = *hash;
        }
        // What a suggestion shows, a block of entries at a time.
        let mut row_bytes = Out(Vec::new());
        let mut row_cuts: Vec<u64> = Vec::new();
        for (i, d) in self.docs.iter().enumerate() {
            if i % ROW_BLOCK == 0 {
                row_cuts.push(row_bytes.0.len() as u64);
            }
            row_bytes.int(u64::from(d.kind));
            row_bytes.text(&d.slug);
            row_bytes.text(&d.title);
            row_bytes.text(&d.url);
            row_bytes.text(&d.place);
            row_bytes.text(&d.titles);
        }

        let mut head = Out(MAGIC.to_vec());
        head.text(crate::SOURCE_HASH);
        head.list(&self.kinds, |o, (kind, prefix, suffix)| {
            o.text(kind);
            o.text(prefix);
            o.text(suffix);
        });
        // Stems and words in one sorted list, each once (most words are their own stem: names,
        // numbers, words of other languages), each shortened by what it shares with the one
        // before; then what each is.
        let mut tokens: Vec<(&String, u64)> = stems.iter().map(|t| (t, 1)).collect();
        tokens.extend(words.iter().map(|t| (t, 2)));
        tokens.sort_unstable();
        let mut merged: Vec<(&String, u64)> = Vec::with_capacity(tokens.len());
        for (token, role) in tokens {
            match merged.last_mut() {
                Some((last, roles)) if *last == token => *roles |= role,
                _ => merged.push((token, role)),
            }
        }
        let mut previous = "";
        head.list(&merged, |o, (token, _)| {
            let shared = previous.bytes().zip(token.bytes()).take_while(|(a, b)| a == b).count();
            // A whole character: the rest must be UTF-8 on its own.
            let shared = (0..=shared).rev().find(|&n| token.is_char_boundary(n)).unwrap_or(0);
            o.int(shared as u64);
            o.text(&token[shared..]);
            previous = token;
        });
        for (_, roles) in &merged {
            head.int(*roles);
        }
        head.list(&concepts.iter().zip(&is_kind).collect::<Vec<_>>(), |o, (c, kind)| {
            o.ids(&number(&stems, &c.label));
            o.ids(&number(&stems, &c.name_stems));
            o.ids(&number(&words, &c.name_words));
            o.list(&c.exact, |o, t| o.text(t));
            o.int(u64::from(**kind));
        });
        head.int(self.docs.len() as u64);
        head.list(&posting_cuts, |o, (key, at)| {
            o.int(*key);
            o.int(*at);
        });
        head.list(&title_cuts, |o, (hash, at)| {
            o.int(*hash);
            o.int(*at);
        });
        head.list(&row_cuts, |o, at| o.int(*at));

        let carried = posting_bytes.0.len() + title_bytes.0.len() + row_bytes.0.len() <= CARRY_WHOLE;
        let file = |name: &str, bytes: Vec<u8>, starts: Vec<u64>, carried: bool| PlannedFile {
            name: name.into(),
            bytes,
            starts,
            carried,
        };
        Parts::from_files(
            vec![
                file(HEAD, head.0, Vec::new(), true),
                file(
                    POSTINGS,
                    posting_bytes.0,
                    posting_cuts.iter().map(|c| c.1).collect(),
                    carried,
                ),
                file(TITLES, title_bytes.0, title_cuts.iter().map(|c| c.1).collect(), carried),
                file(ROWS, row_bytes.0, row_cuts, carried),
            ],
            folder,
        )
    }
}

/// A field of an entry as suggestions match it: its stems, its words, and the flag its postings
/// carry.
#[cfg(not(target_arch = "wasm32"))]
struct Field {
    stems: Vec<String>,
    words: Vec<String>,
    flag: u8,
}

/// The tokens, sorted, each once: a dictionary looked up by halves.
#[cfg(not(target_arch = "wasm32"))]
fn sorted_unique<'t>(tokens: impl Iterator<Item = &'t String>) -> Vec<String> {
    let mut all: Vec<String> = tokens.cloned().collect();
    all.sort_unstable();
    all.dedup();
    all
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

/// FNV-1a, 64 bits: the same in the generator and the browser, and no two titles of a
/// directory alike by chance.
fn title_hash(words: &str) -> u64 {
    words.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
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

/// By key, the entries that have it, each with its flags.
type Postings = HashMap<u64, Vec<(u32, u8)>>;

/// Where a file's chunks start, in the file, with the first key (or hash) each holds.
struct Cuts {
    file: usize,
    len: usize,
    firsts: Vec<u64>,
    starts: Vec<usize>,
}

impl Cuts {
    /// The chunk that holds `key`, as (its first key, its bytes' range).
    fn holding(&self, key: u64) -> Option<(u64, std::ops::Range<usize>)> {
        let k = self.firsts.partition_point(|&f| f <= key).checked_sub(1)?;
        Some((self.firsts[k], self.range(k)))
    }

    fn range(&self, k: usize) -> std::ops::Range<usize> {
        self.starts[k]..self.starts.get(k + 1).copied().unwrap_or(self.len)
    }
}

/// The suggestion index, opened from its head; the postings, titles and rows it reads come in
/// parts when they are not carried by the head.
pub struct SuggestIndex {
    parts: PartsDirectory,
    stems: Vec<String>,
    words: Vec<String>,
    kinds: Vec<(String, String, String)>,
    concepts: Vec<Concept>,
    docs: usize,
    postings: Cuts,
    titles: Cuts,
    rows: Cuts,
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
    /// Opens the suggestion index from its head (`search/suggest.bin`), as the browser does.
    pub fn open(head: Vec<u8>) -> Result<SuggestIndex, String> {
        SuggestIndex::read(PartsDirectory::open(head).map_err(|e| e.to_string())?)
    }

    /// Opens a suggestion index with all its parts at hand.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open_whole(parts: &Parts) -> Result<SuggestIndex, String> {
        SuggestIndex::read(PartsDirectory::whole(parts).map_err(|e| e.to_string())?)
    }

    fn read(parts: PartsDirectory) -> Result<SuggestIndex, String> {
        let file = |name: &str| parts.file_named(name).ok_or(DAMAGED);
        let (head_file, head_len) = file(HEAD)?;
        let head = parts.read(head_file, 0..head_len as usize)?.ok_or(DAMAGED)?;
        let rest = head.as_slice().strip_prefix(MAGIC).ok_or(DAMAGED)?;
        let mut r = In { bytes: rest, at: 0 };
        if r.text()? != crate::SOURCE_HASH {
            return Err("the suggestion index was built by other search code".into());
        }
        let kinds = r.list(|r| Ok((r.text()?, r.text()?, r.text()?)))?;
        let mut previous = String::new();
        let tokens = r.list(|r| {
            let shared = r.int()? as usize;
            let rest = r.text()?;
            let token = format!("{}{rest}", previous.get(..shared).ok_or(DAMAGED)?);
            previous.clone_from(&token);
            Ok(token)
        })?;
        let (mut stems, mut words) = (Vec::new(), Vec::new());
        for token in tokens {
            let roles = r.int()?;
            if roles & 1 != 0 {
                stems.push(token.clone());
            }
            if roles & 2 != 0 {
                words.push(token);
            }
        }
        let mut kind_stems = HashSet::new();
        let concepts = r.list(|r| {
            let concept = Concept {
                label_stems: r.ids(stems.len())?,
                name_stems: r.ids(stems.len())?,
                name_words: r.ids(words.len())?,
                exact: r.list(|r| r.text())?,
            };
            if r.int()? == 1 {
                kind_stems.extend(concept.name_stems.iter().copied());
            }
            Ok(concept)
        })?;
        let docs = r.int()? as usize;
        let mut cuts = |name: &str, keyed: bool| -> Result<Cuts, String> {
            let (number, len) = file(name)?;
            let pairs = r.list(|r| Ok((if keyed { r.int()? } else { 0 }, r.int()? as usize)))?;
            let (firsts, starts): (Vec<u64>, Vec<usize>) = pairs.into_iter().unzip();
            // Ascending and inside the file, or damaged.
            let ordered = firsts.windows(2).all(|w| w[0] <= w[1]) && starts.windows(2).all(|w| w[0] <= w[1]);
            if !ordered || starts.first().is_some_and(|&s| s != 0) || starts.last().is_some_and(|&s| s > len as usize) {
                return Err(DAMAGED.into());
            }
            Ok(Cuts {
                file: number,
                len: len as usize,
                firsts,
                starts,
            })
        };
        let postings = cuts(POSTINGS, true)?;
        let titles = cuts(TITLES, true)?;
        let mut rows = cuts(ROWS, false)?;
        rows.firsts = (0..rows.starts.len() as u64).map(|k| k * ROW_BLOCK as u64).collect();
        if r.at != rest.len() || rows.starts.len() != docs.div_ceil(ROW_BLOCK) {
            return Err(DAMAGED.into());
        }
        Ok(SuggestIndex {
            parts,
            stems,
            words,
            kinds,
            concepts,
            docs,
            postings,
            titles,
            rows,
            kind_stems,
            stem: schema::dutch(),
            folded: schema::folded(),
        })
    }

    /// Where the parts are, relative to the head's address.
    pub fn folder(&self) -> &str {
        self.parts.folder()
    }

    /// What to put before a part for a raw-deflate decoder (see `LazyIndex::prefix`).
    pub fn prefix(&self, part: u32) -> Result<Vec<u8>, String> {
        self.parts.prefix(part)
    }

    /// Hands over a part fetched for a `Wants` answer, inflated behind its `prefix`.
    pub fn supply(&self, part: u32, inflated: Vec<u8>) -> Result<(), String> {
        self.parts.supply(part, inflated)
    }

    /// Hands over a part as shipped (raw deflate).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn supply_packed(&self, part: u32, packed: &[u8]) -> Result<(), String> {
        self.parts.supply_packed(part, packed)
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

    /// The postings of `keys`, or `None` when a part they are in is not here (it is noted).
    fn postings(&self, keys: &BTreeSet<u64>) -> Result<Option<Postings>, String> {
        let mut out = HashMap::new();
        let mut complete = true;
        let mut chunks: BTreeMap<u64, (std::ops::Range<usize>, Vec<u64>)> = BTreeMap::new();
        for &key in keys {
            let (first, range) = self.postings.holding(key).ok_or(DAMAGED)?;
            chunks.entry(first).or_insert((range, Vec::new())).1.push(key);
        }
        for (first, (range, wanted)) in chunks {
            let Some(bytes) = self.parts.read(self.postings.file, range)? else {
                complete = false;
                continue;
            };
            let mut r = In {
                bytes: bytes.as_slice(),
                at: 0,
            };
            let last = *wanted.last().expect("a key");
            for key in first..=last {
                let n = r.count()?;
                let mut list = Vec::with_capacity(if wanted.contains(&key) { n } else { 0 });
                let mut doc = 0u64;
                for _ in 0..n {
                    let entry = r.int()?;
                    doc += entry >> 3;
                    if doc >= self.docs as u64 {
                        return Err(DAMAGED.into());
                    }
                    list.push((doc as u32, (entry & 7) as u8));
                }
                if wanted.contains(&key) {
                    out.insert(key, list);
                }
            }
        }
        Ok(complete.then_some(out))
    }

    /// The entries whose whole title is these words, or `None` when their part is not here.
    fn titled(&self, words: &str) -> Result<Option<HashSet<u32>>, String> {
        let hash = title_hash(words);
        let Some((first, range)) = self.titles.holding(hash) else {
            return Ok(Some(HashSet::new()));
        };
        let Some(bytes) = self.parts.read(self.titles.file, range)? else {
            return Ok(None);
        };
        let mut r = In {
            bytes: bytes.as_slice(),
            at: 0,
        };
        let (mut at, mut docs) = (first, HashSet::new());
        while r.at < r.bytes.len() {
            at = at.checked_add(r.int()?).ok_or(DAMAGED)?;
            let doc = r.int()?;
            if at == hash {
                docs.insert(doc as u32);
            }
            if at > hash {
                break;
            }
        }
        Ok(Some(docs))
    }

    /// What the suggestions show of these entries, or `None` when a part they are in is not here.
    fn rows(&self, docs: &[u32]) -> Result<Option<Vec<Suggestion>>, String> {
        let mut blocks: BTreeMap<usize, Vec<Suggestion>> = BTreeMap::new();
        let mut complete = true;
        for &doc in docs {
            let block = doc as usize / ROW_BLOCK;
            if blocks.contains_key(&block) {
                continue;
            }
            let Some(bytes) = self.parts.read(self.rows.file, self.rows.range(block))? else {
                complete = false;
                continue;
            };
            let mut r = In {
                bytes: bytes.as_slice(),
                at: 0,
            };
            let count = ROW_BLOCK.min(self.docs - block * ROW_BLOCK);
            let mut rows = Vec::with_capacity(count);
            for _ in 0..count {
                let kind = r.int()? as usize;
                let (kind, prefix, suffix) = self.kinds.get(kind).ok_or(DAMAGED)?;
                let (slug, title, url, place) = (r.text()?, r.text()?, r.text()?, r.text()?);
                let titles = crate::document::decode_titles(&r.text()?);
                rows.push(Suggestion {
                    titles,
                    url: if url.is_empty() {
                        format!("{prefix}{slug}{suffix}")
                    } else {
                        url
                    },
                    kind: kind.clone(),
                    slug,
                    title,
                    place,
                });
            }
            blocks.insert(block, rows);
        }
        if !complete {
            return Ok(None);
        }
        Ok(Some(
            docs.iter()
                .map(|&doc| blocks[&(doc as usize / ROW_BLOCK)][doc as usize % ROW_BLOCK].clone())
                .collect(),
        ))
    }

    /// The suggestions for what was typed, with every part at hand (the generator's and the
    /// command line's index).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn suggest(&mut self, request: &SuggestRequest) -> Result<SuggestResponse, String> {
        match self.lazy_suggest(request)? {
            Lazy::Ready(response) => Ok(response),
            Lazy::Wants(parts) => Err(format!("the suggestion index lacks parts {parts:?}")),
        }
    }

    /// The suggestions for what was typed, or the parts to fetch first: the postings of the
    /// words it matches, then what the best entries show. An answer is only given when every
    /// part it read was here, so the parts loaded change nothing in it.
    pub fn lazy_suggest(&mut self, request: &SuggestRequest) -> Result<Lazy<SuggestResponse>, String> {
        self.parts.take_missing();
        let all = tokens(&mut self.folded, &request.q);
        let meaningful: Vec<String> = all.iter().filter(|w| !is_stopword(w)).cloned().collect();
        let words: Vec<String> = if meaningful.is_empty() { all } else { meaningful }
            .into_iter()
            .take(MAX_WORDS)
            .collect();
        if words.is_empty() {
            return Ok(Lazy::Ready(SuggestResponse {
                total: 0,
                hits: Vec::new(),
            }));
        }
        let matches: Vec<WordMatch> = words
            .iter()
            .enumerate()
            .map(|(i, w)| self.word_match(w, i + 1 == words.len()))
            .collect();
        // What each vocabulary entry is worth to each word.
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
        let whole = tokens(&mut self.folded, &request.q).join(" ");
        // The places the whole query names.
        let named_places: Vec<usize> = (0..self.concepts.len())
            .filter(|&c| self.concepts[c].exact.contains(&whole))
            .collect();
        let (s, w) = (self.stems.len() as u64, self.words.len() as u64);
        let mut keys = BTreeSet::new();
        for (m, worth) in matches.iter().zip(&concept_worth) {
            keys.extend(m.stems.iter().map(|&id| u64::from(id)));
            keys.extend(m.words.keys().map(|&id| s + u64::from(id)));
            for (c, (as_label, as_name)) in worth.iter().enumerate() {
                if *as_label > 0.0 || *as_name > 0.0 {
                    keys.insert(s + w + c as u64);
                }
            }
        }
        keys.extend(named_places.iter().map(|&c| s + w + c as u64));
        let (postings, titled) = (self.postings(&keys)?, self.titled(&whole)?);
        let (Some(postings), Some(titled)) = (postings, titled) else {
            return Ok(Lazy::Wants(self.parts.take_missing()));
        };
        let empty = Vec::new();
        let list = |key: u64| postings.get(&key).unwrap_or(&empty);

        // Per word, each entry's best way of matching it; the words' tiers and ways add up.
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for (m, worth) in matches.iter().zip(&concept_worth) {
            let mut best: HashMap<u32, f32> = HashMap::new();
            let mut better = |doc: u32, value: f32| {
                let b = best.entry(doc).or_insert(0.0);
                *b = b.max(value);
            };
            for &id in &m.stems {
                for &(doc, flags) in list(u64::from(id)) {
                    if flags & IN_TITLE != 0 {
                        better(doc, boost::TITLE);
                    }
                    if flags & IN_KEYWORDS != 0 {
                        better(doc, boost::KEYWORDS);
                    }
                }
            }
            // The start of a word or a typo of one counts a little more in the title than in
            // the keywords, and there more than in the names (what tantivy's scores do for the
            // full search, where shorter fields weigh more).
            for (&id, &value) in &m.words {
                for &(doc, flags) in list(s + u64::from(id)) {
                    if flags & IN_TITLE != 0 {
                        better(doc, value + 0.4);
                    }
                    if flags & IN_KEYWORDS != 0 {
                        better(doc, value + 0.2);
                    }
                }
            }
            for (c, &(as_label, as_name)) in worth.iter().enumerate() {
                if as_label == 0.0 && as_name == 0.0 {
                    continue;
                }
                for &(doc, flags) in list(s + w + c as u64) {
                    better(
                        doc,
                        if flags & KEYWORD != 0 {
                            as_name.max(as_label)
                        } else {
                            as_name
                        },
                    );
                }
            }
            for (doc, value) in best {
                if value > 0.0 {
                    *scores.entry(doc).or_insert(0.0) += boost::TIER + value;
                }
            }
        }
        // A space of a kind the query names: the stems of words that name kinds share the bonus.
        let named_kinds: Vec<u32> = matches
            .iter()
            .flat_map(|m| m.stems.iter().copied().filter(|s| self.kind_stems.contains(s)))
            .collect();
        for stem in &named_kinds {
            let mut of_kind = HashSet::new();
            for (c, concept) in self.concepts.iter().enumerate() {
                if concept.name_stems.contains(stem) {
                    of_kind.extend(
                        list(s + w + c as u64)
                            .iter()
                            .filter(|(_, f)| f & KIND != 0)
                            .map(|(d, _)| *d),
                    );
                }
            }
            for doc in of_kind {
                if let Some(score) = scores.get_mut(&doc) {
                    *score += boost::NAMED_KIND / named_kinds.len() as f32;
                }
            }
        }
        for doc in titled {
            if let Some(score) = scores.get_mut(&doc) {
                *score += boost::EXACT_TITLE;
            }
        }
        // The query names the entry's place (whose label is a keyword), or only its province:
        // "Anvers" is the city before the province around it.
        let mut named: HashMap<u32, f32> = HashMap::new();
        for &c in &named_places {
            for &(doc, flags) in list(s + w + c as u64) {
                if flags & PLACE != 0 {
                    let value = if flags & KEYWORD != 0 { 1.0 } else { 0.5 };
                    let n = named.entry(doc).or_insert(0.0);
                    *n = n.max(value);
                }
            }
        }
        for (doc, value) in named {
            if let Some(score) = scores.get_mut(&doc) {
                *score += boost::EXACT_PLACE * value;
            }
        }
        let total = scores.len();
        let mut scored: Vec<(f32, u32)> = scores.into_iter().map(|(doc, score)| (score, doc)).collect();
        // Best first; among equals, the index's order (spaces first, then as added).
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let best: Vec<u32> = scored
            .into_iter()
            .take(request.limit.clamp(1, 100))
            .map(|(_, doc)| doc)
            .collect();
        match self.rows(&best)? {
            Some(hits) => Ok(Lazy::Ready(SuggestResponse { total, hits })),
            None => Ok(Lazy::Wants(self.parts.take_missing())),
        }
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

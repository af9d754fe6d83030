//! The fields of the index and the analyzers that fill them. Writer and reader register the same
//! analyzers from here, so a query is always cut up the way the documents were.

use tantivy::schema::{Field, Schema};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, NgramTokenizer, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

/// Dutch words: split on non-letters, lowercase, fold accents (creëren = creeren), stem.
pub const DUTCH: &str = "nl_stem";
/// Words folded but not stemmed, for prefix and typo matching against what was typed.
pub const FOLDED: &str = "nl_folded";
/// Three-letter pieces of words, so part of a compound finds the whole (ruimte → repetitieruimte).
pub const GRAMS: &str = "nl_grams";
/// A whole value as one token, lowercased and folded: for exact matches of a whole title or name.
pub const EXACT: &str = "exact";

#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub slug: Field,
    pub kind: Field,
    pub url: Field,
    pub title: Field,
    pub keywords: Field,
    pub names: Field,
    /// The title, keywords and names as typed words, folded but not stemmed: for prefixes and
    /// typos, and to tell a word the index knows from a typo.
    pub folded: Field,
    pub kind_names: Field,
    pub title_exact: Field,
    pub place_exact: Field,
    pub body: Field,
    pub excerpt: Field,
    pub grams: Field,
    pub place: Field,
    pub filters: Field,
    /// The title in other languages, stored only.
    pub titles: Field,
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            slug: get("slug")?,
            kind: get("kind")?,
            url: get("url")?,
            title: get("title")?,
            keywords: get("keywords")?,
            names: get("names")?,
            folded: get("folded")?,
            kind_names: get("kind_names")?,
            title_exact: get("title_exact")?,
            place_exact: get("place_exact")?,
            body: get("body")?,
            excerpt: get("excerpt")?,
            grams: get("grams")?,
            place: get("place")?,
            filters: get("filters")?,
            titles: get("titles")?,
        })
    }
}

/// How queries score a field, which says what its postings keep. BM25 reads each entry's
/// length in the field (its norm, a byte per entry) and, where the query asks for them, how
/// often the term is there. Typo, prefix and whole-value fields are scored as a constant. Norms
/// and frequencies kept where no query reads them were a third of what a browser fetched for a
/// first query. No positions anywhere: no query needs them, and they were over half of the
/// prototype's index.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, PartialEq)]
enum Scoring {
    /// BM25 with term frequencies (`query::term_query`).
    Frequencies,
    /// BM25 over entries only (the three-letter pieces, asked with `Basic`).
    Entries,
    Constant,
}

#[cfg(not(target_arch = "wasm32"))]
fn text(analyzer: &str, stored: bool, scoring: Scoring) -> tantivy::schema::TextOptions {
    use tantivy::schema::{IndexRecordOption, TextFieldIndexing, TextOptions};
    let record = match scoring {
        Scoring::Frequencies => IndexRecordOption::WithFreqs,
        Scoring::Entries | Scoring::Constant => IndexRecordOption::Basic,
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record)
            .set_fieldnorms(scoring != Scoring::Constant),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// The schema the generator creates an index with (a reader takes it from the index).
#[cfg(not(target_arch = "wasm32"))]
pub fn schema() -> Schema {
    use tantivy::schema::{SchemaBuilder, TextFieldIndexing, TextOptions, INDEXED, STORED};
    use Scoring::{Constant, Entries, Frequencies};
    let mut b: SchemaBuilder = Schema::builder();
    // Looked up whole, never scored.
    let key = || {
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer("raw").set_fieldnorms(false))
            .set_stored()
    };
    b.add_text_field("slug", key());
    b.add_text_field("kind", key());
    b.add_text_field("url", STORED);
    b.add_text_field("title", text(DUTCH, true, Frequencies));
    b.add_text_field("keywords", text(DUTCH, false, Frequencies));
    b.add_text_field("names", text(DUTCH, false, Frequencies));
    b.add_text_field("folded", text(FOLDED, false, Constant));
    b.add_text_field("kind_names", text(DUTCH, false, Constant));
    b.add_text_field("title_exact", text(EXACT, false, Constant));
    b.add_text_field("place_exact", text(EXACT, false, Constant));
    // The whole text is searched; only its opening is stored, to cut snippets from.
    b.add_text_field("body", text(DUTCH, false, Frequencies));
    b.add_text_field("excerpt", STORED);
    b.add_text_field("grams", text(GRAMS, false, Entries));
    b.add_text_field("place", STORED);
    b.add_facet_field("filters", INDEXED);
    b.add_text_field("titles", STORED);
    b.build()
}

pub fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(DUTCH, dutch());
    manager.register(FOLDED, folded());
    manager.register(EXACT, exact());
    manager.register(
        GRAMS,
        TextAnalyzer::builder(NgramTokenizer::new(3, 3, false).expect("3..3 is a valid n-gram range"))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}

/// Dutch words as the index keeps them: folded and stemmed.
pub fn dutch() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(crate::stemmer::DutchStemmer)
        .build()
}

/// A whole value as one token: "Het Oefenkot" and "het oefenkot" are the same title.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

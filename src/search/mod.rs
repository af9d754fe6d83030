//! The search index as an output: the site's listed entries become search documents, which the
//! search-index crate packs into one blob and cuts into a head and parts (a browser fetches the
//! parts its queries read). The head's route (`routes::SEARCH_INDEX`) is the same in every build,
//! so that a change to one entry's text changes the index and that entry's pages, not every page
//! of the site (which would link to a new name); hosts revalidate it rather than caching it for
//! good. The parts are in a folder named after the documents' hash, which the head names: a page
//! never mixes parts of two builds.

mod documents;

pub use documents::{batches, documents, vocabulary};

use std::collections::HashMap;
use std::sync::Mutex;

use anyhow::{anyhow, Context as _, Result};
use rayon::prelude::*;
use search_index::SearchDocument;

use crate::hash::ContentHash;
use crate::output::Sink;
use crate::site::routes;
use crate::site::Site;

/// Documents are made and handed to the index this many at a time.
pub const BATCH: usize = 2_000;

/// What the blob is made from (the documents and the search-index code, whose output is
/// deterministic): the same hash means the same blob.
pub fn documents_hash(site: &Site) -> u64 {
    let mut hash = documents_hasher();
    for batch in batches(site, BATCH) {
        hash.feed_value(&batch).expect("documents serialise");
    }
    hash.finish()
}

/// The indexes of every published entry: the full index packed, and the suggestion index in its
/// parts.
pub struct Blobs {
    pub index: Vec<u8>,
    pub suggest: search_index::Parts,
}

/// Builds the packed indexes of every published entry, a batch of documents at a time, and gives
/// them with their `documents_hash`, worked out on the way (a first build has no earlier hash to
/// compare with, so making every document twice would be waste).
pub fn build_blob_in_batches(site: &Site) -> Result<(Blobs, u64)> {
    let mut hash = documents_hasher();
    let vocabulary = vocabulary(site);
    let mut suggest = search_index::SuggestBuilder::new(&vocabulary);
    let documents = batches(site, BATCH)
        .inspect(|batch| {
            hash.feed_value(batch).expect("documents serialise");
            batch.iter().for_each(|d| suggest.add(d));
        })
        .flatten();
    let index = search_index::build_index_from(documents)
        .map_err(|e| anyhow!(e))
        .context("building the search index")?;
    let hash = hash.finish();
    let blobs = Blobs {
        index,
        suggest: suggest.finish(&routes::suggest_parts_folder(hash)),
    };
    Ok((blobs, hash))
}

/// Where the memo keeps how many parts the last indexes had, beside their documents' hash.
const PARTS_MEMO: &str = "search/parts";
const SUGGEST_PARTS_MEMO: &str = "search/suggest";

/// Writes the search index (its head and its parts) and the suggestion index into `sink`, unless
/// `memo` says their documents are the ones the indexes already there were built from. With
/// `precompress`, each head also gets a `.br` copy of its unpacked bytes (see `brotli_head`).
pub fn write_index(
    site: &Site,
    sink: &dyn Sink,
    memo: Option<&Mutex<HashMap<String, u64>>>,
    precompress: bool,
) -> Result<()> {
    let heads = [
        route_of_head(routes::SEARCH_INDEX),
        route_of_head(routes::SUGGEST_INDEX),
    ];
    let route = routes::SEARCH_INDEX;
    let remembered = |key: &str| memo.and_then(|m| m.lock().expect("memo lock").get(key).copied());
    let memo_parts = (remembered(PARTS_MEMO), remembered(SUGGEST_PARTS_MEMO));
    if let (Some(previous), (Some(parts), Some(suggest_parts))) = (remembered(route), memo_parts) {
        if documents_hash(site) == previous {
            sink.keep(route);
            sink.keep(routes::SUGGEST_INDEX);
            if precompress {
                heads.iter().for_each(|head| sink.keep(head));
            }
            for part in 0..parts as u32 {
                sink.keep(&routes::search_part(previous, part));
            }
            for part in 0..suggest_parts as u32 {
                sink.keep(&routes::suggest_part(previous, part));
            }
            return Ok(());
        }
    }
    let mut phases = crate::timing::Phases::start();
    let (blobs, hash) = build_blob_in_batches(site)?;
    phases.done("(search index: build)");
    let parts = search_index::Parts::split(blobs.index, &routes::search_parts_folder(hash))
        .map_err(|e| anyhow!(e))
        .context("cutting the search index into parts")?;
    phases.done("(search index: cut into parts)");
    sink.write(route, &pack(parts.head())?)
        .with_context(|| format!("writing {route}"))?;
    (0..parts.chunk_count()).into_par_iter().try_for_each(|part| {
        let path = routes::search_part(hash, part);
        sink.write(&path, &parts.packed_chunk(part))
            .with_context(|| format!("writing {path}"))
    })?;
    phases.done("(search index: parts written)");
    let suggest = &blobs.suggest;
    sink.write(routes::SUGGEST_INDEX, &pack(suggest.head())?)
        .with_context(|| format!("writing {}", routes::SUGGEST_INDEX))?;
    (0..suggest.chunk_count()).into_par_iter().try_for_each(|part| {
        let path = routes::suggest_part(hash, part);
        sink.write(&path, &suggest.packed_chunk(part))
            .with_context(|| format!("writing {path}"))
    })?;
    if precompress {
        for (head, bytes) in heads.iter().zip([parts.head(), suggest.head()]) {
            sink.write(head, &brotli_head(bytes)?)
                .with_context(|| format!("writing {head}"))?;
        }
    }
    if let Some(memo) = memo {
        let mut memo = memo.lock().expect("memo lock");
        memo.insert(route.to_string(), hash);
        memo.insert(PARTS_MEMO.to_string(), u64::from(parts.chunk_count()));
        memo.insert(SUGGEST_PARTS_MEMO.to_string(), u64::from(suggest.chunk_count()));
    }
    Ok(())
}

/// The indexes travel gzipped inside their own files, and the browser unpacks them itself
/// (`DecompressionStream`): many hosts send a `.bin` file as it is, which made the index cost
/// 2.3 times what it costs compressed. gzip's header carries no time here, so builds stay
/// byte-identical.
pub fn pack(blob: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(blob).context("compressing the search index")?;
    encoder.finish().context("compressing the search index")
}

/// Where a head's brotli copy goes, beside it.
fn route_of_head(head: &str) -> String {
    format!("{head}.br")
}

/// A head as brotli (quality 11) of its unpacked bytes, for hosts that send prepared files
/// (nginx `brotli_static`): the browser undoes the brotli itself and finds no gzip inside, which
/// the readers take as it is. A fifth smaller than the gzipped head (850 kB instead of 1.03 MB at
/// 100,000 entries). The parts get none: they are raw deflate against a dictionary, which only
/// the page can undo.
fn brotli_head(head: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write as _;
    let mut brotli = Vec::with_capacity(head.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 64 * 1024, 11, 24);
        writer
            .write_all(head)
            .context("compressing an index head with brotli")?;
    }
    Ok(brotli)
}

/// A built index file as the readers take it: unpacked if it is gzipped.
pub fn unpack(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Read as _;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .context("unpacking a search index")?;
    Ok(out)
}

/// Builds the suggestion index of every published entry, in its parts.
pub fn build_suggest(site: &Site, documents: &[SearchDocument]) -> search_index::Parts {
    let vocabulary = vocabulary(site);
    let mut suggest = search_index::SuggestBuilder::new(&vocabulary);
    documents.iter().for_each(|d| suggest.add(d));
    suggest.finish(&routes::suggest_parts_folder(0))
}

fn documents_hasher() -> ContentHash {
    let mut hash = ContentHash::default();
    hash.feed(search_index::SOURCE_HASH.as_bytes());
    hash
}

/// Builds the packed index of every published entry.
pub fn build_blob(documents: &[SearchDocument]) -> Result<Vec<u8>> {
    search_index::build_index(documents)
        .map_err(|e| anyhow!(e))
        .context("building the search index")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;
    use crate::content::model::Date;
    use crate::site::labels::Strings;

    /// A rebuild compares `documents_hash` with the hash the last build made on its way: if the
    /// two ever disagreed, every rebuild would build the index again.
    #[test]
    fn the_hash_made_while_building_is_the_one_a_rebuild_compares() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut loaded = crate::content::load(&root.join("tests/fixtures/valid"));
        let config = Config::default();
        let strings = Strings::load(&root.join("themes/default/i18n"), &config.language).unwrap();
        let today = Date::parse("2026-01-01").unwrap();
        let built = {
            let site = Site::new(&loaded.model, &config, &strings, today, false);
            let (_, built) = build_blob_in_batches(&site).unwrap();
            assert_eq!(documents_hash(&site), built);
            built
        };
        loaded.model.spaces[0].body.push_str("\nEen nieuwe zin.\n");
        let site = Site::new(&loaded.model, &config, &strings, today, false);
        assert_ne!(documents_hash(&site), built, "an edited body changes the documents");
        assert_eq!(documents_hash(&site), build_blob_in_batches(&site).unwrap().1);
    }
}

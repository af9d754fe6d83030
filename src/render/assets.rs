//! The theme's static files, copied under names that carry a hash of their content
//! (`static/style.1a2b3c4d5e.css`), so hosts can let browsers cache them forever; and the check
//! that the committed search reader was built from this very search code.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context as _, Result};

use crate::site::routes;

use super::theme::{content_hash, static_files};

/// Where each static file of the theme went, by its path inside `static/`.
#[derive(Debug, Default, Clone)]
pub struct Assets {
    routes: BTreeMap<String, String>,
}

impl Assets {
    pub fn route(&self, name: &str) -> Option<&str> {
        self.routes.get(name).map(String::as_str)
    }
}

/// The WebAssembly search reader and its glue, inside the theme's `static/`.
pub const SEARCH_WASM: &str = "search/ruimte_search_bg.wasm";
pub const SEARCH_GLUE: &str = "search/ruimte_search.js";
pub const SEARCH_UI: &str = "search.js";
/// The suggestions' reader (search-suggest) and its glue.
pub const SUGGEST_WASM: &str = "search/ruimte_suggest_bg.wasm";
pub const SUGGEST_GLUE: &str = "search/ruimte_suggest.js";
const REBUILD: &str = "run scripts/build-search-wasm.sh and commit what it writes";

/// Copies every static file through `write` (route, bytes) and returns where each went.
pub fn copy_static(static_dir: &Path, mut write: impl FnMut(&str, &[u8]) -> Result<()>) -> Result<Assets> {
    let mut assets = Assets::default();
    for (path, rel) in static_files(static_dir) {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        if rel == SEARCH_WASM || rel == SUGGEST_WASM {
            check_reader(&rel, &bytes)?;
        }
        let route = match rel.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => format!("{}{stem}.{}.{ext}", routes::STATIC, content_hash(&bytes)),
            _ => format!("{}{rel}", routes::STATIC),
        };
        write(&route, &bytes)?;
        assets.routes.insert(rel, route);
    }
    let readers = [SEARCH_WASM, SEARCH_GLUE, SUGGEST_WASM, SUGGEST_GLUE];
    if readers.iter().any(|r| assets.route(r).is_none()) {
        bail!("the theme has no search reader ({SEARCH_WASM}); {REBUILD}");
    }
    Ok(assets)
}

/// Whether a static file is text or code, which compresses (pictures and fonts already are).
pub fn is_compressible(route: &str) -> bool {
    let extension = route.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        extension,
        "js" | "mjs" | "css" | "wasm" | "svg" | "json" | "txt" | "xml" | "html"
    )
}

/// A static file as brotli (quality 11) and gzip (level 9): what a host that sends prepared files
/// (nginx `brotli_static`, `gzip_static`) sends instead of compressing on the fly at a lower
/// level. Both are byte-identical from build to build (gzip's header carries no time).
pub fn precompressed(bytes: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    use std::io::Write as _;
    let mut brotli = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 64 * 1024, 11, 22);
        writer.write_all(bytes).context("compressing with brotli")?;
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::best());
    gzip.write_all(bytes).context("compressing with gzip")?;
    Ok((brotli, gzip.finish().context("compressing with gzip")?))
}

/// The reader carries the hash of the search code it was compiled from (search-index's
/// `SOURCE_HASH`); an index written by other code could not be read, or read wrongly.
fn check_reader(name: &str, wasm: &[u8]) -> Result<()> {
    let expected = search_index::SOURCE_HASH.as_bytes();
    if wasm.windows(expected.len()).any(|w| w == expected) {
        Ok(())
    } else {
        bail!(
            "the search reader in the theme ({name}) was built from other search code than this \
             ruimte (expected search code {}); {REBUILD}",
            search_index::SOURCE_HASH
        )
    }
}

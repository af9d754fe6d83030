//! Search figures: how well everyday queries over the repository's own content rank what they
//! mean (hits at 5 and mean reciprocal rank, tests/common/queries.rs), then on generated corpora
//! the index as shipped (its parts, their bytes, the head), and what the search page costs as
//! it runs natively with the same code: the bytes before the first results page (the reader,
//! the head, the parts the query reads), the bytes of 20 further different queries, and the
//! median time of a query whose parts are at hand; then the same for the suggestions. The
//! figures in Chromium come from tests/e2e/bench-search.mjs on the same builds.
//!
//! Run: `cargo bench --bench search` (BENCH_SIZES, BENCH_KEEP as for the other benches; with
//! BENCH_KEEP the built sites stay in DIR/site-<size> for the browser measurement).

mod corpus;
#[path = "../tests/common/queries.rs"]
mod queries;

use std::path::Path;
use std::time::Instant;

use search_index::{Lazy, LazyIndex, SearchIndex, SearchRequest};

/// The queries timed, and the further queries of a visit (the same list as bench-search.mjs).
const QUERIES: [&str; 20] = [
    "atelier",
    "repetitie",
    "ruimte gent",
    "teater",
    "muziek",
    "ateliers",
    "kunst",
    "samen",
    "werkplaats",
    "bruiklen",
    "opslag",
    "podium",
    "dans",
    "studio",
    "limburg",
    "gratis",
    "huur",
    "erfpacht",
    "fotografie",
    "kiosk",
];

/// What the search page asks for a query (search.js): its first results, with counts and
/// snippets.
fn page_request(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.to_string(),
        limit: PAGE_RESULTS,
        ..Default::default()
    }
}
const PAGE_RESULTS: usize = 20;

/// The index as a site ships it: the head and its parts, gzipped inside each file.
struct Shipped {
    head: Vec<u8>,
    head_bytes: u64,
    folder: std::path::PathBuf,
}

impl Shipped {
    fn read(site: &Path) -> Shipped {
        let packed = std::fs::read(site.join("search/index.bin")).expect("an index head");
        let head = ruimte::search::unpack(&packed).expect("the head unpacks");
        let folder = site
            .join("search")
            .join(LazyIndex::open(head.clone()).expect("the head opens").folder());
        Shipped {
            head,
            head_bytes: packed.len() as u64,
            folder,
        }
    }

    /// Runs a request as the page does: fetch what it wants, hand it over, ask again. Gives the
    /// bytes fetched (as shipped).
    fn run(&self, index: &mut LazyIndex, request: &SearchRequest) -> u64 {
        let mut fetched = 0;
        loop {
            match index.search(request).expect("search runs") {
                Lazy::Ready(_) => return fetched,
                Lazy::Wants(parts) => {
                    for part in parts {
                        let packed = std::fs::read(self.folder.join(format!("{part}.bin"))).expect("a part");
                        fetched += packed.len() as u64;
                        index.supply_packed(part, &packed).expect("a part fits");
                    }
                }
            }
        }
    }

    /// The head's and every part's size, as shipped, and how many parts there are.
    fn sizes(&self) -> (u64, usize) {
        let mut sizes = (self.head_bytes, 0);
        for entry in std::fs::read_dir(&self.folder).expect("the parts' folder") {
            sizes.0 += entry.expect("a part").metadata().expect("a part").len();
            sizes.1 += 1;
        }
        sizes
    }
}

fn main() {
    relevance();
    let sizes = corpus::sizes(&[1_000, 10_000, 100_000]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let static_dir = root.join("themes/default/static");
    // (raw, gzip, brotli) of each file of the theme's static folder named.
    let sizes_of = |names: [&str; 3]| -> Vec<(u64, u64, u64)> {
        names
            .iter()
            .map(|n| compressed_sizes(&std::fs::read(static_dir.join(n)).unwrap_or_default()))
            .collect()
    };
    let reader_sizes = sizes_of(["search/ruimte_search_bg.wasm", "search/ruimte_search.js", "search.js"]);
    println!(
        "reader (wasm, glue, ui) brotli bytes: {:?}",
        reader_sizes.iter().map(|s| s.2).collect::<Vec<_>>()
    );
    // What the header's box fetches before its first suggestion: the suggestion reader, its glue,
    // the page's script, and the suggestion index.
    let suggest_reader_sizes = sizes_of(["search/ruimte_suggest_bg.wasm", "search/ruimte_suggest.js", "search.js"]);
    println!(
        "suggestion reader (wasm, glue, ui) brotli bytes: {:?}; at the repository's content the first suggestion costs {} bytes (the reader brotli, the index as shipped)",
        suggest_reader_sizes.iter().map(|s| s.2).collect::<Vec<_>>(),
        repository_suggest_bytes() + suggest_reader_sizes.iter().map(|s| s.2).sum::<u64>()
    );
    println!(
        "{:>8} {:>8} {:>13} {:>17} {:>14} {:>13} {:>24} {:>15} {:>18} {:>13} {:>15} {:>15} {:>17}",
        "entries",
        "parts",
        "index shipped",
        "head gz/br",
        "first query ms",
        "query p50 ms",
        "first results br/+counts",
        "20 more queries",
        "suggest head gz/br",
        "suggest parts",
        "19 more suggest",
        "suggest p50 ms",
        "first suggest br"
    );
    for size in sizes {
        let temp = tempfile::tempdir().expect("temp dir");
        let keep = std::env::var("BENCH_KEEP").ok();
        let content = match &keep {
            Some(k) => Path::new(k).join(size.to_string()),
            None => temp.path().join("content"),
        };
        corpus::generate(&content, size);
        let out = match &keep {
            Some(k) => Path::new(k).join(format!("site-{size}")),
            None => temp.path().join("public"),
        };
        // As a host that sends prepared files gets it (bench-search.mjs serves the .br copies).
        corpus::build_site_with(&content, &out, &root.join("ruimte.toml"), &["--precompress"]);
        // As the host sends them (gzipped inside), and as the readers open them.
        let shipped = Shipped::read(&out);
        let suggest_shipped = std::fs::read(out.join("search/suggest.bin")).expect("a suggestion index");
        let suggest_head = ruimte::search::unpack(&suggest_shipped).expect("the suggestion index unpacks");
        let (shipped_bytes, part_count) = shipped.sizes();
        let started = Instant::now();
        let mut index = LazyIndex::open(shipped.head.clone()).expect("the index opens");
        // The first results page, cold: the reader, the head, the parts its query reads.
        // As the page asks: the results first, then the counts per filter.
        let first_request = SearchRequest {
            facets: false,
            ..page_request(QUERIES[0])
        };
        let first_parts = shipped.run(&mut index, &first_request);
        let counts_parts = shipped.run(&mut index, &page_request(QUERIES[0]));
        let first_ms = started.elapsed().as_secs_f64() * 1000.0;
        // The head as a host sends it: gzipped inside (any host), or its brotli copy (hosts that
        // send prepared files, `--precompress`).
        let head_br = compressed_sizes(&shipped.head).2;
        let first_search =
            reader_sizes.iter().map(|s| s.2).sum::<u64>() + shipped.head_bytes.min(head_br) + first_parts;
        let more: u64 = QUERIES[1..]
            .iter()
            .chain(["kunstenaar"].iter())
            .map(|q| shipped.run(&mut index, &page_request(q)))
            .sum();
        // A later query, its parts at hand: what a keystroke costs in the page.
        let mut times = Vec::new();
        for _ in 0..5 {
            for q in QUERIES {
                let started = Instant::now();
                let answer = index.search(&page_request(q)).expect("search runs");
                times.push(started.elapsed().as_secs_f64() * 1000.0);
                assert!(matches!(answer, Lazy::Ready(_)), "{q} still wants parts");
            }
        }
        times.sort_by(f64::total_cmp);
        // The suggestions: their own reader and index, its head and the parts a query reads.
        let mut suggestions = search_index::SuggestIndex::open(suggest_head).expect("the suggestion index opens");
        let suggest_folder = out.join("search").join(suggestions.folder());
        let suggest_parts = std::fs::read_dir(&suggest_folder).map_or(0, |d| d.count());
        // The first query typed a letter at a time, each keystroke asked as the box asks it.
        let typed = (2..=QUERIES[0].len())
            .map(|n| suggest_run(&mut suggestions, &suggest_folder, &QUERIES[0][..n]))
            .sum::<u64>();
        let suggest_head_br = compressed_sizes(&ruimte::search::unpack(&suggest_shipped).expect("unpacks")).2;
        let first_suggestion = (suggest_shipped.len() as u64).min(suggest_head_br)
            + typed
            + suggest_reader_sizes.iter().map(|s| s.2).sum::<u64>();
        let more_suggestions: u64 = QUERIES[1..]
            .iter()
            .map(|q| suggest_run(&mut suggestions, &suggest_folder, q))
            .sum();
        let mut suggest_times = Vec::new();
        for _ in 0..5 {
            for q in QUERIES {
                let started = Instant::now();
                let answer = suggestions.lazy_suggest(&search_index::SuggestRequest {
                    q: q.to_string(),
                    limit: 6,
                });
                suggest_times.push(started.elapsed().as_secs_f64() * 1000.0);
                assert!(matches!(answer, Ok(Lazy::Ready(_))), "{q} still wants suggestion parts");
            }
        }
        suggest_times.sort_by(f64::total_cmp);
        println!(
            "{:>8} {:>8} {:>13} {:>17} {:>14.1} {:>13.2} {:>24} {:>15} {:>18} {:>13} {:>15} {:>15.3} {:>17}",
            size,
            part_count,
            shipped_bytes,
            format!("{}/{}", shipped.head_bytes, head_br),
            first_ms,
            times[times.len() / 2],
            format!("{first_search}/{}", first_search + counts_parts),
            more,
            format!("{}/{}", suggest_shipped.len(), suggest_head_br),
            suggest_parts,
            more_suggestions,
            suggest_times[suggest_times.len() / 2],
            first_suggestion
        );
    }
}

/// The bytes of the repository's own suggestion index as shipped (gzipped inside).
fn repository_suggest_bytes() -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = ruimte::build::settings(&root.join("ruimte.toml"), None).expect("settings");
    let strings = ruimte::build::strings(&root.join("themes/default"), &config).expect("strings");
    let loaded = ruimte::content::load(&root.join("content"));
    let today = ruimte::content::model::Date::parse("2026-11-22").expect("a date");
    let site = ruimte::site::Site::new(&loaded.model, &config, &strings, today, false);
    let parts = ruimte::search::build_suggest(&site, &ruimte::search::documents(&site));
    assert_eq!(
        parts.chunk_count(),
        0,
        "the repository's suggestions travel whole in their head"
    );
    ruimte::search::pack(parts.head()).expect("packs").len() as u64
}

/// Runs a suggestion query as the box does: fetch the parts it wants, hand them over, ask again.
/// Gives the bytes fetched (as shipped).
fn suggest_run(index: &mut search_index::SuggestIndex, folder: &Path, q: &str) -> u64 {
    let request = search_index::SuggestRequest {
        q: q.to_string(),
        limit: 6,
    };
    let mut fetched = 0;
    loop {
        match index.lazy_suggest(&request).expect("suggestions run") {
            Lazy::Ready(_) => return fetched,
            Lazy::Wants(parts) => {
                for part in parts {
                    let packed = std::fs::read(folder.join(format!("{part}.bin"))).expect("a part");
                    fetched += packed.len() as u64;
                    index.supply_packed(part, &packed).expect("a part fits");
                }
            }
        }
    }
}

/// Hits at 5 and mean reciprocal rank of the first expected entry, over the repository's content.
fn relevance() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = ruimte::build::settings(&root.join("ruimte.toml"), None).expect("settings");
    let strings = ruimte::build::strings(&root.join("themes/default"), &config).expect("strings");
    let loaded = ruimte::content::load(&root.join("content"));
    let today = ruimte::content::model::Date::parse("2026-11-22").expect("a date");
    let site = ruimte::site::Site::new(&loaded.model, &config, &strings, today, false);
    let blob = ruimte::search::build_blob(&ruimte::search::documents(&site)).expect("index");
    let index = SearchIndex::open(blob).expect("the index opens");
    rank_figures("relevance", queries::REPOSITORY_QUERIES, |q| {
        let request = SearchRequest {
            q: q.to_string(),
            limit: 20,
            ..Default::default()
        };
        index
            .search(&request)
            .expect("search runs")
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect()
    });
    let parts = ruimte::search::build_suggest(&site, &ruimte::search::documents(&site));
    let mut suggestions = search_index::SuggestIndex::open_whole(&parts).expect("the suggestion index opens");
    rank_figures("suggestions", queries::SUGGEST_QUERIES, |q| {
        let request = search_index::SuggestRequest {
            q: q.to_string(),
            limit: 20,
        };
        suggestions
            .suggest(&request)
            .expect("suggestions run")
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect()
    });
}

/// Prints hits at 5 and the mean reciprocal rank of each query's first expected entry.
fn rank_figures(what: &str, queries: &[(&str, &[&str], usize)], mut find: impl FnMut(&str) -> Vec<String>) {
    let (mut at5, mut rr) = (0.0, 0.0);
    for (q, expected, _) in queries {
        let rank = find(q).iter().position(|slug| slug == expected[0]);
        at5 += f64::from(u8::from(rank.is_some_and(|r| r < 5)));
        rr += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
    }
    let n = queries.len() as f64;
    println!(
        "{what} over the repository's content: {n} queries, hits@5 {:.2}, MRR {:.2}",
        at5 / n,
        rr / n
    );
}

/// Sizes raw, gzip at level 9 and brotli at quality 11 (as `--precompress` writes them).
fn compressed_sizes(bytes: &[u8]) -> (u64, u64, u64) {
    use std::io::Write as _;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(bytes).expect("gzip into memory");
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 64 * 1024, 11, 24);
        writer.write_all(bytes).expect("brotli into memory");
    }
    (
        bytes.len() as u64,
        gzip.finish().expect("gzip into memory").len() as u64,
        brotli.len() as u64,
    )
}

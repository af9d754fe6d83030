//! How long `ruimte build` takes on generated corpora, its peak memory and the size of what it
//! writes. Prints figures; asserts nothing about time (machines are noisy).
//!
//! Two figures per size: the first build into an empty folder (a fresh clone, a CI run), and the
//! median rebuild after one entry's text changed, once a spare folder exists (a contributor
//! building again): the second build creates the spare, the ones after it are measured.
//!
//! A third: the first build with `entry_urls = "file"`, one file per entry instead of a folder and
//! a file (ext4 spends much of a large first build creating folders).
//!
//! A fourth: the first build of the site in Dutch only (`languages = ["nl"]`), against the three
//! languages every other figure builds: its time, its output, and the ratios.
//!
//! Run: `cargo bench --bench build` (or `scripts/bench.sh`). BENCH_SIZES=1000,10000,100000 chooses
//! sizes (default 1k, 10k, 100k), BENCH_RUNS the measured rebuilds, BENCH_KEEP=DIR keeps the corpora.

mod corpus;

use std::path::Path;
use std::time::Instant;

fn main() {
    let sizes = corpus::sizes(&[1_000, 10_000, 100_000]);
    let runs = corpus::runs(3);
    println!(
        "{:>8} {:>10} {:>10} {:>12} {:>16} {:>12} {:>8} {:>10} {:>14} {:>15} {:>12}",
        "entries",
        "input MB",
        "first ms",
        "rebuild ms",
        "first, files ms",
        "peak RSS MB",
        "files",
        "output MB",
        "first, nl ms",
        "output, nl MB",
        "3 langs / 1"
    );
    // Every size's folders stay until the end: on ext4 without a journal (this machine), creating
    // files right after deleting many is slow, as the file system skips recently freed inodes
    // (measured: 33 s instead of 27 s for the first build of 100,000 after deleting 10,000's).
    let mut keep = Vec::new();
    for size in sizes {
        let temp = tempfile::tempdir().expect("temp dir");
        let content = corpus::content_dir(temp.path(), size);
        let corpus = corpus::generate(&content, size);
        let out = temp.path().join("public");
        let mut times = Vec::new();
        for run in 0..runs + 2 {
            // One entry's text changes before each rebuild: its page and the index are built again.
            let (file, edited) =
                corpus::edited_space(&content, &format!("ruimte-{}", run * 3), &format!("Bewerking {run}."));
            std::fs::write(&file, edited).expect("write the space");
            let start = Instant::now();
            corpus::build_site(&content, &out);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let file_urls = corpus::file_urls_config(temp.path());
        let start = Instant::now();
        corpus::build_site_with_config(&content, &temp.path().join("public-files"), &file_urls);
        let first_files = start.elapsed().as_secs_f64() * 1000.0;
        let one_language = corpus::one_language_config(temp.path());
        let dutch_out = temp.path().join("public-nl");
        let start = Instant::now();
        corpus::build_site_with_config(&content, &dutch_out, &one_language);
        let first_dutch = start.elapsed().as_secs_f64() * 1000.0;
        let (_, dutch_bytes) = folder_size(&dutch_out);
        // Every build runs as a child of this process, so this is the largest of them.
        let peak_kb = corpus::children_peak_rss_kb();
        let (files, bytes) = folder_size(&out);
        let first = times[0];
        let mut rebuilds = times.split_off(2);
        rebuilds.sort_by(f64::total_cmp);
        println!(
            "{:>8} {:>10.1} {:>10.0} {:>12.0} {:>16.0} {:>12.1} {:>8} {:>10.1} {:>14.0} {:>15.1} {:>12}",
            corpus.entries,
            corpus.bytes as f64 / 1e6,
            first,
            rebuilds[rebuilds.len() / 2],
            first_files,
            peak_kb as f64 / 1024.0,
            files,
            bytes as f64 / 1e6,
            first_dutch,
            dutch_bytes as f64 / 1e6,
            format!(
                "{:.2}× time, {:.2}× bytes",
                first / first_dutch,
                bytes as f64 / dutch_bytes as f64
            )
        );
        keep.push(temp);
    }
}

fn folder_size(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (files, bytes)
}

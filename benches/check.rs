//! How long `ruimte check` takes on generated corpora of 1,000 and 10,000 entries, and how much
//! memory it needs. Prints figures; asserts nothing about time (machines are noisy).
//!
//! Run: `cargo bench --bench check` (or `scripts/bench.sh`). Set BENCH_SIZES=1000,10000,100000 to
//! choose sizes, BENCH_RUNS to choose repetitions and BENCH_KEEP=DIR to keep the corpora for profiling.

mod corpus;

use std::time::Instant;

fn main() {
    let sizes = corpus::sizes(&[1_000, 10_000]);
    let runs = corpus::runs(7);
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>10} {:>12}",
        "entries", "MB", "median ms", "min ms", "max ms", "peak RSS MB"
    );
    for size in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let dir_path = corpus::content_dir(dir.path(), size);
        let corpus = corpus::generate(&dir_path, size);
        let mut times = Vec::new();
        let mut peak_kb = 0;
        for _ in 0..runs {
            let start = Instant::now();
            corpus::ruimte(&["check".as_ref(), "--content".as_ref(), dir_path.as_os_str()]);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            peak_kb = peak_kb.max(corpus::children_peak_rss_kb());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:>8} {:>10.1} {:>10.0} {:>10.0} {:>10.0} {:>12.1}",
            corpus.entries,
            corpus.bytes as f64 / 1e6,
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            peak_kb as f64 / 1024.0
        );
    }
}

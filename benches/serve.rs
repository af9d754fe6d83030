//! `ruimte serve`: the time from saving an entry to its new page being served, median of 20 edits
//! per corpus, measured from outside (write the file, ask for the page until it shows the edit).
//! Prints figures; asserts nothing about time.
//!
//! Run: `cargo bench --bench serve` (or `scripts/bench.sh`). BENCH_SIZES chooses sizes (default 1k
//! and 10k), BENCH_KEEP=DIR keeps the corpora.

mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EDITS: usize = 20;

fn main() {
    let sizes = corpus::sizes(&[1_000, 10_000]);
    println!(
        "{:>8} {:>14} {:>16} {:>14} {:>14}",
        "entries", "first build ms", "edit→served p50", "min ms", "max ms"
    );
    for size in sizes {
        let temp = tempfile::tempdir().expect("temp dir");
        let content = corpus::content_dir(temp.path(), size);
        let corpus = corpus::generate(&content, size);
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_ruimte"))
            .args(["serve", "--port", "0", "--content"])
            .arg(&content)
            .arg("--config")
            .arg(root.join("ruimte.toml"))
            .arg("--theme")
            .arg(root.join("themes/default"))
            .env("RUIMTE_TODAY", "2026-11-22")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ruimte serve starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut first_build = String::new();
        let base = loop {
            let line = lines.next().expect("serve prints its address").expect("a line");
            if let Some(ms) = line.strip_prefix("built in ") {
                first_build = ms.trim_end_matches(" ms").to_string();
            }
            if let Some(rest) = line.strip_prefix("serving ") {
                break rest.split_whitespace().next().expect("a URL").to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        wait_quiet(&base);

        let mut times = Vec::new();
        for edit in 0..EDITS {
            // A different space each time, so each edit is a real change to another page.
            let slug = format!("ruimte-{}", edit * 7);
            let marker = format!("Bewerking {edit} van de bench");
            let (file, edited) = corpus::edited_space(&content, &slug, &format!("{marker}."));
            let start = Instant::now();
            std::fs::write(&file, edited).expect("write the entry");
            let page = format!("/ruimtes/{slug}/");
            loop {
                if get(&base, &page).contains(&marker) {
                    break;
                }
                assert!(start.elapsed() < Duration::from_secs(60), "the edit never showed");
                std::thread::sleep(Duration::from_millis(2));
            }
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            // Let the second pass (index, open data) finish, as between two saves by a person.
            wait_quiet(&base);
        }
        let _ = child.kill();
        let _ = child.wait();
        times.sort_by(f64::total_cmp);
        println!(
            "{:>8} {:>14} {:>16.0} {:>14.0} {:>14.0}",
            corpus.entries,
            first_build,
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
}

fn get(base: &str, path: &str) -> String {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let Ok(mut stream) = TcpStream::connect(host) else {
        return String::new();
    };
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply
}

fn wait_quiet(base: &str) {
    let start = Instant::now();
    loop {
        let status = get(base, "/__ruimte/status");
        if status.contains("\"busy\":false") {
            std::thread::sleep(Duration::from_millis(200));
            if get(base, "/__ruimte/status").contains("\"busy\":false") {
                return;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(120), "serve stays busy");
        std::thread::sleep(Duration::from_millis(20));
    }
}

//! `ruimte serve` as a contributor uses it: edit an entry and see it served, break one and see the
//! problem over the last good page, fix it and see it clear; paths that climb out get nothing; and
//! what it serves after edits equals a full build of the same content.

mod common;

use common::{copy_fixture, edit};
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(content: &Path) -> Server {
    start_with(content, Path::new("tests/fixtures/site.toml"))
}

fn start_with(content: &Path, config: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ruimte"))
        .args(["serve", "--port", "0", "--config"])
        .arg(config)
        .arg("--content")
        .arg(content)
        .env("RUIMTE_TODAY", "2026-11-22")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ruimte serve starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(rest) = line.strip_prefix("serving ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    // Keep reading its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, base }
}

/// A raw GET: the path goes out exactly as written (no client tidies `..` away).
fn get(base: &str, path: &str) -> (u16, String) {
    let (status, body) = get_bytes(base, path);
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn get_bytes(base: &str, path: &str) -> (u16, Vec<u8>) {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let split = reply.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&reply[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, reply[split + 4..].to_vec())
}

/// Polls until `ok` holds for the page, or fails after ten seconds.
fn wait_for(base: &str, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (status, body) = get(base, path);
        if ok(status, &body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what}: {path} still says {status}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until no rebuild runs and the search index and open data have caught up.
fn wait_quiet(base: &str) {
    let start = Instant::now();
    loop {
        let (_, status) = get(base, "/__ruimte/status");
        let status: serde_json::Value = serde_json::from_str(&status).unwrap();
        if status["busy"] == false {
            std::thread::sleep(Duration::from_millis(300));
            let (_, again) = get(base, "/__ruimte/status");
            let again: serde_json::Value = serde_json::from_str(&again).unwrap();
            if again["busy"] == false && again["generation"] == status["generation"] {
                return;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(20), "serve stays busy");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_edit_is_served_a_bad_edit_shows_its_problem_and_fixing_it_clears_it() {
    let content = copy_fixture("valid");
    let server = start(content.path());
    let base = &server.base;
    let (status, page) = get(base, "/ruimtes/atelier-noord/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Atelier Noord</h1>"));
    assert!(page.contains("/__ruimte/reload.js"), "serve adds its reload script");

    // An edit: the page, and the practice that shows it as related, follow.
    edit(
        &content.path().join("spaces/atelier-noord.md"),
        "name: Atelier Noord",
        "name: Atelier Noorderlicht",
    );
    wait_for(base, "/ruimtes/atelier-noord/", "the new name", |s, b| {
        s == 200 && b.contains("<h1>Atelier Noorderlicht</h1>")
    });
    wait_for(base, "/praktijken/oefenkot-gent/", "the related card", |_, b| {
        b.contains("Atelier Noorderlicht")
    });

    // A bad edit: the problem with file and line over the last good page, and other pages still there.
    let broken = content.path().join("spaces/kapot.md");
    fs::write(&broken, "---\nname: Kapot\nkinds: [atelier\nplace: gent\n---\n").unwrap();
    // (The YAML parser notices the unclosed list on line 4, where the next key starts.)
    let shown = wait_for(
        base,
        "/ruimtes/atelier-noord/",
        "the overlay with file and line",
        |_, b| b.contains("ruimte-overlay") && b.contains("spaces/kapot.md:4") && b.contains("yaml-syntax"),
    );
    assert!(
        shown.contains("<h1>Atelier Noorderlicht</h1>"),
        "the last good page stays"
    );
    let (status, other) = get(base, "/gidsen/bruikleen/");
    assert_eq!(status, 200);
    assert!(other.contains("<h1>Bruikleen</h1>"));
    // An unknown field in a good file is a problem too, named by its field.
    edit(
        &content.path().join("spaces/atelier-noord.md"),
        "name: Atelier Noorderlicht",
        "name: Atelier Noorderlicht\nnmae: typo",
    );
    wait_for(base, "/ruimtes/atelier-noord/", "the unknown field", |_, b| {
        b.contains("nmae")
    });

    // Fixing both clears it.
    edit(&content.path().join("spaces/atelier-noord.md"), "\nnmae: typo", "");
    fs::write(&broken, "---\nname: Kapot\nkinds: [atelier]\nplace: gent\nsources:\n  - title: Een bron\nlast_verified: 2026-01-05\n---\n").unwrap();
    wait_for(base, "/ruimtes/kapot/", "the fixed entry", |s, b| {
        s == 200 && b.contains("<h1>Kapot</h1>") && !b.contains("ruimte-overlay")
    });
    let (_, page) = get(base, "/ruimtes/atelier-noord/");
    assert!(!page.contains("ruimte-overlay"));

    // Removing an entry removes its page.
    fs::remove_file(&broken).unwrap();
    wait_for(base, "/ruimtes/kapot/", "the removed entry", |s, _| s == 404);
}

#[test]
fn paths_that_climb_out_of_the_site_get_nothing() {
    let content = copy_fixture("valid");
    fs::write(content.path().join("geheim.txt"), "root:x:0:0").unwrap();
    let server = start(content.path());
    for path in [
        "/../geheim.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/ruimtes/..%2f..%2f..%2fetc%2fpasswd",
        "/ruimtes/%2e%2e/%2e%2e/geheim.txt",
        "/..%5c..%5cgeheim.txt",
        "/static/../../geheim.txt",
        "/geheim.txt",
        "/spaces/atelier-noord.md",
    ] {
        let (status, body) = get(&server.base, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("root:x"), "{path} leaked a file");
    }
}

/// With `entry_urls = "file"`, a new entry's page appears as its `.html` file, leaves when the
/// entry becomes a draft, comes back when it is published again (its view unchanged, which the
/// memo once took for "already there"), and goes when the entry is deleted.
#[test]
fn entry_pages_as_files_come_and_go_with_their_entries() {
    let content = copy_fixture("valid");
    let settings = tempfile::tempdir().unwrap();
    let config = settings.path().join("site.toml");
    let fixture = fs::read_to_string(common::fixture("site.toml")).unwrap();
    fs::write(&config, format!("entry_urls = \"file\"\n{fixture}")).unwrap();
    let server = start_with(content.path(), &config);
    let base = server.base.clone();
    wait_for(&base, "/ruimtes/atelier-noord.html", "the entry", |s, b| {
        s == 200 && b.contains("Atelier Noord")
    });

    let new = content.path().join("spaces/tweede-atelier.md");
    let text = fs::read_to_string(content.path().join("spaces/atelier-noord.md")).unwrap();
    fs::write(&new, text.replacen("name: Atelier Noord", "name: Tweede Atelier", 1)).unwrap();
    wait_for(&base, "/ruimtes/tweede-atelier.html", "the new entry", |s, b| {
        s == 200 && b.contains("Tweede Atelier")
    });
    // A draft leaves the site, and so does a deleted entry.
    edit(&new, "name: Tweede Atelier", "name: Tweede Atelier\ndraft: true");
    wait_for(
        &base,
        "/ruimtes/tweede-atelier.html",
        "the entry made a draft",
        |s, _| s == 404,
    );
    edit(&new, "draft: true", "draft: false");
    wait_for(
        &base,
        "/ruimtes/tweede-atelier.html",
        "the entry published again",
        |s, _| s == 200,
    );
    fs::remove_file(&new).unwrap();
    wait_for(&base, "/ruimtes/tweede-atelier.html", "the removed entry", |s, _| {
        s == 404
    });
    wait_for(&base, "/ruimtes/", "the list", |_, b| {
        b.contains("/ruimtes/atelier-noord.html") && !b.contains("tweede-atelier")
    });
}

#[test]
fn what_serve_serves_after_edits_equals_a_full_build() {
    let content = copy_fixture("valid");
    let server = start(content.path());
    let base = server.base.clone();
    edit(
        &content.path().join("spaces/atelier-noord.md"),
        "name: Atelier Noord",
        "name: Atelier Zuid",
    );
    wait_for(&base, "/ruimtes/atelier-noord/", "the edit", |_, b| {
        b.contains("Atelier Zuid")
    });
    let practice = content.path().join("practices/oefenkot-gent.md");
    let text = fs::read_to_string(&practice).unwrap();
    fs::write(
        &practice,
        text.replace("\n---\n", "\n---\n\nEen nieuwe alinea over zoeken en vinden.\n"),
    )
    .unwrap();
    wait_for(&base, "/praktijken/oefenkot-gent/", "the body", |_, b| {
        b.contains("zoeken en vinden")
    });
    wait_quiet(&base);

    let out = tempfile::tempdir().unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_ruimte"))
        .args([
            "build",
            "--config",
            "tests/fixtures/site.toml",
            "--base-url",
            &base,
            "--content",
        ])
        .arg(content.path())
        .arg("--out")
        .arg(out.path().join("public"))
        .env("RUIMTE_TODAY", "2026-11-22")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let root = out.path().join("public");
    let mut compared = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.file_name() == ".ruimte-build" {
            continue;
        }
        let name = entry.path().strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        let expected = fs::read(entry.path()).unwrap();
        let (status, mut served) = get_bytes(&base, &format!("/{name}"));
        assert_eq!(status, 200, "{name}");
        if name.ends_with(".html") {
            let text = String::from_utf8(served).unwrap();
            served = text.replacen(ruimte::serve::http::RELOAD_TAG, "", 1).into_bytes();
        }
        assert!(served == expected, "{name} differs from a full build");
        compared.insert(name, expected.len());
    }
    assert!(compared.contains_key("search/index.bin") && compared.contains_key("data/spaces.json"));
    assert!(compared.len() > 50, "{} files", compared.len());
}

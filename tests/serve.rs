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
    let host = host_of(base);
    exchange(
        base,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

fn host_of(base: &str) -> &str {
    base.trim_start_matches("http://").trim_end_matches('/')
}

/// Sends a request exactly as written and reads the status and body of the reply.
fn exchange(base: &str, request: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(host_of(base)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
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
        // The form's settings differ on purpose: under serve it saves into the working copy.
        if name == "admin/config.yml" {
            let text = String::from_utf8(served).unwrap();
            assert!(text.contains(&format!("local_backend:\n  url: {base}api/v1")), "{text}");
            continue;
        }
        assert!(served == expected, "{name} differs from a full build");
        compared.insert(name, expected.len());
    }
    assert!(compared.contains_key("search/index.bin") && compared.contains_key("data/spaces.json"));
    assert!(compared.len() > 50, "{} files", compared.len());
}

/// A raw POST to the form's local backend, with the given `Origin` (and `Host` the server's own).
fn post(base: &str, origin: Option<&str>, body: &str) -> (u16, String) {
    let host = host_of(base);
    let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
    let (status, reply) = exchange(
        base,
        &format!(
            "POST /api/v1 HTTP/1.1\r\nHost: {host}\r\n{origin}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    (status, String::from_utf8_lossy(&reply).into_owned())
}

fn own_origin(base: &str) -> String {
    base.trim_end_matches('/').to_string()
}

fn persist(path: &str) -> String {
    serde_json::json!({
        "action": "persistEntry",
        "params": { "dataFiles": [{ "path": path, "raw": "---\nname: X\n---\n" }], "assets": [] },
    })
    .to_string()
}

/// Every file under `dir`, with its bytes: to see that nothing was touched.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
        .collect()
}

/// The web form's local backend writes only entry files and pictures inside the content folder,
/// for the preview's own pages: each refusal says why, and touches no file.
#[test]
fn the_form_backend_refuses_what_could_leave_the_content_folder_or_come_from_elsewhere() {
    let site = copy_fixture("valid");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "---\nname: geheim\n---\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.path().join("spaces/uit")).unwrap();
    let server = start(site.path());
    let base = &server.base;
    let origin = own_origin(base);
    let before = (snapshot(site.path()), snapshot(outside.path()));

    let refused = [
        (persist("../escaped.md"), "no `..`"),
        (persist("spaces/../../escaped.md"), "no `..`"),
        (persist("/etc/ruimte.md"), "no absolute path"),
        (persist("spaces/uit/secret.md"), "leads outside the content folder"),
        (persist("ruimte.toml"), "not an entry file"),
        (
            serde_json::json!({ "action": "getEntry", "params": { "path": "spaces/uit/secret.md" } }).to_string(),
            "leads outside the content folder",
        ),
        (
            serde_json::json!({ "action": "persistMedia", "params": { "asset": {
                "path": "spaces/images/../../../x.png", "content": "AA==", "encoding": "base64" } } })
            .to_string(),
            "no `..`",
        ),
        (
            serde_json::json!({ "action": "persistMedia", "params": { "asset": {
                "path": "spaces/images/run.sh", "content": "AA==", "encoding": "base64" } } })
            .to_string(),
            "not a picture",
        ),
        (
            serde_json::json!({ "action": "deleteFile", "params": { "path": "spaces/uit/secret.md" } }).to_string(),
            "leads outside the content folder",
        ),
    ];
    for (body, why) in &refused {
        let (status, answer) = post(base, Some(&origin), body);
        assert_eq!(status, 422, "{body}: {answer}");
        assert!(answer.contains("refused") && answer.contains(why), "{body}: {answer}");
    }
    // A page on another site, or a request with no origin, cannot use it.
    let (status, answer) = post(base, Some("http://evil.example"), &persist("spaces/evil.md"));
    assert_eq!(status, 403);
    assert!(answer.contains("does not come from this preview"), "{answer}");
    assert_eq!(post(base, None, &persist("spaces/evil.md")).0, 403);
    // A body over the limit is refused before it is read.
    let host = host_of(base);
    let (status, reply) = exchange(
        base,
        &format!(
            "POST /api/v1 HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n"
        ),
    );
    let reply = String::from_utf8_lossy(&reply);
    assert!(status == 413 && reply.contains("larger than"), "{reply}");
    assert_eq!(
        (snapshot(site.path()), snapshot(outside.path())),
        before,
        "a file was touched"
    );

    // What it is for: an entry in its folder, written and checked.
    let (status, answer) = post(
        base,
        Some(&origin),
        &serde_json::json!({
            "action": "persistEntry",
            "params": { "dataFiles": [{ "path": "spaces/nieuw.md", "raw": "---\nname: Nieuw\nkinds: [atelier]\n---\n" }], "assets": [] },
        })
        .to_string(),
    );
    // Saved, with what `ruimte check` says about it: the missing place and sources.
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer.contains("wel bewaard") && answer.contains("spaces/nieuw.md:"),
        "{answer}"
    );
    assert!(fs::read_to_string(site.path().join("spaces/nieuw.md"))
        .unwrap()
        .contains("name: Nieuw"));
}

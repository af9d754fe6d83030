//! Requests for space: validated with file, line and field; matched against the spaces at build
//! time; gone from lists and search once expired; and the figures page, whose numbers are checked
//! against hand-counted ones and against /data/stats.json.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_fixture, edit, ruimte, stdout};
use serde_json::Value;

/// The valid fixture site (two spaces: Atelier Noord, an atelier in Gent of 35.5 m² at €120 a
/// month with limited wheelchair access; and a stage in Brussels that says little) plus requests.
fn site_with_requests() -> tempfile::TempDir {
    let site = copy_fixture("valid");
    let requests = site.path().join("requests");
    fs::create_dir_all(&requests).unwrap();
    let write = |name: &str, front: &str| {
        let text = format!(
            "---\n{front}\ncontact:\n  url: https://example.org/vraag\nsources:\n  - title: Fixture document (2025)\nlast_verified: 2026-10-01\n---\n\nWe zoeken ruimte.\n"
        );
        fs::write(requests.join(format!("{name}.md")), text).unwrap();
    };
    write(
        "collectief-gent",
        "title: Collectief zoekt atelier in Gent\nwho: Een collectief van beeldend kunstenaars\nkinds: [atelier]\nplaces: [gent]\n\
         size_m2: { min: 30, max: 60 }\nbudget: { model: per-maand, max_eur: 150 }\naccessibility_needs: [wheelchair, step_free_entrance]\n\
         valid_until: 2027-06-30",
    );
    write(
        "koor-brussel",
        "title: Koor zoekt repetitieruimte\nwho: Een koor\nkinds: [podium, repetitieruimte]\nprovinces: [brussel]\nvalid_until: 2027-06-30",
    );
    write(
        "oude-vraag",
        "title: Een verlopen vraag naar een atelier\nwho: Een kunstenaar\nkinds: [atelier]\nplaces: [gent]\nvalid_until: 2025-12-31",
    );
    site
}

fn build(site: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let output = ruimte(&[
        "build",
        "--content",
        site.to_str().unwrap(),
        "--out",
        public.to_str().unwrap(),
        "--config",
        "tests/fixtures/site.toml",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join("public").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn bad_requests_are_reported_with_file_line_and_field() {
    let site = copy_fixture("valid");
    let requests = site.path().join("requests");
    fs::create_dir_all(&requests).unwrap();
    let base = "who: Iemand\nkinds: [atelier]\nsources:\n  - title: Bron\nlast_verified: 2026-01-01\n";
    let cases = [
        ("sizes", "title: Maten\nplaces: [gent]\nsize_m2: { min: 80, max: 40 }\ncontact: { url: https://example.org }\nvalid_until: 2027-01-01"),
        ("zero-size", "title: Nul\nplaces: [gent]\nsize_m2:\n  min: 0\ncontact: { url: https://example.org }\nvalid_until: 2027-01-01"),
        ("no-contact", "title: Geen contact\nplaces: [gent]\ncontact: {}\nvalid_until: 2027-01-01"),
        ("bad-email", "title: Mail\nplaces: [gent]\ncontact:\n  email: iemand-at-example\nvalid_until: 2027-01-01"),
        ("no-area", "title: Nergens\ncontact: { url: https://example.org }\nvalid_until: 2027-01-01"),
        ("expired", "title: Voorbij\nplaces: [gent]\ncontact: { url: https://example.org }\nvalid_until: 2025-01-01"),
    ];
    for (name, front) in cases {
        fs::write(
            requests.join(format!("{name}.md")),
            format!("---\n{front}\n{base}---\n"),
        )
        .unwrap();
    }
    let output = ruimte(&["check", "--content", site.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let diagnostics: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: Vec<(String, u64, String, String, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["field"].as_str().unwrap_or("").to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    let expect = |file: &str, line: u64, field: &str, code: &str, severity: &str| {
        (
            format!("requests/{file}.md"),
            line,
            field.to_string(),
            code.to_string(),
            severity.to_string(),
        )
    };
    assert_eq!(
        found,
        [
            expect("bad-email", 5, "contact.email", "invalid-email", "error"),
            expect("expired", 5, "valid_until", "expired-request", "warning"),
            // A missing field is reported where the front matter starts.
            expect("no-area", 1, "places", "no-area", "error"),
            expect("no-contact", 4, "contact", "no-contact", "error"),
            expect("sizes", 4, "size_m2.max", "range-order", "error"),
            expect("zero-size", 5, "size_m2.min", "invalid-number", "error"),
        ]
    );
}

#[test]
fn requests_list_the_spaces_that_fit_and_spaces_the_requests_they_could_serve() {
    let site = site_with_requests();
    let out = build(site.path());
    let request = read(out.path(), "vragen/collectief-gent/index.html");
    assert!(request.contains("<h1>Collectief zoekt atelier in Gent</h1>"));
    // How to reach who is looking, under a term in words (it once showed its bare key).
    assert!(
        request.contains("<dt>Contact</dt>\n<dd><a href=\"https://example.org/vraag\">example.org/vraag</a></dd>"),
        "{request}"
    );
    // Requests are in the search index: its results name them in words, never by their id.
    let search = read(out.path(), "zoeken/index.html");
    assert!(search.contains("\"request\":\"Ruimtevraag\""), "{search}");
    // Atelier Noord: kind and area met, size (35.5 in 30-60) and budget (120 of 150) met, step-free
    // entrance met, wheelchair access only limited: 5 of 6.
    let section = &request[request.find("id=\"passend\"").unwrap()..];
    assert!(section.contains("href=\"/ruimtes/atelier-noord/\""), "{section}");
    assert!(section.contains("voldoet aan 5 van 6"), "{section}");
    assert!(section.contains("Rolstoeltoegankelijk: nee"));
    assert!(section.contains("Drempelvrije ingang: ja"));
    assert!(
        !section.contains("minimal-space"),
        "a stage in Brussels is no atelier in Gent"
    );

    let choir = read(out.path(), "vragen/koor-brussel/index.html");
    let section = &choir[choir.find("id=\"passend\"").unwrap()..];
    assert!(section.contains("href=\"/ruimtes/minimal-space/\"") && section.contains("voldoet aan 2 van 2"));

    let space = read(out.path(), "ruimtes/atelier-noord/index.html");
    let section = &space[space.find("Wie zoekt zo&#39;n ruimte").expect("the requests section")..];
    assert!(section.contains("href=\"/vragen/collectief-gent/\""));
    assert!(!space.contains("oude-vraag"), "an expired request is not offered");
}

#[test]
fn expired_requests_keep_their_page_but_leave_lists_and_search() {
    let site = site_with_requests();
    let out = build(site.path());
    let expired = read(out.path(), "vragen/oude-vraag/index.html");
    assert!(expired.contains("Deze vraag is verlopen"));
    assert!(!expired.contains("id=\"passend\""), "no matches for an expired request");
    let list = read(out.path(), "vragen/index.html");
    assert!(list.contains("/vragen/collectief-gent/") && list.contains("/vragen/koor-brussel/"));
    assert!(!list.contains("/vragen/oude-vraag/"));
    assert!(!read(out.path(), "index.html").contains("/vragen/oude-vraag/"));

    let search = |query: &str| -> Vec<String> {
        let output = ruimte(&[
            "search",
            query,
            "--json",
            "--content",
            site.path().to_str().unwrap(),
            "--config",
            "tests/fixtures/site.toml",
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
        results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["slug"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(search("collectief").contains(&"collectief-gent".to_string()));
    assert!(!search("verlopen vraag").contains(&"oude-vraag".to_string()));
}

#[test]
fn the_figures_are_the_hand_counted_ones_and_the_tables_say_the_same() {
    let site = site_with_requests();
    let out = build(site.path());
    let stats: Value = serde_json::from_str(&read(out.path(), "data/stats.json")).unwrap();
    let counts = |field: &str| -> Vec<(String, u64)> {
        stats[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["key"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
            .collect()
    };
    let pairs =
        |list: &[(&str, u64)]| -> Vec<(String, u64)> { list.iter().map(|(k, n)| (k.to_string(), *n)).collect() };
    assert_eq!(stats["spaces"], 2);
    assert_eq!(counts("by_kind"), pairs(&[("atelier", 1), ("podium", 1)]));
    assert_eq!(counts("by_province"), pairs(&[("oost-vlaanderen", 1), ("brussel", 1)]));
    assert_eq!(counts("by_tenure"), pairs(&[("tijdelijk", 1), ("onbekend", 1)]));
    assert_eq!(counts("by_price_model"), pairs(&[("per-maand", 1), ("onbekend", 1)]));
    assert_eq!(
        stats["accessibility"],
        serde_json::json!({ "wheelchair_known": 1, "wheelchair_known_share": 0.5, "wheelchair_yes": 0, "wheelchair_limited": 1 })
    );
    // No figure per inhabitant: the vocabulary knows only the directory's municipalities, and
    // Gent's 265,000 are not Oost-Vlaanderen's.
    assert!(stats.get("per_10000_inhabitants").is_none());
    // Published: 2 spaces, 1 practice, 1 guide, 2 open requests. Within a year of 2026-12-02:
    // the guide (2026-01-15) and both requests (2026-10-01); every entry was checked by someone.
    assert_eq!(
        stats["freshness"],
        serde_json::json!({ "entries": 6, "verified_last_year": 3, "older": 3, "never_verified": 0 })
    );
    let demand: Vec<(String, u64, u64)> = stats["requests_by_province"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["key"].as_str().unwrap().to_string(),
                d["open_requests"].as_u64().unwrap(),
                d["matching_spaces"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        demand,
        [("oost-vlaanderen".to_string(), 1, 1), ("brussel".to_string(), 1, 1)]
    );

    // Every chart's table holds the numbers of stats.json.
    let page = read(out.path(), "cijfers/index.html");
    let table = |heading: &str| -> Vec<Vec<String>> {
        let start = page
            .find(&format!(">{heading}</h2>"))
            .unwrap_or_else(|| panic!("table {heading}"));
        let body = &page[start..page[start..].find("</table>").unwrap() + start];
        body.split("<tr>")
            .skip(2)
            .map(|row| {
                row.split(['<', '>'])
                    .enumerate()
                    .filter(|(i, text)| i % 2 == 0 && !text.trim().is_empty())
                    .map(|(_, text)| text.to_string())
                    .collect()
            })
            .collect()
    };
    let labelled = |field: &str| -> Vec<Vec<String>> {
        stats[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| vec![c["label"].as_str().unwrap().to_string(), c["count"].to_string()])
            .collect()
    };
    assert_eq!(table("Ruimtes per soort"), labelled("by_kind"));
    assert_eq!(table("Ruimtes per provincie"), labelled("by_province"));
    assert_eq!(table("Ruimtes per gebruiksvorm"), labelled("by_tenure"));
    assert_eq!(table("Ruimtes per prijsmodel"), labelled("by_price_model"));
    let demand_rows: Vec<Vec<String>> = stats["requests_by_province"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            vec![
                d["label"].as_str().unwrap().to_string(),
                d["open_requests"].to_string(),
                d["matching_spaces"].to_string(),
            ]
        })
        .collect();
    assert_eq!(table("Vraag en aanbod per provincie"), demand_rows);
    // Each row's bar is scaled to its table's largest number, which fills the room.
    let bars: Vec<f64> = page
        .split("<rect width=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    assert!(
        bars.iter().all(|b| (0.0..=100.0).contains(b)) && bars.contains(&100.0),
        "{bars:?}"
    );
    assert!(
        !page.contains("<svg class=\"chart-bars\""),
        "no chart drawn as one scaled picture"
    );
}

#[test]
fn a_figure_with_nothing_known_yet_says_so_instead_of_showing_zeros() {
    let site = copy_fixture("valid");
    edit(
        &site.path().join("spaces/atelier-noord.md"),
        "wheelchair: beperkt",
        "wheelchair: onbekend",
    );
    let out = build(site.path());
    let page = read(out.path(), "cijfers/index.html");
    let accessibility = &page[page.find(">Toegankelijkheid</h2>").expect("the heading stays")..];
    let section = &accessibility[..accessibility.find("</section>").unwrap()];
    assert!(
        section.contains("Van geen enkele ruimte in de gids weten we al of ze rolstoeltoegankelijk is."),
        "{section}"
    );
    assert!(!section.contains("<table"), "no table of zeros");
    // The figures that have something to count keep their tables.
    assert!(page[page.find(">Ruimtes per soort</h2>").unwrap()..].contains("<table"));
}

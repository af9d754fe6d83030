//! `ruimte build` as a visitor and a maintainer meet it: every page type is there with its
//! content, every internal link resolves (also under a sub-path), builds are reproducible, a bad
//! build never touches the last good site, and contributor text cannot inject script.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, copy_fixture, edit, fixture, ruimte, stdout};

const THEME: &str = "themes/default";

fn build(content: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    build_with_theme(content, out, Path::new(THEME), extra)
}

/// `ruimte build` with the fixture settings and the given theme.
fn build_with_theme(content: &Path, out: &Path, theme: &Path, extra: &[&str]) -> std::process::Output {
    build_with(content, out, theme, &fixture("site.toml"), extra)
}

/// `ruimte build` with the given theme and settings.
fn build_with(content: &Path, out: &Path, theme: &Path, config: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ruimte(&args)
}

/// A site built from `content` into a new folder's `public/`, which must succeed.
fn built_from(content: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = build(content, &dir.path().join("public"), &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// The valid fixture with one edit to one of its files (`from` becomes `to`), built.
fn built_edited(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let site = copy_fixture("valid");
    edit(&site.path().join(file), from, to);
    built_from(site.path())
}

fn built(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = build(&fixture("valid"), &dir.path().join("public"), extra);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every file of a built site with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_page_type_exists_with_its_content() {
    let dir = built(&[]);
    let out = dir.path().join("public");
    let home = read(&out, "index.html");
    assert!(home.contains("<html lang=\"nl\">"));
    assert!(
        home.contains("2 ruimtes") && home.contains("1 goede praktijken") && home.contains("1 gidsen"),
        "counts"
    );

    // The figures page is in the footer of every page and among the home page's ways to browse.
    assert!(home.matches("href=\"/cijfers/\"").count() == 2, "links to the figures");
    assert!(read(&out, "cijfers/index.html").contains("<h1>Cijfers</h1>"));
    let space = read(&out, "ruimtes/atelier-noord/index.html");
    for expected in [
        "<h1>Atelier Noord</h1>",
        "<dt>Rolstoeltoegankelijk</dt>\n<dd>Beperkt</dd>",
        "<dt>Aangepast toilet</dt>\n<dd>Onbekend</dd>",
        "Wachtlijst",
        "€ 120 per maand (kosten inbegrepen)",
        "35,5 m²",
        "265.000 inwoners (2024)",
        "href=\"/gidsen/bruikleen/\"",
        "href=\"/plaatsen/gent/\"",
        "href=\"/provincies/oost-vlaanderen/\"",
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"CivicStructure\"",
        "<meta property=\"og:title\" content=\"Atelier Noord\">",
        "https://github.com/example/ruimte/edit/main/tests/fixtures/valid/spaces/atelier-noord.md",
        "https://github.com/example/ruimte/issues/new?template=verouderde-informatie.yml&amp;title=Verouderde+informatie%3A+Atelier+Noord&amp;pagina=https%3A%2F%2Fexample.org%2Fruimtes%2Fatelier-noord%2F&amp;bestand=tests%2Ffixtures%2Fvalid%2Fspaces%2Fatelier-noord.md",
        "<time datetime=\"2025-06-01\">1 juni 2025</time>",
        "Deze informatie is al lang niet meer nagekeken",
        "alt=\"Een lichte zaal met drie werktafels\"",
        // Linked both ways: the practice lists this space as related.
        "href=\"/praktijken/oefenkot-gent/\"",
    ] {
        assert!(space.contains(expected), "space page lacks {expected:?}");
    }
    assert!(
        out.join("ruimtes/atelier-noord/atelier-noord/zaal.svg").is_file(),
        "images are copied beside the page"
    );
    assert!(read(&out, "ruimtes/minimal-space/index.html").contains("<dt>Rolstoeltoegankelijk</dt>\n<dd>Onbekend</dd>"));

    let practice = read(&out, "praktijken/oefenkot-gent/index.html");
    for expected in [
        "<strong>Tip:</strong> Begin klein",
        "2019 – juni 2023",
        "€ 25.000",
        "Eigenaar",
        "<table>",
        "\"@type\":\"Article\"",
    ] {
        assert!(practice.contains(expected), "practice page lacks {expected:?}");
    }
    let guide = read(&out, "gidsen/bruikleen/index.html");
    for expected in [
        "geen juridisch advies",
        "<dt>Notaris nodig</dt>",
        "Oud Burgerlijk Wetboek, art. 1875-1891",
    ] {
        assert!(guide.contains(expected), "guide page lacks {expected:?}");
    }
    assert!(read(&out, "over/index.html").contains("<h1>Over deze gids</h1>"));
    assert!(read(&out, "ruimtes/index.html").contains("href=\"/ruimtes/atelier-noord/\""));
    let place = read(&out, "plaatsen/gent/index.html");
    assert!(
        place.contains("atelier-noord")
            && place.contains("oefenkot-gent")
            && place.contains("1 ruimtes · 1 goede praktijken")
    );
    assert!(
        read(&out, "plaatsen/index.html").contains("Gent</a> <span class=\"count\">(2)</span>"),
        "counts in the parent list"
    );
    for facet_page in [
        "provincies/oost-vlaanderen/",
        "soorten/atelier/",
        "disciplines/muziek/",
        "themas/infrastructuur/",
        "tags/jongeren/",
    ] {
        assert!(out.join(facet_page).join("index.html").is_file(), "{facet_page}");
    }
    let compare = read(&out, "vergelijking/index.html");
    assert!(compare.contains("<input type=\"checkbox\" name=\"gidsen\" value=\"bruikleen\">"));
    let family = read(&out, "vergelijking/gebruik/index.html");
    assert!(family.contains("<th scope=\"col\" id=\"g-bruikleen\" data-guide=\"bruikleen\"><a href=\"/gidsen/bruikleen/\">Bruikleen</a></th>"));
    assert!(family.contains(">Notaris nodig</th>"));
    let map = read(&out, "kaart/index.html");
    assert!(
        map.contains("<svg")
            && map.contains(
                "<a class=\"map-marker\" href=\"/ruimtes/atelier-noord/\" aria-label=\"Gent: Atelier Noord\" data-place=\"Gent\" data-spaces=\"atelier-noord\">"
            )
    );
    assert!(read(&out, "404.html").contains("Pagina niet gevonden"));
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/ruimtes/atelier-noord/</loc><lastmod>2025-06-01</lastmod>"));
    assert!(!sitemap.contains("404"));
    let feed = read(&out, "feed.xml");
    assert!(
        feed.contains("<updated>2026-01-15T00:00:00Z</updated>"),
        "the feed's date is the newest entry's"
    );

    let spaces: serde_json::Value = serde_json::from_str(&read(&out, "data/spaces.json")).unwrap();
    assert_eq!(spaces["count"], 2);
    assert_eq!(spaces["licence"]["name"], "CC BY 4.0");
    let geo: serde_json::Value = serde_json::from_str(&read(&out, "data/spaces.geojson")).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 2);
    assert_eq!(
        geo["features"][0]["geometry"]["coordinates"],
        serde_json::json!([3.72, 51.06])
    );
    let csv = read(&out, "data/spaces.csv");
    assert!(csv.starts_with("slug,name,url,"));
    assert_eq!(csv.lines().count(), 3);
    for json in [
        "data/practices.json",
        "data/guides.json",
        "data/schemas/space.schema.json",
    ] {
        serde_json::from_str::<serde_json::Value>(&read(&out, json)).unwrap_or_else(|e| panic!("{json}: {e}"));
    }
    assert!(out.join(".ruimte-build").is_file());
}

/// Every `href` and `src` in the site's HTML that points inside the site, as a file path.
fn internal_targets(out: &Path, base: &str) -> Vec<(String, String, PathBuf)> {
    let mut targets = Vec::new();
    for (file, bytes) in files(out) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in [" href=\"", " src=\""] {
            for part in html.split(attr).skip(1) {
                let url = part.split('"').next().unwrap().replace("&amp;", "&");
                if url.starts_with("http")
                    || url.starts_with("mailto:")
                    || url.starts_with("tel:")
                    || url.starts_with('#')
                {
                    continue;
                }
                let path = url.split(['#', '?']).next().unwrap();
                assert!(
                    path.starts_with(base),
                    "{file}: link {url} is outside the base path {base}"
                );
                let rel = &path[base.len()..];
                let target = if rel.is_empty() || rel.ends_with('/') {
                    out.join(rel).join("index.html")
                } else {
                    out.join(rel)
                };
                targets.push((file.clone(), url.clone(), target));
            }
        }
    }
    targets
}

/// How many internal links the site has, and the ones that lead nowhere (`page: url`).
fn broken_links(out: &Path, base: &str) -> (usize, Vec<String>) {
    let targets = internal_targets(out, base);
    let broken = targets
        .iter()
        .filter(|(_, _, t)| !t.is_file())
        .map(|(f, u, _)| format!("{f}: {u}"))
        .collect();
    (targets.len(), broken)
}

#[test]
fn every_internal_link_resolves_at_the_root_and_under_a_sub_path() {
    for (base_url, base) in [
        ("https://example.org/", "/"),
        ("https://example.org/ruimte/gids/", "/ruimte/gids/"),
    ] {
        let dir = built(&["--base-url", base_url]);
        let out = dir.path().join("public");
        let (checked, broken) = broken_links(&out, base);
        assert!(checked > 100, "links were found ({checked})");
        assert!(broken.is_empty(), "broken links under {base}:\n{}", broken.join("\n"));
    }
}

/// The fixture settings with `entry_urls = "file"`, written into `dir`.
fn file_urls_config(dir: &Path) -> PathBuf {
    let config = dir.join("site-file-urls.toml");
    let settings = fs::read_to_string(fixture("site.toml")).unwrap();
    fs::write(&config, format!("entry_urls = \"file\"\n{settings}")).unwrap();
    config
}

/// Builds the valid fixture into `out` with the given settings; the build must succeed.
fn build_with_config(config: &Path, out: &Path, extra: &[&str]) {
    let output = build_with(&fixture("valid"), out, Path::new(THEME), config, extra);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `entry_urls = "file"`: every entry is one `.html` file rather than a folder, every link (the
/// lists', the related cards', the open data's, the sitemap's) points at that file, and pictures
/// still have their folder.
#[test]
fn entry_pages_can_be_files_instead_of_folders() {
    let dir = tempfile::tempdir().unwrap();
    let config = file_urls_config(dir.path());
    let out = dir.path().join("public");
    build_with_config(&config, &out, &["--base-url", "https://example.org/ruimte/"]);

    let page = read(&out, "ruimtes/atelier-noord.html");
    assert!(page.contains("<h1>Atelier Noord</h1>"), "the entry is its own file");
    assert!(!out.join("ruimtes/atelier-noord").join("index.html").exists());
    assert!(
        out.join("ruimtes/atelier-noord/atelier-noord/zaal.svg").is_file(),
        "pictures keep a folder"
    );
    assert!(
        read(&out, "over/index.html").contains("<h1>"),
        "content pages keep their folder"
    );
    assert!(read(&out, "ruimtes/index.html").contains("href=\"/ruimte/ruimtes/atelier-noord.html\""));
    assert!(read(&out, "sitemap.xml").contains("<loc>https://example.org/ruimte/ruimtes/atelier-noord.html</loc>"));
    assert!(read(&out, "data/spaces.json").contains("\"https://example.org/ruimte/ruimtes/atelier-noord.html\""));

    let (checked, broken) = broken_links(&out, "/ruimte/");
    assert!(checked > 100, "links were found ({checked})");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Switching `entry_urls` on a site whose earlier build is recycled (its spare folder) leaves
/// exactly what a fresh build in the new style writes: no page of the old style stays behind.
#[test]
fn switching_the_entry_url_style_leaves_what_a_fresh_build_writes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fixture("site.toml");
    let file = file_urls_config(dir.path());
    let out = dir.path().join("public");
    for (step, config) in [&folder, &folder, &file, &file, &folder, &folder]
        .into_iter()
        .enumerate()
    {
        build_with_config(config, &out, &[]);
        let fresh = tempfile::tempdir().unwrap();
        build_with_config(config, &fresh.path().join("public"), &[]);
        assert!(
            files(&out) == files(&fresh.path().join("public")),
            "build {step} ({}) differs from a fresh build",
            config.display()
        );
    }
    assert!(out.join("ruimtes/atelier-noord/index.html").is_file());
    assert!(!out.join("ruimtes/atelier-noord.html").exists());
}

#[test]
fn the_menu_marks_the_page_a_visitor_is_on() {
    let site = built(&[]);
    let out = site.path().join("public");
    let current = |file: &str| -> Vec<String> {
        read(&out, file)
            .split("<a ")
            .filter(|a| a.contains("aria-current=\"page\""))
            .map(|a| {
                a.split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(current("ruimtes/index.html"), ["Ruimtes"]);
    assert_eq!(current("gidsen/index.html"), ["Gidsen"]);
    assert_eq!(current("kaart/index.html"), ["Kaart"]);
    assert!(current("ruimtes/atelier-noord/index.html").is_empty());
    assert!(current("index.html").is_empty());
    assert!(current("404.html").is_empty());
}

#[test]
fn a_theme_without_a_card_template_is_refused_by_name() {
    let theme = tempfile::tempdir().unwrap();
    copy_dir(Path::new(THEME), theme.path());
    fs::remove_file(theme.path().join("templates/card.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = build_with_theme(&fixture("valid"), &dir.path().join("public"), theme.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("templates/card.html"));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn two_builds_of_the_same_content_are_byte_identical() {
    let a = built(&[]);
    let b = built(&[]);
    let (fa, fb) = (files(&a.path().join("public")), files(&b.path().join("public")));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = copy_fixture("valid");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(build(site.path(), &out, &[]).status.code(), Some(0));
    let before = files(&out);
    fs::write(
        site.path().join("spaces/kapot.md"),
        "---\nname: Kapot\nkinds: [atelier\n---\n",
    )
    .unwrap();
    let output = build(site.path(), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("spaces/kapot.md:3") && stderr.contains("unchanged"),
        "{stderr}"
    );
    assert_eq!(files(&out), before, "the last good site is kept byte for byte");
    let mut beside: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".public.ruimte-lock", "public"],
        "no staging folder is left behind"
    );

    // With no earlier site, the message does not claim one.
    let fresh = dir.path().join("nieuw");
    let output = build(site.path(), &fresh, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("nothing was written to") && !stderr.contains("unchanged"),
        "{stderr}"
    );
    assert!(!fresh.exists());
}

#[test]
fn a_folder_ruimte_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("src");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("main.rs"), "fn main() {}").unwrap();
    let output = build(&fixture("valid"), &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(out.join("main.rs").is_file());
}

#[test]
fn contributor_text_cannot_inject_script() {
    let site = copy_fixture("valid");
    let path = site.path().join("spaces/minimal-space.md");
    let attack = r#"---
name: "Zaal <script>alert('name')</script>"
kinds: [podium]
place: brussel
opening_hours: "</script><script>alert('hours')</script>"
eligibility:
  criteria: '"><img src=x onerror=alert(1)>'
sources:
  - title: "Bron <svg onload=alert(1)>"
    note: "</dd><script>alert('note')</script>"
last_verified: 2025-01-01
---
Tekst met een `<script>alert('code')</script>` in code en **vet**.
"#;
    fs::write(&path, attack).unwrap();
    let dir = built_from(site.path());
    let out = dir.path().join("public");
    for (file, bytes) in files(&out) {
        if !(file.ends_with(".html") || file.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        // Every script element is a JSON data block or the site's own module: nothing inline runs.
        for tag in text
            .split("<script")
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap())
        {
            let data = tag.contains("type=\"application/ld+json\"") || tag.contains("type=\"application/json\"");
            let own_module = tag.starts_with(" type=\"module\" src=\"/static/search.")
                || tag.starts_with(" type=\"module\" src=\"/static/finder.")
                || tag.starts_with(" type=\"module\" src=\"/static/compare.")
                || tag.starts_with(" type=\"module\" src=\"/static/map.");
            // The web form's pinned, integrity-checked CMS; no contributor text reaches that page.
            let cms = file == "admin/index.html"
                && tag
                    == format!(
                        " src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"",
                        ruimte::form::decap::DECAP_SCRIPT,
                        ruimte::form::decap::DECAP_INTEGRITY
                    );
            assert!(data || own_module || cms, "{file}: unexpected <script{tag}>");
        }
        for forbidden in [
            "<img src=x",
            "<svg onload",
            "alert('name')</script>",
            "</script><script>",
        ] {
            assert!(!text.contains(forbidden), "{file} contains {forbidden}");
        }
        // JSON data blocks cannot be closed early by contributor text.
        for block in text.split("<script type=\"application/ld+json\">").skip(1) {
            let json = block.split("</script>").next().unwrap();
            serde_json::from_str::<serde_json::Value>(json)
                .unwrap_or_else(|e| panic!("{file}: JSON-LD stays one value: {e}"));
        }
    }
    let page = read(&out, "ruimtes/minimal-space/index.html");
    assert!(
        page.contains("Zaal &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"),
        "shown as text"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = copy_fixture("valid");
    let path = site.path().join("spaces/minimal-space.md");
    let text = fs::read_to_string(&path).unwrap().replace(
        "last_verified: 2025-01-01\n",
        "last_verified: 2025-01-01\ndraft: true\n",
    );
    fs::write(&path, text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(build(site.path(), &out, &[]).status.code(), Some(0));
    assert!(!out.join("ruimtes/minimal-space").exists());
    assert!(!read(&out, "ruimtes/index.html").contains("minimal-space"));
    assert!(!read(&out, "data/spaces.json").contains("minimal-space"));
    assert_eq!(build(site.path(), &out, &["--drafts"]).status.code(), Some(0));
    assert!(read(&out, "ruimtes/minimal-space/index.html").contains("Concept"));
}

/// A practice of a whole region, where the source names no town: the page says so and no place
/// is made up; populations show their year only where the source gives one.
#[test]
fn a_practice_may_cover_a_region_instead_of_towns() {
    let site = copy_fixture("valid");
    fs::write(
        site.path().join("practices/vlaams-netwerk.md"),
        "---\ntitle: Een Vlaams netwerk\nthemes: [infrastructuur]\narea: vlaanderen\nsummary: Samenvatting.\n\
         sources:\n  - title: Fixture\nlast_verified: 2025-01-01\n---\nTekst\n",
    )
    .unwrap();
    edit(&site.path().join("data/places.yaml"), "    year: 2024\n", "");
    let dir = built_from(site.path());
    let out = dir.path().join("public");
    let page = read(&out, "praktijken/vlaams-netwerk/index.html");
    assert!(page.contains("<dt>Waar</dt>\n<dd>Heel Vlaanderen</dd>"), "{page}");
    assert!(!page.contains("<dt>Plaatsen</dt>"));
    let space = read(&out, "ruimtes/atelier-noord/index.html");
    assert!(
        space.contains("265.000 inwoners</") && !space.contains("inwoners (2024)"),
        "no year"
    );
}

/// An entry nobody has checked yet says so, has no date to show, and asks for help; the feed
/// leaves it out, the sitemap gives it no date and the figures count it.
#[test]
fn facts_nobody_checked_say_so() {
    let dir = built_edited("spaces/minimal-space.md", "last_verified: 2025-01-01\n", "");
    let out = dir.path().join("public");
    let page = read(&out, "ruimtes/minimal-space/index.html");
    assert!(
        page.contains("Nog door niemand nagekeken bij de uitbater of een recente bron."),
        "{page}"
    );
    assert!(page.contains("Niemand heeft deze gegevens al nagekeken"));
    assert!(!page.contains("<time datetime=\"\""), "no empty date");
    assert!(!read(&out, "feed.xml").contains("minimal-space"));
    let sitemap = read(&out, "sitemap.xml");
    let entry = sitemap
        .lines()
        .find(|l| l.contains("<loc>https://example.org/ruimtes/minimal-space/</loc>"))
        .expect("in the sitemap");
    assert!(!entry.contains("<lastmod>"), "no lastmod: {entry}");
    assert!(read(&out, "data/stats.json").contains("\"never_verified\": 1"));
}

/// A place that is no workspace on offer says what it is, on its page and its card, and lists come
/// after the offer; a source's date shows beside the check.
#[test]
fn places_not_on_offer_say_so_and_come_after_the_offer() {
    // Renamed so that by title alone it would come before "Atelier Noord".
    let dir = built_edited(
        "spaces/minimal-space.md",
        "name: Een minimale ruimte\nkinds: [podium]\n",
        "name: Aa eerst op naam\nkinds: [podium]\nstatus: gepland\nsource_date: 2024-04\n",
    );
    let out = dir.path().join("public");
    let page = read(&out, "ruimtes/minimal-space/index.html");
    assert!(page.contains("<dd>Gepland, nog niet in gebruik</dd>"), "{page}");
    assert!(page.contains("Deze plek wordt niet als werkruimte aangeboden."));
    assert!(page.contains("De bron dateert van april 2024."), "{page}");
    let list = read(&out, "ruimtes/index.html");
    let (offer, planned) = (
        list.find("Atelier Noord").unwrap(),
        list.find("Aa eerst op naam").unwrap(),
    );
    assert!(offer < planned, "the offer first");
    assert!(list.contains("<p class=\"card-status\">Gepland, nog niet in gebruik</p>"));
    // Open data carries the status.
    assert!(read(&out, "data/spaces.csv").contains(",gepland,"));
}

/// Use arrangements and organisation forms are compared each on their own points: no "security
/// for the user" for a vzw, no income tax for a loan.
#[test]
fn the_comparison_sets_use_arrangements_and_organisation_forms_apart() {
    let site = copy_fixture("valid");
    fs::write(
        site.path().join("guides/vzw.md"),
        "---\ntitle: Vzw\ncategory: organisatievorm\nsummary: Een vereniging met rechtspersoonlijkheid.\n\
         compare:\n  who_carries_liability: De vzw.\n  suited_for: Collectieven.\n  admin_burden: gemiddeld\n\
         \x20 organisation:\n    legal_personality: ja\n    income_tax: Rechtspersonenbelasting\n\
         \x20 pros: [Rechtspersoon]\n  cons: [Formaliteiten]\n  risks: [Bestuur]\n\
         sources:\n  - title: Fixture\nlast_reviewed: 2026-01-15\n---\nUitleg.\n",
    )
    .unwrap();
    // A second use arrangement, to make a pair with the fixture's loan.
    let loan = fs::read_to_string(site.path().join("guides/bruikleen.md")).unwrap();
    fs::write(
        site.path().join("guides/huur.md"),
        loan.replace("title: Bruikleen", "title: Huur")
            .replace("aliases: [prêt à usage, commodat]", "aliases: [bail]")
            .replace("related: [atelier-noord]", "related: []")
            .replace("Prêt à usage", "Bail")
            .replace("Loan for use", "Lease"),
    )
    .unwrap();
    let dir = built_from(site.path());
    let out = dir.path().join("public");
    let use_table = read(&out, "vergelijking/gebruik/index.html");
    let organisation = read(&out, "vergelijking/organisatie/index.html");
    assert!(use_table.contains("Zekerheid voor de gebruiker") && use_table.contains(">Bruikleen<"));
    assert!(!use_table.contains(">Vzw<"));
    assert!(organisation.contains(">Vzw<") && organisation.contains("Rechtspersonenbelasting"));
    assert!(!organisation.contains("Zekerheid voor de gebruiker"));
    // A point no source gave is said to be unchecked, not left blank or guessed.
    assert!(
        organisation.contains("data-guide=\"vzw\">Niet nagekeken</td>"),
        "{organisation}"
    );
    // Two guides of a family have a page of their own, linked from the chooser; guides of two
    // families have none.
    let pair = read(&out, "vergelijking/bruikleen/huur/index.html");
    assert!(pair.contains("<h1 id=\"vergelijking-titel\">Bruikleen – Huur</h1>"));
    assert!(pair.contains(">Notaris nodig</th>") && !pair.contains("Rechtspersoonlijkheid"));
    assert!(read(&out, "vergelijking/index.html").contains("href=\"/vergelijking/bruikleen/huur/\""));
    assert!(!out.join("vergelijking/bruikleen/vzw").exists());
    let french = read(&out, "fr/vergelijking/bruikleen/huur/index.html");
    // French titles, in French order.
    assert!(
        french.contains("<h1 id=\"vergelijking-titel\">Bail – Prêt à usage</h1>"),
        "{french}"
    );
    let guide = read(&out, "gidsen/vzw/index.html");
    assert!(guide.contains("<dt>Rechtspersoonlijkheid</dt>") && !guide.contains("Notaris nodig"));
}

/// The chooser's questions narrow the frameworks to those the answers fit, each with its
/// reasons, on pages that need no script: every answer is a link to the next step.
#[test]
fn the_chooser_s_questions_narrow_the_frameworks_with_reasons() {
    let site = copy_fixture("valid");
    let loan = fs::read_to_string(site.path().join("guides/bruikleen.md")).unwrap();
    let with_fits = |title: &str, fits: &str| {
        loan.replace("title: Bruikleen", &format!("title: {title}"))
            .replace("aliases: [prêt à usage, commodat]", "aliases: []")
            .replace("related: [atelier-noord]", "related: []")
            .replace(
                "  risks: [Vroege teruggave]\n",
                &format!("  risks: [Vroege teruggave]\n  fits:\n{fits}"),
            )
            .split("translations:")
            .next()
            .unwrap()
            .to_string()
            + "---\nUitleg.\n"
    };
    let guides = site.path().join("guides");
    fs::write(
        guides.join("bruikleen.md"),
        with_fits("Bruikleen", "    building: [ander]\n"),
    )
    .unwrap();
    fs::write(
        guides.join("tijdelijk-gebruik.md"),
        with_fits(
            "Tijdelijk gebruik",
            "    building: [ander]\n    term: [kort]\n    risk: [veel]\n",
        ),
    )
    .unwrap();
    fs::write(
        guides.join("huur.md"),
        with_fits("Huur", "    building: [ander]\n    term: [lang]\n"),
    )
    .unwrap();
    let dir = built_from(site.path());
    let out = dir.path().join("public");
    assert!(read(&out, "vergelijking/index.html").contains("href=\"/vergelijking/kiezen/\""));
    let first = read(&out, "vergelijking/kiezen/index.html");
    assert!(first.contains("Van wie is het gebouw?"));
    assert!(first.contains("<a href=\"/vergelijking/kiezen/ander/\">Het gebouw van iemand anders</a>"));
    // One organisation is not asked about sharing staff; several are.
    assert!(out
        .join("vergelijking/kiezen/ander/kort/alleen/veel/index.html")
        .exists());
    assert!(!out.join("vergelijking/kiezen/ander/kort/alleen/delen").exists());
    assert!(out
        .join("vergelijking/kiezen/ander/kort/samen/delen/veel/index.html")
        .exists());
    let last = read(&out, "vergelijking/kiezen/ander/kort/alleen/veel/index.html");
    assert!(
        last.contains("<h1>Deze kaders passen bij jullie antwoorden</h1>"),
        "{last}"
    );
    let (temporary, loan, lease) = (
        last.find(">Tijdelijk gebruik</a>").expect("temporary use fits"),
        last.find(">Bruikleen</a>").expect("a loan fits"),
        last.find(">Huur</a>").expect("a lease is shown as nearly fitting"),
    );
    // The most answers for it first; the one with an answer against it after those that fit.
    assert!(temporary < loan && loan < lease);
    assert!(last.contains(
        "Past bij:</span> Het gebouw van iemand anders · Kort: enkele maanden tot een paar jaar · Veel risico"
    ));
    assert!(last[lease..].contains("Past niet bij:</span> Kort: enkele maanden tot een paar jaar"));
    assert!(last.contains("href=\"/vergelijking/bruikleen/tijdelijk-gebruik/\">Vergelijk Tijdelijk gebruik en Bruikleen punt per punt</a>"));
    assert!(out.join("vergelijking/bruikleen/tijdelijk-gebruik/index.html").exists());
    // A long-term answer leaves temporary use out; an answer can be changed from any step.
    let long = read(&out, "vergelijking/kiezen/ander/lang/index.html");
    assert!(long.contains(">Huur</a>") && !long.contains(">Tijdelijk gebruik</a>"));
    assert!(long.contains("<a href=\"/vergelijking/kiezen/ander/\">wijzigen"));
    // In French: the questions in French, what the guide says it suits marked as Dutch.
    let french = read(&out, "fr/vergelijking/kiezen/ander/kort/index.html");
    assert!(
        french.contains("Êtes-vous une seule organisation ou plusieurs ?"),
        "{french}"
    );
    assert!(french.contains("<span lang=\"nl\">Tijdelijk gebruik van leegstand.</span>"));
}

/// A kind's list points on to the pages that ask for it (`show_on`), and the spaces list to the
/// other directories of space (practices with the `look_further_tag`).
#[test]
fn lists_point_further_and_elsewhere() {
    let site = copy_fixture("valid");
    fs::write(
        site.path().join("pages/drempels.md"),
        "---\ntitle: Drempels en hulp\ndescription: Wat het moeilijk maakt.\nshow_on: [guides]\n---\nZie [de gidsen](/gidsen/).\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("site.toml");
    fs::write(
        &config,
        "look_further_tag = \"jongeren\"\n".to_string() + &fs::read_to_string(fixture("site.toml")).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("public");
    let output = build_with(site.path(), &out, Path::new(THEME), &config, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let guides = read(&out, "gidsen/index.html");
    assert!(
        guides.contains("<a href=\"/drempels/\">Drempels en hulp</a>: Wat het moeilijk maakt."),
        "{guides}"
    );
    let spaces = read(&out, "ruimtes/index.html");
    assert!(spaces.contains("Elders zoeken") && spaces.contains(">Oefenkot voor jongeren</a>"));
    assert!(!read(&out, "praktijken/index.html").contains("Elders zoeken"));
    assert!(!spaces.contains("Verder lezen"));
}

/// A page may only point from a list that exists.
#[test]
fn a_page_shown_on_an_unknown_list_is_refused() {
    let site = copy_fixture("valid");
    fs::write(
        site.path().join("pages/drempels.md"),
        "---\ntitle: Drempels\nshow_on: [ruimtes]\n---\nTekst.\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = build(site.path(), &dir.path().join("public"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = stdout(&output) + &String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("pages/drempels.md:3") && said.contains("show_on[0]"),
        "{said}"
    );
}

/// A space's card says what decides (price with its model, size, capacity, availability in word
/// and class, wheelchair access, the check, its first picture), and says unknown as unknown.
#[test]
fn space_cards_show_what_decides() {
    let dir = built(&[]);
    let out = dir.path().join("public");
    let list = read(&out, "ruimtes/index.html");
    // A card runs from its `<li class="card` to its own `</li>` and a line break (the facts'
    // items close without one).
    let card = |name: &str| -> String {
        let title = list
            .find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name}: {list}"));
        let from = list[..title].rfind("<li class=\"card").unwrap();
        list[from..].split("</li>\n").next().unwrap().to_string()
    };
    let full = card("Atelier Noord");
    for fact in [
        "<li class=\"price\">€ 120 per maand</li>",
        "<li class=\"size_m2\">35,5 m²</li>",
        "<li class=\"capacity\">4 personen</li>",
        "<li class=\"availability availability-wachtlijst\">Wachtlijst</li>",
        "<li class=\"wheelchair wheelchair-beperkt\">Rolstoel: beperkt</li>",
        "<li class=\"checked\">Laatst nagekeken op 1 juni 2025</li>",
        "alt=\"Een lichte zaal met drie werktafels\"",
    ] {
        assert!(full.contains(fact), "{fact} in {full}");
    }
    let bare = card("Een minimale ruimte");
    for fact in ["Prijs onbekend", "Beschikbaarheid onbekend", "Rolstoel: onbekend"] {
        assert!(bare.contains(fact), "{fact} in {bare}");
    }
    assert!(!bare.contains("m²") && !bare.contains("card-image"));
}

/// A space's page opens with how to reach it: operator, website, e-mail, phone, booking, and the
/// address with a link that opens it on OpenStreetMap; where nothing is known it says so and asks.
#[test]
fn a_space_page_opens_with_how_to_reach_it() {
    let dir = built(&[]);
    let out = dir.path().join("public");
    let page = read(&out, "ruimtes/atelier-noord/index.html");
    let block = &page[page.find("class=\"contact-block\"").expect("a contact block")..];
    let block = &block[..block.find("</section>").unwrap()];
    assert!(
        page.find("class=\"contact-block\"") < page.find("id=\"kort\""),
        "before the facts"
    );
    for part in [
        ">Vzw Voorbeeld</a>",
        "href=\"https://example.org/atelier\"",
        "href=\"mailto:atelier@example.org\"",
        "href=\"tel:+3291234567\"",
        "href=\"https://example.org/reserveren\"",
        "Voorbeeldstraat 12, 9000 Gent",
        "href=\"https://www.openstreetmap.org/?mlat=51.06&amp;mlon=3.72#map=18/51.06/3.72\"",
    ] {
        assert!(block.contains(part), "{part} in {block}");
    }
    let bare = read(&out, "ruimtes/minimal-space/index.html");
    let block = &bare[bare.find("class=\"contact-block\"").unwrap()..];
    assert!(block.contains("We kennen nog geen website") && block.contains("issues/new?template="));
}

/// Reporting works with or without a repository: a pre-filled issue, else a pre-filled e-mail to
/// `contact_email`, else the contribute page; the footer links that page.
#[test]
fn every_entry_page_can_be_reported_with_or_without_a_repository() {
    let site = copy_fixture("valid");
    fs::write(
        site.path().join("pages/bijdragen.md"),
        "---\ntitle: Bijdragen\n---\nZo meld je iets.\n",
    )
    .unwrap();
    let without_repository = fs::read_to_string(fixture("site.toml"))
        .unwrap()
        .replace("url = \"https://github.com/example/ruimte\"", "url = \"\"");
    for (extra, expected) in [
        ("", "https://github.com/example/ruimte/issues/new?template="),
        (
            "NO_REPO contact_email = \"meld@example.org\"\n",
            "mailto:meld@example.org?subject=Verouderde%20informatie%3A%20",
        ),
        (
            "NO_REPO",
            "href=\"/bijdragen/\" rel=\"noopener\">Meld verouderde informatie",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("site.toml");
        let settings = match extra.strip_prefix("NO_REPO") {
            Some(line) => line.trim_start().to_string() + &without_repository,
            None => fs::read_to_string(fixture("site.toml")).unwrap(),
        };
        fs::write(&config, settings).unwrap();
        let out = dir.path().join("public");
        let output = build_with(site.path(), &out, Path::new(THEME), &config, &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        for page in [
            "ruimtes/atelier-noord/index.html",
            "ruimtes/minimal-space/index.html",
            "praktijken/oefenkot-gent/index.html",
            "gidsen/bruikleen/index.html",
        ] {
            let html = read(&out, page);
            assert!(html.contains(expected), "{extra}: {page} lacks {expected}");
            assert!(
                html.contains("<a href=\"/bijdragen/\">Bijdragen en melden</a>"),
                "footer: {page}"
            );
        }
    }
}

/// The home page serves the main task: what and where, quick kinds, workspaces on offer, and the
/// way into practices and guides.
#[test]
fn the_home_page_asks_what_and_where() {
    let dir = built_edited(
        "spaces/minimal-space.md",
        "kinds: [podium]\n",
        "kinds: [podium]\nstatus: locatie\n",
    );
    let home = read(&dir.path().join("public"), "index.html");
    assert!(home.contains(
        "<form class=\"home-search\" role=\"search\" aria-label=\"Zoek een werkruimte\" action=\"/zoeken/\""
    ));
    assert!(
        home.contains("<optgroup label=\"Oost-Vlaanderen\">\n<option value=\"gent\">Gent</option>"),
        "{home}"
    );
    assert!(home.contains("<a href=\"/soorten/atelier/\">Atelier (1)</a>"), "{home}");
    let offer = &home[home.find("id=\"aanbod\"").expect("workspaces on offer")..];
    let offer = &offer[..offer.find("</section>").unwrap()];
    assert!(
        offer.contains("Atelier Noord") && !offer.contains("Een minimale ruimte"),
        "{offer}"
    );
    assert!(home.contains("href=\"/vergelijking/\""));
}

#[test]
fn the_repository_site_builds() {
    // At the root, and under a sub-path, where links the pages' text writes from the root
    // (`/gidsen/vzw/`) must follow.
    for (base_url, base) in [
        ("https://example.org/", "/"),
        ("https://example.org/ruimte/", "/ruimte/"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let output = ruimte(&["build", "--out", out.to_str().unwrap(), "--base-url", base_url]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(out.join("praktijken/gardavoe-cc-de-werf-aalst/index.html").is_file());
        let (_, broken) = broken_links(&out, base);
        assert!(broken.is_empty(), "broken links under {base}:\n{}", broken.join("\n"));
    }
}

#[test]
fn a_search_reader_built_from_other_code_is_refused_with_the_fix() {
    let theme = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(THEME)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let target = theme.path().join(entry.path().strip_prefix(THEME).unwrap());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(entry.path(), target).unwrap();
    }
    let wasm = theme.path().join("static/search/ruimte_search_bg.wasm");
    let stale =
        String::from_utf8_lossy(&fs::read(&wasm).unwrap()).replace(search_index::SOURCE_HASH, "0000000000000000");
    fs::write(&wasm, stale.as_bytes()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = build_with_theme(&fixture("valid"), &dir.path().join("public"), theme.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("scripts/build-search-wasm.sh"), "{stderr}");
    assert!(!dir.path().join("public").exists(), "nothing is written");
}

#[test]
fn the_site_ships_its_search_index_reader_and_policy() {
    let dir = built(&[]);
    let out = dir.path().join("public");
    let home = read(&out, "index.html");
    let attribute = |name: &str| {
        home.split(&format!("{name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    for name in [
        "data-glue",
        "data-wasm",
        "data-index",
        "data-suggest-glue",
        "data-suggest-wasm",
        "data-suggest-index",
    ] {
        let url = attribute(name);
        assert!(
            out.join(url.trim_start_matches('/')).is_file(),
            "{name} points at {url}"
        );
    }
    // The index's head is gzipped inside its file, and its parts are compressed one by one, for
    // hosts that send `.bin` as it is. A query reads the parts it names, as a browser does.
    let shipped = fs::read(out.join(attribute("data-index").trim_start_matches('/'))).unwrap();
    assert!(shipped.starts_with(&[0x1f, 0x8b]), "gzipped");
    let mut index = search_index::LazyIndex::open(ruimte::search::unpack(&shipped).unwrap()).unwrap();
    let parts = out.join("search").join(index.folder());
    assert_eq!(
        fs::read_dir(&parts).unwrap().count(),
        index.part_count() as usize,
        "every part is in {}",
        parts.display()
    );
    let suggest = fs::read(out.join(attribute("data-suggest-index").trim_start_matches('/'))).unwrap();
    // A small directory's suggestions travel whole in their head: one fetch.
    let mut suggestions = search_index::SuggestIndex::open(ruimte::search::unpack(&suggest).unwrap()).unwrap();
    let first = suggestions
        .suggest(&search_index::SuggestRequest {
            q: "ateli".into(),
            limit: 6,
        })
        .unwrap();
    assert_eq!(
        first.hits[0].url, "ruimtes/atelier-noord/",
        "the start of a word suggests"
    );
    let request = search_index::SearchRequest {
        q: "atelier".into(),
        ..Default::default()
    };
    let response = loop {
        match index.search(&request).unwrap() {
            search_index::Lazy::Ready(response) => break response,
            search_index::Lazy::Wants(wanted) => {
                for part in wanted {
                    let packed = fs::read(parts.join(format!("{part}.bin"))).unwrap();
                    index.supply_packed(part, &packed).unwrap();
                }
            }
        }
    };
    assert_eq!(
        response.hits.first().map(|h| h.url.as_str()),
        Some("ruimtes/atelier-noord/")
    );
    assert!(home.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
    let search = read(&out, "zoeken/index.html");
    assert!(search.contains("<ol id=\"zoek-resultaten\"") && search.contains("aria-live=\"polite\""));
    assert!(
        search.contains("href=\"/ruimtes/\""),
        "without JavaScript the page leads to the lists"
    );
}

/// With `--precompress`, every static file of text or code has a brotli and a gzip copy beside
/// it that unpack to the file itself; pictures do not; and the pages are as without it.
#[test]
fn precompress_writes_brotli_and_gzip_copies_of_the_static_files() {
    use std::io::Read as _;
    let dir = built(&["--precompress"]);
    let out = dir.path().join("public");
    let mut compressed = 0;
    for entry in fs::read_dir(out.join("static/search"))
        .unwrap()
        .chain(fs::read_dir(out.join("static")).unwrap())
    {
        let path = entry.unwrap().path();
        let name = path.to_string_lossy().to_string();
        if path.is_dir() || name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let original = fs::read(&path).unwrap();
        let (br, gz) = (PathBuf::from(format!("{name}.br")), PathBuf::from(format!("{name}.gz")));
        if !ruimte::render::assets::is_compressible(&name) {
            assert!(!br.exists() && !gz.exists(), "{name} is not compressed");
            continue;
        }
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&fs::read(&br).unwrap()[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(&gz).unwrap()[..])
            .read_to_end(&mut ungzip)
            .unwrap();
        assert!(unbrotli == original && ungzip == original, "{name}");
        compressed += 1;
    }
    assert!(compressed >= 6, "the readers, their glue, the scripts and the style");
    // The index heads, gzipped inside, get a brotli copy of their unpacked bytes: what the browser
    // then receives and reads as it is.
    for head in ["search/index.bin", "search/suggest.bin"] {
        let shipped = fs::read(out.join(head)).unwrap();
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&fs::read(out.join(format!("{head}.br"))).unwrap()[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, ruimte::search::unpack(&shipped).unwrap(), "{head}");
        assert!(
            !out.join(format!("{head}.gz")).exists(),
            "{head} is gzipped inside already"
        );
    }
    let plain = built(&[]);
    assert_eq!(
        read(&out, "index.html"),
        read(&plain.path().join("public"), "index.html")
    );
}

#[test]
fn contributors_get_a_web_form_and_hosts_get_the_page_policy() {
    let dir = built(&[]);
    let out = dir.path().join("public");
    let admin = read(&out, "admin/index.html");
    assert!(admin.contains(&format!(
        "src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"",
        ruimte::form::decap::DECAP_SCRIPT,
        ruimte::form::decap::DECAP_INTEGRITY
    )));
    assert!(admin.contains("rel=\"cms-config-url\""));
    let config: serde_yaml::Value = serde_yaml::from_str(&read(&out, "admin/config.yml")).unwrap();
    assert_eq!(config["backend"]["repo"].as_str(), Some("example/ruimte"));
    assert_eq!(
        config["collections"][0]["folder"].as_str(),
        Some("tests/fixtures/valid/spaces")
    );

    // The form is kept out of the sitemap, search engines and the search index; public pages load
    // nothing from another host.
    assert!(!read(&out, "sitemap.xml").contains("admin"));
    assert!(read(&out, "robots.txt").contains("Disallow: /admin/"));
    for (name, bytes) in files(&out) {
        if name.ends_with(".html") && !name.starts_with("admin/") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("unpkg.com") && !html.contains("admin/"), "{name}");
        }
    }

    // Every page path has the strict policy as a header, and /admin/ only its own.
    let headers = read(&out, "_headers");
    let rules: Vec<(&str, &str)> = headers
        .split("\n/")
        .skip(1)
        .map(|rule| rule.split_once('\n').unwrap())
        .collect();
    for page in [
        "",
        "ruimtes/*",
        "praktijken/*",
        "gidsen/*",
        "over/*",
        "zoeken/*",
        "404.html",
    ] {
        let (_, value) = rules
            .iter()
            .find(|(path, _)| *path == page)
            .unwrap_or_else(|| panic!("no rule for /{page}"));
        assert!(value.contains("script-src 'self' 'wasm-unsafe-eval';") && value.contains("frame-ancestors 'none'"));
    }
    let admin_rules: Vec<_> = rules.iter().filter(|(path, _)| path.starts_with("admin")).collect();
    assert_eq!(admin_rules.len(), 1);
    assert!(admin_rules[0].1.contains("https://unpkg.com"));
    assert!(!rules.iter().any(|(path, _)| *path == "*"), "no rule overlaps /admin/");
}

#[test]
fn rebuilds_that_reuse_earlier_pages_equal_a_fresh_build() {
    let site = copy_fixture("valid");
    let theme = tempfile::tempdir().unwrap();
    copy_dir(Path::new(THEME), theme.path());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let rebuild = |note: &str| {
        let output = build_with_theme(site.path(), &out, theme.path(), &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{note}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let fresh = tempfile::tempdir().unwrap();
        let output = build_with_theme(site.path(), &fresh.path().join("public"), theme.path(), &[]);
        assert_eq!(output.status.code(), Some(0));
        assert!(
            files(&out) == files(&fresh.path().join("public")),
            "{note}: the rebuild differs from a fresh build"
        );
        stdout(&output)
    };
    rebuild("first");
    rebuild("second (makes the spare)");
    // From here on the spare is recycled and its unchanged pages are kept.
    edit(
        &site.path().join("spaces/atelier-noord.md"),
        "name: Atelier Noord",
        "name: Atelier Noordzee",
    );
    rebuild("an entry's name");
    assert!(read(&out, "praktijken/oefenkot-gent/index.html").contains("Atelier Noordzee"));
    edit(
        &theme.path().join("templates/list.html"),
        "{% block main %}",
        "{% block main %}<p class=\"lijst\">lijst</p>",
    );
    rebuild("a list template");
    assert!(read(&out, "ruimtes/index.html").contains("<p class=\"lijst\">lijst</p>"));
    // The header is rendered once per build, not per page; every page still follows an edit.
    edit(
        &theme.path().join("templates/header.html"),
        "<div class=\"wrap\">",
        "<div class=\"wrap kop\">",
    );
    rebuild("the header");
    assert!(read(&out, "ruimtes/atelier-noord/index.html").contains("<div class=\"wrap kop\">"));
    assert!(read(&out, "ruimtes/index.html").contains("<div class=\"wrap kop\">"));
    // Cards too are rendered once per build; an edit reaches every list and related section.
    edit(
        &theme.path().join("templates/card.html"),
        "<a class=\"card-title\"",
        "<a class=\"card-title kaart\"",
    );
    rebuild("the card");
    assert!(read(&out, "ruimtes/index.html").contains("card-title kaart"));
    assert!(read(&out, "praktijken/oefenkot-gent/index.html").contains("card-title kaart"));
    edit(
        &theme.path().join("i18n/nl.toml"),
        "skip_link = \"",
        "skip_link = \"Meteen ",
    );
    rebuild("an interface string");
    assert!(read(&out, "gidsen/bruikleen/index.html").contains(">Meteen "));
    fs::remove_file(site.path().join("spaces/minimal-space.md")).unwrap();
    rebuild("a removed entry");
    assert!(!out.join("ruimtes/minimal-space/index.html").exists());
}

/// The value keys a finder row has in the group `key` of `data`.
fn finder_values(data: &serde_json::Value, row: &serde_json::Value, key: &str) -> Vec<String> {
    let groups = data["groups"].as_array().unwrap();
    let g = groups
        .iter()
        .position(|g| g["key"] == key)
        .unwrap_or_else(|| panic!("no group {key}"));
    row["g"][g]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            groups[g]["values"][i.as_u64().unwrap() as usize]["key"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The lists of spaces and practices carry what their finder needs: every entry's values per
/// group (unknown as its own value, never as "no"), its figures, its place in each order, and
/// its card as the list page shows it.
#[test]
fn the_lists_of_spaces_and_practices_carry_a_finder() {
    let dir = built(&[]);
    let out = dir.path().join("public");
    let list = read(&out, "ruimtes/index.html");
    assert!(list.contains("data-data=\"/ruimtes/filters.json\""), "{list}");
    let data: serde_json::Value = serde_json::from_str(&read(&out, "ruimtes/filters.json")).unwrap();
    let rows = data["entries"].as_array().unwrap();
    let row = |slug: &str| rows.iter().find(|r| r["k"] == slug).unwrap_or_else(|| panic!("{slug}"));
    let (full, bare) = (row("atelier-noord"), row("minimal-space"));
    for (group, full_values, bare_values) in [
        ("kind", vec!["atelier"], vec!["podium"]),
        ("place", vec!["gent"], vec!["brussel"]),
        ("province", vec!["oost-vlaanderen"], vec!["brussel"]),
        ("price", vec!["per-maand"], vec!["onbekend"]),
        ("availability", vec!["wachtlijst"], vec!["onbekend"]),
        ("wheelchair", vec!["beperkt"], vec!["onbekend"]),
        ("audience", vec!["professionals"], vec!["onbekend"]),
        ("tenure", vec!["tijdelijk"], vec!["onbekend"]),
    ] {
        assert_eq!(finder_values(&data, full, group), full_values, "{group}");
        assert_eq!(finder_values(&data, bare, group), bare_values, "{group}");
    }
    let ranges: Vec<&str> = data["ranges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(ranges, ["price", "size", "capacity"]);
    assert_eq!(full["r"], serde_json::json!([120.0, 35.5, 4.0]));
    assert_eq!(
        bare["r"],
        serde_json::json!([null, null, null]),
        "unknown figures stay unknown"
    );
    // By size, the known one first; by name, "Atelier" before "Een".
    let sorts: Vec<&str> = data["sorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    let at = |row: &serde_json::Value, sort: &str| {
        row["s"][sorts.iter().position(|s| *s == sort).unwrap()]
            .as_u64()
            .unwrap()
    };
    assert!(at(full, "size") < at(bare, "size") && at(full, "name") < at(bare, "name"));
    assert!(
        data["groups"][0]["label"] == "Soort ruimte",
        "labels in the site's language"
    );
    // The cards the script fetches are the cards on the list, in list order, a file of them at
    // a time.
    assert_eq!(data["cards"], "/ruimtes/kaarten.{n}.html");
    let file = read(&out, "ruimtes/kaarten.0.html");
    let position = |slug: &str| rows.iter().position(|r| r["k"] == slug).unwrap();
    let in_file: Vec<&str> = file.split("<li class=\"card").skip(1).collect();
    assert_eq!(in_file.len(), rows.len(), "two cards, one file");
    assert!(in_file[position("atelier-noord")].contains("€ 120 per maand"), "{file}");
    for card in in_file {
        assert!(list.contains(card.trim()), "the file holds the list's cards: {card}");
    }

    let practices: serde_json::Value = serde_json::from_str(&read(&out, "praktijken/filters.json")).unwrap();
    let practice = &practices["entries"][0];
    assert_eq!(finder_values(&practices, practice, "theme"), ["infrastructuur"]);
    assert_eq!(finder_values(&practices, practice, "role"), ["eigenaar", "facilitator"]);
    assert_eq!(
        finder_values(&practices, practice, "province"),
        ["brussel", "oost-vlaanderen"]
    );
    // Guides have no finder.
    assert!(!out.join("gidsen/filters.json").exists());
    // A facet page leads into the finders with its value chosen.
    let gent = read(&out, "plaatsen/gent/index.html");
    for link in ["href=\"/ruimtes/?place=gent\"", "href=\"/praktijken/?place=gent\""] {
        assert!(gent.contains(link), "{link} in {gent}");
    }
}

/// With the repository's shapes, the map draws Belgium's provinces and names the larger places;
/// spaces in one municipality make one marker with their count that leads to their list; each
/// province with spaces has a map of its own.
#[test]
fn the_map_draws_the_provinces_and_one_marker_per_place() {
    let site = copy_fixture("valid");
    fs::create_dir_all(site.path().join("data/geo")).unwrap();
    fs::copy(
        "content/data/geo/belgium.json",
        site.path().join("data/geo/belgium.json"),
    )
    .unwrap();
    let atelier = fs::read_to_string(site.path().join("spaces/atelier-noord.md")).unwrap();
    fs::write(
        site.path().join("spaces/atelier-zuid.md"),
        atelier.replace("Atelier Noord", "Atelier Zuid"),
    )
    .unwrap();
    let dir = built_from(site.path());
    let out = dir.path().join("public");
    let map = read(&out, "kaart/index.html");
    assert_eq!(
        map.matches("class=\"map-province ").count(),
        11,
        "ten provinces and Brussels"
    );
    assert!(
        map.contains("<path class=\"map-border\" d=\"M"),
        "the outline and the regions' borders"
    );
    assert!(map.matches("class=\"map-name\"").count() >= 1);
    assert!(
        map.contains(
            "<a class=\"map-marker\" href=\"#plaats-gent\" aria-label=\"Gent: 2 ruimtes\" data-place=\"Gent\""
        ),
        "one marker for both spaces in Gent"
    );
    let list = &map[map.find("<li id=\"plaats-gent\">").expect("the marker's list")..];
    let list = &list[..list.find("</li>\n").unwrap()];
    assert!(
        list.contains(">Atelier Noord</a>") && list.contains(">Atelier Zuid</a>"),
        "{list}"
    );
    // A map per province with spaces, linked from the whole map; none for the others.
    assert!(map.contains("href=\"/kaart/oost-vlaanderen/\""));
    let province = read(&out, "kaart/oost-vlaanderen/index.html");
    assert!(province.contains("<h1>Ruimtes in Oost-Vlaanderen</h1>") && province.contains("Gent: 2 ruimtes"));
    assert!(!province.contains("Een minimale ruimte"), "only the province's spaces");
    assert!(!out.join("kaart/limburg").exists());
    assert!(read(&out, "fr/kaart/oost-vlaanderen/index.html").contains("Gand : 2 espaces"));
}

#[test]
fn damaged_map_shapes_are_reported_with_their_file() {
    let site = copy_fixture("valid");
    fs::create_dir_all(site.path().join("data/geo")).unwrap();
    fs::write(
        site.path().join("data/geo/belgium.json"),
        "{\"type\": \"FeatureCollection\", \"features\": [{]}",
    )
    .unwrap();
    let output = ruimte(&["check", "--content", site.path().to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[invalid-geojson]") && text.contains("data/geo/belgium.json"),
        "{text}"
    );
}

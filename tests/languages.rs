//! One build writes the site in Dutch at the root and in French and English under `/fr/` and
//! `/en/`: every page in each, with its language named, a switch and `hreflang` alternates that
//! lead to the same page in the others, the interface in the page's language, and what
//! contributors wrote marked as Dutch.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{fixture, ruimte};

/// `ruimte build` of the valid fixture with the settings in `config`, into `out`.
fn build_fixture(config: &Path, out: &Path) -> std::process::Output {
    ruimte(&[
        "build",
        "--content",
        fixture("valid").to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// The valid fixture, built with its settings (which list no languages: the default three).
fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = build_fixture(&fixture("site.toml"), &dir.path().join("public"));
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// Every HTML page under `dir`, by its path relative to `dir`, outside the other languages'
/// folders when `dir` is the root.
fn pages(dir: &Path, skip: &[&str]) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string();
            let skipped = skip.iter().any(|s| relative.starts_with(&format!("{s}/")));
            (!skipped && !relative.starts_with("admin/")).then(|| (relative, fs::read_to_string(e.path()).unwrap()))
        })
        .collect()
}

/// The values of `attribute` on the tags named `tag` in `html`.
fn attributes<'h>(html: &'h str, tag: &str, attribute: &str) -> Vec<&'h str> {
    let needle = format!(" {attribute}=\"");
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| {
            let tag_end = rest.find('>')?;
            let inside = format!(" {}", &rest[..tag_end]);
            let at = inside.find(&needle)? + needle.len();
            let value = &inside[at..at + inside[at..].find('"')?];
            // As a slice of `html`: the tag's text starts one byte before `inside` does.
            let start = rest.as_ptr() as usize - html.as_ptr() as usize + at - 1;
            Some(&html[start..start + value.len()])
        })
        .collect()
}

/// Where an address of the site is in the output: `/fr/ruimtes/a/` is `fr/ruimtes/a/index.html`.
fn file_of(out: &Path, href: &str) -> PathBuf {
    let path = href.trim_start_matches("https://example.org").trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

#[test]
fn every_page_exists_in_three_languages_with_its_language_named() {
    let dir = built();
    let out = dir.path().join("public");
    let dutch = pages(&out, &["fr", "en"]);
    assert!(dutch.len() > 30, "{} Dutch pages", dutch.len());
    for language in ["fr", "en"] {
        let translated = pages(&out.join(language), &[]);
        let lacking: Vec<&String> = dutch.keys().filter(|p| !translated.contains_key(*p)).collect();
        assert!(lacking.is_empty(), "{language} lacks {lacking:?}");
        // Whole pages, not the fragments of cards the finder fetches.
        for (path, html) in translated.iter().filter(|(_, h)| h.contains("<html")) {
            assert!(
                html.contains(&format!("<html lang=\"{language}\"")),
                "{language}/{path}"
            );
        }
    }
    for (path, html) in dutch.iter().filter(|(_, h)| h.contains("<html")) {
        assert!(html.contains("<html lang=\"nl\""), "{path}");
    }
    // One set of static files, one index and one feed for all.
    for shared in ["static", "search", "data/spaces.json", "feed.xml"] {
        assert!(!out.join("fr").join(shared).exists(), "fr/{shared}");
    }
}

#[test]
fn the_switch_and_the_alternates_lead_to_the_same_page_in_each_language() {
    let dir = built();
    let out = dir.path().join("public");
    let space = "ruimtes/atelier-noord/index.html";
    for (language, page) in [
        ("nl", space.to_string()),
        ("fr", format!("fr/{space}")),
        ("en", format!("en/{space}")),
    ] {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        let switch = html
            .split("<nav class=\"languages\"")
            .nth(1)
            .expect("a language switch");
        let switch = &switch[..switch.find("</nav>").unwrap()];
        let links = attributes(switch, "a", "href");
        assert_eq!(
            links,
            [
                "/ruimtes/atelier-noord/",
                "/fr/ruimtes/atelier-noord/",
                "/en/ruimtes/atelier-noord/"
            ],
            "{page}"
        );
        assert!(
            switch.contains(&format!(
                "hreflang=\"{language}\" lang=\"{language}\" aria-current=\"true\""
            )),
            "{page}: {switch}"
        );
        let alternates: Vec<&str> = attributes(&html, "link", "hreflang");
        assert_eq!(alternates, ["nl", "fr", "en", "x-default"], "{page}");
        for href in attributes(&html, "link", "href")
            .into_iter()
            .filter(|h| h.starts_with("https://example.org/"))
        {
            assert!(file_of(&out, href).is_file(), "{page}: {href} leads nowhere");
        }
        assert!(
            html.contains("href=\"https://example.org/fr/ruimtes/atelier-noord/\""),
            "{page}: absolute alternates"
        );
    }
    // Every link of every French page leads to a file of the site: the switch, the menu, the
    // cards, the static files and the index.
    for (path, html) in pages(&out.join("fr"), &[]) {
        for href in attributes(&html, "a", "href")
            .into_iter()
            .chain(attributes(&html, "link", "href"))
        {
            if href.starts_with('/') && !href.starts_with("//") {
                let target = file_of(&out, href.split(['#', '?']).next().unwrap());
                assert!(target.exists(), "fr/{path}: {href} leads nowhere");
            }
        }
    }
}

/// A page's interface in French or English holds no Dutch interface string: every Dutch string
/// that its translation changes, shown whole as an element's text or an attribute's value.
#[test]
fn french_and_english_pages_show_no_dutch_interface_string() {
    let dir = built();
    let out = dir.path().join("public");
    let catalogue = |language: &str| -> BTreeMap<String, String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{language}.toml"));
        toml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
    };
    let dutch = catalogue("nl");
    for language in ["fr", "en"] {
        let translated = catalogue(language);
        let telling: Vec<&String> = dutch
            .iter()
            .filter(|(key, text)| {
                text.chars().count() >= 4
                    && !text.contains('{')
                    && translated.get(*key).is_some_and(|t| t != *text)
                    && !translated.values().any(|t| t == *text)
            })
            .map(|(_, text)| text)
            .collect();
        assert!(telling.len() > 200, "{} strings to look for", telling.len());
        let mut found = Vec::new();
        for (path, html) in pages(&out.join(language), &[]) {
            for text in &telling {
                let escaped = text.replace('&', "&amp;").replace('"', "&quot;");
                // As an element's whole text, unless the element says it is Dutch (what a
                // contributor wrote), or as an attribute's whole value.
                let element = format!(">{escaped}<");
                let as_text = html
                    .match_indices(&element)
                    .any(|(at, _)| !html[..at].ends_with("lang=\"nl\""));
                if as_text || html.contains(&format!("=\"{escaped}\"")) {
                    found.push(format!("{language}/{path}: {text:?}"));
                }
            }
        }
        found.truncate(20);
        assert!(found.is_empty(), "{}", found.join("\n"));
    }
}

#[test]
fn what_contributors_wrote_is_marked_dutch_on_other_pages_with_a_note() {
    let dir = built();
    let out = dir.path().join("public");
    let french = fs::read_to_string(out.join("fr/ruimtes/atelier-noord/index.html")).unwrap();
    assert!(french.contains("<h1 lang=\"nl\">"), "the title is Dutch");
    assert!(
        french.contains("Cette fiche est rédigée en néerlandais."),
        "the note says so"
    );
    let list = fs::read_to_string(out.join("en/ruimtes/index.html")).unwrap();
    assert!(
        list.contains("class=\"card-title\" href=\"/en/ruimtes/atelier-noord/\" lang=\"nl\""),
        "cards too"
    );
    let dutch = fs::read_to_string(out.join("ruimtes/atelier-noord/index.html")).unwrap();
    assert!(
        dutch.contains("<h1>") && !dutch.contains("Cette fiche"),
        "a Dutch page needs neither"
    );
}

#[test]
fn a_translated_title_and_summary_show_on_their_language_pages() {
    let dir = built();
    let out = dir.path().join("public");
    let read = |path: &str| fs::read_to_string(out.join(path)).unwrap();

    // The fixture's guide has a French title and summary, and an English title only.
    let french = read("fr/gidsen/bruikleen/index.html");
    assert!(
        french.contains("<h1>Prêt à usage</h1>"),
        "French title, in the page's language"
    );
    assert!(
        french.contains("<p class=\"lead\">Un propriétaire laisse quelqu&#39;un utiliser"),
        "French summary under it"
    );
    assert!(
        french.contains("Le reste de cette fiche est rédigé en néerlandais.")
            && !french.contains("Cette fiche est rédigée"),
        "the note says only the rest is Dutch"
    );
    assert!(french.contains("<title>Prêt à usage"), "the window title too");

    let english = read("en/gidsen/bruikleen/index.html");
    assert!(english.contains("<h1>Loan for use</h1>"));
    assert!(
        english.contains("<p class=\"lead\" lang=\"nl\">Een eigenaar laat iemand"),
        "without an English summary, the Dutch one, marked Dutch"
    );

    // Cards on the lists follow the same rule; the Dutch site keeps the original.
    let french_list = read("fr/gidsen/index.html");
    assert!(french_list.contains("class=\"card-title\" href=\"/fr/gidsen/bruikleen/\">Prêt à usage</a>"));
    let dutch = read("gidsen/bruikleen/index.html");
    assert!(dutch.contains("<h1>Bruikleen</h1>") && !dutch.contains("Prêt à usage</h1>"));
    // An entry without translations keeps its Dutch title, marked, and the whole-entry note.
    let untranslated = read("fr/ruimtes/atelier-noord/index.html");
    assert!(untranslated.contains("Cette fiche est rédigée en néerlandais."));
}

#[test]
fn translations_find_their_entry_in_search_and_suggestions() {
    let search = |args: &[&str]| {
        let content = fixture("valid");
        let config = fixture("site.toml");
        let mut all = vec![
            "search",
            "--content",
            content.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
            "--json",
        ];
        all.extend_from_slice(args);
        let output = ruimte(&all);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    // "loan" is only in the English title.
    assert!(
        search(&["loan"]).contains("bruikleen"),
        "the English title's words find the guide"
    );
    assert!(search(&["--suggest", "loan"]).contains("bruikleen"), "and suggest it");
    // Results and suggestions carry the titles, for the French and English pages to show.
    for args in [&["bruikleen"][..], &["--suggest", "bruikleen"]] {
        let answer: serde_json::Value = serde_json::from_str(&search(args)).unwrap();
        let titles = &answer["hits"][0]["titles"];
        assert_eq!(titles["fr"], "Prêt à usage", "{args:?}: {answer}");
        assert_eq!(titles["en"], "Loan for use", "{args:?}: {answer}");
    }
    assert!(!search(&["loan"]).contains("oefenkot-gent"), "and nothing else");
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let dir = built();
    let sitemap = fs::read_to_string(dir.path().join("public/sitemap.xml")).unwrap();
    for language in ["", "fr/", "en/"] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.org/{language}ruimtes/atelier-noord/</loc>"
            )),
            "{language}"
        );
    }
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/ruimtes/atelier-noord/\"/>"
    ));
}

#[test]
fn a_site_in_one_language_writes_no_folders_and_no_switch() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("site.toml");
    let settings = fs::read_to_string(fixture("site.toml")).unwrap();
    fs::write(
        &config,
        settings.replace("language = \"nl\"", "language = \"nl\"\nlanguages = [\"nl\"]"),
    )
    .unwrap();
    let out = dir.path().join("public");
    let output = build_fixture(&config, &out);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!out.join("fr").exists() && !out.join("en").exists());
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!home.contains("class=\"languages\"") && !home.contains("hreflang"));
    // A language the root does not have, or twice, is refused with the setting named.
    fs::write(
        &config,
        settings.replace("language = \"nl\"", "language = \"nl\"\nlanguages = [\"fr\", \"de\"]"),
    )
    .unwrap();
    let output = build_fixture(&config, &dir.path().join("other"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("languages"), "{stderr}");
}

/// The open data stays one set, and names every key in the three languages.
#[test]
fn the_open_data_names_every_key_in_three_languages() {
    let dir = built();
    let out = dir.path().join("public");
    let text = fs::read_to_string(out.join("data/vocabularies.json")).unwrap();
    let vocabularies: serde_json::Value = serde_json::from_str(&text).unwrap();
    let gent = vocabularies["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "gent")
        .expect("Gent among the places");
    assert_eq!(
        (&gent["nl"], &gent["fr"], &gent["en"]),
        (&"Gent".into(), &"Gand".into(), &"Ghent".into())
    );
    for kind in [
        "places",
        "provinces",
        "disciplines",
        "space-kinds",
        "facilities",
        "themes",
        "tags",
    ] {
        let entries = vocabularies[kind].as_array().unwrap();
        assert!(!entries.is_empty(), "{kind}");
        assert!(
            entries.iter().all(|e| ["nl", "fr", "en"]
                .iter()
                .all(|l| e[l].as_str().is_some_and(|s| !s.is_empty()))),
            "{kind}: a label missing"
        );
    }
    // The French open data page links the same file.
    let page = fs::read_to_string(out.join("fr/data/index.html")).unwrap();
    assert!(
        page.contains("href=\"/data/vocabularies.json\""),
        "linked from the page"
    );
    assert!(!out.join("fr/data/vocabularies.json").exists());
}

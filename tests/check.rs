//! `ruimte check` as a contributor meets it: every problem in the fixtures is reported with its
//! file, line and field, the output formats are right, and the exit code tells CI what happened.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{copy_fixture, fixture, ruimte, stdout};
use serde_json::Value;

/// (file, line, field, code): every diagnostic the broken fixture must produce, and no others.
#[rustfmt::skip]
const BROKEN: &[(&str, usize, &str, &str)] = &[
    ("data/space-kinds.yaml", 10, "[1].synonyms[0]", "ambiguous-synonym"),
    ("data/space-kinds.yaml", 11, "[2]", "missing-label"),
    ("data/tags.yaml", 5, "[1].key", "duplicate-key"),
    ("events/feest.md", 0, "", "unknown-folder"),
    ("guides/bad-level.md", 12, "compare.use.security_of_tenure", "unknown-value"),
    ("guides/bad-fit.md", 22, "compare.fits.term[1]", "unknown-value"),
    ("guides/missing-compare-field.md", 6, "compare.risks", "missing-field"),
    ("guides/wrong-family.md", 6, "compare", "missing-field"),
    ("guides/wrong-family.md", 10, "compare.use", "wrong-family"),
    ("pages/kaart.md", 0, "", "reserved-slug"),
    ("practices/bad-period.md", 8, "period.end", "date-order"),
    ("practices/dup.md", 0, "", "duplicate-slug"),
    ("practices/stale-translation.md", 12, "translations.fr.translated", "stale-translation"),
    ("practices/stale-translation.md", 14, "translations.en", "empty-translation"),
    ("practices/translation-language.md", 10, "translations.de", "unknown-field"),
    ("practices/unknown-related.md", 6, "related[0]", "unknown-related"),
    ("practices/unknown-related.md", 6, "related[1]", "unknown-related"),
    ("practices/unknown-role.md", 6, "local_government_roles[1]", "unknown-value"),
    ("spaces/Bad_Slug.md", 0, "", "invalid-slug"),
    ("spaces/bad-date.md", 7, "last_verified", "wrong-type"),
    ("spaces/bad-email.md", 6, "contact.email", "invalid-email"),
    ("spaces/bad-enum.md", 6, "accessibility.wheelchair", "unknown-value"),
    ("spaces/bad-postcode.md", 7, "address.postcode", "invalid-postcode"),
    ("spaces/bad-url.md", 6, "contact.website", "invalid-url"),
    ("spaces/bom-crlf.md", 4, "kinds[0]", "unknown-key"),
    ("spaces/dup-name-b.md", 2, "name", "duplicate-name"),
    ("spaces/duplicate-key.md", 3, "name", "duplicate-field"),
    ("spaces/empty-file.md", 1, "", "empty-file"),
    ("spaces/empty-front-matter.md", 1, "", "front-matter-not-fields"),
    ("spaces/front-matter-list.md", 1, "", "front-matter-not-fields"),
    ("spaces/future-date.md", 7, "last_verified", "future-date"),
    ("spaces/future-source.md", 8, "source_date", "future-date"),
    ("spaces/geo-out-of-range.md", 6, "geo", "invalid-geo"),
    ("spaces/index.md", 0, "", "reserved-slug"),
    ("spaces/geo-outside-belgium.md", 5, "geo", "outside-belgium"),
    ("spaces/image-escape.md", 6, "images[0].file", "invalid-image-path"),
    ("spaces/image-no-alt.md", 7, "images[0].alt", "missing-alt"),
    ("spaces/javascript-link.md", 9, "", "unsafe-link"),
    ("spaces/list-as-string.md", 3, "kinds", "wrong-type"),
    ("spaces/missing-image.md", 6, "images[0].file", "missing-image"),
    ("spaces/missing-sources.md", 1, "sources", "missing-field"),
    ("spaces/multiple-errors.md", 5, "capacity", "wrong-type"),
    ("spaces/multiple-errors.md", 7, "accessibility.wheelchair", "unknown-value"),
    ("spaces/multiple-errors.md", 9, "contact.email", "invalid-email"),
    ("spaces/near-miss-kind.md", 3, "kinds[0]", "unknown-key"),
    ("spaces/negative-price.md", 7, "price.amount_eur", "invalid-number"),
    ("spaces/no-front-matter.md", 1, "", "no-front-matter"),
    ("spaces/non-utf8.md", 2, "", "not-utf8"),
    ("spaces/offer-without-kind.md", 1, "kinds", "empty-list"),
    ("spaces/raw-html.md", 11, "", "raw-html"),
    ("spaces/tabs.md", 4, "", "yaml-syntax"),
    ("spaces/unknown-field.md", 1, "name", "missing-field"),
    ("spaces/unknown-field.md", 2, "nmae", "unknown-field"),
    ("spaces/unknown-guide.md", 7, "tenure.legal_framework", "unknown-guide"),
    ("spaces/unknown-place.md", 4, "place", "unknown-key"),
    ("spaces/unterminated.md", 1, "", "unterminated-front-matter"),
    ("spaces/wrong-type.md", 5, "size_m2", "wrong-type"),
    ("spaces/yaml-syntax.md", 4, "", "yaml-syntax"),
];

fn json_diagnostics(content: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["check", "--content", content, "--format", "json"];
    args.extend_from_slice(extra);
    let output = ruimte(&args);
    assert!(
        output.stderr.is_empty(),
        "no panic or stray output: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: Value = serde_json::from_slice(&output.stdout).expect("--format json prints JSON");
    (
        output.status.code().expect("exit code"),
        parsed.as_array().expect("a list").clone(),
    )
}

fn key(d: &Value) -> (String, usize, String, String) {
    (
        d["file"].as_str().unwrap().to_string(),
        d["line"].as_u64().unwrap() as usize,
        d["field"].as_str().unwrap_or("").to_string(),
        d["code"].as_str().unwrap().to_string(),
    )
}

#[test]
fn every_broken_input_is_reported_at_its_file_line_and_field() {
    let (code, diagnostics) = json_diagnostics("tests/fixtures/broken", &[]);
    assert_eq!(code, 1, "errors exit with 1");
    let found: BTreeSet<_> = diagnostics.iter().map(key).collect();
    let expected: BTreeSet<_> = BROKEN
        .iter()
        .map(|(f, l, field, c)| (f.to_string(), *l, field.to_string(), c.to_string()))
        .collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    let unexpected: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "missing: {missing:#?}\nunexpected: {unexpected:#?}"
    );
    // At least 30 distinct broken files, each one problem a contributor could make.
    let files: BTreeSet<_> = BROKEN.iter().map(|(f, ..)| *f).collect();
    assert!(files.len() >= 30, "only {} broken inputs", files.len());
}

#[test]
fn diagnostics_are_sorted_by_file_then_line() {
    let (_, diagnostics) = json_diagnostics("tests/fixtures/broken", &[]);
    let order: Vec<_> = diagnostics.iter().map(|d| (key(d).0, key(d).1)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn diagnostics_say_what_was_found_expected_and_what_to_do() {
    let (_, diagnostics) = json_diagnostics("tests/fixtures/broken", &[]);
    let find = |file: &str, field: &str| {
        diagnostics
            .iter()
            .find(|d| d["file"] == file && d["field"].as_str().unwrap_or("") == field)
            .unwrap_or_else(|| panic!("{file} {field}"))
            .clone()
    };
    let near_miss = find("spaces/near-miss-kind.md", "kinds[0]");
    assert_eq!(near_miss["hint"], "did you mean `repetitieruimte`?");
    assert_eq!(near_miss["found"], "`repetitieruimt`");
    let typo = find("spaces/unknown-field.md", "nmae");
    assert_eq!(typo["hint"], "did you mean `name`?");
    let enum_value = find("spaces/bad-enum.md", "accessibility.wheelchair");
    assert_eq!(enum_value["expected"], "one of `ja`, `beperkt`, `nee`, `onbekend`");
    let guide = find("spaces/unknown-guide.md", "tenure.legal_framework");
    assert_eq!(guide["hint"], "did you mean `bruikleen`?");
    let tabs = find("spaces/tabs.md", "");
    assert!(tabs["hint"].as_str().unwrap().contains("tabs"));
    let utf8 = find("spaces/non-utf8.md", "");
    assert_eq!((utf8["line"].as_u64(), utf8["column"].as_u64()), (Some(2), Some(10)));
    let outside = find("spaces/geo-outside-belgium.md", "geo");
    assert_eq!(outside["severity"], "warning");
}

#[test]
fn the_valid_fixture_checks_clean() {
    let output = ruimte(&["check", "--content", "tests/fixtures/valid"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("checked 5 entries: no problems"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_repository_content_checks_clean() {
    let output = ruimte(&["check", "--content", "content"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn human_output_points_at_file_line_and_column() {
    let output = ruimte(&["check", "--content", "tests/fixtures/broken"]);
    let text = stdout(&output);
    assert!(text.contains("error[unknown-key]: `repetitieruimt` is not in space-kinds.yaml\n  --> spaces/near-miss-kind.md:3:9 (field `kinds[0]`)"), "{text}");
    assert!(text.contains("   hint: did you mean `repetitieruimte`?"), "{text}");
    assert!(
        text.lines().last().unwrap().ends_with("error(s), 3 warning(s)"),
        "{text}"
    );
}

#[test]
fn github_format_prints_annotations_with_repository_paths() {
    let output = ruimte(&["check", "--content", "tests/fixtures/broken", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.contains("wrong-type.md"))
        .expect("an annotation for wrong-type.md");
    assert!(
        line.starts_with("::error file=tests/fixtures/broken/spaces/wrong-type.md,line=5,col=10,title=wrong-type (size_m2)::expected a number%0A"),
        "{line}"
    );
    assert!(text
        .lines()
        .any(|l| l.starts_with("::warning file=tests/fixtures/broken/spaces/geo-outside-belgium.md,line=5")));
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "one annotation per line"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(ruimte(&["check", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(ruimte(&["check", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(ruimte(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_missing_content_folder_is_an_error_not_a_panic() {
    let output = ruimte(&["check", "--content", "tests/fixtures/does-not-exist"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("error[no-content-folder]"));
}

#[test]
fn stale_lists_entries_older_than_the_limit_as_warnings() {
    // In the valid fixture: checked 2024-01-01, 2025-01-01, 2025-06-01 and (guide) 2026-01-15.
    let (code, diagnostics) = json_diagnostics("tests/fixtures/valid", &["--stale", "365"]);
    assert_eq!(code, 0, "stale entries are warnings");
    let stale: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "stale")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        stale,
        [
            "practices/oefenkot-gent.md",
            "spaces/atelier-noord.md",
            "spaces/minimal-space.md"
        ]
    );
    let (_, none) = json_diagnostics("tests/fixtures/valid", &["--stale", "2000"]);
    assert!(none.is_empty());
}

#[test]
fn huge_files_and_links_outside_the_content_folder_are_refused() {
    let site = copy_fixture("valid");
    let spaces = site.path().join("spaces");
    let mut huge = fs::read_to_string(spaces.join("minimal-space.md"))
        .unwrap()
        .replace("Een minimale ruimte", "Groot");
    huge.push_str(&"Heel lange tekst. ".repeat(70_000));
    fs::write(spaces.join("huge.md"), huge).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "---\nname: x\n---\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path().join("secret.md"), spaces.join("escape.md")).unwrap();
        // A link that stays inside the content folder is fine.
        std::os::unix::fs::symlink(spaces.join("minimal-space.md"), spaces.join("alias.md")).unwrap();
    }
    let (code, diagnostics) = json_diagnostics(site.path().to_str().unwrap(), &[]);
    assert_eq!(code, 1);
    let found: BTreeSet<_> = diagnostics.iter().map(|d| (key(d).0, key(d).3)).collect();
    let mut expected = vec![("spaces/huge.md".to_string(), "file-too-large".to_string())];
    if cfg!(unix) {
        expected.push(("spaces/escape.md".into(), "symlink-outside".into()));
        // The link inside is read, and is then the same space twice.
        expected.push(("spaces/minimal-space.md".into(), "duplicate-name".into()));
    }
    assert_eq!(found, expected.into_iter().collect());
}

#[test]
fn no_prefix_of_a_valid_entry_makes_the_checker_panic() {
    let site = copy_fixture("valid");
    let path = site.path().join("spaces/atelier-noord.md");
    let full = fs::read(&path).unwrap();
    let options = ruimte::content::validate::Options {
        today: ruimte::content::model::Date::parse(common::TODAY).unwrap(),
        stale_days: Some(1),
    };
    // Every cut of the file, including ones inside a UTF-8 character or a YAML token.
    for len in (0..full.len()).step_by(3) {
        fs::write(&path, &full[..len]).unwrap();
        let outcome = ruimte::cmd::check::check(site.path(), &options);
        let here: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.file == "spaces/atelier-noord.md")
            .collect();
        assert!(
            !here.is_empty() || len == 0 && outcome.has_errors(),
            "cut at {len} must be reported"
        );
        assert!(
            here.iter().all(|d| d.line <= 60),
            "lines stay inside the file: {here:?}"
        );
    }
}

#[test]
fn schema_lists_fields_and_vocabulary_keys() {
    let out = tempfile::tempdir().unwrap();
    let output = ruimte(&[
        "schema",
        "--content",
        fixture("valid").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    for name in ["space", "practice", "guide", "page"] {
        assert!(out.path().join(format!("{name}.schema.json")).is_file(), "{name}");
    }
    let space: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("space.schema.json")).unwrap()).unwrap();
    let defs = space
        .get("definitions")
        .or_else(|| space.get("$defs"))
        .expect("definitions");
    assert_eq!(
        defs["SpaceKindKey"]["enum"],
        serde_json::json!(["atelier", "repetitieruimte", "podium"])
    );
    assert_eq!(defs["PlaceKey"]["enum"], serde_json::json!(["gent", "brussel"]));
    assert_eq!(
        space["properties"]["accessibility"]["allOf"][0]["$ref"],
        "#/definitions/Accessibility"
    );
    assert_eq!(
        defs["Wheelchair"]["enum"],
        serde_json::json!(["ja", "beperkt", "nee", "onbekend"])
    );
    assert_eq!(
        space["additionalProperties"], false,
        "typos must not pass in the editor either"
    );
}

//! `ruimte new`: a new entry of each type, with only its required fields filled in, passes
//! `ruimte check`; bad and taken slugs are refused.

mod common;

use common::copy_fixture;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn ruimte(args: &[&str], content: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ruimte"))
        .args(args)
        .arg("--content")
        .arg(content)
        .env("RUIMTE_TODAY", "2026-11-22")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("ruimte runs")
}

fn new(kind: &str, slug: &str, content: &Path) -> Output {
    let mut output = Command::new(env!("CARGO_BIN_EXE_ruimte"));
    output
        .args(["new", kind, slug, "--content"])
        .arg(content)
        .args(["--config", "tests/fixtures/site.toml"])
        .env("RUIMTE_TODAY", "2026-11-22")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    output.output().expect("ruimte runs")
}

/// Fills what a contributor must fill: every line the template left open (not commented out).
/// A value from a fixed list takes the first allowed value the comment above it names.
fn fill_required(text: &str) -> String {
    let mut allowed: Vec<String> = Vec::new();
    let mut out = String::new();
    let mut comment = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            comment.push_str(trimmed.trim_start_matches('#'));
            comment.push(' ');
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if let Some((_, list)) = comment.split_once("uit: ") {
            allowed = list
                .trim()
                .trim_end_matches('.')
                .split(", ")
                .map(|s| s.trim().to_string())
                .collect();
        }
        let filled = if let Some(key) = line.strip_suffix(" \"\"") {
            match allowed.first() {
                Some(value) if comment.contains("uit: ") => format!("{key} {value}"),
                // The template asks for a web address.
                _ if comment.contains("(https://…)") => format!("{key} https://example.org/"),
                _ => format!("{key} \"Ingevuld\""),
            }
        } else if let Some(key) = line.strip_suffix(" []") {
            match allowed.first() {
                Some(value) if comment.contains("uit: ") => format!("{key} [{value}]"),
                _ => format!("{key} [\"Ingevuld\"]"),
            }
        } else {
            line.to_string()
        };
        out.push_str(&filled);
        out.push('\n');
        comment.clear();
        allowed.clear();
    }
    out
}

#[test]
fn a_new_entry_of_each_type_with_only_its_required_fields_filled_passes_check() {
    let content = copy_fixture("valid");
    for (kind, folder) in [
        ("space", "spaces"),
        ("practice", "practices"),
        ("guide", "guides"),
        ("request", "requests"),
    ] {
        let slug = format!("nieuwe-{kind}");
        let output = new(kind, &slug, content.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let path = content.path().join(folder).join(format!("{slug}.md"));
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(&format!(
                "# yaml-language-server: $schema=https://example.org/data/schemas/{kind}.schema.json"
            )),
            "{text}"
        );
        assert!(text.contains("(verplicht)"), "required fields are marked");

        // As written, the required fields are empty and check says which.
        let unfilled = ruimte(&["check"], content.path());
        assert_eq!(unfilled.status.code(), Some(1));
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&unfilled.stdout),
            String::from_utf8_lossy(&unfilled.stderr)
        );
        assert!(said.contains(&format!("{folder}/{slug}.md")), "{said}");

        fs::write(&path, fill_required(&text)).unwrap();
        let checked = ruimte(&["check"], content.path());
        assert_eq!(
            checked.status.code(),
            Some(0),
            "{kind}:\n{}{}\n{}",
            String::from_utf8_lossy(&checked.stdout),
            String::from_utf8_lossy(&checked.stderr),
            fill_required(&text)
        );
    }
}

#[test]
fn every_field_of_the_type_is_in_the_new_entry() {
    let content = copy_fixture("valid");
    assert!(new("space", "alle-velden", content.path()).status.success());
    let text = fs::read_to_string(content.path().join("spaces/alle-velden.md")).unwrap();
    let schema: serde_json::Value = {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_ruimte"))
            .args(["schema", "--content"])
            .arg(content.path())
            .arg("--out")
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_str(&fs::read_to_string(dir.path().join("space.schema.json")).unwrap()).unwrap()
    };
    for field in schema["properties"].as_object().unwrap().keys() {
        assert!(
            text.lines()
                .any(|l| l.trim_start_matches("# ").starts_with(&format!("{field}:"))),
            "`{field}` is missing from the new entry"
        );
    }
    // The allowed values of a fixed list are named, from the vocabulary files.
    assert!(text.contains("Kies uit: gent, brussel."), "{text}");
}

#[test]
fn bad_and_taken_slugs_are_refused_and_nothing_is_overwritten() {
    let content = copy_fixture("valid");
    for bad in [
        "Atelier Noord",
        "atelier_noord",
        "atelier-",
        "atelier--noord",
        "../buiten",
        "ateliér",
    ] {
        let output = new("space", bad, content.path());
        assert_eq!(output.status.code(), Some(1), "{bad}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("not a valid slug"),
            "{bad}"
        );
    }
    assert!(!content.path().join("buiten.md").exists());

    // A slug taken by an entry of any type is refused, and the file is left as it was.
    let taken = fs::read_dir(content.path().join("practices"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let before = fs::read(&taken).unwrap();
    let slug = taken.file_stem().unwrap().to_str().unwrap();
    for kind in ["space", "practice"] {
        let output = new(kind, slug, content.path());
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    }
    assert_eq!(fs::read(&taken).unwrap(), before);
}

//! Every interface string the site can show has a Dutch text: the keys the templates read, the keys
//! the Rust code names, and the keys it makes from the model's names. A missing one would show as
//! its bare key (a build that asks for one fails; see `a_missing_string_fails_the_build`).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{copy_dir, fixture, ruimte};
use ruimte::content::model::keys::value_label_keys;
use ruimte::content::EntryKind;
use ruimte::render::theme::Theme;
use ruimte::site::labels::Strings;
use ruimte::site::quantities::QUANTITIES;
use ruimte::site::routes::{self, Facet, LISTED_KINDS};

const THEME: &str = "themes/default";

fn dutch() -> Strings {
    Strings::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(THEME).join("i18n"), "nl").unwrap()
}

fn missing(strings: &Strings, keys: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    keys.into_iter().filter(|k| !strings.contains(k)).collect()
}

#[test]
fn every_key_a_template_reads_has_a_dutch_string() {
    let theme = Theme::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(THEME)).unwrap();
    assert!(
        theme.template_keys.contains("skip_link"),
        "the templates' keys are found"
    );
    assert_eq!(missing(&dutch(), theme.template_keys.iter().cloned()), BTreeSet::new());
}

/// Keys made from the names of the model and the site: each value's label, each kind's and each
/// facet's name, each list and each filter.
#[test]
fn every_key_made_from_a_name_has_a_dutch_string() {
    let mut keys = value_label_keys();
    assert!(keys.contains(&"price_per-uur".to_string()));
    keys.extend(EntryKind::ALL.iter().map(|k| format!("kind_{}", k.id())));
    for kind in LISTED_KINDS {
        keys.push(format!("list_{}", kind.folder()));
        keys.push(format!("list_{}_intro", kind.folder()));
    }
    keys.extend(Facet::ALL.iter().map(|f| f.plural_key().to_string()));
    keys.extend(search_index::FILTER_GROUPS.iter().map(|g| format!("filter_{g}")));
    keys.extend(routes::menu().into_iter().map(|(key, _)| key.to_string()));
    keys.extend(QUANTITIES.iter().map(|q| q.label.to_string()));
    assert_eq!(missing(&dutch(), keys), BTreeSet::new());
}

/// Every literal that has the shape of a key in the code that makes pages and search documents.
/// Names that look like keys but are not: template variables, and the columns of the space's
/// numbers in the open data.
#[test]
fn every_key_the_code_names_has_a_dutch_string() {
    let mut not_keys = vec!["header_html", "footer_html", "kind_label", "title_lang", "summary_lang"];
    not_keys.extend(QUANTITIES.iter().map(|q| q.column));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut named = BTreeSet::new();
    for layer in ["render", "site", "search"] {
        for entry in walkdir::WalkDir::new(root.join(layer)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let source = fs::read_to_string(entry.path()).unwrap();
                named.extend(
                    key_literals(&source)
                        .into_iter()
                        .filter(|k| !not_keys.contains(&k.as_str())),
                );
            }
        }
    }
    assert!(
        named.contains("fact_place") && named.contains("stats_title"),
        "{named:?}"
    );
    assert_eq!(missing(&dutch(), named), BTreeSet::new());
}

/// `"word_word"` literals: lowercase words joined by underscores.
fn key_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('_')
                && !s.starts_with('_')
                && !s.ends_with('_')
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn a_missing_string_fails_the_build_and_names_it() {
    let theme = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(THEME), theme.path());
    let nl = theme.path().join("i18n/nl.toml");
    let text = fs::read_to_string(&nl).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("fact_capacity ="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, text);
    fs::write(&nl, without).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = ruimte(&[
        "build",
        "--content",
        fixture("valid").to_str().unwrap(),
        "--config",
        fixture("site.toml").to_str().unwrap(),
        "--theme",
        theme.path().to_str().unwrap(),
        "--out",
        out.path().join("public").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nl.toml has no string for `fact_capacity`"), "{stderr}");
    assert!(!out.path().join("public").exists(), "nothing is published");
}

/// The interface strings of a language, as written in its file (no fallback).
fn written(language: &str) -> std::collections::BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(THEME)
        .join("i18n")
        .join(format!("{language}.toml"));
    toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap()
}

/// The `{name}` placeholders of a string.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// French and English have every key Dutch has, nothing Dutch lacks, and the same placeholders
/// in each string: a French page never falls back to a Dutch string, or loses a count.
#[test]
fn french_and_english_have_every_key_with_its_placeholders() {
    let dutch = written("nl");
    for language in ["fr", "en"] {
        let strings = written(language);
        let lacking: Vec<&String> = dutch.keys().filter(|k| !strings.contains_key(*k)).collect();
        assert!(lacking.is_empty(), "{language}.toml lacks {lacking:?}");
        let extra: Vec<&String> = strings.keys().filter(|k| !dutch.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{language}.toml has keys Dutch does not: {extra:?}");
        for (key, text) in &strings {
            assert_eq!(
                placeholders(text),
                placeholders(&dutch[key]),
                "{language}.toml `{key}`: {text:?} against {:?}",
                dutch[key]
            );
        }
    }
}

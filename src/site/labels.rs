//! Names in the site's language: the interface strings (the theme's `i18n/*.toml`), by which the
//! model's keyed values are named too (`price_per-uur`, see `Labelled`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context as _, Result};

/// Interface strings in the site's language, with Dutch as the fallback for a missing key.
#[derive(Debug, Default)]
pub struct Strings {
    strings: BTreeMap<String, String>,
    /// The Dutch file, which every key must be in.
    dutch: PathBuf,
    /// Keys asked for that no file has: each shows as itself, so the build refuses the site.
    missing: Mutex<BTreeSet<String>>,
}

impl Strings {
    pub fn load(i18n_dir: &Path, language: &str) -> Result<Strings> {
        let read = |lang: &str| -> Result<BTreeMap<String, String>> {
            let path = i18n_dir.join(format!("{lang}.toml"));
            let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            toml::from_str(&text).with_context(|| format!("reading the interface strings in {}", path.display()))
        };
        let mut strings = read("nl")?;
        if language != "nl" {
            strings.extend(read(language)?);
        }
        Ok(Strings {
            strings,
            dutch: i18n_dir.join("nl.toml"),
            missing: Mutex::default(),
        })
    }

    /// Strings from a table, for tests.
    pub fn from_table(strings: BTreeMap<String, String>) -> Strings {
        Strings {
            strings,
            ..Strings::default()
        }
    }

    /// The string for `key`. A missing key shows itself and is remembered: see [`Strings::check`].
    pub fn get(&self, key: &str) -> String {
        match self.strings.get(key) {
            Some(text) => text.clone(),
            None => {
                self.missing.lock().expect("missing lock").insert(key.to_string());
                key.to_string()
            }
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.strings.contains_key(key)
    }

    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.strings
    }

    /// Fails when a page asked for a string no file has: it would show its bare key.
    pub fn check(&self) -> Result<()> {
        let missing = self.missing.lock().expect("missing lock");
        if missing.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
        bail!(
            "{} has no string for {}: the site would show the bare key; add it there",
            self.dutch.display(),
            keys.join(", ")
        )
    }
}

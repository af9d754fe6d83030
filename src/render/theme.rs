//! The theme: tera templates and static files, loaded once per build. Its interface strings
//! (`i18n/`) are the site view's: see `site::labels`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use tera::Tera;

use crate::site::labels::Strings;

pub struct Theme {
    pub tera: Tera,
    /// The interface strings the templates use (`t.key`): the rest are labels Rust picks itself,
    /// and copying every string into every page's context was a tenth of the build time.
    pub template_keys: BTreeSet<String>,
    pub static_dir: PathBuf,
    /// The source of each template, by name, so a page's memo can tell when what renders it
    /// changed.
    sources: BTreeMap<String, String>,
    /// For each template, the hash of the sources that render a page with it (itself, the base
    /// layout and the macros), worked out once rather than for every page.
    template_hashes: BTreeMap<String, u64>,
}

impl Theme {
    pub fn load(dir: &Path) -> Result<Theme> {
        let templates = dir.join("templates");
        if !templates.is_dir() {
            bail!("the theme has no templates folder: {}", templates.display());
        }
        let mut tera = Tera::default();
        let mut files: Vec<(PathBuf, Option<String>)> = Vec::new();
        let mut template_keys = BTreeSet::new();
        let mut sources = BTreeMap::new();
        let listing = || format!("listing the templates in {}", templates.display());
        for entry in fs::read_dir(&templates).with_context(listing)? {
            let path = entry.with_context(listing)?.path();
            if path.extension().is_some_and(|e| e == "html" || e == "xml") {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let source = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                template_keys.extend(string_keys(&source));
                if let Some(name) = &name {
                    sources.insert(name.clone(), source);
                }
                files.push((path, name));
            }
        }
        files.sort();
        tera.add_template_files(files)
            .map_err(|e| anyhow::anyhow!(describe_tera_error(&e)))
            .with_context(|| format!("reading the templates in {}", templates.display()))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which is not needed for safety and garbles every URL.
        tera.set_escape_fn(crate::html::escape);
        let template_hashes = sources
            .keys()
            .map(|name| (name.clone(), sources_hash(&sources, name)))
            .collect();
        Ok(Theme {
            tera,
            template_keys,
            static_dir: dir.join("static"),
            sources,
            template_hashes,
        })
    }

    /// The strings the templates use, from `strings`.
    pub fn template_strings(&self, strings: &Strings) -> BTreeMap<String, String> {
        self.template_keys.iter().map(|k| (k.clone(), strings.get(k))).collect()
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The hash of the sources that render a page with `template`.
    pub fn template_hash(&self, template: &str) -> u64 {
        self.template_hashes
            .get(template)
            .copied()
            .unwrap_or_else(|| sources_hash(&self.sources, template))
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(template, context)
            .map_err(|e| anyhow::anyhow!(describe_tera_error(&e)))
    }

    /// Renders into `out`, after what it holds: a caller that renders many pages keeps one
    /// buffer instead of growing a new one for each.
    pub fn render_into(&self, template: &str, context: &tera::Context, out: &mut Vec<u8>) -> Result<()> {
        self.tera
            .render_to(template, context, out)
            .map_err(|e| anyhow::anyhow!(describe_tera_error(&e)))
    }
}

/// The templates every page is built with, whatever its own template: what one of them renders
/// is part of every page.
pub const LAYOUT: [&str; 5] = ["base.html", "macros.html", "header.html", "footer.html", "card.html"];

/// The template itself and the ones every template of this theme builds on (`LAYOUT`).
fn sources_hash(sources: &BTreeMap<String, String>, template: &str) -> u64 {
    let mut hash = crate::hash::ContentHash::default();
    for name in std::iter::once(template).chain(LAYOUT) {
        hash.feed(name.as_bytes());
        hash.feed_u64(sources.get(name).map_or(0, String::len) as u64);
        hash.feed(sources.get(name).map(String::as_bytes).unwrap_or_default());
    }
    hash.finish()
}

/// The keys a template reads as `t.some_key`.
fn string_keys(source: &str) -> Vec<String> {
    source
        .match_indices("t.")
        .filter(|(i, _)| {
            *i == 0 || !source.as_bytes()[i - 1].is_ascii_alphanumeric() && source.as_bytes()[i - 1] != b'_'
        })
        .map(|(i, _)| {
            source[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|k| !k.is_empty())
        .collect()
}

/// Tera nests the useful part of an error in its sources.
fn describe_tera_error(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// A short content hash for file names of static assets, so they can be cached forever (FNV-1a).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")[..10].to_string()
}

/// Lists the files of the theme's static folder (relative paths, sorted), for copying.
pub fn static_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let rel = crate::diagnostics::relative_path(dir, e.path());
            (e.path().to_path_buf(), rel)
        })
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_strings_a_template_uses() {
        let keys = string_keys(
            "{{ t.skip_link }} {% if page.x %}{{ t.nav_label }}{% endif %} {{ site.title }} {{ list.count }}",
        );
        assert_eq!(keys, ["skip_link", "nav_label"]);
    }
}

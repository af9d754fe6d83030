//! `ruimte.toml`: the few settings of a site. Everything has a default, so a content folder
//! without a config still builds.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's name, in the header and the title of every page.
    pub title: String,
    /// One sentence for the home page and link previews.
    pub description: String,
    /// Where the site will live, e.g. `https://example.org/ruimte/`. Links are made relative to
    /// its path, so the site works under a sub-path.
    pub base_url: String,
    /// The language of the pages at the root of the site (`nl`, `fr` or `en`).
    pub language: String,
    /// Every language the site is written in, `language` among them: the pages in each other
    /// language are under `/<language>/` (`/fr/ruimtes/atelier-noord/`). The search index, the
    /// open data, the feed and the static files are one set for all.
    pub languages: Vec<String>,
    /// The root's language when these are the settings of another language's pages (set by
    /// `in_language`, never read from the file).
    #[serde(skip)]
    root_language: Option<String>,
    /// Under `ruimte serve`: the address of its local backend for the web form (`/api/v1`),
    /// which the form's config then names; never read from the file.
    #[serde(skip)]
    pub local_backend: Option<String>,
    /// The repository, for "edit this page" and "report outdated information" links.
    pub repository: Repository,
    /// Entries not verified for this many days show a "may be outdated" note.
    pub stale_after_days: u32,
    /// The licence of the content and the open data.
    pub licence: Licence,
    /// How entry pages are addressed: `folder` (`/ruimtes/atelier-noord/`) or `file`
    /// (`/ruimtes/atelier-noord.html`).
    pub entry_urls: EntryUrls,
    /// Practices with this tag are other directories of space (a city's room finder, a regional
    /// platform): the spaces list points to them under "Elders zoeken". Empty: no such block.
    pub look_further_tag: String,
    /// Where reports of outdated information go when no repository is set: every entry page's
    /// report link then opens a pre-filled e-mail to this address.
    pub contact_email: String,
}

/// The two shapes of an entry page's address. Both work on every static host. `file` makes one
/// file per entry instead of a folder and a file: a directory of tens of thousands of entries
/// builds faster (creating a folder costs a file system more than writing a file) and deploys
/// fewer objects. `folder` gives addresses without an extension.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryUrls {
    #[default]
    Folder,
    File,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Repository {
    /// e.g. `https://github.com/owner/ruimte`
    pub url: String,
    pub branch: String,
    /// The content folder's path inside the repository.
    pub content_path: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Licence {
    pub name: String,
    pub url: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "ruimte".into(),
            description: "Werkruimtes, goede praktijken en gidsen voor de cultuursector in Vlaanderen en Brussel."
                .into(),
            base_url: "/".into(),
            language: "nl".into(),
            languages: vec!["nl".into(), "fr".into(), "en".into()],
            root_language: None,
            local_backend: None,
            repository: Repository::default(),
            stale_after_days: 730,
            licence: Licence::default(),
            entry_urls: EntryUrls::default(),
            look_further_tag: String::new(),
            contact_email: String::new(),
        }
    }
}

impl Default for Repository {
    fn default() -> Self {
        Repository {
            url: String::new(),
            branch: "main".into(),
            content_path: "content".into(),
        }
    }
}

impl Default for Licence {
    fn default() -> Self {
        Licence {
            name: "CC BY 4.0".into(),
            url: "https://creativecommons.org/licenses/by/4.0/".into(),
        }
    }
}

/// The languages the interface is written in.
pub const LANGUAGES: [&str; 3] = ["nl", "fr", "en"];

impl Config {
    /// Every language, the root's first, each with where its pages are under the base (empty
    /// for the root's, `fr/`).
    pub fn all_languages(&self) -> impl Iterator<Item = (&str, String)> {
        std::iter::once(self.root_language())
            .chain(self.other_languages())
            .map(|language| (language, self.language_prefix(language)))
    }

    /// The languages other than the root's, in the order listed: each has its pages under
    /// `/<language>/`.
    pub fn other_languages(&self) -> impl Iterator<Item = &str> {
        self.languages
            .iter()
            .map(String::as_str)
            .filter(move |l| *l != self.root_language())
    }

    /// The language of the pages at the root.
    pub fn root_language(&self) -> &str {
        self.root_language.as_deref().unwrap_or(&self.language)
    }

    /// These settings for the pages in `language`, one of `other_languages`.
    pub fn in_language(&self, language: &str) -> Config {
        Config {
            language: language.to_string(),
            root_language: Some(self.root_language().to_string()),
            ..self.clone()
        }
    }

    /// Where these settings' pages are under the base: empty at the root, `fr/` for French.
    pub fn pages_prefix(&self) -> String {
        self.language_prefix(&self.language)
    }

    /// The address of the pages in `language` under the base: empty for the root's language.
    pub fn language_prefix(&self, language: &str) -> String {
        if language == self.root_language() {
            String::new()
        } else {
            format!("{language}/")
        }
    }

    /// Reads `path` if it exists; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        let display = path.display().to_string();
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(Diagnostic::error(
                    "unreadable-file",
                    display,
                    format!("cannot be read: {e}"),
                ))
            }
        };
        let config: Config = toml::from_str(&text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_column(&text, span.start));
            Diagnostic::error("invalid-config", &display, e.message().to_string()).at(line, column)
        })?;
        config.check(&display)?;
        Ok(config)
    }

    /// Checks values serde cannot: the language and the base URL. `display` names where they came from.
    pub fn check(&self, display: &str) -> Result<(), Diagnostic> {
        if !LANGUAGES.contains(&self.language.as_str()) {
            return Err(
                Diagnostic::error("invalid-config", display, "`language` must be `nl`, `fr` or `en`")
                    .field("language")
                    .found(format!("`{}`", self.language)),
            );
        }
        for (i, language) in self.languages.iter().enumerate() {
            if !LANGUAGES.contains(&language.as_str()) || self.languages[..i].contains(language) {
                return Err(Diagnostic::error(
                    "invalid-config",
                    display,
                    "`languages` lists `nl`, `fr` or `en`, each once",
                )
                .field("languages")
                .found(format!("`{language}`")));
            }
        }
        if !self.languages.contains(&self.language) {
            return Err(Diagnostic::error(
                "invalid-config",
                display,
                format!("`languages` must include the root's `language` (`{}`)", self.language),
            )
            .field("languages"));
        }
        base_path(&self.base_url).map(|_| ()).map_err(|message| {
            Diagnostic::error("invalid-config", display, message)
                .field("base_url")
                .found(format!("`{}`", self.base_url))
                .hint("write the full address, e.g. `https://example.org/ruimte/`, or `/` for a local preview")
        })
    }

    /// The path part of `base_url`, always starting and ending with `/` (e.g. `/ruimte/`).
    pub fn base_path(&self) -> String {
        base_path(&self.base_url).unwrap_or_else(|_| "/".into())
    }

    /// `base_url` without a trailing slash, for absolute links (feeds, sitemap, Open Graph).
    pub fn site_origin_and_path(&self) -> String {
        self.base_url.trim_end_matches('/').to_string()
    }
}

fn base_path(base_url: &str) -> Result<String, String> {
    let path = if base_url.starts_with('/') {
        base_url.to_string()
    } else {
        let url = url::Url::parse(base_url).map_err(|e| format!("`base_url` is not a valid address: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("`base_url` must start with https:// or http://".into());
        }
        url.path().to_string()
    };
    if path.contains("..") || path.contains('?') || path.contains('#') {
        return Err("`base_url` must be a plain folder address".into());
    }
    let trimmed = path.trim_matches('/');
    Ok(if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    })
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        for (url, path) in [
            ("https://example.org", "/"),
            ("https://example.org/", "/"),
            ("https://example.org/ruimte", "/ruimte/"),
            ("https://example.org/a/b/", "/a/b/"),
            ("/", "/"),
            ("/preview", "/preview/"),
        ] {
            assert_eq!(base_path(url).unwrap(), path, "{url}");
        }
        assert!(base_path("ftp://x.org/").is_err());
        // A full URL has its dot segments resolved by the URL parser; a bare path must not have any.
        assert_eq!(base_path("https://x.org/../etc").unwrap(), "/etc/");
        assert!(base_path("/a/../b").is_err());
    }

    #[test]
    fn unknown_settings_are_errors_with_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ruimte.toml");
        fs::write(&path, "title = \"x\"\ntitel = \"y\"\n").unwrap();
        let d = Config::load(&path).unwrap_err();
        assert_eq!((d.code, d.line), ("invalid-config", 2));
    }

    #[test]
    fn entry_urls_takes_folder_or_file_and_names_both_when_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ruimte.toml");
        assert_eq!(Config::load(&path).unwrap().entry_urls, EntryUrls::Folder);
        fs::write(&path, "entry_urls = \"file\"\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().entry_urls, EntryUrls::File);
        fs::write(&path, "title = \"x\"\nentry_urls = \"files\"\n").unwrap();
        let d = Config::load(&path).unwrap_err();
        assert_eq!((d.code, d.line), ("invalid-config", 2));
        assert!(
            d.message.contains("`folder`") && d.message.contains("`file`"),
            "{}",
            d.message
        );
    }
}

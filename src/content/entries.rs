//! The entries of the directory: their kinds, one typed file, and the model of them all, built once
//! per run and read by every later stage.

use std::path::PathBuf;

use crate::content::model::{Guide, Page, Practice, Request, Space};
use crate::content::parse::Locator;
use crate::content::vocab::Vocabularies;

/// The kinds of entry, each with its own folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Space,
    Practice,
    Guide,
    Page,
    Request,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Space,
        EntryKind::Practice,
        EntryKind::Guide,
        EntryKind::Page,
        EntryKind::Request,
    ];

    /// The kind's folder under `content/`, which is also its plural in interface strings
    /// (`list_spaces`).
    pub const fn folder(self) -> &'static str {
        match self {
            EntryKind::Space => "spaces",
            EntryKind::Practice => "practices",
            EntryKind::Guide => "guides",
            EntryKind::Page => "pages",
            EntryKind::Request => "requests",
        }
    }

    pub fn from_folder(folder: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// The kind's id where code and data name it: the search index, open data, a card's class.
    pub const fn id(self) -> &'static str {
        match self {
            EntryKind::Space => "space",
            EntryKind::Practice => "practice",
            EntryKind::Guide => "guide",
            EntryKind::Page => "page",
            EntryKind::Request => "request",
        }
    }

    /// A word for messages ("a space", "a guide").
    pub const fn noun(self) -> &'static str {
        match self {
            EntryKind::Space => "space",
            EntryKind::Practice => "good practice",
            EntryKind::Guide => "guide",
            EntryKind::Page => "page",
            EntryKind::Request => "request for space",
        }
    }
}

/// A kind serialises as its id.
impl serde::Serialize for EntryKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One content file, typed.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub slug: String,
    /// Path relative to the content folder, `/`-separated, as diagnostics show it.
    pub file: String,
    pub path: PathBuf,
    pub front: T,
    pub body: String,
    pub body_first_line: usize,
    /// Where each front-matter field is written, for diagnostics found after typing.
    pub locator: Locator,
}

/// Every entry of the directory, typed, with the vocabularies they refer to.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub root: PathBuf,
    pub spaces: Vec<Entry<Space>>,
    pub practices: Vec<Entry<Practice>>,
    pub guides: Vec<Entry<Guide>>,
    pub pages: Vec<Entry<Page>>,
    pub requests: Vec<Entry<Request>>,
    pub vocab: Vocabularies,
    /// The map's shapes, when the content folder has them.
    pub geo: Option<crate::content::geo::Shapes>,
}

impl Model {
    /// Every entry's slug with its kind and file, in a stable order.
    pub fn slugs(&self) -> impl Iterator<Item = (&str, EntryKind, &str)> {
        fn of<T>(entries: &[Entry<T>], kind: EntryKind) -> impl Iterator<Item = (&str, EntryKind, &str)> {
            entries.iter().map(move |e| (e.slug.as_str(), kind, e.file.as_str()))
        }
        of(&self.spaces, EntryKind::Space)
            .chain(of(&self.practices, EntryKind::Practice))
            .chain(of(&self.guides, EntryKind::Guide))
            .chain(of(&self.pages, EntryKind::Page))
            .chain(of(&self.requests, EntryKind::Request))
    }

    /// Frees what only diagnostics need; see [`crate::content::parse::Locator::release_text`].
    pub fn release_diagnostic_text(&mut self) {
        self.spaces.iter_mut().for_each(|e| e.locator.release_text());
        self.practices.iter_mut().for_each(|e| e.locator.release_text());
        self.guides.iter_mut().for_each(|e| e.locator.release_text());
        self.pages.iter_mut().for_each(|e| e.locator.release_text());
        self.requests.iter_mut().for_each(|e| e.locator.release_text());
    }

    pub fn entry_count(&self) -> usize {
        self.spaces.len() + self.practices.len() + self.guides.len() + self.pages.len() + self.requests.len()
    }
}

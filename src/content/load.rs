//! Loading `content/`: walk the folder, read and type every file in parallel, and gather the
//! diagnostics of files that cannot be typed. Files are read here and nowhere else.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::content::entries::{Entry, EntryKind, Model};
use crate::content::front_matter;
use crate::content::model::{Guide, Page, Practice, Request, Space};
use crate::content::parse::{self, Locator};
use crate::content::source;
use crate::content::vocab::{Place, Term, VocabularyKind};
use crate::diagnostics::{relative_path, Diagnostic};

/// The folder that holds the vocabularies.
pub const DATA_FOLDER: &str = "data";

/// What was found under the content folder, before reading.
enum Found {
    Entry(EntryKind, PathBuf),
    Vocabulary(VocabularyKind, PathBuf),
}

/// One read and typed file. Short-lived (moved into the site at once), so its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Loaded {
    Space(Entry<Space>),
    Practice(Entry<Practice>),
    Guide(Entry<Guide>),
    Page(Entry<Page>),
    Request(Entry<Request>),
    Places(Vec<Place>, Locator),
    Terms(VocabularyKind, Vec<Term>, Locator),
}

pub struct LoadResult {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the whole content folder. Never fails: problems become diagnostics.
pub fn load(root: &Path) -> LoadResult {
    let mut diagnostics = Vec::new();
    let mut model = Model {
        root: root.to_path_buf(),
        ..Model::default()
    };
    let canonical_root = match root.canonicalize() {
        Ok(r) if r.is_dir() => r,
        _ => {
            let d = Diagnostic::error(
                "no-content-folder",
                root.display().to_string(),
                "the content folder does not exist",
            )
            .hint("run from the repository root, or pass the folder with --content DIR");
            return LoadResult {
                model,
                diagnostics: vec![d],
            };
        }
    };

    let found = discover(root, &canonical_root, &mut diagnostics);
    let results: Vec<(Option<Loaded>, Vec<Diagnostic>)> = found.into_par_iter().map(|f| load_one(root, f)).collect();

    // Room for every entry at once: grown by doubling, a list of 100,000 spaces held its old
    // and new copies together, the build's peak memory.
    let count = |is: fn(&Loaded) -> bool| results.iter().filter(|(l, _)| l.as_ref().is_some_and(is)).count();
    model.spaces.reserve_exact(count(|l| matches!(l, Loaded::Space(_))));
    model
        .practices
        .reserve_exact(count(|l| matches!(l, Loaded::Practice(_))));
    model.guides.reserve_exact(count(|l| matches!(l, Loaded::Guide(_))));
    for (loaded, file_diagnostics) in results {
        diagnostics.extend(file_diagnostics);
        match loaded {
            Some(Loaded::Space(e)) => model.spaces.push(e),
            Some(Loaded::Practice(e)) => model.practices.push(e),
            Some(Loaded::Guide(e)) => model.guides.push(e),
            Some(Loaded::Page(e)) => model.pages.push(e),
            Some(Loaded::Request(e)) => model.requests.push(e),
            Some(Loaded::Places(places, locator)) => {
                model.vocab.places = places;
                model.vocab.locators.insert(VocabularyKind::Places, locator);
            }
            Some(Loaded::Terms(kind, terms, locator)) => {
                model.vocab.set_terms(kind, terms);
                model.vocab.locators.insert(kind, locator);
            }
            None => {}
        }
    }
    match crate::content::geo::load(root) {
        Ok(shapes) => model.geo = shapes,
        Err(d) => diagnostics.push(d),
    }
    // Every vocabulary but the facts' words is needed: entries name their keys.
    for kind in VocabularyKind::ALL.into_iter().filter(|k| *k != VocabularyKind::Facts) {
        let missing = match kind {
            VocabularyKind::Places => model.vocab.places.is_empty(),
            _ => model.vocab.terms(kind).is_empty(),
        };
        let path = root.join(DATA_FOLDER).join(kind.file_name());
        if missing && !path.exists() {
            diagnostics.push(
                Diagnostic::error("missing-vocabulary", format!("{DATA_FOLDER}/{}", kind.file_name()), "this vocabulary file is missing")
                    .hint("every content folder needs the vocabularies in data/; copy them from the repository's content/data/"),
            );
        }
    }
    model.spaces.sort_by(|a, b| a.slug.cmp(&b.slug));
    model.practices.sort_by(|a, b| a.slug.cmp(&b.slug));
    model.guides.sort_by(|a, b| a.slug.cmp(&b.slug));
    model.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    model.requests.sort_by(|a, b| a.slug.cmp(&b.slug));
    LoadResult { model, diagnostics }
}

/// Lists the files to load. Symlinks are followed only when they stay inside the content folder.
fn discover(root: &Path, canonical_root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Found> {
    let mut found = Vec::new();
    let walker = WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter();
    let walker = walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                let file = e.path().map(|p| relative_path(root, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(
                    "unreadable-file",
                    file,
                    format!("cannot be read: {e}"),
                ));
                continue;
            }
        };
        let path = item.path();
        let display = relative_path(root, path);
        let mut is_file = item.file_type().is_file();
        if item.file_type().is_symlink() {
            match fs::canonicalize(path) {
                Ok(target) if !target.starts_with(canonical_root) => {
                    diagnostics.push(
                        Diagnostic::error(
                            "symlink-outside",
                            &display,
                            "this link points outside the content folder",
                        )
                        .found(target.display().to_string())
                        .hint("copy the file into the content folder instead of linking to it"),
                    );
                    continue;
                }
                Ok(target) if target.is_file() => is_file = true,
                Ok(_) => continue, // a linked folder inside content: its files are walked where they live
                Err(_) => {
                    diagnostics.push(Diagnostic::error(
                        "broken-symlink",
                        &display,
                        "this link points to nothing",
                    ));
                    continue;
                }
            }
        }
        if !is_file {
            continue;
        }
        if let Some(f) = classify(root, path, &display, diagnostics) {
            found.push(f);
        }
    }
    found
}

fn classify(root: &Path, path: &Path, display: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Found> {
    let rel = path.strip_prefix(root).ok()?;
    let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let top = components.next()?;
    let rest: Vec<String> = components.collect();
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    if rest.is_empty() {
        return None; // files directly in content/ (a README) are not entries
    }
    if top == DATA_FOLDER {
        if !matches!(extension.as_deref(), Some("yaml" | "yml")) {
            return None;
        }
        let name = rest.join("/");
        return match VocabularyKind::ALL.into_iter().find(|k| k.file_name() == name) {
            Some(kind) => Some(Found::Vocabulary(kind, path.to_path_buf())),
            None => {
                let known: Vec<_> = VocabularyKind::ALL.iter().map(|k| k.file_name()).collect();
                diagnostics.push(
                    Diagnostic::warning(
                        "unknown-vocabulary",
                        display,
                        "this file in data/ is not a known vocabulary and is ignored",
                    )
                    .expected(known.join(", ")),
                );
                None
            }
        };
    }
    if extension.as_deref() != Some("md") {
        return None; // images and other files beside entries
    }
    match EntryKind::from_folder(&top) {
        Some(kind) => Some(Found::Entry(kind, path.to_path_buf())),
        None => {
            diagnostics.push(
                Diagnostic::warning(
                    "unknown-folder",
                    display,
                    format!("`{top}/` is not a content folder; this file is ignored"),
                )
                .expected("spaces/, practices/, guides/, pages/ or data/"),
            );
            None
        }
    }
}

/// Reads and types one file. The typed value comes back whenever one could be made, even with
/// diagnostics beside it, so that validation still looks at the fields that were fine.
fn load_one(root: &Path, found: Found) -> (Option<Loaded>, Vec<Diagnostic>) {
    fn map<T, U>((value, ds): (Option<T>, Vec<Diagnostic>), f: impl FnOnce(T) -> U) -> (Option<U>, Vec<Diagnostic>) {
        (value.map(f), ds)
    }
    match found {
        Found::Entry(kind, path) => match kind {
            EntryKind::Space => map(load_entry(root, path), Loaded::Space),
            EntryKind::Practice => map(load_entry(root, path), Loaded::Practice),
            EntryKind::Guide => map(load_entry(root, path), Loaded::Guide),
            EntryKind::Page => map(load_entry(root, path), Loaded::Page),
            EntryKind::Request => map(load_entry(root, path), Loaded::Request),
        },
        Found::Vocabulary(VocabularyKind::Places, path) => {
            map(load_vocabulary(root, &path), |(p, l)| Loaded::Places(p, l))
        }
        Found::Vocabulary(kind, path) => map(load_vocabulary(root, &path), |(t, l)| Loaded::Terms(kind, t, l)),
    }
}

fn load_entry<T: DeserializeOwned>(root: &Path, path: PathBuf) -> (Option<Entry<T>>, Vec<Diagnostic>) {
    let file = relative_path(root, &path);
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = match source::read_text(&path, &file) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    let split = match front_matter::split(&text, &file) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let (front, locator, diagnostics) = parse::parse::<T>(&file, split.yaml, split.yaml_first_line);
    let entry = front.map(|front| Entry {
        slug,
        file,
        front,
        body: split.body.to_string(),
        body_first_line: split.body_first_line,
        locator,
        path,
    });
    (entry, diagnostics)
}

fn load_vocabulary<T: DeserializeOwned>(root: &Path, path: &Path) -> (Option<(Vec<T>, Locator)>, Vec<Diagnostic>) {
    let file = relative_path(root, path);
    let text = match source::read_text(path, &file) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    let (terms, locator, diagnostics) = parse::parse_list::<T>(&file, &text);
    (terms.map(|t| (t, locator)), diagnostics)
}

/// What `reload_entry` did.
pub struct Reloaded {
    pub kind: EntryKind,
    pub slug: String,
    /// The file's own diagnostics (reading and typing); cross-entry checks are `validate`'s.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one entry file again after it changed, appeared or disappeared (`ruimte serve`): the
/// entry with that path leaves the site and the file's new version, if it types, takes its place,
/// in the order a full load gives. `None` when the path is not an entry file (a vocabulary, a
/// picture, a symlink): the caller loads the whole folder again.
pub fn reload_entry(model: &mut Model, path: &Path) -> Option<Reloaded> {
    let root = model.root.clone();
    let display = relative_path(&root, path);
    let mut diagnostics = Vec::new();
    let Some(Found::Entry(kind, path)) = classify(&root, path, &display, &mut diagnostics) else {
        return None;
    };
    if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return None;
    }
    let slug = path.file_stem()?.to_string_lossy().into_owned();
    fn replace<T>(entries: &mut Vec<Entry<T>>, path: &Path, new: Option<Entry<T>>) {
        entries.retain(|e| e.path != path);
        entries.extend(new);
        entries.sort_by(|a, b| a.slug.cmp(&b.slug));
    }
    let (loaded, file_diagnostics) = if path.is_file() {
        load_one(&root, Found::Entry(kind, path.clone()))
    } else {
        (None, Vec::new())
    };
    diagnostics.extend(file_diagnostics);
    match loaded {
        Some(Loaded::Space(e)) => replace(&mut model.spaces, &path, Some(e)),
        Some(Loaded::Practice(e)) => replace(&mut model.practices, &path, Some(e)),
        Some(Loaded::Guide(e)) => replace(&mut model.guides, &path, Some(e)),
        Some(Loaded::Page(e)) => replace(&mut model.pages, &path, Some(e)),
        Some(Loaded::Request(e)) => replace(&mut model.requests, &path, Some(e)),
        _ => match kind {
            EntryKind::Space => replace::<Space>(&mut model.spaces, &path, None),
            EntryKind::Practice => replace::<Practice>(&mut model.practices, &path, None),
            EntryKind::Guide => replace::<Guide>(&mut model.guides, &path, None),
            EntryKind::Page => replace::<Page>(&mut model.pages, &path, None),
            EntryKind::Request => replace::<Request>(&mut model.requests, &path, None),
        },
    }
    Some(Reloaded {
        kind,
        slug,
        diagnostics,
    })
}

//! The model `ruimte serve` keeps between edits, and how an edit reaches the served site: the
//! changed entry files are read again, the whole model is validated, and only the pages an edit
//! can change are rendered (the entry, the entries that show it, and lists, facets and other pages
//! whose view changed); the search index, open data and feeds follow in a second pass.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Result;

use crate::build::{self, Plan, Report};
use crate::config::Config;
use crate::content::load::{self, reload_entry};
use crate::content::model::Date;
use crate::content::validate::Options;
use crate::content::Model;
use crate::diagnostics::{self, Diagnostic, Format};
use crate::render::theme::{Theme, LAYOUT};
use crate::site::routes;
use crate::site::Site;

use super::store::{Files, MemorySink, Store};

pub struct Settings {
    /// Absolute, so paths from the watcher compare with the entries' paths.
    pub content: PathBuf,
    pub config: PathBuf,
    pub theme: PathBuf,
    /// Where the server listens, as the site's base URL.
    pub base_url: String,
    pub drafts: bool,
    pub today: Date,
}

/// What a batch of changed files asks for.
#[derive(Debug, PartialEq)]
pub enum Change {
    /// These entry files changed, appeared or disappeared.
    Entries(Vec<PathBuf>),
    /// Templates only (by file name): pages are rendered again where their template changed.
    Templates(Vec<String>),
    /// Vocabularies, settings, static files or strings: everything again.
    Everything,
}

pub struct Workspace {
    settings: Settings,
    config: Config,
    model: Model,
    /// Diagnostics of reading and typing, by file: replaced per file as files change.
    file_diagnostics: HashMap<String, Vec<Diagnostic>>,
    memo: Arc<Mutex<HashMap<String, u64>>>,
    /// What the last good build's entry pages show of each other.
    links: HashMap<String, Vec<String>>,
    /// The last good build's files.
    files: Files,
    /// Entries changed since the last good build: a rebuild that fails keeps them for the next.
    pending: HashSet<String>,
    /// A whole rebuild failed: the next change, whatever it is, rebuilds everything.
    whole_pending: bool,
}

impl Workspace {
    pub fn new(settings: Settings) -> Workspace {
        Workspace {
            config: Config::default(),
            model: Model::default(),
            file_diagnostics: HashMap::new(),
            memo: Arc::default(),
            links: HashMap::new(),
            files: Files::new(),
            pending: HashSet::new(),
            whole_pending: false,
            settings,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Loads everything and renders the whole site.
    pub fn rebuild_all(&mut self, store: &Store) {
        let loaded = load::load(&self.settings.content);
        self.model = loaded.model;
        self.file_diagnostics.clear();
        for d in loaded.diagnostics {
            self.file_diagnostics.entry(d.file.clone()).or_default().push(d);
        }
        self.memo.lock().expect("memo lock").clear();
        self.config = match Config::load(&self.settings.config) {
            Ok(mut config) => {
                config.base_url = self.settings.base_url.clone();
                config.local_backend = Some(format!(
                    "{}{}",
                    self.settings.base_url.trim_end_matches('/'),
                    super::backend::API_PATH
                ));
                config
            }
            Err(d) => {
                self.whole_pending = true;
                return self.fail(store, &[d]);
            }
        };
        self.pending.clear();
        // Everything, filling the memo the next edits compare with.
        let memo = self.memo.clone();
        let plan = Plan {
            entries: None,
            memo: Some(&memo),
            pages_only: false,
            ..Default::default()
        };
        let built = self.publish(store, &plan);
        self.whole_pending = !built;
    }

    pub fn apply(&mut self, change: Change, store: &Store) {
        if self.whole_pending {
            return self.rebuild_all(store);
        }
        match change {
            Change::Everything => self.rebuild_all(store),
            Change::Templates(names) => {
                // Entry pages have no memo: all of them when what renders them changed. Other
                // pages' memo covers their template's source.
                let memo = self.memo.clone();
                let entry_templates = ["entry.html", "page.html"];
                let none = HashSet::new();
                let plan = Plan {
                    entries: if names
                        .iter()
                        .any(|n| entry_templates.contains(&n.as_str()) || LAYOUT.contains(&n.as_str()))
                    {
                        None
                    } else {
                        Some(&none)
                    },
                    memo: Some(&memo),
                    pages_only: false,
                    ..Default::default()
                };
                self.whole_pending = !self.publish(store, &plan);
            }
            Change::Entries(paths) => {
                for path in &paths {
                    match reload_entry(&mut self.model, path) {
                        Some(reloaded) => {
                            let file = crate::diagnostics::relative_path(&self.settings.content, path);
                            self.file_diagnostics.insert(file, reloaded.diagnostics);
                            self.pending.insert(reloaded.slug);
                        }
                        None => return self.rebuild_all(store),
                    }
                }
                let changed = std::mem::take(&mut self.pending);
                // The entries that showed a changed one, and the ones that will.
                let mut dirty = changed.clone();
                for slug in &changed {
                    dirty.extend(self.links.get(slug).into_iter().flatten().cloned());
                }
                if !self.publish_edit(store, &changed, dirty) {
                    self.pending = changed;
                }
            }
        }
    }

    /// Pages first (what the person who saved is waiting for), then everything else. `false` when
    /// the pages could not be built.
    fn publish_edit(&mut self, store: &Store, changed: &HashSet<String>, mut dirty: HashSet<String>) -> bool {
        let Some(problems) = self.problems() else {
            self.fail_with_diagnostics(store);
            return false;
        };
        let memo = self.memo.clone();
        // The new links: entries that now show a changed one.
        let probe = Plan {
            entries: Some(&dirty),
            memo: Some(&memo),
            pages_only: true,
            ..Default::default()
        };
        let first = match self.render(&probe) {
            Ok(r) => r,
            Err(error) => {
                self.fail_message(store, &format!("{error:#}"));
                return false;
            }
        };
        let newly_linked: HashSet<String> = changed
            .iter()
            .flat_map(|slug| first.1.links.get(slug).into_iter().flatten().cloned())
            .filter(|slug| !dirty.contains(slug))
            .collect();
        let (mut files, mut report) = first;
        if !newly_linked.is_empty() {
            dirty.extend(newly_linked.iter().cloned());
            self.files = files;
            let again = Plan {
                entries: Some(&newly_linked),
                memo: Some(&memo),
                pages_only: true,
                ..Default::default()
            };
            match self.render(&again) {
                Ok(r) => (files, report) = r,
                Err(error) => {
                    self.fail_message(store, &format!("{error:#}"));
                    return false;
                }
            }
        }
        // An entry that left (deleted, now a draft) takes its page along, and its memo: the page
        // must be rendered again when the entry comes back, even with the same view.
        for slug in changed {
            for kind in crate::content::EntryKind::ALL {
                let route = routes::entry(self.config.entry_urls, kind, slug);
                let page = routes::file(&route);
                if !report.site_files.contains(&page) {
                    files.remove(&page);
                    memo.lock().expect("memo lock").remove(&route);
                }
            }
        }
        self.links = report.links;
        self.files = files;
        self.show(store, &problems, true);

        let rest = Plan {
            entries: Some(&HashSet::new()),
            memo: Some(&memo),
            pages_only: false,
            ..Default::default()
        };
        match self.render(&rest) {
            Ok((mut files, report)) => {
                files.retain(|name, _| report.site_files.contains(name));
                self.files = files;
                self.show(store, &problems, report.pages > 0);
            }
            Err(error) => self.fail_message(store, &format!("{error:#}")),
        }
        true
    }

    /// Renders and publishes a whole plan (`entries: None` or an empty set of changes).
    fn publish(&mut self, store: &Store, plan: &Plan) -> bool {
        let Some(problems) = self.problems() else {
            self.fail_with_diagnostics(store);
            return false;
        };
        match self.render(plan) {
            Ok((mut files, report)) => {
                files.retain(|name, _| report.site_files.contains(name));
                self.links = report.links;
                self.files = files;
                self.show(store, &problems, true);
                true
            }
            Err(error) => {
                self.fail_message(store, &format!("{error:#}"));
                false
            }
        }
    }

    /// Runs the build's pipeline into a copy of the last good files. The theme and its strings
    /// are read again each time: an edit to them is what may have asked for this.
    fn render(&self, plan: &Plan) -> Result<(Files, Report)> {
        let sink = MemorySink::new(&self.files);
        let strings = build::strings(&self.settings.theme, &self.config)?;
        let theme = Theme::load(&self.settings.theme)?;
        let site = Site::new(
            &self.model,
            &self.config,
            &strings,
            self.settings.today,
            self.settings.drafts,
        );
        let languages = build::other_languages(&self.settings.theme, &self.config)?;
        let others = build::language_sites(&self.model, &languages, self.settings.today, self.settings.drafts);
        let report = build::produce(&site, &others, &theme, &sink, plan)?;
        Ok((sink.files.into_inner().expect("files lock"), report))
    }

    /// Every diagnostic of the model as it is now, or `None` when one is an error.
    fn problems(&self) -> Option<Vec<Diagnostic>> {
        let all = self.diagnostics();
        (!all.iter().any(Diagnostic::is_error)).then_some(all)
    }

    fn diagnostics(&self) -> Vec<Diagnostic> {
        let read: Vec<Diagnostic> = self.file_diagnostics.values().flatten().cloned().collect();
        let options = Options {
            today: self.settings.today,
            stale_days: None,
        };
        build::check(&self.model, read, &options)
    }

    fn fail_with_diagnostics(&mut self, store: &Store) {
        let all = self.diagnostics();
        self.fail(store, &all);
    }

    fn fail(&mut self, store: &Store, problems: &[Diagnostic]) {
        let text = diagnostics::render(problems, Format::Human, "");
        eprint!("{text}");
        eprintln!("the last good build is still served; fix the file and save it again");
        self.show_text(store, text, true);
    }

    fn fail_message(&mut self, store: &Store, message: &str) {
        eprintln!("error: {message}");
        self.show_text(store, format!("error: {message}\n"), true);
    }

    /// Publishes the last good files with `problems` (warnings at most) as the message.
    fn show(&self, store: &Store, problems: &[Diagnostic], reload: bool) {
        let files = std::sync::Arc::new(self.files.clone());
        let warnings = if problems.is_empty() {
            String::new()
        } else {
            diagnostics::render(problems, Format::Human, "")
        };
        let had_errors = !store.snapshot().errors.is_empty();
        if had_errors {
            eprintln!("fixed: the site builds again");
        }
        store.update(
            |p| {
                p.files = files;
                // Warnings (stale entries) go to the terminal only; the overlay is for errors.
                p.errors = String::new();
            },
            reload || had_errors,
        );
        if !warnings.is_empty() && reload {
            eprint!("{warnings}");
        }
    }

    fn show_text(&self, store: &Store, text: String, reload: bool) {
        store.update(|p| p.errors = text, reload);
    }
}

/// Sorts changed paths into what they ask for.
pub fn classify(settings: &Settings, paths: &[PathBuf]) -> Option<Change> {
    let mut entries = Vec::new();
    let mut templates = Vec::new();
    let mut everything = false;
    let data = settings.content.join(load::DATA_FOLDER);
    for path in paths {
        if path.starts_with(&data) {
            everything |= is_yaml(path);
        } else if path.starts_with(&settings.content) {
            if path.extension().is_some_and(|e| e == "md") {
                entries.push(path.clone());
            } else if path.is_file() {
                // A picture beside an entry: its page copies it.
                everything = true;
            }
        } else if path.starts_with(settings.theme.join("templates")) {
            templates.extend(path.file_name().map(|n| n.to_string_lossy().into_owned()));
        } else if path.starts_with(&settings.theme) || path == &settings.config {
            everything = true;
        }
    }
    if everything {
        Some(Change::Everything)
    } else if !templates.is_empty() {
        Some(Change::Templates(templates))
    } else if !entries.is_empty() {
        entries.sort();
        entries.dedup();
        Some(Change::Entries(entries))
    } else {
        None
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

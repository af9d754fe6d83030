//! The pipeline every build runs: the settings and the content are read and checked; the site view
//! is made once; the pages, the search index and the open data are written from it side by side;
//! a build into a folder then swaps its staging folder in whole. `ruimte build` runs it into a
//! folder, `ruimte serve` into memory (a part of it at a time, as edits come in).

pub mod staging;

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{anyhow, Context as _, Result};

use crate::config::Config;
use crate::content::model::Date;
use crate::content::validate::{self, Options};
use crate::content::Model;
use crate::diagnostics::{self, Diagnostic};
use crate::output::{OutputError, Sink};
use crate::render::theme::Theme;
use crate::site::labels::Strings;
use crate::site::Site;

pub use crate::render::{Memo, Plan};

use self::staging::Staging;

/// What a build reads.
pub struct Inputs<'a> {
    pub content: &'a Path,
    pub config: &'a Path,
    pub theme: &'a Path,
    /// Overrides the settings' `base_url` (a deploy preview, a sub-path).
    pub base_url: Option<&'a str>,
    /// Also publish entries marked `draft: true`.
    pub drafts: bool,
    /// Also write `.br` and `.gz` copies of the static files.
    pub precompress: bool,
}

/// Today's date, or `RUIMTE_TODAY` (YYYY-MM-DD) so a run can be reproduced on another day.
pub fn today() -> Result<Date> {
    match std::env::var("RUIMTE_TODAY") {
        Ok(text) => {
            Date::parse(&text).ok_or_else(|| anyhow!("RUIMTE_TODAY must be a date written YYYY-MM-DD, not `{text}`"))
        }
        Err(_) => Ok(Date(chrono::Utc::now().date_naive())),
    }
}

/// The settings, with `base_url` overridden when one is given.
pub fn settings(path: &Path, base_url: Option<&str>) -> Result<Config, Diagnostic> {
    let mut config = Config::load(path)?;
    if let Some(base_url) = base_url {
        config.base_url = base_url.to_string();
        config.check("--base-url")?;
    }
    Ok(config)
}

/// Every problem of the content, sorted by file and line: what reading it found (`read`), what
/// validation finds, and addresses the site needs for itself.
pub fn check(model: &Model, read: Vec<Diagnostic>, options: &Options) -> Vec<Diagnostic> {
    // A field that did not read (`kinds: atelier` for a list) takes its default for the checks
    // that follow; one error per field is what the contributor needs, not a second about the
    // default.
    let unreadable: HashSet<(&str, &str)> = read
        .iter()
        .filter_map(|d| Some((d.file.as_str(), d.field.as_deref()?)))
        .collect();
    let validated: Vec<Diagnostic> = validate::validate(model, options)
        .into_iter()
        .filter(|d| {
            d.field
                .as_deref()
                .is_none_or(|f| !unreadable.contains(&(d.file.as_str(), f)))
        })
        .collect();
    let mut problems = read;
    problems.extend(validated);
    problems.extend(crate::site::check::check(model));
    diagnostics::sort(&mut problems);
    problems
}

/// The theme's interface strings in the site's language.
pub fn strings(theme: &Path, config: &Config) -> Result<Strings> {
    Strings::load(&theme.join("i18n"), &config.language)
}

/// The settings and interface strings of every language the site is written in besides the
/// root's, in the order the settings list them.
pub fn other_languages(theme: &Path, config: &Config) -> Result<Vec<(Config, Strings)>> {
    config
        .other_languages()
        .map(|language| {
            let config = config.in_language(language);
            let strings = strings(theme, &config)?;
            Ok((config, strings))
        })
        .collect()
}

/// The site in each of `languages` (from `other_languages`).
pub fn language_sites<'a>(
    model: &'a Model,
    languages: &'a [(Config, Strings)],
    today: Date,
    drafts: bool,
) -> Vec<Site<'a>> {
    languages
        .iter()
        .map(|(config, strings)| Site::new(model, config, strings, today, drafts))
        .collect()
}

/// What a run of the pipeline wrote.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages written this time (a partial render skips what it may).
    pub pages: usize,
    /// Pages left as an earlier build wrote them: their view did not change.
    pub pages_kept: usize,
    /// Files written, and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// Every file of the complete site, written this time or not, as paths inside it; for a
    /// `pages_only` plan, the pages only.
    pub site_files: HashSet<String>,
    /// For each entry, the entries whose pages show it (related, both ways): what to render again
    /// when it changes.
    pub links: HashMap<String, Vec<String>>,
}

/// Writes the site's pages, its search index and its open data into `sink`, as `plan` says: the
/// index and the open data on a thread of their own (tantivy's writer is serial) while the pages
/// render on every core. `others` are the site in its other languages: their pages only, each
/// under its own folder (`fr/`); the index, the open data, the feed and the static files are
/// the root's, for all.
pub fn produce(site: &Site, others: &[Site], theme: &Theme, sink: &dyn Sink, plan: &Plan) -> Result<Report> {
    let recorder = Recorder::new(sink);
    let rendered = std::thread::scope(|scope| {
        let index_and_data = (!plan.pages_only).then(|| {
            scope.spawn(|| {
                let mut phases = crate::timing::Phases::start();
                crate::search::write_index(site, &recorder, plan.memo, plan.precompress)?;
                phases.done("(search index)");
                crate::export::write_all(site, &recorder)?;
                phases.done("(open data)");
                Ok::<(), anyhow::Error>(())
            })
        });
        let rendered = crate::render::render(site, theme, &recorder, plan).and_then(|mut rendered| {
            let pages_only = Plan {
                pages_only: true,
                ..plan.clone()
            };
            for other in others {
                let prefix = other.config.pages_prefix();
                let prefixed = Prefixed {
                    sink: &recorder,
                    prefix: &prefix,
                };
                let more = crate::render::render(other, theme, &prefixed, &pages_only)?;
                rendered.pages += more.pages;
                rendered.pages_kept += more.pages_kept;
                other.strings.check()?;
            }
            Ok(rendered)
        });
        if let Some(side) = index_and_data {
            side.join()
                .map_err(|_| anyhow!("the search index or the open data could not be built (a thread panicked)"))??;
        }
        rendered
    })?;
    // A string asked for that no file has showed as its bare key somewhere.
    site.strings.check()?;
    let recorded = recorder.done();
    Ok(Report {
        pages: rendered.pages,
        pages_kept: rendered.pages_kept,
        files: recorded.files,
        bytes: recorded.bytes,
        site_files: recorded.site_files,
        links: site.links.clone(),
    })
}

/// Why a build into a folder did not happen.
#[derive(Debug)]
pub enum Failure {
    /// The settings or the content have errors (warnings may be among them).
    Content(Vec<Diagnostic>),
    /// Something else: a template, the theme, the file system.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl From<OutputError> for Failure {
    fn from(e: OutputError) -> Self {
        Failure::Other(e.into())
    }
}

/// A build into a folder: checked, written into a staging folder beside `out` and swapped in
/// whole. `warn` hears the content's warnings before the writing starts.
pub fn build_into(inputs: &Inputs, out: &Path, warn: &dyn Fn(&[Diagnostic])) -> Result<Report, Failure> {
    let mut phases = crate::timing::Phases::start();
    let today = today()?;
    let config = settings(inputs.config, inputs.base_url).map_err(|d| Failure::Content(vec![d]))?;
    let loaded = crate::content::load(inputs.content);
    phases.done("load");
    let options = Options {
        today,
        stale_days: None,
    };
    let problems = check(&loaded.model, loaded.diagnostics, &options);
    phases.done("validate");
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Failure::Content(problems));
    }
    if !problems.is_empty() {
        warn(&problems);
    }
    let mut model = loaded.model;
    model.release_diagnostic_text();
    let strings = strings(inputs.theme, &config)?;
    let theme = Theme::load(inputs.theme)?;
    let mut staging = Staging::new(out)?;
    let site = Site::new(&model, &config, &strings, today, inputs.drafts);
    let languages = other_languages(inputs.theme, &config)?;
    let others = language_sites(&model, &languages, today, inputs.drafts);
    // Pages whose view is the one the recycled folder's copy was rendered from are not rendered
    // or written again.
    let memo = Mutex::new(staging.take_memo());
    let plan = Plan {
        memo: Some(&memo),
        precompress: inputs.precompress,
        ..Default::default()
    };
    let report = produce(&site, &others, &theme, &staging, &plan)?;
    phases.done("render");
    let mut memo = memo.into_inner().expect("memo lock");
    memo.retain(|route, _| report.site_files.contains(&crate::site::routes::file(route)));
    staging
        .commit(&memo)
        .with_context(|| format!("putting the new site in place at {}", out.display()))?;
    phases.done("swap");
    Ok(report)
}

/// The sink every output writes through: it records each file of the site and counts what was
/// written.
struct Recorder<'s> {
    sink: &'s dyn Sink,
    files: AtomicUsize,
    bytes: AtomicU64,
    site_files: Mutex<HashSet<String>>,
}

struct Recorded {
    files: usize,
    bytes: u64,
    site_files: HashSet<String>,
}

impl<'s> Recorder<'s> {
    fn new(sink: &'s dyn Sink) -> Recorder<'s> {
        Recorder {
            sink,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            site_files: Mutex::default(),
        }
    }

    fn record(&self, relative: &str) {
        self.site_files
            .lock()
            .expect("site files lock")
            .insert(relative.to_string());
    }

    fn done(self) -> Recorded {
        Recorded {
            files: self.files.into_inner(),
            bytes: self.bytes.into_inner(),
            site_files: self.site_files.into_inner().expect("site files lock"),
        }
    }
}

impl Sink for Recorder<'_> {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.sink.write(relative, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        self.record(relative);
        Ok(())
    }

    fn create(&self, relative: &str) -> Result<Box<dyn io::Write + Send + '_>, OutputError> {
        let inner = self.sink.create(relative)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.record(relative);
        Ok(Box::new(Counted {
            inner,
            bytes: &self.bytes,
        }))
    }

    /// A picture copied beside its entry: part of the site, not counted as written.
    fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError> {
        self.sink.copy(from, relative)
    }

    fn keep(&self, relative: &str) {
        self.sink.keep(relative);
        self.record(relative);
    }
}

/// The pages of another language: each file goes under its folder (`fr/`).
struct Prefixed<'s> {
    sink: &'s dyn Sink,
    prefix: &'s str,
}

impl Sink for Prefixed<'_> {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.sink.write(&format!("{}{relative}", self.prefix), bytes)
    }

    fn create(&self, relative: &str) -> Result<Box<dyn io::Write + Send + '_>, OutputError> {
        self.sink.create(&format!("{}{relative}", self.prefix))
    }

    fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError> {
        self.sink.copy(from, &format!("{}{relative}", self.prefix))
    }

    fn keep(&self, relative: &str) {
        self.sink.keep(&format!("{}{relative}", self.prefix));
    }
}

/// A streamed file whose bytes count towards the build's.
struct Counted<'c> {
    inner: Box<dyn io::Write + Send + 'c>,
    bytes: &'c AtomicU64,
}

impl io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

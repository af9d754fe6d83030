//! Where a build's files go: a staging folder on disk (`ruimte build`) or memory (`ruimte serve`).
//! Every output writes through a [`Sink`], by `/`-separated paths inside the site; anything else is
//! refused.

use std::io;
use std::path::{Component, Path, PathBuf};

#[derive(Debug)]
pub enum OutputError {
    /// The output folder exists, is not empty and was not written by ruimte.
    NotOurs(PathBuf),
    /// A file would land outside the output folder.
    Escapes(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::NotOurs(p) => write!(
                f,
                "{} exists and was not written by ruimte; refusing to replace it (choose another --out or empty it)",
                p.display()
            ),
            OutputError::Escapes(p) => write!(f, "refusing to write `{p}` outside the output folder"),
            OutputError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

/// Where a build's files go. Paths are `/`-separated and inside the site.
pub trait Sink: Sync {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError>;
    /// A file to stream into (large open-data files).
    fn create(&self, relative: &str) -> Result<Box<dyn io::Write + Send + '_>, OutputError>;
    /// Copies a file from the content folder (an entry's picture) into the site.
    fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError>;
    /// A file this build leaves as an earlier build wrote it (its view did not change).
    fn keep(&self, _relative: &str) {}
}

/// Whether `relative` names a place inside the site: plain names only, no `..`, no root, no `\`.
pub fn is_inside(relative: &str) -> bool {
    !relative.is_empty()
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !relative.contains('\\')
}

impl std::error::Error for OutputError {}

/// An I/O error on `path`.
pub fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |e| OutputError::Io(path.to_path_buf(), e)
}

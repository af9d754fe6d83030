//! Writing the site: every file goes into a staging folder beside the output folder, and only a
//! build that finished swaps it in. A failed build leaves the previous site as it was.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as written by ruimte, so a rebuild may replace it. A folder without it is never
/// deleted: `--out src` by mistake must not cost anyone their code.
pub const MARKER: &str = ".ruimte-build";

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

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

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |e| OutputError::Io(path.to_path_buf(), e)
}

impl Staging {
    /// Prepares a fresh staging folder next to `out`.
    pub fn new(out: &Path) -> Result<Staging, OutputError> {
        if out.exists() && !is_ours_or_empty(out) {
            return Err(OutputError::NotOurs(out.to_path_buf()));
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        fs::write(dir.join(MARKER), "").map_err(io_err(&dir))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at a `/`-separated path inside the site.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.resolve(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, bytes).map_err(io_err(&path))
    }

    /// Opens a new file in the site for streaming (large open-data files).
    pub fn create(&self, relative: &str) -> Result<fs::File, OutputError> {
        let path = self.resolve(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::File::create(&path).map_err(io_err(&path))
    }

    /// Copies a file into the site.
    pub fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError> {
        let path = self.resolve(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::copy(from, &path).map(|_| ()).map_err(io_err(from))
    }

    fn resolve(&self, relative: &str) -> Result<PathBuf, OutputError> {
        let rel = Path::new(relative);
        let safe = !relative.is_empty()
            && rel.components().all(|c| matches!(c, Component::Normal(_)))
            && !relative.contains('\\');
        if safe {
            Ok(self.dir.join(rel))
        } else {
            Err(OutputError::Escapes(relative.to_string()))
        }
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(self) -> Result<(), OutputError> {
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old).map_err(io_err(&self.out))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(OutputError::Io(self.out.clone(), e));
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        // The staging folder is now the output; nothing is left to clean up.
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that did not commit leaves no staging folder behind.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn is_ours_or_empty(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committed_build_replaces_the_old_one_and_an_abandoned_one_leaves_it() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let first = Staging::new(&out).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let abandoned = Staging::new(&out).unwrap();
        abandoned.write("index.html", b"two").unwrap();
        drop(abandoned);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        assert_eq!(
            fs::read_dir(root.path()).unwrap().count(),
            1,
            "no staging folder left behind"
        );
    }

    #[test]
    fn paths_outside_the_site_and_folders_not_ours_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let staging = Staging::new(&root.path().join("public")).unwrap();
        for bad in ["../x.html", "/etc/passwd", "a/../../b", "", "a\\..\\b"] {
            assert!(matches!(staging.write(bad, b""), Err(OutputError::Escapes(_))), "{bad}");
        }
        let code = root.path().join("src");
        fs::create_dir_all(&code).unwrap();
        fs::write(code.join("main.rs"), "fn main() {}").unwrap();
        assert!(matches!(Staging::new(&code), Err(OutputError::NotOurs(_))));
    }
}

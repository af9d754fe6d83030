//! Writing the site: every file goes into a staging folder beside the output folder, and only a
//! build that finished swaps it in. A failed build leaves the previous site as it was.
//!
//! The site that a swap replaces is kept beside the output as a spare (`.public.ruimte-spare`) and
//! becomes the next build's staging folder: its files are overwritten in place and the ones the new
//! build did not write are removed before the swap. Creating and deleting tens of thousands of files
//! and folders on every build is what made rebuilds slow (ext4 spends most of that time looking for
//! a free inode among recently deleted ones); overwriting them costs a fraction. Delete the spare at
//! any time; the next build then starts from an empty folder.
//!
//! A build holds a lock beside the output folder (`.public.ruimte-lock`) from start to swap: a
//! second build into the same folder waits for it, and so finds every staging folder there to be
//! left by a build that died (killed, out of memory), which it removes.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::output::{io_err, is_inside, OutputError, Sink};

/// Marks a folder as written by ruimte, so a rebuild may replace it. A folder without it is never
/// deleted: `--out src` by mistake must not cost anyone their code.
pub const MARKER: &str = ".ruimte-build";

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    spare: PathBuf,
    /// Whether `dir` started as the spare, with an earlier build's files in it.
    recycled: bool,
    /// The page memo the recycled folder's marker held: which view each of its pages was
    /// rendered from. The marker is emptied at once, so a build that fails leaves no stale memo.
    memo: HashMap<String, u64>,
    /// Every path this build wrote, relative to `dir`: the rest is pruned before the swap.
    written: Mutex<HashSet<PathBuf>>,
    /// Held until the swap: no other build writes into `out` meanwhile.
    _lock: fs::File,
    /// Swapped in: nothing is left to clean up.
    committed: bool,
}

impl Sink for Staging {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        Staging::write(self, relative, bytes)
    }
    fn create(&self, relative: &str) -> Result<Box<dyn io::Write + Send + '_>, OutputError> {
        Ok(Box::new(Staging::create(self, relative)?))
    }
    fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError> {
        Staging::copy(self, from, relative)
    }
    fn keep(&self, relative: &str) {
        if is_inside(relative) {
            self.written
                .lock()
                .expect("written lock")
                .insert(PathBuf::from(relative));
        }
    }
}

impl Staging {
    /// Prepares a fresh staging folder next to `out`, once no other build is writing into it.
    pub fn new(out: &Path) -> Result<Staging, OutputError> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let lock = lock(&parent.join(format!(".{name}.ruimte-lock")), out)?;
        remove_abandoned(parent, &name, out)?;
        if out.exists() && !is_ours_or_empty(out) {
            return Err(OutputError::NotOurs(out.to_path_buf()));
        }
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let spare = parent.join(format!(".{name}.ruimte-spare"));
        let recycled = spare.join(MARKER).is_file() && fs::rename(&spare, &dir).is_ok();
        let memo = if recycled {
            read_memo(&dir.join(MARKER))
        } else {
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
            HashMap::new()
        };
        fs::write(dir.join(MARKER), "").map_err(io_err(&dir))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            spare,
            recycled,
            memo,
            written: Mutex::new(HashSet::from([PathBuf::from(MARKER)])),
            _lock: lock,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The memo of the pages this folder holds from an earlier build (empty when it is new).
    pub fn take_memo(&mut self) -> HashMap<String, u64> {
        std::mem::take(&mut self.memo)
    }

    /// Writes one file at a `/`-separated path inside the site. In a recycled folder a file that
    /// already holds these bytes is left alone: reading it back costs less than rewriting it, and
    /// its unchanged modification time lets a deploy by sync skip it.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.resolve(relative)?;
        if self.recycled && holds(&path, bytes) {
            return Ok(());
        }
        self.make_parent(&path)?;
        fs::write(&path, bytes).map_err(io_err(&path))
    }

    /// Opens a new file in the site for streaming (large open-data files).
    pub fn create(&self, relative: &str) -> Result<fs::File, OutputError> {
        let path = self.resolve(relative)?;
        self.make_parent(&path)?;
        fs::File::create(&path).map_err(io_err(&path))
    }

    /// Copies a file into the site.
    pub fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError> {
        let path = self.resolve(relative)?;
        self.make_parent(&path)?;
        fs::copy(from, &path).map(|_| ()).map_err(io_err(from))
    }

    /// The path of a file inside the staging folder, recorded as written by this build.
    fn resolve(&self, relative: &str) -> Result<PathBuf, OutputError> {
        let rel = Path::new(relative);
        if !is_inside(relative) {
            return Err(OutputError::Escapes(relative.to_string()));
        }
        self.written.lock().expect("written lock").insert(rel.to_path_buf());
        let path = self.dir.join(rel);
        // A recycled folder may hold a folder where this build writes a file, or the reverse; a
        // new one has nothing in the way, and every write is spared the look.
        if self.recycled && path.is_dir() {
            fs::remove_dir_all(&path).map_err(io_err(&path))?;
        }
        Ok(path)
    }

    /// Creates the folders a file goes into; in a recycled folder, a file may stand in the way.
    fn make_parent(&self, path: &Path) -> Result<(), OutputError> {
        let Some(parent) = path.parent() else { return Ok(()) };
        if fs::create_dir_all(parent).is_ok() {
            return Ok(());
        }
        for folder in parent
            .ancestors()
            .take_while(|a| a.starts_with(&self.dir) && *a != self.dir)
        {
            if folder.is_file() {
                fs::remove_file(folder).map_err(io_err(folder))?;
            }
        }
        fs::create_dir_all(parent).map_err(io_err(parent))
    }

    /// Removes what a recycled folder holds that this build did not write.
    fn prune(&self) -> Result<(), OutputError> {
        let written = self.written.lock().expect("written lock");
        let folders: HashSet<&Path> = written
            .iter()
            .flat_map(|p| p.ancestors().skip(1))
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        let walk = walkdir::WalkDir::new(&self.dir).min_depth(1).contents_first(true);
        for entry in walk {
            let entry = entry.map_err(|e| OutputError::Io(self.dir.clone(), e.into()))?;
            let relative = entry.path().strip_prefix(&self.dir).expect("inside the staging folder");
            let path = entry.path();
            if entry.file_type().is_dir() {
                if !folders.contains(relative) {
                    fs::remove_dir_all(path).map_err(io_err(path))?;
                }
            } else if !written.contains(relative) || folders.contains(relative) {
                fs::remove_file(path).map_err(io_err(path))?;
            }
        }
        Ok(())
    }

    /// Swaps the staging folder in as the output folder; the replaced site becomes the spare.
    /// `memo` says which view each page was rendered from, for the build that recycles it.
    pub fn commit(mut self, memo: &HashMap<String, u64>) -> Result<(), OutputError> {
        // A new folder holds only what this build wrote.
        if self.recycled {
            self.prune()?;
        }
        let mut lines: Vec<String> = memo
            .iter()
            .map(|(route, hash)| format!("{hash:016x} {route}"))
            .collect();
        lines.sort();
        let marker = self.dir.join(MARKER);
        fs::write(&marker, lines.join("\n")).map_err(io_err(&marker))?;
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
            keep_as_spare(&old, &self.spare);
        }
        // The staging folder is now the output; nothing is left to clean up.
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that did not commit leaves no staging folder behind; what it wrote is kept as the
    /// spare, since the next build prunes whatever it does not write itself.
    fn drop(&mut self) {
        if !self.committed {
            keep_as_spare(&self.dir, &self.spare);
        }
    }
}

/// Takes the lock on `path` for a build into `out`, waiting (and saying so) while another build
/// holds it. The system releases it when the process ends, however it ends.
fn lock(path: &Path, out: &Path) -> Result<fs::File, OutputError> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io_err(path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another build into {} to finish (it holds {})",
                out.display(),
                path.display()
            );
            file.lock().map_err(io_err(path))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(OutputError::Io(path.to_path_buf(), e)),
    }
    Ok(file)
}

/// Removes the staging folders of builds into `out` that died before their swap: the caller holds
/// the lock, so no living build owns one. Says what it removed, in one line. A build that died in
/// the middle of its swap may have moved the last good site aside (`….old`) without putting the
/// new one in its place: that site is put back.
fn remove_abandoned(parent: &Path, name: &str, out: &Path) -> Result<(), OutputError> {
    let prefix = format!(".{name}.staging-");
    let mut removed = Vec::new();
    for entry in fs::read_dir(parent).map_err(io_err(parent))?.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let path = entry.path();
            if file_name.ends_with(".old") && !out.exists() && path.join(MARKER).is_file() {
                fs::rename(&path, out).map_err(io_err(&path))?;
                eprintln!("put back the last good site, which a build that did not finish had moved to {file_name}");
                continue;
            }
            let size = folder_size(&path);
            fs::remove_dir_all(&path).map_err(io_err(&path))?;
            removed.push((file_name, size));
        }
    }
    if !removed.is_empty() {
        let bytes: u64 = removed.iter().map(|(_, size)| size).sum();
        let names: Vec<&str> = removed.iter().map(|(name, _)| name.as_str()).collect();
        eprintln!(
            "removed what {} build(s) that did not finish left in {} ({}; {:.1} MB)",
            removed.len(),
            parent.display(),
            names.join(", "),
            bytes as f64 / 1e6
        );
    }
    Ok(())
}

fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn read_memo(marker: &Path) -> HashMap<String, u64> {
    let text = fs::read_to_string(marker).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (hash, route) = line.split_once(' ')?;
            Some((route.to_string(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len() != bytes.len() as u64).unwrap_or(true) {
        return false;
    }
    let mut existing = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut existing).is_ok() && existing == bytes
}

fn keep_as_spare(dir: &Path, spare: &Path) {
    if spare.exists() || fs::rename(dir, spare).is_err() {
        let _ = fs::remove_dir_all(dir);
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
        first.commit(&HashMap::new()).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");

        let abandoned = Staging::new(&out).unwrap();
        abandoned.write("index.html", b"two").unwrap();
        drop(abandoned);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        let mut left: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".public.ruimte-lock", ".public.ruimte-spare", "public"],
            "only the site, its spare and the lock"
        );
    }

    #[test]
    fn a_build_removes_what_dead_builds_left_and_puts_back_a_site_moved_aside() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let first = Staging::new(&out).unwrap();
        first.write("index.html", b"good").unwrap();
        first.commit(&HashMap::new()).unwrap();
        // A build killed while writing, and one killed between the two renames of its swap.
        let dead = root.path().join(".public.staging-999999");
        fs::create_dir_all(dead.join("ruimtes")).unwrap();
        fs::write(dead.join("ruimtes/half.html"), "half").unwrap();
        fs::rename(&out, root.path().join(".public.staging-999998.old")).unwrap();

        let next = Staging::new(&out).unwrap();
        assert_eq!(
            fs::read(out.join("index.html")).unwrap(),
            b"good",
            "the last good site is back"
        );
        assert!(!dead.exists());
        next.write("index.html", b"new").unwrap();
        next.commit(&HashMap::new()).unwrap();
        let staging_left = fs::read_dir(root.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("staging"))
            .count();
        assert_eq!(staging_left, 0);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
    }

    #[test]
    fn a_recycled_folder_ends_up_holding_exactly_what_the_new_build_wrote() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let builds: [&[(&str, &str)]; 4] = [
            &[("index.html", "1"), ("a/index.html", "a1"), ("b/index.html", "b1")],
            &[("index.html", "2"), ("a/index.html", "a2"), ("c", "c2")],
            // `c` turns from a file into a folder, `a` from a folder into a file.
            &[("index.html", "3"), ("a", "a3"), ("c/index.html", "c3")],
            &[("index.html", "4"), ("a/x/index.html", "a4"), ("c", "c4")],
        ];
        for files in builds {
            let staging = Staging::new(&out).unwrap();
            for (path, text) in files {
                staging.write(path, text.as_bytes()).unwrap();
            }
            staging.commit(&HashMap::new()).unwrap();
            let mut found: Vec<(String, String)> = walkdir::WalkDir::new(&out)
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let relative = e.path().strip_prefix(&out).unwrap().to_string_lossy().into_owned();
                    (relative, fs::read_to_string(e.path()).unwrap())
                })
                .filter(|(path, _)| path != MARKER)
                .collect();
            found.sort();
            let mut expected: Vec<(String, String)> =
                files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
            expected.sort();
            assert_eq!(found, expected);
        }
        assert!(root.path().join(".public.ruimte-spare").join(MARKER).is_file());
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

//! A tantivy directory held wholly in memory, that can be packed into one blob and opened from it.
//! The generator writes into it; the browser opens the blob with it. Reading never touches a clock,
//! a thread or a lock file (a stale lock once made an in-memory open try to sleep, which panics in
//! WebAssembly), so locks are no-ops and nothing is watched.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, FileSlice, Lock, OwnedBytes, TerminatingWrite, WatchCallback,
    WatchHandle, WritePtr,
};

type Files = Arc<RwLock<BTreeMap<PathBuf, OwnedBytes>>>;

#[derive(Clone, Default, Debug)]
pub struct MemoryDirectory {
    files: Files,
}

/// The packed form: `RIDX`, a format version, the file count, then per file its name and bytes,
/// all lengths little-endian. It is not compressed here: hosts compress it with brotli or gzip on
/// the way (as they must the reader anyway), which beat any compression applied before them.
const MAGIC: &[u8; 4] = b"RIDX";
const VERSION: u32 = 2;

#[derive(Debug)]
pub struct BlobError(pub String);

impl std::fmt::Display for BlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the search index cannot be read: {}", self.0)
    }
}

impl MemoryDirectory {
    /// Every file except lock files, in name order (so the same index packs to the same bytes).
    pub fn pack(&self) -> Vec<u8> {
        let files = self.files.read().expect("directory lock");
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&VERSION.to_le_bytes());
        let kept: Vec<_> = files
            .iter()
            .filter(|(p, _)| !p.to_string_lossy().ends_with(".lock"))
            .collect();
        raw.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (path, bytes) in kept {
            let name = path.to_string_lossy();
            raw.extend_from_slice(&(name.len() as u32).to_le_bytes());
            raw.extend_from_slice(name.as_bytes());
            raw.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            raw.extend_from_slice(bytes.as_slice());
        }
        raw
    }

    /// Packs with tantivy's random segment ids replaced by numbered ones, in file and in
    /// `meta.json`, so the same documents always give the same blob, in the same layout as
    /// `pack`. It empties the directory: each file is dropped as soon as it
    /// is in the blob, so packing takes little more memory than the blob (copying the files
    /// twice first was the peak of a 100,000-entry build).
    pub fn pack_deterministic(&self) -> Vec<u8> {
        let files = std::mem::take(&mut *self.files.write().expect("directory lock"));
        let mut ids: Vec<String> = files
            .keys()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|stem| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
            .collect();
        ids.sort();
        ids.dedup();
        // meta.json writes ids with hyphens, file names without.
        let hyphenated = |id: &str| {
            format!(
                "{}-{}-{}-{}-{}",
                &id[..8],
                &id[8..12],
                &id[12..16],
                &id[16..20],
                &id[20..]
            )
        };
        let replace = |text: &str| {
            ids.iter().enumerate().fold(text.to_string(), |t, (i, id)| {
                let new = format!("{:032x}", i + 1);
                t.replace(id.as_str(), &new).replace(&hyphenated(id), &hyphenated(&new))
            })
        };
        enum Content {
            Rewritten(Vec<u8>),
            AsWritten(OwnedBytes),
        }
        impl Content {
            fn bytes(&self) -> &[u8] {
                match self {
                    Content::Rewritten(v) => v,
                    Content::AsWritten(b) => b.as_slice(),
                }
            }
        }
        // .managed.json lists files in hash order and only matters to a writer.
        let mut renamed: Vec<(PathBuf, Content)> = files
            .into_iter()
            .filter(|(p, _)| !p.ends_with(".managed.json") && !p.to_string_lossy().ends_with(".lock"))
            .map(|(path, bytes)| {
                let name = replace(&path.to_string_lossy());
                let content = if name.ends_with(".json") {
                    Content::Rewritten(replace(&String::from_utf8_lossy(bytes.as_slice())).into_bytes())
                } else {
                    Content::AsWritten(bytes)
                };
                (PathBuf::from(name), content)
            })
            .collect();
        renamed.sort_by(|a, b| a.0.cmp(&b.0));
        let size: usize = renamed
            .iter()
            .map(|(p, c)| 12 + p.as_os_str().len() + c.bytes().len())
            .sum();
        let mut raw = Vec::with_capacity(12 + size);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&VERSION.to_le_bytes());
        raw.extend_from_slice(&(renamed.len() as u32).to_le_bytes());
        for (path, content) in renamed {
            let name = path.to_string_lossy();
            raw.extend_from_slice(&(name.len() as u32).to_le_bytes());
            raw.extend_from_slice(name.as_bytes());
            raw.extend_from_slice(&(content.bytes().len() as u64).to_le_bytes());
            raw.extend_from_slice(content.bytes());
        }
        raw
    }

    /// Opens a blob. Every file is a slice of the blob itself, so opening copies nothing and a
    /// reader holds the index once (copying each file held it twice, and a browser's
    /// WebAssembly memory never shrinks back).
    pub fn unpack(blob: Vec<u8>) -> Result<MemoryDirectory, BlobError> {
        let whole = OwnedBytes::new(blob);
        let files = file_table(whole.as_slice())?
            .into_iter()
            .map(|(name, range)| (name, whole.slice(range)))
            .collect();
        Ok(MemoryDirectory {
            files: Arc::new(RwLock::new(files)),
        })
    }

    fn insert(&self, path: &Path, bytes: Vec<u8>) {
        self.files
            .write()
            .expect("directory lock")
            .insert(path.to_path_buf(), OwnedBytes::new(bytes));
    }
}

/// Collects what tantivy writes and files it when tantivy says the file is complete.
struct MemoryWriter {
    directory: MemoryDirectory,
    path: PathBuf,
    buffer: Vec<u8>,
}

impl Write for MemoryWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl TerminatingWrite for MemoryWriter {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        self.directory.insert(&self.path, std::mem::take(&mut self.buffer));
        Ok(())
    }
}

impl Directory for MemoryDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        Ok(Arc::new(self.open_read(path)?))
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        let files = self.files.read().expect("directory lock");
        let bytes = files
            .get(path)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(FileSlice::new(Arc::new(bytes.clone())))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        let mut files = self.files.write().expect("directory lock");
        match files.remove(path) {
            Some(_) => Ok(()),
            None => Err(DeleteError::FileDoesNotExist(path.to_path_buf())),
        }
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.files.read().expect("directory lock").contains_key(path))
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        if self.files.read().expect("directory lock").contains_key(path) {
            return Err(OpenWriteError::FileAlreadyExists(path.to_path_buf()));
        }
        let writer = MemoryWriter {
            directory: self.clone(),
            path: path.to_path_buf(),
            buffer: Vec::new(),
        };
        Ok(io::BufWriter::new(Box::new(writer)))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        Ok(self
            .open_read(path)?
            .read_bytes()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .to_vec())
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.insert(path, data.to_vec());
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// One process owns this directory: no lock is needed, and none is written.
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

/// The files of a blob: each one's name and where its bytes are in the blob.
pub(crate) fn file_table(raw: &[u8]) -> Result<Vec<(PathBuf, std::ops::Range<usize>)>, BlobError> {
    let mut cursor = crate::cursor::Cursor::new(raw, "it");
    if cursor.bytes(4)? != MAGIC {
        return Err(BlobError("it is not a ruimte search index".into()));
    }
    let version = cursor.u32()?;
    if version != VERSION {
        return Err(BlobError(format!("format {version}, expected {VERSION}")));
    }
    let count = cursor.u32()? as usize;
    let mut files = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let name = cursor.text()?;
        let len = usize::try_from(cursor.u64()?).map_err(|_| BlobError("it ends too early".into()))?;
        files.push((PathBuf::from(name), cursor.take(len)?));
    }
    Ok(files)
}

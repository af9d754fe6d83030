//! The full-text index in parts, so a browser fetches what its queries read and nothing else.
//!
//! The generator cuts the packed index (see `directory`) into numbered chunks (`split`) and
//! writes a head: the file table with each file's chunk boundaries, and the bytes every query
//! reads whatever its words (`meta.json`, footers, the term dictionaries and norms of the fields
//! queries look in), exactly those byte ranges. The browser fetches the head, then runs each
//! query against a [`PartsDirectory`] that holds only what it has been given. A read of a chunk
//! it lacks fails and is noted; [`LazyIndex::search`] then answers with the chunks it wants
//! instead of results, the page fetches them, and the query runs again. A query first reads, on
//! its own, the postings of each of its terms (`SearchIndex::warm`), so one round fetches them
//! all; the stored fields of the hits come in a second. An answer is only given when no read
//! failed on the way, so the chunks loaded change nothing in it.
//!
//! Chunks end where what is read whole ends (a term's postings, a block of stored documents), so
//! a term or a hit costs one small chunk. Each is compressed on its own (raw deflate), with a
//! dictionary per file that the head carries: small chunks compressed alone lost most of what
//! compressing the whole file gained (twice the bytes for the stored texts); with the dictionary
//! they lose about a tenth. A browser inflates a chunk behind its file's dictionary as stored
//! blocks (`prefix`), which `DecompressionStream('deflate-raw')` can do.

#[cfg(not(target_arch = "wasm32"))]
mod split;

#[cfg(not(target_arch = "wasm32"))]
pub use split::Parts;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use split::PlannedFile;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use split::STORE_BLOCK;

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

use crate::cursor::Cursor;
use crate::directory::BlobError;
use crate::{SearchIndex, SearchRequest, SearchResponse};

const MAGIC: &[u8; 4] = b"RPRT";
const VERSION: u32 = 2;

#[derive(Debug, Clone)]
struct FileEntry {
    name: PathBuf,
    len: u64,
    first_chunk: u32,
    /// Where each of its chunks starts, in order; the first at 0.
    starts: Vec<u64>,
    /// What its chunks are compressed against (may be empty).
    dictionary: Vec<u8>,
}

impl FileEntry {
    fn chunk_count(&self) -> u32 {
        self.starts.len() as u32
    }

    /// The byte range, within the file, of its `k`-th chunk.
    fn chunk_range(&self, k: u32) -> Range<usize> {
        let k = k as usize;
        let end = self.starts.get(k + 1).copied().unwrap_or(self.len);
        self.starts[k] as usize..end as usize
    }

    /// The chunk that holds byte `at`.
    fn chunk_at(&self, at: usize) -> u32 {
        (self.starts.partition_point(|&s| s <= at as u64) - 1) as u32
    }
}

/// What the head says: the files, where each one's chunks are, and the folder they are in.
#[derive(Debug, Clone)]
struct Manifest {
    files: Vec<FileEntry>,
    chunks: u32,
    /// Where the parts are, relative to the head (`parts/<id>/`): a new index gets a new
    /// folder, so a page never mixes parts of two builds.
    folder: String,
}

impl Manifest {
    /// The file a chunk belongs to, with its number.
    fn file_of(&self, chunk: u32) -> Option<(usize, &FileEntry)> {
        self.files
            .iter()
            .enumerate()
            .find(|(_, f)| chunk >= f.first_chunk && chunk < f.first_chunk + f.chunk_count())
    }

    /// The length a chunk must have.
    fn chunk_len(&self, chunk: u32) -> Option<usize> {
        let (_, file) = self.file_of(chunk)?;
        Some(file.chunk_range(chunk - file.first_chunk).len())
    }
}

/// Reads a head (see `split::write_head`) into a directory that holds the bytes it carries.
fn read_head(head: Vec<u8>) -> Result<PartsDirectory, BlobError> {
    let whole = OwnedBytes::new(head);
    let mut cursor = Cursor::new(whole.as_slice(), "its head");
    if cursor.bytes(4)? != MAGIC {
        return Err(BlobError("its head is not a ruimte search index head".into()));
    }
    let version = cursor.u32()?;
    if version != VERSION {
        return Err(BlobError(format!("head format {version}, expected {VERSION}")));
    }
    let folder = cursor.text()?;
    let chunks = cursor.u32()?;
    let file_count = cursor.u32()? as usize;
    let mut files = Vec::with_capacity(file_count.min(1024));
    let mut next_chunk = 0u32;
    for _ in 0..file_count {
        let name = cursor.text()?;
        let len = cursor.u64()?;
        let first_chunk = cursor.u32()?;
        if first_chunk != next_chunk {
            return Err(BlobError("its head numbers the chunks out of order".into()));
        }
        let count = cursor.u32()? as usize;
        let mut starts = Vec::with_capacity(count.min(whole.len() / 4));
        let mut at = 0u64;
        for _ in 0..count {
            starts.push(at);
            at += u64::from(cursor.u32()?);
        }
        // A file without chunks is one the head carries whole (checked when read).
        if count > 0 && at != len {
            return Err(BlobError("its head cuts a file into chunks that do not add up".into()));
        }
        let dictionary_len = cursor.u32()? as usize;
        let dictionary = cursor.bytes(dictionary_len)?.to_vec();
        next_chunk += count as u32;
        files.push(FileEntry {
            name: PathBuf::from(name),
            len,
            first_chunk,
            starts,
            dictionary,
        });
    }
    if next_chunk != chunks {
        return Err(BlobError("its head counts its chunks wrong".into()));
    }
    let manifest = Manifest { files, chunks, folder };
    let directory = PartsDirectory::new(manifest);
    let carried = cursor.u32()?;
    for _ in 0..carried {
        let file = cursor.u32()? as usize;
        let offset = cursor.u64()?;
        let len = cursor.u32()? as usize;
        let range = cursor.take(len)?;
        let fits = directory
            .manifest
            .files
            .get(file)
            .is_some_and(|f| offset.checked_add(len as u64).is_some_and(|end| end <= f.len));
        if !fits {
            return Err(BlobError("its head carries bytes outside the index's files".into()));
        }
        directory
            .held
            .pieces
            .write()
            .expect("pieces lock")
            .entry(file)
            .or_default()
            .push(Piece {
                start: offset as usize,
                bytes: whole.slice(range),
            });
    }
    Ok(directory)
}

/// A byte range of the file with this number in the manifest.
type FileRange = (usize, Range<usize>);

/// Bytes of a file the head carries, from `start` on.
#[derive(Debug)]
struct Piece {
    start: usize,
    bytes: OwnedBytes,
}

#[derive(Debug, Default)]
struct Held {
    /// By file number: the bytes the head carries.
    pieces: RwLock<HashMap<usize, Vec<Piece>>>,
    chunks: RwLock<HashMap<u32, OwnedBytes>>,
    /// Chunks a read wanted and did not find, since the last `take_missing`.
    missing: Mutex<BTreeSet<u32>>,
    /// Every byte range read, by file number, while recording (the generator, finding what
    /// every query reads).
    reads: Mutex<Option<Vec<FileRange>>>,
}

/// A read-only tantivy directory over the chunks given to it so far.
#[derive(Debug, Clone)]
pub struct PartsDirectory {
    manifest: Arc<Manifest>,
    held: Arc<Held>,
}

impl PartsDirectory {
    fn new(manifest: Manifest) -> PartsDirectory {
        PartsDirectory {
            manifest: Arc::new(manifest),
            held: Arc::default(),
        }
    }

    fn insert(&self, chunk: u32, bytes: OwnedBytes) {
        self.held.chunks.write().expect("chunks lock").insert(chunk, bytes);
    }

    fn supply_bytes(&self, chunk: u32, bytes: OwnedBytes) -> Result<(), String> {
        match self.manifest.chunk_len(chunk) {
            Some(len) if len == bytes.len() => {
                self.insert(chunk, bytes);
                Ok(())
            }
            Some(len) => Err(format!(
                "part {chunk} has {} bytes, the index expects {len}",
                bytes.len()
            )),
            None => Err(format!("the index has no part {chunk}")),
        }
    }

    pub(crate) fn take_missing(&self) -> Vec<u32> {
        std::mem::take(&mut *self.held.missing.lock().expect("missing lock"))
            .into_iter()
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn record_reads(&self) {
        *self.held.reads.lock().expect("reads lock") = Some(Vec::new());
    }

    /// The ranges read while recording, by file and in order, each once; with `join`,
    /// overlapping and touching ones joined.
    #[cfg(not(target_arch = "wasm32"))]
    fn reads(&self, join: bool) -> Vec<FileRange> {
        let mut reads = self.held.reads.lock().expect("reads lock").take().unwrap_or_default();
        reads.sort_by_key(|(file, range)| (*file, range.start, range.end));
        reads.dedup();
        if !join {
            return reads;
        }
        let mut joined: Vec<FileRange> = Vec::new();
        for (file, range) in reads {
            match joined.last_mut() {
                Some((f, last)) if *f == file && range.start <= last.end => last.end = last.end.max(range.end),
                _ => joined.push((file, range)),
            }
        }
        joined
    }

    fn file(&self, path: &Path) -> Option<(usize, &FileEntry)> {
        self.manifest.files.iter().enumerate().find(|(_, f)| f.name == path)
    }

    /// A directory that holds every chunk: what the generator and the command line read.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn whole(parts: &Parts) -> Result<PartsDirectory, BlobError> {
        let directory = read_head(parts.head().to_vec())?;
        for chunk in 0..parts.chunk_count() {
            directory.insert(chunk, OwnedBytes::new(parts.chunk(chunk).to_vec()));
        }
        Ok(directory)
    }

    /// Opens the directory a head describes, holding only what the head carries.
    pub(crate) fn open(head: Vec<u8>) -> Result<PartsDirectory, BlobError> {
        read_head(head)
    }

    /// The number and length of the file with this name.
    pub(crate) fn file_named(&self, name: &str) -> Option<(usize, u64)> {
        self.file(Path::new(name)).map(|(number, entry)| (number, entry.len))
    }

    /// Bytes of file `number`, or `None` when a chunk they are in is not here yet (it is noted,
    /// for `take_missing`).
    pub(crate) fn read(&self, number: usize, range: Range<usize>) -> Result<Option<OwnedBytes>, String> {
        let file = PartFile {
            directory: self.clone(),
            number,
        };
        match file.read_bytes(range) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    pub(crate) fn folder(&self) -> &str {
        &self.manifest.folder
    }

    pub(crate) fn part_count(&self) -> u32 {
        self.manifest.chunks
    }

    /// What to put before a part, as it was fetched, for a raw-deflate decoder: its file's
    /// dictionary as stored blocks, which the part's back-references may then reach. The
    /// decoder's output starts with the dictionary; `supply` takes it whole.
    pub(crate) fn prefix(&self, part: u32) -> Result<Vec<u8>, String> {
        let (_, file) = self
            .manifest
            .file_of(part)
            .ok_or_else(|| format!("the index has no part {part}"))?;
        Ok(stored_blocks(&file.dictionary))
    }

    /// Hands over a fetched part, inflated behind its `prefix` (so it starts with its file's
    /// dictionary).
    pub(crate) fn supply(&self, part: u32, inflated: Vec<u8>) -> Result<(), String> {
        let (_, file) = self
            .manifest
            .file_of(part)
            .ok_or_else(|| format!("the index has no part {part}"))?;
        let skip = file.dictionary.len();
        if inflated.len() < skip || inflated[..skip] != file.dictionary[..] {
            return Err(format!("part {part} is damaged: it does not follow its dictionary"));
        }
        let end = inflated.len();
        self.supply_bytes(part, OwnedBytes::new(inflated).slice(skip..end))
    }

    /// Hands over a part as shipped (raw deflate): what the browser does with `prefix` and
    /// `supply`, for the generator's own checks and benchmarks.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn supply_packed(&self, part: u32, packed: &[u8]) -> Result<(), String> {
        use std::io::Read as _;
        let mut input = self.prefix(part)?;
        input.extend_from_slice(packed);
        let mut inflated = Vec::new();
        flate2::read::DeflateDecoder::new(&input[..])
            .read_to_end(&mut inflated)
            .map_err(|e| format!("part {part} is damaged: {e}"))?;
        self.supply(part, inflated)
    }
}

/// One file of the index, by its number in the manifest.
#[derive(Debug)]
struct PartFile {
    directory: PartsDirectory,
    number: usize,
}

impl PartFile {
    fn entry(&self) -> &FileEntry {
        &self.directory.manifest.files[self.number]
    }
}

impl HasLen for PartFile {
    fn len(&self) -> usize {
        self.entry().len as usize
    }
}

impl FileHandle for PartFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let entry = self.entry();
        if range.end > entry.len as usize || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "read past the end of a file",
            ));
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        if let Some(reads) = self.directory.held.reads.lock().expect("reads lock").as_mut() {
            reads.push((self.number, range.clone()));
        }
        let pieces = self.directory.held.pieces.read().expect("pieces lock");
        let carried = pieces.get(&self.number).and_then(|pieces| {
            pieces
                .iter()
                .find(|p| p.start <= range.start && range.end <= p.start + p.bytes.len())
        });
        if let Some(piece) = carried {
            return Ok(piece.bytes.slice(range.start - piece.start..range.end - piece.start));
        }
        drop(pieces);
        if entry.starts.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the index's head does not carry a file it has no parts of",
            ));
        }
        let (first, last) = (entry.chunk_at(range.start), entry.chunk_at(range.end - 1));
        let numbers = (first..=last).map(|k| entry.first_chunk + k);
        let chunks = self.directory.held.chunks.read().expect("chunks lock");
        let absent: Vec<u32> = numbers.clone().filter(|n| !chunks.contains_key(n)).collect();
        if !absent.is_empty() {
            self.directory.held.missing.lock().expect("missing lock").extend(absent);
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                "a part of the index is not loaded yet",
            ));
        }
        let offset = entry.starts[first as usize] as usize;
        if first == last {
            let chunk = &chunks[&numbers.clone().next().expect("one chunk")];
            return Ok(chunk.slice(range.start - offset..range.end - offset));
        }
        let mut joined = Vec::with_capacity(range.len());
        for n in numbers {
            joined.extend_from_slice(chunks[&n].as_slice());
        }
        Ok(OwnedBytes::new(joined).slice(range.start - offset..range.end - offset))
    }
}

fn read_only(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("{}: the index in parts is read-only", path.display()),
    )
}

impl Directory for PartsDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let (number, _) = self
            .file(path)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(Arc::new(PartFile {
            directory: self.clone(),
            number,
        }))
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        Ok(FileSlice::new(self.get_file_handle(path)?))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.file(path).is_some())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(read_only(path), path.to_path_buf()))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        Ok(self
            .open_read(path)?
            .read_bytes()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .to_vec())
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only(path))
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

/// `bytes` as deflate stored blocks, none of them final: what a decoder copies into its window
/// unchanged.
fn stored_blocks(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 0xffff * 5 + 5);
    for block in bytes.chunks(0xffff) {
        let len = block.len() as u16;
        out.push(0); // BFINAL 0, BTYPE 00 (stored), then padding to the byte
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

/// An answer, or the parts it needs first.
#[derive(Debug)]
pub enum Lazy<T> {
    Ready(T),
    Wants(Vec<u32>),
}

impl<T: serde::Serialize> Lazy<T> {
    /// As the browser's readers hand it to the page: the answer as JSON, or `{"wants": [part, …]}`.
    pub fn to_json(&self) -> Result<String, String> {
        match self {
            Lazy::Ready(answer) => serde_json::to_string(answer),
            Lazy::Wants(parts) => serde_json::to_string(&serde_json::json!({ "wants": parts })),
        }
        .map_err(|e| e.to_string())
    }
}

/// The full-text index opened from its head, filled in part by part as queries need.
pub struct LazyIndex {
    directory: PartsDirectory,
    index: Option<SearchIndex>,
}

impl LazyIndex {
    pub fn open(head: Vec<u8>) -> Result<LazyIndex, BlobError> {
        Ok(LazyIndex {
            directory: read_head(head)?,
            index: None,
        })
    }

    /// How many parts the index has; they are numbered from 0.
    pub fn part_count(&self) -> u32 {
        self.directory.part_count()
    }

    /// The parts' folder, relative to the head's address.
    pub fn folder(&self) -> &str {
        self.directory.folder()
    }

    /// What to put before a part for a raw-deflate decoder (see [`PartsDirectory::prefix`]).
    pub fn prefix(&self, part: u32) -> Result<Vec<u8>, String> {
        self.directory.prefix(part)
    }

    /// Hands over a part fetched for a `Wants` answer, inflated behind its `prefix`.
    pub fn supply(&self, part: u32, inflated: Vec<u8>) -> Result<(), String> {
        self.directory.supply(part, inflated)
    }

    /// Hands over a part as shipped (raw deflate).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn supply_packed(&self, part: u32, packed: &[u8]) -> Result<(), String> {
        self.directory.supply_packed(part, packed)
    }

    /// Runs `request` if every part it reads is here; otherwise says which to fetch. An error is
    /// only given when no part was missing on the way (a missing part can make any error).
    pub fn search(&mut self, request: &SearchRequest) -> Result<Lazy<SearchResponse>, String> {
        self.directory.take_missing();
        if self.index.is_none() {
            match SearchIndex::open_directory(self.directory.clone()) {
                Ok(index) => self.index = Some(index),
                Err(error) => return self.wants_or(error),
            }
        }
        let index = self.index.as_ref().expect("opened above");
        index.warm(request);
        let missing = self.directory.take_missing();
        if !missing.is_empty() {
            return Ok(Lazy::Wants(missing));
        }
        match index.search(request) {
            Ok(response) => match self.directory.take_missing() {
                missing if missing.is_empty() => Ok(Lazy::Ready(response)),
                missing => Ok(Lazy::Wants(missing)),
            },
            Err(error) => self.wants_or(error),
        }
    }

    fn wants_or<T>(&self, error: String) -> Result<Lazy<T>, String> {
        match self.directory.take_missing() {
            missing if missing.is_empty() => Err(error),
            missing => Ok(Lazy::Wants(missing)),
        }
    }
}

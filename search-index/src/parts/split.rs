//! The generator's side of the index in parts: where to cut each file, what the head carries,
//! and each chunk compressed against its file's dictionary.

use std::ops::Range;
use std::path::PathBuf;

use tantivy::directory::OwnedBytes;

use super::{FileEntry, Manifest, PartsDirectory, MAGIC, VERSION};
use crate::SearchIndex;

/// About what a chunk of postings or stored documents holds: a few terms' postings, or one
/// block of stored documents (`STORE_BLOCK`), so a word or a hit fetches about this much.
const SMALL_CHUNK: u64 = 2 * 1024;
/// What is read whole (dictionaries, norms, the facet column) and is mostly in the head.
const LARGE_CHUNK: u64 = 64 * 1024;
/// The stored documents are kept in blocks of about this many bytes (tantivy's default, 16 KiB,
/// made each hit fetch eight times what it needed).
pub(crate) const STORE_BLOCK: usize = 2 * 1024;
/// A deflate window: the most of a dictionary a chunk can refer back to.
const DICTIONARY: usize = 32 * 1024;
const DICTIONARY_SAMPLES: usize = 8;

/// A file to ship in parts: where its chunks start, or carried whole by the head (then it has
/// no chunks).
pub(crate) struct PlannedFile {
    pub name: PathBuf,
    pub bytes: Vec<u8>,
    pub starts: Vec<u64>,
    pub carried: bool,
}

/// The packed index cut into parts: the head, and the chunks as slices of the blob.
pub struct Parts {
    blob: OwnedBytes,
    manifest: Manifest,
    /// Where each file is in the blob.
    table: Vec<(PathBuf, Range<usize>)>,
    head: Vec<u8>,
}

impl Parts {
    /// Cuts a packed index (from [`crate::build_index`]) into parts that will be in `folder`
    /// (relative to the head). It opens the index and reads, recording: what every query reads
    /// (the head carries it), then every term's postings and every block of stored documents
    /// (chunks end where they end).
    pub fn split(blob: Vec<u8>, folder: &str) -> Result<Parts, String> {
        let blob = OwnedBytes::new(blob);
        let table = crate::directory::file_table(blob.as_slice()).map_err(|e| e.to_string())?;
        // First every file as one chunk, to read from while recording.
        let whole = Manifest {
            files: table
                .iter()
                .enumerate()
                .map(|(i, (name, range))| FileEntry {
                    name: name.clone(),
                    len: range.len() as u64,
                    first_chunk: i as u32,
                    starts: vec![0],
                    dictionary: Vec::new(),
                })
                .collect(),
            chunks: table.len() as u32,
            folder: folder.to_string(),
        };
        let directory = PartsDirectory::new(whole);
        for (i, (_, range)) in table.iter().enumerate() {
            directory.insert(i as u32, blob.slice(range.clone()));
        }
        directory.record_reads();
        let index = SearchIndex::open_directory(directory.clone())?;
        index.touch_common();
        let pieces = directory.reads(true);
        directory.record_reads();
        index.read_every_unit();
        let units = directory.reads(false);

        let mut files = Vec::with_capacity(table.len());
        for (name, range) in &table {
            let bytes = &blob.as_slice()[range.clone()];
            let extension = name.extension().and_then(|e| e.to_str());
            let small = matches!(extension, Some("idx" | "store"));
            let number = files.len();
            let starts = if small {
                let read_whole = units.iter().filter(|(f, _)| *f == number).map(|(_, r)| r.clone());
                cut_at_units(bytes.len() as u64, read_whole)
            } else if extension == Some("fast") {
                // The facet column and its dictionary: counting reads them all, in two steps
                // that would each wait for the other's part.
                vec![0]
            } else {
                (0..bytes.len() as u64).step_by(LARGE_CHUNK as usize).collect()
            };
            files.push(FileEntry {
                name: name.clone(),
                len: bytes.len() as u64,
                first_chunk: 0,
                dictionary: if small { dictionary(bytes) } else { Vec::new() },
                starts,
            });
        }
        Ok(Parts::assemble(blob, table, files, pieces, folder))
    }

    /// Ships files that are not a tantivy index (the suggestions' index) the same way: each
    /// cut where its plan says, or carried whole by the head.
    pub(crate) fn from_files(planned: Vec<PlannedFile>, folder: &str) -> Parts {
        let mut blob = Vec::with_capacity(planned.iter().map(|f| f.bytes.len()).sum());
        let mut table = Vec::with_capacity(planned.len());
        let mut files = Vec::with_capacity(planned.len());
        let mut pieces = Vec::new();
        for (number, file) in planned.into_iter().enumerate() {
            let range = blob.len()..blob.len() + file.bytes.len();
            if file.carried {
                pieces.push((number, 0..file.bytes.len()));
            }
            files.push(FileEntry {
                name: file.name.clone(),
                len: file.bytes.len() as u64,
                first_chunk: 0,
                dictionary: if file.carried {
                    Vec::new()
                } else {
                    dictionary(&file.bytes)
                },
                starts: if file.carried { Vec::new() } else { file.starts },
            });
            blob.extend_from_slice(&file.bytes);
            table.push((file.name, range));
        }
        Parts::assemble(OwnedBytes::new(blob), table, files, pieces, folder)
    }

    /// Numbers the files' chunks in order and writes the head, which carries `pieces`.
    fn assemble(
        blob: OwnedBytes,
        table: Vec<(PathBuf, Range<usize>)>,
        mut files: Vec<FileEntry>,
        pieces: Vec<(usize, Range<usize>)>,
        folder: &str,
    ) -> Parts {
        let mut next = 0u32;
        for file in &mut files {
            file.first_chunk = next;
            next += file.chunk_count();
        }
        let manifest = Manifest {
            files,
            chunks: next,
            folder: folder.to_string(),
        };
        let head = write_head(
            &manifest,
            pieces.iter().map(|(file, range)| {
                let start = table[*file].1.start;
                (
                    *file as u32,
                    range.start as u64,
                    &blob.as_slice()[start + range.start..start + range.end],
                )
            }),
        );
        Parts {
            blob,
            manifest,
            table,
            head,
        }
    }

    pub fn head(&self) -> &[u8] {
        &self.head
    }

    pub fn chunk_count(&self) -> u32 {
        self.manifest.chunks
    }

    /// A chunk as the index reads it.
    pub fn chunk(&self, chunk: u32) -> &[u8] {
        let (number, file) = self.manifest.file_of(chunk).expect("a chunk of the index");
        let within = file.chunk_range(chunk - file.first_chunk);
        let start = self.table[number].1.start;
        &self.blob.as_slice()[start + within.start..start + within.end]
    }

    /// A chunk as it is shipped: raw deflate, against its file's dictionary.
    pub fn packed_chunk(&self, chunk: u32) -> Vec<u8> {
        let (_, file) = self.manifest.file_of(chunk).expect("a chunk of the index");
        deflate(self.chunk(chunk), &file.dictionary)
    }
}

/// Chunk starts for a file whose `read_whole` ranges are each read at once: a chunk ends where
/// one of them starts once it holds `SMALL_CHUNK` bytes, so no range is split and a small one
/// costs one small chunk.
fn cut_at_units(len: u64, read_whole: impl Iterator<Item = Range<usize>>) -> Vec<u64> {
    let mut starts = vec![0u64];
    for unit in read_whole {
        let (start, end) = (unit.start as u64, unit.end as u64);
        let current = *starts.last().expect("a first chunk");
        if start > current && end - current > SMALL_CHUNK && start < len {
            starts.push(start);
        }
    }
    if len == 0 {
        starts.clear();
    }
    starts
}

/// What a file's chunks are compressed against: pieces taken evenly across it, as much as a
/// deflate window holds (the stored texts of different entries share most of their words and
/// markup; postings share less, but still a tenth).
fn dictionary(bytes: &[u8]) -> Vec<u8> {
    if bytes.len() <= DICTIONARY * 2 {
        return Vec::new();
    }
    let piece = DICTIONARY / DICTIONARY_SAMPLES;
    (0..DICTIONARY_SAMPLES)
        .flat_map(|k| {
            let at = (bytes.len() - piece) * (2 * k + 1) / (2 * DICTIONARY_SAMPLES);
            bytes[at..at + piece].iter().copied()
        })
        .collect()
}

/// Raw deflate of `bytes`, with `dictionary` as the history it may refer back to.
pub(crate) fn deflate(bytes: &[u8], dictionary: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut compress = Compress::new(Compression::new(6), false);
    if !dictionary.is_empty() {
        compress
            .set_dictionary(dictionary)
            .expect("a dictionary for raw deflate");
    }
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let read = compress.total_in() as usize;
        let status = compress
            .compress_vec(&bytes[read..], &mut out, FlushCompress::Finish)
            .expect("deflate into a growing buffer");
        match status {
            Status::StreamEnd => return out,
            _ => out.reserve(out.capacity().max(1024)),
        }
    }
}

/// The head: `RPRT`, the format version, the parts' folder, the chunk count, the file table
/// (per file: name, length, first chunk, chunk count, each chunk's length, its dictionary),
/// then the pieces of files it carries (file number, offset, length, bytes); numbers
/// little-endian, texts and bytes as their length and then themselves.
fn write_head<'a>(manifest: &Manifest, carried: impl Iterator<Item = (u32, u64, &'a [u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut put = |bytes: &[u8]| out.extend_from_slice(bytes);
    put(MAGIC);
    put(&VERSION.to_le_bytes());
    put(&(manifest.folder.len() as u32).to_le_bytes());
    put(manifest.folder.as_bytes());
    put(&manifest.chunks.to_le_bytes());
    put(&(manifest.files.len() as u32).to_le_bytes());
    for file in &manifest.files {
        let name = file.name.to_string_lossy();
        put(&(name.len() as u32).to_le_bytes());
        put(name.as_bytes());
        put(&file.len.to_le_bytes());
        put(&file.first_chunk.to_le_bytes());
        put(&file.chunk_count().to_le_bytes());
        for k in 0..file.chunk_count() {
            put(&(file.chunk_range(k).len() as u32).to_le_bytes());
        }
        put(&(file.dictionary.len() as u32).to_le_bytes());
        put(&file.dictionary);
    }
    let carried: Vec<_> = carried.collect();
    put(&(carried.len() as u32).to_le_bytes());
    for (file, offset, bytes) in carried {
        put(&file.to_le_bytes());
        put(&offset.to_le_bytes());
        put(&(bytes.len() as u32).to_le_bytes());
        put(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_where_a_range_read_whole_starts_and_never_split_one() {
        let units = [0..100, 100..1500, 1500..2600, 2600..2700, 2700..9000, 9000..9100];
        let starts = cut_at_units(9200, units.iter().cloned());
        assert_eq!(starts, vec![0, 1500, 2700, 9000]);
        for unit in units {
            let chunk = starts.partition_point(|&s| s <= unit.start as u64);
            let end = starts.get(chunk).copied().unwrap_or(9200);
            assert!(unit.end as u64 <= end, "{unit:?} is split");
        }
    }
}

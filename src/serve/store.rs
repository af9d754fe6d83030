//! The site `ruimte serve` serves: every file in memory, swapped whole when a rebuild finishes,
//! with the diagnostics of the last failed rebuild beside it.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, RwLock};

use crate::output::{is_inside, OutputError, Sink};

pub type Files = HashMap<String, Arc<[u8]>>;

/// What the server shows right now.
#[derive(Default, Clone)]
pub struct Published {
    /// The last good build.
    pub files: Arc<Files>,
    /// The problems of the content as it is on disk, rendered for people; empty when it builds.
    pub errors: String,
    /// Counts publications, so open pages know when to reload.
    pub generation: u64,
    /// A rebuild is running (tests wait for quiet).
    pub busy: bool,
}

/// Shared between the rebuild loop and the connections.
#[derive(Default)]
pub struct Store {
    current: RwLock<Published>,
    changed: Mutex<u64>,
    signal: Condvar,
}

impl Store {
    pub fn snapshot(&self) -> Published {
        self.current.read().expect("store lock").clone()
    }

    /// Publishes a change; `reload` tells open pages to load again.
    pub fn update(&self, change: impl FnOnce(&mut Published), reload: bool) {
        let generation = {
            let mut current = self.current.write().expect("store lock");
            change(&mut current);
            if reload {
                current.generation += 1;
            }
            current.generation
        };
        *self.changed.lock().expect("signal lock") = generation;
        self.signal.notify_all();
    }

    /// Waits until the generation differs from `seen`, or the timeout passes; returns the newest.
    pub fn wait_change(&self, seen: u64, timeout: std::time::Duration) -> u64 {
        let guard = self.changed.lock().expect("signal lock");
        let (guard, _) = self
            .signal
            .wait_timeout_while(guard, timeout, |generation| *generation == seen)
            .expect("signal lock");
        *guard
    }
}

/// A build's files, written into memory: a copy of the last good files that a partial render
/// overwrites.
pub struct MemorySink {
    pub files: Mutex<Files>,
}

impl MemorySink {
    pub fn new(start: &Files) -> MemorySink {
        MemorySink {
            files: Mutex::new(start.clone()),
        }
    }

    fn check(relative: &str) -> Result<(), OutputError> {
        if is_inside(relative) {
            Ok(())
        } else {
            Err(OutputError::Escapes(relative.to_string()))
        }
    }

    fn put(&self, relative: &str, bytes: Vec<u8>) {
        self.files
            .lock()
            .expect("files lock")
            .insert(relative.to_string(), bytes.into());
    }
}

impl Sink for MemorySink {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        Self::check(relative)?;
        self.put(relative, bytes.to_vec());
        Ok(())
    }

    fn create(&self, relative: &str) -> Result<Box<dyn Write + Send + '_>, OutputError> {
        Self::check(relative)?;
        Ok(Box::new(MemoryFile {
            sink: self,
            route: relative.to_string(),
            bytes: Vec::new(),
        }))
    }

    fn copy(&self, from: &Path, relative: &str) -> Result<(), OutputError> {
        Self::check(relative)?;
        let bytes = std::fs::read(from).map_err(|e| OutputError::Io(from.to_path_buf(), e))?;
        self.put(relative, bytes);
        Ok(())
    }
}

/// A streamed file, stored when it is dropped (after the writer's last flush).
struct MemoryFile<'s> {
    sink: &'s MemorySink,
    route: String,
    bytes: Vec<u8>,
}

impl Write for MemoryFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for MemoryFile<'_> {
    fn drop(&mut self) {
        self.sink.put(&self.route, std::mem::take(&mut self.bytes));
    }
}

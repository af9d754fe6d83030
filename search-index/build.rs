//! Embeds SEARCH_INDEX_SOURCE_HASH: a hash of this crate's sources, its manifest, the patches the
//! browser's reader applies to its dependencies (patches/) and the locked versions of every crate
//! it depends on. The generator and the WebAssembly reader both carry it; the generator refuses to
//! ship a committed reader built from other code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let lock_path = root.join("../Cargo.lock");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=patches");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", lock_path.display());

    let mut hash = Fnv::default();
    let mut sources = Vec::new();
    collect(&root.join("src"), &mut sources);
    collect(&root.join("patches"), &mut sources);
    sources.sort();
    for path in sources
        .iter()
        .chain([root.join("Cargo.toml"), root.join("build.rs")].iter())
    {
        hash.write(path.strip_prefix(&root).unwrap_or(path).to_string_lossy().as_bytes());
        hash.write(&fs::read(path).unwrap_or_default());
    }
    let lock = fs::read_to_string(&lock_path).unwrap_or_default();
    for block in dependency_blocks(&lock, "search-index") {
        hash.write(block.as_bytes());
    }
    println!("cargo:rustc-env=SEARCH_INDEX_SOURCE_HASH={:016x}", hash.0);
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The `[[package]]` blocks of Cargo.lock reachable from `start`, in a stable order.
fn dependency_blocks(lock: &str, start: &str) -> Vec<String> {
    let mut blocks: BTreeMap<String, Vec<(String, Vec<String>)>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = field(block, "name").unwrap_or_default();
        let deps = block
            .split("dependencies = [")
            .nth(1)
            .map(|rest| rest.split(']').next().unwrap_or(""))
            .unwrap_or("")
            .split('"')
            .skip(1)
            .step_by(2)
            .map(|d| d.split(' ').next().unwrap_or(d).to_string())
            .collect();
        // Where a crate came from is left out: the reader's build patches tantivy from a copy of
        // the same version (scripts/build-search-wasm.sh), which drops its source and checksum.
        let text: Vec<&str> = block
            .trim()
            .lines()
            .filter(|l| !l.starts_with("source = ") && !l.starts_with("checksum = "))
            .collect();
        blocks.entry(name).or_default().push((text.join("\n"), deps));
    }
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    let mut out = Vec::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        for (text, deps) in blocks.get(&name).into_iter().flatten() {
            out.push(text.clone());
            todo.extend(deps.iter().cloned());
        }
    }
    out.sort();
    out
}

fn field(block: &str, key: &str) -> Option<String> {
    block
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
}

/// FNV-1a, 64 bits: enough to tell builds apart, no dependency needed.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

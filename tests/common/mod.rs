//! Helpers shared by the integration tests: run the binary, copy fixture sites.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day the fixtures' dates are judged against, so the tests do not age.
pub const TODAY: &str = "2026-12-02";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Runs `ruimte` from the package root with a fixed date.
pub fn ruimte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ruimte"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUIMTE_TODAY", TODAY)
        .output()
        .expect("the ruimte binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Copies a fixture site into a fresh temporary folder that tests may change.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Replaces the first `from` in a file with `to`; fails if the file does not hold `from`, so an
/// edit that no longer applies cannot pass unnoticed.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

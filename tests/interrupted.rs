//! Builds that die or overlap: a build killed in the middle (kill -9, as a CI timeout or the
//! out-of-memory killer does) leaves the last good site as it was, and the next build removes what
//! it left; two builds into one folder at once never mix their files.

mod common;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, TODAY};

/// Every file of a built site with its bytes, but for the marker (which holds the build's memo).
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".ruimte-build")
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn build_command(content: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ruimte"));
    command
        .args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .arg("--config")
        .arg(fixture("site.toml"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUIMTE_TODAY", TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn build(content: &Path, out: &Path) -> std::process::Output {
    build_command(content, out).output().unwrap()
}

fn succeeded(output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    stderr
}

/// The folders beside `out` whose name says they are a build's staging folder.
fn staging_folders(out: &Path) -> Vec<PathBuf> {
    fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".staging-"))
        .collect()
}

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

/// A directory large enough that its build takes a while.
fn large_content(temp: &Path) -> PathBuf {
    let content = temp.join("large");
    corpus::generate(&content, 3_000);
    content
}

#[test]
fn a_killed_build_leaves_the_last_site_and_the_next_build_cleans_up_after_it() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    succeeded(&build(&fixture("valid"), &out));
    let last_good = files(&out);

    let mut child: Child = build_command(&large_content(temp.path()), &out).spawn().unwrap();
    // Kill it once it has written part of the new site.
    let started = Instant::now();
    loop {
        let written: usize = staging_folders(&out).iter().map(|d| count_files(d)).sum();
        if written >= 200 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before it could be killed ({written} files seen)"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no staging folder grew");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no destructor runs
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed mid-build");
    assert_eq!(
        staging_folders(&out).len(),
        1,
        "the killed build left its staging folder"
    );
    assert_eq!(files(&out), last_good, "the last good site is untouched");

    let stderr = succeeded(&build(&fixture("valid"), &out));
    assert!(
        stderr.contains("removed what 1 build(s) that did not finish left"),
        "{stderr}"
    );
    assert_eq!(staging_folders(&out), Vec::<PathBuf>::new(), "nothing is left behind");
    assert_eq!(files(&out), last_good, "the same content builds the same site");
}

#[test]
fn two_builds_into_one_folder_at_once_never_mix() {
    let temp = tempfile::tempdir().unwrap();
    let large = large_content(temp.path());
    let small = fixture("valid");
    // What each content gives on its own.
    let alone_large = temp.path().join("alone-large");
    let alone_small = temp.path().join("alone-small");
    succeeded(&build(&large, &alone_large));
    succeeded(&build(&small, &alone_small));
    let (large_site, small_site) = (files(&alone_large), files(&alone_small));

    let out = temp.path().join("together").join("public");
    for round in 0..2 {
        let first = build_command(&large, &out).spawn().unwrap();
        let second = build_command(&small, &out).spawn().unwrap();
        let (first, second) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
        succeeded(&first);
        succeeded(&second);
        let both = files(&out);
        assert!(
            both == large_site || both == small_site,
            "round {round}: the folder holds one site, whole ({} files; alone {} and {})",
            both.len(),
            large_site.len(),
            small_site.len()
        );
        assert_eq!(staging_folders(&out), Vec::<PathBuf>::new());
    }
}

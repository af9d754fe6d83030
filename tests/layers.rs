//! The library's layers, read from its `use` lines and paths: each module may name only the modules
//! beneath it. `content` knows no output; `site` knows `content`; `render`, `export` and `search`
//! know `site` but not one another; `build` knows them all; `cmd` and `serve` know `build`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Modules every layer may use.
const FOUNDATION: [&str; 6] = ["config", "diagnostics", "output", "html", "hash", "timing"];

/// What each top-level module may name besides itself and the foundation.
fn allowed() -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut allowed = BTreeMap::new();
    for module in FOUNDATION {
        // The foundation knows only the foundation (config reports through diagnostics).
        allowed.insert(module, vec![]);
    }
    allowed.insert("content", vec![]);
    // The model's fields as a form, for `ruimte new` and the web form's configuration.
    allowed.insert("form", vec!["content"]);
    allowed.insert("site", vec!["content"]);
    allowed.insert("render", vec!["content", "site", "form"]);
    allowed.insert("export", vec!["content", "site"]);
    allowed.insert("search", vec!["content", "site"]);
    let below_build = vec!["content", "form", "site", "render", "export", "search"];
    let mut with_build = below_build.clone();
    with_build.push("build");
    allowed.insert("build", below_build);
    allowed.insert("cmd", with_build.clone());
    allowed.insert("serve", with_build);
    allowed
}

/// Every top-level module a file names: `crate::x`, and `super::x` where `super` is the crate.
fn named_modules(source: &str, depth: usize) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let mut add_after = |prefix: &str| {
        for (i, _) in source.match_indices(prefix) {
            let before = source[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &source[i + prefix.len()..];
            let rest = rest.trim_start_matches('{').trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                named.insert(name);
            }
        }
    };
    add_after("crate::");
    // From `src/x/mod.rs` (depth 1) `super::` is the crate; from `src/x/y.rs` it is `x`.
    let to_root = "super::".repeat(depth);
    if depth > 0 {
        add_after(&to_root);
    }
    // `crate::{a, b}`: every name in the braces.
    for (i, _) in source.match_indices("crate::{") {
        let inside = &source[i + "crate::{".len()..];
        let inside = &inside[..inside.find('}').unwrap_or(inside.len())];
        for part in inside.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                named.insert(name);
            }
        }
    }
    named
}

/// Each file under `src/` with its top-level module and how far below the crate root it sits.
fn files() -> Vec<(String, String, usize)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        let module = parts[0].clone();
        // src/x.rs and src/x/mod.rs are the module itself; src/x/y.rs is one below it.
        let depth = match parts.last().map(String::as_str) {
            Some("mod") => parts.len() - 1,
            _ => parts.len(),
        };
        out.push((relative.display().to_string(), module, depth));
    }
    out
}

#[test]
fn each_module_names_only_the_layers_beneath_it() {
    let allowed = allowed();
    let mut violations = Vec::new();
    let mut checked = 0;
    for (file, module, depth) in files() {
        if module == "lib" || module == "main" {
            continue;
        }
        let rules = allowed
            .get(module.as_str())
            .unwrap_or_else(|| panic!("src/{file}: `{module}` has no place in the layers; add it to tests/layers.rs"));
        let source = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(&file)).unwrap();
        for named in named_modules(&source, depth) {
            let is_module = allowed.contains_key(named.as_str());
            if !is_module || named == module {
                continue;
            }
            let may = FOUNDATION.contains(&named.as_str())
                && (!FOUNDATION.contains(&module.as_str()) || (module == "config" && named == "diagnostics"))
                || rules.contains(&named.as_str());
            if !may {
                violations.push(format!("src/{file}: `{module}` names `{named}`"));
            }
        }
        checked += 1;
    }
    assert!(checked > 50, "the source files are found ({checked})");
    assert!(
        violations.is_empty(),
        "imports against the layers:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_reader_of_imports_sees_every_form() {
    let source = "use crate::site::Site;\nuse crate::{content, render::x};\nlet a = crate::build::today();\nuse super::export;\n";
    let named = named_modules(source, 1);
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["build", "content", "export", "render", "site"]
    );
    // One level down, `super::` is the module itself and `super::super::` the crate.
    assert!(!named_modules("use super::entries::Item;", 2).contains("entries"));
    assert!(named_modules("use super::super::search;", 2).contains("search"));
}

//! The files that connect the repository to GitHub and to static hosts: the workflows call only
//! commands that exist, and netlify.toml and the nginx config say what the generator says.

use std::fs;
use std::path::Path;
use std::process::Command;

fn repo(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The subcommands `ruimte --help` lists.
fn subcommands() -> Vec<String> {
    let help = Command::new(env!("CARGO_BIN_EXE_ruimte"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    help.split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect()
}

/// Every `run:` script of a workflow, with its step's name.
fn run_scripts(workflow: &serde_yaml::Value) -> Vec<String> {
    let mut scripts = Vec::new();
    for (_, job) in workflow["jobs"].as_mapping().unwrap() {
        for step in job["steps"].as_sequence().unwrap() {
            if let Some(run) = step["run"].as_str() {
                scripts.push(run.to_string());
            }
            if let Some(action) = step["uses"].as_str() {
                assert!(action.contains('@'), "`{action}` is pinned to a version");
            }
        }
    }
    scripts
}

#[test]
fn workflows_are_valid_and_call_only_ruimte_commands_that_exist() {
    let known = subcommands();
    assert!(
        known.contains(&"check".to_string()) && known.contains(&"new".to_string()),
        "{known:?}"
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut calls = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let workflow: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(workflow["jobs"].is_mapping(), "{} has jobs", path.display());
        for script in run_scripts(&workflow) {
            for (i, _) in script.match_indices("ruimte ") {
                let before = &script[..i];
                // `./target/release/ruimte X`, `cargo run … -- X`: the word after is the subcommand.
                if !(before.ends_with('/') || before.ends_with(' ') || before.is_empty()) {
                    continue;
                }
                let sub = script[i + "ruimte ".len()..].split_whitespace().next().unwrap_or("");
                assert!(
                    known.iter().any(|k| k == sub),
                    "{}: `ruimte {sub}` does not exist",
                    path.display()
                );
                calls += 1;
            }
        }
    }
    assert!(
        calls >= 3,
        "the workflows check, build and list stale entries ({calls} calls)"
    );
    let check = repo(".github/workflows/check.yml");
    assert!(check.contains("check --format github") && check.contains("upload-artifact"));
    assert!(repo(".github/workflows/stale.yml").contains("check --stale"));
}

#[test]
fn issue_forms_parse_and_the_outdated_form_has_the_fields_the_site_fills() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/ISSUE_TEMPLATE");
    for name in [
        "nieuwe-ruimte.yml",
        "verouderde-informatie.yml",
        "fout-melden.yml",
        "config.yml",
    ] {
        let form: serde_yaml::Value = serde_yaml::from_str(&fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        if name != "config.yml" {
            assert!(form["name"].is_string() && form["body"].is_sequence(), "{name}");
        }
    }
    let outdated: serde_yaml::Value =
        serde_yaml::from_str(&repo(".github/ISSUE_TEMPLATE/verouderde-informatie.yml")).unwrap();
    let ids: Vec<&str> = outdated["body"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    // src/render/entries.rs links here with ?pagina=…&bestand=….
    assert!(ids.contains(&"pagina") && ids.contains(&"bestand"), "{ids:?}");
}

#[test]
fn netlify_builds_with_one_script_and_caches_only_hashed_files_for_good() {
    let netlify: toml::Value = toml::from_str(&repo("netlify.toml")).unwrap();
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    let command = netlify["build"]["command"].as_str().unwrap();
    let script = command.strip_prefix("bash ").unwrap();
    assert!(repo(script).contains("cargo run --release -- build"));
    let rules = netlify["headers"].as_array().unwrap();
    let rule = |path: &str| {
        rules
            .iter()
            .find(|r| r["for"].as_str() == Some(path))
            .map(|r| &r["values"])
    };
    let all = rule("/*").unwrap();
    for header in [
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ] {
        assert!(all.get(header).is_some(), "{header}");
    }
    // The policy comes from the generated _headers, so no rule here may overlap /admin/ with one.
    assert!(rules
        .iter()
        .all(|r| r["values"].get("Content-Security-Policy").is_none()));
    let static_files = rule("/static/*").unwrap()["Cache-Control"].as_str().unwrap();
    assert!(static_files.contains("immutable"));
    // The search index keeps its name from build to build: it must be revalidated.
    assert!(rule("/search/*").is_none());
    assert_eq!(
        rule("/*.wasm").unwrap()["Content-Type"].as_str(),
        Some("application/wasm")
    );
}

#[test]
fn the_nginx_config_sends_the_generators_policies() {
    let nginx = repo("deploy/nginx/ruimte.conf");
    let page = ruimte::render::hosting::page_policy();
    assert!(nginx.contains(&format!("add_header Content-Security-Policy \"{page}\" always;")));
    assert!(nginx.contains(&format!(
        "add_header Content-Security-Policy \"{}\" always;",
        ruimte::form::decap::ADMIN_CSP
    )));
    // Every alias ends in a slash with its location: the classic alias traversal needs a mismatch.
    for line in nginx.lines().filter(|l| l.trim_start().starts_with("alias ")) {
        assert!(line.trim_end().ends_with("/;"), "{line}");
    }
}

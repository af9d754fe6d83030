//! `ruimte build`: check the content, then render the site into a staging folder and swap it in.

use std::path::Path;
use std::time::Instant;

use crate::config::Config;
use crate::content;
use crate::content::validate::{self, Options};
use crate::diagnostics::{self, Diagnostic, Format};
use crate::output::Staging;
use crate::render::{self, BuildOptions};

pub struct BuildArgs<'a> {
    pub content: &'a Path,
    pub out: &'a Path,
    pub config: &'a Path,
    pub theme: &'a Path,
    pub base_url: Option<&'a str>,
    pub drafts: bool,
}

pub fn run(args: &BuildArgs) -> i32 {
    let started = Instant::now();
    let mut phases = crate::timing::Phases::start();
    let today = match super::today() {
        Ok(t) => t,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let mut config = match Config::load(args.config) {
        Ok(c) => c,
        Err(d) => return report(&[d]),
    };
    if let Some(base_url) = args.base_url {
        config.base_url = base_url.to_string();
        if let Err(d) = Config::check(&config, "--base-url") {
            return report(&[d]);
        }
    }
    let mut loaded = content::load(args.content);
    phases.done("load");
    let mut problems = loaded.diagnostics;
    problems.extend(validate::validate(
        &loaded.site,
        &Options {
            today,
            stale_days: None,
        },
    ));
    phases.done("validate");
    diagnostics::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        eprint!("{}", diagnostics::render(&problems, Format::Human, ""));
        eprintln!("{}", not_built(args.out));
        return 1;
    }
    if !problems.is_empty() {
        eprint!("{}", diagnostics::render(&problems, Format::Human, ""));
    }
    loaded.site.release_diagnostic_text();
    let mut staging = match Staging::new(args.out) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let options = BuildOptions {
        site: &loaded.site,
        config: &config,
        theme_dir: args.theme,
        today,
        include_drafts: args.drafts,
    };
    // Pages whose view is the one the recycled folder's copy was rendered from are not rendered
    // or written again.
    let memo = std::sync::Mutex::new(staging.take_memo());
    let plan = render::Plan {
        memo: Some(&memo),
        ..Default::default()
    };
    let built = match render::render_site(&options, &staging, &plan) {
        Ok(r) => r,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("{}", not_built(args.out));
            return 1;
        }
    };
    phases.done("render");
    let mut memo = memo.into_inner().expect("memo lock");
    memo.retain(|route, _| built.site_files.contains(&render::routes::file(route)));
    if let Err(e) = staging.commit(&memo) {
        eprintln!("error: {e}");
        return 1;
    }
    phases.done("swap");
    let kept = if built.pages_kept > 0 {
        format!(", {} unchanged since the previous build", built.pages_kept)
    } else {
        String::new()
    };
    println!(
        "built {} pages ({} written{kept}; {:.1} MB) into {} in {} ms",
        built.pages + built.pages_kept,
        built.files,
        built.bytes as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_millis()
    );
    0
}

fn report(diagnostics: &[Diagnostic]) -> i32 {
    eprint!("{}", diagnostics::render(diagnostics, Format::Human, ""));
    1
}

/// What a failed build says about the output folder: it is never touched, but there may be no
/// earlier site in it to speak of.
fn not_built(out: &std::path::Path) -> String {
    if out.exists() {
        format!(
            "the site was not built; the previous build in {} is unchanged",
            out.display()
        )
    } else {
        format!("the site was not built; nothing was written to {}", out.display())
    }
}

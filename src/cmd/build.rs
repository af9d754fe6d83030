//! `ruimte build`: check the content, then build the site into a staging folder and swap it in.

use std::path::Path;
use std::time::Instant;

use crate::build::{self, Failure, Inputs};
use crate::diagnostics::{self, Format};

pub fn run(inputs: &Inputs, out: &Path) -> i32 {
    let started = Instant::now();
    let warn = |warnings: &[diagnostics::Diagnostic]| eprint!("{}", diagnostics::render(warnings, Format::Human, ""));
    match build::build_into(inputs, out, &warn) {
        Ok(built) => {
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
                out.display(),
                started.elapsed().as_millis()
            );
            0
        }
        Err(Failure::Content(problems)) => {
            eprint!("{}", diagnostics::render(&problems, Format::Human, ""));
            eprintln!("{}", not_built(out));
            1
        }
        Err(Failure::Other(error)) => {
            eprintln!("error: {error:#}");
            eprintln!("{}", not_built(out));
            1
        }
    }
}

/// What a failed build says about the output folder: it is never touched, but there may be no
/// earlier site in it to speak of.
fn not_built(out: &Path) -> String {
    if out.exists() {
        format!(
            "the site was not built; the previous build in {} is unchanged",
            out.display()
        )
    } else {
        format!("the site was not built; nothing was written to {}", out.display())
    }
}

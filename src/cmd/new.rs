//! `ruimte new space|practice|guide SLUG`: write a new entry with every field explained.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};

use crate::build;
use crate::config::Config;
use crate::content::{self, slug, EntryKind};
use crate::form::{self, template::Template};
use crate::site::routes;

pub struct NewArgs<'a> {
    pub kind: EntryKind,
    pub slug: &'a str,
    pub content: &'a Path,
    pub config: &'a Path,
}

pub fn run(args: &NewArgs) -> i32 {
    match write_entry(args) {
        Ok(path) => {
            println!("wrote {}", path);
            println!("fill in the fields marked (verplicht), then run: cargo run --release -- check");
            0
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            1
        }
    }
}

fn write_entry(args: &NewArgs) -> Result<String> {
    if !slug::is_valid(args.slug) {
        let suggestion = slug::suggest(args.slug);
        let hint = if suggestion.is_empty() {
            String::new()
        } else {
            format!(" (did you mean `{suggestion}`?)")
        };
        bail!(
            "`{}` is not a valid slug: use lowercase a-z, 0-9 and single hyphens{hint}",
            args.slug
        );
    }
    let config = Config::load(args.config).map_err(|d| anyhow!("{}: {}", d.file, d.message))?;
    let today = build::today()?;
    let loaded = content::load(args.content);
    // Slugs name pages and are what `related` refers to, so they are unique across every type.
    for kind in EntryKind::ALL {
        let existing = args.content.join(kind.folder()).join(format!("{}.md", args.slug));
        if existing.exists() {
            bail!("{} already exists; choose another slug", existing.display());
        }
    }
    let folder = args.content.join(args.kind.folder());
    fs::create_dir_all(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
    let path = folder.join(format!("{}.md", args.slug));
    let schema = routes::schema(args.kind);
    let schema_url = if config.base_url.starts_with("http") {
        format!("{}/{schema}", config.base_url.trim_end_matches('/'))
    } else {
        // No published address yet: the schema a local build writes, relative to the new file.
        format!("../../public/{schema}")
    };
    let fields = form::fields(args.kind, &loaded.model.vocab);
    let text = Template {
        noun: noun(args.kind),
        fields: &fields,
        schema_url: &schema_url,
        today,
    }
    .render();
    // `create_new`: never overwrite, even if the file appeared since the check above.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path.display().to_string())
}

fn noun(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Space => "ruimte",
        EntryKind::Practice => "goede praktijk",
        EntryKind::Guide => "gids",
        EntryKind::Page => "pagina",
        EntryKind::Request => "ruimtevraag",
    }
}

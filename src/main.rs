//! The command line. It parses arguments and calls the library; nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ruimte::cmd;
use ruimte::diagnostics::Format;

#[derive(Parser)]
#[command(
    name = "ruimte",
    version,
    about = "Builds the ruimte directory of cultural workspaces"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every entry and report all problems with file, line and field
    Check {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// How to print the diagnostics
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Also list entries not verified for more than DAYS days (as warnings)
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
    },
    /// Check the content, then build the static site into the output folder
    Build {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Where the site is written (replaced whole, only when the build succeeds)
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Where the site will live, e.g. https://example.org/ruimte/ (overrides ruimte.toml)
        #[arg(long)]
        base_url: Option<String>,
        /// Also publish entries marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Also write brotli and gzip copies (`.br`, `.gz`) of the static files, for hosts that
        /// send them as they are (nginx `brotli_static`, `gzip_static`); takes a few seconds
        #[arg(long)]
        precompress: bool,
        /// The site's settings
        #[arg(long, default_value = "ruimte.toml")]
        config: PathBuf,
        /// The theme folder (templates, static files, interface strings)
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
    },
    /// Build the site, serve it on 127.0.0.1 and rebuild what an edit changes as you save
    Serve {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The port (0 picks a free one)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser
        #[arg(long)]
        open: bool,
        /// Also show entries marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Let the web form under /admin/ save files even when listening beyond this machine
        #[arg(long)]
        allow_remote_edits: bool,
        #[arg(long, default_value = "ruimte.toml")]
        config: PathBuf,
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
    },
    /// Search the directory with the site's own index and query code
    Search {
        /// What to look for (may be empty when filtering)
        #[arg(default_value = "")]
        query: String,
        /// Only this type: space, practice or guide
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        /// Only in this province (a key from provinces.yaml)
        #[arg(long)]
        province: Option<String>,
        /// Only in this municipality (a key from places.yaml)
        #[arg(long)]
        place: Option<String>,
        /// How many results
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON
        #[arg(long)]
        json: bool,
        /// Say for each result which words matched where, and why it ranks where it does
        #[arg(long)]
        explain: bool,
        /// What the header's search box suggests instead (titles and names, not the text)
        #[arg(long, conflicts_with_all = ["explain", "kind", "province", "place"])]
        suggest: bool,
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "ruimte.toml")]
        config: PathBuf,
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
    },
    /// Write a new entry with every field explained, ready to fill in
    New {
        /// What to add
        #[arg(value_enum)]
        kind: NewKind,
        /// The file name without `.md`: lowercase a-z, 0-9 and hyphens, e.g. atelier-de-vonk
        slug: String,
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "ruimte.toml")]
        config: PathBuf,
    },
    /// Write a JSON Schema for each entry type, for editors
    Schema {
        /// The content folder (its vocabularies fill the allowed keys)
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Where to write the schemas
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Space,
    Practice,
    Guide,
    Request,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Github,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { content, format, stale } => {
            let format = match format {
                OutputFormat::Human => Format::Human,
                OutputFormat::Github => Format::Github,
                OutputFormat::Json => Format::Json,
            };
            cmd::check::run(&content, format, stale)
        }
        Command::Build {
            content,
            out,
            base_url,
            drafts,
            precompress,
            config,
            theme,
        } => cmd::build::run(
            &ruimte::build::Inputs {
                content: &content,
                config: &config,
                theme: &theme,
                base_url: base_url.as_deref(),
                drafts,
                precompress,
            },
            &out,
        ),
        Command::Search {
            query,
            kind,
            province,
            place,
            limit,
            json,
            explain,
            suggest,
            content,
            config,
            theme,
        } => {
            let filters = [("type", kind), ("province", province), ("place", place)]
                .into_iter()
                .filter_map(|(group, value)| value.map(|v| (group, v)))
                .collect();
            cmd::search::run(&cmd::search::SearchArgs {
                query: &query,
                content: &content,
                config: &config,
                theme: &theme,
                limit,
                json,
                explain,
                suggest,
                filters,
            })
        }
        Command::New {
            kind,
            slug,
            content,
            config,
        } => cmd::new::run(&cmd::new::NewArgs {
            kind: match kind {
                NewKind::Space => ruimte::content::EntryKind::Space,
                NewKind::Practice => ruimte::content::EntryKind::Practice,
                NewKind::Guide => ruimte::content::EntryKind::Guide,
                NewKind::Request => ruimte::content::EntryKind::Request,
            },
            slug: &slug,
            content: &content,
            config: &config,
        }),
        Command::Schema { content, out } => cmd::schema::run(&content, &out),
        Command::Serve {
            content,
            port,
            bind,
            open,
            drafts,
            allow_remote_edits,
            config,
            theme,
        } => ruimte::serve::run(&ruimte::serve::ServeArgs {
            content: &content,
            config: &config,
            theme: &theme,
            bind: &bind,
            port,
            open,
            drafts,
            allow_remote_edits,
        }),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

// The build allocates many small strings from two threads; mimalloc halves the time glibc's
// allocator took in the profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

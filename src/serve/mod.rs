//! `ruimte serve`: builds the site into memory, serves it on 127.0.0.1, watches the content, the
//! theme and the settings, and publishes each edit as soon as the pages it changes are rendered.
//! A bad edit never stops the server: the last good site stays, with the problems over it.

pub mod backend;
pub mod http;
pub mod store;
pub mod workspace;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use notify::{RecursiveMode, Watcher};

use self::store::Store;
use self::workspace::{classify, Settings, Workspace};

/// How long the watcher waits for more events after one arrives: editors write a file in a few
/// steps (a temporary file, a rename), and one rebuild should see them all.
const QUIET: Duration = Duration::from_millis(30);

pub struct ServeArgs<'a> {
    pub content: &'a Path,
    pub config: &'a Path,
    pub theme: &'a Path,
    pub bind: &'a str,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    /// Let the form's local backend write when listening beyond this machine.
    pub allow_remote_edits: bool,
}

pub fn run(args: &ServeArgs) -> i32 {
    match serve(args) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("error: {error:#}");
            1
        }
    }
}

fn serve(args: &ServeArgs) -> Result<()> {
    let today = crate::build::today()?;
    let absolute =
        |p: &Path| -> Result<PathBuf> { p.canonicalize().with_context(|| format!("finding {}", p.display())) };
    let listener = TcpListener::bind((args.bind, args.port))
        .with_context(|| format!("cannot listen on {}:{}", args.bind, args.port))?;
    let address = listener
        .local_addr()
        .context("reading the address the server listens on")?;
    let base_url = format!("http://{address}/");
    let settings_content = absolute(args.content)?;
    let settings = Settings {
        content: settings_content.clone(),
        config: absolute(args.config)?,
        theme: absolute(args.theme)?,
        base_url: base_url.clone(),
        drafts: args.drafts,
        today,
    };
    let watched = [
        settings.content.clone(),
        settings.theme.clone(),
        settings.config.clone(),
    ];

    let store = Arc::new(Store::default());
    let started = Instant::now();
    let mut workspace = Workspace::new(settings);
    workspace.rebuild_all(&store);
    println!("built in {} ms", started.elapsed().as_millis());

    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading files is an event too (inotify reports opens and closes): only changes count.
        match event {
            Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => {
                let _ = sender.send(event.paths);
            }
            _ => {}
        }
    })
    .context("cannot watch files")?;
    for path in &watched {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher
            .watch(path, mode)
            .with_context(|| format!("cannot watch {}", path.display()))?;
    }

    let backend = backend::Backend::new(&settings_content, address, args.allow_remote_edits, today)
        .with_context(|| format!("finding {}", args.content.display()))?;
    let server_store = store.clone();
    std::thread::spawn(move || http::serve(listener, server_store, backend));
    println!("serving {base_url} (Ctrl-C stops)");
    if args.open {
        open_browser(&base_url);
    }

    // One rebuild at a time, each with every change that arrived while the last one ran.
    while let Ok(first) = events.recv() {
        let mut paths = first;
        while let Ok(more) = events.recv_timeout(QUIET) {
            paths.extend(more);
        }
        let Some(change) = classify(workspace.settings(), &paths) else {
            continue;
        };
        let started = Instant::now();
        store.update(|p| p.busy = true, false);
        workspace.apply(change, &store);
        store.update(|p| p.busy = false, false);
        println!("rebuilt in {} ms", started.elapsed().as_millis());
    }
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; go to {url}");
    }
}

//! The site view as pages. Each page type has its own module that turns the view into what its
//! template shows; this module renders them with the theme's templates, in parallel, into a sink:
//! a staging folder (`ruimte build`) or memory (`ruimte serve`, which renders only what an edit
//! changed). The host files that list pages (sitemap, feed, `_headers`) come last.

pub mod assets;
pub mod chooser;
pub mod compare;
pub mod context;
pub mod entries;
pub mod feeds;
pub mod finder;
pub mod format;
pub mod hosting;
pub mod lists;
pub mod map;
pub mod markdown;
pub mod requests;
pub mod search;
pub mod stats;
pub mod theme;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use serde::Serialize;

use crate::content::EntryKind;
use crate::output::Sink;
use crate::site::routes::{self, Facet};
use crate::site::Site;

use self::context::RenderContext;
use self::theme::Theme;

/// Which view each page was rendered from (a hash of its template and view), by route.
pub type Memo = Mutex<HashMap<String, u64>>;

/// What to render. `Plan::default()` is every page.
#[derive(Default, Clone)]
pub struct Plan<'p> {
    /// Only the pages of these entries (by slug); `None` renders every entry page.
    pub entries: Option<&'p HashSet<String>>,
    /// For pages other than entry pages: the hash of each page's template and view when it was
    /// last rendered. A page whose hash is unchanged is not rendered again.
    pub memo: Option<&'p Memo>,
    /// Pages only: no static files, search index, open data, feeds or host files.
    pub pages_only: bool,
    /// Also write `.br` and `.gz` copies of the static files (`assets::precompressed`).
    pub precompress: bool,
}

/// What a render did.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Pages written this time (a partial render skips what it may).
    pub pages: usize,
    /// Pages left as an earlier render wrote them: their view did not change.
    pub pages_kept: usize,
}

/// Renders the site's pages into `sink` as `plan` says: static files, every page, then the files
/// that list pages.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink, plan: &Plan) -> Result<Rendered> {
    let mut phases = crate::timing::Phases::start();
    // Static files first: their names carry a hash of their content.
    let mut compressible = Vec::new();
    let assets = assets::copy_static(&theme.static_dir, |route, bytes| {
        if plan.pages_only {
            return Ok(());
        }
        if plan.precompress && assets::is_compressible(route) {
            compressible.push((route.to_string(), bytes.to_vec()));
        }
        write(sink, route, bytes)
    })?;
    compressible.par_iter().try_for_each(|(route, bytes)| {
        let (brotli, gzip) = assets::precompressed(bytes)?;
        write(sink, &format!("{route}.br"), &brotli)?;
        write(sink, &format!("{route}.gz"), &gzip)
    })?;
    let ctx = RenderContext::new(site, theme, &assets)?;
    phases.done("theme, context");
    let writer = Pages::new(&ctx, sink, plan.memo)?;
    let page_routes = render_pages(&ctx, &writer, plan, &mut phases)?;
    if !plan.pages_only {
        write_listings(&ctx, sink, &page_routes)?;
        phases.done("feeds");
    }
    Ok(writer.done())
}

/// Writes a file of the site by route.
fn write(sink: &dyn Sink, route: &str, bytes: &[u8]) -> Result<()> {
    let file = routes::file(route);
    sink.write(&file, bytes).with_context(|| format!("writing {file}"))
}

/// Writes rendered pages into the sink, skipping those the memo says are unchanged.
struct Pages<'s> {
    sink: &'s dyn Sink,
    memo: Option<&'s Memo>,
    /// Where this language's pages are (`fr/`): the memo knows each language's page apart.
    memo_prefix: String,
    shared: Shared<'s>,
    counts: Mutex<Rendered>,
}

impl<'s> Pages<'s> {
    fn new(ctx: &RenderContext<'s, '_>, sink: &'s dyn Sink, memo: Option<&'s Memo>) -> Result<Pages<'s>> {
        let theme = ctx.theme;
        let base = ctx.template_base();
        let mut chrome_hash = crate::hash::ContentHash::default();
        chrome_hash.feed_value(&ctx.chrome)?;
        chrome_hash.feed_value(&theme.template_strings(ctx.site.strings))?;
        static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut shared = Shared {
            build: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            theme,
            base,
            chrome_hash: chrome_hash.finish(),
            menu_headers: HashMap::new(),
            header: String::new(),
            footer: String::new(),
        };
        shared.render_chrome(ctx)?;
        Ok(Pages {
            sink,
            memo,
            memo_prefix: ctx.site.config.pages_prefix(),
            shared,
            counts: Mutex::default(),
        })
    }

    /// Records a page this render leaves as it was.
    fn kept(&self, route: &str) {
        self.sink.keep(&routes::file(route));
    }

    fn page<T: Serialize>(&self, template: &str, route: &str, view: &T) -> Result<()> {
        let shared = &self.shared;
        if let Some(memo) = self.memo {
            let mut hash = crate::hash::ContentHash::seeded(shared.chrome_hash);
            hash.feed_u64(shared.theme.template_hash(template));
            hash.feed_value(view)?;
            let hash = hash.finish();
            let key = format!("{}{route}", self.memo_prefix);
            let unchanged = memo.lock().expect("memo lock").insert(key, hash) == Some(hash);
            if unchanged {
                self.kept(route);
                self.counts.lock().expect("counts lock").pages_kept += 1;
                return Ok(());
            }
        }
        render_one(shared, template, route, view, |html| write(self.sink, route, html))??;
        self.counts.lock().expect("counts lock").pages += 1;
        Ok(())
    }

    fn done(self) -> Rendered {
        self.counts.into_inner().expect("counts lock")
    }
}

/// What every page's template context starts from, converted to tera values once per render.
struct Shared<'a> {
    /// Tells this render from earlier ones in the same process (`ruimte serve`), whose contexts
    /// threads may still keep.
    build: u64,
    theme: &'a Theme,
    base: tera::Context,
    /// What every page shares (the chrome, the interface strings): part of every page's memo.
    chrome_hash: u64,
    /// The theme's header, rendered once for each menu item's route (which it marks as
    /// current), by route.
    menu_headers: HashMap<String, String>,
    /// The header of every page outside the menu.
    header: String,
    footer: String,
}

impl Shared<'_> {
    /// Renders the header and footer once: as parts of every page they were a fifth of the time
    /// spent in templates.
    fn render_chrome(&mut self, ctx: &RenderContext) -> Result<()> {
        let render = |template: &str, route: Option<&str>| -> Result<String> {
            if !self.theme.has_template(template) {
                return Ok(String::new());
            }
            let mut context = self.base.clone();
            // No route can be NUL: a page outside the menu marks no item as current.
            context.insert("route", route.unwrap_or("\0"));
            let html = self
                .theme
                .render(template, &context)
                .with_context(|| format!("rendering {template}"))?;
            Ok(html.trim().to_string())
        };
        let mut menu_headers = HashMap::new();
        for item in &ctx.chrome.nav {
            menu_headers.insert(item.route.clone(), render("header.html", Some(&item.route))?);
        }
        self.menu_headers = menu_headers;
        self.header = render("header.html", None)?;
        self.footer = render("footer.html", None)?;
        Ok(())
    }

    fn header(&self, route: &str) -> &str {
        self.menu_headers.get(route).unwrap_or(&self.header)
    }
}

/// Every page, in parallel where there are many; returns the route of each page of the site,
/// rendered this time or not.
fn render_pages(
    ctx: &RenderContext,
    writer: &Pages,
    plan: &Plan,
    phases: &mut crate::timing::Phases,
) -> Result<Vec<String>> {
    let site = ctx.site;
    let page =
        |template: &str, route: &str, view: &dyn erased::View| -> Result<()> { view.write(writer, template, route) };
    let mut page_routes: Vec<String> = Vec::new();

    // Entry pages, in parallel: the bulk of the work. A partial render keeps the others.
    let selected = |slug: &str| plan.entries.is_none_or(|chosen| chosen.contains(slug));
    let entry_page = |kind: EntryKind, slug: &str, view: &dyn Fn() -> Box<dyn erased::View>| -> Result<String> {
        let route = site.entry_route(kind, slug);
        if selected(slug) {
            page("entry.html", &route, view().as_ref())?;
        } else {
            writer.kept(&route);
        }
        Ok(route)
    };
    let entry_routes: Vec<Result<String>> = site
        .spaces
        .par_iter()
        .map(|e| {
            let route = entry_page(EntryKind::Space, &e.slug, &|| Box::new(entries::space_page(ctx, e)))?;
            let folder = e.path.parent().unwrap_or(Path::new("."));
            let images = routes::entry_folder(EntryKind::Space, &e.slug);
            for image in &e.front.images {
                let to = format!("{images}{}", image.file);
                if selected(&e.slug) {
                    writer
                        .sink
                        .copy(&folder.join(&image.file), &to)
                        .with_context(|| format!("copying {} of {}", image.file, e.file))?;
                }
                writer.sink.keep(&to);
            }
            Ok(route)
        })
        .chain(site.practices.par_iter().map(|e| {
            entry_page(EntryKind::Practice, &e.slug, &|| {
                Box::new(entries::practice_page(ctx, e))
            })
        }))
        .chain(
            site.guides
                .par_iter()
                .map(|e| entry_page(EntryKind::Guide, &e.slug, &|| Box::new(entries::guide_page(ctx, e)))),
        )
        .chain(site.requests.par_iter().map(|e| {
            entry_page(EntryKind::Request, &e.slug, &|| {
                Box::new(requests::request_page(ctx, e))
            })
        }))
        .chain(site.pages.par_iter().map(|e| {
            let route = site.entry_route(EntryKind::Page, &e.slug);
            if selected(&e.slug) {
                page("page.html", &route, &entries::free_page(ctx, e))?;
            } else {
                writer.kept(&route);
            }
            Ok(route)
        }))
        .collect();
    for r in entry_routes {
        page_routes.push(r?);
    }

    phases.done("entry pages");
    // Lists, then each facet's pages: one facet at a time, so its lists are freed before the next.
    let render_lists = |lists: &[(String, lists::ListPage)]| -> Result<Vec<String>> {
        lists
            .par_iter()
            .map(|(route, view)| page("list.html", route, view).map(|_| route.clone()))
            .collect()
    };
    page_routes.extend(render_lists(&lists::kind_lists(ctx))?);
    for facet in Facet::ALL {
        let (index, pages) = lists::facet_pages(ctx, facet);
        let route = routes::facet_index(facet);
        page("facet_index.html", &route, &index)?;
        page_routes.push(route);
        page_routes.extend(render_lists(&pages)?);
    }
    phases.done("list pages");
    write_finders(ctx, writer)?;
    phases.done("finder data, cards");
    // The pages of which there is one: each view is made and rendered on whichever thread is free.
    type Single<'r> = (&'r str, &'r (dyn Fn() -> Result<()> + Sync));
    let single_pages: [Single; 5] = [
        ("", &|| page("home.html", "", &lists::home_page(ctx))),
        (routes::COMPARE, &|| {
            page("compare.html", routes::COMPARE, &compare::compare_page(ctx))
        }),
        (routes::DATA, &|| page("data.html", routes::DATA, &data_page(ctx))),
        (routes::SEARCH, &|| {
            page("search.html", routes::SEARCH, &search::search_page(ctx))
        }),
        (routes::STATS, &|| {
            page("stats.html", routes::STATS, &stats::stats_page(ctx, &site.figures))
        }),
    ];
    single_pages.par_iter().try_for_each(|(_, render)| render())?;
    page_routes.extend(single_pages.iter().map(|(route, _)| route.to_string()));
    let maps = map::map_pages(ctx);
    maps.par_iter()
        .try_for_each(|(route, view)| page("map.html", route, view))?;
    page_routes.extend(maps.into_iter().map(|(route, _)| route));
    let comparisons = compare::side_by_side_pages(ctx);
    comparisons
        .par_iter()
        .try_for_each(|(route, view)| page("compare_side.html", route, view))?;
    page_routes.extend(comparisons.into_iter().map(|(route, _)| route));
    if chooser::has_chooser(site) {
        let steps = chooser::chooser_pages(ctx);
        steps
            .par_iter()
            .try_for_each(|(route, view)| page("chooser.html", route, view))?;
        page_routes.extend(steps.into_iter().map(|(route, _)| route));
    }
    let not_found = NotFound {
        title: site.t("notfound_title"),
        text: site.t("notfound_text"),
    };
    writer.page("404.html", routes::NOT_FOUND, &not_found)?;
    phases.done("home, map, …");
    Ok(page_routes)
}

/// For each list that is a finder: its data, and its cards in files for its script. They are
/// written every render: a card file holds the cards of others besides the entries rendered.
fn write_finders(ctx: &RenderContext, writer: &Pages) -> Result<()> {
    for kind in finder::FINDER_KINDS {
        if let Some(data) = finder::finder_data(ctx, kind) {
            let json = serde_json::to_vec(&data).context("writing the finder data")?;
            write(writer.sink, &routes::finder_data(kind), &json)?;
        }
        let cards = ctx.cards_of(kind);
        cards
            .par_chunks(finder::CARDS_PER_FILE)
            .enumerate()
            .try_for_each(|(n, chunk)| {
                let html: String = chunk.iter().map(|c| c.html.as_str()).collect();
                write(writer.sink, &routes::card_chunk(kind, &n.to_string()), html.as_bytes())
            })?;
    }
    Ok(())
}

/// The files that list the site's pages: the feed, the sitemap, robots.txt, the web form and
/// `_headers`.
fn write_listings(ctx: &RenderContext, sink: &dyn Sink, page_routes: &[String]) -> Result<()> {
    write(sink, routes::FEED, feeds::atom(ctx.site).as_bytes())?;
    write(sink, routes::SITEMAP, feeds::sitemap(ctx.site, page_routes).as_bytes())?;
    write(sink, routes::ROBOTS, feeds::robots(ctx.site).as_bytes())?;
    let admin = hosting::admin_files(ctx.site);
    if let Some((page, config)) = &admin {
        write(sink, &format!("{}index.html", routes::ADMIN), page.as_bytes())?;
        write(sink, &format!("{}config.yml", routes::ADMIN), config.as_bytes())?;
    }
    let headers = hosting::headers_file(ctx.site, page_routes, admin.is_some());
    write(sink, routes::HEADERS, headers.as_bytes())
}

/// Renders one template with the shared context, the page's route and its view, and hands the
/// HTML to `done`.
fn render_one<T: Serialize, R>(
    shared: &Shared,
    template: &str,
    route: &str,
    view: &T,
    done: impl FnOnce(&[u8]) -> R,
) -> Result<R> {
    // Each thread keeps, for the whole build, one copy of the shared context, replacing only
    // what differs per page (copying the chrome and the interface strings for every page cost
    // about as much as rendering the header), and one buffer for the HTML (growing a new one
    // for every page, and checking it is UTF-8, was a tenth of the time spent in templates).
    thread_local! {
        static CONTEXT: std::cell::RefCell<Option<(u64, tera::Context)>> = const { std::cell::RefCell::new(None) };
        static HTML: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    CONTEXT.with_borrow_mut(|kept| {
        let context = match kept {
            Some((build, context)) if *build == shared.build => context,
            _ => {
                let mut context = shared.base.clone();
                context.insert("footer_html", &shared.footer);
                &mut kept.insert((shared.build, context)).1
            }
        };
        context.insert("route", route);
        context.insert("header_html", shared.header(route));
        context.insert("page", view);
        HTML.with_borrow_mut(|html| {
            html.clear();
            shared
                .theme
                .render_into(template, context, html)
                .with_context(|| format!("rendering {template} for /{route}"))?;
            Ok(done(html))
        })
    })
}

/// Lets pages of different view types share one closure without converting each view twice.
mod erased {
    pub trait View: Sync {
        fn write(&self, writer: &super::Pages, template: &str, route: &str) -> anyhow::Result<()>;
    }
    impl<T: serde::Serialize + Sync> View for T {
        fn write(&self, writer: &super::Pages, template: &str, route: &str) -> anyhow::Result<()> {
            writer.page(template, route, self)
        }
    }
}

#[derive(Serialize)]
struct NotFound {
    title: String,
    text: String,
}

#[derive(Serialize)]
struct DataPage {
    title: String,
    intro: String,
    canonical: String,
    files: Vec<entries::Item>,
    licence: String,
}

fn data_page(ctx: &RenderContext) -> DataPage {
    let site = ctx.site;
    let files = [
        ("data_spaces_json", routes::SPACES_JSON.to_string()),
        ("data_spaces_csv", routes::SPACES_CSV.to_string()),
        ("data_spaces_geojson", routes::SPACES_GEOJSON.to_string()),
        ("data_practices_json", routes::PRACTICES_JSON.to_string()),
        ("data_guides_json", routes::GUIDES_JSON.to_string()),
        ("data_vocabularies_json", routes::VOCABULARIES_JSON.to_string()),
        ("data_schemas", routes::schema(EntryKind::Space)),
    ]
    .into_iter()
    .map(|(key, route)| ctx.link(key, &route))
    .collect();
    DataPage {
        title: site.t("data_title"),
        intro: site.t("data_intro"),
        canonical: site.urls.absolute(routes::DATA),
        files,
        licence: site.licence_text(),
    }
}

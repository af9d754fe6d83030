//! From the model to the site. Each page type has its own module that turns the model into a view;
//! this module renders the views with the theme's templates, in parallel, into a sink: a staging
//! folder (`ruimte build`) or memory (`ruimte serve`, which renders only what an edit changed).

pub mod assets;
pub mod compare;
pub mod context;
pub mod entries;
pub mod feeds;
pub mod format;
pub mod hosting;
pub mod lists;
pub mod map;
pub mod markdown;
pub mod requests;
pub mod routes;
pub mod stats;
pub mod theme;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::model::Date;
use crate::content::site::Site;
use crate::export;
use crate::output::Sink;

use self::context::RenderContext;
use self::routes::Facet;
use self::theme::Theme;

pub struct BuildOptions<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub theme_dir: &'a Path,
    pub today: Date,
    pub include_drafts: bool,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    /// Pages and files written this time (a partial render skips what it may).
    pub pages: usize,
    /// Pages left as an earlier build wrote them: their view did not change.
    pub pages_kept: usize,
    pub files: usize,
    pub bytes: u64,
    /// Every file of the complete site, written this time or not, as paths inside it; for a
    /// `pages_only` render, the pages only.
    pub site_files: HashSet<String>,
    /// For each entry, the entries whose pages show it (related, both ways): what to render again
    /// when it changes.
    pub links: HashMap<String, Vec<String>>,
}

/// What to render. `Plan::default()` is a whole build.
#[derive(Default)]
pub struct Plan<'p> {
    /// Only the pages of these entries (by slug); `None` renders every entry page.
    pub entries: Option<&'p HashSet<String>>,
    /// For pages other than entry pages: the hash of each page's template and view when it was
    /// last rendered. A page whose hash is unchanged is not rendered again.
    pub memo: Option<&'p Mutex<HashMap<String, u64>>>,
    /// Pages only: no static files, search index, open data, feeds or host files.
    pub pages_only: bool,
}

/// Writes rendered pages and other files into the sink, counting what it wrote.
struct Writer<'s> {
    sink: &'s dyn Sink,
    memo: Option<&'s Mutex<HashMap<String, u64>>>,
    report: Mutex<BuildReport>,
}

impl Writer<'_> {
    fn file(&self, route: &str, bytes: &[u8], is_page: bool) -> Result<(), String> {
        let file = routes::file(route);
        self.sink.write(&file, bytes).map_err(|e| e.to_string())?;
        let mut r = self.report.lock().expect("report lock");
        r.files += 1;
        r.bytes += bytes.len() as u64;
        if is_page {
            r.pages += 1;
        }
        r.site_files.insert(file);
        Ok(())
    }

    /// Records a file of the site that this render leaves as it was.
    fn kept(&self, route: &str) {
        let file = routes::file(route);
        self.sink.keep(&file);
        let mut r = self.report.lock().expect("report lock");
        r.site_files.insert(file);
    }

    fn page<T: Serialize>(&self, shared: &Shared, template: &str, route: &str, view: &T) -> Result<(), String> {
        if let Some(memo) = self.memo {
            let mut hash = crate::hash::ContentHash::seeded(shared.chrome_hash);
            hash.feed_u64(shared.theme.template_hash(template));
            hash.feed_value(view).map_err(|e| e.to_string())?;
            let hash = hash.finish();
            let unchanged = memo.lock().expect("memo lock").insert(route.to_string(), hash) == Some(hash);
            if unchanged {
                self.kept(route);
                self.report.lock().expect("report lock").pages_kept += 1;
                return Ok(());
            }
        }
        render(shared, template, route, view, |html| self.file(route, html, true))?
    }
}

/// What every page's template context starts from, converted to tera values once per build.
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
    fn render_chrome(&mut self, ctx: &RenderContext) -> Result<(), String> {
        let render = |template: &str, route: Option<&str>| -> Result<String, String> {
            if !self.theme.has_template(template) {
                return Ok(String::new());
            }
            let mut context = self.base.clone();
            // No route can be NUL: a page outside the menu marks no item as current.
            context.insert("route", route.unwrap_or("\0"));
            let html = self
                .theme
                .render(template, &context)
                .map_err(|e| format!("{template}: {e}"))?;
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

/// Renders the site into `sink` as `plan` says. The caller commits it.
pub fn render_site(options: &BuildOptions, sink: &dyn Sink, plan: &Plan) -> Result<BuildReport, String> {
    let mut phases = crate::timing::Phases::start();
    let theme = Theme::load(options.theme_dir, &options.config.language)?;
    let writer = Writer {
        sink,
        memo: plan.memo,
        report: Mutex::new(BuildReport::default()),
    };
    let write = |route: &str, bytes: &[u8], is_page: bool| writer.file(route, bytes, is_page);

    // Static files first: their names carry a hash of their content.
    let assets = assets::copy_static(&theme.static_dir, |route, bytes| {
        if plan.pages_only {
            Ok(())
        } else {
            write(route, bytes, false)
        }
    })?;
    let mut ctx = RenderContext::new(
        options.site,
        options.config,
        &theme,
        options.today,
        options.include_drafts,
        &assets,
    );
    ctx.set_search_index(crate::search::INDEX_ROUTE);
    ctx.render_cards()?;
    writer.report.lock().expect("report lock").links = ctx.links.clone();
    phases.done("theme, context");
    if plan.pages_only {
        render_pages(&ctx, &theme, &writer, options, plan, &mut phases)?;
        return Ok(writer.report.into_inner().expect("report lock"));
    }
    // The index builds on its own thread (tantivy's writer is serial) while the pages render,
    // from documents made a batch at a time; the blob is dropped as soon as it is written. The
    // open data follows it there, so that neither waits for the pages to finish.
    std::thread::scope(|scope| {
        let index_and_data = scope.spawn(|| {
            let mut phases = crate::timing::Phases::start();
            write_search_index(&ctx, &writer)?;
            phases.done("(search index)");
            write_open_data(&ctx, &writer)?;
            phases.done("(open data)");
            Ok::<(), String>(())
        });
        let report = render_pages(&ctx, &theme, &writer, options, plan, &mut phases);
        index_and_data
            .join()
            .map_err(|_| "the search index or open data build panicked".to_string())??;
        report
    })?;
    phases.done("index, open data");
    Ok(writer.report.into_inner().expect("report lock"))
}

/// The search index, unless the memo says its documents are the ones it was built from.
fn write_search_index(ctx: &RenderContext, writer: &Writer) -> Result<(), String> {
    let route = crate::search::INDEX_ROUTE;
    let memo = writer.memo;
    let previous = memo.and_then(|m| m.lock().expect("memo lock").get(route).copied());
    if let Some(previous) = previous {
        if crate::search::documents_hash(ctx) == previous {
            writer.kept(route);
            return Ok(());
        }
    }
    let (blob, hash) = crate::search::build_blob_in_batches(ctx)?;
    if let Some(memo) = memo {
        memo.lock().expect("memo lock").insert(route.to_string(), hash);
    }
    writer.file(route, &blob, false)
}

/// Every page and data file, written through `writer` while the search index builds.
fn render_pages(
    ctx: &RenderContext,
    theme: &Theme,
    writer: &Writer,
    options: &BuildOptions,
    plan: &Plan,
    phases: &mut crate::timing::Phases,
) -> Result<(), String> {
    let write = |route: &str, bytes: &[u8], is_page: bool| writer.file(route, bytes, is_page);
    let base = ctx.template_base();
    let mut chrome_hash = crate::hash::ContentHash::default();
    chrome_hash.feed_value(&ctx.chrome).map_err(|e| e.to_string())?;
    chrome_hash
        .feed_value(&theme.template_strings)
        .map_err(|e| e.to_string())?;
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
    let page = |template: &str, route: &str, view: &dyn erased::View| -> Result<(), String> {
        view.write(writer, &shared, template, route)
    };

    let site = options.site;
    let published = |draft: bool| !draft || options.include_drafts;
    let mut page_routes: Vec<String> = Vec::new();

    // Entry pages, in parallel: the bulk of the work. A partial render keeps the others.
    let selected = |slug: &str| plan.entries.is_none_or(|chosen| chosen.contains(slug));
    let entry_page = |route: String, slug: &str, view: &dyn Fn() -> Box<dyn erased::View>| -> Result<String, String> {
        if selected(slug) {
            page("entry.html", &route, view().as_ref())?;
        } else {
            writer.kept(&route);
        }
        Ok(route)
    };
    let entry_routes: Vec<Result<String, String>> = site
        .spaces
        .par_iter()
        .filter(|e| published(e.front.draft))
        .map(|e| {
            let route = ctx.entry_route(crate::content::EntryKind::Space, &e.slug);
            let route = entry_page(route, &e.slug, &|| Box::new(entries::space_page(ctx, e)))?;
            let folder = e.path.parent().unwrap_or(Path::new("."));
            let images = routes::entry_folder(crate::content::EntryKind::Space, &e.slug);
            for image in &e.front.images {
                let to = format!("{images}{}", image.file);
                if selected(&e.slug) {
                    writer
                        .sink
                        .copy(&folder.join(&image.file), &to)
                        .map_err(|e| e.to_string())?;
                }
                writer.kept(&to);
            }
            Ok(route)
        })
        .chain(site.practices.par_iter().filter(|e| published(e.front.draft)).map(|e| {
            let route = ctx.entry_route(crate::content::EntryKind::Practice, &e.slug);
            entry_page(route, &e.slug, &|| Box::new(entries::practice_page(ctx, e)))
        }))
        .chain(site.guides.par_iter().filter(|e| published(e.front.draft)).map(|e| {
            let route = ctx.entry_route(crate::content::EntryKind::Guide, &e.slug);
            entry_page(route, &e.slug, &|| Box::new(entries::guide_page(ctx, e)))
        }))
        .chain(site.requests.par_iter().filter(|e| published(e.front.draft)).map(|e| {
            let route = ctx.entry_route(crate::content::EntryKind::Request, &e.slug);
            entry_page(route, &e.slug, &|| Box::new(requests::request_page(ctx, e)))
        }))
        .chain(site.pages.par_iter().filter(|e| published(e.front.draft)).map(|e| {
            let route = ctx.entry_route(crate::content::EntryKind::Page, &e.slug);
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
    let render_lists = |lists: &[(String, lists::ListPage)]| -> Result<Vec<String>, String> {
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
    // The pages of which there is one: each view is made and rendered on whichever thread is free.
    let figures = stats::stats(ctx);
    let single_pages: [&(dyn Fn() -> Result<(), String> + Sync); 6] = [
        &|| page("home.html", "", &lists::home_page(ctx)),
        &|| page("compare.html", routes::COMPARE, &compare::compare_page(ctx)),
        &|| page("map.html", routes::MAP, &map::map_page(ctx)),
        &|| page("data.html", routes::DATA, &data_page(ctx)),
        &|| page("search.html", routes::SEARCH, &search_page(ctx)),
        &|| page("stats.html", routes::STATS, &stats::stats_page(ctx, &figures)),
    ];
    single_pages.par_iter().try_for_each(|render| render())?;
    page_routes.extend([
        "".to_string(),
        routes::COMPARE.into(),
        routes::MAP.into(),
        routes::DATA.into(),
        routes::SEARCH.into(),
        routes::STATS.into(),
    ]);
    let not_found = NotFound {
        title: ctx.t("notfound_title"),
        text: ctx.t("notfound_text"),
    };
    writer.page(&shared, "404.html", "404.html", &not_found)?;

    phases.done("home, map, …");
    if plan.pages_only {
        return Ok(());
    }
    let mut figures_json = serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())?;
    figures_json.push('\n');
    write(&format!("{}stats.json", routes::DATA), figures_json.as_bytes(), false)?;
    write("feed.xml", feeds::atom(ctx).as_bytes(), false)?;
    write("sitemap.xml", feeds::sitemap(ctx, &page_routes).as_bytes(), false)?;
    write("robots.txt", feeds::robots(ctx).as_bytes(), false)?;
    let admin = hosting::admin_files(ctx);
    if let Some((page, config)) = &admin {
        write(&format!("{}index.html", hosting::ADMIN), page.as_bytes(), false)?;
        write(&format!("{}config.yml", hosting::ADMIN), config.as_bytes(), false)?;
    }
    let headers = hosting::headers_file(ctx, &page_routes, admin.is_some());
    write("_headers", headers.as_bytes(), false)?;
    phases.done("feeds");
    Ok(())
}

/// The open-data files under `/data/`, streamed to the sink.
fn write_open_data(ctx: &RenderContext, writer: &Writer) -> Result<(), String> {
    let sizes = export::write_all(ctx, &|route: &str| {
        writer.kept(route);
        writer.sink.create(&routes::file(route)).map_err(|e| e.to_string())
    })?;
    let mut r = writer.report.lock().expect("report lock");
    r.files += sizes.len();
    r.bytes += sizes.iter().sum::<u64>();
    Ok(())
}

/// Renders one template with the shared context, the page's route and its view, and hands the
/// HTML to `done`.
fn render<T: Serialize, R>(
    shared: &Shared,
    template: &str,
    route: &str,
    view: &T,
    done: impl FnOnce(&[u8]) -> R,
) -> Result<R, String> {
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
                .map_err(|e| format!("{template} for /{route}: {e}"))?;
            Ok(done(html))
        })
    })
}

/// Lets pages of different view types share one closure without converting each view twice.
mod erased {
    pub trait View: Sync {
        fn write(
            &self,
            writer: &super::Writer,
            shared: &super::Shared,
            template: &str,
            route: &str,
        ) -> Result<(), String>;
    }
    impl<T: serde::Serialize + Sync> View for T {
        fn write(
            &self,
            writer: &super::Writer,
            shared: &super::Shared,
            template: &str,
            route: &str,
        ) -> Result<(), String> {
            writer.page(shared, template, route, self)
        }
    }
}

#[derive(Serialize)]
struct NotFound {
    title: String,
    text: String,
}

#[derive(Serialize)]
struct SearchPage {
    title: String,
    action: String,
    browse: Vec<entries::Item>,
    /// Labels of filter values and interface strings for the script, as JSON safe inside <script>.
    labels: String,
}

fn search_page(ctx: &RenderContext) -> SearchPage {
    let browse = [
        ("nav_spaces", routes::list("ruimtes", 1)),
        ("nav_practices", routes::list("praktijken", 1)),
        ("nav_guides", routes::list("gidsen", 1)),
    ]
    .into_iter()
    .chain(
        Facet::ALL
            .into_iter()
            .map(|f| (lists::facet_plural_key(f), routes::facet_index(f))),
    )
    .map(|(key, route)| ctx.link(key, &route))
    .collect();
    SearchPage {
        title: ctx.t("search_title"),
        action: ctx.urls.url(routes::SEARCH),
        browse,
        labels: entries::script_safe_json(&crate::search::labels(ctx, true)),
    }
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
    let d = routes::DATA;
    let files = [
        ("data_spaces_json", format!("{d}spaces.json")),
        ("data_spaces_csv", format!("{d}spaces.csv")),
        ("data_spaces_geojson", format!("{d}spaces.geojson")),
        ("data_practices_json", format!("{d}practices.json")),
        ("data_guides_json", format!("{d}guides.json")),
        ("data_schemas", format!("{d}schemas/space.schema.json")),
    ]
    .into_iter()
    .map(|(key, route)| ctx.link(key, &route))
    .collect();
    DataPage {
        title: ctx.t("data_title"),
        intro: ctx.t("data_intro"),
        canonical: ctx.urls.absolute(d),
        files,
        licence: export::licence_text(ctx),
    }
}

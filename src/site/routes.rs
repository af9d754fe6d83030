//! Where every page lives. A route is a path inside the site without the base path
//! (`ruimtes/atelier-noord/`, or `ruimtes/atelier-noord.html` with `entry_urls = "file"`); the
//! URL adds the base path, and a route that is a folder gets `index.html` as its file. Keeping this
//! in one place is what lets the site work under a sub-path.

use crate::config::EntryUrls;
use crate::content::vocab::VocabularyKind;
use crate::content::EntryKind;

/// The section of each entry kind, in Dutch as the site's URLs are. Pages have none: they sit at
/// the top (`over/`).
pub const fn section(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Space => "ruimtes",
        EntryKind::Practice => "praktijken",
        EntryKind::Guide => "gidsen",
        EntryKind::Page => "",
        EntryKind::Request => "vragen",
    }
}

/// The facets that get their own pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Place,
    Province,
    Discipline,
    SpaceKind,
    Theme,
    Tag,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Place,
        Facet::Province,
        Facet::Discipline,
        Facet::SpaceKind,
        Facet::Theme,
        Facet::Tag,
    ];

    pub const fn section(self) -> &'static str {
        match self {
            Facet::Place => "plaatsen",
            Facet::Province => "provincies",
            Facet::Discipline => "disciplines",
            Facet::SpaceKind => "soorten",
            Facet::Theme => "themas",
            Facet::Tag => "tags",
        }
    }

    /// The vocabulary whose keys the facet's pages are.
    pub const fn vocabulary(self) -> VocabularyKind {
        match self {
            Facet::Place => VocabularyKind::Places,
            Facet::Province => VocabularyKind::Provinces,
            Facet::Discipline => VocabularyKind::Disciplines,
            Facet::SpaceKind => VocabularyKind::SpaceKinds,
            Facet::Theme => VocabularyKind::Themes,
            Facet::Tag => VocabularyKind::Tags,
        }
    }

    /// The interface string of the facet's plural, which heads its index ("Plaatsen").
    pub const fn plural_key(self) -> &'static str {
        match self {
            Facet::Place => "facets_places",
            Facet::Province => "facets_provinces",
            Facet::Discipline => "facets_disciplines",
            Facet::SpaceKind => "facets_kinds",
            Facet::Theme => "facets_themes",
            Facet::Tag => "facets_tags",
        }
    }
}

/// The entry kinds that have a list, in the order the site names them.
pub const LISTED_KINDS: [EntryKind; 4] = [
    EntryKind::Space,
    EntryKind::Practice,
    EntryKind::Guide,
    EntryKind::Request,
];

pub const MAP: &str = "kaart/";

/// A province's own map (`kaart/limburg/`).
pub fn province_map(province: &str) -> String {
    format!("{MAP}{province}/")
}
pub const COMPARE: &str = "vergelijking/";

/// A family's guides side by side (`vergelijking/gebruik/`); `?gidsen=a,b` narrows it in a
/// browser with scripts.
pub fn compare_family(family_id: &str) -> String {
    format!("{COMPARE}{family_id}/")
}

/// Two guides side by side, in the order of their slugs: the address a comparison is shared by.
pub fn compare_pair(a: &str, b: &str) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    format!("{COMPARE}{first}/{second}/")
}

/// The names of the two families' pages under `vergelijking/`, and of the chooser's questions:
/// a guide may not take one, or its pairs' addresses would meet those pages'.
pub const COMPARE_FAMILIES: [&str; 2] = ["gebruik", "organisatie"];
pub const CHOOSER: &str = "kiezen";

/// A step of the chooser's questions: the answers so far, in order
/// (`vergelijking/kiezen/ander/kort/`).
pub fn chooser(answers: &[&str]) -> String {
    let mut route = format!("{COMPARE}{CHOOSER}/");
    for answer in answers {
        route.push_str(answer);
        route.push('/');
    }
    route
}
pub const DATA: &str = "data/";
pub const SEARCH: &str = "zoeken/";
pub const STATS: &str = "cijfers/";
/// The search index's head; its name is the same in every build (see `search`).
pub const SEARCH_INDEX: &str = "search/index.bin";

/// The folder of the search index's parts, relative to the head, for the index of documents
/// with this hash.
pub fn search_parts_folder(hash: u64) -> String {
    format!("parts/{hash:016x}/")
}

/// A part of the search index.
pub fn search_part(hash: u64, part: u32) -> String {
    format!("search/{}{part}.bin", search_parts_folder(hash))
}
/// The suggestion index's head beside it: what the header's box needs, a small part of the
/// whole. Its parts, when it has any, are in a folder named like the full index's.
pub const SUGGEST_INDEX: &str = "search/suggest.bin";

/// The folder of the suggestion index's parts, relative to its head.
pub fn suggest_parts_folder(hash: u64) -> String {
    format!("suggest/{hash:016x}/")
}

/// A part of the suggestion index.
pub fn suggest_part(hash: u64, part: u32) -> String {
    format!("search/{}{part}.bin", suggest_parts_folder(hash))
}
/// The theme's static files, under names that carry a hash of their content.
pub const STATIC: &str = "static/";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const NOT_FOUND: &str = "404.html";
/// Headers for hosts that read them (Netlify, Cloudflare Pages).
pub const HEADERS: &str = "_headers";
/// The contributors' web form.
pub const ADMIN: &str = "admin/";
/// The open data, under `DATA`.
pub const SPACES_JSON: &str = "data/spaces.json";
pub const SPACES_CSV: &str = "data/spaces.csv";
pub const SPACES_GEOJSON: &str = "data/spaces.geojson";
pub const PRACTICES_JSON: &str = "data/practices.json";
pub const GUIDES_JSON: &str = "data/guides.json";
/// Every vocabulary's keys with their labels in each language the interface speaks.
pub const VOCABULARIES_JSON: &str = "data/vocabularies.json";
pub const DATA_LICENCE: &str = "data/LICENSE.txt";
/// The figures.
pub const STATS_JSON: &str = "data/stats.json";

/// The JSON Schema of one entry kind's front matter.
pub fn schema(kind: EntryKind) -> String {
    format!("{DATA}schemas/{}", crate::content::schema::file_name(kind))
}

/// The content page the menu's last item leads to, when it exists.
pub const ABOUT_PAGE: &str = "over";
/// The page on how to contribute and report; the footer and every report link lead to it.
pub const CONTRIBUTE_PAGE: &str = "bijdragen";

/// The header's menu: each item's interface string and route, in order.
pub fn menu() -> Vec<(&'static str, String)> {
    vec![
        ("nav_spaces", list(EntryKind::Space, 1)),
        ("nav_practices", list(EntryKind::Practice, 1)),
        ("nav_guides", list(EntryKind::Guide, 1)),
        ("nav_compare", COMPARE.to_string()),
        ("nav_map", MAP.to_string()),
        ("nav_places", facet_index(Facet::Place)),
        ("nav_about", entry_folder(EntryKind::Page, ABOUT_PAGE)),
    ]
}

/// The first part of every route the site writes other than entry pages: a content page may not
/// take one of these names.
pub fn reserved_names() -> Vec<&'static str> {
    let sections = LISTED_KINDS.iter().map(|k| section(*k));
    let facets = Facet::ALL.iter().map(|f| f.section());
    let others = [
        MAP,
        COMPARE,
        DATA,
        SEARCH,
        STATS,
        SEARCH_INDEX,
        STATIC,
        FEED,
        SITEMAP,
        ADMIN,
    ]
    .into_iter()
    .map(|route| {
        let top = route.split('/').next().unwrap_or(route);
        top.split_once('.').map_or(top, |(name, _)| name)
    });
    let mut names: Vec<&str> = sections.chain(facets).chain(others).collect();
    names.dedup();
    names
}

/// An entry's page: `ruimtes/atelier-noord/` (a folder with `index.html`) or, in file style,
/// `ruimtes/atelier-noord.html`. Content pages (about, contribute) are few and named in the menu,
/// so they keep their folder in either style.
pub fn entry(style: EntryUrls, kind: EntryKind, slug: &str) -> String {
    match (kind, style) {
        (EntryKind::Page, _) | (_, EntryUrls::Folder) => entry_folder(kind, slug),
        (_, EntryUrls::File) => format!("{}/{slug}.html", section(kind)),
    }
}

/// The folder an entry's own files (its pictures) go in, whatever the style of its page.
pub fn entry_folder(kind: EntryKind, slug: &str) -> String {
    match kind {
        EntryKind::Page => format!("{slug}/"),
        _ => format!("{}/{slug}/", section(kind)),
    }
}

/// The `n`th file of a finder list's cards (a few dozen each, in list order), for the finder's
/// script to fetch when it shows them. The dot keeps it apart from every entry's address: slugs
/// have none.
pub fn card_chunk(kind: EntryKind, n: &str) -> String {
    format!("{}/kaarten.{n}.html", section(kind))
}

/// What the finder on a kind's list filters, counts and sorts, beside the list.
pub fn finder_data(kind: EntryKind) -> String {
    format!("{}/filters.json", section(kind))
}

/// A list page of one kind; page 1 is the section itself, later pages `pagina/N/`.
pub fn list(kind: EntryKind, page: usize) -> String {
    paged(&format!("{}/", section(kind)), page)
}

pub fn facet_index(facet: Facet) -> String {
    format!("{}/", facet.section())
}

pub fn facet(facet: Facet, key: &str, page: usize) -> String {
    paged(&format!("{}/{key}/", facet.section()), page)
}

fn paged(route: &str, page: usize) -> String {
    if page <= 1 {
        route.to_string()
    } else {
        format!("{route}pagina/{page}/")
    }
}

/// The output file of a route: folders get `index.html`.
pub fn file(route: &str) -> String {
    if route.is_empty() {
        "index.html".into()
    } else if route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

/// Builds URLs under the site's base path.
#[derive(Debug, Clone)]
pub struct Urls {
    base: String,
    absolute: String,
    /// Where this language's pages are under the base (`fr/`); empty at the root.
    pages: String,
}

/// Whether a route is one for every language (the static files, the search index, the open
/// data's files, the feed, the form): each language's pages link to the same file.
pub fn is_shared(route: &str) -> bool {
    ["static/", "search/", "admin/"].iter().any(|p| route.starts_with(p))
        || (route.starts_with(DATA) && route != DATA)
        || [FEED, SITEMAP, ROBOTS, HEADERS].contains(&route)
}

impl Urls {
    /// `base_path` starts and ends with `/`; `absolute_base` is the configured base URL.
    pub fn new(base_path: &str, absolute_base: &str) -> Urls {
        Urls {
            base: base_path.to_string(),
            absolute: absolute_base.trim_end_matches('/').to_string() + "/",
            pages: String::new(),
        }
    }

    /// The addresses of the pages under `prefix` (`fr/`), which other files are not.
    pub fn with_pages_prefix(mut self, prefix: &str) -> Urls {
        self.pages = prefix.to_string();
        self
    }

    /// A route as this language addresses it, under the base.
    fn within(&self, route: &str) -> String {
        if is_shared(route) {
            route.to_string()
        } else {
            format!("{}{route}", self.pages)
        }
    }

    pub fn url(&self, route: &str) -> String {
        format!("{}{}", self.base, self.within(route))
    }

    /// An absolute URL when the base URL has a host (feeds, sitemap, Open Graph), else the path.
    pub fn absolute(&self, route: &str) -> String {
        if self.absolute.starts_with("http") {
            format!("{}{}", self.absolute, self.within(route))
        } else {
            self.url(route)
        }
    }

    /// The address of a page in another language: `prefix` is that language's (`fr/`, or
    /// empty for the root's).
    pub fn language_url(&self, prefix: &str, route: &str) -> String {
        format!("{}{prefix}{route}", self.base)
    }

    /// The same, absolute when the base URL has a host (`hreflang` alternates, the sitemap).
    pub fn language_absolute(&self, prefix: &str, route: &str) -> String {
        if self.has_host() {
            format!("{}{prefix}{route}", self.absolute)
        } else {
            self.language_url(prefix, route)
        }
    }

    pub fn has_host(&self) -> bool {
        self.absolute.starts_with("http")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_urls_and_files() {
        let urls = Urls::new("/ruimte/", "https://example.org/ruimte/");
        assert_eq!(
            urls.url(&entry(EntryUrls::Folder, EntryKind::Space, "a")),
            "/ruimte/ruimtes/a/"
        );
        assert_eq!(
            urls.url(&entry(EntryUrls::File, EntryKind::Space, "a")),
            "/ruimte/ruimtes/a.html"
        );
        assert_eq!(file(&entry(EntryUrls::File, EntryKind::Guide, "a")), "gidsen/a.html");
        assert_eq!(entry_folder(EntryKind::Space, "a"), "ruimtes/a/");
        for style in [EntryUrls::Folder, EntryUrls::File] {
            assert_eq!(
                urls.absolute(&entry(style, EntryKind::Page, "over")),
                "https://example.org/ruimte/over/"
            );
        }
        assert_eq!(file(&list(EntryKind::Space, 1)), "ruimtes/index.html");
        assert_eq!(
            file(&facet(Facet::Place, "gent", 3)),
            "plaatsen/gent/pagina/3/index.html"
        );
        assert_eq!(file(""), "index.html");
        assert_eq!(file("feed.xml"), "feed.xml");
        assert_eq!(Urls::new("/", "/").absolute("x/"), "/x/");
    }

    #[test]
    fn content_pages_cannot_take_the_sections_names() {
        let reserved = reserved_names();
        for name in [
            "ruimtes",
            "praktijken",
            "gidsen",
            "vragen",
            "plaatsen",
            "provincies",
            "disciplines",
            "soorten",
            "themas",
            "tags",
            "kaart",
            "vergelijking",
            "data",
            "zoeken",
            "cijfers",
            "search",
            "static",
            "feed",
            "sitemap",
            "admin",
        ] {
            assert!(reserved.contains(&name), "{name}");
        }
        assert!(!reserved.contains(&ABOUT_PAGE));
    }
}

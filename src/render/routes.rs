//! Where every page lives. A route is a path inside the site without the base path
//! (`ruimtes/atelier-noord/`, or `ruimtes/atelier-noord.html` with `entry_urls = "file"`); the
//! URL adds the base path, and a route that is a folder gets `index.html` as its file. Keeping this
//! in one place is what lets the site work under a sub-path.

use crate::config::EntryUrls;
use crate::content::site::EntryKind;

/// The section of each entry kind, in Dutch as the site's URLs are.
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

    /// The i18n key of the facet's name.
    pub const fn label_key(self) -> &'static str {
        match self {
            Facet::Place => "facet_place",
            Facet::Province => "facet_province",
            Facet::Discipline => "facet_discipline",
            Facet::SpaceKind => "facet_kind",
            Facet::Theme => "facet_theme",
            Facet::Tag => "facet_tag",
        }
    }
}

pub const MAP: &str = "kaart/";
pub const COMPARE: &str = "vergelijking/";
pub const DATA: &str = "data/";
pub const SEARCH: &str = "zoeken/";
pub const STATS: &str = "cijfers/";

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

/// A list page; page 1 is the section itself, later pages `pagina/N/`.
pub fn list(section: &str, page: usize) -> String {
    paged(&format!("{section}/"), page)
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
}

impl Urls {
    /// `base_path` starts and ends with `/`; `absolute_base` is the configured base URL.
    pub fn new(base_path: &str, absolute_base: &str) -> Urls {
        Urls {
            base: base_path.to_string(),
            absolute: absolute_base.trim_end_matches('/').to_string() + "/",
        }
    }

    pub fn url(&self, route: &str) -> String {
        format!("{}{route}", self.base)
    }

    /// An absolute URL when the base URL has a host (feeds, sitemap, Open Graph), else the path.
    pub fn absolute(&self, route: &str) -> String {
        if self.absolute.starts_with("http") {
            format!("{}{route}", self.absolute)
        } else {
            self.url(route)
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
        assert_eq!(file(&list("ruimtes", 1)), "ruimtes/index.html");
        assert_eq!(
            file(&facet(Facet::Place, "gent", 3)),
            "plaatsen/gent/pagina/3/index.html"
        );
        assert_eq!(file(""), "index.html");
        assert_eq!(file("feed.xml"), "feed.xml");
        assert_eq!(Urls::new("/", "/").absolute("x/"), "/x/");
    }
}

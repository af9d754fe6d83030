//! Machine-read pages: the Atom feed of new and updated entries, the sitemap and robots.txt.

use std::fmt::Write as _;

use crate::content::model::Date;
use crate::html::escape;
use crate::site::routes;
use crate::site::{Listing, Site};

const FEED_ENTRIES: usize = 50;

/// Entries most recently verified first (those nobody has checked have no date to give, and are
/// left out); the feed's date is the newest of them, so two builds of the same content give the
/// same feed.
pub fn atom(site: &Site) -> String {
    let mut cards: Vec<(&Listing, Date)> = site.listings().filter_map(|l| Some((l, l.checked_on?))).collect();
    cards.sort_by(|(a, a_date), (b, b_date)| b_date.cmp(a_date).then_with(|| a.url.cmp(&b.url)));
    cards.truncate(FEED_ENTRIES);
    let updated = cards
        .first()
        .map(|(_, date)| date.to_string())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="utf-8"?>"#);
    let _ = writeln!(
        out,
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{}">"#,
        escape(site.language)
    );
    let _ = writeln!(out, "  <title>{}</title>", escape(&site.config.title));
    let _ = writeln!(out, "  <subtitle>{}</subtitle>", escape(&site.config.description));
    let _ = writeln!(
        out,
        r#"  <link rel="alternate" type="text/html" href="{}"/>"#,
        escape(&site.urls.absolute(""))
    );
    let _ = writeln!(
        out,
        r#"  <link rel="self" type="application/atom+xml" href="{}"/>"#,
        escape(&site.urls.absolute(routes::FEED))
    );
    let _ = writeln!(out, "  <id>{}</id>", escape(&site.urls.absolute("")));
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(out, "  <author><name>{}</name></author>", escape(&site.config.title));
    let _ = writeln!(out, "  <rights>{}</rights>", escape(&site.config.licence.name));
    for (c, checked_on) in cards {
        let url = site.urls.absolute(&c.route);
        let _ = writeln!(out, "  <entry>");
        let _ = writeln!(out, "    <title>{}</title>", escape(c.title));
        let _ = writeln!(
            out,
            r#"    <link rel="alternate" type="text/html" href="{}"/>"#,
            escape(&url)
        );
        let _ = writeln!(out, "    <id>{}</id>", escape(&url));
        let _ = writeln!(out, "    <updated>{checked_on}T00:00:00Z</updated>");
        let _ = writeln!(
            out,
            "    <category term=\"{}\" label=\"{}\"/>",
            c.kind.id(),
            escape(&site.kind_label(c.kind))
        );
        let _ = writeln!(out, "    <summary>{}</summary>", escape(&c.summary));
        let _ = writeln!(out, "  </entry>");
    }
    out.push_str("</feed>\n");
    out
}

/// Every published HTML page in every language, with the entry's check date as `lastmod`; where
/// the site has several languages, each address names the same page in the others
/// (`xhtml:link` alternates, as search engines read them).
pub fn sitemap(site: &Site, routes: &[String]) -> String {
    let config = site.config;
    let languages: Vec<(&str, String)> = config.all_languages().collect();
    let several = languages.len() > 1;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if several {
        out.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(">\n");
    let mut lastmod = std::collections::HashMap::new();
    for c in site.listings() {
        if let Some(date) = c.checked_on {
            lastmod.insert(c.route.as_str(), date);
        }
    }
    let mut routes: Vec<&String> = routes.iter().collect();
    routes.sort();
    routes.dedup();
    for route in routes {
        for (_, prefix) in &languages {
            let loc = site.urls.language_absolute(prefix, route);
            let _ = write!(out, "  <url><loc>{}</loc>", escape(&loc));
            if let Some(date) = lastmod.get(route.as_str()) {
                let _ = write!(out, "<lastmod>{date}</lastmod>");
            }
            if several {
                for (code, other) in &languages {
                    let href = site.urls.language_absolute(other, route);
                    let _ = write!(
                        out,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{}\"/>",
                        escape(&href)
                    );
                }
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site: &Site) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    // The contributors' form is no page to find through a search engine.
    let _ = writeln!(out, "Disallow: {}{}", site.urls.url(""), routes::ADMIN);
    if site.urls.has_host() {
        let _ = writeln!(out, "Sitemap: {}", site.urls.absolute(routes::SITEMAP));
    }
    out
}

//! Machine-read pages: the Atom feed of new and updated entries, the sitemap and robots.txt.

use std::fmt::Write as _;

use super::context::{Card, RenderContext};
use super::markdown::escape;

const FEED_ENTRIES: usize = 50;

/// Entries most recently verified first; the feed's date is the newest of them, so two builds of
/// the same content give the same feed.
pub fn atom(ctx: &RenderContext) -> String {
    let mut cards: Vec<&Card> = ctx.cards.values().collect();
    cards.sort_by(|a, b| b.checked_on.cmp(&a.checked_on).then_with(|| a.url.cmp(&b.url)));
    cards.truncate(FEED_ENTRIES);
    let updated = cards
        .first()
        .map(|c| c.checked_on.to_string())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="utf-8"?>"#);
    let _ = writeln!(
        out,
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{}">"#,
        escape(&ctx.language)
    );
    let _ = writeln!(out, "  <title>{}</title>", escape(&ctx.config.title));
    let _ = writeln!(out, "  <subtitle>{}</subtitle>", escape(&ctx.config.description));
    let _ = writeln!(
        out,
        r#"  <link rel="alternate" type="text/html" href="{}"/>"#,
        escape(&ctx.urls.absolute(""))
    );
    let _ = writeln!(
        out,
        r#"  <link rel="self" type="application/atom+xml" href="{}"/>"#,
        escape(&ctx.urls.absolute("feed.xml"))
    );
    let _ = writeln!(out, "  <id>{}</id>", escape(&ctx.urls.absolute("")));
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(out, "  <author><name>{}</name></author>", escape(&ctx.config.title));
    let _ = writeln!(out, "  <rights>{}</rights>", escape(&ctx.config.licence.name));
    for c in cards {
        let url = ctx.urls.absolute(&c.route);
        let _ = writeln!(out, "  <entry>");
        let _ = writeln!(out, "    <title>{}</title>", escape(&c.title));
        let _ = writeln!(
            out,
            r#"    <link rel="alternate" type="text/html" href="{}"/>"#,
            escape(&url)
        );
        let _ = writeln!(out, "    <id>{}</id>", escape(&url));
        let _ = writeln!(out, "    <updated>{}T00:00:00Z</updated>", c.checked_on);
        let _ = writeln!(
            out,
            "    <category term=\"{}\" label=\"{}\"/>",
            c.kind,
            escape(&c.kind_label)
        );
        let _ = writeln!(out, "    <summary>{}</summary>", escape(&c.summary));
        let _ = writeln!(out, "  </entry>");
    }
    out.push_str("</feed>\n");
    out
}

/// Every published HTML page, with the entry's check date as `lastmod`.
pub fn sitemap(ctx: &RenderContext, routes: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut lastmod = std::collections::HashMap::new();
    for c in ctx.cards.values() {
        lastmod.insert(c.route.as_str(), c.checked_on);
    }
    let mut routes: Vec<&String> = routes.iter().collect();
    routes.sort();
    routes.dedup();
    for route in routes {
        let _ = write!(out, "  <url><loc>{}</loc>", escape(&ctx.urls.absolute(route)));
        if let Some(date) = lastmod.get(route.as_str()) {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(ctx: &RenderContext) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    // The contributors' form is no page to find through a search engine.
    let _ = writeln!(out, "Disallow: {}{}", ctx.urls.url(""), super::hosting::ADMIN);
    if ctx.urls.has_host() {
        let _ = writeln!(out, "Sitemap: {}", ctx.urls.absolute("sitemap.xml"));
    }
    out
}

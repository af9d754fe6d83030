//! Contributor Markdown to HTML that is safe by construction: raw HTML is shown as text, links and
//! images with a scheme that can run script are dropped (their text stays), external links open
//! without handing over the page (`rel="noopener noreferrer"`), external images become links so no
//! page makes a third-party request, and every heading gets an id for linking.

use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::content::validate::{markdown_options, ALLOWED_SCHEMES};
use crate::html::escape;

/// `heading_offset` moves body headings down: entry pages put the body under their own h2.
/// `site_root` is the site's own path (`/`, or `/ruimte/` under a sub-path): a link written from
/// the site's root (`/gidsen/vzw/`) is moved under it, so it holds wherever the site is hosted.
pub fn to_html(markdown: &str, heading_offset: usize, site_root: &str) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut open_links: Vec<bool> = Vec::new(); // for each open link: was it dropped?
    let mut heading: Option<(HeadingLevel, Option<CowStr>, Vec<Event>)> = None;
    let mut ids = HashSet::new();

    for event in Parser::new_ext(markdown, markdown_options()) {
        let event = match event {
            Event::Html(text) | Event::InlineHtml(text) => {
                if text.trim_start().starts_with("<!--") {
                    continue;
                }
                Event::Text(text)
            }
            // Images are rendered as links to the picture: the alt text stays readable and no
            // page loads anything from elsewhere.
            Event::Start(Tag::Link { dest_url, title, .. }) | Event::Start(Tag::Image { dest_url, title, .. }) => {
                let dropped = !is_safe(&dest_url);
                open_links.push(dropped);
                if dropped {
                    continue;
                }
                Event::Html(link_start(&under_root(&dest_url, site_root), &title).into())
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if open_links.pop() == Some(true) {
                    continue;
                }
                Event::Html("</a>".into())
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id, Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner)) = heading.take() {
                    let text: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = unique_id(
                        id.map(|i| i.to_string())
                            .unwrap_or_else(|| crate::content::slug::suggest(&text)),
                        &mut ids,
                    );
                    let level = (level as usize + heading_offset).min(6);
                    events.push(Event::Html(format!("<h{level} id=\"{}\">", escape(&id)).into()));
                    events.extend(inner);
                    events.push(Event::Html(format!("</h{level}>\n").into()));
                }
                continue;
            }
            other => other,
        };
        match heading.as_mut() {
            Some((_, _, inner)) => inner.push(event),
            None => events.push(event),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn unique_id(base: String, ids: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "sectie".to_string() } else { base };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A root-relative address (`/x/`, not `//host/x`) under the site's own path.
fn under_root(dest: &str, site_root: &str) -> String {
    if dest.starts_with('/') && !dest.starts_with("//") {
        format!("{}{dest}", site_root.trim_end_matches('/'))
    } else {
        dest.to_string()
    }
}

fn link_start(dest: &str, title: &str) -> String {
    let mut tag = format!("<a href=\"{}\"", escape(dest));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    if is_external(dest) {
        tag.push_str(" rel=\"noopener noreferrer\"");
    }
    tag.push('>');
    tag
}

fn is_external(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// A link is kept when it has no scheme (relative, `#anchor`) or an allowed one. Whitespace and
/// control characters are ignored when reading the scheme, as browsers do.
fn is_safe(dest: &str) -> bool {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            if scheme.contains('/') || scheme.contains('?') || scheme.contains('#') {
                return true; // the colon is in the path or query, not a scheme
            }
            ALLOWED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_html_in_entry(markdown: &str) -> String {
        to_html(markdown, 1, "/")
    }

    #[test]
    fn links_from_the_site_root_follow_a_sub_path() {
        let html = to_html(
            "[a](/gidsen/vzw/) [b](//example.org/x) [c](vzw/) [d](https://example.org/)",
            0,
            "/ruimte/",
        );
        assert!(html.contains(r#"<a href="/ruimte/gidsen/vzw/">a</a>"#), "{html}");
        assert!(html.contains(r#"href="//example.org/x""#), "{html}");
        assert!(html.contains(r#"<a href="vzw/">c</a>"#), "{html}");
        assert!(html.contains(r#"href="https://example.org/""#), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html_in_entry("Hallo <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn script_links_lose_their_link_but_keep_their_text() {
        for dest in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "java&#9;script:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let html = to_html_in_entry(&format!("[klik]({dest})"));
            assert!(
                !html.to_lowercase().contains("script:") && !html.contains("data:"),
                "{dest}: {html}"
            );
            assert!(html.contains("klik"), "{html}");
        }
    }

    #[test]
    fn external_links_get_noopener_and_images_become_links() {
        let html =
            to_html_in_entry("[a](https://example.org/x?a=1&b=2) [b](/intern/) ![foto](https://tracker.example/p.png)");
        assert!(
            html.contains(r#"<a href="https://example.org/x?a=1&amp;b=2" rel="noopener noreferrer">a</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/intern/">b</a>"#), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids_one_level_below_the_title() {
        let html = to_html_in_entry("## Afspraken\n\n## Afspraken\n\n# Wat & hoe\n");
        assert!(html.contains(r#"<h3 id="afspraken">Afspraken</h3>"#), "{html}");
        assert!(html.contains(r#"<h3 id="afspraken-2">"#), "{html}");
        assert!(html.contains(r#"<h2 id="wat-hoe">Wat &amp; hoe</h2>"#), "{html}");
    }

    #[test]
    fn tables_and_footnotes_render() {
        let html = to_html_in_entry("| a | b |\n|---|---|\n| 1 | 2 |\n\nTekst[^1]\n\n[^1]: Noot\n");
        assert!(html.contains("<table>") && html.contains("footnote"), "{html}");
    }
}

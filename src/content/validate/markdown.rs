//! Checks of Markdown bodies: no raw HTML (the site escapes it, but a contributor should learn
//! that it will not render) and no links with a scheme that can run script.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::diagnostics::Diagnostic;

use super::fields::ALLOWED_SCHEMES;

/// The Markdown extensions the site renders; the checker must parse exactly what the renderer will.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

pub fn check_body(file: &str, body: &str, body_first_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let position = |offset: usize| {
        let before = &body[..offset];
        let line = before.matches('\n').count() + body_first_line;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    };
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.trim_start().starts_with("<!--") {
                    continue; // comments are dropped when rendering
                }
                let (line, column) = position(range.start);
                out.push(
                    Diagnostic::error("raw-html", file, "raw HTML is not allowed in the text")
                        .at(line, column)
                        .found(format!("`{}`", html.trim().chars().take(60).collect::<String>()))
                        .expected("Markdown")
                        .hint("use Markdown instead: **bold**, [link](https://…), lists with `- `; HTML is shown as plain text"),
                );
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(scheme) = unsafe_scheme(&dest_url) {
                    let (line, column) = position(range.start);
                    out.push(
                        Diagnostic::error("unsafe-link", file, format!("links may not use the `{scheme}:` scheme"))
                            .at(line, column)
                            .found(format!("`{}`", dest_url.chars().take(60).collect::<String>()))
                            .expected("a link starting with https://, http://, mailto:, tel:, or a relative path")
                            .hint("link to a web page instead"),
                    );
                }
            }
            _ => {}
        }
    }
    out
}

/// The scheme of a link if it is one we refuse. Browsers ignore ASCII whitespace and control
/// characters inside a scheme (`java\tscript:`), so they are dropped before looking.
fn unsafe_scheme(dest: &str) -> Option<String> {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let looks_like_scheme = !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if !looks_like_scheme || cleaned[..colon].contains('/') {
        return None; // a relative path like `a/b:c` or `#x`
    }
    let scheme = scheme.to_ascii_lowercase();
    (!ALLOWED_SCHEMES.contains(&scheme.as_str())).then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(body: &str) -> Vec<(&'static str, usize, usize)> {
        check_body("x.md", body, 10)
            .into_iter()
            .map(|d| (d.code, d.line, d.column))
            .collect()
    }

    #[test]
    fn plain_markdown_is_fine() {
        assert!(
            codes("# Titel\n\nTekst met [link](https://a.be) en [mail](mailto:a@b.be).\n\n<!-- note -->\n").is_empty()
        );
    }

    #[test]
    fn raw_html_and_script_links_are_found_with_their_line() {
        assert_eq!(codes("Tekst\n\n<script>alert(1)</script>\n"), vec![("raw-html", 12, 1)]);
        assert_eq!(
            codes("Zie [hier](javascript:alert(1)).\n"),
            vec![("unsafe-link", 10, 5)]
        );
        // An entity-encoded tab inside the scheme still runs script in a browser.
        assert_eq!(codes("a\n![x](JaVa&#9;ScRiPt:alert(1))\n").len(), 1);
        assert_eq!(codes("Een <b>vet</b> woord\n").len(), 2);
    }
}

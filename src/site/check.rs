//! What the content must not do for the site to be published: take an address the site uses for
//! something else. Checked with the content, before anything is written.

use crate::content::{EntryKind, Model};
use crate::diagnostics::Diagnostic;

use super::routes;

pub fn check(model: &Model) -> Vec<Diagnostic> {
    let reserved = routes::reserved_names();
    let mut out = Vec::new();
    for (slug, kind, file) in model.slugs() {
        if kind == EntryKind::Page && reserved.contains(&slug) {
            out.push(
                Diagnostic::error(
                    "reserved-slug",
                    file,
                    format!("`{slug}` is the name of a section of the site"),
                )
                .hint(format!(
                    "rename the page; these names are taken: {}",
                    reserved.join(", ")
                )),
            );
        }
        let compare_names = routes::COMPARE_FAMILIES.iter().chain([&routes::CHOOSER]);
        if kind == EntryKind::Guide && compare_names.clone().any(|n| *n == slug) {
            out.push(
                Diagnostic::error(
                    "reserved-slug",
                    file,
                    format!("`{slug}` is the name of a page of the comparison"),
                )
                .hint(format!(
                    "rename the guide; these names are taken: {}",
                    compare_names.copied().collect::<Vec<_>>().join(", ")
                )),
            );
        }
        // With `entry_urls = "file"` an entry `index` would be its section's own list page.
        // Refused in either style, so that a site can switch styles without renaming entries.
        if kind != EntryKind::Page && slug == "index" {
            out.push(
                Diagnostic::error("reserved-slug", file, "`index` is the name of a section's own page").hint(format!(
                    "rename the file after the {}, e.g. `atelier-de-vaart.md`",
                    kind.noun()
                )),
            );
        }
    }
    out
}

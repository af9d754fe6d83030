//! Checks across entries: valid and unique slugs, and no two entries of a kind with the same name.

use std::collections::HashMap;

use crate::content::entries::{EntryKind, Model};
use crate::content::slug;
use crate::content::yaml::FieldPath;
use crate::diagnostics::Diagnostic;

pub(super) fn check_slugs_and_names(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first_seen: HashMap<&str, &str> = HashMap::new();
    for (slug_text, kind, file) in model.slugs() {
        if !slug::is_valid(slug_text) {
            let suggestion = slug::suggest(slug_text);
            out.push(
                Diagnostic::error("invalid-slug", file, "the file name is not a valid slug")
                    .found(format!("`{slug_text}`"))
                    .expected("lowercase letters a-z, digits and single hyphens, e.g. `atelier-de-vaart`")
                    .hint(format!("rename the file to `{suggestion}.md`")),
            );
        }
        match first_seen.get(slug_text) {
            Some(first) => out.push(
                Diagnostic::error(
                    "duplicate-slug",
                    file,
                    format!("another entry already uses the slug `{slug_text}`"),
                )
                .found(format!("{} and {first}", file))
                .hint(format!(
                    "slugs are unique across all entries; rename this {} file",
                    kind.noun()
                )),
            ),
            None => {
                first_seen.insert(slug_text, file);
            }
        }
    }

    let spaces = model
        .spaces
        .iter()
        .map(|e| (e, normalise(&e.front.name), e.front.place.as_str(), "name"));
    out.extend(duplicates(
        spaces.map(|(e, n, place, f)| (&e.locator, n, place.to_string(), f)),
        EntryKind::Space,
    ));
    let practices = model
        .practices
        .iter()
        .map(|e| (&e.locator, normalise(&e.front.title), String::new(), "title"));
    out.extend(duplicates(practices, EntryKind::Practice));
    let guides = model
        .guides
        .iter()
        .map(|e| (&e.locator, normalise(&e.front.title), String::new(), "title"));
    out.extend(duplicates(guides, EntryKind::Guide));
    out
}

/// Two entries of one kind with the same name (and, for spaces, the same place) are most likely the
/// same thing submitted twice.
fn duplicates<'a>(
    items: impl Iterator<Item = (&'a crate::content::parse::Locator, String, String, &'static str)>,
    kind: EntryKind,
) -> Vec<Diagnostic> {
    let mut seen: HashMap<(String, String), &str> = HashMap::new();
    let mut out = Vec::new();
    for (locator, name, scope, field) in items {
        match seen.get(&(name.clone(), scope.clone())) {
            Some(first) => {
                let d = Diagnostic::error(
                    "duplicate-name",
                    &locator.file,
                    format!("another {} has the same {field}", kind.noun()),
                )
                .found(format!("also in {first}"))
                .hint("merge the two entries, or make the names distinct (e.g. add the street or the organisation)");
                out.push(locator.at_value(d, &FieldPath::parse(field)));
            }
            None => {
                seen.insert((name, scope), &locator.file);
            }
        }
    }
    out
}

fn normalise(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

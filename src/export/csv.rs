//! Spaces as CSV (RFC 4180): one line per space, lists joined with `;`. Each column is its name
//! with the function that gives its value (the space's numbers come from `site::quantities`), so
//! a value cannot land under another column's name.

use std::io::Write;

use crate::content::model::space::Space;
use crate::content::model::{Keyed, VocabularyKey};
use crate::content::{Entry, EntryKind};
use crate::site::quantities::QUANTITIES;
use crate::site::Site;

/// What a column's value is computed from.
struct Row<'r> {
    site: &'r Site<'r>,
    entry: &'r Entry<Space>,
    /// Where the space is shown (coordinates, and whether they are the municipality's centre).
    location: Option<(f64, f64, bool)>,
}

type Column = (&'static str, fn(&Row) -> String);

/// The columns before the space's numbers.
const COLUMNS: &[Column] = &[
    ("slug", |r| r.entry.slug.clone()),
    ("name", |r| r.space().name.clone()),
    ("url", |r| {
        r.site
            .urls
            .absolute(&r.site.entry_route(EntryKind::Space, &r.entry.slug))
    }),
    ("kinds", |r| keys(&r.space().kinds)),
    ("disciplines", |r| keys(&r.space().disciplines)),
    ("place", |r| r.space().place.0.clone()),
    ("place_name", |r| r.place().map(|p| p.nl.clone()).unwrap_or_default()),
    ("province", |r| {
        r.place().map(|p| p.province.0.clone()).unwrap_or_default()
    }),
    ("street", |r| {
        r.space().address.as_ref().map(|a| a.street.clone()).unwrap_or_default()
    }),
    ("number", |r| {
        r.space()
            .address
            .as_ref()
            .and_then(|a| a.number.as_ref())
            .map(|n| n.0.clone())
            .unwrap_or_default()
    }),
    ("postcode", |r| {
        r.space()
            .address
            .as_ref()
            .map(|a| a.postcode.0.clone())
            .unwrap_or_default()
    }),
    ("lat", |r| r.location.map(|l| l.0.to_string()).unwrap_or_default()),
    ("lon", |r| r.location.map(|l| l.1.to_string()).unwrap_or_default()),
    ("location_approximate", |r| {
        r.location.map(|l| l.2.to_string()).unwrap_or_default()
    }),
    ("operator", |r| {
        r.space().operator.as_ref().map(|o| o.name.clone()).unwrap_or_default()
    }),
    ("tenure", |r| {
        r.space()
            .tenure
            .as_ref()
            .map(|t| t.kind.key().to_string())
            .unwrap_or_default()
    }),
    ("legal_framework", |r| {
        r.space()
            .tenure
            .as_ref()
            .and_then(|t| t.legal_framework.clone())
            .unwrap_or_default()
    }),
    ("status", |r| r.space().status.key().to_string()),
    ("availability", |r| r.space().availability.status.key().to_string()),
    ("audience", |r| {
        r.space().audience.iter().map(|a| a.key()).collect::<Vec<_>>().join(";")
    }),
    ("price_model", |r| {
        r.space()
            .price
            .as_ref()
            .map(|p| p.model.key().to_string())
            .unwrap_or_default()
    }),
    ("price_eur", |r| {
        r.space()
            .price
            .as_ref()
            .and_then(|p| p.amount_eur)
            .map(|a| a.to_string())
            .unwrap_or_default()
    }),
];

/// The columns after the space's numbers.
const COLUMNS_AFTER: &[Column] = &[
    ("wheelchair", |r| r.space().accessibility.wheelchair.key().to_string()),
    ("step_free_entrance", |r| {
        r.space().accessibility.step_free_entrance.key().to_string()
    }),
    ("accessible_toilet", |r| {
        r.space().accessibility.accessible_toilet.key().to_string()
    }),
    ("facilities", |r| keys(&r.space().facilities)),
    ("website", |r| {
        r.space()
            .contact
            .website
            .as_ref()
            .map(|w| w.0.clone())
            .unwrap_or_default()
    }),
    ("source_date", |r| {
        r.space().source_date.map(|d| d.to_string()).unwrap_or_default()
    }),
    ("last_verified", |r| {
        r.space().last_verified.map(|d| d.to_string()).unwrap_or_default()
    }),
];

impl Row<'_> {
    fn space(&self) -> &Space {
        &self.entry.front
    }

    fn place(&self) -> Option<&crate::content::vocab::Place> {
        self.site.model.vocab.place(self.space().place.as_str())
    }
}

fn keys<K: VocabularyKey>(keys: &[K]) -> String {
    keys.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(";")
}

pub fn spaces_csv(site: &Site, out: &mut dyn Write) -> std::io::Result<()> {
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|(name, _)| *name)
        .chain(QUANTITIES.iter().map(|q| q.column))
        .chain(COLUMNS_AFTER.iter().map(|(name, _)| *name))
        .collect();
    write!(out, "{}\r\n", header.join(","))?;
    for entry in &site.spaces {
        let row = Row {
            site,
            entry,
            location: site.location(&entry.front),
        };
        let numbers = QUANTITIES
            .iter()
            .map(|q| (q.value)(&entry.front).map(|x| x.to_string()).unwrap_or_default());
        let fields: Vec<String> = COLUMNS
            .iter()
            .map(|(_, value)| value(&row))
            .chain(numbers)
            .chain(COLUMNS_AFTER.iter().map(|(_, value)| value(&row)))
            .map(|value| field(&value))
            .collect();
        write!(out, "{}\r\n", fields.join(","))?;
    }
    Ok(())
}

/// Quotes a field when it holds a separator, a quote or a line break. A leading `=`, `+`, `-` or
/// `@` is prefixed with `'` so a spreadsheet does not run contributor text as a formula.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-5"), "-5");
    }
}

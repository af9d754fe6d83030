//! Spaces as CSV (RFC 4180): one line per space, lists joined with `;`.

use std::io::Write;

use crate::content::model::space::Space;
use crate::content::site::EntryKind;
use crate::render::context::RenderContext;

const COLUMNS: [&str; 29] = [
    "slug",
    "name",
    "url",
    "kinds",
    "disciplines",
    "place",
    "place_name",
    "province",
    "street",
    "number",
    "postcode",
    "lat",
    "lon",
    "location_approximate",
    "operator",
    "tenure",
    "legal_framework",
    "availability",
    "audience",
    "price_model",
    "price_eur",
    "size_m2",
    "capacity",
    "wheelchair",
    "step_free_entrance",
    "accessible_toilet",
    "facilities",
    "website",
    "last_verified",
];

pub fn spaces_csv(ctx: &RenderContext, out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "{}\r\n", COLUMNS.join(","))?;
    for e in ctx.site.spaces.iter().filter(|e| ctx.cards.contains_key(&e.slug)) {
        let row = row(ctx, &e.slug, &e.front);
        write!(
            out,
            "{}\r\n",
            row.iter().map(|f| field(f)).collect::<Vec<_>>().join(",")
        )?;
    }
    Ok(())
}

fn row(ctx: &RenderContext, slug: &str, s: &Space) -> Vec<String> {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let enum_text = |v: serde_json::Result<serde_json::Value>| v.map(|v| text(&v)).unwrap_or_default();
    let place = ctx.site.vocab.place(s.place.as_str());
    let location = super::location(ctx, s);
    let join = |items: Vec<&str>| items.join(";");
    vec![
        slug.to_string(),
        s.name.clone(),
        ctx.urls.absolute(&ctx.entry_route(EntryKind::Space, slug)),
        join(s.kinds.iter().map(|k| k.as_str()).collect()),
        join(s.disciplines.iter().map(|k| k.as_str()).collect()),
        s.place.as_str().to_string(),
        place.map(|p| p.nl.clone()).unwrap_or_default(),
        place.map(|p| p.province.as_str().to_string()).unwrap_or_default(),
        s.address.as_ref().map(|a| a.street.clone()).unwrap_or_default(),
        s.address
            .as_ref()
            .and_then(|a| a.number.as_ref())
            .map(|n| n.0.clone())
            .unwrap_or_default(),
        s.address.as_ref().map(|a| a.postcode.0.clone()).unwrap_or_default(),
        location.map(|l| l.0.to_string()).unwrap_or_default(),
        location.map(|l| l.1.to_string()).unwrap_or_default(),
        location.map(|l| l.2.to_string()).unwrap_or_default(),
        s.operator.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        s.tenure
            .as_ref()
            .map(|t| enum_text(serde_json::to_value(t.kind)))
            .unwrap_or_default(),
        s.tenure
            .as_ref()
            .and_then(|t| t.legal_framework.clone())
            .unwrap_or_default(),
        enum_text(serde_json::to_value(s.availability.status)),
        s.audience
            .iter()
            .map(|a| enum_text(serde_json::to_value(a)))
            .collect::<Vec<_>>()
            .join(";"),
        s.price
            .as_ref()
            .map(|p| enum_text(serde_json::to_value(p.model)))
            .unwrap_or_default(),
        s.price
            .as_ref()
            .and_then(|p| p.amount_eur)
            .map(|a| a.to_string())
            .unwrap_or_default(),
        s.size_m2.map(|x| x.to_string()).unwrap_or_default(),
        s.capacity.map(|x| x.to_string()).unwrap_or_default(),
        enum_text(serde_json::to_value(s.accessibility.wheelchair)),
        enum_text(serde_json::to_value(s.accessibility.step_free_entrance)),
        enum_text(serde_json::to_value(s.accessibility.accessible_toilet)),
        join(s.facilities.iter().map(|k| k.as_str()).collect()),
        s.contact.website.as_ref().map(|w| w.0.clone()).unwrap_or_default(),
        s.last_verified.to_string(),
    ]
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

//! The figures page ("Cijfers"): each figure of the site view as a table whose rows carry their
//! bar, drawn at build time. The labels and numbers are the page's own text, at its own size on
//! a phone (a chart drawn as one scaled SVG shrank them to 7 px), the bars are shapes without
//! words, and the page needs no script.

use serde::Serialize;

use crate::site::figures::{round2, Count, Figures};
use crate::site::routes;

use super::context::RenderContext;
use super::entries::Item;
use super::format;

#[derive(Debug, Clone, Serialize)]
pub struct StatsPage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub data: Item,
    pub total: String,
    pub charts: Vec<Chart>,
}

/// One figure: a table of its numbers, each row with a bar beside its first number.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub heading: String,
    pub note: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// When nothing is there to count yet, what the page says instead of a table of zeros.
    pub empty: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub label: String,
    /// The first number, which the bar draws, formatted.
    pub value: String,
    /// The other cells after it, formatted.
    pub cells: Vec<String>,
    /// The bar's length, in hundredths of the row's room: the largest value fills it.
    pub bar: String,
}

pub fn stats_page(ctx: &RenderContext, stats: &Figures) -> StatsPage {
    let lang = ctx.site.language;
    let n = |x: usize| format::integer(x as u64, lang);
    let simple = |id: &str, heading: &str, note: &str, counts: &[Count]| {
        chart(
            ctx,
            id,
            heading,
            note,
            vec![ctx.site.t("stats_column_what"), ctx.site.t("stats_column_count")],
            counts
                .iter()
                .map(|c| (c.label.clone(), c.count as f64, vec![n(c.count)]))
                .collect(),
            "",
        )
    };
    let a = &stats.accessibility;
    let share = |x: usize| {
        if stats.spaces == 0 {
            "0 %".to_string()
        } else {
            format!(
                "{} %",
                format::decimal(round2(x as f64 * 100.0 / stats.spaces as f64), lang)
            )
        }
    };
    let accessibility_rows = [
        (ctx.site.t("stats_accessibility_known"), a.wheelchair_known),
        (ctx.site.t("stats_wheelchair_yes"), a.wheelchair_yes),
        (ctx.site.t("stats_wheelchair_limited"), a.wheelchair_limited),
    ]
    .into_iter()
    .map(|(label, count)| (label, count as f64, vec![n(count), share(count)]))
    .collect();
    let f = &stats.freshness;
    let charts = vec![
        simple("soort", "stats_by_kind", "stats_by_kind_note", &stats.by_kind),
        simple("discipline", "stats_by_discipline", "", &stats.by_discipline),
        simple("provincie", "stats_by_province", "", &stats.by_province),
        simple("gebruiksvorm", "stats_by_tenure", "", &stats.by_tenure),
        simple("prijs", "stats_by_price", "", &stats.by_price_model),
        chart(
            ctx,
            "toegankelijkheid",
            "stats_accessibility",
            "",
            vec![
                ctx.site.t("stats_column_what"),
                ctx.site.t("stats_column_count"),
                ctx.site.t("stats_column_share"),
            ],
            accessibility_rows,
            "stats_accessibility_empty",
        ),
        chart(
            ctx,
            "versheid",
            "stats_freshness",
            "",
            vec![ctx.site.t("stats_column_what"), ctx.site.t("stats_column_count")],
            vec![
                (
                    ctx.site.t("stats_fresh"),
                    f.verified_last_year as f64,
                    vec![n(f.verified_last_year)],
                ),
                (ctx.site.t("stats_older"), f.older as f64, vec![n(f.older)]),
                (
                    ctx.site.t("stats_never_verified"),
                    f.never_verified as f64,
                    vec![n(f.never_verified)],
                ),
            ],
            "",
        ),
        chart(
            ctx,
            "vraag-en-aanbod",
            "stats_requests",
            "stats_requests_note",
            vec![
                ctx.site.t("filter_province"),
                ctx.site.t("stats_open_requests"),
                ctx.site.t("stats_matching_spaces"),
            ],
            stats
                .requests_by_province
                .iter()
                .map(|d| {
                    (
                        d.label.clone(),
                        d.open_requests as f64,
                        vec![n(d.open_requests), n(d.matching_spaces)],
                    )
                })
                .collect(),
            "",
        ),
    ];
    StatsPage {
        title: ctx.site.t("stats_title"),
        intro: ctx.site.t("stats_intro"),
        canonical: ctx.site.urls.absolute(routes::STATS),
        data: Item::link(ctx.site.t("stats_data"), ctx.site.urls.url(routes::STATS_JSON)),
        total: format!("{}: {}", ctx.site.t("stats_total"), n(stats.spaces)),
        charts: charts.into_iter().filter(|c| !c.rows.is_empty()).collect(),
    }
}

/// A bar per row, scaled to the largest value. A figure whose values are all zero says why
/// (`empty_key`) instead of showing a table of zeros; one with no rows at all is left out.
fn chart(
    ctx: &RenderContext,
    id: &str,
    heading_key: &str,
    note_key: &str,
    columns: Vec<String>,
    rows: Vec<(String, f64, Vec<String>)>,
    empty_key: &str,
) -> Chart {
    let max = rows.iter().map(|(_, v, _)| *v).fold(0.0, f64::max);
    let empty = (max == 0.0 && !empty_key.is_empty()).then(|| ctx.site.t(empty_key));
    let rows = rows
        .into_iter()
        .map(|(label, value, mut cells)| {
            let share = if max > 0.0 { value / max * 100.0 } else { 0.0 };
            Row {
                label,
                value: if cells.is_empty() {
                    String::new()
                } else {
                    cells.remove(0)
                },
                cells,
                bar: format!("{share:.1}"),
            }
        })
        .collect();
    Chart {
        id: id.to_string(),
        heading: ctx.site.t(heading_key),
        note: if note_key.is_empty() {
            String::new()
        } else {
            ctx.site.t(note_key)
        },
        columns,
        rows,
        empty,
    }
}

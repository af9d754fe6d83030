//! The figures page ("Cijfers"): each figure of the site view drawn at build time as an SVG bar
//! chart with the same numbers in a table beside it, so it needs no script and reads without sight.

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

/// One figure: a bar chart and the table of its numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub heading: String,
    pub note: String,
    /// Says what the chart shows, for screen readers.
    pub label: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub label: String,
    /// The table's cells after the label, formatted.
    pub cells: Vec<String>,
    pub bar_y: u32,
    pub bar_width: String,
    pub text_y: u32,
    /// The number drawn at the end of the bar.
    pub value: String,
    pub value_x: String,
}

const CHART_WIDTH: u32 = 640;
const LABEL_WIDTH: f64 = 220.0;
const ROW_HEIGHT: u32 = 28;

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
        chart(
            ctx,
            "dichtheid",
            "stats_per_inhabitants",
            "stats_per_inhabitants_note",
            vec![
                ctx.site.t("filter_province"),
                ctx.site.t("stats_per_inhabitants"),
                ctx.site.t("list_spaces"),
                ctx.site.t("stats_inhabitants"),
            ],
            stats
                .per_10000_inhabitants
                .iter()
                .map(|d| {
                    let cells = vec![
                        format::decimal(d.per_10000, lang),
                        n(d.spaces),
                        format::integer(d.inhabitants, lang),
                    ];
                    (d.label.clone(), d.per_10000, cells)
                })
                .collect(),
        ),
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

/// A horizontal bar per row, scaled to the largest value.
fn chart(
    ctx: &RenderContext,
    id: &str,
    heading_key: &str,
    note_key: &str,
    columns: Vec<String>,
    rows: Vec<(String, f64, Vec<String>)>,
) -> Chart {
    let heading = ctx.site.t(heading_key);
    let max = rows.iter().map(|(_, v, _)| *v).fold(0.0, f64::max);
    let room = f64::from(CHART_WIDTH) - LABEL_WIDTH - 60.0;
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value, cells))| {
            let width = if max > 0.0 { value / max * room } else { 0.0 };
            let top = i as u32 * ROW_HEIGHT;
            Row {
                value: cells.first().cloned().unwrap_or_default(),
                label,
                cells,
                bar_y: top + 6,
                bar_width: format!("{width:.1}"),
                text_y: top + 19,
                value_x: format!("{:.1}", LABEL_WIDTH + width + 6.0),
            }
        })
        .collect();
    Chart {
        id: id.to_string(),
        label: ctx.site.t("stats_chart_label").replace("{title}", &heading),
        heading,
        note: if note_key.is_empty() {
            String::new()
        } else {
            ctx.site.t(note_key)
        },
        columns,
        height: (rows.len() as u32 * ROW_HEIGHT).max(ROW_HEIGHT),
        width: CHART_WIDTH,
        rows,
    }
}

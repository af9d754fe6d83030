//! The figures page ("Cijfers") and `/data/stats.json`: what the directory says about supply and
//! demand, computed once from the model. Each figure is drawn at build time as an SVG bar chart
//! with the same numbers in a table beside it, so it needs no script and reads without sight.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::model::space::{PriceModel, Wheelchair};
use crate::content::vocab::VocabularyKind;

use super::context::RenderContext;
use super::entries::Item;
use super::format;
use super::routes;

/// The figures, as `/data/stats.json` publishes them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    /// The day they were computed (the build's day).
    pub date: String,
    /// Published spaces.
    pub spaces: usize,
    pub by_kind: Vec<Count>,
    pub by_discipline: Vec<Count>,
    pub by_province: Vec<Count>,
    pub by_tenure: Vec<Count>,
    pub by_price_model: Vec<Count>,
    pub accessibility: Accessibility,
    pub per_10000_inhabitants: Vec<Density>,
    pub freshness: Freshness,
    pub requests_by_province: Vec<Demand>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    /// A vocabulary key or value (`onbekend` when a space does not say).
    pub key: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Accessibility {
    /// Spaces whose wheelchair access is known (yes, limited or no).
    pub wheelchair_known: usize,
    /// `wheelchair_known` of all spaces, 0 to 1.
    pub wheelchair_known_share: f64,
    pub wheelchair_yes: usize,
    pub wheelchair_limited: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Density {
    pub key: String,
    pub label: String,
    pub spaces: usize,
    /// Inhabitants of the province's municipalities in the places vocabulary with a known count.
    pub inhabitants: u64,
    pub per_10000: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Freshness {
    /// Published spaces, practices, guides and open requests.
    pub entries: usize,
    pub verified_last_year: usize,
    pub older: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Demand {
    pub key: String,
    pub label: String,
    /// Open requests that accept the province (a place in it, or the province itself).
    pub open_requests: usize,
    /// Spaces in the province that fit at least one of those requests.
    pub matching_spaces: usize,
}

pub fn stats(ctx: &RenderContext) -> Stats {
    let vocab = &ctx.site.vocab;
    let spaces: Vec<_> = ctx
        .site
        .spaces
        .iter()
        .filter(|s| ctx.cards.contains_key(&s.slug))
        .collect();
    let province_of = |place: &str| vocab.place(place).map(|p| p.province.as_str().to_string());
    let counts = |kind: VocabularyKind, keys: &mut dyn Iterator<Item = String>| -> Vec<Count> {
        let mut n: BTreeMap<String, usize> = BTreeMap::new();
        for k in keys {
            *n.entry(k).or_default() += 1;
        }
        vocab
            .keys(kind)
            .into_iter()
            .filter_map(|k| {
                n.get(k).map(|&count| Count {
                    key: k.to_string(),
                    label: ctx.label(kind, k),
                    count,
                })
            })
            .collect()
    };
    let by_kind = counts(
        VocabularyKind::SpaceKinds,
        &mut spaces
            .iter()
            .flat_map(|s| s.front.kinds.iter().map(|k| k.as_str().to_string())),
    );
    let by_discipline = counts(
        VocabularyKind::Disciplines,
        &mut spaces
            .iter()
            .flat_map(|s| s.front.disciplines.iter().map(|k| k.as_str().to_string())),
    );
    let by_province = counts(
        VocabularyKind::Provinces,
        &mut spaces.iter().filter_map(|s| province_of(s.front.place.as_str())),
    );
    let enum_counts = |prefix: &str, values: Vec<Option<String>>, order: &[&str]| -> Vec<Count> {
        order
            .iter()
            .map(|key| Count {
                key: key.to_string(),
                label: if *key == "onbekend" {
                    ctx.t("stats_unknown")
                } else {
                    ctx.t(&format!("{prefix}_{key}"))
                },
                count: values
                    .iter()
                    .filter(|v| v.as_deref().unwrap_or("onbekend") == *key)
                    .count(),
            })
            .filter(|c| c.count > 0)
            .collect()
    };
    let by_tenure = enum_counts(
        "tenure",
        spaces
            .iter()
            .map(|s| s.front.tenure.as_ref().map(|t| key_of(&t.kind)))
            .collect(),
        &["permanent", "tijdelijk", "project", "onbekend"],
    );
    let by_price_model = enum_counts(
        "price",
        spaces
            .iter()
            .map(|s| s.front.price.as_ref().map(|p| key_of(&p.model)))
            .collect(),
        &[PriceModel::KEYS.as_slice(), &["onbekend"]].concat(),
    );
    let wheelchair = |w: Wheelchair| spaces.iter().filter(|s| s.front.accessibility.wheelchair == w).count();
    let known = spaces.len() - wheelchair(Wheelchair::Onbekend);
    let accessibility = Accessibility {
        wheelchair_known: known,
        wheelchair_known_share: if spaces.is_empty() {
            0.0
        } else {
            known as f64 / spaces.len() as f64
        },
        wheelchair_yes: wheelchair(Wheelchair::Ja),
        wheelchair_limited: wheelchair(Wheelchair::Beperkt),
    };
    let per_10000_inhabitants = by_province
        .iter()
        .filter_map(|c| {
            let inhabitants: u64 = vocab
                .places
                .iter()
                .filter(|p| p.province.as_str() == c.key)
                .filter_map(|p| p.population.as_ref().map(|n| u64::from(n.count)))
                .sum();
            (inhabitants > 0).then(|| Density {
                key: c.key.clone(),
                label: c.label.clone(),
                spaces: c.count,
                inhabitants,
                per_10000: round2(c.count as f64 * 10_000.0 / inhabitants as f64),
            })
        })
        .collect();
    let checked: Vec<crate::content::model::Date> = ctx.cards.values().map(|c| c.checked_on).collect();
    let verified_last_year = checked.iter().filter(|d| d.days_until(ctx.today) <= 365).count();
    let freshness = Freshness {
        entries: checked.len(),
        verified_last_year,
        older: checked.len() - verified_last_year,
    };
    let requests_by_province = demand(ctx, &spaces);
    Stats {
        date: ctx.today.to_string(),
        spaces: spaces.len(),
        by_kind,
        by_discipline,
        by_province,
        by_tenure,
        by_price_model,
        accessibility,
        per_10000_inhabitants,
        freshness,
        requests_by_province,
    }
}

/// Open requests per province against the spaces there that fit one of them.
fn demand(ctx: &RenderContext, spaces: &[&crate::content::site::Entry<crate::content::model::Space>]) -> Vec<Demand> {
    let vocab = &ctx.site.vocab;
    let province_of = |place: &str| vocab.place(place).map(|p| p.province.as_str().to_string());
    let open: Vec<_> = ctx
        .site
        .requests
        .iter()
        .filter(|r| ctx.cards.contains_key(&r.slug))
        .collect();
    vocab
        .keys(VocabularyKind::Provinces)
        .into_iter()
        .filter_map(|province| {
            let accepts = |r: &crate::content::model::Request| {
                r.provinces.iter().any(|p| p.as_str() == province)
                    || r.places
                        .iter()
                        .any(|p| province_of(p.as_str()).as_deref() == Some(province))
            };
            let wanting: Vec<_> = open.iter().filter(|r| accepts(&r.front)).collect();
            if wanting.is_empty() {
                return None;
            }
            let matching_spaces = spaces
                .iter()
                .filter(|s| province_of(s.front.place.as_str()).as_deref() == Some(province))
                .filter(|s| {
                    wanting
                        .iter()
                        .any(|r| crate::matching::fit(&r.front, &s.front, &province_of).is_some())
                })
                .count();
            Some(Demand {
                key: province.to_string(),
                label: ctx.label(VocabularyKind::Provinces, province),
                open_requests: wanting.len(),
                matching_spaces,
            })
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The kebab-case value of a unit enum, as the content writes it.
fn key_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

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

pub fn stats_page(ctx: &RenderContext, stats: &Stats) -> StatsPage {
    let lang = ctx.language.as_str();
    let n = |x: usize| format::integer(x as u64, lang);
    let simple = |id: &str, heading: &str, note: &str, counts: &[Count]| {
        chart(
            ctx,
            id,
            heading,
            note,
            vec![ctx.t("stats_column_what"), ctx.t("stats_column_count")],
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
        (ctx.t("stats_accessibility_known"), a.wheelchair_known),
        (ctx.t("stats_wheelchair_yes"), a.wheelchair_yes),
        (ctx.t("stats_wheelchair_limited"), a.wheelchair_limited),
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
                ctx.t("filter_province"),
                ctx.t("stats_per_inhabitants"),
                ctx.t("list_spaces"),
                ctx.t("stats_inhabitants"),
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
                ctx.t("stats_column_what"),
                ctx.t("stats_column_count"),
                ctx.t("stats_column_share"),
            ],
            accessibility_rows,
        ),
        chart(
            ctx,
            "versheid",
            "stats_freshness",
            "",
            vec![ctx.t("stats_column_what"), ctx.t("stats_column_count")],
            vec![
                (
                    ctx.t("stats_fresh"),
                    f.verified_last_year as f64,
                    vec![n(f.verified_last_year)],
                ),
                (ctx.t("stats_older"), f.older as f64, vec![n(f.older)]),
            ],
        ),
        chart(
            ctx,
            "vraag-en-aanbod",
            "stats_requests",
            "stats_requests_note",
            vec![
                ctx.t("filter_province"),
                ctx.t("stats_open_requests"),
                ctx.t("stats_matching_spaces"),
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
        title: ctx.t("stats_title"),
        intro: ctx.t("stats_intro"),
        canonical: ctx.urls.absolute(routes::STATS),
        data: Item::link(
            ctx.t("stats_data"),
            ctx.urls.url(&format!("{}stats.json", routes::DATA)),
        ),
        total: format!("{}: {}", ctx.t("stats_total"), n(stats.spaces)),
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
    let heading = ctx.t(heading_key);
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
        label: ctx.t("stats_chart_label").replace("{title}", &heading),
        heading,
        note: if note_key.is_empty() {
            String::new()
        } else {
            ctx.t(note_key)
        },
        columns,
        height: (rows.len() as u32 * ROW_HEIGHT).max(ROW_HEIGHT),
        width: CHART_WIDTH,
        rows,
    }
}

//! The guides side by side: one row per guide, one column per comparison point.

use serde::Serialize;

use super::context::RenderContext;
use super::entries::{compare_facts, Fact};
use super::routes;

#[derive(Debug, Clone, Serialize)]
pub struct ComparePage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub columns: Vec<String>,
    pub rows: Vec<CompareRow>,
    pub disclaimer: String,
    pub table_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub title: String,
    pub url: String,
    pub cells: Vec<Fact>,
}

pub fn compare_page(ctx: &RenderContext) -> ComparePage {
    let mut rows: Vec<CompareRow> = ctx
        .site
        .guides
        .iter()
        .filter(|g| ctx.cards.contains_key(&g.slug))
        .map(|g| CompareRow {
            title: g.front.title.clone(),
            url: ctx.cards[&g.slug].url.clone(),
            cells: compare_facts(ctx, &g.front),
        })
        .collect();
    rows.sort_by_key(|r| r.title.to_lowercase());
    // Every guide fills every point, so the first row's terms are the columns.
    let columns = rows
        .first()
        .map(|r| r.cells.iter().map(|c| c.term.clone()).collect())
        .unwrap_or_default();
    ComparePage {
        title: ctx.t("compare_title"),
        intro: ctx.t("compare_intro"),
        canonical: ctx.urls.absolute(routes::COMPARE),
        columns,
        rows,
        disclaimer: ctx.t("legal_disclaimer"),
        table_label: ctx.t("compare_table_label"),
    }
}

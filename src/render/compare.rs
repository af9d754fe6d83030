//! The guides side by side: one row per guide, one column per comparison point.

use serde::Serialize;

use crate::site::routes;

use super::context::RenderContext;
use super::entries::{compare_facts, Fact};

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
    let site = ctx.site;
    let mut rows: Vec<CompareRow> = site
        .guides
        .iter()
        .filter_map(|g| {
            Some(CompareRow {
                title: g.front.title.clone(),
                url: site.listing_of(&g.slug)?.url.clone(),
                cells: compare_facts(site, &g.front),
            })
        })
        .collect();
    rows.sort_by_key(|r| r.title.to_lowercase());
    // Every guide fills every point, so the first row's terms are the columns.
    let columns = rows
        .first()
        .map(|r| r.cells.iter().map(|c| c.term.clone()).collect())
        .unwrap_or_default();
    ComparePage {
        title: ctx.site.t("compare_title"),
        intro: ctx.site.t("compare_intro"),
        canonical: ctx.site.urls.absolute(routes::COMPARE),
        columns,
        rows,
        disclaimer: ctx.site.t("legal_disclaimer"),
        table_label: ctx.site.t("compare_table_label"),
    }
}

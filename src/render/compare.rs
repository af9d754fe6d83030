//! The guides side by side, one table per family: use arrangements (how you hold a space) and
//! organisation forms (who you are), each on its own criteria. A topic guide (insurance) is in
//! neither.

use serde::Serialize;

use crate::content::model::guide::Family;
use crate::site::routes;

use super::context::RenderContext;
use super::entries::{compare_facts, Fact};

#[derive(Debug, Clone, Serialize)]
pub struct ComparePage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub tables: Vec<CompareTable>,
    pub disclaimer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareTable {
    /// The table's anchor and caption id.
    pub id: &'static str,
    pub heading: String,
    pub intro: String,
    pub label: String,
    pub columns: Vec<String>,
    pub rows: Vec<CompareRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub title: String,
    pub url: String,
    pub cells: Vec<Fact>,
}

pub fn compare_page(ctx: &RenderContext) -> ComparePage {
    let site = ctx.site;
    let tables = [(Family::Use, "gebruik"), (Family::Organisation, "organisatie")]
        .into_iter()
        .filter_map(|(family, id)| {
            let mut rows: Vec<CompareRow> = site
                .guides
                .iter()
                .filter(|g| g.front.category.family() == Some(family))
                .filter_map(|g| {
                    Some(CompareRow {
                        title: g.front.title.clone(),
                        url: site.listing_of(&g.slug)?.url.clone(),
                        cells: compare_facts(site, &g.front),
                    })
                })
                .collect();
            rows.sort_by_key(|r| r.title.to_lowercase());
            // Every guide of a family fills the same points, so the first row's terms are the
            // columns.
            let columns = rows.first()?.cells.iter().map(|c| c.term.clone()).collect();
            Some(CompareTable {
                id,
                heading: site.t(&format!("compare_{id}_heading")),
                intro: site.t(&format!("compare_{id}_intro")),
                label: site.t(&format!("compare_{id}_label")),
                columns,
                rows,
            })
        })
        .collect();
    ComparePage {
        title: site.t("compare_title"),
        intro: site.t("compare_intro"),
        canonical: site.urls.absolute(routes::COMPARE),
        tables,
        disclaimer: site.t("legal_disclaimer"),
    }
}

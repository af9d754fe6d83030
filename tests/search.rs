//! Search over the repository's own content, with the same documents the build indexes: everyday
//! queries in Dutch, French and English find what they mean (tests/common/queries.rs).

mod common;
#[allow(dead_code)]
#[path = "common/queries.rs"]
mod queries;

use std::path::Path;

use ruimte::build;
use ruimte::content::model::Date;
use ruimte::site::Site;
use search_index::{SearchIndex, SearchRequest};

#[test]
fn everyday_queries_find_what_they_mean_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = build::settings(&root.join("ruimte.toml"), None).unwrap();
    let strings = build::strings(&root.join("themes/default"), &config).unwrap();
    let loaded = ruimte::content::load(&root.join("content"));
    let today = Date::parse(common::TODAY).unwrap();
    let site = Site::new(&loaded.model, &config, &strings, today, false);
    let blob = ruimte::search::build_blob(&ruimte::search::documents(&site)).unwrap();
    let index = SearchIndex::open(blob).unwrap();
    let mut misses = Vec::new();
    for (q, expected, k) in queries::REPOSITORY_QUERIES {
        let request = SearchRequest {
            q: q.to_string(),
            limit: 10,
            ..Default::default()
        };
        let hits: Vec<String> = index
            .search(&request)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect();
        for slug in *expected {
            if !hits.iter().take(*k).any(|h| h == slug) {
                misses.push(format!("{q:?}: {slug} not in the first {k} of {hits:?}"));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

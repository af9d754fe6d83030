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

/// The search documents of `content` (a folder of the repository) and its suggestion index, as
/// the build makes them with the repository's settings.
fn indexed(content: &str) -> (Vec<search_index::SearchDocument>, search_index::Parts) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = build::settings(&root.join("ruimte.toml"), None).unwrap();
    let strings = build::strings(&root.join("themes/default"), &config).unwrap();
    let loaded = ruimte::content::load(&root.join(content));
    let today = Date::parse(common::TODAY).unwrap();
    let site = Site::new(&loaded.model, &config, &strings, today, false);
    let documents = ruimte::search::documents(&site);
    let suggest = ruimte::search::build_suggest(&site, &documents);
    (documents, suggest)
}

/// For each query, the expected entries that are not among the first `k` of what `find` gives.
fn misses(queries: &[(&str, &[&str], usize)], mut find: impl FnMut(&str) -> Vec<String>) -> Vec<String> {
    let mut misses = Vec::new();
    for (q, expected, k) in queries {
        let hits = find(q);
        for slug in *expected {
            if !hits.iter().take(*k).any(|h| h == slug) {
                misses.push(format!("{q:?}: {slug} not in the first {k} of {hits:?}"));
            }
        }
    }
    misses
}

#[test]
fn everyday_queries_find_what_they_mean_in_the_repository() {
    let (documents, _) = indexed("content");
    let blob = ruimte::search::build_blob(&documents).unwrap();
    let index = SearchIndex::open(blob).unwrap();
    let misses = misses(queries::REPOSITORY_QUERIES, |q| {
        let request = SearchRequest {
            q: q.to_string(),
            limit: 10,
            ..Default::default()
        };
        index
            .search(&request)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect()
    });
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

fn repository_suggestions() -> search_index::SuggestIndex {
    search_index::SuggestIndex::open_whole(&indexed("content").1).unwrap()
}

/// The header's suggestions, from their own small index, find by name what the full search finds
/// by name: kinds, places and their synonyms in three languages, the start of a word, a typo.
#[test]
fn suggestions_find_by_name_in_three_languages() {
    let mut index = repository_suggestions();
    let misses = misses(queries::SUGGEST_QUERIES, |q| {
        let request = search_index::SuggestRequest {
            q: q.to_string(),
            limit: 6,
        };
        index
            .suggest(&request)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.slug)
            .collect()
    });
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// A damaged suggestion index is refused with a message, whatever the damage: never a panic.
#[test]
fn a_damaged_suggestion_index_is_refused() {
    let (_, parts) = indexed("tests/fixtures/valid");
    let head = parts.head().to_vec();
    assert!(search_index::SuggestIndex::open(head.clone()).is_ok());
    for cut in (0..head.len()).step_by(7) {
        assert!(
            search_index::SuggestIndex::open(head[..cut].to_vec()).is_err(),
            "cut at {cut}"
        );
    }
    let request = search_index::SuggestRequest {
        q: "atelier gent".into(),
        limit: 6,
    };
    for at in (40..head.len()).step_by(13) {
        let mut flipped = head.clone();
        flipped[at] ^= 0xff;
        // Either refused, or read as some other index: but never a panic, opening or asking.
        if let Ok(mut index) = search_index::SuggestIndex::open(flipped) {
            let _ = index.lazy_suggest(&request);
        }
    }
}

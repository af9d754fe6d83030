//! Links between entries, in both directions: `related`, and a space's legal framework. An entry
//! that names another also shows on that entry's page, so either side may write the link.

use std::collections::{BTreeMap, HashMap};

use super::{sort_by_kind_and_title, Site};

/// For each listed entry, the listed entries it links to or that link to it: spaces, then
/// practices, guides and requests, by title within each.
pub fn links(site: &Site) -> HashMap<String, Vec<String>> {
    let mut links: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut add = |from: &str, to: &str| {
        if from == to {
            return;
        }
        // Both ends listed: a draft or an expired request is linked from nowhere.
        if let (Some(from), Some(to)) = (site.listing_of(from), site.listing_of(to)) {
            links.entry(from.slug).or_default().push(to.slug);
            links.entry(to.slug).or_default().push(from.slug);
        }
    };
    let model = site.model;
    for e in &model.spaces {
        for r in &e.front.related {
            add(&e.slug, r);
        }
        if let Some(framework) = e.front.tenure.as_ref().and_then(|t| t.legal_framework.as_deref()) {
            add(&e.slug, framework);
        }
    }
    for e in &model.practices {
        for r in &e.front.related {
            add(&e.slug, r);
        }
    }
    for e in &model.guides {
        for r in &e.front.related {
            add(&e.slug, r);
        }
    }
    for e in &model.requests {
        for r in &e.front.related {
            add(&e.slug, r);
        }
    }
    links
        .into_iter()
        .map(|(slug, to)| {
            let mut to: Vec<_> = to.into_iter().filter_map(|s| site.listing_of(s)).collect();
            sort_by_kind_and_title(&mut to);
            to.dedup_by_key(|l| l.slug);
            (slug.to_string(), to.into_iter().map(|l| l.slug.to_string()).collect())
        })
        .collect()
}

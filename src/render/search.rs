//! The search page, and the labels the search script shows: it never shows a bare key.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::content::model::space::{PriceModel, Wheelchair};
use crate::content::model::Labelled;
use crate::content::vocab::VocabularyKind;
use crate::site::routes::{self, Facet};
use crate::site::Site;

use super::context::RenderContext;
use super::entries::{script_safe_json, Item};

/// Interface strings of the script, for the suggestions (every page) and the search page.
const UI_KEYS: [&str; 12] = [
    "search_count",
    "search_loading_suggestions",
    "search_suggestions_failed",
    "search_count_one",
    "search_no_results",
    "search_no_suggestions",
    "search_all_results",
    "search_failed",
    "search_without",
    "filter_find",
    "filter_show_all",
    "finder_more",
];

/// Labels the search script shows: interface strings, the name of each entry type, and (for the
/// search page) the filter groups in order with the name of each group and each value.
pub fn labels(site: &Site, with_filter_values: bool) -> Value {
    let filter_names = search_index::FILTER_GROUPS.iter().map(|g| format!("filter_{g}"));
    let ui: Map<String, Value> = UI_KEYS
        .iter()
        .map(|k| k.to_string())
        .chain(filter_names)
        .map(|k| {
            let text = site.t(&k);
            (k, json!(text))
        })
        .collect();
    // Every kind the index holds, so no result shows a bare id.
    let types: Map<String, Value> = routes::LISTED_KINDS
        .iter()
        .map(|k| (k.id().to_string(), json!(site.kind_label(*k))))
        .collect();
    let mut labels = json!({ "ui": ui, "type": types });
    if with_filter_values {
        labels["groups"] = json!(search_index::FILTER_GROUPS);
        let vocabulary = |kind: VocabularyKind| -> Value {
            Value::Object(
                site.model
                    .vocab
                    .keys(kind)
                    .into_iter()
                    .map(|k| (k.to_string(), json!(site.label(kind, k))))
                    .collect(),
            )
        };
        labels["province"] = vocabulary(VocabularyKind::Provinces);
        labels["place"] = vocabulary(VocabularyKind::Places);
        labels["discipline"] = vocabulary(VocabularyKind::Disciplines);
        labels["kind"] = vocabulary(VocabularyKind::SpaceKinds);
        labels["wheelchair"] = values::<Wheelchair>(site);
        labels["price"] = values::<PriceModel>(site);
    }
    labels
}

/// The lists the search page offers to browse without JavaScript.
const BROWSE_KINDS: [crate::content::EntryKind; 3] = [
    crate::content::EntryKind::Space,
    crate::content::EntryKind::Practice,
    crate::content::EntryKind::Guide,
];

/// The label of every value of a keyed enum, by key.
fn values<T: Labelled>(site: &Site) -> Value {
    Value::Object(
        T::ALL
            .iter()
            .map(|v| (v.key().to_string(), json!(site.value_label(*v))))
            .collect(),
    )
}

#[derive(Serialize)]
pub struct SearchPage {
    title: String,
    action: String,
    browse: Vec<Item>,
    /// Labels of filter values and interface strings for the script, as JSON safe inside <script>.
    labels: String,
}

pub fn search_page(ctx: &RenderContext) -> SearchPage {
    let site = ctx.site;
    let browse = BROWSE_KINDS
        .into_iter()
        .map(|kind| (format!("nav_{}", kind.folder()), routes::list(kind, 1)))
        .chain(
            Facet::ALL
                .into_iter()
                .map(|f| (f.plural_key().to_string(), routes::facet_index(f))),
        )
        .map(|(key, route)| ctx.link(&key, &route))
        .collect();
    SearchPage {
        title: site.t("search_title"),
        action: site.urls.url(routes::SEARCH),
        browse,
        labels: script_safe_json(&labels(site, true)),
    }
}

//! The finder on the lists of spaces and practices.
//!
//! The list page shows every entry in list order, paginated, to every browser. With JavaScript
//! the theme's script turns its first page into a finder: it reads `filters.json` beside the
//! list, which holds each filter group with its values and labels, the ranges, the orders, and
//! per entry only numbers (which values it has, its figures, its place in each order). That
//! keeps the file small at 10,000 entries. The cards themselves come in files of
//! [`CARDS_PER_FILE`] in list order (`kaarten.N.html`), fetched when the script first shows one
//! of them, as the list page's `card.html` rendered them: one renderer for both. Files of a few
//! dozen cards keep a directory of 10,000 from writing 10,000 more files, and a view that shows
//! two dozen cards from all over the list from fetching more than two dozen small files.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use crate::content::model::practice::{GovernmentRole, Practice};
use crate::content::model::space::{PriceModel, Space};
use crate::content::model::{Labelled, VocabularyKey};
use crate::content::vocab::VocabularyKind;
use crate::content::{Entry, EntryKind};
use crate::site::routes::Facet;
use crate::site::{routes, Listing, Site};

use super::context::RenderContext;
use super::entries::script_safe_json;

/// The kinds of entry whose list is a finder.
pub const FINDER_KINDS: [EntryKind; 2] = [EntryKind::Space, EntryKind::Practice];

/// The finder group of `kind`'s list that filters as a facet's pages do, if there is one: a
/// facet page links into the finder with its value chosen.
pub fn group_of_facet(kind: EntryKind, facet: Facet) -> Option<&'static str> {
    match (kind, facet) {
        (EntryKind::Space | EntryKind::Practice, Facet::Place) => Some("place"),
        (EntryKind::Space | EntryKind::Practice, Facet::Province) => Some("province"),
        (EntryKind::Space | EntryKind::Practice, Facet::Discipline) => Some("discipline"),
        (EntryKind::Space, Facet::SpaceKind) => Some("kind"),
        (EntryKind::Practice, Facet::Theme) => Some("theme"),
        _ => None,
    }
}

/// Cards per card file.
pub const CARDS_PER_FILE: usize = 20;

/// The value of a group for an entry that does not say (no price, no tenure given).
const UNKNOWN: &str = "onbekend";

/// What the finder's script reads.
#[derive(Debug, Serialize)]
pub struct FinderData {
    /// Where an entry's page is, with `{slug}` in the place of its slug.
    pub url: String,
    /// Where the card files are, with `{n}` in the place of their number, and how many cards
    /// each holds: the entry at position `i` is in file `i / per_file`.
    pub cards: String,
    pub per_file: usize,
    pub groups: Vec<Group>,
    pub ranges: Vec<Range>,
    /// The orders after the first, relevance (the list order the entries come in).
    pub sorts: Vec<Choice>,
    pub entries: Vec<Row>,
}

/// A filter group: values are alternatives (any of them), groups narrow each other.
#[derive(Debug, Serialize)]
pub struct Group {
    pub key: &'static str,
    pub label: String,
    pub values: Vec<Choice>,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub key: String,
    pub label: String,
    /// For a place: its province, to tell same-named places apart.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// A figure a person bounds: at most a price, between two sizes.
#[derive(Debug, Serialize)]
pub struct Range {
    pub key: &'static str,
    pub label: String,
    /// Whether a lower bound is offered (a price has only an upper one).
    pub min: bool,
}

/// One entry, as numbers.
#[derive(Debug, Serialize)]
pub struct Row {
    /// Its slug.
    pub k: String,
    /// Per group, the indices of its values in that group's `values`.
    pub g: Vec<Vec<u16>>,
    /// Per range, its figure; `null` when unknown (a bounded range then leaves it out).
    pub r: Vec<Option<f64>>,
    /// Per order in `sorts`, its position.
    pub s: Vec<u32>,
}

/// What the list page needs to become a finder: where the data is, and the script's words.
#[derive(Debug, Clone, Serialize)]
pub struct FinderView {
    pub data: String,
    /// The map with the same filters, for the spaces' finder (its script adds the choice).
    pub map: Option<String>,
    /// Interface strings for the script, as JSON safe inside `<script>`.
    pub labels: String,
}

/// The interface strings the finder's script shows.
const UI_KEYS: [&str; 15] = [
    "finder_filters",
    "finder_count",
    "finder_count_one",
    "finder_none",
    "finder_more",
    "finder_clear",
    "finder_show",
    "finder_sort",
    "finder_from",
    "finder_to",
    "finder_price_hint",
    "filter_find",
    "filter_show_all",
    "search_without",
    "sort_relevance",
];

pub fn finder_view(ctx: &RenderContext, kind: EntryKind) -> FinderView {
    let site = ctx.site;
    let mut ui: serde_json::Map<String, serde_json::Value> =
        UI_KEYS.iter().map(|k| (k.to_string(), site.t(k).into())).collect();
    // "{n} ruimtes", "1 ruimte": the kind's own words.
    ui.insert(
        "what".into(),
        site.t(&format!("list_{}", kind.folder())).to_lowercase().into(),
    );
    ui.insert("one".into(), site.kind_label(kind).to_lowercase().into());
    FinderView {
        data: site.urls.url(&routes::finder_data(kind)),
        map: (kind == EntryKind::Space).then(|| site.urls.url(routes::MAP)),
        labels: script_safe_json(&serde_json::Value::Object(ui)),
    }
}

/// An entry's values in a group, by key.
type ValuesOf<'f, E> = Box<dyn Fn(&E) -> Vec<String> + 'f>;
/// A value's label and detail, by key.
type LabelOf<'f> = Box<dyn Fn(&str) -> (String, String) + 'f>;
/// An entry's figure in a range.
type FigureOf<'f, E> = Box<dyn Fn(&E) -> Option<f64> + 'f>;

/// One group: its values for each entry, and how a value is labelled and ordered.
struct GroupSpec<'f, E> {
    key: &'static str,
    values: ValuesOf<'f, E>,
    label: LabelOf<'f>,
    /// The order of a closed list's values; a vocabulary's are shown by label.
    order: Option<Vec<String>>,
}

struct RangeSpec<'f, E> {
    key: &'static str,
    min: bool,
    value: FigureOf<'f, E>,
}

type Compare<'f, E> = Box<dyn Fn(&E, &E) -> Ordering + 'f>;

/// A group over a vocabulary: values by label.
fn vocabulary<'f, E>(
    site: &'f Site,
    key: &'static str,
    kind: VocabularyKind,
    values: impl Fn(&E) -> Vec<String> + 'f,
) -> GroupSpec<'f, E> {
    GroupSpec {
        key,
        values: Box::new(values),
        label: Box::new(move |k| (site.label(kind, k), String::new())),
        order: None,
    }
}

/// A group over a closed list; `unknown` adds a value for entries that say nothing.
fn closed<'f, E, T: Labelled + 'f>(
    site: &'f Site,
    key: &'static str,
    unknown: bool,
    values: impl Fn(&E) -> Vec<T> + 'f,
) -> GroupSpec<'f, E> {
    let mut order: Vec<String> = T::ALL.iter().map(|v| v.key().to_string()).collect();
    if unknown {
        order.push(UNKNOWN.to_string());
    }
    GroupSpec {
        key,
        values: Box::new(move |e| {
            let keys: Vec<String> = values(e).into_iter().map(|v| v.key().to_string()).collect();
            if keys.is_empty() && unknown {
                vec![UNKNOWN.to_string()]
            } else {
                keys
            }
        }),
        label: Box::new(move |k| {
            let label = match T::from_key(k) {
                Some(v) => site.value_label(v),
                None => site.t("finder_unknown"),
            };
            (label, String::new())
        }),
        order: Some(order),
    }
}

fn keys<K: VocabularyKey>(keys: &[K]) -> Vec<String> {
    keys.iter().map(|k| k.as_str().to_string()).collect()
}

fn place_group<'f, E>(site: &'f Site, places: impl Fn(&E) -> Vec<String> + 'f) -> GroupSpec<'f, E> {
    GroupSpec {
        key: "place",
        values: Box::new(places),
        label: Box::new(move |k| {
            let province = site
                .province_of(k)
                .map(|p| site.label(VocabularyKind::Provinces, p))
                .unwrap_or_default();
            (site.label(VocabularyKind::Places, k), province)
        }),
        order: None,
    }
}

/// Unknown figures last, whatever the direction.
fn by_figure(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.total_cmp(&a),
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A space's price as a figure to bound and sort: free is nothing, a model without an amount
/// is unknown.
fn price_figure(space: &Space) -> Option<f64> {
    let price = space.price.as_ref()?;
    match price.model {
        PriceModel::Gratis => Some(0.0),
        _ => price.amount_eur,
    }
}

type Listed<'a, E> = (&'a Listing<'a>, &'a E);

/// The finder data of a kind's list, or `None` for a kind without a finder.
pub fn finder_data(ctx: &RenderContext, kind: EntryKind) -> Option<FinderData> {
    let site = ctx.site;
    match kind {
        EntryKind::Space => Some(space_data(site)),
        EntryKind::Practice => Some(practice_data(site)),
        _ => None,
    }
}

/// The listed entries of a kind in list order, each with its front matter.
fn listed<'a, T>(site: &'a Site, kind: EntryKind, entries: &[&'a Entry<T>]) -> Vec<Listed<'a, T>> {
    let by_slug: HashMap<&str, &T> = entries.iter().map(|e| (e.slug.as_str(), &e.front)).collect();
    site.listed(kind)
        .into_iter()
        .filter_map(|l| Some((l, *by_slug.get(l.slug)?)))
        .collect()
}

fn space_data(site: &Site) -> FinderData {
    type E<'a> = Listed<'a, Space>;
    let groups: Vec<GroupSpec<E>> = vec![
        vocabulary(site, "kind", VocabularyKind::SpaceKinds, |(_, s): &E| keys(&s.kinds)),
        vocabulary(site, "discipline", VocabularyKind::Disciplines, |(_, s): &E| {
            keys(&s.disciplines)
        }),
        vocabulary(site, "province", VocabularyKind::Provinces, move |(_, s): &E| {
            site.provinces_of([s.place.as_str()])
                .into_iter()
                .map(str::to_string)
                .collect()
        }),
        place_group(site, |(_, s): &E| vec![s.place.as_str().to_string()]),
        closed(site, "price", true, |(_, s): &E| {
            s.price.iter().map(|p| p.model).collect()
        }),
        closed(site, "availability", false, |(_, s): &E| vec![s.availability.status]),
        closed(site, "wheelchair", false, |(_, s): &E| vec![s.accessibility.wheelchair]),
        closed(site, "audience", true, |(_, s): &E| s.audience.clone()),
        closed(site, "tenure", true, |(_, s): &E| {
            s.tenure.iter().map(|t| t.kind).collect()
        }),
        closed(site, "status", false, |(_, s): &E| vec![s.status]),
    ];
    let ranges: Vec<RangeSpec<E>> = vec![
        RangeSpec {
            key: "price",
            min: false,
            value: Box::new(|(_, s): &E| price_figure(s)),
        },
        RangeSpec {
            key: "size",
            min: true,
            value: Box::new(|(_, s): &E| s.size_m2),
        },
        RangeSpec {
            key: "capacity",
            min: true,
            value: Box::new(|(_, s): &E| s.capacity.map(f64::from)),
        },
    ];
    let sorts: Vec<(&str, Compare<E>)> = vec![
        ("name", by_name()),
        ("checked", by_check()),
        (
            "size",
            Box::new(|(_, a): &E, (_, b): &E| by_figure(a.size_m2, b.size_m2, true)),
        ),
        (
            "price",
            Box::new(|(_, a): &E, (_, b): &E| by_figure(price_figure(a), price_figure(b), false)),
        ),
    ];
    let entries = listed(site, EntryKind::Space, &site.spaces);
    assemble(site, EntryKind::Space, &entries, groups, ranges, sorts)
}

fn practice_data(site: &Site) -> FinderData {
    type E<'a> = Listed<'a, Practice>;
    let groups: Vec<GroupSpec<E>> = vec![
        vocabulary(site, "theme", VocabularyKind::Themes, |(_, p): &E| keys(&p.themes)),
        vocabulary(site, "province", VocabularyKind::Provinces, move |(_, p): &E| {
            site.provinces_of(p.places.iter().map(|k| k.as_str()))
                .into_iter()
                .map(str::to_string)
                .collect()
        }),
        place_group(site, |(_, p): &E| keys(&p.places)),
        closed::<E, GovernmentRole>(site, "role", true, |(_, p): &E| p.local_government_roles.clone()),
        vocabulary(site, "discipline", VocabularyKind::Disciplines, |(_, p): &E| {
            keys(&p.disciplines)
        }),
    ];
    let sorts: Vec<(&str, Compare<E>)> = vec![("name", by_name()), ("checked", by_check())];
    let entries = listed(site, EntryKind::Practice, &site.practices);
    assemble(site, EntryKind::Practice, &entries, groups, Vec::new(), sorts)
}

fn by_name<'f, T>() -> Compare<'f, Listed<'f, T>> {
    Box::new(|(a, _): &Listed<T>, (b, _): &Listed<T>| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
}

/// Most recently checked first, never checked last.
fn by_check<'f, T>() -> Compare<'f, Listed<'f, T>> {
    Box::new(
        |(a, _): &Listed<T>, (b, _): &Listed<T>| match (a.checked_on, b.checked_on) {
            (Some(a), Some(b)) => b.cmp(&a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    )
}

fn assemble<'f, E>(
    site: &Site,
    kind: EntryKind,
    entries: &[E],
    groups: Vec<GroupSpec<'f, E>>,
    ranges: Vec<RangeSpec<'f, E>>,
    sorts: Vec<(&str, Compare<'f, E>)>,
) -> FinderData
where
    E: Slugged,
{
    // Each group's values in the order the panel shows them: only values some entry has.
    let per_entry: Vec<Vec<Vec<String>>> = entries
        .iter()
        .map(|e| groups.iter().map(|g| (g.values)(e)).collect())
        .collect();
    let mut out_groups = Vec::new();
    let mut index: Vec<HashMap<String, u16>> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let mut used: Vec<&String> = per_entry.iter().flat_map(|e| e[i].iter()).collect();
        used.sort();
        used.dedup();
        let mut values: Vec<Choice> = used
            .into_iter()
            .map(|k| {
                let (label, detail) = (g.label)(k);
                Choice {
                    key: k.clone(),
                    label,
                    detail,
                }
            })
            .collect();
        match &g.order {
            Some(order) => values.sort_by_key(|v| order.iter().position(|k| *k == v.key)),
            None => values.sort_by_cached_key(|v| (v.label.to_lowercase(), v.detail.clone())),
        }
        index.push(
            values
                .iter()
                .enumerate()
                .map(|(n, v)| (v.key.clone(), n as u16))
                .collect(),
        );
        out_groups.push(Group {
            key: g.key,
            label: site.t(&format!("filter_{}", g.key)),
            values,
        });
    }
    // Each entry's position in each order; ties keep the list order.
    let mut positions: Vec<Vec<u32>> = vec![Vec::with_capacity(sorts.len()); entries.len()];
    for (_, compare) in &sorts {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| compare(&entries[a], &entries[b]));
        for (position, &entry) in order.iter().enumerate() {
            positions[entry].push(position as u32);
        }
    }
    let rows = entries
        .iter()
        .zip(per_entry)
        .zip(positions)
        .map(|((e, values), s)| Row {
            k: e.slug().to_string(),
            g: values
                .iter()
                .zip(&index)
                .map(|(keys, index)| keys.iter().map(|k| index[k]).collect())
                .collect(),
            r: ranges.iter().map(|r| (r.value)(e)).collect(),
            s,
        })
        .collect();
    let with_slug = |route: String| site.urls.url(&route);
    FinderData {
        url: with_slug(site.entry_route(kind, "{slug}")),
        cards: with_slug(routes::card_chunk(kind, "{n}")),
        per_file: CARDS_PER_FILE,
        groups: out_groups,
        ranges: ranges
            .iter()
            .map(|r| Range {
                key: r.key,
                label: site.t(&format!("range_{}", r.key)),
                min: r.min,
            })
            .collect(),
        sorts: sorts
            .iter()
            .map(|(key, _)| Choice {
                key: key.to_string(),
                label: site.t(&format!("sort_{key}")),
                detail: String::new(),
            })
            .collect(),
        entries: rows,
    }
}

/// An entry the finder lists, known by its slug.
trait Slugged {
    fn slug(&self) -> &str;
}

impl<T> Slugged for Listed<'_, T> {
    fn slug(&self) -> &str {
        self.0.slug
    }
}

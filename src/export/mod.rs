//! Open data under `/data/`: the directory as JSON, CSV and GeoJSON, and the JSON Schemas of the
//! front matter, each carrying the licence. Built from the same model as the pages.

mod csv;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::content::site::EntryKind;
use crate::content::vocab::VocabularyKind;
use crate::render::context::RenderContext;
use crate::render::routes;
use crate::schema;

pub use self::csv::spaces_csv;

/// One output file: its route inside the site and its bytes.
pub type File = (String, Vec<u8>);

/// Every open-data file, each made on its own thread: together they were a quarter of a build.
pub fn all(ctx: &RenderContext) -> Vec<File> {
    type Job<'j> = Box<dyn Fn() -> File + Send + Sync + 'j>;
    let d = routes::DATA;
    let mut jobs: Vec<Job> = vec![
        Box::new(|| (format!("{d}spaces.json"), pretty(&spaces_json(ctx)))),
        Box::new(|| (format!("{d}spaces.geojson"), pretty(&spaces_geojson(ctx)))),
        Box::new(|| (format!("{d}spaces.csv"), spaces_csv(ctx).into_bytes())),
        Box::new(|| (format!("{d}practices.json"), pretty(&practices_json(ctx)))),
        Box::new(|| (format!("{d}guides.json"), pretty(&guides_json(ctx)))),
        Box::new(|| (format!("{d}LICENSE.txt"), licence_text(ctx).into_bytes())),
    ];
    for kind in EntryKind::ALL {
        jobs.push(Box::new(move || {
            let schema = schema::schema_for(kind, &ctx.site.vocab);
            (format!("{d}schemas/{}", schema::file_name(kind)), pretty(&schema))
        }));
    }
    jobs.par_iter().map(|job| job()).collect()
}

fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn licence(ctx: &RenderContext) -> Value {
    json!({ "name": ctx.config.licence.name, "url": ctx.config.licence.url, "attribution": ctx.config.title, "source": ctx.urls.absolute("") })
}

pub fn licence_text(ctx: &RenderContext) -> String {
    format!(
        "The data in this folder comes from {} ({}).\nIt is published under {}: {}\nCredit \"{}\" and link to the site when you reuse it.\n",
        ctx.config.title,
        ctx.urls.absolute(""),
        ctx.config.licence.name,
        ctx.config.licence.url,
        ctx.config.title
    )
}

/// The coordinates a space is shown at, and whether they are the municipality's centre.
pub fn location(ctx: &RenderContext, space: &crate::content::model::Space) -> Option<(f64, f64, bool)> {
    match space.geo {
        Some(g) => Some((g.lat, g.lon, false)),
        None => ctx
            .site
            .vocab
            .place(space.place.as_str())
            .map(|p| (p.centroid.lat, p.centroid.lon, true)),
    }
}

/// One entry as open data: its front matter as written, with its slug, address and text.
#[derive(Serialize)]
struct Exported<'a, T: Serialize> {
    slug: &'a str,
    url: String,
    #[serde(flatten)]
    front: &'a T,
    #[serde(skip_serializing_if = "Option::is_none")]
    place_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<&'a str>,
    body_markdown: &'a str,
}

#[derive(Serialize)]
struct Collection<'a, T: Serialize> {
    licence: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    disclaimer: Option<String>,
    count: usize,
    #[serde(flatten)]
    items: BTreeMap<&'static str, Vec<Exported<'a, T>>>,
}

fn collection<'a, T: Serialize>(
    ctx: &'a RenderContext,
    kind: EntryKind,
    name: &'static str,
    entries: &'a [crate::content::Entry<T>],
    place_of: impl Fn(&'a T) -> Option<&'a str>,
) -> Collection<'a, T> {
    let items: Vec<Exported<T>> = entries
        .iter()
        .filter(|e| ctx.cards.contains_key(&e.slug))
        .map(|e| {
            let place = place_of(&e.front).and_then(|k| ctx.site.vocab.place(k));
            Exported {
                slug: &e.slug,
                url: ctx.urls.absolute(&routes::entry(kind, &e.slug)),
                front: &e.front,
                place_name: place.map(|p| p.nl.as_str()),
                province: place.map(|p| p.province.as_str()),
                body_markdown: e.body.trim(),
            }
        })
        .collect();
    Collection {
        licence: licence(ctx),
        disclaimer: None,
        count: items.len(),
        items: BTreeMap::from([(name, items)]),
    }
}

fn spaces_json<'a>(ctx: &'a RenderContext<'a>) -> Collection<'a, crate::content::model::Space> {
    collection(ctx, EntryKind::Space, "spaces", &ctx.site.spaces, |s| {
        Some(s.place.as_str())
    })
}

fn practices_json<'a>(ctx: &'a RenderContext<'a>) -> Collection<'a, crate::content::model::Practice> {
    collection(ctx, EntryKind::Practice, "practices", &ctx.site.practices, |_| None)
}

fn guides_json<'a>(ctx: &'a RenderContext<'a>) -> Collection<'a, crate::content::model::Guide> {
    let mut c = collection(ctx, EntryKind::Guide, "guides", &ctx.site.guides, |_| None);
    c.disclaimer = Some(ctx.t("legal_disclaimer"));
    c
}

pub fn spaces_geojson(ctx: &RenderContext) -> Value {
    let features: Vec<Value> = ctx
        .site
        .spaces
        .iter()
        .filter(|e| ctx.cards.contains_key(&e.slug))
        .filter_map(|e| {
            let (lat, lon, approximate) = location(ctx, &e.front)?;
            let kinds: Vec<&str> = e.front.kinds.iter().map(|k| k.as_str()).collect();
            Some(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "slug": e.slug,
                    "name": e.front.name,
                    "url": ctx.urls.absolute(&routes::entry(EntryKind::Space, &e.slug)),
                    "kinds": kinds,
                    "place": e.front.place.as_str(),
                    "place_name": ctx.label(VocabularyKind::Places, e.front.place.as_str()),
                    "location_approximate": approximate,
                },
            }))
        })
        .collect();
    json!({ "type": "FeatureCollection", "licence": licence(ctx), "features": features })
}

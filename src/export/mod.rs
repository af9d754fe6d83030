//! Open data under `/data/`: the directory as JSON, CSV and GeoJSON, and the JSON Schemas of the
//! front matter, each carrying the licence. Built from the same model as the pages.

mod csv;

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

pub fn all(ctx: &RenderContext) -> Vec<File> {
    let mut files = vec![
        (format!("{}spaces.json", routes::DATA), pretty(&spaces_json(ctx))),
        (format!("{}spaces.geojson", routes::DATA), pretty(&spaces_geojson(ctx))),
        (format!("{}spaces.csv", routes::DATA), spaces_csv(ctx).into_bytes()),
        (format!("{}practices.json", routes::DATA), pretty(&practices_json(ctx))),
        (format!("{}guides.json", routes::DATA), pretty(&guides_json(ctx))),
        (format!("{}LICENSE.txt", routes::DATA), licence_text(ctx).into_bytes()),
    ];
    for kind in EntryKind::ALL {
        let schema = schema::schema_for(kind, &ctx.site.vocab);
        files.push((
            format!("{}schemas/{}", routes::DATA, schema::file_name(kind)),
            pretty(&schema),
        ));
    }
    files
}

fn pretty(value: &Value) -> Vec<u8> {
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

fn with_meta<T: Serialize>(ctx: &RenderContext, kind: EntryKind, slug: &str, front: &T, body: &str) -> Value {
    let mut value = serde_json::to_value(front).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("slug".into(), json!(slug));
        map.insert("url".into(), json!(ctx.urls.absolute(&routes::entry(kind, slug))));
        map.insert("body_markdown".into(), json!(body.trim()));
        map.remove("draft");
    }
    value
}

pub fn spaces_json(ctx: &RenderContext) -> Value {
    let spaces: Vec<Value> = ctx
        .site
        .spaces
        .iter()
        .filter(|e| ctx.cards.contains_key(&e.slug))
        .map(|e| {
            let mut v = with_meta(ctx, EntryKind::Space, &e.slug, &e.front, &e.body);
            if let (Value::Object(map), Some(place)) = (&mut v, ctx.site.vocab.place(e.front.place.as_str())) {
                map.insert("place_name".into(), json!(place.nl));
                map.insert("province".into(), json!(place.province.as_str()));
            }
            v
        })
        .collect();
    json!({ "licence": licence(ctx), "count": spaces.len(), "spaces": spaces })
}

pub fn practices_json(ctx: &RenderContext) -> Value {
    let items: Vec<Value> = ctx
        .site
        .practices
        .iter()
        .filter(|e| ctx.cards.contains_key(&e.slug))
        .map(|e| with_meta(ctx, EntryKind::Practice, &e.slug, &e.front, &e.body))
        .collect();
    json!({ "licence": licence(ctx), "count": items.len(), "practices": items })
}

pub fn guides_json(ctx: &RenderContext) -> Value {
    let items: Vec<Value> = ctx
        .site
        .guides
        .iter()
        .filter(|e| ctx.cards.contains_key(&e.slug))
        .map(|e| with_meta(ctx, EntryKind::Guide, &e.slug, &e.front, &e.body))
        .collect();
    json!({ "licence": licence(ctx), "disclaimer": ctx.t("legal_disclaimer"), "count": items.len(), "guides": items })
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

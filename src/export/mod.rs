//! Open data under `/data/`: the directory as JSON, CSV and GeoJSON, the figures, and the JSON
//! Schemas of the front matter, each carrying the licence. Built from the same site view as the
//! pages.

mod csv;

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::{json, Value};

use crate::content::schema;
use crate::content::vocab::VocabularyKind;
use crate::content::{Entry, EntryKind};
use crate::output::Sink;
use crate::site::routes;
use crate::site::Site;

pub use self::csv::spaces_csv;

/// Writes every open-data file into `sink`, each streamed (a 100k-entry JSON file is hundreds of
/// megabytes: it is never held in memory), one after the other on the caller's thread: the build
/// runs this beside the pages.
pub fn write_all(site: &Site, sink: &dyn Sink) -> Result<()> {
    type Job<'j> = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()> + Send + Sync + 'j>;
    let mut jobs: Vec<(String, Job)> = vec![
        (routes::SPACES_JSON.into(), Box::new(|w| pretty(w, &spaces_json(site)))),
        (
            routes::SPACES_GEOJSON.into(),
            Box::new(|w| pretty(w, &spaces_geojson(site))),
        ),
        (routes::SPACES_CSV.into(), Box::new(|w| spaces_csv(site, w))),
        (
            routes::PRACTICES_JSON.into(),
            Box::new(|w| pretty(w, &practices_json(site))),
        ),
        (routes::GUIDES_JSON.into(), Box::new(|w| pretty(w, &guides_json(site)))),
        (
            routes::VOCABULARIES_JSON.into(),
            Box::new(|w| pretty(w, &vocabularies_json(site))),
        ),
        (
            routes::DATA_LICENCE.into(),
            Box::new(|w| w.write_all(site.licence_text().as_bytes())),
        ),
    ];
    for kind in EntryKind::ALL {
        jobs.push((
            routes::schema(kind),
            Box::new(move |w| pretty(w, &schema::schema_for(kind, &site.model.vocab))),
        ));
    }
    jobs.push((routes::STATS_JSON.into(), Box::new(|w| pretty(w, &site.figures))));
    for (route, job) in &jobs {
        let file = routes::file(route);
        let mut out = BufWriter::new(sink.create(&file).with_context(|| format!("writing {file}"))?);
        job(&mut out)
            .and_then(|_| out.flush())
            .with_context(|| format!("writing {file}"))?;
    }
    Ok(())
}

/// The keys the other files carry, with their labels in Dutch, French and English (Dutch where a
/// vocabulary has no other), by vocabulary: what a reuser needs to show them in any of the three.
fn vocabularies_json(site: &Site) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    out.insert("licence".into(), site.config.licence.name.clone().into());
    for kind in crate::content::vocab::VocabularyKind::ALL {
        let entries: Vec<serde_json::Value> = site
            .model
            .vocab
            .all_names(kind)
            .iter()
            .map(|names| {
                let mut entry = serde_json::Map::new();
                entry.insert("key".into(), names.key.into());
                for language in crate::config::LANGUAGES {
                    entry.insert(language.into(), names.label(language).into());
                }
                serde_json::Value::Object(entry)
            })
            .collect();
        let name = kind.file_name().trim_end_matches(".yaml");
        out.insert(name.into(), entries.into());
    }
    serde_json::Value::Object(out)
}

fn pretty<T: Serialize>(w: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    w.write_all(b"\n")
}

fn licence(site: &Site) -> Value {
    let config = site.config;
    json!({ "name": config.licence.name, "url": config.licence.url, "attribution": config.title, "source": site.urls.absolute("") })
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
    site: &'a Site,
    kind: EntryKind,
    name: &'static str,
    entries: &[&'a Entry<T>],
    place_of: impl Fn(&'a T) -> Option<&'a str>,
) -> Collection<'a, T> {
    let items: Vec<Exported<T>> = entries
        .iter()
        .map(|e| {
            let place = place_of(&e.front).and_then(|k| site.model.vocab.place(k));
            Exported {
                slug: &e.slug,
                url: site.urls.absolute(&site.entry_route(kind, &e.slug)),
                front: &e.front,
                place_name: place.map(|p| p.nl.as_str()),
                province: place.map(|p| p.province.as_str()),
                body_markdown: e.body.trim(),
            }
        })
        .collect();
    Collection {
        licence: licence(site),
        disclaimer: None,
        count: items.len(),
        items: BTreeMap::from([(name, items)]),
    }
}

fn spaces_json<'a>(site: &'a Site) -> Collection<'a, crate::content::model::Space> {
    collection(site, EntryKind::Space, "spaces", &site.spaces, |s| {
        Some(s.place.as_str())
    })
}

fn practices_json<'a>(site: &'a Site) -> Collection<'a, crate::content::model::Practice> {
    collection(site, EntryKind::Practice, "practices", &site.practices, |_| None)
}

fn guides_json<'a>(site: &'a Site) -> Collection<'a, crate::content::model::Guide> {
    let mut c = collection(site, EntryKind::Guide, "guides", &site.guides, |_| None);
    c.disclaimer = Some(site.t("legal_disclaimer"));
    c
}

fn spaces_geojson<'a>(site: &'a Site<'a>) -> GeoJson<'a> {
    GeoJson {
        kind: "FeatureCollection",
        licence: licence(site),
        features: Features(site),
    }
}

#[derive(Serialize)]
struct GeoJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    licence: Value,
    features: Features<'a>,
}

/// The spaces as GeoJSON features, each made as it is written: all of them at once as JSON
/// values took a hundred megabytes at 100,000 entries.
struct Features<'a>(&'a Site<'a>);

impl Serialize for Features<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let site = self.0;
        serializer.collect_seq(site.spaces.iter().filter_map(|e| {
            let (lat, lon, approximate) = site.location(&e.front)?;
            let kinds: Vec<&str> = e.front.kinds.iter().map(|k| k.as_str()).collect();
            Some(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "slug": e.slug,
                    "name": e.front.name,
                    "url": site.urls.absolute(&site.entry_route(EntryKind::Space, &e.slug)),
                    "kinds": kinds,
                    "place": e.front.place.as_str(),
                    "place_name": site.label(VocabularyKind::Places, e.front.place.as_str()),
                    "location_approximate": approximate,
                },
            }))
        }))
    }
}

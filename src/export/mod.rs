//! Open data under `/data/`: the directory as JSON, CSV and GeoJSON, and the JSON Schemas of the
//! front matter, each carrying the licence. Built from the same model as the pages.

mod csv;

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use serde::Serialize;
use serde_json::{json, Value};

use crate::content::site::EntryKind;
use crate::content::vocab::VocabularyKind;
use crate::render::context::RenderContext;
use crate::render::routes;
use crate::schema;

pub use self::csv::spaces_csv;

/// Opens a file in the site for writing, by route.
pub type Open<'o> = dyn Fn(&str) -> Result<Box<dyn Write + Send + 'o>, String> + Sync + 'o;

/// Writes every open-data file, each streamed to disk (a 100k-entry JSON file is hundreds of
/// megabytes: it is never held in memory), one after the other on the caller's thread: the build
/// runs this beside the pages. Returns the size of each file.
pub fn write_all(ctx: &RenderContext, open: &Open) -> Result<Vec<u64>, String> {
    type Job<'j> = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()> + Send + Sync + 'j>;
    let d = routes::DATA;
    let mut jobs: Vec<(String, Job)> = vec![
        (format!("{d}spaces.json"), Box::new(|w| pretty(w, &spaces_json(ctx)))),
        (
            format!("{d}spaces.geojson"),
            Box::new(|w| pretty(w, &spaces_geojson(ctx))),
        ),
        (format!("{d}spaces.csv"), Box::new(|w| spaces_csv(ctx, w))),
        (
            format!("{d}practices.json"),
            Box::new(|w| pretty(w, &practices_json(ctx))),
        ),
        (format!("{d}guides.json"), Box::new(|w| pretty(w, &guides_json(ctx)))),
        (
            format!("{d}LICENSE.txt"),
            Box::new(|w| w.write_all(licence_text(ctx).as_bytes())),
        ),
    ];
    for kind in EntryKind::ALL {
        let route = format!("{d}schemas/{}", schema::file_name(kind));
        jobs.push((
            route,
            Box::new(move |w| pretty(w, &schema::schema_for(kind, &ctx.site.vocab))),
        ));
    }
    jobs.iter()
        .map(|(route, job)| {
            let file = open(route)?;
            let mut counted = CountingWriter {
                inner: BufWriter::new(file),
                bytes: 0,
            };
            job(&mut counted)
                .and_then(|_| counted.flush())
                .map_err(|e| format!("{route}: {e}"))?;
            Ok(counted.bytes)
        })
        .collect()
}

fn pretty<T: Serialize>(w: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    w.write_all(b"\n")
}

struct CountingWriter<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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
                url: ctx.urls.absolute(&ctx.entry_route(kind, &e.slug)),
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

fn spaces_geojson<'a>(ctx: &'a RenderContext<'a>) -> GeoJson<'a> {
    GeoJson {
        kind: "FeatureCollection",
        licence: licence(ctx),
        features: Features(ctx),
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
struct Features<'a>(&'a RenderContext<'a>);

impl Serialize for Features<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ctx = self.0;
        serializer.collect_seq(
            ctx.site
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
                            "url": ctx.urls.absolute(&ctx.entry_route(EntryKind::Space, &e.slug)),
                            "kinds": kinds,
                            "place": e.front.place.as_str(),
                            "place_name": ctx.label(VocabularyKind::Places, e.front.place.as_str()),
                            "location_approximate": approximate,
                        },
                    }))
                }),
        )
    }
}

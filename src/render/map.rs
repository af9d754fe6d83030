//! The maps of spaces, drawn at build time as SVG: no tile server, no script. The ground is
//! Belgium's provinces from `data/geo/belgium.json`, with the borders between regions and the
//! country's outline drawn heavier, and the larger places named. Spaces in one municipality make
//! one marker with their count; a marker is a link (to the space, or to the list of the place's
//! spaces under the map) with a name a screen reader reads ("Gent: 3 ruimtes"). The whole map
//! shows Flanders and Brussels; each province with spaces has a larger map of its own.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::content::geo::{LonLat, ProvinceShape, Shapes};
use crate::content::vocab::VocabularyKind;
use crate::content::EntryKind;
use crate::site::routes::{self, Facet};

use super::context::RenderContext;
use super::entries::{script_safe_json, Item};

/// The drawing's width in its own units. Names and markers have a fixed size in these units, so
/// a province's map, drawn narrower, shows them larger: it is the one to read on a phone.
const WIDTH: f64 = 800.0;
const PROVINCE_WIDTH: f64 = 480.0;
/// Room around the shown area, in degrees.
const MARGIN: f64 = 0.06;
/// Without shapes: Flanders and Brussels, (west, south, east, north).
const FLANDERS: (f64, f64, f64, f64) = (2.50, 50.65, 5.95, 51.52);
/// How many places the whole map names; a province's map names all of its own.
const NAMED_PLACES: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub struct MapPage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub label: String,
    /// A province's map: drawn narrower, shown no wider than its names stay readable at.
    pub province: bool,
    pub width: u32,
    pub height: u32,
    /// Each province as a filled path, the page's own (or Flanders and Brussels) first.
    pub provinces: Vec<ShapePath>,
    /// The borders between regions and the country's outline, heavier than the provinces'.
    pub borders: String,
    pub names: Vec<PlaceName>,
    pub markers: Vec<Marker>,
    pub places: Vec<PlaceGroup>,
    pub list_heading: String,
    /// On the whole map: a map per province. On a province's: the whole map.
    pub other_maps: Vec<Item>,
    pub other_maps_heading: String,
    /// The spaces finder's data and list, whose filters (`?kind=repetitieruimte`) the map's
    /// script applies; the strings it shows.
    pub finder_data: String,
    pub finder_url: String,
    pub labels: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShapePath {
    pub d: String,
    /// `is-shown` for the area the map is about, `is-context` for its neighbours.
    pub class: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceName {
    /// The place's centre.
    pub x: String,
    pub y: String,
    /// Where its name starts (or ends, on the left).
    pub text_x: String,
    pub text: String,
    /// `start` or `end`: the name sits right or left of the place.
    pub anchor: &'static str,
}

/// A place name's height, and its width per character, in the drawing's units (a guess that
/// errs wide: names must not cover each other or a marker).
const NAME_HEIGHT: f64 = 18.0;
const NAME_CHAR: f64 = 10.5;
/// How far a name sits from its place: beyond the largest marker.
const NAME_GAP: f64 = 16.0;

#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    pub x: String,
    pub y: String,
    /// How many spaces it stands for; the count shows from two.
    pub count: usize,
    pub href: String,
    /// "Gent: 3 ruimtes", or the one space's name and place.
    pub label: String,
    /// Every space it stands for sits on its municipality's centre, not its own address.
    pub approximate: bool,
    /// Its municipality's name and its spaces' slugs, for the script that applies the finder's
    /// filters to the map.
    pub place: String,
    pub spaces: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceGroup {
    /// The anchor a marker leads to.
    pub id: String,
    pub place: Item,
    pub spaces: Vec<MapSpace>,
}

/// A space in the list under the map.
#[derive(Debug, Clone, Serialize)]
pub struct MapSpace {
    pub slug: String,
    pub text: String,
    pub href: String,
}

/// A space on a map: what its marker and its line in the list show.
struct Located<'a> {
    slug: &'a str,
    title: &'a str,
    url: &'a str,
    at: (f64, f64),
    approximate: bool,
}

/// Degrees to the drawing's units: equirectangular, scaled by the cosine of the middle
/// latitude, which keeps the shapes recognisable at this size.
#[derive(Debug, Clone, Copy)]
struct Projection {
    width: f64,
    west: f64,
    north: f64,
    kx: f64,
    ky: f64,
    height: f64,
}

impl Projection {
    fn new((west, south, east, north): (f64, f64, f64, f64), width: f64) -> Projection {
        let (west, south, east, north) = (west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN);
        let kx = width / (east - west);
        let ky = kx / ((south + north) / 2.0).to_radians().cos();
        Projection {
            width,
            west,
            north,
            kx,
            ky,
            height: (north - south) * ky,
        }
    }

    fn point(&self, (lon, lat): LonLat) -> (f64, f64) {
        ((lon - self.west) * self.kx, (self.north - lat) * self.ky)
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        (0.0..=self.width).contains(&x) && (0.0..=self.height).contains(&y)
    }
}

/// The whole map, and one per province with spaces, with their routes.
pub fn map_pages(ctx: &RenderContext) -> Vec<(String, MapPage)> {
    let site = ctx.site;
    let shapes = site.model.geo.as_ref();
    let area = shapes
        .and_then(|s| Shapes::bounds(s.provinces.iter().filter(|p| p.region != "wallonie")))
        .unwrap_or(FLANDERS);
    let mut provinces: Vec<&str> = site
        .spaces
        .iter()
        .filter(|e| site.is_listed(&e.slug))
        .filter_map(|e| site.province_of(e.front.place.as_str()))
        .collect();
    provinces.sort_unstable();
    provinces.dedup();
    let province_shape = |key: &str| shapes.and_then(|s| s.provinces.iter().find(|p| p.key == key));
    let whole_url = site.urls.url(routes::MAP);
    let mut pages = vec![(
        routes::MAP.to_string(),
        map_page(
            ctx,
            None,
            area,
            provinces
                .iter()
                .filter(|p| province_shape(p).is_some())
                .map(|p| {
                    Item::link(
                        site.label(VocabularyKind::Provinces, p),
                        site.urls.url(&routes::province_map(p)),
                    )
                })
                .collect(),
        ),
    )];
    for province in provinces {
        let Some(shape) = province_shape(province) else {
            continue;
        };
        let bounds = Shapes::bounds([shape]).unwrap_or(area);
        let back = vec![Item::link(site.t("map_whole"), whole_url.clone())];
        pages.push((
            routes::province_map(province),
            map_page(ctx, Some(province), bounds, back),
        ));
    }
    pages
}

fn map_page(
    ctx: &RenderContext,
    province: Option<&str>,
    bounds: (f64, f64, f64, f64),
    other_maps: Vec<Item>,
) -> MapPage {
    let site = ctx.site;
    let projection = Projection::new(bounds, if province.is_some() { PROVINCE_WIDTH } else { WIDTH });
    let shown = |p: &ProvinceShape| match province {
        Some(key) => p.key == key,
        None => p.region != "wallonie",
    };
    let shapes: &[ProvinceShape] = site.model.geo.as_ref().map_or(&[], |s| &s.provinces);
    // The shown area's shapes last, so their outline lies on top of the neighbours'.
    let mut provinces: Vec<ShapePath> = shapes
        .iter()
        .filter(|p| !shown(p))
        .chain(shapes.iter().filter(|p| shown(p)))
        .map(|p| ShapePath {
            d: path(&projection, &p.rings, true),
            class: if shown(p) { "is-shown" } else { "is-context" },
        })
        .collect();
    provinces.retain(|p| !p.d.is_empty());

    // Spaces by municipality: one marker each, at the mean of their positions.
    let in_area = |place: &str| province.is_none_or(|key| site.province_of(place) == Some(key));
    let mut by_place: BTreeMap<&str, Vec<Located>> = BTreeMap::new();
    for e in &site.spaces {
        let (Some(listing), true) = (site.listing_of(&e.slug), in_area(e.front.place.as_str())) else {
            continue;
        };
        let Some((lat, lon, approximate)) = site.location(&e.front) else {
            continue;
        };
        by_place.entry(e.front.place.as_str()).or_default().push(Located {
            slug: &e.slug,
            title: listing.title,
            url: &listing.url,
            at: projection.point((lon, lat)),
            approximate,
        });
    }
    let mut markers = Vec::new();
    let mut places = Vec::new();
    for (place_key, spaces) in &by_place {
        let place_label = site.label(VocabularyKind::Places, place_key);
        let id = format!("plaats-{place_key}");
        let n = spaces.len() as f64;
        let (x, y) = spaces
            .iter()
            .fold((0.0, 0.0), |(x, y), s| (x + s.at.0 / n, y + s.at.1 / n));
        if projection.contains((x, y)) {
            let (href, label) = match spaces.as_slice() {
                [one] => (one.url.to_string(), format!("{place_label}: {}", one.title)),
                _ => (
                    format!("#{id}"),
                    site.t("map_marker_many")
                        .replace("{place}", &place_label)
                        .replace("{n}", &spaces.len().to_string()),
                ),
            };
            markers.push(Marker {
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                count: spaces.len(),
                href,
                label,
                approximate: spaces.iter().all(|s| s.approximate),
                place: place_label.clone(),
                spaces: spaces.iter().map(|s| s.slug).collect::<Vec<_>>().join(" "),
            });
        }
        let mut items: Vec<MapSpace> = spaces
            .iter()
            .map(|s| MapSpace {
                slug: s.slug.to_string(),
                text: s.title.to_string(),
                href: s.url.to_string(),
            })
            .collect();
        items.sort_by_key(|s| s.text.to_lowercase());
        places.push(PlaceGroup {
            id,
            place: Item::link(place_label, site.urls.url(&routes::facet(Facet::Place, place_key, 1))),
            spaces: items,
        });
    }
    // Markers drawn north to south, so a lower one is on top where two touch.
    markers.sort_by(|a, b| {
        let y = |m: &Marker| m.y.parse::<f64>().unwrap_or(0.0);
        y(a).total_cmp(&y(b)).then_with(|| a.href.cmp(&b.href))
    });
    places.sort_by_key(|g| g.place.text.to_lowercase());

    let (title, label, canonical) = match province {
        Some(key) => {
            let name = site.label(VocabularyKind::Provinces, key);
            (
                site.t("map_province_title").replace("{province}", &name),
                site.t("map_province_label").replace("{province}", &name),
                site.urls.absolute(&routes::province_map(key)),
            )
        }
        None => (
            site.t("map_title"),
            site.t("map_label"),
            site.urls.absolute(routes::MAP),
        ),
    };
    MapPage {
        title,
        intro: site.t("map_intro"),
        canonical,
        label,
        province: province.is_some(),
        width: projection.width as u32,
        height: projection.height.ceil() as u32,
        provinces,
        borders: borders(&projection, shapes),
        names: names(ctx, &projection, province, &markers),
        markers,
        places,
        list_heading: site.t("map_list"),
        other_maps_heading: site.t(if province.is_some() {
            "map_back"
        } else {
            "map_by_province"
        }),
        other_maps,
        finder_data: site.urls.url(&routes::finder_data(EntryKind::Space)),
        finder_url: site.urls.url(&routes::list(EntryKind::Space, 1)),
        labels: script_safe_json(&serde_json::Value::Object(
            MAP_UI_KEYS.iter().map(|k| (k.to_string(), site.t(k).into())).collect(),
        )),
    }
}

/// The strings the map's script shows when it applies the finder's filters.
const MAP_UI_KEYS: [&str; 5] = [
    "map_marker_many",
    "map_filtered",
    "map_filtered_none",
    "map_filter_edit",
    "map_filter_clear",
];

/// SVG path data for rings in the drawing's units, closed when asked.
fn path(projection: &Projection, rings: &[Vec<LonLat>], closed: bool) -> String {
    let mut d = String::new();
    for ring in rings {
        for (i, point) in ring.iter().enumerate() {
            let (x, y) = projection.point(*point);
            let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { " " });
        }
        if closed && !ring.is_empty() {
            d.push('Z');
        }
    }
    d
}

/// The country's outline and the borders between regions: the edges only one province has, or
/// two of different regions. The shapes share their borders point for point (see SOURCE.md).
fn borders(projection: &Projection, shapes: &[ProvinceShape]) -> String {
    type Edge = ((i64, i64), (i64, i64));
    let key = |(lon, lat): LonLat| ((lon * 1000.0).round() as i64, (lat * 1000.0).round() as i64);
    let edge = |a: LonLat, b: LonLat| -> Edge {
        let (a, b) = (key(a), key(b));
        if a <= b {
            (a, b)
        } else {
            (b, a)
        }
    };
    let mut regions: HashMap<Edge, Vec<&str>> = HashMap::new();
    for p in shapes {
        for ring in &p.rings {
            for pair in ring.windows(2) {
                regions.entry(edge(pair[0], pair[1])).or_default().push(&p.region);
            }
        }
    }
    let heavy = |e: &Edge| match regions[e].as_slice() {
        [_] => true,
        [a, b] => a != b,
        _ => false,
    };
    // Runs of heavy edges along each ring, as polylines; each shared edge once.
    let mut lines: Vec<Vec<LonLat>> = Vec::new();
    let mut drawn = std::collections::HashSet::new();
    for p in shapes {
        for ring in &p.rings {
            let mut line: Vec<LonLat> = Vec::new();
            for pair in ring.windows(2) {
                let e = edge(pair[0], pair[1]);
                if heavy(&e) && drawn.insert(e) {
                    if line.last() != Some(&pair[0]) {
                        if line.len() > 1 {
                            lines.push(std::mem::take(&mut line));
                        }
                        line = vec![pair[0]];
                    }
                    line.push(pair[1]);
                }
            }
            if line.len() > 1 {
                lines.push(line);
            }
        }
    }
    path(projection, &lines, false)
}

/// The larger places inside the map, by population: on the whole map the largest few, on a
/// province's map every place of the province the vocabulary knows. Each name goes right of its
/// place, or left where that covers a name already placed or a marker; a name that fits neither
/// is left out.
fn names(ctx: &RenderContext, projection: &Projection, province: Option<&str>, markers: &[Marker]) -> Vec<PlaceName> {
    type Box = (f64, f64, f64, f64);
    let site = ctx.site;
    let mut places: Vec<_> = site
        .model
        .vocab
        .places
        .iter()
        .filter(|p| province.is_none_or(|key| p.province.as_str() == key))
        .filter(|p| projection.contains(projection.point((p.centroid.lon, p.centroid.lat))))
        .collect();
    places.sort_by_key(|p| std::cmp::Reverse(p.population.as_ref().map_or(0, |n| n.count)));
    let limit = if province.is_none() { NAMED_PLACES } else { usize::MAX };
    let overlaps = |a: &Box, b: &Box| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let mut taken: Vec<Box> = markers
        .iter()
        .map(|m| {
            let (x, y) = (m.x.parse().unwrap_or(0.0), m.y.parse().unwrap_or(0.0));
            let r = if m.count > 1 { 13.0 } else { 8.0 };
            (x - r, y - r, x + r, y + r)
        })
        .collect();
    let mut names = Vec::new();
    for p in places {
        if names.len() == limit {
            break;
        }
        let (x, y) = projection.point((p.centroid.lon, p.centroid.lat));
        let text = site.label(VocabularyKind::Places, &p.key);
        let width = text.chars().count() as f64 * NAME_CHAR;
        let (top, bottom) = (y - NAME_HEIGHT / 2.0, y + NAME_HEIGHT / 2.0);
        let right = (x + NAME_GAP, top, x + NAME_GAP + width, bottom);
        let left = (x - NAME_GAP - width, top, x - NAME_GAP, bottom);
        let fits = |b: &Box| b.0 >= 0.0 && b.2 <= projection.width && !taken.iter().any(|t| overlaps(t, b));
        let (place, text_x, anchor) = if fits(&right) {
            (right, x + NAME_GAP, "start")
        } else if fits(&left) {
            (left, x - NAME_GAP, "end")
        } else {
            continue;
        };
        taken.push(place);
        names.push(PlaceName {
            x: format!("{x:.1}"),
            y: format!("{y:.1}"),
            text_x: format!("{text_x:.1}"),
            text,
            anchor,
        });
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gent_lies_west_of_leuven_and_north_of_brussels() {
        let projection = Projection::new(FLANDERS, WIDTH);
        let gent = projection.point((3.717, 51.054));
        let leuven = projection.point((4.701, 50.879));
        let brussel = projection.point((4.357, 50.847));
        assert!(gent.0 < leuven.0);
        assert!(gent.1 < brussel.1, "north is up");
        assert!(projection.contains(gent));
    }
}

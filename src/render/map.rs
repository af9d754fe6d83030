//! The map of spaces, drawn at build time as SVG: no tile server, no script, every point a link.
//! Spaces without coordinates sit on their municipality's centre (and say so).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::vocab::VocabularyKind;

use crate::site::routes::{self, Facet};

use super::context::RenderContext;
use super::entries::Item;

/// The part of Belgium the map shows (Flanders and Brussels with a margin), in degrees.
const LAT: (f64, f64) = (50.65, 51.52);
const LON: (f64, f64) = (2.50, 5.95);
const WIDTH: f64 = 800.0;

#[derive(Debug, Clone, Serialize)]
pub struct MapPage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    pub label: String,
    pub width: u32,
    pub height: u32,
    pub points: Vec<Point>,
    pub places: Vec<PlaceGroup>,
    pub list_heading: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub x: String,
    pub y: String,
    pub url: String,
    pub title: String,
    pub approximate: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceGroup {
    pub place: Item,
    pub spaces: Vec<Item>,
}

/// Equirectangular projection scaled by the cosine of the middle latitude, which keeps Flanders'
/// shape recognisable at this size.
fn project(lat: f64, lon: f64) -> (f64, f64) {
    let kx = WIDTH / (LON.1 - LON.0);
    let ky = kx / ((LAT.0 + LAT.1) / 2.0).to_radians().cos();
    ((lon - LON.0) * kx, (LAT.1 - lat) * ky)
}

pub fn map_page(ctx: &RenderContext) -> MapPage {
    let height = project(LAT.0, LON.0).1;
    let mut points = Vec::new();
    let mut groups: BTreeMap<String, (Item, Vec<Item>)> = BTreeMap::new();
    let approximate = ctx.site.t("map_approximate");
    for e in &ctx.site.spaces {
        let Some(card) = ctx.site.listing_of(&e.slug) else {
            continue;
        };
        let place_key = e.front.place.as_str();
        let place_label = ctx.site.label(VocabularyKind::Places, place_key);
        if let Some((lat, lon, approx)) = ctx.site.location(&e.front) {
            let (x, y) = project(lat, lon);
            if (0.0..=WIDTH).contains(&x) && (0.0..=height).contains(&y) {
                let title = if approx {
                    format!("{} ({place_label}, {approximate})", card.title)
                } else {
                    format!("{} ({place_label})", card.title)
                };
                points.push(Point {
                    x: format!("{x:.1}"),
                    y: format!("{y:.1}"),
                    url: card.url.clone(),
                    title,
                    approximate: approx,
                });
            }
        }
        let group = groups.entry(place_label.to_lowercase()).or_insert_with(|| {
            (
                Item::link(
                    place_label.clone(),
                    ctx.site.urls.url(&routes::facet(Facet::Place, place_key, 1)),
                ),
                Vec::new(),
            )
        });
        group.1.push(Item::link(card.title.to_string(), card.url.clone()));
    }
    // Points drawn in a stable order; later points on top.
    points.sort_by(|a, b| (&a.y, &a.x, &a.url).cmp(&(&b.y, &b.x, &b.url)));
    let places = groups
        .into_values()
        .map(|(place, mut spaces)| {
            spaces.sort_by_key(|s| s.text.to_lowercase());
            PlaceGroup { place, spaces }
        })
        .collect();
    MapPage {
        title: ctx.site.t("map_title"),
        intro: ctx.site.t("map_intro"),
        canonical: ctx.site.urls.absolute(routes::MAP),
        label: ctx.site.t("map_label"),
        width: WIDTH as u32,
        height: height.ceil() as u32,
        points,
        places,
        list_heading: ctx.site.t("map_list"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gent_lies_west_of_leuven_and_north_of_brussels() {
        let gent = project(51.054, 3.717);
        let leuven = project(50.879, 4.701);
        let brussel = project(50.847, 4.357);
        assert!(gent.0 < leuven.0);
        assert!(gent.1 < brussel.1, "north is up");
        assert!(gent.0 > 0.0 && gent.0 < WIDTH);
    }
}

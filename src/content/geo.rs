//! The map's shapes: Belgium's provinces and the Brussels region from `data/geo/belgium.json`
//! (GeoJSON, WGS84; see `SOURCE.md` beside it). Optional: without the file the map draws its
//! markers on a plain ground.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// Where the shapes are, inside the content folder.
pub const SHAPES_FILE: &str = "data/geo/belgium.json";

/// A longitude and latitude, in degrees.
pub type LonLat = (f64, f64);

#[derive(Debug, Clone, Default)]
pub struct Shapes {
    pub provinces: Vec<ProvinceShape>,
}

#[derive(Debug, Clone)]
pub struct ProvinceShape {
    /// A key of provinces.yaml.
    pub key: String,
    /// `vlaanderen`, `wallonie` or `brussel`.
    pub region: String,
    /// Outer rings and holes alike: the map fills them even-odd.
    pub rings: Vec<Vec<LonLat>>,
}

impl Shapes {
    /// The smallest box around a province's rings, or around all of them: (west, south, east,
    /// north).
    pub fn bounds<'s>(provinces: impl IntoIterator<Item = &'s ProvinceShape>) -> Option<(f64, f64, f64, f64)> {
        let mut points = provinces.into_iter().flat_map(|p| p.rings.iter().flatten());
        let first = *points.next()?;
        Some(
            points.fold((first.0, first.1, first.0, first.1), |(w, s, e, n), &(lon, lat)| {
                (w.min(lon), s.min(lat), e.max(lon), n.max(lat))
            }),
        )
    }
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    key: String,
    region: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<LonLat>>),
    MultiPolygon(Vec<Vec<Vec<LonLat>>>),
}

/// Reads the shapes, if the content folder has them; a file that is not such GeoJSON is an error
/// that names it.
pub fn load(root: &Path) -> Result<Option<Shapes>, Diagnostic> {
    let path = root.join(SHAPES_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let collection: Collection = serde_json::from_str(&text).map_err(|e| {
        Diagnostic::error("invalid-geojson", SHAPES_FILE, format!("the map's shapes cannot be read: {e}"))
            .hint("a GeoJSON FeatureCollection of Polygons and MultiPolygons with `key` and `region` properties; see SOURCE.md beside it")
    })?;
    let provinces = collection
        .features
        .into_iter()
        .map(|f| ProvinceShape {
            key: f.properties.key,
            region: f.properties.region,
            rings: match f.geometry {
                Geometry::Polygon(rings) => rings,
                Geometry::MultiPolygon(polygons) => polygons.into_iter().flatten().collect(),
            },
        })
        .collect();
    Ok(Some(Shapes { provinces }))
}

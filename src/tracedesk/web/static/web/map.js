/*
 * TraceDesk facility map. Needs the vendored Leaflet (vendor/leaflet-1.9.4/leaflet.js
 * and leaflet.css) loaded before this file. Usage in a template:
 *
 *   <div class="map" data-map
 *        data-basemap-url="{% static 'basemap/basemap.geojson' %}"
 *        data-tile-url=""                      (optional XYZ template, empty = offline only)
 *        data-tile-attribution=""
 *        data-markers="facility-markers"></div>
 *   {{ markers|json_script:"facility-markers" }}
 *   <script src="{% static 'web/map.js' %}" defer></script>
 *
 * Markers: [{"lat": 50.45, "lon": 30.52, "label": "...", "url": "/facilities/1/", "kind": "..."}]
 * Labels are user data: they are only ever set as textContent, never as HTML.
 */
(function () {
  "use strict";

  var UKRAINE_BOUNDS = [[44, 22], [53, 41]];

  var MARKER_COLOUR = "#1d4ed8"; // override per kind in CSS: .map-marker-<kind> { fill: ...; }

  function scriptBase() {
    // Directory of this script, e.g. "/static/web/": used to find vendor/ and
    // basemap/ without hard-coding STATIC_URL.
    var el = document.currentScript;
    if (!el) {
      var all = document.querySelectorAll('script[src*="map.js"]');
      el = all[all.length - 1];
    }
    if (!el || !el.src) return null;
    return el.src.replace(/[^/]*$/, "");
  }

  var BASE = scriptBase();

  function configureIcons() {
    // Leaflet guesses its image path from leaflet.css; pin it to the vendored
    // copy so nothing is ever fetched from a CDN.
    if (!window.L || !BASE) return;
    var imagePath = new URL("../vendor/leaflet-1.9.4/images/", BASE).href;
    L.Icon.Default.prototype.options.imagePath = imagePath;
  }

  function readMarkers(id) {
    if (!id) return [];
    var node = document.getElementById(id);
    if (!node) return [];
    try {
      var data = JSON.parse(node.textContent || "[]");
      return Array.isArray(data) ? data : [];
    } catch (err) {
      console.warn("map.js: markers JSON in #" + id + " is invalid", err);
      return [];
    }
  }

  function safeUrl(url) {
    // Only same-origin paths or http(s) links become anchors.
    if (typeof url !== "string" || !url) return null;
    try {
      var parsed = new URL(url, window.location.href);
      // Keep the caller's (usually relative) URL; only the scheme is checked.
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
    } catch (err) {
      return null;
    }
  }

  function popupContent(item) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var label = item.label == null || item.label === "" ? "(unnamed)" : String(item.label);
    var href = safeUrl(item.url);
    var title;
    if (href) {
      title = document.createElement("a");
      title.href = href;
    } else {
      title = document.createElement("strong");
    }
    title.textContent = label;
    box.appendChild(title);
    if (item.kind) {
      var kind = document.createElement("div");
      kind.className = "map-popup-kind";
      kind.textContent = String(item.kind);
      box.appendChild(kind);
    }
    return box;
  }

  function basemapStyle(feature) {
    var p = (feature && feature.properties) || {};
    if (p.kind === "country") {
      return { color: "#9ca3af", weight: 0.8, fillColor: "#f3f4f6", fillOpacity: 1 };
    }
    if (p.country === "UA") {
      return { color: "#8b95a5", weight: 0.7, fillColor: "#e5e7eb", fillOpacity: 1 };
    }
    return { color: "#a3aab5", weight: 0.5, fillColor: "#eceef1", fillOpacity: 1 };
  }

  function cssToken(value) {
    return String(value || "").toLowerCase().replace(/[^a-z0-9_-]+/g, "-").slice(0, 40);
  }

  function coord(value) {
    if (value === null || value === undefined || value === "") return NaN;
    return Number(value);
  }

  function addBasemap(map, url, overTiles) {
    if (!url) return;
    fetch(url, { credentials: "same-origin" })
      .then(function (resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status);
        return resp.json();
      })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          pane: "basemap",
          style: function (feature) {
            var style = basemapStyle(feature);
            // Over a tile layer the basemap only contributes its borders.
            if (overTiles) style.fillOpacity = 0;
            return style;
          },
          interactive: true,
          onEachFeature: function (feature, lyr) {
            var name = feature.properties && feature.properties.name;
            if (!name) return;
            var tip = document.createElement("span");
            tip.textContent = name;
            lyr.bindTooltip(tip, { sticky: true, direction: "top", opacity: 0.85 });
          },
        });
        layer.addTo(map);
      })
      .catch(function (err) {
        console.warn("map.js: could not load basemap " + url, err);
      });
  }

  function buildMap(el) {
    if (el._tracedeskMap) return el._tracedeskMap;
    var map = L.map(el, { worldCopyJump: false, minZoom: 2, maxZoom: 14, zoomSnap: 0.5 });
    el._tracedeskMap = map;

    // Basemap polygons sit under the markers but above any tile layer.
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 250;
    el.style.background = el.style.background || "#dbe7f0"; // sea / outside the basemap

    var tileUrl = (el.dataset.tileUrl || "").trim();
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        attribution: el.dataset.tileAttribution || "",
        maxZoom: 19,
      }).addTo(map);
    }
    addBasemap(map, el.dataset.basemapUrl, Boolean(tileUrl));

    var points = [];
    readMarkers(el.dataset.markers).forEach(function (item) {
      if (!item || typeof item !== "object") return;
      var lat = coord(item.lat);
      var lon = coord(item.lon);
      if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 360) return;
      var marker = L.circleMarker([lat, lon], {
        radius: 6,
        color: "#ffffff",
        weight: 1.5,
        fillColor: MARKER_COLOUR,
        fillOpacity: 0.9,
        className: "map-marker" + (item.kind ? " map-marker-" + cssToken(item.kind) : ""),
      });
      marker.bindPopup(popupContent(item));
      var tip = document.createElement("span");
      tip.textContent = item.label == null ? "" : String(item.label);
      if (tip.textContent) marker.bindTooltip(tip, { direction: "top", offset: [0, -6] });
      marker.addTo(map);
      points.push([lat, lon]);
    });

    if (points.length === 1) {
      map.setView(points[0], 8);
    } else if (points.length > 1) {
      map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 10 });
    } else {
      map.fitBounds(UKRAINE_BOUNDS);
    }
    return map;
  }

  function init() {
    if (!window.L) {
      console.error("map.js: Leaflet is not loaded (include vendor/leaflet-1.9.4/leaflet.js first)");
      return;
    }
    configureIcons();
    document.querySelectorAll("[data-map]").forEach(function (el) {
      try {
        buildMap(el);
      } catch (err) {
        console.error("map.js: could not build map", el, err);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Maps inside content swapped in by htmx.
  document.addEventListener("htmx:load", function (evt) {
    if (!window.L) return;
    var root = evt.target;
    if (!root || !root.querySelectorAll) return;
    var found = root.matches && root.matches("[data-map]") ? [root] : [];
    root.querySelectorAll("[data-map]").forEach(function (el) { found.push(el); });
    found.forEach(function (el) {
      if (!el._tracedeskMap) buildMap(el);
    });
  });
})();

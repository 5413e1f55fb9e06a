"""Where countries are: their points and borders, from countryinfo's records."""

from __future__ import annotations

import functools
import importlib.resources
import json
from typing import Any

from tracedesk.pipeline.geo.regions import country_points

__all__ = ["country_contains", "country_info", "country_point"]


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and centroid (lon, lat) of a polygon ring, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def country_point(info: dict[str, Any], code: str = "") -> tuple[float, float] | None:
    """Where a country is: our table's point, else countryinfo's factbook point.

    The table (``data/places.tsv``) gives GeoNames' own point where it is not the factbook's:
    the id we report is GeoNames', so its point should be too ("Canada" is 60.1 N 113.6 W
    there, 60 N 95 W in the factbook). A country with neither is placed at the centroid of
    its largest piece of land.
    """
    point = country_points().get(code)
    if point is not None:
        return point
    latlng = info.get("latlng") or []
    if len(latlng) == 2:
        return float(latlng[0]), float(latlng[1])
    best = (0.0, 0.0, 0.0)
    for feature in (info.get("geoJSON") or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            candidate = _ring_centroid(polygon[0])
            if candidate[0] > best[0]:
                best = candidate
    return (best[2], best[1]) if best[0] > 0 else None


def _inside(ring: list[list[float]], lat: float, lon: float) -> bool:
    """Whether a point lies inside a polygon ring (ray casting; rings are lon, lat)."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def country_contains(code: str, lat: float, lon: float) -> bool:
    """Whether a point lies inside a country's borders (countryinfo's polygons)."""
    for feature in (country_info().get(code, {}).get("geoJSON") or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        if any(_inside(polygon[0], lat, lon) for polygon in polygons):
            return True
    return False


@functools.cache
def country_info() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO alpha-2 code."""
    records: dict[str, dict[str, Any]] = {}
    folder = importlib.resources.files("countryinfo") / "data"
    for path in folder.iterdir():
        if path.name.endswith(".json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            code = (record.get("ISO") or {}).get("alpha2")
            if code:
                records[code] = record
    return records

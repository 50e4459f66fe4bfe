#!/usr/bin/env python3
"""Reference answers for the Iraq–Syria border figures: distance, side, chainage.

An implementation independent of the Rust code (``src/border.rs``), for the ``--expected`` files
of ``tools/gen_exports.py`` and for spot checks::

    python3 tools/border_expected.py LON LAT [LON LAT ...]
    python3 tools/border_expected.py --segments geodesic 40.9185 34.4523

Needs ``geographiclib`` (``pip install geographiclib``), pure Python.

How it measures
---------------
* **The border** is the first LineString of ``gazetteer/border.geojson`` (Natural Earth 10m,
  75 vertices, ordered from the Turkish tripoint to the Jordanian tripoint). Coordinates are
  (longitude, latitude) on WGS 84.
* **Between two vertices** the line is, by default, the straight line in longitude/latitude
  (``--segments lonlat``): RFC 7946 says a GeoJSON line between two positions is a straight
  Cartesian line in the coordinate reference system, and this is the line the Rust code
  interpolates on. ``--segments geodesic`` takes the geodesic between the vertices instead.
  The two differ by up to 13.1 m on this border (its longest segment, 34.2 km, between the
  Euphrates and Al-Tanf; five segments differ by more than 5 m), which is larger than the 10 m
  tolerance of the tests, so the choice matters and is stated with the results.
* **border_km** is the WGS 84 geodesic distance (GeographicLib ``Geodesic.WGS84.Inverse``,
  accurate to nanometres) from the point to the nearest point of the line. The nearest point is
  found per segment by minimising the geodesic distance along the segment parameter t in [0, 1]:
  9 evenly spaced samples, then golden-section search around the best sample down to
  |dt| < 1e-9 (under 0.04 mm on the longest segment). The distance along a segment has one
  minimum (no segment bends by more than 13 m over its length), so the search finds it; the
  self-test checks the results against brute-force sampling. Segments are first screened with
  an equirectangular estimate and minimised exactly in order of that estimate; a segment is
  skipped only when its estimate, less a 5% + 5 km margin (the estimate errs by well under 5% at
  these distances), is farther than the best exact distance found, so the screening does not
  change the answer.
* **chainage_km** is the geodesic length along the line from its first vertex (the Turkish
  tripoint) to that nearest point: the sum of the geodesic lengths of the whole segments before
  it plus the geodesic distance from the segment's start vertex to the nearest point.
* **side** is ``IQ`` or ``SY`` when the point lies inside the Iraq or Syria outline of
  ``gazetteer/countries.geojson`` (property ``iso_a2``), else ``other`` (Jordan, Turkey, Saudi
  Arabia, or no outline at all). Point in polygon is ray casting with the even-odd rule over
  every ring of every polygon of the feature (so holes are honoured), after a bounding-box
  test. A point exactly on an edge is not specially treated: keep test points off the outline.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

try:
    from geographiclib.geodesic import Geodesic
except ImportError:  # pragma: no cover - message for the user
    sys.exit("border_expected.py needs geographiclib: pip install geographiclib")

ROOT = Path(__file__).resolve().parent.parent
BORDER_GEOJSON = ROOT / "gazetteer" / "border.geojson"
COUNTRIES_GEOJSON = ROOT / "gazetteer" / "countries.geojson"

_G = Geodesic.WGS84
_DIST = Geodesic.DISTANCE
_INV_PHI = (math.sqrt(5.0) - 1.0) / 2.0  # 0.618...


def geodesic_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """WGS 84 geodesic distance in metres between two (lon, lat) points."""
    return _G.Inverse(lat1, lon1, lat2, lon2, _DIST)["s12"]


class BorderModel:
    """The border line and the country outlines, with the measuring functions."""

    def __init__(self, border_path: Path = BORDER_GEOJSON,
                 countries_path: Path = COUNTRIES_GEOJSON, segments: str = "lonlat"):
        if segments not in ("lonlat", "geodesic"):
            raise ValueError("segments must be 'lonlat' or 'geodesic'")
        self.segments = segments
        fc = json.loads(Path(border_path).read_text(encoding="utf-8"))
        line = None
        for f in fc["features"]:
            if f.get("geometry", {}).get("type") == "LineString":
                line = f["geometry"]["coordinates"]
                break
        if line is None:
            raise ValueError(f"{border_path}: no LineString feature")
        self.line = [(float(x), float(y)) for x, y, *_ in line]
        # geodesic length of every segment and the chainage at every vertex, metres
        self.seg_m = [geodesic_m(a[0], a[1], b[0], b[1])
                      for a, b in zip(self.line, self.line[1:])]
        self.cum_m = [0.0]
        for s in self.seg_m:
            self.cum_m.append(self.cum_m[-1] + s)
        self._geolines = [_G.InverseLine(a[1], a[0], b[1], b[0])
                          for a, b in zip(self.line, self.line[1:])]
        # countries: list of (iso_a2, name, [(bbox, [rings])])
        self.countries = []
        cfc = json.loads(Path(countries_path).read_text(encoding="utf-8"))
        for f in cfc["features"]:
            props = f.get("properties") or {}
            code = props.get("iso_a2") or ""
            name = props.get("name") or ""
            g = f["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            parts = []
            for poly in polys:
                rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in poly]
                xs = [p[0] for p in rings[0]]
                ys = [p[1] for p in rings[0]]
                parts.append(((min(xs), min(ys), max(xs), max(ys)), rings))
            self.countries.append((code, name, parts))

    # -- the line ---------------------------------------------------------------------------

    def length_km(self) -> float:
        return self.cum_m[-1] / 1000.0

    def _point_on(self, i: int, t: float) -> tuple[float, float]:
        """The point at parameter t of segment i, (lon, lat)."""
        a, b = self.line[i], self.line[i + 1]
        if self.segments == "lonlat":
            return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
        p = self._geolines[i].Position(t * self.seg_m[i], Geodesic.LATITUDE | Geodesic.LONGITUDE)
        return (p["lon2"], p["lat2"])

    def _seg_estimate_km(self, lon: float, lat: float, i: int) -> float:
        """Equirectangular estimate of the distance to segment i, km (for screening only)."""
        k = math.cos(math.radians(lat))
        a, b = self.line[i], self.line[i + 1]
        ax, ay = (a[0] - lon) * k, a[1] - lat
        bx, by = (b[0] - lon) * k, b[1] - lat
        dx, dy = bx - ax, by - ay
        l2 = dx * dx + dy * dy
        t = 0.0 if l2 == 0.0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / l2))
        qx, qy = ax + t * dx, ay + t * dy
        return math.hypot(qx, qy) * 111.195

    def _seg_min(self, lon: float, lat: float, i: int) -> tuple[float, float]:
        """(distance m, t) of the geodesically nearest point of segment i."""
        def f(t: float) -> float:
            q = self._point_on(i, t)
            return geodesic_m(lon, lat, q[0], q[1])

        n = 8
        samples = [(f(j / n), j / n) for j in range(n + 1)]
        best_d, best_t = min(samples)
        lo, hi = max(0.0, best_t - 1.0 / n), min(1.0, best_t + 1.0 / n)
        # golden-section search on [lo, hi]
        c = hi - _INV_PHI * (hi - lo)
        d = lo + _INV_PHI * (hi - lo)
        fc, fd = f(c), f(d)
        while hi - lo > 1e-9:
            if fc < fd:
                hi, d, fd = d, c, fc
                c = hi - _INV_PHI * (hi - lo)
                fc = f(c)
            else:
                lo, c, fc = c, d, fd
                d = lo + _INV_PHI * (hi - lo)
                fd = f(d)
        t = (lo + hi) / 2.0
        dt = f(t)
        for cand_d, cand_t in ((best_d, best_t), (fc, c), (fd, d)):
            if cand_d < dt:
                dt, t = cand_d, cand_t
        return dt, t

    def fix(self, lon: float, lat: float) -> dict:
        """Distance (km), chainage (km) and nearest border point of (lon, lat)."""
        est = sorted((self._seg_estimate_km(lon, lat, i), i) for i in range(len(self.seg_m)))
        limit = est[0][0] * 1.05 + 5.0
        best = None
        for e, i in est:
            # nearest estimate first; a segment whose estimate, less its error margin, is
            # already farther than the best exact distance cannot hold the nearest point
            if e > limit or (best is not None and e / 1.05 - 5.0 > best[0] / 1000.0):
                break
            d, t = self._seg_min(lon, lat, i)
            if best is None or d < best[0]:
                best = (d, i, t)
        d, i, t = best
        q = self._point_on(i, t)
        a = self.line[i]
        chain = self.cum_m[i] + geodesic_m(a[0], a[1], q[0], q[1])
        return {"border_km": d / 1000.0, "chainage_km": chain / 1000.0,
                "nearest": q, "segment": i, "t": t}

    # -- sides ------------------------------------------------------------------------------

    @staticmethod
    def _in_rings(x: float, y: float, rings) -> bool:
        inside = False
        for ring in rings:
            n = len(ring)
            j = n - 1
            for k in range(n):
                xi, yi = ring[k]
                xj, yj = ring[j]
                if (yi > y) != (yj > y):
                    xc = xi + (y - yi) * (xj - xi) / (yj - yi)
                    if x < xc:
                        inside = not inside
                j = k
        return inside

    def country_at(self, lon: float, lat: float) -> str | None:
        """iso_a2 of the outline that contains the point, or None."""
        for code, _name, parts in self.countries:
            for (x0, y0, x1, y1), rings in parts:
                if x0 <= lon <= x1 and y0 <= lat <= y1 and self._in_rings(lon, lat, rings):
                    return code
        return None

    def side(self, lon: float, lat: float) -> str:
        c = self.country_at(lon, lat)
        return c if c in ("IQ", "SY") else "other"

    def outline_distance_km(self, lon: float, lat: float, code: str,
                            cap_km: float = 100.0) -> float:
        """Equirectangular estimate of the distance from the point to the outline of country
        `code` (any ring), capped at cap_km. Used by the generator to keep jitter inside a
        country; not part of the reference answers."""
        k = math.cos(math.radians(lat))
        deg = cap_km / 111.0
        best = cap_km
        for c, _name, parts in self.countries:
            if c != code:
                continue
            for (x0, y0, x1, y1), rings in parts:
                if lon < x0 - deg / k or lon > x1 + deg / k or lat < y0 - deg or lat > y1 + deg:
                    continue
                for ring in rings:
                    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
                        if (min(ax, bx) > lon + deg / k or max(ax, bx) < lon - deg / k
                                or min(ay, by) > lat + deg or max(ay, by) < lat - deg):
                            continue
                        ux, uy = (ax - lon) * k, ay - lat
                        vx, vy = (bx - lon) * k, by - lat
                        dx, dy = vx - ux, vy - uy
                        l2 = dx * dx + dy * dy
                        t = 0.0 if l2 == 0.0 else max(0.0, min(1.0, -(ux * dx + uy * dy) / l2))
                        dd = math.hypot(ux + t * dx, uy + t * dy) * 111.195
                        if dd < best:
                            best = dd
        return best

    def expected(self, lon: float, lat: float) -> dict:
        f = self.fix(lon, lat)
        f["side"] = self.side(lon, lat)
        return f


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("coords", nargs="+", type=float, help="LON LAT pairs")
    ap.add_argument("--segments", choices=("lonlat", "geodesic"), default="lonlat")
    a = ap.parse_args(argv)
    if len(a.coords) % 2:
        ap.error("give LON LAT pairs")
    m = BorderModel(segments=a.segments)
    print("lon,lat,border_km,side,chainage_km")
    for lon, lat in zip(a.coords[::2], a.coords[1::2]):
        e = m.expected(lon, lat)
        print(f"{lon},{lat},{e['border_km']:.4f},{e['side']},{e['chainage_km']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build gazetteer/areas.geojson: the polygons of the gazetteer's province and region sites.

Inputs are the vendored base layers in gazetteer/ plus the polygonized Natural Earth admin-1
layer in the shared geodata folder (default ../shared/geodata, or --geodata DIR):

- governorates: `admin1_polygonized.geojson` (Natural Earth 10m admin-1 lines, polygonized),
  matched by the name of the feature. The feature whose status starts with "MERGED" joins
  Nineveh, Salah ad-Din, Duhok and Erbil and is deliberately not used: the Nineveh site has
  no polygon.
- iraq-syria-border-strip: the border line (gazetteer/border.geojson) buffered 15 km on each
  side in an azimuthal equidistant projection centred on the border, clipped to Iraq ∪ Syria
  (gazetteer/countries.geojson).
- homs-desert: the Homs governorate polygon east of 37.5° E (see HOMS_DESERT_NOTE).

Output: a FeatureCollection sorted by id, coordinates rounded to 5 decimals, exterior rings
counter-clockwise and holes clockwise (RFC 7946), every geometry checked with shapely's
is_valid. Same inputs give a byte-identical file.

    pip install shapely pyproj
    python3 tools/build_areas.py [--geodata DIR] [--out gazetteer/areas.geojson]
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
from pyproj import Transformer
import shapely
from shapely import set_precision
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
GAZ = os.path.join(ROOT, "gazetteer")
DEFAULT_GEODATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "geodata"))

ADMIN1_SOURCE = ("Natural Earth 10m admin-1 boundary lines (public domain), polygonized; "
                 "shared/geodata/admin1_polygonized.geojson")

# site id -> (feature name in admin1_polygonized.geojson, display name, note)
GOVERNORATES = {
    "anbar-governorate": ("IQ Al-Anbar (Ramadi)", "Anbar Governorate", ""),
    "baghdad-governorate": ("IQ Baghdad", "Baghdad Governorate",
                            "the Natural Earth polygon (about 660 km²) covers the urban core "
                            "only; the governorate is several times larger"),
    "karbala-governorate": ("IQ Karbala", "Karbala Governorate", ""),
    "najaf-governorate": ("IQ Najaf", "Najaf Governorate", ""),
    "deir-ez-zor-governorate": ("SY Deir ez-Zor", "Deir ez-Zor Governorate",
                                "Syrian admin-1 polygons are approximate"),
    "hasakah-governorate": ("SY Al-Hasakah", "Al-Hasakah Governorate",
                            "Syrian admin-1 polygons are approximate"),
    "raqqa-governorate": ("SY Ar-Raqqah", "Raqqa Governorate",
                          "Syrian admin-1 polygons are approximate"),
    "homs-governorate": ("SY Homs", "Homs Governorate", "Syrian admin-1 polygons are approximate"),
    "aleppo-governorate": ("SY Aleppo", "Aleppo Governorate",
                           "Syrian admin-1 polygons are approximate"),
    "rif-dimashq-governorate": ("SY Rif Dimashq (Dumayr)", "Rif Dimashq Governorate",
                                "Syrian admin-1 polygons are approximate; the hole is Damascus"),
    "hama-governorate": ("SY Hama", "Hama Governorate", "Syrian admin-1 polygons are approximate"),
    "idlib-governorate": ("SY Idlib", "Idlib Governorate", "Syrian admin-1 polygons are approximate"),
    "mafraq-governorate": ("JO Mafraq", "Mafraq Governorate", ""),
    "northern-borders-province": ("SA Northern Borders (Arar)", "Northern Borders Province", ""),
}

STRIP_HALF_WIDTH_M = 15_000
HOMS_DESERT_MIN_LON = 37.5
HOMS_DESERT_NOTE = (
    "Approximation, not a surveyed boundary: the Natural Earth Homs governorate polygon east of "
    f"{HOMS_DESERT_MIN_LON}° E, i.e. the desert (badia) part of Homs governorate holding Tiyas/T4, "
    "Palmyra, Al-Sukhnah and Al-Tanf. The wider Syrian Badia also covers parts of Deir ez-Zor, "
    "Rif Dimashq, Hama and Raqqa governorates, which this polygon leaves out.")


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def round_geom(geom):
    """Round to 5 decimals (about 1 m), repair if rounding broke validity, orient rings."""
    geom = set_precision(geom, 1e-5)
    if not geom.is_valid:
        geom = geom.buffer(0)
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    polys = [orient(p, sign=1.0) for p in polys if not p.is_empty and p.area > 0]
    out = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    assert out.is_valid, "geometry invalid after rounding"
    return out


def coords_5(obj):
    """Round every coordinate in a GeoJSON geometry mapping to 5 decimals."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(obj[0]), 5), round(float(obj[1]), 5)]
        return [coords_5(o) for o in obj]
    return obj


def feature(site_id: str, name: str, geom, source: str, note: str) -> dict:
    gm = mapping(geom)
    props = {"id": site_id, "name": name, "source": source}
    if note:
        props["note"] = note
    return {"type": "Feature", "properties": props,
            "geometry": {"type": gm["type"], "coordinates": coords_5(gm["coordinates"])}}


def border_strip(border_line, countries: dict):
    c = border_line.centroid
    aeqd = f"+proj=aeqd +lat_0={c.y:.4f} +lon_0={c.x:.4f} +datum=WGS84 +units=m +no_defs"
    fwd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    inv = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)

    def project(geom, tr):
        return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))

    buf = project(border_line, fwd).buffer(STRIP_HALF_WIDTH_M, quad_segs=16)
    strip = project(buf, inv)
    iq_sy = unary_union([countries["IQ"], countries["SY"]])
    return strip.intersection(iq_sy)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geodata", default=DEFAULT_GEODATA,
                    help="folder holding admin1_polygonized.geojson")
    ap.add_argument("--out", default=os.path.join(GAZ, "areas.geojson"))
    args = ap.parse_args()

    admin1 = {f["properties"]["name"]: f for f in
              load(os.path.join(args.geodata, "admin1_polygonized.geojson"))["features"]}
    countries = {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in
                 load(os.path.join(GAZ, "countries.geojson"))["features"]}
    border = shape(load(os.path.join(GAZ, "border.geojson"))["features"][0]["geometry"])

    feats = []
    for site_id, (src_name, name, note) in GOVERNORATES.items():
        f = admin1[src_name]
        status = f["properties"].get("status", "")
        if status.startswith("MERGED"):
            raise SystemExit(f"{src_name} is a merged feature; refusing to use it for {site_id}")
        feats.append(feature(site_id, name, round_geom(shape(f["geometry"])), ADMIN1_SOURCE, note))

    strip = round_geom(border_strip(border, countries))
    feats.append(feature(
        "iraq-syria-border-strip", "Iraq–Syria border strip", strip,
        "derived: gazetteer/border.geojson (Natural Earth 10m boundary) buffered "
        f"{STRIP_HALF_WIDTH_M // 1000} km each side in an azimuthal equidistant projection, "
        "clipped to Iraq and Syria from gazetteer/countries.geojson",
        "a working definition of the border belt, not an administrative zone"))

    homs = shape(admin1["SY Homs"]["geometry"])
    desert = round_geom(homs.intersection(box(HOMS_DESERT_MIN_LON, 30.0, 45.0, 40.0)))
    feats.append(feature("homs-desert", "Homs desert (Syrian Badia, Homs part)", desert,
                         ADMIN1_SOURCE + "; clipped east of 37.5° E", HOMS_DESERT_NOTE))

    feats.sort(key=lambda f: f["properties"]["id"])
    for f in feats:
        g = shape(f["geometry"])
        if not g.is_valid:
            raise SystemExit(f"invalid geometry for {f['properties']['id']}")
    fc = {"type": "FeatureCollection", "features": feats}
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    # One feature per line keeps diffs reviewable.
    text = text.replace('{"type":"Feature"', '\n{"type":"Feature"')
    text = text[:-2] + "\n]}\n"
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    json.loads(open(args.out, encoding="utf-8").read())
    print(f"wrote {args.out}: {len(feats)} features, {len(text.encode('utf-8'))} bytes",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

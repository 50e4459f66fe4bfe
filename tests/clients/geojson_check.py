#!/usr/bin/env python3
"""Checks what GeoJSON validators do not: bordermap's RFC 7946 contract and its schema.

usage: python3 geojson_check.py DIR

For every DIR/*.geojson: a FeatureCollection; no `crs` member anywhere; every position
within ±180/±90 with at most 6 decimals as written; one geometry type per file; closed
rings with counter-clockwise exterior rings; features sorted by unique id; the same
properties in the same order on every feature. For the layers of docs/OUTPUTS.md: the
documented geometry type and fields, dates written YYYY-MM-DD, date_end_excl one day
after date_end, and kind/status from the documented vocabularies.
Prints one line per problem; exits 1 on any failure.
"""
import datetime
import json
import os
import re
import sys

# docs/OUTPUTS.md, field for field, in the documented order.
EVENT_FIELDS = [
    "id", "report", "kind", "status", "date_start", "date_end", "date_end_excl", "date_precision",
    "actors", "actor_ids", "place", "site_ids", "position", "from_id", "to_id", "publisher", "title", "url",
    "published", "reliability", "credibility", "grading", "quote", "notes", "date_note", "geo_precision",
    "where_prec", "precision_m", "border_km", "side", "chainage_km", "crosses_border", "length_km",
    "countries",
]
MOVEMENT_ONLY = {"from_id", "to_id"}
SCHEMA = {
    "sites": ("Point", ["id", "name", "name_ar", "label", "kind", "country", "admin1", "precision_m",
                        "source", "border_km", "side", "chainage_km"]),
    "events": ("Point", [f for f in EVENT_FIELDS if f not in MOVEMENT_ONLY]),
    "movements": ("LineString", EVENT_FIELDS),
    "uncertainty": ("MultiPolygon", ["id", "event_id", "kind", "status", "date_start", "date_end",
                                     "date_end_excl", "radius_m", "shape", "site_id"]),
    "border": ("LineString", ["id", "name", "source", "length_km"]),
    "rivers": ("LineString", ["id", "name", "name_ar", "source"]),
    "areas": ("MultiPolygon", ["id", "name", "name_ar", "kind", "country", "source"]),
}
POSITIONS = {"curated", "user", "report", "geonames", "coordinates"}
KINDS = {"deployment", "withdrawal", "crossing", "transit", "presence", "strike", "clash",
         "control-change", "meeting", "statement"}
STATUSES = {"reported", "planned", "considered", "denied"}
DATE_FIELDS = ["date_start", "date_end", "date_end_excl", "published"]
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Swapped axes: a position outside Iraq and Syria's bounding box that would fall inside
# it read as [lat, lon] (Albukamal written [34.45, 40.93]). Places abroad (Tehran,
# Moscow) are legitimate and not reported.
REGION = (35.5, 29.0, 48.8, 37.5)

failures = 0
warnings = 0


def fail(where, msg):
    global failures
    failures += 1
    print(f"  FAIL  {where}: {msg}")


def warn(where, msg):
    global warnings
    warnings += 1
    print(f"  warn  {where}: {msg}")


class Num(float):
    """A JSON number that remembers how it was written."""

    def __new__(cls, text):
        obj = float.__new__(cls, text)
        obj.text = text
        return obj


def as_num(text):
    return Num(text)


def has_crs(obj, path="$"):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "crs":
                return f"{path}.crs"
            if k == "properties":
                continue
            found = has_crs(v, f"{path}.{k}")
            if found:
                return found
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            found = has_crs(v, f"{path}[{i}]")
            if found:
                return found
    return None


def positions(geom):
    """Every position of a geometry, as (lon, lat)."""
    t, c = geom.get("type"), geom.get("coordinates")
    if t == "Point":
        return [c]
    if t in ("LineString", "MultiPoint"):
        return list(c)
    if t in ("Polygon", "MultiLineString"):
        return [p for ring in c for p in ring]
    if t == "MultiPolygon":
        return [p for poly in c for ring in poly for p in ring]
    if t == "GeometryCollection":
        return [p for g in geom.get("geometries", []) for p in positions(g)]
    return []


def rings(geom):
    t, c = geom.get("type"), geom.get("coordinates")
    if t == "Polygon":
        return [c]
    if t == "MultiPolygon":
        return list(c)
    return []


def signed_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def decimals(n):
    text = getattr(n, "text", repr(n))
    if "e" in text.lower():
        return None
    return len(text.split(".", 1)[1]) if "." in text else 0


def parse_date(s):
    if not isinstance(s, str) or not DATE_RE.match(s):
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def check_file(path):
    base = os.path.splitext(os.path.basename(path))[0]
    where = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        doc = json.loads(text, parse_float=as_num, parse_int=as_num)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        fail(where, f"not readable UTF-8 JSON: {e}")
        return
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        fail(where, "top level is not a FeatureCollection")
        return
    crs = has_crs(doc)
    if crs:
        fail(where, f"has a `crs` member at {crs} (RFC 7946 forbids it; GDAL obeys it silently)")
    feats = doc.get("features")
    if not isinstance(feats, list):
        fail(where, "`features` is not an array")
        return
    if not feats:
        warn(where, "no features")
    gtypes, ids, keysets = set(), [], set()
    bad_range, bad_dec, outside, cw, open_ring = [], [], [], [], []
    for i, f in enumerate(feats):
        fid = f.get("properties", {}).get("id", f"#{i}") if isinstance(f, dict) else f"#{i}"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            fail(where, f"feature {i} is not a Feature")
            continue
        props = f.get("properties")
        if not isinstance(props, dict):
            fail(where, f"{fid}: no properties object")
            props = {}
        keysets.add(tuple(props.keys()))
        ids.append(str(props.get("id")))
        g = f.get("geometry")
        if not isinstance(g, dict):
            fail(where, f"{fid}: no geometry")
            continue
        gtypes.add(g.get("type"))
        for p in positions(g):
            if not isinstance(p, list) or len(p) < 2:
                fail(where, f"{fid}: malformed position {p!r}")
                break
            lon, lat = p[0], p[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                bad_range.append(f"{fid} [{lon}, {lat}]")
            elif (not (REGION[0] <= lon <= REGION[2] and REGION[1] <= lat <= REGION[3])
                  and REGION[0] <= lat <= REGION[2] and REGION[1] <= lon <= REGION[3]):
                outside.append(f"{fid} [{lon}, {lat}]")
            for n in p:
                d = decimals(n)
                if d is None or d > 6:
                    bad_dec.append(f"{fid} {getattr(n, 'text', n)}")
        for poly in rings(g):
            for k, ring in enumerate(poly):
                if len(ring) < 4 or ring[0] != ring[-1]:
                    open_ring.append(f"{fid} ring {k}")
                    continue
                a = signed_area(ring)
                if (k == 0 and a < 0) or (k > 0 and a > 0):
                    cw.append(f"{fid} {'exterior' if k == 0 else 'hole'} ring {k}")
    for label, items in (("coordinates outside ±180/±90", bad_range),
                         ("coordinates with more than 6 decimals (or exponents)", bad_dec),
                         ("unclosed rings or rings under 4 positions", open_ring),
                         ("rings against the right-hand rule (exterior must be counter-clockwise)", cw)):
        if items:
            fail(where, f"{label}: {'; '.join(items[:5])}{' …' if len(items) > 5 else ''}")
    if outside:
        warn(where, f"positions in Iraq/Syria only if read as [lat, lon] (swapped axes?): {'; '.join(outside[:3])}")
    if len(gtypes) > 1:
        fail(where, f"mixed geometry types {sorted(gtypes)}: QGIS splits the file into sublayers")
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        fail(where, f"duplicate ids: {', '.join(dup[:5])}")
    if ids != sorted(ids):
        fail(where, "features are not sorted by id")
    if len(keysets) > 1:
        fail(where, f"properties differ in names or order between features ({len(keysets)} variants)")

    if base not in SCHEMA:
        return
    gtype, fields = SCHEMA[base]
    if gtypes and gtypes != {gtype}:
        fail(where, f"geometry {sorted(gtypes)}, docs/OUTPUTS.md says {gtype}")
    for keys in keysets:
        missing = [k for k in fields if k not in keys]
        extra = [k for k in keys if k not in fields and not (base == "events" and k in MOVEMENT_ONLY)]
        if missing:
            fail(where, f"fields missing (docs/OUTPUTS.md): {', '.join(missing)}")
        if extra:
            warn(where, f"fields not in docs/OUTPUTS.md: {', '.join(extra)}")
        common = [k for k in keys if k in fields]
        if not missing and common != [k for k in fields if k in common]:
            warn(where, "fields not in the documented order")
    bad_dates, bad_excl, bad_vocab = [], [], []
    for f in feats:
        props = f.get("properties") or {}
        fid = props.get("id")
        for k in DATE_FIELDS:
            if k in props and parse_date(props[k]) is None:
                bad_dates.append(f"{fid} {k}={props[k]!r}")
        d1, dx, d0 = parse_date(props.get("date_end")), parse_date(props.get("date_end_excl")), parse_date(props.get("date_start"))
        if d1 and dx and dx != d1 + datetime.timedelta(days=1):
            bad_excl.append(f"{fid} date_end {d1} date_end_excl {dx}")
        if d0 and d1 and d0 > d1:
            bad_excl.append(f"{fid} date_start {d0} after date_end {d1}")
        if base in ("events", "movements", "uncertainty"):
            if props.get("kind") not in KINDS:
                bad_vocab.append(f"{fid} kind={props.get('kind')!r}")
            if props.get("status") not in STATUSES:
                bad_vocab.append(f"{fid} status={props.get('status')!r}")
        if base in ("events", "movements"):
            for x in str(props.get("position", "")).split("; "):
                if x not in POSITIONS:
                    bad_vocab.append(f"{fid} position={props.get('position')!r}")
        if base == "uncertainty" and props.get("shape") not in ("circle", "area", "line"):
            bad_vocab.append(f"{fid} shape={props.get('shape')!r}")
    if bad_dates:
        fail(where, f"dates not YYYY-MM-DD (GDAL then types the whole column String): {'; '.join(bad_dates[:5])}")
    if bad_excl:
        fail(where, f"inconsistent dates: {'; '.join(bad_excl[:5])}")
    if bad_vocab:
        fail(where, f"values outside the documented vocabulary (the styles draw them as 'other'): {'; '.join(bad_vocab[:5])}")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: geojson_check.py DIR", file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    files = sorted(f for f in os.listdir(out) if f.endswith(".geojson"))
    for name in SCHEMA:
        if name + ".geojson" not in files:
            fail(name + ".geojson", "missing")
    for f in files:
        check_file(os.path.join(out, f))
    print(f"GeoJSON contract: {len(files)} file(s), {failures} failure(s), {warnings} warning(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check the curated gazetteer (gazetteer/sites/*.toml) against its own rules.

    pip install shapely pyproj    # for the geometry checks
    python3 tools/check_sites.py [--verbose]

Checks, each reported with the file and site id:
- every file parses as TOML and holds only `[[site]]` tables with the fields of docs/FORMATS.md;
- ids are unique and match [a-z0-9-]+; kinds are known; countries are two capital letters;
- `source` is geonames:ID, url:https://... or geodata:FILE; a geonames:ID exists in
  gazetteer/geonames.tsv and, for towns, cities and villages, stands within 3 km of the point;
  a geodata:FILE names a file that exists;
- every `area` is a feature id of gazetteer/areas.geojson, and only provinces/regions have one;
- no two sites share a name once folded as bordermap folds names (a port of
  src/fold.rs::exact_key), unless each lists the other in `shares_names_with`;
- a point site declared IQ or SY lies on that side of the border (gazetteer/countries.geojson),
  or within its precision (+1 km) of the border line, as bordermap's own check requires.

Exit status 1 when anything is wrong. The Rust crate runs the same kinds of checks; this script
lets the data be checked without building it.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
GAZ = os.path.join(ROOT, "gazetteer")

KINDS = {"city", "town", "village", "district", "crossing", "base", "airfield", "oil-field",
         "gas-field", "facility", "province", "region", "river", "border", "country"}
AREA_KINDS = {"province", "region"}
POINT_KINDS = KINDS - {"province", "region", "river", "border", "country"}
SETTLEMENTS = {"city", "town", "village"}
REQUIRED = {"id", "name", "kind", "country", "lon", "lat", "precision_m", "source"}
OPTIONAL = {"name_ar", "aliases", "admin1", "source_note", "area", "corridor",
            "shares_names_with"}
ID_RE = re.compile(r"^[a-z0-9-]+$")

# --- a port of src/fold.rs::exact_key --------------------------------------------------------
ARTICLES = {"al", "el", "il", "ul", "ad", "ed", "adh", "ag", "ar", "er", "as", "es", "ash", "esh",
            "at", "et", "ath", "az", "ez", "an", "en", "l"}
SUN_LETTERS = set("tdrzsn")
VANISH = set("ʿʾ’‘'`ʼ´′ʻʹ\"\u0640ء")
MAP = {"ة": "ه", "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي", "ک": "ك", "ؤ": "و", "ٱ": "ا",
       "أ": "ا", "إ": "ا", "آ": "ا", "ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae",
       "đ": "d", "ð": "d", "ħ": "h"}


def _words(name: str) -> list[str]:
    out, cur = [], []
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.category(c).startswith("M") or c in VANISH:
            continue
        if c in MAP:
            cur.append(MAP[c])
        elif c.isalnum():
            cur.append(c.lower())
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def _is_arabic(w: str) -> bool:
    return bool(w) and "\u0600" <= w[0] <= "\u06ff"


def _strip_articles(ws: list[str]) -> list[str]:
    out = []
    for i, w in enumerate(ws):
        if i + 1 < len(ws) and w in ARTICLES:
            continue
        if _is_arabic(w):
            if w.startswith("ال") and len(w) - 2 >= 2:
                w = w[2:]
            out.append(w)
            continue
        if len(w) >= 5 and w[0] in "ae" and w[1] in SUN_LETTERS and w[1] == w[2]:
            out.append(w[2:])
            continue
        out.append(w)
    return out


def _fold_ending(w: str) -> str:
    if len(w.encode("utf-8")) >= 4 and not _is_arabic(w) and (w.endswith("ah") or w.endswith("eh")):
        return w[:-2] + "a"
    return w


def exact_key(name: str) -> str:
    return "".join(_fold_ending(w) for w in _strip_articles(_words(name)))


# --- geometry ---------------------------------------------------------------------------------
def haversine_km(lon1, lat1, lon2, lat2) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def load_geonames() -> dict[int, tuple[float, float, str]]:
    out = {}
    with open(os.path.join(GAZ, "geonames.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            c = line.rstrip("\n").split("\t")
            out[int(c[0])] = (float(c[4]), float(c[3]), c[1])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbose", action="store_true", help="also print counts by kind and file")
    args = ap.parse_args()
    errors: list[str] = []
    sites: list[tuple[str, dict]] = []

    for path in sorted(glob.glob(os.path.join(GAZ, "sites", "*.toml"))):
        rel = os.path.relpath(path, ROOT)
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            errors.append(f"{rel}: malformed TOML: {e}")
            continue
        extra = set(data) - {"site"}
        if extra:
            errors.append(f"{rel}: unexpected top-level keys {sorted(extra)}")
        for s in data.get("site", []):
            sites.append((rel, s))

    geonames = load_geonames()
    with open(os.path.join(GAZ, "areas.geojson"), encoding="utf-8") as fh:
        area_ids = {f["properties"]["id"] for f in json.load(fh)["features"]}

    ids = Counter(s.get("id") for _, s in sites)
    for i, n in ids.items():
        if n > 1:
            errors.append(f"id {i!r} is used by {n} sites")
    by_id = {s.get("id"): s for _, s in sites}

    for rel, s in sites:
        sid = s.get("id", "?")
        where = f"{rel}: site {sid}"
        missing = REQUIRED - set(s)
        if missing:
            errors.append(f"{where}: missing {sorted(missing)}")
            continue
        unknown = set(s) - REQUIRED - OPTIONAL
        if unknown:
            errors.append(f"{where}: unknown fields {sorted(unknown)}")
        if not ID_RE.match(sid):
            errors.append(f"{where}: id must match [a-z0-9-]+")
        if s["kind"] not in KINDS:
            errors.append(f"{where}: unknown kind {s['kind']!r}")
        if not re.fullmatch(r"[A-Z]{2}", s["country"]):
            errors.append(f"{where}: country {s['country']!r} is not ISO alpha-2")
        lon, lat = float(s["lon"]), float(s["lat"])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            errors.append(f"{where}: lon/lat out of range")
        if not (0 < float(s["precision_m"]) <= 2_000_000):
            errors.append(f"{where}: precision_m out of range")
        src = s["source"]
        if src.startswith("geonames:"):
            gid = int(src.split(":", 1)[1])
            if gid not in geonames:
                errors.append(f"{where}: {src} is not in gazetteer/geonames.tsv")
            elif s["kind"] in SETTLEMENTS:
                glon, glat, _ = geonames[gid]
                d = haversine_km(lon, lat, glon, glat)
                if d > 3.0:
                    errors.append(f"{where}: {d:.1f} km from its GeoNames point (max 3 km)")
        elif src.startswith("url:"):
            if not src.startswith(("url:https://", "url:http://")):
                errors.append(f"{where}: url source must be an http(s) address")
            if not s.get("source_note"):
                errors.append(f"{where}: a url source needs a source_note")
        elif src.startswith("geodata:"):
            f = src.split(":", 1)[1]
            if not os.path.exists(os.path.join(ROOT, f)):
                errors.append(f"{where}: {src}: no such file")
            if not s.get("source_note"):
                errors.append(f"{where}: a geodata source needs a source_note saying how")
        else:
            errors.append(f"{where}: source must be geonames:ID, url:... or geodata:FILE")
        if "area" in s:
            if s["kind"] not in AREA_KINDS:
                errors.append(f"{where}: only provinces and regions have an area")
            if s["area"] not in area_ids:
                errors.append(f"{where}: area {s['area']!r} is not in gazetteer/areas.geojson")
        for other in s.get("shares_names_with", []):
            if other not in by_id:
                errors.append(f"{where}: shares_names_with names unknown site {other!r}")

    # names shared across sites
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _, s in sites:
        mine = set()
        for n in [s.get("name", ""), s.get("name_ar", "")] + list(s.get("aliases", [])):
            k = exact_key(n)
            if k and k not in mine:
                mine.add(k)
                owners[k].append((s.get("id"), n))
    shared_ok = []
    for k, v in sorted(owners.items()):
        for (a, na), (b, nb) in zip(v, v[1:]):
            ack = b in by_id[a].get("shares_names_with", []) or a in by_id[b].get("shares_names_with", [])
            if ack:
                shared_ok.append(f"{na!r} ({a}) / {nb!r} ({b})")
            else:
                errors.append(f"site {b}: name {nb!r} collides with {na!r} of site {a}")

    # sides of the border
    try:
        from shapely.geometry import Point, shape
        from pyproj import Geod
        from shapely.ops import nearest_points
    except ImportError:
        print("note: shapely/pyproj not installed; border-side checks skipped", file=sys.stderr)
    else:
        geod = Geod(ellps="WGS84")
        with open(os.path.join(GAZ, "countries.geojson"), encoding="utf-8") as fh:
            countries = {f["properties"]["iso_a2"]: shape(f["geometry"])
                         for f in json.load(fh)["features"]}
        with open(os.path.join(GAZ, "border.geojson"), encoding="utf-8") as fh:
            border = shape(json.load(fh)["features"][0]["geometry"])
        for rel, s in sites:
            if s.get("kind") not in POINT_KINDS:
                continue
            p = Point(float(s["lon"]), float(s["lat"]))
            inside = next((c for c, g in countries.items() if g.contains(p)), None)
            q = nearest_points(border, p)[0]
            km = geod.inv(p.x, p.y, q.x, q.y)[2] / 1000
            slack = float(s["precision_m"]) / 1000 + 1
            c = s["country"]
            wrong = ((c in ("IQ", "SY") and inside is not None and inside != c)
                     or (c not in ("IQ", "SY") and inside in ("IQ", "SY")))
            if wrong and km > slack:
                errors.append(f"{rel}: site {s['id']}: declared {c} but lies in {inside} "
                              f"({km:.1f} km from the border)")
            elif wrong and args.verbose:
                print(f"tolerated: {s['id']} declared {c}, lies in {inside}, {km:.2f} km from "
                      f"the border (precision {s['precision_m']} m)")

    if args.verbose:
        kinds = Counter(s.get("kind") for _, s in sites)
        files = Counter(rel for rel, _ in sites)
        print(f"{len(sites)} sites")
        for k, n in sorted(kinds.items()):
            print(f"  {k}: {n}")
        for f, n in sorted(files.items()):
            print(f"  {f}: {n}")
        for line in shared_ok:
            print(f"shared name (acknowledged): {line}")
    for e in errors:
        print(f"error: {e}")
    print(f"{len(sites)} sites checked, {len(errors)} problems", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Opens bordermap's outputs with GDAL's command-line tools (what QGIS reads them with).

usage: python3 gdal_check.py DIR

- every DIR/*.geojson opens with ogrinfo as one layer; date fields are typed Date (one
  non-date value turns a column into String); integer and real fields are numeric;
- SpatiaLite (ogrinfo -dialect SQLite) finds no invalid geometry;
- DIR/briefing.gpkg opens, passes SQLite's integrity check, has every layer with the
  GeoJSON's feature count and Date fields, no invalid geometry, and a layer_styles row per
  layer that QGIS will pick up as the default style.
Reads ogrinfo's output, never only its exit code. Exits 1 on any failure.
"""
import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

LAYERS = ["sites", "events", "movements", "uncertainty", "border", "rivers", "areas"]
DATE_FIELDS = ["date_start", "date_end", "date_end_excl", "published"]
INTEGER_FIELDS = ["credibility", "geo_precision", "where_prec", "precision_m", "radius_m"]
REAL_FIELDS = ["border_km", "chainage_km", "length_km"]
STYLE_COLUMNS = ["id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                 "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"]

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


def ok(where, msg):
    print(f"  ok    {where}: {msg}")


def ogrinfo(*args):
    p = subprocess.run(["ogrinfo", "-ro", *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def summary(where, path, layer=None):
    """Layer summary: (feature count, geometry, {field: type}) or None."""
    rc, out, err = ogrinfo("-so", path, *([layer] if layer else ["-al"]))
    if rc != 0 or "Layer name:" not in out:
        fail(where, f"ogrinfo cannot open it: {(err or out).strip()[:300]}")
        return None
    if out.count("Layer name:") != 1:
        fail(where, f"{out.count('Layer name:')} layers, expected 1")
    if re.search(r"^(ERROR|Warning)\b", err, re.M):
        warn(where, f"GDAL says: {err.strip()[:300]}")
    count = re.search(r"^Feature Count: (\d+)", out, re.M)
    geom = re.search(r"^Geometry: (.+)$", out, re.M)
    fields = dict(re.findall(r"^(\w+): (\w+(?:\(\w+\))?) \(", out, re.M))
    for k in ("Layer name", "Geometry", "Feature Count", "Extent", "Layer SRS WKT", "FID Column", "Geometry Column"):
        fields.pop(k.replace(" ", "_"), None)
    return (int(count.group(1)) if count else -1, geom.group(1) if geom else "?", fields)


def check_types(where, fields):
    problems = []
    for name, t in fields.items():
        if name in DATE_FIELDS and t != "Date":
            problems.append(f"{name} is {t}, not Date")
        elif name in INTEGER_FIELDS and not t.startswith("Integer"):
            problems.append(f"{name} is {t}, not Integer")
        elif name in REAL_FIELDS and t not in ("Real",):
            if t.startswith("Integer"):
                warn(where, f"{name} is {t}: write it with a decimal point (e.g. 0.0) so GDAL types it Real")
            else:
                problems.append(f"{name} is {t}, not Real")
        elif name == "crosses_border" and t not in ("Integer(Boolean)", "Integer"):
            problems.append(f"{name} is {t}, not Integer(Boolean)")
    for p in problems:
        fail(where, p)
    return not problems


def validity(where, path, table, geom_col):
    sql = f'SELECT COUNT(*) AS n, SUM(ST_IsValid("{geom_col}") = 0) AS invalid FROM "{table}"'
    rc, out, err = ogrinfo("-q", path, "-dialect", "SQLite", "-sql", sql)
    n = re.search(r"\bn \(Integer\) = (\d+)", out)
    bad = re.search(r"\binvalid \(Integer\) = (\d+)", out)
    if rc != 0 or not n:
        fail(where, f"SpatiaLite validity query failed (is GDAL built with SpatiaLite?): {(err or out).strip()[:300]}")
        return
    invalid = int(bad.group(1)) if bad else 0
    if int(n.group(1)) > 0 and not bad:
        # SUM() is NULL only when no row was counted; anything else means ST_IsValid did not run.
        fail(where, f"SpatiaLite did not evaluate ST_IsValid: {out.strip()[:300]} {err.strip()[:200]}")
        return
    if invalid:
        rc, out2, _ = ogrinfo("-q", path, "-dialect", "SQLite", "-sql",
                              f'SELECT id, ST_IsValidReason("{geom_col}") AS reason FROM "{table}" '
                              f'WHERE ST_IsValid("{geom_col}") = 0 LIMIT 5')
        reasons = re.findall(r"(?:id|reason) \(String\) = (.*)", out2)
        fail(where, f"{invalid} invalid geometr{'y' if invalid == 1 else 'ies'}: {'; '.join(reasons)}")
    else:
        ok(where, f"SpatiaLite: {n.group(1)} geometries, 0 invalid")


def check_geojson(out):
    counts = {}
    files = sorted(f for f in os.listdir(out) if f.endswith(".geojson"))
    if not files:
        fail(out, "no .geojson files")
    for f in files:
        path = os.path.join(out, f)
        base = f[:-len(".geojson")]
        s = summary(f, path)
        if s is None:
            continue
        count, geom, fields = s
        counts[base] = count
        if check_types(f, fields):
            dates = [k for k in fields if k in DATE_FIELDS]
            ok(f, f"{count} features, {geom}, {len(fields)} fields{', dates typed Date: ' + ', '.join(dates) if dates else ''}")
        validity(f, path, base, "geometry")
    for name in LAYERS:
        if name not in counts and name + ".geojson" not in files:
            fail(name + ".geojson", "missing")
    return counts


def check_gpkg(out, counts):
    path = os.path.join(out, "briefing.gpkg")
    where = "briefing.gpkg"
    if not os.path.isfile(path):
        fail(where, "missing")
        return
    rc, listing, err = ogrinfo("-q", path)
    if rc != 0:
        fail(where, f"ogrinfo cannot open it: {err.strip()[:300]}")
        return
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        geomcols = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall())
    except sqlite3.Error as e:
        fail(where, f"not a readable GeoPackage: {e}")
        return
    if integrity != "ok":
        fail(where, f"SQLite integrity check: {integrity}")
    if app_id != 0x47504B47:
        fail(where, f"application_id is {app_id:#x}, not 'GPKG'")
    listed = set(re.findall(r"^\d+: (\S+)", listing, re.M))
    for name in LAYERS:
        w = f"{where}|{name}"
        if name not in listed or name not in geomcols:
            fail(w, f"no such layer (GDAL lists: {', '.join(sorted(listed)) or 'none'})")
            continue
        s = summary(w, path, name)
        if s is None:
            continue
        count, geom, fields = s
        if name in counts and count != counts[name]:
            fail(w, f"{count} features, {name}.geojson has {counts[name]}")
        if check_types(w, fields):
            ok(w, f"{count} features, {geom}, geometry column '{geomcols[name]}'")
        validity(w, path, name, geomcols[name])
    check_styles(db, geomcols, out)
    db.close()


def check_styles(db, geomcols, out):
    where = "briefing.gpkg|layer_styles"
    cols = [r[1] for r in db.execute("PRAGMA table_info(layer_styles)").fetchall()]
    if not cols:
        fail(where, "no layer_styles table: QGIS opens every layer unstyled")
        return
    missing = [c for c in STYLE_COLUMNS if c not in cols]
    if missing:
        fail(where, f"columns missing: {', '.join(missing)}")
        return
    for name in LAYERS:
        w = f"{where}[{name}]"
        rows = db.execute(
            "SELECT f_table_catalog, f_table_schema, f_geometry_column, useAsDefault, styleQML, styleName "
            "FROM layer_styles WHERE f_table_name = ?", (name,)).fetchall()
        if not rows:
            fail(w, "no style row")
            continue
        default = [r for r in rows if r[3] in (1, "1", "true", True)]
        if len(default) != 1:
            fail(w, f"{len(default)} rows with useAsDefault = 1, expected exactly 1")
            continue
        cat, schema, gcol, _, qml, style_name = default[0]
        if cat != "" or schema != "":
            fail(w, f"f_table_catalog/f_table_schema are {cat!r}/{schema!r}: QGIS matches '' only (NULL is not found)")
        if gcol != geomcols.get(name):
            fail(w, f"f_geometry_column {gcol!r} but the layer's geometry column is {geomcols.get(name)!r}: QGIS will not find the style")
        try:
            root = ET.fromstring(qml.encode("utf-8") if isinstance(qml, str) else qml)
            if root.tag != "qgis" or root.find("renderer-v2") is None:
                fail(w, "styleQML is not a QGIS style (<qgis> with <renderer-v2>)")
                continue
        except (ET.ParseError, AttributeError) as e:
            fail(w, f"styleQML is not XML: {e}")
            continue
        qml_file = os.path.join(out, name + ".qml")
        if os.path.isfile(qml_file):
            with open(qml_file, encoding="utf-8") as fh:
                if fh.read() != qml:
                    warn(w, f"styleQML differs from {name}.qml")
        ok(w, f"default style '{style_name}' for {name}.{gcol}")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: gdal_check.py DIR", file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    p = subprocess.run(["ogrinfo", "--version"], capture_output=True, text=True)
    print(f"{p.stdout.strip()}, checking {os.path.abspath(out)}")
    counts = check_geojson(out)
    check_gpkg(out, counts)
    print(f"GDAL check: {failures} failure(s), {warnings} warning(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds DIR/briefing.gpkg from DIR/*.geojson with ogr2ogr, then stores each layer's
DIR/NAME.qml as its default style with plain SQLite, exactly as styles/README.md tells
the Rust writer to. Proves the documented DDL and INSERT work in QGIS.

usage: python3 build_fixture_gpkg.py [DIR]   (default: tests/clients/fixture)
"""
import os
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixture"))
LAYERS = ["sites", "events", "movements", "uncertainty", "border", "rivers", "areas"]
GPKG = os.path.join(DIR, "briefing.gpkg")
UPDATE_TIME = "2024-12-08T00:00:00.000Z"   # fixed: the same inputs give the same file

# Same table QGIS 3.22 (through GDAL) creates when it saves a style into a GeoPackage.
DDL = """
CREATE TABLE IF NOT EXISTS "layer_styles" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "f_table_catalog" TEXT(256),
  "f_table_schema" TEXT(256),
  "f_table_name" TEXT(256),
  "f_geometry_column" TEXT(256),
  "styleName" TEXT(30),
  "styleQML" TEXT,
  "styleSLD" TEXT,
  "useAsDefault" BOOLEAN,
  "description" TEXT,
  "owner" TEXT(30),
  "ui" TEXT(30),
  "update_time" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)
"""
REGISTER = """
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?)
"""
INSERT = """
INSERT INTO layer_styles
  (f_table_catalog, f_table_schema, f_table_name, f_geometry_column,
   styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)
VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', NULL, ?)
"""


def main():
    if os.path.exists(GPKG):
        os.remove(GPKG)
    for i, name in enumerate(LAYERS):
        args = ["ogr2ogr", "-f", "GPKG"]
        if i:
            args.append("-update")
        # GEOMETRY_NAME=geom is GDAL's default, stated so the style rows below match.
        args += [GPKG, os.path.join(DIR, name + ".geojson"), "-nln", name, "-lco", "GEOMETRY_NAME=geom",
                 "-lco", "SPATIAL_INDEX=YES"]
        # OGR_CURRENT_DATE pins gpkg_contents.last_change: the same inputs give the same bytes.
        subprocess.run(args, check=True, env=dict(os.environ, OGR_CURRENT_DATE=UPDATE_TIME))
    db = sqlite3.connect(GPKG)
    with db:
        db.execute(DDL)
        db.execute(REGISTER, (UPDATE_TIME,))
        for name in LAYERS:
            (geom,) = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (name,)).fetchone()
            with open(os.path.join(DIR, name + ".qml"), encoding="utf-8") as fh:
                qml = fh.read()
            db.execute(INSERT, (name, geom, name, qml, f"bordermap style for {name}", UPDATE_TIME))
    db.execute("VACUUM")
    db.close()
    print("wrote", GPKG)


if __name__ == "__main__":
    main()

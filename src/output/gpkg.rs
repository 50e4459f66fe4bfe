//! GeoPackage 1.3 (OGC 12-128r18): every layer in one SQLite file, with each layer's QGIS
//! style stored in the `layer_styles` table as its default, so QGIS opens it styled.
//!
//! Geometries are GeoPackage binary: the `GP` header with the SRS id and the envelope, then
//! little-endian WKB. Dates are `DATE` columns (ISO text), booleans `BOOLEAN` (0/1), as the
//! standard's data types require. Timestamps in the file are derived from the data, never the
//! clock, so the same inputs give the same bytes.

use std::collections::BTreeMap;

use geo::MultiPolygon;
use rusqlite::{params, Connection};

use super::fields::{Type, Value};
use super::geojson::{oriented, Feature, Geom};
use crate::error::{Error, Result};

fn wkb_point(out: &mut Vec<u8>, x: f64, y: f64) {
    out.push(1);
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&x.to_le_bytes());
    out.extend_from_slice(&y.to_le_bytes());
}

fn wkb_coords(out: &mut Vec<u8>, pts: &[(f64, f64)]) {
    out.extend_from_slice(&(pts.len() as u32).to_le_bytes());
    for (x, y) in pts {
        out.extend_from_slice(&x.to_le_bytes());
        out.extend_from_slice(&y.to_le_bytes());
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Little-endian WKB of a geometry (coordinates rounded as in the GeoJSON).
pub fn wkb(g: &Geom) -> Vec<u8> {
    let mut out = Vec::new();
    match g {
        Geom::Point(x, y) => wkb_point(&mut out, round6(*x), round6(*y)),
        Geom::Line(pts) => {
            out.push(1);
            out.extend_from_slice(&2u32.to_le_bytes());
            let p: Vec<(f64, f64)> = pts.iter().map(|(x, y)| (round6(*x), round6(*y))).collect();
            wkb_coords(&mut out, &p);
        }
        Geom::MultiPolygon(mp) => {
            let mp: MultiPolygon<f64> = oriented(mp);
            out.push(1);
            out.extend_from_slice(&6u32.to_le_bytes());
            out.extend_from_slice(&(mp.0.len() as u32).to_le_bytes());
            for p in &mp.0 {
                out.push(1);
                out.extend_from_slice(&3u32.to_le_bytes());
                let rings: Vec<&geo::LineString<f64>> =
                    std::iter::once(p.exterior()).chain(p.interiors()).collect();
                out.extend_from_slice(&(rings.len() as u32).to_le_bytes());
                for r in rings {
                    let pts: Vec<(f64, f64)> =
                        r.0.iter().map(|c| (round6(c.x), round6(c.y))).collect();
                    wkb_coords(&mut out, &pts);
                }
            }
        }
    }
    out
}

fn envelope(g: &Geom) -> [f64; 4] {
    let mut e = [
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    let mut add = |x: f64, y: f64| {
        e[0] = e[0].min(x);
        e[1] = e[1].max(x);
        e[2] = e[2].min(y);
        e[3] = e[3].max(y);
    };
    match g {
        Geom::Point(x, y) => add(*x, *y),
        Geom::Line(p) => p.iter().for_each(|(x, y)| add(*x, *y)),
        Geom::MultiPolygon(mp) => {
            mp.0.iter()
                .flat_map(|p| p.exterior().0.iter())
                .for_each(|c| add(c.x, c.y))
        }
    }
    e.map(round6)
}

/// A GeoPackage geometry blob: header with SRS 4326 and the XY envelope, then WKB.
pub fn gpkg_geometry(g: &Geom) -> Vec<u8> {
    let mut out = vec![b'G', b'P', 0u8];
    // flags: little-endian (bit 0), envelope type 1 = [minx, maxx, miny, maxy] (bits 1-3)
    out.push(0b0000_0011);
    out.extend_from_slice(&4326i32.to_le_bytes());
    for v in envelope(g) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&wkb(g));
    out
}

fn geometry_type_name(g: &Geom) -> &'static str {
    match g {
        Geom::Point(..) => "POINT",
        Geom::Line(_) => "LINESTRING",
        Geom::MultiPolygon(_) => "MULTIPOLYGON",
    }
}

fn sql_type(t: Type) -> &'static str {
    match t {
        Type::Text => "TEXT",
        Type::Int => "INTEGER",
        Type::Real => "REAL",
        Type::Date => "DATE",
        Type::Bool => "BOOLEAN",
    }
}

fn sql_err(e: rusqlite::Error) -> Error {
    Error::Other(format!("writing the GeoPackage: {e}"))
}

/// The layer's columns: every field name any feature has, in first-seen order, with its type.
fn columns(features: &[Feature]) -> Vec<(&'static str, Type)> {
    let mut cols: Vec<(&'static str, Type)> = Vec::new();
    for f in features {
        for fld in &f.fields {
            if !cols.iter().any(|(n, _)| *n == fld.name) {
                cols.push((fld.name, fld.ty));
            }
        }
    }
    cols
}

/// Writes the layers (and their QML styles) as a GeoPackage; returns the file's bytes.
/// `stamp` is the timestamp recorded in the file (ISO 8601, UTC).
pub fn write(
    layers: &BTreeMap<&'static str, Vec<Feature>>,
    styles: &BTreeMap<&'static str, &str>,
    stamp: &str,
    layer_geom: &dyn Fn(&str) -> Geom,
) -> Result<Vec<u8>> {
    let dir = tempfile::tempdir().map_err(|e| Error::io("temporary directory", e))?;
    let path = dir.path().join("briefing.gpkg");
    {
        let conn = Connection::open(&path).map_err(sql_err)?;
        conn.execute_batch(
            "PRAGMA application_id = 1196444487;
             PRAGMA user_version = 10300;
             PRAGMA journal_mode = OFF;
             CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
             CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
             CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
             CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT CURRENT_TIMESTAMP);",
        )
        .map_err(sql_err)?;
        conn.execute_batch(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
             INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
             INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');",
        )
        .map_err(sql_err)?;
        let tx = conn.unchecked_transaction().map_err(sql_err)?;
        for (name, features) in layers {
            let cols = columns(features);
            let mut ddl = format!(
                "CREATE TABLE \"{name}\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom {}",
                geometry_type_name(&layer_geom(name))
            );
            for (c, t) in &cols {
                ddl.push_str(&format!(", \"{c}\" {}", sql_type(*t)));
            }
            ddl.push(')');
            tx.execute(&ddl, []).map_err(sql_err)?;
            let mut env = [
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ];
            let placeholders = vec!["?"; cols.len() + 1].join(", ");
            let names: Vec<String> = cols.iter().map(|(c, _)| format!("\"{c}\"")).collect();
            let sql = format!(
                "INSERT INTO \"{name}\" (geom{}{}) VALUES ({placeholders})",
                if names.is_empty() { "" } else { ", " },
                names.join(", ")
            );
            let mut stmt = tx.prepare(&sql).map_err(sql_err)?;
            for f in features {
                let e = envelope(&f.geom);
                env = [
                    env[0].min(e[0]),
                    env[1].max(e[1]),
                    env[2].min(e[2]),
                    env[3].max(e[3]),
                ];
                let mut vals: Vec<rusqlite::types::Value> =
                    vec![rusqlite::types::Value::Blob(gpkg_geometry(&f.geom))];
                for (c, _) in &cols {
                    let v = f
                        .fields
                        .iter()
                        .find(|x| x.name == *c)
                        .map(|x| &x.value)
                        .unwrap_or(&Value::Null);
                    vals.push(match v {
                        Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
                        Value::Int(i) => rusqlite::types::Value::Integer(*i),
                        Value::Real(x) => rusqlite::types::Value::Real(*x),
                        Value::Date(d) => {
                            rusqlite::types::Value::Text(d.format("%Y-%m-%d").to_string())
                        }
                        Value::Bool(b) => rusqlite::types::Value::Integer(i64::from(*b)),
                        Value::Null => rusqlite::types::Value::Null,
                    });
                }
                stmt.execute(rusqlite::params_from_iter(vals))
                    .map_err(sql_err)?;
            }
            drop(stmt);
            let (minx, maxx, miny, maxy) = if features.is_empty() {
                (None, None, None, None)
            } else {
                (Some(env[0]), Some(env[1]), Some(env[2]), Some(env[3]))
            };
            tx.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?1, 'features', ?1, '', ?2, ?3, ?4, ?5, ?6, 4326)",
                params![name, stamp, minx, miny, maxx, maxy],
            )
            .map_err(sql_err)?;
            tx.execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)",
                params![name, geometry_type_name(&layer_geom(name))],
            )
            .map_err(sql_err)?;
            if let Some(qml) = styles.get(name) {
                tx.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', ?1, 'geom', ?1, ?2, '', 1, 'bordermap default style', '', NULL, ?3)",
                    params![name, qml, stamp],
                )
                .map_err(sql_err)?;
            }
        }
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?1)",
            params![stamp],
        )
        .map_err(sql_err)?;
        tx.commit().map_err(sql_err)?;
        conn.execute_batch("VACUUM;").map_err(sql_err)?;
    }
    std::fs::read(&path).map_err(|e| Error::io(path.display().to_string(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_blob_has_header_envelope_and_wkb() {
        let b = gpkg_geometry(&Geom::Point(40.9, 34.4));
        assert_eq!(&b[..2], b"GP");
        assert_eq!(i32::from_le_bytes(b[4..8].try_into().unwrap()), 4326);
        // 8 header bytes, 32 of envelope, 21 of WKB point
        assert_eq!(b.len(), 8 + 32 + 21);
        assert_eq!(f64::from_le_bytes(b[8..16].try_into().unwrap()), 40.9);
    }
}

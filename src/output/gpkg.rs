//! GeoPackage 1.3 (OGC 12-128r18): every layer in one SQLite file, with each layer's QGIS
//! style stored in the `layer_styles` table as its default, so QGIS opens it styled.
//!
//! Geometries are GeoPackage binary: the `GP` header with the SRS id and the envelope, then
//! little-endian WKB. Dates are `DATE` columns (ISO text), booleans `BOOLEAN` (0/1), as the
//! standard's data types require. Timestamps in the file are derived from the data, never the
//! clock, so the same inputs give the same bytes.

use std::path::Path;

use geo::MultiPolygon;
use rusqlite::{params, Connection};

use super::geojson::oriented;
use super::layer::{Feature, FeatureSink, Geom, GeomType, Layer, LayerId, Type, Value};
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

fn sql_type(t: Type) -> &'static str {
    match t {
        Type::Text | Type::Json => "TEXT",
        Type::Int => "INTEGER",
        Type::Real => "REAL",
        Type::Date => "DATE",
        Type::Bool => "BOOLEAN",
    }
}

fn geom_type_name(g: GeomType) -> &'static str {
    match g {
        GeomType::Point => "POINT",
        GeomType::LineString => "LINESTRING",
        GeomType::MultiPolygon => "MULTIPOLYGON",
        GeomType::Mixed => "GEOMETRY",
    }
}

fn sql_err(what: &str) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::Other(format!("writing {what}: {e}"))
}

/// Above this many features the file is not compacted (VACUUM rewrites the whole file and
/// needs its size again in temporary space); it is deterministic either way.
const VACUUM_MAX_FEATURES: u64 = 200_000;

struct OpenLayer {
    layer: Layer,
    insert: String,
    env: [f64; 4],
    n: u64,
    ended: bool,
}

/// The GeoPackage as a sink: each layer a table, created when the layer begins and filled
/// as features arrive, inside one transaction; styles and contents recorded at the end.
/// `stamp` is the timestamp recorded in the file (ISO 8601, UTC), derived from the data.
pub struct GpkgSink {
    conn: Option<Connection>,
    shown: String,
    stamp: String,
    layers: Vec<OpenLayer>,
    total: u64,
}

impl GpkgSink {
    /// Creates the file at `path` (which must not exist); `shown` names it in messages.
    pub fn create(path: &Path, shown: &str, stamp: &str) -> Result<GpkgSink> {
        let e = sql_err(shown);
        let conn = Connection::open(path).map_err(&e)?;
        conn.execute_batch(
            "PRAGMA application_id = 1196444487;
             PRAGMA user_version = 10300;
             PRAGMA journal_mode = OFF;
             PRAGMA synchronous = OFF;
             CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
             CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
             CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
             CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT CURRENT_TIMESTAMP);
             INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
             INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
             INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
             BEGIN;",
        )
        .map_err(&e)?;
        Ok(GpkgSink {
            conn: Some(conn),
            shown: shown.to_string(),
            stamp: stamp.to_string(),
            layers: Vec::new(),
            total: 0,
        })
    }

    /// The timestamp recorded in the file (known only once the events are read).
    pub fn set_stamp(&mut self, stamp: &str) {
        self.stamp = stamp.to_string();
    }

    fn conn(&self) -> Result<&Connection> {
        self.conn
            .as_ref()
            .ok_or_else(|| Error::Other(format!("{} is already closed", self.shown)))
    }
}

impl FeatureSink for GpkgSink {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        let e = sql_err(&self.shown);
        let name = layer.name;
        let mut ddl = format!(
            "CREATE TABLE \"{name}\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom {}",
            geom_type_name(layer.geom)
        );
        for f in &layer.fields {
            ddl.push_str(&format!(", \"{}\" {}", f.name, sql_type(f.ty)));
        }
        ddl.push(')');
        self.conn()?.execute(&ddl, []).map_err(&e)?;
        let placeholders = vec!["?"; layer.fields.len() + 1].join(", ");
        let names: Vec<String> = layer
            .fields
            .iter()
            .map(|f| format!("\"{}\"", f.name))
            .collect();
        let insert = format!(
            "INSERT INTO \"{name}\" (geom{}{}) VALUES ({placeholders})",
            if names.is_empty() { "" } else { ", " },
            names.join(", ")
        );
        self.layers.push(OpenLayer {
            layer: layer.clone(),
            insert,
            env: [
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ],
            n: 0,
            ended: false,
        });
        Ok(self.layers.len() - 1)
    }

    fn feature(&mut self, id: LayerId, f: &Feature) -> Result<()> {
        let e = sql_err(&self.shown);
        let Some(conn) = self.conn.as_ref() else {
            return Err(Error::Other(format!("{} is already closed", self.shown)));
        };
        let l = &mut self.layers[id];
        let env = envelope(&f.geom);
        l.env = [
            l.env[0].min(env[0]),
            l.env[1].max(env[1]),
            l.env[2].min(env[2]),
            l.env[3].max(env[3]),
        ];
        let mut stmt = conn.prepare_cached(&l.insert).map_err(&e)?;
        let mut vals: Vec<rusqlite::types::Value> = Vec::with_capacity(f.values.len() + 1);
        vals.push(rusqlite::types::Value::Blob(gpkg_geometry(&f.geom)));
        for v in &f.values {
            vals.push(match v {
                Value::Text(s) => rusqlite::types::Value::Text(s.to_string()),
                Value::Int(i) => rusqlite::types::Value::Integer(*i),
                Value::Real(x) => rusqlite::types::Value::Real(*x),
                Value::Date(d) => rusqlite::types::Value::Text(d.format("%Y-%m-%d").to_string()),
                Value::Bool(b) => rusqlite::types::Value::Integer(i64::from(*b)),
                Value::Json(j) => rusqlite::types::Value::Text(j.to_string()),
                Value::Null => rusqlite::types::Value::Null,
            });
        }
        stmt.execute(rusqlite::params_from_iter(vals)).map_err(&e)?;
        l.n += 1;
        self.total += 1;
        Ok(())
    }

    fn end_layer(&mut self, id: LayerId) -> Result<()> {
        self.layers[id].ended = true;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        let e = sql_err(&self.shown);
        let Some(conn) = self.conn.take() else {
            return Ok(());
        };
        let stamp = self.stamp.clone();
        // contents, geometry columns and styles in layer-name order
        let mut order: Vec<usize> = (0..self.layers.len()).collect();
        order.sort_by_key(|&i| self.layers[i].layer.name);
        for i in order {
            let l = &self.layers[i];
            let name = l.layer.name;
            let (minx, maxx, miny, maxy) = if l.n == 0 {
                (None, None, None, None)
            } else {
                (
                    Some(l.env[0]),
                    Some(l.env[1]),
                    Some(l.env[2]),
                    Some(l.env[3]),
                )
            };
            conn.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?1, 'features', ?1, '', ?2, ?3, ?4, ?5, ?6, 4326)",
                params![name, stamp, minx, miny, maxx, maxy],
            )
            .map_err(&e)?;
            conn.execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)",
                params![name, geom_type_name(l.layer.geom)],
            )
            .map_err(&e)?;
            if let Some(qml) = l.layer.style {
                conn.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', ?1, 'geom', ?1, ?2, '', 1, 'bordermap default style', '', NULL, ?3)",
                    params![name, qml, stamp],
                )
                .map_err(&e)?;
            }
        }
        conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?1)",
            params![stamp],
        )
        .map_err(&e)?;
        conn.execute_batch("COMMIT;").map_err(&e)?;
        if self.total <= VACUUM_MAX_FEATURES {
            conn.execute_batch("VACUUM;").map_err(&e)?;
        }
        conn.close().map_err(|(_, err)| e(err))
    }
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

//! RFC 7946 GeoJSON: longitude-latitude, WGS 84, no `crs` member, counter-clockwise exterior
//! rings, at most 6 decimals, properties in the layer's field order, one feature per line so
//! that diffs of outputs stay readable. Written as a stream: a feature is formatted into a
//! reused buffer and handed to the writer, so any number of features takes the same memory.

use std::io::Write;

use geo::orient::{Direction, Orient};
use geo::{MultiPolygon, Polygon};

use super::layer::{write_json, Feature, FeatureSink, Geom, Layer, LayerId, Value};
use crate::error::{Error, Result};

/// Decimal places kept in coordinates (about 0.1 m).
pub const DECIMALS: i32 = 6;

pub use crate::geom::{circle, geodesic_m};

fn r(x: f64) -> f64 {
    let m = 10f64.powi(DECIMALS);
    let v = (x * m).round() / m;
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

fn pos(out: &mut Vec<u8>, c: (f64, f64)) {
    out.push(b'[');
    num(out, c.0);
    out.push(b',');
    num(out, c.1);
    out.push(b']');
}

fn num(out: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        let _ = serde_json::to_writer(&mut *out, &x);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// Rounds a ring and drops the repeated points rounding makes; `None` if fewer than 4 remain.
fn ring(coords: impl Iterator<Item = (f64, f64)>) -> Option<Vec<(f64, f64)>> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for (x, y) in coords {
        let p = (r(x), r(y));
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    if pts.first() != pts.last() {
        let f = pts[0];
        pts.push(f);
    }
    (pts.len() >= 4).then_some(pts)
}

/// Polygons with exterior rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
pub fn oriented(mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    mp.orient(Direction::Default)
}

fn polygon_rings(p: &Polygon<f64>) -> Option<Vec<Vec<(f64, f64)>>> {
    let ext = ring(p.exterior().0.iter().map(|c| (c.x, c.y)))?;
    let mut rings = vec![ext];
    rings.extend(
        p.interiors()
            .iter()
            .filter_map(|h| ring(h.0.iter().map(|c| (c.x, c.y)))),
    );
    Some(rings)
}

fn points(out: &mut Vec<u8>, pts: &[(f64, f64)]) {
    out.push(b'[');
    for (i, p) in pts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        pos(out, *p);
    }
    out.push(b']');
}

/// Appends the GeoJSON geometry object.
pub fn write_geometry(out: &mut Vec<u8>, g: &Geom) {
    match g {
        Geom::Point(x, y) => {
            out.extend_from_slice(b"{\"type\":\"Point\",\"coordinates\":");
            pos(out, (r(*x), r(*y)));
            out.push(b'}');
        }
        Geom::Line(pts) => {
            let mut v: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
            for p in pts.iter() {
                let q = (r(p.0), r(p.1));
                if v.last() != Some(&q) {
                    v.push(q);
                }
            }
            out.extend_from_slice(b"{\"type\":\"LineString\",\"coordinates\":");
            points(out, &v);
            out.push(b'}');
        }
        Geom::MultiPolygon(mp) => {
            out.extend_from_slice(b"{\"type\":\"MultiPolygon\",\"coordinates\":[");
            let mut first = true;
            for p in oriented(mp).0.iter().filter_map(polygon_rings) {
                if !first {
                    out.push(b',');
                }
                first = false;
                out.push(b'[');
                for (i, rg) in p.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    points(out, rg);
                }
                out.push(b']');
            }
            out.extend_from_slice(b"]}");
        }
    }
}

/// The GeoJSON geometry object as a JSON value.
pub fn geometry_json(g: &Geom) -> serde_json::Value {
    let mut b = Vec::new();
    write_geometry(&mut b, g);
    serde_json::from_slice(&b).unwrap_or(serde_json::Value::Null)
}

/// The property keys of a layer as JSON, `"name":` each, made once per layer.
pub fn keys(layer: &Layer) -> Vec<Vec<u8>> {
    layer
        .fields
        .iter()
        .map(|d| {
            let mut k = Vec::with_capacity(d.name.len() + 3);
            super::layer::write_json_str(&mut k, d.name);
            k.push(b':');
            k
        })
        .collect()
}

/// Appends one Feature object; `keys` are [`keys`] of its layer.
pub fn write_feature_keys(out: &mut Vec<u8>, keys: &[Vec<u8>], f: &Feature<'_>) {
    write_feature_parts(out, keys, &f.geom, &f.values)
}

/// Appends one Feature object from its geometry and its values, which may be made as they
/// are written (no list of them kept).
pub fn write_feature_parts<'v, V: std::borrow::Borrow<Value<'v>>>(
    out: &mut Vec<u8>,
    keys: &[Vec<u8>],
    geom: &Geom,
    values: impl IntoIterator<Item = V>,
) {
    out.extend_from_slice(b"{\"type\":\"Feature\",\"properties\":{");
    for (i, (k, v)) in keys.iter().zip(values).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(k);
        write_json(out, v.borrow());
    }
    out.extend_from_slice(b"},\"geometry\":");
    write_geometry(out, geom);
    out.push(b'}');
}

/// Appends one Feature object.
pub fn write_feature(out: &mut Vec<u8>, layer: &Layer, f: &Feature<'_>) {
    write_feature_keys(out, &keys(layer), f)
}

fn header(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(b"{\"type\":\"FeatureCollection\",\"name\":");
    let _ = serde_json::to_writer(&mut *out, name);
    out.extend_from_slice(b",\"features\":[");
}

const FOOTER: &[u8] = b"\n]}\n";

/// A whole FeatureCollection in memory (small layers, tests).
pub fn feature_collection(layer: &Layer, features: &[Feature<'_>]) -> String {
    let mut out = Vec::new();
    header(&mut out, layer.name);
    for (i, f) in features.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        write_feature(&mut out, layer, f);
    }
    out.extend_from_slice(FOOTER);
    String::from_utf8(out).unwrap_or_default()
}

/// One open FeatureCollection on a writer.
struct Open<W: Write> {
    keys: Vec<Vec<u8>>,
    w: W,
    n: u64,
    shown: String,
}

/// Writes each layer as `NAME.geojson` through a writer the caller opens (a staged file).
pub struct GeoJsonFiles<W: Write, F: FnMut(&str) -> Result<(W, String)>> {
    open: F,
    layers: Vec<Option<Open<W>>>,
    buf: Vec<u8>,
}

impl<W: Write, F: FnMut(&str) -> Result<(W, String)>> GeoJsonFiles<W, F> {
    /// `open(file name)` gives a writer and the name to show in messages.
    pub fn new(open: F) -> Self {
        GeoJsonFiles {
            open,
            layers: Vec::new(),
            buf: Vec::with_capacity(8192),
        }
    }
}

fn io(shown: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(shown, e)
}

impl<W: Write, F: FnMut(&str) -> Result<(W, String)>> FeatureSink for GeoJsonFiles<W, F> {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        let (mut w, shown) = (self.open)(&format!("{}.geojson", layer.name))?;
        self.buf.clear();
        header(&mut self.buf, layer.name);
        w.write_all(&self.buf).map_err(io(&shown))?;
        self.layers.push(Some(Open {
            keys: keys(layer),
            w,
            n: 0,
            shown,
        }));
        Ok(self.layers.len() - 1)
    }

    fn feature(&mut self, id: LayerId, f: &Feature<'_>) -> Result<()> {
        let Some(Some(o)) = self.layers.get_mut(id) else {
            return Err(Error::Other(format!("GeoJSON layer {id} is not open")));
        };
        self.buf.clear();
        self.buf
            .extend_from_slice(if o.n == 0 { b"\n" } else { b",\n" });
        write_feature_keys(&mut self.buf, &o.keys, f);
        o.n += 1;
        o.w.write_all(&self.buf).map_err(io(&o.shown))
    }

    fn end_layer(&mut self, id: LayerId) -> Result<()> {
        let Some(mut o) = self.layers.get_mut(id).and_then(Option::take) else {
            return Ok(());
        };
        o.w.write_all(FOOTER)
            .and_then(|_| o.w.flush())
            .map_err(io(&o.shown))
    }

    fn finish(&mut self) -> Result<()> {
        for i in 0..self.layers.len() {
            self.end_layer(i)?;
        }
        Ok(())
    }
}

/// Features encoded ahead of writing (on the threads that resolve them): each is `,\n`
/// and the Feature object, so that encoded features follow one another as written.
pub struct Encoded {
    pub bytes: Vec<u8>,
    /// Features in `bytes`.
    pub n: u64,
}

impl Default for Encoded {
    /// Room for the features of a block of rows, so that the buffer rarely grows.
    fn default() -> Self {
        Encoded {
            bytes: Vec::with_capacity(1 << 21),
            n: 0,
        }
    }
}

impl Encoded {
    /// Appends one feature; `keys` are [`keys`] of its layer.
    pub fn push(&mut self, keys: &[Vec<u8>], f: &Feature<'_>) {
        self.push_parts(keys, &f.geom, &f.values)
    }

    /// Appends one feature from its geometry and values ([`write_feature_parts`]).
    pub fn push_parts<'v, V: std::borrow::Borrow<Value<'v>>>(
        &mut self,
        keys: &[Vec<u8>],
        geom: &Geom,
        values: impl IntoIterator<Item = V>,
    ) {
        self.bytes.extend_from_slice(b",\n");
        write_feature_parts(&mut self.bytes, keys, geom, values);
        self.n += 1;
    }
}

/// One FeatureCollection on one writer (standard output): every layer's features in it.
pub struct GeoJsonStream<W: Write> {
    w: W,
    shown: String,
    layers: Vec<Vec<Vec<u8>>>,
    started: bool,
    n: u64,
    buf: Vec<u8>,
}

impl<W: Write> GeoJsonStream<W> {
    pub fn new(w: W, shown: impl Into<String>) -> Self {
        GeoJsonStream {
            w,
            shown: shown.into(),
            layers: Vec::new(),
            started: false,
            n: 0,
            buf: Vec::with_capacity(8192),
        }
    }

    /// Writes features encoded ahead ([`Encoded`]), after those written so far; a layer has
    /// begun.
    pub fn encoded(&mut self, e: &Encoded) -> Result<()> {
        // the collection's first feature follows its header without a comma
        let b = match self.n {
            0 => e.bytes.get(1..).unwrap_or_default(),
            _ => &e.bytes[..],
        };
        self.n += e.n;
        self.w.write_all(b).map_err(io(&self.shown))
    }
}

impl<W: Write> FeatureSink for GeoJsonStream<W> {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        if !self.started {
            self.buf.clear();
            header(&mut self.buf, layer.name);
            self.w.write_all(&self.buf).map_err(io(&self.shown))?;
            self.started = true;
        }
        self.layers.push(keys(layer));
        Ok(self.layers.len() - 1)
    }

    fn feature(&mut self, id: LayerId, f: &Feature<'_>) -> Result<()> {
        let mut e = Encoded {
            bytes: std::mem::take(&mut self.buf),
            n: 0,
        };
        e.bytes.clear();
        e.push(&self.layers[id], f);
        let r = self.encoded(&e);
        self.buf = e.bytes;
        r
    }

    fn end_layer(&mut self, _: LayerId) -> Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if !self.started {
            self.buf.clear();
            header(&mut self.buf, "events");
            self.w.write_all(&self.buf).map_err(io(&self.shown))?;
            self.started = true;
        }
        self.w
            .write_all(FOOTER)
            .and_then(|_| self.w.flush())
            .map_err(io(&self.shown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::layer::{FieldDef, GeomType, Type, Value};
    use geo::Area;
    use std::sync::Arc;

    #[test]
    fn circles_are_written_counter_clockwise_and_closed() {
        let c = circle(40.92, 34.45, 5000.0, 64);
        let mp = MultiPolygon(vec![c]);
        let o = oriented(&mp);
        assert!(
            o.0[0].signed_area() > 0.0,
            "exterior ring must be counter-clockwise"
        );
        let j = geometry_json(&Geom::MultiPolygon(Arc::new(mp)));
        let first = &j["coordinates"][0][0];
        assert_eq!(first[0], first[first.as_array().unwrap().len() - 1]);
    }

    #[test]
    fn coordinates_keep_six_decimals() {
        let j = geometry_json(&Geom::Point(40.123456789, 34.000000049));
        assert_eq!(j["coordinates"].to_string(), "[40.123457,34.0]");
    }

    #[test]
    fn a_stream_is_one_valid_feature_collection() {
        let layer = Layer {
            name: "events",
            geom: GeomType::Point,
            fields: vec![
                FieldDef {
                    name: "id",
                    ty: Type::Text,
                },
                FieldDef {
                    name: "n",
                    ty: Type::Int,
                },
            ],
            style: None,
        };
        let mut out = Vec::new();
        {
            let mut s = GeoJsonStream::new(&mut out, "stdout");
            let id = s.begin_layer(&layer).unwrap();
            for i in 0..3 {
                s.feature(
                    id,
                    &Feature {
                        geom: Geom::Point(40.0, 34.0),
                        values: vec![Value::text(format!("a\"{i}")), Value::Int(i)],
                    },
                )
                .unwrap();
            }
            s.finish().unwrap();
        }
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["features"].as_array().unwrap().len(), 3);
        assert_eq!(v["features"][2]["properties"]["id"], "a\"2");
    }
}

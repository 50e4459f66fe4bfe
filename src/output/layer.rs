//! Layers declared once, and the sinks that receive them.
//!
//! A [`Layer`] is a name, a geometry type, a field list and a style. Every feature format
//! (GeoJSON, GeoPackage, CSV, JSON, the `events` table) is a [`FeatureSink`]: it is told of a
//! layer, receives its features one at a time in the layer's field order, and is told when the
//! layer ends. Several layers may be open at once (one pass over the events fills the events,
//! movements and uncertainty layers together); a sink never holds more than it must.

use std::sync::Arc;

use chrono::NaiveDate;
use geo::MultiPolygon;

use crate::error::Result;

/// A typed property value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Real(f64),
    Date(NaiveDate),
    Bool(bool),
    /// Nested JSON (the `events` command's stops).
    Json(serde_json::Value),
    Null,
}

/// The column type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Int,
    Real,
    Date,
    Bool,
    Json,
}

/// A field of a layer: name and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub name: &'static str,
    pub ty: Type,
}

/// The geometry type of a layer (one per layer, as QGIS wants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeomType {
    Point,
    LineString,
    MultiPolygon,
    /// Points and lines together (the `events` command's one stream).
    Mixed,
}

/// A geometry as written.
#[derive(Debug, Clone)]
pub enum Geom {
    Point(f64, f64),
    Line(Vec<(f64, f64)>),
    MultiPolygon(Arc<MultiPolygon<f64>>),
}

/// A layer: name, geometry type, fields, and its QGIS style (QML), if it has one.
#[derive(Debug, Clone)]
pub struct Layer {
    pub name: &'static str,
    pub geom: GeomType,
    pub fields: Vec<FieldDef>,
    pub style: Option<&'static str>,
}

impl Layer {
    /// The position of a field.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// One feature: a geometry and its values, in the layer's field order.
#[derive(Debug, Clone)]
pub struct Feature {
    pub geom: Geom,
    pub values: Vec<Value>,
}

/// Which open layer a feature belongs to.
pub type LayerId = usize;

/// A feature format.
pub trait FeatureSink {
    /// A layer begins; its features follow (possibly interleaved with other open layers').
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId>;
    /// One feature of an open layer.
    fn feature(&mut self, layer: LayerId, f: &Feature) -> Result<()>;
    /// The layer is complete.
    fn end_layer(&mut self, layer: LayerId) -> Result<()>;
    /// Everything is written: flush and close.
    fn finish(&mut self) -> Result<()>;
}

/// A feature to every sink of a list.
pub struct Tee<'a> {
    pub sinks: Vec<&'a mut dyn FeatureSink>,
    ids: Vec<Vec<LayerId>>,
}

impl<'a> Tee<'a> {
    pub fn new(sinks: Vec<&'a mut dyn FeatureSink>) -> Self {
        Tee {
            sinks,
            ids: Vec::new(),
        }
    }
}

impl FeatureSink for Tee<'_> {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        let mut v = Vec::with_capacity(self.sinks.len());
        for s in self.sinks.iter_mut() {
            v.push(s.begin_layer(layer)?);
        }
        self.ids.push(v);
        Ok(self.ids.len() - 1)
    }
    fn feature(&mut self, layer: LayerId, f: &Feature) -> Result<()> {
        for (s, id) in self.sinks.iter_mut().zip(&self.ids[layer]) {
            s.feature(*id, f)?;
        }
        Ok(())
    }
    fn end_layer(&mut self, layer: LayerId) -> Result<()> {
        for (s, id) in self.sinks.iter_mut().zip(&self.ids[layer]) {
            s.end_layer(*id)?;
        }
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        for s in self.sinks.iter_mut() {
            s.finish()?;
        }
        Ok(())
    }
}

/// A value as JSON (dates as ISO strings, booleans as JSON booleans).
pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Text(s) => serde_json::Value::String(s.clone()),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Real(x) => serde_json::Number::from_f64(*x)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Date(d) => serde_json::Value::String(d.format("%Y-%m-%d").to_string()),
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Json(j) => j.clone(),
        Value::Null => serde_json::Value::Null,
    }
}

/// A value as CSV text.
pub fn to_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Json(j) => j.to_string(),
        Value::Null => String::new(),
    }
}

/// Writes a value as JSON text straight into `out` (no intermediate tree).
pub fn write_json(out: &mut Vec<u8>, v: &Value) {
    use std::io::Write;
    match v {
        Value::Text(s) => {
            let _ = serde_json::to_writer(&mut *out, s.as_str());
        }
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Real(x) => {
            if x.is_finite() {
                let _ = serde_json::to_writer(&mut *out, x);
            } else {
                out.extend_from_slice(b"null");
            }
        }
        Value::Date(d) => {
            use chrono::Datelike;
            let _ = write!(out, "\"{:04}-{:02}-{:02}\"", d.year(), d.month(), d.day());
        }
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Json(j) => {
            let _ = serde_json::to_writer(&mut *out, j);
        }
        Value::Null => out.extend_from_slice(b"null"),
    }
}

//! Layers declared once, and the sinks that receive them.
//!
//! A [`Layer`] is a name, a geometry type, a field list and a style. Every feature format
//! (GeoJSON, GeoPackage, CSV, JSON, the `events` table) is a [`FeatureSink`]: it is told of a
//! layer, receives its features one at a time in the layer's field order, and is told when the
//! layer ends. Several layers may be open at once (one pass over the events fills the events,
//! movements and uncertainty layers together); a sink never holds more than it must.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use geo::MultiPolygon;

use crate::error::Result;

/// A typed property value; text is borrowed from the event where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
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
pub enum Geom<'a> {
    Point(f64, f64),
    Line(Cow<'a, [(f64, f64)]>),
    MultiPolygon(Arc<MultiPolygon<f64>>),
}

impl Value<'_> {
    /// Owned text.
    pub fn text(s: impl Into<String>) -> Value<'static> {
        Value::Text(Cow::Owned(s.into()))
    }
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
pub struct Feature<'a> {
    pub geom: Geom<'a>,
    pub values: Vec<Value<'a>>,
}

/// Which open layer a feature belongs to.
pub type LayerId = usize;

/// A feature format.
pub trait FeatureSink {
    /// A layer begins; its features follow (possibly interleaved with other open layers').
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId>;
    /// One feature of an open layer.
    fn feature(&mut self, layer: LayerId, f: &Feature<'_>) -> Result<()>;
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
    fn feature(&mut self, layer: LayerId, f: &Feature<'_>) -> Result<()> {
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
pub fn to_json(v: &Value<'_>) -> serde_json::Value {
    match v {
        Value::Text(s) => serde_json::Value::String(s.to_string()),
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
pub fn to_text(v: &Value<'_>) -> String {
    match v {
        Value::Text(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Json(j) => j.to_string(),
        Value::Null => String::new(),
    }
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it (`"`, `\\`, and
/// control characters; `\b \f \n \r \t` short, others as `\u00xx`), eight bytes at a time
/// where none needs escaping.
pub fn write_json_str(out: &mut Vec<u8>, s: &str) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    #[inline]
    fn has_zero(y: u64) -> bool {
        y.wrapping_sub(LO) & !y & HI != 0
    }
    #[inline]
    fn needs(x: u64) -> bool {
        // a byte below 0x20 (bytes above 0x7f have the top bit set and are excluded by `!x`),
        // a quote or a backslash
        (x.wrapping_sub(0x20 * LO) & !x & HI != 0)
            || has_zero(x ^ (0x22 * LO))
            || has_zero(x ^ (0x5c * LO))
    }
    fn escape(out: &mut Vec<u8>, b: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b if b < 0x20 => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 15) as usize],
            ]),
            b => out.push(b),
        }
    }
    /// The bytes that need an escape.
    const ESC: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = true;
            b += 1;
        }
        t[b'"' as usize] = true;
        t[b'\\' as usize] = true;
        t
    };
    /// The first byte at or after `i` that needs an escape: eight bytes are tested at a time.
    fn next_escape(b: &[u8], mut i: usize) -> Option<usize> {
        while let Some(w) = b.get(i..i + 8) {
            let Ok(w) = <[u8; 8]>::try_from(w) else { break };
            if needs(u64::from_le_bytes(w)) {
                break;
            }
            i += 8;
        }
        b.get(i..)?
            .iter()
            .position(|&c| ESC[c as usize])
            .map(|p| i + p)
    }
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // runs that need no escape are copied whole
    let mut run = 0;
    while let Some(j) = next_escape(bytes, run) {
        out.extend_from_slice(&bytes[run..j]);
        escape(out, bytes[j]);
        run = j + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Appends a whole number in decimal.
pub fn write_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    let mut a = v.unsigned_abs();
    let mut d = [0u8; 20];
    let mut n = 0;
    loop {
        d[n] = b'0' + (a % 10) as u8;
        n += 1;
        a /= 10;
        if a == 0 {
            break;
        }
    }
    out.extend(d[..n].iter().rev());
}

/// Appends a date as a JSON string, `"YYYY-MM-DD"`.
pub fn write_date(out: &mut Vec<u8>, d: chrono::NaiveDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        use std::io::Write;
        let _ = write!(out, "\"{}\"", d.format("%Y-%m-%d"));
        return;
    }
    let y = y as u32;
    out.extend_from_slice(&[
        b'"',
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (day / 10) as u8,
        b'0' + (day % 10) as u8,
        b'"',
    ]);
}

/// Writes a value as JSON text straight into `out` (no intermediate tree).
pub fn write_json(out: &mut Vec<u8>, v: &Value<'_>) {
    match v {
        Value::Text(s) => write_json_str(out, s),
        Value::Int(i) => write_int(out, *i),
        Value::Real(x) => {
            if x.is_finite() {
                let _ = serde_json::to_writer(&mut *out, x);
            } else {
                out.extend_from_slice(b"null");
            }
        }
        Value::Date(d) => write_date(out, *d),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Json(j) => {
            let _ = serde_json::to_writer(&mut *out, j);
        }
        Value::Null => out.extend_from_slice(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use super::write_json_str;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "plain ascii text, longer than eight bytes".into(),
            "quote \" and backslash \\ and / slash".into(),
            "tab\tnew\nline\rcr \u{8}\u{c}\u{1}\u{1f}\u{7f}".into(),
            "دير الزور \"البوكمال\"  Ḩ ‘ayn".into(),
        ];
        for i in 0u32..300 {
            cases.push(
                (0..(i % 37))
                    .map(|j| char::from_u32((i * 7 + j * 13) % 140).unwrap_or('x'))
                    .collect(),
            );
        }
        for c in cases {
            let mut a = Vec::new();
            write_json_str(&mut a, &c);
            assert_eq!(
                String::from_utf8(a).unwrap(),
                serde_json::to_string(&c).unwrap(),
                "{c:?}"
            );
        }
    }
}

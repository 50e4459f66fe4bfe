//! The `events` command's formats as sinks: CSV (one header, WKT geometry), JSON (an array of
//! objects) and a terminal table. Each writes a row as it arrives.

use std::io::Write;

use super::geojson::geometry_json;
use super::layer::{to_json, to_text, Feature, FeatureSink, Geom, Layer, LayerId, Value};
use crate::error::{Error, Result};

fn io(shown: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(shown, e)
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Well-known text of a geometry.
pub fn wkt(g: &Geom) -> String {
    match g {
        Geom::Point(x, y) => format!("POINT ({} {})", round6(*x), round6(*y)),
        Geom::Line(p) => format!(
            "LINESTRING ({})",
            p.iter()
                .map(|(x, y)| format!("{} {}", round6(*x), round6(*y)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Geom::MultiPolygon(_) => String::new(),
    }
}

/// RFC 4180 CSV with a `wkt` column.
pub struct CsvSink<W: Write> {
    w: W,
    shown: String,
    layers: Vec<Layer>,
    header: bool,
}

impl<W: Write> CsvSink<W> {
    pub fn new(w: W, shown: impl Into<String>) -> Self {
        CsvSink {
            w,
            shown: shown.into(),
            layers: Vec::new(),
            header: false,
        }
    }
}

impl<W: Write> FeatureSink for CsvSink<W> {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        if !self.header {
            let mut h: Vec<&str> = layer.fields.iter().map(|f| f.name).collect();
            h.push("wkt");
            self.w
                .write_all(crate::csv_row(&h).as_bytes())
                .map_err(io(&self.shown))?;
            self.header = true;
        }
        self.layers.push(layer.clone());
        Ok(self.layers.len() - 1)
    }
    fn feature(&mut self, _: LayerId, f: &Feature) -> Result<()> {
        let mut cells: Vec<String> = f.values.iter().map(to_text).collect();
        cells.push(wkt(&f.geom));
        self.w
            .write_all(crate::csv_row(&cells).as_bytes())
            .map_err(io(&self.shown))
    }
    fn end_layer(&mut self, _: LayerId) -> Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        self.w.flush().map_err(io(&self.shown))
    }
}

/// A JSON array of objects: the fields, then `geometry`.
pub struct JsonSink<W: Write> {
    w: W,
    shown: String,
    layers: Vec<Layer>,
    n: u64,
}

impl<W: Write> JsonSink<W> {
    pub fn new(w: W, shown: impl Into<String>) -> Self {
        JsonSink {
            w,
            shown: shown.into(),
            layers: Vec::new(),
            n: 0,
        }
    }
}

/// One feature as the JSON object [`JsonSink`] prints: its fields by name, then its geometry.
pub fn feature_object(layer: &Layer, f: &Feature) -> serde_json::Map<String, serde_json::Value> {
    let mut o = serde_json::Map::new();
    for (d, v) in layer.fields.iter().zip(&f.values) {
        o.insert(d.name.to_string(), to_json(v));
    }
    o.insert("geometry".into(), geometry_json(&f.geom));
    o
}

impl<W: Write> FeatureSink for JsonSink<W> {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        self.layers.push(layer.clone());
        Ok(self.layers.len() - 1)
    }
    fn feature(&mut self, id: LayerId, f: &Feature) -> Result<()> {
        let o = feature_object(&self.layers[id], f);
        let text = serde_json::to_string_pretty(&serde_json::Value::Object(o)).unwrap_or_default();
        let mut out = String::with_capacity(text.len() + 64);
        out.push_str(if self.n == 0 { "[\n" } else { ",\n" });
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("  ");
            out.push_str(line);
        }
        self.n += 1;
        self.w.write_all(out.as_bytes()).map_err(io(&self.shown))
    }
    fn end_layer(&mut self, _: LayerId) -> Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        let tail: &[u8] = if self.n == 0 { b"[]\n" } else { b"\n]\n" };
        self.w
            .write_all(tail)
            .and_then(|_| self.w.flush())
            .map_err(io(&self.shown))
    }
}

fn truncate(s: &str, n: usize) -> String {
    let s = crate::text::terminal_safe(s);
    if s.chars().count() <= n {
        s.into_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// A table for the terminal: date, kind, status, grade, actors, where, border, side, id.
pub struct TableSink<W: Write> {
    w: W,
    shown: String,
    cols: Vec<[Option<usize>; 10]>,
    n: u64,
}

impl<W: Write> TableSink<W> {
    pub fn new(w: W, shown: impl Into<String>) -> Self {
        TableSink {
            w,
            shown: shown.into(),
            cols: Vec::new(),
            n: 0,
        }
    }
}

impl<W: Write> FeatureSink for TableSink<W> {
    fn begin_layer(&mut self, layer: &Layer) -> Result<LayerId> {
        if self.cols.is_empty() {
            let h = format!(
                "{:<23} {:<14} {:<10} {:<5} {:<30} {:<44} {:>8} {:>5}  {}\n",
                "date", "kind", "status", "grade", "actors", "where", "border", "side", "id"
            );
            self.w.write_all(h.as_bytes()).map_err(io(&self.shown))?;
        }
        let ix = |n: &str| layer.index(n);
        self.cols.push([
            ix("date_start"),
            ix("date_end"),
            ix("kind"),
            ix("status"),
            ix("grading"),
            ix("actors"),
            ix("site_ids"),
            ix("border_km"),
            ix("side"),
            ix("id"),
        ]);
        Ok(self.cols.len() - 1)
    }
    fn feature(&mut self, id: LayerId, f: &Feature) -> Result<()> {
        let c = self.cols[id];
        let get = |i: Option<usize>| -> String {
            i.and_then(|i| f.values.get(i))
                .map(to_text)
                .unwrap_or_default()
        };
        let (a, b) = (get(c[0]), get(c[1]));
        let date = if a == b { a } else { format!("{a}..{b}") };
        let border = match c[7].and_then(|i| f.values.get(i)) {
            Some(Value::Real(x)) => format!("{x:>6.1}km"),
            _ => "      -".to_string(),
        };
        let line = format!(
            "{:<23} {:<14} {:<10} {:<5} {:<30} {:<44} {:>8} {:>5}  {}\n",
            date,
            get(c[2]),
            get(c[3]),
            get(c[4]),
            truncate(&get(c[5]), 30),
            truncate(&get(c[6]).replace("; ", " → "), 44),
            border,
            get(c[8]),
            crate::text::terminal_safe(&get(c[9]))
        );
        self.n += 1;
        self.w.write_all(line.as_bytes()).map_err(io(&self.shown))
    }
    fn end_layer(&mut self, _: LayerId) -> Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        let t = format!("{} event(s)\n", self.n);
        self.w
            .write_all(t.as_bytes())
            .and_then(|_| self.w.flush())
            .map_err(io(&self.shown))
    }
}

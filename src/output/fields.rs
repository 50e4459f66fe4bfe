//! The typed, flat properties of every layer, in a fixed order: one definition that the
//! GeoJSON, GeoPackage, CSV and JSON writers all read, so the columns never drift apart.

use chrono::{Duration, NaiveDate};

use crate::actors::Actors;
use crate::border::Border;
use crate::gazetteer::Site;
use crate::resolve::{Resolved, Shape};

/// A typed property value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Real(f64),
    Date(NaiveDate),
    Bool(bool),
    Null,
}

/// The column type of a field (for GeoPackage and for documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Int,
    Real,
    Date,
    Bool,
}

/// One named, typed property.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    pub value: Value,
}

fn text(name: &'static str, v: impl Into<String>) -> Field {
    Field {
        name,
        ty: Type::Text,
        value: Value::Text(v.into()),
    }
}
fn opt_text(name: &'static str, v: Option<&str>) -> Field {
    Field {
        name,
        ty: Type::Text,
        value: v.map(|s| Value::Text(s.to_string())).unwrap_or(Value::Null),
    }
}
fn int(name: &'static str, v: i64) -> Field {
    Field {
        name,
        ty: Type::Int,
        value: Value::Int(v),
    }
}
/// Reals are rounded to `d` decimals so outputs are stable and honest about precision.
pub fn real(name: &'static str, v: f64, d: i32) -> Field {
    let m = 10f64.powi(d);
    let r = (v * m).round() / m;
    Field {
        name,
        ty: Type::Real,
        value: Value::Real(if r == 0.0 { 0.0 } else { r }),
    }
}
fn date(name: &'static str, v: NaiveDate) -> Field {
    Field {
        name,
        ty: Type::Date,
        value: Value::Date(v),
    }
}
fn boolean(name: &'static str, v: bool) -> Field {
    Field {
        name,
        ty: Type::Bool,
        value: Value::Bool(v),
    }
}

/// The properties of a resolved event (`events` and `movements` layers, `events` command).
pub fn event_fields(r: &Resolved<'_>, actors: &Actors) -> Vec<Field> {
    let e = r.event;
    let s = &r.report.source;
    let names = actors.names(&e.actors);
    let site_ids: Vec<String> = r
        .stops
        .iter()
        .map(|s| {
            s.site_id
                .clone()
                .unwrap_or_else(|| format!("{:.4},{:.4}", s.lon, s.lat))
        })
        .collect();
    let movement = matches!(r.shape, Shape::Line(_));
    let mut f = vec![
        text("id", r.id()),
        text("report", s.id.clone()),
        text("kind", e.kind.as_str()),
        text("status", e.status.as_str()),
        date("date_start", e.period.start),
        date("date_end", e.period.end),
        date("date_end_excl", e.period.end + Duration::days(1)),
        text("date_precision", e.period.precision.as_str()),
        text("actors", names.join("; ")),
        text("actor_ids", e.actors.join("; ")),
        text("place", e.place.clone()),
        text("site_ids", site_ids.join("; ")),
    ];
    if movement {
        f.push(text(
            "from_id",
            site_ids.first().cloned().unwrap_or_default(),
        ));
        f.push(text("to_id", site_ids.last().cloned().unwrap_or_default()));
    }
    f.extend([
        text("publisher", s.publisher.clone()),
        text("title", s.title.clone()),
        text("url", s.url.clone()),
        date("published", s.published),
        text("reliability", s.reliability.to_string()),
        int("credibility", e.credibility as i64),
        text("grading", r.report.grading(e)),
        text("quote", e.quote.clone()),
        text("notes", e.notes.clone()),
        opt_text("date_note", e.date_note.as_deref()),
        int("geo_precision", e.geo_precision as i64),
        int("where_prec", e.where_prec as i64),
        int("precision_m", r.precision_m.round() as i64),
        real("border_km", r.border_km, 2),
        text("side", r.side.code()),
        real("chainage_km", r.chainage_km, 2),
        boolean("crosses_border", r.crosses_border),
        real("length_km", r.length_km, 2),
        text("countries", r.countries.join("; ")),
    ]);
    f
}

/// The properties of a site (`sites` layer).
pub fn site_fields(s: &Site, border: &Border) -> Vec<Field> {
    let fix = border.fix(s.lon, s.lat);
    let label = match &s.name_ar {
        Some(ar) => format!("{}\n{}", s.name, ar),
        None => s.name.clone(),
    };
    vec![
        text("id", s.id.clone()),
        text("name", s.name.clone()),
        opt_text("name_ar", s.name_ar.as_deref()),
        text("label", label),
        text("kind", s.kind.as_str()),
        text("country", s.country.clone()),
        text("admin1", s.admin1.clone()),
        int("precision_m", s.precision_m.round() as i64),
        text("source", s.source.clone()),
        real("border_km", fix.distance_km, 2),
        text("side", border.side(s.lon, s.lat).code()),
        real("chainage_km", fix.chainage_km, 2),
    ]
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
        Value::Null => serde_json::Value::Null,
    }
}

/// Fields as a JSON object, in order.
pub fn to_json_object(fields: &[Field]) -> serde_json::Map<String, serde_json::Value> {
    fields
        .iter()
        .map(|f| (f.name.to_string(), to_json(&f.value)))
        .collect()
}

/// A value as CSV text.
pub fn to_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
    }
}

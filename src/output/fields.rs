//! The layers every feature format writes, declared once: their names, geometry types, typed
//! fields in a fixed order, and styles. Each event field is one row of a table (name, type,
//! how its value is read from a resolved event), so the columns of the GeoJSON, GeoPackage,
//! CSV and JSON outputs can never drift apart.

use std::borrow::Cow;

use chrono::Duration;

use super::layer::{FieldDef, GeomType, Layer, Type, Value};
use crate::actors::Actors;
use crate::border::Border;
use crate::event::{ActorRef, ImportText};
use crate::gazetteer::Site;
use crate::resolve::{Resolved, Shape};

/// What an event field's value is read with.
pub struct Ctx<'a> {
    pub actors: &'a Actors,
}

type Get = for<'r> fn(&'r Resolved, &Ctx<'_>) -> Value<'r>;

/// Reals are rounded to `d` decimals so outputs are stable and honest about precision.
pub fn round(v: f64, d: i32) -> f64 {
    let m = 10f64.powi(d);
    let r = (v * m).round() / m;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn real(v: f64, d: i32) -> Value<'static> {
    if v.is_finite() {
        Value::Real(round(v, d))
    } else {
        Value::Null
    }
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

fn owned(s: String) -> Value<'static> {
    Value::Text(Cow::Owned(s))
}

fn opt_text(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Null, text)
}

fn opt_int<T: Into<i64> + Copy>(v: Option<T>) -> Value<'static> {
    v.map_or(Value::Null, |x| Value::Int(x.into()))
}

/// Appends `x` with four decimals, as `format!("{x:.4}")` writes it, without the float
/// formatter.
pub fn push_fixed4(out: &mut String, x: f64) {
    let v = (x * 1e4).round();
    if !v.is_finite() || v.abs() >= 9e15 || (x * 1e4 - v).abs() == 0.5 {
        // out of range, or a tie the float formatter may round the other way
        out.push_str(&format!("{x:.4}"));
        return;
    }
    let a = (v as i64).unsigned_abs();
    if x.is_sign_negative() {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut int = a / 10_000;
    loop {
        digits[n] = b'0' + (int % 10) as u8;
        n += 1;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    for d in digits[..n].iter().rev() {
        out.push(*d as char);
    }
    out.push('.');
    let frac = a % 10_000;
    for p in [1000, 100, 10, 1] {
        out.push((b'0' + (frac / p % 10) as u8) as char);
    }
}

/// `x` with four decimals, as `format!("{x:.4}")` writes it.
pub fn fixed4(x: f64) -> String {
    let mut s = String::with_capacity(12);
    push_fixed4(&mut s, x);
    s
}

/// A stop's id: its site's, or its coordinates as `lon,lat`.
pub fn stop_id(s: &crate::resolve::Stop) -> String {
    match s.site_id() {
        Some(id) => id.to_string(),
        None => {
            let mut out = String::with_capacity(24);
            push_fixed4(&mut out, s.lon);
            out.push(',');
            push_fixed4(&mut out, s.lat);
            out
        }
    }
}

/// The site ids of the stops (raw coordinates as `lon,lat`).
pub fn stop_ids(r: &Resolved) -> Vec<String> {
    r.stops.iter().map(stop_id).collect()
}

/// The display name of an actor (a registry name, or an import's verbatim name).
fn actor_name<'a>(a: &'a ActorRef, actors: &'a Actors) -> &'a str {
    match a {
        ActorRef::Known(id) => actors.get(id).map_or(id.as_str(), |x| x.name.as_str()),
        ActorRef::Named(n) => n,
    }
}

/// Display names of an event's actors (a registry name, or an import's verbatim name).
pub fn actor_names(r: &Resolved, actors: &Actors) -> Vec<String> {
    r.event
        .actors
        .iter()
        .map(|a| actor_name(a, actors).to_string())
        .collect()
}

/// Texts joined with `; `, in one allocation.
fn joined<'a>(items: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut s = String::with_capacity(items.clone().map(|x| x.len() + 2).sum());
    for (i, x) in items.enumerate() {
        if i > 0 {
            s.push_str("; ");
        }
        s.push_str(x);
    }
    s
}

fn import<'r, T: 'r>(
    r: &'r Resolved,
    f: impl Fn(&'r crate::event::ImportFields) -> T,
) -> Option<T> {
    r.event.import.as_deref().map(f)
}

/// The event fields shared by every event layer, in order.
const COMMON: &[(&str, Type, Get)] = &[
    ("id", Type::Text, |r, _| owned(r.id())),
    ("report", Type::Text, |r, _| text(&r.event.source.id)),
    ("kind", Type::Text, |r, _| text(r.event.kind.as_str())),
    ("status", Type::Text, |r, _| text(r.event.status.as_str())),
    ("date_start", Type::Date, |r, _| {
        Value::Date(r.event.period.start)
    }),
    ("date_end", Type::Date, |r, _| {
        Value::Date(r.event.period.end)
    }),
    ("date_end_excl", Type::Date, |r, _| {
        Value::Date(r.event.period.end + Duration::days(1))
    }),
    ("date_precision", Type::Text, |r, _| {
        text(r.event.period.precision.as_str())
    }),
    ("actors", Type::Text, |r, c| {
        owned(joined(
            r.event.actors.iter().map(|a| actor_name(a, c.actors)),
        ))
    }),
    ("actor_ids", Type::Text, |r, _| {
        let mut ids = r.event.actor_ids();
        match (ids.next(), ids.next()) {
            (Some(one), None) => text(one),
            _ => owned(joined(r.event.actors.iter().filter_map(ActorRef::id))),
        }
    }),
    ("place", Type::Text, |r, _| text(&r.event.place)),
    ("site_ids", Type::Text, |r, _| match r.stops.as_slice() {
        [one] => owned(stop_id(one)),
        _ => owned(stop_ids(r).join("; ")),
    }),
    ("position", Type::Text, |r, _| match r.stops.as_slice() {
        [one] => text(position(one)),
        _ => owned(r.stops.iter().map(position).collect::<Vec<_>>().join("; ")),
    }),
];

/// Where a stop's position comes from: `curated` (the gazetteer's own sites), `user` (a
/// `--gazetteer` file, a side file, or a report's `[[site]]` with a citation), `report` (a
/// report's `[[site]]` whose only evidence is the report), `geonames`, or `coordinates` (given
/// as lon/lat by the source).
pub fn position(s: &crate::resolve::Stop) -> &'static str {
    match s.site.as_deref() {
        None => "coordinates",
        Some(site) => match site.tier {
            crate::gazetteer::Tier::Curated => "curated",
            crate::gazetteer::Tier::GeoNames => "geonames",
            crate::gazetteer::Tier::User if site.source == crate::gazetteer::REPORT_SOURCE => {
                "report"
            }
            crate::gazetteer::Tier::User => "user",
        },
    }
}

/// Movements only: the first and last stop.
const ROUTE: &[(&str, Type, Get)] = &[
    ("from_id", Type::Text, |r, _| {
        owned(r.stops.first().map(stop_id).unwrap_or_default())
    }),
    ("to_id", Type::Text, |r, _| {
        owned(r.stops.last().map(stop_id).unwrap_or_default())
    }),
];

const SOURCE_AND_FIGURES: &[(&str, Type, Get)] = &[
    ("publisher", Type::Text, |r, _| {
        text(&r.event.source.publisher)
    }),
    ("title", Type::Text, |r, _| text(&r.event.source.title)),
    ("url", Type::Text, |r, _| text(&r.event.source.url)),
    ("published", Type::Date, |r, _| {
        r.event.source.published.map_or(Value::Null, Value::Date)
    }),
    ("reliability", Type::Text, |r, _| {
        text(match r.event.source.reliability {
            'A' => "A",
            'B' => "B",
            'C' => "C",
            'D' => "D",
            'E' => "E",
            _ => "F",
        })
    }),
    ("credibility", Type::Int, |r, _| {
        Value::Int(r.event.credibility as i64)
    }),
    ("grading", Type::Text, |r, _| owned(r.event.grading())),
    ("quote", Type::Text, |r, _| text(&r.event.quote)),
    ("notes", Type::Text, |r, _| text(&r.event.notes)),
    ("date_note", Type::Text, |r, _| {
        opt_text(r.event.date_note.as_deref())
    }),
    ("geo_precision", Type::Int, |r, _| {
        Value::Int(r.event.geo_precision as i64)
    }),
    ("where_prec", Type::Int, |r, _| {
        Value::Int(r.event.where_prec as i64)
    }),
    ("precision_m", Type::Int, |r, _| {
        if r.precision_m.is_finite() {
            Value::Int(r.precision_m.round() as i64)
        } else {
            Value::Null
        }
    }),
    ("border_km", Type::Real, |r, _| real(r.border_km, 2)),
    ("side", Type::Text, |r, _| text(r.side.code())),
    ("chainage_km", Type::Real, |r, _| real(r.chainage_km, 2)),
    ("crosses_border", Type::Bool, |r, _| {
        Value::Bool(r.crosses_border)
    }),
    ("length_km", Type::Real, |r, _| real(r.length_km, 2)),
    ("countries", Type::Text, |r, _| {
        match r.countries.as_slice() {
            [one] => text(one),
            _ => owned(r.countries.join("; ")),
        }
    }),
];

/// The fields of an ACLED or UCDP row, present when a run imports one.
const IMPORTED: &[(&str, Type, Get)] = &[
    ("import_format", Type::Text, |r, _| match r.event.import {
        Some(_) => text(r.event.source.format.as_str()),
        None => Value::Null,
    }),
    ("source_event_id", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::EventId)))
    }),
    ("event_type", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::EventType)))
    }),
    ("sub_event_type", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::SubEventType)))
    }),
    ("actor1", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Actor1)))
    }),
    ("assoc_actor_1", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::AssocActor1)))
    }),
    ("actor2", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Actor2)))
    }),
    ("assoc_actor_2", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::AssocActor2)))
    }),
    ("inter1", Type::Int, |r, _| {
        opt_int(import(r, |i| i.inter1).flatten())
    }),
    ("inter2", Type::Int, |r, _| {
        opt_int(import(r, |i| i.inter2).flatten())
    }),
    ("interaction", Type::Int, |r, _| {
        opt_int(import(r, |i| i.interaction).flatten())
    }),
    ("civilian_targeting", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::CivilianTargeting)))
    }),
    ("fatalities", Type::Int, |r, _| {
        opt_int(import(r, |i| i.fatalities).flatten())
    }),
    ("fatalities_low", Type::Int, |r, _| {
        opt_int(import(r, |i| i.fatalities_low).flatten())
    }),
    ("fatalities_high", Type::Int, |r, _| {
        opt_int(import(r, |i| i.fatalities_high).flatten())
    }),
    ("sources", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Sources)))
    }),
    ("source_scale", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::SourceScale)))
    }),
    ("time_precision", Type::Int, |r, _| {
        opt_int(import(r, |i| i.time_precision).flatten())
    }),
    ("date_prec", Type::Int, |r, _| {
        opt_int(import(r, |i| i.date_prec).flatten())
    }),
    ("country", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Country)))
    }),
    ("admin1", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Admin1)))
    }),
    ("admin2", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Admin2)))
    }),
    ("admin3", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Admin3)))
    }),
    ("tags", Type::Text, |r, _| {
        opt_text(import(r, |i| i.text(ImportText::Tags)))
    }),
    ("timestamp", Type::Int, |r, _| {
        opt_int(import(r, |i| i.timestamp).flatten())
    }),
    ("near_site_id", Type::Text, |r, _| {
        opt_text(
            r.stops
                .iter()
                .find_map(|s| s.near.as_ref())
                .map(|n| n.site.id.as_str()),
        )
    }),
    ("near_site", Type::Text, |r, _| {
        opt_text(
            r.stops
                .iter()
                .find_map(|s| s.near.as_ref())
                .map(|n| n.site.name.as_str()),
        )
    }),
    ("near_km", Type::Real, |r, _| {
        r.stops
            .iter()
            .find_map(|s| s.near.as_ref())
            .map_or(Value::Null, |n| real(n.km, 2))
    }),
];

/// The `events` command's extra field: every stop, as JSON.
const STOPS: &[(&str, Type, Get)] = &[("stops", Type::Json, |r, _| {
    Value::Json(serde_json::Value::Array(
        r.stops
            .iter()
            .map(|s| {
                serde_json::json!({
                    "site_id": s.site_id(),
                    "lon": round(s.lon, 6),
                    "lat": round(s.lat, 6),
                    "precision_m": if s.precision_m.is_finite() { Some(s.precision_m.round() as i64) } else { None },
                    "uncertainty": s.uncertainty.shape_name(),
                })
            })
            .collect(),
    ))
})];

/// Which event fields a layer carries.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventSchema {
    /// `from_id` and `to_id`.
    pub route: bool,
    /// The ACLED / UCDP fields.
    pub imported: bool,
    /// The stops as JSON (the `events` command).
    pub stops: bool,
}

/// The accessors of a schema, in field order.
pub struct EventFields {
    getters: Vec<(&'static str, Type, Get)>,
}

impl EventSchema {
    pub fn fields(self) -> EventFields {
        let mut g: Vec<(&'static str, Type, Get)> = COMMON.to_vec();
        if self.route {
            g.extend_from_slice(ROUTE);
        }
        g.extend_from_slice(SOURCE_AND_FIGURES);
        if self.imported {
            g.extend_from_slice(IMPORTED);
        }
        if self.stops {
            g.extend_from_slice(STOPS);
        }
        EventFields { getters: g }
    }
}

impl EventFields {
    pub fn defs(&self) -> Vec<FieldDef> {
        self.getters
            .iter()
            .map(|(name, ty, _)| FieldDef { name, ty: *ty })
            .collect()
    }

    /// The values of one event, in field order.
    pub fn values<'r>(&self, r: &'r Resolved, ctx: &Ctx<'_>) -> Vec<Value<'r>> {
        self.each(r, ctx).collect()
    }

    /// The values of one event, in field order, each made as it is asked for.
    pub fn each<'s, 'r: 's>(
        &'s self,
        r: &'r Resolved,
        ctx: &'s Ctx<'_>,
    ) -> impl Iterator<Item = Value<'r>> + 's {
        self.getters.iter().map(move |(_, _, get)| get(r, ctx))
    }
}

/// A layer of events.
pub fn event_layer(
    name: &'static str,
    geom: GeomType,
    schema: EventSchema,
) -> (Layer, EventFields) {
    let f = schema.fields();
    (
        Layer {
            name,
            geom,
            fields: f.defs(),
            style: super::styles::qml(name),
        },
        f,
    )
}

/// Whether a resolved event draws as a line.
pub fn is_line(r: &Resolved) -> bool {
    matches!(r.shape, Shape::Line(_))
}

const fn fd(name: &'static str, ty: Type) -> FieldDef {
    FieldDef { name, ty }
}

/// The `uncertainty` layer.
pub fn uncertainty_layer() -> Layer {
    Layer {
        name: "uncertainty",
        geom: GeomType::MultiPolygon,
        fields: vec![
            fd("id", Type::Text),
            fd("event_id", Type::Text),
            fd("kind", Type::Text),
            fd("status", Type::Text),
            fd("date_start", Type::Date),
            fd("date_end", Type::Date),
            fd("date_end_excl", Type::Date),
            fd("radius_m", Type::Int),
            fd("shape", Type::Text),
            fd("site_id", Type::Text),
        ],
        style: super::styles::qml("uncertainty"),
    }
}

/// The `sites` layer.
pub fn sites_layer() -> Layer {
    Layer {
        name: "sites",
        geom: GeomType::Point,
        fields: vec![
            fd("id", Type::Text),
            fd("name", Type::Text),
            fd("name_ar", Type::Text),
            fd("label", Type::Text),
            fd("kind", Type::Text),
            fd("country", Type::Text),
            fd("admin1", Type::Text),
            fd("precision_m", Type::Int),
            fd("source", Type::Text),
            fd("border_km", Type::Real),
            fd("side", Type::Text),
            fd("chainage_km", Type::Real),
        ],
        style: super::styles::qml("sites"),
    }
}

/// The values of a site (`sites` layer).
pub fn site_values<'s>(s: &'s Site, border: &Border) -> Vec<Value<'s>> {
    let fix = border.fix(s.lon, s.lat);
    let label = match &s.name_ar {
        Some(ar) => format!("{}\n{}", s.name, ar),
        None => s.name.clone(),
    };
    vec![
        text(&s.id),
        text(&s.name),
        opt_text(s.name_ar.as_deref()),
        owned(label),
        text(s.kind.as_str()),
        text(&s.country),
        text(&s.admin1),
        Value::Int(s.precision_m.round() as i64),
        text(&s.source),
        real(fix.distance_km, 2),
        text(border.side(s.lon, s.lat).code()),
        real(fix.chainage_km, 2),
    ]
}

/// The `areas` layer.
pub fn areas_layer() -> Layer {
    Layer {
        name: "areas",
        geom: GeomType::MultiPolygon,
        fields: vec![
            fd("id", Type::Text),
            fd("name", Type::Text),
            fd("name_ar", Type::Text),
            fd("kind", Type::Text),
            fd("country", Type::Text),
            fd("source", Type::Text),
        ],
        style: super::styles::qml("areas"),
    }
}

/// The `border` layer.
pub fn border_layer() -> Layer {
    Layer {
        name: "border",
        geom: GeomType::LineString,
        fields: vec![
            fd("id", Type::Text),
            fd("name", Type::Text),
            fd("source", Type::Text),
            fd("length_km", Type::Real),
        ],
        style: super::styles::qml("border"),
    }
}

/// The `rivers` layer.
pub fn rivers_layer() -> Layer {
    Layer {
        name: "rivers",
        geom: GeomType::LineString,
        fields: vec![
            fd("id", Type::Text),
            fd("name", Type::Text),
            fd("name_ar", Type::Text),
            fd("source", Type::Text),
        ],
        style: super::styles::qml("rivers"),
    }
}

/// A real rounded to `d` decimals, as a value.
pub fn real_value(v: f64, d: i32) -> Value<'static> {
    real(v, d)
}

#[cfg(test)]
mod tests {
    use super::fixed4;

    #[test]
    fn four_decimals_as_the_formatter_writes_them() {
        for x in [
            0.0,
            -0.0,
            40.97701,
            -12.34565,
            34.39749999,
            1e-5,
            -1e-5,
            179.99995,
            12345.6789,
        ] {
            assert_eq!(fixed4(x), format!("{x:.4}"), "{x}");
        }
        let mut v: f64 = 33.123;
        for _ in 0..10_000 {
            v = (v * 1.000_37 + 0.011_3) % 90.0;
            assert_eq!(fixed4(v), format!("{v:.4}"));
            assert_eq!(fixed4(-v), format!("{:.4}", -v));
        }
    }
}

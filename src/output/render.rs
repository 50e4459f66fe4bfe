//! `bordermap render`: every product of one run, made in memory from the resolved events.

use std::collections::{BTreeMap, BTreeSet};

use geo::{LineString, MultiPolygon};

use super::atomic::Outputs;
use super::fields::{self, event_fields, site_fields, Field, Type, Value};
use super::geojson::{circle, feature_collection, Feature, Geom};
use super::mapopts::MapOptions;
use crate::actors::Actors;
use crate::border::{read_features, Border};
use crate::data;
use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, Site, SiteKind};
use crate::resolve::{Resolved, Shape, Uncertainty};

/// A named line of the basemap (a river).
#[derive(Debug, Clone)]
pub struct NamedLine {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub line: LineString<f64>,
}

/// The rivers of `gazetteer/rivers.geojson`.
pub fn rivers() -> Result<Vec<NamedLine>> {
    let (f, t) = data::RIVERS_GEOJSON;
    let mut out = Vec::new();
    for (props, g) in read_features(f, t).map_err(|d| Error::Invalid(vec![d]))? {
        let name = props
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let name_ar = match name.as_str() {
            "Euphrates" => "الفرات",
            "Tigris" => "دجلة",
            "Khabur" => "الخابور",
            _ => "",
        };
        if let geo::Geometry::LineString(line) = g {
            out.push(NamedLine {
                id: name.to_lowercase(),
                name_ar: name_ar.into(),
                name,
                line,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

fn text(name: &'static str, v: impl Into<String>) -> Field {
    Field {
        name,
        ty: Type::Text,
        value: Value::Text(v.into()),
    }
}

/// Sites the events use (point kinds), plus the corridor's crossings and settlements.
pub fn map_sites<'g>(resolved: &[Resolved<'_>], gaz: &'g Gazetteer) -> Vec<&'g Site> {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for r in resolved {
        for s in &r.stops {
            if let Some(id) = &s.site_id {
                if let Some(site) = gaz.get(id) {
                    if site.kind.is_point() {
                        ids.insert(&site.id);
                    }
                }
            }
        }
    }
    for s in gaz.sites() {
        if s.corridor && matches!(s.kind, SiteKind::Crossing | SiteKind::Town | SiteKind::City) {
            ids.insert(&s.id);
        }
    }
    ids.into_iter().filter_map(|id| gaz.get(id)).collect()
}

/// Area sites (governorates, regions) the events refer to, with their polygons.
pub fn map_areas<'g>(
    resolved: &[Resolved<'_>],
    gaz: &'g Gazetteer,
) -> Vec<(&'g Site, &'g MultiPolygon<f64>)> {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for r in resolved {
        for s in &r.stops {
            if let Some(site) = s.site_id.as_deref().and_then(|id| gaz.get(id)) {
                if matches!(site.kind, SiteKind::Province | SiteKind::Region) {
                    ids.insert(&site.id);
                }
            }
        }
    }
    ids.into_iter()
        .filter_map(|id| gaz.get(id))
        .filter_map(|s| gaz.area(s).map(|a| (s, a)))
        .collect()
}

fn uncertainty_features(resolved: &[Resolved<'_>]) -> Vec<Feature> {
    let mut out = Vec::new();
    for r in resolved {
        let e = r.event;
        for (i, s) in r.stops.iter().enumerate() {
            let (mp, radius, shape) = match &s.uncertainty {
                Uncertainty::Circle { lon, lat, radius_m } => (
                    MultiPolygon(vec![circle(*lon, *lat, *radius_m, 64)]),
                    *radius_m,
                    "circle",
                ),
                Uncertainty::Area(a) => (a.clone(), 0.0, "area"),
            };
            if mp.0.is_empty() {
                continue;
            }
            out.push(Feature {
                geom: Geom::MultiPolygon(mp),
                fields: vec![
                    text("id", format!("{}#{}", r.id(), i + 1)),
                    text("event_id", r.id()),
                    text("kind", e.kind.as_str()),
                    text("status", e.status.as_str()),
                    Field {
                        name: "date_start",
                        ty: Type::Date,
                        value: Value::Date(e.period.start),
                    },
                    Field {
                        name: "date_end",
                        ty: Type::Date,
                        value: Value::Date(e.period.end),
                    },
                    Field {
                        name: "date_end_excl",
                        ty: Type::Date,
                        value: Value::Date(e.period.end + chrono::Duration::days(1)),
                    },
                    Field {
                        name: "radius_m",
                        ty: Type::Int,
                        value: Value::Int(radius.round() as i64),
                    },
                    text("shape", shape),
                    text("site_id", s.site_id.clone().unwrap_or_default()),
                ],
            });
        }
    }
    out
}

/// The GeoJSON layers, by layer name, each a list of features.
pub fn layers(
    resolved: &[Resolved<'_>],
    gaz: &Gazetteer,
    border: &Border,
    actors: &Actors,
) -> Result<BTreeMap<&'static str, Vec<Feature>>> {
    let mut layers: BTreeMap<&'static str, Vec<Feature>> = BTreeMap::new();
    let mut events = Vec::new();
    let mut movements = Vec::new();
    for r in resolved {
        let f = Feature {
            geom: match &r.shape {
                Shape::Point(x, y) => Geom::Point(*x, *y),
                Shape::Line(p) => Geom::Line(p.clone()),
            },
            fields: event_fields(r, actors),
        };
        match r.shape {
            Shape::Point(..) => events.push(f),
            Shape::Line(_) => movements.push(f),
        }
    }
    let by_id = |a: &Feature, b: &Feature| fields_id(a).cmp(fields_id(b));
    events.sort_by(by_id);
    movements.sort_by(by_id);
    let mut unc = uncertainty_features(resolved);
    unc.sort_by(by_id);
    layers.insert("events", events);
    layers.insert("movements", movements);
    layers.insert("uncertainty", unc);
    layers.insert(
        "sites",
        map_sites(resolved, gaz)
            .into_iter()
            .map(|s| Feature {
                geom: Geom::Point(s.lon, s.lat),
                fields: site_fields(s, border),
            })
            .collect(),
    );
    layers.insert(
        "areas",
        map_areas(resolved, gaz)
            .into_iter()
            .map(|(s, a)| Feature {
                geom: Geom::MultiPolygon(a.clone()),
                fields: vec![
                    text("id", s.id.clone()),
                    text("name", s.name.clone()),
                    text("name_ar", s.name_ar.clone().unwrap_or_default()),
                    text("kind", s.kind.as_str()),
                    text("country", s.country.clone()),
                    text("source", s.source.clone()),
                ],
            })
            .collect(),
    );
    layers.insert(
        "border",
        vec![Feature {
            geom: Geom::Line(border.line.0.iter().map(|c| (c.x, c.y)).collect()),
            fields: vec![
                text("id", "iraq-syria-border"),
                text("name", "Iraq–Syria border"),
                text(
                    "source",
                    "Natural Earth 10m admin_0_boundary_lines_land (public domain)",
                ),
                fields::real("length_km", border.length_km(), 1),
            ],
        }],
    );
    layers.insert(
        "rivers",
        rivers()?
            .into_iter()
            .map(|r| Feature {
                geom: Geom::Line(r.line.0.iter().map(|c| (c.x, c.y)).collect()),
                fields: vec![
                    text("id", r.id),
                    text("name", r.name),
                    text("name_ar", r.name_ar),
                    text(
                        "source",
                        "GSHHG 2.3.7 WDBII rivers, extracted and modified (LGPL-3.0-or-later)",
                    ),
                ],
            })
            .collect(),
    );
    Ok(layers)
}

/// The geometry type of each layer (a layer with no features still gets its type).
pub fn layer_geom(layer: &str) -> Geom {
    match layer {
        "sites" | "events" => Geom::Point(0.0, 0.0),
        "movements" | "border" | "rivers" => Geom::Line(vec![]),
        _ => Geom::MultiPolygon(MultiPolygon(vec![])),
    }
}

fn fields_id(f: &Feature) -> &str {
    match f.fields.first().map(|x| &x.value) {
        Some(Value::Text(s)) => s,
        _ => "",
    }
}

/// Every product of `bordermap render`, in memory.
pub fn products(
    resolved: &[Resolved<'_>],
    gaz: &Gazetteer,
    border: &Border,
    actors: &Actors,
    map: &MapOptions,
) -> Result<Outputs> {
    let mut out = Outputs::new();
    let layers = layers(resolved, gaz, border, actors)?;
    let mut styles = BTreeMap::new();
    for (name, features) in &layers {
        out.add(
            format!("{name}.geojson"),
            feature_collection(name, features),
        );
        if let Some(qml) = super::styles::qml(name) {
            out.add(format!("{name}.qml"), qml);
            styles.insert(*name, qml);
        }
    }
    // the file's timestamps come from the data: the newest publication date
    let newest = resolved
        .iter()
        .map(|r| r.report.source.published)
        .max()
        .unwrap_or_default();
    let stamp = format!("{}T00:00:00.000Z", newest.format("%Y-%m-%d"));
    // the briefing map (src/output/map/, drawn to PNG and PDF by raster.rs) and the charts.
    // Rasterising the map and writing its PDF are the slow parts: they run beside the
    // GeoPackage on threads of their own. Each product is made from the same inputs alone,
    // so its bytes do not depend on the scheduling.
    let svg = super::map::svg(resolved, gaz, border, actors, map)?;
    let tree = super::raster::tree(&svg)?;
    let (gpkg, png, pdf) = std::thread::scope(|s| {
        let png = s.spawn(|| super::raster::png_from_tree(&tree, map.dpi));
        let pdf = s.spawn(|| super::raster::pdf_from_tree(&tree));
        let gpkg = super::gpkg::write(&layers, &styles, &stamp, &layer_geom);
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Vec<u8>>>, what: &str| {
            h.join()
                .unwrap_or_else(|_| Err(Error::Other(format!("{what} could not be made"))))
        };
        (gpkg, join(png, "map.png"), join(pdf, "map.pdf"))
    });
    out.add("briefing.gpkg", gpkg?);
    out.add("map.png", png?);
    out.add("map.pdf", pdf?);
    out.add("map.svg", svg);
    out.add("timeline.svg", super::charts::timeline(resolved, actors)?);
    out.add("profile.svg", super::charts::profile(resolved, border)?);
    Ok(out)
}

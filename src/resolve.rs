//! Resolution: every event gets a geometry, its location uncertainty and derived figures.
//!
//! An event `at` one place becomes a point; a movement becomes a line through `from`, each
//! `via` in order, and `to`. A place that is an area (a governorate, a region, a country) is
//! stood in for by its representative point and carries the area itself as its uncertainty; a
//! point site carries a circle of its precision radius. A movement "to the border" from a
//! governorate ends on that governorate's stretch of the border (and one "from the border"
//! into a governorate starts there).

use geo::{Buffer, Coord, LineString, MultiPolygon, Polygon};

use crate::actors::Actors;
use crate::border::{geodesic_km, Border, Side};
use crate::dates::Period;
use crate::gazetteer::{Gazetteer, SiteKind};
use crate::report::{Event, EventKind, PlaceRef, Report, Status};

/// How uncertain a location is.
#[derive(Debug, Clone)]
pub enum Uncertainty {
    /// A circle around the point, radius in metres.
    Circle { lon: f64, lat: f64, radius_m: f64 },
    /// The area itself (a governorate, a region, a stretch of border).
    Area(MultiPolygon<f64>),
}

/// One resolved place of an event: the `at` place, or a stop of a route.
#[derive(Debug, Clone)]
pub struct Stop {
    /// The site id, or `None` for raw coordinates.
    pub site_id: Option<String>,
    pub lon: f64,
    pub lat: f64,
    /// Radius (m) that covers the uncertainty.
    pub precision_m: f64,
    pub uncertainty: Uncertainty,
}

/// The geometry of an event.
#[derive(Debug, Clone)]
pub enum Shape {
    Point(f64, f64),
    Line(Vec<(f64, f64)>),
}

/// An event with everything a writer needs. Resolved once; every output reads these.
#[derive(Debug, Clone)]
pub struct Resolved<'r> {
    pub report: &'r Report,
    pub event: &'r Event,
    pub stops: Vec<Stop>,
    pub shape: Shape,
    /// Geodesic distance to the Iraq–Syria border, km (0 for a line that crosses it).
    pub border_km: f64,
    /// The side of the event's point, or of a movement's destination.
    pub side: Side,
    /// Chainage of the nearest border point (of the crossing point, for a line that crosses).
    pub chainage_km: f64,
    pub crosses_border: bool,
    /// Geodesic length of a movement, km; 0 for a point.
    pub length_km: f64,
    /// ISO codes of the countries the geometry touches, sorted.
    pub countries: Vec<String>,
    /// The largest uncertainty radius among the stops, metres.
    pub precision_m: f64,
}

impl Resolved<'_> {
    /// `report id/event id`, unique across reports.
    pub fn id(&self) -> String {
        format!("{}/{}", self.report.source.id, self.event.id)
    }
}

/// The radius standing in for raw coordinates of a given ACLED geo_precision.
fn raw_point_radius_m(geo_precision: u8) -> f64 {
    match geo_precision {
        1 => 2_000.0,
        2 => 10_000.0,
        _ => 50_000.0,
    }
}

/// Buffers a line by `km` in a local plane around its first point; the result in lon/lat.
pub fn buffer_km(line: &LineString<f64>, km: f64) -> MultiPolygon<f64> {
    let Some(c0) = line.0.first().copied() else {
        return MultiPolygon(vec![]);
    };
    let k = c0.y.to_radians().cos();
    let to_plane = |c: Coord<f64>| Coord {
        x: (c.x - c0.x) * k * 111.32,
        y: (c.y - c0.y) * 111.32,
    };
    let from_plane = |c: Coord<f64>| Coord {
        x: c.x / (k * 111.32) + c0.x,
        y: c.y / 111.32 + c0.y,
    };
    let plane = LineString(line.0.iter().map(|c| to_plane(*c)).collect());
    let b = plane.buffer(km);
    MultiPolygon(
        b.0.into_iter()
            .map(|p| {
                let (ext, ints) = p.into_inner();
                Polygon::new(
                    LineString(ext.0.into_iter().map(from_plane).collect()),
                    ints.into_iter()
                        .map(|r| LineString(r.0.into_iter().map(from_plane).collect()))
                        .collect(),
                )
            })
            .collect(),
    )
}

/// Resolves places against the gazetteer and the border.
pub struct Resolver<'g> {
    pub gazetteer: &'g Gazetteer,
    pub border: &'g Border,
}

impl<'g> Resolver<'g> {
    pub fn new(gazetteer: &'g Gazetteer, border: &'g Border) -> Self {
        Resolver { gazetteer, border }
    }

    /// The area polygon of a site, if it is an area: its `areas.geojson` polygon, or its
    /// country's outline.
    fn area_of(&self, id: &str) -> Option<MultiPolygon<f64>> {
        let s = self.gazetteer.get(id)?;
        if let Some(a) = self.gazetteer.area(s) {
            return Some(a.clone());
        }
        if s.kind == SiteKind::Country {
            return self
                .border
                .countries
                .iter()
                .find(|c| c.code == s.country)
                .map(|c| c.shape.clone());
        }
        None
    }

    fn is_border(&self, p: &PlaceRef) -> bool {
        matches!(p, PlaceRef::Site(id) if self.gazetteer.get(id).is_some_and(|s| s.kind == SiteKind::Border))
    }

    fn stop(&self, p: &PlaceRef, geo_precision: u8) -> Stop {
        match p {
            PlaceRef::Point { lon, lat } => {
                let r = raw_point_radius_m(geo_precision);
                Stop {
                    site_id: None,
                    lon: *lon,
                    lat: *lat,
                    precision_m: r,
                    uncertainty: Uncertainty::Circle {
                        lon: *lon,
                        lat: *lat,
                        radius_m: r,
                    },
                }
            }
            PlaceRef::Site(id) => {
                // parsing checked the id; a missing site cannot reach here
                let Some(s) = self.gazetteer.get(id) else {
                    return Stop {
                        site_id: Some(id.clone()),
                        lon: 0.0,
                        lat: 0.0,
                        precision_m: 0.0,
                        uncertainty: Uncertainty::Circle {
                            lon: 0.0,
                            lat: 0.0,
                            radius_m: 0.0,
                        },
                    };
                };
                let uncertainty = if s.kind == SiteKind::Border {
                    Uncertainty::Area(buffer_km(&self.border.line, 10.0))
                } else {
                    match self.area_of(id) {
                        Some(a) => Uncertainty::Area(a),
                        None => Uncertainty::Circle {
                            lon: s.lon,
                            lat: s.lat,
                            radius_m: s.precision_m,
                        },
                    }
                };
                Stop {
                    site_id: Some(id.clone()),
                    lon: s.lon,
                    lat: s.lat,
                    precision_m: s.precision_m,
                    uncertainty,
                }
            }
        }
    }

    /// A border stop next to `neighbour`: on the neighbour area's stretch of the border, or the
    /// nearest border point to the neighbour.
    fn border_stop(&self, id: &str, neighbour: &PlaceRef, nb: &Stop) -> Stop {
        let stretch = match neighbour {
            PlaceRef::Site(nid) => self
                .area_of(nid)
                .and_then(|a| self.border.stretch_along(&a, 5.0)),
            _ => None,
        };
        match stretch {
            Some((a, b)) => {
                let (lon, lat) = self.border.point_at((a + b) / 2.0);
                let section = self.border.section(a, b);
                Stop {
                    site_id: Some(id.to_string()),
                    lon,
                    lat,
                    precision_m: ((b - a) / 2.0 * 1000.0).max(5_000.0),
                    uncertainty: Uncertainty::Area(buffer_km(&section, 5.0)),
                }
            }
            None => {
                let f = self.border.fix(nb.lon, nb.lat);
                let (lon, lat) = f.nearest;
                Stop {
                    site_id: Some(id.to_string()),
                    lon,
                    lat,
                    precision_m: 15_000.0,
                    uncertainty: Uncertainty::Circle {
                        lon,
                        lat,
                        radius_m: 15_000.0,
                    },
                }
            }
        }
    }

    /// Resolves one event of a report.
    pub fn resolve<'r>(&self, report: &'r Report, event: &'r Event) -> Resolved<'r> {
        let gp = event.geo_precision;
        let stops: Vec<Stop> = if let Some(at) = &event.at {
            vec![self.stop(at, gp)]
        } else {
            let route: Vec<&PlaceRef> = event
                .from
                .iter()
                .chain(event.via.iter())
                .chain(event.to.iter())
                .collect();
            let mut stops: Vec<Stop> = route.iter().map(|p| self.stop(p, gp)).collect();
            for i in 0..route.len() {
                if !self.is_border(route[i]) {
                    continue;
                }
                let id = match route[i] {
                    PlaceRef::Site(id) => id.clone(),
                    _ => continue,
                };
                // prefer the previous stop (a move "to the border" from somewhere), else the next
                let j = if i > 0 { i - 1 } else { i + 1 };
                if j < route.len() && !self.is_border(route[j]) {
                    stops[i] = self.border_stop(&id, route[j], &stops[j].clone());
                }
            }
            stops
        };
        let precision_m = stops.iter().map(|s| s.precision_m).fold(0.0, f64::max);
        if stops.len() == 1 {
            let s = &stops[0];
            let f = self.border.fix(s.lon, s.lat);
            let countries = self
                .border
                .country_at(s.lon, s.lat)
                .map(|c| vec![c.to_string()])
                .unwrap_or_default();
            return Resolved {
                report,
                event,
                shape: Shape::Point(s.lon, s.lat),
                border_km: f.distance_km,
                side: self.border.side(s.lon, s.lat),
                chainage_km: f.chainage_km,
                crosses_border: false,
                length_km: 0.0,
                countries,
                precision_m,
                stops,
            };
        }
        let pts: Vec<(f64, f64)> = stops.iter().map(|s| (s.lon, s.lat)).collect();
        let line = LineString::from(pts.clone());
        let crosses = self.border.crosses(&line);
        let length_km = pts.windows(2).map(|w| geodesic_km(w[0], w[1])).sum();
        let last = pts[pts.len() - 1];
        let (border_km, chainage_km) = if crosses {
            (
                0.0,
                self.crossing_chainage(&line)
                    .unwrap_or_else(|| self.border.fix(last.0, last.1).chainage_km),
            )
        } else {
            let best = pts
                .iter()
                .map(|p| self.border.fix(p.0, p.1))
                .min_by(|a, b| a.distance_km.total_cmp(&b.distance_km));
            best.map(|f| (f.distance_km, f.chainage_km))
                .unwrap_or((0.0, 0.0))
        };
        Resolved {
            report,
            event,
            shape: Shape::Line(pts),
            border_km,
            side: self.border.side(last.0, last.1),
            chainage_km,
            crosses_border: crosses,
            length_km,
            countries: self.border.countries_touched(&line),
            precision_m,
            stops,
        }
    }

    /// Chainage where a line first crosses the border.
    fn crossing_chainage(&self, line: &LineString<f64>) -> Option<f64> {
        use geo::line_intersection::{line_intersection, LineIntersection};
        for seg in line.lines() {
            for b in self.border.line.lines() {
                if let Some(x) = line_intersection(seg, b) {
                    let c = match x {
                        LineIntersection::SinglePoint { intersection, .. } => intersection,
                        LineIntersection::Collinear { intersection } => intersection.start,
                    };
                    return Some(self.border.fix(c.x, c.y).chainage_km);
                }
            }
        }
        None
    }
}

/// Which events to keep: the filters `events` and `render` share.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Actor ids; an event matches if one of its actors is one of these or belongs to one.
    pub actors: Vec<String>,
    pub kind: Option<EventKind>,
    pub status: Option<Status>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.to.is_none()
            && self.actors.is_empty()
            && self.kind.is_none()
            && self.status.is_none()
    }

    /// Whether an event passes; dates match when the event's period overlaps the range.
    pub fn keeps(&self, e: &Event, actors: &Actors) -> bool {
        let p: &Period = &e.period;
        self.from.is_none_or(|f| p.end >= f)
            && self.to.is_none_or(|t| p.start <= t)
            && self.kind.is_none_or(|k| e.kind == k)
            && self.status.is_none_or(|s| e.status == s)
            && (self.actors.is_empty()
                || e.actors
                    .iter()
                    .any(|a| self.actors.iter().any(|w| actors.is_within(a, w))))
    }

    /// The filters in force, in words, for subtitles and messages.
    pub fn describe(&self, actors: &Actors) -> String {
        let mut parts = Vec::new();
        match (self.from, self.to) {
            (Some(f), Some(t)) => parts.push(format!("{f} to {t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("until {t}")),
            _ => {}
        }
        if !self.actors.is_empty() {
            let names = actors.names(&self.actors);
            parts.push(format!("actor: {}", names.join(", ")));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind: {}", k.as_str()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status: {}", s.as_str()));
        }
        parts.join("; ")
    }
}

/// Resolves every event of the reports that the filter keeps, sorted by start date then id.
pub fn resolve_all<'r>(
    reports: &'r [Report],
    resolver: &Resolver<'_>,
    filter: &Filter,
    actors: &Actors,
) -> Vec<Resolved<'r>> {
    let mut out: Vec<Resolved<'r>> = reports
        .iter()
        .flat_map(|r| r.events.iter().map(move |e| (r, e)))
        .filter(|(_, e)| filter.keeps(e, actors))
        .map(|(r, e)| resolver.resolve(r, e))
        .collect();
    out.sort_by(|a, b| {
        a.event
            .period
            .start
            .cmp(&b.event.period.start)
            .then_with(|| a.id().cmp(&b.id()))
    });
    out
}

//! Resolution: every event gets a geometry, its location uncertainty and derived figures.
//!
//! An event `at` one place becomes a point; a movement becomes a line through `from`, each
//! `via` in order, and `to`. A place that is an area (a governorate, a region, a country) is
//! stood in for by its representative point and carries the area itself as its uncertainty; a
//! place known only to lie along a line carries that line and its width: the border (the whole
//! of it, or the stretch a governorate names), a strip along the border (a region that is a
//! band along it), a site "between A and B" (the segment between them). A point site carries a
//! circle of its precision radius; raw coordinates a circle of the radius their precision code
//! allows, and the nearest gazetteer site within it. A movement "to the border" (or the border
//! strip) from a governorate ends on that governorate's stretch of the border (and one "from
//! the border" into a governorate starts there).
//!
//! Resolution is total — any validated event resolves, nothing panics, no place falls back to
//! (0, 0) — and cheap per event: the border is measured through its segment index, and the
//! border's buffer and each area's stretch of the border are computed once and shared.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use geo::{LineString, MultiPolygon};

use crate::actors::Actors;
use crate::border::{Border, Side};
use crate::dates::Period;
use crate::event::{Event, EventKind, PlaceRef, SourceFormat, Status};
use crate::gazetteer::{Gazetteer, Site, SiteKind, SiteRef};
use crate::geom::{buffer_km, geodesic_km};

/// How uncertain a location is.
#[derive(Debug, Clone)]
pub enum Uncertainty {
    /// A circle around the point, radius in metres.
    Circle { lon: f64, lat: f64, radius_m: f64 },
    /// The area itself (a governorate, a region, a country), shared.
    Area(Arc<MultiPolygon<f64>>),
    /// Somewhere along a line, within `radius_m` (metres) of it: the border or a stretch of
    /// it, a strip along the border, the segment between two places. `area` is the line
    /// buffered by that radius (or the strip's own polygon), shared.
    Along {
        line: Arc<LineString<f64>>,
        radius_m: f64,
        area: Arc<MultiPolygon<f64>>,
    },
}

impl Uncertainty {
    /// The polygon the place lies in, when it is not a circle.
    pub fn polygon(&self) -> Option<&Arc<MultiPolygon<f64>>> {
        match self {
            Uncertainty::Circle { .. } => None,
            Uncertainty::Area(a) => Some(a),
            Uncertainty::Along { area, .. } => Some(area),
        }
    }

    /// `circle`, `area` or `line`, as the outputs name the shape.
    pub fn shape_name(&self) -> &'static str {
        match self {
            Uncertainty::Circle { .. } => "circle",
            Uncertainty::Area(_) => "area",
            Uncertainty::Along { .. } => "line",
        }
    }
}

/// The gazetteer site nearest to raw coordinates, within their precision.
#[derive(Debug, Clone)]
pub struct Near {
    pub site: Arc<Site>,
    pub km: f64,
}

/// One resolved place of an event: the `at` place, or a stop of a route.
#[derive(Debug, Clone)]
pub struct Stop {
    /// The site the source names (`None` for raw coordinates).
    pub site: Option<Arc<Site>>,
    /// For raw coordinates: the nearest gazetteer site within their precision radius.
    pub near: Option<Near>,
    pub lon: f64,
    pub lat: f64,
    /// Radius (m) that covers the uncertainty.
    pub precision_m: f64,
    pub uncertainty: Uncertainty,
}

impl Stop {
    /// The named site's id.
    pub fn site_id(&self) -> Option<&str> {
        self.site.as_deref().map(|s| s.id.as_str())
    }
}

/// The geometry of an event.
#[derive(Debug, Clone)]
pub enum Shape {
    Point(f64, f64),
    Line(Vec<(f64, f64)>),
}

/// An event with everything a writer needs. Resolved once; every output reads these.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub event: Event,
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

impl Resolved {
    /// `source id/event id`, unique across sources.
    pub fn id(&self) -> String {
        self.event.uid()
    }
}

/// The radius standing in for raw coordinates of a given ACLED geo_precision.
pub fn raw_point_radius_m(geo_precision: u8) -> f64 {
    match geo_precision {
        1 => 2_000.0,
        2 => 10_000.0,
        _ => 50_000.0,
    }
}

/// The radius standing in for raw coordinates of a given UCDP where_prec: 1 the place
/// itself; 2 up to 25 km around it; 3 a second-order division; 4 a province; 5 larger areas,
/// between places; 6 the country; 7 waters or airspace.
pub fn where_prec_radius_m(where_prec: u8) -> f64 {
    match where_prec {
        1 => 2_000.0,
        2 => 25_000.0,
        3 => 50_000.0,
        4 => 100_000.0,
        5 => 150_000.0,
        6 => 300_000.0,
        _ => 50_000.0,
    }
}

/// Resolves places against the gazetteer and the border.
pub struct Resolver<'g> {
    pub gazetteer: &'g Gazetteer,
    pub border: &'g Border,
    /// The whole border buffered by 10 km: the uncertainty of "the border".
    border_buffer: OnceLock<Arc<MultiPolygon<f64>>>,
    /// The border line, shared.
    border_line: OnceLock<Arc<LineString<f64>>>,
    /// Each area's stretch of the border (start and end chainage), by site id.
    stretches: Mutex<HashMap<String, Option<(f64, f64)>>>,
    /// The sections of those stretches and their buffers, by (start, end, width) bits.
    sections: Mutex<HashMap<(u64, u64, u64), Section>>,
    /// Areas that are strips along the border: their stretch and half width (km), by site id.
    strips: Mutex<HashMap<String, Option<(f64, f64, f64)>>>,
    /// The segments of sites given "between A and B", with their buffers, by site id.
    segments: Mutex<HashMap<String, Option<Section>>>,
    /// Country outlines as areas, by ISO code.
    country_areas: OnceLock<HashMap<String, Arc<MultiPolygon<f64>>>>,
    /// GeoNames sites met as nearest sites, made once.
    geonames_sites: Mutex<HashMap<u32, Arc<Site>>>,
    /// The resolver's own copies of the listed sites met as nearest sites: resolvers on
    /// several threads then share no reference count (a count two cores update for every
    /// row moves between them each time).
    listed_sites: Mutex<HashMap<u32, Arc<Site>>>,
    /// What a point's coordinates give (border fix, side, country), by their bits: exports
    /// repeat a place's coordinates row after row.
    points: Mutex<HashMap<(u64, u64), PointFacts>>,
    /// The nearest site within a radius, by the coordinates' and the radius' bits.
    nears: Mutex<HashMap<(u64, u64, u64), Option<Near>>>,
}

/// The border fix, side and country of a point.
#[derive(Debug, Clone)]
struct PointFacts {
    fix: crate::border::BorderFix,
    side: Side,
    country: Option<String>,
}

/// A line, its half width (metres) and the line buffered by it, shared.
type Section = (Arc<LineString<f64>>, f64, Arc<MultiPolygon<f64>>);

/// Entries a resolver's caches hold at most before they are emptied.
const CACHE_CAP: usize = 8_192;

/// An area is a strip along the border when every point of its outline lies within this
/// distance of the border (km): the border strip (15 km each side) is one, a governorate is not.
const STRIP_MAX_KM: f64 = 40.0;

/// The half width (km) of "the border" and of a governorate's stretch of it.
const BORDER_KM: f64 = 10.0;
const STRETCH_KM: f64 = 5.0;

impl<'g> Resolver<'g> {
    pub fn new(gazetteer: &'g Gazetteer, border: &'g Border) -> Self {
        Resolver {
            gazetteer,
            border,
            border_buffer: OnceLock::new(),
            border_line: OnceLock::new(),
            stretches: Mutex::new(HashMap::default()),
            sections: Mutex::new(HashMap::default()),
            strips: Mutex::new(HashMap::default()),
            segments: Mutex::new(HashMap::default()),
            country_areas: OnceLock::new(),
            geonames_sites: Mutex::new(HashMap::default()),
            listed_sites: Mutex::new(HashMap::default()),
            points: Mutex::new(HashMap::default()),
            nears: Mutex::new(HashMap::default()),
        }
    }

    fn point_facts(&self, lon: f64, lat: f64) -> PointFacts {
        let key = (lon.to_bits(), lat.to_bits());
        if let Some(f) = self.points.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return f;
        }
        let fix = self.border.fix(lon, lat);
        let country = self.border.country_at(lon, lat);
        let f = PointFacts {
            fix,
            side: self.border.side_in(lon, lat, country, || fix),
            country: country.map(str::to_string),
        };
        if let Ok(mut m) = self.points.lock() {
            if m.len() >= CACHE_CAP {
                m.clear();
            }
            m.insert(key, f.clone());
        }
        f
    }

    fn country_area(&self, code: &str) -> Option<Arc<MultiPolygon<f64>>> {
        self.country_areas
            .get_or_init(|| {
                self.border
                    .countries
                    .iter()
                    .map(|c| (c.code.clone(), Arc::new(c.shape.clone())))
                    .collect()
            })
            .get(code)
            .cloned()
    }

    /// The area polygon of a site, if it is an area: its `areas.geojson` polygon, or its
    /// country's outline.
    fn area_of(&self, s: &Site) -> Option<Arc<MultiPolygon<f64>>> {
        if let Some(a) = self.gazetteer.area_arc(s) {
            return Some(a);
        }
        if s.kind == SiteKind::Country {
            return self.country_area(&s.country);
        }
        None
    }

    /// The half width (km) a movement's stop on the border takes: the border's, or a strip's.
    fn border_width(&self, p: &PlaceRef) -> Option<f64> {
        let PlaceRef::Site(id) = p else {
            return None;
        };
        let s = self.gazetteer.get(id)?;
        if s.kind == SiteKind::Border {
            return Some(STRETCH_KM);
        }
        self.strip(s).map(|(_, _, w)| w)
    }

    fn border_buffer(&self) -> Arc<MultiPolygon<f64>> {
        self.border_buffer
            .get_or_init(|| Arc::new(buffer_km(&self.border.line, BORDER_KM)))
            .clone()
    }

    fn border_line(&self) -> Arc<LineString<f64>> {
        self.border_line
            .get_or_init(|| Arc::new(self.border.line.clone()))
            .clone()
    }

    /// A region or province that is a strip along the border (every point of its outline
    /// within [`STRIP_MAX_KM`] of it): its stretch (start and end chainage) and its half width
    /// in whole km.
    fn strip(&self, s: &Site) -> Option<(f64, f64, f64)> {
        if !matches!(s.kind, SiteKind::Region | SiteKind::Province) {
            return None;
        }
        if let Some(v) = self.strips.lock().ok()?.get(&s.id) {
            return *v;
        }
        let v = self.gazetteer.area_arc(s).and_then(|a| {
            let mut widest: f64 = 0.0;
            for p in &a.0 {
                for c in std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .flat_map(|r| r.0.iter())
                {
                    widest = widest.max(self.border.fix(c.x, c.y).distance_km);
                    if !(widest <= STRIP_MAX_KM) {
                        return None;
                    }
                }
            }
            let (a0, b0) = self.border.stretch_along(&a, STRETCH_KM)?;
            (b0 > a0).then_some((a0, b0, widest.ceil().max(1.0)))
        });
        if let Ok(mut m) = self.strips.lock() {
            m.insert(s.id.clone(), v);
        }
        v
    }

    /// The segment of a site given "between A and B" and the segment buffered by the larger of
    /// the two places' precisions (or what the site's own precision leaves beyond half the
    /// distance, when it is wider).
    fn segment(&self, s: &Site) -> Option<Section> {
        let Some(crate::gazetteer::Relative::Between { a, b }) = &s.relative else {
            return None;
        };
        if let Some(v) = self.segments.lock().ok()?.get(&s.id) {
            return v.clone();
        }
        let v = match (self.gazetteer.get(a), self.gazetteer.get(b)) {
            (Some(a), Some(b)) if (a.lon, a.lat) != (b.lon, b.lat) => {
                use geo::{Geodesic, InterpolatePoint, Point};
                let (p, q) = (Point::new(a.lon, a.lat), Point::new(b.lon, b.lat));
                let half_m = geodesic_km((a.lon, a.lat), (b.lon, b.lat)) * 500.0;
                let radius_m = a
                    .precision_m
                    .max(b.precision_m)
                    .max(s.precision_m - half_m)
                    .max(100.0);
                // the geodesic, in steps of at most about 10 km
                let n = ((half_m / 5_000.0).ceil() as usize).clamp(1, 256);
                let line: LineString<f64> = (0..=n)
                    .map(|i| {
                        let m = Geodesic.point_at_ratio_between(p, q, i as f64 / n as f64);
                        (m.x(), m.y())
                    })
                    .collect::<Vec<_>>()
                    .into();
                let area = buffer_km(&line, radius_m / 1000.0);
                Some((Arc::new(line), radius_m, Arc::new(area)))
            }
            _ => None,
        };
        if let Ok(mut m) = self.segments.lock() {
            if m.len() >= CACHE_CAP {
                m.clear();
            }
            m.insert(s.id.clone(), v.clone());
        }
        v
    }

    fn along(
        line: Arc<LineString<f64>>,
        radius_m: f64,
        area: Arc<MultiPolygon<f64>>,
    ) -> Uncertainty {
        Uncertainty::Along {
            line,
            radius_m,
            area,
        }
    }

    fn near(&self, lon: f64, lat: f64, radius_m: f64) -> Option<Near> {
        let key = (lon.to_bits(), lat.to_bits(), radius_m.to_bits());
        if let Some(n) = self.nears.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return n;
        }
        let n = self.near_uncached(lon, lat, radius_m);
        if let Ok(mut m) = self.nears.lock() {
            if m.len() >= CACHE_CAP {
                m.clear();
            }
            m.insert(key, n.clone());
        }
        n
    }

    fn near_uncached(&self, lon: f64, lat: f64, radius_m: f64) -> Option<Near> {
        let (r, km) = self.gazetteer.nearest(lon, lat, radius_m / 1000.0)?;
        let site = match r {
            SiteRef::Listed(i) => {
                let mut own = self.listed_sites.lock().ok()?;
                match own.get(&i) {
                    Some(s) => Arc::clone(s),
                    None => {
                        let s = Arc::new((*self.gazetteer.site_arc(r)?).clone());
                        if own.len() >= CACHE_CAP / 4 {
                            own.clear();
                        }
                        own.insert(i, Arc::clone(&s));
                        s
                    }
                }
            }
            SiteRef::GeoNames(row) => {
                let mut cache = self.geonames_sites.lock().ok()?;
                if cache.len() >= CACHE_CAP / 4 {
                    cache.clear();
                }
                cache
                    .entry(row)
                    .or_insert_with(|| {
                        self.gazetteer
                            .site_arc(r)
                            .unwrap_or_else(|| unreachable_site(lon, lat))
                    })
                    .clone()
            }
        };
        Some(Near { site, km })
    }

    fn stop(&self, p: &PlaceRef, e: &Event) -> Stop {
        match p {
            PlaceRef::Point { lon, lat } => {
                let r = if e.source.format == SourceFormat::Ucdp {
                    where_prec_radius_m(e.where_prec)
                } else {
                    raw_point_radius_m(e.geo_precision)
                };
                Stop {
                    site: None,
                    near: self.near(*lon, *lat, r),
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
                // validation checked the id; should the site be gone, the event is still
                // placed honestly: nowhere in particular, with the widest uncertainty
                let Some(s) = self.gazetteer.get_arc(id) else {
                    return Stop {
                        site: None,
                        near: None,
                        lon: f64::NAN,
                        lat: f64::NAN,
                        precision_m: f64::INFINITY,
                        uncertainty: Uncertainty::Area(Arc::new(MultiPolygon(vec![]))),
                    };
                };
                let uncertainty = if s.kind == SiteKind::Border {
                    Self::along(self.border_line(), BORDER_KM * 1000.0, self.border_buffer())
                } else if let Some((line, radius_m, area)) = self.segment(&s) {
                    Self::along(line, radius_m, area)
                } else {
                    match self.area_of(&s) {
                        Some(a) => match self.strip(&s) {
                            Some((c0, c1, w)) => {
                                Self::along(Arc::new(self.border.section(c0, c1)), w * 1000.0, a)
                            }
                            None => Uncertainty::Area(a),
                        },
                        None => Uncertainty::Circle {
                            lon: s.lon,
                            lat: s.lat,
                            radius_m: s.precision_m,
                        },
                    }
                };
                Stop {
                    near: None,
                    lon: s.lon,
                    lat: s.lat,
                    precision_m: s.precision_m,
                    uncertainty,
                    site: Some(s),
                }
            }
        }
    }

    fn stretch(&self, neighbour: &Site) -> Option<(f64, f64)> {
        if let Some(v) = self.stretches.lock().ok()?.get(&neighbour.id) {
            return *v;
        }
        let v = self
            .area_of(neighbour)
            .and_then(|a| self.border.stretch_along(&a, 5.0));
        self.stretches.lock().ok()?.insert(neighbour.id.clone(), v);
        v
    }

    /// The section of the border between two chainages, buffered by `km`.
    fn section(&self, a: f64, b: f64, km: f64) -> Section {
        let key = (a.to_bits(), b.to_bits(), km.to_bits());
        if let Some(m) = self.sections.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return m;
        }
        let line = self.border.section(a, b);
        let area = buffer_km(&line, km);
        let m = (Arc::new(line), km * 1000.0, Arc::new(area));
        if let Ok(mut c) = self.sections.lock() {
            if c.len() >= CACHE_CAP {
                c.clear();
            }
            c.insert(key, m.clone());
        }
        m
    }

    /// A border stop next to `neighbour`: on the neighbour area's stretch of the border, `km`
    /// either side, or the nearest border point to the neighbour.
    fn border_stop(&self, site: Arc<Site>, nb: &Stop, km: f64) -> Stop {
        let stretch = nb.site.as_deref().and_then(|n| self.stretch(n));
        match stretch {
            Some((a, b)) => {
                let (lon, lat) = self.border.point_at((a + b) / 2.0);
                let (line, radius_m, area) = self.section(a, b, km);
                Stop {
                    site: Some(site),
                    near: None,
                    lon,
                    lat,
                    precision_m: ((b - a) / 2.0 * 1000.0).max(radius_m),
                    uncertainty: Self::along(line, radius_m, area),
                }
            }
            None => {
                let f = self.border.fix(nb.lon, nb.lat);
                let (lon, lat) = f.nearest;
                Stop {
                    site: Some(site),
                    near: None,
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

    /// Resolves one event.
    pub fn resolve(&self, event: Event) -> Resolved {
        let stops: Vec<Stop> = if let Some(at) = &event.at {
            vec![self.stop(at, &event)]
        } else {
            let route: Vec<&PlaceRef> = event
                .from
                .iter()
                .chain(event.via.iter())
                .chain(event.to.iter())
                .collect();
            let mut stops: Vec<Stop> = route.iter().map(|p| self.stop(p, &event)).collect();
            let widths: Vec<Option<f64>> = route.iter().map(|p| self.border_width(p)).collect();
            for i in 0..route.len() {
                let Some(km) = widths[i] else {
                    continue;
                };
                let Some(site) = stops[i].site.clone() else {
                    continue;
                };
                // prefer the previous stop (a move "to the border" from somewhere), else the next
                let j = if i > 0 { i - 1 } else { i + 1 };
                if j < route.len() && widths[j].is_none() {
                    let nb = stops[j].clone();
                    stops[i] = self.border_stop(site, &nb, km);
                }
            }
            stops
        };
        // a place without coordinates (a site gone from the gazetteer) is left out of the
        // geometry; with none left the event stands nowhere and says so
        let placed = || {
            stops
                .iter()
                .filter(|s| s.lon.is_finite() && s.lat.is_finite())
        };
        let precision_m = stops.iter().map(|s| s.precision_m).fold(0.0, f64::max);
        if placed().nth(1).is_none() {
            let (lon, lat) = placed()
                .next()
                .map_or((f64::NAN, f64::NAN), |s| (s.lon, s.lat));
            let pf = self.point_facts(lon, lat);
            let f = pf.fix;
            let countries = pf.country.into_iter().collect();
            return Resolved {
                shape: Shape::Point(lon, lat),
                border_km: f.distance_km,
                side: pf.side,
                chainage_km: f.chainage_km,
                crosses_border: false,
                length_km: 0.0,
                countries,
                precision_m,
                stops,
                event,
            };
        }
        let pts: Vec<(f64, f64)> = placed().map(|s| (s.lon, s.lat)).collect();
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
                .unwrap_or((f64::INFINITY, 0.0))
        };
        Resolved {
            shape: Shape::Line(pts),
            border_km,
            side: self.border.side(last.0, last.1),
            chainage_km,
            crosses_border: crosses,
            length_km,
            countries: self.border.countries_touched(&line),
            precision_m,
            stops,
            event,
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

/// A stand-in for a GeoNames row that cannot be read (the embedded file is broken): named by
/// its coordinates, so nothing is invented.
fn unreachable_site(lon: f64, lat: f64) -> Arc<Site> {
    Arc::new(Site {
        id: format!("point-{lon:.4}-{lat:.4}"),
        name: format!("{lon:.4}, {lat:.4}"),
        name_ar: None,
        aliases: Vec::new(),
        kind: SiteKind::Village,
        country: String::new(),
        admin1: String::new(),
        lon,
        lat,
        precision_m: 1_000.0,
        source: String::new(),
        source_note: None,
        area: None,
        corridor: false,
        shares_names_with: Vec::new(),
        population: 0,
        tier: crate::gazetteer::Tier::GeoNames,
        origin: crate::error::Location::default(),
        relative: None,
    })
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
                || e.actor_ids()
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
pub fn resolve_all(
    reports: &[crate::report::Report],
    resolver: &Resolver<'_>,
    filter: &Filter,
    actors: &Actors,
) -> Vec<Resolved> {
    let mut out: Vec<Resolved> = reports
        .iter()
        .flat_map(|r| r.events.iter())
        .filter(|e| filter.keeps(e, actors))
        .map(|e| resolver.resolve(e.clone()))
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

//! The Iraq–Syria border: distance to it, the side a point lies on, and chainage along it.
//!
//! The border is the Natural Earth 10m boundary line (`gazetteer/border.geojson`), ordered from
//! the Turkish tripoint in the north to the Jordanian tripoint in the south. Chainage is the
//! geodesic length along that line, in km, from the Turkish tripoint. Distances are geodesic on
//! the WGS 84 ellipsoid, in km. All coordinates are (longitude, latitude).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use geo::{BoundingRect, Contains, Coord, Distance, Intersects, LineString, MultiPolygon, Point};
use rstar::primitives::{GeomWithData, Line as RLine};
use rstar::RTree;

use crate::data;
use crate::error::{Diagnostic, Location, Result};

pub use crate::geom::geodesic_km;

/// Which side of the border a point lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Iraq,
    Syria,
    /// Neither Iraq nor Syria.
    Other,
}

impl Side {
    /// `IQ`, `SY` or `other`.
    pub fn code(self) -> &'static str {
        match self {
            Side::Iraq => "IQ",
            Side::Syria => "SY",
            Side::Other => "other",
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            Side::Iraq => "Iraq",
            Side::Syria => "Syria",
            Side::Other => "neither Iraq nor Syria",
        }
    }
}

/// The nearest point of the border to some point.
#[derive(Debug, Clone, Copy)]
pub struct BorderFix {
    /// Geodesic distance to the border, km.
    pub distance_km: f64,
    /// Km along the border from the Turkish tripoint to the nearest border point.
    pub chainage_km: f64,
    /// The nearest border point (lon, lat).
    pub nearest: (f64, f64),
}

/// GeoJSON features as (properties, geometry), read with the geojson crate.
pub fn read_features(
    file: &str,
    text: &str,
) -> std::result::Result<
    Vec<(
        serde_json::Map<String, serde_json::Value>,
        geo::Geometry<f64>,
    )>,
    Diagnostic,
> {
    let fc: geojson::FeatureCollection = text.parse().map_err(|e| {
        Diagnostic::error(
            Location::file(file),
            format!("not a GeoJSON FeatureCollection: {e}"),
        )
    })?;
    let mut out = Vec::new();
    for f in fc.features {
        let props = f.properties.clone().unwrap_or_default();
        let Some(g) = f.geometry else { continue };
        let geom = geo::Geometry::<f64>::try_from(&g.value).map_err(|e| {
            Diagnostic::error(Location::file(file), format!("unreadable geometry: {e}"))
        })?;
        out.push((props, geom));
    }
    Ok(out)
}

/// A country outline.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
    pub shape: MultiPolygon<f64>,
}

/// The edges of a polygon sorted into horizontal bands, for point-in-polygon tests by ray
/// casting that read only the edges of the point's band. Built in one pass (the outlines of
/// five countries index in well under a millisecond).
#[derive(Debug, Clone)]
struct PolygonIndex {
    /// (min x, min y, max x, max y).
    bbox: [f64; 4],
    edges: Vec<[f64; 4]>,
    /// Edge numbers by band, bottom to top.
    bands: Vec<Vec<u32>>,
    band_h: f64,
}

const BANDS: usize = 256;

impl PolygonIndex {
    fn new(mp: &MultiPolygon<f64>) -> PolygonIndex {
        let bbox = mp
            .bounding_rect()
            .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
            .unwrap_or([0.0, 0.0, -1.0, -1.0]);
        let band_h = ((bbox[3] - bbox[1]) / BANDS as f64).max(1e-9);
        let mut edges = Vec::new();
        let mut bands = vec![Vec::new(); BANDS];
        for p in &mp.0 {
            for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                for w in ring.0.windows(2) {
                    let e = [w[0].x, w[0].y, w[1].x, w[1].y];
                    let band = |y: f64| {
                        (((y - bbox[1]) / band_h).floor().max(0.0) as usize).min(BANDS - 1)
                    };
                    let (a, b) = (band(e[1].min(e[3])), band(e[1].max(e[3])));
                    for list in &mut bands[a..=b] {
                        list.push(edges.len() as u32);
                    }
                    edges.push(e);
                }
            }
        }
        PolygonIndex {
            bbox,
            edges,
            bands,
            band_h,
        }
    }

    /// Whether (x, y) lies inside (even-odd rule over every ring).
    fn contains(&self, x: f64, y: f64) -> bool {
        let [x0, y0, x1, y1] = self.bbox;
        if !(x >= x0 && x <= x1 && y >= y0 && y <= y1) {
            return false;
        }
        let band = (((y - y0) / self.band_h).floor() as usize).min(BANDS - 1);
        let mut inside = false;
        for &i in &self.bands[band] {
            let [ax, ay, bx, by] = self.edges[i as usize];
            if (ay > y) != (by > y) {
                let xi = ax + (y - ay) * (bx - ax) / (by - ay);
                if xi > x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// Longitudes are scaled by the cosine of this latitude (the border's middle) in the plane
/// the border's segment index uses.
const INDEX_LAT: f64 = 34.7;

/// The border line and the country outlines that decide sides.
#[derive(Debug, Clone)]
pub struct Border {
    pub line: LineString<f64>,
    /// Chainage (km) at each vertex of `line`.
    pub cum_km: Vec<f64>,
    pub countries: Vec<Country>,
    /// The border's segments (by their first vertex's index) in a plane of longitude scaled by
    /// cos(INDEX_LAT) and latitude.
    segments: RTree<GeomWithData<RLine<[f64; 2]>, usize>>,
    /// The countries' point-in-polygon indexes, built on first use.
    outlines: OnceLock<Vec<PolygonIndex>>,
}

fn iso2(name: &str) -> &str {
    match name {
        "Iraq" => "IQ",
        "Syria" => "SY",
        "Jordan" => "JO",
        "Turkey" => "TR",
        "Saudi Arabia" => "SA",
        _ => "",
    }
}

impl Border {
    /// The built-in border and country outlines.
    pub fn builtin() -> Result<Border> {
        let (bf, bt) = data::BORDER_GEOJSON;
        let line = read_features(bf, bt)
            .map_err(|d| crate::error::Error::Invalid(vec![d]))?
            .into_iter()
            .find_map(|(_, g)| match g {
                geo::Geometry::LineString(l) => Some(l),
                _ => None,
            })
            .ok_or_else(|| crate::error::Error::at(Location::file(bf), "no LineString feature"))?;
        let (cf, ct) = data::COUNTRIES_GEOJSON;
        let mut countries = Vec::new();
        for (props, g) in
            read_features(cf, ct).map_err(|d| crate::error::Error::Invalid(vec![d]))?
        {
            let name = props
                .get("name")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            let code = props
                .get("iso_a2")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| iso2(&name).to_string());
            let shape = match g {
                geo::Geometry::Polygon(p) => MultiPolygon(vec![p]),
                geo::Geometry::MultiPolygon(m) => m,
                _ => continue,
            };
            countries.push(Country { code, name, shape });
        }
        Ok(Border::new(line, countries))
    }

    pub fn new(line: LineString<f64>, countries: Vec<Country>) -> Border {
        let mut cum_km = vec![0.0];
        for w in line.0.windows(2) {
            let d = geodesic_km((w[0].x, w[0].y), (w[1].x, w[1].y));
            cum_km.push(cum_km.last().copied().unwrap_or(0.0) + d);
        }
        let k = INDEX_LAT.to_radians().cos();
        let segments = RTree::bulk_load(
            line.0
                .windows(2)
                .enumerate()
                .map(|(i, w)| {
                    GeomWithData::new(RLine::new([w[0].x * k, w[0].y], [w[1].x * k, w[1].y]), i)
                })
                .collect(),
        );
        Border {
            line,
            cum_km,
            countries,
            segments,
            outlines: OnceLock::new(),
        }
    }

    fn outlines(&self) -> &[PolygonIndex] {
        self.outlines.get_or_init(|| {
            self.countries
                .iter()
                .map(|c| PolygonIndex::new(&c.shape))
                .collect()
        })
    }

    /// Total length of the border, km.
    pub fn length_km(&self) -> f64 {
        self.cum_km.last().copied().unwrap_or(0.0)
    }

    /// The nearest border point to (lon, lat), its distance and chainage.
    ///
    /// On each segment the nearest point is found in a local equirectangular plane (longitude
    /// scaled by the cosine of the point's latitude) and its distance then measured
    /// geodesically. The segment index proposes segments nearest first; those that could still
    /// be nearest in the local plane (with a 3% margin for the plane's distortion) are measured,
    /// so one or two geodesic computations decide.
    pub fn fix(&self, lon: f64, lat: f64) -> BorderFix {
        let mut best = BorderFix {
            distance_km: f64::INFINITY,
            chainage_km: 0.0,
            nearest: (lon, lat),
        };
        if !(lon.is_finite() && lat.is_finite()) {
            return best;
        }
        let k = lat.to_radians().cos();
        let k_index = INDEX_LAT.to_radians().cos();
        // a distance in the index plane is at least this fraction of the local-plane one
        let shrink = (k.abs() / k_index).min(1.0).max(1e-9);
        let mut best_plane = f64::INFINITY;
        // (segment, nearest point, local-plane distance) of the segments that could be nearest
        let mut cands: Vec<(usize, (f64, f64), f64)> = Vec::with_capacity(8);
        let q = [lon * k_index, lat];
        for (seg, d2) in self.segments.nearest_neighbor_iter_with_distance_2(&q) {
            if d2.sqrt() * shrink > best_plane * 1.03 + 1e-9 {
                break;
            }
            let i = seg.data;
            let (a, b) = (self.line.0[i], self.line.0[i + 1]);
            let (ax, ay) = (a.x * k, a.y);
            let (bx, by) = (b.x * k, b.y);
            let (px, py) = (lon * k, lat);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let plane = ((ax + t * dx - px).powi(2) + (ay + t * dy - py).powi(2)).sqrt();
            best_plane = best_plane.min(plane);
            cands.push((i, (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)), plane));
        }
        let mut at = None;
        for (k, &(i, q, plane)) in cands.iter().enumerate() {
            if plane > best_plane * 1.03 + 1e-9 {
                continue;
            }
            // two segments meeting at a vertex both propose it: measured once (the first
            // keeps it, as a tie would)
            if cands[..k]
                .iter()
                .any(|&(_, p, pl)| p == q && pl <= best_plane * 1.03 + 1e-9)
            {
                continue;
            }
            let d = geodesic_km((lon, lat), q);
            if d < best.distance_km {
                best.distance_km = d;
                best.nearest = q;
                at = Some(i);
            }
        }
        if let Some(i) = at {
            let a = self.line.0[i];
            best.chainage_km = self.cum_km[i] + geodesic_km((a.x, a.y), best.nearest);
        }
        best
    }

    /// Geodesic distance from (lon, lat) to the border, km.
    pub fn distance_km(&self, lon: f64, lat: f64) -> f64 {
        self.fix(lon, lat).distance_km
    }

    /// The country (ISO alpha-2) whose outline contains the point, if any.
    pub fn country_at(&self, lon: f64, lat: f64) -> Option<&str> {
        self.outlines()
            .iter()
            .position(|o| o.contains(lon, lat))
            .map(|i| self.countries[i].code.as_str())
    }

    /// A message when (lon, lat) looks like a corridor point with its axes swapped: it lies
    /// outside Iraq and Syria, over 300 km from the border, while (lat, lon) lies in Iraq or
    /// Syria within 300 km of it. (Albukamal swapped lands in central Turkey.)
    pub fn swapped(&self, lon: f64, lat: f64) -> Option<String> {
        // (lat, lon) can only land in Iraq or Syria if lat is an Iraq/Syria longitude and lon
        // an Iraq/Syria latitude: most points are ruled out here, cheaply
        if !(28.0..=38.5).contains(&lon) || !(35.0..=49.5).contains(&lat) {
            return None;
        }
        if !(-90.0..=90.0).contains(&lon) || matches!(self.side(lon, lat), Side::Iraq | Side::Syria)
        {
            return None;
        }
        if self.distance_km(lon, lat) < 300.0 || self.distance_km(lat, lon) > 300.0 {
            return None;
        }
        match self.side(lat, lon) {
            Side::Iraq | Side::Syria => Some(format!(
                "lon {lon}, lat {lat} lies {:.0} km from the Iraq–Syria border, outside both countries, but lon {lat}, lat {lon} lies in {}: are lon and lat swapped?",
                self.distance_km(lon, lat),
                self.side(lat, lon).describe()
            )),
            Side::Other => None,
        }
    }

    /// The side of the border a point lies on. A point in a sliver between the outlines, within
    /// 2 km of the border, takes the side the border line puts it on.
    pub fn side(&self, lon: f64, lat: f64) -> Side {
        self.side_in(lon, lat, self.country_at(lon, lat), || self.fix(lon, lat))
    }

    /// [`Border::side`] of a point whose country ([`Border::country_at`]) is known, and whose
    /// border fix is made by `fix` if it is needed.
    pub fn side_in(
        &self,
        lon: f64,
        lat: f64,
        country: Option<&str>,
        fix: impl FnOnce() -> BorderFix,
    ) -> Side {
        match country {
            Some("IQ") => Side::Iraq,
            Some("SY") => Side::Syria,
            Some(_) => Side::Other,
            None => {
                let f = fix();
                if f.distance_km > 2.0 {
                    return Side::Other;
                }
                // the border runs north to south with Syria to the west, broadly: the sign of the
                // cross product with the local border direction decides
                let i = self
                    .cum_km
                    .partition_point(|&c| c < f.chainage_km)
                    .clamp(1, self.line.0.len() - 1);
                let (a, b) = (self.line.0[i - 1], self.line.0[i]);
                let cross = (b.x - a.x) * (lat - a.y) - (b.y - a.y) * (lon - a.x);
                if cross > 0.0 {
                    Side::Iraq
                } else {
                    Side::Syria
                }
            }
        }
    }

    /// The border point at a chainage (km), clamped to the line.
    pub fn point_at(&self, chainage_km: f64) -> (f64, f64) {
        let c = chainage_km.clamp(0.0, self.length_km());
        let i = self
            .cum_km
            .partition_point(|&x| x < c)
            .clamp(1, self.line.0.len() - 1);
        let (a, b) = (self.line.0[i - 1], self.line.0[i]);
        let seg = self.cum_km[i] - self.cum_km[i - 1];
        let t = if seg > 0.0 {
            (c - self.cum_km[i - 1]) / seg
        } else {
            0.0
        };
        (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
    }

    /// The part of the border between two chainages, as a line.
    pub fn section(&self, from_km: f64, to_km: f64) -> LineString<f64> {
        let (a, b) = (from_km.min(to_km), from_km.max(to_km));
        let mut pts = vec![self.point_at(a)];
        for (i, c) in self.cum_km.iter().enumerate() {
            if *c > a && *c < b {
                pts.push((self.line.0[i].x, self.line.0[i].y));
            }
        }
        pts.push(self.point_at(b));
        LineString::from(pts)
    }

    /// The stretch of the border that runs along an area (within `tolerance_km` of it), as
    /// (start, end) chainage; `None` if the area does not reach the border.
    pub fn stretch_along(&self, area: &MultiPolygon<f64>, tolerance_km: f64) -> Option<(f64, f64)> {
        let step = 1.0;
        let n = (self.length_km() / step).ceil() as usize;
        let mut first = None;
        let mut last = None;
        let tol_deg = tolerance_km / 111.0;
        for i in 0..=n {
            let c = i as f64 * step;
            let (x, y) = self.point_at(c);
            let p = Point::new(x, y);
            let near = area.contains(&p) || geo::Euclidean.distance(&p, area) <= tol_deg;
            if near {
                first.get_or_insert(c);
                last = Some(c);
            }
        }
        Some((first?, last?.min(self.length_km())))
    }

    /// Whether a line crosses the border line.
    pub fn crosses(&self, line: &LineString<f64>) -> bool {
        line.intersects(&self.line)
    }

    /// The countries (ISO alpha-2, sorted) that a line's vertices and segments touch.
    pub fn countries_touched(&self, line: &LineString<f64>) -> Vec<String> {
        let mut out = BTreeMap::new();
        for c in &self.countries {
            if c.shape.intersects(line) {
                out.insert(c.code.clone(), ());
            }
        }
        out.into_keys().collect()
    }
}

/// Coordinates of a line as (lon, lat) pairs.
pub fn coords(line: &LineString<f64>) -> Vec<(f64, f64)> {
    line.0.iter().map(|c: &Coord<f64>| (c.x, c.y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn border() -> Border {
        Border::builtin().unwrap()
    }

    #[test]
    fn the_border_is_about_600_km() {
        let b = border();
        assert!((b.length_km() - 598.9).abs() < 1.0, "{}", b.length_km());
    }

    #[test]
    fn sides_of_known_towns() {
        let b = border();
        // Albukamal (SY) and Husaybah / Al-Qaim (IQ) face each other across the border
        assert_eq!(b.side(40.9185, 34.4523), Side::Syria);
        assert_eq!(b.side(41.0243, 34.3858), Side::Iraq);
        assert_eq!(b.side(36.2765, 33.5102), Side::Syria); // Damascus
        assert_eq!(b.side(44.3661, 33.3152), Side::Iraq); // Baghdad
        assert_eq!(b.side(35.9106, 31.9539), Side::Other); // Amman
        assert_eq!(b.side(37.0, 38.0), Side::Other); // Turkey
    }

    #[test]
    fn distance_and_chainage_at_the_euphrates_crossing() {
        let b = border();
        // the boundary crosses the Euphrates at 40.9795 E, 34.4185 N (geodata README)
        let f = b.fix(40.9795, 34.4185);
        assert!(f.distance_km < 0.5, "{f:?}");
        assert!(f.chainage_km > 250.0 && f.chainage_km < 450.0, "{f:?}");
        // Deir ez-Zor is ~110 km from the border
        let d = b.distance_km(40.1408, 35.3359);
        assert!(d > 80.0 && d < 140.0, "{d}");
        // chainage runs from the Turkish tripoint: 0 there, the full length at Jordan
        assert!(b.fix(42.357, 37.110).chainage_km < 1.0);
        assert!((b.fix(38.7745, 33.3717).chainage_km - b.length_km()).abs() < 1.0);
    }

    /// The nearest point found by measuring every segment: what `fix` did before the index.
    fn fix_exhaustive(b: &Border, lon: f64, lat: f64) -> BorderFix {
        let mut best = BorderFix {
            distance_km: f64::INFINITY,
            chainage_km: 0.0,
            nearest: (lon, lat),
        };
        let k = lat.to_radians().cos();
        for (i, w) in b.line.0.windows(2).enumerate() {
            let (ax, ay) = (w[0].x * k, w[0].y);
            let (bx, by) = (w[1].x * k, w[1].y);
            let (px, py) = (lon * k, lat);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let q = (
                w[0].x + t * (w[1].x - w[0].x),
                w[0].y + t * (w[1].y - w[0].y),
            );
            let d = geodesic_km((lon, lat), q);
            if d < best.distance_km {
                best = BorderFix {
                    distance_km: d,
                    chainage_km: b.cum_km[i] + geodesic_km((w[0].x, w[0].y), q),
                    nearest: q,
                };
            }
        }
        best
    }

    #[test]
    fn the_indexed_fix_agrees_with_measuring_every_segment() {
        let b = border();
        // a fixed pseudo-random walk over the region and far beyond it
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut worst: f64 = 0.0;
        for i in 0..20_000 {
            let (lon, lat) = if i % 4 == 0 {
                (next() * 360.0 - 180.0, next() * 170.0 - 85.0)
            } else {
                (30.0 + next() * 25.0, 25.0 + next() * 20.0)
            };
            let a = b.fix(lon, lat);
            let e = fix_exhaustive(&b, lon, lat);
            let d = (a.distance_km - e.distance_km).abs() * 1000.0;
            worst = worst.max(d);
            assert!(d < 10.0, "({lon}, {lat}): {a:?} vs {e:?}");
            if e.distance_km < 1000.0 {
                assert!(
                    (a.chainage_km - e.chainage_km).abs() < 0.01,
                    "({lon}, {lat}): {a:?} vs {e:?}"
                );
            }
        }
        assert!(worst < 10.0, "{worst} m");
    }

    #[test]
    fn a_line_across_the_border_crosses_it() {
        let b = border();
        let l = LineString::from(vec![(41.02, 34.39), (40.92, 34.45)]);
        assert!(b.crosses(&l));
        assert_eq!(
            b.countries_touched(&l),
            vec!["IQ".to_string(), "SY".to_string()]
        );
        let inside = LineString::from(vec![(40.92, 34.45), (40.45, 35.01)]);
        assert!(!b.crosses(&inside));
    }
}

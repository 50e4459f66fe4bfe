//! Geometry helpers shared by resolution and every writer: geodesic circles, buffers of lines,
//! geodesic distances. Coordinates are (longitude, latitude) in degrees; distances in the
//! units their names say.

use geo::{
    Buffer, Coord, Destination, Distance, Geodesic, LineString, MultiPolygon, Point, Polygon,
};

/// Geodesic distance in km between two (lon, lat) points on the WGS 84 ellipsoid.
pub fn geodesic_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    geodesic_m(a, b) / 1000.0
}

/// Geodesic distance in metres between two (lon, lat) points on the WGS 84 ellipsoid.
///
/// Vincenty's inverse formula (1975), which agrees with Karney's algorithm (geo's
/// `Geodesic`) to well under a millimetre and costs a fraction of it; for the nearly
/// antipodal points where Vincenty's iteration does not converge, Karney's is used.
pub fn geodesic_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    vincenty_m(a, b)
        .unwrap_or_else(|| Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1)))
}

/// WGS 84.
const A: f64 = 6_378_137.0;
const F: f64 = 1.0 / 298.257_223_563;
const B: f64 = A * (1.0 - F);

/// Vincenty's inverse: the distance in metres, or `None` when the iteration does not converge
/// (nearly antipodal points) or an input is not finite.
fn vincenty_m(a: (f64, f64), b: (f64, f64)) -> Option<f64> {
    if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) {
        return None;
    }
    if a == b {
        return Some(0.0);
    }
    let l = (b.0 - a.0).to_radians();
    let u1 = ((1.0 - F) * a.1.to_radians().tan()).atan();
    let u2 = ((1.0 - F) * b.1.to_radians().tan()).atan();
    let (sin_u1, cos_u1) = u1.sin_cos();
    let (sin_u2, cos_u2) = u2.sin_cos();
    let mut lambda = l;
    for _ in 0..200 {
        let (sin_l, cos_l) = lambda.sin_cos();
        let t1 = cos_u2 * sin_l;
        let t2 = cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_l;
        let sin_sigma = (t1 * t1 + t2 * t2).sqrt();
        if sin_sigma == 0.0 {
            return Some(0.0);
        }
        let cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_l;
        let sigma = sin_sigma.atan2(cos_sigma);
        let sin_alpha = cos_u1 * cos_u2 * sin_l / sin_sigma;
        let cos2_alpha = 1.0 - sin_alpha * sin_alpha;
        let cos_2sm = if cos2_alpha != 0.0 {
            cos_sigma - 2.0 * sin_u1 * sin_u2 / cos2_alpha
        } else {
            0.0 // both points on the equator
        };
        let c = F / 16.0 * cos2_alpha * (4.0 + F * (4.0 - 3.0 * cos2_alpha));
        let prev = lambda;
        lambda = l
            + (1.0 - c)
                * F
                * sin_alpha
                * (sigma
                    + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1.0 + 2.0 * cos_2sm * cos_2sm)));
        if (lambda - prev).abs() < 1e-12 {
            let u_sq = cos2_alpha * (A * A - B * B) / (B * B);
            let aa =
                1.0 + u_sq / 16384.0 * (4096.0 + u_sq * (-768.0 + u_sq * (320.0 - 175.0 * u_sq)));
            let bb = u_sq / 1024.0 * (256.0 + u_sq * (-128.0 + u_sq * (74.0 - 47.0 * u_sq)));
            let delta_sigma = bb
                * sin_sigma
                * (cos_2sm
                    + bb / 4.0
                        * (cos_sigma * (-1.0 + 2.0 * cos_2sm * cos_2sm)
                            - bb / 6.0
                                * cos_2sm
                                * (-3.0 + 4.0 * sin_sigma * sin_sigma)
                                * (-3.0 + 4.0 * cos_2sm * cos_2sm)));
            return Some(B * aa * (sigma - delta_sigma));
        }
        if !lambda.is_finite() {
            return None;
        }
    }
    None
}

/// A geodesic circle of `radius_m` metres around (lon, lat) as a polygon of `n` vertices
/// (clockwise bearings from north; writers orient rings as their format requires).
pub fn circle(lon: f64, lat: f64, radius_m: f64, n: usize) -> Polygon<f64> {
    let c = Point::new(lon, lat);
    let n = n.max(3);
    let mut pts: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let b = 360.0 * i as f64 / n as f64;
            let p = Geodesic.destination(c, b, radius_m);
            (p.x(), p.y())
        })
        .collect();
    pts.push(pts[0]);
    Polygon::new(pts.into(), vec![])
}

/// A geodesic circle as it must be written on a lon/lat map: one polygon, as [`circle`] makes
/// it, unless the circle crosses the antimeridian (then split in two at ±180°) or encloses a
/// pole (then a cap bounded by the pole's parallel, ±90°).
pub fn circle_parts(lon: f64, lat: f64, radius_m: f64, n: usize) -> MultiPolygon<f64> {
    let c = circle(lon, lat, radius_m, n);
    let pts: Vec<(f64, f64)> = c.exterior().0.iter().map(|p| (p.x, p.y)).collect();
    if pts.len() < 4 {
        return MultiPolygon(vec![c]);
    }
    // longitudes unwrapped along the ring
    let mut un: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    un.push(pts[0]);
    for w in pts.windows(2) {
        let prev = un.last().map_or(w[0].0, |p| p.0);
        let mut d = w[1].0 - w[0].0;
        if d > 180.0 {
            d -= 360.0;
        } else if d < -180.0 {
            d += 360.0;
        }
        un.push((prev + d, w[1].1));
    }
    let winding = un.last().map_or(0.0, |p| p.0) - un[0].0;
    if winding.abs() > 180.0 {
        // the ring goes round a pole: close it along the pole's parallel
        let pole = if lat >= 0.0 { 90.0 } else { -90.0 };
        let mut ring = un.clone();
        ring.pop();
        let (first, last) = (ring[0], ring[ring.len() - 1]);
        ring.push((last.0, pole));
        ring.push((first.0, pole));
        return split_at_antimeridian(&ring);
    }
    let (min, max) = un.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| {
        (m.0.min(p.0), m.1.max(p.0))
    });
    if min >= -180.0 && max <= 180.0 {
        return MultiPolygon(vec![c]);
    }
    split_at_antimeridian(&un)
}

/// A ring with unwrapped longitudes cut into its parts within -180..180 (shifted by 360°).
fn split_at_antimeridian(ring: &[(f64, f64)]) -> MultiPolygon<f64> {
    let mut parts = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        let moved: Vec<(f64, f64)> = ring.iter().map(|p| (p.0 + shift, p.1)).collect();
        let clipped = clip_to_lon(&clip_to_lon(&moved, -180.0, true), 180.0, false);
        if clipped.len() >= 3 {
            let mut r = clipped;
            r.push(r[0]);
            parts.push(Polygon::new(LineString::from(r), vec![]));
        }
    }
    MultiPolygon(parts)
}

/// Sutherland–Hodgman against one meridian: keeps lon >= m (`keep_east`) or lon <= m.
fn clip_to_lon(ring: &[(f64, f64)], m: f64, keep_east: bool) -> Vec<(f64, f64)> {
    let inside = |p: (f64, f64)| if keep_east { p.0 >= m } else { p.0 <= m };
    let mut out = Vec::new();
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let (ia, ib) = (inside(a), inside(b));
        if ia {
            out.push(a);
        }
        if ia != ib && (b.0 - a.0).abs() > 0.0 {
            let t = (m - a.0) / (b.0 - a.0);
            out.push((m, a.1 + t * (b.1 - a.1)));
        }
    }
    out.dedup();
    out
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

/// Distance in km on a local plane: ample for telling 10 km from 100, and far cheaper than
/// the ellipsoid.
pub fn plane_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let k = ((a.1 + b.1) / 2.0).to_radians().cos();
    ((a.0 - b.0) * k).hypot(a.1 - b.1) * 111.32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vincenty_agrees_with_karney() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut worst: f64 = 0.0;
        for i in 0..50_000 {
            let a = (next() * 360.0 - 180.0, next() * 178.0 - 89.0);
            let b = if i % 2 == 0 {
                (
                    a.0 + next() * 6.0 - 3.0,
                    (a.1 + next() * 6.0 - 3.0).clamp(-89.9, 89.9),
                )
            } else {
                (next() * 360.0 - 180.0, next() * 178.0 - 89.0)
            };
            let k = Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1));
            let v = geodesic_m(a, b);
            worst = worst.max((k - v).abs());
        }
        assert!(worst < 0.01, "worst difference {worst} m");
    }

    #[test]
    fn circles_at_the_antimeridian_and_the_poles_are_split_or_capped() {
        use geo::{BoundingRect, Contains};
        // an ordinary circle is the circle itself
        let plain = circle_parts(40.9, 34.4, 5000.0, 64);
        assert_eq!(plain.0.len(), 1);
        assert_eq!(plain.0[0], circle(40.9, 34.4, 5000.0, 64));
        // across the antimeridian: two parts, each within -180..180
        let fiji = circle_parts(179.9, -17.0, 50_000.0, 64);
        assert_eq!(fiji.0.len(), 2, "{fiji:?}");
        for p in &fiji.0 {
            let r = p.bounding_rect().unwrap();
            assert!(r.min().x >= -180.0 && r.max().x <= 180.0, "{r:?}");
        }
        assert!(fiji.contains(&Point::new(179.95, -17.0)));
        assert!(fiji.contains(&Point::new(-179.8, -17.0)));
        // round a pole: a cap that holds the pole's neighbourhood
        let pole = circle_parts(10.0, 89.5, 200_000.0, 64);
        assert!(!pole.0.is_empty());
        assert!(pole.contains(&Point::new(100.0, 89.9)), "{pole:?}");
        for p in &pole.0 {
            let r = p.bounding_rect().unwrap();
            assert!(r.min().x >= -180.0 && r.max().x <= 180.0 && r.max().y <= 90.0);
        }
    }

    #[test]
    fn circles_are_true_radius() {
        let c = circle(40.92, 34.45, 5000.0, 64);
        for p in c.exterior().0.iter() {
            assert!((geodesic_m((40.92, 34.45), (p.x, p.y)) - 5000.0).abs() < 1.0);
        }
    }
}

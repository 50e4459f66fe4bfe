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
    fn circles_are_true_radius() {
        let c = circle(40.92, 34.45, 5000.0, 64);
        for p in c.exterior().0.iter() {
            assert!((geodesic_m((40.92, 34.45), (p.x, p.y)) - 5000.0).abs() < 1.0);
        }
    }
}

//! Geometry helpers shared by resolution and every writer: geodesic circles, buffers of lines,
//! geodesic distances. Coordinates are (longitude, latitude) in degrees; distances in the
//! units their names say.

use geo::{
    Buffer, Coord, Destination, Distance, Geodesic, LineString, MultiPolygon, Point, Polygon,
};

/// Geodesic distance in km between two (lon, lat) points on the WGS 84 ellipsoid.
pub fn geodesic_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1)) / 1000.0
}

/// Geodesic distance in metres between two (lon, lat) points.
pub fn geodesic_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
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
    fn circles_are_true_radius() {
        let c = circle(40.92, 34.45, 5000.0, 64);
        for p in c.exterior().0.iter() {
            assert!((geodesic_m((40.92, 34.45), (p.x, p.y)) - 5000.0).abs() < 1.0);
        }
    }
}

//! RFC 7946 GeoJSON: longitude-latitude, WGS 84, no `crs` member, counter-clockwise exterior
//! rings, at most 6 decimals, features in a fixed order with properties in a fixed order.

use geo::orient::{Direction, Orient};
use geo::{Distance, Geodesic, MultiPolygon, Point, Polygon};

use super::fields::{to_json_object, Field};

/// Decimal places kept in coordinates (about 0.1 m).
pub const DECIMALS: i32 = 6;

/// A geometry as written.
#[derive(Debug, Clone)]
pub enum Geom {
    Point(f64, f64),
    Line(Vec<(f64, f64)>),
    MultiPolygon(MultiPolygon<f64>),
}

/// One feature: geometry and ordered fields.
#[derive(Debug, Clone)]
pub struct Feature {
    pub geom: Geom,
    pub fields: Vec<Field>,
}

fn r(x: f64) -> f64 {
    let m = 10f64.powi(DECIMALS);
    let v = (x * m).round() / m;
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

fn pos(c: (f64, f64)) -> serde_json::Value {
    serde_json::json!([r(c.0), r(c.1)])
}

/// Rounds a ring and drops the repeated points rounding makes; `None` if fewer than 4 remain.
fn ring(coords: impl Iterator<Item = (f64, f64)>) -> Option<serde_json::Value> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for (x, y) in coords {
        let p = (r(x), r(y));
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    if pts.first() != pts.last() {
        let f = pts[0];
        pts.push(f);
    }
    (pts.len() >= 4).then(|| serde_json::Value::Array(pts.into_iter().map(pos).collect()))
}

/// Polygons with exterior rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
pub fn oriented(mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    mp.orient(Direction::Default)
}

fn polygon_json(p: &Polygon<f64>) -> Option<serde_json::Value> {
    let ext = ring(p.exterior().0.iter().map(|c| (c.x, c.y)))?;
    let mut rings = vec![ext];
    rings.extend(
        p.interiors()
            .iter()
            .filter_map(|h| ring(h.0.iter().map(|c| (c.x, c.y)))),
    );
    Some(serde_json::Value::Array(rings))
}

/// The GeoJSON geometry object.
pub fn geometry_json(g: &Geom) -> serde_json::Value {
    match g {
        Geom::Point(x, y) => serde_json::json!({"type": "Point", "coordinates": pos((*x, *y))}),
        Geom::Line(pts) => {
            let mut v: Vec<(f64, f64)> = Vec::new();
            for p in pts {
                let q = (r(p.0), r(p.1));
                if v.last() != Some(&q) {
                    v.push(q);
                }
            }
            serde_json::json!({"type": "LineString", "coordinates": v.into_iter().map(pos).collect::<Vec<_>>()})
        }
        Geom::MultiPolygon(mp) => {
            let polys: Vec<serde_json::Value> =
                oriented(mp).0.iter().filter_map(polygon_json).collect();
            serde_json::json!({"type": "MultiPolygon", "coordinates": polys})
        }
    }
}

/// A FeatureCollection named `layer` (the name GDAL and QGIS give the layer), one line per
/// feature so that diffs of outputs stay readable.
pub fn feature_collection(layer: &str, features: &[Feature]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{{\"type\":\"FeatureCollection\",\"name\":{},\"features\":[",
        serde_json::Value::from(layer)
    ));
    for (i, f) in features.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        let v = serde_json::json!({
            "type": "Feature",
            "properties": to_json_object(&f.fields),
            "geometry": geometry_json(&f.geom),
        });
        out.push_str(&serde_json::to_string(&v).unwrap_or_default());
    }
    out.push_str("\n]}\n");
    out
}

/// A geodesic circle as a polygon of `n` vertices.
pub fn circle(lon: f64, lat: f64, radius_m: f64, n: usize) -> Polygon<f64> {
    use geo::Destination;
    let c = Point::new(lon, lat);
    let mut pts: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            // clockwise bearings from north; orientation is fixed when written
            let b = 360.0 * i as f64 / n as f64;
            let p = Geodesic.destination(c, b, radius_m);
            (p.x(), p.y())
        })
        .collect();
    pts.push(pts[0]);
    Polygon::new(pts.into(), vec![])
}

/// Geodesic distance in metres between two points (for tests of circles).
pub fn geodesic_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;

    #[test]
    fn circles_are_true_radius_and_written_counter_clockwise() {
        let c = circle(40.92, 34.45, 5000.0, 64);
        for p in c.exterior().0.iter() {
            assert!((geodesic_m((40.92, 34.45), (p.x, p.y)) - 5000.0).abs() < 1.0);
        }
        let mp = MultiPolygon(vec![c]);
        let o = oriented(&mp);
        assert!(
            o.0[0].signed_area() > 0.0,
            "exterior ring must be counter-clockwise"
        );
        let j = geometry_json(&Geom::MultiPolygon(mp));
        let first = &j["coordinates"][0][0];
        assert_eq!(first[0], first[first.as_array().unwrap().len() - 1]);
    }

    #[test]
    fn coordinates_keep_six_decimals() {
        let j = geometry_json(&Geom::Point(40.123456789, 34.000000049));
        assert_eq!(j["coordinates"].to_string(), "[40.123457,34.0]");
    }
}

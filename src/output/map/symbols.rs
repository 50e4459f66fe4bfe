//! The map's symbols: one shape and colour per event kind (the same colour draws that kind's
//! movement arrows), and the site symbols of the basemap. Shapes are path data centred on a
//! point, so the legend draws exactly what the map draws.

use std::f64::consts::PI;

use super::svgw::n1;
use crate::event::{EventKind, Status};
use crate::gazetteer::SiteKind;

pub use crate::output::palette::kind_color;

/// Grey for what a source says did not happen.
pub const DENIED: &str = "#8a8a8a";
/// The darker grey of words about what a source says did not happen.
pub const DENIED_DARK: &str = "#6e6e6e";

fn poly(cx: f64, cy: f64, pts: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(&n1(cx + x));
        d.push(' ');
        d.push_str(&n1(cy + y));
    }
    d.push('Z');
    d
}

fn regular(cx: f64, cy: f64, r: f64, n: usize, rot: f64) -> String {
    let pts: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = rot + 2.0 * PI * i as f64 / n as f64;
            (r * t.cos(), r * t.sin())
        })
        .collect();
    poly(cx, cy, &pts)
}

fn circle_d(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "M{} {}a{} {} 0 1 0 {} 0a{} {} 0 1 0 {} 0Z",
        n1(cx - r),
        n1(cy),
        n1(r),
        n1(r),
        n1(2.0 * r),
        n1(r),
        n1(r),
        n1(-2.0 * r)
    )
}

/// Path data of an event kind's symbol, `size` px across, centred on (cx, cy).
pub fn kind_path(k: EventKind, cx: f64, cy: f64, size: f64) -> String {
    shape_path(
        &crate::output::palette::Palette::get().kind(k).map_shape,
        cx,
        cy,
        size,
    )
}

/// Path data of a named symbol shape (`map_shape` in styles/palette.toml).
pub fn shape_path(shape: &str, cx: f64, cy: f64, size: f64) -> String {
    let r = size / 2.0;
    match shape {
        "circle" => circle_d(cx, cy, r * 0.92),
        "triangle" => poly(cx, cy, &[(0.0, -r), (r, r * 0.8), (-r, r * 0.8)]),
        "triangle-down" => poly(cx, cy, &[(0.0, r), (r, -r * 0.8), (-r, -r * 0.8)]),
        "diamond" => poly(cx, cy, &[(0.0, -r), (r, 0.0), (0.0, r), (-r, 0.0)]),
        "chevron" => poly(
            cx,
            cy,
            &[
                (-r, -r * 0.75),
                (r * 0.2, -r * 0.75),
                (r, 0.0),
                (r * 0.2, r * 0.75),
                (-r, r * 0.75),
            ],
        ),
        "star" => {
            let pts: Vec<(f64, f64)> = (0..16)
                .map(|i| {
                    let t = -PI / 2.0 + PI * i as f64 / 8.0;
                    let rr = if i % 2 == 0 { r * 1.12 } else { r * 0.55 };
                    (rr * t.cos(), rr * t.sin())
                })
                .collect();
            poly(cx, cy, &pts)
        }
        "cross" => {
            let (a, b) = (r * 0.95, r * 0.32);
            poly(
                cx,
                cy,
                &[
                    (-a, -a + b),
                    (-a + b, -a),
                    (0.0, -b),
                    (a - b, -a),
                    (a, -a + b),
                    (b, 0.0),
                    (a, a - b),
                    (a - b, a),
                    (0.0, b),
                    (-a + b, a),
                    (-a, a - b),
                    (-b, 0.0),
                ],
            )
        }
        "flag" => poly(
            cx,
            cy,
            &[
                (-r * 0.8, -r),
                (r, -r * 0.45),
                (-r * 0.45, r * 0.1),
                (-r * 0.45, r),
                (-r * 0.8, r),
            ],
        ),
        "hexagon" => regular(cx, cy, r, 6, 0.0),
        "speech" => poly(
            cx,
            cy,
            &[
                (-r, -r * 0.8),
                (r, -r * 0.8),
                (r, r * 0.35),
                (-r * 0.1, r * 0.35),
                (-r * 0.6, r),
                (-r * 0.5, r * 0.35),
                (-r, r * 0.35),
            ],
        ),
        "square" => poly(
            cx,
            cy,
            &[
                (-r * 0.82, -r * 0.82),
                (r * 0.82, -r * 0.82),
                (r * 0.82, r * 0.82),
                (-r * 0.82, r * 0.82),
            ],
        ),
        "pentagon" => regular(cx, cy, r, 5, -PI / 2.0),
        "shield" => poly(
            cx,
            cy,
            &[
                (-r * 0.85, -r * 0.9),
                (r * 0.85, -r * 0.9),
                (r * 0.85, r * 0.1),
                (0.0, r),
                (-r * 0.85, r * 0.1),
            ],
        ),
        "bar" => poly(
            cx,
            cy,
            &[
                (-r, -r * 0.38),
                (r, -r * 0.38),
                (r, r * 0.38),
                (-r, r * 0.38),
            ],
        ),
        "ring" => {
            // the inner circle runs the other way, so it is a hole under either fill rule
            let ri = r * 0.45;
            format!(
                "{}M{} {}a{} {} 0 1 1 {} 0a{} {} 0 1 1 {} 0Z",
                circle_d(cx, cy, r * 0.95),
                n1(cx - ri),
                n1(cy),
                n1(ri),
                n1(ri),
                n1(2.0 * ri),
                n1(ri),
                n1(ri),
                n1(-2.0 * ri)
            )
        }
        "burst" => {
            let pts: Vec<(f64, f64)> = (0..12)
                .map(|i| {
                    let t = -PI / 2.0 + PI * i as f64 / 6.0;
                    let rr = if i % 2 == 0 { r } else { r * 0.62 };
                    (rr * t.cos(), rr * t.sin())
                })
                .collect();
            poly(cx, cy, &pts)
        }
        _ => circle_d(cx, cy, r * 0.6),
    }
}
/// Fill, stroke and extra marks of an event symbol by status: reported is filled; planned and
/// considered are hollow; denied is grey and struck through.
pub fn status_paint(k: EventKind, st: Status) -> (&'static str, &'static str) {
    crate::output::palette::Palette::get().status_paint(k, st)
}

/// How a site is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SiteSym {
    City,
    Town,
    Crossing,
    Military,
    Facility,
    Area,
}

impl SiteSym {
    pub fn of(k: SiteKind) -> SiteSym {
        match k {
            SiteKind::City => SiteSym::City,
            SiteKind::Town | SiteKind::Village | SiteKind::District => SiteSym::Town,
            SiteKind::Crossing => SiteSym::Crossing,
            SiteKind::Base | SiteKind::Airfield => SiteSym::Military,
            SiteKind::OilField | SiteKind::GasField | SiteKind::Facility => SiteSym::Facility,
            _ => SiteSym::Area,
        }
    }

    /// Size across, px (at scale 1).
    pub fn size(self) -> f64 {
        match self {
            SiteSym::City => 10.0,
            SiteSym::Town => 6.0,
            SiteSym::Crossing => 9.0,
            SiteSym::Military => 9.0,
            SiteSym::Facility => 8.0,
            SiteSym::Area => 6.0,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SiteSym::City => "city",
            SiteSym::Town => "town or village",
            SiteSym::Crossing => "border crossing",
            SiteSym::Military => "base or airfield",
            SiteSym::Facility => "oil or gas field, facility",
            SiteSym::Area => "area",
        }
    }

    /// SVG elements (as (tag, attributes)) drawing the symbol centred on (cx, cy) at size `s`
    /// times its own.
    pub fn elements(
        self,
        cx: f64,
        cy: f64,
        s: f64,
    ) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
        let r = self.size() * s / 2.0;
        let path = |d: String, fill: &str, stroke: &str, w: f64| {
            (
                "path",
                vec![
                    ("d", d),
                    ("fill", fill.to_string()),
                    ("stroke", stroke.to_string()),
                    ("stroke-width", super::svgw::num(w * s, 2)),
                ],
            )
        };
        match self {
            SiteSym::City => vec![
                path(circle_d(cx, cy, r * 0.85), "#ffffff", "#222222", 1.6),
                path(circle_d(cx, cy, r * 0.35), "#222222", "none", 0.0),
            ],
            SiteSym::Town => vec![path(circle_d(cx, cy, r * 0.8), "#333333", "#ffffff", 0.8)],
            SiteSym::Crossing => vec![path(
                poly(cx, cy, &[(0.0, -r), (r, 0.0), (0.0, r), (-r, 0.0)]),
                "#ffffff",
                "#222222",
                1.4,
            )],
            SiteSym::Military => vec![path(
                poly(cx, cy, &[(0.0, -r), (r, r * 0.8), (-r, r * 0.8)]),
                "#555555",
                "#ffffff",
                0.8,
            )],
            SiteSym::Facility => vec![path(
                poly(
                    cx,
                    cy,
                    &[
                        (-r * 0.8, -r * 0.8),
                        (r * 0.8, -r * 0.8),
                        (r * 0.8, r * 0.8),
                        (-r * 0.8, r * 0.8),
                    ],
                ),
                "#555555",
                "#ffffff",
                0.8,
            )],
            SiteSym::Area => vec![path(circle_d(cx, cy, r * 0.6), "none", "#555555", 1.0)],
        }
    }
}

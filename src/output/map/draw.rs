//! Writing the placed map as SVG: one named group per layer, real text, fixed decimals.

use std::collections::{BTreeMap, BTreeSet};

use geo::{BoundingRect, MultiPolygon};

use super::clip::{self, Rect};
use super::marginalia::{day, Page};
use super::place::{Label, Plan, Which};
use super::svgw::{a, n1, num, path_data, Svg};
use super::symbols::{kind_color, kind_path, status_paint, SiteSym, DENIED};
use super::text::Fonts;
use super::{Content, Look, MapInput, View, FONT_FAMILY};
use crate::event::{EventKind, Status};
use crate::geom::circle;
use crate::resolve::Uncertainty;

const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";

fn project_polygons(view: &View, mp: &MultiPolygon<f64>, s: f64) -> Vec<Vec<(f64, f64)>> {
    project_polygons_in(view, mp, s, view.frame.grow(4.0 * s))
}

/// The rings of a multipolygon on the page, clipped to `clip_r`.
fn project_polygons_in(
    view: &View,
    mp: &MultiPolygon<f64>,
    s: f64,
    clip_r: Rect,
) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let Some(b) = mp.bounding_rect() else {
        return out;
    };
    if !view.may_show(&Rect::new(b.min().x, b.min().y, b.max().x, b.max().y)) {
        return out;
    }
    for poly in &mp.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors().iter()) {
            let pts: Option<Vec<(f64, f64)>> = ring.0.iter().map(|c| view.px(c.x, c.y)).collect();
            let Some(mut pts) = pts else { continue };
            if pts.len() > 1 && pts.first() == pts.last() {
                pts.pop();
            }
            let Some(rb) = clip::bounds(pts.iter().copied()) else {
                continue;
            };
            if !rb.overlaps(&clip_r) {
                continue;
            }
            let c = clip::clip_ring(&pts, &clip_r);
            let t = clip::thin(&c, 0.6 * s);
            if t.len() >= 3 {
                out.push(t);
            }
        }
    }
    out
}

fn project_line(
    view: &View,
    pts: impl Iterator<Item = (f64, f64)>,
    s: f64,
) -> Vec<Vec<(f64, f64)>> {
    let px: Vec<(f64, f64)> = pts.filter_map(|(x, y)| view.px(x, y)).collect();
    clip::clip_line(&px, &view.frame.grow(4.0 * s))
        .into_iter()
        .map(|p| clip::thin(&p, 0.6 * s))
        .filter(|p| p.len() >= 2)
        .collect()
}

fn text_attrs(l: &Label, i: usize) -> Vec<(&'static str, String)> {
    let line = &l.lines[i];
    let mut v = vec![
        a("x", n1(l.x)),
        a("y", n1(l.ys[i])),
        a("font-size", num(line.size, 1)),
        a("fill", line.color),
        a("text-anchor", l.anchor),
    ];
    if line.bold {
        v.push(a("font-weight", "bold"));
    }
    if line.spacing > 0.0 {
        v.push(a("letter-spacing", num(line.spacing, 1)));
    }
    v
}

fn labels(svg: &mut Svg, plan: &Plan, which: Which, id: &str) {
    svg.group(
        id,
        &[
            a("stroke", "#ffffff"),
            a("stroke-width", num(3.0 * plan.sym / 13.0, 2)),
            a("stroke-linejoin", "round"),
            a("paint-order", "stroke"),
        ],
    );
    for l in plan.labels.iter().filter(|l| l.which == which) {
        for (i, line) in l.lines.iter().enumerate() {
            if line.marks.is_empty() {
                svg.text_el("text", &text_attrs(l, i), &line.text);
                continue;
            }
            // dates after small copies of their symbols, from the line's start
            let w = line.width.unwrap_or(0.0);
            let x0 = match l.anchor {
                "end" => l.x - w,
                "middle" => l.x - w / 2.0,
                _ => l.x,
            };
            let y = l.ys[i];
            for m in &line.marks {
                event_symbol(
                    svg,
                    m.kind,
                    m.look.status(),
                    x0 + m.x,
                    y - line.size * 0.36,
                    line.size * 0.85,
                    plan.sym / 13.0 * 0.8,
                );
                svg.text_el(
                    "text",
                    &[
                        a("x", n1(x0 + m.text_x)),
                        a("y", n1(y)),
                        a("font-size", num(line.size, 1)),
                        a("fill", line.color),
                    ],
                    &m.text,
                );
            }
        }
    }
    svg.close("g");
}

/// Which basemap layers a view drew, for the legend.
#[derive(Debug, Clone, Copy, Default)]
struct Basemap {
    border: bool,
    countries: usize,
    governorates: bool,
    rivers: bool,
}

/// One view's layers: basemap, uncertainty, movements, events, sites, labels.
fn view_layers(
    svg: &mut Svg,
    input: &MapInput<'_, '_>,
    c: &Content,
    plan: &Plan,
    view: &View,
    which: Which,
    s: f64,
) -> Basemap {
    let mut drew = Basemap::default();
    let pre = if which == Which::Inset { "inset-" } else { "" };
    let f = view.frame;
    // countries: Iraq and Syria light, the neighbours a shade darker
    svg.group(&format!("{pre}basemap-countries"), &[]);
    svg.leaf(
        "rect",
        &[
            a("x", n1(f.x0)),
            a("y", n1(f.y0)),
            a("width", n1(f.w())),
            a("height", n1(f.h())),
            a("fill", "#e4e4df"),
        ],
    );
    for cn in &input.scene.basemap.border.countries {
        let parts = project_polygons(view, &cn.shape, s);
        if parts.is_empty() {
            continue;
        }
        if parts.iter().flatten().any(|p| f.contains(*p)) {
            drew.countries += 1;
        }
        let fill = match cn.code.as_str() {
            "IQ" | "SY" => "#fbf9f4",
            _ => "#efeeea",
        };
        svg.leaf(
            "path",
            &[
                a("id", format!("{pre}country-{}", cn.code.to_lowercase())),
                a("d", path_data(&parts, true)),
                a("fill", fill),
                a("fill-rule", "evenodd"),
                a("stroke", "#9a9a94"),
                a("stroke-width", num(0.8 * s, 2)),
                a("stroke-linejoin", "round"),
            ],
        );
    }
    svg.close("g");
    // governorates: quiet dashed lines
    svg.group(
        &format!("{pre}governorates"),
        &[
            a("fill", "none"),
            a("stroke", "#b9b1a5"),
            a("stroke-width", num(0.7 * s, 2)),
            a(
                "stroke-dasharray",
                format!("{} {}", num(4.0 * s, 1), num(2.5 * s, 1)),
            ),
        ],
    );
    let areas: BTreeMap<&String, &MultiPolygon<f64>> = input
        .scene
        .basemap
        .areas
        .iter()
        .map(|(k, v)| (k, &**v))
        .collect();
    for (id, mp) in areas {
        if !(id.ends_with("-governorate") || id.ends_with("-province")) {
            continue;
        }
        let parts = project_polygons(view, mp, s);
        if !parts.is_empty() {
            drew.governorates = true;
            svg.leaf(
                "path",
                &[
                    a("id", format!("{pre}gov-{id}")),
                    a("d", path_data(&parts, true)),
                ],
            );
        }
    }
    svg.close("g");
    // rivers
    svg.group(
        &format!("{pre}rivers"),
        &[
            a("fill", "none"),
            a("stroke", "#7aaedb"),
            a("stroke-linejoin", "round"),
            a("stroke-linecap", "round"),
        ],
    );
    for r in &input.scene.basemap.rivers {
        let parts = project_line(view, r.line.0.iter().map(|c| (c.x, c.y)), s);
        if parts.is_empty() {
            continue;
        }
        drew.rivers = true;
        let w = if r.id == "euphrates" { 2.2 } else { 1.6 };
        svg.leaf(
            "path",
            &[
                a("id", format!("{pre}river-{}", r.id)),
                a("d", path_data(&parts, false)),
                a("stroke-width", num(w * s, 2)),
            ],
        );
    }
    svg.close("g");
    // the Iraq–Syria border: a pale band under a dark dash-dot line
    svg.group(
        &format!("{pre}border"),
        &[a("fill", "none"), a("stroke-linejoin", "round")],
    );
    let bparts = project_line(
        view,
        input.scene.basemap.border.line.0.iter().map(|c| (c.x, c.y)),
        s,
    );
    if !bparts.is_empty() {
        drew.border = true;
        let d = path_data(&bparts, false);
        svg.leaf(
            "path",
            &[
                a("d", d.clone()),
                a("stroke", "#e8b4ae"),
                a("stroke-width", num(8.0 * s, 2)),
                a("stroke-opacity", "0.7"),
            ],
        );
        svg.leaf(
            "path",
            &[
                a("d", d),
                a("stroke", "#6d1a1a"),
                a("stroke-width", num(2.0 * s, 2)),
                a(
                    "stroke-dasharray",
                    format!(
                        "{} {} {} {}",
                        num(10.0 * s, 1),
                        num(3.0 * s, 1),
                        num(2.0 * s, 1),
                        num(3.0 * s, 1)
                    ),
                ),
            ],
        );
    }
    svg.close("g");

    // uncertainty: circles wider than the symbol
    svg.group(&format!("{pre}uncertainty"), &[]);
    let mut circles: BTreeMap<String, (f64, f64, f64)> = BTreeMap::new();
    let mut note_spot = |sp: &super::Spot| {
        if let Uncertainty::Circle { lon, lat, radius_m } = &sp.uncertainty {
            if *radius_m / view.mpp > plan.sym * 0.6 {
                circles.insert(sp.key.clone(), (*lon, *lat, *radius_m));
            }
        }
    };
    for m in plan.markers.iter().filter(|m| m.which == which) {
        note_spot(&c.locations[m.loc].spot);
    }
    for g in plan.moves.iter().filter(|g| g.which == which) {
        for sp in &c.movements[g.mv].spots {
            note_spot(sp);
        }
    }
    for (key, (lon, lat, r)) in &circles {
        let poly = circle(*lon, *lat, *r, 72);
        let parts = project_polygons(view, &MultiPolygon(vec![poly]), s);
        if parts.is_empty() {
            continue;
        }
        svg.leaf(
            "path",
            &[
                a("id", format!("{pre}circle-{key}")),
                a("d", path_data(&parts, true)),
                a("fill", "#8d6e63"),
                a("fill-opacity", "0.05"),
                a("stroke", "#8d6e63"),
                a("stroke-width", num(1.0 * s, 2)),
                a(
                    "stroke-dasharray",
                    format!("{} {}", num(3.0 * s, 1), num(2.0 * s, 1)),
                ),
            ],
        );
    }
    svg.close("g");

    // the areas and lines events are located to: drawn in their kinds' colours, never as a
    // point
    svg.group(&format!("{pre}event-areas"), &[]);
    let bases = line_bases(c);
    let mut order: Vec<usize> = (0..c.areas.len()).collect();
    // areas first; then lines, the outer bands of lines that run together first
    order.sort_by_key(|&i| {
        (
            c.areas[i].spot.line().is_some(),
            std::cmp::Reverse(bases[i]),
            i,
        )
    });
    for i in order {
        event_area(
            svg,
            view,
            &c.areas[i],
            &pre,
            s,
            bases[i],
            which == Which::Main,
        );
    }
    svg.close("g");

    // density: one dot per bin of the page, its area by the events in it
    if which == Which::Main && !plan.density.is_empty() {
        svg.group(
            "density",
            &[a("stroke", "#ffffff"), a("stroke-width", num(0.5 * s, 2))],
        );
        for d in &plan.density {
            svg.leaf(
                "circle",
                &[
                    a("cx", n1(d.x)),
                    a("cy", n1(d.y)),
                    a("r", num(d.r, 1)),
                    a("fill", kind_color(d.kind)),
                    a("fill-opacity", "0.85"),
                ],
            );
        }
        svg.close("g");
    }

    // movements
    svg.group(
        &format!("{pre}movements"),
        &[
            a("fill", "none"),
            a("stroke-linejoin", "round"),
            a("stroke-linecap", "round"),
        ],
    );
    for g in plan.moves.iter().filter(|g| g.which == which) {
        let m = &c.movements[g.mv];
        let color = if m.look == Look::Denied {
            DENIED
        } else {
            kind_color(m.kind)
        };
        let w = 2.4 * s;
        let dash = match m.look {
            Look::Reported => None,
            Look::Hedged => Some(format!("{} {}", num(7.0 * s, 1), num(4.0 * s, 1))),
            Look::Denied => Some(format!("{} {}", num(3.0 * s, 1), num(3.0 * s, 1))),
        };
        svg.group(
            &format!("{pre}move-{}", g.mv + 1),
            &[a("data-event", &m.id)],
        );
        if !g.firm.is_empty() {
            let d = path_data(&g.firm, false);
            svg.leaf(
                "path",
                &[
                    a("d", d.clone()),
                    a("stroke", "#ffffff"),
                    a("stroke-width", num(w + 2.6 * s, 2)),
                    a("stroke-opacity", "0.85"),
                ],
            );
            let mut at = vec![a("d", d), a("stroke", color), a("stroke-width", num(w, 2))];
            if let Some(ds) = &dash {
                at.push(a("stroke-dasharray", ds));
            }
            svg.leaf("path", &at);
        }
        if !g.vague.is_empty() {
            let d = path_data(&g.vague, false);
            svg.leaf(
                "path",
                &[
                    a("d", d),
                    a("stroke", color),
                    a("stroke-width", num(w * 0.8, 2)),
                    a(
                        "stroke-dasharray",
                        format!("{} {}", num(1.0 * s, 1), num(3.5 * s, 1)),
                    ),
                ],
            );
        }
        if let Some((tip, u)) = g.arrow {
            let h = 11.0 * s;
            let hw = 4.8 * s;
            let base = (tip.0 - u.0 * h, tip.1 - u.1 * h);
            let (nx, ny) = (-u.1, u.0);
            let pts = [
                tip,
                (base.0 + nx * hw, base.1 + ny * hw),
                (base.0 - nx * hw, base.1 - ny * hw),
            ];
            let fill = if m.look == Look::Hedged {
                "#ffffff"
            } else {
                color
            };
            svg.leaf(
                "path",
                &[
                    a("d", path_data(&[pts.to_vec()], true)),
                    a("fill", fill),
                    a("stroke", color),
                    a("stroke-width", num(1.2 * s, 2)),
                ],
            );
        }
        if m.look == Look::Denied {
            // a cross on the middle of the longest firm piece
            if let Some(p) = g
                .firm
                .iter()
                .chain(g.vague.iter())
                .max_by(|a, b| a.len().cmp(&b.len()))
            {
                let mid = midpoint(p);
                let k = 5.0 * s;
                svg.leaf(
                    "path",
                    &[
                        a(
                            "d",
                            format!(
                                "M{} {}L{} {}M{} {}L{} {}",
                                n1(mid.0 - k),
                                n1(mid.1 - k),
                                n1(mid.0 + k),
                                n1(mid.1 + k),
                                n1(mid.0 - k),
                                n1(mid.1 + k),
                                n1(mid.0 + k),
                                n1(mid.1 - k)
                            ),
                        ),
                        a("stroke", "#333333"),
                        a("stroke-width", num(2.0 * s, 2)),
                    ],
                );
            }
        }
        svg.close("g");
    }
    svg.close("g");

    // events
    svg.group(&format!("{pre}events"), &[]);
    for m in plan.markers.iter().filter(|m| m.which == which) {
        let l = &c.locations[m.loc];
        svg.group(
            &format!("{pre}ev-{}", sanitize(&l.spot.key)),
            &[a("data-place", &l.spot.name)],
        );
        if let Some(q) = m.leader {
            leader(svg, q, &m.rect, s);
        }
        if m.area {
            svg.leaf(
                "rect",
                &[
                    a("x", n1(m.rect.x0)),
                    a("y", n1(m.rect.y0)),
                    a("width", n1(m.rect.w())),
                    a("height", n1(m.rect.h())),
                    a("rx", num(3.0 * s, 1)),
                    a("fill", "#ffffff"),
                    a("fill-opacity", "0.9"),
                    a("stroke", "#8d6e63"),
                    a("stroke-width", num(1.0 * s, 2)),
                    a(
                        "stroke-dasharray",
                        format!("{} {}", num(3.0 * s, 1), num(2.0 * s, 1)),
                    ),
                ],
            );
        }
        if l.spot.added {
            added_ring(svg, &m.rect, s);
        }
        for (k, look, n, cx, cy) in &m.slots {
            event_symbol(svg, *k, look.status(), *cx, *cy, plan.sym, s);
            if *n > 1 {
                bold_text(
                    svg,
                    cx + plan.sym / 2.0 + 0.8 * s,
                    cy + 1.5 * s,
                    9.5 * s,
                    &n.to_string(),
                );
            }
        }
        svg.close("g");
    }
    svg.close("g");

    // sites
    svg.group(&format!("{pre}sites"), &[]);
    for d in plan.dots.iter().filter(|d| d.which == which) {
        if let Some(q) = d.leader {
            leader(svg, q, &d.rect, s);
        }
        for (tag, attrs) in d.sym.elements(d.at.0, d.at.1, s) {
            svg.leaf(tag, &attrs);
        }
    }
    svg.close("g");
    labels(svg, plan, which, &format!("{pre}labels"));
    drew
}

/// A leader from a place `q` to the nearest edge of the symbol or label box it was moved to.
fn leader(svg: &mut Svg, q: (f64, f64), rect: &Rect, s: f64) {
    let cx = q.0.clamp(rect.x0, rect.x1);
    let cy = q.1.clamp(rect.y0, rect.y1);
    svg.leaf(
        "path",
        &[
            a(
                "d",
                format!("M{} {}L{} {}", n1(q.0), n1(q.1), n1(cx), n1(cy)),
            ),
            a("stroke", "#333333"),
            a("stroke-width", num(0.9 * s, 2)),
            a("fill", "none"),
        ],
    );
    svg.leaf(
        "circle",
        &[
            a("cx", n1(q.0)),
            a("cy", n1(q.1)),
            a("r", num(1.8 * s, 2)),
            a("fill", "#333333"),
        ],
    );
}

/// A line of bold text in the map's ink, at (x, y), the heading style of the margins.
fn bold_text(svg: &mut Svg, x: f64, y: f64, size: f64, text: &str) {
    svg.text_el(
        "text",
        &[
            a("x", n1(x)),
            a("y", n1(y)),
            a("font-size", num(size, 1)),
            a("font-weight", "bold"),
            a("fill", INK),
        ],
        text,
    );
}

/// The white, rounded panel behind a map furniture item (scale bar, north arrow).
fn panel(svg: &mut Svg, r: &Rect, s: f64) {
    svg.leaf(
        "rect",
        &[
            a("x", n1(r.x0)),
            a("y", n1(r.y0)),
            a("width", n1(r.w())),
            a("height", n1(r.h())),
            a("rx", num(3.0 * s, 1)),
            a("fill", "#ffffff"),
            a("fill-opacity", "0.88"),
            a("stroke", "#bbbbbb"),
            a("stroke-width", num(0.6 * s, 2)),
        ],
    );
}

fn midpoint(p: &[(f64, f64)]) -> (f64, f64) {
    let total: f64 = p
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum();
    let mut acc = 0.0;
    for w in p.windows(2) {
        let d = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        if acc + d >= total / 2.0 && d > 0.0 {
            let t = (total / 2.0 - acc) / d;
            return (
                w[0].0 + t * (w[1].0 - w[0].0),
                w[0].1 + t * (w[1].1 - w[0].1),
            );
        }
        acc += d;
    }
    p.first().copied().unwrap_or((0.0, 0.0))
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn event_symbol(svg: &mut Svg, k: EventKind, st: Status, cx: f64, cy: f64, size: f64, s: f64) {
    let (fill, stroke) = status_paint(k, st);
    svg.leaf(
        "path",
        &[
            a("d", kind_path(k, cx, cy, size)),
            a("fill", fill),
            a("stroke", stroke),
            a(
                "stroke-width",
                num(if st == Status::Reported { 1.0 } else { 1.6 } * s, 2),
            ),
            a("stroke-linejoin", "round"),
        ],
    );
    if st == Status::Denied {
        let r = size / 2.0;
        svg.leaf(
            "path",
            &[
                a(
                    "d",
                    format!(
                        "M{} {}L{} {}",
                        n1(cx - r),
                        n1(cy + r),
                        n1(cx + r),
                        n1(cy - r)
                    ),
                ),
                a("stroke", "#333333"),
                a("stroke-width", num(1.6 * s, 2)),
            ],
        );
    }
}

fn scale_bar_el(
    svg: &mut Svg,
    id: &str,
    b: &super::ScaleBar,
    s: f64,
    caption: Option<&str>,
    bg: Option<Rect>,
) {
    svg.group(id, &[]);
    if let Some(r) = bg {
        panel(svg, &r, s);
    }
    let h = 5.0 * s;
    let seg = 4;
    let len = b.x1 - b.x0;
    for i in 0..seg {
        let x = b.x0 + len * i as f64 / seg as f64;
        svg.leaf(
            "rect",
            &[
                a("x", n1(x)),
                a("y", n1(b.y - h)),
                a("width", n1(len / seg as f64)),
                a("height", n1(h)),
                a("fill", if i % 2 == 0 { INK } else { "#ffffff" }),
                a("stroke", INK),
                a("stroke-width", num(0.7 * s, 2)),
            ],
        );
    }
    let fs = 9.5 * s;
    for (x, t) in [
        (b.x0, "0".to_string()),
        (b.x0 + len / 2.0, num(b.km / 2.0, 1)),
        (b.x1, format!("{} km", num(b.km, 1))),
    ] {
        svg.text_el(
            "text",
            &[
                a("x", n1(x)),
                a("y", n1(b.y - h - 3.0 * s)),
                a("font-size", num(fs, 1)),
                a(
                    "text-anchor",
                    if t.ends_with("km") { "start" } else { "middle" },
                ),
                a("fill", INK),
            ],
            &t,
        );
    }
    if let Some(cap) = caption {
        svg.text_el(
            "text",
            &[
                a("x", n1(b.x0)),
                a("y", n1(b.y + 11.0 * s)),
                a("font-size", num(8.5 * s, 1)),
                a("fill", MUTED),
            ],
            cap,
        );
    }
    svg.close("g");
}

pub(crate) fn thousands(n: f64) -> String {
    let v = n.round() as i64;
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The representative fraction of a view, rounded to 2 significant figures (96 px per inch).
pub fn rep_fraction(view: &View) -> String {
    let x = view.mpp / 0.0254 * 96.0;
    let p = 10f64.powf(x.log10().floor() - 1.0);
    format!("1:{}", thousands((x / p).round() * p))
}

/// The whole document.
pub fn document(
    input: &MapInput<'_, '_>,
    c: &Content,
    page: &Page,
    plan: &mut Plan,
    fonts: &Fonts,
) -> String {
    let s = page.s;
    let view = plan.layout.view.clone();
    let f = view.frame;
    let mut svg = Svg::new();
    svg.buf
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg.open(
        "svg",
        &[
            a("xmlns", "http://www.w3.org/2000/svg"),
            a("width", num(page.w, 0)),
            a("height", num(page.h, 0)),
            a(
                "viewBox",
                format!("0 0 {} {}", num(page.w, 0), num(page.h, 0)),
            ),
            a("font-family", FONT_FAMILY),
        ],
    );
    svg.text_el("title", &[], &input.opts.title);
    svg.open("defs", &[]);
    svg.open("clipPath", &[a("id", "map-clip")]);
    svg.leaf(
        "rect",
        &[
            a("x", n1(f.x0)),
            a("y", n1(f.y0)),
            a("width", n1(f.w())),
            a("height", n1(f.h())),
        ],
    );
    svg.close("clipPath");
    if let Some(ins) = &plan.inset {
        let r = ins.view.frame;
        svg.open("clipPath", &[a("id", "inset-clip")]);
        svg.leaf(
            "rect",
            &[
                a("x", n1(r.x0)),
                a("y", n1(r.y0)),
                a("width", n1(r.w())),
                a("height", n1(r.h())),
            ],
        );
        svg.close("clipPath");
    }
    hatch_pattern(&mut svg, "hatch-band", "#8d6e63", s);
    // the hatching of each kind's areas, and of what is denied
    let mut hatches: BTreeSet<String> = BTreeSet::new();
    for ea in c.areas.iter().filter(|ea| ea.spot.line().is_none()) {
        if let Some(&(k, lk)) = ea.looks.first() {
            let id = hatch_id(k, lk);
            if hatches.insert(id.clone()) {
                let color = if lk == Look::Denied {
                    DENIED
                } else {
                    kind_color(k)
                };
                hatch_pattern(&mut svg, &id, color, s);
            }
        }
    }
    svg.close("defs");
    svg.leaf(
        "rect",
        &[
            a("id", "background"),
            a("width", num(page.w, 0)),
            a("height", num(page.h, 0)),
            a("fill", "#ffffff"),
        ],
    );

    svg.group("map", &[a("clip-path", "url(#map-clip)")]);
    let drew = view_layers(&mut svg, input, c, plan, &view, Which::Main, s);
    if let Some(ins) = &plan.inset {
        let r = ins.covers;
        svg.leaf(
            "rect",
            &[
                a("id", "inset-area"),
                a("x", n1(r.x0)),
                a("y", n1(r.y0)),
                a("width", n1(r.w())),
                a("height", n1(r.h())),
                a("fill", "none"),
                a("stroke", INK),
                a("stroke-width", num(1.2 * s, 2)),
            ],
        );
    }
    svg.close("g");
    svg.leaf(
        "rect",
        &[
            a("id", "frame"),
            a("x", n1(f.x0)),
            a("y", n1(f.y0)),
            a("width", n1(f.w())),
            a("height", n1(f.h())),
            a("fill", "none"),
            a("stroke", "#333333"),
            a("stroke-width", num(1.0 * s, 2)),
        ],
    );

    // the inset
    if let Some(ins) = plan.inset.clone() {
        let o = ins.outer;
        svg.group("inset", &[]);
        svg.leaf(
            "rect",
            &[
                a("x", n1(o.x0)),
                a("y", n1(o.y0)),
                a("width", n1(o.w())),
                a("height", n1(o.h())),
                a("fill", "#ffffff"),
            ],
        );
        bold_text(
            &mut svg,
            o.x0 + 5.0 * s,
            o.y0 + 14.5 * s,
            11.5 * s,
            &ins.title,
        );
        svg.group("inset-map", &[a("clip-path", "url(#inset-clip)")]);
        view_layers(&mut svg, input, c, plan, &ins.view, Which::Inset, s);
        svg.close("g");
        scale_bar_el(
            &mut svg,
            "inset-scale-bar",
            &ins.scale_bar,
            s,
            None,
            Some(ins.scale_box()),
        );
        svg.leaf(
            "rect",
            &[
                a("x", n1(o.x0)),
                a("y", n1(o.y0)),
                a("width", n1(o.w())),
                a("height", n1(o.h())),
                a("fill", "none"),
                a("stroke", "#333333"),
                a("stroke-width", num(1.4 * s, 2)),
            ],
        );
        svg.close("g");
    }

    // scale bar and north arrow
    let cap = format!("{} on the central meridian", rep_fraction(&view));
    scale_bar_el(
        &mut svg,
        "scale-bar",
        &plan.layout.scale_bar,
        s,
        Some(&cap),
        Some(plan.scale_box),
    );
    let ((fx, fy), rot, nb) = plan.north;
    svg.group("north-arrow", &[]);
    panel(&mut svg, &nb, s);
    let len = (nb.h() - 22.0 * s).max(10.0 * s);
    svg.open(
        "g",
        &[a(
            "transform",
            format!("rotate({} {} {})", num(rot, 2), n1(fx), n1(fy)),
        )],
    );
    svg.leaf(
        "path",
        &[
            a(
                "d",
                format!(
                    "M{} {}L{} {}L{} {}L{} {}Z",
                    n1(fx),
                    n1(fy - len),
                    n1(fx + 5.0 * s),
                    n1(fy),
                    n1(fx),
                    n1(fy - 4.0 * s),
                    n1(fx - 5.0 * s),
                    n1(fy)
                ),
            ),
            a("fill", INK),
        ],
    );
    svg.text_el(
        "text",
        &[
            a("x", n1(fx)),
            a("y", n1(fy - len - 3.0 * s)),
            a("font-size", num(11.0 * s, 1)),
            a("font-weight", "bold"),
            a("text-anchor", "middle"),
            a("fill", INK),
        ],
        "N",
    );
    svg.close("g");
    svg.close("g");

    // title and subtitle
    svg.group("title", &[]);
    let mut y = page.margin + page.title_size * 0.95;
    for l in &page.title_lines {
        bold_text(&mut svg, page.margin, y, page.title_size, l);
        y += page.title_size * 1.2;
    }
    y = page.margin + page.title_lines.len() as f64 * page.title_size * 1.2 + page.sub_size * 1.1;
    svg.close("g");
    svg.group("subtitle", &[]);
    for l in &page.sub_lines {
        svg.text_el(
            "text",
            &[
                a("x", n1(page.margin)),
                a("y", n1(y)),
                a("font-size", num(page.sub_size, 1)),
                a("fill", "#333333"),
            ],
            l,
        );
        y += page.sub_size * 1.4;
    }
    svg.close("g");

    marginal_panel(&mut svg, input, plan, page, fonts, drew);

    // credits and projection under the map
    let fs = page.footer_size;
    let width = f.w();
    svg.group("credits", &[]);
    let credits = "Data: Made with Natural Earth · GeoNames (geonames.org), CC BY 4.0 · GSHHG rivers, LGPL-3.0 (extracted and modified) · Fonts: Noto Sans, SIL OFL 1.1";
    svg.text_el(
        "text",
        &[
            a("x", n1(f.x0)),
            a("y", n1(page.footer_y)),
            a("font-size", num(fs, 1)),
            a("fill", MUTED),
        ],
        &fonts.fit(credits, fs, false, width),
    );
    svg.close("g");
    svg.group("projection", &[]);
    let conv = {
        let (l0, b0) = view.lonlat(f.x0, f.y1);
        let (l1, b1) = view.lonlat(f.x1, f.y1);
        view.proj
            .convergence(l0, b0)
            .abs()
            .max(view.proj.convergence(l1, b1).abs())
    };
    let proj = format!(
        "Projection: transverse Mercator on {:.2}° E, WGS 84, true scale on that meridian · grid north is up; true north differs by up to {:.1}° at the frame's edges (the arrow shows true north)",
        view.proj.lon0, conv
    );
    svg.text_el(
        "text",
        &[
            a("x", n1(f.x0)),
            a("y", n1(page.footer_y + fs * 1.45)),
            a("font-size", num(fs, 1)),
            a("fill", MUTED),
        ],
        &fonts.fit(&proj, fs, false, width),
    );
    svg.close("g");
    svg.close("svg");
    svg.buf
}

/// The dotted ring around a marker whose place a report or a user's file brings.
fn added_ring(svg: &mut Svg, r: &Rect, s: f64) {
    let p = 2.5 * s;
    svg.leaf(
        "rect",
        &[
            a("x", n1(r.x0 - p)),
            a("y", n1(r.y0 - p)),
            a("width", n1(r.w() + 2.0 * p)),
            a("height", n1(r.h() + 2.0 * p)),
            a("rx", n1((r.h() + 2.0 * p) / 2.0)),
            a("fill", "none"),
            a("stroke", "#111111"),
            a("stroke-width", num(1.4 * s, 2)),
            a(
                "stroke-dasharray",
                format!("{} {}", num(1.2 * s, 1), num(2.2 * s, 1)),
            ),
            a("stroke-linecap", "round"),
        ],
    );
}

/// One legend row's sample.
#[derive(Debug, Clone)]
enum Sample {
    Kind(EventKind, bool, bool),
    Look(Look, bool, bool),
    Count,
    Leader,
    AreaTag,
    Added,
    VagueStub,
    Site(SiteSym),
    Circle,
    Area,
    Line,
    Date(bool),
    Border,
    OtherBorder,
    Governorate,
    River,
    Inset,
    DensitySize,
    DensityKind(EventKind),
}

fn draw_sample(svg: &mut Svg, smp: &Sample, x: f64, cy: f64, w: f64, s: f64, sym: f64) {
    let line = |svg: &mut Svg, color: &str, width: f64, dash: Option<String>, x0: f64, x1: f64| {
        let mut at = vec![
            a("d", format!("M{} {}L{} {}", n1(x0), n1(cy), n1(x1), n1(cy))),
            a("stroke", color),
            a("stroke-width", num(width, 2)),
            a("fill", "none"),
        ];
        if let Some(d) = dash {
            at.push(a("stroke-dasharray", d));
        }
        svg.leaf("path", &at);
    };
    let arrow = |svg: &mut Svg, color: &str, fill: &str, x1: f64| {
        let h = 9.0 * s;
        svg.leaf(
            "path",
            &[
                a(
                    "d",
                    format!(
                        "M{} {}L{} {}L{} {}Z",
                        n1(x1),
                        n1(cy),
                        n1(x1 - h),
                        n1(cy - 4.0 * s),
                        n1(x1 - h),
                        n1(cy + 4.0 * s)
                    ),
                ),
                a("fill", fill),
                a("stroke", color),
                a("stroke-width", num(1.0 * s, 2)),
            ],
        );
    };
    match smp {
        Sample::Kind(k, point, lineb) => {
            if *point {
                event_symbol(svg, *k, Status::Reported, x + sym / 2.0, cy, sym, s);
            }
            if *lineb {
                let x0 = x + sym + 4.0 * s;
                line(svg, kind_color(*k), 2.4 * s, None, x0, x + w - 8.0 * s);
                arrow(svg, kind_color(*k), kind_color(*k), x + w);
            }
        }
        Sample::Look(look, point, lineb) => {
            if *point {
                event_symbol(
                    svg,
                    EventKind::Presence,
                    look.status(),
                    x + sym / 2.0,
                    cy,
                    sym,
                    s,
                );
            }
            if *lineb {
                let x0 = x + sym + 4.0 * s;
                let (color, dash) = match look {
                    Look::Reported => ("#444444", None),
                    Look::Hedged => (
                        "#444444",
                        Some(format!("{} {}", num(7.0 * s, 1), num(4.0 * s, 1))),
                    ),
                    Look::Denied => (
                        DENIED,
                        Some(format!("{} {}", num(3.0 * s, 1), num(3.0 * s, 1))),
                    ),
                };
                line(svg, color, 2.4 * s, dash, x0, x + w - 8.0 * s);
                arrow(
                    svg,
                    color,
                    if *look == Look::Hedged {
                        "#ffffff"
                    } else {
                        color
                    },
                    x + w,
                );
            }
        }
        Sample::Count => {
            event_symbol(
                svg,
                EventKind::Presence,
                Status::Reported,
                x + sym / 2.0,
                cy,
                sym,
                s,
            );
            bold_text(svg, x + sym + 0.8 * s, cy + 1.5 * s, 9.5 * s, "3");
        }
        Sample::Leader => {
            svg.leaf(
                "circle",
                &[
                    a("cx", n1(x + 2.0 * s)),
                    a("cy", n1(cy + 4.0 * s)),
                    a("r", num(1.8 * s, 2)),
                    a("fill", "#333333"),
                ],
            );
            svg.leaf(
                "path",
                &[
                    a(
                        "d",
                        format!(
                            "M{} {}L{} {}",
                            n1(x + 2.0 * s),
                            n1(cy + 4.0 * s),
                            n1(x + w - sym),
                            n1(cy)
                        ),
                    ),
                    a("stroke", "#333333"),
                    a("stroke-width", num(0.9 * s, 2)),
                    a("fill", "none"),
                ],
            );
            event_symbol(
                svg,
                EventKind::Presence,
                Status::Reported,
                x + w - sym / 2.0,
                cy,
                sym,
                s,
            );
        }
        Sample::Added => {
            let r = Rect::new(x, cy - sym / 2.0, x + sym, cy + sym / 2.0);
            event_symbol(
                svg,
                EventKind::Presence,
                Status::Reported,
                x + sym / 2.0,
                cy,
                sym,
                s,
            );
            added_ring(svg, &r, s);
        }
        Sample::AreaTag => {
            let p = 3.0 * s;
            svg.leaf(
                "rect",
                &[
                    a("x", n1(x)),
                    a("y", n1(cy - sym / 2.0 - p)),
                    a("width", n1(sym + 2.0 * p)),
                    a("height", n1(sym + 2.0 * p)),
                    a("rx", num(3.0 * s, 1)),
                    a("fill", "#ffffff"),
                    a("stroke", "#8d6e63"),
                    a("stroke-width", num(1.0 * s, 2)),
                    a(
                        "stroke-dasharray",
                        format!("{} {}", num(3.0 * s, 1), num(2.0 * s, 1)),
                    ),
                ],
            );
            event_symbol(
                svg,
                EventKind::Presence,
                Status::Reported,
                x + p + sym / 2.0,
                cy,
                sym,
                s,
            );
        }
        Sample::VagueStub => {
            line(
                svg,
                "#444444",
                2.0 * s,
                Some(format!("{} {}", num(1.0 * s, 1), num(3.5 * s, 1))),
                x,
                x + w / 2.0,
            );
            line(svg, "#444444", 2.4 * s, None, x + w / 2.0, x + w - 8.0 * s);
            arrow(svg, "#444444", "#444444", x + w);
        }
        Sample::Site(k) => {
            for (tag, attrs) in k.elements(x + sym / 2.0, cy, s) {
                svg.leaf(tag, &attrs);
            }
        }
        Sample::Circle => {
            svg.leaf(
                "circle",
                &[
                    a("cx", n1(x + 9.0 * s)),
                    a("cy", n1(cy)),
                    a("r", num(8.0 * s, 2)),
                    a("fill", "#8d6e63"),
                    a("fill-opacity", "0.07"),
                    a("stroke", "#8d6e63"),
                    a("stroke-width", num(1.0 * s, 2)),
                    a(
                        "stroke-dasharray",
                        format!("{} {}", num(3.0 * s, 1), num(2.0 * s, 1)),
                    ),
                ],
            );
        }
        Sample::Line => {
            svg.leaf(
                "rect",
                &[
                    a("x", n1(x)),
                    a("y", n1(cy - 6.0 * s)),
                    a("width", n1(w)),
                    a("height", n1(12.0 * s)),
                    a("fill", "url(#hatch-band)"),
                ],
            );
            line(svg, "#555555", 6.0 * s, None, x + 3.0 * s, x + w - 3.0 * s);
        }
        Sample::Date(marked) => {
            let size = 10.5 * s;
            let mut tx = x;
            if *marked {
                event_symbol(
                    svg,
                    EventKind::Presence,
                    Status::Reported,
                    x + size * 0.42,
                    cy,
                    size * 0.85,
                    s * 0.8,
                );
                tx += size * 1.1;
            }
            svg.text_el(
                "text",
                &[
                    a("x", n1(tx)),
                    a("y", n1(cy + size * 0.36)),
                    a("font-size", num(size, 1)),
                    a("fill", "#333333"),
                ],
                "5 Dec",
            );
        }
        Sample::Area => {
            let (y0, hh, b) = (cy - 7.0 * s, 14.0 * s, 5.0 * s);
            svg.leaf(
                "rect",
                &[
                    a("x", n1(x)),
                    a("y", n1(y0)),
                    a("width", n1(w)),
                    a("height", n1(hh)),
                    a("fill", "url(#hatch-band)"),
                ],
            );
            svg.leaf(
                "rect",
                &[
                    a("x", n1(x + b)),
                    a("y", n1(y0 + b)),
                    a("width", n1(w - 2.0 * b)),
                    a("height", n1(hh - 2.0 * b)),
                    a("fill", "#ffffff"),
                ],
            );
            svg.leaf(
                "rect",
                &[
                    a("x", n1(x + 1.5 * s)),
                    a("y", n1(y0 + 1.5 * s)),
                    a("width", n1(w - 3.0 * s)),
                    a("height", n1(hh - 3.0 * s)),
                    a("fill", "none"),
                    a("stroke", "#555555"),
                    a("stroke-width", num(3.0 * s, 2)),
                ],
            );
        }
        Sample::Border => {
            line(svg, "#e8b4ae", 8.0 * s, None, x, x + w);
            line(
                svg,
                "#6d1a1a",
                2.0 * s,
                Some(format!(
                    "{} {} {} {}",
                    num(10.0 * s, 1),
                    num(3.0 * s, 1),
                    num(2.0 * s, 1),
                    num(3.0 * s, 1)
                )),
                x,
                x + w,
            );
        }
        Sample::OtherBorder => line(svg, "#9a9a94", 0.8 * s, None, x, x + w),
        Sample::Governorate => line(
            svg,
            "#b9b1a5",
            0.8 * s,
            Some(format!("{} {}", num(4.0 * s, 1), num(2.5 * s, 1))),
            x,
            x + w,
        ),
        Sample::River => line(svg, "#7aaedb", 2.0 * s, None, x, x + w),
        Sample::DensitySize => {
            for (i, r) in [1.6, 3.0, 5.0].iter().enumerate() {
                svg.leaf(
                    "circle",
                    &[
                        a("cx", n1(x + 4.0 * s + i as f64 * 11.0 * s)),
                        a("cy", n1(cy)),
                        a("r", num(r * s, 1)),
                        a("fill", "#777777"),
                    ],
                );
            }
        }
        Sample::DensityKind(k) => {
            svg.leaf(
                "circle",
                &[
                    a("cx", n1(x + 9.0 * s)),
                    a("cy", n1(cy)),
                    a("r", num(4.5 * s, 1)),
                    a("fill", kind_color(*k)),
                    a("fill-opacity", "0.85"),
                ],
            );
        }
        Sample::Inset => {
            svg.leaf(
                "rect",
                &[
                    a("x", n1(x + 4.0 * s)),
                    a("y", n1(cy - 6.0 * s)),
                    a("width", n1(14.0 * s)),
                    a("height", n1(12.0 * s)),
                    a("fill", "none"),
                    a("stroke", INK),
                    a("stroke-width", num(1.2 * s, 2)),
                ],
            );
        }
    }
}

fn marginal_panel(
    svg: &mut Svg,
    input: &MapInput<'_, '_>,
    plan: &Plan,
    page: &Page,
    fonts: &Fonts,
    drew: Basemap,
) {
    let s = page.s;
    let p = page.panel;
    let sh = &plan.shown;
    let fs = 11.0 * s;
    let head = 12.5 * s;
    let row = 18.0 * s;
    let sample_w = 40.0 * s;
    let mut y = p.y0 + head;

    // the legend: only what the map shows
    svg.group("legend", &[]);
    bold_text(svg, p.x0, y, head, "Legend");
    y += 6.0 * s;
    let mut sections: Vec<(&str, Vec<(Sample, String)>)> = Vec::new();
    let kinds: BTreeSet<EventKind> = sh.point_kinds.union(&sh.line_kinds).copied().collect();
    let mut ev_rows: Vec<(Sample, String)> = kinds
        .iter()
        .map(|k| {
            (
                Sample::Kind(*k, sh.point_kinds.contains(k), sh.line_kinds.contains(k)),
                k.as_str().to_string(),
            )
        })
        .collect();
    let any_line = !sh.line_kinds.is_empty();
    for look in [Look::Reported, Look::Hedged, Look::Denied] {
        let pt = sh.looks.contains(&look);
        let ln = sh.line_looks.contains(&look);
        if !(pt || ln) {
            continue;
        }
        let words = match look {
            Look::Reported => "reported (filled, solid)",
            Look::Hedged => "planned or considered (hollow, dashed)",
            Look::Denied => "denied (grey, struck out)",
        };
        ev_rows.push((Sample::Look(look, pt, ln), words.to_string()));
    }
    if sh.counts {
        ev_rows.push((Sample::Count, "number of events of that kind".into()));
    }
    if sh.added {
        ev_rows.push((
            Sample::Added,
            "place from a report or a user file (dotted ring)".into(),
        ));
    }
    if sh.area_tags {
        ev_rows.push((
            Sample::AreaTag,
            "located only to an area or a line: tagged on its edge".into(),
        ));
    }
    if sh.date_marks {
        ev_rows.push((
            Sample::Date(true),
            "date, after a copy of its symbol if several".into(),
        ));
    } else if sh.dates {
        ev_rows.push((
            Sample::Date(false),
            "date, beside its symbol or arrow".into(),
        ));
    }
    if sh.leaders {
        ev_rows.push((Sample::Leader, "moved aside from its place".into()));
    }
    if sh.vague_stubs {
        ev_rows.push((
            Sample::VagueStub,
            "from or to an area or a country only (dotted)".into(),
        ));
    }
    let title = if any_line && !sh.point_kinds.is_empty() {
        "Events (symbol at a place; arrow: movement)"
    } else if any_line {
        "Movements"
    } else {
        "Events"
    };
    if !ev_rows.is_empty() {
        sections.push((title, ev_rows));
    }
    if let Some(d) = &sh.density {
        let mut rows: Vec<(Sample, String)> = vec![(
            Sample::DensitySize,
            format!(
                "dot area: events within about {} km (1 to {} per dot)",
                thousands(d.bin_km.max(1.0)),
                thousands(d.max as f64)
            ),
        )];
        for k in &d.kinds {
            rows.push((
                Sample::DensityKind(*k),
                format!("most events of a dot: {}", k.as_str()),
            ));
        }
        sections.push(("Event density", rows));
    }
    let mut places: Vec<(Sample, String)> = sh
        .site_syms
        .iter()
        .map(|k| (Sample::Site(*k), k.describe().to_string()))
        .collect();
    if plan.inset.is_some() {
        places.push((Sample::Inset, "enlarged in inset A".into()));
    }
    if !places.is_empty() {
        sections.push(("Places", places));
    }
    let mut unc = Vec::new();
    if sh.circles {
        unc.push((Sample::Circle, "radius of a place's uncertainty".into()));
    }
    if sh.areas {
        unc.push((
            Sample::Area,
            "the area named: its edge in the kind's colour".into(),
        ));
    }
    if sh.lines {
        unc.push((
            Sample::Line,
            "along the border or between two places".into(),
        ));
    }
    if !unc.is_empty() {
        sections.push(("Location uncertainty", unc));
    }
    let mut base = Vec::new();
    if drew.border {
        base.push((Sample::Border, "Iraq–Syria border".to_string()));
    }
    if drew.countries > 0 {
        base.push((Sample::OtherBorder, "other borders".to_string()));
    }
    if drew.governorates {
        base.push((Sample::Governorate, "governorates".to_string()));
    }
    if drew.rivers {
        base.push((Sample::River, "river".to_string()));
    }
    if !base.is_empty() {
        sections.push(("Basemap", base));
    }
    let col_w = (p.w() - 8.0 * s) / 2.0;
    for (title, rows) in &sections {
        y += row * 0.95;
        svg.text_el(
            "text",
            &[
                a("x", n1(p.x0)),
                a("y", n1(y)),
                a("font-size", num(fs, 1)),
                a("font-weight", "bold"),
                a("fill", "#333333"),
            ],
            title,
        );
        y += 4.0 * s;
        // short entries two to a line, long ones alone
        let mut col = 0;
        for (smp, words) in rows {
            let long = fonts.width(words, fs, false) > col_w - sample_w - 8.0 * s;
            if long && col == 1 {
                col = 0;
            }
            if col == 0 {
                y += row;
            }
            let x = p.x0 + col as f64 * (col_w + 8.0 * s);
            draw_sample(svg, smp, x, y - 4.0 * s, sample_w, s, plan.sym * 0.92);
            let avail = if long {
                p.w() - sample_w - 6.0 * s
            } else {
                col_w - sample_w - 6.0 * s
            };
            svg.text_el(
                "text",
                &[
                    a("x", n1(x + sample_w + 6.0 * s)),
                    a("y", n1(y)),
                    a("font-size", num(fs, 1)),
                    a("fill", INK),
                ],
                &fonts.fit(words, fs, false, avail),
            );
            col = if long { 0 } else { (col + 1) % 2 };
            if long {
                col = 0;
            }
        }
    }
    svg.close("g");

    // sources with their grades
    y += row * 1.3;
    svg.group("sources", &[]);
    bold_text(svg, p.x0, y, head, "Sources");
    y += 14.0 * s;
    svg.text_el(
        "text",
        &[
            a("x", n1(p.x0)),
            a("y", n1(y)),
            a("font-size", num(9.5 * s, 1)),
            a("fill", MUTED),
        ],
        &fonts.fit(
            "Admiralty grading: source reliability A–F, information credibility 1–6",
            9.5 * s,
            false,
            p.w(),
        ),
    );
    let reports = &input.scene.stats.sources;
    let n_sources = reports.len();
    let notes_min = 70.0 * s;
    for (i, stat) in reports.values().enumerate() {
        let src = &stat.source;
        let g: Vec<&String> = stat.grades.iter().collect();
        let grade = match (g.first(), g.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        if y + 30.0 * s > p.y1 - notes_min {
            let more = n_sources - i;
            y += 14.0 * s;
            svg.text_el(
                "text",
                &[
                    a("x", n1(p.x0)),
                    a("y", n1(y)),
                    a("font-size", num(fs, 1)),
                    a("fill", MUTED),
                ],
                &format!(
                    "… and {more} more source{} (see events.geojson)",
                    if more == 1 { "" } else { "s" }
                ),
            );
            break;
        }
        y += 16.0 * s;
        let line1 = match src.published {
            Some(p) => format!(
                "{} · {} · {} · events {}",
                src.reliability,
                src.publisher,
                day(p),
                grade
            ),
            None => format!(
                "{} · {} · {} event{} · {}",
                src.reliability,
                src.publisher,
                thousands(stat.events as f64),
                if stat.events == 1 { "" } else { "s" },
                grade
            ),
        };
        bold_text(svg, p.x0, y, fs, &fonts.fit(&line1, fs, true, p.w()));
        for l in fonts.wrap(&src.title, 10.0 * s, false, p.w() - 10.0 * s, 2) {
            y += 13.0 * s;
            svg.text_el(
                "text",
                &[
                    a("x", n1(p.x0 + 10.0 * s)),
                    a("y", n1(y)),
                    a("font-size", num(10.0 * s, 1)),
                    a("fill", "#444444"),
                ],
                &l,
            );
        }
    }
    svg.close("g");

    // what the map does not show
    svg.group("not-shown", &[]);
    let mut lines: Vec<(String, bool)> = Vec::new();
    if !plan.outside.is_empty() {
        lines.push(("Outside the map".to_string(), true));
        for (place, words) in &plan.outside {
            lines.push((format!("{place}: {words}"), false));
        }
    }
    if !plan.vague.is_empty() {
        lines.push(("Located only to a country".to_string(), true));
        for (place, words) in &plan.vague {
            lines.push((format!("{place}: {words}"), false));
        }
    }
    if !plan.undated.is_empty() {
        lines.push(("Drawn; no room for the date beside them".to_string(), true));
        for (place, words) in &plan.undated {
            lines.push((format!("{place}: {words}"), false));
        }
    }
    if !lines.is_empty() {
        y += row * 1.3;
        bold_text(svg, p.x0, y, head, "Not drawn on this map");
        let lh = 13.5 * s;
        let fsn = 10.0 * s;
        let mut wrapped: Vec<(String, bool, bool)> = Vec::new();
        for (t, h) in &lines {
            if *h {
                wrapped.push((t.clone(), true, false));
            } else {
                for (j, l) in fonts
                    .wrap(t, fsn, false, p.w() - 10.0 * s, 2)
                    .into_iter()
                    .enumerate()
                {
                    wrapped.push((l, false, j > 0));
                }
            }
        }
        let room = ((p.y1 - y) / lh).floor().max(0.0) as usize;
        let cut = wrapped.len() > room;
        let keep = if cut {
            room.saturating_sub(1)
        } else {
            wrapped.len()
        };
        for (t, h, cont) in wrapped.iter().take(keep) {
            y += lh;
            let x = p.x0
                + if *h {
                    0.0
                } else if *cont {
                    18.0 * s
                } else {
                    8.0 * s
                };
            let mut at = vec![
                a("x", n1(x)),
                a("y", n1(y)),
                a("font-size", num(if *h { fs } else { fsn }, 1)),
                a("fill", if *h { "#333333" } else { INK }),
            ];
            if *h {
                at.push(a("font-weight", "bold"));
            }
            svg.text_el("text", &at, t);
        }
        if cut {
            y += lh;
            let rest = wrapped.len() - keep;
            svg.text_el(
                "text",
                &[
                    a("x", n1(p.x0 + 8.0 * s)),
                    a("y", n1(y)),
                    a("font-size", num(fsn, 1)),
                    a("fill", MUTED),
                ],
                &format!(
                    "… {rest} more line{} (all events are in events.geojson)",
                    if rest == 1 { "" } else { "s" }
                ),
            );
        }
    }
    svg.close("g");
}

/// The paint of an event kind and look on an area's edge or along a line: colour, dashes.
fn look_stroke(kind: EventKind, look: Look, s: f64) -> (&'static str, Option<String>) {
    match look {
        Look::Reported => (kind_color(kind), None),
        Look::Hedged => (
            kind_color(kind),
            Some(format!("{} {}", num(7.0 * s, 1), num(4.0 * s, 1))),
        ),
        Look::Denied => (
            DENIED,
            Some(format!("{} {}", num(3.0 * s, 1), num(3.0 * s, 1))),
        ),
    }
}

/// The id of the hatching in an event kind's colour (grey for what is denied).
fn hatch_id(kind: EventKind, look: Look) -> String {
    if look == Look::Denied {
        "hatch-denied".into()
    } else {
        format!("hatch-{}", kind.as_str())
    }
}

/// One area or line of events: an area's edge in a band per kind and look (concentric, inward)
/// over a hatched inner band in the first kind's colour; a line as a band along it per kind and
/// look (one inside the other) over its hatched buffer, the width its place is known to.
/// For each event area, the index of its first band among the lines it runs together with
/// (the border's own stretch, the strip along it and the whole border share one sequence of
/// widths, so that each keeps a band of its own); 0 for areas.
fn line_bases(c: &Content) -> Vec<usize> {
    let lines: Vec<Option<&geo::LineString<f64>>> = c
        .areas
        .iter()
        .map(|ea| ea.spot.line().map(|l| &**l))
        .collect();
    let mut bases = vec![0; c.areas.len()];
    for i in 0..c.areas.len() {
        let Some(li) = lines[i] else { continue };
        // the bands taken by earlier lines that run along this one
        let taken: usize = (0..i)
            .filter(|&j| lines[j].is_some_and(|lj| run_together(li, lj)))
            .map(|j| bases[j] + c.areas[j].looks.len())
            .max()
            .unwrap_or(0);
        bases[i] = taken;
    }
    bases
}

/// Whether two lines run together: a third or more of either's vertices lie within about 2 km
/// of the other.
fn run_together(a: &geo::LineString<f64>, b: &geo::LineString<f64>) -> bool {
    let near = |p: &geo::LineString<f64>, q: &geo::LineString<f64>| {
        let n = p.0.len().max(1);
        let hits =
            p.0.iter()
                .filter(|c| {
                    super::nearest_on_line(q, (c.x, c.y))
                        .is_some_and(|m| crate::geom::plane_km((c.x, c.y), m) < 2.0)
                })
                .count();
        hits * 3 >= n
    };
    near(a, b) || near(b, a)
}

#[allow(clippy::too_many_arguments)]
fn event_area(
    svg: &mut Svg,
    view: &View,
    ea: &super::EventArea,
    pre: &str,
    s: f64,
    base: usize,
    // the main map: tints, hatching and a line's width; the inset shows the edges and lines
    hatched: bool,
) {
    let Some(&(k0, l0)) = ea.looks.first() else {
        return;
    };
    let id = format!(
        "{pre}event-area-{}",
        sanitize(ea.spot.key.split('@').next().unwrap_or(&ea.spot.key))
    );
    let band = 3.2 * s;
    // the area, or the line's buffer, clipped well outside the frame so that no clipped edge
    // shows a band
    let (poly, line) = match &ea.spot.uncertainty {
        Uncertainty::Area(mp) => (Some(mp), None),
        Uncertainty::Along { line, area, .. } => (Some(area), Some(line)),
        Uncertainty::Circle { .. } => (None, None),
    };
    let parts = poly.map_or_else(Vec::new, |mp| {
        project_polygons_in(view, mp, s, view.frame.grow(40.0 * s))
    });
    let lparts = line.map_or_else(Vec::new, |l| {
        project_line(view, l.0.iter().map(|c| (c.x, c.y)), s)
    });
    if parts.is_empty() && lparts.is_empty() {
        return;
    }
    svg.group(&id, &[a("data-place", &ea.spot.name)]);
    if !parts.is_empty() && line.is_none() {
        let d = path_data(&parts, true);
        svg.open("clipPath", &[a("id", format!("{id}-clip"))]);
        svg.leaf("path", &[a("d", d.clone()), a("clip-rule", "evenodd")]);
        svg.close("clipPath");
        let clip = format!("url(#{id}-clip)");
        // a tint and a hatched band inside the edge (on the main map: the inset is for places)
        if hatched {
            svg.leaf(
                "path",
                &[
                    a("d", d.clone()),
                    a("fill", kind_color(k0)),
                    a("fill-opacity", "0.04"),
                    a("fill-rule", "evenodd"),
                    a("stroke", format!("url(#{})", hatch_id(k0, l0))),
                    a("stroke-width", num(18.0 * s, 2)),
                    a("clip-path", clip.clone()),
                ],
            );
        }
        // the edge: one band per kind and look, the first outermost (half of each stroke
        // falls outside the clip)
        bands(
            svg,
            &d,
            &ea.looks,
            s,
            |i| 2.0 * band * (i + 1) as f64,
            &[a("clip-path", clip)],
        );
    }
    if hatched && !parts.is_empty() && line.is_some() {
        // the width the place is known to along its line: a faint tint, a dashed edge
        svg.leaf(
            "path",
            &[
                a("d", path_data(&parts, true)),
                a("fill", kind_color(k0)),
                a("fill-opacity", "0.06"),
                a("fill-rule", "evenodd"),
                a("stroke", kind_color(k0)),
                a("stroke-opacity", "0.55"),
                a("stroke-width", num(0.8 * s, 2)),
                a(
                    "stroke-dasharray",
                    format!("{} {}", num(3.0 * s, 1), num(2.0 * s, 1)),
                ),
            ],
        );
    }
    if !lparts.is_empty() {
        // along the line: one band per kind and look, the first innermost
        let d = path_data(&lparts, false);
        bands(
            svg,
            &d,
            &ea.looks,
            s,
            |i| (6.0 + 5.0 * (base + i) as f64) * s,
            &[a("stroke-opacity", "0.75"), a("stroke-linecap", "round")],
        );
    }
    svg.close("g");
}

/// One stroke of path `d` per kind and look, the last (widest) first, so that each shows as a
/// band round the one before it.
fn bands(
    svg: &mut Svg,
    d: &str,
    looks: &[(EventKind, Look)],
    s: f64,
    width: impl Fn(usize) -> f64,
    more: &[(&'static str, String)],
) {
    for (i, (k, lk)) in looks.iter().enumerate().rev() {
        let (color, dash) = look_stroke(*k, *lk, s);
        let mut at = vec![
            a("d", d),
            a("fill", "none"),
            a("stroke", color),
            a("stroke-width", num(width(i), 2)),
            a("stroke-linejoin", "round"),
        ];
        at.extend(more.iter().cloned());
        if let Some(ds) = dash {
            at.push(a("stroke-dasharray", ds));
        }
        svg.leaf("path", &at);
    }
}

/// A pattern of diagonal hatching in `color`.
fn hatch_pattern(svg: &mut Svg, id: &str, color: &str, s: f64) {
    svg.open(
        "pattern",
        &[
            a("id", id),
            a("patternUnits", "userSpaceOnUse"),
            a("width", num(4.0 * s, 2)),
            a("height", num(4.0 * s, 2)),
            a("patternTransform", "rotate(45)"),
        ],
    );
    svg.leaf(
        "line",
        &[
            a("x1", "0"),
            a("y1", "0"),
            a("x2", "0"),
            a("y2", num(4.0 * s, 2)),
            a("stroke", color),
            a("stroke-width", num(1.2 * s, 2)),
            a("stroke-opacity", "0.55"),
        ],
    );
    svg.close("pattern");
}

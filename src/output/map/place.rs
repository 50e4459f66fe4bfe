//! Placement: the inset for the crowded spot, event markers (moved aside on a leader line when
//! their place is taken), site symbols (dropped when their place is taken), movement lines, and
//! labels by priority — cities, event sites, crossings, towns, then rivers and countries — each
//! tried at several positions around its symbol and dropped when none is free.

use std::collections::{BTreeMap, BTreeSet};

use geo::Contains;

use super::clip::{self, Rect};
use super::marginalia::Page;
use super::symbols::SiteSym;
use super::text::{has_arabic, Fonts};
use super::{Content, Layout, Location, Look, MapInput, Placed, ScaleBar, Spot, View};
use crate::event::EventKind;
use crate::gazetteer::SiteKind;
use crate::resolve::Uncertainty;

/// Which view an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Main,
    Inset,
}

/// An event marker: a row of kind symbols at (or led away from) a place.
#[derive(Debug, Clone)]
pub struct Marker {
    pub loc: usize,
    pub which: Which,
    pub rect: Rect,
    /// (kind, look, count, centre x, centre y).
    pub slots: Vec<(EventKind, Look, usize, f64, f64)>,
    /// The place's true position, when the marker was moved away from it.
    pub leader: Option<(f64, f64)>,
    pub area: bool,
}

/// A site symbol.
#[derive(Debug, Clone)]
pub struct Dot {
    pub site: usize,
    pub which: Which,
    pub sym: SiteSym,
    pub at: (f64, f64),
    pub rect: Rect,
    /// The site's true position, when the symbol was moved away from it.
    pub leader: Option<(f64, f64)>,
}

/// One line of a label.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub size: f64,
    pub bold: bool,
    pub color: &'static str,
    pub spacing: f64,
    /// A line of dates, one group per symbol of a marker: each group's small copy of its
    /// symbol and its words, at x offsets from the line's start (`text` holds the words
    /// joined, for tests and search). Empty for plain text.
    pub marks: Vec<Mark>,
    /// The line's width when it carries marks.
    pub width: Option<f64>,
}

/// A small copy of an event symbol in a line of dates, and the dates it stands for.
#[derive(Debug, Clone)]
pub struct Mark {
    pub kind: EventKind,
    pub look: Look,
    /// Offset of the symbol's centre from the line's start.
    pub x: f64,
    /// Offset of the words from the line's start, and the words.
    pub text_x: f64,
    pub text: String,
}

impl Line {
    /// A line of plain text.
    pub fn plain(text: impl Into<String>, size: f64, bold: bool, color: &'static str) -> Line {
        Line {
            text: text.into(),
            size,
            bold,
            color,
            spacing: 0.0,
            marks: Vec::new(),
            width: None,
        }
    }
}

/// A placed label.
#[derive(Debug, Clone)]
pub struct Label {
    pub lines: Vec<Line>,
    pub rect: Rect,
    /// "start", "middle" or "end".
    pub anchor: &'static str,
    pub x: f64,
    /// Baselines, one per line.
    pub ys: Vec<f64>,
    pub which: Which,
    pub what: String,
}

/// A movement as drawn in one view.
#[derive(Debug, Clone)]
pub struct MoveGeom {
    pub mv: usize,
    pub which: Which,
    /// Firm parts (through known places), clipped.
    pub firm: Vec<Vec<(f64, f64)>>,
    /// Parts toward a place known only to a country, clipped.
    pub vague: Vec<Vec<(f64, f64)>>,
    /// Arrowhead: tip and unit direction.
    pub arrow: Option<((f64, f64), (f64, f64))>,
    /// Where the "from/to COUNTRY" words go, and the words.
    pub stub_label: Option<((f64, f64), String)>,
}

/// The inset: its view, the main-map area it enlarges, and its title.
#[derive(Debug, Clone)]
pub struct Inset {
    pub view: View,
    /// The whole inset box (title bar and map).
    pub outer: Rect,
    /// The area it enlarges, on the main map.
    pub covers: Rect,
    pub title: String,
    pub scale_bar: ScaleBar,
    /// Type scale of the page.
    pub s: f64,
}

/// What the map shows, for the legend.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub point_kinds: BTreeSet<EventKind>,
    pub line_kinds: BTreeSet<EventKind>,
    pub looks: BTreeSet<Look>,
    pub line_looks: BTreeSet<Look>,
    pub site_syms: BTreeSet<SiteSym>,
    pub circles: bool,
    /// An area drawn with its edge in an event kind's colour.
    pub areas: bool,
    /// A line (a stretch of border, a segment between two places) drawn in a kind's colour.
    pub lines: bool,
    pub area_tags: bool,
    /// Date labels, and date lines with small symbols.
    pub dates: bool,
    pub date_marks: bool,
    /// A marker of a place a report or a user's file brings.
    pub added: bool,
    pub vague_stubs: bool,
    pub leaders: bool,
    pub counts: bool,
    pub governorates: bool,
    pub rivers: bool,
    /// When events are drawn as density: what its legend says.
    pub density: Option<DensityLegend>,
}

/// The legend of a density map.
#[derive(Debug, Clone, Default)]
pub struct DensityLegend {
    pub total: u64,
    /// Events in the busiest dot.
    pub max: u64,
    /// Size of a dot's bin, km (roughly).
    pub bin_km: f64,
    /// The kinds some dot is coloured by.
    pub kinds: BTreeSet<EventKind>,
}

/// One dot of a density map: page position, radius, the commonest kind, events.
#[derive(Debug, Clone)]
pub struct DensityDot {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub kind: EventKind,
    pub n: u64,
}

/// Bins the content's density cells on the main view's page: one dot per square of `bin`
/// px, its area proportional to its events, coloured by its commonest kind.
fn density_dots(view: &View, c: &Content, s: f64) -> (Vec<DensityDot>, Option<DensityLegend>) {
    if c.cells.is_empty() {
        return (Vec::new(), None);
    }
    let bin = 9.0 * s;
    let f = view.frame;
    let mut bins: BTreeMap<(i64, i64), Vec<u64>> = BTreeMap::new();
    let mut total = 0u64;
    for cell in &c.cells {
        let Some((x, y)) = view.px(cell.lon, cell.lat) else {
            continue;
        };
        if !f.contains((x, y)) {
            continue;
        }
        let key = (
            ((x - f.x0) / bin).floor() as i64,
            ((y - f.y0) / bin).floor() as i64,
        );
        let v = bins
            .entry(key)
            .or_insert_with(|| vec![0; EventKind::ALL.len()]);
        for (a, b) in v.iter_mut().zip(&cell.counts) {
            *a += *b as u64;
            total += *b as u64;
        }
    }
    let max = bins
        .values()
        .map(|v| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    if max == 0 {
        return (Vec::new(), None);
    }
    let mut legend = DensityLegend {
        total,
        max,
        bin_km: view.km_per_px_at((f.x0 + f.x1) / 2.0, (f.y0 + f.y1) / 2.0) * bin,
        kinds: BTreeSet::new(),
    };
    let mut dots = Vec::new();
    for ((bx, by), v) in bins {
        let n: u64 = v.iter().sum();
        let ki = v
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            .map_or(0, |x| x.0);
        let kind = EventKind::ALL[ki];
        legend.kinds.insert(kind);
        dots.push(DensityDot {
            x: f.x0 + (bx as f64 + 0.5) * bin,
            y: f.y0 + (by as f64 + 0.5) * bin,
            r: (bin * 0.62 * (n as f64 / max as f64).sqrt()).max(1.1 * s),
            kind,
            n,
        });
    }
    (dots, Some(legend))
}

/// Everything placed, ready to draw.
pub struct Plan {
    pub layout: Layout,
    pub markers: Vec<Marker>,
    pub dots: Vec<Dot>,
    pub labels: Vec<Label>,
    pub moves: Vec<MoveGeom>,
    pub inset: Option<Inset>,
    /// North arrow: foot position, rotation (degrees clockwise), box.
    pub north: ((f64, f64), f64, Rect),
    pub scale_box: Rect,
    pub shown: Shown,
    /// (place, words) listed in the margin as outside the frame.
    pub outside: Vec<(String, String)>,
    /// (place, words) listed as located only to a country.
    pub vague: Vec<(String, String)>,
    /// (place, kinds and dates) of drawn events whose date label found no room.
    pub undated: Vec<(String, String)>,
    pub sym: f64,
    /// The density dots (when there are too many events to draw one by one).
    pub density: Vec<DensityDot>,
}

/// A nice round length (1, 2, 5 × 10^k) not above `x`.
pub fn nice_km(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    for m in [5.0, 2.0, 1.0] {
        if m * p <= x {
            return m * p;
        }
    }
    p
}

/// A scale bar of a round length whose px length is true at its own position.
pub fn scale_bar(view: &View, x0: f64, y: f64, max_px: f64) -> ScaleBar {
    let kpp = view.km_per_px_at(x0, y);
    let km = nice_km(max_px * kpp);
    // walk the bar's far end until the geodesic length matches (the scale varies slightly)
    let mut len = km / kpp;
    for _ in 0..4 {
        let a = view.lonlat(x0, y);
        let b = view.lonlat(x0 + len, y);
        let d = crate::border::geodesic_km(a, b);
        if d > 0.0 {
            len *= km / d;
        }
    }
    ScaleBar {
        km,
        x0,
        x1: x0 + len,
        y,
    }
}

struct Occ {
    rects: Vec<Rect>,
    /// Symbol boxes, so that a label is not set nearer another symbol than its own.
    syms: Vec<Rect>,
    /// Line samples in buckets of 32 px, for the cost of covering lines.
    buckets: BTreeMap<(i64, i64), Vec<(f64, f64)>>,
}

impl Occ {
    fn free(&self, r: &Rect) -> bool {
        !self.rects.iter().any(|o| o.overlaps(r))
    }
    fn add_line(&mut self, pts: &[(f64, f64)], step: f64) {
        for w in pts.windows(2) {
            let d = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
            let n = (d / step).ceil().max(1.0) as usize;
            for i in 0..=n {
                let t = i as f64 / n as f64;
                let p = (
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                );
                self.buckets
                    .entry(((p.0 / 32.0).floor() as i64, (p.1 / 32.0).floor() as i64))
                    .or_default()
                    .push(p);
            }
        }
    }
    fn line_cost(&self, r: &Rect) -> usize {
        let mut n = 0;
        for bx in (r.x0 / 32.0).floor() as i64..=(r.x1 / 32.0).floor() as i64 {
            for by in (r.y0 / 32.0).floor() as i64..=(r.y1 / 32.0).floor() as i64 {
                if let Some(v) = self.buckets.get(&(bx, by)) {
                    n += v.iter().filter(|p| r.contains(**p)).count();
                }
            }
        }
        n
    }
}

fn label_lines(
    fonts: &Fonts,
    name: &str,
    name_ar: &str,
    arabic: bool,
    size: f64,
    bold: bool,
    color: &'static str,
) -> Vec<Line> {
    let mut v = vec![Line::plain(name, size, bold, color)];
    let _ = fonts;
    if arabic && !name_ar.trim().is_empty() {
        v.push(Line::plain(name_ar.trim(), size * 0.92, false, color));
    }
    v
}

/// Type size of date lines, relative to the page scale.
const DATE_SIZE: f64 = 10.5;
/// The colour of dates beside symbols.
const DATE_COLOR: &str = "#333333";

/// The line of dates of a marker's events: one group per symbol, in the symbols' order; with
/// more than one symbol each group starts with a small copy of its symbol, so that no date can
/// be read as another symbol's.
fn date_line(fonts: &Fonts, l: &Location, year: bool, s: f64) -> Line {
    let size = DATE_SIZE * s;
    let groups: Vec<((EventKind, Look), String)> = l
        .entries
        .keys()
        .map(|k| {
            let ps = l.dates.get(k).map(Vec::as_slice).unwrap_or(&[]);
            (*k, super::marginalia::whens(ps, year, 3))
        })
        .collect();
    if groups.len() <= 1 {
        let t = groups.into_iter().next().map(|g| g.1).unwrap_or_default();
        return Line::plain(t, size, false, DATE_COLOR);
    }
    let msz = size * 0.85;
    let mut x = 0.0;
    let mut marks = Vec::new();
    let mut words = Vec::new();
    for (i, ((kind, look), t)) in groups.into_iter().enumerate() {
        if i > 0 {
            x += size * 0.7;
        }
        let w = fonts.width(&t, size, false);
        marks.push(Mark {
            kind,
            look,
            x: x + msz / 2.0,
            text_x: x + msz + size * 0.25,
            text: t.clone(),
        });
        x += msz + size * 0.25 + w;
        words.push(t);
    }
    Line {
        text: words.join("  "),
        size,
        bold: false,
        color: DATE_COLOR,
        spacing: 0.0,
        marks,
        width: Some(x),
    }
}

/// Width and height of a label block, and each line's baseline offset from the top.
fn block(fonts: &Fonts, lines: &[Line]) -> (f64, f64, Vec<f64>) {
    let mut w: f64 = 0.0;
    let mut y = 0.0;
    let mut bases = Vec::new();
    for l in lines {
        let n = l.text.chars().count().saturating_sub(1) as f64;
        w = w.max(
            l.width
                .unwrap_or_else(|| fonts.width(&l.text, l.size, l.bold) + n * l.spacing),
        );
        if has_arabic(&l.text) {
            bases.push(y + 0.98 * l.size);
            y += 1.42 * l.size;
        } else {
            bases.push(y + 0.9 * l.size);
            y += 1.18 * l.size;
        }
    }
    (w, y, bases)
}

/// Tries positions around `around` for a label of `lines`; the first free one of least line
/// cost wins.
#[allow(clippy::too_many_arguments)]
fn try_label(
    fonts: &Fonts,
    occ: &Occ,
    area: &Rect,
    avoid: &[Rect],
    around: Rect,
    lines: Vec<Line>,
    gap: f64,
    which: Which,
    what: String,
) -> Option<Label> {
    let (w, h, bases) = block(fonts, &lines);
    let (cx, cy) = ((around.x0 + around.x1) / 2.0, (around.y0 + around.y1) / 2.0);
    let mut cands: Vec<(f64, f64, &'static str)> = Vec::new();
    for far in [0.0, gap * 2.5] {
        let g = gap + far;
        cands.push((around.x1 + g, cy - h / 2.0, "start"));
        cands.push((around.x0 - g - w, cy - h / 2.0, "end"));
        cands.push((cx - w / 2.0, around.y0 - g - h, "middle"));
        cands.push((cx - w / 2.0, around.y1 + g, "middle"));
        cands.push((around.x1 + g * 0.6, around.y0 - h + g * 0.4, "start"));
        cands.push((around.x1 + g * 0.6, around.y1 - g * 0.4, "start"));
        cands.push((around.x0 - g * 0.6 - w, around.y0 - h + g * 0.4, "end"));
        cands.push((around.x0 - g * 0.6 - w, around.y1 - g * 0.4, "end"));
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, (x, y, _)) in cands.iter().enumerate() {
        let r = Rect::xywh(*x, *y, w, h);
        if !area.contains_rect(&r) || !occ.free(&r) || avoid.iter().any(|a| a.overlaps(&r)) {
            continue;
        }
        // a candidate far out is worth taking only if it crosses clearly fewer lines
        let own = rect_dist(&r, &around);
        let confusing = occ
            .syms
            .iter()
            .filter(|o| **o != around && rect_dist(&r, o) + 1.0 < own)
            .count();
        let cost = occ.line_cost(&r) / 3 + if i >= 8 { 8 } else { i } + 12 * confusing;
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, i));
        }
    }
    let (_, i) = best?;
    let (x, y, anchor) = cands[i];
    let rect = Rect::xywh(x, y, w, h);
    let tx = match anchor {
        "start" => x,
        "end" => x + w,
        _ => x + w / 2.0,
    };
    Some(Label {
        lines,
        rect,
        anchor,
        x: tx,
        ys: bases.iter().map(|b| y + b).collect(),
        which,
        what,
    })
}

fn rect_dist(a: &Rect, b: &Rect) -> f64 {
    let dx = (b.x0 - a.x1).max(a.x0 - b.x1).max(0.0);
    let dy = (b.y0 - a.y1).max(a.y0 - b.y1).max(0.0);
    dx.hypot(dy)
}

fn site_priority(kind: Option<SiteKind>, is_event: bool) -> u8 {
    match (kind, is_event) {
        (Some(SiteKind::City), _) => 0,
        (_, true) => 1,
        (Some(SiteKind::Crossing), _) => 2,
        (Some(SiteKind::Town), _) => 3,
        _ => 4,
    }
}

/// A marker's slots: (kind, look, count, centre x from the row's left edge).
type Slots = Vec<(EventKind, Look, usize, f64)>;

/// Marker geometry: the row's size and its slots relative to the row's left edge.
fn marker_row(l: &Location, sym: f64, s: f64) -> (f64, f64, Slots) {
    let mut x = 0.0;
    let mut slots = Vec::new();
    for (i, ((k, look), n)) in l.entries.iter().enumerate() {
        if i > 0 {
            x += 2.0 * s;
        }
        slots.push((*k, *look, *n, x + sym / 2.0));
        x += sym;
        if *n > 1 {
            x += 6.0 * s;
        }
    }
    let pad = if l.area { 3.0 * s } else { 0.0 };
    (
        x + 2.0 * pad,
        sym + 2.0 * pad,
        slots
            .into_iter()
            .map(|(k, lk, n, cx)| (k, lk, n, cx + pad))
            .collect(),
    )
}

/// A movement's chain of page points with offsets for shared segments; the index where the
/// firm part starts and ends.
struct Chain {
    pts: Vec<(f64, f64)>,
    firm: (usize, usize),
}

fn dir_to(from: &Spot, to: &Spot) -> (f64, f64) {
    let k = from.lat.to_radians().cos();
    let (dx, dy) = ((to.lon - from.lon) * k, -(to.lat - from.lat));
    let n = dx.hypot(dy);
    if n > 0.0 {
        (dx / n, dy / n)
    } else {
        (1.0, 0.0)
    }
}

fn chains(view: &View, c: &Content, stub_len: f64, spacing: f64) -> Vec<Option<Chain>> {
    // count movements per segment, by the places' keys
    let keys = |m: &super::Movement| -> Vec<String> { m.places().map(|s| s.key.clone()).collect() };
    let mut per_seg: BTreeMap<(String, String), usize> = BTreeMap::new();
    for m in &c.movements {
        for w in keys(m).windows(2) {
            let key = if w[0] <= w[1] {
                (w[0].clone(), w[1].clone())
            } else {
                (w[1].clone(), w[0].clone())
            };
            *per_seg.entry(key).or_default() += 1;
        }
    }
    let mut used: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut out = Vec::new();
    for m in &c.movements {
        if let (true, Some(a)) = (m.spots.is_empty(), &m.across) {
            // between areas: a dotted stub ending on the destination's edge (or leaving the
            // origin's), in the direction from the origin
            let Some(tip) = view.px(a.tip.0, a.tip.1) else {
                out.push(None);
                continue;
            };
            let from = view.px(a.from.0, a.from.1).unwrap_or((tip.0 - 1.0, tip.1));
            let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
            let n = dx.hypot(dy);
            let u = if n > 1e-9 {
                (dx / n, dy / n)
            } else {
                (1.0, 0.0)
            };
            out.push(Some(Chain {
                pts: vec![(tip.0 - u.0 * stub_len, tip.1 - u.1 * stub_len), tip],
                firm: (1, 1),
            }));
            continue;
        }
        let mut pts: Vec<(f64, f64)> = Vec::new();
        let mut ok = true;
        for s in &m.spots {
            match view.px(s.lon, s.lat) {
                Some(p) => pts.push(p),
                None => ok = false,
            }
        }
        if !ok || pts.is_empty() {
            out.push(None);
            continue;
        }
        let mut firm = (0, pts.len() - 1);
        if let Some(v) = &m.vague_from {
            let d = dir_to(&m.spots[0], v);
            pts.insert(0, (pts[0].0 + d.0 * stub_len, pts[0].1 + d.1 * stub_len));
            firm = (1, firm.1 + 1);
        }
        if let Some(v) = &m.vague_to {
            let last = &m.spots[m.spots.len() - 1];
            let d = dir_to(last, v);
            let p = pts[pts.len() - 1];
            pts.push((p.0 + d.0 * stub_len, p.1 + d.1 * stub_len));
        }
        // offset each segment sideways by its rank among the movements sharing it
        let ks = keys(m);
        let mut segs: Vec<((f64, f64), (f64, f64))> = Vec::new();
        for (i, w) in pts.windows(2).enumerate() {
            let (a, b) = (&ks[i], &ks[i + 1]);
            let key = if a <= b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            };
            let n = per_seg.get(&key).copied().unwrap_or(1);
            let rank = used.entry(key).or_default();
            let off = (*rank as f64 - (n as f64 - 1.0) / 2.0) * spacing;
            *rank += 1;
            // the perpendicular of the canonical direction, so that ranks stack consistently
            let (p, q) = if a <= b { (w[0], w[1]) } else { (w[1], w[0]) };
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = dx.hypot(dy).max(1e-9);
            let (nx, ny) = (-dy / len * off, dx / len * off);
            segs.push(((w[0].0 + nx, w[0].1 + ny), (w[1].0 + nx, w[1].1 + ny)));
        }
        let mut shifted = Vec::with_capacity(pts.len());
        if segs.is_empty() {
            shifted = pts.clone();
        } else {
            shifted.push(segs[0].0);
            for i in 1..segs.len() {
                let (a, b) = (segs[i - 1].1, segs[i].0);
                shifted.push(((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0));
            }
            shifted.push(segs[segs.len() - 1].1);
        }
        out.push(Some(Chain { pts: shifted, firm }));
    }
    out
}

fn move_geoms(
    view: &View,
    which: Which,
    c: &Content,
    chains: &[Option<Chain>],
    sym: f64,
    s: f64,
) -> Vec<MoveGeom> {
    let mut out = Vec::new();
    let clip_r = view.frame.grow(2.0);
    for (i, (m, ch)) in c.movements.iter().zip(chains).enumerate() {
        let Some(ch) = ch else { continue };
        let mut pts = ch.pts.clone();
        if pts.len() < 2 {
            continue;
        }
        // stop short of the destination so its symbol shows; the arrowhead ends there
        let n = pts.len();
        let (a, b) = (pts[n - 2], pts[n - 1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy);
        let head = 11.0 * s;
        let mut arrow = None;
        if len > 1e-6 {
            let u = (dx / len, dy / len);
            let back = if m.vague_to.is_some() {
                0.0
            } else {
                sym * 0.55
            };
            let tip = (
                b.0 - u.0 * back.min(len * 0.4),
                b.1 - u.1 * back.min(len * 0.4),
            );
            if view.frame.contains(tip) {
                arrow = Some((tip, u));
            }
            let base_d = (back + head * 0.8).min(len * 0.9);
            pts[n - 1] = (b.0 - u.0 * base_d, b.1 - u.1 * base_d);
        }
        let (f0, f1) = ch.firm;
        let firm_pts: Vec<(f64, f64)> = pts[f0..=f1.min(pts.len() - 1)].to_vec();
        let mut vague_parts: Vec<Vec<(f64, f64)>> = Vec::new();
        if f0 > 0 {
            vague_parts.push(pts[..=f0].to_vec());
        }
        if f1 < pts.len() - 1 {
            vague_parts.push(pts[f1..].to_vec());
        }
        let firm = if firm_pts.len() >= 2 {
            clip::clip_line(&firm_pts, &clip_r)
        } else {
            Vec::new()
        };
        let vague: Vec<Vec<(f64, f64)>> = vague_parts
            .iter()
            .flat_map(|p| clip::clip_line(p, &clip_r))
            .collect();
        let tip = ch.pts[ch.pts.len() - 1];
        let stub_label = match (&m.vague_from, &m.vague_to) {
            // out of an area toward a country: the words at the tip
            (_, Some(v))
                if m.across.is_some_and(|a| !a.words_at_tail) && view.frame.contains(tip) =>
            {
                Some((tip, format!("to {}", v.name)))
            }
            (Some(v), _) if view.frame.contains(ch.pts[0]) => {
                Some((ch.pts[0], format!("from {}", v.name)))
            }
            (_, Some(v)) if view.frame.contains(ch.pts[ch.pts.len() - 1]) => {
                Some((ch.pts[ch.pts.len() - 1], format!("to {}", v.name)))
            }
            _ => None,
        };
        if firm.is_empty() && vague.is_empty() && arrow.is_none() {
            continue;
        }
        out.push(MoveGeom {
            mv: i,
            which,
            firm,
            vague,
            arrow,
            stub_label,
        });
    }
    out
}

/// A free place for a box of `w` x `h` at `p`, or moved aside around it (with a leader).
fn ring_place(
    occ: &Occ,
    inner: &Rect,
    p: (f64, f64),
    w: f64,
    h: f64,
    sym: f64,
    s: f64,
) -> Option<(Rect, Option<(f64, f64)>)> {
    let at = |x: f64, y: f64| Rect::xywh(x - w / 2.0, y - h / 2.0, w, h);
    let r0 = at(p.0, p.1);
    if occ.free(&r0.grow(1.0 * s)) && inner.contains_rect(&r0) {
        return Some((r0, None));
    }
    for ring in 1..=4 {
        let d = ring as f64 * (sym * 0.9) + w / 2.0;
        for k in 0..12 {
            let t = std::f64::consts::PI * 2.0 * k as f64 / 12.0;
            let (x, y) = (p.0 + d * t.cos(), p.1 + d * t.sin() * 0.8);
            let r = at(x, y);
            if occ.free(&r.grow(1.0 * s)) && inner.contains_rect(&r) {
                return Some((r, Some(p)));
            }
        }
    }
    None
}

/// Page points along an event area's edge (or its line) inside `inner`, every `step` px, the
/// ones nearest the middle of what shows first: where its tag may sit.
pub(crate) fn edge_points(
    view: &View,
    spot: &Spot,
    inner: &Rect,
    step: f64,
    include: &dyn Fn((f64, f64)) -> bool,
) -> Vec<(f64, f64)> {
    let rings = edge_parts(view, spot);
    let mut pts = Vec::new();
    for ring in &rings {
        for w in ring.windows(2) {
            let d = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
            if !d.is_finite() {
                continue;
            }
            let n = (d / step).ceil().clamp(1.0, 10_000.0) as usize;
            for i in 0..n {
                let t = i as f64 / n as f64;
                let p = (
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                );
                if inner.contains(p) && include(p) {
                    pts.push(p);
                }
            }
            if pts.len() > 4_000 {
                break;
            }
        }
    }
    if pts.is_empty() {
        return pts;
    }
    // the middle of what shows: of a line, its middle point; of an area, its visible centre
    let mid = match spot.uncertainty {
        Uncertainty::Along { .. } => pts[pts.len() / 2],
        _ => {
            let n = pts.len() as f64;
            (
                pts.iter().map(|p| p.0).sum::<f64>() / n,
                pts.iter().map(|p| p.1).sum::<f64>() / n,
            )
        }
    };
    pts.sort_by(|a, b| {
        let da = (a.0 - mid.0).hypot(a.1 - mid.1);
        let db = (b.0 - mid.0).hypot(b.1 - mid.1);
        da.total_cmp(&db).then(a.0.total_cmp(&b.0))
    });
    pts.truncate(400);
    pts
}

/// Places the markers of events at points (`areas` false), or the tags of events located
/// only to an area or a line (`areas` true: in the main view, on the drawn edge or line, never
/// at a point inside); returns the locations that show but found no room.
#[allow(clippy::too_many_arguments)]
fn place_markers(
    view: &View,
    which: Which,
    c: &Content,
    sym: f64,
    s: f64,
    include: &dyn Fn((f64, f64)) -> bool,
    areas: bool,
    occ: &mut Occ,
    out: &mut Vec<Marker>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..c.locations.len())
        .filter(|&i| c.locations[i].area == areas)
        .collect();
    // busier places first; lines (narrow, few places to sit) before areas
    order.sort_by_key(|&i| {
        let l = &c.locations[i];
        (l.spot.line().is_none(), std::cmp::Reverse(l.count()))
    });
    let mut failed = Vec::new();
    let inner = view.frame.grow(-2.0 * s);
    for i in order {
        let l = &c.locations[i];
        let (w, h, slots) = marker_row(l, sym, s);
        let at = if areas {
            let room = inner.grow(-(w.max(h) / 2.0 + 2.0 * s));
            let cands = edge_points(view, &l.spot, &room, 10.0 * s, include);
            if cands.is_empty() {
                // nothing of it shows: listed as outside the map
                continue;
            }
            // on a line the tag keeps near its middle: at an end it would read as that end's
            let middle = if l.spot.line().is_some() { 3.0 } else { 0.3 };
            edge_place(occ, &inner, &cands, w, h, s, middle).map(|r| (r, None))
        } else {
            let p = view.px(l.spot.lon, l.spot.lat);
            let Some(p) = p.filter(|p| view.frame.contains(*p) && include(*p)) else {
                continue;
            };
            ring_place(occ, &inner, p, w, h, sym, s)
        };
        let Some((r, leader)) = at else {
            failed.push(i);
            continue;
        };
        occ.rects.push(r.grow(1.0 * s));
        occ.syms.push(r);
        if let Some(q) = leader {
            let cxy = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
            occ.add_line(&[q, cxy], 4.0 * s);
        }
        out.push(Marker {
            loc: i,
            which,
            rect: r,
            slots: slots
                .into_iter()
                .map(|(k, lk, n, cx)| (k, lk, n, r.x0 + cx, (r.y0 + r.y1) / 2.0))
                .collect(),
            leader,
            area: areas,
        });
    }
    failed
}

/// A free place for a tag of `w` x `h` on one of an edge's points (centred on it, or beside it
/// with the point on its side, so that the edge runs through or along the tag): clear of other lines
/// and away from other symbols (a tag beside a town would read as that town's), near the
/// middle of what shows (the points come nearest first; `middle` weighs the distance).
fn edge_place(
    occ: &Occ,
    inner: &Rect,
    cands: &[(f64, f64)],
    w: f64,
    h: f64,
    s: f64,
    middle: f64,
) -> Option<Rect> {
    let near = 30.0 * s;
    // (dx, dy) of the box's centre from the point, in halves of its size, and what it costs
    let sides = [
        (0.0, 0.0, 0),
        (0.0, -1.0, 5),
        (0.0, 1.0, 5),
        (-1.0, 0.0, 5),
        (1.0, 0.0, 5),
    ];
    cands
        .iter()
        .enumerate()
        .flat_map(|(k, q)| {
            sides.iter().map(move |(dx, dy, c)| {
                let (x, y) = (q.0 + dx * w / 2.0, q.1 + dy * h / 2.0);
                (k, *c, Rect::xywh(x - w / 2.0, y - h / 2.0, w, h))
            })
        })
        .filter(|(_, _, r)| inner.contains_rect(r) && occ.free(&r.grow(1.0 * s)))
        .map(|(k, c, r)| {
            let crowd = occ.syms.iter().filter(|o| rect_dist(&r, o) < near).count();
            let off = (k as f64 * middle).round() as usize;
            (occ.line_cost(&r.grow(6.0 * s)) + 25 * crowd + off + c, r)
        })
        .min_by_key(|(cost, _)| *cost)
        .map(|(_, r)| r)
}

/// Places everything.
pub(crate) fn plan(
    input: &MapInput<'_, '_>,
    c: &Content,
    page: &Page,
    view: View,
    fonts: &Fonts,
) -> Plan {
    let s = page.s;
    let sym = 13.0 * s;
    let frame = view.frame;
    let mut occ = Occ {
        rects: Vec::new(),
        syms: Vec::new(),
        buckets: BTreeMap::new(),
    };
    let mut furniture: Vec<Placed> = Vec::new();

    // scale bar and north arrow, bottom left of the frame
    let pad = 10.0 * s;
    let bar_y = frame.y1 - pad - 16.0 * s;
    let bar = scale_bar(
        &view,
        frame.x0 + pad + 8.0 * s,
        bar_y,
        (frame.w() * 0.2).max(40.0 * s),
    );
    let scale_box = Rect::new(
        frame.x0 + pad,
        bar_y - 30.0 * s,
        bar.x1 + 26.0 * s,
        frame.y1 - pad,
    );
    let nx = scale_box.x1 + 8.0 * s;
    let north_box = Rect::new(nx, scale_box.y0 - 10.0 * s, nx + 30.0 * s, scale_box.y1);
    let foot = ((north_box.x0 + north_box.x1) / 2.0, north_box.y1 - 8.0 * s);
    let (flon, flat) = view.lonlat(foot.0, foot.1);
    let rot = view.proj.convergence(flon, flat);
    furniture.push(Placed {
        what: "scale-bar".into(),
        rect: scale_box,
    });
    furniture.push(Placed {
        what: "north-arrow".into(),
        rect: north_box,
    });
    occ.rects.push(scale_box);
    occ.rects.push(north_box);

    // where the markers would go, to find the crowded spot
    let main_chains = chains(&view, c, 70.0 * s, 5.0 * s);
    let inset = find_inset(
        input,
        c,
        page,
        &view,
        sym,
        s,
        &furniture,
        &main_chains,
        fonts,
    );
    let covers = inset.as_ref().map(|i| i.covers);
    let outer = inset.as_ref().map(|i| i.outer);
    if let Some(i) = &inset {
        occ.rects.push(i.outer);
        furniture.push(Placed {
            what: "inset".into(),
            rect: i.outer,
        });
    }
    let in_main = |p: (f64, f64)| {
        !covers.is_some_and(|r| r.contains(p)) && !outer.is_some_and(|r| r.contains(p))
    };

    // line samples for label costs: the border, rivers and movements
    let mut moves = move_geoms(&view, Which::Main, c, &main_chains, sym, s);
    let border_px: Vec<(f64, f64)> = input
        .scene
        .basemap
        .border
        .line
        .0
        .iter()
        .filter_map(|p| view.px(p.x, p.y))
        .collect();
    for part in clip::clip_line(&border_px, &frame) {
        occ.add_line(&part, 5.0 * s);
    }
    let rivers = input.scene.basemap.rivers.clone();
    let mut river_parts: Vec<(usize, Vec<(f64, f64)>)> = Vec::new();
    for (ri, r) in rivers.iter().enumerate() {
        let px: Vec<(f64, f64)> = r.line.0.iter().filter_map(|p| view.px(p.x, p.y)).collect();
        for part in clip::clip_line(&px, &frame) {
            occ.add_line(&part, 6.0 * s);
            river_parts.push((ri, part));
        }
    }
    // arrowheads give way to the symbols they point at; labels avoid them
    let mut main_arrows: Vec<Rect> = Vec::new();
    let mut inset_arrows: Vec<Rect> = Vec::new();
    for m in &moves {
        for p in m.firm.iter().chain(m.vague.iter()) {
            occ.add_line(p, 4.0 * s);
        }
        if let Some((tip, u)) = m.arrow {
            let h = 11.0 * s;
            main_arrows
                .push(Rect::new(tip.0 - u.0 * h, tip.1 - u.1 * h, tip.0, tip.1).grow(3.0 * s));
        }
    }

    // the events' areas and lines: labels keep off their edges where they can
    for ea in &c.areas {
        for part in edge_parts(&view, &ea.spot) {
            for piece in clip::clip_line(&part, &frame) {
                occ.add_line(&piece, 6.0 * s);
            }
        }
    }

    let mut markers = Vec::new();
    let mut failed_main = place_markers(
        &view,
        Which::Main,
        c,
        sym,
        s,
        &in_main,
        false,
        &mut occ,
        &mut markers,
    );

    // inset contents, in their own space
    let mut inset_occ = Occ {
        rects: Vec::new(),
        syms: Vec::new(),
        buckets: BTreeMap::new(),
    };
    let mut failed_inset = Vec::new();
    if let Some(ins) = &inset {
        let iv = &ins.view;
        let ch = chains(iv, c, 60.0 * s, 5.0 * s);
        let im = move_geoms(iv, Which::Inset, c, &ch, sym, s);
        let bp: Vec<(f64, f64)> = input
            .scene
            .basemap
            .border
            .line
            .0
            .iter()
            .filter_map(|p| iv.px(p.x, p.y))
            .collect();
        for part in clip::clip_line(&bp, &iv.frame) {
            inset_occ.add_line(&part, 5.0 * s);
        }
        for r in &rivers {
            let px: Vec<(f64, f64)> = r.line.0.iter().filter_map(|p| iv.px(p.x, p.y)).collect();
            for part in clip::clip_line(&px, &iv.frame) {
                inset_occ.add_line(&part, 6.0 * s);
            }
        }
        for m in &im {
            for p in m.firm.iter().chain(m.vague.iter()) {
                inset_occ.add_line(p, 4.0 * s);
            }
            if let Some((tip, u)) = m.arrow {
                let h = 11.0 * s;
                inset_arrows
                    .push(Rect::new(tip.0 - u.0 * h, tip.1 - u.1 * h, tip.0, tip.1).grow(3.0 * s));
            }
        }
        inset_occ.rects.push(ins.scale_box());
        failed_inset = place_markers(
            iv,
            Which::Inset,
            c,
            sym,
            s,
            &|_| true,
            false,
            &mut inset_occ,
            &mut markers,
        );
        moves.extend(im);
    }

    // site symbols: event sites first, then the corridor's cities, crossings and towns
    let mut dots = Vec::new();
    let mut order: Vec<usize> = (0..c.sites.len()).collect();
    order.sort_by_key(|&i| {
        (
            site_priority(c.sites[i].0.kind, c.sites[i].1),
            c.sites[i].0.key.clone(),
        )
    });
    for &i in &order {
        let (sp, ev) = &c.sites[i];
        let symk = SiteSym::of(sp.kind.unwrap_or(SiteKind::Town));
        let size = symk.size() * s;
        for (which, v, o) in [
            (Which::Main, &view, &mut occ),
            (
                Which::Inset,
                inset.as_ref().map(|x| &x.view).unwrap_or(&view),
                &mut inset_occ,
            ),
        ] {
            if which == Which::Inset && inset.is_none() {
                continue;
            }
            let Some(p) = v.px(sp.lon, sp.lat) else {
                continue;
            };
            if !v.frame.grow(-2.0 * s).contains(p) || (which == Which::Main && !in_main(p)) {
                continue;
            }
            let (r, leader) = if *ev {
                match ring_place(o, &v.frame.grow(-2.0 * s), p, size, size, sym, s) {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                let r = Rect::xywh(p.0 - size / 2.0, p.1 - size / 2.0, size, size);
                if !o.free(&r.grow(1.0 * s)) {
                    continue;
                }
                (r, None)
            };
            o.rects.push(r.grow(1.0 * s));
            o.syms.push(r);
            dots.push(Dot {
                site: i,
                which,
                sym: symk,
                at: ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0),
                rect: r,
                leader,
            });
        }
    }

    // the tags of events located to areas and lines, on their edges clear of the symbols
    failed_main.extend(place_markers(
        &view,
        Which::Main,
        c,
        sym,
        s,
        &in_main,
        true,
        &mut occ,
        &mut markers,
    ));

    occ.rects.extend(main_arrows);
    inset_occ.rects.extend(inset_arrows);

    // labels: cities, event places with their dates, movements' dates, crossings, towns; on
    // the main map and in the inset
    enum Want {
        /// A marker's place and dates (index into `markers`).
        Marker(usize),
        /// A movement's date (index into `c.movements`).
        Move(usize),
        /// A site symbol's name (index into `dots`).
        Site(usize),
    }
    struct Cand {
        prio: u8,
        weight: usize,
        name: String,
        which: Which,
        want: Want,
    }
    let mut cands: Vec<Cand> = Vec::new();
    for (mi, m) in markers.iter().enumerate() {
        let l = &c.locations[m.loc];
        cands.push(Cand {
            prio: if l.spot.kind == Some(SiteKind::City) {
                0
            } else {
                1
            },
            weight: l.count(),
            name: l.label(),
            which: m.which,
            want: Want::Marker(mi),
        });
    }
    let mut moved: BTreeSet<usize> = BTreeSet::new();
    for g in &moves {
        if (g.firm.is_empty() && g.vague.is_empty()) || !moved.insert(g.mv) {
            continue;
        }
        let main = moves.iter().any(|x| x.mv == g.mv && x.which == Which::Main);
        cands.push(Cand {
            prio: 1,
            weight: 0,
            name: c.movements[g.mv].id.clone(),
            which: if main { Which::Main } else { Which::Inset },
            want: Want::Move(g.mv),
        });
    }
    for (di, d) in dots.iter().enumerate() {
        let (sp, ev) = &c.sites[d.site];
        cands.push(Cand {
            prio: site_priority(sp.kind, *ev),
            weight: 0,
            name: sp.name.clone(),
            which: d.which,
            want: Want::Site(di),
        });
    }
    cands.sort_by(|a, b| {
        (
            a.which != Which::Inset,
            a.prio,
            std::cmp::Reverse(a.weight),
            &a.name,
        )
            .cmp(&(
                b.which != Which::Inset,
                b.prio,
                std::cmp::Reverse(b.weight),
                &b.name,
            ))
    });
    let arabic = input.opts.arabic;
    let year = c.years;
    let mut labels: Vec<Label> = Vec::new();
    let label_area_main = frame.grow(-3.0 * s);
    let inset_area = inset.as_ref().map(|i| i.view.frame.grow(-3.0 * s));
    let main_avoid: Vec<Rect> = outer.into_iter().collect();
    // the date each drawn event's label gives it, and the events whose label found no room
    let mut dates: BTreeMap<String, String> = BTreeMap::new();
    let mut undated: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for cd in &cands {
        let (o, area, avoid): (&mut Occ, Rect, &[Rect]) = match cd.which {
            Which::Main => (&mut occ, label_area_main, &main_avoid),
            Which::Inset => (&mut inset_occ, inset_area.unwrap_or(label_area_main), &[]),
        };
        match cd.want {
            Want::Site(di) => {
                let d = &dots[di];
                let sp = &c.sites[d.site].0;
                let bold = sp.kind == Some(SiteKind::City);
                let size = if bold { 13.0 * s } else { 12.0 * s };
                let lines =
                    label_lines(fonts, &sp.name, &sp.name_ar, arabic, size, bold, "#1a1a1a");
                if let Some(l) = try_label(
                    fonts,
                    o,
                    &area,
                    avoid,
                    d.rect,
                    lines,
                    3.0 * s,
                    d.which,
                    sp.name.clone(),
                ) {
                    o.rects.push(l.rect);
                    labels.push(l);
                }
            }
            Want::Marker(mi) => {
                let m = &markers[mi];
                let l = &c.locations[m.loc];
                let bold = l.spot.kind == Some(SiteKind::City);
                let size = if bold { 13.0 * s } else { 12.0 * s };
                let name = l.label();
                let when = date_line(fonts, l, year, s);
                let full =
                    label_lines(fonts, &name, &l.spot.name_ar, arabic, size, bold, "#1a1a1a");
                // the place and its dates; without the Arabic; the dates alone
                let mut tries: Vec<Vec<Line>> = Vec::new();
                let mut t = full.clone();
                t.push(when.clone());
                tries.push(t);
                if full.len() > 1 {
                    tries.push(vec![full[0].clone(), when.clone()]);
                }
                tries.push(vec![when.clone()]);
                let placed = tries.into_iter().find_map(|lines| {
                    try_label(
                        fonts,
                        o,
                        &area,
                        avoid,
                        m.rect,
                        lines,
                        3.0 * s,
                        m.which,
                        name.clone(),
                    )
                });
                match placed {
                    Some(lb) => {
                        o.rects.push(lb.rect);
                        labels.push(lb);
                        for (id, key) in l.ids.iter().zip(l.id_keys.iter()) {
                            let key = *key;
                            let ps = l.dates.get(&key).map(Vec::as_slice).unwrap_or(&[]);
                            dates.insert(id.clone(), super::marginalia::whens(ps, year, 3));
                        }
                    }
                    None => {
                        for id in &l.ids {
                            undated
                                .entry(l.spot.name.clone())
                                .or_default()
                                .push(id.clone());
                        }
                    }
                }
            }
            Want::Move(mv) => {
                let mov = &c.movements[mv];
                let when = super::marginalia::when(&mov.period, year);
                let color = if mov.look == Look::Denied {
                    super::symbols::DENIED_DARK
                } else {
                    super::symbols::kind_color(mov.kind)
                };
                let placed = place_move_label(
                    fonts,
                    &moves,
                    mv,
                    &when,
                    color,
                    s,
                    &in_main,
                    (&mut occ, label_area_main, &main_avoid),
                    (&mut inset_occ, inset_area.unwrap_or(label_area_main)),
                );
                match placed {
                    Some(lb) => {
                        labels.push(lb);
                        dates.insert(mov.id.clone(), when);
                    }
                    None => {
                        let place = mov.words();
                        undated.entry(place).or_default().push(mov.id.clone());
                    }
                }
            }
        }
    }
    // the cluster's box on the main map is named after the inset
    if let Some(ins) = &inset {
        let lines = vec![Line::plain("A", 13.0 * s, true, "#1a1a1a")];
        if let Some(l) = try_label(
            fonts,
            &occ,
            &label_area_main,
            &main_avoid,
            ins.covers,
            lines,
            3.0 * s,
            Which::Main,
            "inset A".into(),
        ) {
            occ.rects.push(l.rect);
            labels.push(l);
        }
    }
    // rivers
    let mut rivers_labelled = BTreeSet::new();
    river_parts.sort_by(|a, b| {
        let la = a.1.len();
        let lb = b.1.len();
        a.0.cmp(&b.0).then(lb.cmp(&la))
    });
    for (ri, part) in &river_parts {
        if rivers_labelled.contains(ri) || part.len() < 4 {
            continue;
        }
        let r = &rivers[*ri];
        let lines = label_lines(
            fonts,
            &r.name,
            &r.name_ar,
            arabic,
            11.0 * s,
            false,
            "#2a6db5",
        );
        for f in [0.5, 0.35, 0.65, 0.2, 0.8] {
            let p = part[((part.len() - 1) as f64 * f) as usize];
            let around = Rect::new(p.0 - 1.0, p.1 - 1.0, p.0 + 1.0, p.1 + 1.0);
            if let Some(l) = try_label(
                fonts,
                &occ,
                &label_area_main,
                &main_avoid,
                around,
                lines.clone(),
                5.0 * s,
                Which::Main,
                r.name.clone(),
            ) {
                occ.rects.push(l.rect);
                labels.push(l);
                rivers_labelled.insert(*ri);
                break;
            }
        }
    }
    // countries, in their visible parts
    country_labels(
        input,
        &view,
        fonts,
        s,
        arabic,
        &mut occ,
        &label_area_main,
        &main_avoid,
        &mut labels,
    );

    // what is drawn, what is listed
    let mut shown = Shown {
        governorates: true,
        rivers: !river_parts.is_empty(),
        ..Shown::default()
    };
    let mut drawn: BTreeSet<String> = BTreeSet::new();
    let mut failed: BTreeSet<usize> = failed_main.into_iter().collect();
    failed.extend(failed_inset);
    for m in &markers {
        let l = &c.locations[m.loc];
        failed.remove(&m.loc);
        drawn.extend(l.ids.iter().cloned());
        for (k, lk) in l.entries.keys() {
            shown.point_kinds.insert(*k);
            shown.looks.insert(*lk);
        }
        if m.leader.is_some() {
            shown.leaders = true;
        }
        if m.slots.iter().any(|x| x.2 > 1) {
            shown.counts = true;
        }
        if l.area {
            shown.area_tags = true;
        }
        if l.spot.added {
            shown.added = true;
        }
    }
    for m in &moves {
        let mv = &c.movements[m.mv];
        if m.firm.is_empty() && m.vague.is_empty() {
            continue;
        }
        drawn.insert(mv.id.clone());
        shown.line_kinds.insert(mv.kind);
        shown.line_looks.insert(mv.look);
        if !m.vague.is_empty() {
            shown.vague_stubs = true;
        }
    }
    for ea in &c.areas {
        let shows = edge_parts(&view, &ea.spot)
            .iter()
            .flatten()
            .any(|p| frame.contains(*p));
        if shows {
            match ea.spot.uncertainty {
                Uncertainty::Along { .. } => shown.lines = true,
                _ => shown.areas = true,
            }
        }
    }
    shown.dates = !dates.is_empty();
    shown.date_marks = labels
        .iter()
        .any(|l| l.lines.iter().any(|x| !x.marks.is_empty()));
    for d in &dots {
        shown.site_syms.insert(d.sym);
        if d.leader.is_some() {
            shown.leaders = true;
        }
    }
    // circles show only where wider than the symbol
    let min_r_px = sym * 0.6;
    let circle_visible = |sp: &Spot| match sp.uncertainty {
        Uncertainty::Circle { radius_m, .. } => radius_m / view.mpp > min_r_px,
        _ => false,
    };
    shown.circles = markers
        .iter()
        .any(|m| m.which == Which::Main && circle_visible(&c.locations[m.loc].spot))
        || moves
            .iter()
            .any(|m| m.which == Which::Main && c.movements[m.mv].spots.iter().any(&circle_visible));

    let mut outside: BTreeMap<String, Vec<(EventKind, crate::event::Status)>> = BTreeMap::new();
    let mut listed: Vec<String> = Vec::new();
    let status_of = |id: &str| {
        input
            .scene
            .events
            .iter()
            .find(|r| r.id() == id)
            .map(|r| (r.event.kind, r.event.status))
    };
    for (i, l) in c.locations.iter().enumerate() {
        if failed.contains(&i) {
            // an event place with no free room left: listed, never dropped
            for id in &l.ids {
                if let Some(ks) = status_of(id) {
                    outside
                        .entry(format!("{} (no room)", l.spot.name))
                        .or_default()
                        .push(ks);
                }
                listed.push(id.clone());
            }
            continue;
        }
        for id in &l.ids {
            if !drawn.contains(id) {
                if let Some(ks) = status_of(id) {
                    outside.entry(l.spot.name.clone()).or_default().push(ks);
                }
                listed.push(id.clone());
            }
        }
    }
    for m in &c.movements {
        if !drawn.contains(&m.id) {
            if let Some(ks) = status_of(&m.id) {
                outside.entry(m.words()).or_default().push(ks);
            }
            listed.push(m.id.clone());
        }
    }
    // drawn events whose date found no room beside them: their dates in the margin
    let status_words = |id: &str| {
        input.scene.events.iter().find(|r| r.id() == id).map(|r| {
            let mut w = r.event.kind.as_str().to_string();
            if r.event.status != crate::event::Status::Reported {
                w.push_str(&format!(" ({})", r.event.status.as_str()));
            }
            format!("{w} {}", super::marginalia::when(&r.event.period, true))
        })
    };
    let mut dated_in_margin: Vec<String> = Vec::new();
    let mut undated_words: Vec<(String, String)> = Vec::new();
    for (place, ids) in &undated {
        let ws: Vec<String> = ids
            .iter()
            .filter(|id| drawn.contains(*id))
            .filter_map(|id| status_words(id))
            .collect();
        if ws.is_empty() {
            continue;
        }
        dated_in_margin.extend(ids.iter().filter(|id| drawn.contains(*id)).cloned());
        undated_words.push((place.clone(), ws.join("; ")));
    }
    dated_in_margin.sort();
    dated_in_margin.dedup();
    dates.retain(|id, _| drawn.contains(id));
    let mut vague: BTreeMap<String, String> = BTreeMap::new();
    for (place, words, id) in &c.vague {
        vague.insert(place.clone(), words.clone());
        listed.push(id.clone());
    }
    listed.sort();
    listed.dedup();

    let mut all_labels: Vec<Placed> = labels
        .iter()
        .map(|l| Placed {
            what: format!("label {}", l.what),
            rect: l.rect,
        })
        .collect();
    all_labels.sort_by(|a, b| a.what.cmp(&b.what));
    let mut symbols: Vec<Placed> = markers
        .iter()
        .map(|m| Placed {
            what: if m.area {
                format!("events located to {}", c.locations[m.loc].spot.name)
            } else {
                format!("events at {}", c.locations[m.loc].spot.name)
            },
            rect: m.rect,
        })
        .collect();
    let point_markers: Vec<(Rect, Vec<String>)> = markers
        .iter()
        .filter(|m| !m.area)
        .map(|m| (m.rect, c.locations[m.loc].ids.clone()))
        .collect();
    let mut area_ids: BTreeMap<String, String> = BTreeMap::new();
    for ea in &c.areas {
        if let Some(l) = ea.loc.map(|i| &c.locations[i]) {
            for id in l.ids.iter().filter(|id| drawn.contains(*id)) {
                area_ids.insert(id.clone(), ea.spot.key.clone());
            }
        }
    }
    symbols.extend(dots.iter().map(|d| Placed {
        what: format!("site {}", c.sites[d.site].0.name),
        rect: d.rect,
    }));
    if let Some(ins) = &inset {
        furniture.push(Placed {
            what: "inset scale bar".into(),
            rect: ins.scale_box(),
        });
    }
    let layout = Layout {
        width: page.w,
        height: page.h,
        view: view.clone(),
        inset: inset.as_ref().map(|i| i.view.clone()),
        labels: all_labels,
        symbols,
        furniture,
        scale_bar: bar,
        drawn: drawn.into_iter().collect(),
        listed,
        dates,
        dated_in_margin,
        markers: point_markers,
        areas: area_ids,
    };
    let (density, density_legend) = density_dots(&view, c, s);
    shown.density = density_legend;
    Plan {
        density,
        layout,
        markers,
        dots,
        labels,
        moves,
        inset,
        north: (foot, rot, north_box),
        scale_box,
        shown,
        outside: outside
            .into_iter()
            .map(|(p, ks)| (p, super::kinds_words(&ks)))
            .collect(),
        vague: vague.into_iter().collect(),
        undated: undated_words,
        sym,
    }
}

impl Inset {
    /// The inset's own scale bar box.
    pub fn scale_box(&self) -> Rect {
        let b = self.scale_bar;
        Rect::new(
            b.x0 - 5.0 * self.s,
            b.y - 17.0 * self.s,
            b.x1 + 22.0 * self.s,
            b.y + 6.0 * self.s,
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn country_labels(
    input: &MapInput<'_, '_>,
    view: &View,
    fonts: &Fonts,
    s: f64,
    arabic: bool,
    occ: &mut Occ,
    area: &Rect,
    avoid: &[Rect],
    labels: &mut Vec<Label>,
) {
    let frame = view.frame;
    let step = 24.0 * s;
    let mut grid: BTreeMap<usize, Vec<(f64, f64)>> = BTreeMap::new();
    let mut y = frame.y0 + step / 2.0;
    while y < frame.y1 {
        let mut x = frame.x0 + step / 2.0;
        while x < frame.x1 {
            let (lon, lat) = view.lonlat(x, y);
            let p = geo::Point::new(lon, lat);
            if let Some(ci) = input
                .scene
                .basemap
                .border
                .countries
                .iter()
                .position(|c| c.shape.contains(&p))
            {
                grid.entry(ci).or_default().push((x, y));
            }
            x += step;
        }
        y += step;
    }
    for (ci, pts) in &grid {
        if pts.len() < 12 {
            continue;
        }
        let cn = &input.scene.basemap.border.countries[*ci];
        let ar = match cn.code.as_str() {
            "IQ" => "العراق",
            "SY" => "سوريا",
            "JO" => "الأردن",
            "TR" => "تركيا",
            "SA" => "السعودية",
            _ => "",
        };
        let main = matches!(cn.code.as_str(), "IQ" | "SY");
        let size = if main { 20.0 } else { 15.0 } * s;
        let color = if main { "#8c8478" } else { "#a39e96" };
        let mut lines = vec![Line {
            spacing: 4.0 * s,
            ..Line::plain(cn.name.to_uppercase(), size, true, color)
        }];
        if arabic {
            lines.push(Line::plain(ar, size * 0.8, false, color));
        }
        let (w, h, bases) = block(fonts, &lines);
        let n = pts.len() as f64;
        let cx = pts.iter().map(|p| p.0).sum::<f64>() / n;
        let cy = pts.iter().map(|p| p.1).sum::<f64>() / n;
        let mut ordered = pts.clone();
        ordered.sort_by(|a, b| {
            let da = (a.0 - cx).hypot(a.1 - cy);
            let db = (b.0 - cx).hypot(b.1 - cy);
            da.total_cmp(&db)
        });
        let inside = |r: &Rect| {
            [(r.x0, r.y0), (r.x1, r.y0), (r.x0, r.y1), (r.x1, r.y1)]
                .iter()
                .all(|(x, y)| {
                    let (lon, lat) = view.lonlat(*x, *y);
                    cn.shape.contains(&geo::Point::new(lon, lat))
                })
        };
        let mut best: Option<(usize, Rect)> = None;
        for (k, p) in ordered.iter().take(160).enumerate() {
            let r = Rect::xywh(p.0 - w / 2.0, p.1 - h / 2.0, w, h);
            if !area.contains_rect(&r)
                || !occ.free(&r)
                || avoid.iter().any(|a| a.overlaps(&r))
                || !inside(&r)
            {
                continue;
            }
            let cost = occ.line_cost(&r) * 4 + k;
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, r));
            }
            if k > 60 && best.is_some() {
                break;
            }
        }
        if let Some((_, r)) = best {
            occ.rects.push(r);
            labels.push(Label {
                ys: bases.iter().map(|b| r.y0 + b).collect(),
                lines,
                rect: r,
                anchor: "middle",
                x: (r.x0 + r.x1) / 2.0,
                which: Which::Main,
                what: cn.name.clone(),
            });
        }
    }
}

/// Finds the spot where event symbols crowd, and frames it in an inset in a free corner.
#[allow(clippy::too_many_arguments)]
fn find_inset(
    input: &MapInput<'_, '_>,
    c: &Content,
    page: &Page,
    view: &View,
    sym: f64,
    s: f64,
    furniture: &[Placed],
    main_chains: &[Option<Chain>],
    fonts: &Fonts,
) -> Option<Inset> {
    // items: point-event places and the movements' stops, with their ideal boxes
    let mut items: Vec<((f64, f64), Rect, f64, f64)> = Vec::new(); // (px, box, lon, lat)
    for l in c.locations.iter().filter(|l| !l.area) {
        if let Some(p) = view.px(l.spot.lon, l.spot.lat) {
            if view.frame.contains(p) {
                let (w, h, _) = marker_row(l, sym, s);
                items.push((
                    p,
                    Rect::xywh(p.0 - w / 2.0, p.1 - h / 2.0, w, h),
                    l.spot.lon,
                    l.spot.lat,
                ));
            }
        }
    }
    for (sp, ev) in &c.sites {
        if !ev {
            continue;
        }
        if let Some(p) = view.px(sp.lon, sp.lat) {
            if view.frame.contains(p) {
                let z = SiteSym::of(sp.kind.unwrap_or(SiteKind::Town)).size() * s;
                items.push((
                    p,
                    Rect::xywh(p.0 - z / 2.0, p.1 - z / 2.0, z, z),
                    sp.lon,
                    sp.lat,
                ));
            }
        }
    }
    let n = items.len();
    if n < 3 {
        return None;
    }
    // connected groups of boxes that touch (with a little room for labels)
    let near = 6.0 * s;
    let mut comp: Vec<usize> = (0..n).collect();
    fn root(c: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while c[r] != r {
            r = c[r];
        }
        c[i] = r;
        r
    }
    for i in 0..n {
        for j in (i + 1)..n {
            if items[i].1.grow(near).overlaps(&items[j].1.grow(near)) {
                let (a, b) = (root(&mut comp, i), root(&mut comp, j));
                if a != b {
                    comp[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut comp, i);
        groups.entry(r).or_default().push(i);
    }
    let group = groups
        .into_values()
        .filter(|g| g.len() >= 3)
        .max_by_key(|g| g.len())?;
    let gb = clip::bounds(group.iter().map(|&i| items[i].0))?;
    // the inset's size and scale: the group's spread fills it, leaving room for labels
    let iw = (430.0 * s).min(view.frame.w() * 0.42);
    let ih = (330.0 * s).min(view.frame.h() * 0.45);
    let title_h = 20.0 * s;
    let map_h = ih - title_h;
    let zoom = ((iw - 110.0 * s) / gb.w().max(1.0))
        .min((map_h - 80.0 * s) / gb.h().max(1.0))
        .clamp(2.0, 24.0);
    let cover_w = iw / zoom;
    let cover_h = map_h / zoom;
    let (gx, gy) = ((gb.x0 + gb.x1) / 2.0, (gb.y0 + gb.y1) / 2.0);
    let covers = Rect::xywh(gx - cover_w / 2.0, gy - cover_h / 2.0, cover_w, cover_h);
    // a corner with no events, no furniture and little else
    let f = view.frame;
    let m = 8.0 * s;
    let corners = [
        Rect::xywh(f.x1 - m - iw, f.y0 + m, iw, ih),
        Rect::xywh(f.x0 + m, f.y0 + m, iw, ih),
        Rect::xywh(f.x1 - m - iw, f.y1 - m - ih, iw, ih),
        Rect::xywh(f.x0 + m, f.y1 - m - ih, iw, ih),
    ];
    let mut best: Option<(usize, Rect)> = None;
    for (k, r) in corners.iter().enumerate() {
        if r.overlaps(&covers.grow(10.0 * s)) || furniture.iter().any(|x| x.rect.overlaps(r)) {
            continue;
        }
        // no event place may hide under the inset
        let hides = c.locations.iter().any(|l| {
            view.px(l.spot.lon, l.spot.lat)
                .is_some_and(|p| view.frame.contains(p) && r.grow(sym).contains(p))
        }) || items.iter().any(|it| r.grow(sym).contains(it.0));
        if hides {
            continue;
        }
        let mut cost = k;
        for ch in main_chains.iter().flatten() {
            for w in ch.pts.windows(2) {
                if clip::clip_segment(w[0], w[1], r).is_some() {
                    cost += 50;
                }
            }
        }
        for (sp, _) in &c.sites {
            if view.px(sp.lon, sp.lat).is_some_and(|p| r.contains(p)) {
                cost += 10;
            }
        }
        // the Iraq–Syria border is the map's subject: an inset must not hide it
        let bp: Vec<(f64, f64)> = input
            .scene
            .basemap
            .border
            .line
            .0
            .iter()
            .filter_map(|p| view.px(p.x, p.y))
            .collect();
        for w in bp.windows(2) {
            if clip::clip_segment(w[0], w[1], r).is_some() {
                cost += 40;
            }
        }
        if best.is_none_or(|(b, _)| cost < b) {
            best = Some((cost, *r));
        }
    }
    let (_, outer) = best?;
    let inner = Rect::new(outer.x0, outer.y0 + title_h, outer.x1, outer.y1);
    let (clon, clat) = view.lonlat(gx, gy);
    // the same projection as the main map, centred on the group, at the inset's scale
    let iv = View::new(
        view.proj.clone(),
        view.mpp / zoom,
        inner,
        view.proj.forward(clon, clat),
    );
    // the title: the busiest places of the group
    let mut names: Vec<(usize, String)> = Vec::new();
    for l in c.locations.iter().filter(|l| !l.area) {
        if view
            .px(l.spot.lon, l.spot.lat)
            .is_some_and(|p| covers.contains(p))
        {
            names.push((l.count(), l.spot.name.clone()));
        }
    }
    names.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut title = format!(
        "A  {}",
        names.first().map(|x| x.1.as_str()).unwrap_or("Detail")
    );
    if let Some(second) = names.get(1) {
        title.push_str(&format!(" – {}", second.1));
    }
    title.push_str(&format!(" (×{:.0})", zoom));
    let title = fonts.fit(&title, 11.5 * s, true, iw - 10.0 * s);
    let bar = scale_bar(&iv, inner.x0 + 10.0 * s, inner.y1 - 12.0 * s, iw * 0.3);
    let _ = page;
    Some(Inset {
        view: iv,
        outer,
        covers,
        title,
        scale_bar: bar,
        s,
    })
}

/// The edge of an event area (its rings) or its line, projected, unclipped.
pub(crate) fn edge_parts(view: &View, spot: &Spot) -> Vec<Vec<(f64, f64)>> {
    match &spot.uncertainty {
        Uncertainty::Area(mp) => {
            mp.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .map(|r| r.0.iter().filter_map(|c| view.px(c.x, c.y)).collect())
                .collect()
        }
        Uncertainty::Along { line, .. } => {
            vec![line.0.iter().filter_map(|c| view.px(c.x, c.y)).collect()]
        }
        Uncertainty::Circle { .. } => Vec::new(),
    }
}

/// The point at a fraction `t` of a polyline's length.
fn point_along(p: &[(f64, f64)], t: f64) -> Option<(f64, f64)> {
    let total: f64 = p
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum();
    let goal = total * t;
    let mut acc = 0.0;
    for w in p.windows(2) {
        let d = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        if acc + d >= goal && d > 0.0 {
            let u = (goal - acc) / d;
            return Some((
                w[0].0 + u * (w[1].0 - w[0].0),
                w[0].1 + u * (w[1].1 - w[0].1),
            ));
        }
        acc += d;
    }
    p.first().copied()
}

/// A movement's label: its date, after the words of its dotted end when it has one ("from
/// Syria · 5 Dec 2024"), at that end or beside its line; in the main view first, then in the
/// inset. Its box joins the occupied ones of the view it goes in.
#[allow(clippy::too_many_arguments)]
fn place_move_label(
    fonts: &Fonts,
    moves: &[MoveGeom],
    mv: usize,
    when: &str,
    color: &'static str,
    s: f64,
    in_main: &dyn Fn((f64, f64)) -> bool,
    main: (&mut Occ, Rect, &[Rect]),
    inset: (&mut Occ, Rect),
) -> Option<Label> {
    let (main_occ, main_area, main_avoid) = main;
    let (inset_occ, inset_area) = inset;
    let mut geoms: Vec<&MoveGeom> = moves.iter().filter(|g| g.mv == mv).collect();
    geoms.sort_by_key(|g| g.which != Which::Main);
    let mut views: [(Which, &mut Occ, Rect, &[Rect]); 2] = [
        (Which::Main, main_occ, main_area, main_avoid),
        (Which::Inset, inset_occ, inset_area, &[]),
    ];
    for g in geoms {
        let Some((_, o, area, avoid)) = views.iter_mut().find(|v| v.0 == g.which) else {
            continue;
        };
        let shows = |p: (f64, f64)| g.which == Which::Inset || in_main(p);
        let text = match &g.stub_label {
            Some((_, words)) => format!("{words} · {when}"),
            None => when.to_string(),
        };
        let mut texts = vec![text];
        if g.stub_label.is_some() {
            // the date alone, where the words and the date find no room
            texts.push(when.to_string());
        }
        let mut spots: Vec<((f64, f64), f64)> = Vec::new();
        if let Some((p, _)) = &g.stub_label {
            spots.push((*p, 2.0 * s));
        }
        if let Some(part) = g
            .firm
            .iter()
            .max_by(|a, b| a.len().cmp(&b.len()))
            .or_else(|| g.vague.iter().max_by(|a, b| a.len().cmp(&b.len())))
        {
            for t in [0.5, 0.35, 0.65, 0.2, 0.8] {
                if let Some(p) = point_along(part, t) {
                    spots.push((p, 3.0 * s));
                }
            }
        }
        for text in &texts {
            let lines = vec![Line::plain(text.clone(), DATE_SIZE * s, false, color)];
            for &(p, gap) in &spots {
                if !shows(p) {
                    continue;
                }
                let around = Rect::new(p.0 - 2.0 * s, p.1 - 2.0 * s, p.0 + 2.0 * s, p.1 + 2.0 * s);
                if let Some(l) = try_label(
                    fonts,
                    o,
                    area,
                    avoid,
                    around,
                    lines.clone(),
                    gap,
                    g.which,
                    format!("date of {text}"),
                ) {
                    o.rects.push(l.rect);
                    return Some(l);
                }
            }
        }
    }
    None
}

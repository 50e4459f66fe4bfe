//! The briefing map: `map.svg`, drawn by our own writer, from which `map.png` and `map.pdf` are
//! rendered ([`crate::output::raster`]).
//!
//! The map is a transverse Mercator projection on the frame's central meridian ([`proj`]), with
//! geometry clipped to the frame ([`clip`]). Events are drawn by kind ([`symbols`]); where the
//! events crowd one spot the spot is enlarged in an inset. An event known only to an area or a
//! line is drawn as that area (its edge in the kind's colour) or that line (a band along the
//! border, its stretch, or the segment between two places), tagged on its edge: never as a
//! symbol at a point nobody reported. Every event's symbol, area or arrow carries its date in a
//! label. Labels are placed by priority ([`place`]) and dropped, never stacked, when no candidate
//! position is free. Everything that is not drawn — events outside the frame, events located
//! only to a country — is listed in the margin, never silently left out, and so is the date of
//! a drawn event whose label found no room. [`layout`] exposes the placed boxes for tests.

pub mod clip;
mod draw;
mod marginalia;
pub mod place;
pub mod proj;
pub mod svgw;
pub mod symbols;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};

use std::sync::Arc;

use geo::{LineString, MultiPolygon};

use crate::dates::Period;
use crate::error::Result;
use crate::event::{EventKind, Status};
use crate::gazetteer::SiteKind;
use crate::geom::geodesic_km;
use crate::output::mapopts::{Extent, MapOptions};
use crate::output::scene::Scene;
use crate::resolve::{Resolved, Shape, Uncertainty};

pub use clip::Rect;
pub use marginalia::day as marginalia_day;
pub use marginalia::when as date_words;
pub use proj::TransverseMercator;
pub use svgw::escape;

/// The font families the SVG asks for; browsers without the shipped fonts fall back.
pub const FONT_FAMILY: &str = "Noto Sans, Noto Sans Arabic, sans-serif";

/// A part of the page showing the projected map: the main frame or the inset.
#[derive(Debug, Clone)]
pub struct View {
    pub proj: TransverseMercator,
    /// Metres per px on the central meridian.
    pub mpp: f64,
    /// Where the map is drawn on the page.
    pub frame: Rect,
    /// Projected coordinates (m) of the frame's centre.
    pub centre: (f64, f64),
    /// Longitude/latitude box the frame covers (w, s, e, n), with a margin.
    pub lonlat: [f64; 4],
}

impl View {
    fn new(proj: TransverseMercator, mpp: f64, frame: Rect, centre: (f64, f64)) -> View {
        let mut v = View {
            proj,
            mpp,
            frame,
            centre,
            lonlat: [-180.0, -90.0, 180.0, 90.0],
        };
        let f = frame;
        let mut pts = Vec::new();
        for i in 0..=8 {
            let t = i as f64 / 8.0;
            for (x, y) in [
                (f.x0 + t * f.w(), f.y0),
                (f.x0 + t * f.w(), f.y1),
                (f.x0, f.y0 + t * f.h()),
                (f.x1, f.y0 + t * f.h()),
            ] {
                pts.push(v.lonlat(x, y));
            }
        }
        if let Some(b) = clip::bounds(pts) {
            let m = 1.0;
            v.lonlat = [
                (b.x0 - m).max(-180.0),
                (b.y0 - m).max(-90.0),
                (b.x1 + m).min(180.0),
                (b.y1 + m).min(90.0),
            ];
        }
        v
    }

    /// Page position of (lon, lat); `None` for a point the projection cannot show (80 degrees
    /// or more from the central meridian).
    pub fn px(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let dl = (lon - self.proj.lon0 + 540.0).rem_euclid(360.0) - 180.0;
        if dl.abs() >= 80.0 {
            return None;
        }
        let (x, y) = self.proj.forward(lon, lat);
        let p = (
            (self.frame.x0 + self.frame.x1) / 2.0 + (x - self.centre.0) / self.mpp,
            (self.frame.y0 + self.frame.y1) / 2.0 - (y - self.centre.1) / self.mpp,
        );
        (p.0.is_finite() && p.1.is_finite() && p.0.abs() < 1e7 && p.1.abs() < 1e7).then_some(p)
    }

    /// (lon, lat) of a page position.
    pub fn lonlat(&self, x: f64, y: f64) -> (f64, f64) {
        let mx = self.centre.0 + (x - (self.frame.x0 + self.frame.x1) / 2.0) * self.mpp;
        let my = self.centre.1 - (y - (self.frame.y0 + self.frame.y1) / 2.0) * self.mpp;
        self.proj.inverse(mx, my)
    }

    /// Whether a lon/lat box may show in this view (a coarse test that drops far geometry).
    pub fn may_show(&self, b: &Rect) -> bool {
        let [w, s, e, n] = self.lonlat;
        b.x1 >= w && b.x0 <= e && b.y1 >= s && b.y0 <= n
    }

    /// Km per px at a page position, measured geodesically along the x axis.
    pub fn km_per_px_at(&self, x: f64, y: f64) -> f64 {
        let a = self.lonlat(x, y);
        let b = self.lonlat(x + 100.0, y);
        geodesic_km(a, b) / 100.0
    }
}

/// A placed box: a label or a symbol, with what it is.
#[derive(Debug, Clone)]
pub struct Placed {
    pub what: String,
    pub rect: Rect,
}

/// The scale bar as drawn: `km` long, from x0 to x1 at height y (page px).
#[derive(Debug, Clone, Copy)]
pub struct ScaleBar {
    pub km: f64,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
}

/// The map's layout: the views, every placed label and symbol box, and what was left out.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub view: View,
    pub inset: Option<View>,
    /// Label boxes, on the main map and in the inset.
    pub labels: Vec<Placed>,
    /// Symbol boxes: event markers and site symbols.
    pub symbols: Vec<Placed>,
    /// Scale bar, north arrow and inset frame.
    pub furniture: Vec<Placed>,
    pub scale_bar: ScaleBar,
    /// Ids of events drawn on the map.
    pub drawn: Vec<String>,
    /// Ids of events listed in the margin instead (outside the frame, or located only to a
    /// country).
    pub listed: Vec<String>,
    /// Drawn events and the date a label beside their symbol, area or arrow gives them.
    pub dates: BTreeMap<String, String>,
    /// Drawn events whose date label found no room: their dates are listed in the margin.
    pub dated_in_margin: Vec<String>,
    /// Event symbols drawn at a point (a marker's box, with the events it stands for): never
    /// an event known only to an area or a line.
    pub markers: Vec<(Rect, Vec<String>)>,
    /// Events drawn as an area or a line, and the event-area key they are drawn under.
    pub areas: BTreeMap<String, String>,
}

/// How an event's status reads on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Look {
    Reported,
    Hedged,
    Denied,
}

impl Look {
    pub fn of(s: Status) -> Look {
        match s {
            Status::Reported => Look::Reported,
            Status::Planned | Status::Considered => Look::Hedged,
            Status::Denied => Look::Denied,
        }
    }
    /// A representative status for painting.
    pub fn status(self) -> Status {
        match self {
            Look::Reported => Status::Reported,
            Look::Hedged => Status::Considered,
            Look::Denied => Status::Denied,
        }
    }
}

/// One place of an event, as the map needs it.
#[derive(Debug, Clone)]
pub(crate) struct Spot {
    pub key: String,
    pub site_id: Option<String>,
    pub name: String,
    pub name_ar: String,
    pub kind: Option<SiteKind>,
    pub lon: f64,
    pub lat: f64,
    /// Located only to a country (or nowhere): not drawn as a place.
    pub vague: bool,
    pub uncertainty: Uncertainty,
    /// The place comes from a report or a user's file, not from the curated gazetteer: its
    /// marker is ringed with dots.
    pub added: bool,
    /// A site given "between A and B": the ids of A and B, drawn and named as its ends.
    pub between: Option<(String, String)>,
}

impl Spot {
    /// A place drawn as a point (a site within its precision circle).
    pub fn is_point(&self) -> bool {
        matches!(self.uncertainty, Uncertainty::Circle { .. })
    }

    /// An area or a line the map can draw (not a country, not nowhere).
    pub fn drawable_area(&self) -> bool {
        !self.vague
            && match &self.uncertainty {
                Uncertainty::Circle { .. } => false,
                Uncertainty::Area(a) => !a.0.is_empty(),
                Uncertainty::Along { line, .. } => line.0.len() >= 2,
            }
    }

    /// The line of a place along a line.
    pub fn line(&self) -> Option<&Arc<LineString<f64>>> {
        match &self.uncertainty {
            Uncertainty::Along { line, .. } => Some(line),
            _ => None,
        }
    }
}

/// The events at one place (a marker on the map).
#[derive(Debug, Clone)]
pub(crate) struct Location {
    pub spot: Spot,
    /// (kind, look) → number of events.
    pub entries: BTreeMap<(EventKind, Look), usize>,
    pub ids: Vec<String>,
    /// The kind and look of each of `ids`.
    pub id_keys: Vec<(EventKind, Look)>,
    /// The place is an area (the events are located only to it).
    pub area: bool,
    /// The actors of its events (registry ids or verbatim names), and how many different
    /// sets of actors its events have: a marker that merges events of different actors says
    /// so in its label.
    pub actors: BTreeSet<String>,
    pub actor_sets: BTreeSet<Vec<String>>,
    /// The dates of its events by kind and look, in date order.
    pub dates: BTreeMap<(EventKind, Look), Vec<Period>>,
}

impl Location {
    pub fn count(&self) -> usize {
        self.entries.values().sum()
    }

    /// The label of the place: its name, and how many actors when its events are of
    /// different actors ("Albukamal · 4 actors").
    pub fn label(&self) -> String {
        if self.count() > 1 && self.actor_sets.len() > 1 {
            format!("{} · {} actors", self.spot.name, self.actors.len())
        } else {
            self.spot.name.clone()
        }
    }
}

/// A movement to draw: its places, and whether an end is known only to a country.
#[derive(Debug, Clone)]
pub(crate) struct Movement {
    pub id: String,
    pub kind: EventKind,
    pub look: Look,
    /// The places known well enough to draw, in order.
    pub spots: Vec<Spot>,
    /// An origin (drawn as a short dotted tail "from ...") or a destination ("to ...") known
    /// only as an area, a line or a country.
    pub vague_from: Option<Spot>,
    pub vague_to: Option<Spot>,
    /// With no place known as a point: where its dotted arrow goes (see [`Across`]).
    pub across: Option<Across>,
    pub period: Period,
}

impl Movement {
    /// Its places in order: the origin known only as an area or a country, the places known as
    /// points, the destination known only as an area or a country.
    pub fn places(&self) -> impl Iterator<Item = &Spot> {
        self.vague_from
            .iter()
            .chain(self.spots.iter())
            .chain(self.vague_to.iter())
    }

    /// Its places in words: "Syria to Al-Qaim".
    pub fn words(&self) -> String {
        self.places()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(" to ")
    }
}

/// The dotted arrow of a movement between areas: its tip on the edge (or line) of the
/// destination, pointing from the origin; or, to a country, its tip on the origin's edge,
/// pointing out toward the country. Neither end is a place anyone reported.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Across {
    /// (lon, lat) of the tip.
    pub tip: (f64, f64),
    /// (lon, lat) the arrow comes from (its direction only).
    pub from: (f64, f64),
    /// The words go at the tail ("from Anbar Governorate") rather than at the tip ("to Iraq").
    pub words_at_tail: bool,
}

/// An area or a line events are located to, or that a movement starts or ends on: drawn with
/// its edge (or along it) in the colours of those events' kinds.
#[derive(Debug, Clone)]
pub(crate) struct EventArea {
    pub spot: Spot,
    /// The kinds and looks drawn on it, in order.
    pub looks: Vec<(EventKind, Look)>,
    /// The location of the events located to it (its tag), if any.
    pub loc: Option<usize>,
}

/// One cell of the density drawn when there are too many events to draw one by one.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// The cell's centre.
    pub lon: f64,
    pub lat: f64,
    /// Events by kind (in `EventKind::ALL` order).
    pub counts: Vec<u32>,
}

/// What the events give the map, before any placement.
pub(crate) struct Content {
    pub locations: Vec<Location>,
    pub movements: Vec<Movement>,
    /// The areas and lines to draw in the events' colours.
    pub areas: Vec<EventArea>,
    /// Whether the events span more than one calendar year: their dates then show the year.
    pub years: bool,
    /// (place, kind words, id) of events located only to a country.
    pub vague: Vec<(String, String, String)>,
    /// Sites drawn for context or as movement stops: (site, is an event site).
    pub sites: Vec<(Spot, bool)>,
    /// The density of events (empty when they are drawn one by one).
    pub cells: Vec<Cell>,
}

fn spot(r: &Resolved, i: usize) -> Spot {
    let s = &r.stops[i];
    let site = s.site.as_deref();
    let kind = site.map(|x| x.kind);
    let vague = kind == Some(SiteKind::Country)
        || !(s.lon.is_finite() && s.lat.is_finite())
        || s.uncertainty.polygon().is_some_and(|a| a.0.is_empty());
    // an area's stop point stands for the area; a border's for the stretch it names
    let key = match (s.site_id(), &s.uncertainty) {
        (Some(id), Uncertainty::Circle { .. }) => id.to_string(),
        (Some(id), _) => format!("{id}@{:.3},{:.3}", s.lon, s.lat),
        (None, _) => format!("{:.4},{:.4}", s.lon, s.lat),
    };
    Spot {
        key,
        site_id: s.site_id().map(str::to_string),
        name: site
            .map(|x| x.name.clone())
            .unwrap_or_else(|| format!("{:.3}° E, {:.3}° N", s.lon, s.lat)),
        name_ar: site.and_then(|x| x.name_ar.clone()).unwrap_or_default(),
        kind,
        lon: s.lon,
        lat: s.lat,
        vague,
        uncertainty: s.uncertainty.clone(),
        added: site.is_some_and(|x| x.tier == crate::gazetteer::Tier::User),
        between: site.and_then(|x| match &x.relative {
            Some(crate::gazetteer::Relative::Between { a, b }) => Some((a.clone(), b.clone())),
            _ => None,
        }),
    }
}

/// Words for a list of events: "presence ×2, deployment (considered)".
pub(crate) fn kinds_words(items: &[(EventKind, Status)]) -> String {
    let mut counts: BTreeMap<(EventKind, Status), usize> = BTreeMap::new();
    for it in items {
        *counts.entry(*it).or_default() += 1;
    }
    counts
        .iter()
        .map(|((k, s), n)| {
            let mut w = k.as_str().to_string();
            if *s != Status::Reported {
                w.push_str(&format!(" ({})", s.as_str()));
            }
            if *n > 1 {
                w.push_str(&format!(" ×{n}"));
            }
            w
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The calendar years the events' dates touch (their first and last days).
pub(crate) fn years(scene: &Scene<'_>) -> BTreeSet<i32> {
    use chrono::Datelike;
    let mut ys = BTreeSet::new();
    if scene.detailed {
        for r in &scene.events {
            ys.insert(r.event.period.start.year());
            ys.insert(r.event.period.end.year());
        }
    } else {
        ys.extend(scene.stats.by_start.keys().map(|(d, _, _)| d.year()));
        ys.extend(scene.stats.last_end.map(|d| d.year()));
    }
    ys
}

/// Where the segment from `a` to `b` (lon, lat) first enters `area`, refined to about 1/2000
/// of its length; `None` when it never does or starts inside.
fn entry_point(area: &MultiPolygon<f64>, a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    use geo::Contains;
    let at = |t: f64| (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
    let inside = |t: f64| {
        let p = at(t);
        area.contains(&geo::Point::new(p.0, p.1))
    };
    if inside(0.0) {
        return None;
    }
    let n = 64;
    let k = (1..=n).find(|&k| inside(k as f64 / n as f64))?;
    let (mut lo, mut hi) = ((k - 1) as f64 / n as f64, k as f64 / n as f64);
    for _ in 0..5 {
        let mid = (lo + hi) / 2.0;
        if inside(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(at(hi))
}

/// The point of `line` nearest to `p` (lon, lat), on a local plane.
pub(crate) fn nearest_on_line(line: &LineString<f64>, p: (f64, f64)) -> Option<(f64, f64)> {
    let k = p.1.to_radians().cos().max(0.01);
    let mut best: Option<(f64, (f64, f64))> = None;
    for w in line.0.windows(2) {
        let (ax, ay) = ((w[0].x - p.0) * k, w[0].y - p.1);
        let (bx, by) = ((w[1].x - p.0) * k, w[1].y - p.1);
        let (dx, dy) = (bx - ax, by - ay);
        let l2 = dx * dx + dy * dy;
        let t = if l2 > 0.0 {
            (-(ax * dx + ay * dy) / l2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (x, y) = (ax + t * dx, ay + t * dy);
        let d = x.hypot(y);
        if d.is_finite() && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, (x / k + p.0, y + p.1)));
        }
    }
    best.map(|b| b.1)
}

/// Where the dotted arrow of a movement between areas goes (see [`Across`]).
fn across(o: &Spot, d: &Spot) -> Option<Across> {
    let (po, pd) = ((o.lon, o.lat), (d.lon, d.lat));
    if d.drawable_area() {
        let tip = match &d.uncertainty {
            Uncertainty::Along { line, .. } => nearest_on_line(line, po)?,
            Uncertainty::Area(a) => entry_point(a, po, pd)?,
            Uncertainty::Circle { .. } => return None,
        };
        return Some(Across {
            tip,
            from: po,
            words_at_tail: true,
        });
    }
    if o.drawable_area() {
        // out of the origin toward a country: the last point of the origin on the way
        let tip = match &o.uncertainty {
            Uncertainty::Area(a) => entry_point(a, pd, po)?,
            Uncertainty::Along { line, .. } => nearest_on_line(line, pd)?,
            _ => return None,
        };
        return Some(Across {
            tip,
            from: (2.0 * tip.0 - pd.0, 2.0 * tip.1 - pd.1),
            words_at_tail: false,
        });
    }
    None
}

fn content(scene: &Scene<'_>) -> Content {
    let resolved = &scene.events;
    let mut locs: BTreeMap<String, Location> = BTreeMap::new();
    let mut movements = Vec::new();
    type Listed = (Vec<(EventKind, Status)>, Vec<String>);
    let mut vague: BTreeMap<String, Listed> = BTreeMap::new();
    let mut stop_sites: BTreeSet<String> = BTreeSet::new();
    // areas and lines, by key: the spot and the looks of the movements on them
    let mut move_areas: BTreeMap<String, (Spot, BTreeSet<(EventKind, Look)>)> = BTreeMap::new();
    // the two places a "between" segment runs between are drawn and named
    let note_between = |s: &Spot, stop_sites: &mut BTreeSet<String>| {
        if let Some((a, b)) = &s.between {
            stop_sites.insert(a.clone());
            stop_sites.insert(b.clone());
        }
    };
    for r in resolved {
        let e = &r.event;
        let id = r.id();
        let look = Look::of(e.status);
        let spots: Vec<Spot> = (0..r.stops.len()).map(|i| spot(r, i)).collect();
        match &r.shape {
            Shape::Point(..) => {
                let Some(s) = spots.into_iter().next() else {
                    continue;
                };
                if s.vague {
                    let v = vague.entry(s.name.clone()).or_default();
                    v.0.push((e.kind, e.status));
                    v.1.push(id);
                    continue;
                }
                note_between(&s, &mut stop_sites);
                let area = !s.is_point();
                let l = locs.entry(s.key.clone()).or_insert_with(|| Location {
                    spot: s,
                    entries: BTreeMap::new(),
                    ids: Vec::new(),
                    id_keys: Vec::new(),
                    area,
                    actors: BTreeSet::new(),
                    actor_sets: BTreeSet::new(),
                    dates: BTreeMap::new(),
                });
                *l.entries.entry((e.kind, look)).or_default() += 1;
                l.dates.entry((e.kind, look)).or_default().push(e.period);
                l.ids.push(id);
                l.id_keys.push((e.kind, look));
                let mut set: Vec<String> = e.actors.iter().map(|a| a.key().to_string()).collect();
                set.sort();
                set.dedup();
                l.actors.extend(set.iter().cloned());
                l.actor_sets.insert(set);
            }
            Shape::Line(_) => {
                let firm: Vec<Spot> = spots.iter().filter(|s| s.is_point()).cloned().collect();
                let first = spots.first().filter(|s| !s.is_point()).cloned();
                let last = spots.last().filter(|s| !s.is_point()).cloned();
                let across = if firm.is_empty() {
                    match (spots.first(), spots.last()) {
                        (Some(o), Some(d)) if spots.len() > 1 => across(o, d),
                        _ => None,
                    }
                } else {
                    None
                };
                if firm.is_empty() && across.is_none() {
                    let place = spots
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" to ");
                    let v = vague.entry(place).or_default();
                    v.0.push((e.kind, e.status));
                    v.1.push(id);
                    continue;
                }
                for s in &firm {
                    if let Some(sid) = &s.site_id {
                        stop_sites.insert(sid.clone());
                    }
                }
                for s in spots.iter().filter(|s| s.drawable_area()) {
                    note_between(s, &mut stop_sites);
                    move_areas
                        .entry(s.key.clone())
                        .or_insert_with(|| (s.clone(), BTreeSet::new()))
                        .1
                        .insert((e.kind, look));
                }
                movements.push(Movement {
                    id,
                    kind: e.kind,
                    look,
                    spots: firm,
                    vague_from: first,
                    vague_to: if spots.len() > 1 { last } else { None },
                    across,
                    period: e.period,
                });
            }
        }
    }
    // the areas and lines drawn in the events' colours: those events are located to, then
    // those movements start or end on
    let locations: Vec<Location> = locs.into_values().collect();
    let mut areas: Vec<EventArea> = Vec::new();
    for (i, l) in locations.iter().enumerate() {
        if !l.area {
            continue;
        }
        let mut looks: Vec<(EventKind, Look)> = l.entries.keys().copied().collect();
        if let Some((_, more)) = move_areas.remove(&l.spot.key) {
            looks.extend(more.into_iter().filter(|x| !l.entries.contains_key(x)));
        }
        areas.push(EventArea {
            spot: l.spot.clone(),
            looks,
            loc: Some(i),
        });
    }
    for (_, (spot, looks)) in move_areas {
        areas.push(EventArea {
            spot,
            looks: looks.into_iter().collect(),
            loc: None,
        });
    }
    // context sites: the corridor's cities, crossings and towns, and the movements' stops
    let marked: BTreeSet<String> = locations
        .iter()
        .filter(|l| !l.area)
        .filter_map(|l| l.spot.site_id.clone())
        .collect();
    let mut sites = Vec::new();
    let mut seen_pos: BTreeSet<(i64, i64)> = BTreeSet::new();
    let mut ids: Vec<(&str, bool)> = stop_sites.iter().map(|s| (s.as_str(), true)).collect();
    for s in &scene.context {
        ids.push((&s.id, false));
    }
    // the sites behind the ids: movement stops and context sites
    let mut by_id: BTreeMap<&str, &crate::gazetteer::Site> = BTreeMap::new();
    for s in &scene.context {
        by_id.insert(&s.id, s);
    }
    for r in resolved {
        for st in &r.stops {
            if let Some(site) = &st.site {
                by_id.entry(&site.id).or_insert(site);
                if let Some(crate::gazetteer::Relative::Between { a, b }) = &site.relative {
                    for end in [a, b] {
                        if let Some(x) = scene.named_sites.iter().find(|x| &x.id == end) {
                            by_id.entry(&x.id).or_insert(x);
                        }
                    }
                }
            }
        }
    }
    // marked places and places already listed come first; two sites at one point draw once
    for l in locations.iter().filter(|l| !l.area) {
        seen_pos.insert((
            (l.spot.lon * 1e4).round() as i64,
            (l.spot.lat * 1e4).round() as i64,
        ));
    }
    for (id, ev) in ids {
        if marked.contains(id) {
            continue;
        }
        let Some(site) = by_id.get(id).copied() else {
            continue;
        };
        if !site.kind.is_point() {
            continue;
        }
        let p = (
            (site.lon * 1e4).round() as i64,
            (site.lat * 1e4).round() as i64,
        );
        if !seen_pos.insert(p) {
            continue;
        }
        sites.push((
            Spot {
                key: site.id.clone(),
                site_id: Some(site.id.clone()),
                name: site.name.clone(),
                name_ar: site.name_ar.clone().unwrap_or_default(),
                kind: Some(site.kind),
                lon: site.lon,
                lat: site.lat,
                vague: false,
                uncertainty: Uncertainty::Circle {
                    lon: site.lon,
                    lat: site.lat,
                    radius_m: site.precision_m,
                },
                added: site.tier == crate::gazetteer::Tier::User,
                between: None,
            },
            ev,
        ));
    }
    let mut cells = Vec::new();
    let cell_deg = scene.density.cell_deg;
    if !scene.detailed {
        for (x, y, counts) in scene.density.sorted() {
            if counts.iter().any(|c| *c > 0) {
                cells.push(Cell {
                    lon: x + cell_deg / 2.0,
                    lat: y + cell_deg / 2.0,
                    counts: counts.to_vec(),
                });
            }
        }
    }
    Content {
        cells,
        locations,
        movements,
        areas,
        years: years(scene).len() > 1,
        vague: vague
            .into_iter()
            .flat_map(|(place, (items, ids))| {
                let words = kinds_words(&items);
                ids.into_iter()
                    .map(move |id| (place.clone(), words.clone(), id))
                    .collect::<Vec<_>>()
            })
            .collect(),
        sites,
    }
}

/// The lon/lat box the map must show.
fn extent(opts: &MapOptions, scene: &Scene<'_>, c: &Content) -> [f64; 4] {
    if let Some(b) = opts.bbox {
        return b;
    }
    let border = scene.basemap.border;
    let mut pts: Vec<(f64, f64)> = Vec::new();
    let corridor = |pts: &mut Vec<(f64, f64)>| {
        pts.extend(border.line.0.iter().map(|c| (c.x, c.y)));
        pts.extend(scene.basemap.corridor_ends.iter().copied());
    };
    let margin = match opts.extent {
        Extent::Corridor => {
            corridor(&mut pts);
            0.25
        }
        Extent::Region => {
            use geo::BoundingRect;
            for cn in border
                .countries
                .iter()
                .filter(|c| c.code == "IQ" || c.code == "SY")
            {
                if let Some(r) = cn.shape.bounding_rect() {
                    pts.push((r.min().x, r.min().y));
                    pts.push((r.max().x, r.max().y));
                }
            }
            if pts.is_empty() {
                corridor(&mut pts);
            }
            0.3
        }
        Extent::Auto => {
            // the events' places near the basemap; far places (Minsk, Moscow) go to the margin
            let near =
                |lon: f64, lat: f64| (25.0..=60.0).contains(&lon) && (24.0..=44.0).contains(&lat);
            for l in &c.locations {
                if near(l.spot.lon, l.spot.lat) {
                    pts.push((l.spot.lon, l.spot.lat));
                }
            }
            for m in &c.movements {
                for s in &m.spots {
                    if near(s.lon, s.lat) {
                        pts.push((s.lon, s.lat));
                    }
                }
            }
            for cell in &c.cells {
                if near(cell.lon, cell.lat) {
                    pts.push((cell.lon, cell.lat));
                }
            }
            if pts.is_empty() {
                corridor(&mut pts);
            }
            0.3
        }
    };
    let b = clip::bounds(pts).unwrap_or(Rect::new(38.5, 33.0, 43.0, 37.5));
    let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
    let hw = (b.w() / 2.0 + margin).max(0.3);
    let hh = (b.h() / 2.0 + margin).max(0.3);
    [cx - hw, (cy - hh).max(-85.0), cx + hw, (cy + hh).min(85.0)]
}

/// A view framing `ext` (w, s, e, n) in `frame`, true scale on the extent's central meridian.
pub fn fit_view(ext: [f64; 4], frame: Rect) -> View {
    let [w, s, e, n] = ext;
    let lon0 = (w + e) / 2.0;
    let lat0 = ((s + n) / 2.0).clamp(-85.0, 85.0);
    let proj = TransverseMercator::new(lon0, lat0);
    let mut pts = Vec::new();
    for i in 0..=16 {
        let t = i as f64 / 16.0;
        for (lon, lat) in [
            (w + t * (e - w), s),
            (w + t * (e - w), n),
            (w, s + t * (n - s)),
            (e, s + t * (n - s)),
        ] {
            let dl = lon - lon0;
            if dl.abs() < 80.0 {
                pts.push(proj.forward(lon, lat));
            }
        }
    }
    let b = clip::bounds(pts).unwrap_or(Rect::new(-1e5, -1e5, 1e5, 1e5));
    let mpp = (b.w() / frame.w()).max(b.h() / frame.h()).max(1.0);
    View::new(proj, mpp, frame, ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0))
}

/// Everything the map needs from one run.
pub struct MapInput<'a, 's> {
    pub scene: &'a Scene<'s>,
    pub opts: &'a MapOptions,
}

/// Builds the map: its layout and its SVG text.
pub fn build(input: &MapInput<'_, '_>) -> Result<(Layout, String)> {
    let fonts = text::Fonts::load()?;
    let c = content(input.scene);
    let ext = extent(input.opts, input.scene, &c);
    let page = marginalia::Page::new(input, &fonts);
    let view = fit_view(ext, page.map_frame);
    let mut plan = place::plan(input, &c, &page, view, &fonts);
    let svg = draw::document(input, &c, &page, &mut plan, &fonts);
    Ok((plan.layout, svg))
}

/// The map's layout (placed boxes, scale bar, views) for a scene.
pub fn layout(scene: &Scene<'_>, opts: &MapOptions) -> Result<Layout> {
    Ok(build(&MapInput { scene, opts })?.0)
}

/// `map.svg` for a scene.
pub fn svg(scene: &Scene<'_>, opts: &MapOptions) -> Result<String> {
    Ok(build(&MapInput { scene, opts })?.1)
}

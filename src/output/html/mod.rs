//! `map.html`: the interactive map in one offline file.
//!
//! The page is made of Leaflet (vendored from npm in `vendor/leaflet`, BSD-2-Clause), the
//! page's own script and style (`page.js`, `page.css`), the shipped fonts, and the data: the
//! basemap (countries, governorates, border, rivers), the sites with their English and Arabic
//! names, the curated gazetteer's names for the search box, the palette and symbol shapes the
//! SVG map draws, and one record per event. Nothing is fetched: a Content-Security-Policy in
//! the page forbids any request but `data:` and `blob:`.
//!
//! The events come from the same pass that feeds the feature sinks and the scene:
//! [`HtmlEvents::add`] writes each event's record to an unnamed temporary file in the staging
//! folder as it streams past, so a million rows cost the same memory as a thousand; the page
//! is then assembled from the scene (basemap, sites) and that file. The records are positional
//! arrays (see `FIELDS` in `page.js`), read by the page once.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use base64::Engine;
use geo::MultiPolygon;
use serde_json::{json, Value as J};

use super::map::symbols::shape_path;
use super::palette::Palette;
use super::scene::Scene;
use crate::actors::Actors;
use crate::error::{Error, Result};
use crate::event::{ActorRef, EventKind, ImportText, Status};
use crate::resolve::{Resolved, Shape, Uncertainty};

const LEAFLET_JS: &str = include_str!("../../../vendor/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../../vendor/leaflet/leaflet.css");
const LEAFLET_IMAGES: [(&str, &[u8]); 3] = [
    (
        "images/layers.png",
        include_bytes!("../../../vendor/leaflet/images/layers.png"),
    ),
    (
        "images/layers-2x.png",
        include_bytes!("../../../vendor/leaflet/images/layers-2x.png"),
    ),
    (
        "images/marker-icon.png",
        include_bytes!("../../../vendor/leaflet/images/marker-icon.png"),
    ),
];
const PAGE_JS: &str = include_str!("page.js");
const PAGE_CSS: &str = include_str!("page.css");

/// Events whose quote and notes the page keeps whole; beyond this many, each text is cut to
/// [`TEXT_CUT`] characters (the GeoJSON layers keep it whole), so that 100,000 imported rows
/// stay a file an email can carry.
pub const TEXT_WHOLE: u64 = 2_000;
/// Characters of a quote or note kept beyond [`TEXT_WHOLE`] events.
pub const TEXT_CUT: usize = 160;
/// Events that keep any text; beyond this many the page holds each event's figures (kind,
/// status, dates, place, actors, source, grading, border figures) and its card points to the
/// GeoJSON layers for the words, so that a million rows stay a file a browser can open.
pub const TEXT_KEPT: u64 = 250_000;
/// Distinct source lists kept in the page's table at most; beyond, each row carries its own.
const INTERN_CAP: usize = 20_000;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Rounds to `d` decimals for the page (coordinates to 5 decimals are about a metre).
fn r(v: f64, d: i32) -> J {
    if !v.is_finite() {
        return J::Null;
    }
    serde_json::Number::from_f64(super::fields::round(v, d)).map_or(J::Null, J::Number)
}

fn pt(lon: f64, lat: f64) -> J {
    J::Array(vec![r(lon, 5), r(lat, 5)])
}

/// A polygon set as nested arrays, rounded to `d` decimals, repeated points dropped.
fn polys(mp: &MultiPolygon<f64>, d: i32) -> J {
    let p = 10f64.powi(d);
    let ring = |ls: &geo::LineString<f64>| {
        let mut out: Vec<J> = Vec::new();
        let mut last = (i64::MIN, i64::MIN);
        for c in &ls.0 {
            if !(c.x.is_finite() && c.y.is_finite()) {
                continue;
            }
            let k = ((c.x * p).round() as i64, (c.y * p).round() as i64);
            if k != last {
                out.push(J::Array(vec![r(c.x, d), r(c.y, d)]));
                last = k;
            }
        }
        J::Array(out)
    };
    J::Array(
        mp.0.iter()
            .map(|poly| {
                let mut rings = vec![ring(poly.exterior())];
                rings.extend(poly.interiors().iter().map(ring));
                J::Array(rings)
            })
            .collect(),
    )
}

fn line(pts: &[(f64, f64)], d: i32) -> J {
    J::Array(
        pts.iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|(x, y)| J::Array(vec![r(*x, d), r(*y, d)]))
            .collect(),
    )
}

fn days(d: chrono::NaiveDate) -> i64 {
    (d - chrono::NaiveDate::default()).num_days()
}

/// How much of an event's texts the page keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Texts {
    Whole,
    Cut,
    None,
}

fn cut(s: &str) -> String {
    if s.chars().count() <= TEXT_CUT {
        return s.to_string();
    }
    let mut t: String = s.chars().take(TEXT_CUT).collect();
    t.push('…');
    t
}

/// Values that many events share, numbered in the order they first appear.
struct Interner<K> {
    index: HashMap<K, usize>,
    rows: Vec<J>,
}

impl<K: std::hash::Hash + Eq> Interner<K> {
    fn new() -> Self {
        Interner {
            index: HashMap::new(),
            rows: Vec::new(),
        }
    }
    fn get(&mut self, key: K, row: impl FnOnce() -> J) -> usize {
        if let Some(i) = self.index.get(&key) {
            return *i;
        }
        self.rows.push(row());
        self.index.insert(key, self.rows.len() - 1);
        self.rows.len() - 1
    }
}

/// The page's event records, spooled to disk while the events stream past.
pub struct HtmlEvents {
    spool: BufWriter<File>,
    shown: String,
    count: u64,
    actors: Interner<ActorRef>,
    sources: Interner<String>,
    /// Areas an event is located to (governorates, stretches of border), once each.
    areas: Interner<(String, usize, i64, i64)>,
    /// ACLED / UCDP event and sub-event types, and source lists, once each.
    types: Interner<(String, String)>,
    texts: Interner<String>,
    imported: bool,
}

impl HtmlEvents {
    /// A spool in `dir` (the staging folder); it has no name, so nothing is left behind.
    pub fn new(dir: &Path, shown: String) -> Result<HtmlEvents> {
        let f = tempfile::tempfile_in(dir).map_err(|e| Error::io(&shown, e))?;
        Ok(HtmlEvents {
            spool: BufWriter::with_capacity(1 << 16, f),
            shown,
            count: 0,
            actors: Interner::new(),
            sources: Interner::new(),
            areas: Interner::new(),
            types: Interner::new(),
            texts: Interner::new(),
            imported: false,
        })
    }

    /// One event's record.
    pub fn add(&mut self, rv: &Resolved, actors: &Actors) -> Result<()> {
        let e = &rv.event;
        let texts = if self.count < TEXT_WHOLE {
            Texts::Whole
        } else if self.count < TEXT_KEPT {
            Texts::Cut
        } else {
            Texts::None
        };
        let actor_ix: Vec<J> = e
            .actors
            .iter()
            .map(|a| {
                J::from(self.actors.get(a.clone(), || match a {
                    ActorRef::Known(id) => {
                        let name = actors.get(id).map_or(id.as_str(), |x| x.name.as_str());
                        json!([id, name])
                    }
                    ActorRef::Named(n) => json!([J::Null, n]),
                }))
            })
            .collect();
        let s = &e.source;
        let src = self.sources.get(s.id.clone(), || {
            json!([
                s.id,
                s.publisher,
                s.title,
                s.url,
                s.published.map(|d| d.format("%Y-%m-%d").to_string()),
                s.format.as_str()
            ])
        });
        let geom = match &rv.shape {
            Shape::Point(x, y) => pt(*x, *y),
            Shape::Line(p) => line(p, 5),
        };
        let point = match &rv.shape {
            Shape::Point(x, y) => Some((*x, *y)),
            Shape::Line(_) => None,
        };
        let mut unc = Vec::new();
        for st in &rv.stops {
            match &st.uncertainty {
                Uncertainty::Circle { lon, lat, radius_m } => {
                    if lon.is_finite() && lat.is_finite() && radius_m.is_finite() {
                        let rad = radius_m.round() as i64;
                        if point == Some((*lon, *lat)) {
                            // centred on the event's point
                            unc.push(json!([0, rad]));
                        } else {
                            unc.push(json!([0, rad, r(*lon, 5), r(*lat, 5)]));
                        }
                    }
                }
                // a place along a line (a stretch of border, between two places) is drawn as
                // the line's band: an area, never a point
                Uncertainty::Area(a) | Uncertainty::Along { area: a, .. } => {
                    let first =
                        a.0.first()
                            .and_then(|p| p.exterior().0.first())
                            .map_or((0, 0), |c| ((c.x * 1e5) as i64, (c.y * 1e5) as i64));
                    let n = a.0.iter().map(|p| p.exterior().0.len()).sum();
                    let id = st.site_id().unwrap_or_default().to_string();
                    let name = st.site.as_deref().map_or(String::new(), |x| x.name.clone());
                    let ix = self.areas.get((id.clone(), n, first.0, first.1), || {
                        json!([id, name, polys(a, 4)])
                    });
                    unc.push(json!([1, ix]));
                }
            }
        }
        let extra = match &e.import {
            Some(i) => {
                self.imported = true;
                let ty = self.types.get(
                    (
                        i.text(ImportText::EventType).to_string(),
                        i.text(ImportText::SubEventType).to_string(),
                    ),
                    || {
                        json!([
                            i.text(ImportText::EventType),
                            i.text(ImportText::SubEventType)
                        ])
                    },
                );
                let srcs = i.text(ImportText::Sources);
                let srcs = if texts == Texts::None {
                    J::Null
                } else {
                    if self.texts.rows.len() < INTERN_CAP || self.texts.index.contains_key(srcs) {
                        J::from(self.texts.get(srcs.to_string(), || J::from(srcs)))
                    } else {
                        J::from(srcs)
                    }
                };
                json!([
                    ty,
                    i.fatalities,
                    srcs,
                    rv.stops
                        .iter()
                        .find_map(|s| s.near.as_ref())
                        .map(|n| json!([n.site.name, r(n.km, 1)])),
                ])
            }
            None => J::Null,
        };
        // the sites the stops name; null for coordinates as given
        let stops: Vec<J> = rv
            .stops
            .iter()
            .map(|s| s.site_id().map_or(J::Null, J::from))
            .collect();
        let text = |t: &str| match texts {
            Texts::Whole => J::from(t),
            Texts::Cut => J::from(cut(t)),
            Texts::None => J::Null,
        };
        let rec = json!([
            e.id,
            e.kind.index(),
            status_index(e.status),
            days(e.period.start),
            days(e.period.end),
            e.period.precision.as_str(),
            geom,
            actor_ix,
            src,
            e.grading(),
            text(&e.place),
            text(&e.quote),
            text(&e.notes),
            e.date_note.as_deref().map(text),
            e.geo_precision,
            e.where_prec,
            if rv.precision_m.is_finite() {
                J::from(rv.precision_m.round() as i64)
            } else {
                J::Null
            },
            r(rv.border_km, 1),
            rv.side.code(),
            r(rv.chainage_km, 1),
            unc,
            stops,
            r(rv.length_km, 1),
            u8::from(rv.crosses_border),
            extra,
            rv.stops
                .iter()
                .map(|s| J::from(super::fields::position(s)))
                .collect::<Vec<J>>(),
        ]);
        let w = &mut self.spool;
        (|| {
            if self.count > 0 {
                w.write_all(b",\n")?;
            }
            let t = rec.to_string();
            // a quote may hold "</script>": escaped as JSON allows, so the page cannot break
            if t.contains('<') || t.contains('\u{2028}') || t.contains('\u{2029}') {
                w.write_all(script_safe(&t).as_bytes())?;
            } else {
                w.write_all(t.as_bytes())?;
            }
            std::io::Result::Ok(())
        })()
        .map_err(|e| Error::io(&self.shown, e))?;
        self.count += 1;
        Ok(())
    }
}

fn status_index(s: Status) -> usize {
    STATUSES.iter().position(|x| *x == s).unwrap_or(0)
}

const STATUSES: [Status; 4] = [
    Status::Reported,
    Status::Planned,
    Status::Considered,
    Status::Denied,
];

/// The corridor with a margin: the border and the Euphrates towns beyond it.
fn corridor_box(scene: &Scene<'_>) -> [f64; 4] {
    let b = scene.basemap;
    let pts = b
        .border
        .line
        .0
        .iter()
        .map(|c| (c.x, c.y))
        .chain(b.corridor_ends.iter().copied());
    let mut bx = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (x, y) in pts {
        bx = [bx[0].min(x), bx[1].min(y), bx[2].max(x), bx[3].max(y)];
    }
    if !bx.iter().all(|v| v.is_finite()) {
        return [38.5, 33.0, 43.0, 37.5];
    }
    [bx[0] - 0.25, bx[1] - 0.25, bx[2] + 0.25, bx[3] + 0.25]
}

/// The palette and the symbol shapes, as the SVG map draws them.
fn looks() -> J {
    let p = Palette::get();
    let kinds: Vec<J> = EventKind::ALL
        .iter()
        .map(|k| {
            let l = p.kind(*k);
            json!({
                "id": k.as_str(),
                "colour": l.colour,
                "shape": l.map_shape,
                // path data 20 units across, centred on 0,0: the page scales it
                "path": shape_path(&l.map_shape, 0.0, 0.0, 20.0),
                // fill and stroke by status, in STATUSES order, as the SVG map paints them
                "paint": STATUSES.iter().map(|st| {
                    let (fill, stroke) = p.status_paint(*k, *st);
                    json!([fill, stroke])
                }).collect::<Vec<J>>(),
            })
        })
        .collect();
    let statuses: Vec<J> = STATUSES.iter().map(|s| J::from(s.as_str())).collect();
    json!({
        "kinds": kinds,
        "statuses": statuses,
        "denied": p.denied(),
        "denied_fill": p.status_paint(EventKind::ALL[0], Status::Denied).0,
        "hedged_fill": p.status_paint(EventKind::ALL[0], Status::Planned).0,
    })
}

/// Countries, governorates, border and rivers.
fn basemap(scene: &Scene<'_>) -> J {
    let b = scene.basemap;
    let countries: Vec<J> = b
        .border
        .countries
        .iter()
        .map(|c| json!([c.code, c.name, polys(&c.shape, 3)]))
        .collect();
    // the governorates and regions: the country outlines are drawn already
    let areas: Vec<J> = scene
        .basemap_areas
        .iter()
        .map(|(s, mp)| json!([s.id, s.name, s.name_ar, polys(mp, 3)]))
        .collect();
    let rivers: Vec<J> = b
        .rivers
        .iter()
        .map(|rv| {
            let p: Vec<(f64, f64)> = rv.line.0.iter().map(|c| (c.x, c.y)).collect();
            json!([rv.name, rv.name_ar, line(&p, 4)])
        })
        .collect();
    let border: Vec<(f64, f64)> = b.border.line.0.iter().map(|c| (c.x, c.y)).collect();
    json!({
        "countries": countries,
        "areas": areas,
        "border": line(&border, 5),
        "border_km": r(b.border.length_km(), 1),
        "rivers": rivers,
    })
}

/// The sites drawn with labels (those the events use and the corridor's context), and every
/// curated site's names for the search box, each with its folded key.
fn sites(scene: &Scene<'_>) -> (J, J) {
    let drawn: Vec<J> = scene
        .sites
        .iter()
        .map(|s| {
            json!([
                s.id,
                s.name,
                s.name_ar,
                s.kind.as_str(),
                r(s.lon, 5),
                r(s.lat, 5),
                s.country,
                s.corridor
            ])
        })
        .collect();
    let mut search = Vec::new();
    for s in &scene.named_sites {
        let mut names: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for n in s.names() {
            if !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
            let k = crate::fold::exact_key(n);
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
            }
        }
        search.push(json!([
            s.id,
            s.name,
            s.name_ar,
            s.kind.as_str(),
            s.country,
            r(s.lon, 5),
            r(s.lat, 5),
            names,
            keys
        ]));
    }
    (J::Array(drawn), J::Array(search))
}

/// The registry, for the actor filter's umbrella groups.
fn registry(actors: &Actors) -> J {
    J::Array(
        actors
            .all()
            .iter()
            .map(|a| json!([a.id, a.name, a.parent]))
            .collect(),
    )
}

/// JSON made safe inside `<script>`: every `<` (only strings can hold one) and the line
/// separators written as JSON escapes, so no text can close or open an element.
fn script_safe(s: &str) -> String {
    s.replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Leaflet's stylesheet with its images inlined.
fn leaflet_css() -> String {
    let mut css = LEAFLET_CSS.to_string();
    for (name, bytes) in LEAFLET_IMAGES {
        css = css.replace(
            &format!("url({name})"),
            &format!("url(data:image/png;base64,{})", b64(bytes)),
        );
    }
    css
}

fn fonts_css() -> String {
    use super::fonts::{NOTO_SANS_ARABIC, NOTO_SANS_REGULAR};
    format!(
        "@font-face{{font-family:'BM Noto Sans';src:url(data:font/ttf;base64,{})format('truetype');}}\n\
         @font-face{{font-family:'BM Noto Sans Arabic';src:url(data:font/ttf;base64,{})format('truetype');}}\n",
        b64(NOTO_SANS_REGULAR),
        b64(NOTO_SANS_ARABIC)
    )
}

/// Writes `map.html` to `out` from the scene and the spooled events.
pub fn write(
    scene: &Scene<'_>,
    opts: &super::mapopts::MapOptions,
    mut ev: HtmlEvents,
    out: &mut dyn Write,
) -> Result<()> {
    let shown = ev.shown.clone();
    let io = |e: std::io::Error| Error::io(&shown, e);
    ev.spool.flush().map_err(io)?;
    let mut spool = ev.spool.into_inner().map_err(|e| io(e.into_error()))?;
    spool.seek(SeekFrom::Start(0)).map_err(io)?;
    let title = opts.title.as_str();
    let bbox = opts.bbox.unwrap_or_else(|| corridor_box(scene));
    let st = &scene.stats;
    let fmt = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let (drawn, search) = sites(scene);
    let meta = json!({
        "title": title,
        "count": ev.count,
        "first": fmt(st.first_start),
        "last": fmt(st.last_end),
        "newest_published": fmt(st.newest_published),
        "bbox": [bbox[0], bbox[1], bbox[2], bbox[3]],
        "text_whole": TEXT_WHOLE,
        "text_cut": TEXT_CUT,
        "text_kept": TEXT_KEPT,
        "imported": ev.imported,
    });
    let tables = json!({
        "meta": meta,
        "looks": looks(),
        "basemap": basemap(scene),
        "sites": drawn,
        "search": search,
        "registry": registry(scene.actors),
        "actors": J::Array(ev.actors.rows),
        "sources": J::Array(ev.sources.rows),
        "types": J::Array(ev.types.rows),
        "texts": J::Array(ev.texts.rows),
        "areas": J::Array(ev.areas.rows),
    });
    let tables = script_safe(&serde_json::to_string(&tables).map_err(|e| io(e.into()))?);
    let csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
               img-src data: blob:; font-src data:; connect-src 'none'";
    let head = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"bordermap {}\">\n\
         <title>{}</title>\n<style>\n{}\n</style>\n<style>\n{}</style>\n<style>\n{}\n</style>\n</head>\n",
        env!("CARGO_PKG_VERSION"),
        html_escape(title),
        leaflet_css(),
        fonts_css(),
        PAGE_CSS
    );
    out.write_all(head.as_bytes()).map_err(io)?;
    out.write_all(BODY.as_bytes()).map_err(io)?;
    out.write_all(b"<script id=\"bm-tables\" type=\"application/json\">")
        .map_err(io)?;
    out.write_all(tables.as_bytes()).map_err(io)?;
    out.write_all(b"</script>\n<script id=\"bm-events\" type=\"application/json\">[\n")
        .map_err(io)?;
    std::io::copy(&mut spool, out).map_err(io)?;
    out.write_all(b"\n]</script>\n<script>\n").map_err(io)?;
    out.write_all(LEAFLET_JS.as_bytes()).map_err(io)?;
    out.write_all(b"\n</script>\n<script>\n").map_err(io)?;
    out.write_all(PAGE_JS.as_bytes()).map_err(io)?;
    out.write_all(b"\n</script>\n</body>\n</html>\n")
        .map_err(io)?;
    Ok(())
}

/// The page's body: the map, the panel of filters and the slider, the event list and card.
const BODY: &str = include_str!("body.html");

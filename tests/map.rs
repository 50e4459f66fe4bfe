//! The briefing map: projection, clipping, escaping, layout (no overlaps, a true scale bar),
//! well-formed and deterministic SVG, bad input that still draws, and the raster outputs.

use bordermap::actors::Actors;
use bordermap::basemap::Basemap;
use bordermap::border::{geodesic_km, Border};
use bordermap::gazetteer::Gazetteer;
use bordermap::output::map::clip::{clip_line, clip_ring, clip_segment, Rect};
use bordermap::output::map::{self, escape, TransverseMercator};
use bordermap::output::mapopts::{Extent, MapOptions};
use bordermap::output::scene::Scene;
use bordermap::output::{charts, raster};
use bordermap::report::{self, Report};
use bordermap::resolve::{resolve_all, Filter, Resolved, Resolver};

struct Data {
    gaz: Gazetteer,
    border: Border,
    actors: Actors,
    reports: Vec<Report>,
}

fn data() -> Data {
    let gaz = Gazetteer::builtin().unwrap();
    let border = Border::builtin().unwrap();
    let actors = Actors::builtin().unwrap();
    let reports = report::load(&[], &gaz, &actors, &border).unwrap();
    Data {
        gaz,
        border,
        actors,
        reports,
    }
}

fn resolved(d: &Data) -> Vec<Resolved> {
    let resolver = Resolver::new(&d.gaz, &d.border);
    resolve_all(&d.reports, &resolver, &Filter::default(), &d.actors)
}

fn with_scene<T>(d: &Data, f: impl FnOnce(&Scene<'_>) -> T) -> T {
    let bm = Basemap::new(&d.border, &d.gaz).unwrap();
    let scene = Scene::of(resolved(d), &bm, &d.gaz, &d.actors);
    f(&scene)
}

fn svg_with(d: &Data, opts: &MapOptions) -> String {
    with_scene(d, |s| map::svg(s, opts).unwrap())
}

fn layout_with(d: &Data, opts: &MapOptions) -> map::Layout {
    with_scene(d, |s| map::layout(s, opts).unwrap())
}

/// The text content of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    let doc = usvg::roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn escaping_markup() {
    assert_eq!(escape(r#"<&>"'"#), "&lt;&amp;&gt;&quot;&apos;");
    assert_eq!(
        escape("Al-Qa'im <\"HQ\"> & co"),
        "Al-Qa&apos;im &lt;&quot;HQ&quot;&gt; &amp; co"
    );
    // characters XML 1.0 cannot carry are dropped, so a report never breaks the file
    assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
}

#[test]
fn a_title_with_markup_stays_text() {
    let d = data();
    let opts = MapOptions {
        title: r#"<script>alert("x")</script> & 'quotes'"#.into(),
        ..MapOptions::default()
    };
    let svg = svg_with(&d, &opts);
    assert!(!svg.contains("<script>"));
    let t = texts(&svg);
    assert!(
        t.iter()
            .any(|x| x.contains(r#"<script>alert("x")</script> & 'quotes'"#)),
        "{t:?}"
    );
}

#[test]
fn clipping_polygons_and_lines() {
    let r = Rect::new(0.0, 0.0, 10.0, 10.0);
    // a square half outside keeps its inside half
    let ring = vec![(5.0, 5.0), (15.0, 5.0), (15.0, 15.0), (5.0, 15.0)];
    let c = clip_ring(&ring, &r);
    assert!(c.iter().all(|p| r.contains(*p)), "{c:?}");
    let area: f64 = c
        .iter()
        .zip(c.iter().cycle().skip(1))
        .map(|(a, b)| a.0 * b.1 - b.0 * a.1)
        .sum::<f64>()
        .abs()
        / 2.0;
    assert!((area - 25.0).abs() < 1e-9, "{area}");
    // a ring wholly outside is gone
    assert!(clip_ring(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], &r).is_empty());
    // a ring around the rectangle becomes the rectangle
    let around = clip_ring(
        &[(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)],
        &r,
    );
    assert_eq!(around.len(), 4);
    // Liang–Barsky: a segment across is cut at both edges; one outside is dropped
    let (p, q) = clip_segment((-5.0, 5.0), (15.0, 5.0), &r).unwrap();
    assert_eq!((p, q), ((0.0, 5.0), (10.0, 5.0)));
    assert!(clip_segment((-5.0, -5.0), (-1.0, 20.0), &r).is_none());
    // a line that leaves and comes back gives two pieces
    let pieces = clip_line(&[(1.0, 1.0), (20.0, 1.0), (20.0, 9.0), (1.0, 9.0)], &r);
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    assert!(pieces.iter().flatten().all(|p| r.contains(*p)));
}

#[test]
fn projection_round_trip() {
    let p = TransverseMercator::new(40.8, 35.2);
    let mut worst: f64 = 0.0;
    for lon in [36.0, 38.5, 40.8, 42.4, 45.0, 48.0] {
        for lat in [29.0, 32.5, 35.2, 37.1, 40.0] {
            let (x, y) = p.forward(lon, lat);
            let (l, b) = p.inverse(x, y);
            worst = worst.max((l - lon).abs()).max((b - lat).abs());
        }
    }
    assert!(worst < 1e-6, "worst round-trip error {worst} degrees");
    // true scale on the central meridian: 100 km along it is 100 km on the map
    let (_, y0) = p.forward(40.8, 34.0);
    let (_, y1) = p.forward(40.8, 35.0);
    let km = geodesic_km((40.8, 34.0), (40.8, 35.0));
    assert!(((y1 - y0) / 1000.0 / km - 1.0).abs() < 1e-6);
}

#[test]
fn default_map_has_no_overlaps_and_a_true_scale_bar() {
    let d = data();
    let l = layout_with(&d, &MapOptions::default());
    assert!(
        l.labels.len() >= 25,
        "only {} labels placed",
        l.labels.len()
    );
    assert!(
        l.symbols.len() >= 25,
        "only {} symbols placed",
        l.symbols.len()
    );
    eprintln!(
        "default map: {} labels, {} symbols, {} furniture boxes, {} events drawn, {} listed",
        l.labels.len(),
        l.symbols.len(),
        l.furniture.len(),
        l.drawn.len(),
        l.listed.len()
    );
    // nothing overlaps; nothing sits on the scale bar or north arrow; the inset frame holds
    // only its own (date labels, area tags and movement labels are labels and symbols too)
    no_overlaps(&l, "default map");
    assert!(!l.dates.is_empty(), "no date labels");
    // the scale bar: its km against the geodesic distance between its ends
    let b = l.scale_bar;
    let ends = (l.view.lonlat(b.x0, b.y), l.view.lonlat(b.x1, b.y));
    let km = geodesic_km(ends.0, ends.1);
    assert!(
        ((km - b.km) / b.km).abs() < 0.01,
        "bar says {} km, is {km:.2} km",
        b.km
    );
    eprintln!(
        "scale bar: {} km drawn, {km:.4} km geodesic between its ends",
        b.km
    );
    // and two map points at the bar's latitude, the same px apart, agree
    let mid = (l.view.frame.x0 + l.view.frame.x1) / 2.0;
    let km2 = geodesic_km(
        l.view.lonlat(mid, b.y),
        l.view.lonlat(mid + (b.x1 - b.x0), b.y),
    );
    assert!(((km2 - b.km) / b.km).abs() < 0.01, "{km2}");
}

#[test]
fn every_event_is_drawn_or_listed() {
    let d = data();
    let r = resolved(&d);
    let l = layout_with(&d, &MapOptions::default());
    for e in &r {
        let id = e.id();
        assert!(
            l.drawn.contains(&id) || l.listed.contains(&id),
            "{id} is neither drawn nor listed"
        );
    }
    // the Albukamal and Al-Qaim events are drawn, far capitals listed
    assert!(l
        .drawn
        .iter()
        .any(|x| x.ends_with("/factions-operated-albukamal")));
    assert!(l
        .listed
        .iter()
        .any(|x| x.ends_with("/sudani-visits-tehran")));
}

#[test]
fn svg_is_well_formed_reusable_and_small() {
    let d = data();
    let svg = svg_with(&d, &MapOptions::default());
    assert!(svg.len() < 300 * 1024, "map.svg is {} bytes", svg.len());
    let doc = usvg::roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("width"), Some("1600"));
    assert_eq!(root.attribute("height"), Some("1000"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 1600 1000"));
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    for g in [
        "basemap-countries",
        "governorates",
        "rivers",
        "border",
        "uncertainty",
        "movements",
        "events",
        "sites",
        "labels",
        "legend",
        "scale-bar",
        "north-arrow",
        "title",
        "sources",
        "credits",
        "projection",
        "not-shown",
    ] {
        assert!(ids.contains(&g), "no group {g}");
    }
    let t = texts(&svg).join("\n");
    for needle in [
        "Made with Natural Earth",
        "GeoNames (geonames.org), CC BY 4.0",
        "GSHHG rivers, LGPL-3.0",
        "transverse Mercator",
        "Information as of 17 Feb 2025",
        "Albukamal",
        "البوكمال",
        "Rudaw",
    ] {
        assert!(t.contains(needle), "no text {needle:?}");
    }
    // real text, not paths; usvg reads it back with the shipped fonts
    assert!(doc.descendants().filter(|n| n.has_tag_name("text")).count() > 100);
    raster::tree(&svg).unwrap();
}

#[test]
fn renders_are_byte_identical() {
    let d = data();
    let a = svg_with(&d, &MapOptions::default());
    let b = svg_with(&d, &MapOptions::default());
    assert!(a == b, "two renders differ");
}

#[test]
fn a_box_with_no_events_still_draws_and_lists_them() {
    let d = data();
    let r = resolved(&d);
    for bbox in [
        [39.0, 30.0, 40.0, 31.0],
        [0.0, 0.0, 1.0, 1.0],
        [-170.0, -60.0, 170.0, 80.0],
    ] {
        let opts = MapOptions {
            bbox: Some(bbox),
            ..MapOptions::default()
        };
        let svg = svg_with(&d, &opts);
        usvg::roxmltree::Document::parse(&svg).expect("well-formed");
        let l = layout_with(&d, &opts);
        if bbox[2] - bbox[0] < 10.0 {
            assert!(l.drawn.is_empty(), "{bbox:?}: {:?}", l.drawn);
            assert_eq!(l.listed.len(), r.len());
            let t = texts(&svg).join("\n");
            assert!(t.contains("Outside the map"), "{bbox:?}");
        }
    }
}

#[test]
fn a_very_long_title_is_cut_not_overflowing() {
    let d = data();
    let opts = MapOptions {
        title: "Militia convoys ".repeat(625),
        ..MapOptions::default()
    };
    assert_eq!(opts.title.chars().count(), 10_000);
    let svg = svg_with(&d, &opts);
    let doc = usvg::roxmltree::Document::parse(&svg).unwrap();
    let title: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("id") == Some("title"))
        .flat_map(|g| g.descendants().filter(|n| n.has_tag_name("text")))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(!title.is_empty() && title.len() <= 2, "{title:?}");
    assert!(title.last().unwrap().ends_with('…'));
    assert!(title.iter().all(|l| l.chars().count() < 200));
}

#[test]
fn no_arabic_when_asked() {
    let d = data();
    let opts = MapOptions {
        arabic: false,
        ..MapOptions::default()
    };
    let svg = svg_with(&d, &opts);
    let arabic = svg
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    assert_eq!(arabic, 0);
    let with = svg_with(&d, &MapOptions::default());
    assert!(with.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
}

#[test]
fn other_extents_and_sizes_draw() {
    for (what, d) in [("default", data()), ("coarse", coarse())] {
        for (extent, w, h) in [
            (Extent::Region, 1600, 1000),
            (Extent::Auto, 1200, 900),
            (Extent::Corridor, 400, 300),
            (Extent::Corridor, 3000, 1200),
        ] {
            let opts = MapOptions {
                extent,
                width: w,
                height: h,
                ..MapOptions::default()
            };
            let l = layout_with(&d, &opts);
            no_overlaps(&l, &format!("{what} {extent:?} {w}x{h}"));
            let svg = svg_with(&d, &opts);
            usvg::roxmltree::Document::parse(&svg).expect("well-formed");
        }
    }
}

#[test]
fn png_and_pdf_render_with_the_shipped_fonts() {
    let d = data();
    let svg = svg_with(&d, &MapOptions::default());
    let tree = raster::tree(&svg).unwrap();
    let png = raster::png_from_tree(&tree, 96.0).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert_eq!(w, 1600);
    let pdf = raster::pdf_from_tree(&tree).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // text is drawn as outlines of the shipped fonts: the PDF needs no font on the reader's
    // machine, and it is the same bytes on every run
    let s = String::from_utf8_lossy(&pdf);
    assert!(!s.contains("/FontFile"), "no font program should be needed");
    assert_eq!(
        pdf,
        raster::pdf_from_tree(&raster::tree(&svg).unwrap()).unwrap(),
        "PDF not reproducible"
    );
}

#[test]
fn charts_are_svg() {
    let d = data();
    let svgs = with_scene(&d, |s| {
        [charts::timeline(s).unwrap(), charts::profile(s).unwrap()]
    });
    for svg in svgs {
        let doc = usvg::roxmltree::Document::parse(&svg).expect("well-formed");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(svg.contains("Noto Sans"));
        raster::tree(&svg).unwrap();
    }
}

/// The test report with the three kinds of coarse location, loaded as `render` loads it (its
/// own `[[site]]` joins the gazetteer).
fn coarse() -> Data {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/coarse_locations.toml");
    let l = bordermap::pipeline::load(&[path], None, None).unwrap();
    Data {
        gaz: l.gazetteer,
        border: l.border,
        actors: l.actors,
        reports: l.reports,
    }
}

fn id_of(r: &[Resolved], suffix: &str) -> String {
    r.iter()
        .map(|e| e.id())
        .find(|id| id.ends_with(suffix))
        .unwrap_or_else(|| panic!("no event {suffix}"))
}

/// The `d` attribute of the paths inside the element with `id`.
fn paths_in(svg: &str, id: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let doc = usvg::roxmltree::Document::parse(svg).unwrap();
    let Some(g) = doc.descendants().find(|n| n.attribute("id") == Some(id)) else {
        return Vec::new();
    };
    g.descendants()
        .filter(|n| n.has_tag_name("path"))
        .map(|n| {
            (
                n.attribute("d").unwrap_or("").to_string(),
                n.attribute("stroke").map(str::to_string),
                n.attribute("stroke-dasharray").map(str::to_string),
            )
        })
        .collect()
}

/// The first and last points of an SVG path's data (`M x y L x y ...`).
fn path_ends(d: &str) -> Option<((f64, f64), (f64, f64))> {
    let nums: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == ',')
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect();
    (nums.len() >= 4).then(|| {
        (
            (nums[0], nums[1]),
            (nums[nums.len() - 2], nums[nums.len() - 1]),
        )
    })
}

fn no_overlaps(l: &map::Layout, what: &str) {
    let boxes: Vec<&map::Placed> = l.labels.iter().chain(l.symbols.iter()).collect();
    let page = Rect::new(0.0, 0.0, l.width, l.height);
    for (i, a) in boxes.iter().enumerate() {
        assert!(
            page.contains_rect(&a.rect),
            "{what}: {} is off the page",
            a.what
        );
        for b in &boxes[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{what}: {} overlaps {}: {:?} {:?}",
                a.what,
                b.what,
                a.rect,
                b.rect
            );
        }
        for f in l.furniture.iter().filter(|f| f.what != "inset") {
            assert!(
                !a.rect.overlaps(&f.rect),
                "{what}: {} overlaps the {}",
                a.what,
                f.what
            );
        }
    }
}

#[test]
fn coarse_locations_are_drawn_on_their_area_or_line_never_at_a_point() {
    let d = coarse();
    let r = resolved(&d);
    let (l, svg) = with_scene(&d, |s| {
        let o = MapOptions::default();
        (map::layout(s, &o).unwrap(), map::svg(s, &o).unwrap())
    });
    no_overlaps(&l, "coarse map");
    // events located only to an area or a line: drawn, as that area or line, not as a marker
    for (suffix, area) in [
        ("/strip-presence", "iraq-syria-border-strip"),
        ("/anbar-deployment", "anbar-governorate"),
        ("/between-clash", "between-albukamal-and-al-mayadin"),
        ("/whole-border-crossing", "iraq-syria-border"),
    ] {
        let id = id_of(&r, suffix);
        assert!(l.drawn.contains(&id), "{id} is not drawn");
        let key = l
            .areas
            .get(&id)
            .unwrap_or_else(|| panic!("{id} not drawn as an area"));
        assert!(key.starts_with(&format!("{area}@")), "{id}: {key}");
        assert!(
            !l.markers.iter().any(|(_, ids)| ids.contains(&id)),
            "{id} is drawn as a symbol at a point"
        );
        assert!(
            svg.contains(&format!("id=\"event-area-{area}\"")),
            "no drawing of {area}"
        );
    }
    // every symbol drawn at a point stands for events at point sites only
    for (_, ids) in &l.markers {
        for id in ids {
            let e = r.iter().find(|e| &e.id() == id).unwrap();
            assert!(
                matches!(
                    e.stops[0].uncertainty,
                    bordermap::resolve::Uncertainty::Circle { .. }
                ),
                "{id} has a point symbol but is not at a point site"
            );
        }
    }
    // no symbol at Anbar's representative point, the point the old map invented
    let anbar = d.gaz.get("anbar-governorate").unwrap();
    let p = l.view.px(anbar.lon, anbar.lat).unwrap();
    for s in &l.symbols {
        assert!(
            !s.rect.grow(10.0).contains(p),
            "{} sits at Anbar's representative point",
            s.what
        );
    }
    // each area's tag sits on its drawn edge or line: the edge runs through or along it
    let tags: Vec<&map::Placed> = l
        .symbols
        .iter()
        .filter(|s| s.what.starts_with("events located to"))
        .collect();
    assert_eq!(tags.len(), 4, "{:?}", l.symbols);
    for s in tags {
        let c = ((s.rect.x0 + s.rect.x1) / 2.0, (s.rect.y0 + s.rect.y1) / 2.0);
        let (lon, lat) = l.view.lonlat(c.0, c.1);
        let pt = geo::Point::new(lon, lat);
        let name = s.what.trim_start_matches("events located to ");
        let e = r
            .iter()
            .find(|e| {
                e.stops
                    .first()
                    .and_then(|st| st.site.as_ref())
                    .is_some_and(|x| x.name == name)
            })
            .unwrap();
        use geo::Distance;
        let deg = match &e.stops[0].uncertainty {
            bordermap::resolve::Uncertainty::Area(mp) => {
                mp.0.iter()
                    .map(|p| geo::Euclidean.distance(&pt, p.exterior()))
                    .fold(f64::INFINITY, f64::min)
            }
            bordermap::resolve::Uncertainty::Along { line, .. } => {
                geo::Euclidean.distance(&pt, &**line)
            }
            _ => panic!("{name}: a tag for a point site"),
        };
        // the distance from the tag's centre to the edge, against the centre's distance to the
        // tag's own sides
        let px = deg * 111_000.0 / l.view.mpp;
        let reach = s.rect.w().max(s.rect.h()) / 2.0 + 2.0;
        assert!(px <= reach, "{name}: its tag is {px:.1} px from its edge");
    }
    // "between Albukamal and Al-Mayadin" is the segment from one to the other
    let px_of = |id: &str| {
        let s = d.gaz.get(id).unwrap();
        l.view.px(s.lon, s.lat).unwrap()
    };
    let (a, b) = (px_of("albukamal"), px_of("al-mayadin"));
    let band = paths_in(&svg, "event-area-between-albukamal-and-al-mayadin")
        .into_iter()
        .filter_map(|(d, _, _)| path_ends(&d))
        .find(|(p, q)| {
            let near = |x: (f64, f64), y: (f64, f64)| (x.0 - y.0).hypot(x.1 - y.1) < 1.5;
            (near(*p, a) && near(*q, b)) || (near(*p, b) && near(*q, a))
        });
    assert!(band.is_some(), "no band from Albukamal to Al-Mayadin");
    // movements between areas, and from a country, are drawn dotted: no firm stretch (a firm
    // stretch is laid on a white casing)
    for suffix in ["/anbar-to-border", "/dez-to-anbar", "/syria-to-qaim"] {
        let id = id_of(&r, suffix);
        assert!(l.drawn.contains(&id), "{id} is not drawn");
        let doc = usvg::roxmltree::Document::parse(&svg).unwrap();
        let g = doc
            .descendants()
            .find(|n| n.attribute("data-event") == Some(id.as_str()))
            .unwrap_or_else(|| panic!("no drawing of {id}"));
        let paths: Vec<_> = g.descendants().filter(|n| n.has_tag_name("path")).collect();
        assert!(
            paths
                .iter()
                .any(|p| p.attribute("stroke-dasharray").is_some()),
            "{id}: no dotted stretch"
        );
        if !suffix.ends_with("qaim") {
            assert!(
                !paths
                    .iter()
                    .any(|p| p.attribute("stroke") == Some("#ffffff")),
                "{id}: a firm stretch between areas"
            );
        }
    }
    // the border's stretches, the strip and the whole border each keep a band of their own
    let widths: Vec<f64> = ["iraq-syria-border-strip", "iraq-syria-border"]
        .iter()
        .flat_map(|a| {
            let doc = usvg::roxmltree::Document::parse(&svg).unwrap();
            doc.descendants()
                .filter(|n| {
                    n.attribute("id")
                        .is_some_and(|i| i == format!("event-area-{a}"))
                })
                .flat_map(|g| {
                    g.descendants()
                        .filter(|n| n.has_tag_name("path") && n.attribute("fill") == Some("none"))
                        .filter_map(|n| n.attribute("stroke-width")?.parse::<f64>().ok())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut w = widths.clone();
    w.sort_by(f64::total_cmp);
    w.dedup();
    assert!(
        w.len() >= 3,
        "bands of one width hide each other: {widths:?}"
    );
}

#[test]
fn every_drawn_event_is_tied_to_its_date() {
    for (what, d) in [("default", data()), ("coarse", coarse())] {
        let r = resolved(&d);
        let (l, svg) = with_scene(&d, |s| {
            let o = MapOptions::default();
            (map::layout(s, &o).unwrap(), map::svg(s, &o).unwrap())
        });
        let t = texts(&svg);
        let all = t.join("\n");
        assert!(!l.drawn.is_empty());
        for id in &l.drawn {
            let e = r.iter().find(|e| &e.id() == id).unwrap();
            let own = map::date_words(&e.event.period, true);
            match l.dates.get(id) {
                Some(words) => {
                    // the label beside its symbol, area or arrow says it, with the year
                    assert!(
                        t.iter().any(|x| x.contains(words.as_str())),
                        "{what}: {id}: {words:?} is in no label"
                    );
                    assert!(
                        words.contains(&own) || words.contains(" … "),
                        "{what}: {id}: {words:?} is not its date {own:?}"
                    );
                    let y = e.event.period.start.format("%Y").to_string();
                    let y2 = e.event.period.end.format("%Y").to_string();
                    assert!(
                        words.contains(&y) || words.contains(&y2),
                        "{what}: {id}: {words:?} has no year on a map of several years"
                    );
                }
                None => {
                    assert!(
                        l.dated_in_margin.contains(id),
                        "{what}: {id} is drawn with no date"
                    );
                    assert!(
                        all.contains(&own),
                        "{what}: {id}: {own:?} not in the margin"
                    );
                }
            }
        }
        eprintln!(
            "{what} map: {} of {} drawn events dated beside them, {} in the margin",
            l.dates.len(),
            l.drawn.len(),
            l.dated_in_margin.len()
        );
        assert!(
            l.dates.len() >= l.drawn.len() * 3 / 4,
            "{what}: only {} of {} drawn events dated beside them",
            l.dates.len(),
            l.drawn.len()
        );
    }
    // the subtitle says which years
    let d = coarse();
    let t = texts(&svg_with(&d, &MapOptions::default())).join("\n");
    assert!(t.contains("dates in 2022, 2023, 2024, 2025"), "{t}");
}

#[test]
fn a_map_of_one_year_says_so_and_its_labels_leave_the_year_out() {
    let d = coarse();
    let r: Vec<Resolved> = resolved(&d)
        .into_iter()
        .filter(|e| {
            e.event.period.start.format("%Y").to_string() == "2024"
                && e.event.period.end.format("%Y").to_string() == "2024"
        })
        .collect();
    assert!(r.len() >= 4);
    let bm = Basemap::new(&d.border, &d.gaz).unwrap();
    let scene = Scene::of(r.clone(), &bm, &d.gaz, &d.actors);
    let o = MapOptions::default();
    let l = map::layout(&scene, &o).unwrap();
    let t = texts(&map::svg(&scene, &o).unwrap()).join("\n");
    assert!(t.contains("dates on the map are in 2024"), "{t}");
    assert!(!l.dates.is_empty());
    for (id, words) in &l.dates {
        assert!(!words.contains("2024"), "{id}: {words:?} repeats the year");
        let e = r.iter().find(|e| &e.id() == id).unwrap();
        assert_eq!(words, &map::date_words(&e.event.period, false), "{id}");
    }
}

#[test]
fn date_words_follow_the_precision() {
    use bordermap::dates::{DatePrecision, Period};
    // start, end, precision: with the year, without it (a map of one year)
    let table = [
        ("2024-12-05", "2024-12-05", "day", "5 Dec 2024", "5 Dec"),
        ("2024-12-05", "2024-12-08", "day", "5–8 Dec 2024", "5–8 Dec"),
        (
            "2024-11-30",
            "2024-12-02",
            "week",
            "30 Nov–2 Dec 2024",
            "30 Nov–2 Dec",
        ),
        (
            "2024-12-30",
            "2025-01-02",
            "day",
            "30 Dec 2024–2 Jan 2025",
            "30 Dec 2024–2 Jan 2025",
        ),
        ("2024-12-01", "2024-12-29", "month", "Dec 2024", "Dec"),
        (
            "2024-11-01",
            "2024-12-31",
            "month",
            "Nov–Dec 2024",
            "Nov–Dec",
        ),
        ("2018-01-01", "2018-12-31", "year", "2018", "2018"),
        ("2018-01-01", "2024-12-08", "year", "2018–2024", "2018–2024"),
    ];
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    for (a, b, precision, with, without) in table {
        let period = Period {
            start: d(a),
            end: d(b),
            precision: DatePrecision::parse(precision).unwrap(),
        };
        assert_eq!(map::date_words(&period, true), with);
        assert_eq!(map::date_words(&period, false), without);
    }
}

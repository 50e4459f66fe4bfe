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
    let boxes: Vec<&map::Placed> = l.labels.iter().chain(l.symbols.iter()).collect();
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
    let page = Rect::new(0.0, 0.0, l.width, l.height);
    for (i, a) in boxes.iter().enumerate() {
        assert!(page.contains_rect(&a.rect), "{} is off the page", a.what);
        for b in &boxes[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{} overlaps {}: {:?} {:?}",
                a.what,
                b.what,
                a.rect,
                b.rect
            );
        }
        // nothing sits on the scale bar or north arrow; the inset frame holds only its own
        for f in l.furniture.iter().filter(|f| f.what != "inset") {
            assert!(
                !a.rect.overlaps(&f.rect),
                "{} overlaps the {}",
                a.what,
                f.what
            );
        }
    }
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
    let d = data();
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
        let boxes: Vec<&map::Placed> = l.labels.iter().chain(l.symbols.iter()).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(
                    !a.rect.overlaps(&b.rect),
                    "{extent:?} {w}x{h}: {} overlaps {}",
                    a.what,
                    b.what
                );
            }
        }
        let svg = svg_with(&d, &opts);
        usvg::roxmltree::Document::parse(&svg).expect("well-formed");
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

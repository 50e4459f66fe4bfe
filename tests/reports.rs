//! The built-in reports: every event encoded with a word-for-word quote from its seed, every
//! kind resolved to the right geometry, relative dates resolved from publication.

mod util;

use bordermap::actors::Actors;
use bordermap::border::Border;
use bordermap::gazetteer::Gazetteer;
use bordermap::report::{self, EventKind};
use bordermap::resolve::{resolve_all, Filter, Resolver, Shape};
use util::{render_report, run, seeds_dir, tmp, write};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_appears_word_for_word_in_its_seed() {
    let dir = seeds_dir();
    assert!(
        dir.is_dir(),
        "the seed reports are not at {} (set BORDERMAP_SEEDS to their directory)",
        dir.display()
    );
    let g = Gazetteer::builtin().unwrap();
    let reports = report::load(
        &[],
        &g,
        &Actors::builtin().unwrap(),
        &Border::builtin().unwrap(),
    )
    .unwrap();
    assert_eq!(reports.len(), 5, "one report per seed article");
    let mut checked = 0;
    for r in &reports {
        let seed = r
            .source
            .seed
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no seed named", r.file));
        let text = collapse(&std::fs::read_to_string(dir.join(seed)).unwrap());
        for e in &r.events {
            assert!(
                text.contains(&collapse(&e.quote)),
                "{} {}: quote not in {seed}: {:?}",
                r.file,
                e.id,
                e.quote
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} events");
}

fn builtin() -> (Gazetteer, Border, Actors) {
    (
        Gazetteer::builtin().unwrap(),
        Border::builtin().unwrap(),
        Actors::builtin().unwrap(),
    )
}

/// The built-in reports' events, resolved.
fn resolved_builtin(g: &Gazetteer, b: &Border, a: &Actors) -> Vec<bordermap::resolve::Resolved> {
    let reports = report::load(&[], g, a, b).unwrap();
    resolve_all(&reports, &Resolver::new(g, b), &Filter::default(), a)
}

#[test]
fn the_seed_events_the_issue_names_are_encoded_and_resolved() {
    let (g, b, a) = builtin();
    let all = resolved_builtin(&g, &b, &a);
    let find = |pred: &dyn Fn(&bordermap::resolve::Resolved) -> bool, what: &str| {
        all.iter()
            .find(|r| pred(r))
            .unwrap_or_else(|| panic!("no event for: {what}"))
            .clone()
    };
    let uses = |r: &bordermap::resolve::Resolved, id: &str| {
        r.stops.iter().any(|s| s.site_id() == Some(id))
    };
    // Syrian forces escaping into Iraq through Al-Qaim, 7 December 2024
    let e = find(
        &|r| {
            r.event.actors.iter().any(|x| *x == "syrian-arab-army") && uses(r, "al-qaim-crossing")
                || r.event.actors.iter().any(|x| *x == "syrian-arab-army") && uses(r, "al-qaim")
        },
        "Syrian forces through Al-Qaim",
    );
    assert_eq!(e.event.period.start.to_string(), "2024-12-07");
    // the army and PMF convoy from Anbar to the border on 5 December 2024, ending on Anbar's stretch
    let e = find(
        &|r| {
            uses(r, "anbar-governorate")
                && uses(r, "iraq-syria-border")
                && r.event.period.start.to_string() == "2024-12-05"
        },
        "convoy Anbar -> border",
    );
    let Shape::Line(pts) = &e.shape else {
        panic!("the convoy is a movement")
    };
    let end = pts[pts.len() - 1];
    let fix = b.fix(end.0, end.1);
    assert!(fix.distance_km < 0.5, "ends on the border: {fix:?}");
    let anbar = g
        .area(g.get("anbar-governorate").unwrap())
        .expect("Anbar polygon");
    let (s0, s1) = b.stretch_along(anbar, 5.0).unwrap();
    assert!(
        fix.chainage_km >= s0 && fix.chainage_km <= s1,
        "{} not in Anbar's stretch {s0}..{s1}",
        fix.chainage_km
    );
    // the factions stationed at Al-Qaim, Hasiba al-Gharbiya and Al-Rummanah
    for site in ["al-qaim", "husaybah-al-gharbiyah", "al-rummanah"] {
        find(
            &|r| r.event.kind == EventKind::Presence && uses(r, site),
            site,
        );
    }
    // their planned move away from the border
    find(
        &|r| r.event.status.as_str() == "planned" && r.event.kind == EventKind::Withdrawal,
        "planned move away",
    );
    // the militia route Al-Qaim -> Albukamal -> Al-Mayadin -> Deir ez-Zor, crossing the border
    let e = find(
        &|r| r.event.kind == EventKind::Transit && uses(r, "al-mayadin") && uses(r, "deir-ez-zor"),
        "militia route",
    );
    assert!(e.crosses_border, "the route crosses from Iraq into Syria");
    assert!(e.length_km > 100.0, "{}", e.length_km);
    // the June 2018 strike in Albukamal and the move to the Imam Ali base
    let e = find(
        &|r| r.event.kind == EventKind::Strike && uses(r, "albukamal"),
        "2018 strike",
    );
    assert_eq!(e.event.period.start.to_string(), "2018-06-01");
    find(&|r| uses(r, "imam-ali-base"), "Imam Ali base");
    // considered, denied
    find(
        &|r| {
            r.event.status.as_str() == "considered"
                && r.event.actors.iter().any(|a| *a == "kataib-hezbollah")
        },
        "KH awaiting orders",
    );
    find(
        &|r| r.event.status.as_str() == "denied" && r.event.actors.iter().any(|a| *a == "pmf"),
        "PMF denial",
    );
    // where the factions had operated
    for site in [
        "deir-ez-zor",
        "albukamal",
        "al-busayrah",
        "al-mayadin",
        "homs-desert",
    ] {
        find(
            &|r| r.event.kind == EventKind::Presence && uses(r, site),
            site,
        );
    }
    // meetings and visits
    for site in ["diyala-governorate", "damascus", "tehran"] {
        find(
            &|r| r.event.kind == EventKind::Meeting && uses(r, site),
            site,
        );
    }
}

const HEAD: &str = "[source]\nid = \"kinds\"\npublisher = \"Test\"\ntitle = \"T\"\npublished = \"2024-12-05\"\nreliability = \"C\"\n";

fn event(id: &str, kind: &str, place: &str) -> String {
    format!("\n[[event]]\nid = \"{id}\"\nkind = \"{kind}\"\ndate = \"2024-12-04\"\nactors = [\"pmf\"]\n{place}\ngeo_precision = 1\nwhere_prec = 1\ncredibility = 3\nquote = \"q\"\n")
}

#[test]
fn every_event_kind_resolves_to_its_geometry() {
    let mut text = HEAD.to_string();
    // every kind: the kinds that move as a route, the others at a place
    let kinds: Vec<EventKind> = EventKind::ALL.to_vec();
    let mut moving = std::collections::BTreeSet::new();
    for (i, k) in kinds.iter().enumerate() {
        let place = if k.moves() {
            moving.insert(i);
            "from = \"al-qaim\"\nvia = [\"al-qaim-crossing\"]\nto = \"albukamal\""
        } else {
            "at = \"albukamal\""
        };
        text.push_str(&event(&format!("e{i}"), k.as_str(), place));
    }
    text.push_str(&event("raw", "strike", "at = { lon = 40.95, lat = 34.44 }"));
    text.push_str(&event("area", "presence", "at = \"homs-desert\""));
    let d = tmp();
    let f = write(d.path(), "kinds.toml", &text);
    let (code, out, err) = run(&["events", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(v.len(), kinds.len() + 2);
    for e in &v {
        let id = e["id"].as_str().unwrap();
        let gt = e["geometry"]["type"].as_str().unwrap();
        let n: usize = id.trim_start_matches("kinds/e").parse().unwrap_or(99);
        if moving.contains(&n) {
            assert_eq!(gt, "LineString", "{id}");
            assert_eq!(
                e["geometry"]["coordinates"].as_array().unwrap().len(),
                3,
                "from, via, to"
            );
            assert_eq!(e["crosses_border"], true, "{id}");
            assert_eq!(e["countries"], "IQ; SY");
            assert!(e["length_km"].as_f64().unwrap() > 5.0);
            assert_eq!(e["side"], "SY", "a movement's side is its destination's");
        } else {
            assert_eq!(gt, "Point", "{id}");
            assert_eq!(e["length_km"], 0.0);
        }
    }
    let raw = v.iter().find(|e| e["id"] == "kinds/raw").unwrap();
    assert_eq!(
        raw["precision_m"], 2000,
        "raw coordinates at geo_precision 1 carry a 2 km circle"
    );
    let area = v.iter().find(|e| e["id"] == "kinds/area").unwrap();
    assert_eq!(
        area["stops"][0]["uncertainty"], "area",
        "a region is its own uncertainty"
    );
    assert_eq!(area["grading"], "C3");
}

#[test]
fn relative_dates_resolve_from_the_publication_date() {
    // published Thursday 5 December 2024
    let text = format!(
        "{HEAD}{}",
        event("denial", "statement", "at = \"baghdad\"")
            .replace("date = \"2024-12-04\"", "date = \"on Monday\"")
    );
    let text = format!(
        "{text}{}",
        event("caption", "crossing", "at = \"al-qaim-crossing\"")
            .replace("date = \"2024-12-04\"", "date = \"last Saturday\"")
    );
    let d = tmp();
    let f = write(d.path(), "rel.toml", &text);
    let (code, out, err) = run(&["events", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let get = |id: &str| {
        v.iter()
            .find(|e| e["id"] == format!("kinds/{id}"))
            .unwrap()
            .clone()
    };
    assert_eq!(get("denial")["date_start"], "2024-12-02");
    assert_eq!(get("caption")["date_start"], "2024-11-30");
    assert!(
        get("denial")["date_note"]
            .as_str()
            .unwrap()
            .contains("on Monday"),
        "the note says how"
    );
}

#[test]
fn events_filters_and_formats() {
    let (code, out, _) = run(&[
        "events",
        "--actor",
        "Hizbullah Brigades",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!v.is_empty());
    assert!(v.iter().all(|e| e["actor_ids"]
        .as_str()
        .unwrap()
        .contains("kataib-hezbollah")));
    // the PMF filter includes its member factions
    let (_, out, _) = run(&["events", "--actor", "PMF", "--format", "json"]);
    let pmf: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(pmf.len() > v.len() / 2);
    let (code, out, _) = run(&[
        "events",
        "--from",
        "2024-12-01",
        "--to",
        "2024-12-31",
        "--kind",
        "deployment",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    let mut rdr = out.lines();
    let header = rdr.next().unwrap();
    assert!(
        header.starts_with("id,report,kind,status,date_start"),
        "{header}"
    );
    assert!(header.ends_with(",wkt"));
    assert!(out.lines().skip(1).all(|l| l.contains(",deployment,")));
    let (code, out, _) = run(&["events"]);
    assert_eq!(code, 0);
    assert!(out.contains("event(s)"));
    let (code, _, err) = run(&["events", "--from", "2031-01-01"]);
    assert_eq!(code, 1, "nothing matched");
    assert!(err.contains("no event matches"));
}

#[test]
fn check_passes_on_the_builtin_reports() {
    let (code, out, err) = run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("5 reports"), "{out}");
    let (code, out, _) = run(&["check", util::repo().join("reports").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("5 reports"));
}

const BRINGS: &str = r#"gazetteer = ["sites/extra.toml"]
actors = ["extra-actors.toml"]

[source]
id = "brings-its-places"
publisher = "Test Wire"
title = "A report that brings its own places"
published = "2024-12-05"
reliability = "B"

[[site]]
id = "test-hamlet"
name = "Test Hamlet"
kind = "village"
country = "SY"
admin1 = "Deir ez-Zor"
lon = 40.955
lat = 34.43
precision_m = 5000
source = "report"
source_note = "'just south-east of Albukamal', as the report words it"

[[actor]]
id = "test-tribal-force"
name = "Test tribal force"
inter = 4

[[event]]
id = "at-the-hamlet"
kind = "presence"
date = "2024-12-05"
actors = ["test-tribal-force"]
at = "test-hamlet"
place = "a hamlet just south-east of Albukamal"
geo_precision = 2
where_prec = 2
credibility = 3
quote = "Fighters were seen in a hamlet just south-east of Albukamal."

[[event]]
id = "at-the-side-file-site"
kind = "presence"
date = "2024-12-05"
actors = ["test-side-actor"]
at = "test-side-village"
place = "a village"
geo_precision = 2
where_prec = 2
credibility = 3
quote = "Fighters were seen in a village."
"#;

const SIDE_SITES: &str = r#"[[site]]
id = "test-side-village"
name = "Test Side Village"
kind = "village"
country = "IQ"
admin1 = "Anbar"
lon = 41.3
lat = 34.2
precision_m = 3000
source = "url:https://example.org/test-side-village"
"#;

const SIDE_ACTORS: &str = r#"[[actor]]
id = "test-side-actor"
name = "Test side actor"
inter = 3
"#;

#[test]
fn a_report_brings_its_own_sites_actors_and_side_files_and_outputs_mark_them() {
    let d = tmp();
    std::fs::create_dir_all(d.path().join("sites")).unwrap();
    write(d.path(), "sites/extra.toml", SIDE_SITES);
    write(d.path(), "extra-actors.toml", SIDE_ACTORS);
    let r = write(d.path(), "r.toml", BRINGS);
    let (code, out, err) = run(&["check", r.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(&["events", r.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let evs = v
        .as_array()
        .or_else(|| v["events"].as_array())
        .expect("a list of events");
    let pos = |id: &str| {
        evs.iter()
            .find(|e| e["id"].as_str().is_some_and(|x| x.ends_with(id)))
            .map(|e| e["position"].clone())
            .unwrap_or_else(|| panic!("no event {id} in {out}"))
    };
    assert_eq!(
        pos("at-the-hamlet"),
        "report",
        "a site on the report's word alone"
    );
    assert_eq!(
        pos("at-the-side-file-site"),
        "user",
        "a site of a side file"
    );
    // the briefing map rings those markers and says so in its legend; the default map has none
    let svg = render_report(&r, &d.path().join("out"));
    assert!(svg.contains("place from a report or a user file (dotted ring)"));
    let rings = svg.matches("stroke=\"#111111\" stroke-width=").count();
    assert!(
        rings >= 3,
        "two markers and the legend sample are ringed ({rings})"
    );
    let default = std::fs::read_to_string(util::repo().join("output/map.svg")).unwrap();
    assert!(!default.contains("dotted ring"));
    // the built-in reports' places are curated
    let (_, out, _) = run(&["events", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let evs = v.as_array().or_else(|| v["events"].as_array()).unwrap();
    assert!(evs.iter().all(|e| e["position"]
        .as_str()
        .unwrap()
        .split("; ")
        .all(|p| p == "curated")));
}

#[test]
fn a_missing_side_file_or_a_bad_brought_site_is_reported_where_the_report_names_it() {
    let d = tmp();
    let r = write(d.path(), "r.toml", BRINGS);
    let (code, out, err) = run(&["check", r.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("r.toml:1:")
            && err.contains("sites/extra.toml")
            && err.contains("cannot be read"),
        "{err}"
    );
    assert!(err.contains("extra-actors.toml"), "{err}");
    // a site that cites nothing
    std::fs::create_dir_all(d.path().join("sites")).unwrap();
    write(d.path(), "sites/extra.toml", SIDE_SITES);
    write(d.path(), "extra-actors.toml", SIDE_ACTORS);
    let bad = write(
        d.path(),
        "bad.toml",
        &BRINGS.replace("source = \"report\"", "source = \"the article\""),
    );
    let (code, _, err) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bad.toml:") && err.contains("\"report\" (the report itself)"),
        "{err}"
    );
    // an unknown site says how to bring one
    let unknown = write(
        d.path(),
        "u.toml",
        &BRINGS.replace("at = \"test-hamlet\"", "at = \"no-such-hamlet\""),
    );
    let (code, _, err) = run(&["check", unknown.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("in the report itself") && err.contains("gazetteer = ["),
        "{err}"
    );
}

const RELATIVE: &str = r#"[source]
id = "relative-places"
publisher = "Test Wire"
title = "Places given relative to others"
published = "2024-12-05"
reliability = "B"

[[site]]
id = "west-of-hajin"
name = "a village 5 km west of Hajin"
kind = "village"
country = "SY"
admin1 = "Deir ez-Zor"
near = "hajin"
distance_km = 5
bearing = "west"
source = "report"

[[site]]
id = "between-albukamal-and-the-crossing"
name = "between Albukamal and the Al-Qaim crossing"
kind = "village"
country = "SY"
admin1 = "Deir ez-Zor"
between = ["albukamal", "al-qaim-crossing"]
source = "report"

[[event]]
id = "west-of-hajin"
kind = "clash"
date = "2024-12-05"
actors = ["isis"]
at = "west-of-hajin"
place = "5 km west of Hajin"
geo_precision = 2
where_prec = 3
credibility = 3
quote = "Clashes broke out 5 km west of Hajin."

[[event]]
id = "between"
kind = "presence"
date = "2024-12-05"
actors = ["isis"]
at = "between-albukamal-and-the-crossing"
place = "between Albukamal and the Al-Qaim crossing"
geo_precision = 2
where_prec = 3
credibility = 3
quote = "Fighters were seen between Albukamal and the Al-Qaim crossing."
"#;

#[test]
fn positions_relative_to_known_sites_are_computed_with_their_uncertainty() {
    let d = tmp();
    let r = write(d.path(), "r.toml", RELATIVE);
    let (code, out, err) = run(&["events", r.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let evs = v.as_array().or_else(|| v["events"].as_array()).unwrap();
    let stop = |id: &str| {
        let e = evs
            .iter()
            .find(|e| e["id"].as_str().unwrap().ends_with(id))
            .unwrap();
        assert_eq!(e["position"], "report");
        let s = &e["stops"][0];
        (
            s["lon"].as_f64().unwrap(),
            s["lat"].as_f64().unwrap(),
            s["precision_m"].as_i64().unwrap(),
        )
    };
    // expected positions from GeographicLib (Python geographiclib 2.0, WGS84): Direct from
    // Hajin (40.8314 E, 34.6951 N) at 270 degrees for 5,000 m, and the geodesic midpoint of
    // Albukamal (40.91854, 34.45226) and the Al-Qaim crossing (40.977, 34.3975), 4,055.2 m
    // from each
    let (x, y, p) = stop("west-of-hajin");
    assert!(
        (x - 40.776830).abs() < 2e-5 && (y - 34.695088).abs() < 2e-5,
        "{x} {y}"
    );
    assert_eq!(
        p,
        2500 + 5000 / 3 + 1,
        "Hajin's 2,500 m plus a third of 5 km"
    );
    let (x, y, p) = stop("between");
    assert!(
        (x - 40.947780).abs() < 2e-5 && (y - 34.424884).abs() < 2e-5,
        "{x} {y}"
    );
    assert_eq!(p, 4055 + 3000, "half the distance plus Albukamal's 3,000 m");
    // "between" lies along the segment, not anywhere in a circle round its midpoint: the stop
    // says so, and the uncertainty layer (MultiPolygon, as every feature of it) holds the
    // segment buffered by the larger of the two places' precisions, Albukamal's 3 km
    let between = evs
        .iter()
        .find(|e| e["id"].as_str().unwrap().ends_with("/between"))
        .unwrap();
    assert_eq!(between["stops"][0]["uncertainty"], "line");
    let out = d.path().join("out");
    render_report(&r, &out);
    let u: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("uncertainty.geojson")).unwrap())
            .unwrap();
    let f = u["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["properties"]["event_id"]
                .as_str()
                .unwrap()
                .ends_with("/between")
        })
        .unwrap();
    assert_eq!(f["properties"]["shape"], "line");
    assert_eq!(f["properties"]["radius_m"], 3000);
    assert_eq!(f["geometry"]["type"], "MultiPolygon");
    let ring = |r: &serde_json::Value| -> geo::LineString<f64> {
        r.as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_f64().unwrap(), c[1].as_f64().unwrap()))
            .collect::<Vec<_>>()
            .into()
    };
    let mp = geo::MultiPolygon(
        f["geometry"]["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let rings = p.as_array().unwrap();
                geo::Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
            })
            .collect(),
    );
    use geo::Contains;
    let inside = |x: f64, y: f64| mp.contains(&geo::Point::new(x, y));
    assert!(inside(40.91854, 34.45226), "Albukamal is on the segment");
    assert!(inside(40.977, 34.3975), "so is the crossing");
    assert!(inside(40.94778, 34.424884), "and the midpoint");
    // 5 km off the midpoint, square to the segment: inside the old 7 km circle, not along the
    // segment
    assert!(!inside(40.9886, 34.4547), "5 km aside is not between them");
    // a reference that is not a site, and lon/lat given as well
    let bad = write(
        d.path(),
        "bad.toml",
        &RELATIVE
            .replace("near = \"hajin\"", "near = \"no-such-town\"")
            .replace("between = [", "lon = 40.9\nbetween = ["),
    );
    let (code, _, err) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("\"no-such-town\" is not the id of a site"),
        "{err}"
    );
    assert!(err.contains("not both"), "{err}");
}

#[test]
fn a_marker_that_merges_different_actors_says_so_in_its_label() {
    let event = |id: &str, actor: &str, at: &str| {
        format!(
            "[[event]]\nid = \"{id}\"\nkind = \"presence\"\ndate = \"2024-12-05\"\nactors = [\"{actor}\"]\nat = \"{at}\"\nplace = \"{at}\"\ngeo_precision = 1\nwhere_prec = 1\ncredibility = 2\nquote = \"Fighters were seen there.\"\n\n"
        )
    };
    let text = format!(
        "[source]\nid = \"merged-actors\"\npublisher = \"Test Wire\"\ntitle = \"t\"\npublished = \"2024-12-05\"\nreliability = \"B\"\n\n{}{}{}{}",
        event("a", "kataib-hezbollah", "hajin"),
        event("b", "isis", "hajin"),
        event("c", "isis", "al-mayadin"),
        event("d", "isis", "al-mayadin"),
    );
    let d = tmp();
    let r = write(d.path(), "r.toml", &text);
    let svg = render_report(&r, &d.path().join("out"));
    assert!(svg.contains("Hajin · 2 actors"), "two actors at Hajin");
    assert!(svg.contains(">Al-Mayadin<"), "Al-Mayadin is labelled");
    assert!(
        !svg.contains("Al-Mayadin · "),
        "one actor at Al-Mayadin: no note"
    );
}

/// A place known only along a line resolves to that line and its width, one kind of
/// uncertainty the map and QGIS draw as the line: the whole border, a governorate's stretch of
/// it, and the border strip (a region that is a band along the border); a governorate stays an
/// area.
#[test]
fn places_along_the_border_resolve_to_its_line() {
    use bordermap::resolve::Uncertainty;
    let (g, b, a) = builtin();
    let all = resolved_builtin(&g, &b, &a);
    let stop = |suffix: &str, i: usize| {
        all.iter()
            .find(|e| e.id().ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix}"))
            .stops[i]
            .uncertainty
            .clone()
    };
    let len = |l: &geo::LineString<f64>| {
        l.0.windows(2)
            .map(|w| bordermap::border::geodesic_km((w[0].x, w[0].y), (w[1].x, w[1].y)))
            .sum::<f64>()
    };
    let border_km = b.length_km();
    // "the border" as a whole: its whole line, 10 km either side
    match stop("/iranians-afghans-enter-iraq", 0) {
        Uncertainty::Along { line, radius_m, .. } => {
            assert!((len(&line) - border_km).abs() < 1.0, "{}", len(&line));
            assert_eq!(radius_m, 10_000.0);
        }
        u => panic!("the whole border: {u:?}"),
    }
    // the border strip: the whole border, as wide as the strip
    match stop("/army-border-guards-secure-strip", 0) {
        Uncertainty::Along {
            line,
            radius_m,
            area,
        } => {
            assert!(
                len(&line) > border_km - 30.0,
                "{} of {border_km}",
                len(&line)
            );
            assert!((15_000.0..=20_000.0).contains(&radius_m), "{radius_m}");
            // its polygon is the strip's own
            let strip = g.get("iraq-syria-border-strip").unwrap();
            assert!(std::sync::Arc::ptr_eq(&area, &g.area_arc(strip).unwrap()));
        }
        u => panic!("the border strip: {u:?}"),
    }
    // from Anbar to the border: to Anbar's stretch of it, from Anbar the area
    match stop("/army-pmf-convoy-anbar-to-border", 1) {
        Uncertainty::Along { line, radius_m, .. } => {
            let k = len(&line);
            assert!(
                k > 100.0 && k < border_km - 100.0,
                "Anbar's stretch is {k} km"
            );
            assert_eq!(radius_m, 5_000.0);
            // every point of it is on Anbar's edge
            let anbar = g.area_arc(g.get("anbar-governorate").unwrap()).unwrap();
            use geo::Distance;
            for c in &line.0 {
                let d = geo::Euclidean.distance(&geo::Point::new(c.x, c.y), &*anbar);
                assert!(d < 0.06, "{c:?} is {d} degrees off Anbar");
            }
        }
        u => panic!("Anbar's stretch: {u:?}"),
    }
    assert!(matches!(
        stop("/army-pmf-convoy-anbar-to-border", 0),
        Uncertainty::Area(_)
    ));
    assert!(matches!(
        stop("/border-forces-deployed-to-anbar", 0),
        Uncertainty::Area(_)
    ));
}

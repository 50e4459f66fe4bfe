//! `bordermap render`: every product, deterministic, and the committed `output/` is exactly
//! what the default run makes.

mod util;

use std::collections::BTreeMap;
use std::path::Path;

use util::{repo, run, tmp};

const PRODUCTS: &[&str] = &[
    "sites.geojson",
    "events.geojson",
    "movements.geojson",
    "uncertainty.geojson",
    "border.geojson",
    "rivers.geojson",
    "areas.geojson",
    "sites.qml",
    "events.qml",
    "movements.qml",
    "uncertainty.qml",
    "border.qml",
    "rivers.qml",
    "areas.qml",
    "briefing.gpkg",
    "map.svg",
    "map.png",
    "map.pdf",
    "timeline.svg",
    "profile.svg",
    "map.html",
];

fn render_to(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let (code, _, err) = run(&["render", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_default_run_writes_every_product() {
    let d = tmp();
    let files = render_to(d.path());
    for p in PRODUCTS {
        assert!(files.contains_key(*p), "missing {p}");
        assert!(!files[*p].is_empty(), "empty {p}");
    }
}

#[test]
fn identical_inputs_give_byte_identical_outputs() {
    let (a, b) = (tmp(), tmp());
    let fa = render_to(a.path());
    let fb = render_to(b.path());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(v == &fb[k], "{k} differs between two runs");
    }
}

#[test]
fn committed_output_is_what_the_default_run_makes() {
    let d = tmp();
    let fresh = render_to(d.path());
    let committed = repo().join("output");
    let mut diffs = Vec::new();
    for (k, v) in &fresh {
        match std::fs::read(committed.join(k)) {
            Ok(old) if &old == v => {}
            Ok(_) => diffs.push(format!("{k} differs")),
            Err(_) => diffs.push(format!("{k} is not committed")),
        }
    }
    for e in std::fs::read_dir(&committed).unwrap().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if !fresh.contains_key(&n) && n != "README.md" {
            diffs.push(format!("{n} is committed but no longer made"));
        }
    }
    assert!(
        diffs.is_empty(),
        "output/ is stale (run `cargo run --release -- render` and commit):\n{}",
        diffs.join("\n")
    );
}

#[test]
fn coordinates_are_longitude_then_latitude() {
    let d = tmp();
    let files = render_to(d.path());
    let v: serde_json::Value = serde_json::from_slice(&files["sites.geojson"]).unwrap();
    let f = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["id"] == "albukamal")
        .expect("albukamal in sites");
    // Albukamal: 40.92 E, 34.45 N
    let c = &f["geometry"]["coordinates"];
    assert!(
        (c[0].as_f64().unwrap() - 40.92).abs() < 0.05
            && (c[1].as_f64().unwrap() - 34.45).abs() < 0.05,
        "{c}"
    );
}

#[test]
fn geojson_is_rfc7946() {
    let d = tmp();
    let files = render_to(d.path());
    for (name, bytes) in files.iter().filter(|(k, _)| k.ends_with(".geojson")) {
        let v: serde_json::Value =
            serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["type"], "FeatureCollection");
        assert!(v.get("crs").is_none(), "{name}: RFC 7946 has no crs member");
        let mut types = std::collections::BTreeSet::new();
        let mut check = |c: &serde_json::Value| {
            let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
            assert!(
                (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y),
                "{name}: {c}"
            );
            for n in [&c[0], &c[1]] {
                let s = n.to_string();
                let decimals = s.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 6, "{name}: {s} has {decimals} decimals");
            }
        };
        for f in v["features"].as_array().unwrap() {
            let g = &f["geometry"];
            types.insert(g["type"].as_str().unwrap().to_string());
            match g["type"].as_str().unwrap() {
                "Point" => check(&g["coordinates"]),
                "LineString" => g["coordinates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(&mut check),
                "MultiPolygon" => {
                    for poly in g["coordinates"].as_array().unwrap() {
                        for (i, ring) in poly.as_array().unwrap().iter().enumerate() {
                            let pts: Vec<(f64, f64)> = ring
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|c| {
                                    check(c);
                                    (c[0].as_f64().unwrap(), c[1].as_f64().unwrap())
                                })
                                .collect();
                            assert_eq!(pts.first(), pts.last(), "{name}: ring not closed");
                            let area2: f64 = pts
                                .windows(2)
                                .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
                                .sum();
                            if i == 0 {
                                assert!(
                                    area2 > 0.0,
                                    "{name}: exterior ring must be counter-clockwise"
                                );
                            } else {
                                assert!(area2 < 0.0, "{name}: holes must be clockwise");
                            }
                        }
                    }
                }
                t => panic!("{name}: unexpected geometry {t}"),
            }
        }
        assert!(
            types.len() <= 1,
            "{name}: one geometry type per file, got {types:?}"
        );
        // dates: every value of a date column is an ISO date
        for f in v["features"].as_array().unwrap() {
            for k in ["date_start", "date_end", "date_end_excl", "published"] {
                if let Some(d) = f["properties"].get(k) {
                    let s = d
                        .as_str()
                        .unwrap_or_else(|| panic!("{name}: {k} is not a date: {d}"));
                    assert!(
                        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                        "{name}: {k} = {s}"
                    );
                }
            }
        }
    }
}

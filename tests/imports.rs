//! ACLED and UCDP GED exports as inputs: the files in `tests/data/exports` were made by
//! `tools/gen_exports.py` (synthetic rows in the exports' layouts; no real ACLED data), with
//! `--expected` files whose border distances were measured independently (geographiclib).

mod util;

use std::collections::HashMap;

use util::{repo, run, tmp, write};

fn data(name: &str) -> String {
    repo()
        .join("tests/data/exports")
        .join(name)
        .display()
        .to_string()
}

fn features(geojson: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(geojson).expect("one JSON document");
    assert_eq!(v["type"], "FeatureCollection");
    v["features"].as_array().expect("features").clone()
}

fn expected(name: &str) -> HashMap<String, (f64, String, f64)> {
    let text = std::fs::read_to_string(data(name)).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (
                c[0].to_string(),
                (
                    c[3].parse().unwrap(),
                    c[4].to_string(),
                    c[5].parse().unwrap(),
                ),
            )
        })
        .collect()
}

fn check_known_rows(
    feats: &[serde_json::Value],
    exp: &HashMap<String, (f64, String, f64)>,
) -> usize {
    let mut checked = 0;
    for f in feats {
        let p = &f["properties"];
        let Some((km, side, chain)) = exp.get(p["source_event_id"].as_str().unwrap()) else {
            continue;
        };
        assert_eq!(p["side"], side.as_str(), "{p}");
        let got = p["border_km"].as_f64().unwrap();
        if *km < 100.0 {
            // the output has 10 m steps; the two measures agree within 6 m this near the border
            assert!((got - km).abs() <= 0.016, "border_km {got} vs {km}: {p}");
            if *km < 20.0 {
                assert!(
                    (p["chainage_km"].as_f64().unwrap() - chain).abs() < 0.5,
                    "{p}"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn an_acled_export_streams_as_one_feature_collection_with_border_figures() {
    let (code, out, err) = run(&["events", &data("acled-1000.csv"), "--format", "geojson"]);
    assert_eq!(code, 0, "{err}");
    let feats = features(&out);
    assert_eq!(feats.len(), 1000);
    let checked = check_known_rows(&feats, &expected("acled-1000.expected.csv"));
    assert!(checked >= 30, "only {checked} known rows checked");
    let p = &feats[0]["properties"];
    for k in [
        "import_format",
        "source_event_id",
        "event_type",
        "sub_event_type",
        "fatalities",
        "near_site_id",
        "date_start",
    ] {
        assert!(p.get(k).is_some(), "no {k} in {p}");
    }
    // the known first row is the Al-Qaim crossing: matched to the site, in Iraq
    let first = feats
        .iter()
        .find(|f| f["properties"]["source_event_id"] == "IRQ11001")
        .unwrap();
    assert_eq!(first["properties"]["near_site_id"], "al-qaim-crossing");
    assert_eq!(first["properties"]["import_format"], "acled");
    // ACLED's actor names are matched to the registry where it knows them
    assert!(feats.iter().any(|f| f["properties"]["actor_ids"]
        .as_str()
        .is_some_and(|a| a.contains("iraqi-army"))));
}

#[test]
fn old_acled_layouts_and_written_dates_read_alike() {
    let (code, out, err) = run(&["events", &data("acled-old-300.csv"), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 300);
    assert!(a
        .iter()
        .all(|e| e["date_start"].as_str().is_some_and(|d| d.len() == 10)));
    assert!(a.iter().any(|e| e["date_precision"] == "week"));
}

#[test]
fn a_ucdp_ged_export_reads_with_its_date_and_place_precision() {
    let (code, out, err) = run(&["events", &data("ged-300.csv"), "--format", "geojson"]);
    assert_eq!(code, 0, "{err}");
    let feats = features(&out);
    assert_eq!(feats.len(), 300);
    assert!(check_known_rows(&feats, &expected("ged-300.expected.csv")) >= 20);
    assert!(feats
        .iter()
        .all(|f| f["properties"]["import_format"] == "ucdp"));
    // a where_prec 4 row (a province) carries a wide uncertainty
    assert!(feats.iter().any(|f| f["properties"]["where_prec"] == 4
        && f["properties"]["precision_m"].as_i64().unwrap() >= 100_000));
}

#[test]
fn bad_rows_are_located_and_nothing_is_written() {
    let f = data("acled-bad-300.csv");
    let (code, out, err) = run(&["events", &f, "--format", "geojson"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        out.is_empty(),
        "nothing on stdout: {}",
        &out[..out.len().min(200)]
    );
    for (line, value) in [
        ("104", "134.2"),
        ("105", "n/a"),
        ("206", "2024-02-30"),
        ("207", "sometime"),
    ] {
        let hit = err
            .lines()
            .find(|l| l.contains(&format!("acled-bad-300.csv:{line}:")))
            .unwrap_or_else(|| panic!("no message for line {line}: {err}"));
        assert!(hit.contains(value), "{hit}");
        // file:line:column
        let loc = hit
            .trim_start_matches("bordermap: ")
            .split(": ")
            .next()
            .unwrap();
        assert_eq!(
            loc.rsplit(':')
                .next()
                .unwrap()
                .parse::<u32>()
                .map(|c| c > 0),
            Ok(true),
            "{hit}"
        );
    }
    // skipped, the rest goes through
    let (code, out, err) = run(&["events", &f, "--format", "geojson", "--skip-invalid"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(features(&out).len(), 296);
    assert!(err.contains("4 bad row(s) skipped"), "{err}");
    // render writes nothing either
    let d = tmp();
    let o = d.path().join("brief");
    let (code, _, _) = run(&["render", &f, "--out", o.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(!o.exists());
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        0,
        "no staging left"
    );
}

#[test]
fn files_of_neither_format_and_empty_files_are_refused_clearly() {
    let d = tmp();
    let empty = write(d.path(), "empty.csv", "");
    let (code, _, err) = run(&["events", empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("empty.csv") && err.contains("empty"), "{err}");
    let other = write(d.path(), "other.csv", "name,lat,lon\nx,34,41\n");
    let (code, _, err) = run(&["events", other.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("other.csv:1:1") && err.contains("neither"),
        "{err}"
    );
    let (code, _, err) = run(&["events", "/nonexistent/acled.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/acled.csv"), "{err}");
    // a row with too few columns, quoted fields across lines, non-ASCII: located by line
    let header = std::fs::read_to_string(data("acled-1000.csv")).unwrap();
    let header = header.lines().next().unwrap();
    let short = write(
        d.path(),
        "short.csv",
        &format!("{header}\nIRQ1,2024-01-01,2024,1,\"Political violence\",Battles,Armed clash,\"a\nb\",x\n"),
    );
    let (code, _, err) = run(&["check", short.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("short.csv:2:1") && err.contains("columns"),
        "{err}"
    );
}

#[test]
fn reports_and_exports_mix_in_one_stream() {
    let (code, out, err) = run(&[
        "events",
        &repo().join("reports").display().to_string(),
        &data("ged-300.csv"),
        "--format",
        "geojson",
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, builtin, _) = run(&["events", "--format", "geojson"]);
    assert_eq!(features(&out).len(), 300 + features(&builtin).len());
    // filters apply to both
    let (code, out, _) = run(&[
        "events",
        &data("acled-1000.csv"),
        "--kind",
        "arrest",
        "--format",
        "geojson",
    ]);
    assert_eq!(code, 0);
    let arrests = features(&out);
    assert!(!arrests.is_empty());
    assert!(arrests.iter().all(|f| f["properties"]["kind"] == "arrest"));
}

#[test]
fn a_render_of_many_events_draws_their_density_in_a_small_map() {
    let d = tmp();
    let o = d.path().join("brief");
    let (code, _, err) = run(&[
        "render",
        &data("acled-1000.csv"),
        "--out",
        o.to_str().unwrap(),
        "--extent",
        "auto",
    ]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(o.join("map.svg")).unwrap();
    assert!(svg.len() < 3_000_000, "{} bytes", svg.len());
    assert!(svg.contains("id=\"density\""), "drawn as density");
    assert!(svg.contains("Event density"));
    let ev = std::fs::read_to_string(o.join("events.geojson")).unwrap();
    assert_eq!(features(&ev).len(), 1000);
}

#[test]
fn an_export_of_many_blocks_comes_out_in_file_order_with_every_bad_row_located() {
    // the 1,000 rows five times over (2.5 MB): several blocks, worked on by several threads
    let text = std::fs::read_to_string(data("acled-1000.csv")).unwrap();
    let (header, body) = text.split_once('\n').unwrap();
    let mut big = format!("{header}\n");
    for _ in 0..5 {
        big.push_str(body);
    }
    let d = tmp();
    let f = write(d.path(), "acled-5000.csv", &big);
    let f = f.to_str().unwrap();
    let ids: Vec<String> = {
        let (code, out, err) = run(&["events", f, "--format", "geojson"]);
        assert_eq!(code, 0, "{err}");
        features(&out)
            .iter()
            .map(|x| {
                x["properties"]["source_event_id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let want: Vec<&str> = big
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|id| id.len() > 3 && id[..3].chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    assert_eq!(ids.len(), 5000);
    assert_eq!(ids, want);
    // the CSV output (events handed over one at a time) in the same order
    let (code, csv, _) = run(&["events", f, "--format", "csv"]);
    assert_eq!(code, 0);
    let csv_ids: Vec<&str> = csv
        .split("acled-acled-5000/")
        .skip(1)
        .filter_map(|x| x.split(',').next())
        .collect();
    assert_eq!(csv_ids, want);
    // two bad rows in the fourth copy: located, nothing written, the rest still checked
    let mut lines: Vec<String> = big.split('\n').map(str::to_string).collect();
    let k = 1 + 3 * body.matches('\n').count();
    assert!(lines[k].starts_with("IRQ11001,2021-09-04,"));
    lines[k] = lines[k].replacen(",2021-09-04,", ",2021-13-04,", 1);
    lines[k + 1] = lines[k + 1].replacen(",34.4523,", ",134.4523,", 1);
    let bad = lines.join("\n");
    let g = write(d.path(), "acled-bad-5000.csv", &bad);
    let g = g.to_str().unwrap();
    let (code, out, err) = run(&["events", g, "--format", "geojson"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("2 rows could not be read"), "{err}");
    for line in [k + 1, k + 2] {
        assert!(
            err.contains(&format!("acled-bad-5000.csv:{line}:")),
            "{err}"
        );
    }
    let (code, out, err) = run(&["events", g, "--format", "geojson", "--skip-invalid"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 bad row(s) skipped"), "{err}");
    assert_eq!(features(&out).len(), 4998);
}

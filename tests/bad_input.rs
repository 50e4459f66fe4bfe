//! Bad input: every problem named with file, line and value, a non-zero exit, never a panic.

mod util;

use std::process::Command;

use util::{run, tmp, write};

fn no_panic(err: &str) {
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "panic: {err}"
    );
}

const SITE: &str = r#"[[site]]
id = "test-town"
name = "Test Town"
kind = "town"
country = "IQ"
admin1 = "Anbar"
lon = 41.2
lat = 34.2
precision_m = 2000
source = "url:https://example.org/test-town"
"#;

#[test]
fn sites_check_reports_every_problem_in_one_run() {
    let d = tmp();
    let text = format!(
        "{SITE}\n{}\n{}\n{}\n{}",
        // duplicate id
        SITE.replace("Test Town", "Second Town"),
        // swapped coordinates (Al-Qaim's, axes exchanged)
        SITE.replace("test-town", "swapped")
            .replace("Test Town", "Swapped Town")
            .replace("lon = 41.2", "lon = 34.39")
            .replace("lat = 34.2", "lat = 40.99"),
        // a Syrian town placed in Iraq
        SITE.replace("test-town", "wrong-side")
            .replace("Test Town", "Wrong Side")
            .replace("\"IQ\"", "\"SY\"")
            .replace("lon = 41.2", "lon = 42.0")
            .replace("lat = 34.2", "lat = 33.8"),
        // an alias that collides with a built-in site's name, and an out-of-range latitude
        SITE.replace("test-town", "collider")
            .replace("Test Town", "Collider")
            .replace(
                "kind = \"town\"",
                "aliases = [\"Abu Kamal\"]\nkind = \"town\""
            )
            .replace("lat = 34.2", "lat = 95.0"),
    );
    let f = write(d.path(), "mine.toml", &text);
    let (code, _, err) = run(&["sites", "check", "--gazetteer", f.to_str().unwrap()]);
    no_panic(&err);
    assert_eq!(code, 2, "{err}");
    for needle in [
        "duplicate site id \"test-town\"",
        "swapped",
        "wrong-side: declared country SY",
        "latitude 95 is outside",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    // each problem names the file and a line
    assert!(
        err.lines().filter(|l| l.contains("mine.toml:")).count() >= 4,
        "{err}"
    );
}

#[test]
fn an_alias_colliding_across_sites_is_reported() {
    let d = tmp();
    let f = write(
        d.path(),
        "mine.toml",
        &SITE.replace(
            "kind = \"town\"",
            "aliases = [\"Abu Kamal\"]\nkind = \"town\"",
        ),
    );
    let (code, _, err) = run(&["sites", "check", "--gazetteer", f.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("collides") && err.contains("albukamal"),
        "{err}"
    );
}

#[test]
fn a_user_site_adds_to_and_overrides_the_builtin_ones() {
    let d = tmp();
    let f = write(d.path(), "mine.toml", SITE);
    let (code, out, err) = run(&[
        "sites",
        "lookup",
        "Test Town",
        "--gazetteer",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("test-town"));
    let over = SITE
        .replace("test-town", "albukamal")
        .replace("Test Town", "Albukamal")
        .replace("\"IQ\"", "\"SY\"")
        .replace("lon = 41.2", "lon = 40.93")
        .replace("lat = 34.2", "lat = 34.45");
    let f = write(d.path(), "over.toml", &over);
    let (code, out, _) = run(&[
        "sites",
        "lookup",
        "Albukamal",
        "--json",
        "--gazetteer",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matches"][0]["lon"], 40.93);
    assert_eq!(v["matches"][0]["tier"], "user");
}

#[test]
fn malformed_empty_and_non_utf8_gazetteers() {
    let d = tmp();
    let f = write(d.path(), "broken.toml", "[[site]]\nid = \"x\nname = 1\n");
    let (code, _, err) = run(&["sites", "check", "--gazetteer", f.to_str().unwrap()]);
    no_panic(&err);
    assert_eq!(code, 2);
    assert!(
        err.contains("broken.toml:2:") && err.contains("not valid TOML"),
        "{err}"
    );

    let f = write(d.path(), "empty.toml", "");
    let (code, _, err) = run(&["sites", "check", "--gazetteer", f.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("empty gazetteer file"), "{err}");

    let p = d.path().join("latin1.toml");
    std::fs::write(&p, b"[[site]]\nid = \"caf\xe9\"\n").unwrap();
    let (code, _, err) = run(&["sites", "lookup", "Hit", "--gazetteer", p.to_str().unwrap()]);
    no_panic(&err);
    assert_eq!(code, 2);
    assert!(
        err.contains("latin1.toml:2:") && err.contains("not UTF-8"),
        "{err}"
    );

    let (code, _, err) = run(&["sites", "check", "--gazetteer", "/nonexistent/x.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/x.toml"), "{err}");
}

const REPORT: &str = r#"[source]
id = "test-report"
publisher = "Test Wire"
title = "Test"
published = "2024-12-05"
reliability = "B"

[[event]]
id = "convoy"
kind = "deployment"
date = "2024-12-05"
actors = ["iraqi-army"]
from = "anbar-governorate"
to = "iraq-syria-border"
geo_precision = 3
where_prec = 4
credibility = 2
quote = "A convoy headed to the border."
"#;

fn check_report(text: &str) -> (i32, String) {
    let d = tmp();
    let f = write(d.path(), "r.toml", text);
    let (code, out, err) = run(&["check", f.to_str().unwrap()]);
    no_panic(&err);
    (code, format!("{out}{err}"))
}

#[test]
fn a_good_report_checks_clean() {
    let (code, out) = check_report(REPORT);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 events") || out.contains("1 event"), "{out}");
}

#[test]
fn report_errors_are_located_and_all_reported() {
    let bad = REPORT
        .replace(
            "date = \"2024-12-05\"\nactors",
            "date = \"2024-02-30\"\nactors",
        )
        .replace("\"iraqi-army\"", "\"iraqi-armee\"")
        .replace("to = \"iraq-syria-border\"", "to = \"albukamall\"");
    let bad = format!("{bad}\n[[event]]\nid = \"convoy\"\nkind = \"presence\"\ndate = \"2024-12\"\nactors = [\"pmf\"]\nfrom = \"al-qaim\"\ngeo_precision = 1\nwhere_prec = 1\ncredibility = 2\nquote = \"x\"\n");
    let (code, out) = check_report(&bad);
    assert_eq!(code, 2, "{out}");
    for needle in [
        "February 2024 has no day 30",
        "unknown actor \"iraqi-armee\"; did you mean \"iraqi-army\"",
        "unknown site \"albukamall\"; did you mean \"albukamal\"",
        "duplicate event id",
        "`to` is missing",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    // file:line:column on every error line
    for l in out.lines().filter(|l| l.contains("error:")) {
        let loc = l
            .trim_start_matches("bordermap: ")
            .split(": error")
            .next()
            .unwrap();
        assert_eq!(loc.matches(':').count(), 2, "no line and column in {l:?}");
    }
    assert!(
        out.contains("r.toml:11:8"),
        "the bad date's position: {out}"
    );
}

#[test]
fn malformed_and_empty_reports() {
    let (code, out) = check_report("[source\nid = 1");
    assert_eq!(code, 2);
    assert!(
        out.contains("r.toml:1:") && out.contains("not valid TOML"),
        "{out}"
    );
    let (code, out) = check_report("");
    assert_eq!(code, 2);
    assert!(out.contains("empty report file"), "{out}");
    let (code, out) = check_report(&REPORT.replace("kind = \"deployment\"", "kind = \"parade\""));
    assert_eq!(code, 2);
    assert!(
        out.contains("unknown kind \"parade\"") && out.contains("control-change"),
        "{out}"
    );
}

#[test]
fn swapped_raw_coordinates_are_caught() {
    let r = REPORT.replace(
        "from = \"anbar-governorate\"\nto = \"iraq-syria-border\"",
        "at = { lon = 34.45, lat = 40.92 }",
    );
    let (code, out) = check_report(&r);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("swapped"), "{out}");
}

#[test]
fn a_movement_without_an_origin_is_an_error() {
    let r = REPORT.replace("from = \"anbar-governorate\"\n", "");
    let (code, out) = check_report(&r);
    assert_eq!(code, 2);
    assert!(out.contains("`from` is missing"), "{out}");
}

#[test]
fn filters_refuse_unknown_values() {
    let (code, _, err) = run(&["events", "--kind", "parade"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("parade") && err.contains("withdrawal"),
        "{err}"
    );
    let (code, _, err) = run(&["events", "--actor", "Kataib Hezbolah"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean") && err.contains("kataib-hezbollah"),
        "{err}"
    );
    let (code, _, err) = run(&["events", "--from", "2024-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("no day 30"), "{err}");
}

#[test]
fn render_refuses_bad_outputs_and_leaves_old_ones_whole() {
    let d = tmp();
    let out = d.path().join("out");
    let (code, _, err) = run(&["render", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read(out.join("events.geojson")).unwrap();
    // a filter that matches nothing: refused, nothing touched
    let (code, _, err) = run(&[
        "render",
        "--out",
        out.to_str().unwrap(),
        "--from",
        "2030-01-01",
    ]);
    assert_eq!(code, 1, "nothing matched: exit 1");
    assert!(err.contains("no event matches"), "{err}");
    // an unwritable output directory (a file stands in its way)
    let blocker = write(d.path(), "file", "x");
    let (code, _, err) = run(&["render", "--out", blocker.join("sub").to_str().unwrap()]);
    no_panic(&err);
    assert_eq!(code, 3, "an I/O failure: exit 3: {err}");
    assert!(err.contains("file/sub") || err.contains("file"), "{err}");
    // a bad bbox
    let (code, _, err) = run(&[
        "render",
        "--out",
        out.to_str().unwrap(),
        "--bbox",
        "43,32,38,37",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("west"), "{err}");
    assert_eq!(std::fs::read(out.join("events.geojson")).unwrap(), before);
    // no temporary files left behind
    let stray: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

#[test]
fn one_exit_code_table_for_every_command() {
    let d = tmp();
    // 1: nothing matched
    assert_eq!(run(&["sites", "lookup", "Qwxzyvb"]).0, 1);
    assert_eq!(
        run(&["sites", "list", "--kind", "crossing", "--country", "JO"]).0,
        1
    );
    assert_eq!(run(&["events", "--from", "2030-01-01"]).0, 1);
    let out = d.path().join("o");
    assert_eq!(
        run(&[
            "render",
            "--from",
            "2030-01-01",
            "--out",
            out.to_str().unwrap()
        ])
        .0,
        1
    );
    // 2: bad input or usage
    assert_eq!(run(&["events", "--kind", "parade"]).0, 2);
    assert_eq!(run(&["check", "/nonexistent/r.toml"]).0, 2);
    assert_eq!(run(&["sites", "lookup"]).0, 2);
    let bad = write(d.path(), "bad.toml", "[source]\nid = 3\n");
    assert_eq!(run(&["check", bad.to_str().unwrap()]).0, 2);
    // 3: a file that cannot be written
    let blocker = write(d.path(), "file", "x");
    let (code, _, err) = run(&["render", "--out", blocker.join("o").to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    // 0
    assert_eq!(run(&["check"]).0, 0);
}

#[test]
fn devices_pipes_and_folders_are_refused_before_reading() {
    let (code, _, err) = run(&["check", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/dev/zero") && err.contains("not a regular file"),
        "{err}"
    );
    let d = tmp();
    let fifo = d.path().join("f.toml");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let t = std::time::Instant::now();
    let (code, _, err) = run(&["check", fifo.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(t.elapsed().as_secs() < 5, "a FIFO must not block");
    let (code, _, err) = run(&["sites", "check", "--gazetteer", d.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("directory"), "{err}");
}

#[test]
fn text_that_could_deceive_is_neutralised_in_every_output() {
    let d = tmp();
    let sites = write(
        d.path(),
        "s.toml",
        &SITE
            .replace(
                "name = \"Test Town\"",
                "name = \"Test \u{202e}nwoT\u{202c} \\u001b[31mred\"",
            )
            .replace(
                "id = \"test-town\"",
                "id = \"test-town\"\naliases = [\"Evil\u{2066}Town\u{2069}\"]",
            ),
    );
    let report = write(
        d.path(),
        "r.toml",
        &REPORT
            .replace(
                "title = \"Test\"",
                "title = \"\u{202e}evil\u{202c} headline\"",
            )
            .replace("to = \"iraq-syria-border\"", "to = \"test-town\""),
    );
    let out = d.path().join("o");
    let (code, _, err) = run(&[
        "render",
        report.to_str().unwrap(),
        "--gazetteer",
        sites.to_str().unwrap(),
        "--title",
        "A \u{202e}title",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("U+202E"), "the removal is warned about: {err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    // the text outputs (the GeoPackage's rows are the GeoJSON's values; PNG and PDF draw the
    // SVG's text as outlines)
    for e in std::fs::read_dir(&out).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".geojson") || name.ends_with(".svg") || name.ends_with(".qml")) {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        for bad in ["\u{202e}", "\u{202c}", "\u{2066}", "\u{2069}", "\u{1b}"] {
            assert!(
                !bytes.windows(bad.len()).any(|w| w == bad.as_bytes()),
                "{} holds {bad:?}",
                e.path().display()
            );
        }
    }
    let (code, out, err) = run(&["sites", "list", "--gazetteer", sites.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
}

#[test]
fn every_problem_of_a_report_in_one_run_and_dates_far_after_publication() {
    let text = REPORT
        .replace("reliability = \"B\"", "reliability = \"Z\"")
        .replace("kind = \"deployment\"", "kind = \"parade\"")
        .replace("date = \"2024-12-05\"", "date = \"9999-12-31\"");
    let (code, out) = check_report(&text);
    assert_eq!(code, 2);
    assert!(out.contains("Admiralty source grade"), "{out}");
    assert!(
        out.contains("parade"),
        "a bad source field hides nothing: {out}"
    );
    assert!(out.contains("after publication"), "{out}");
    // a plan may lie after publication
    let plan = REPORT
        .replace("date = \"2024-12-05\"", "date = \"2025-03-01\"")
        .replace(
            "kind = \"deployment\"",
            "kind = \"deployment\"\nstatus = \"planned\"",
        );
    let (code, out) = check_report(&plan);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("warning"), "{out}");
    // a date written as a number says how to write it
    let (code, out) = check_report(&REPORT.replace("date = \"2024-12-05\"", "date = 20241205"));
    assert_eq!(code, 2);
    assert!(out.contains("2024-12-05"), "{out}");
}

#[test]
fn actors_are_looked_up_and_listed_like_sites() {
    let (code, out, _) = run(&["actors", "lookup", "Hashd al-Shaabi"]);
    assert_eq!(code, 0);
    assert!(out.contains("pmf"), "{out}");
    // ACLED's spelling, with its era
    let (code, out, _) = run(&[
        "actors",
        "lookup",
        "Military Forces of Iraq (2022-)",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matches"][0]["id"], "iraqi-army");
    let (code, _, err) = run(&["actors", "lookup", "Kataib Hezbolah"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("kataib-hezbollah") && err.contains("--actors FILE"),
        "{err}"
    );
    let (code, out, _) = run(&["actors", "list", "--format", "csv"]);
    assert_eq!(code, 0);
    for id in [
        "us-led-coalition",
        "free-syrian-army",
        "tribal-forces",
        "civilians",
        "protesters",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{id},"))),
            "{id} missing"
        );
    }
}

#[test]
fn a_route_on_a_kind_that_does_not_move_is_an_error() {
    let (code, out) = check_report(&REPORT.replace("kind = \"deployment\"", "kind = \"presence\""));
    assert_eq!(code, 2);
    assert!(out.contains("does not move"), "{out}");
}

//! `map.html` as a file: one self-contained page that requests nothing, whose event records
//! are the events of the GeoJSON layers written beside it, and that no quote can break.
//! The page's behaviour in a real browser is checked by `tests/clients/html_check.mjs`
//! (`cargo test --test clients -- --ignored`).

mod util;

use std::collections::BTreeSet;
use std::path::Path;

use util::{run, tmp, write};

fn render(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["render", "--out", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(dir.join("map.html")).expect("map.html is written")
}

/// The text of `<script id="ID" ...>`.
fn block<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<script id=\"{id}\" type=\"application/json\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no {id} block")) + open.len();
    let end = start + html[start..].find("</script>").expect("the block ends");
    &html[start..end]
}

fn layer_ids(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in ["events.geojson", "movements.geojson"] {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(f)).unwrap()).unwrap();
        for x in v["features"].as_array().unwrap() {
            out.insert(x["properties"]["id"].as_str().unwrap().to_string());
        }
    }
    out
}

#[test]
fn the_page_is_one_file_that_requests_nothing() {
    let d = tmp();
    let html = render(d.path(), &[]);
    let lower = html.to_ascii_lowercase();
    // every script, style, image and font is inside the page
    for bad in [
        "<script src",
        "<link",
        "<img src=\"http",
        "@import",
        "url(http",
        "url(//",
        "url(images/",
    ] {
        assert!(!lower.contains(bad), "map.html contains {bad:?}");
    }
    assert!(
        html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
        "the page forbids requests through its policy"
    );
    assert!(
        html.contains("@font-face{font-family:'BM Noto Sans Arabic';src:url(data:font/ttf;base64,")
    );
    // Leaflet, vendored, and its licence shipped beside it in the repository
    assert!(html.contains("Leaflet 1.9.4"));
    let size = html.len();
    assert!(
        size < 2_000_000,
        "the default map.html is {size} bytes (at most 2 MB)"
    );
}

#[test]
fn the_page_holds_every_event_of_the_layers() {
    let d = tmp();
    let html = render(d.path(), &[]);
    let recs: Vec<serde_json::Value> = serde_json::from_str(block(&html, "bm-events")).unwrap();
    let tables: serde_json::Value = serde_json::from_str(block(&html, "bm-tables")).unwrap();
    // a record names its event within its source (field 8): the page makes "source/event"
    let uid = |r: &serde_json::Value| {
        let src = &tables["sources"][r[8].as_u64().unwrap() as usize][0];
        format!("{}/{}", src.as_str().unwrap(), r[0].as_str().unwrap())
    };
    let ids: BTreeSet<String> = recs.iter().map(uid).collect();
    assert_eq!(ids.len(), recs.len(), "one record per event");
    assert_eq!(ids, layer_ids(d.path()));
    // the quote is carried whole: compare with the events layer
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("events.geojson")).unwrap()).unwrap();
    let f = &v["features"][0]["properties"];
    let rec = recs
        .iter()
        .find(|r| uid(r) == f["id"].as_str().unwrap())
        .expect("the first event has a record");
    assert_eq!(rec[11], f["quote"]);
    assert_eq!(tables["meta"]["count"], recs.len());
    // the symbol shapes are the SVG map's: every kind has its path and palette colour
    for k in tables["looks"]["kinds"].as_array().unwrap() {
        assert!(k["path"].as_str().unwrap().starts_with('M'), "{k}");
        assert!(k["colour"].as_str().unwrap().starts_with('#'), "{k}");
    }
    // every curated site can be searched for, with its folded keys
    let search = tables["search"].as_array().unwrap();
    assert!(search.iter().any(|s| s[0] == "albukamal"
        && s[8]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "bukamal" || k == "abukamal" || k == "albukamal")));
}

const REPORT: &str = r#"[source]
id = "html-test"
publisher = "Test </script> Wire"
title = "A title with <b>markup</b> & an ampersand"
published = "2024-12-05"
reliability = "B"
url = "javascript:alert(1)"

[[event]]
id = "quote-with-script"
kind = "deployment"
date = "2024-12-05"
actors = ["iraqi-army"]
at = "al-qaim"
place = "near <img src=x onerror=alert(1)> al-Qaim"
geo_precision = 2
where_prec = 2
credibility = 2
quote = "Troops said </script><script>alert(1)</script> and moved on\u2028to al-Qaim."
"#;

#[test]
fn no_text_in_a_report_can_break_out_of_the_page() {
    let d = tmp();
    let r = write(d.path(), "r.toml", REPORT);
    let out = d.path().join("out");
    let html = render(&out, &[r.to_str().unwrap()]);
    // the page's script blocks are exactly the four it writes
    assert_eq!(
        html.matches("<script").count(),
        4,
        "a quote opened a script element"
    );
    assert!(!html.contains("</script><script>alert"));
    let recs: Vec<serde_json::Value> = serde_json::from_str(block(&html, "bm-events")).unwrap();
    assert_eq!(
        recs[0][11],
        "Troops said </script><script>alert(1)</script> and moved on\u{2028}to al-Qaim."
    );
    let tables: serde_json::Value = serde_json::from_str(block(&html, "bm-tables")).unwrap();
    assert_eq!(tables["sources"][0][1], "Test </script> Wire");
    // the page builds its text with textContent and links only http(s) URLs
    let js = &html[html.rfind("<script>").unwrap()..];
    assert!(
        !js.contains("innerHTML"),
        "the page's script writes no HTML from data"
    );
    assert!(js.contains("/^https?:\\/\\//i.test("));
}

//! `bordermap draft`: an article's text drafted into a report. The sentences here are written
//! for these tests (not copied from any article); they carry the patterns real reporting on
//! the corridor uses: its spellings, its traps, its date forms.

mod util;

use serde_json::Value;
use util::{repo, run, seeds_dir, tmp, write};

/// Drafts `text` as JSON (with front matter `published: DATE`).
fn draft_json(published: &str, body: &str) -> Value {
    let d = tmp();
    let text = if published.is_empty() {
        body.to_string()
    } else {
        format!("published: {published}\n---\n{body}")
    };
    let f = write(d.path(), "a.txt", &text);
    let (code, out, err) = run(&["draft", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    // every span cuts its own text out of the input
    for layer in ["places", "actors", "dates", "unresolved"] {
        for m in v[layer].as_array().unwrap() {
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], m["text"].as_str().unwrap(), "{layer} span");
        }
    }
    v
}

fn place_ids(v: &Value) -> Vec<(String, String)> {
    v["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap().to_string(),
                p["site_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn has_place(v: &Value, text: &str, id: &str) -> bool {
    place_ids(v).iter().any(|(t, i)| t == text && i == id)
}

fn no_place_in(v: &Value, text: &str) -> bool {
    !place_ids(v).iter().any(|(t, _)| t.contains(text))
}

#[test]
fn spellings_and_context_decide_the_site() {
    let v = draft_json(
        "2017-11-04",
        "AL-QAIM, Iraq (Desert Wire) – Army units took the district of al-Qaim on Friday and \
         raised the flag over the Husaibah crossing on the Syrian border.\n\
         Soldiers rest near a checkpoint in Al Qaim, Iraq, November 3, 2017.\n\
         Fighters fled toward Boukamal, which Arabic papers write البوكمال, and on to Abu Kamal's \
         outskirts, while others went to Hasiba.\n",
    );
    assert!(has_place(&v, "AL-QAIM", "al-qaim"));
    assert!(has_place(&v, "Husaibah crossing", "al-qaim-crossing"));
    assert!(has_place(&v, "Syrian border", "iraq-syria-border"));
    assert!(has_place(&v, "Al Qaim", "al-qaim"));
    assert!(has_place(&v, "Boukamal", "albukamal"));
    assert!(has_place(&v, "البوكمال", "albukamal"));
    assert!(has_place(&v, "Abu Kamal", "albukamal"));
    assert!(has_place(&v, "Hasiba", "husaybah"));
    // "Iraqi" and "Syrian" are adjectives, not places
    assert!(no_place_in(&v, "Iraqi"));
}

#[test]
fn things_that_only_look_like_places_are_not_places() {
    let v = draft_json(
        "2019-03-01",
        "The Islamic State leader Abu Bakr al-Baghdadi was not seen in Hajin. \
         Fighters of Kataib Hezbollah and the Deir Ezzor Military Council took part in Operation \
         Jazira Storm, an Iran-backed official told Al-Mayadeen TV. Mortars hit the edge of the \
         town, said Ana Lopez, a spokeswoman of the Islamic Resistance in Iraq.\n",
    );
    let places = place_ids(&v);
    assert!(has_place(&v, "Hajin", "hajin"), "{places:?}");
    for not in [
        "Baghdadi",
        "Deir Ezzor",
        "Jazira",
        "Iran",
        "Mayadeen",
        "hit",
        "Ana",
        "Iraq",
    ] {
        assert!(
            !places.iter().any(|(t, _)| t.contains(not)),
            "{not} taken for a place: {places:?}"
        );
    }
    // an unknown name after a place word is listed as unresolved, never given coordinates
    let v = draft_json(
        "2018-06-18",
        "Aircraft struck a depot in the village of Al-Hariyat, south-east of Albukamal.\n",
    );
    let unres = v["unresolved"].as_array().unwrap();
    assert!(
        unres
            .iter()
            .any(|u| u["text"].as_str().unwrap().contains("Hariyat")),
        "{unres:?}"
    );
    assert!(!place_ids(&v).iter().any(|(t, _)| t.contains("Hariyat")));
}

#[test]
fn actors_named_and_generic() {
    let v = draft_json(
        "2024-12-05",
        "Iraqi forces and the PMF headed to the border on Thursday, while pro-Iran militias \
         stayed in Al-Qaim and the US-led coalition watched. The Syrian army withdrew from \
         Albukamal as tribal fighters moved in.\n",
    );
    let ids: Vec<&str> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["actor_id"].as_str())
        .collect();
    for id in [
        "iraqi-army",
        "pmf",
        "iran-backed-iraqi-factions",
        "us-led-coalition",
        "syrian-arab-army",
        "tribal-forces",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // after the regime fell, generic Syrian forces are the new government's
    let v = draft_json(
        "2025-01-20",
        "Syrian forces deployed to Albukamal on Monday.\n",
    );
    let first = &v["actors"][0];
    assert_eq!(first["actor_id"], "syrian-transitional-government");
}

#[test]
fn dates_absolute_relative_and_ranges() {
    // published on Thursday 5 December 2024
    let v = draft_json(
        "2024-12-05",
        "On Thursday, a convoy headed to Al-Qaim. On Monday the head of the PMF spoke. The \
         group had left Albukamal last Saturday, after a visit between November 8 and 10, 2024 \
         and a raid in June 2018. Earlier this week, and last month, more came.\n",
    );
    let dates: Vec<(String, String, String)> = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap().to_string(),
                d["date_start"].as_str().unwrap_or("").to_string(),
                d["date_end"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        ("On Thursday", "2024-12-05", "2024-12-05"),
        ("On Monday", "2024-12-02", "2024-12-02"),
        ("last Saturday", "2024-11-30", "2024-11-30"),
        ("November 8 and 10, 2024", "2024-11-08", "2024-11-10"),
        ("June 2018", "2018-06-01", "2018-06-30"),
        ("Earlier this week", "2024-12-02", "2024-12-04"),
        ("last month", "2024-11-01", "2024-11-30"),
    ];
    for (t, s, e) in want {
        assert!(
            dates.iter().any(|d| d.0 == t && d.1 == s && d.2 == e),
            "{t} {s}..{e} not in {dates:?}"
        );
    }
}

/// The drafted events of a JSON draft: (kind, status, site ids).
fn events(v: &Value) -> Vec<(String, String, String)> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
                e["site_ids"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn events_kinds_statuses_and_routes() {
    let v = draft_json(
        "2024-12-29",
        "The factions withdrew from Albukamal to Al-Qaim on Friday.\n\
         They will move away from Al-Qaim starting this week.\n\
         A commander said the brigade may deploy to Rawa, but has not yet decided.\n\
         The PMF denied reports that its fighters entered Syria.\n\
         Security forces arrested five men in Hit on Sunday.\n\
         Iraq reopened the Al-Qaim crossing on Monday.\n",
    );
    let ev = events(&v);
    let has =
        |k: &str, st: &str, sites: &str| ev.iter().any(|e| e.0 == k && e.1 == st && e.2 == sites);
    assert!(
        has("withdrawal", "reported", "albukamal; al-qaim"),
        "{ev:?}"
    );
    assert!(has("withdrawal", "planned", "al-qaim"), "{ev:?}");
    assert!(has("deployment", "considered", "rawah"), "{ev:?}");
    assert!(has("crossing", "denied", "syria"), "{ev:?}");
    assert!(has("arrest", "reported", "hit"), "{ev:?}");
    assert!(has("reopening", "reported", "al-qaim-crossing"), "{ev:?}");
    // the route is drawn from where it starts to where it ends, and the quote is the
    // sentence word for word, with its span
    let e = &v["events"][0];
    assert_eq!(e["from_id"], "albukamal");
    assert_eq!(e["to_id"], "al-qaim");
    let text =
        "published: 2024-12-29\n---\nThe factions withdrew from Albukamal to Al-Qaim on Friday.\n";
    let (s, en) = (
        e["sentence_start"].as_u64().unwrap() as usize,
        e["sentence_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..en], e["quote"].as_str().unwrap());
    assert_eq!(e["date_start"], "2024-12-27");
}

#[test]
fn page_furniture_is_not_article_text() {
    let v = draft_json(
        "2024-12-03",
        "Militias moved to Albukamal on Tuesday.\n\
         Related: Militias struck Al-Mayadin on Monday\n\
         Subscribe to our newsletter about Deir Ezzor\n\
         `; document.getElementById(\"x\").innerHTML = cont; var y = Hajin;\n\
         Comments\nI visited Raqqa last year and it was fine.\n",
    );
    let ev = events(&v);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].2, "albukamal");
    assert!(!place_ids(&v)
        .iter()
        .any(|(t, _)| t == "Hajin" || t == "Raqqa"));
}

#[test]
fn without_a_date_the_draft_says_so() {
    // a date line gives the publication date
    let v = draft_json(
        "",
        "Fighters leave Hajin\nMonday, 10 December, 2018 - 11:05\nFighters left Hajin on Sunday.\n",
    );
    assert_eq!(v["source"]["published"], "2018-12-10");
    assert!(v["source"]["published_note"]
        .as_str()
        .unwrap()
        .contains("date line"));
    let ev = &v["events"][0];
    assert_eq!(ev["date_start"], "2018-12-09");
    // none at all: relative dates are left unresolved, and undated events wait for a date
    let v = draft_json("", "Fighters left Hajin on Sunday.\n");
    assert!(v["source"]["published"].is_null());
    assert!(v["dates"][0]["date_start"].is_null());
    assert_eq!(v["undated_events"].as_array().unwrap().len(), 1);
    assert!(v["notes"][0].as_str().unwrap().contains("unresolved"));
}

#[test]
fn drafted_reports_pass_check_unchanged() {
    let d = tmp();
    let mut articles: Vec<std::path::PathBuf> =
        std::fs::read_dir(repo().join("tests/data/draft/synthetic"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
    let seeds: Vec<std::path::PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("the seed articles (../shared/seeds or $BORDERMAP_SEEDS)")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(seeds.len(), 5, "the five seeds");
    articles.extend(seeds);
    articles.sort();
    let mut n_events = 0;
    for a in &articles {
        let out = d
            .path()
            .join(format!("{}.toml", a.file_stem().unwrap().to_string_lossy()));
        let (code, _, err) = run(&[
            "draft",
            a.to_str().unwrap(),
            "--published",
            "2024-12-05",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{}: {err}", a.display());
        let toml = std::fs::read_to_string(&out).unwrap();
        n_events += toml.matches("\n[[event]]").count();
        let (code, _, err) = run(&["check", out.to_str().unwrap()]);
        assert_eq!(
            code,
            0,
            "{}: drafted report fails check:\n{err}",
            a.display()
        );
    }
    assert!(
        n_events >= 100,
        "only {n_events} events drafted from {} articles",
        articles.len()
    );
    // and the drafts render
    let files: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".toml"))
        .take(3)
        .collect();
    let mut args = vec!["events", "--format", "csv"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().count() > 3);
}

#[test]
fn bad_input_gets_a_clear_message_never_a_panic() {
    let d = tmp();
    let empty = write(d.path(), "empty.txt", "  \n\n");
    let (code, _, err) = run(&["draft", empty.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("empty"), "{err}");
    let bin = d.path().join("bin.dat");
    std::fs::write(&bin, [0x7f, b'E', b'L', b'F', 0, 0, 1, 2]).unwrap();
    let (code, _, err) = run(&["draft", bin.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("binary"), "{err}");
    let latin1 = d.path().join("latin1.txt");
    std::fs::write(&latin1, b"Forces moved to Al-Qaim.\nCaf\xe9 in Hit.\n").unwrap();
    let (code, _, err) = run(&["draft", latin1.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(":2:4") && err.contains("UTF-8"), "{err}");
    let (code, _, err) = run(&["draft", "/nonexistent/article.txt"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["draft", "a.txt", "--published", "2024-13-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--published"), "{err}");
    // no place at all: an empty draft that still checks
    let none = write(
        d.path(),
        "none.txt",
        "The weather was mild and markets were calm.\n",
    );
    let out = d.path().join("none.toml");
    let (code, _, err) = run(&["draft", none.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 events"), "{err}");
    let (code, _, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // a long, odd text: every line a sentence fragment, no full stop, a huge word
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!(
            "Al-Qaim {i} Deir ez-Zor al- -- \u{202e} ،،، Abu Abu Abu "
        ));
        if i % 7 == 0 {
            big.push('\n');
        }
    }
    big.push_str(&"x".repeat(100_000));
    let bigf = write(d.path(), "big.txt", &big);
    let (code, out, err) = run(&["draft", bigf.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("panicked"));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["places"].as_array().unwrap().len() >= 20_000);
}

#[test]
fn output_is_written_whole_or_not_at_all() {
    let d = tmp();
    let a = write(
        d.path(),
        "a.txt",
        "published: 2024-12-05\n---\nForces moved to Al-Qaim on Thursday.\n",
    );
    let out = d.path().join("draft.toml");
    std::fs::write(&out, "old").unwrap();
    let (code, _, err) = run(&["draft", a.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let t = std::fs::read_to_string(&out).unwrap();
    assert!(t.contains("[[event]]"));
    // no temporary file is left beside it
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // a failing run (bad date) leaves the old file as it was
    std::fs::write(&out, "old").unwrap();
    let (code, _, _) = run(&[
        "draft",
        a.to_str().unwrap(),
        "--published",
        "bad",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    // the same input gives the same bytes
    let (_, o1, _) = run(&["draft", a.to_str().unwrap()]);
    let (_, o2, _) = run(&["draft", a.to_str().unwrap()]);
    assert_eq!(o1, o2);
}

#[test]
fn the_side_that_lost_is_not_the_one_that_took() {
    // the loser named after a capture's trigger is not its actor; the agent after "by" is
    let v = draft_json(
        "2017-11-04",
        "Iraqi troops pushed west along the river on Friday.\n\
         \"We managed to retake the crossing at Husaybah after killing many ISIS fighters,\" an officer said on Friday.\n\
         Rawa, recaptured by the Popular Mobilization Forces on Friday, was quiet.\n",
    );
    let evs = v["events"].as_array().unwrap();
    let took: Vec<(&str, &str)> = evs
        .iter()
        .filter(|e| e["kind"] == "control-change")
        .map(|e| {
            (
                e["site_ids"].as_str().unwrap_or(""),
                e["actor_ids"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        took.iter()
            .any(|(s, a)| s.contains("al-qaim-crossing") && !a.contains("isis")),
        "{took:?}"
    );
    assert!(
        took.iter()
            .any(|(s, a)| s.contains("rawah") && a.contains("pmf")),
        "{took:?}"
    );
}

//! Scores `bordermap draft` against annotated articles: how many place mentions, actors,
//! dates and events it finds (precision and recall), how many places it resolves to the right
//! site, whether every drafted report passes `check`, and how fast it reads.
//!
//! ```sh
//! cargo run --release --example draft_score -- tests/data/draft/synthetic
//! cargo run --release --example draft_score -- --seeds ../shared/seeds reports/
//! cargo run --release --example draft_score -- DIR --verbose     # every miss and false hit
//! ```
//!
//! A folder of annotated articles holds `NAME.txt` (front matter, `---`, the article) and
//! `NAME.gold.json` (see `tests/data/draft/synthetic/README.md`). With `--seeds SEEDS
//! REPORTS`, the seed articles are drafted and scored against the hand-coded reports that cite
//! them (`seed = "FILE"`): the sites and actors their events use, and their events.
//!
//! A gold place is found when a drafted mention overlaps it; resolved right when the drafted
//! site is the gold site, lies within 15 km of it, or (for an area) is the same area. A gold
//! event is drafted when an event of the same sentence uses one of its places.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use bordermap::actors::Actors;
use bordermap::border::Border;
use bordermap::draft::{Draft, Drafter, Meta};
use bordermap::gazetteer::Gazetteer;
use serde_json::Value;

#[derive(Default, Debug, Clone, Copy)]
struct Pr {
    tp_pred: usize,
    pred: usize,
    tp_gold: usize,
    gold: usize,
}

impl Pr {
    fn p(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp_pred as f64 / self.pred as f64
        }
    }
    fn r(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }
    fn add(&mut self, o: Pr) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
    fn show(&self, what: &str) -> String {
        format!(
            "{what:<28} precision {:.3} ({}/{})  recall {:.3} ({}/{})",
            self.p(),
            self.tp_pred,
            self.pred,
            self.r(),
            self.tp_gold,
            self.gold
        )
    }
}

#[derive(Default)]
struct Totals {
    places: Pr,
    actors: Pr,
    dates: Pr,
    events: Pr,
    resolved_ok: usize,
    resolved_n: usize,
    actor_id_ok: usize,
    actor_id_n: usize,
    date_ok: usize,
    date_n: usize,
    kind_ok: usize,
    status_ok: usize,
    /// matched events whose answer names actors, and of them those drafted with one of them
    actors_named: usize,
    actors_ok: usize,
    matched_events: usize,
    toml_ok: usize,
    toml_n: usize,
    bytes: usize,
    articles: usize,
}

impl Totals {
    /// Counts a matched event whose answer names actors; whether the draft has one of them
    /// (true when the answer names none).
    fn actors_agree(&mut self, drafted: &[String], gold: &[&str]) -> bool {
        if gold.is_empty() {
            return true;
        }
        self.actors_named += 1;
        let ok = drafted.iter().any(|a| gold.contains(&a.as_str()));
        self.actors_ok += ok as usize;
        ok
    }
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6371.0;
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let dl = (b.0 - a.0).to_radians();
    let x = dl * ((la1 + la2) / 2.0).cos();
    let y = la2 - la1;
    r * (x * x + y * y).sqrt()
}

/// The byte offset of the `occ`-th occurrence (1-based, overlapping finds) of `text` in `body`.
fn nth(body: &str, text: &str, occ: usize) -> Option<usize> {
    let mut from = 0;
    let mut found = None;
    for _ in 0..occ.max(1) {
        let i = body.get(from..)?.find(text)? + from;
        found = Some(i);
        from = i + body[i..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    drafter: &'a Drafter<'a>,
    verbose: bool,
}

fn site_point(g: &Gazetteer, id: &str) -> Option<(f64, f64, bool)> {
    if let Some(row) = id.strip_prefix("gn-") {
        // a GeoNames row: find it through a look-up of its id is not possible; read the tier
        let _ = row;
        return None;
    }
    let s = g.get(id)?;
    Some((s.lon, s.lat, !s.kind.is_point()))
}

fn same_place(
    g: &Gazetteer,
    gold: &Value,
    pred: Option<&str>,
    pred_pt: Option<(f64, f64)>,
) -> bool {
    let gid = gold["site"].as_str();
    match (gid, pred) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(a), Some(b)) if a == b => true,
        (Some(a), Some(_)) => {
            let gp = site_point(g, a)
                .map(|(x, y, area)| (x, y, area))
                .or_else(|| Some((gold["lon"].as_f64()?, gold["lat"].as_f64()?, false)));
            match (gp, pred_pt) {
                (Some((x, y, false)), Some(p)) => km((x, y), p) <= 15.0,
                _ => false,
            }
        }
    }
}

fn score_annotated(c: &Ctx<'_>, txt: &Path, gold: &Value, t: &mut Totals) {
    let input = std::fs::read_to_string(txt).unwrap_or_default();
    let body_at = input.find("\n---\n").map(|i| i + 5).unwrap_or(0);
    let body = &input[body_at..];
    let d = c.drafter.draft(&input, &Meta::default());
    t.bytes += input.len();
    t.articles += 1;
    let name = txt.file_name().and_then(|x| x.to_str()).unwrap_or("");
    let mut log = Vec::new();
    // ---- places (drafted mentions: resolved places and unresolved ones)
    let mut pred: Vec<(usize, usize, Option<String>, Option<(f64, f64)>)> = d
        .places
        .iter()
        .map(|p| {
            (
                p.hit.start,
                p.hit.end,
                p.site(c.g).map(|s| s.id.clone()),
                p.site(c.g).map(|s| (s.lon, s.lat)),
            )
        })
        .collect();
    pred.extend(d.unresolved.iter().map(|u| (u.start, u.end, None, None)));
    let mut gold_spans = Vec::new();
    for g in gold["places"].as_array().into_iter().flatten() {
        let text = g["text"].as_str().unwrap_or("");
        let occ = g["occurrence"].as_u64().unwrap_or(1) as usize;
        if let Some(i) = nth(body, text, occ) {
            gold_spans.push((body_at + i, body_at + i + text.len(), g));
        }
    }
    let mut pr = Pr {
        pred: pred.len(),
        gold: gold_spans.len(),
        ..Pr::default()
    };
    let mut used = vec![false; pred.len()];
    for (gs, ge, g) in &gold_spans {
        let m = pred
            .iter()
            .enumerate()
            .find(|(k, p)| !used[*k] && p.0 < *ge && *gs < p.1);
        match m {
            Some((k, p)) => {
                used[k] = true;
                pr.tp_gold += 1;
                if g["site"].is_string() {
                    t.resolved_n += 1;
                    if same_place(c.g, g, p.2.as_deref(), p.3) {
                        t.resolved_ok += 1;
                    } else {
                        log.push(format!(
                            "  place resolved wrong: {:?} gold {} drafted {:?}",
                            g["text"].as_str().unwrap_or(""),
                            g["site"].as_str().unwrap_or(""),
                            p.2
                        ));
                    }
                }
            }
            None => log.push(format!(
                "  place missed: {:?} ({}) at {}: ...{}...",
                g["text"].as_str().unwrap_or(""),
                g["site"].as_str().unwrap_or("null"),
                gs,
                context(&input, *gs, *ge)
            )),
        }
    }
    for (k, p) in pred.iter().enumerate() {
        let hit = gold_spans.iter().any(|(gs, ge, _)| p.0 < *ge && *gs < p.1);
        if hit {
            pr.tp_pred += 1;
        } else {
            log.push(format!(
                "  place false: {:?} as {:?}: ...{}...",
                &input[p.0..p.1],
                p.2,
                context(&input, p.0, p.1)
            ));
        }
        let _ = k;
    }
    t.places.add(pr);
    // ---- actors
    let mut gold_actors = Vec::new();
    for g in gold["actors"].as_array().into_iter().flatten() {
        let text = g["text"].as_str().unwrap_or("");
        let occ = g["occurrence"].as_u64().unwrap_or(1) as usize;
        if let Some(i) = nth(body, text, occ) {
            gold_actors.push((body_at + i, body_at + i + text.len(), g));
        }
    }
    let mut pa = Pr {
        pred: d.actors.len(),
        gold: gold_actors.len(),
        ..Pr::default()
    };
    for (gs, ge, g) in &gold_actors {
        match d
            .actors
            .iter()
            .find(|a| a.hit.start < *ge && *gs < a.hit.end)
        {
            Some(a) => {
                pa.tp_gold += 1;
                if let Some(id) = g["actor"].as_str() {
                    t.actor_id_n += 1;
                    if a.hit.actor.as_deref() == Some(id) {
                        t.actor_id_ok += 1;
                    } else {
                        log.push(format!(
                            "  actor id wrong: {:?} gold {id} drafted {:?}",
                            g["text"].as_str().unwrap_or(""),
                            a.hit.actor
                        ));
                    }
                }
            }
            None => log.push(format!(
                "  actor missed: {:?} ({})",
                g["text"].as_str().unwrap_or(""),
                g["actor"].as_str().unwrap_or("null")
            )),
        }
    }
    for a in &d.actors {
        if gold_actors
            .iter()
            .any(|(gs, ge, _)| a.hit.start < *ge && *gs < a.hit.end)
        {
            pa.tp_pred += 1;
        } else {
            log.push(format!(
                "  actor false: {:?} as {:?}",
                &input[a.hit.start..a.hit.end],
                a.hit.actor
            ));
        }
    }
    t.actors.add(pa);
    // ---- dates
    let mut gold_dates = Vec::new();
    for g in gold["dates"].as_array().into_iter().flatten() {
        let text = g["text"].as_str().unwrap_or("");
        let occ = g["occurrence"].as_u64().unwrap_or(1) as usize;
        if let Some(i) = nth(body, text, occ) {
            gold_dates.push((body_at + i, body_at + i + text.len(), g));
        }
    }
    let mut pd = Pr {
        pred: d.dates.len(),
        gold: gold_dates.len(),
        ..Pr::default()
    };
    for (gs, ge, g) in &gold_dates {
        match d.dates.iter().find(|h| h.start < *ge && *gs < h.end) {
            Some(h) => {
                pd.tp_gold += 1;
                if g["date_start"].is_string() {
                    t.date_n += 1;
                    let ok = h.period.is_some_and(|p| {
                        Some(p.start.to_string().as_str()) == g["date_start"].as_str()
                            && Some(p.end.to_string().as_str()) == g["date_end"].as_str()
                    });
                    if ok {
                        t.date_ok += 1;
                    } else {
                        log.push(format!(
                            "  date wrong: {:?} gold {}..{} drafted {:?}",
                            g["text"].as_str().unwrap_or(""),
                            g["date_start"].as_str().unwrap_or(""),
                            g["date_end"].as_str().unwrap_or(""),
                            h.period.map(|p| (p.start.to_string(), p.end.to_string()))
                        ));
                    }
                }
            }
            None => log.push(format!(
                "  date missed: {:?}",
                g["text"].as_str().unwrap_or("")
            )),
        }
    }
    for h in &d.dates {
        if gold_dates
            .iter()
            .any(|(gs, ge, _)| h.start < *ge && *gs < h.end)
        {
            pd.tp_pred += 1;
        } else {
            log.push(format!("  date false: {:?}", &input[h.start..h.end]));
        }
    }
    t.dates.add(pd);
    // ---- events: a gold event is drafted when an event of its sentence uses one of its places
    let mut pe = Pr {
        pred: d.events.len(),
        ..Pr::default()
    };
    let mut event_used = vec![false; d.events.len()];
    for g in gold["events"].as_array().into_iter().flatten() {
        let sent = g["sentence"].as_str().unwrap_or("");
        let places: Vec<&str> = ["at", "from", "to"]
            .iter()
            .filter_map(|k| g[*k].as_str())
            .chain(
                g["via"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str),
            )
            .collect();
        if places.is_empty() {
            continue;
        }
        let Some(si) = nth(body, sent, 1).map(|i| i + body_at) else {
            continue;
        };
        pe.gold += 1;
        // the gold's "sentence" is at times the start of its paragraph: an event of the same
        // paragraph (line) counts
        let (ls, le) = line_of(&input, si);
        let m = d.events.iter().enumerate().find(|(_, e)| {
            ls <= e.sentence_start
                && e.sentence_start < le
                && e.at
                    .iter()
                    .chain(e.from.iter())
                    .chain(e.to.iter())
                    .chain(e.via.iter())
                    .any(|p| places.contains(&p.as_str()) || near_any(c.g, p, &places))
        });
        match m {
            Some((k, e)) => {
                pe.tp_gold += 1;
                event_used[k] = true;
                t.matched_events += 1;
                if g["kind"].as_str() == Some(e.kind.as_str()) {
                    t.kind_ok += 1;
                }
                if g["status"].as_str() == Some(e.status.as_str()) {
                    t.status_ok += 1;
                }
                let gold_actors: Vec<&str> = g["actors"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                    .unwrap_or_default();
                if !t.actors_agree(&e.actors, &gold_actors) {
                    log.push(format!(
                        "  event drafted with other actors: {:?}, the answer's {:?} in {:?}",
                        e.actors,
                        gold_actors,
                        sent.chars().take(80).collect::<String>()
                    ));
                }
            }
            None => log.push(format!(
                "  event missed: {} {} {:?} in {:?}\n{}",
                g["kind"].as_str().unwrap_or(""),
                g["status"].as_str().unwrap_or(""),
                places,
                sent,
                explain(&d, c.g, &input, si)
            )),
        }
    }
    // a drafted event is right when some gold event of its sentence shares a place
    for (k, e) in d.events.iter().enumerate() {
        let ok = event_used[k]
            || gold["events"].as_array().into_iter().flatten().any(|g| {
                let sent = g["sentence"].as_str().unwrap_or("");
                nth(body, sent, 1).map(|i| i + body_at).is_some_and(|si| {
                    let (ls, le) = line_of(&input, si);
                    ls <= e.sentence_start && e.sentence_start < le
                })
            });
        if ok {
            pe.tp_pred += 1;
        } else {
            log.push(format!(
                "  event false: {} {} at {:?} from {:?} to {:?}: {:?}",
                e.kind.as_str(),
                e.status.as_str(),
                e.at,
                e.from,
                e.to,
                e.quote.chars().take(90).collect::<String>()
            ));
        }
    }
    t.events.add(pe);
    check_toml(c, &d, name, t);
    if c.verbose && !log.is_empty() {
        println!("{name}");
        for l in log {
            println!("{l}");
        }
    }
}

/// What the draft saw in the sentence at `at`: its triggers, places and drafted events.
fn explain(d: &Draft, g: &Gazetteer, input: &str, at: usize) -> String {
    let mut sents = Vec::new();
    let line_start = input[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = input[at..]
        .find('\n')
        .map(|i| i + at)
        .unwrap_or(input.len());
    bordermap::draft::text::sentences(input, line_start, line_end, &mut sents);
    let Some(s) = sents.iter().find(|s| s.start <= at && at < s.end) else {
        return String::new();
    };
    let mut w = bordermap::draft::text::Words::default();
    bordermap::draft::text::words(input, s.start, s.end, &mut w);
    let trig: Vec<String> = bordermap::draft::events::trigger_words(&w)
        .into_iter()
        .map(|(_, t, k)| format!("{t}/{}", k.as_str()))
        .collect();
    let places: Vec<String> = d
        .places
        .iter()
        .filter(|p| p.hit.start >= s.start && p.hit.end <= s.end)
        .map(|p| {
            format!(
                "{}={}",
                &input[p.hit.start..p.hit.end],
                p.hit
                    .site
                    .and_then(|r| g.site(r))
                    .map_or("?".to_string(), |x| x.id.clone())
            )
        })
        .collect();
    let evs: Vec<String> = d
        .events
        .iter()
        .filter(|e| e.sentence_start == s.start)
        .map(|e| format!("{}@{:?}/{:?}>{:?}", e.kind.as_str(), e.at, e.from, e.to))
        .collect();
    format!("      triggers {trig:?}\n      places {places:?}\n      drafted {evs:?}")
}

/// The line (paragraph) holding byte `at`: its start and end.
fn line_of(input: &str, at: usize) -> (usize, usize) {
    let ls = input[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let le = input[at..]
        .find('\n')
        .map(|i| i + at)
        .unwrap_or(input.len());
    (ls, le)
}

fn near_any(g: &Gazetteer, id: &str, gold: &[&str]) -> bool {
    let Some((x, y, false)) = site_point(g, id) else {
        return false;
    };
    gold.iter().any(|gid| match site_point(g, gid) {
        Some((a, b, false)) => km((x, y), (a, b)) <= 15.0,
        _ => false,
    })
}

fn context(input: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(30);
    while !input.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 30).min(input.len());
    while !input.is_char_boundary(b) {
        b += 1;
    }
    input[a..b].replace('\n', " ")
}

/// Writes the drafted TOML to a temporary file and loads it as `check` does.
fn check_toml(c: &Ctx<'_>, d: &Draft, name: &str, t: &mut Totals) {
    let dir = std::env::temp_dir().join(format!("draft-score-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{}.toml", name.trim_end_matches(".txt")));
    let toml = d.to_toml(c.drafter, name);
    t.toml_n += 1;
    if std::fs::write(&path, toml).is_err() {
        return;
    }
    match bordermap::pipeline::load(&[path.clone()], None, None) {
        Ok(_) => t.toml_ok += 1,
        Err(e) => println!("  {name}: drafted TOML fails check: {e}"),
    }
    let _ = std::fs::remove_file(&path);
}

/// Seeds scored against the reports that cite them.
fn score_seeds(c: &Ctx<'_>, seeds: &Path, reports: &Path, t: &mut Totals) {
    let Ok(loaded) = bordermap::pipeline::load(&[reports.to_path_buf()], None, None) else {
        eprintln!("cannot load {}", reports.display());
        return;
    };
    let mut sites = Pr::default();
    let mut actors = Pr::default();
    for r in &loaded.reports {
        let Some(seed) = &r.source.seed else { continue };
        let path = seeds.join(seed);
        let Ok(input) = std::fs::read_to_string(&path) else {
            eprintln!("missing seed {}", path.display());
            continue;
        };
        let meta = Meta {
            published: r.source.published,
            publisher: Some(r.source.publisher.clone()),
            url: Some(r.source.url.clone()),
            title: Some(r.source.title.clone()),
        };
        let d = c.drafter.draft(&input, &meta);
        t.bytes += input.len();
        t.articles += 1;
        let mut log = Vec::new();
        // sites: those the report's events use, against those the draft's mentions resolve to
        let gold_sites: HashSet<String> = r
            .events
            .iter()
            .flat_map(|e| {
                e.at.iter()
                    .chain(e.from.iter())
                    .chain(e.via.iter())
                    .chain(e.to.iter())
                    .filter_map(|p| match p {
                        bordermap::event::PlaceRef::Site(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let drafted_sites: HashSet<String> = d
            .places
            .iter()
            .filter_map(|p| p.site(c.g).map(|s| s.id.clone()))
            .collect();
        let mut s = Pr {
            pred: drafted_sites.len(),
            gold: gold_sites.len(),
            ..Pr::default()
        };
        s.tp_gold = gold_sites
            .iter()
            .filter(|x| drafted_sites.contains(*x))
            .count();
        s.tp_pred = s.tp_gold;
        for x in gold_sites.difference(&drafted_sites) {
            log.push(format!("  site the report uses, not drafted: {x}"));
        }
        sites.add(s);
        let gold_actors: HashSet<String> = r
            .events
            .iter()
            .flat_map(|e| e.actor_ids().map(str::to_string).collect::<Vec<_>>())
            .collect();
        let drafted_actors: HashSet<String> = d
            .actors
            .iter()
            .filter_map(|a| a.hit.actor.clone())
            .collect();
        let mut a = Pr {
            pred: drafted_actors.len(),
            gold: gold_actors.len(),
            ..Pr::default()
        };
        a.tp_gold = gold_actors
            .iter()
            .filter(|x| drafted_actors.contains(*x))
            .count();
        a.tp_pred = a.tp_gold;
        for x in gold_actors.difference(&drafted_actors) {
            log.push(format!("  actor the report uses, not drafted: {x}"));
        }
        actors.add(a);
        // events: a report event is drafted when a drafted event's sentence holds its quote
        // (or the quote holds the sentence) and they share a place
        let mut e = Pr {
            pred: d.events.len(),
            ..Pr::default()
        };
        let mut used = vec![false; d.events.len()];
        for ge in &r.events {
            e.gold += 1;
            let q = ge.quote.trim().trim_matches(['“', '”', '"']);
            let gp: Vec<String> = ge
                .at
                .iter()
                .chain(ge.from.iter())
                .chain(ge.via.iter())
                .chain(ge.to.iter())
                .filter_map(|p| match p {
                    bordermap::event::PlaceRef::Site(s) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            let gpr: Vec<&str> = gp.iter().map(String::as_str).collect();
            let m = d.events.iter().enumerate().find(|(_, de)| {
                let sent = de.quote.as_str();
                let overlap = sent.contains(q) || q.contains(sent.trim()) || shares_words(sent, q);
                overlap
                    && de
                        .at
                        .iter()
                        .chain(de.from.iter())
                        .chain(de.to.iter())
                        .chain(de.via.iter())
                        .any(|p| gpr.contains(&p.as_str()) || near_any(c.g, p, &gpr))
            });
            match m {
                Some((k, de)) => {
                    e.tp_gold += 1;
                    used[k] = true;
                    t.matched_events += 1;
                    if de.kind == ge.kind {
                        t.kind_ok += 1;
                    }
                    if de.status == ge.status {
                        t.status_ok += 1;
                    }
                    let gold_actors: Vec<&str> = ge.actor_ids().collect();
                    if !t.actors_agree(&de.actors, &gold_actors) {
                        log.push(format!(
                            "  report event {} drafted with other actors: {:?}, the report's {:?}",
                            ge.id, de.actors, gold_actors
                        ));
                    }
                }
                None => log.push(format!(
                    "  report event not drafted: {} ({} {}) {:?}",
                    ge.id,
                    ge.kind.as_str(),
                    ge.status.as_str(),
                    q.chars().take(80).collect::<String>()
                )),
            }
        }
        for (k, de) in d.events.iter().enumerate() {
            let ok = used[k]
                || r.events.iter().any(|ge| {
                    let q = ge.quote.trim().trim_matches(['“', '”', '"']);
                    de.quote.contains(q)
                        || q.contains(de.quote.trim())
                        || shares_words(&de.quote, q)
                });
            if ok {
                e.tp_pred += 1;
            } else {
                log.push(format!(
                    "  drafted event no report event supports: {} {} {:?}",
                    de.kind.as_str(),
                    de.at.as_deref().or(de.to.as_deref()).unwrap_or(""),
                    de.quote.chars().take(80).collect::<String>()
                ));
            }
        }
        t.events.add(e);
        check_toml(c, &d, seed, t);
        if c.verbose {
            println!("{seed} ({})", r.source.id);
            for l in log {
                println!("{l}");
            }
        }
    }
    println!("{}", sites.show("sites the reports use"));
    println!("{}", actors.show("actors the reports use"));
    t.places.add(sites);
    t.actors.add(actors);
}

/// Whether two texts share a run of eight words (a quote cut from a longer sentence).
fn shares_words(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    if wa.len() < 8 || wb.len() < 8 {
        return false;
    }
    let grams: HashSet<&[&str]> = wa.windows(8).collect();
    wb.windows(8).any(|w| grams.contains(w))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let g = Gazetteer::builtin().expect("gazetteer");
    let actors = Actors::builtin().expect("actors");
    let border = Border::builtin().expect("border");
    let drafter = Drafter::new(&g, &actors, &border);
    let c = Ctx {
        g: &g,
        drafter: &drafter,
        verbose,
    };
    let mut t = Totals::default();
    let mut i = 0;
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut seeds: Option<(PathBuf, PathBuf)> = None;
    while i < args.len() {
        match args[i].as_str() {
            "--verbose" | "-v" => {}
            "--seeds" => {
                let s = args.get(i + 1).map(PathBuf::from);
                let r = args.get(i + 2).map(PathBuf::from);
                if let (Some(s), Some(r)) = (s, r) {
                    seeds = Some((s, r));
                }
                i += 2;
            }
            a => inputs.push(PathBuf::from(a)),
        }
        i += 1;
    }
    if inputs.is_empty() && seeds.is_none() {
        eprintln!("usage: draft_score DIR... [--seeds SEEDS REPORTS] [--verbose]");
        std::process::exit(2);
    }
    let started = Instant::now();
    for dir in &inputs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if f.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let gold_path = f.with_extension("gold.json");
            let Ok(gtext) = std::fs::read_to_string(&gold_path) else {
                continue;
            };
            let gold: Value = serde_json::from_str(&gtext).unwrap_or(Value::Null);
            score_annotated(&c, &f, &gold, &mut t);
        }
    }
    if let Some((s, r)) = &seeds {
        score_seeds(&c, s, r, &mut t);
    }
    let secs = started.elapsed().as_secs_f64();
    println!("{} articles, {} KB", t.articles, t.bytes / 1024);
    println!("{}", t.places.show("place mentions"));
    // "label    0.972 (592/609)"
    let ratio = |label: &str, ok: usize, n: usize| {
        println!("{label:<28} {:.3} ({ok}/{n})", ok as f64 / n.max(1) as f64)
    };
    if t.resolved_n > 0 {
        ratio("places resolved right", t.resolved_ok, t.resolved_n);
    }
    println!("{}", t.actors.show("actor mentions"));
    if t.actor_id_n > 0 {
        ratio("actor ids right", t.actor_id_ok, t.actor_id_n);
    }
    if t.dates.gold > 0 {
        println!("{}", t.dates.show("date mentions"));
        ratio("dates resolved right", t.date_ok, t.date_n);
    }
    println!("{}", t.events.show("located events"));
    if t.matched_events > 0 {
        println!(
            "{:<28} kind {:.3}, status {:.3} (of {} matched)",
            "matched events agree on",
            t.kind_ok as f64 / t.matched_events as f64,
            t.status_ok as f64 / t.matched_events as f64,
            t.matched_events
        );
    }
    if t.actors_named > 0 {
        println!(
            "{:<28} {:.3} ({}/{} matched events whose answer names actors)",
            "  ... and share an actor",
            t.actors_ok as f64 / t.actors_named as f64,
            t.actors_ok,
            t.actors_named
        );
    }
    println!(
        "{:<28} {}/{}",
        "drafted TOML passes check", t.toml_ok, t.toml_n
    );
    println!("(scored in {secs:.2} s; for throughput run `cargo bench --bench draft`)");
    let _ = HashMap::<u8, u8>::new();
}

#[allow(dead_code)]
fn debug_sentence(d: &Drafter<'_>, text: &str) {
    let _ = (d, text);
}

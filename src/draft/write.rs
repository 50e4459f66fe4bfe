//! A draft written out: as a report (TOML) that `bordermap check` accepts unchanged, every
//! drafted value marked for review; or as one JSON object with every mention's byte span and
//! the events as `bordermap events --format json` prints them, after the same validator and
//! resolver every report goes through.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::event::{
    ActorDraft, At, DateDraft, Event, EventDraft, PlaceDraft, Source, SourceFormat,
};
use crate::gazetteer::{Gazetteer, Site};
use crate::output::fields::{event_layer, Ctx, EventSchema};
use crate::output::layer::{Feature, Geom, GeomType};
use crate::resolve::{Resolver, Shape};
use crate::validate::Validator;

use super::{slug, Draft, DraftEvent, Drafter};

/// A TOML basic string.
pub fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_toml_str(&mut out, s);
    out
}

/// Writes a TOML basic string at the end of `out`.
pub fn push_toml_str(out: &mut String, s: &str) {
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f;
    // most strings need no escape: one pass that the compiler can vectorise tells
    if !s.bytes().fold(false, |a, b| a | needs(b)) {
        out.reserve(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    out.push('"');
    // runs that need no escape are copied whole
    let mut run = 0;
    // (every character to escape is ASCII: bytes of other characters are 0x80 and above)
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            b if b < 0x20 || b == 0x7f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{:04X}", b);
        } else {
            out.push_str(esc);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// A comment line's text: one line, no control characters.
fn comment(s: &str) -> String {
    crate::text::clean(s)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

impl Draft {
    /// The report's id: publisher, date and the first words of the title.
    pub fn report_id(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.source.publisher {
            parts.push(p.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
        }
        if let Some(d) = self.source.published {
            parts.push(d.to_string());
        }
        if let Some(t) = &self.source.title {
            parts.push(t.split_whitespace().take(5).collect::<Vec<_>>().join(" "));
        }
        let s = slug(&parts.join(" "));
        if s == "event" {
            "draft".into()
        } else {
            s
        }
    }

    /// The report's `[source]` as the validator takes it.
    pub fn source(&self, file: &str) -> Arc<Source> {
        Arc::new(Source {
            id: self.report_id(),
            format: SourceFormat::Report,
            publisher: self.publisher(),
            title: self.title(),
            url: self.source.url.clone().unwrap_or_default(),
            published: self.source.published,
            published_note: Some(self.source.published_note.clone()),
            reliability: 'F',
            scale: String::new(),
            seed: None,
            file: Arc::from(file),
        })
    }

    fn publisher(&self) -> String {
        self.source
            .publisher
            .clone()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| "(publisher not given)".into())
    }

    fn title(&self) -> String {
        self.source
            .title
            .clone()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| "(title not given)".into())
    }

    /// The events as drafts for the one validator: those with a date (an undated event
    /// cannot be checked), each with its index in `events`.
    pub fn event_drafts(&self, source: &Arc<Source>) -> Vec<(usize, EventDraft)> {
        let index = crate::error::LineIndex::new(&self.input);
        let loc = |e: &DraftEvent| index.locate(&source.file, &self.input, e.sentence_start);
        self.events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e, e.period?)))
            .map(|(i, e, p)| {
                let l = loc(e);
                let at = |s: &String| At::new(PlaceDraft::Site(s.clone()), l.clone());
                let d = EventDraft {
                    source: Arc::clone(source),
                    origin: l.clone(),
                    id: At::new(e.id.clone(), l.clone()),
                    kind: At::new(e.kind.as_str().to_string(), l.clone()),
                    status: Some(At::new(e.status.as_str().to_string(), l.clone())),
                    date: At::new(DateDraft::Period(p), l.clone()),
                    date_precision: None,
                    date_end: None,
                    date_note: Some(e.date_note.clone()),
                    actors: e
                        .actors
                        .iter()
                        .map(|a| At::new(ActorDraft::Id(a.clone()), l.clone()))
                        .collect(),
                    target: e.target.as_ref().map(|t| At::new(t.clone(), l.clone())),
                    at: e.at.as_ref().map(at),
                    from: e.from.as_ref().map(at),
                    via: e.via.iter().map(at).collect(),
                    to: e.to.as_ref().map(at),
                    place: e.place.clone(),
                    geo_precision: Some(At::new(e.geo_precision as i64, l.clone())),
                    where_prec: Some(At::new(e.where_prec as i64, l.clone())),
                    credibility: Some(At::new(e.credibility as i64, l.clone())),
                    quote: Some(At::new(e.quote.clone(), l.clone())),
                    notes: e.notes.join("; "),
                    import: None,
                };
                (i, d)
            })
            .collect()
    }

    /// The gazetteer the events need: the drafter's, with the GeoNames places the draft
    /// brings as its own sites.
    pub fn gazetteer(&self, d: &Drafter<'_>) -> Option<Gazetteer> {
        let ok = self.bringable(d);
        (!ok.is_empty()).then(|| d.gazetteer.with_extra_sites(&ok))
    }

    /// The GeoNames places a report can bring: those that pass the checks every site of a
    /// report passes (a point the outlines put outside its declared country does not).
    pub fn bringable(&self, d: &Drafter<'_>) -> Vec<Arc<Site>> {
        if self.brought_sites.is_empty() {
            return Vec::new();
        }
        let all = d.gazetteer.with_extra_sites(&self.brought_sites);
        let refused: Vec<String> = all
            .check(d.border)
            .into_iter()
            .filter(|x| x.is_error())
            .map(|x| x.message)
            .collect();
        self.brought_sites
            .iter()
            .filter(|s| {
                let tag = format!("site {}:", s.id);
                !refused.iter().any(|m| m.starts_with(&tag))
            })
            .cloned()
            .collect()
    }

    /// The events through the validator: each event and its problems (none expected; an
    /// event with errors is written commented out). An undated event is neither (`None`): it
    /// waits for the reviewer's date.
    pub fn validated(
        &self,
        d: &Drafter<'_>,
        g: &Gazetteer,
        file: &str,
    ) -> Vec<Option<(Option<Event>, Vec<Diagnostic>)>> {
        let source = self.source(file);
        let v = Validator::new(g, d.actors, d.border);
        let mut out: Vec<Option<(Option<Event>, Vec<Diagnostic>)>> =
            self.events.iter().map(|_| None).collect();
        for (i, ed) in self.event_drafts(&source) {
            let mut diags = Vec::new();
            let e = v.event(ed, &mut diags);
            out[i] = Some((e, diags));
        }
        out
    }

    /// The report, as TOML `bordermap check` accepts.
    pub fn to_toml(&self, d: &Drafter<'_>, file: &str) -> String {
        // the places the report brings, checked once: the events are validated against them
        let brought = self.bringable(d);
        let extended = (!brought.is_empty()).then(|| d.gazetteer.with_extra_sites(&brought));
        let g = extended.as_ref().unwrap_or(d.gazetteer);
        let checked = self.validated(d, g, file);
        let input_note = format!("# Drafted by `bordermap draft` from {}.", comment(file));
        let mut t = String::new();
        t.push_str(&input_note);
        t.push('\n');
        t.push_str("# Every value below is a draft for review: read each event against its quote, then fix\n");
        t.push_str("# kinds, statuses, actors, places, dates, precision codes and gradings before you rely on it.\n");
        if !self.notes.is_empty() {
            t.push_str("#\n# Notes:\n");
            for n in &self.notes {
                let _ = writeln!(t, "#   - {}", comment(n));
            }
        }
        if !self.unresolved.is_empty() {
            t.push_str("#\n# Places the text names that the gazetteer lacks (never given coordinates here).\n");
            t.push_str("# To use one, add it as a [[site]] with a cited source (docs/FORMATS.md, Sites):\n");
            let mut seen = std::collections::HashSet::new();
            for u in &self.unresolved {
                let name = &self.input_text(u.start, u.end);
                if !seen.insert(name.to_string()) {
                    continue;
                }
                let mut line = format!("#   - {:?} at byte {} ({})", name, u.start, u.why);
                if let Some(m) = u.candidates.first() {
                    if let Some(s) = super::describe_match(d.gazetteer, m) {
                        let _ = write!(line, "; closest known: {s}");
                    }
                }
                t.push_str(&comment(&line));
                t.push('\n');
            }
        }
        // a place read one way where the gazetteer offers another listed site, or read with
        // little confidence: once per wording and pick, with how often
        let mut doubtful: Vec<(String, usize)> = Vec::new();
        let mut doubtful_at: rustc_hash::FxHashMap<String, usize> = Default::default();
        for p in &self.places {
            let Some(s) = p.site(d.gazetteer) else {
                continue;
            };
            let others: Vec<String> = p
                .hit
                .candidates
                .iter()
                .filter(|m| matches!(m.site, crate::gazetteer::SiteRef::Listed(_)))
                .filter_map(|m| d.gazetteer.site(m.site).map(|x| x.id.clone()))
                .filter(|id| id != &s.id)
                .take(3)
                .collect();
            if p.hit.confidence >= 0.85 && others.is_empty() {
                continue;
            }
            let line = format!(
                "{:?} read as {} ({}){}{}",
                self.input_text(p.hit.start, p.hit.end),
                s.id,
                s.kind.as_str(),
                p.hit
                    .why
                    .as_ref()
                    .map(|w| format!(": {w}"))
                    .unwrap_or_default(),
                if others.is_empty() {
                    String::new()
                } else {
                    format!("; also: {}", others.join(", "))
                }
            );
            match doubtful_at.get(&line) {
                Some(&k) => doubtful[k].1 += 1,
                None => {
                    doubtful_at.insert(line.clone(), doubtful.len());
                    doubtful.push((line, 1));
                }
            }
        }
        if !doubtful.is_empty() {
            t.push_str("#\n# Places with more than one candidate, or a doubtful pick:\n");
            for (x, n) in doubtful {
                let times = if n > 1 {
                    format!(" ({n} times)")
                } else {
                    String::new()
                };
                let _ = writeln!(t, "#   - {}{times}", comment(&x));
            }
        }
        t.push('\n');
        t.push_str("[source]\n");
        let _ = writeln!(t, "id = {}", toml_str(&self.report_id()));
        let _ = writeln!(t, "publisher = {}", toml_str(&self.publisher()));
        let _ = writeln!(t, "title = {}", toml_str(&self.title()));
        if let Some(u) = &self.source.url {
            let _ = writeln!(t, "url = {}", toml_str(u));
        }
        if let Some(p) = self.source.published {
            let _ = writeln!(t, "published = {}", toml_str(&p.to_string()));
        }
        let _ = writeln!(
            t,
            "published_note = {}",
            toml_str(&self.source.published_note)
        );
        t.push_str("reliability = \"F\"  # for review: F = cannot be judged until you grade the source (A-F)\n");
        for s in &brought {
            t.push('\n');
            t.push_str(&site_toml(s));
        }
        for (e, checked) in self.events.iter().zip(&checked) {
            t.push('\n');
            let body = event_toml(e);
            let Some((ok, diags)) = checked else {
                t.push_str(
                    "# This drafted event has no date (the article gives none): date it, then remove the #s:\n",
                );
                for l in body.lines() {
                    let _ = writeln!(t, "# {l}");
                }
                continue;
            };
            if ok.is_some() {
                t.push_str(&body);
            } else {
                t.push_str("# This drafted event does not pass the checks and is left out:\n");
                for dg in diags.iter().filter(|x| x.is_error()) {
                    let _ = writeln!(t, "#   {}", comment(&dg.message));
                }
                for l in body.lines() {
                    let _ = writeln!(t, "# {l}");
                }
            }
        }
        t
    }

    fn input_text(&self, start: usize, end: usize) -> String {
        self.input
            .get(start..end)
            .map(str::to_string)
            .unwrap_or_default()
    }

    /// The draft as one JSON object (for tests and small drafts: `write_json` streams).
    pub fn to_json(&self, d: &Drafter<'_>, file: &str) -> serde_json::Value {
        let mut buf = Vec::new();
        if self.write_json(d, file, &mut buf).is_err() {
            return serde_json::Value::Null;
        }
        serde_json::from_slice(&buf).unwrap_or_default()
    }

    /// Writes the draft as one JSON object, a mention at a time: memory does not grow with
    /// the number of mentions written.
    pub fn write_json(
        &self,
        d: &Drafter<'_>,
        file: &str,
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        use serde_json::json;
        let g0 = d.gazetteer;
        let round = |x: f64| (x * 1e6).round() / 1e6;
        let conf = |c: f64| (c * 1000.0).round() / 1000.0;
        let site_json = |s: &Site, c: f64| {
            json!({
                "site_id": s.id, "name": s.name, "kind": s.kind.as_str(), "country": s.country,
                "lon": round(s.lon), "lat": round(s.lat), "confidence": conf(c),
            })
        };
        let item = |w: &mut dyn std::io::Write, first: &mut bool, v: serde_json::Value| {
            w.write_all(if *first { b"\n    " } else { b",\n    " })?;
            *first = false;
            serde_json::to_writer(&mut *w, &v).map_err(std::io::Error::other)
        };
        let source = json!({
            "id": self.report_id(),
            "publisher": self.source.publisher,
            "title": self.source.title,
            "url": self.source.url,
            "published": self.source.published.map(|p| p.to_string()),
            "published_note": self.source.published_note,
            "reliability": "F",
            "body_start": self.source.body_start,
        });
        w.write_all(b"{\n  \"source\": ")?;
        serde_json::to_writer(&mut *w, &source).map_err(std::io::Error::other)?;
        w.write_all(b",\n  \"places\": [")?;
        let mut first = true;
        for p in &self.places {
            let site = p.site(g0);
            let cands: Vec<serde_json::Value> = p
                .hit
                .candidates
                .iter()
                .filter_map(|m| g0.site(m.site).map(|s| site_json(&s, m.confidence)))
                .collect();
            let mut o = json!({
                "text": self.input_text(p.hit.start, p.hit.end),
                "start": p.hit.start,
                "end": p.hit.end,
                "site_id": site.as_ref().map(|s| s.id.clone()),
                "name": site.as_ref().map(|s| s.name.clone()),
                "kind": site.as_ref().map(|s| s.kind.as_str()),
                "country": site.as_ref().map(|s| s.country.clone()),
                "lon": site.as_ref().map(|s| round(s.lon)),
                "lat": site.as_ref().map(|s| round(s.lat)),
                "confidence": conf(p.hit.confidence),
                "candidates": cands,
                "near": p.hit.near,
                "furniture": p.furniture,
            });
            if let Some(why) = &p.hit.why {
                o["why"] = json!(why);
            }
            item(w, &mut first, o)?;
        }
        w.write_all(if first {
            b"],\n  \"actors\": ["
        } else {
            b"\n  ],\n  \"actors\": ["
        })?;
        first = true;
        for a in &self.actors {
            let name = a
                .hit
                .actor
                .as_ref()
                .and_then(|id| d.actors.get(id))
                .map(|x| x.name.clone());
            item(
                w,
                &mut first,
                json!({
                    "text": self.input_text(a.hit.start, a.hit.end),
                    "start": a.hit.start,
                    "end": a.hit.end,
                    "actor_id": a.hit.actor,
                    "name": name,
                    "generic": a.hit.generic,
                }),
            )?;
        }
        w.write_all(if first {
            b"],\n  \"dates\": ["
        } else {
            b"\n  ],\n  \"dates\": ["
        })?;
        first = true;
        for h in &self.dates {
            item(
                w,
                &mut first,
                json!({
                    "text": self.input_text(h.start, h.end),
                    "start": h.start,
                    "end": h.end,
                    "date_start": h.period.map(|p| p.start.to_string()),
                    "date_end": h.period.map(|p| p.end.to_string()),
                    "precision": h.period.map(|p| p.precision.as_str()),
                    "note": h.note,
                }),
            )?;
        }
        w.write_all(if first {
            b"],\n  \"unresolved\": ["
        } else {
            b"\n  ],\n  \"unresolved\": ["
        })?;
        first = true;
        for u in &self.unresolved {
            let cands: Vec<serde_json::Value> = u
                .candidates
                .iter()
                .filter_map(|m| g0.site(m.site).map(|s| site_json(&s, m.confidence)))
                .collect();
            item(
                w,
                &mut first,
                json!({
                    "text": self.input_text(u.start, u.end),
                    "start": u.start,
                    "end": u.end,
                    "why": u.why,
                    "candidates": cands,
                }),
            )?;
        }
        // the events: validated and resolved as any report's, printed as `events --format json`
        let extended = self.gazetteer(d);
        let g = extended.as_ref().unwrap_or(g0);
        let checked = self.validated(d, g, file);
        let resolver = Resolver::new(g, d.border);
        let (layer, fields) = event_layer(
            "events",
            GeomType::Mixed,
            EventSchema {
                route: true,
                imported: false,
                stops: true,
            },
        );
        let ctx = Ctx { actors: d.actors };
        w.write_all(if first {
            b"],\n  \"events\": ["
        } else {
            b"\n  ],\n  \"events\": ["
        })?;
        first = true;
        let mut undated = Vec::new();
        let mut problems = Vec::new();
        for (de, checked) in self.events.iter().zip(checked) {
            let Some((ev, diags)) = checked else {
                undated.push(json!({
                    "id": de.id, "kind": de.kind.as_str(), "status": de.status.as_str(),
                    "actor_ids": de.actors, "at": de.at, "from": de.from, "via": de.via, "to": de.to,
                    "place": de.place, "quote": de.quote, "date_note": de.date_note,
                    "sentence_start": de.sentence_start, "sentence_end": de.sentence_end,
                    "review": de.notes,
                }));
                continue;
            };
            let Some(ev) = ev else {
                problems.extend(diags.into_iter().map(|x| x.message));
                continue;
            };
            let r = resolver.resolve(ev);
            let geom = match &r.shape {
                Shape::Point(x, y) => Geom::Point(*x, *y),
                Shape::Line(p) => Geom::Line(std::borrow::Cow::Borrowed(p)),
            };
            let feature = Feature {
                geom,
                values: fields.values(&r, &ctx),
            };
            // the object `bordermap events --format json` prints, and the sentence's span
            let mut o = crate::output::tables::feature_object(&layer, &feature);
            o.insert("sentence_start".into(), json!(de.sentence_start));
            o.insert("sentence_end".into(), json!(de.sentence_end));
            o.insert("review".into(), json!(de.notes));
            item(w, &mut first, serde_json::Value::Object(o))?;
        }
        w.write_all(if first {
            b"],\n  \"undated_events\": ["
        } else {
            b"\n  ],\n  \"undated_events\": ["
        })?;
        first = true;
        for u in undated {
            item(w, &mut first, u)?;
        }
        let mut notes = self.notes.clone();
        notes.extend(problems);
        w.write_all(if first {
            b"],\n  \"notes\": "
        } else {
            b"\n  ],\n  \"notes\": "
        })?;
        serde_json::to_writer(&mut *w, &notes).map_err(std::io::Error::other)?;
        w.write_all(b"\n}\n")
    }
}

/// A GeoNames place as the report's own `[[site]]`.
fn site_toml(s: &Site) -> String {
    let mut t = String::new();
    t.push_str("# A GeoNames place the curated gazetteer lacks, brought as the report's own site: check it.\n");
    t.push_str("[[site]]\n");
    let _ = writeln!(t, "id = {}", toml_str(&s.id));
    let _ = writeln!(t, "name = {}", toml_str(&s.name));
    let _ = writeln!(t, "kind = {}", toml_str(s.kind.as_str()));
    let _ = writeln!(t, "country = {}", toml_str(&s.country));
    if !s.admin1.is_empty() {
        let _ = writeln!(t, "admin1 = {}", toml_str(&s.admin1));
    }
    let _ = writeln!(t, "lon = {}", s.lon);
    let _ = writeln!(t, "lat = {}", s.lat);
    let _ = writeln!(t, "precision_m = {}", s.precision_m.round() as i64);
    let _ = writeln!(t, "source = {}", toml_str(&s.source));
    t
}

fn event_toml(e: &DraftEvent) -> String {
    // a `key = "value"` line
    fn kv(t: &mut String, key: &str, value: &str) {
        t.push_str(key);
        t.push_str(" = ");
        push_toml_str(t, value);
        t.push('\n');
    }
    let mut t = String::with_capacity(512 + e.quote.len());
    t.push_str("[[event]]\n");
    kv(&mut t, "id", &e.id);
    let _ = writeln!(t, "kind = {}  # for review", toml_str(e.kind.as_str()));
    kv(&mut t, "status", e.status.as_str());
    match e.period {
        Some(p) => date_toml(&mut t, p),
        None => t.push_str("date = \"YYYY-MM-DD\"  # not in the text: give it\n"),
    }
    kv(&mut t, "date_note", &e.date_note);
    let actors: Vec<String> = e.actors.iter().map(|a| toml_str(a)).collect();
    let _ = writeln!(t, "actors = [{}]", actors.join(", "));
    if let Some(x) = &e.target {
        kv(&mut t, "target", x);
    }
    if let Some(x) = &e.at {
        kv(&mut t, "at", x);
    }
    if let Some(x) = &e.from {
        kv(&mut t, "from", x);
    }
    if !e.via.is_empty() {
        let v: Vec<String> = e.via.iter().map(|a| toml_str(a)).collect();
        let _ = writeln!(t, "via = [{}]", v.join(", "));
    }
    if let Some(x) = &e.to {
        kv(&mut t, "to", x);
    }
    kv(&mut t, "place", &e.place);
    let _ = writeln!(t, "geo_precision = {}  # for review", e.geo_precision);
    let _ = writeln!(t, "where_prec = {}  # for review", e.where_prec);
    let _ = writeln!(
        t,
        "credibility = {}  # for review: 3 = possibly true until you grade it",
        e.credibility
    );
    kv(&mut t, "quote", &e.quote);
    let _ = writeln!(
        t,
        "notes = {}",
        toml_str(&format!("Drafted, for review: {}", e.notes.join("; ")))
    );
    t
}

/// `date`, `date_end` and `date_precision` of a period, in the shortest form that says it.
fn date_toml(t: &mut String, p: crate::dates::Period) {
    use chrono::Datelike;
    let date = match p.precision {
        crate::dates::DatePrecision::Month if p.start.day() == 1 => {
            format!("{:04}-{:02}", p.start.year(), p.start.month())
        }
        crate::dates::DatePrecision::Year if p.start.ordinal() == 1 => {
            format!("{:04}", p.start.year())
        }
        _ => p.start.to_string(),
    };
    let _ = writeln!(t, "date = {}", toml_str(&date));
    let implied_end = match crate::dates::parse_iso(&date) {
        Ok(q) => q.end,
        Err(_) => p.start,
    };
    if p.end != implied_end {
        let _ = writeln!(t, "date_end = {}", toml_str(&p.end.to_string()));
    }
    let _ = writeln!(t, "date_precision = {}", toml_str(p.precision.as_str()));
}

#[cfg(test)]
mod tests {
    use super::toml_str;

    #[test]
    fn toml_strings_read_back_as_written() {
        for s in [
            "",
            "plain",
            "quote \" and back\\slash",
            "lines\none\r\ntwo\tthree",
            "bell \u{7} and delete \u{7f}",
            "دير الزور — Al-Qa’im",
        ] {
            let doc = format!("v = {}", toml_str(s));
            let v: toml::Table = toml::from_str(&doc).unwrap();
            assert_eq!(v["v"].as_str(), Some(s), "{doc}");
        }
    }
}

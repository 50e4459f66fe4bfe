//! Report files (`reports/*.toml`): a `[source]` table and the `[[event]]` tables it reports,
//! read into event drafts for the one validator ([`crate::validate`]).
//!
//! Reading never stops at the first problem: a missing or mistyped field, an unknown field, a
//! bad source grade and every bad event are reported together, each with file, line and
//! column. See `docs/FORMATS.md` for the format.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeValue;
use toml::Spanned;

use crate::actors::Actors;
use crate::border::Border;
use crate::error::{has_errors, read_utf8, Diagnostic, Error, Location, Result};
use crate::event::{
    ActorDraft, At, DateDraft, Event, EventDraft, PlaceDraft, Source, SourceFormat,
};
use crate::gazetteer::Gazetteer;
use crate::tomlread::{Doc, Table};
use crate::validate::{is_slug, published_date, Validator};

pub use crate::event::{EventKind, PlaceRef, Status};

/// One report file, validated.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: String,
    pub source: Arc<Source>,
    pub events: Vec<Event>,
}

/// One report file read into drafts, not yet validated.
pub struct ReportDrafts {
    pub file: String,
    pub source: Arc<Source>,
    pub drafts: Vec<EventDraft>,
    /// The places the report brings (`[[site]]`), in the user tier.
    pub sites: Vec<crate::gazetteer::Site>,
    /// The actors the report brings (`[[actor]]`).
    pub actors: Vec<crate::actors::Actor>,
    /// Side files the report names (`gazetteer = [...]`, `actors = [...]`), relative to the
    /// report, each with where it is named.
    pub gazetteer_files: Vec<(PathBuf, Location)>,
    pub actor_files: Vec<(PathBuf, Location)>,
    /// Whether the `[source]` table was valid (if not, the events are still checked, and the
    /// report is then dropped).
    pub source_ok: bool,
}

const SOURCE_KEYS: &[&str] = &[
    "id",
    "publisher",
    "title",
    "url",
    "published",
    "published_note",
    "reliability",
    "scale",
    "seed",
];

const EVENT_KEYS: &[&str] = &[
    "id",
    "kind",
    "status",
    "date",
    "date_precision",
    "date_end",
    "date_note",
    "actors",
    "target",
    "at",
    "from",
    "via",
    "to",
    "place",
    "geo_precision",
    "where_prec",
    "credibility",
    "quote",
    "notes",
];

/// The files a list of paths names: files as given, directories' `*.toml`, sorted.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        let meta = std::fs::metadata(p).map_err(|e| Error::io(&shown, e))?;
        if meta.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| Error::io(&shown, e))?;
            let mut v: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|x| x.extension().and_then(|e| e.to_str()) == Some("toml"))
                .collect();
            v.sort();
            if v.is_empty() {
                return Err(Error::Usage(format!(
                    "{shown}: no .toml report files in this directory"
                )));
            }
            out.extend(v);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn place_draft(
    t: &Table<'_, '_>,
    key: &str,
    v: &Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<At<PlaceDraft>> {
    let loc = t.doc().loc(v.span().start);
    match v.get_ref() {
        DeValue::String(_) => {
            let s = t.str_value(key, v, diags)?;
            Some(At::new(PlaceDraft::Site(s.value.trim().to_string()), loc))
        }
        DeValue::Table(_) => {
            let pt = t.table_value(key, v, diags)?;
            pt.check_keys(&["lon", "lat"], diags);
            let lon = pt.float("lon", diags);
            let lat = pt.float("lat", diags);
            if !pt.has("lon") {
                pt.missing("lon", "longitude, degrees east", diags);
            }
            if !pt.has("lat") {
                pt.missing("lat", "latitude, degrees north", diags);
            }
            Some(At::new(
                PlaceDraft::Point {
                    lon: lon?.value,
                    lat: lat?.value,
                },
                loc,
            ))
        }
        _ => {
            t.err_at(
                diags,
                loc,
                format!("`{key}` must be a site id (a string) or coordinates {{ lon = ..., lat = ... }}"),
            );
            None
        }
    }
}

/// Reads one report's text into its source and event drafts; every problem goes to `diags`.
/// `None` when the file has no usable `[source]`.
pub fn read(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<ReportDrafts> {
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            Location::file(file),
            "empty report file: expected a [source] table and [[event]] tables",
        ));
        return None;
    }
    let doc = Doc::parse(file, text, diags)?;
    let root = doc.root();
    root.check_keys(
        &["source", "event", "site", "actor", "gazetteer", "actors"],
        diags,
    );
    // the places and actors the report brings, and the side files it names
    let sites = crate::gazetteer::site_tables_of(
        &root.tables("site", diags),
        crate::gazetteer::Tier::User,
        true,
        diags,
    );
    let brought_actors = crate::actors::actor_tables(&root.tables("actor", diags), diags);
    let dir = Path::new(file).parent().unwrap_or(Path::new(""));
    let side = |key: &str, diags: &mut Vec<Diagnostic>| -> Vec<(PathBuf, Location)> {
        if root.has(key)
            && root
                .get(key)
                .is_some_and(|v| v.get_ref().as_array().is_none())
        {
            root.err_at(
                diags,
                root.loc_of(key),
                format!("`{key}` must be a list of file paths, relative to the report: {key} = [\"my-{key}.toml\"]"),
            );
            return Vec::new();
        }
        root.str_list(key, diags)
            .into_iter()
            .map(|p| (dir.join(p.value.trim()), p.loc))
            .collect()
    };
    let gazetteer_files = side("gazetteer", diags);
    let actor_files = side("actors", diags);
    let Some(src) = root.table("source", diags) else {
        if !root.has("source") {
            diags.push(Diagnostic::error(
                Location::at(&doc.file, 1, 1),
                "missing the [source] table (id, publisher, title, published, reliability)",
            ));
        }
        return None;
    };
    let src = src.with_ctx("[source]: ");
    src.check_keys(SOURCE_KEYS, diags);
    let before = diags.len();
    let sid = src.req_str(
        "id",
        "the report's id: lowercase letters, digits and hyphens",
        diags,
    );
    if let Some(s) = &sid {
        if !is_slug(&s.value) {
            src.err_at(
                diags,
                s.loc.clone(),
                format!(
                    "report id {:?} must be lowercase ASCII letters, digits and hyphens",
                    s.value
                ),
            );
        }
    }
    let publisher = src.req_str("publisher", "who published the report", diags);
    let title = src.req_str("title", "the report's headline", diags);
    let published = match src.date("published", diags) {
        Some(p) => match published_date(&p.value) {
            Ok(d) => Some(d),
            Err(m) => {
                src.err_at(diags, p.loc, m);
                None
            }
        },
        None => {
            // an article that carries no date may say so instead (drafts of undated pages):
            // then its events need dates of their own, since relative ones cannot be resolved
            if !src.has("published") && !src.has("published_note") {
                src.missing(
                    "published",
                    "the publication date, YYYY-MM-DD (or, when the source gives none, a published_note saying so)",
                    diags,
                );
            }
            None
        }
    };
    let reliability = match src.req_str("reliability", "Admiralty source reliability A-F", diags) {
        Some(r) => {
            let v = r.value.trim();
            match v.chars().next() {
                Some(c @ 'A'..='F') if v.len() == 1 => Some(c),
                _ => {
                    src.err_at(
                        diags,
                        r.loc,
                        format!("reliability {v:?} is not an Admiralty source grade A-F"),
                    );
                    None
                }
            }
        }
        None => None,
    };
    let source_ok = !has_errors(&diags[before..]);
    // A source that cannot be read still lets its events be checked (every problem in one
    // run): stand-in values take the bad fields' place, and the report is then dropped.
    let source = Arc::new(Source {
        id: sid.map(|s| s.value).unwrap_or_default(),
        format: SourceFormat::Report,
        publisher: publisher.map(|s| s.value).unwrap_or_default(),
        title: title.map(|s| s.value).unwrap_or_default(),
        url: src.str("url", diags).map(|s| s.value).unwrap_or_default(),
        published,
        published_note: src.str("published_note", diags).map(|s| s.value),
        reliability: reliability.unwrap_or('F'),
        scale: src.str("scale", diags).map(|s| s.value).unwrap_or_default(),
        seed: src.str("seed", diags).map(|s| s.value),
        file: doc.file.clone(),
    });
    let events = root.tables("event", diags);
    if events.is_empty() {
        diags.push(Diagnostic::warning(
            src.loc(),
            "report has no [[event]] tables",
        ));
    }
    let mut drafts = Vec::with_capacity(events.len());
    for e in events {
        let origin = e.loc();
        let id = e.str("id", diags);
        let shown = id
            .as_ref()
            .map_or_else(|| "(no id)".to_string(), |s| s.value.clone());
        let e = e.with_ctx(format!("event {shown}: "));
        e.check_keys(EVENT_KEYS, diags);
        if id.is_none() && !e.has("id") {
            e.missing(
                "id",
                "unique within the report: lowercase letters, digits and hyphens",
                diags,
            );
        }
        let kind = e.req_str("kind", &format!("one of: {}", EventKind::choices()), diags);
        let date = e.date("date", diags);
        if date.is_none() && !e.has("date") {
            e.missing(
                "date",
                "YYYY-MM-DD, YYYY-MM, YYYY, or relative to publication such as \"on Thursday\"",
                diags,
            );
        }
        let place = |key: &str, diags: &mut Vec<Diagnostic>| {
            e.get(key).and_then(|v| place_draft(&e, key, v, diags))
        };
        let at = place("at", diags);
        let from = place("from", diags);
        let to = place("to", diags);
        let via: Vec<At<PlaceDraft>> = e
            .array("via", diags)
            .into_iter()
            .filter_map(|v| place_draft(&e, "via", v, diags))
            .collect();
        let actors = e
            .str_list("actors", diags)
            .into_iter()
            .map(|s| At::new(ActorDraft::Id(s.value.trim().to_string()), s.loc))
            .collect();
        let date_end = e.date("date_end", diags).map(|s| At::new(s.value, s.loc));
        let draft = EventDraft {
            source: Arc::clone(&source),
            origin: origin.clone(),
            id: id.map_or_else(
                || At::new(String::new(), origin.clone()),
                |s| At::new(s.value, s.loc),
            ),
            kind: kind.map_or_else(
                || At::new(String::new(), origin.clone()),
                |s| At::new(s.value, s.loc),
            ),
            status: e.str("status", diags).map(|s| At::new(s.value, s.loc)),
            date: date.map_or_else(
                || At::new(DateDraft::Text(String::new()), origin.clone()),
                |s| At::new(DateDraft::Text(s.value), s.loc),
            ),
            date_precision: e
                .str("date_precision", diags)
                .map(|s| At::new(s.value, s.loc)),
            date_end,
            date_note: e.str("date_note", diags).map(|s| s.value),
            actors,
            target: e.str("target", diags).map(|s| At::new(s.value, s.loc)),
            at,
            from,
            via,
            to,
            place: e.str("place", diags).map(|s| s.value).unwrap_or_default(),
            geo_precision: e
                .int("geo_precision", diags)
                .map(|n| At::new(n.value, n.loc)),
            where_prec: e.int("where_prec", diags).map(|n| At::new(n.value, n.loc)),
            credibility: e.int("credibility", diags).map(|n| At::new(n.value, n.loc)),
            quote: e.str("quote", diags).map(|s| At::new(s.value, s.loc)),
            notes: e.str("notes", diags).map(|s| s.value).unwrap_or_default(),
            import: None,
        };
        drafts.push(draft);
    }
    Some(ReportDrafts {
        file: file.to_string(),
        source,
        drafts,
        sites,
        actors: brought_actors,
        gazetteer_files,
        actor_files,
        source_ok,
    })
}

/// Validates the drafts of one report file; every problem goes to `diags`. Events with errors
/// are left out (and the caller fails).
pub fn validate(rd: ReportDrafts, v: &Validator<'_>, diags: &mut Vec<Diagnostic>) -> Report {
    let mut seen = std::collections::HashMap::new();
    let mut events = Vec::with_capacity(rd.drafts.len());
    for d in rd.drafts {
        let id = d.id.value.clone();
        if !id.is_empty() {
            if let Some(first) = seen.insert(id.clone(), d.id.loc.clone()) {
                diags.push(Diagnostic::error(
                    d.id.loc.clone(),
                    format!("event {id}: duplicate event id in this report (first at {first})"),
                ));
            }
        }
        if let Some(e) = v.event(d, diags) {
            events.push(e);
        }
    }
    Report {
        file: rd.file,
        source: rd.source,
        events,
    }
}

/// The texts of report files (the built-in ones when `paths` is empty), as (shown name, text).
pub fn texts(paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut texts = Vec::new();
    if paths.is_empty() {
        for (f, t) in crate::data::REPORT_FILES {
            texts.push((f.to_string(), t.to_string()));
        }
    } else {
        for p in expand_paths(paths)? {
            texts.push((p.display().to_string(), read_utf8(&p)?));
        }
    }
    Ok(texts)
}

/// Reads and validates report files (the built-in ones when `paths` is empty). All problems
/// across all files are returned together; warnings alone do not fail.
pub fn load_with(
    paths: &[PathBuf],
    gaz: &Gazetteer,
    actors: &Actors,
    border: &Border,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Report>> {
    let drafts = read_all(paths, diags)?;
    Ok(validate_all(drafts, gaz, actors, border, diags))
}

/// Reads report files (the built-in ones when `paths` is empty) into drafts.
pub fn read_all(paths: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Result<Vec<ReportDrafts>> {
    let texts = texts(paths)?;
    Ok(texts
        .iter()
        .filter_map(|(f, t)| read(f, t, diags))
        .collect())
}

/// Validates read reports against a gazetteer and registry (which hold what the reports
/// bring: see [`crate::pipeline::load`]).
pub fn validate_all(
    drafts: Vec<ReportDrafts>,
    gaz: &Gazetteer,
    actors: &Actors,
    border: &Border,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Report> {
    let v = Validator::new(gaz, actors, border);
    let mut reports = Vec::new();
    for rd in drafts {
        // a report whose [source] is bad still has its events checked, and is then dropped
        let keep = rd.source_ok;
        let r = validate(rd, &v, diags);
        if keep {
            reports.push(r);
        }
    }
    check_report_ids(&reports, diags);
    reports
}

/// Report ids must be unique across the files of a run.
pub fn check_report_ids(reports: &[Report], diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for r in reports {
        if let Some(first) = seen.insert(&r.source.id, &r.file) {
            diags.push(Diagnostic::error(
                Location::file(&r.file),
                format!("duplicate report id {:?} (also in {first})", r.source.id),
            ));
        }
    }
}

/// Like [`load_with`], failing with every diagnostic when there is any error.
pub fn load(
    paths: &[PathBuf],
    gaz: &Gazetteer,
    actors: &Actors,
    border: &Border,
) -> Result<Vec<Report>> {
    let mut diags = Vec::new();
    let reports = load_with(paths, gaz, actors, border, &mut diags)?;
    if has_errors(&diags) {
        diags.sort();
        return Err(Error::Invalid(diags));
    }
    Ok(reports)
}

/// A report file path's display form relative to where the user ran the command.
pub fn shown(p: &Path) -> String {
    p.display().to_string()
}

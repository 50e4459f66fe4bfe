//! Report files (`reports/*.toml`): a source block and the events it reports.
//!
//! Parsing validates everything at once — unknown sites and actors (with suggestions),
//! impossible dates, movements without an origin or destination, duplicate ids — and names
//! file, line and column for each problem. See `docs/FORMATS.md` for the format.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::actors::Actors;
use crate::border::Border;
use crate::dates::{parse_iso, resolve_relative, DatePrecision, Period};
use crate::error::{read_utf8, Diagnostic, Error, Location, Result};
use crate::gazetteer::Gazetteer;

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { Self::ALL.iter().copied().find(|x| x.as_str() == s) }
            /// Every accepted value, comma-separated, for error messages.
            pub fn choices() -> String { Self::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ") }
        }
    };
}

str_enum!(
    /// What happened.
    EventKind {
        Deployment = "deployment",
        Withdrawal = "withdrawal",
        Crossing = "crossing",
        Transit = "transit",
        Presence = "presence",
        Strike = "strike",
        Clash = "clash",
        ControlChange = "control-change",
        Meeting = "meeting",
        Statement = "statement",
    }
);

str_enum!(
    /// Whether it happened, per the source.
    Status {
        Reported = "reported",
        Planned = "planned",
        Considered = "considered",
        Denied = "denied",
    }
);

/// A place an event refers to: a site id, or raw coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceRef {
    Site(String),
    Point { lon: f64, lat: f64 },
}

/// Who published the report, and how reliable they are.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub url: String,
    pub published: NaiveDate,
    pub published_note: Option<String>,
    /// Admiralty source reliability, A–F.
    pub reliability: char,
    pub scale: String,
    pub seed: Option<String>,
}

/// One event as the report states it (places not yet resolved to geometry).
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub status: Status,
    pub period: Period,
    pub date_note: Option<String>,
    pub actors: Vec<String>,
    pub at: Option<PlaceRef>,
    pub from: Option<PlaceRef>,
    pub via: Vec<PlaceRef>,
    pub to: Option<PlaceRef>,
    pub place: String,
    /// ACLED geo_precision 1–3.
    pub geo_precision: u8,
    /// UCDP where_prec 1–7.
    pub where_prec: u8,
    /// Admiralty information credibility 1–6.
    pub credibility: u8,
    pub quote: String,
    pub notes: String,
    pub origin: Location,
}

impl Event {
    /// A movement has a route (`from` … `to`); anything else is located `at` one place.
    pub fn is_movement(&self) -> bool {
        self.from.is_some()
    }
}

/// One report file.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: String,
    pub source: Source,
    pub events: Vec<Event>,
}

impl Report {
    /// The Admiralty grading of an event of this report, e.g. `B2`.
    pub fn grading(&self, e: &Event) -> String {
        format!("{}{}", self.source.reliability, e.credibility)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    source: Spanned<RawSource>,
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    publisher: String,
    title: String,
    #[serde(default)]
    url: String,
    published: Spanned<DateValue>,
    published_note: Option<String>,
    reliability: Spanned<String>,
    #[serde(default)]
    scale: String,
    seed: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum DateValue {
    Text(String),
    Date(toml::value::Datetime),
}

impl DateValue {
    fn text(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Date(d) => d.to_string(),
        }
    }
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawPlace {
    Id(String),
    Point { lon: f64, lat: f64 },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default = "reported")]
    status: Spanned<String>,
    date: Spanned<DateValue>,
    date_precision: Option<Spanned<String>>,
    date_end: Option<Spanned<DateValue>>,
    date_note: Option<String>,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    at: Option<Spanned<RawPlace>>,
    from: Option<Spanned<RawPlace>>,
    #[serde(default)]
    via: Vec<Spanned<RawPlace>>,
    to: Option<Spanned<RawPlace>>,
    #[serde(default)]
    place: String,
    geo_precision: Spanned<i64>,
    where_prec: Spanned<i64>,
    credibility: Spanned<i64>,
    quote: Spanned<String>,
    #[serde(default)]
    notes: String,
}

fn reported() -> Spanned<String> {
    // serde default for a missing status; the span is never shown for a valid value
    toml::from_str::<HashMap<String, Spanned<String>>>("s = \"reported\"")
        .ok()
        .and_then(|mut m| m.remove("s"))
        .expect("literal TOML")
}

/// The files a list of paths names: files as given, directories' `*.toml`, sorted.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| Error::io(p.display().to_string(), e))?;
            let mut v: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|x| x.extension().and_then(|e| e.to_str()) == Some("toml"))
                .collect();
            v.sort();
            if v.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: no .toml report files in this directory",
                    p.display()
                )));
            }
            out.extend(v);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(Error::io(
                p.display().to_string(),
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            ));
        }
    }
    Ok(out)
}

/// Reads and validates report files (the built-in ones when `paths` is empty). All problems
/// across all files are returned together.
pub fn load(
    paths: &[PathBuf],
    gaz: &Gazetteer,
    actors: &Actors,
    border: &Border,
) -> Result<Vec<Report>> {
    let mut texts: Vec<(String, String)> = Vec::new();
    if paths.is_empty() {
        for (f, t) in crate::data::REPORT_FILES {
            texts.push((f.to_string(), t.to_string()));
        }
    } else {
        for p in expand_paths(paths)? {
            texts.push((p.display().to_string(), read_utf8(&p)?));
        }
    }
    let mut diags = Vec::new();
    let mut reports = Vec::new();
    for (f, t) in &texts {
        if let Some(r) = parse(f, t, gaz, actors, border, &mut diags) {
            reports.push(r);
        }
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    for r in &reports {
        if let Some(first) = seen.insert(r.source.id.clone(), r.file.clone()) {
            diags.push(Diagnostic::error(
                Location::file(&r.file),
                format!("duplicate report id {:?} (also in {first})", r.source.id),
            ));
        }
    }
    if diags
        .iter()
        .any(|d| d.severity == crate::error::Severity::Error)
    {
        diags.sort();
        return Err(Error::Invalid(diags));
    }
    Ok(reports)
}

/// Parses and validates one report file; problems go to `diags`. Returns the report when the
/// file could be read at all (individual bad events are left out).
pub fn parse(
    file: &str,
    text: &str,
    gaz: &Gazetteer,
    actors: &Actors,
    border: &Border,
    diags: &mut Vec<Diagnostic>,
) -> Option<Report> {
    let at = |o: usize| Location::at_offset(file, text, o);
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            Location::file(file),
            "empty report file: expected a [source] table and [[event]] tables",
        ));
        return None;
    }
    let raw: RawReport = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            diags.push(crate::gazetteer::toml_error(file, text, &e));
            return None;
        }
    };
    let before = diags.len();
    let src_loc = at(raw.source.span().start);
    let s = raw.source.into_inner();
    let published = match parse_iso(&s.published.get_ref().text()) {
        Ok(p) if p.precision == DatePrecision::Day => Some(p.start),
        Ok(_) => {
            diags.push(Diagnostic::error(
                at(s.published.span().start),
                "published must be a full date, YYYY-MM-DD",
            ));
            None
        }
        Err(m) => {
            diags.push(Diagnostic::error(
                at(s.published.span().start),
                format!("published: {m}"),
            ));
            None
        }
    };
    let rel = s.reliability.get_ref().trim();
    let reliability = match rel.chars().next() {
        Some(c @ 'A'..='F') if rel.len() == 1 => Some(c),
        _ => {
            diags.push(Diagnostic::error(
                at(s.reliability.span().start),
                format!("reliability {rel:?} is not an Admiralty source grade A-F"),
            ));
            None
        }
    };
    let sid = s.id.get_ref().clone();
    if sid.is_empty()
        || !sid
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        diags.push(Diagnostic::error(
            at(s.id.span().start),
            format!("report id {sid:?} must be lowercase ASCII letters, digits and hyphens"),
        ));
    }
    let (Some(published), Some(reliability)) = (published, reliability) else {
        return None;
    };
    let source = Source {
        id: sid,
        publisher: s.publisher,
        title: s.title,
        url: s.url,
        published,
        published_note: s.published_note,
        reliability,
        scale: s.scale,
        seed: s.seed,
    };
    if raw.event.is_empty() {
        diags.push(Diagnostic::warning(
            src_loc,
            "report has no [[event]] tables",
        ));
    }
    let mut ids = HashSet::new();
    let mut events = Vec::new();
    for e in raw.event {
        let origin = at(e.span().start);
        let e = e.into_inner();
        let n0 = diags.len();
        let id = e.id.get_ref().clone();
        let err = |diags: &mut Vec<Diagnostic>, o: usize, m: String| {
            diags.push(Diagnostic::error(at(o), format!("event {id}: {m}")))
        };
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            err(
                diags,
                e.id.span().start,
                "id must be lowercase ASCII letters, digits and hyphens".into(),
            );
        } else if !ids.insert(id.clone()) {
            err(
                diags,
                e.id.span().start,
                "duplicate event id in this report".into(),
            );
        }
        let kind = EventKind::parse(e.kind.get_ref());
        if kind.is_none() {
            err(
                diags,
                e.kind.span().start,
                format!(
                    "unknown kind {:?} (one of: {})",
                    e.kind.get_ref(),
                    EventKind::choices()
                ),
            );
        }
        let status = Status::parse(e.status.get_ref());
        if status.is_none() {
            err(
                diags,
                e.status.span().start,
                format!(
                    "unknown status {:?} (one of: {})",
                    e.status.get_ref(),
                    Status::choices()
                ),
            );
        }
        // date: ISO, or relative to publication
        let date_text = e.date.get_ref().text();
        let mut date_note = e.date_note.clone();
        let mut period = match parse_iso(&date_text) {
            Ok(p) => Some(p),
            Err(m) => match resolve_relative(&date_text, published) {
                Some((p, note)) => {
                    date_note = Some(match date_note {
                        Some(n) => format!("{note}. {n}"),
                        None => note,
                    });
                    Some(p)
                }
                None => {
                    err(diags, e.date.span().start, format!("date: {m}; relative forms such as \"on Thursday\" or \"last Saturday\" are also accepted"));
                    None
                }
            },
        };
        if let (Some(p), Some(end)) = (period.as_mut(), &e.date_end) {
            match parse_iso(&end.get_ref().text()) {
                Ok(q) if q.end < p.start => err(
                    diags,
                    end.span().start,
                    format!("date_end {} is before date {}", q.end, p.start),
                ),
                Ok(q) => p.end = q.end,
                Err(m) => err(diags, end.span().start, format!("date_end: {m}")),
            }
        }
        if let (Some(p), Some(dp)) = (period.as_mut(), &e.date_precision) {
            match DatePrecision::parse(dp.get_ref()) {
                Some(x) if x < p.precision => err(
                    diags,
                    dp.span().start,
                    format!(
                        "date_precision {:?} is finer than the date {date_text:?} gives ({})",
                        dp.get_ref(),
                        p.precision.as_str()
                    ),
                ),
                Some(x) => p.precision = x,
                None => err(
                    diags,
                    dp.span().start,
                    format!(
                        "date_precision {:?} is not day, week, month or year",
                        dp.get_ref()
                    ),
                ),
            }
        }
        if let Some(p) = &period {
            if p.start > published {
                diags.push(Diagnostic::warning(
                    at(e.date.span().start),
                    format!(
                        "event {id}: starts {} after publication on {published}",
                        p.start
                    ),
                ));
            }
        }
        // actors
        for a in &e.actors {
            if actors.get(a.get_ref()).is_none() {
                let mut msg = format!("unknown actor {:?}", a.get_ref());
                let by_alias = actors.find(a.get_ref());
                let sugg = if by_alias.is_empty() {
                    actors.suggest(a.get_ref(), 3)
                } else {
                    by_alias
                };
                if !sugg.is_empty() {
                    msg.push_str(&format!(
                        "; did you mean {}?",
                        sugg.iter()
                            .map(|x| format!("{:?} ({})", x.id, x.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                err(diags, a.span().start, msg);
            }
        }
        if e.actors.is_empty() {
            err(
                diags,
                e.id.span().start,
                "no actors: name at least one actor id".into(),
            );
        }
        // places
        let place = |p: &Spanned<RawPlace>, diags: &mut Vec<Diagnostic>| -> Option<PlaceRef> {
            match p.get_ref() {
                RawPlace::Id(s) => {
                    if gaz.get(s).is_some() {
                        Some(PlaceRef::Site(s.clone()))
                    } else {
                        let mut msg = format!("unknown site {s:?}");
                        let mut sugg: Vec<String> = gaz
                            .lookup(s)
                            .iter()
                            .chain(gaz.fuzzy(&s.replace('-', " "), 3).iter())
                            .filter_map(|m| gaz.site(m.site))
                            .filter(|x| gaz.get(&x.id).is_some())
                            .map(|x| format!("{:?} ({}, {})", x.id, x.name, x.kind.as_str()))
                            .collect();
                        sugg.dedup();
                        sugg.truncate(3);
                        if !sugg.is_empty() {
                            msg.push_str(&format!("; did you mean {}?", sugg.join(", ")));
                        }
                        err(diags, p.span().start, msg);
                        None
                    }
                }
                RawPlace::Point { lon, lat } => {
                    let (lon, lat) = (*lon, *lat);
                    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                        err(
                            diags,
                            p.span().start,
                            format!("coordinates lon {lon}, lat {lat} are out of range"),
                        );
                        None
                    } else if let Some(m) = border.swapped(lon, lat) {
                        err(diags, p.span().start, m);
                        None
                    } else {
                        Some(PlaceRef::Point { lon, lat })
                    }
                }
            }
        };
        let at_p = e.at.as_ref().and_then(|p| place(p, diags));
        let from_p = e.from.as_ref().and_then(|p| place(p, diags));
        let to_p = e.to.as_ref().and_then(|p| place(p, diags));
        let via_p: Vec<PlaceRef> = e.via.iter().filter_map(|p| place(p, diags)).collect();
        match (&e.at, &e.from, &e.to) {
            (Some(a), Some(_), _) | (Some(a), _, Some(_)) => {
                err(diags, a.span().start, "give either `at` or a route (`from`, `via`, `to`), not both".into())
            }
            (None, Some(f), None) => err(diags, f.span().start, "a movement needs a destination: `to` is missing".into()),
            (None, None, Some(t)) => err(diags, t.span().start, "a movement needs an origin: `from` is missing".into()),
            (None, None, None) => err(
                diags,
                e.id.span().start,
                "no location: give `at` (a site id or { lon, lat }) or a route (`from`, `via`, `to`)".into(),
            ),
            _ => {}
        }
        if e.at.is_some() && !e.via.is_empty() {
            err(
                diags,
                e.via[0].span().start,
                "`via` belongs to a route with `from` and `to`, not to `at`".into(),
            );
        }
        let range =
            |v: &Spanned<i64>, lo: i64, hi: i64, what: &str, diags: &mut Vec<Diagnostic>| {
                let x = *v.get_ref();
                if !(lo..=hi).contains(&x) {
                    diags.push(Diagnostic::error(
                        at(v.span().start),
                        format!("event {id}: {what} {x} is outside {lo}-{hi}"),
                    ));
                }
                x.clamp(lo, hi) as u8
            };
        let geo_precision = range(&e.geo_precision, 1, 3, "geo_precision (ACLED)", diags);
        let where_prec = range(&e.where_prec, 1, 7, "where_prec (UCDP)", diags);
        let credibility = range(&e.credibility, 1, 6, "credibility (Admiralty)", diags);
        if e.quote.get_ref().trim().is_empty() {
            err(
                diags,
                e.quote.span().start,
                "empty quote: give the source's sentence that supports the event".into(),
            );
        }
        let failed = diags[n0..]
            .iter()
            .any(|d| d.severity == crate::error::Severity::Error);
        if failed {
            continue;
        }
        let (Some(kind), Some(status), Some(period)) = (kind, status, period) else {
            continue;
        };
        events.push(Event {
            id,
            kind,
            status,
            period,
            date_note,
            actors: e.actors.into_iter().map(Spanned::into_inner).collect(),
            at: at_p,
            from: from_p,
            via: via_p,
            to: to_p,
            place: e.place,
            geo_precision,
            where_prec,
            credibility,
            quote: e.quote.into_inner(),
            notes: e.notes,
            origin,
        });
    }
    let _ = before;
    Some(Report {
        file: file.to_string(),
        source,
        events,
    })
}

/// A report file path's display form relative to where the user ran the command.
pub fn shown(p: &Path) -> String {
    p.display().to_string()
}

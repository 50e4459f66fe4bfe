//! The one validator: an [`EventDraft`] from any source becomes an [`Event`], or diagnostics
//! that name the file, line, column and value of every problem.
//!
//! Rules: ids, kinds and statuses; dates (ISO, written, relative to publication; ranges;
//! precision; not implausibly after publication); actors (registry ids, or an import's names
//! kept verbatim); places (known site ids, coordinates in range and not swapped); the shape of
//! a location (`at`, or a route with an origin and a destination, on a kind that moves); the
//! ACLED, UCDP and Admiralty codes; a quote for a hand-written event. Drafts from report
//! files, article drafts and CSV imports all pass here.

use std::sync::Arc;

use crate::actors::Actors;
use crate::border::Border;
use crate::dates::{parse_any, parse_iso, DatePrecision, Period};
use crate::error::{Diagnostic, Location};
use crate::event::{
    ActorDraft, ActorRef, At, DateDraft, Event, EventDraft, EventKind, PlaceDraft, PlaceRef,
    SourceFormat, Status, Target,
};
use crate::gazetteer::Gazetteer;

/// How to add a site the gazetteer lacks (said in every "unknown site" message).
pub const ADD_SITE_HINT: &str = "to add a place, write it as a [[site]] table with a cited source (docs/FORMATS.md, Sites) in the report itself (source = \"report\" when the report's words are the evidence), or in a file the report names with gazetteer = [\"FILE\"] or that you pass with --gazetteer FILE";
/// How to add an actor the registry lacks.
pub const ADD_ACTOR_HINT: &str = "to add an actor, write it as an [[actor]] table (docs/FORMATS.md, Actors) in the report itself, or in a file the report names with actors = [\"FILE\"] or that you pass with --actors FILE; `bordermap actors list` shows the registry";

/// Whether `id` is a report id or event id: lowercase ASCII letters, digits and hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `id` is a dataset's event id: 1–100 printable ASCII characters, no space or `/`.
fn is_dataset_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 100 && id.bytes().all(|b| b.is_ascii_graphic() && b != b'/')
}

/// Checks drafts against the gazetteer, the actor registry and the border.
pub struct Validator<'a> {
    pub gazetteer: &'a Gazetteer,
    pub actors: &'a Actors,
    pub border: &'a Border,
}

fn err(diags: &mut Vec<Diagnostic>, loc: &Location, id: &str, msg: impl std::fmt::Display) {
    diags.push(Diagnostic::error(loc.clone(), format!("event {id}: {msg}")));
}

impl<'a> Validator<'a> {
    pub fn new(gazetteer: &'a Gazetteer, actors: &'a Actors, border: &'a Border) -> Self {
        Validator {
            gazetteer,
            actors,
            border,
        }
    }

    /// "did you mean" material for an unknown site id.
    pub fn site_suggestions(&self, s: &str) -> Vec<String> {
        let g = self.gazetteer;
        let mut sugg: Vec<String> = g
            .lookup(s)
            .iter()
            .chain(g.fuzzy(&s.replace('-', " "), 3).iter())
            .filter_map(|m| g.site(m.site))
            .filter(|x| g.get(&x.id).is_some())
            .map(|x| format!("{:?} ({}, {})", x.id, x.name, x.kind.as_str()))
            .collect();
        sugg.dedup();
        sugg.truncate(3);
        sugg
    }

    fn place(&self, p: &At<PlaceDraft>, id: &str, diags: &mut Vec<Diagnostic>) -> Option<PlaceRef> {
        match &p.value {
            PlaceDraft::Site(s) => {
                if self.gazetteer.get(s).is_some() {
                    return Some(PlaceRef::Site(s.clone()));
                }
                let mut msg = format!("unknown site {s:?}");
                let sugg = self.site_suggestions(s);
                if !sugg.is_empty() {
                    msg.push_str(&format!("; did you mean {}?", sugg.join(", ")));
                }
                msg.push_str(&format!(" ({ADD_SITE_HINT})"));
                err(diags, &p.loc, id, msg);
                None
            }
            PlaceDraft::Point { lon, lat } => {
                let (lon, lat) = (*lon, *lat);
                if !(lon.is_finite() && lat.is_finite())
                    || !(-180.0..=180.0).contains(&lon)
                    || !(-90.0..=90.0).contains(&lat)
                {
                    let hint = if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
                        " (are lon and lat swapped?)"
                    } else {
                        ""
                    };
                    err(
                        diags,
                        &p.loc,
                        id,
                        format!("coordinates lon {lon}, lat {lat} are out of range: longitude -180..180, latitude -90..90{hint}"),
                    );
                    None
                } else if let Some(m) = self.border.swapped(lon, lat) {
                    err(diags, &p.loc, id, m);
                    None
                } else {
                    Some(PlaceRef::Point { lon, lat })
                }
            }
        }
    }

    fn actor(&self, a: At<ActorDraft>, id: &str, diags: &mut Vec<Diagnostic>) -> Option<ActorRef> {
        match a.value {
            ActorDraft::Id(x) => {
                if self.actors.get(&x).is_some() {
                    return Some(ActorRef::Known(x));
                }
                let mut msg = format!("unknown actor {x:?}");
                let by_alias = self.actors.find(&x);
                let sugg = if by_alias.is_empty() {
                    self.actors.suggest(&x, 3)
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
                msg.push_str(&format!(" ({ADD_ACTOR_HINT})"));
                err(diags, &a.loc, id, msg);
                None
            }
            // a source passes a name it could not match to the registry (imports match with a
            // cache of their own): kept verbatim
            ActorDraft::Name(n) => Some(ActorRef::Named(n)),
        }
    }

    fn range(
        &self,
        v: &Option<At<i64>>,
        lo: i64,
        hi: i64,
        what: &str,
        origin: &Location,
        id: &str,
        report: bool,
        default: u8,
        diags: &mut Vec<Diagnostic>,
    ) -> u8 {
        match v {
            Some(x) if (lo..=hi).contains(&x.value) => x.value as u8,
            Some(x) => {
                err(
                    diags,
                    &x.loc,
                    id,
                    format!("{what} {} is outside {lo}-{hi}", x.value),
                );
                default
            }
            None if report => {
                err(
                    diags,
                    origin,
                    id,
                    format!(
                        "missing field `{}` ({what} {lo}-{hi})",
                        what.split(' ').next().unwrap_or(what)
                    ),
                );
                default
            }
            None => default,
        }
    }

    /// Validates one draft. Every problem goes to `diags` (warnings too); the event comes back
    /// only when there was no error.
    pub fn event(&self, mut d: EventDraft, diags: &mut Vec<Diagnostic>) -> Option<Event> {
        let n0 = diags.len();
        let report = d.source.format == SourceFormat::Report;
        let id = std::mem::take(&mut d.id.value);
        let shown = crate::text::clean(&id);
        // ids
        if report {
            if !is_slug(&id) {
                err(
                    diags,
                    &d.id.loc,
                    &shown,
                    "id must be lowercase ASCII letters, digits and hyphens",
                );
            }
        } else if !is_dataset_id(&id) {
            err(
                diags,
                &d.id.loc,
                &shown,
                format!("event id {id:?} must be 1-100 printable characters without spaces or '/'"),
            );
        }
        // kind and status
        let kind = EventKind::parse(d.kind.value.trim());
        if kind.is_none() {
            err(
                diags,
                &d.kind.loc,
                &shown,
                format!(
                    "unknown kind {:?} (one of: {})",
                    d.kind.value,
                    EventKind::choices()
                ),
            );
        }
        let status = match &d.status {
            None => Some(Status::Reported),
            Some(s) => {
                let st = Status::parse(s.value.trim());
                if st.is_none() {
                    err(
                        diags,
                        &s.loc,
                        &shown,
                        format!(
                            "unknown status {:?} (one of: {})",
                            s.value,
                            Status::choices()
                        ),
                    );
                }
                st
            }
        };
        // dates
        let published = d.source.published;
        let mut date_note = d.date_note.clone();
        let mut period: Option<Period> = match &d.date.value {
            DateDraft::Period(p) => Some(*p),
            DateDraft::Text(t) => match parse_any(t, published) {
                Ok((p, note)) => {
                    if let Some(note) = note {
                        date_note = Some(match date_note {
                            Some(n) => format!("{note}. {n}"),
                            None => note,
                        });
                    }
                    Some(p)
                }
                Err(m) => {
                    err(diags, &d.date.loc, &shown, format!("date: {m}"));
                    None
                }
            },
        };
        if let (Some(p), Some(end)) = (period.as_mut(), &d.date_end) {
            match parse_any(&end.value, published) {
                Ok((q, _)) if q.end < p.start => err(
                    diags,
                    &end.loc,
                    &shown,
                    format!("date_end {} is before date {}", q.end, p.start),
                ),
                Ok((q, _)) => p.end = q.end,
                Err(m) => err(diags, &end.loc, &shown, format!("date_end: {m}")),
            }
        }
        if let (Some(p), Some(dp)) = (period.as_mut(), &d.date_precision) {
            match DatePrecision::parse(dp.value.trim()) {
                Some(x) if x < p.precision => err(
                    diags,
                    &dp.loc,
                    &shown,
                    format!(
                        "date_precision {:?} is finer than the date gives ({})",
                        dp.value,
                        p.precision.as_str()
                    ),
                ),
                Some(x) => p.precision = x,
                None => err(
                    diags,
                    &dp.loc,
                    &shown,
                    format!(
                        "date_precision {:?} is not day, week, month or year",
                        dp.value
                    ),
                ),
            }
        }
        if let (Some(p), Some(published), Some(st)) = (&period, published, status) {
            if p.start > published && !st.may_be_future() {
                let days = (p.start - published).num_days();
                if days > 366 {
                    err(
                        diags,
                        &d.date.loc,
                        &shown,
                        format!(
                            "starts {} days after publication on {published} ({}): a source cannot report what has not happened; if it is a plan, set status = \"planned\" or \"considered\"",
                            days, p.start
                        ),
                    );
                } else {
                    diags.push(Diagnostic::warning(
                        d.date.loc.clone(),
                        format!(
                            "event {shown}: starts {} after publication on {published}; if it is a plan, set status = \"planned\" or \"considered\"",
                            p.start
                        ),
                    ));
                }
            }
        }
        // actors
        let no_actors = d.actors.is_empty();
        let actors: Vec<ActorRef> = std::mem::take(&mut d.actors)
            .into_iter()
            .filter_map(|a| self.actor(a, &shown, diags))
            .collect();
        if no_actors {
            err(
                diags,
                &d.origin,
                &shown,
                format!("no actors: name at least one actor id ({ADD_ACTOR_HINT})"),
            );
        }
        let target = d.target.as_ref().and_then(|t| {
            if self.actors.get(&t.value).is_some() {
                Some(Target::Actor(t.value.clone()))
            } else if self.gazetteer.get(&t.value).is_some() {
                Some(Target::Site(t.value.clone()))
            } else {
                err(
                    diags,
                    &t.loc,
                    &shown,
                    format!("target {:?} is neither an actor id nor a site id", t.value),
                );
                None
            }
        });
        // places
        let at = d.at.as_ref().and_then(|p| self.place(p, &shown, diags));
        let from = d.from.as_ref().and_then(|p| self.place(p, &shown, diags));
        let to = d.to.as_ref().and_then(|p| self.place(p, &shown, diags));
        let via: Vec<PlaceRef> = d
            .via
            .iter()
            .filter_map(|p| self.place(p, &shown, diags))
            .collect();
        match (&d.at, &d.from, &d.to) {
            (Some(a), Some(_), _) | (Some(a), _, Some(_)) => err(
                diags,
                &a.loc,
                &shown,
                "give either `at` or a route (`from`, `via`, `to`), not both",
            ),
            (None, Some(f), None) => err(diags, &f.loc, &shown, "a movement needs a destination: `to` is missing"),
            (None, None, Some(t)) => err(diags, &t.loc, &shown, "a movement needs an origin: `from` is missing"),
            (None, None, None) => err(
                diags,
                &d.origin,
                &shown,
                "no location: give `at` (a site id or { lon, lat }) or a route (`from`, `via`, `to`)",
            ),
            _ => {}
        }
        if let (Some(k), Some(f)) = (kind, &d.from) {
            if !k.moves() {
                err(
                    diags,
                    &f.loc,
                    &shown,
                    format!(
                        "a {} does not move: give it `at`, not a route (routes belong to {})",
                        k.as_str(),
                        EventKind::ALL
                            .iter()
                            .filter(|k| k.moves())
                            .map(|k| k.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        if d.at.is_some() && !d.via.is_empty() {
            err(
                diags,
                &d.via[0].loc,
                &shown,
                "`via` belongs to a route with `from` and `to`, not to `at`",
            );
        }
        // codes
        let geo_precision = self.range(
            &d.geo_precision,
            1,
            3,
            "geo_precision (ACLED)",
            &d.origin,
            &shown,
            report,
            3,
            diags,
        );
        let where_prec = self.range(
            &d.where_prec,
            1,
            7,
            "where_prec (UCDP)",
            &d.origin,
            &shown,
            report,
            7,
            diags,
        );
        let credibility = self.range(
            &d.credibility,
            1,
            6,
            "credibility (Admiralty)",
            &d.origin,
            &shown,
            report,
            6,
            diags,
        );
        let quote = match d.quote.take() {
            Some(q) if !q.value.trim().is_empty() => q.value,
            Some(q) if report => {
                err(
                    diags,
                    &q.loc,
                    &shown,
                    "empty quote: give the source's sentence that supports the event",
                );
                String::new()
            }
            None if report => {
                err(diags, &d.origin, &shown, "missing field `quote` (the source's sentence that supports the event, word for word)");
                String::new()
            }
            _ => String::new(),
        };
        if diags[n0..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(Event {
            id,
            source: Arc::clone(&d.source),
            kind: kind?,
            status: status?,
            period: period?,
            date_note,
            actors,
            target,
            at,
            from,
            via,
            to,
            place: d.place,
            geo_precision,
            where_prec,
            credibility,
            quote,
            notes: d.notes,
            import: d.import,
            origin: d.origin,
        })
    }
}

/// A publication date as a report gives it: a full ISO date.
pub fn published_date(text: &str) -> Result<chrono::NaiveDate, String> {
    match parse_iso(text) {
        Ok(p) if p.precision == DatePrecision::Day => Ok(p.start),
        Ok(_) => Err("published must be a full date, YYYY-MM-DD".into()),
        Err(m) => Err(format!("published: {m}")),
    }
}

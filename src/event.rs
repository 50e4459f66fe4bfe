//! Events from any source: the plain [`EventDraft`] every source produces, and the validated
//! [`Event`] the rest of the pipeline reads.
//!
//! A source's job ends at the draft: plain values, each with the line and column it came
//! from, so that one validator ([`crate::validate`]) can check a hand-written report, an ACLED
//! row, a UCDP row or an article's draft alike and name the file, line and value of every
//! problem. A validated event owns its data; what many events share (the source's publisher,
//! grading, URL) sits behind an [`Arc`].

use std::sync::Arc;

use chrono::NaiveDate;

use crate::dates::Period;
use crate::error::Location;

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { Self::ALL.iter().copied().find(|x| x.as_str() == s) }
            /// Every accepted value, comma-separated, for error messages.
            pub fn choices() -> String { Self::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ") }
            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize { self as usize }
        }
    };
}

str_enum!(
    /// What happened. The kinds that move (see [`EventKind::moves`]) may have a route.
    EventKind {
        /// Forces sent to or stationed at a place.
        Deployment = "deployment",
        /// Forces pulled back from a place.
        Withdrawal = "withdrawal",
        /// Crossing the border.
        Crossing = "crossing",
        /// Passing through, on the way elsewhere.
        Transit = "transit",
        /// Being at a place (a base, a headquarters, a garrison).
        Presence = "presence",
        /// An air, drone, missile or artillery strike, or a remote explosive.
        Strike = "strike",
        /// Armed clash between two sides.
        Clash = "clash",
        /// Territory taken, retaken or handed over.
        ControlChange = "control-change",
        /// A meeting or an agreement.
        Meeting = "meeting",
        /// A statement, claim or threat.
        Statement = "statement",
        /// People detained by a force.
        Arrest = "arrest",
        /// A raid, search or security sweep.
        Raid = "raid",
        /// A protest, demonstration or riot.
        Protest = "protest",
        /// A crossing, road or area closed.
        Closure = "closure",
        /// A crossing, road or area reopened.
        Reopening = "reopening",
        /// A direct attack on people or property that is neither a strike nor a clash.
        Attack = "attack",
        /// What no other kind fits.
        Other = "other",
    }
);

impl EventKind {
    /// Kinds whose events may travel: a route (`from`, `via`, `to`) is allowed only on these.
    pub fn moves(self) -> bool {
        matches!(
            self,
            EventKind::Deployment
                | EventKind::Withdrawal
                | EventKind::Crossing
                | EventKind::Transit
                | EventKind::Strike
        )
    }
}

str_enum!(
    /// Whether it happened, per the source.
    Status {
        Reported = "reported",
        Planned = "planned",
        Considered = "considered",
        Denied = "denied",
    }
);

impl Status {
    /// Whether the source says it happened (or is happening).
    pub fn is_reported(self) -> bool {
        self == Status::Reported
    }
    /// Planned and considered events may lie after the source's publication.
    pub fn may_be_future(self) -> bool {
        matches!(self, Status::Planned | Status::Considered)
    }
}

/// A place an event refers to: a site id, or raw coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceRef {
    Site(String),
    Point { lon: f64, lat: f64 },
}

/// An actor of an event: a registry id, or a name kept verbatim from an import that the
/// registry does not know.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorRef {
    Known(String),
    Named(String),
}

impl PartialEq<str> for ActorRef {
    fn eq(&self, other: &str) -> bool {
        self.key() == other
    }
}

impl PartialEq<&str> for ActorRef {
    fn eq(&self, other: &&str) -> bool {
        self.key() == *other
    }
}

impl ActorRef {
    /// The registry id, for a known actor.
    pub fn id(&self) -> Option<&str> {
        match self {
            ActorRef::Known(id) => Some(id),
            ActorRef::Named(_) => None,
        }
    }
    /// The id of a known actor, the verbatim name of another.
    pub fn key(&self) -> &str {
        match self {
            ActorRef::Known(s) | ActorRef::Named(s) => s,
        }
    }
}

/// What kind of source a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceFormat {
    /// A hand-written or drafted report (`reports/*.toml`).
    Report,
    /// An ACLED export (CSV).
    Acled,
    /// A UCDP GED export (CSV).
    Ucdp,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Report => "report",
            SourceFormat::Acled => "acled",
            SourceFormat::Ucdp => "ucdp",
        }
    }
}

/// Who published the events, and how reliable they are. Shared by all of a source's events.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub format: SourceFormat,
    pub publisher: String,
    pub title: String,
    pub url: String,
    /// Publication date; `None` for a dataset export, whose rows carry their own dates.
    pub published: Option<NaiveDate>,
    pub published_note: Option<String>,
    /// Admiralty source reliability, A–F.
    pub reliability: char,
    pub scale: String,
    pub seed: Option<String>,
    /// The file it was read from.
    pub file: Arc<str>,
}

/// A value as a source gave it, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub loc: Location,
}

impl<T> At<T> {
    pub fn new(value: T, loc: Location) -> Self {
        At { value, loc }
    }
}

/// A date as a source gives it: text to parse (ISO, "07 December 2024", or relative to the
/// publication, "on Thursday"), or a period the source has already worked out (an ACLED row's
/// date and time precision).
#[derive(Debug, Clone, PartialEq)]
pub enum DateDraft {
    Text(String),
    Period(Period),
}

/// A place as a source gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceDraft {
    /// A site id (checked by the validator).
    Site(String),
    /// Coordinates (range-checked by the validator).
    Point { lon: f64, lat: f64 },
}

/// An actor as a source gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum ActorDraft {
    /// A registry id: unknown ids are errors.
    Id(String),
    /// A name from an import: matched to the registry where it is known, kept verbatim where
    /// not.
    Name(String),
}

/// How many text fields [`ImportTexts`] holds.
pub const IMPORT_TEXTS: usize = 15;

/// Which text field of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportText {
    EventId,
    EventType,
    SubEventType,
    Actor1,
    AssocActor1,
    Actor2,
    AssocActor2,
    CivilianTargeting,
    Sources,
    SourceScale,
    Country,
    Admin1,
    Admin2,
    Admin3,
    Tags,
}

/// An import's text fields in one string (one allocation a row, whatever their number).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportTexts {
    text: String,
    ends: [u32; IMPORT_TEXTS],
}

/// Fills an [`ImportTexts`] in [`ImportText`] order.
pub struct ImportTextsBuilder {
    t: ImportTexts,
    n: usize,
}

impl ImportTexts {
    pub fn builder() -> ImportTextsBuilder {
        ImportTextsBuilder {
            t: ImportTexts::default(),
            n: 0,
        }
    }

    pub fn get(&self, f: ImportText) -> &str {
        let i = f as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize).unwrap_or("")
    }
}

impl ImportTextsBuilder {
    /// Room for `n` more bytes of text.
    pub fn reserve(&mut self, n: usize) {
        self.t.text.reserve(n);
    }

    /// The next field's text.
    pub fn push(&mut self, s: &str) {
        if self.n < IMPORT_TEXTS {
            self.t.text.push_str(s);
            self.t.ends[self.n] = self.t.text.len() as u32;
            self.n += 1;
        }
    }

    pub fn finish(mut self) -> ImportTexts {
        let end = self.t.text.len() as u32;
        for e in &mut self.t.ends[self.n..] {
            *e = end;
        }
        self.t
    }
}

/// The fields an ACLED or UCDP row carries beyond the common ones, kept as the export wrote
/// them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportFields {
    /// The text fields: event id, types, actors, sources, places, tags.
    pub texts: ImportTexts,
    pub inter1: Option<u8>,
    pub inter2: Option<u8>,
    pub interaction: Option<u16>,
    /// ACLED fatalities; UCDP best estimate.
    pub fatalities: Option<i64>,
    pub fatalities_low: Option<i64>,
    pub fatalities_high: Option<i64>,
    /// ACLED time_precision 1–3.
    pub time_precision: Option<u8>,
    /// UCDP date_prec 1–5.
    pub date_prec: Option<u8>,
    /// ACLED timestamp (Unix seconds) of the row's last change.
    pub timestamp: Option<i64>,
}

impl ImportFields {
    pub fn text(&self, f: ImportText) -> &str {
        self.texts.get(f)
    }
}

/// One event as a source states it, before validation: plain values, each located.
#[derive(Debug, Clone)]
pub struct EventDraft {
    pub source: Arc<Source>,
    /// Where the event starts in its file (its `[[event]]` table, its row).
    pub origin: Location,
    pub id: At<String>,
    pub kind: At<String>,
    pub status: Option<At<String>>,
    pub date: At<DateDraft>,
    pub date_precision: Option<At<String>>,
    pub date_end: Option<At<String>>,
    pub date_note: Option<String>,
    pub actors: Vec<At<ActorDraft>>,
    /// What a strike, raid or attack was aimed at: an actor id or a site id.
    pub target: Option<At<String>>,
    pub at: Option<At<PlaceDraft>>,
    pub from: Option<At<PlaceDraft>>,
    pub via: Vec<At<PlaceDraft>>,
    pub to: Option<At<PlaceDraft>>,
    pub place: String,
    pub geo_precision: Option<At<i64>>,
    pub where_prec: Option<At<i64>>,
    pub credibility: Option<At<i64>>,
    pub quote: Option<At<String>>,
    pub notes: String,
    pub import: Option<Box<ImportFields>>,
}

/// What an event was aimed at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Actor(String),
    Site(String),
}

/// A validated event: every value checked, nothing borrowed.
#[derive(Debug, Clone)]
pub struct Event {
    /// Unique within its source.
    pub id: String,
    pub source: Arc<Source>,
    pub kind: EventKind,
    pub status: Status,
    pub period: Period,
    pub date_note: Option<String>,
    pub actors: Vec<ActorRef>,
    pub target: Option<Target>,
    pub at: Option<PlaceRef>,
    pub from: Option<PlaceRef>,
    pub via: Vec<PlaceRef>,
    pub to: Option<PlaceRef>,
    /// The place as the source words it.
    pub place: String,
    /// ACLED geo_precision 1–3.
    pub geo_precision: u8,
    /// UCDP where_prec 1–7.
    pub where_prec: u8,
    /// Admiralty information credibility 1–6.
    pub credibility: u8,
    pub quote: String,
    pub notes: String,
    pub import: Option<Box<ImportFields>>,
    pub origin: Location,
}

impl Event {
    /// `source id/event id`, unique across sources.
    pub fn uid(&self) -> String {
        format!("{}/{}", self.source.id, self.id)
    }

    /// A movement has a route (`from` … `to`); anything else is located `at` one place.
    pub fn is_movement(&self) -> bool {
        self.from.is_some()
    }

    /// The Admiralty grading, e.g. `B2`.
    pub fn grading(&self) -> String {
        format!("{}{}", self.source.reliability, self.credibility)
    }

    /// Registry ids of the known actors.
    pub fn actor_ids(&self) -> impl Iterator<Item = &str> {
        self.actors.iter().filter_map(ActorRef::id)
    }
}

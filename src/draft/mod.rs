//! Drafting a report from an article's text: places, actors, dates and events, every one
//! traced to its words.
//!
//! The drafter is rules over the gazetteer and the actor registry, nothing opaque: each line
//! of the article is told from page furniture ([`text`]), cut into sentences and words; each
//! sentence's actor names ([`parties`]), place names ([`places`]) and dates ([`when`]) are
//! found with their byte spans, and the words that report an action or a movement become
//! drafted events ([`events`]). A draft then becomes a report ([`write`]): TOML that
//! `bordermap check` accepts, every value marked for review, or one JSON object whose events
//! went through the same validator and resolver as any report's.

pub mod events;
pub mod parties;
pub mod places;
pub mod text;
pub mod when;
pub mod write;

use std::sync::Arc;

use chrono::NaiveDate;

use crate::actors::Actors;
use crate::border::Border;
use crate::dates::{DatePrecision, Period};
use crate::event::{EventKind, Status};
use crate::gazetteer::{Gazetteer, Site, SiteKind, SiteRef};

use parties::{ActorHit, ActorIndex};
use places::{PlaceFinder, PlaceHit, SentenceCtx};
use text::{Furniture, Sentence, Words};
use when::DateHit;

/// What the user says about the article (flags override its front matter).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub published: Option<NaiveDate>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// Where the article's source facts came from.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub publisher: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// How the publication date was found (or why it is missing).
    pub published_note: String,
    /// Byte offset where the article begins (after any front matter).
    pub body_start: usize,
}

/// A place mention, resolved or not.
#[derive(Debug, Clone)]
pub struct PlaceMention {
    pub hit: PlaceHit,
    /// The line is furniture (caption, link...): a mention, but no event's place.
    pub furniture: bool,
}

impl PlaceMention {
    /// The site meant, when there is one.
    pub fn site<'g>(&self, g: &'g Gazetteer) -> Option<std::borrow::Cow<'g, Site>> {
        g.site(self.hit.site?)
    }
}

/// An actor mention.
#[derive(Debug, Clone)]
pub struct ActorMention {
    pub hit: ActorHit,
}

/// A drafted event: the values a report's `[[event]]` takes, with where they came from.
#[derive(Debug, Clone)]
pub struct DraftEvent {
    pub id: String,
    pub kind: EventKind,
    pub status: Status,
    /// `None` when neither the sentence nor the article gives a date: the event is drafted
    /// but cannot be checked or mapped until the reviewer dates it.
    pub period: Option<Period>,
    pub date_note: String,
    /// The date was taken from the publication, not from the sentence.
    pub date_assumed: bool,
    pub actors: Vec<String>,
    pub target: Option<String>,
    pub at: Option<String>,
    pub from: Option<String>,
    pub via: Vec<String>,
    pub to: Option<String>,
    /// The place as worded.
    pub place: String,
    pub geo_precision: u8,
    pub where_prec: u8,
    pub credibility: u8,
    /// The sentence, word for word.
    pub quote: String,
    pub sentence_start: usize,
    pub sentence_end: usize,
    /// Notes for the reviewer: the trigger, the status cue, doubtful picks.
    pub notes: Vec<String>,
}

/// Everything drafted from one article.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The input, whole (the spans are byte offsets into it).
    pub input: String,
    pub source: SourceInfo,
    pub places: Vec<PlaceMention>,
    pub actors: Vec<ActorMention>,
    pub dates: Vec<DateHit>,
    pub unresolved: Vec<places::Unresolved>,
    pub events: Vec<DraftEvent>,
    /// GeoNames places the events use: a report must bring them as its own sites.
    pub brought_sites: Vec<Arc<Site>>,
    /// What the reviewer should know about the whole draft.
    pub notes: Vec<String>,
}

/// The drafter: the gazetteer, the registry and the border, with the indexes built once.
pub struct Drafter<'a> {
    pub gazetteer: &'a Gazetteer,
    pub actors: &'a Actors,
    pub border: &'a Border,
    index: ActorIndex,
    finder: PlaceFinder<'a>,
}

/// The day the Syrian regime fell: generic "Syrian forces" after it are the new government's.
fn regime_fell() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 8).unwrap_or_default()
}

/// Longest input the drafter reads, in bytes.
pub const MAX_INPUT: usize = 128 * 1024 * 1024;

impl<'a> Drafter<'a> {
    pub fn new(gazetteer: &'a Gazetteer, actors: &'a Actors, border: &'a Border) -> Self {
        Drafter {
            gazetteer,
            actors,
            border,
            index: ActorIndex::new(actors),
            finder: PlaceFinder::new(gazetteer, border),
        }
    }

    /// Drafts one article (`input` is the whole file, front matter included; byte offsets in
    /// the draft are into it).
    pub fn draft(&self, input: &str, meta: &Meta) -> Draft {
        let (fm, body_start) = text::front_matter(input);
        let mut notes = Vec::new();
        // the source: flags, then the front matter, then the text
        let mut source = SourceInfo {
            publisher: meta.publisher.clone().or(fm.publisher.clone()),
            title: meta.title.clone().or(fm.title.clone()),
            url: meta.url.clone().or(fm.url.clone()),
            published: meta.published,
            published_note: String::new(),
            body_start,
        };
        if source.published.is_some() {
            source.published_note = "given with --published".into();
        } else if let Some(p) = &fm.published {
            match crate::validate::published_date(p.trim()) {
                Ok(d) => {
                    source.published = Some(d);
                    source.published_note = "from the front matter".into();
                }
                Err(m) => notes.push(format!("front matter: {m}; looked for a date in the text")),
            }
        }
        if source.published.is_none() {
            if let Some((d, words)) = when::dateline_date(input, body_start) {
                source.published = Some(d);
                source.published_note =
                    format!("not given: read from the page's date line '{words}'; check it");
            } else if let Some((d, DatePrecision::Day)) =
                source.url.as_deref().and_then(when::url_date)
            {
                source.published = Some(d);
                source.published_note = "not given: read from the date in the URL; check it".into();
            } else {
                source.published_note = "not given and no date line found: relative dates (\"on Thursday\") are left unresolved".into();
                notes.push(source.published_note.clone());
            }
        }
        // without a publication date: the URL's month, else the latest date the text names,
        // gives year-less dates their year and undated events a period to review
        let mut undated: Option<(Period, String)> = None;
        if source.published.is_none() {
            if let Some((d, DatePrecision::Month)) = source.url.as_deref().and_then(when::url_date)
            {
                if let Some(p) = crate::dates::parse_iso(&d.format("%Y-%m").to_string()).ok() {
                    undated = Some((p, format!("the month in the URL, {}", d.format("%Y-%m"))));
                }
            }
            if let Some((p, how)) = &undated {
                notes.push(format!(
                    "undated events are coded to {} .. {} ({how}): check them",
                    p.start, p.end
                ));
            }
        }
        let anchor = when::Anchor {
            published: source.published,
            year: undated
                .as_ref()
                .map(|(p, how)| (chrono::Datelike::year(&p.start), how.clone())),
        };
        if source.title.is_none() {
            // the first line of the article, when it reads like a headline
            let first = input
                .get(body_start..)
                .unwrap_or("")
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty());
            if let Some(l) = first {
                if l.chars().count() <= 200 && !l.ends_with('.') {
                    source.title = Some(l.to_string());
                }
            }
        }
        let lines = text::lines(input, body_start);
        let lower_sample = input.get(body_start..).unwrap_or("");
        let isis = [
            "ISIS",
            "ISIL",
            "Islamic State",
            "Daesh",
            "IS militants",
            "IS fighters",
        ]
        .iter()
        .any(|k| memchr::memmem::find(lower_sample.as_bytes(), k.as_bytes()).is_some());
        let dominant = dominant_country(lower_sample);
        let published = source.published;
        let finder = &self.finder;
        let mut out = Draft {
            input: input.to_string(),
            source,
            places: Vec::new(),
            actors: Vec::new(),
            dates: Vec::new(),
            unresolved: Vec::new(),
            events: Vec::new(),
            brought_sites: Vec::new(),
            notes,
        };
        let mut sentences: Vec<Sentence> = Vec::new();
        let mut words = Words::default();
        let mut last_actors: Vec<String> = Vec::new();
        let mut recent: Vec<(SiteRef, SiteKind)> = Vec::new();
        let mut carry: Vec<SiteRef> = Vec::new();
        let mut topic_counts: std::collections::BTreeMap<SiteRef, u32> = Default::default();
        let mut ids = std::collections::HashMap::<String, usize>::new();
        let mut seen_sentences = rustc_hash::FxHashSet::<u64>::default();
        // what each line found, by its text: a line printed again (a caption, a whole article
        // twice) has the same mentions, shifted
        let mut found_in: rustc_hash::FxHashMap<&str, (usize, [usize; 8])> = Default::default();
        for line in lines.iter() {
            if matches!(line.furniture, Furniture::Code | Furniture::Comments) {
                continue;
            }
            let line_text = &input[line.start..line.end];
            if line.furniture == Furniture::Repeat {
                if let Some(&(at, r)) = found_in.get(line_text) {
                    let shift = |x: usize| x - at + line.start;
                    for k in r[0]..r[1] {
                        let mut p = out.places[k].clone();
                        (p.hit.start, p.hit.end) = (shift(p.hit.start), shift(p.hit.end));
                        out.places.push(p);
                    }
                    for k in r[2]..r[3] {
                        let mut a = out.actors[k].clone();
                        (a.hit.start, a.hit.end) = (shift(a.hit.start), shift(a.hit.end));
                        out.actors.push(a);
                    }
                    for k in r[4]..r[5] {
                        let mut d = out.dates[k].clone();
                        (d.start, d.end) = (shift(d.start), shift(d.end));
                        out.dates.push(d);
                    }
                    for k in r[6]..r[7] {
                        let mut u = out.unresolved[k].clone();
                        (u.start, u.end) = (shift(u.start), shift(u.end));
                        out.unresolved.push(u);
                    }
                    continue;
                }
            }
            let before = [
                out.places.len(),
                out.actors.len(),
                out.dates.len(),
                out.unresolved.len(),
            ];
            sentences.clear();
            text::sentences(input, line.start, line.end, &mut sentences);
            let mut para_date: Option<Period> = None;
            let mut para_date_note = String::new();
            for (si, s) in sentences.iter().enumerate() {
                text::words(input, s.start, s.end, &mut words);
                if words.is_empty() {
                    continue;
                }
                // dates
                let d0 = out.dates.len();
                when::find(&words, &anchor, &mut out.dates);
                let date_spans: Vec<(usize, usize)> =
                    out.dates[d0..].iter().map(|d| (d.w0, d.w1)).collect();
                // actors (generic ones resolved once the sentence's country is known)
                let sentence_day = out.dates[d0..]
                    .iter()
                    .find_map(|d| d.period.map(|p| p.start))
                    .or(published);
                let after_fall = sentence_day.is_some_and(|d| d >= regime_fell());
                let mut ahits = Vec::new();
                self.index.find(&words, None, after_fall, isis, &mut ahits);
                // a country that opens a generic phrase ("Iraq's air force") stays a place
                let actor_spans: Vec<(usize, usize)> = ahits
                    .iter()
                    .filter(|a| !a.metonym)
                    .map(|a| {
                        let own = a.generic && places::country_code(words.f(a.w0)).is_some();
                        (if own { a.w0 + 1 } else { a.w0 }, a.w1)
                    })
                    .collect();
                // places
                let mut phits = Vec::new();
                let ctx = SentenceCtx {
                    text: input,
                    words: &words,
                    actor_spans: &actor_spans,
                    date_spans: &date_spans,
                };
                let mut unres = Vec::new();
                finder.find(&ctx, &mut phits, &mut unres);
                // the sentence's country decides generic actors
                let country = sentence_country(self.gazetteer, &phits).or(dominant);
                if country.is_some() && ahits.iter().any(|a| a.generic && a.actor.is_none()) {
                    ahits.clear();
                    self.index
                        .find(&words, country, after_fall, isis, &mut ahits);
                }
                let furniture = line.furniture != Furniture::No;
                // "the crossing", "the town": the place of that kind named last
                let mut anaphors = Vec::new();
                places::anaphors(self.gazetteer, &words, &phits, &recent, &mut anaphors);
                // a dateline's places: "AL-QAIM, Iraq (Levant Wire) –"
                let dateline_until = if si == 0 {
                    dateline_end(input, &words)
                } else {
                    0
                };
                for h in &phits {
                    if let Some(r) = h.site {
                        if let Some(k) = self.gazetteer.site(r).map(|s| s.kind) {
                            if !furniture && h.w0 >= dateline_until {
                                if recent.len() >= 256 {
                                    recent.drain(..128);
                                }
                                recent.push((r, k));
                                if k.is_point() {
                                    *topic_counts.entry(r).or_insert(0) += 1;
                                }
                            }
                        }
                    }
                }
                let mut all_places = phits;
                if !anaphors.is_empty() {
                    all_places.extend(anaphors);
                    all_places.sort_by_key(|h| h.w0);
                }
                out.unresolved.extend(unres);
                // events: article sentences only, once each
                let s_text = &input[s.start..s.end];
                let fresh = seen_sentences.insert(text::line_hash(s_text));
                let headline =
                    line.first && !s_text.trim_end().ends_with(['.', '!', '?', '"', '”']);
                if !furniture && fresh && !headline {
                    // the place of the sentence before, for a sentence that names none; else
                    // the place the article has named most so far (its subject)
                    let topic = topic_counts
                        .iter()
                        .max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r)))
                        .filter(|(_, n)| **n >= 2)
                        .map(|(r, _)| *r);
                    let carried: Vec<SiteRef> = if carry.is_empty() {
                        topic.into_iter().collect()
                    } else {
                        carry.clone()
                    };
                    for &r in carried.iter().take(1) {
                        all_places.push(PlaceHit {
                            start: s.start,
                            end: s.start,
                            w0: events::CARRIED,
                            w1: events::CARRIED,
                            site: Some(r),
                            candidates: Vec::new(),
                            confidence: 0.55,
                            near: true,
                            why: Some(
                                "no place in the sentence: the place of the sentence before".into(),
                            ),
                            anaphor: true,
                        });
                    }
                    let kinds: Vec<Option<SiteKind>> = all_places
                        .iter()
                        .map(|h| {
                            h.site.map(|r| match r {
                                SiteRef::Listed(_) => {
                                    self.gazetteer.site(r).map_or(SiteKind::Town, |s| s.kind)
                                }
                                SiteRef::GeoNames(_) => SiteKind::Town,
                            })
                        })
                        .collect();
                    let inp = events::Input {
                        words: &words,
                        places: &all_places,
                        kinds: &kinds,
                        dateline_until,
                        actors: &ahits,
                        dates: &out.dates[d0..],
                    };
                    let mut drafted = Vec::new();
                    events::find(&inp, &mut drafted);
                    // what the next sentence may carry over: this one's events' places, else
                    // its last place that is no country
                    let used: Vec<SiteRef> = drafted
                        .iter()
                        .filter_map(|d| d.at.or(d.to))
                        .filter_map(|k| all_places.get(k))
                        .filter(|h| h.w0 != events::CARRIED)
                        .filter_map(|h| h.site)
                        .collect();
                    carry = if !used.is_empty() {
                        used
                    } else {
                        all_places
                            .iter()
                            .rev()
                            .filter(|h| !h.anaphor && h.w0 >= dateline_until)
                            .filter_map(|h| h.site)
                            .filter(|r| {
                                self.gazetteer
                                    .site(*r)
                                    .is_some_and(|x| x.kind != SiteKind::Country)
                            })
                            .take(1)
                            .collect()
                    };
                    for d in drafted {
                        if let Some(e) = self.event(
                            input,
                            s,
                            &words,
                            &all_places,
                            &out.dates[d0..],
                            d,
                            published,
                            undated.as_ref(),
                            para_date.as_ref().map(|p| (p, para_date_note.as_str())),
                            &mut last_actors,
                            &mut ids,
                            &mut out.brought_sites,
                        ) {
                            out.events.push(e);
                        }
                    }
                    // coreference: the sentence's actors stand for "they" in the next ones
                    // (its subject: the first actor it names)
                    if let Some(first) = ahits.iter().find_map(|a| a.actor.clone()) {
                        last_actors = vec![first];
                    }
                }
                // the mentions, moved into the draft once the events are drafted
                out.places.extend(
                    all_places
                        .into_iter()
                        .filter(|h| !h.anaphor)
                        .map(|hit| PlaceMention { hit, furniture }),
                );
                out.actors
                    .extend(ahits.into_iter().map(|hit| ActorMention { hit }));
                if let Some(d) = out.dates[d0..].iter().rev().find(|d| d.period.is_some()) {
                    para_date = d.period;
                    para_date_note = input[d.start..d.end].to_string();
                }
            }
            if line.end - line.start >= 20 {
                found_in.entry(line_text).or_insert((
                    line.start,
                    [
                        before[0],
                        out.places.len(),
                        before[1],
                        out.actors.len(),
                        before[2],
                        out.dates.len(),
                        before[3],
                        out.unresolved.len(),
                    ],
                ));
            }
        }
        // no publication date and no month in the URL: the latest date the text names (the
        // article is no older) dates the undated events and the year-less dates, for review
        if out.source.published.is_none() && undated.is_none() {
            let latest = out
                .dates
                .iter()
                .filter(|h| h.note.is_empty())
                .filter_map(|h| h.period.map(|p| p.end))
                .max();
            if let Some(l) = latest {
                let year = chrono::Datelike::year(&l);
                if let Ok(y) = crate::dates::parse_iso(&year.to_string()) {
                    let p = Period { start: l, ..y };
                    let how =
                        format!("the latest date the text names, {l}, to the end of that year");
                    for e in out.events.iter_mut().filter(|e| e.period.is_none()) {
                        e.period = Some(p);
                        e.date_note = format!(
                            "no date in the sentence and no publication date: {how}; check it"
                        );
                    }
                    let input_ref = &out.input;
                    for h in out.dates.iter_mut().filter(|h| h.period.is_none()) {
                        if let Some((p, note)) =
                            when::complete_yearless(&input_ref[h.start..h.end], year, &how)
                        {
                            h.period = Some(p);
                            h.note = note;
                        }
                    }
                    out.notes.push(format!(
                        "undated events are coded to {} .. {} ({how}): check them",
                        p.start, p.end
                    ));
                }
            }
        }
        out.brought_sites.sort_by(|a, b| a.id.cmp(&b.id));
        out.brought_sites.dedup_by(|a, b| a.id == b.id);
        out
    }

    /// Turns a drafted event into a report event's values.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        input: &str,
        s: &Sentence,
        words: &Words,
        phits: &[PlaceHit],
        dates: &[DateHit],
        d: events::Drafted,
        published: Option<NaiveDate>,
        undated: Option<&(Period, String)>,
        para_date: Option<(&Period, &str)>,
        last_actors: &mut Vec<String>,
        ids: &mut std::collections::HashMap<String, usize>,
        brought: &mut Vec<Arc<Site>>,
    ) -> Option<DraftEvent> {
        let mut notes = Vec::new();
        notes.push(format!(
            "drafted from '{}'{}",
            d.trigger,
            d.cue
                .as_ref()
                .map(|c| format!(", status from '{c}'"))
                .unwrap_or_default()
        ));
        let site_id = |k: usize, brought: &mut Vec<Arc<Site>>| -> Option<String> {
            let r = phits.get(k)?.site?;
            let s = self.gazetteer.site_arc(r)?;
            if matches!(r, SiteRef::GeoNames(_)) {
                brought.push(Arc::clone(&s));
            }
            Some(s.id.clone())
        };
        let at = d.at.and_then(|k| site_id(k, brought));
        let from = d.from.and_then(|k| site_id(k, brought));
        let to = d.to.and_then(|k| site_id(k, brought));
        let via: Vec<String> = d.via.iter().filter_map(|&k| site_id(k, brought)).collect();
        if at.is_none() && (from.is_none() || to.is_none()) {
            return None;
        }
        // the place as worded, and how precise it is
        let used: Vec<usize> =
            d.at.iter()
                .chain(d.from.iter())
                .chain(d.via.iter())
                .chain(d.to.iter())
                .copied()
                .collect();
        let place = used
            .iter()
            .map(|&k| worded(input, words, &phits[k]))
            .collect::<Vec<_>>()
            .join(" ... ");
        let mut geo = 1u8;
        let mut wp = 1u8;
        for &k in &used {
            let h = &phits[k];
            let kind = h
                .site
                .and_then(|r| self.gazetteer.site(r).map(|s| s.kind))
                .unwrap_or(SiteKind::Village);
            let (g, w) = precision_of(kind, h.near);
            geo = geo.max(g);
            wp = wp.max(w);
            if h.confidence < 0.85 {
                let name = h
                    .site
                    .and_then(|r| self.gazetteer.site(r))
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                notes.push(format!(
                    "check the place: '{}' read as {name}{}",
                    &input[h.start..h.end],
                    h.why
                        .as_ref()
                        .map(|w| format!(" ({w})"))
                        .unwrap_or_default()
                ));
            }
        }
        // actors
        let mut actors = d.actors.clone();
        if actors.is_empty() && !last_actors.is_empty() {
            actors = last_actors.clone();
            notes
                .push("no actor in the sentence: taken from the sentence before; check who".into());
        }
        if actors.is_empty() {
            actors.push("unidentified-armed-group".into());
            notes.push("no actor named: unidentified; check who".into());
        }
        actors.retain(|a| self.actors.get(a).is_some());
        if actors.is_empty() {
            return None;
        }
        // the date
        let (period, date_note, assumed) = match d
            .date
            .and_then(|k| dates.get(k))
            .and_then(|h| h.period.map(|p| (p, h)))
        {
            Some((p, h)) => {
                let words = &input[h.start..h.end];
                let note = if h.note.is_empty() {
                    format!("'{words}' in the sentence")
                } else {
                    h.note.clone()
                };
                (Some(p), note, false)
            }
            None => match (para_date, published) {
                (Some((p, w)), _)
                    if d.status == Status::Reported || p.start >= published.unwrap_or(p.start) =>
                {
                    (
                        Some(*p),
                        format!(
                            "no date in the sentence: '{w}' from the sentence before; check it"
                        ),
                        true,
                    )
                }
                (_, Some(pd)) => {
                    if d.status.may_be_future() {
                        let p = Period {
                            start: pd,
                            end: pd + chrono::Duration::days(6),
                            precision: DatePrecision::Week,
                        };
                        (Some(p), "no date in the sentence: the week from publication, as announced; check it".into(), true)
                    } else {
                        let p = Period {
                            start: pd - chrono::Duration::days(6),
                            end: pd,
                            precision: DatePrecision::Week,
                        };
                        (
                            Some(p),
                            "no date in the sentence: the week up to publication; check it".into(),
                            true,
                        )
                    }
                }
                _ => match undated {
                    Some((p, how)) => (
                        Some(*p),
                        format!("no date in the sentence and no publication date: {how}; check it"),
                        true,
                    ),
                    None => (
                        None,
                        "no date: neither the sentence nor the article gives one; give the date (or --published) to check and map it".into(),
                        true,
                    ),
                },
            },
        };
        // a reported event cannot lie after publication; a plan may
        let mut status = d.status;
        if let (Some(pd), Some(period)) = (published, period) {
            if period.start > pd && status == Status::Reported {
                status = Status::Planned;
                notes.push("dated after publication: drafted as planned".into());
            }
        }
        let kind = d.kind;
        // the id: kind and first place
        let base_place = at.clone().or(to.clone()).unwrap_or_default();
        let base = slug(&format!("{}-{}", kind.as_str(), base_place));
        let n = ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let quote = input[s.start..s.end].to_string();
        if d.status == Status::Reported && d.cue.is_none() {
            // nothing to note
        }
        Some(DraftEvent {
            id,
            kind,
            status,
            period,
            date_note,
            date_assumed: assumed,
            actors,
            target: d.target.filter(|t| self.actors.get(t).is_some()),
            at,
            from,
            via,
            to,
            place,
            geo_precision: geo,
            where_prec: wp,
            credibility: 3,
            quote,
            sentence_start: s.start,
            sentence_end: s.end,
            notes,
        })
    }
}

/// The place as the sentence words it, with "near" or "the outskirts of" when written.
fn worded(input: &str, words: &Words, h: &PlaceHit) -> String {
    if h.w0 == events::CARRIED {
        return "(not named in the sentence: the place of the sentence before)".into();
    }
    let mut start = h.start;
    if h.near && h.w0 > 0 {
        // take the widening words along: "near Albukamal", "the outskirts of Al-Busayrah"
        let mut k = h.w0;
        let mut steps = 0;
        while k > 0 && steps < 3 {
            let f = words.f(k - 1);
            if matches!(
                f,
                "near"
                    | "around"
                    | "outside"
                    | "of"
                    | "outskirts"
                    | "the"
                    | "countryside"
                    | "vicinity"
            ) {
                k -= 1;
                steps += 1;
                start = words.words[k].start;
                if matches!(f, "near" | "around" | "outside") {
                    break;
                }
            } else {
                break;
            }
        }
    }
    input[start..h.end].to_string()
}

/// ACLED geo_precision and UCDP where_prec for a place of this kind.
fn precision_of(kind: SiteKind, near: bool) -> (u8, u8) {
    let (g, w) = match kind {
        SiteKind::City | SiteKind::Town | SiteKind::Village => (1, 1),
        SiteKind::Crossing | SiteKind::Base | SiteKind::Airfield | SiteKind::Facility => (1, 1),
        SiteKind::OilField | SiteKind::GasField => (2, 2),
        SiteKind::District => (2, 3),
        SiteKind::Province => (3, 4),
        SiteKind::Region | SiteKind::Border | SiteKind::River => (3, 5),
        SiteKind::Country => (3, 6),
    };
    if near && g == 1 {
        (2, 2)
    } else {
        (g, w)
    }
}

/// A slug for ids: lowercase ASCII letters, digits and hyphens.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
        if out.len() >= 60 {
            break;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("event");
    }
    out
}

/// The country most of a sentence's places lie in (areas and borders aside).
fn sentence_country(g: &Gazetteer, hits: &[PlaceHit]) -> Option<&'static str> {
    let mut iq = 0;
    let mut sy = 0;
    for h in hits {
        let Some(s) = h.site.and_then(|r| g.site(r)) else {
            continue;
        };
        if matches!(s.kind, SiteKind::Border | SiteKind::Region) {
            continue;
        }
        match s.country.as_str() {
            "IQ" => iq += 1,
            "SY" => sy += 1,
            _ => {}
        }
    }
    match iq.cmp(&sy) {
        std::cmp::Ordering::Greater => Some("IQ"),
        std::cmp::Ordering::Less => Some("SY"),
        std::cmp::Ordering::Equal => None,
    }
}

/// The country an article is mostly about, by how often it names Iraq and Syria.
fn dominant_country(body: &str) -> Option<&'static str> {
    let count = |pat: &str| memchr::memmem::find_iter(body.as_bytes(), pat.as_bytes()).count();
    let iq = count("Iraq") + count("Anbar") + count("Baghdad");
    let sy = count("Syria") + count("Deir") + count("Damascus");
    if iq > sy * 3 / 2 {
        Some("IQ")
    } else if sy > iq * 3 / 2 {
        Some("SY")
    } else {
        None
    }
}

/// Where a dateline ends in a paragraph's first sentence ("AL-QAIM, Iraq (Levant Wire) –",
/// "BEIRUT (Reuters) -", "DEIR EZZOR —"): the words before it are no event's place. 0 when
/// there is none.
fn dateline_end(input: &str, w: &Words) -> usize {
    let n = w.len();
    if n < 2 || !w.words[0].caps {
        return 0;
    }
    let mut k = 0;
    while k < n && k < 8 {
        let gap_after = if k + 1 < n {
            &input[w.words[k].end..w.words[k + 1].start]
        } else {
            ""
        };
        if gap_after.contains(['—', '–', ':'])
            || gap_after.contains(" - ")
            || gap_after.contains(" -")
        {
            return k + 1;
        }
        k += 1;
    }
    0
}

/// A short description of a candidate, for the reviewer.
pub fn describe_match(g: &Gazetteer, m: &places::Candidate) -> Option<String> {
    let s = g.site(m.site)?;
    Some(format!(
        "{} ({}, {} {}, confidence {:.2})",
        s.id,
        s.name,
        s.kind.as_str(),
        s.country,
        m.confidence
    ))
}

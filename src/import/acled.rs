//! ACLED rows as event drafts.
//!
//! - `event_type` / `sub_event_type` give the kind through [`KINDS`] (documented in
//!   `docs/FORMATS.md`);
//! - `event_date` (`2024-12-07`, or `07 December 2024` in older exports) with
//!   `time_precision` gives the period: 1 the day; 2 the week around it (ACLED codes a week to
//!   its middle day); 3 the month;
//! - `latitude` / `longitude` the place, `geo_precision` its uncertainty (1 the town, 2 near
//!   it, 3 only the region);
//! - `actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2` the actors;
//! - `notes` the supporting text; every other column is kept in [`ImportFields`].

use chrono::{Datelike, Duration, NaiveDate};

use super::csvread::Row;
use super::{number, RowContext};
use crate::dates::{parse_iso, parse_written, DatePrecision, Period};
use crate::error::Diagnostic;
use crate::event::{At, DateDraft, EventDraft, EventKind, ImportFields, PlaceDraft};

columns!(
    EVENT_ID = "event_id_cnty",
    EVENT_DATE = "event_date",
    TIME_PRECISION = "time_precision",
    EVENT_TYPE = "event_type",
    SUB_EVENT_TYPE = "sub_event_type",
    ACTOR1 = "actor1",
    ASSOC_ACTOR_1 = "assoc_actor_1",
    INTER1 = "inter1",
    ACTOR2 = "actor2",
    ASSOC_ACTOR_2 = "assoc_actor_2",
    INTER2 = "inter2",
    INTERACTION = "interaction",
    CIVILIAN_TARGETING = "civilian_targeting",
    COUNTRY = "country",
    ADMIN1 = "admin1",
    ADMIN2 = "admin2",
    ADMIN3 = "admin3",
    LOCATION = "location",
    LATITUDE = "latitude",
    LONGITUDE = "longitude",
    GEO_PRECISION = "geo_precision",
    SOURCE = "source",
    SOURCE_SCALE = "source_scale",
    NOTES = "notes",
    FATALITIES = "fatalities",
    TAGS = "tags",
    TIMESTAMP = "timestamp",
);

/// ACLED event and sub-event types, and the kind each becomes.
pub const KINDS: &[(&str, &str, EventKind)] = &[
    ("Battles", "Armed clash", EventKind::Clash),
    (
        "Battles",
        "Government regains territory",
        EventKind::ControlChange,
    ),
    (
        "Battles",
        "Non-state actor overtakes territory",
        EventKind::ControlChange,
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        EventKind::Strike,
    ),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        EventKind::Strike,
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        EventKind::Strike,
    ),
    (
        "Explosions/Remote violence",
        "Chemical weapon",
        EventKind::Strike,
    ),
    (
        "Explosions/Remote violence",
        "Suicide bomb",
        EventKind::Attack,
    ),
    ("Explosions/Remote violence", "Grenade", EventKind::Attack),
    ("Violence against civilians", "Attack", EventKind::Attack),
    (
        "Violence against civilians",
        "Sexual violence",
        EventKind::Attack,
    ),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
        EventKind::Arrest,
    ),
    ("Protests", "Peaceful protest", EventKind::Protest),
    ("Protests", "Protest with intervention", EventKind::Protest),
    (
        "Protests",
        "Excessive force against protesters",
        EventKind::Protest,
    ),
    ("Riots", "Violent demonstration", EventKind::Protest),
    ("Riots", "Mob violence", EventKind::Attack),
    ("Strategic developments", "Agreement", EventKind::Meeting),
    ("Strategic developments", "Arrests", EventKind::Arrest),
    (
        "Strategic developments",
        "Change to group/activity",
        EventKind::Deployment,
    ),
    (
        "Strategic developments",
        "Disrupted weapons use",
        EventKind::Raid,
    ),
    (
        "Strategic developments",
        "Headquarters or base established",
        EventKind::Presence,
    ),
    (
        "Strategic developments",
        "Looting/property destruction",
        EventKind::Attack,
    ),
    (
        "Strategic developments",
        "Non-violent transfer of territory",
        EventKind::ControlChange,
    ),
    ("Strategic developments", "Other", EventKind::Other),
];

/// The kind of an event type with a sub-event type ACLED may add later.
const BY_TYPE: &[(&str, EventKind)] = &[
    ("Battles", EventKind::Clash),
    ("Explosions/Remote violence", EventKind::Strike),
    ("Violence against civilians", EventKind::Attack),
    ("Protests", EventKind::Protest),
    ("Riots", EventKind::Protest),
    ("Strategic developments", EventKind::Other),
];

/// Whether two texts have the same words (case and spacing aside).
fn same_words(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
            _ => return false,
        }
    }
}

/// The kind of an ACLED event/sub-event type pair (case and spacing aside).
pub fn kind_of(event_type: &str, sub: &str) -> Option<EventKind> {
    // as ACLED writes them, first: one comparison of bytes each
    if let Some(k) = KINDS
        .iter()
        .find(|(a, b, _)| a.eq_ignore_ascii_case(event_type) && b.eq_ignore_ascii_case(sub))
    {
        return Some(k.2);
    }
    KINDS
        .iter()
        .find(|(a, b, _)| same_words(a, event_type) && same_words(b, sub))
        .map(|x| x.2)
        .or_else(|| {
            BY_TYPE
                .iter()
                .find(|(a, _)| same_words(a, event_type))
                .map(|x| x.1)
        })
}

/// An inter code written as a number or as ACLED's words.
pub fn inter_code(v: &str) -> Option<u8> {
    let v = v.trim();
    if let Ok(n) = v.parse::<u8>() {
        return (1..=8).contains(&n).then_some(n);
    }
    let l = v.to_ascii_lowercase();
    let l = l.trim_end_matches('s');
    Some(match l {
        "state force" => 1,
        "rebel group" | "rebel" => 2,
        "political militia" => 3,
        "identity militia" => 4,
        "rioter" => 5,
        "protester" => 6,
        "civilian" => 7,
        "external/other force" | "external force" | "other force" => 8,
        _ => return None,
    })
}

/// A row's date: ISO or written, a whole day.
pub fn row_day(v: &str) -> Result<NaiveDate, String> {
    let v = v.trim();
    // a date and time ("2024-12-07 00:00:00.000"): the date; `get` keeps a non-ASCII byte
    // at position 10 from splitting a character
    let day = if let Some(d) = v
        .get(..10)
        .filter(|_| v.len() > 10 && v.as_bytes()[4] == b'-')
    {
        parse_iso(d)
    } else if v.len() == 10 && v.as_bytes()[4] == b'-' {
        parse_iso(v)
    } else {
        match parse_written(v) {
            Some(r) => r,
            None => parse_iso(v),
        }
    };
    match day {
        Ok(p) if p.precision == DatePrecision::Day => Ok(p.start),
        Ok(_) => Err(format!("{v:?} is not a whole day")),
        Err(m) => Err(m),
    }
}

fn month_of(d: NaiveDate) -> Period {
    let start = d.with_day(1).unwrap_or(d);
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    Period {
        start,
        end: next.map_or(d, |n| n - Duration::days(1)),
        precision: DatePrecision::Month,
    }
}

/// Coordinates of a row (columns `lat` and `lon`), each checked.
pub fn coordinates(
    ctx: &RowContext<'_>,
    row: &Row,
    (lat_c, lon_c): (usize, usize),
    diags: &mut Vec<Diagnostic>,
) -> Option<At<PlaceDraft>> {
    let lat: Option<f64> = number(ctx, row, lat_c, "a latitude in degrees", diags);
    let lon: Option<f64> = number(ctx, row, lon_c, "a longitude in degrees", diags);
    let lat_loc = ctx.loc_of(row, lat_c);
    if ctx.val(row, lat_c).is_empty() {
        diags.push(Diagnostic::error(lat_loc.clone(), "latitude is empty"));
    }
    if ctx.val(row, lon_c).is_empty() {
        diags.push(Diagnostic::error(
            ctx.loc_of(row, lon_c),
            "longitude is empty",
        ));
    }
    let (lat, lon) = (lat?, lon?);
    let mut ok = true;
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        diags.push(Diagnostic::error(
            lat_loc.clone(),
            format!("latitude {lat} is outside -90..90"),
        ));
        ok = false;
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        diags.push(Diagnostic::error(
            ctx.loc_of(row, lon_c),
            format!("longitude {lon} is outside -180..180"),
        ));
        ok = false;
    }
    ok.then(|| At::new(PlaceDraft::Point { lon, lat }, lat_loc))
}

/// One ACLED row as a draft.
pub fn draft(ctx: &mut RowContext<'_>, row: &Row) -> Result<EventDraft, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let origin = crate::error::Location::at(&ctx.file, row.line as usize, 1);
    let (id, id_loc) = ctx.at(row, EVENT_ID);
    if id.is_empty() {
        diags.push(Diagnostic::error(id_loc.clone(), "event_id_cnty is empty"));
    }
    let (et, et_loc) = ctx.at(row, EVENT_TYPE);
    let kind = kind_of(et, ctx.val(row, SUB_EVENT_TYPE));
    if kind.is_none() {
        diags.push(Diagnostic::error(
            et_loc.clone(),
            format!(
                "event_type {:?} is not one of ACLED's: Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments",
                crate::text::clean(et)
            ),
        ));
    }
    let (dv, d_loc) = ctx.at(row, EVENT_DATE);
    let day = match row_day(dv) {
        Ok(d) => Some(d),
        Err(m) => {
            diags.push(Diagnostic::error(
                d_loc.clone(),
                format!("event_date: {}", crate::text::clean(&m)),
            ));
            None
        }
    };
    let tp: Option<i64> = number(ctx, row, TIME_PRECISION, "1, 2 or 3", &mut diags);
    let period = day.and_then(|d| match tp.unwrap_or(1) {
        1 => Some(Period {
            start: d,
            end: d,
            precision: DatePrecision::Day,
        }),
        2 => Some(Period {
            start: d - Duration::days(3),
            end: d + Duration::days(3),
            precision: DatePrecision::Week,
        }),
        3 => Some(month_of(d)),
        n => {
            diags.push(Diagnostic::error(
                ctx.loc_of(row, TIME_PRECISION),
                format!("time_precision {n} is not 1, 2 or 3"),
            ));
            None
        }
    });
    let at = coordinates(ctx, row, (LATITUDE, LONGITUDE), &mut diags);
    let gp: Option<i64> = number(ctx, row, GEO_PRECISION, "1, 2 or 3", &mut diags);
    let inter1 = inter_code(ctx.val(row, INTER1));
    let inter2 = inter_code(ctx.val(row, INTER2));
    let interaction =
        ctx.val(row, INTERACTION)
            .parse::<u16>()
            .ok()
            .or_else(|| match (inter1, inter2) {
                (Some(a), Some(b)) => Some(a.min(b) as u16 * 10 + a.max(b) as u16),
                (Some(a), None) => Some(a as u16 * 10),
                _ => None,
            });
    let fatalities: Option<i64> =
        number(ctx, row, FATALITIES, "a whole number of deaths", &mut diags);
    let timestamp: Option<i64> = number(ctx, row, TIMESTAMP, "a Unix time in seconds", &mut diags);
    let actors = ctx.actors_of(row, &[ACTOR1, ASSOC_ACTOR_1, ACTOR2, ASSOC_ACTOR_2]);
    if !diags.is_empty() {
        return Err(diags);
    }
    let gp_loc = ctx.loc_of(row, GEO_PRECISION);
    let gp_v = gp.unwrap_or(3);
    let import = ImportFields {
        texts: ctx.import_texts(
            row,
            [
                EVENT_ID,
                EVENT_TYPE,
                SUB_EVENT_TYPE,
                ACTOR1,
                ASSOC_ACTOR_1,
                ACTOR2,
                ASSOC_ACTOR_2,
                CIVILIAN_TARGETING,
                SOURCE,
                SOURCE_SCALE,
                COUNTRY,
                ADMIN1,
                ADMIN2,
                ADMIN3,
                TAGS,
            ],
        ),
        inter1,
        inter2,
        interaction,
        fatalities,
        fatalities_low: None,
        fatalities_high: None,
        time_precision: tp.map(|t| t as u8).or(Some(1)),
        date_prec: None,
        timestamp,
    };
    let period = period.ok_or_else(Vec::new)?;
    Ok(EventDraft {
        source: ctx.source.clone(),
        origin: origin.clone(),
        id: At::new(crate::text::clean(id).into_owned(), id_loc),
        kind: At::new(kind.map_or("", |k| k.as_str()).to_string(), et_loc),
        status: None,
        date: At::new(DateDraft::Period(period), d_loc),
        date_precision: None,
        date_end: None,
        date_note: None,
        actors,
        target: None,
        at,
        from: None,
        via: Vec::new(),
        to: None,
        place: ctx.text(row, LOCATION),
        geo_precision: Some(At::new(gp_v, gp_loc.clone())),
        where_prec: Some(At::new(
            match gp_v {
                1 => 1,
                2 => 2,
                _ => 4,
            },
            gp_loc,
        )),
        credibility: Some(At::new(3, origin)),
        quote: Some(At::new(ctx.text(row, NOTES), ctx.loc_of(row, NOTES))),
        notes: String::new(),
        import: Some(Box::new(import)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_acled_type_has_a_kind() {
        assert_eq!(
            kind_of("Explosions/Remote violence", "Air/drone strike"),
            Some(EventKind::Strike)
        );
        assert_eq!(
            kind_of("strategic developments", "Arrests"),
            Some(EventKind::Arrest)
        );
        assert_eq!(
            kind_of("Battles", "A sub-type added later"),
            Some(EventKind::Clash)
        );
        assert_eq!(kind_of("Parades", "x"), None);
        assert_eq!(inter_code("Political militia"), Some(3));
        assert_eq!(inter_code("8"), Some(8));
        assert_eq!(inter_code(""), None);
        assert_eq!(
            row_day("07 December 2024").unwrap().to_string(),
            "2024-12-07"
        );
        assert!(row_day("2024-02-30").is_err());
        assert_eq!(
            row_day("2017-06-14 00:00:00.000").unwrap().to_string(),
            "2017-06-14"
        );
        // found by fuzzing (fuzz/artifacts/import/crash-62afa152...): a non-ASCII character
        // across byte 10 panicked the slice
        assert!(row_day("2021-07-1\u{e9}9").is_err());
        assert!(row_day("2021-07-\u{e9}19 x").is_err());
    }
}

//! UCDP GED rows as event drafts.
//!
//! - `type_of_violence` gives the kind: 1 (state-based) and 2 (non-state) a clash, 3
//!   (one-sided violence) an attack;
//! - `date_start` … `date_end` with `date_prec` the period (1 a day; 2 a span of 2–6 days and
//!   3 a week, both of week precision; 4 a month; 5 a year);
//! - `latitude` / `longitude` the place, `where_prec` (1–7) its uncertainty;
//! - `side_a` and `side_b` the actors; `best` (with `low`, `high`) the deaths;
//! - `source_headline` (or `source_original`) the supporting text.

use super::acled::{coordinates, row_day};
use super::csvread::Row;
use super::{number, RowContext};
use crate::dates::{DatePrecision, Period};
use crate::error::Diagnostic;
use crate::event::{At, DateDraft, EventDraft, EventKind, ImportFields};

columns!(
    ID = "id",
    TYPE_OF_VIOLENCE = "type_of_violence",
    DATE_START = "date_start",
    DATE_END = "date_end",
    DATE_PREC = "date_prec",
    LATITUDE = "latitude",
    LONGITUDE = "longitude",
    WHERE_PREC = "where_prec",
    BEST = "best",
    LOW = "low",
    HIGH = "high",
    SIDE_A = "side_a",
    SIDE_B = "side_b",
    SOURCE_HEADLINE = "source_headline",
    SOURCE_ORIGINAL = "source_original",
    WHERE_DESCRIPTION = "where_description",
    WHERE_COORDINATES = "where_coordinates",
    DYAD_NAME = "dyad_name",
    SOURCE_ARTICLE = "source_article",
    COUNTRY = "country",
    ADM_1 = "adm_1",
    ADM_2 = "adm_2",
);

/// The kind of a UCDP type of violence.
pub fn kind_of(type_of_violence: i64) -> Option<(EventKind, &'static str)> {
    match type_of_violence {
        1 => Some((EventKind::Clash, "state-based conflict")),
        2 => Some((EventKind::Clash, "non-state conflict")),
        3 => Some((EventKind::Attack, "one-sided violence")),
        _ => None,
    }
}

/// One UCDP GED row as a draft.
pub fn draft(ctx: &mut RowContext<'_>, row: &Row) -> Result<EventDraft, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let origin = crate::error::Location::at(&ctx.file, row.line as usize, 1);
    let (id, id_loc) = ctx.at(row, ID);
    if id.is_empty() {
        diags.push(Diagnostic::error(id_loc.clone(), "id is empty"));
    }
    let tv: Option<i64> = number(ctx, row, TYPE_OF_VIOLENCE, "1, 2 or 3", &mut diags);
    let tv_loc = ctx.loc_of(row, TYPE_OF_VIOLENCE);
    let kind = match tv {
        Some(t) => match kind_of(t) {
            Some(k) => Some(k),
            None => {
                diags.push(Diagnostic::error(
                    tv_loc.clone(),
                    format!("type_of_violence {t} is not 1, 2 or 3"),
                ));
                None
            }
        },
        // a file without the column: a clash, the commonest
        None => Some((EventKind::Clash, "")),
    };
    let (sv, s_loc) = ctx.at(row, DATE_START);
    let (ev, e_loc) = ctx.at(row, DATE_END);
    let start = row_day(sv)
        .map_err(|m| {
            diags.push(Diagnostic::error(
                s_loc.clone(),
                format!("date_start: {}", crate::text::clean(&m)),
            ))
        })
        .ok();
    let end = if ev.is_empty() {
        start
    } else {
        row_day(ev)
            .map_err(|m| {
                diags.push(Diagnostic::error(
                    e_loc.clone(),
                    format!("date_end: {}", crate::text::clean(&m)),
                ))
            })
            .ok()
    };
    let dp: Option<i64> = number(ctx, row, DATE_PREC, "1 to 5", &mut diags);
    let precision = match dp.unwrap_or(1) {
        1 => Some(DatePrecision::Day),
        2 | 3 => Some(DatePrecision::Week),
        4 => Some(DatePrecision::Month),
        5 => Some(DatePrecision::Year),
        n => {
            diags.push(Diagnostic::error(
                ctx.loc_of(row, DATE_PREC),
                format!("date_prec {n} is not 1 to 5"),
            ));
            None
        }
    };
    let period = match (start, end, precision) {
        (Some(s), Some(e), Some(p)) if e >= s => Some(Period {
            start: s,
            end: e,
            // a one-day span is a day, whatever the code says
            precision: if s == e {
                DatePrecision::Day
            } else {
                p.max(DatePrecision::Week)
            },
        }),
        (Some(s), Some(e), Some(_)) => {
            diags.push(Diagnostic::error(
                e_loc.clone(),
                format!("date_end {e} is before date_start {s}"),
            ));
            None
        }
        _ => None,
    };
    let at = coordinates(ctx, row, (LATITUDE, LONGITUDE), &mut diags);
    let wp: Option<i64> = number(ctx, row, WHERE_PREC, "1 to 7", &mut diags);
    let wp_loc = ctx.loc_of(row, WHERE_PREC);
    let best: Option<i64> = number(ctx, row, BEST, "a whole number of deaths", &mut diags);
    let low: Option<i64> = number(ctx, row, LOW, "a whole number of deaths", &mut diags);
    let high: Option<i64> = number(ctx, row, HIGH, "a whole number of deaths", &mut diags);
    let actors = ctx.actors_of(row, &[SIDE_A, SIDE_B]);
    if !diags.is_empty() {
        return Err(diags);
    }
    let (Some((kind, kind_words)), Some(period)) = (kind, period) else {
        return Err(Vec::new());
    };
    let quote = {
        let h = ctx.text(row, SOURCE_HEADLINE);
        if h.is_empty() {
            ctx.text(row, SOURCE_ORIGINAL)
        } else {
            h
        }
    };
    let place = {
        let p = ctx.text(row, WHERE_DESCRIPTION);
        if p.is_empty() {
            ctx.text(row, WHERE_COORDINATES)
        } else {
            p
        }
    };
    let wp_v = wp.unwrap_or(7);
    let mut texts = crate::event::ImportTexts::builder();
    for v in [
        ctx.clean_of(row, ID),
        std::borrow::Cow::Borrowed(kind_words),
        ctx.clean_of(row, DYAD_NAME),
        ctx.clean_of(row, SIDE_A),
        std::borrow::Cow::Borrowed(""),
        ctx.clean_of(row, SIDE_B),
        std::borrow::Cow::Borrowed(""),
        std::borrow::Cow::Borrowed(""),
        ctx.clean_of(row, SOURCE_ARTICLE),
        std::borrow::Cow::Borrowed(""),
        ctx.clean_of(row, COUNTRY),
        ctx.clean_of(row, ADM_1),
        ctx.clean_of(row, ADM_2),
        std::borrow::Cow::Borrowed(""),
        std::borrow::Cow::Borrowed(""),
    ] {
        texts.push(&v);
    }
    let import = ImportFields {
        texts: texts.finish(),
        inter1: None,
        inter2: None,
        interaction: None,
        fatalities: best,
        fatalities_low: low,
        fatalities_high: high,
        time_precision: None,
        date_prec: dp.map(|d| d as u8),
        timestamp: None,
    };
    Ok(EventDraft {
        source: ctx.source.clone(),
        origin: origin.clone(),
        id: At::new(crate::text::clean(id).into_owned(), id_loc),
        kind: At::new(kind.as_str().to_string(), tv_loc),
        status: None,
        date: At::new(DateDraft::Period(period), s_loc),
        date_precision: None,
        date_end: None,
        date_note: None,
        actors,
        target: None,
        at,
        from: None,
        via: Vec::new(),
        to: None,
        place,
        geo_precision: Some(At::new(
            match wp_v {
                1 => 1,
                2 => 2,
                _ => 3,
            },
            wp_loc.clone(),
        )),
        where_prec: Some(At::new(wp_v, wp_loc)),
        credibility: Some(At::new(3, origin)),
        quote: Some(At::new(quote, e_loc)),
        notes: String::new(),
        import: Some(Box::new(import)),
    })
}

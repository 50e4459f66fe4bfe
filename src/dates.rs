//! Event dates: ISO dates of day, month or year precision, ranges, and the relative dates
//! reports use ("on Thursday", "last Saturday") resolved from the publication date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How precisely a date is known (ACLED time_precision / UCDP date_prec, coarsened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            DatePrecision::Day,
            DatePrecision::Week,
            DatePrecision::Month,
            DatePrecision::Year,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A period: first and last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into the period it names. The error says what is
/// wrong with the value ("2024-02-30: February 2024 has no day 30").
pub fn parse_iso(s: &str) -> Result<Period, String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, what: &str, len: usize| -> Result<u32, String> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{s:?} is not a date: the {what} must be {len} digits (YYYY-MM-DD, YYYY-MM or YYYY)"));
        }
        p.parse::<u32>().map_err(|e| e.to_string())
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, "year", 4)? as i32;
            let start =
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(|| format!("{s:?}: no such year"))?;
            let end =
                NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(|| format!("{s:?}: no such year"))?;
            Ok(Period {
                start,
                end,
                precision: DatePrecision::Year,
            })
        }
        [y, m] => {
            let (y, m) = (num(y, "year", 4)? as i32, num(m, "month", 2)?);
            let start = NaiveDate::from_ymd_opt(y, m, 1)
                .ok_or_else(|| format!("{s:?}: there is no month {m}"))?;
            let end =
                last_day_of_month(y, m).ok_or_else(|| format!("{s:?}: there is no month {m}"))?;
            Ok(Period {
                start,
                end,
                precision: DatePrecision::Month,
            })
        }
        [y, m, d] => {
            let (y, m, d) = (
                num(y, "year", 4)? as i32,
                num(m, "month", 2)?,
                num(d, "day", 2)?,
            );
            if !(1..=12).contains(&m) {
                return Err(format!("{s:?}: there is no month {m}"));
            }
            let day = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                let month = NaiveDate::from_ymd_opt(y, m, 1)
                    .map(|x| x.format("%B %Y").to_string())
                    .unwrap_or_default();
                format!("{s:?}: {month} has no day {d}")
            })?;
            Ok(Period {
                start: day,
                end: day,
                precision: DatePrecision::Day,
            })
        }
        _ => Err(format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")),
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Days from the latest `wd` on or before `published` to `published` (0 to 6).
fn days_back(published: NaiveDate, wd: Weekday) -> i64 {
    ((published.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7) as i64
}

/// Resolves a relative date against the publication date, with a note of how:
/// - "today"; "yesterday";
/// - "on Thursday" / "Thursday": the latest Thursday on or before publication (a Thursday
///   article's "on Thursday" is that day);
/// - "last Saturday" / "this past Saturday": the latest Saturday strictly before publication;
/// - "this week": the 7 days ending on publication; "last week": the 7 before those.
///
/// `None` if the text is not one of these forms.
pub fn resolve_relative(text: &str, published: NaiveDate) -> Option<(Period, String)> {
    let t = text.trim().to_lowercase();
    let words: Vec<&str> = t.split_whitespace().collect();
    let day = |d: NaiveDate| Period {
        start: d,
        end: d,
        precision: DatePrecision::Day,
    };
    let note = |p: &Period| {
        format!(
            "{text:?} resolved from publication on {} {}: {}",
            published.weekday(),
            published,
            if p.start == p.end {
                p.start.to_string()
            } else {
                format!("{} to {}", p.start, p.end)
            }
        )
    };
    let p = match words.as_slice() {
        ["today"] => day(published),
        ["yesterday"] => day(published - Duration::days(1)),
        ["on", w] | [w] if weekday(w).is_some() => {
            day(published - Duration::days(days_back(published, weekday(w)?)))
        }
        ["last", w] | ["this", "past", w] if weekday(w).is_some() => {
            // strictly before: a Saturday's "last Saturday" is a week earlier
            let back = days_back(published, weekday(w)?);
            day(published - Duration::days(if back == 0 { 7 } else { back }))
        }
        ["this", "week"] => Period {
            start: published - Duration::days(6),
            end: published,
            precision: DatePrecision::Week,
        },
        ["last", "week"] => Period {
            start: published - Duration::days(13),
            end: published - Duration::days(7),
            precision: DatePrecision::Week,
        },
        _ => return None,
    };
    let n = note(&p);
    Some((p, n))
}

/// The months' names, folded, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its three-letter abbreviation ("Dec", "Sept."), 1–12.
pub fn month_number(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// Parses a written date: `07 December 2024`, `7 Dec 2024`, `December 7, 2024`, `Dec. 7 2024`
/// (day precision), `December 2024` (month). `None` if the text is not one of these forms.
pub fn parse_written(s: &str) -> Option<Result<Period, String>> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let (d, m, y) = match words.as_slice() {
        [a, b, c] => match (num(a), month_number(b), month_number(a), num(b)) {
            (Some(d), Some(m), _, _) => (Some(d), m, *c),
            (_, _, Some(m), Some(d)) => (Some(d), m, *c),
            _ => return None,
        },
        [a, b] => (None, month_number(a)?, *b),
        _ => return None,
    };
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    Some(match d {
        Some(d) => NaiveDate::from_ymd_opt(y, m, d)
            .map(|day| Period {
                start: day,
                end: day,
                precision: DatePrecision::Day,
            })
            .ok_or_else(|| {
                let month = NaiveDate::from_ymd_opt(y, m, 1)
                    .map(|x| x.format("%B %Y").to_string())
                    .unwrap_or_default();
                format!("{s:?}: {month} has no day {d}")
            }),
        None => parse_iso(&format!("{y:04}-{m:02}")),
    })
}

/// Parses any date form a source may use: ISO (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), written
/// (`07 December 2024`), or relative to the publication date (`on Thursday`; see
/// [`resolve_relative`]). Returns the period and, for a relative date, a note of how it was
/// resolved.
pub fn parse_any(
    text: &str,
    published: Option<NaiveDate>,
) -> Result<(Period, Option<String>), String> {
    let iso = match parse_iso(text) {
        Ok(p) => return Ok((p, None)),
        Err(m) => m,
    };
    if let Some(r) = parse_written(text) {
        return r.map(|p| (p, None));
    }
    if let Some(published) = published {
        if let Some((p, note)) = resolve_relative(text, published) {
            return Ok((p, Some(note)));
        }
        return Err(format!(
            "{iso}; written dates such as \"7 December 2024\" and relative ones such as \"on Thursday\", \"last Saturday\", \"yesterday\" or \"this week\" are also accepted"
        ));
    }
    Err(format!(
        "{iso}; written dates such as \"7 December 2024\" are also accepted"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn iso_forms() {
        let p = parse_iso("2024-12").unwrap();
        assert_eq!(
            (p.start, p.end, p.precision),
            (d("2024-12-01"), d("2024-12-31"), DatePrecision::Month)
        );
        let p = parse_iso("2024").unwrap();
        assert_eq!((p.start, p.end), (d("2024-01-01"), d("2024-12-31")));
        assert_eq!(parse_iso("2024-02-29").unwrap().start, d("2024-02-29"));
        assert_eq!(parse_iso("2025-02").unwrap().end, d("2025-02-28"));
    }

    #[test]
    fn impossible_dates_say_why() {
        assert!(parse_iso("2024-02-30")
            .unwrap_err()
            .contains("February 2024 has no day 30"));
        assert!(parse_iso("2023-02-29").unwrap_err().contains("no day 29"));
        assert!(parse_iso("2024-13-01").unwrap_err().contains("no month 13"));
        assert!(parse_iso("5 Dec 2024").is_err());
        assert!(parse_iso("").is_err());
        assert!(parse_iso("2024-1-05").is_err());
    }

    #[test]
    fn relative_dates_from_publication() {
        // Rudaw, published Thursday 5 December 2024
        let thu = d("2024-12-05");
        assert_eq!(resolve_relative("On Thursday", thu).unwrap().0.start, thu);
        assert_eq!(
            resolve_relative("on Monday", thu).unwrap().0.start,
            d("2024-12-02")
        );
        assert_eq!(
            resolve_relative("Saturday", thu).unwrap().0.start,
            d("2024-11-30")
        );
        assert_eq!(
            resolve_relative("last Thursday", thu).unwrap().0.start,
            d("2024-11-28")
        );
        assert_eq!(
            resolve_relative("yesterday", thu).unwrap().0.start,
            d("2024-12-04")
        );
        // a Sunday source: "last Saturday" is the day before
        assert_eq!(
            resolve_relative("last Saturday", d("2024-12-08"))
                .unwrap()
                .0
                .start,
            d("2024-12-07")
        );
        let (w, note) = resolve_relative("this week", thu).unwrap();
        assert_eq!(
            (w.start, w.end, w.precision),
            (d("2024-11-29"), thu, DatePrecision::Week)
        );
        assert!(note.contains("2024-12-05"));
        assert!(resolve_relative("next Friday", thu).is_none());
        assert!(resolve_relative("2024-12-05", thu).is_none());
    }

    #[test]
    fn written_dates() {
        let day = |s: &str| parse_written(s).unwrap().unwrap().start;
        assert_eq!(day("07 December 2024"), d("2024-12-07"));
        assert_eq!(day("7 Dec 2024"), d("2024-12-07"));
        assert_eq!(day("December 7, 2024"), d("2024-12-07"));
        assert_eq!(day("Sept. 3 2017"), d("2017-09-03"));
        let m = parse_written("June 2018").unwrap().unwrap();
        assert_eq!((m.start, m.end), (d("2018-06-01"), d("2018-06-30")));
        assert!(parse_written("30 February 2024").unwrap().is_err());
        assert!(parse_written("on Thursday").is_none());
        assert!(parse_any("sometime", None).is_err());
        assert_eq!(
            parse_any("on Monday", Some(d("2024-12-05")))
                .unwrap()
                .0
                .start,
            d("2024-12-02")
        );
    }
}

//! Dates in a sentence: written dates ("December 5, 2024", "5 Dec", "in June 2018", "in 2014"),
//! ranges ("between January 8 and 10, 2025"), and relative ones ("on Thursday", "last
//! Saturday", "yesterday", "earlier this week", "last month"), each resolved from the
//! publication date with a note of how.

use chrono::{Datelike, Duration, NaiveDate};

use crate::dates::{DatePrecision, Period};

use super::text::{Gap, Words};

/// A date mention.
#[derive(Debug, Clone)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub w0: usize,
    pub w1: usize,
    /// The period, when it could be worked out (a relative date needs the publication date).
    pub period: Option<Period>,
    /// How it was resolved.
    pub note: String,
    /// Lies in the future of the publication (an announced plan's date).
    pub future: bool,
}

fn weekday_of(f: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    Some(match f {
        "monday" | "mon" => Mon,
        "tuesday" | "tue" | "tues" => Tue,
        "wednesday" | "wed" => Wed,
        "thursday" | "thu" | "thurs" => Thu,
        "friday" | "fri" => Fri,
        "saturday" | "sat" => Sat,
        "sunday" | "sun" => Sun,
        _ => return None,
    })
}

/// A month name, full or abbreviated ("Dec", "Sept"); "may", "mar" and "jun"... only when
/// capitalised, since "may" is also a verb.
/// Whether a date may start at word `i`: a number, a month or weekday name, or a word that
/// opens a relative date.
fn may_start_date(w: &Words, i: usize) -> bool {
    let f = w.f(i);
    let b = f.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    // ("in", "on", "the", "over" open a date only before one of these: the date found there
    // takes them along)
    matches!(
        f,
        "today"
            | "tonight"
            | "this"
            | "yesterday"
            | "last"
            | "overnight"
            | "earlier"
            | "later"
            | "past"
            | "recent"
            | "coming"
            | "next"
            | "within"
            | "late"
            | "early"
            | "mid"
            | "end"
            | "beginning"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "several"
            | "two"
            | "three"
            | "four"
            | "five"
            | "since"
            | "weekend"
    ) || (f == "a" && i + 1 < w.len() && matches!(w.f(i + 1), "week" | "few"))
        || month_folded(f).is_some()
        || weekday_of(f).is_some()
}

/// A folded month name, full or abbreviated ("dec", "sept"), without allocating.
fn month_folded(f: &str) -> Option<u32> {
    Some(match f {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn month_of(w: &Words, k: usize) -> Option<u32> {
    let f = w.f(k);
    if f.len() < 3 {
        return None;
    }
    let m = month_folded(f)?;
    if (f == "may" || f == "mar" || f == "jan" || f == "sun") && !w.words[k].cap {
        return None;
    }
    Some(m)
}

/// A day of the month: "5", "05", "5th", "1st".
fn day_of(f: &str) -> Option<u32> {
    let d = f.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = d.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A year: four digits from 1900 to 2099.
fn year_of(f: &str) -> Option<i32> {
    if f.len() != 4 || !f.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = f.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

fn day(d: NaiveDate) -> Period {
    Period {
        start: d,
        end: d,
        precision: DatePrecision::Day,
    }
}

fn month_period(y: i32, m: u32) -> Option<Period> {
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let end = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
    Some(Period {
        start,
        end,
        precision: DatePrecision::Month,
    })
}

fn year_period(y: i32) -> Option<Period> {
    Some(Period {
        start: NaiveDate::from_ymd_opt(y, 1, 1)?,
        end: NaiveDate::from_ymd_opt(y, 12, 31)?,
        precision: DatePrecision::Year,
    })
}

/// The year of a month and day written without one: the publication's, unless that lies
/// more than a month after publication (then the year before).
fn infer_year(m: u32, d: Option<u32>, published: NaiveDate) -> i32 {
    let y = published.year();
    let cand = NaiveDate::from_ymd_opt(y, m, d.unwrap_or(1));
    match cand {
        Some(c) if c > published + Duration::days(31) => y - 1,
        _ => y,
    }
}

/// What dates are read against: the publication date, or, when it is not known, a year to
/// give year-less dates ("Oct. 29") with how it was found.
#[derive(Debug, Clone, Default)]
pub struct Anchor {
    pub published: Option<NaiveDate>,
    pub year: Option<(i32, String)>,
}

impl Anchor {
    pub fn published(d: Option<NaiveDate>) -> Anchor {
        Anchor {
            published: d,
            year: None,
        }
    }
}

/// Finds the dates of one sentence.
pub fn find(w: &Words, anchor: &Anchor, out: &mut Vec<DateHit>) {
    let published = anchor.published;
    let n = w.len();
    let f = |k: usize| if k < n { w.f(k) } else { "" };
    let joined = |k: usize| k < n && matches!(w.words[k].gap, Gap::Space | Gap::Comma | Gap::Other);
    let mut future: Option<bool> = None;
    let mut i = 0;
    while i < n {
        // most words start no date: a cheap test first
        if !may_start_date(w, i) {
            i += 1;
            continue;
        }
        let mut hit: Option<(usize, usize, Option<Period>, String, bool)> = None;
        // ---- written dates: D Month [YYYY], Month D[, YYYY], Month YYYY, D-D Month YYYY
        if let Some(d) = day_of(f(i)) {
            // "8-10 January 2025", "8 to 10 January"
            let (d2, mi) = if i + 2 < n
                && (w.words[i + 1].gap == Gap::Hyphen || f(i + 1) == "to" || f(i + 1) == "and")
            {
                let k = if w.words[i + 1].gap == Gap::Hyphen {
                    i + 1
                } else {
                    i + 2
                };
                match day_of(f(k)) {
                    Some(d2) if month_of(w, k + 1).is_some() => (Some(d2), k + 1),
                    _ => (None, i + 1),
                }
            } else {
                (None, i + 1)
            };
            if mi < n && joined(mi) {
                if let Some(m) = month_of(w, mi) {
                    let (y, end) = match year_of(f(mi + 1)) {
                        Some(y) if joined(mi + 1) => (Some(y), mi + 2),
                        _ => (None, mi + 1),
                    };
                    hit = Some(written(d, d2, m, y, i, end, anchor));
                }
            }
        }
        if hit.is_none() {
            if let Some(m) = month_of(w, i) {
                if let Some(d) = day_of(f(i + 1)).filter(|_| joined(i + 1)) {
                    // Month D[-D2][, YYYY]
                    let mut k = i + 2;
                    let mut d2 = None;
                    if k < n {
                        let kk = if w.words[k].gap == Gap::Hyphen {
                            Some(k)
                        } else if matches!(f(k), "and" | "to") {
                            Some(k + 1)
                        } else {
                            None
                        };
                        if let Some(x) = kk.and_then(|kk| day_of(f(kk))) {
                            d2 = Some(x);
                            k = kk.unwrap_or(k) + 1;
                        }
                    }
                    let (y, end) = match year_of(f(k)) {
                        Some(y) if joined(k) => (Some(y), k + 1),
                        _ => (None, k),
                    };
                    hit = Some(written(d, d2, m, y, i, end, anchor));
                } else if let Some(y) = year_of(f(i + 1)).filter(|_| joined(i + 1)) {
                    // Month YYYY
                    let mut from = i;
                    let mut note = String::new();
                    let p = month_period(y, m);
                    if i > 0 && matches!(f(i - 1), "early" | "mid" | "late" | "end" | "beginning") {
                        from = i - 1;
                    }
                    if p.is_none() {
                        note = "no such month".into();
                    }
                    hit = Some((from, i + 2, p, note, false));
                } else if let Some(pubd) = published {
                    // "in December", "last December", "this March": a month without a year
                    let prev = f(i.wrapping_sub(1));
                    if matches!(
                        prev,
                        "in" | "last"
                            | "this"
                            | "since"
                            | "until"
                            | "early"
                            | "mid"
                            | "late"
                            | "of"
                            | "by"
                            | "during"
                            | "next"
                    ) && i > 0
                    {
                        let y = match prev {
                            "last" => {
                                if m < pubd.month() {
                                    pubd.year()
                                } else {
                                    pubd.year() - 1
                                }
                            }
                            "next" => {
                                if m > pubd.month() {
                                    pubd.year()
                                } else {
                                    pubd.year() + 1
                                }
                            }
                            _ => infer_year(m, None, pubd),
                        };
                        let from = if matches!(
                            prev,
                            "last" | "this" | "next" | "early" | "mid" | "late"
                        ) {
                            i - 1
                        } else {
                            i
                        };
                        let p = month_period(y, m);
                        let note = format!(
                            "a month without a year, read as {} from publication on {pubd}",
                            y
                        );
                        let future = p.is_some_and(|p| p.start > pubd);
                        hit = Some((from, i + 1, p, note, future));
                    }
                }
            }
        }
        // ---- a bare year: "in 2014", "since 2011", "2018's"
        if hit.is_none() {
            if let Some(y) = year_of(f(i)) {
                let prev = f(i.wrapping_sub(1));
                if i > 0
                    && matches!(
                        prev,
                        "in" | "since"
                            | "until"
                            | "by"
                            | "after"
                            | "before"
                            | "early"
                            | "late"
                            | "mid"
                            | "of"
                            | "during"
                            | "from"
                            | "throughout"
                            | "summer"
                            | "winter"
                            | "spring"
                            | "autumn"
                            | "fall"
                            | "end"
                    )
                {
                    let from = if matches!(
                        prev,
                        "early" | "late" | "mid" | "summer" | "winter" | "spring" | "autumn"
                    ) {
                        i - 1
                    } else {
                        i
                    };
                    hit = Some((from, i + 1, year_period(y), String::new(), false));
                }
            }
        }
        // ---- numeric dates: 2019/01/31, 2024-12-05, 08.11.2017, 12-09-2025 (day first)
        if hit.is_none() {
            hit = numeric(w, i);
        }
        // ---- relative dates
        if hit.is_none() {
            // the sentence's tense, looked at once
            let fut = *future.get_or_insert_with(|| future_tense(w));
            hit = relative(w, i, published, fut);
        }
        // "early", "mid", "late": the part of the month or year they name
        if let Some((a, _, Some(p), note, _)) = hit.as_mut() {
            narrow(w, *a, p, note);
        }
        match hit {
            Some((a, b, period, note, future)) if b > a => {
                let b = b.min(n);
                let future = future || period.zip(published).is_some_and(|(p, d)| p.start > d);
                out.push(DateHit {
                    start: w.words[a].start,
                    end: w.words[b - 1].end,
                    w0: a,
                    w1: b,
                    period,
                    note,
                    future,
                });
                i = b;
            }
            _ => i += 1,
        }
    }
}

type Found = (usize, usize, Option<Period>, String, bool);

/// Narrows a month or a year to the part "early", "mid" or "late" names (early: days 1-10 or
/// January-April; mid: 11-20 or May-August; late: 21-end or September-December).
fn narrow(w: &Words, a: usize, p: &mut Period, note: &mut String) {
    let part = w.f(a);
    if !matches!(part, "early" | "mid" | "late" | "end" | "beginning") {
        return;
    }
    let (y, m) = (p.start.year(), p.start.month());
    let range = match p.precision {
        DatePrecision::Month => {
            let last = p.end.day();
            match part {
                "early" | "beginning" => (1, 10),
                "mid" => (11, 20),
                _ => (21, last),
            }
        }
        DatePrecision::Year => {
            let (m0, m1) = match part {
                "early" | "beginning" => (1, 4),
                "mid" => (5, 8),
                _ => (9, 12),
            };
            if let (Some(s), Some(e)) = (
                NaiveDate::from_ymd_opt(y, m0, 1),
                month_period(y, m1).map(|q| q.end),
            ) {
                p.start = s;
                p.end = e;
                *note = format!("'{part} {y}': {} to {}", p.start, p.end);
            }
            return;
        }
        _ => return,
    };
    if let (Some(s), Some(e)) = (
        NaiveDate::from_ymd_opt(y, m, range.0),
        NaiveDate::from_ymd_opt(y, m, range.1),
    ) {
        p.start = s;
        p.end = e;
        p.precision = DatePrecision::Month;
        *note = format!("'{part}' of the month: {} to {}", p.start, p.end);
    }
}

/// Whether the sentence speaks of what is to come ("will meet on Monday"): its weekdays are
/// then the next ones, not the last.
fn future_tense(w: &Words) -> bool {
    (0..w.len()).any(|k| {
        matches!(
            w.f(k),
            "will" | "shall" | "upcoming" | "scheduled" | "tomorrow"
        ) || (w.f(k) == "set" || w.f(k) == "expected" || w.f(k) == "plans")
            && k + 1 < w.len()
            && w.f(k + 1) == "to"
    })
}

/// Dates written with numbers: `2019/01/31`, `2024-12-05` (year first), `08.11.2017`,
/// `12-09-2025` (day first, as Middle Eastern sites write them).
fn numeric(w: &Words, i: usize) -> Option<Found> {
    let n = w.len();
    if i + 2 >= n {
        return None;
    }
    let (a, b, c) = (w.f(i), w.f(i + 1), w.f(i + 2));
    let sep_ok = |k: usize| {
        matches!(w.words[k].gap, Gap::Hyphen | Gap::Other)
            && w.words[k].start == w.words[k - 1].end + 1
    };
    if !(sep_ok(i + 1) && sep_ok(i + 2)) {
        return None;
    }
    let num = |x: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&x.len()) && x.bytes().all(|d| d.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let date = if let (Some(y), Some(m), Some(d)) = (year_of(a), num(b, 1..=2), num(c, 1..=2)) {
        NaiveDate::from_ymd_opt(y, m, d)
    } else if let (Some(d), Some(m), Some(y)) = (num(a, 1..=2), num(b, 1..=2), year_of(c)) {
        NaiveDate::from_ymd_opt(y, m, d)
    } else {
        None
    }?;
    Some((i, i + 3, Some(day(date)), String::new(), false))
}

/// A written date: day (and maybe a second day), month, maybe a year.
fn written(
    d: u32,
    d2: Option<u32>,
    m: u32,
    y: Option<i32>,
    a: usize,
    b: usize,
    anchor: &Anchor,
) -> Found {
    let (y, note) = match (y, anchor.published) {
        (Some(y), _) => (Some(y), String::new()),
        (None, Some(p)) => {
            let y = infer_year(m, Some(d), p);
            (
                Some(y),
                format!("no year written: read as {y} from publication on {p}"),
            )
        }
        (None, None) => match &anchor.year {
            Some((y, how)) => (
                Some(*y),
                format!("no year written and no publication date: read as {y} ({how}); check it"),
            ),
            None => (None, "no year written and no publication date".into()),
        },
    };
    let Some(y) = y else {
        return (a, b, None, note, false);
    };
    let start = NaiveDate::from_ymd_opt(y, m, d);
    let end = d2.and_then(|d2| NaiveDate::from_ymd_opt(y, m, d2));
    let p = match (start, end) {
        (Some(s), Some(e)) if e >= s => Some(Period {
            start: s,
            end: e,
            precision: if (e - s).num_days() <= 6 {
                DatePrecision::Week
            } else {
                DatePrecision::Month
            },
        }),
        (Some(s), _) => Some(day(s)),
        _ => None,
    };
    let note = if p.is_none() {
        format!("no such date: day {d} of month {m} in {y}")
    } else {
        note
    };
    (a, b, p, note, false)
}

/// Relative dates at word `i`.
fn relative(w: &Words, i: usize, published: Option<NaiveDate>, future: bool) -> Option<Found> {
    let n = w.len();
    let f = |k: usize| if k < n { w.f(k) } else { "" };
    let pubd = published;
    let need = |a: usize, b: usize, what: &str| -> Found {
        (
            a,
            b,
            None,
            format!("'{what}' needs the publication date, which is not known"),
            false,
        )
    };
    let note_of = |what: &str, p: &Period, d: NaiveDate| -> String {
        let span = if p.start == p.end {
            p.start.to_string()
        } else {
            format!("{} to {}", p.start, p.end)
        };
        format!("'{what}' from publication on {} {d}: {span}", d.weekday())
    };
    // weekdays: "on Thursday", "last Saturday", "late on Sunday", "Friday night"
    let (mut a, mut k) = (i, i);
    let mut last = false;
    let mut next = false;
    match f(i) {
        "last" | "this" if weekday_of(f(i + 1)).is_some() && w.words[i + 1].cap => {
            last = f(i) == "last";
            k = i + 1;
        }
        "next" | "coming" if weekday_of(f(i + 1)).is_some() && w.words[i + 1].cap => {
            next = true;
            k = i + 1;
        }
        "late" | "early" if f(i + 1) == "on" && weekday_of(f(i + 2)).is_some() => k = i + 2,
        "late" | "early" if weekday_of(f(i + 1)).is_some() && w.words[i + 1].cap => k = i + 1,
        "on" if weekday_of(f(i + 1)).is_some() && w.words[i + 1].cap => k = i + 1,
        _ => {}
    }
    if let Some(wd) = weekday_of(f(k)).filter(|_| w.words[k].cap && f(k).len() >= 6) {
        if k == i && i > 0 && f(i - 1) == "on" {
            a = i - 1;
        }
        let mut b = k + 1;
        if matches!(f(b), "morning" | "night" | "evening" | "afternoon") {
            b += 1;
        }
        // "Monday, 6 November" is a dateline's weekday: the written date follows
        if b < n
            && w.words[b].gap == Gap::Comma
            && (day_of(f(b)).is_some() || month_folded(f(b)).is_some())
        {
            return None;
        }
        let what = spanned(w, a, b);
        let Some(d) = pubd else {
            return Some(need(a, b, &what));
        };
        let back =
            ((d.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7) as i64;
        let date = if next {
            let fwd = (7 - back) % 7;
            d + Duration::days(if fwd == 0 { 7 } else { fwd })
        } else if future && !last {
            // "will meet on Monday": the Monday to come (the day itself if it is today)
            d + Duration::days((7 - back) % 7)
        } else if last {
            d - Duration::days(if back == 0 { 7 } else { back })
        } else {
            d - Duration::days(back)
        };
        let p = day(date);
        let note = note_of(&what, &p, d);
        return Some((a, b, Some(p), note, date > d));
    }
    // fixed phrases
    let phrases: &[(&[&str], i64, i64, DatePrecision)] = &[
        (&["today"], 0, 0, DatePrecision::Day),
        (&["tonight"], 0, 0, DatePrecision::Day),
        (&["this", "morning"], 0, 0, DatePrecision::Day),
        (&["this", "afternoon"], 0, 0, DatePrecision::Day),
        (&["this", "evening"], 0, 0, DatePrecision::Day),
        (&["yesterday"], -1, -1, DatePrecision::Day),
        (&["last", "night"], -1, -1, DatePrecision::Day),
        (&["overnight"], -1, 0, DatePrecision::Day),
        (&["past", "week"], -7, 0, DatePrecision::Week),
        (&["a", "week", "ago"], -8, -6, DatePrecision::Week),
        (&["a", "few", "days", "ago"], -7, -1, DatePrecision::Week),
        (&["several", "days", "ago"], -7, -1, DatePrecision::Week),
        (&["two", "days", "ago"], -2, -2, DatePrecision::Day),
        (&["three", "days", "ago"], -3, -3, DatePrecision::Day),
        (&["four", "days", "ago"], -4, -4, DatePrecision::Day),
        (&["five", "days", "ago"], -5, -5, DatePrecision::Day),
        (&["recent", "weeks"], -28, 0, DatePrecision::Month),
        (&["past", "month"], -30, 0, DatePrecision::Month),
        (&["past", "two", "months"], -60, 0, DatePrecision::Month),
        (&["recent", "months"], -90, 0, DatePrecision::Month),
        (&["past", "few", "days"], -7, 0, DatePrecision::Week),
        (&["past", "two", "days"], -2, 0, DatePrecision::Week),
        (&["past", "three", "days"], -3, 0, DatePrecision::Week),
        (&["recent", "days"], -7, 0, DatePrecision::Week),
        (&["coming", "days"], 0, 7, DatePrecision::Week),
        (&["within", "days"], 0, 7, DatePrecision::Week),
    ];
    // calendar weeks (Monday to Sunday) and weekends, as analysts count them
    if let Some(found) = calendar(w, i, pubd, &need) {
        return Some(found);
    }
    // "3 days ago"
    if let Some(k) = w.f(i).parse::<i64>().ok().filter(|k| (1..=30).contains(k)) {
        if f(i + 1) == "days" && f(i + 2) == "ago" {
            let what = spanned(w, i, i + 3);
            let Some(d) = pubd else {
                return Some(need(i, i + 3, &what));
            };
            let p = day(d - Duration::days(k));
            let note = note_of(&what, &p, d);
            return Some((i, i + 3, Some(p), note, false));
        }
    }
    for (words, from, to, prec) in phrases {
        let m = words.len();
        if i + m <= n && (0..m).all(|j| f(i + j) == words[j]) {
            let a2 = if i > 0 && matches!(f(i - 1), "in" | "over" | "during" | "the") {
                i - 1
            } else {
                i
            };
            let a2 = if a2 > 0 && a2 < i && f(a2) == "the" && matches!(f(a2 - 1), "in" | "over") {
                a2 - 1
            } else {
                a2
            };
            let what = spanned(w, a2, i + m);
            let Some(d) = pubd else {
                return Some(need(a2, i + m, &what));
            };
            let p = Period {
                start: d + Duration::days(*from),
                end: d + Duration::days(*to),
                precision: *prec,
            };
            let note = note_of(&what, &p, d);
            return Some((a2, i + m, Some(p), note, *from > 0 || *to > 0 && *from >= 0));
        }
    }
    // months and years relative to publication
    let month_phrases: &[(&[&str], i32)] = &[
        (&["earlier", "this", "month"], 0),
        (&["this", "month"], 0),
        (&["last", "month"], -1),
        (&["next", "month"], 1),
        (&["earlier", "this", "year"], 100),
        (&["this", "year"], 100),
        (&["last", "year"], 99),
        (&["next", "year"], 101),
        (&["since", "last", "month"], -101),
    ];
    for (words, rel) in month_phrases {
        let m = words.len();
        if i + m <= n && (0..m).all(|j| f(i + j) == words[j]) {
            let what = spanned(w, i, i + m);
            let Some(d) = pubd else {
                return Some(need(i, i + m, &what));
            };
            let p = match rel {
                -101 => {
                    let total = d.year() * 12 + d.month0() as i32 - 1;
                    month_period(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
                        .map(|q| Period { end: d, ..q })
                }
                100 => year_period(d.year()),
                99 => year_period(d.year() - 1),
                101 => year_period(d.year() + 1),
                r => {
                    let total = d.year() * 12 + d.month0() as i32 + r;
                    month_period(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
                }
            }?;
            let p = if words[0] == "earlier" {
                Period {
                    end: (d - Duration::days(1)).max(p.start),
                    ..p
                }
            } else {
                p
            };
            let note = note_of(&what, &p, d);
            return Some((i, i + m, Some(p), note, p.start > d));
        }
    }
    None
}

/// "this week", "earlier this week", "last week", "next week", "over the weekend", "last
/// weekend": calendar weeks from Monday to Sunday, weekends Saturday and Sunday.
fn calendar(
    w: &Words,
    i: usize,
    pubd: Option<NaiveDate>,
    need: &dyn Fn(usize, usize, &str) -> Found,
) -> Option<Found> {
    let n = w.len();
    let f = |k: usize| if k < n { w.f(k) } else { "" };
    let (len, which) = match (f(i), f(i + 1), f(i + 2)) {
        ("earlier", "this", "week") => (3, "earlier this week"),
        ("later", "this", "week") => (3, "later this week"),
        ("this", "week", _) => (2, "this week"),
        ("last", "week", _) => (2, "last week"),
        ("next", "week", _) => (2, "next week"),
        ("early", "next", "week") => (3, "early next week"),
        ("weekend", _, _)
            if i >= 2 && f(i - 1) == "the" && matches!(f(i - 2), "over" | "during") =>
        {
            (1, "weekend")
        }
        ("this", "weekend", _) => (2, "weekend"),
        ("last", "weekend", _) => (2, "last weekend"),
        _ => return None,
    };
    let a = if i > 0 && matches!(f(i - 1), "over" | "during") {
        i - 1
    } else if i >= 2 && f(i - 1) == "the" && matches!(f(i - 2), "over" | "during") {
        i - 2
    } else {
        i
    };
    let b = i + len;
    let what = spanned(w, a, b);
    let Some(d) = pubd else {
        return Some(need(a, b, &what));
    };
    let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    let (start, end) = match which {
        "earlier this week" => (monday, (d - Duration::days(1)).max(monday)),
        "later this week" => (d, monday + Duration::days(6)),
        "this week" => (monday, d),
        "last week" => (monday - Duration::days(7), monday - Duration::days(1)),
        "next week" => (monday + Duration::days(7), monday + Duration::days(13)),
        "early next week" => (monday + Duration::days(7), monday + Duration::days(9)),
        "last weekend" => {
            let sat = monday - Duration::days(2);
            let sat = if sat >= d {
                sat - Duration::days(7)
            } else {
                sat
            };
            (sat, sat + Duration::days(1))
        }
        _ => {
            // the weekend on or before publication
            let back = (d.weekday().num_days_from_monday() as i64 + 2) % 7;
            let sat = d - Duration::days(back);
            (sat, (sat + Duration::days(1)).min(d.max(sat)))
        }
    };
    let p = Period {
        start,
        end,
        precision: DatePrecision::Week,
    };
    let note = format!(
        "'{what}' from publication on {} {d}: {} to {}",
        d.weekday(),
        p.start,
        p.end
    );
    Some((a, b, Some(p), note, p.start > d))
}

fn spanned(w: &Words, a: usize, b: usize) -> String {
    (a..b).map(|k| w.f(k)).collect::<Vec<_>>().join(" ")
}

/// A publication date in the first lines of an article: a dateline or page date ("Monday, 6
/// November, 2017 - 13:30", "December 5, 2024", "2025-08-13T09:53:14+00:00", a leading
/// "date 2024-12-06"). Returns the date and the words it was read from.
pub fn dateline_date(text: &str, body_start: usize) -> Option<(NaiveDate, String)> {
    let body = text.get(body_start..)?;
    for (li, line) in body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .enumerate()
    {
        let t = line.trim();
        // the store's "date 2024-12-06" marker
        if let Some(rest) = t.strip_prefix("date ") {
            if let Some(iso) = rest.get(..10) {
                if let Ok(p) = crate::dates::parse_iso(iso) {
                    if p.precision == DatePrecision::Day {
                        return Some((p.start, format!("date {iso}")));
                    }
                }
            }
        }
        if li > 4 {
            break;
        }
        let mut ws = Words::default();
        let end = crate::error::floor_char_boundary(t, 400);
        super::text::words(t, 0, end, &mut ws);
        let mut hits = Vec::new();
        find(&ws, &Anchor::default(), &mut hits);
        if let Some(h) = hits.iter().find(|h| {
            h.period.is_some_and(|p| p.precision == DatePrecision::Day) && h.note.is_empty()
        }) {
            let p = h.period?;
            return Some((p.start, t[h.start..h.end].to_string()));
        }
    }
    None
}

/// A date in a URL: `/2019/10/21/`, `/2019-10-21-` (day), `/2019/10/` (month).
pub fn url_date(url: &str) -> Option<(NaiveDate, DatePrecision)> {
    let parts: Vec<&str> = url
        .split(|c: char| c == '/' || c == '-' || c == '_' || c == '.')
        .collect();
    let two = |k: usize| {
        parts
            .get(k)
            .filter(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let mut month = None;
    for k in 0..parts.len() {
        let Some(y) = year_of(parts[k]) else { continue };
        if let (Some(m), Some(d)) = (two(k + 1), two(k + 2)) {
            if let Some(x) = NaiveDate::from_ymd_opt(y, m, d) {
                return Some((x, DatePrecision::Day));
            }
        }
        if month.is_none() {
            if let Some(x) = two(k + 1).and_then(|m| NaiveDate::from_ymd_opt(y, m, 1)) {
                month = Some((x, DatePrecision::Month));
            }
        }
    }
    month
}

/// A year-less written date ("Oct. 29") completed with a year found otherwise, and the note.
pub fn complete_yearless(text: &str, year: i32, how: &str) -> Option<(Period, String)> {
    let mut ws = Words::default();
    super::text::words(text, 0, text.len(), &mut ws);
    let anchor = Anchor {
        published: None,
        year: Some((year, how.to_string())),
    };
    let mut hits = Vec::new();
    find(&ws, &anchor, &mut hits);
    let h = hits.into_iter().next()?;
    Some((h.period?, h.note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str, published: &str) -> Vec<(String, String, String)> {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let mut w = Words::default();
        super::super::text::words(s, 0, s.len(), &mut w);
        let mut v = Vec::new();
        find(&w, &Anchor::published(p), &mut v);
        v.iter()
            .map(|h| {
                (
                    s[h.start..h.end].to_string(),
                    h.period.map(|p| p.start.to_string()).unwrap_or_default(),
                    h.period.map(|p| p.end.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn written_dates_and_ranges() {
        assert_eq!(
            dates(
                "Forces arrived on December 5, 2024 and left on 7 Dec.",
                "2024-12-10"
            ),
            [
                t("December 5, 2024", "2024-12-05", "2024-12-05"),
                t("7 Dec", "2024-12-07", "2024-12-07")
            ]
        );
        assert_eq!(
            dates(
                "a visit between January 8 and 10, 2025 to Tehran",
                "2025-02-17"
            ),
            [t("January 8 and 10, 2025", "2025-01-08", "2025-01-10")]
        );
        assert_eq!(
            dates(
                "It happened in June 2018, and ISIS rose in 2014.",
                "2024-12-03"
            ),
            [
                t("June 2018", "2018-06-01", "2018-06-30"),
                t("2014", "2014-01-01", "2014-12-31")
            ]
        );
        assert_eq!(
            dates("Monday, 6 November, 2017 - 13:30", "2017-11-06"),
            [t("6 November, 2017", "2017-11-06", "2017-11-06")]
        );
    }

    #[test]
    fn relative_dates_from_publication() {
        // Thursday 5 December 2024
        assert_eq!(
            dates(
                "On Thursday, forces moved; on Monday the head said so.",
                "2024-12-05"
            ),
            [
                t("On Thursday", "2024-12-05", "2024-12-05"),
                t("on Monday", "2024-12-02", "2024-12-02")
            ]
        );
        assert_eq!(
            dates(
                "escaped last Saturday, and yesterday more came",
                "2024-12-08"
            ),
            [
                t("last Saturday", "2024-12-07", "2024-12-07"),
                t("yesterday", "2024-12-07", "2024-12-07")
            ]
        );
        assert_eq!(
            dates("earlier this week and last month", "2024-12-05"),
            [
                t("earlier this week", "2024-12-02", "2024-12-04"),
                t("last month", "2024-11-01", "2024-11-30")
            ]
        );
        // a month without a year after publication is last year's
        assert_eq!(
            dates("in December the regime fell", "2025-02-17"),
            [t("December", "2024-12-01", "2024-12-31")]
        );
        // "may" the verb is no month
        assert!(dates("They may move soon.", "2024-12-29").is_empty());
        // no publication date: the relative date is found but left unresolved
        assert_eq!(dates("on Friday", ""), [t("on Friday", "", "")]);
    }

    #[test]
    fn datelines_and_urls() {
        let t = "Headline\nBy Staff | Monday, 18 June, 2018 - 11:05\nDEIR EZZOR — text";
        assert_eq!(
            dateline_date(t, 0).map(|x| x.0.to_string()),
            Some("2018-06-18".to_string())
        );
        assert_eq!(
            dateline_date(" date 2024-12-06 Shafaq News/ text", 0).map(|x| x.0.to_string()),
            Some("2024-12-06".to_string())
        );
        assert_eq!(
            url_date("https://x.example/2017/11/04/story").map(|x| x.0.to_string()),
            Some("2017-11-04".to_string())
        );
    }
}

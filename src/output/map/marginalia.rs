//! The page around the map: where the frame, the side panel, the header and the footer go, and
//! the words in them (title, subtitle, date of information, sources, credits, projection).

use chrono::NaiveDate;

use crate::dates::{DatePrecision, Period};

use super::clip::Rect;
use super::text::Fonts;
use super::MapInput;

/// "5 Dec 2024".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// An event's date as its label gives it, at the precision it is known to: "5 Dec 2024",
/// "5–7 Dec 2024", "Dec 2024", "Nov–Dec 2024", "2018", "2018–2024"; without the year when the
/// whole map lies in one year ("5 Dec", "Dec"), but never for a date known only to the year.
pub fn when(p: &Period, year: bool) -> String {
    use chrono::Datelike;
    let (a, b) = (p.start, p.end.max(p.start));
    let y = |d: NaiveDate| {
        if year {
            format!(" {}", d.year())
        } else {
            String::new()
        }
    };
    match p.precision {
        DatePrecision::Year => {
            if a.year() == b.year() {
                a.year().to_string()
            } else {
                format!("{}–{}", a.year(), b.year())
            }
        }
        DatePrecision::Month => {
            let m = |d: NaiveDate| d.format("%b").to_string();
            if (a.year(), a.month()) == (b.year(), b.month()) {
                format!("{}{}", m(a), y(a))
            } else if a.year() == b.year() {
                format!("{}–{}{}", m(a), m(b), y(b))
            } else {
                // across the new year the years tell the months apart
                format!("{} {}–{} {}", m(a), a.year(), m(b), b.year())
            }
        }
        DatePrecision::Day | DatePrecision::Week => {
            let dm = |d: NaiveDate| d.format("%-d %b").to_string();
            if a == b {
                format!("{}{}", dm(a), y(a))
            } else if (a.year(), a.month()) == (b.year(), b.month()) {
                format!("{}–{}{}", a.day(), dm(b), y(b))
            } else if a.year() == b.year() {
                format!("{}–{}{}", dm(a), dm(b), y(b))
            } else {
                format!("{} {}–{} {}", dm(a), a.year(), dm(b), b.year())
            }
        }
    }
}

/// The dates of several events of one symbol, in date order, each once: "6 Dec 2024, 29 Dec
/// 2024"; beyond `max` of them the first and the last ("2018 … Dec 2024").
pub fn whens(periods: &[Period], year: bool, max: usize) -> String {
    let mut ps: Vec<&Period> = periods.iter().collect();
    ps.sort_by_key(|p| (p.start, p.end));
    let mut words: Vec<String> = Vec::new();
    for p in ps {
        let w = when(p, year);
        if !words.contains(&w) {
            words.push(w);
        }
    }
    if words.len() > max.max(2) {
        let last = words.pop().unwrap_or_default();
        format!("{} … {last}", words[0])
    } else {
        words.join(", ")
    }
}

/// The page's geometry and its fixed words.
pub struct Page {
    pub w: f64,
    pub h: f64,
    /// Scale of type and furniture relative to the default 1600 x 1000 page.
    pub s: f64,
    pub margin: f64,
    pub title_size: f64,
    pub title_lines: Vec<String>,
    pub sub_size: f64,
    pub sub_lines: Vec<String>,
    pub map_frame: Rect,
    pub panel: Rect,
    /// Footer lines (credits, projection) under the map, first baseline.
    pub footer_y: f64,
    pub footer_size: f64,
}

impl Page {
    pub fn new(input: &MapInput<'_, '_>, fonts: &Fonts) -> Page {
        let o = input.opts;
        let (w, h) = (o.width.max(1) as f64, o.height.max(1) as f64);
        let s = (w / 1600.0).min(h / 1000.0).clamp(0.35, 6.0);
        let margin = 20.0 * s;
        let title_size = 24.0 * s;
        let text_w = w - 2.0 * margin;
        let mut title_lines = fonts.wrap(o.title.trim(), title_size, true, text_w, 2);
        if title_lines.is_empty() {
            title_lines.push(String::new());
        }
        let st = &input.scene.stats;
        let start = st.first_start;
        let end = st.last_end;
        let newest = st.newest_published;
        let mut sub = format!(
            "{} event{}",
            super::draw::thousands(st.total as f64),
            if st.total == 1 { "" } else { "s" }
        );
        if let (Some(a), Some(b)) = (start, end) {
            sub.push_str(&format!(", {} – {}", day(a), day(b)));
        }
        // which years the dates on the map belong to: one, or the ones the labels name
        let years: Vec<i32> = super::years(input.scene).into_iter().collect();
        match years.as_slice() {
            [] => {}
            [y] => sub.push_str(&format!(" · dates on the map are in {y}")),
            [first, .., last] if years.len() > 8 => sub.push_str(&format!(
                " · dates span {} years, {first} to {last}: each label gives its year",
                years.len()
            )),
            _ => {
                let list: Vec<String> = years.iter().map(i32::to_string).collect();
                sub.push_str(&format!(
                    " · dates in {}: each label gives its year",
                    list.join(", ")
                ));
            }
        }
        sub.push_str(" · Filters: ");
        sub.push_str(if o.filters.trim().is_empty() {
            "none"
        } else {
            o.filters.trim()
        });
        if let Some(n) = newest {
            sub.push_str(&format!(
                " · Information as of {} (newest publication)",
                day(n)
            ));
        }
        let sub_size = 13.0 * s;
        let sub_lines = fonts.wrap(&sub, sub_size, false, text_w, 2);
        let header_bottom = margin
            + title_lines.len() as f64 * title_size * 1.2
            + sub_lines.len() as f64 * sub_size * 1.4
            + 10.0 * s;
        let footer_size = 10.5 * s;
        let footer_h = 2.0 * footer_size * 1.45 + 8.0 * s;
        let panel_w = (340.0 * s).min(w * 0.4);
        let gap = 16.0 * s;
        let map_frame = Rect::new(
            margin,
            header_bottom,
            (w - margin - panel_w - gap).max(margin + 50.0),
            (h - margin * 0.6 - footer_h).max(header_bottom + 50.0),
        );
        let panel = Rect::new(
            map_frame.x1 + gap,
            header_bottom,
            w - margin,
            h - margin * 0.6,
        );
        Page {
            w,
            h,
            s,
            margin,
            title_size,
            title_lines,
            sub_size,
            sub_lines,
            map_frame,
            panel,
            footer_y: map_frame.y1 + 6.0 * s + footer_size,
            footer_size,
        }
    }
}

//! The briefing's charts, drawn with plotters' SVG backend into strings:
//!
//! - `timeline.svg`: events per week, month or year of their start (whichever lets the whole
//!   span fit, so that no event is left out), stacked by kind, and the events per actor,
//!   stacked by kind; in both, planned and considered events are hollow bars and denied ones
//!   grey, as on the map;
//! - `profile.svg`: events along the Iraq–Syria border by 25 km of chainage, the Iraqi side
//!   above the axis and the Syrian side below (events elsewhere are counted in a note).
//!
//! Colours are the map's kind colours, so a chart and the map read together.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::event::{EventKind, Status};
use crate::output::map::marginalia_day as day;
use crate::output::map::Look;
use crate::output::palette::kind_color;
use crate::output::palette::Palette;
use crate::output::scene::{
    Scene, PROFILE_BIN_KM as BIN_KM, PROFILE_LOOSE_KM as LOOSE_KM, PROFILE_NEAR_KM as NEAR_KM,
};

/// The charts' legend of kinds: one style, placed where the bars leave room.
fn series_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    pos: SeriesLabelPosition,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(pos)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font((FONT, 12))
        .draw()
}

const FONT: &str = "Noto Sans";
fn look_words(l: Look) -> &'static str {
    match l {
        Look::Reported => "reported",
        Look::Hedged => "planned or considered (hollow)",
        Look::Denied => "denied (grey)",
    }
}

fn denied_paint() -> (RGBColor, RGBColor) {
    let (fill, stroke) = Palette::get().status_paint(EventKind::ALL[0], Status::Denied);
    (rgb(fill), rgb(stroke))
}

/// A bar from `a` to `b` as the map paints the status (reported filled, planned and
/// considered hollow in the kind's colour, denied grey): one rectangle, or a fill and an
/// outline.
fn look_bar(l: Look, c: RGBColor, a: (f64, f64), b: (f64, f64)) -> Vec<Rectangle<(f64, f64)>> {
    match l {
        Look::Reported => vec![Rectangle::new([a, b], c.filled())],
        Look::Hedged => vec![
            Rectangle::new([a, b], WHITE.filled()),
            Rectangle::new([a, b], c.stroke_width(2)),
        ],
        Look::Denied => {
            let (fill, stroke) = denied_paint();
            vec![
                Rectangle::new([a, b], fill.filled()),
                Rectangle::new([a, b], stroke.stroke_width(1)),
            ]
        }
    }
}

fn look_legend(l: Look) -> ShapeStyle {
    match l {
        Look::Reported => RGBColor(110, 110, 110).filled(),
        Look::Hedged => RGBColor(110, 110, 110).stroke_width(2),
        Look::Denied => denied_paint().0.filled(),
    }
}

/// The timeline's bins: weeks, months or years, whichever lets the whole span fit in a few
/// dozen bars, so that no event is left out.
#[derive(Debug, Clone, Copy)]
struct Bins {
    unit: Unit,
    origin: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

/// Weeks and months the timeline shows at most before it counts by a longer unit.
const MAX_WEEKS: i64 = 26;
const MAX_MONTHS: i64 = 36;

fn month_no(d: NaiveDate) -> i64 {
    d.year() as i64 * 12 + d.month0() as i64
}

impl Bins {
    fn for_span(first: NaiveDate, last: NaiveDate) -> Bins {
        let weeks = (monday(last) - monday(first)).num_days() / 7 + 1;
        let months = month_no(last) - month_no(first) + 1;
        if weeks <= MAX_WEEKS {
            Bins {
                unit: Unit::Week,
                origin: monday(first),
            }
        } else if months <= MAX_MONTHS {
            Bins {
                unit: Unit::Month,
                origin: first.with_day(1).unwrap_or(first),
            }
        } else {
            Bins {
                unit: Unit::Year,
                origin: NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first),
            }
        }
    }

    fn index(&self, d: NaiveDate) -> i64 {
        match self.unit {
            Unit::Week => (monday(d) - self.origin).num_days() / 7,
            Unit::Month => month_no(d) - month_no(self.origin),
            Unit::Year => (d.year() - self.origin.year()) as i64,
        }
    }

    /// The first day of bin `i` (of the bin after the last, for `i` = the number of bins).
    fn start(&self, i: i64) -> NaiveDate {
        match self.unit {
            Unit::Week => self.origin + Duration::weeks(i),
            Unit::Month => {
                let m = month_no(self.origin) + i;
                NaiveDate::from_ymd_opt(m.div_euclid(12) as i32, m.rem_euclid(12) as u32 + 1, 1)
                    .unwrap_or(self.origin)
            }
            Unit::Year => {
                NaiveDate::from_ymd_opt(self.origin.year() + i as i32, 1, 1).unwrap_or(self.origin)
            }
        }
    }

    fn label(&self, i: i64) -> String {
        let d = self.start(i);
        match self.unit {
            Unit::Week => d.format("%-d %b").to_string(),
            Unit::Month => d.format("%b %Y").to_string(),
            Unit::Year => d.format("%Y").to_string(),
        }
    }

    fn unit(&self) -> &'static str {
        match self.unit {
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }

    fn desc(&self) -> &'static str {
        match self.unit {
            Unit::Week => "week starting (Monday)",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

fn rgb(hex: &str) -> RGBColor {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0x777777);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

fn err(what: &str) -> impl Fn(DrawingAreaErrorKind<std::io::Error>) -> Error + '_ {
    move |e| Error::Other(format!("{what} could not be drawn: {e}"))
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn out_empty() -> String {
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (400, 100)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let _ = root.draw(&Text::new("No events", (20, 50), (FONT, 20).into_font()));
        let _ = root.present();
    }
    s
}

/// `timeline.svg`.
pub fn timeline(scene: &Scene<'_>) -> Result<String> {
    let st = &scene.stats;
    let (w, h) = (1200u32, 820u32);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        let e = err("timeline.svg");
        root.fill(&WHITE).map_err(&e)?;
        let (top, bottom) = root.split_vertically(430);

        // per week, stacked by kind
        let last = st.last_start;
        let first = st.first_start;
        let (Some(first), Some(last)) = (first, last) else {
            root.draw(&Text::new("No events", (40, 40), (FONT, 20).into_font()))
                .map_err(&e)?;
            root.present().map_err(&e)?;
            return Ok(out_empty());
        };
        // bins that follow the span, so that every event is in a bar
        let bins = Bins::for_span(first, last);
        let n_bins = bins.index(last) + 1;
        let mut binned: BTreeMap<(i64, EventKind, Look), u32> = BTreeMap::new();
        for ((s, kind, status), n) in &st.by_start {
            *binned
                .entry((bins.index(*s), *kind, Look::of(*status)))
                .or_default() += *n as u32;
        }
        let kinds: BTreeSet<EventKind> = st.kinds.keys().map(|(k, _)| *k).collect();
        let looks: BTreeSet<Look> = st.kinds.keys().map(|(_, s)| Look::of(*s)).collect();
        let mut totals: BTreeMap<i64, u32> = BTreeMap::new();
        for ((b, _, _), n) in &binned {
            *totals.entry(*b).or_default() += n;
        }
        let ymax = totals.values().copied().max().unwrap_or(1).max(1) + 1;
        let caption = format!(
            "Events per {} of their start, {} – {}",
            bins.unit(),
            day(bins.start(0)),
            day(bins.start(n_bins) - Duration::days(1))
        );
        let mut chart = ChartBuilder::on(&top)
            .caption(caption, (FONT, 20).into_font().style(FontStyle::Bold))
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..(n_bins as f64 - 0.5), 0f64..ymax as f64)
            .map_err(&e)?;
        let every = (n_bins / 24 + 1).max(1);
        let bin_label = |x: &f64| {
            let i = x.round() as i64;
            if (x - i as f64).abs() > 0.01 || i < 0 || i >= n_bins || i % every != 0 {
                return String::new();
            }
            bins.label(i)
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n_bins as usize)
            .x_label_formatter(&bin_label)
            .y_labels((ymax as usize).min(10))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_desc("events")
            .x_desc(bins.desc())
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .light_line_style(RGBColor(240, 240, 240))
            .max_light_lines(1)
            .draw()
            .map_err(&e)?;
        let mut base: BTreeMap<i64, u32> = BTreeMap::new();
        for k in &kinds {
            let c = rgb(kind_color(*k));
            let mut rects = Vec::new();
            for look in &looks {
                for b in 0..n_bins {
                    let n = binned.get(&(b, *k, *look)).copied().unwrap_or(0);
                    if n == 0 {
                        continue;
                    }
                    let y0 = base.entry(b).or_default();
                    rects.extend(look_bar(
                        *look,
                        c,
                        (b as f64 - 0.38, *y0 as f64),
                        (b as f64 + 0.38, (*y0 + n) as f64),
                    ));
                    *y0 += n;
                }
            }
            // every kind the events have gets a legend entry, even with no bar in the window:
            // the actor chart below uses the same colours and refers to this legend
            chart
                .draw_series(rects)
                .map_err(&e)?
                .label(k.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        }
        // the looks other than reported, in the legend
        for look in looks.iter().filter(|l| **l != Look::Reported) {
            let l = *look;
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
                .map_err(&e)?
                .label(look_words(l))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], look_legend(l))
                });
        }
        series_legend(&mut chart, SeriesLabelPosition::UpperLeft).map_err(&e)?;

        // per actor, stacked by kind, the whole period
        let mut per_actor: BTreeMap<String, BTreeMap<(EventKind, Look), u32>> = BTreeMap::new();
        for (a, counts) in &st.by_actor {
            let m = per_actor.entry(a.key().to_string()).or_default();
            for ((k, status), n) in counts {
                *m.entry((*k, Look::of(*status))).or_default() += *n as u32;
            }
        }
        let actor_names: BTreeMap<String, String> = st
            .by_actor
            .keys()
            .map(|a| (a.key().to_string(), scene.actor_name(a)))
            .collect();
        let mut ranked: Vec<(String, u32)> = per_actor
            .iter()
            .map(|(a, m)| (a.clone(), m.values().sum()))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown = ranked.len().min(12);
        let left_out = ranked.len() - shown;
        ranked.truncate(shown);
        let names: Vec<String> = ranked
            .iter()
            .map(|(id, _)| {
                let n = actor_names.get(id).cloned().unwrap_or_else(|| id.clone());
                if n.chars().count() > 34 {
                    format!("{}…", n.chars().take(33).collect::<String>())
                } else {
                    n
                }
            })
            .collect();
        let xmax = ranked.first().map(|x| x.1).unwrap_or(1).max(1) + 1;
        let caption = format!(
            "Events per actor, {} – {} (colours as above; an event with several actors counts for each){}",
            day(first),
            day(st.last_end.unwrap_or(last)),
            if left_out > 0 {
                format!("; {left_out} more actors not shown")
            } else {
                String::new()
            }
        );
        let n = shown.max(1) as f64;
        let mut chart = ChartBuilder::on(&bottom)
            .caption(caption, (FONT, 16).into_font().style(FontStyle::Bold))
            .margin(16)
            .x_label_area_size(30)
            .y_label_area_size(250)
            .build_cartesian_2d(0f64..xmax as f64, -0.5f64..(n - 0.5))
            .map_err(&e)?;
        let actor_label = |y: &f64| {
            let i = y.round();
            if (y - i).abs() > 0.01 || i < 0.0 || i >= n {
                return String::new();
            }
            // the busiest actor at the top
            names
                .get((n - 1.0 - i) as usize)
                .cloned()
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(shown.max(1))
            .y_label_formatter(&actor_label)
            .x_labels((xmax as usize).min(12))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_desc("events")
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .light_line_style(RGBColor(240, 240, 240))
            .max_light_lines(1)
            .draw()
            .map_err(&e)?;
        let mut base: Vec<u32> = vec![0; shown];
        for k in &kinds {
            let c = rgb(kind_color(*k));
            let mut rects = Vec::new();
            for look in &looks {
                for (i, (id, _)) in ranked.iter().enumerate() {
                    let v = per_actor
                        .get(id)
                        .and_then(|m| m.get(&(*k, *look)))
                        .copied()
                        .unwrap_or(0);
                    if v == 0 {
                        continue;
                    }
                    let y = n - 1.0 - i as f64;
                    rects.extend(look_bar(
                        *look,
                        c,
                        (base[i] as f64, y - 0.35),
                        ((base[i] + v) as f64, y + 0.35),
                    ));
                    base[i] += v;
                }
            }
            chart.draw_series(rects).map_err(&e)?;
        }
        root.present().map_err(&e)?;
    }
    Ok(out)
}

/// `profile.svg`.
pub fn profile(scene: &Scene<'_>) -> Result<String> {
    let (w, h) = (1200u32, 620u32);
    let len = scene.basemap.border.length_km();
    let bins = ((len / BIN_KM).ceil() as usize).max(1);
    let p = &scene.stats.profile;
    let empty = vec![BTreeMap::new(); bins];
    let iq = if p.iraq.is_empty() { &empty } else { &p.iraq };
    let sy = if p.syria.is_empty() { &empty } else { &p.syria };
    let (far, loose, elsewhere) = (p.far, p.loose, p.elsewhere);
    let tot = |v: &Vec<BTreeMap<EventKind, u32>>| {
        v.iter().map(|m| m.values().sum::<u32>()).max().unwrap_or(0)
    };
    let ymax = (tot(iq).max(tot(sy)) + 1) as f64;
    let kinds: BTreeSet<EventKind> = iq
        .iter()
        .chain(sy.iter())
        .flat_map(|m| m.keys().copied())
        .collect();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        let e = err("profile.svg");
        root.fill(&WHITE).map_err(&e)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!(
                    "Events along the Iraq–Syria border, by {BIN_KM:.0} km of chainage from the Turkish tripoint (within {NEAR_KM:.0} km of the border)"
                ),
                (FONT, 17).into_font().style(FontStyle::Bold),
            )
            .margin(18)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..(bins as f64 * BIN_KM), -ymax..ymax)
            .map_err(&e)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(bins / 2 + 1)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_labels(((2.0 * ymax) as usize + 1).min(13))
            .y_label_formatter(&|y| format!("{:.0}", y.abs()))
            .x_desc("km along the border, north (Turkey) to south (Jordan)")
            .y_desc("events: Iraq above, Syria below")
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 13))
            .light_line_style(RGBColor(240, 240, 240))
            .max_light_lines(1)
            .draw()
            .map_err(&e)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (bins as f64 * BIN_KM, 0.0)],
                RGBColor(109, 26, 26).stroke_width(2),
            )))
            .map_err(&e)?;
        let mut up = vec![0u32; bins];
        let mut down = vec![0u32; bins];
        for k in &kinds {
            let c = rgb(kind_color(*k));
            let mut rects = Vec::new();
            for b in 0..bins {
                let x0 = b as f64 * BIN_KM + 2.0;
                let x1 = (b + 1) as f64 * BIN_KM - 2.0;
                let n = iq[b].get(k).copied().unwrap_or(0);
                if n > 0 {
                    rects.push(Rectangle::new(
                        [(x0, up[b] as f64), (x1, (up[b] + n) as f64)],
                        c.filled(),
                    ));
                    up[b] += n;
                }
                let n = sy[b].get(k).copied().unwrap_or(0);
                if n > 0 {
                    rects.push(Rectangle::new(
                        [(x0, -(down[b] as f64)), (x1, -((down[b] + n) as f64))],
                        c.filled(),
                    ));
                    down[b] += n;
                }
            }
            chart
                .draw_series(rects)
                .map_err(&e)?
                .label(k.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        }
        series_legend(&mut chart, SeriesLabelPosition::UpperRight).map_err(&e)?;
        let style = (FONT, 14)
            .into_font()
            .style(FontStyle::Bold)
            .color(&RGBColor(90, 90, 90));
        root.draw(&Text::new(
            "IRAQI SIDE (above the axis)",
            (100, 56),
            style.clone(),
        ))
        .map_err(&e)?;
        root.draw(&Text::new(
            "SYRIAN SIDE (below the axis)",
            (100, (h - 80) as i32),
            style,
        ))
        .map_err(&e)?;
        let note = format!(
            "Not shown: {far} event{} more than {NEAR_KM:.0} km from the border, {loose} located only to an area wider than {LOOSE_KM:.0} km (a governorate, a country, the whole border){}. Chainage: the nearest border point (the crossing point for a movement that crosses).",
            if far == 1 { "" } else { "s" },
            if elsewhere > 0 { format!(", {elsewhere} on neither side") } else { String::new() }
        );
        root.draw(&Text::new(
            note,
            (20, (h - 14) as i32),
            (FONT, 12).into_font().color(&RGBColor(90, 90, 90)),
        ))
        .map_err(&e)?;
        root.present().map_err(&e)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_bins_follow_the_span_and_hold_every_day_of_it() {
        for (first, last, unit) in [
            ("2024-12-01", "2025-02-28", Unit::Week),
            ("2024-01-01", "2025-06-30", Unit::Month),
            ("2003-01-01", "2025-02-28", Unit::Year),
            ("2024-12-05", "2024-12-05", Unit::Week),
        ] {
            let (f, l) = (d(first), d(last));
            let b = Bins::for_span(f, l);
            assert_eq!(b.unit, unit, "{first}..{last}");
            let n = b.index(l) + 1;
            assert!(n <= MAX_MONTHS.max(MAX_WEEKS) || unit == Unit::Year);
            // every day of the span falls in a bin that starts on or before it and ends after it
            let mut day = f;
            while day <= l {
                let i = b.index(day);
                assert!(
                    (0..n).contains(&i),
                    "{day} outside the {n} bins of {first}..{last}"
                );
                assert!(
                    b.start(i) <= day && day < b.start(i + 1),
                    "{day} in bin {i}"
                );
                day += Duration::days(1);
            }
        }
    }
}

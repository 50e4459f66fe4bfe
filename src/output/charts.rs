//! The briefing's charts, drawn with plotters' SVG backend into strings:
//!
//! - `timeline.svg`: events per week, stacked by kind, over the recent weeks of the events'
//!   period (an event is counted in the week it starts; events that start before the window are
//!   counted in a note), and the events per actor, stacked by kind, over the whole period;
//! - `profile.svg`: events along the Iraq–Syria border by 25 km of chainage, the Iraqi side
//!   above the axis and the Syrian side below (events elsewhere are counted in a note).
//!
//! Colours are the map's kind colours, so a chart and the map read together.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::event::EventKind;
use crate::output::map::marginalia_day as day;
use crate::output::palette::kind_color;
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
/// Weeks the timeline shows at most, ending at the week of the latest start.
const MAX_WEEKS: i64 = 16;

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
        let w_end = monday(last);
        let w_start = monday(first).max(w_end - Duration::weeks(MAX_WEEKS - 1));
        let n_weeks = ((w_end - w_start).num_days() / 7 + 1).max(1);
        let mut weekly: BTreeMap<(i64, EventKind), u32> = BTreeMap::new();
        let mut before = 0;
        let mut before_first: Option<NaiveDate> = None;
        for ((s, kind, _), n) in &st.by_start {
            let (s, n) = (*s, *n as u32);
            if s < w_start {
                before += n;
                before_first = Some(before_first.map_or(s, |b: NaiveDate| b.min(s)));
                continue;
            }
            let wk = (monday(s) - w_start).num_days() / 7;
            *weekly.entry((wk, *kind)).or_default() += n;
        }
        let kinds: BTreeSet<EventKind> = st.kinds.keys().map(|(k, _)| *k).collect();
        let mut totals: BTreeMap<i64, u32> = BTreeMap::new();
        for ((wk, _), n) in &weekly {
            *totals.entry(*wk).or_default() += n;
        }
        let ymax = totals.values().copied().max().unwrap_or(1).max(1) + 1;
        let caption = format!(
            "Events per week of their start, {} – {}",
            day(w_start),
            day(w_start + Duration::weeks(n_weeks) - Duration::days(1))
        );
        let mut chart = ChartBuilder::on(&top)
            .caption(caption, (FONT, 20).into_font().style(FontStyle::Bold))
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..(n_weeks as f64 - 0.5), 0f64..ymax as f64)
            .map_err(&e)?;
        let week_label = |x: &f64| {
            let i = x.round() as i64;
            if (x - i as f64).abs() > 0.01 || i < 0 || i >= n_weeks {
                return String::new();
            }
            (w_start + Duration::weeks(i)).format("%-d %b").to_string()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n_weeks as usize)
            .x_label_formatter(&week_label)
            .y_labels((ymax as usize).min(10))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_desc("events")
            .x_desc("week starting (Monday)")
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
            for wk in 0..n_weeks {
                let n = weekly.get(&(wk, *k)).copied().unwrap_or(0);
                if n == 0 {
                    continue;
                }
                let b = base.entry(wk).or_default();
                rects.push(Rectangle::new(
                    [
                        (wk as f64 - 0.38, *b as f64),
                        (wk as f64 + 0.38, (*b + n) as f64),
                    ],
                    c.filled(),
                ));
                *b += n;
            }
            // every kind the events have gets a legend entry, even with no bar in the window:
            // the actor chart below uses the same colours and refers to this legend
            chart
                .draw_series(rects)
                .map_err(&e)?
                .label(k.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        }
        series_legend(&mut chart, SeriesLabelPosition::UpperLeft).map_err(&e)?;
        if before > 0 {
            let note = format!(
                "Not in the weekly bars: {before} event{} that start{} earlier ({} – {}); all are in the actor chart below.",
                if before == 1 { "" } else { "s" },
                if before == 1 { "s" } else { "" },
                day(before_first.unwrap_or(w_start)),
                day(w_start - Duration::days(1)),
            );
            top.draw(&Text::new(
                note,
                (70, 412),
                (FONT, 12).into_font().color(&RGBColor(90, 90, 90)),
            ))
            .map_err(&e)?;
        }

        // per actor, stacked by kind, the whole period
        let mut per_actor: BTreeMap<String, BTreeMap<EventKind, u32>> = BTreeMap::new();
        for (a, counts) in &st.by_actor {
            let m = per_actor.entry(a.key().to_string()).or_default();
            for ((k, _), n) in counts {
                *m.entry(*k).or_default() += *n as u32;
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
            for (i, (id, _)) in ranked.iter().enumerate() {
                let v = per_actor
                    .get(id)
                    .and_then(|m| m.get(k))
                    .copied()
                    .unwrap_or(0);
                if v == 0 {
                    continue;
                }
                let y = n - 1.0 - i as f64;
                rects.push(Rectangle::new(
                    [(base[i] as f64, y - 0.35), ((base[i] + v) as f64, y + 0.35)],
                    c.filled(),
                ));
                base[i] += v;
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

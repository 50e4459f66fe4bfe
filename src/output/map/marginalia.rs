//! The page around the map: where the frame, the side panel, the header and the footer go, and
//! the words in them (title, subtitle, date of information, sources, credits, projection).

use chrono::NaiveDate;

use super::clip::Rect;
use super::text::Fonts;
use super::MapInput;

/// "5 Dec 2024".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
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

//! Text metrics from the fonts the map ships with, so that label boxes are the boxes the
//! renderer will draw: runs of Arabic script are shaped with Noto Sans Arabic, the rest with
//! Noto Sans (bold where asked), by rustybuzz, the shaper usvg itself uses.

use crate::error::{Error, Result};
use crate::output::fonts;

/// The shipped faces, parsed once per render.
pub struct Fonts {
    regular: rustybuzz::Face<'static>,
    bold: rustybuzz::Face<'static>,
    arabic: rustybuzz::Face<'static>,
}

/// Whether a character is in Arabic script.
pub fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Whether any character of `s` is in Arabic script.
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(is_arabic)
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        let face = |name: &str, data: &'static [u8]| {
            rustybuzz::Face::from_slice(data, 0)
                .ok_or_else(|| Error::Other(format!("the shipped font {name} could not be read")))
        };
        Ok(Fonts {
            regular: face("NotoSans-Regular.ttf", fonts::NOTO_SANS_REGULAR)?,
            bold: face("NotoSans-Bold.ttf", fonts::NOTO_SANS_BOLD)?,
            arabic: face("NotoSansArabic-Regular.ttf", fonts::NOTO_SANS_ARABIC)?,
        })
    }

    fn run_width(face: &rustybuzz::Face<'_>, s: &str) -> f64 {
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(s);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(face, &[], buf);
        let adv: i64 = out
            .glyph_positions()
            .iter()
            .map(|p| p.x_advance as i64)
            .sum();
        adv as f64 / face.units_per_em() as f64
    }

    /// The advance width of `s` at `size` px.
    pub fn width(&self, s: &str, size: f64, bold: bool) -> f64 {
        let latin = if bold { &self.bold } else { &self.regular };
        let mut total = 0.0;
        let mut run = String::new();
        let mut run_ar = false;
        for c in s.chars() {
            let neutral = c.is_whitespace() || c.is_ascii_punctuation();
            let ar = if neutral { run_ar } else { is_arabic(c) };
            if ar != run_ar && !run.is_empty() {
                total += Self::run_width(if run_ar { &self.arabic } else { latin }, &run);
                run.clear();
            }
            run_ar = ar;
            run.push(c);
        }
        if !run.is_empty() {
            total += Self::run_width(if run_ar { &self.arabic } else { latin }, &run);
        }
        total * size
    }

    /// `s` cut to fit `max` px, ending in an ellipsis when cut.
    pub fn fit(&self, s: &str, size: f64, bold: bool, max: f64) -> String {
        if self.width(s, size, bold) <= max {
            return s.to_string();
        }
        let chars: Vec<char> = s.chars().collect();
        // binary search on the number of characters kept
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let t: String = chars[..mid]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
                + "…";
            if self.width(&t, size, bold) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        chars[..lo]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…"
    }

    /// `s` wrapped at spaces into lines of at most `max` px; at most `max_lines` lines, the last
    /// ending in an ellipsis when text was left out. A word longer than a line is cut.
    pub fn wrap(&self, s: &str, size: f64, bold: bool, max: f64, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        let words: Vec<&str> = s.split_whitespace().collect();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            let cand = if cur.is_empty() {
                w.to_string()
            } else {
                format!("{cur} {w}")
            };
            if self.width(&cand, size, bold) <= max {
                cur = cand;
                i += 1;
                continue;
            }
            if cur.is_empty() {
                // a word wider than the line: cut it
                cur = self.fit(w, size, bold, max);
                i += 1;
            }
            lines.push(std::mem::take(&mut cur));
            if lines.len() == max_lines {
                break;
            }
        }
        if !cur.is_empty() && lines.len() < max_lines {
            lines.push(cur);
            i = words.len();
        }
        if i < words.len() || lines.len() > max_lines {
            lines.truncate(max_lines.max(1));
            if let Some(last) = lines.last_mut() {
                let t = format!("{} …", last.trim_end_matches('…'));
                *last = self.fit(&t, size, bold, max);
                if !last.ends_with('…') {
                    last.push('…');
                }
            }
        }
        lines
    }
}

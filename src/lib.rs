//! # bordermap
//!
//! Gazetteer, event layer and map renderers for armed groups' movements along the Iraq–Syria
//! border and the Euphrates corridor.
//!
//! ```
//! use bordermap::gazetteer::Gazetteer;
//! let g = Gazetteer::builtin().unwrap();
//! let hits = g.lookup("Abu Kamal");
//! assert!(!hits.is_empty());
//! ```
//!
//! Modules, from the ground up:
//! - [`fold`]: folding spellings (Latin transliterations, Arabic script) into comparable keys.
//! - [`nameindex`]: the flat name index those keys are looked up in.
//! - [`gazetteer`]: sites, their tiers, look-up and validation.
//! - [`border`]: distance to the Iraq–Syria border, side, chainage.
//! - [`actors`]: the actor registry.
//! - [`dates`]: event dates, ranges and relative dates.
//! - [`report`]: report files and their validation.
//! - [`resolve`]: events resolved once to geometry, uncertainty and derived figures.
//! - [`error`]: diagnostics that name file, line and value.

pub mod actors;
pub mod border;
pub mod data;
pub mod dates;
pub mod error;
pub mod fold;
pub mod gazetteer;
pub mod nameindex;
pub mod report;
pub mod resolve;

/// One CSV row (RFC 4180 quoting), ending in a newline.
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push('\n');
    out
}
pub mod output;

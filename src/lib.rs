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
//! - [`text`]: text that cannot deceive (direction overrides and control characters removed).
//! - [`error`]: diagnostics that name file, line and value; the line index behind them.
//! - [`tomlread`]: TOML files read field by field, every problem located.
//! - [`fold`]: folding spellings (Latin transliterations, Arabic script) into comparable keys.
//! - [`nameindex`]: the flat name index those keys are looked up in.
//! - [`gazetteer`]: sites, their tiers, look-up and validation.
//! - [`geom`]: geodesic circles, buffers and distances.
//! - [`border`]: distance to the Iraq–Syria border, side, chainage.
//! - [`actors`]: the actor registry.
//! - [`dates`]: event dates, ranges and relative dates.
//! - [`event`]: event drafts from any source, and validated events.
//! - [`validate`]: the one validator every draft passes.
//! - [`report`]: report files, read into drafts.
//! - [`import`]: ACLED and UCDP GED exports, read a row at a time into drafts.
//! - [`resolve`]: events resolved once to geometry, uncertainty and derived figures.
//! - [`draft`]: a report drafted from an article's text.
//! - [`pipeline`]: from input files to one stream of resolved events.
//! - [`basemap`]: the border, areas and rivers every product draws on.
//! - [`output`]: the feature sinks, the scene, the map, the charts, and `render`.

pub mod actors;
pub mod basemap;
pub mod border;
pub mod data;
pub mod dates;
pub mod draft;
pub mod error;
pub mod event;
pub mod fold;
pub mod gazetteer;
pub mod geom;
pub mod import;
pub mod nameindex;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod resolve;
pub mod text;
pub mod tomlread;
pub mod validate;

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

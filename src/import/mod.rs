//! ACLED and UCDP GED exports as event sources: a CSV file read a row at a time, each row a
//! located [`EventDraft`] for the one validator, in constant memory whatever the file's size.
//!
//! The format is told from the header (`event_id_cnty` … `sub_event_type` is ACLED;
//! `relid` … `where_prec` … `date_prec` is UCDP GED), columns are found by name (any order,
//! any case, extra columns ignored), and each row keeps its own fields ([`ImportFields`]).
//! Actors are matched to the registry where it knows them (ACLED's "Military Forces of Iraq
//! (2022-)" is the Iraqi Army) and kept verbatim where not.

/// The columns a format reads: a constant for each (its slot) and their names in slot order
/// (`COLUMNS`), found in a file's header once.
macro_rules! columns {
    ($($slot:ident = $name:literal),+ $(,)?) => {
        columns!(@slots 0usize, $($slot),+);
        /// The columns this format reads, by slot.
        pub const COLUMNS: &[&str] = &[$($name),+];
    };
    (@slots $n:expr, $first:ident $(, $rest:ident)*) => {
        pub const $first: usize = $n;
        columns!(@slots $n + 1usize, $($rest),*);
    };
    (@slots $n:expr,) => {};
}

pub mod acled;
pub mod csvread;
pub mod ucdp;

use rustc_hash::FxHashMap as HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use crate::actors::Actors;
use crate::error::{Diagnostic, Error, Location, Result};
use crate::event::{ActorDraft, At, EventDraft, Source, SourceFormat};
use csvread::{CsvRows, Row};

/// A CSV export's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Acled,
    Ucdp,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
        }
    }
}

/// Tells the layout from a header's column names (case-insensitive).
pub fn detect(header: &[String]) -> Option<Format> {
    let has = |n: &str| header.iter().any(|h| h.eq_ignore_ascii_case(n));
    if has("event_id_cnty") && has("sub_event_type") && has("event_type") {
        Some(Format::Acled)
    } else if has("where_prec") && has("date_prec") && (has("relid") || has("side_a")) {
        Some(Format::Ucdp)
    } else {
        None
    }
}

/// Whether a file looks like CSV (by its extension) rather than a report.
pub fn is_csv_path(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

/// Column positions by lower-case name.
#[derive(Clone)]
pub struct Columns {
    by_name: HashMap<String, usize>,
    pub names: Vec<String>,
}

impl Columns {
    fn new(header: &[String]) -> Columns {
        let mut by_name = HashMap::default();
        for (i, h) in header.iter().enumerate() {
            by_name.entry(h.trim().to_ascii_lowercase()).or_insert(i);
        }
        Columns {
            by_name,
            names: header.to_vec(),
        }
    }

    pub fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

/// What every row of an export shares: the file, its layout and columns, and the source.
#[derive(Clone)]
pub struct Export {
    pub file: Arc<str>,
    pub format: Format,
    pub cols: Columns,
    pub source: Arc<Source>,
    /// The header's number of columns.
    pub width: usize,
}

/// What a row reader needs: the file, its columns, the source, and the actor registry.
pub struct RowContext<'a> {
    pub file: Arc<str>,
    pub cols: Columns,
    pub source: Arc<Source>,
    pub actors: &'a Actors,
    pub format: Format,
    width: usize,
    /// Each of the format's columns' place in the file.
    idx: Vec<Option<usize>>,
    names: &'static [&'static str],
    cache: HashMap<String, ActorDraft>,
}

/// The registry's spelling of an export's actor name: ACLED appends the era ("Military
/// Forces of Iraq (2022-)") or the country ("Islamic State (Iraq)"), and prefixes acronyms
/// ("SDF: Syrian Democratic Forces").
fn name_candidates(n: &str) -> Vec<String> {
    let mut out = vec![n.to_string()];
    let mut base = n.trim();
    while let Some(open) = base.rfind(" (") {
        if base.ends_with(')') {
            base = base[..open].trim();
            out.push(base.to_string());
        } else {
            break;
        }
    }
    if let Some((a, b)) = base.split_once(": ") {
        out.push(b.trim().to_string());
        out.push(a.trim().to_string());
    }
    out
}

impl<'a> RowContext<'a> {
    /// A reader of an export's rows. Its file name and source are copies of the export's
    /// own, so that readers on several threads share no reference count.
    pub fn new(export: &Export, actors: &'a Actors) -> RowContext<'a> {
        let names = match export.format {
            Format::Acled => acled::COLUMNS,
            Format::Ucdp => ucdp::COLUMNS,
        };
        RowContext {
            idx: names.iter().map(|n| export.cols.get(n)).collect(),
            names,
            file: Arc::from(&*export.file),
            cols: export.cols.clone(),
            source: Arc::new((*export.source).clone()),
            actors,
            format: export.format,
            width: export.width,
            cache: HashMap::default(),
        }
    }

    /// A row as a draft, or the row's problems.
    pub fn draft(&mut self, row: &Row) -> std::result::Result<EventDraft, Vec<Diagnostic>> {
        let origin = || Location::at(&self.file, row.line as usize, 1);
        if !row.is_text() {
            return Err(vec![Diagnostic::error(
                origin(),
                "the row is not UTF-8 text: save the export as UTF-8 CSV",
            )]);
        }
        if row.len() != self.width {
            return Err(vec![Diagnostic::error(
                origin(),
                format!(
                    "the row has {} columns, the header {}: a missing or extra comma, or an unclosed quote",
                    row.len(),
                    self.width
                ),
            )]);
        }
        match self.format {
            Format::Acled => acled::draft(self, row),
            Format::Ucdp => ucdp::draft(self, row),
        }
    }

    /// A registry id for a name the registry knows, else the name verbatim.
    pub fn actor(&mut self, name: &str) -> ActorDraft {
        if let Some(a) = self.cache.get(name) {
            return a.clone();
        }
        let found = name_candidates(name)
            .iter()
            .find_map(|c| self.actors.find(c).first().map(|a| a.id.clone()));
        let a = match found {
            Some(id) => ActorDraft::Id(id),
            None => ActorDraft::Name(name.to_string()),
        };
        if self.cache.len() < 50_000 {
            self.cache.insert(name.to_string(), a.clone());
        }
        a
    }

    /// The location of field `i` of a row.
    pub fn loc(&self, row: &Row, i: usize) -> Location {
        match row.pos.get(i) {
            Some(&(l, c)) => Location::at(&self.file, l as usize, c as usize),
            None => Location::at(&self.file, row.line as usize, 0),
        }
    }

    /// Where column `c` of the format (a slot of its [`acled::COLUMNS`] or
    /// [`ucdp::COLUMNS`]) is in the file.
    fn index(&self, c: usize) -> Option<usize> {
        self.idx.get(c).copied().flatten()
    }

    /// The name of column `c`.
    pub fn name(&self, c: usize) -> &'static str {
        self.names.get(c).copied().unwrap_or("")
    }

    /// The location of column `c` in a row (the row's when the file has no such column).
    pub fn loc_of(&self, row: &Row, c: usize) -> Location {
        match self.index(c) {
            Some(i) => self.loc(row, i),
            None => Location::at(&self.file, row.line as usize, 0),
        }
    }

    /// The value of column `c` ("" when the file has no such column).
    pub fn val<'r>(&self, row: &'r Row, c: usize) -> &'r str {
        self.index(c).map_or("", |i| row.get(i).trim_ascii())
    }

    /// The value and location of column `c`.
    pub fn at<'r>(&self, row: &'r Row, c: usize) -> (&'r str, Location) {
        (self.val(row, c), self.loc_of(row, c))
    }

    /// The actors named by a list of columns (`a; b` lists split).
    pub fn actors_of(&mut self, row: &Row, cols: &[usize]) -> Vec<At<ActorDraft>> {
        let mut out = Vec::with_capacity(4);
        for &c in cols {
            let Some(i) = self.index(c) else { continue };
            let v = row.get(i);
            if v.trim_ascii().is_empty() {
                continue;
            }
            let loc = self.loc(row, i);
            for part in v.split(';') {
                let part = crate::text::clean(part.trim());
                if part.is_empty() {
                    continue;
                }
                let a = self.actor(&part);
                if !out.iter().any(|x: &At<ActorDraft>| x.value == a) {
                    out.push(At::new(a, loc.clone()));
                }
            }
        }
        out
    }

    /// A cleaned text value.
    pub fn text(&self, row: &Row, c: usize) -> String {
        self.clean_of(row, c).into_owned()
    }

    /// A cleaned text value, borrowed from the row when it needs no cleaning.
    pub fn clean_of<'r>(&self, row: &'r Row, c: usize) -> std::borrow::Cow<'r, str> {
        let v = self.val(row, c);
        if row.is_clean() {
            std::borrow::Cow::Borrowed(v)
        } else {
            crate::text::clean(v)
        }
    }

    /// The import fields of a row: each column's cleaned text, in one string.
    pub fn import_texts(
        &self,
        row: &Row,
        cols: [usize; crate::event::IMPORT_TEXTS],
    ) -> crate::event::ImportTexts {
        let mut b = crate::event::ImportTexts::builder();
        b.reserve(cols.iter().map(|&c| self.val(row, c).len()).sum());
        for c in cols {
            b.push(&self.clean_of(row, c));
        }
        b.finish()
    }
}

/// A parsed number, or a located error naming the column and the value.
pub fn number<T: std::str::FromStr>(
    ctx: &RowContext<'_>,
    row: &Row,
    c: usize,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let v = ctx.val(row, c);
    if v.is_empty() {
        return None;
    }
    match v.parse::<T>() {
        Ok(x) => Some(x),
        Err(_) => {
            diags.push(Diagnostic::error(
                ctx.loc_of(row, c),
                format!("{} {:?} is not {what}", ctx.name(c), crate::text::clean(v)),
            ));
            None
        }
    }
}

/// An export read a row at a time.
pub struct Importer<'a, R: Read = BufReader<File>> {
    rows: CsvRows<R>,
    row: Row,
    pub ctx: RowContext<'a>,
    pub export: Export,
    pub format: Format,
    /// The file's size in bytes (for progress).
    pub size: u64,
}

/// The source behind every row of an export file.
fn source_of(path: &Path, shown: &Arc<str>, format: Format) -> Source {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("export");
    let slug: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let (publisher, url, fmt) = match format {
        Format::Acled => (
            "ACLED (Armed Conflict Location & Event Data)",
            "https://acleddata.com",
            SourceFormat::Acled,
        ),
        Format::Ucdp => (
            "UCDP Georeferenced Event Dataset",
            "https://ucdp.uu.se",
            SourceFormat::Ucdp,
        ),
    };
    Source {
        id: format!(
            "{}-{}",
            format.as_str(),
            if slug.is_empty() {
                "export".into()
            } else {
                slug
            }
        ),
        format: fmt,
        publisher: publisher.into(),
        title: path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("export")
            .to_string(),
        url: url.into(),
        published: None,
        published_note: None,
        // a curated dataset coded from several sources: usually reliable, each row possibly
        // true (the row's own sources are in `sources`)
        reliability: 'B',
        scale: String::new(),
        seed: None,
        file: shown.clone(),
    }
}

impl<'a> Importer<'a> {
    /// Opens an export, reads its header and tells its format (`force` overrides the header).
    pub fn open(path: &Path, force: Option<Format>, actors: &'a Actors) -> Result<Importer<'a>> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, e))?;
        if !meta.is_file() {
            return Err(Error::Usage(format!("{shown}: not a regular file")));
        }
        let f = File::open(path).map_err(|e| Error::io(&shown, e))?;
        let mut imp =
            Importer::from_reader(BufReader::with_capacity(1 << 18, f), path, force, actors)?;
        imp.size = meta.len();
        Ok(imp)
    }
}

impl<'a, R: Read> Importer<'a, R> {
    /// An export read from any reader; `path` names it (and its source id).
    pub fn from_reader(
        input: R,
        path: &Path,
        force: Option<Format>,
        actors: &'a Actors,
    ) -> Result<Importer<'a, R>> {
        let shown = path.display().to_string();
        let file: Arc<str> = Arc::from(shown.as_str());
        let mut rows = CsvRows::new(input, file.clone());
        let mut row = Row::default();
        let has = rows
            .next_row(&mut row)
            .map_err(|d| Error::Invalid(vec![d]))?;
        if !has {
            return Err(Error::Usage(format!(
                "{shown}: empty file: expected an ACLED or UCDP GED export with a header row"
            )));
        }
        if !row.is_text() {
            return Err(Error::at(
                Location::at(&file, 1, 1),
                "the header is not UTF-8 text: save the export as UTF-8 CSV",
            ));
        }
        let header: Vec<String> = (0..row.len())
            .map(|i| row.get(i).trim().to_string())
            .collect();
        let format = match force.or_else(|| detect(&header)) {
            Some(f) => f,
            None => {
                let shown_header: String = header
                    .iter()
                    .take(8)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Error::at(
                    Location::at(&file, 1, 1),
                    format!(
                        "the header is neither an ACLED export's (event_id_cnty, event_date, event_type, sub_event_type, ..., latitude, longitude) nor a UCDP GED export's (id, relid, ..., where_prec, ..., date_prec, date_start, date_end, ...); it starts: {}; use --input-format acled|ucdp to force one",
                        crate::text::clean(&shown_header)
                    ),
                ));
            }
        };
        let cols = Columns::new(&header);
        let required: &[&str] = match format {
            Format::Acled => &[
                "event_id_cnty",
                "event_date",
                "event_type",
                "sub_event_type",
                "actor1",
                "latitude",
                "longitude",
            ],
            Format::Ucdp => &[
                "id",
                "date_start",
                "latitude",
                "longitude",
                "where_prec",
                "side_a",
            ],
        };
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| cols.get(c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(Error::at(
                Location::at(&file, 1, 1),
                format!(
                    "this {} export has no column {}",
                    if format == Format::Acled {
                        "ACLED"
                    } else {
                        "UCDP GED"
                    },
                    missing.join(", ")
                ),
            ));
        }
        let source = Arc::new(source_of(path, &file, format));
        let export = Export {
            file,
            format,
            cols,
            source,
            width: header.len(),
        };
        Ok(Importer {
            rows,
            row,
            ctx: RowContext::new(&export, actors),
            export,
            format,
            size: 0,
        })
    }

    /// The export and its rows after the header, to be read in blocks
    /// ([`CsvRows::into_blocks`]).
    pub fn into_rows(self) -> (Export, CsvRows<R>) {
        (self.export, self.rows)
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.rows.bytes_read()
    }

    /// The next row as a draft, or the row's problems. `None` at the end of the file.
    pub fn next_draft(&mut self) -> Option<std::result::Result<EventDraft, Vec<Diagnostic>>> {
        match self.rows.next_row(&mut self.row) {
            Err(d) => {
                // a broken stream: report it and stop
                self.row = Row::default();
                Some(Err(vec![d]))
            }
            Ok(false) => None,
            Ok(true) => Some(self.ctx.draft(&self.row)),
        }
    }
}

//! Errors that name the file, line and value at fault.
//!
//! Every problem bordermap reports about its inputs is a [`Diagnostic`]: where (file, line,
//! column), what value, and what is wrong. Commands collect all of them and report in one run.
//! Positions come from a [`LineIndex`], built once per file, so turning a byte offset into a
//! line and column costs a binary search, whatever the file's size.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A position in an input file, 1-based. Line 0 means "the whole file"; column 0 "the whole
/// line".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Location {
    pub file: Arc<str>,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// A whole file, when no finer position is known.
    pub fn file(file: &str) -> Location {
        Location {
            file: Arc::from(file),
            line: 0,
            column: 0,
        }
    }

    /// A line and column of a file.
    pub fn at(file: &Arc<str>, line: usize, column: usize) -> Location {
        Location {
            file: file.clone(),
            line,
            column,
        }
    }

    /// The location of byte `offset` in `text` (read from `file`). Linear in the offset: for
    /// more than a few look-ups in one file, build a [`LineIndex`].
    pub fn at_offset(file: &str, text: &str, offset: usize) -> Location {
        LineIndex::new(text).locate(&Arc::from(file), text, offset)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{}", self.file, l),
            (l, c) => write!(f, "{}:{}:{}", self.file, l, c),
        }
    }
}

/// Byte offsets of a text's line starts, and character counts at fixed checkpoints, so that
/// any offset becomes (line, column) in logarithmic time: a file with many spans, or one very
/// long line, is never rescanned from its start.
pub struct LineIndex {
    starts: Vec<usize>,
    /// Whether the text is ASCII: then a column is a byte count.
    ascii: bool,
    /// Characters before byte `k * CHECKPOINT` (rounded down to a character boundary).
    chars_at: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

/// The last character boundary at or before byte `i` (at most the text's length).
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn count_chars(b: &[u8]) -> usize {
    // every byte that is not a UTF-8 continuation byte starts a character
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let ascii = bytes.is_ascii();
        if ascii {
            return LineIndex {
                starts,
                ascii,
                chars_at: Vec::new(),
            };
        }
        let mut chars_at = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let (mut at, mut n) = (0usize, 0usize);
        chars_at.push((0, 0));
        while at + CHECKPOINT < bytes.len() {
            let next = floor_char_boundary(text, at + CHECKPOINT).max(at + 1);
            n += count_chars(&bytes[at..next]);
            at = next;
            chars_at.push((at, n));
        }
        LineIndex {
            starts,
            ascii,
            chars_at,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self.chars_at.partition_point(|&(b, _)| b <= offset) - 1;
        let (b, n) = self.chars_at[k];
        n + count_chars(&text.as_bytes()[b..offset])
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = if self.ascii {
            offset - start + 1
        } else if offset - start <= CHECKPOINT {
            count_chars(&text.as_bytes()[start..offset]) + 1
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        };
        (line, column)
    }

    pub fn locate(&self, file: &Arc<str>, text: &str, offset: usize) -> Location {
        let (line, column) = self.line_col(text, offset);
        Location::at(file, line, column)
    }

    /// How many lines the text has.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// How serious a problem is: errors make a check fail, warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub location: Location,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Error,
            message: message.into(),
        }
    }
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {}: {}",
            self.location,
            sev,
            crate::text::terminal_safe(&self.message)
        )
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// The error type of the library.
#[derive(Debug)]
pub enum Error {
    /// Input files with problems; each diagnostic names file, line and value.
    Invalid(Vec<Diagnostic>),
    /// A file that could not be read or written.
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A usage problem (bad option value), with the option and value named.
    Usage(String),
    /// Nothing matched (a look-up, a filter): not a failure of the input.
    Empty(String),
    /// Anything else, already worded for the user.
    Other(String),
}

impl Error {
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
    /// One diagnostic as an error.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Error::Invalid(vec![Diagnostic::error(location, message)])
    }
}

/// Words for an I/O error that name the real cause.
fn io_words(source: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match source.kind() {
        K::PermissionDenied => {
            "permission denied (check the file's and its folders' permissions)".into()
        }
        K::NotFound => "no such file or directory".into(),
        K::StorageFull => "no space left on the device".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => {
            let s = source.to_string();
            if s.contains("No space left") {
                "no space left on the device".into()
            } else {
                s
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                if errors > 1 {
                    write!(f, "\n{errors} errors")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(
                f,
                "{}: {}",
                crate::text::terminal_safe(path),
                io_words(source)
            ),
            Error::Usage(m) | Error::Empty(m) | Error::Other(m) => {
                write!(f, "{}", crate::text::terminal_safe(m))
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// The largest report, gazetteer, actor or article file read whole (streamed CSV imports have
/// no limit: they are read a row at a time).
pub const MAX_TEXT_FILE: u64 = 128 * 1024 * 1024;

/// Reads a regular file of at most `limit` bytes as UTF-8. Names the file, and for a bad byte
/// its line and column; refuses directories, devices and pipes before reading anything.
pub fn read_text_file(path: &Path, limit: u64) -> Result<String> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, e))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a device, pipe or socket)"
        };
        return Err(Error::Usage(format!(
            "{shown}: {what}; give a regular file"
        )));
    }
    if meta.len() > limit {
        return Err(Error::Usage(format!(
            "{shown}: {} bytes is more than the {} MB this kind of file may have",
            meta.len(),
            limit / (1024 * 1024)
        )));
    }
    use std::io::Read;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(&shown, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Usage(format!(
            "{shown}: more than the {} MB this kind of file may have",
            limit / (1024 * 1024)
        )));
    }
    utf8(&shown, bytes)
}

/// Bytes as UTF-8 text, naming the first bad byte's line and column.
pub fn utf8(shown: &str, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // valid_up_to guarantees the prefix is UTF-8
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let loc = Location::at_offset(shown, prefix, good);
            Err(Error::at(
                loc,
                format!(
                    "not UTF-8 text: byte 0x{:02X} is not valid UTF-8 (save the file as UTF-8)",
                    bytes[good]
                ),
            ))
        }
    }
}

/// [`read_text_file`] with the limit for report, gazetteer and actor files.
pub fn read_utf8(path: &Path) -> Result<String> {
    read_text_file(path, MAX_TEXT_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let t = "a = 1\nbé = 2\n";
        let l = Location::at_offset("f.toml", t, t.find('=').unwrap());
        assert_eq!((l.line, l.column), (1, 3));
        let l = Location::at_offset("f.toml", t, t.rfind('=').unwrap());
        assert_eq!((l.line, l.column), (2, 4));
        assert_eq!(l.to_string(), "f.toml:2:4");
    }

    #[test]
    fn the_index_agrees_with_a_plain_count_on_long_lines() {
        let mut t = String::new();
        for i in 0..3000 {
            t.push_str(if i % 7 == 0 { "é\n" } else { "ab دير " });
        }
        let ix = LineIndex::new(&t);
        for off in (0..t.len()).step_by(97) {
            let off = floor_char_boundary(&t, off);
            let before = &t[..off];
            let line = before.matches('\n').count() + 1;
            let ls = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let col = before[ls..].chars().count() + 1;
            assert_eq!(ix.line_col(&t, off), (line, col), "offset {off}");
        }
    }
}

//! Errors that name the file, line and value at fault.
//!
//! Every problem bordermap reports about its inputs is a [`Diagnostic`]: where (file, line,
//! column), what value, and what is wrong. Commands that validate (`sites check`, `check`)
//! collect all of them and report in one run; commands that only need valid input stop at the
//! first batch and exit non-zero.

use std::fmt;

/// A position in an input file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`, which was read from `file`.
    pub fn at_offset(file: &str, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = before[line_start..].chars().count() + 1;
        Location {
            file: file.to_string(),
            line,
            column,
        }
    }

    /// A whole file, when no finer position is known.
    pub fn file(file: &str) -> Location {
        Location {
            file: file.to_string(),
            line: 0,
            column: 0,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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

/// How serious a problem is: errors make a check fail, warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.location, sev, self.message)
    }
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => {
                let errors = diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
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
            Error::Io { path, source } => write!(f, "{path}: {source}"),
            Error::Usage(m) | Error::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Reads a file as UTF-8, naming the file and the first bad byte's line on failure.
pub fn read_utf8(path: &std::path::Path) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, e))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // valid_up_to guarantees the prefix is UTF-8.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let loc = Location::at_offset(&shown, prefix, good);
            Err(Error::at(
                loc,
                format!(
                    "not UTF-8: byte 0x{:02X} is not valid UTF-8 text",
                    bytes[good]
                ),
            ))
        }
    }
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
}

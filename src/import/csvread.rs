//! A CSV reader that keeps, for every field, the line and column where it starts in the
//! file, so that a bad value is reported as `file:line:column`. Built on csv-core (RFC 4180:
//! quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF); reads one
//! row at a time through a fixed buffer, so memory does not grow with the file; a row longer
//! than [`MAX_ROW`] is refused rather than buffered.

use std::io::Read;
use std::sync::Arc;

use csv_core::{ReadFieldResult, Reader};

use crate::error::{Diagnostic, Location};

/// The longest row accepted, in bytes.
pub const MAX_ROW: usize = 4 * 1024 * 1024;

/// One row: its fields' text and where each starts.
#[derive(Default)]
pub struct Row {
    data: Vec<u8>,
    ends: Vec<usize>,
    /// (line, column) of each field's first character, 1-based.
    pub pos: Vec<(u32, u32)>,
    /// The line the row starts on.
    pub line: u32,
    text_ok: bool,
    /// Whether the row holds nothing [`crate::text::clean`] would remove.
    clean: bool,
    /// Scratch space csv-core writes a field into.
    spare: Vec<u8>,
}

impl Row {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` as text ("" when absent, or when the row is not UTF-8).
    pub fn get(&self, i: usize) -> &str {
        if !self.text_ok || i >= self.ends.len() {
            return "";
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        // the whole row was checked as UTF-8 and fields end on character boundaries
        simdutf8::basic::from_utf8(&self.data[start..self.ends[i]]).unwrap_or("")
    }

    /// Whether the row's bytes are UTF-8.
    pub fn is_text(&self) -> bool {
        self.text_ok
    }

    /// Whether no field holds a control, invisible or direction-control character.
    pub fn is_clean(&self) -> bool {
        self.clean
    }

    fn clear(&mut self) {
        self.data.clear();
        self.ends.clear();
        self.pos.clear();
    }
}

/// Moves a (line, column) position over consumed bytes.
fn advance(line: &mut u32, col: &mut u32, consumed: &[u8]) {
    match memchr::memrchr(b'\n', consumed) {
        None => *col += chars(consumed),
        Some(last) => {
            *line += memchr::memchr_iter(b'\n', consumed).count() as u32;
            *col = 1 + chars(&consumed[last + 1..]);
        }
    }
}

/// Characters in UTF-8 bytes: every byte that is not a continuation byte starts one.
fn chars(b: &[u8]) -> u32 {
    if b.is_ascii() {
        return b.len() as u32;
    }
    b.iter().filter(|&&x| (x as i8) >= -0x40).count() as u32
}

/// Whether UTF-8 bytes may hold a character [`crate::text::is_unsafe`] takes out: an ASCII
/// control, or a multi-byte character whose lead byte is one of those such characters have
/// (C2, D8, E1, E2, EF, F3), confirmed on the characters themselves. Most rows are passed by
/// a byte scan alone.
fn may_be_unsafe(d: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i < d.len() {
        // eight ASCII bytes at a time: none at or above 0x80, none below 0x20, no 0x7f
        if i + 8 <= d.len() {
            let x = u64::from_le_bytes([
                d[i],
                d[i + 1],
                d[i + 2],
                d[i + 3],
                d[i + 4],
                d[i + 5],
                d[i + 6],
                d[i + 7],
            ]);
            let low = x.wrapping_sub(0x20 * LO) & !x & HI;
            let y = x ^ (0x7f * LO);
            let del = y.wrapping_sub(LO) & !y & HI;
            if x & HI == 0 && low == 0 && del == 0 {
                i += 8;
                continue;
            }
        }
        let b = d[i];
        match b {
            0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => return true,
            0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef | 0xf3 => {
                let n = match b {
                    0xc2 | 0xd8 => 2,
                    0xf3 => 4,
                    _ => 3,
                };
                if let Some(c) = d
                    .get(i..i + n)
                    .and_then(|s| std::str::from_utf8(s).ok())
                    .and_then(|s| s.chars().next())
                {
                    if crate::text::is_unsafe(c) {
                        return true;
                    }
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    false
}

/// Rows of a CSV stream.
pub struct CsvRows<R: Read> {
    input: R,
    rdr: Reader,
    buf: Vec<u8>,
    at: usize,
    filled: usize,
    eof: bool,
    file: Arc<str>,
    line: u32,
    col: u32,
    bytes: u64,
    started: bool,
}

impl<R: Read> CsvRows<R> {
    pub fn new(input: R, file: Arc<str>) -> Self {
        CsvRows {
            input,
            rdr: Reader::new(),
            buf: vec![0; 1 << 16],
            at: 0,
            filled: 0,
            eof: false,
            file,
            line: 1,
            col: 1,
            bytes: 0,
            started: false,
        }
    }

    /// Bytes read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    fn fill(&mut self) -> Result<(), Diagnostic> {
        if self.at < self.filled || self.eof {
            return Ok(());
        }
        loop {
            match self.input.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    self.filled = 0;
                    self.at = 0;
                    return Ok(());
                }
                Ok(n) => {
                    self.filled = n;
                    self.at = 0;
                    self.bytes += n as u64;
                    if !self.started {
                        self.started = true;
                        if self.buf[..n].starts_with(b"\xEF\xBB\xBF") {
                            self.at = 3;
                        }
                    }
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(Diagnostic::error(
                        Location::file(&self.file),
                        format!("could not be read: {e}"),
                    ))
                }
            }
        }
    }

    /// Reads the next row into `row`; `Ok(false)` at the end of the input. Blank lines are
    /// skipped.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, Diagnostic> {
        loop {
            row.clear();
            let mut field_started = false;
            loop {
                self.fill()?;
                let input: &[u8] = if self.eof {
                    &[]
                } else {
                    &self.buf[self.at..self.filled]
                };
                if !field_started {
                    if row.ends.is_empty() {
                        row.line = self.line;
                    }
                    row.pos.push((self.line, self.col));
                    field_started = true;
                }
                // csv-core writes the field straight into the row's buffer, which is kept
                // zeroed up to its capacity (`spare`) so no byte is cleared twice
                let len = row.data.len();
                if row.spare.len() < 1024 {
                    row.spare.resize(row.spare.len().max(1024) * 2, 0);
                }
                let (res, nin, nout) = self.rdr.read_field(input, &mut row.spare);
                row.data.extend_from_slice(&row.spare[..nout]);
                let _ = len;
                advance(&mut self.line, &mut self.col, &input[..nin]);
                self.at += nin;
                if row.data.len() > MAX_ROW {
                    return Err(Diagnostic::error(
                        Location::at(&self.file, row.line as usize, 1),
                        format!(
                            "a row longer than {} MB: is a quote left open above?",
                            MAX_ROW / (1024 * 1024)
                        ),
                    ));
                }
                match res {
                    ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => continue,
                    ReadFieldResult::Field { record_end } => {
                        row.ends.push(row.data.len());
                        field_started = false;
                        if record_end {
                            break;
                        }
                    }
                    ReadFieldResult::End => {
                        row.pos.pop();
                        if row.ends.is_empty() {
                            return Ok(false);
                        }
                        break;
                    }
                }
            }
            if row.ends.len() == 1 && row.data.is_empty() {
                // a blank line
                continue;
            }
            row.text_ok = simdutf8::basic::from_utf8(&row.data).is_ok();
            row.clean = row.text_ok && !may_be_unsafe(&row.data);
            row.pos.truncate(row.ends.len());
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(Vec<String>, Vec<(u32, u32)>)> {
        let mut r = CsvRows::new(text.as_bytes(), Arc::from("t.csv"));
        let mut row = Row::default();
        let mut out = Vec::new();
        while r.next_row(&mut row).unwrap() {
            out.push((
                (0..row.len()).map(|i| row.get(i).to_string()).collect(),
                row.pos.clone(),
            ));
        }
        out
    }

    #[test]
    fn fields_keep_their_lines_and_columns() {
        let v = rows("a,b,c\n1,\"x, \"\"y\"\"\nz\",é3\r\n\n4,5,6");
        assert_eq!(v.len(), 3);
        assert_eq!(v[1].0, vec!["1", "x, \"y\"\nz", "é3"]);
        assert_eq!(v[1].1, vec![(2, 1), (2, 3), (3, 4)]);
        assert_eq!(v[2].0, vec!["4", "5", "6"]);
        assert_eq!(v[2].1[2], (5, 5));
    }

    #[test]
    fn a_bom_is_skipped_and_an_empty_input_has_no_rows() {
        assert_eq!(rows("\u{feff}h1,h2\n")[0].0, vec!["h1", "h2"]);
        assert!(rows("").is_empty());
    }
}

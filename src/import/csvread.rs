//! A CSV reader that keeps, for every field, the line and column where it starts in the
//! file, so that a bad value is reported as `file:line:column`. RFC 4180 as csv-core reads
//! it: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF, LF or CR.
//!
//! The input is read in blocks of whole records ([`Blocks`]): a scan for quotes and line
//! breaks (memchr) finds where the last record of a block ends, so a block can be parsed on
//! its own, here or on another thread ([`crate::pipeline`]). A record without a quote, the
//! usual case, is split at its commas with memchr; one with quotes is read field by field.
//! Memory does not grow with the file: a record longer than [`MAX_ROW`] is refused rather
//! than buffered.
//!
//! Lines are counted as an editor counts them: LF, CRLF and a lone CR each end one.

use std::io::Read;
use std::sync::Arc;

use crate::error::{Diagnostic, Location};

/// The longest row accepted, in bytes.
pub const MAX_ROW: usize = 4 * 1024 * 1024;

/// The size of a block of records the reader aims at.
pub const BLOCK: usize = 512 * 1024;

/// One row: its fields' text and where each starts.
#[derive(Default)]
pub struct Row {
    /// The fields' bytes, one after the other with a comma between (for a row without
    /// quotes, the line as written), while the row is read.
    data: Vec<u8>,
    /// The same as text, once read (empty when the row is not UTF-8).
    text: String,
    /// Each field's range in `data`.
    spans: Vec<(u32, u32)>,
    /// (line, column) of each field's first character, 1-based.
    pub pos: Vec<(u32, u32)>,
    /// The line the row starts on.
    pub line: u32,
    text_ok: bool,
    /// Whether the row holds nothing [`crate::text::clean`] would remove.
    clean: bool,
}

impl Row {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i` as text ("" when absent, or when the row is not UTF-8).
    pub fn get(&self, i: usize) -> &str {
        // fields are cut at ASCII bytes, so each is whole characters of the row's text
        self.spans
            .get(i)
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or("")
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
        if self.data.capacity() < self.text.capacity() {
            self.data = std::mem::take(&mut self.text).into_bytes();
        }
        self.text.clear();
        self.data.clear();
        self.spans.clear();
        self.pos.clear();
    }
}

/// Characters in UTF-8 bytes: every byte that is not a continuation byte starts one.
fn chars(b: &[u8]) -> u32 {
    if b.is_ascii() {
        return b.len() as u32;
    }
    b.iter().filter(|&&x| (x as i8) >= -0x40).count() as u32
}

/// Line breaks in `b`: each LF, and each CR not followed by an LF (a CR at the very end
/// counts: a block never ends between the CR and the LF of one CRLF).
pub fn line_breaks(b: &[u8]) -> u32 {
    let lf = memchr::memchr_iter(b'\n', b).count();
    let lone_cr = memchr::memchr_iter(b'\r', b)
        .filter(|&i| b.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u32
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
        if let Some(Ok(w)) = d.get(i..i + 8).map(<[u8; 8]>::try_from) {
            let x = u64::from_le_bytes(w);
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

/// Where the last whole record of `buf` ends (just after its line break), scanning from a
/// record's start; with `eof`, the end of `buf`. `None` when no record ends in `buf`.
///
/// A quote opens a quoted field only where a field starts (at a record's start or after a
/// comma); inside one, a doubled quote is a quote; elsewhere a quote is a character. A CR as
/// the last byte of `buf` is not taken for a line break before the input ends: an LF may
/// follow.
pub fn records_end(buf: &[u8], eof: bool) -> Option<usize> {
    if eof {
        return Some(buf.len());
    }
    let mut last = None;
    let mut i = 0;
    while let Some(j) = memchr::memchr3(b'"', b'\n', b'\r', &buf[i..]) {
        let k = i + j;
        match buf[k] {
            b'"' if k == 0 || matches!(buf[k - 1], b',' | b'\n' | b'\r') => {
                // a quoted field: on to its closing quote
                let mut q = k + 1;
                loop {
                    match memchr::memchr(b'"', &buf[q..]) {
                        None => return last,
                        Some(n) => {
                            q += n + 1;
                            match buf.get(q) {
                                Some(b'"') => q += 1,
                                Some(_) => break,
                                None => return last,
                            }
                        }
                    }
                }
                i = q;
                continue;
            }
            b'"' => {}
            b'\r' if k + 1 == buf.len() => return last,
            _ => last = Some(k + 1),
        }
        i = k + 1;
    }
    last
}

/// Reads the record that starts at `buf[*at..]` (after any blank lines) into `row`; `false`
/// when `buf` holds no more records. `buf` holds whole records ([`records_end`]); `*line` is
/// the line `*at` is on, and both move past the record and its line break.
pub fn read_record(buf: &[u8], at: &mut usize, line: &mut u32, row: &mut Row) -> bool {
    loop {
        // blank lines
        let mut p = *at;
        while let Some(&c) = buf.get(p) {
            match c {
                b'\n' => *line += 1,
                b'\r' if buf.get(p + 1) != Some(&b'\n') => *line += 1,
                b'\r' => {}
                _ => break,
            }
            p += 1;
        }
        *at = p;
        if p >= buf.len() {
            return false;
        }
        row.clear();
        row.line = *line;
        let rest = &buf[p..];
        let eol = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        let text = &rest[..eol];
        if memchr::memchr(b'"', text).is_none() {
            // no quote: the fields are the line cut at its commas
            row.data.extend_from_slice(text);
            let ascii = text.is_ascii();
            let mut start = 0usize;
            let mut col = 1u32;
            for c in memchr::memchr_iter(b',', text).chain(std::iter::once(text.len())) {
                row.spans.push((start as u32, c as u32));
                row.pos.push((*line, col));
                // the field and its comma
                col += 1 + if ascii {
                    (c - start) as u32
                } else {
                    chars(&text[start..c])
                };
                start = c + 1;
            }
            *at = p + eol;
        } else {
            *at = p + quoted_record(buf, p, line, row);
        }
        // the record's line break
        match buf.get(*at) {
            Some(b'\r') => {
                *at += 1;
                if buf.get(*at) == Some(&b'\n') {
                    *at += 1;
                }
                *line += 1;
            }
            Some(b'\n') => {
                *at += 1;
                *line += 1;
            }
            _ => {}
        }
        if row.spans.len() == 1 && row.spans[0].0 == row.spans[0].1 {
            // a line with one empty field (`""`): blank
            continue;
        }
        match String::from_utf8(std::mem::take(&mut row.data)) {
            Ok(t) => {
                row.clean = !may_be_unsafe(t.as_bytes());
                row.text = t;
                row.text_ok = true;
            }
            Err(e) => {
                row.data = e.into_bytes();
                row.text_ok = false;
                row.clean = false;
            }
        }
        return true;
    }
}

/// Reads a record with quotes field by field, as csv-core does; returns the bytes read (up
/// to, not including, the record's line break) and moves `line` over line breaks inside
/// quotes.
fn quoted_record(buf: &[u8], start: usize, line: &mut u32, row: &mut Row) -> usize {
    let mut p = start;
    // where the current line starts, and the column of `col_at` on it
    let mut line_start = start;
    let (mut col, mut col_at) = (1, start);
    loop {
        if !row.spans.is_empty() {
            row.data.push(b',');
        }
        let from = row.data.len() as u32;
        if line_start > col_at {
            (col, col_at) = (1, line_start);
        }
        col += chars(&buf[col_at..p]);
        col_at = p;
        row.pos.push((*line, col));
        if buf.get(p) == Some(&b'"') {
            p += 1;
            loop {
                let Some(n) = memchr::memchr(b'"', &buf[p..]) else {
                    // a quote left open: the field runs to the end
                    count_lines(&buf[p..], line, &mut line_start, p);
                    row.data.extend_from_slice(&buf[p..]);
                    p = buf.len();
                    break;
                };
                let part = &buf[p..p + n];
                count_lines(part, line, &mut line_start, p);
                row.data.extend_from_slice(part);
                p += n + 1;
                if buf.get(p) == Some(&b'"') {
                    row.data.push(b'"');
                    p += 1;
                } else {
                    break;
                }
            }
        }
        // unquoted text, or what follows a closing quote, up to a comma or a line break
        let n = memchr::memchr3(b',', b'\n', b'\r', &buf[p..]).unwrap_or(buf.len() - p);
        row.data.extend_from_slice(&buf[p..p + n]);
        p += n;
        row.spans.push((from, row.data.len() as u32));
        if buf.get(p) == Some(&b',') {
            p += 1;
        } else {
            return p - start;
        }
    }
}

/// Moves `line` and `line_start` over the line breaks of `part`, which starts at `offset`.
fn count_lines(part: &[u8], line: &mut u32, line_start: &mut usize, offset: usize) {
    let n = line_breaks(part);
    if n > 0 {
        *line += n;
        let last = memchr::memrchr2(b'\n', b'\r', part).unwrap_or(0);
        *line_start = offset + last + 1;
    }
}

/// An input read in blocks of whole records.
pub struct Blocks<R: Read> {
    input: R,
    file: Arc<str>,
    buf: Vec<u8>,
    /// Bytes of `buf` read.
    filled: usize,
    /// `buf[..end]` is the current block.
    end: usize,
    eof: bool,
    started: bool,
    bytes: u64,
    /// The line `buf[0]` is on.
    line: u32,
    block: usize,
    /// A read failed or a record was too long: the input ends there.
    failed: bool,
}

impl<R: Read> Blocks<R> {
    /// Blocks of about `block` bytes (a record longer than that makes a longer one).
    pub fn new(input: R, file: Arc<str>, block: usize) -> Self {
        Blocks {
            input,
            file,
            buf: Vec::new(),
            filled: 0,
            end: 0,
            eof: false,
            started: false,
            bytes: 0,
            line: 1,
            block: block.max(1),
            failed: false,
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Aims at blocks of `block` bytes from now on.
    pub fn set_block_size(&mut self, block: usize) {
        self.block = block.max(1);
    }

    /// The current block (empty before the first [`Blocks::advance`] and at the end).
    pub fn block(&self) -> &[u8] {
        &self.buf[..self.end]
    }

    /// The line the current block starts on.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Drops the current block and reads the next; `Ok(false)` at the end of the input.
    pub fn advance(&mut self) -> Result<bool, Diagnostic> {
        self.drop_block();
        self.fill()
    }

    fn drop_block(&mut self) {
        self.line += line_breaks(&self.buf[..self.end]);
        self.buf.copy_within(self.end..self.filled, 0);
        self.filled -= self.end;
        self.end = 0;
    }

    /// Reads the next block and takes it out, leaving the rest of what was read in `spare`,
    /// which the reader goes on with. The block comes with the line it starts on. `Ok(None)`
    /// at the end of the input.
    pub fn take(&mut self, mut spare: Vec<u8>) -> Result<Option<(Vec<u8>, u32)>, Diagnostic> {
        if self.end == 0 && !self.fill()? {
            return Ok(None);
        }
        spare.clear();
        spare.extend_from_slice(&self.buf[self.end..self.filled]);
        let mut block = std::mem::replace(&mut self.buf, spare);
        block.truncate(self.end);
        let line = self.line;
        self.line += line_breaks(&block);
        self.filled -= self.end;
        self.end = 0;
        Ok(Some((block, line)))
    }

    /// Reads until `buf[..end]` is a block of whole records; after a failure, nothing more.
    fn fill(&mut self) -> Result<bool, Diagnostic> {
        if self.failed {
            return Ok(false);
        }
        let r = self.fill_inner();
        self.failed = r.is_err();
        r
    }

    fn fill_inner(&mut self) -> Result<bool, Diagnostic> {
        loop {
            if self.filled >= self.block || self.eof {
                if let Some(e) = records_end(&self.buf[..self.filled], self.eof) {
                    if e > 0 {
                        self.end = e;
                        return Ok(true);
                    }
                    if self.eof {
                        return Ok(false);
                    }
                }
                if self.filled > MAX_ROW + self.block {
                    let blank = self.buf[..self.filled]
                        .iter()
                        .take_while(|b| matches!(b, b'\n' | b'\r'))
                        .count();
                    return Err(Diagnostic::error(
                        Location::at(
                            &self.file,
                            (self.line + line_breaks(&self.buf[..blank])) as usize,
                            1,
                        ),
                        format!(
                            "a row longer than {} MB: is a quote left open above?",
                            MAX_ROW / (1024 * 1024)
                        ),
                    ));
                }
            }
            let want = (self.filled + self.block).max(self.buf.len());
            if self.buf.len() < want {
                self.buf.resize(want, 0);
            }
            match self.input.read(&mut self.buf[self.filled..]) {
                Ok(0) => self.eof = true,
                Ok(n) => {
                    self.bytes += n as u64;
                    self.filled += n;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(Diagnostic::error(
                        Location::file(&self.file),
                        format!("could not be read: {e}"),
                    ))
                }
            }
            // a byte-order mark is not part of the first field
            if !self.started && (self.filled >= 3 || self.eof) {
                self.started = true;
                if self.buf[..self.filled].starts_with(b"\xEF\xBB\xBF") {
                    self.buf.copy_within(3..self.filled, 0);
                    self.filled -= 3;
                }
            }
        }
    }
}

/// Rows of a CSV stream, one at a time.
pub struct CsvRows<R: Read> {
    blocks: Blocks<R>,
    /// Where the next record starts in the current block.
    at: usize,
    /// The line `at` is on.
    line: u32,
}

impl<R: Read> CsvRows<R> {
    pub fn new(input: R, file: Arc<str>) -> Self {
        CsvRows {
            blocks: Blocks::new(input, file, 1 << 16),
            at: 0,
            line: 1,
        }
    }

    /// Bytes read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.blocks.bytes_read()
    }

    pub fn file(&self) -> &Arc<str> {
        &self.blocks.file
    }

    /// The rest of the input in blocks: first what is left of the current block, with the
    /// line it starts on, then the blocks that follow ([`Blocks::take`]).
    pub fn into_blocks(mut self) -> (Vec<u8>, u32, Blocks<R>) {
        let rest = self.blocks.block()[self.at.min(self.blocks.end)..].to_vec();
        self.blocks.drop_block();
        (rest, self.line, self.blocks)
    }

    /// Reads the next row into `row`; `Ok(false)` at the end of the input. Blank lines are
    /// skipped.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, Diagnostic> {
        loop {
            if read_record(self.blocks.block(), &mut self.at, &mut self.line, row) {
                return Ok(true);
            }
            if !self.blocks.advance()? {
                return Ok(false);
            }
            self.at = 0;
            self.line = self.blocks.line();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Rows = Vec<(u32, Vec<String>, Vec<(u32, u32)>)>;

    fn rows_in_blocks(text: &[u8], block: usize) -> Rows {
        let mut b = Blocks::new(text, Arc::from("t.csv"), block);
        let mut out = Vec::new();
        let mut row = Row::default();
        while b.advance().unwrap() {
            let (mut at, mut line) = (0, b.line());
            while read_record(b.block(), &mut at, &mut line, &mut row) {
                out.push((
                    row.line,
                    (0..row.len()).map(|i| row.get(i).to_string()).collect(),
                    row.pos.clone(),
                ));
            }
        }
        out
    }

    fn rows(text: &str) -> Rows {
        let mut r = CsvRows::new(text.as_bytes(), Arc::from("t.csv"));
        let mut row = Row::default();
        let mut out = Vec::new();
        while r.next_row(&mut row).unwrap() {
            out.push((
                row.line,
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
        assert_eq!(v[1].1, vec!["1", "x, \"y\"\nz", "é3"]);
        assert_eq!(v[1].2, vec![(2, 1), (2, 3), (3, 4)]);
        assert_eq!(v[2].1, vec!["4", "5", "6"]);
        assert_eq!(v[2].0, 5);
        assert_eq!(v[2].2, vec![(5, 1), (5, 3), (5, 5)]);
    }

    #[test]
    fn rows_after_crlf_and_blank_lines_start_on_their_own_line() {
        let v = rows("a,b\r\nc,d\r\n\r\né,f\rg,\"h\"\n\n\"\"\ni,j,");
        let lines: Vec<u32> = v.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![1, 2, 4, 5, 8]);
        assert_eq!(v[1].2, vec![(2, 1), (2, 3)]);
        assert_eq!(v[2].2, vec![(4, 1), (4, 3)]);
        assert_eq!(v[3].1, vec!["g", "h"]);
        assert_eq!(v[4].1, vec!["i", "j", ""]);
        assert_eq!(v[4].2, vec![(8, 1), (8, 3), (8, 5)]);
    }

    #[test]
    fn a_bom_is_skipped_and_an_empty_input_has_no_rows() {
        assert_eq!(rows("\u{feff}h1,h2\n")[0].1, vec!["h1", "h2"]);
        assert_eq!(rows("\u{feff}h1,h2\n")[0].2, vec![(1, 1), (1, 4)]);
        assert!(rows("").is_empty());
        assert!(rows("\u{feff}").is_empty());
        assert!(rows("\n\r\n\r").is_empty());
    }

    #[test]
    fn a_row_that_is_not_utf8_says_so() {
        let mut r = CsvRows::new(&b"a,b\n\xff,c\nd,e\n"[..], Arc::from("t.csv"));
        let mut row = Row::default();
        assert!(r.next_row(&mut row).unwrap() && row.is_text());
        assert!(r.next_row(&mut row).unwrap() && !row.is_text() && row.get(1).is_empty());
        assert!(r.next_row(&mut row).unwrap() && row.is_text() && row.get(1) == "e");
        assert!(!r.next_row(&mut row).unwrap());
    }

    #[test]
    fn a_row_too_long_is_refused_at_its_line_and_the_input_ends_there() {
        let mut text = b"a,b\n\n\"".to_vec();
        text.resize(MAX_ROW + 2 * BLOCK, b'x');
        let mut r = CsvRows::new(&text[..], Arc::from("t.csv"));
        let mut row = Row::default();
        assert!(r.next_row(&mut row).unwrap());
        let e = r.next_row(&mut row).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:3:1: error: a row longer than 4 MB: is a quote left open above?"
        );
        assert!(!r.next_row(&mut row).unwrap());
    }

    /// Inputs made of the bytes that matter to CSV, and a few that do not.
    fn samples() -> Vec<Vec<u8>> {
        const ALPHABET: &[&[u8]] = &[
            b"a",
            b"bc",
            b",",
            b",",
            b"\"",
            b"\"",
            b"\n",
            b"\r",
            b"\r\n",
            b" ",
            "é".as_bytes(),
            "دير".as_bytes(),
            b"\xff",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..4000)
            .map(|i| {
                let n = (next() % (4 + i as u64 / 40)) as usize;
                (0..n)
                    .flat_map(|_| {
                        ALPHABET[(next() % ALPHABET.len() as u64) as usize]
                            .iter()
                            .copied()
                    })
                    .collect()
            })
            .collect()
    }

    fn field_bytes(row: &Row, i: usize) -> Vec<u8> {
        let (a, b) = row.spans[i];
        let d = if row.text_ok {
            row.text.as_bytes()
        } else {
            &row.data
        };
        d[a as usize..b as usize].to_vec()
    }

    #[test]
    fn records_are_read_as_csv_core_reads_them() {
        for s in samples() {
            // csv-core field by field, as this reader read before; blank lines and rows of one
            // empty field skipped
            let mut want: Vec<Vec<Vec<u8>>> = Vec::new();
            let mut rdr = csv_core::Reader::new();
            let (mut input, mut out) = (&s[..], vec![0u8; 1 << 16]);
            let (mut rec, mut field): (Vec<Vec<u8>>, Vec<u8>) = (Vec::new(), Vec::new());
            loop {
                let (res, nin, nout) = rdr.read_field(input, &mut out);
                input = &input[nin..];
                field.extend_from_slice(&out[..nout]);
                match res {
                    csv_core::ReadFieldResult::Field { record_end } => {
                        rec.push(std::mem::take(&mut field));
                        if record_end {
                            if !(rec.len() == 1 && rec[0].is_empty()) {
                                want.push(std::mem::take(&mut rec));
                            }
                            rec.clear();
                        }
                    }
                    csv_core::ReadFieldResult::End => break,
                    _ => {}
                }
            }
            let mut got = Vec::new();
            let mut r = CsvRows::new(&s[..], Arc::from("t.csv"));
            let mut row = Row::default();
            while r.next_row(&mut row).unwrap() {
                got.push(
                    (0..row.len())
                        .map(|i| field_bytes(&row, i))
                        .collect::<Vec<_>>(),
                );
            }
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(&s));
        }
    }

    #[test]
    fn each_field_is_found_where_its_position_says() {
        for s in samples() {
            let Ok(text) = std::str::from_utf8(&s) else {
                continue;
            };
            // the lines as an editor shows them
            let lines: Vec<&str> = text
                .split("\r\n")
                .flat_map(|l| l.split(['\r', '\n']))
                .collect();
            let v = rows(text);
            for (_, fields, pos) in &v {
                for (f, &(l, c)) in fields.iter().zip(pos) {
                    let at: String = lines[l as usize - 1].chars().skip(c as usize - 1).collect();
                    let first_line = f.split(['\r', '\n']).next().unwrap_or("");
                    assert!(
                        at.starts_with('"') || at.starts_with(first_line),
                        "{text:?}: {f:?} at {l}:{c} reads {at:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn blocks_of_any_size_read_alike() {
        for s in samples().iter().step_by(7) {
            let whole = rows_in_blocks(s, 1 << 20);
            for block in [1, 2, 3, 5, 16] {
                assert_eq!(
                    rows_in_blocks(s, block),
                    whole,
                    "{:?}",
                    String::from_utf8_lossy(s)
                );
            }
        }
    }
}

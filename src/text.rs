//! Text that cannot deceive: direction overrides, invisible characters and control codes are
//! taken out of everything bordermap reads, and escaped in what it prints to a terminal.
//!
//! A right-to-left override (U+202E) before "evil" in a site name makes it read "live" on a
//! briefing map; an escape sequence in a gazetteer name can repaint a terminal. Text is cleaned where it
//! enters (report, gazetteer, actor and CSV fields, command-line titles), so every output —
//! GeoJSON, GeoPackage, SVG, PNG, PDF, HTML, CSV — carries only what reads as written. Arabic
//! keeps its letters and the joiners its shaping needs (ZWNJ, ZWJ); the Unicode bidirectional
//! algorithm still orders it right to left.

use std::borrow::Cow;

/// Whether a character is removed from input text: C0 and C1 control codes (tab, newline and
/// carriage return excepted), the bidirectional embeddings, overrides, isolates and marks
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), invisible characters (zero-width
/// space, word joiner and invisible operators, byte-order mark, soft hyphen, Mongolian vowel
/// separator, interlinear annotation marks) and tag characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}')
}

/// `s` without the characters of [`is_unsafe`]; borrowed when there are none (the usual case).
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if !s
            .bytes()
            .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') || b == 0x7f)
        {
            return Cow::Borrowed(s);
        }
    } else if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|c| !is_unsafe(*c)).collect())
}

/// The unsafe characters of `s`, as `U+XXXX` codes (at most five), for a warning.
pub fn unsafe_codes(s: &str) -> String {
    let mut v: Vec<String> = Vec::new();
    for c in s.chars().filter(|c| is_unsafe(*c)) {
        let code = format!("U+{:04X}", c as u32);
        if !v.contains(&code) {
            v.push(code);
        }
        if v.len() == 5 {
            break;
        }
    }
    v.join(", ")
}

/// `s` for a terminal: unsafe characters (and tabs, carriage returns) as `\u{…}` escapes, so
/// data never moves the cursor, recolours the screen or reorders a line. Newlines are kept:
/// messages use them.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| (is_unsafe(c) || c == '\r' || c == '\t') && c != '\n';
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_controls_are_removed_arabic_kept() {
        assert_eq!(clean("\u{202e}evil\u{202c}"), "evil");
        assert_eq!(clean("a\u{1b}[31mb"), "a[31mb");
        assert_eq!(clean("دير الزور"), "دير الزور");
        // the joiners Persian and Arabic shaping need stay
        assert_eq!(clean("می\u{200c}خواهم"), "می\u{200c}خواهم");
        assert!(matches!(clean("plain text"), Cow::Borrowed(_)));
        assert_eq!(unsafe_codes("x\u{202e}y\u{2066}"), "U+202E, U+2066");
    }

    #[test]
    fn terminals_get_escapes() {
        assert_eq!(terminal_safe("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(terminal_safe("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(terminal_safe("line\nnext"), "line\nnext");
    }
}

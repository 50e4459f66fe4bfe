//! A small SVG writer: elements with attributes in the order given, numbers with a fixed
//! number of decimals, every piece of text escaped. No dependency decides the output's bytes.

use std::fmt::Write as _;

/// Text made safe for XML content and attribute values: `& < > " '` become entities, and the
/// characters XML 1.0 forbids (C0 controls other than tab, newline, carriage return; U+FFFE,
/// U+FFFF) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number with at most `d` decimals, trailing zeros dropped, never `-0`.
pub fn num(x: f64, d: usize) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let mut s = format!("{:.*}", d, x);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// A coordinate: one decimal (a tenth of a pixel).
pub fn n1(x: f64) -> String {
    num(x, 1)
}

/// Path data for polylines (`closed` adds `Z` to each).
pub fn path_data(parts: &[Vec<(f64, f64)>], closed: bool) -> String {
    let mut d = String::new();
    for p in parts {
        for (i, (x, y)) in p.iter().enumerate() {
            let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { "L" }, n1(*x), n1(*y));
        }
        if closed && !p.is_empty() {
            d.push('Z');
        }
    }
    d
}

/// An SVG document being written.
#[derive(Default)]
pub struct Svg {
    pub buf: String,
    depth: usize,
}

impl Svg {
    pub fn new() -> Self {
        Self::default()
    }

    fn attrs(&mut self, attrs: &[(&str, String)]) {
        for (k, v) in attrs {
            let _ = write!(self.buf, " {k}=\"{}\"", escape(v));
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.buf.push(' ');
        }
    }

    /// Opens `<tag ...>`.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, String)]) {
        self.indent();
        let _ = write!(self.buf, "<{tag}");
        self.attrs(attrs);
        self.buf.push_str(">\n");
        self.depth += 1;
    }

    /// Closes `</tag>`.
    pub fn close(&mut self, tag: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.buf, "</{tag}>");
    }

    /// An empty element `<tag .../>`.
    pub fn leaf(&mut self, tag: &str, attrs: &[(&str, String)]) {
        self.indent();
        let _ = write!(self.buf, "<{tag}");
        self.attrs(attrs);
        self.buf.push_str("/>\n");
    }

    /// An element holding text, escaped.
    pub fn text_el(&mut self, tag: &str, attrs: &[(&str, String)], text: &str) {
        self.indent();
        let _ = write!(self.buf, "<{tag}");
        self.attrs(attrs);
        let _ = writeln!(self.buf, ">{}</{tag}>", escape(text));
    }

    /// A `<g id="...">` group.
    pub fn group(&mut self, id: &str, attrs: &[(&str, String)]) {
        let mut a = vec![("id", id.to_string())];
        a.extend(attrs.iter().cloned());
        self.open("g", &a);
    }
}

/// Shorthand for an attribute list entry.
pub fn a(k: &'static str, v: impl ToString) -> (&'static str, String) {
    (k, v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape(r#"<&>"'"#), "&lt;&amp;&gt;&quot;&apos;");
        assert_eq!(escape("a\u{1}b\u{FFFF}c\nd"), "abc d");
        assert_eq!(escape("البوكمال"), "البوكمال");
    }

    #[test]
    fn numbers_are_fixed() {
        assert_eq!(num(1.26, 1), "1.3");
        assert_eq!(num(-0.04, 1), "0");
        assert_eq!(num(3.0, 2), "3");
        assert_eq!(num(f64::NAN, 1), "0");
    }
}

//! Reading TOML files field by field, with every problem located and reported together.
//!
//! Reports, gazetteers and actor registries are parsed into spanned tables (the toml crate's
//! `DeTable`), then read field by field: a missing, mistyped or unknown field is one
//! diagnostic among the others, never a halt, and every value carries its line and column
//! (through one [`LineIndex`] per file). Strings are cleaned of direction overrides and
//! control characters ([`crate::text`]) as they are read, with a warning.

use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Diagnostic, LineIndex, Location};

/// A parsed TOML file.
pub struct Doc<'t> {
    pub file: Arc<str>,
    pub text: &'t str,
    lines: LineIndex,
    root: Spanned<DeTable<'t>>,
}

/// A string value and where it is.
#[derive(Debug, Clone)]
pub struct Str {
    pub value: String,
    pub loc: Location,
}

/// A number and where it is.
#[derive(Debug, Clone)]
pub struct Num<T> {
    pub value: T,
    pub loc: Location,
}

impl<'t> Doc<'t> {
    /// Parses `text`; a syntax error becomes a located diagnostic and `None`.
    pub fn parse(file: &str, text: &'t str, diags: &mut Vec<Diagnostic>) -> Option<Doc<'t>> {
        let file: Arc<str> = Arc::from(file);
        let lines = LineIndex::new(text);
        match DeTable::parse(text) {
            Ok(root) => Some(Doc {
                file,
                text,
                lines,
                root,
            }),
            Err(e) => {
                let loc = match e.span() {
                    Some(s) => lines.locate(&file, text, s.start),
                    None => Location::file(&file),
                };
                diags.push(Diagnostic::error(
                    loc,
                    format!("not valid TOML: {}", e.message().trim()),
                ));
                None
            }
        }
    }

    /// The location of a byte offset.
    pub fn loc(&self, offset: usize) -> Location {
        self.lines.locate(&self.file, self.text, offset)
    }

    /// The top-level table.
    pub fn root(&self) -> Table<'_, 't> {
        Table {
            doc: self,
            t: self.root.get_ref(),
            at: 0,
            ctx: String::new(),
        }
    }
}

/// One table of a document, read field by field.
#[derive(Clone)]
pub struct Table<'d, 't> {
    doc: &'d Doc<'t>,
    t: &'d DeTable<'t>,
    at: usize,
    /// Prefix for messages ("event x: ").
    ctx: String,
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'d, 't> Table<'d, 't> {
    pub fn doc(&self) -> &'d Doc<'t> {
        self.doc
    }

    /// Where the table starts.
    pub fn loc(&self) -> Location {
        self.doc.loc(self.at)
    }

    /// The same table with a message prefix.
    pub fn with_ctx(mut self, ctx: impl Into<String>) -> Self {
        self.ctx = ctx.into();
        self
    }

    pub fn ctx(&self) -> &str {
        &self.ctx
    }

    pub fn has(&self, key: &str) -> bool {
        self.t.get(key).is_some()
    }

    /// The raw value of a key.
    pub fn get(&self, key: &str) -> Option<&'d Spanned<DeValue<'t>>> {
        self.t.get(key)
    }

    /// The location of a key's value (or of the table when it is missing).
    pub fn loc_of(&self, key: &str) -> Location {
        self.get(key)
            .map_or_else(|| self.loc(), |v| self.doc.loc(v.span().start))
    }

    fn error(&self, diags: &mut Vec<Diagnostic>, loc: Location, msg: impl std::fmt::Display) {
        diags.push(Diagnostic::error(loc, format!("{}{msg}", self.ctx)));
    }

    /// A diagnostic about this table, prefixed with its context.
    pub fn err_at(&self, diags: &mut Vec<Diagnostic>, loc: Location, msg: impl std::fmt::Display) {
        self.error(diags, loc, msg)
    }

    pub fn missing(&self, key: &str, what: &str, diags: &mut Vec<Diagnostic>) {
        let hint = if what.is_empty() {
            String::new()
        } else {
            format!(" ({what})")
        };
        self.error(diags, self.loc(), format!("missing field `{key}`{hint}"));
    }

    fn wrong(&self, key: &str, want: &str, v: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) {
        let loc = self.doc.loc(v.span().start);
        let hint = match (want, v.get_ref()) {
            ("a date", DeValue::Integer(i)) if i.as_str().len() == 8 => {
                let s = i.as_str();
                format!("; write it as a date: {}-{}-{}", &s[..4], &s[4..6], &s[6..])
            }
            ("a date", _) => "; write YYYY-MM-DD, YYYY-MM or YYYY".into(),
            _ => String::new(),
        };
        self.error(
            diags,
            loc,
            format!(
                "`{key}` must be {want}, not {}{hint}",
                type_name(v.get_ref())
            ),
        );
    }

    /// A string, cleaned of unsafe characters (with a warning when any were removed).
    pub fn str_value(
        &self,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Str> {
        match v.get_ref() {
            DeValue::String(s) => Some(self.clean_str(key, s, self.doc.loc(v.span().start), diags)),
            _ => {
                self.wrong(key, "a string", v, diags);
                None
            }
        }
    }

    fn clean_str(&self, key: &str, s: &str, loc: Location, diags: &mut Vec<Diagnostic>) -> Str {
        let c = crate::text::clean(s);
        if c.len() != s.len() {
            diags.push(Diagnostic::warning(
                loc.clone(),
                format!(
                    "{}`{key}` holds invisible or direction-control characters ({}); they are removed so the text reads as written",
                    self.ctx,
                    crate::text::unsafe_codes(s)
                ),
            ));
        }
        Str {
            value: c.into_owned(),
            loc,
        }
    }

    /// An optional string.
    pub fn str(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Str> {
        self.get(key).and_then(|v| self.str_value(key, v, diags))
    }

    /// A required string; a missing one is reported with `what` as a hint.
    pub fn req_str(&self, key: &str, what: &str, diags: &mut Vec<Diagnostic>) -> Option<Str> {
        match self.get(key) {
            Some(v) => self.str_value(key, v, diags),
            None => {
                self.missing(key, what, diags);
                None
            }
        }
    }

    /// A date written as a string or as a bare TOML date, as text.
    pub fn date(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Str> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(self.clean_str(key, s, self.doc.loc(v.span().start), diags)),
            DeValue::Datetime(d) => Some(Str {
                value: d.to_string(),
                loc: self.doc.loc(v.span().start),
            }),
            _ => {
                self.wrong(key, "a date", v, diags);
                None
            }
        }
    }

    /// An optional integer.
    pub fn int(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Num<i64>> {
        let v = self.get(key)?;
        let loc = self.doc.loc(v.span().start);
        match v.get_ref() {
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(value) => Some(Num { value, loc }),
                    Err(_) => {
                        self.error(
                            diags,
                            loc,
                            format!("`{key}` {} is out of range", i.as_str()),
                        );
                        None
                    }
                }
            }
            DeValue::Float(f) => {
                let x: f64 = f.as_str().replace('_', "").parse().unwrap_or(f64::NAN);
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    Some(Num {
                        value: x as i64,
                        loc,
                    })
                } else {
                    self.error(
                        diags,
                        loc,
                        format!("`{key}` must be a whole number, not {}", f.as_str()),
                    );
                    None
                }
            }
            _ => {
                self.wrong(key, "a whole number", v, diags);
                None
            }
        }
    }

    /// An optional number (an integer is accepted).
    pub fn float(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Num<f64>> {
        let v = self.get(key)?;
        self.float_value(key, v, diags)
    }

    pub fn float_value(
        &self,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Num<f64>> {
        let loc = self.doc.loc(v.span().start);
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|x| x as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong(key, "a number", v, diags);
                return None;
            }
        };
        match parsed {
            Some(value) if value.is_finite() => Some(Num { value, loc }),
            _ => {
                self.error(diags, loc, format!("`{key}` must be a finite number"));
                None
            }
        }
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong(key, "true or false", v, diags);
                None
            }
        }
    }

    /// An optional array of strings (a single string is taken as a one-element array).
    pub fn str_list(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<Str> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(a) => a
                .iter()
                .filter_map(|x| self.str_value(key, x, diags))
                .collect(),
            DeValue::String(_) => self.str_value(key, v, diags).into_iter().collect(),
            _ => {
                self.wrong(key, "an array of strings", v, diags);
                Vec::new()
            }
        }
    }

    /// The elements of an array (any values), for callers that read mixed arrays.
    pub fn array(&self, key: &str, _diags: &mut Vec<Diagnostic>) -> Vec<&'d Spanned<DeValue<'t>>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            _ => vec![v],
        }
    }

    /// An array of tables (`[[key]]`), each with the given message prefix.
    pub fn tables(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<Table<'d, 't>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for x in a.iter() {
                    match x.get_ref() {
                        DeValue::Table(t) => out.push(Table {
                            doc: self.doc,
                            t,
                            at: x.span().start,
                            ctx: String::new(),
                        }),
                        _ => self.wrong(key, "a table ([[...]])", x, diags),
                    }
                }
                out
            }
            DeValue::Table(t) => vec![Table {
                doc: self.doc,
                t,
                at: v.span().start,
                ctx: String::new(),
            }],
            _ => {
                self.wrong(key, "an array of tables", v, diags);
                Vec::new()
            }
        }
    }

    /// A sub-table (`[key]` or an inline table).
    pub fn table(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Table<'d, 't>> {
        let v = self.get(key)?;
        self.table_value(key, v, diags)
    }

    pub fn table_value(
        &self,
        key: &str,
        v: &'d Spanned<DeValue<'t>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Table<'d, 't>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(Table {
                doc: self.doc,
                t,
                at: v.span().start,
                ctx: self.ctx.clone(),
            }),
            _ => {
                self.wrong(key, "a table", v, diags);
                None
            }
        }
    }

    /// Reports keys that are not in `allowed`, with the closest allowed key as a suggestion.
    pub fn check_keys(&self, allowed: &[&str], diags: &mut Vec<Diagnostic>) {
        for (k, _) in self.t.iter() {
            let key: &str = k.get_ref();
            if allowed.contains(&key) {
                continue;
            }
            let best = allowed
                .iter()
                .map(|a| (strsim::jaro_winkler(a, key), *a))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = match best {
                Some((s, a)) if s > 0.8 => format!("; did you mean `{a}`?"),
                _ => format!("; the fields are: {}", allowed.join(", ")),
            };
            self.error(
                diags,
                self.doc.loc(k.span().start),
                format!("unknown field `{}`{hint}", crate::text::clean(key)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_with_their_positions_and_every_problem_reported() {
        let t = "[source]\nid = \"x\"\n\n[[event]]\nid = 3\nkind = \"a\"\nwhen = 1\n\n[[event]]\nid = \"b\"\ndate = 20250108\n";
        let mut d = Vec::new();
        let doc = Doc::parse("r.toml", t, &mut d).unwrap();
        let root = doc.root();
        let src = root.table("source", &mut d).unwrap();
        assert_eq!(src.req_str("id", "", &mut d).unwrap().loc.line, 2);
        let evs = root.tables("event", &mut d);
        assert_eq!(evs.len(), 2);
        assert!(evs[0].req_str("id", "", &mut d).is_none());
        evs[0].check_keys(&["id", "kind", "date"], &mut d);
        evs[1].req_str("quote", "the sentence", &mut d);
        evs[1].date("date", &mut d);
        let msgs: Vec<String> = d.iter().map(|x| x.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("r.toml:5:6") && m.contains("must be a string")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("unknown field `when`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("missing field `quote`")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("2025-01-08")), "{msgs:?}");
    }

    #[test]
    fn syntax_errors_are_located() {
        let mut d = Vec::new();
        assert!(Doc::parse("s.toml", "[[site]]\nid = \"a\nname = 3\n", &mut d).is_none());
        assert_eq!(d[0].location.line, 2, "{d:?}");
    }
}

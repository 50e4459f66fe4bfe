//! An article's text as the drafter reads it: the front matter, the lines that are page
//! furniture rather than article, the sentences, and the words of a sentence with their byte
//! spans and folded forms.
//!
//! Everything here works on byte offsets into the whole input, so that every mention the
//! drafter reports can be cut out of the file it came from.

use crate::fold;

/// The `key: value` lines that may open an article, closed by a line `---`.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// As written; parsed by the caller.
    pub published: Option<String>,
    /// Other keys, kept for the notes.
    pub other: Vec<(String, String)>,
}

/// Splits off a front-matter block: `key: value` lines (keys of letters, digits, `_` and
/// `-`), then a line `---`. Returns the block and the byte offset where the article begins
/// (0 when there is no block).
pub fn front_matter(text: &str) -> (FrontMatter, usize) {
    let mut fm = FrontMatter::default();
    let mut pos = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim() == "---" {
            if lines == 0 {
                // a rule at the very top opens a block only if key lines follow; treat as none
                return (FrontMatter::default(), 0);
            }
            return (fm, pos + line.len());
        }
        let Some((k, v)) = l.split_once(':') else {
            return (FrontMatter::default(), 0);
        };
        let k = k.trim();
        if k.is_empty()
            || k.len() > 40
            || !k
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return (FrontMatter::default(), 0);
        }
        let v = v.trim().to_string();
        match k.to_ascii_lowercase().as_str() {
            "url" => fm.url = Some(v),
            "title" => fm.title = Some(v),
            "publisher" => fm.publisher = Some(v),
            "published" | "date" => fm.published = Some(v),
            other => fm.other.push((other.to_string(), v)),
        }
        pos += line.len();
        lines += 1;
        if lines > 64 {
            break;
        }
    }
    (FrontMatter::default(), 0)
}

/// Why a line is not article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// Article text.
    No,
    /// A photo caption or credit.
    Caption,
    /// A link to another story, a subscription or sharing prompt, a byline, a copyright.
    Chrome,
    /// A comment block and what follows it.
    Comments,
    /// A fragment of script or markup.
    Code,
    /// A line that repeats an earlier line word for word (captions and whole articles are
    /// printed twice by many sites).
    Repeat,
}

/// A line of the article (without its line break).
#[derive(Debug, Clone)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub furniture: Furniture,
    /// The first non-empty line: the headline, when the page starts with it.
    pub first: bool,
}

/// Prefixes of lines that are page chrome, compared case-insensitively after trimming.
const CHROME_PREFIXES: &[&str] = &[
    "related:",
    "related articles",
    "related topics",
    "related news",
    "related stories",
    "read more",
    "read also",
    "see also",
    "also read",
    "more:",
    "subscribe",
    "stay updated",
    "sign up",
    "follow us",
    "share this",
    "share on",
    "share:",
    "print friendly",
    "copyright",
    "©",
    "all rights reserved",
    "advertisement",
    "back to top",
    "skip to",
    "you may also like",
    "check also",
    "other news",
    "short link",
    "tags:",
    "hashtags",
    "editor's note",
    "editor’s note",
    "reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "source:",
    "photo:",
    "image:",
    "credit:",
    "(photo credit",
    "adblock",
    "please consider supporting",
    "the full text of this post is available",
    "please login",
    "click here",
    "try our ai",
    "explore what",
    "language",
    "this post is also available",
    "%d bloggers",
    "leave a reply",
    "no comments",
    "post a comment",
    "be civil",
    "author_image",
    "a+ a-",
    "error:",
    "jerusalem post store",
];

/// Words inside a line that mark it as a caption or credit.
const CAPTION_MARKS: &[&str] = &[
    "(photo credit",
    "(credit:",
    "photo credit:",
    "(photo:",
    "(reuters photo",
    "reuters/",
    "afp/",
    "ap photo",
    "getty images",
    "(file photo",
    "file photo:",
    "photo/",
    "(photo)",
    ". photo:",
    " photo: ",
    "(image:",
    "(credit",
];

fn is_code(line: &str) -> bool {
    let l = line.trim();
    if l.starts_with("`;") || l.starts_with("<script") || l.starts_with("</") {
        return true;
    }
    // script has brackets or semicolons; prose rarely does: most lines stop here
    if memchr::memchr3(b';', b'{', b'=', l.as_bytes()).is_none() {
        return false;
    }
    for m in [
        "document.",
        "getElementById",
        "innerHTML",
        "function (",
        "function(",
        "var ",
        "window.",
        "=>",
        "});",
    ] {
        if l.contains(m) {
            let punct = l.bytes().filter(|b| b";{}()=<>".contains(b)).count();
            if punct * 20 >= l.len().max(1) {
                return true;
            }
        }
    }
    false
}

/// A comment block's opening line: "Comments", "Comments (3)", "Leave a comment"...
fn opens_comments(l: &str) -> bool {
    if l.len() > 40 {
        return false;
    }
    let t = l.trim().trim_end_matches(':').to_ascii_lowercase();
    t == "comments"
        || t.starts_with("comments (")
        || t == "leave a comment"
        || t == "leave a reply"
        || t == "post a comment"
        || t == "no comments yet..."
        || t == "join the conversation"
}

/// The lines of the article that begins at `body_start`, each marked as article text or
/// furniture. Repeated lines are marked [`Furniture::Repeat`] (their first copy stays text).
pub fn lines(text: &str, body_start: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut pos = body_start;
    let mut in_comments = false;
    let mut first_seen = false;
    let body = text.get(body_start..).unwrap_or("");
    for raw in body.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let l = raw.trim_end_matches(['\n', '\r']);
        let end = start + l.len();
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        // prefixes and caption marks: the head of a line lower-cased once; only short lines
        // are searched for caption marks
        let short = t.len() <= 400;
        let head_end = crate::error::floor_char_boundary(t, if short { 400 } else { 48 });
        let head = &t[..head_end];
        let lower = if head.is_ascii() {
            head.to_ascii_lowercase()
        } else {
            head.to_lowercase()
        };
        let first = !first_seen;
        first_seen = true;
        let furniture = if in_comments {
            Furniture::Comments
        } else if opens_comments(t) {
            in_comments = true;
            Furniture::Comments
        } else if is_code(t) {
            Furniture::Code
        } else if CHROME_PREFIXES.iter().any(|p| lower.starts_with(p))
            || (lower.starts_with("by ") && t.split_whitespace().count() <= 8)
        {
            Furniture::Chrome
        } else if short && CAPTION_MARKS.iter().any(|m| lower.contains(m)) {
            Furniture::Caption
        } else if t.len() >= 20 && !seen.insert(line_hash(t)) {
            Furniture::Repeat
        } else {
            Furniture::No
        };
        out.push(Line {
            start,
            end,
            furniture,
            first,
        });
    }
    out
}

/// A hash of a line's text without its leading and trailing white space: repeated lines are
/// told by it.
pub fn line_hash(t: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(t.trim().as_bytes());
    h.finish()
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "brig", "maj", "capt", "sgt", "cpl", "pvt", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig", "inc", "ltd", "co",
    "corp", "dept", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "al", "mt", "ft",
];

/// A sentence: its byte span in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Longest sentence, in bytes, before it is cut at a space: bounds the work and memory one
/// sentence can cost, whatever the input.
pub const MAX_SENTENCE: usize = 4000;

/// Splits `text[start..end]` (one line) into sentences: at `.`, `!`, `?` followed by a space
/// and a capital letter, a digit, a quote or Arabic script, unless the full stop ends an
/// abbreviation, an initial or a number.
pub fn sentences(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let mut s = start;
    let mut i = start;
    while i < end {
        // the next sentence mark, or the first character past the length limit if it comes
        // sooner
        let mark = memchr::memchr3(b'.', b'!', b'?', &bytes[i..end]).map_or(end, |k| i + k);
        let mut lim = (s + MAX_SENTENCE).max(i);
        while lim < end && !text.is_char_boundary(lim) {
            lim += 1;
        }
        i = mark.min(lim);
        if i >= end {
            break;
        }
        let b = bytes[i];
        let mut cut = None;
        if b == b'.' || b == b'!' || b == b'?' {
            // closing quotes and brackets belong to the sentence they close
            let mut j = i + 1;
            while j < end {
                let rest = &text[j..end];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            if j >= end {
                cut = Some(end);
            } else if text[j..end].starts_with([' ', '\t']) {
                let after = text[j..end].trim_start();
                let next = after.chars().next().unwrap_or(' ');
                let starts_new = next.is_uppercase()
                    || next.is_ascii_digit()
                    || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '[')
                    || ('\u{0600}'..='\u{06FF}').contains(&next);
                if starts_new && (b != b'.' || !abbreviation_before(text, s, i)) {
                    cut = Some(j);
                }
            }
        }
        if let Some(c) = cut {
            push_sentence(text, s, c, out);
            s = c;
            i = c;
            continue;
        }
        if i - s >= MAX_SENTENCE {
            // cut at the last space before the limit, or here
            let cut_at = text[s..i].rfind(' ').map(|k| s + k + 1).unwrap_or(i);
            let cut_at = if cut_at <= s { i } else { cut_at };
            push_sentence(text, s, cut_at, out);
            s = cut_at;
        }
        i += utf8_len(b);
    }
    push_sentence(text, s, end, out);
}

fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

fn push_sentence(text: &str, s: usize, e: usize, out: &mut Vec<Sentence>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Sentence {
            start: s + lead,
            end: e - trail,
        });
    }
}

/// Whether the full stop at `dot` ends an abbreviation, an initial or a number.
fn abbreviation_before(text: &str, from: usize, dot: usize) -> bool {
    let before = &text[from..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|k| k + 1)
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let lower = lower.trim_start_matches(['(', '"', '“']);
    if ABBREVIATIONS.contains(&lower) {
        return true;
    }
    // an initial ("George W. Bush"), or letters with dots ("U.S.")
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().next().is_some_and(|c| c.is_uppercase()) {
        return true;
    }
    word.contains('.') && letters <= 4
}

/// What separates a word from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Start of the sentence.
    Start,
    Space,
    /// A hyphen or dash with no space ("Iran-backed", "Deir ez-Zor").
    Hyphen,
    Comma,
    /// Anything else: a colon, a bracket, a quote, a dash between spaces...
    Other,
}

/// A word of a sentence.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// The folded form ([`fold::fold_word`]) in the sentence's buffer.
    pub f0: u32,
    pub f1: u32,
    pub gap: Gap,
    /// Starts with a capital letter.
    pub cap: bool,
    /// Every letter is a capital (and there are at least two).
    pub caps: bool,
    /// Arabic script.
    pub arabic: bool,
    /// Digits only.
    pub number: bool,
    /// Followed by a possessive `'s`, which the span leaves out.
    pub possessive: bool,
    /// An article ([`fold::is_article`]).
    pub article: bool,
    /// Its exact-key part ([`fold::word_key`]) in the sentence's key buffer.
    pub k0: u32,
    pub k1: u32,
}

/// The words of one sentence and their folded forms.
#[derive(Debug, Default)]
pub struct Words {
    pub words: Vec<Word>,
    folded: String,
    keys: String,
}

impl Words {
    /// The folded form of word `i`.
    pub fn f(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.folded[w.f0 as usize..w.f1 as usize]
    }

    /// The exact-key part ([`fold::word_key`]) of word `i`, computed once.
    pub fn k(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.keys[w.k0 as usize..w.k1 as usize]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The original text of word `i`.
    pub fn text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let w = &self.words[i];
        &text[w.start..w.end]
    }

    /// The index of the first word starting at or after byte `pos`.
    pub fn at_or_after(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.start < pos)
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Whether the full stop that starts `rest` belongs to a dotted abbreviation whose letters so
/// far are `word` ("U" of "U.S.", "U.S" of "U.S.-led"): single capital letters between dots.
fn dotted_initial(word: &str, rest: &str) -> bool {
    let letters_ok = word
        .split('.')
        .all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()));
    if !letters_ok {
        return false;
    }
    let mut r = rest[1..].chars();
    match (r.next(), r.next()) {
        // another initial follows: "U." of "U.S."
        (Some(c), Some('.')) if c.is_ascii_uppercase() => true,
        // the last dot of "U.S." (its word had at least two letters)
        (next, _) => word.contains('.') && !next.is_some_and(|c| c.is_alphanumeric()),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʿ' | 'ʾ' | '‘' | '`')
}

/// Splits `text[start..end]` into words: runs of letters and digits, with apostrophes inside
/// a word kept in it ("Qa'im") and a possessive "'s" cut off ("Iraq's").
pub fn words(text: &str, start: usize, end: usize, out: &mut Words) {
    out.words.clear();
    out.folded.clear();
    out.keys.clear();
    let s = &text[start..end];
    let mut it = s.char_indices().peekable();
    let mut gap_text_start = 0usize;
    while let Some(&(i, c)) = it.peek() {
        if !is_word_char(c) {
            it.next();
            continue;
        }
        // a word
        let ws = i;
        let mut we = i;
        let mut possessive = false;
        let mut after = None;
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                we = j + d.len_utf8();
                it.next();
            } else if d == '.' && dotted_initial(&s[ws..j], &s[j..]) {
                // "U.S.", "U.N.": one word, dots inside
                we = j + 1;
                it.next();
            } else if is_apostrophe(d) {
                // inside a word only if a letter follows
                let rest = &s[j + d.len_utf8()..];
                let next = rest.chars().next();
                if next.is_some_and(is_word_char) {
                    // "'s" at a word's end is a possessive
                    let after_s = rest.chars().nth(1);
                    if matches!(next, Some('s') | Some('S')) && !after_s.is_some_and(is_word_char) {
                        possessive = true;
                        after = Some(j + d.len_utf8() + 1);
                        it.next();
                        it.next();
                        break;
                    }
                    it.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let gap_text = &s[gap_text_start..ws];
        let gap = if out.words.is_empty() && gap_text.trim().is_empty() {
            Gap::Start
        } else if gap_text.is_empty() {
            Gap::Other
        } else if gap_text.chars().all(char::is_whitespace)
            || (gap_text.starts_with(is_apostrophe)
                && gap_text.chars().skip(1).all(char::is_whitespace)
                && gap_text.len() > 1)
        {
            // a plural's possessive apostrophe ("Workers' Party") keeps the words together
            Gap::Space
        } else if matches!(gap_text, "-" | "‐" | "‑" | "–" | "—" | "_") {
            Gap::Hyphen
        } else if gap_text.trim() == "," {
            Gap::Comma
        } else {
            Gap::Other
        };
        let word = &s[ws..we];
        let f0 = out.folded.len() as u32;
        fold::fold_word(word, &mut out.folded);
        let f1 = out.folded.len() as u32;
        let folded = &out.folded[f0 as usize..f1 as usize];
        let article = fold::is_article(folded);
        let k0 = out.keys.len() as u32;
        fold::word_key(folded, &mut out.keys);
        let k1 = out.keys.len() as u32;
        let first = word.chars().next().unwrap_or(' ');
        let arabic = ('\u{0600}'..='\u{06FF}').contains(&first);
        let cap = first.is_uppercase();
        let caps = cap && {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            letters.clone().count() >= 2 && letters.all(|c| c.is_uppercase())
        };
        out.words.push(Word {
            start: start + ws,
            end: start + we,
            f0,
            f1,
            gap,
            cap,
            caps,
            arabic,
            number: word.bytes().all(|b| b.is_ascii_digit()),
            possessive,
            article,
            k0,
            k1,
        });
        gap_text_start = after.unwrap_or(we);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_off() {
        let t = "url: https://x.example/a\ntitle: T\npublished: 2024-12-05\n---\nBody text.";
        let (fm, at) = front_matter(t);
        assert_eq!(fm.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(fm.published.as_deref(), Some("2024-12-05"));
        assert_eq!(&t[at..], "Body text.");
        // an article that opens with a colon in prose is no front matter
        let t = "Baghdad: forces moved.\nMore text.";
        assert_eq!(front_matter(t).1, 0);
    }

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        let t = "U.S. forces struck Al-Qaim on Dec. 5. Gen. Smith said so. Then they left!";
        let mut v = Vec::new();
        sentences(t, 0, t.len(), &mut v);
        let got: Vec<&str> = v.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            got,
            [
                "U.S. forces struck Al-Qaim on Dec. 5.",
                "Gen. Smith said so.",
                "Then they left!"
            ]
        );
    }

    #[test]
    fn a_run_without_full_stops_is_cut_at_spaces_within_the_limit() {
        // words of two and three bytes (an Arabic letter inside) so that the limit falls
        // inside a character too
        let t = "ab عc ".repeat(3000) + "Done. Next one.";
        let mut v = Vec::new();
        sentences(&t, 0, t.len(), &mut v);
        assert!(v.len() >= 5, "{} sentences", v.len());
        for s in &v {
            assert!(s.end - s.start <= MAX_SENTENCE, "{}", s.end - s.start);
        }
        // nothing lost: the pieces cover the text but for the spaces between them
        let joined: String = v
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, t.trim_end());
        assert_eq!(&t[v[v.len() - 1].start..v[v.len() - 1].end], "Next one.");
    }

    #[test]
    fn words_fold_and_keep_spans() {
        let t = "Iraq's forces reached Al-Qa'im and دير الزور.";
        let mut w = Words::default();
        words(t, 0, t.len(), &mut w);
        let texts: Vec<&str> = (0..w.len()).map(|i| w.text(t, i)).collect();
        assert_eq!(
            texts,
            [
                "Iraq",
                "forces",
                "reached",
                "Al",
                "Qa'im",
                "and",
                "دير",
                "الزور"
            ]
        );
        assert!(w.words[0].possessive);
        assert_eq!(w.f(4), "qaim");
        assert_eq!(w.words[4].gap, Gap::Hyphen);
        assert!(w.words[6].arabic);
        assert_eq!(w.words[1].gap, Gap::Space);
        let t = "U.S. forces and the U.S.-led coalition hit U. N. Street.";
        words(t, 0, t.len(), &mut w);
        let texts: Vec<&str> = (0..w.len()).map(|i| w.text(t, i)).collect();
        assert_eq!(
            texts,
            [
                "U.S.",
                "forces",
                "and",
                "the",
                "U.S.",
                "led",
                "coalition",
                "hit",
                "U",
                "N",
                "Street"
            ]
        );
        assert_eq!(w.f(0), "us");
    }

    #[test]
    fn furniture_is_told_from_text() {
        let t = "Headline here\nA caption (photo credit: REUTERS)\nForces moved to Al-Qaim on Monday.\nForces moved to Al-Qaim on Monday.\nRead more: other story\nComments\nNice article about Baghdad";
        let ls = lines(t, 0);
        let kinds: Vec<Furniture> = ls.iter().map(|l| l.furniture).collect();
        assert_eq!(
            kinds,
            [
                Furniture::No,
                Furniture::Caption,
                Furniture::No,
                Furniture::Repeat,
                Furniture::Chrome,
                Furniture::Comments,
                Furniture::Comments
            ]
        );
        assert!(ls[0].first);
        assert!(is_code(
            "`; document.getElementById(\"linkPremium\").innerHTML = cont; var x = 1;"
        ));
    }
}

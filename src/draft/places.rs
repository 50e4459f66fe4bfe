//! Place mentions in a sentence: every spelling the gazetteer knows, found word by word with
//! the gazetteer's own folding, then read in context: a descriptor ("the district of
//! al-Qaim", "the Husaibah crossing"), a country ("Al Qaim, Iraq"), a wider precision ("near
//! Albukamal"), and the things that only look like places (a person's nisba, a unit, an
//! outlet, a campaign, a compound adjective, a common word).

use crate::border::Border;
use crate::fold;
use crate::gazetteer::{Gazetteer, Match, SiteKind, SiteRef, Tier};

use super::text::{Gap, Words};

/// Another site a name may mean, kept when the name is ambiguous.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub site: SiteRef,
    pub confidence: f64,
}

/// The candidates worth keeping: those of an ambiguous name, at most four.
fn keep(ms: &[Match]) -> Vec<Candidate> {
    if ms.len() <= 1 {
        return Vec::new();
    }
    ms.iter()
        .take(4)
        .map(|m| Candidate {
            site: m.site,
            confidence: m.confidence,
        })
        .collect()
}

/// A place mention.
#[derive(Debug, Clone)]
pub struct PlaceHit {
    /// Byte span in the input.
    pub start: usize,
    pub end: usize,
    /// Word range in its sentence (end exclusive).
    pub w0: usize,
    pub w1: usize,
    /// The site meant, when one is.
    pub site: Option<SiteRef>,
    /// The sites the name may mean, best first, when it is ambiguous.
    pub candidates: Vec<Candidate>,
    /// How far to trust the pick, 0–1.
    pub confidence: f64,
    /// Worded as an approximation ("near X", "the outskirts of X", "the X area").
    pub near: bool,
    /// Why this site, when context decided (for the reviewer).
    pub why: Option<String>,
    /// Not a name but a definite noun standing for a place named before ("the crossing"):
    /// an event's place, never a mention.
    pub anaphor: bool,
}

/// A named place the gazetteer lacks.
#[derive(Debug, Clone)]
pub struct Unresolved {
    pub start: usize,
    pub end: usize,
    pub w0: usize,
    pub w1: usize,
    /// Why it is taken for a place ("the village of X", a list of places...).
    pub why: String,
    /// Close names of listed sites, for the reviewer.
    pub candidates: Vec<Candidate>,
}

/// Words that may continue a name after its first word although written in lower case.
const CONT_LOWER: &[&str] = &[
    "border",
    "borders",
    "frontier",
    "strip",
    "with",
    "crossing",
    "area",
    "areas",
    "region",
    "territory",
    "territories",
];

/// Words that may start a name although written in lower case (the border phrases).
const START_LOWER: &[&str] = &["border"];

/// Descriptor words after a name, and the kinds of site they point to.
const AFTER: &[(&str, &[SiteKind])] = &[
    ("crossing", &[SiteKind::Crossing]),
    ("gate", &[SiteKind::Crossing]),
    ("checkpoint", &[SiteKind::Crossing]),
    ("post", &[SiteKind::Crossing]),
    ("port", &[SiteKind::Crossing]),
    ("province", &[SiteKind::Province]),
    ("governorate", &[SiteKind::Province]),
    ("countryside", &[SiteKind::Province]),
    ("district", &[SiteKind::District]),
    ("airport", &[SiteKind::Airfield]),
    ("airbase", &[SiteKind::Airfield, SiteKind::Base]),
    ("base", &[SiteKind::Base, SiteKind::Airfield]),
    ("camp", &[SiteKind::Base, SiteKind::Village, SiteKind::Town]),
    ("desert", &[SiteKind::Region]),
    ("river", &[SiteKind::River]),
    ("dam", &[SiteKind::Facility]),
    ("field", &[SiteKind::OilField, SiteKind::GasField]),
    ("oilfield", &[SiteKind::OilField]),
    ("city", &[SiteKind::City, SiteKind::Town]),
    ("town", &[SiteKind::Town, SiteKind::City, SiteKind::Village]),
    ("village", &[SiteKind::Village, SiteKind::Town]),
];

/// Words between a name and its descriptor ("the Al-Qaim border crossing").
const QUALIFIERS: &[&str] = &["border", "air", "oil", "gas", "military", "international"];

/// "the X of NAME": the kinds the noun points to, and whether it widens the place.
const BEFORE_OF: &[(&str, &[SiteKind], bool)] = &[
    ("district", &[SiteKind::District], false),
    ("province", &[SiteKind::Province], false),
    ("governorate", &[SiteKind::Province], false),
    (
        "town",
        &[SiteKind::Town, SiteKind::City, SiteKind::Village],
        false,
    ),
    (
        "towns",
        &[SiteKind::Town, SiteKind::City, SiteKind::Village],
        false,
    ),
    ("city", &[SiteKind::City, SiteKind::Town], false),
    ("village", &[SiteKind::Village, SiteKind::Town], false),
    ("villages", &[SiteKind::Village, SiteKind::Town], true),
    ("outskirts", &[], true),
    ("countryside", &[SiteKind::Province], true),
    ("suburbs", &[], true),
    ("vicinity", &[], true),
    ("area", &[], true),
    ("areas", &[], true),
    ("region", &[], true),
    ("environs", &[], true),
];

/// Words that widen the place they come before.
const NEAR_WORDS: &[&str] = &[
    "near", "around", "outside", "nearby", "close", "towards", "toward",
];

/// Words after a place name that make it part of an organisation's, unit's, outlet's or
/// campaign's name ("Deir ez-Zor Military Council", "Kurdistan 24", "Jazira Storm").
const ORG_AFTER: &[&str] = &[
    "military",
    "operations",
    "operation",
    "command",
    "resistance",
    "mobilisation",
    "mobilization",
    "storm",
    "brigade",
    "brigades",
    "regiment",
    "division",
    "battalion",
    "corps",
    "council",
    "university",
    "24",
    "tv",
    "channel",
    "news",
    "times",
    "post",
    "today",
    "herald",
    "radio",
    "agency",
    "observatory",
    "network",
    "press",
    "daily",
    "monitor",
    "wire",
    "institute",
    "center",
    "centre",
    "foundation",
    "chamber",
    "front",
    "liberation",
    "direct",
    "emergency",
    "provincial",
    "tribal",
    "upper",
    "western",
    "tribune",
    "gazette",
    "journal",
    "broadcasting",
    "media",
    "satellite",
    "league",
    "club",
    "airways",
    "airlines",
    "bank",
    "company",
    "petroleum",
    "cement",
    "group",
    "movement",
    "party",
    "forces",
    "force",
    "army",
    "police",
    "guards",
    "regional",
    "government",
    "shield",
    "falcons",
    "lions",
    "hawks",
    "eagles",
    "revolutionaries",
    "authority",
    "administration",
    "federation",
    "union",
];

/// Words before a place name that make it part of a name ("Operation Jazira Storm", "Radio
/// Free Iraq").
const ORG_BEFORE: &[&str] = &[
    "operation",
    "radio",
    "battle",
    "kataib",
    "liwa",
    "saraya",
    "harakat",
    "jaish",
    "firqat",
    "quwat",
    "ansar",
    "jund",
    "asaib",
];

/// Nouns a border name may qualify ("Iraqi border guards", "Syrian border crossings"): the
/// line itself is then not meant.
const BORDER_MODIFIES: &[&str] = &[
    "policeman",
    "policemen",
    "police",
    "official",
    "officials",
    "guard",
    "guards",
    "forces",
    "force",
    "points",
    "point",
    "authority",
    "authorities",
    "commission",
    "crossings",
    "town",
    "towns",
    "city",
    "cities",
    "patrol",
    "patrols",
    "units",
    "troops",
    "posts",
    "post",
    "security",
    "ports",
    "port",
    "commander",
    "command",
    "regiment",
    "brigade",
    "agency",
    "officer",
    "officers",
    "personnel",
    "crossing",
    "checkpoints",
];

/// Outlets whose names are place names; told from the place by the words around them.
const OUTLET_NAMES: &[&str] = &["mayadeen", "mayadin", "jazeera", "jazira"];

/// Words around an outlet's name.
const OUTLET_CUES: &[&str] = &[
    "told",
    "reported",
    "reports",
    "tv",
    "channel",
    "network",
    "website",
    "broadcaster",
    "correspondent",
    "quoted",
    "aired",
    "broadcast",
    "according",
    "news",
    "said",
    "says",
    "english",
    "arabic",
    "satellite",
];

/// Words that, written in lower case, are common English words; as capitalised names they
/// need a place cue around them (a preposition, a list of places, "the town of").
const COMMON_WORDS: &[&str] = &[
    "hit",
    "ana",
    "said",
    "mission",
    "center",
    "march",
    "may",
    "safe",
    "tell",
    "bint",
    "bin",
    "ali",
    "omar",
    "hassan",
    "hussein",
    "abbas",
    "said",
    "amin",
    "karim",
    "salman",
    "hamid",
    "nasr",
    "nasser",
    "jamal",
    "kamal",
    "fatima",
    "zaid",
    "khalid",
    "malik",
    "rashid",
    "tariq",
    "sultan",
    "imam",
    "sheikh",
    "shaikh",
    "emir",
    "amir",
    "mohammed",
    "muhammad",
    "ahmad",
    "ahmed",
    "mahmoud",
    "mustafa",
    "yousef",
    "yusuf",
    "ibrahim",
    "ismail",
    "hamza",
    "saad",
    "saddam",
    "assad",
    "asad",
    "bashar",
    "sudani",
    "abadi",
    "maliki",
    "amiri",
    "khamenei",
    "soleimani",
    "muhandis",
    "fayyadh",
    "sadr",
    "hakim",
    "jolani",
    "golani",
    "sharaa",
    "baghdadi",
    "zarqawi",
    "hezbollah",
    "nujaba",
    "badr",
    "union",
    "parliament",
    "congress",
    "state",
    "street",
    "road",
    "house",
    "camp",
    "base",
];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sheikh",
    "shaikh",
    "imam",
    "gen",
    "general",
    "col",
    "colonel",
    "brig",
    "brigadier",
    "maj",
    "major",
    "capt",
    "captain",
    "lt",
    "lieutenant",
    "sgt",
    "president",
    "minister",
    "commander",
    "leader",
    "spokesman",
    "spokeswoman",
    "governor",
    "mayor",
    "cleric",
    "ayatollah",
    "emir",
    "prince",
    "king",
    "sayyed",
    "sayyid",
    "mullah",
];

/// Words that introduce a place.
const PLACE_PREPS: &[&str] = &[
    "in", "at", "near", "from", "to", "toward", "towards", "into", "outside", "around", "via",
    "through", "between", "across", "inside", "of", "on", "over", "onto", "reached", "entered",
    "and", "or",
];

/// Capitalised words that are never a place on their own (for unresolved places); month
/// and weekday names are told by [`not_place`].
const NOT_PLACE: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "he",
    "she",
    "they",
    "it",
    "we",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "iraqi",
    "syrian",
    "kurdish",
    "arab",
    "arabic",
    "english",
    "shiite",
    "shia",
    "sunni",
    "iranian",
    "american",
    "turkish",
    "russian",
    "israeli",
    "jordanian",
    "lebanese",
    "saudi",
    "us",
    "u",
    "s",
    "un",
    "president",
    "minister",
    "prime",
    "general",
    "gen",
    "colonel",
    "brigadier",
    "army",
    "forces",
    "force",
    "ministry",
    "defense",
    "defence",
    "interior",
    "government",
    "state",
    "islamic",
    "council",
    "command",
    "operations",
    "security",
    "police",
    "reuters",
    "afp",
    "ap",
    "when",
    "while",
    "after",
    "before",
    "since",
    "during",
    "but",
    "and",
    "or",
    "if",
    "as",
    "for",
    "with",
    "by",
    "from",
    "to",
    "of",
    "also",
    "meanwhile",
    "however",
    "according",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "other",
    "such",
    "one",
    "two",
    "three",
    "several",
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "north",
    "south",
    "east",
    "west",
    "daesh",
    "isis",
    "isil",
    "is",
    "sdf",
    "pmf",
    "pmu",
    "hts",
    "coalition",
    "pentagon",
    "washington",
    "white",
    "kremlin",
    "parliament",
    "congress",
    "court",
    "office",
    "agency",
    "department",
    "committee",
    "commission",
    "authority",
    "authorities",
    "administration",
    "organization",
    "organisation",
    "group",
    "brigade",
    "brigades",
    "division",
    "battalion",
    "unit",
    "units",
    "mr",
    "mrs",
    "dr",
    "sheikh",
    "imam",
    "ayatollah",
    "lt",
    "col",
    "maj",
    "capt",
    "gov",
    "governor",
    "mayor",
    "commander",
    "spokesman",
    "official",
    "officials",
    "source",
    "sources",
    "media",
    "news",
    "tv",
    "twitter",
    "telegram",
    "facebook",
    "x",
    "photo",
    "video",
    "image",
    "file",
    "christmas",
    "ramadan",
    "eid",
    "covid",
    "god",
    "allah",
    "quran",
    "hajj",
    "new",
    "old",
    "great",
    "grand",
    "mount",
    "lake",
    "upper",
    "lower",
    "popular",
    "mobilization",
    "mobilisation",
    "democratic",
    "revolutionary",
    "guard",
    "guards",
    "resistance",
    "front",
    "liberation",
    "free",
    "national",
    "republican",
    "special",
    "federal",
    "regional",
    "provincial",
    "local",
    "international",
    "global",
    "united",
    "nations",
    "european",
    "union",
    "western-backed",
    "iran",
    "iraq",
    "syria",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "seize",
    "main",
];

/// Whether a folded word is never a place on its own.
fn not_place(f: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut s: rustc_hash::FxHashSet<&'static str> = NOT_PLACE.iter().copied().collect();
        s.extend(crate::dates::MONTHS);
        s.extend([
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]);
        s
    })
    .contains(f)
}

/// Arabic toponym openings: an unknown capitalised name that starts so, after a place
/// preposition, is taken for a place the gazetteer lacks.
const TOPONYM_OPENINGS: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ain", "ayn", "tal", "tel", "tell",
    "deir", "dayr", "abu", "jabal", "jebel", "wadi", "bir", "qasr", "ras", "kafr", "khirbet",
    "umm", "hamam", "hammam", "mazraat", "jisr", "qalaat", "albu", "beit",
];

/// Nouns after an unknown name that make it a place ("the Akashat phosphate area").
const PLACE_HEADS: &[&str] = &[
    "village",
    "villages",
    "town",
    "city",
    "district",
    "subdistrict",
    "neighbourhood",
    "neighborhood",
    "area",
    "camp",
    "crossing",
    "airport",
    "airbase",
    "field",
    "oilfield",
    "desert",
    "mountain",
    "mountains",
    "valley",
    "bridge",
    "dam",
    "prison",
    "region",
    "plain",
    "countryside",
    "outskirts",
    "junction",
    "highway",
];

/// How much of the sentence a look-up may span, in words.
const MAX_NAME_WORDS: usize = 7;

/// Finds place mentions in one sentence.
pub struct PlaceFinder<'g> {
    pub g: &'g Gazetteer,
    pub border: &'g Border,
    /// Look-ups already made, by the text looked up: an article names its places again and
    /// again.
    cache: std::sync::Mutex<rustc_hash::FxHashMap<String, std::sync::Arc<Vec<Match>>>>,
    /// The first words of every name ([`Gazetteer::first_words`]).
    first: rustc_hash::FxHashSet<String>,
}

/// What the sentence around a mention says (filled by the caller).
pub struct SentenceCtx<'a> {
    pub text: &'a str,
    pub words: &'a Words,
    /// Word ranges taken by longer actor names ("Islamic Resistance in Iraq"): no place inside.
    pub actor_spans: &'a [(usize, usize)],
    /// Word ranges taken by dates ("March", "May").
    pub date_spans: &'a [(usize, usize)],
}

fn inside(spans: &[(usize, usize)], a: usize, b: usize) -> bool {
    spans
        .iter()
        .any(|&(s, e)| s <= a && b <= e && (e - s) > (b - a))
}

fn overlaps(spans: &[(usize, usize)], a: usize, b: usize) -> bool {
    spans.iter().any(|&(s, e)| a < e && s < b)
}

impl<'g> PlaceFinder<'g> {
    pub fn new(g: &'g Gazetteer, border: &'g Border) -> Self {
        PlaceFinder {
            g,
            border,
            cache: Default::default(),
            first: g.first_words(),
        }
    }

    /// [`Gazetteer::lookup_exact`], remembered.
    fn lookup(&self, text: &str) -> std::sync::Arc<Vec<Match>> {
        if let Ok(c) = self.cache.lock() {
            if let Some(v) = c.get(text) {
                return std::sync::Arc::clone(v);
            }
        }
        let v = std::sync::Arc::new(self.g.lookup_exact(text));
        if let Ok(mut c) = self.cache.lock() {
            if c.len() > 16_384 {
                c.clear();
            }
            c.insert(text.to_string(), std::sync::Arc::clone(&v));
        }
        v
    }

    /// Every place mention of the sentence, and the named places the gazetteer lacks.
    pub fn find(&self, c: &SentenceCtx<'_>, out: &mut Vec<PlaceHit>, unres: &mut Vec<Unresolved>) {
        let w = c.words;
        let n = w.len();
        let mut key = String::new();
        let mut key_u = String::new();
        let mut buf = String::new();
        let mut i = 0;
        let first_hit = out.len();
        while i < n {
            let wi = &w.words[i];
            let fi = w.f(i);
            let lower_start = !wi.cap && !wi.arabic && START_LOWER.contains(&fi);
            let startable =
                (wi.cap || wi.arabic || lower_start || wi.number) && !wi.article && !fi.is_empty();
            // an article before a capitalised word ("al-Qaim") belongs to the span
            if !startable {
                i += 1;
                continue;
            }
            // a word that starts no name of the gazetteer: no look-up
            key.clear();
            let known = self.first.contains(w.k(i))
                || fold::unglued_word(fi).is_some_and(|r| {
                    key.clear();
                    fold::word_key(r, &mut key);
                    self.first.contains(key.as_str())
                });
            if !known {
                i += 1;
                continue;
            }
            key.clear();
            key_u.clear();
            let mut best: Option<usize> = None;
            let mut content = 0;
            let mut j = i;
            while j < n && j < i + MAX_NAME_WORDS {
                let wj = &w.words[j];
                let fj = w.f(j);
                if j > i {
                    if !matches!(wj.gap, Gap::Space | Gap::Hyphen) || w.words[j - 1].possessive {
                        break;
                    }
                    let ok = wj.cap
                        || wj.arabic
                        || wj.number
                        || wj.article
                        || (wj.gap == Gap::Hyphen && !wi.arabic)
                        || CONT_LOWER.contains(&fj);
                    if !ok {
                        break;
                    }
                }
                let last_possible = j + 1 == n;
                if wj.article && !last_possible && j > i {
                    j += 1;
                    continue;
                }
                let before = key.len();
                // "the Iraqi-Syrian borders": the border
                if fj == "borders" && content > 0 {
                    key.push_str("border");
                } else {
                    key.push_str(w.k(j));
                }
                if content == 0 {
                    match fold::unglued_word(&key[before..]) {
                        Some(rest) => fold::word_key(rest, &mut key_u),
                        None => key_u.push_str(&key[before..]),
                    }
                } else if !key_u.is_empty() {
                    key_u.push_str(&key[before..]);
                }
                content += 1;
                let min_words = if lower_start { 2 } else { 1 };
                if content >= min_words
                    && key.len() >= 2
                    && (self.g.has_exact_key(&key, &mut buf)
                        || (key_u != key && self.g.has_exact_key(&key_u, &mut buf)))
                {
                    best = Some(j);
                }
                j += 1;
            }
            let Some(last) = best else {
                i += 1;
                continue;
            };
            // the span starts at an article written before the name ("al-Qaim", "Al Qaim")
            let mut w0 = i;
            if i > 0 && arabic_article_before(w, i) {
                w0 = i - 1;
            }
            let w1 = last + 1;
            if let Some(h) = self.read(c, w0, w1) {
                out.push(h);
            }
            i = w1;
        }
        let mut close = Vec::new();
        self.unresolved(c, &out[first_hit..], &mut close, unres);
        out.extend(close);
        out[first_hit..].sort_by_key(|h| h.w0);
    }

    /// A listed place near the corridor whose name this unknown one is a close spelling of,
    /// taken with a lowered confidence.
    fn close_spelling(
        &self,
        c: &SentenceCtx<'_>,
        w0: usize,
        w1: usize,
        text: &str,
    ) -> Option<PlaceHit> {
        let m = self.g.lookup_close_listed(text).into_iter().next()?;
        // "al-Karbouli" is a man from Karabilah, not the town
        let last = c.words.f(w1 - 1);
        if last.ends_with('i') && !fold::exact_key(&m.matched).ends_with('i') {
            return None;
        }
        let s = self.g.site(m.site)?;
        if !s.corridor && self.border.fix(s.lon, s.lat).distance_km > crate::gazetteer::FAR_KM {
            return None;
        }
        let w = c.words;
        Some(PlaceHit {
            start: w.words[w0].start,
            end: w.words[w1 - 1].end,
            w0,
            w1,
            site: Some(m.site),
            confidence: (m.confidence * 0.9).min(0.79),
            near: false,
            why: Some(format!(
                "a close spelling of {:?}, not a listed one",
                m.matched
            )),
            candidates: keep(std::slice::from_ref(&m)),
            anaphor: false,
        })
    }

    /// Reads a name found at words `w0..w1` in its context: the site it means, or nothing
    /// when it is no place here.
    fn read(&self, c: &SentenceCtx<'_>, w0: usize, mut w1: usize) -> Option<PlaceHit> {
        let w = c.words;
        let n = w.len();
        if inside(c.actor_spans, w0, w1) || overlaps(c.date_spans, w0, w1) {
            return None;
        }
        if self.no_place_here(c, w0, w1) {
            return None;
        }
        let f = |k: usize| w.f(k);
        let prev = |k: usize| if k == 0 { "" } else { w.f(k - 1) };
        let span_text = &c.text[w.words[w0].start..w.words[w1 - 1].end];
        let single = w1 - w0 == 1;
        let common = single && COMMON_WORDS.contains(&f(w0));
        if common && !self.has_place_cue(c, w0, w1) {
            return None;
        }
        // the candidates, with a descriptor after the name when one follows
        let mut cands = self.lookup(span_text);
        if cands.is_empty() {
            return None;
        }
        let mut why = None;
        let mut kinds: Vec<SiteKind> = Vec::new();
        // descriptor after: "Rabia crossing", "Al-Qaim border crossing", "Anbar province"
        let mut k = w1;
        while k < n && k < w1 + 2 && QUALIFIERS.contains(&f(k)) {
            k += 1;
        }
        if k < n && matches!(w.words[k].gap, Gap::Space | Gap::Hyphen) {
            if let Some((d, ks)) = AFTER.iter().find(|(d, _)| {
                *d == f(k) || (f(k).len() > d.len() && f(k).strip_suffix('s') == Some(d))
            }) {
                let with = &c.text[w.words[w0].start..w.words[k].end];
                let described = self.lookup(with);
                let fits: Vec<Match> = described
                    .iter()
                    .cloned()
                    .filter(|m| self.kind(m.site).is_some_and(|x| ks.contains(&x)))
                    .collect();
                if !fits.is_empty() {
                    cands = std::sync::Arc::new(fits);
                    w1 = k + 1;
                    why = Some(format!("'{d}' after the name"));
                } else {
                    kinds.extend_from_slice(ks);
                }
            }
        }
        // "a border crossing with Syria at Qaim", "the crossing at Rabia": the crossing
        if why.is_none() && w0 >= 2 && matches!(prev(w0), "at" | "in" | "near") {
            let crossing_before =
                (w0.saturating_sub(6)..w0 - 1).any(|k| matches!(f(k), "crossing" | "crossings"));
            if crossing_before {
                let named = format!(
                    "{} crossing",
                    &c.text[w.words[w0].start..w.words[w1 - 1].end]
                );
                let fits: Vec<Match> = self
                    .lookup(&named)
                    .iter()
                    .cloned()
                    .filter(|m| self.kind(m.site) == Some(SiteKind::Crossing))
                    .collect();
                if !fits.is_empty() {
                    cands = std::sync::Arc::new(fits);
                    why = Some("'crossing ... at' before the name".into());
                }
            }
        }
        // "the district of al-Qaim", "the outskirts of Al-Busayrah", "near Albukamal"
        let mut near = false;
        let mut p = w0;
        while p > 0
            && matches!(
                prev(p),
                "the" | "eastern" | "western" | "northern" | "southern"
            )
        {
            p -= 1;
        }
        if p >= 2 && prev(p) == "of" {
            if let Some((noun, ks, widens)) = BEFORE_OF.iter().find(|(x, _, _)| *x == w.f(p - 2)) {
                near |= *widens;
                if !ks.is_empty() {
                    let named = format!(
                        "{} {}",
                        &c.text[w.words[w0].start..w.words[w1 - 1].end],
                        noun
                    );
                    let fits: Vec<Match> = self
                        .g
                        .lookup_exact(&named)
                        .into_iter()
                        .filter(|m| self.kind(m.site).is_some_and(|x| ks.contains(&x)))
                        .collect();
                    if !fits.is_empty() {
                        cands = std::sync::Arc::new(fits);
                        why = Some(format!("'the {noun} of' before the name"));
                    } else {
                        kinds.extend_from_slice(ks);
                    }
                }
            }
        }
        let before = if w0 > 0 { prev(w0) } else { "" };
        if NEAR_WORDS.contains(&before)
            || (w1 < n && matches!(f(w1), "area" | "areas" | "region" | "outskirts"))
        {
            near = true;
        }
        // a country named beside: "Al Qaim, Iraq", "the Iraqi Al-Rummanah area"
        let mut country = None;
        if w1 < n && w.words[w1].gap == Gap::Comma {
            country = country_code(f(w1));
        }
        if country.is_none() && w0 > 0 {
            country = adjective_country(prev(w0));
        }
        if let Some(cc) = country {
            let in_cc: Vec<Match> = cands
                .iter()
                .filter(|m| self.site_country(m.site).as_deref() == Some(cc))
                .cloned()
                .collect();
            if !in_cc.is_empty() && in_cc.len() < cands.len() {
                cands = std::sync::Arc::new(in_cc);
                why = Some(format!("{cc} named beside it"));
            }
        }
        if !kinds.is_empty() {
            let of_kind: Vec<Match> = cands
                .iter()
                .filter(|m| self.kind(m.site).is_some_and(|x| kinds.contains(&x)))
                .cloned()
                .collect();
            if !of_kind.is_empty() {
                cands = std::sync::Arc::new(of_kind);
            }
        }
        let pick = self.pick(c, &cands, w0, w1);
        let (site, confidence) = match pick {
            Some((m, conf, reason)) => {
                if reason.is_some() {
                    why = reason;
                }
                (Some(m), conf)
            }
            None => return None,
        };
        Some(PlaceHit {
            start: w.words[w0].start,
            end: w.words[w1 - 1].end,
            w0,
            w1,
            site,
            candidates: keep(&cands),
            confidence,
            near,
            why,
            anaphor: false,
        })
    }

    /// Whether words `w0..w1`, a name, are no place here: part of a compound adjective
    /// ("Iran-backed"), of an organisation's, unit's, outlet's or campaign's name ("Deir
    /// ez-Zor Military Council", "Kurdistan 24", "Operation Jazira Storm", "told Al-Mayadeen
    /// TV"), or a person's nisba ("Abu Bakr al-Baghdadi").
    fn no_place_here(&self, c: &SentenceCtx<'_>, w0: usize, w1: usize) -> bool {
        let w = c.words;
        let n = w.len();
        let f = |k: usize| w.f(k);
        let prev = |k: usize| if k == 0 { "" } else { w.f(k - 1) };
        if w1 < n && w.words[w1].gap == Gap::Hyphen && !w.words[w1].cap {
            return true;
        }
        if w0 > 0 && w.words[w0].gap == Gap::Hyphen && matches!(prev(w0), "pro" | "anti") {
            return true;
        }
        if w1 < n
            && matches!(w.words[w1].gap, Gap::Space | Gap::Hyphen)
            && (w.words[w1].cap || w.words[w1].number)
            && ORG_AFTER.contains(&f(w1))
        {
            return true;
        }
        if w0 > 0 && w.words[w0 - 1].cap && ORG_BEFORE.contains(&prev(w0)) {
            return true;
        }
        if w1 < n
            && w.words[w1].gap == Gap::Space
            && BORDER_MODIFIES.contains(&f(w1))
            && matches!(f(w1 - 1), "border" | "frontier")
        {
            return true;
        }
        if OUTLET_NAMES.contains(&f(w1 - 1)) {
            let around = (w0.saturating_sub(3)..w0).chain(w1..(w1 + 6).min(n));
            if around.into_iter().any(|k| OUTLET_CUES.contains(&f(k))) {
                return true;
            }
        }
        self.looks_like_person(c, w0, w1)
    }

    /// The candidate the context points to, with a confidence and the reason; `None` when
    /// none may be taken (a far or uncued namesake from the GeoNames tier).
    fn pick(
        &self,
        c: &SentenceCtx<'_>,
        cands: &[Match],
        w0: usize,
        w1: usize,
    ) -> Option<(SiteRef, f64, Option<String>)> {
        let listed: Vec<&Match> = cands
            .iter()
            .filter(|m| matches!(m.site, SiteRef::Listed(_)))
            .collect();
        if let Some(first) = listed.first() {
            // "Deir ez-Zor" alone is the province far more often than the city
            if let Some(s) = self.g.site(first.site) {
                if let Some(area) = BARE_MEANS_AREA.iter().find(|(id, _)| *id == s.id) {
                    if !city_cue(c, w0, w1) {
                        if let Some(m) = listed
                            .iter()
                            .find(|m| self.g.site(m.site).is_some_and(|x| x.id == area.1))
                        {
                            return Some((
                                m.site,
                                0.8,
                                Some("a bare name here usually means the province".into()),
                            ));
                        }
                        if let Some(a) = self.g.get(area.1) {
                            let idx = self.g.sites().iter().position(|x| x.id == a.id)?;
                            return Some((
                                SiteRef::Listed(idx as u32),
                                0.8,
                                Some("a bare name here usually means the province".into()),
                            ));
                        }
                    }
                }
            }
            let conf = if listed.len() > 1 {
                0.9
            } else {
                first.confidence.min(1.0)
            };
            let site = first.site;
            let user = self.g.site(site).is_some_and(|s| s.tier == Tier::User);
            return Some((site, if user { conf.min(0.9) } else { conf }, None));
        }
        // the GeoNames tier only: a village the curated list lacks, or a namesake far away
        let m = cands.first()?;
        let s = self.g.site(m.site)?;
        let km = self.border.fix(s.lon, s.lat).distance_km;
        let cue = self.has_place_cue(c, w0, w1);
        let letters = c.text[c.words.words[w0].start..c.words.words[w1 - 1].end]
            .chars()
            .filter(|ch| ch.is_alphabetic())
            .count();
        let home = matches!(s.country.as_str(), "IQ" | "SY");
        if (km <= crate::gazetteer::FAR_KM || home) && cue && letters >= 4 {
            Some((
                m.site,
                0.7,
                Some(format!(
                    "a GeoNames place {km:.0} km from the border, after a place word"
                )),
            ))
        } else {
            None
        }
    }

    fn kind(&self, r: SiteRef) -> Option<SiteKind> {
        match r {
            SiteRef::Listed(_) => self.g.site(r).map(|s| s.kind),
            SiteRef::GeoNames(_) => Some(SiteKind::Town),
        }
    }

    fn site_country(&self, r: SiteRef) -> Option<String> {
        self.g.site(r).map(|s| s.country.clone())
    }

    /// Whether a preposition, a place noun or a list of places introduces the name.
    pub fn has_place_cue(&self, c: &SentenceCtx<'_>, w0: usize, w1: usize) -> bool {
        let w = c.words;
        let n = w.len();
        let mut p = w0;
        while p > 0 && matches!(w.f(p - 1), "the" | "al" | "el") {
            p -= 1;
        }
        if p > 0 && !w.words[p - 1].cap && PLACE_PREPS.contains(&w.f(p - 1)) {
            return true;
        }
        if p > 0 && matches!(w.f(p - 1), "town" | "city" | "village" | "district") {
            return true;
        }
        if w1 < n && PLACE_HEADS.contains(&w.f(w1)) {
            return true;
        }
        // "HIT, Iraq": a dateline or a place with its country
        if w1 + 1 < n && w.words[w1].gap == Gap::Comma && country_code(w.f(w1)).is_some() {
            return true;
        }
        false
    }

    /// A capitalised word before the name that is no place, title or function word, with the
    /// name in the nisba form (al-X) or followed by a verb of saying: a person.
    fn looks_like_person(&self, c: &SentenceCtx<'_>, w0: usize, w1: usize) -> bool {
        let w = c.words;
        let n = w.len();
        if w0 == 0 {
            return false;
        }
        let p = &w.words[w0 - 1];
        let pf = w.f(w0 - 1);
        let nisba = fold::is_article(w.f(w0)) && w.f(w0) != "the";
        let says = w1 < n && matches!(w.f(w1), "said" | "says" | "told" | "added" | "stated");
        if matches!(pf, "abu" | "abou" | "umm" | "bin" | "ibn" | "bint") && p.gap != Gap::Start {
            return true;
        }
        if !p.cap || p.gap == Gap::Start && !nisba {
            return false;
        }
        if !matches!(w.words[w0].gap, Gap::Space) {
            return false;
        }
        if TITLES.contains(&pf) {
            return true;
        }
        if not_place(pf) {
            return false;
        }
        if country_code(pf).is_some() || adjective_country(pf).is_some() {
            return false;
        }
        // the word before is itself a place ("Husaybah al-Gharbiyah" was matched whole)
        let mut b = String::new();
        if self.g.has_exact_key(pf, &mut b) && !COMMON_WORDS.contains(&pf) {
            return false;
        }
        nisba || says
    }

    /// Named places the gazetteer lacks: an unknown capitalised name after "the village of",
    /// before a place noun ("the Akashat phosphate area"), an Arabic toponym after a place
    /// preposition, or in a list with known places.
    fn unresolved(
        &self,
        c: &SentenceCtx<'_>,
        hits: &[PlaceHit],
        close: &mut Vec<PlaceHit>,
        out: &mut Vec<Unresolved>,
    ) {
        let w = c.words;
        let n = w.len();
        let taken = |k: usize| {
            hits.iter().any(|h| h.w0 <= k && k < h.w1)
                || overlaps(c.actor_spans, k, k + 1)
                || overlaps(c.date_spans, k, k + 1)
        };
        let mut i = 0;
        while i < n {
            let wi = &w.words[i];
            if !wi.cap || taken(i) || not_place(w.f(i)) || wi.caps && w.f(i).len() <= 4 {
                i += 1;
                continue;
            }
            // the capitalised run, articles inside allowed ("Al-Hari", "Tal al-Abyad")
            let mut j = i + 1;
            while j < n
                && j < i + 4
                && matches!(w.words[j].gap, Gap::Space | Gap::Hyphen)
                && !taken(j)
                && (w.words[j].cap || fold::is_article(w.f(j)) && j + 1 < n && w.words[j + 1].cap)
                && !not_place(w.f(j))
            {
                j += 1;
            }
            let (w0, w1) = (i, j);
            i = j;
            if w.words[w1 - 1].possessive && w1 < n {
                // "Akashat's" is still a name
            }
            let first = w.f(w0);
            // the run may end in an organisation's word ("Levant Wire"): the name before it
            // is then no place either
            if self.no_place_here(c, w0, w1)
                || inside(c.actor_spans, w0, w1)
                || (w0..w1).any(|k| ORG_AFTER.contains(&w.f(k)) && w.words[k].cap)
            {
                continue;
            }
            if w0 > 0 && w.words[w0].gap == Gap::Start {
                // a sentence's first word: too often a name of anything
            }
            let prevw = |k: usize| if k == 0 { "" } else { w.f(k - 1) };
            let mut p = w0;
            if p > 0 && fold::is_article(prevw(p)) && prevw(p) != "the" {
                p -= 1;
            }
            let before_the = if p > 0 && prevw(p) == "the" { p - 1 } else { p };
            let after = if w1 < n { w.f(w1) } else { "" };
            let why = if before_the >= 2
                && prevw(before_the) == "of"
                && matches!(
                    w.f(before_the - 2),
                    "village"
                        | "villages"
                        | "town"
                        | "towns"
                        | "city"
                        | "district"
                        | "subdistrict"
                        | "neighbourhood"
                        | "neighborhood"
                        | "area"
                        | "outskirts"
                        | "suburb"
                ) {
                Some(format!("'the {} of' before it", w.f(before_the - 2)))
            } else if w1 < n
                && PLACE_HEADS.contains(&after)
                && !w.words[w1].cap
                && (p == 0 || !matches!(prevw(p), "his" | "her" | "their"))
                && !matches!(after, "highway" | "countryside" | "outskirts")
            {
                Some(format!("'{after}' after it"))
            } else if w1 + 1 < n
                && matches!(
                    after,
                    "phosphate" | "industrial" | "border" | "oil" | "gas" | "desert"
                )
                && PLACE_HEADS.contains(&w.f(w1 + 1))
            {
                Some(format!("'{} {}' after it", after, w.f(w1 + 1)))
            } else if before_the > 0
                && PLACE_PREPS.contains(&prevw(before_the))
                && !matches!(prevw(before_the), "and" | "or" | "of" | "on" | "over")
                && (TOPONYM_OPENINGS.contains(&w.f(p)) || TOPONYM_OPENINGS.contains(&first))
                && w1 - w0 <= 3
            {
                Some(format!(
                    "an Arabic place name after '{}'",
                    prevw(before_the)
                ))
            } else if in_place_list(hits, w, w0, w1)
                && w1 - w0 <= 2
                && first.chars().count() >= 3
                && !(w1 < n && matches!(w.f(w1), "said" | "says" | "told" | "stated" | "added"))
                && (TOPONYM_OPENINGS.contains(&w.f(p)) || w1 - w0 == 1)
            {
                Some("in a list of places".into())
            } else {
                None
            };
            let text = &c.text[w.words[p].start..w.words[w1 - 1].end];
            // a listed place in a spelling the gazetteer lacks ("al-Bokamal", "in Hejin")
            let after_prep = before_the > 0
                && PLACE_PREPS.contains(&prevw(before_the))
                && !matches!(prevw(before_the), "and" | "or" | "on" | "over");
            if why.is_some() || TOPONYM_OPENINGS.contains(&w.f(p)) || after_prep && w1 - w0 == 1 {
                if let Some(h) = self.close_spelling(c, p, w1, text) {
                    close.push(h);
                    continue;
                }
            }
            if matches!(after, "tribe" | "tribes" | "clan" | "family" | "families") {
                continue;
            }
            let Some(why) = why else { continue };
            // known to the gazetteer in some other form? then it was no miss
            let cands: Vec<Match> = self
                .g
                .lookup_close_listed(text)
                .into_iter()
                .take(3)
                .collect();
            out.push(Unresolved {
                start: w.words[p].start,
                end: w.words[w1 - 1].end,
                w0: p,
                w1,
                why,
                candidates: cands
                    .iter()
                    .map(|m| Candidate {
                        site: m.site,
                        confidence: m.confidence,
                    })
                    .collect(),
            });
        }
    }
}

/// Definite nouns that stand for a place named before, and the kinds they may stand for.
const ANAPHORS: &[(&str, &[SiteKind])] = &[
    ("crossing", &[SiteKind::Crossing]),
    ("post", &[SiteKind::Crossing]),
    ("gate", &[SiteKind::Crossing]),
    ("town", &[SiteKind::Town, SiteKind::City, SiteKind::Village]),
    ("city", &[SiteKind::City, SiteKind::Town]),
    ("village", &[SiteKind::Village, SiteKind::Town]),
    ("base", &[SiteKind::Base, SiteKind::Airfield]),
    ("garrison", &[SiteKind::Base]),
    ("airport", &[SiteKind::Airfield]),
    ("airbase", &[SiteKind::Airfield, SiteKind::Base]),
    ("field", &[SiteKind::OilField, SiteKind::GasField]),
    ("province", &[SiteKind::Province]),
    ("governorate", &[SiteKind::Province]),
];

/// "the crossing", "the border crossing", "the town" standing for the last place of that kind
/// named in the article (`recent`, newest last): a place for events, marked as such.
pub fn anaphors(
    g: &Gazetteer,
    w: &Words,
    hits: &[PlaceHit],
    recent: &[(SiteRef, SiteKind)],
    out: &mut Vec<PlaceHit>,
) {
    let n = w.len();
    for k in 1..n {
        if w.f(k - 1) != "the" {
            continue;
        }
        let mut h = k;
        while h < n
            && h < k + 2
            && matches!(
                w.f(h),
                "border" | "nearby" | "same" | "military" | "air" | "oil" | "gas"
            )
        {
            h += 1;
        }
        if h >= n {
            continue;
        }
        // "the Syrian side", "the Iraqi side": the country
        if w.f(h) == "side" || (h + 1 < n && w.f(h + 1) == "side") {
            let (cc, end) = if w.f(h) == "side" {
                (w.f(h - 1), h)
            } else {
                (w.f(h), h + 1)
            };
            let id = match cc {
                "syrian" => Some("syria"),
                "iraqi" => Some("iraq"),
                _ => None,
            };
            if let Some(r) = id.and_then(|id| g_listed(g, id)) {
                out.push(PlaceHit {
                    start: w.words[k - 1].start,
                    end: w.words[end].end,
                    w0: k - 1,
                    w1: end + 1,
                    site: Some(r),
                    candidates: Vec::new(),
                    confidence: 0.8,
                    near: false,
                    why: Some(format!("'the {cc} side'")),
                    anaphor: true,
                });
            }
            continue;
        }
        let Some((_, kinds)) = ANAPHORS.iter().find(|(x, _)| *x == w.f(h)) else {
            continue;
        };
        // "the town of Hit", "the crossing at Rabia": a name follows, no anaphor
        if h + 1 < n && (matches!(w.f(h + 1), "of" | "at" | "near") || w.words[h + 1].cap) {
            continue;
        }
        if hits.iter().any(|p| p.w0 <= h && k <= p.w1) {
            continue;
        }
        // the last place of that kind named before it: in this sentence, else before
        let here = hits.iter().rev().filter(|p| p.w1 < k).find_map(|p| {
            let r = p.site?;
            let kind = match r {
                SiteRef::Listed(_) => g.site(r)?.kind,
                SiteRef::GeoNames(_) => SiteKind::Town,
            };
            kinds.contains(&kind).then_some(r)
        });
        let before = || {
            recent
                .iter()
                .rev()
                .find(|(_, kind)| kinds.contains(kind))
                .map(|(r, _)| *r)
        };
        let Some(site) = here.or_else(before) else {
            continue;
        };
        let site = &site;
        out.push(PlaceHit {
            start: w.words[k - 1].start,
            end: w.words[h].end,
            w0: k - 1,
            w1: h + 1,
            site: Some(*site),
            candidates: Vec::new(),
            confidence: 0.6,
            near: false,
            why: Some(format!(
                "'the {}' read as the {} named before",
                w.f(h),
                w.f(h)
            )),
            anaphor: true,
        });
    }
}

/// A listed site's reference by id.
fn g_listed(g: &Gazetteer, id: &str) -> Option<SiteRef> {
    g.sites()
        .iter()
        .position(|s| s.id == id)
        .map(|i| SiteRef::Listed(i as u32))
}

/// Whether the word before `i` is an Arabic article written apart ("al-Qaim", "Al Qaim",
/// "ash-Shaddadi"), not an English word ("an Iraqi").
pub fn arabic_article_before(w: &Words, i: usize) -> bool {
    let fa = w.f(i - 1);
    if !fold::is_article(fa) || fa == "the" {
        return false;
    }
    match w.words[i].gap {
        Gap::Hyphen => true,
        Gap::Space => matches!(fa, "al" | "el"),
        _ => false,
    }
}

/// Whether words `w0..w1` sit in a comma or "and" list beside a known place.
fn in_place_list(hits: &[PlaceHit], w: &Words, w0: usize, w1: usize) -> bool {
    let n = w.len();
    let joined_after =
        w1 < n && (w.words[w1].gap == Gap::Comma || w.f(w1) == "and" || w.f(w1) == "or");
    let joined_before =
        w0 > 0 && (w.words[w0].gap == Gap::Comma || matches!(w.f(w0 - 1), "and" | "or"));
    hits.iter().any(|h| {
        let next_to_after = joined_after
            && (h.w0 == w1 || h.w0 == w1 + 1 || (h.w0 == w1 + 2 && w.f(w1 + 1) == "the"));
        let next_to_before = joined_before
            && (h.w1 == w0 || h.w1 + 1 == w0 || (h.w1 + 2 == w0 && w.f(w0 - 1) == "the"));
        (next_to_after || next_to_before) && !matches!(h.site, None)
    })
}

/// Bare names that usually mean their province, with the province's id.
const BARE_MEANS_AREA: &[(&str, &str)] = &[("deir-ez-zor", "deir-ez-zor-governorate")];

/// Words that say a city is meant.
fn city_cue(c: &SentenceCtx<'_>, w0: usize, w1: usize) -> bool {
    let w = c.words;
    let n = w.len();
    let near = (w0.saturating_sub(3)..w0).chain(w1..(w1 + 3).min(n));
    for k in near {
        if matches!(
            w.f(k),
            "city"
                | "neighbourhood"
                | "neighborhood"
                | "neighbourhoods"
                | "neighborhoods"
                | "downtown"
                | "centre"
                | "center"
                | "streets"
                | "hospital"
                | "university"
                | "bridge"
                | "airport"
                | "suburbs"
                | "outskirts"
                | "mayor"
                | "municipality"
        ) {
            return true;
        }
    }
    false
}

/// A country's code from its name (as a folded word).
pub fn country_code(f: &str) -> Option<&'static str> {
    Some(match f {
        "iraq" => "IQ",
        "syria" => "SY",
        "jordan" => "JO",
        "turkey" | "turkiye" => "TR",
        "iran" => "IR",
        "lebanon" => "LB",
        "saudi" => "SA",
        "kuwait" => "KW",
        "israel" => "IL",
        "russia" => "RU",
        _ => return None,
    })
}

/// A country's code from its adjective.
pub fn adjective_country(f: &str) -> Option<&'static str> {
    Some(match f {
        "iraqi" => "IQ",
        "syrian" => "SY",
        "jordanian" => "JO",
        "turkish" => "TR",
        "iranian" => "IR",
        "lebanese" => "LB",
        "israeli" => "IL",
        "russian" => "RU",
        "american" => "US",
        "us" => "US",
        _ => return None,
    })
}

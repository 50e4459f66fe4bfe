//! Events in a sentence: the words that report an action or a movement (moved, withdrew,
//! crossed, seized, struck, clashed, arrested, closed, reopened...), each read with what
//! surrounds it: the status its modality and negation give ("will" planned, "may" or
//! "awaiting orders" considered, "denied reports" denied), its actors (the subject, or the
//! agent of a passive), its places by their prepositions (from, via, to, at), its date.

use crate::event::{EventKind, Status};
use crate::gazetteer::SiteKind;

use super::parties::ActorHit;
use super::places::PlaceHit;
use super::text::{Gap, Words};
use super::when::DateHit;

/// A word (or words) that reports something happening.
struct Trigger {
    words: &'static [&'static str],
    kind: EventKind,
    /// A noun ("airstrike", "clashes"): weaker than a verb.
    noun: bool,
}

macro_rules! t {
    ($kind:ident, $noun:expr, [$($w:literal),+]) => {
        Trigger { words: &[$($w),+], kind: EventKind::$kind, noun: $noun }
    };
}

/// The trigger lexicon, longest phrases first within a kind.
const TRIGGERS: &[Trigger] = &[
    // control changes
    t!(ControlChange, false, ["took", "control"]),
    t!(ControlChange, false, ["taken", "control"]),
    t!(ControlChange, false, ["take", "control"]),
    t!(ControlChange, false, ["taking", "control"]),
    t!(ControlChange, false, ["seized", "control"]),
    t!(ControlChange, false, ["gained", "control"]),
    t!(ControlChange, false, ["took", "over"]),
    t!(ControlChange, false, ["taken", "over"]),
    t!(ControlChange, false, ["fell", "to"]),
    t!(ControlChange, false, ["drove", "out"]),
    t!(ControlChange, false, ["driven", "out"]),
    t!(ControlChange, false, ["raised", "the", "flag"]),
    t!(ControlChange, false, ["raised", "the", "national", "flag"]),
    t!(ControlChange, false, ["handed", "over"]),
    t!(ControlChange, false, ["seized"]),
    t!(ControlChange, false, ["seize"]),
    t!(ControlChange, false, ["seizing"]),
    t!(ControlChange, false, ["captured"]),
    t!(ControlChange, false, ["capture"]),
    t!(ControlChange, false, ["capturing"]),
    t!(ControlChange, false, ["retook"]),
    t!(ControlChange, false, ["retake"]),
    t!(ControlChange, false, ["retaken"]),
    t!(ControlChange, false, ["retaking"]),
    t!(ControlChange, false, ["recaptured"]),
    t!(ControlChange, false, ["recapture"]),
    t!(ControlChange, false, ["liberated"]),
    t!(ControlChange, false, ["liberate"]),
    t!(ControlChange, false, ["liberating"]),
    t!(ControlChange, false, ["freed"]),
    t!(ControlChange, false, ["regained"]),
    t!(ControlChange, false, ["overran"]),
    t!(ControlChange, false, ["overrun"]),
    t!(ControlChange, false, ["expelled"]),
    t!(ControlChange, false, ["cleared"]),
    t!(ControlChange, false, ["clearing"]),
    t!(ControlChange, false, ["took", "back"]),
    t!(ControlChange, false, ["taking", "back"]),
    t!(ControlChange, false, ["take", "back"]),
    t!(ControlChange, false, ["lost", "control"]),
    t!(ControlChange, false, ["lost"]),
    t!(ControlChange, false, ["fell", "into"]),
    t!(ControlChange, false, ["in", "insurgent", "hands"]),
    t!(ControlChange, false, ["in", "militant", "hands"]),
    t!(ControlChange, false, ["under", "the", "control", "of"]),
    t!(ControlChange, false, ["expel"]),
    t!(ControlChange, false, ["storming"]),
    t!(ControlChange, false, ["launched", "an", "offensive"]),
    t!(
        ControlChange,
        false,
        ["launched", "a", "major", "offensive"]
    ),
    t!(ControlChange, false, ["next", "target"]),
    t!(ControlChange, false, ["took"]),
    t!(ControlChange, true, ["takeover"]),
    t!(ControlChange, true, ["capture"]),
    t!(ControlChange, true, ["recapture"]),
    t!(ControlChange, true, ["liberation"]),
    t!(ControlChange, true, ["offensive"]),
    // withdrawals
    t!(Withdrawal, false, ["pulled", "back"]),
    t!(Withdrawal, false, ["pulled", "out"]),
    t!(Withdrawal, false, ["pull", "out"]),
    t!(Withdrawal, false, ["pull", "back"]),
    t!(Withdrawal, false, ["pulling", "out"]),
    t!(Withdrawal, false, ["pulling", "back"]),
    t!(Withdrawal, false, ["moved", "away"]),
    t!(Withdrawal, false, ["move", "away"]),
    t!(Withdrawal, false, ["moving", "away"]),
    t!(Withdrawal, false, ["withdrew"]),
    t!(Withdrawal, false, ["withdrawn"]),
    t!(Withdrawal, false, ["withdraw"]),
    t!(Withdrawal, false, ["withdraws"]),
    t!(Withdrawal, false, ["withdrawing"]),
    t!(Withdrawal, false, ["retreated"]),
    t!(Withdrawal, false, ["retreat"]),
    t!(Withdrawal, false, ["retreating"]),
    t!(Withdrawal, false, ["evacuated"]),
    t!(Withdrawal, false, ["fled"]),
    t!(Withdrawal, false, ["flee"]),
    t!(Withdrawal, false, ["fleeing"]),
    t!(Withdrawal, false, ["abandoned"]),
    t!(Withdrawal, false, ["left"]),
    t!(Withdrawal, false, ["leave"]),
    t!(Withdrawal, false, ["leaving"]),
    t!(Withdrawal, false, ["relocated"]),
    t!(Withdrawal, false, ["relocate"]),
    t!(Withdrawal, true, ["withdrawal"]),
    // crossings
    t!(Crossing, false, ["crossing", "into"]),
    t!(Crossing, false, ["crossing", "from"]),
    t!(Crossing, false, ["crossing", "over"]),
    t!(Crossing, false, ["infiltrated"]),
    t!(Crossing, false, ["repatriated"]),
    t!(Crossing, false, ["crossed"]),
    t!(Crossing, false, ["cross"]),
    t!(Crossing, false, ["crosses"]),
    t!(Crossing, false, ["entered"]),
    t!(Crossing, false, ["enter"]),
    t!(Crossing, false, ["entering"]),
    t!(Crossing, false, ["returned"]),
    t!(Crossing, false, ["return"]),
    t!(Crossing, false, ["smuggled"]),
    t!(Crossing, false, ["escaped"]),
    t!(Crossing, false, ["escape"]),
    // transit
    t!(Transit, false, ["passed", "through"]),
    t!(Transit, false, ["drive", "up"]),
    t!(Transit, false, ["drove", "up"]),
    t!(Transit, false, ["transited"]),
    t!(Transit, false, ["travelled"]),
    t!(Transit, false, ["traveled"]),
    // deployments
    t!(Deployment, false, ["sent", "reinforcements"]),
    t!(Deployment, false, ["headed"]),
    t!(Deployment, false, ["heading"]),
    t!(Deployment, false, ["heads"]),
    t!(Deployment, false, ["deployed"]),
    t!(Deployment, false, ["deploy"]),
    t!(Deployment, false, ["deploys"]),
    t!(Deployment, false, ["deploying"]),
    t!(Deployment, false, ["redeployed"]),
    t!(Deployment, false, ["dispatched"]),
    t!(Deployment, false, ["reinforced"]),
    t!(Deployment, false, ["moved"]),
    t!(Deployment, false, ["move"]),
    t!(Deployment, false, ["moving"]),
    t!(Deployment, false, ["arrived"]),
    t!(Deployment, false, ["arrive"]),
    t!(Deployment, false, ["arriving"]),
    t!(Deployment, false, ["advanced"]),
    t!(Deployment, false, ["advancing"]),
    t!(Deployment, false, ["amassed"]),
    t!(Deployment, false, ["massed"]),
    t!(Deployment, false, ["massing"]),
    t!(Deployment, false, ["rushed"]),
    t!(Deployment, false, ["sent"]),
    t!(Deployment, false, ["send"]),
    t!(Deployment, false, ["reached"]),
    t!(Deployment, false, ["secure"]),
    t!(Deployment, false, ["secured"]),
    t!(Deployment, false, ["securing"]),
    t!(Deployment, false, ["launched"]),
    t!(Deployment, false, ["pushed"]),
    t!(Deployment, false, ["transferred"]),
    t!(Deployment, false, ["pressing", "on"]),
    t!(Deployment, false, ["press", "on"]),
    t!(Deployment, true, ["advance"]),
    t!(Deployment, true, ["arrival"]),
    t!(Deployment, true, ["deployment"]),
    t!(Deployment, true, ["reinforcements"]),
    t!(Deployment, true, ["convoy"]),
    // presence
    t!(Presence, false, ["stationed"]),
    t!(Presence, false, ["based"]),
    t!(Presence, false, ["positioned"]),
    t!(Presence, false, ["operated"]),
    t!(Presence, false, ["operating"]),
    t!(Presence, false, ["maintained"]),
    t!(Presence, false, ["maintain"]),
    t!(Presence, false, ["headquartered"]),
    t!(Presence, false, ["kept", "positions"]),
    t!(Presence, false, ["present"]),
    t!(Presence, false, ["held"]),
    t!(Presence, false, ["hold"]),
    t!(Presence, false, ["holds"]),
    t!(Presence, false, ["holding"]),
    t!(Presence, false, ["control"]),
    t!(Presence, false, ["controls"]),
    t!(Presence, false, ["controlled"]),
    t!(Presence, false, ["confined"]),
    t!(Presence, false, ["besieged"]),
    t!(Presence, false, ["encircled"]),
    t!(Presence, false, ["surrounded"]),
    t!(Presence, false, ["holed", "up"]),
    t!(Presence, false, ["spotted"]),
    t!(Presence, false, ["sighted"]),
    t!(Presence, true, ["presence"]),
    t!(Presence, true, ["headquarters"]),
    // strikes
    t!(Strike, false, ["carried", "out", "airstrikes"]),
    t!(Strike, false, ["struck"]),
    t!(Strike, false, ["strike"]),
    t!(Strike, false, ["bombed"]),
    t!(Strike, false, ["bombarded"]),
    t!(Strike, false, ["shelled"]),
    t!(Strike, false, ["targeted"]),
    t!(Strike, false, ["targeting"]),
    t!(Strike, false, ["hit"]),
    t!(Strike, false, ["pounded"]),
    t!(Strike, false, ["fired"]),
    t!(Strike, false, ["destroyed"]),
    t!(Strike, false, ["shot", "down"]),
    t!(Strike, false, ["downed"]),
    t!(Strike, true, ["airstrike"]),
    t!(Strike, true, ["drone", "attack"]),
    t!(Strike, true, ["drone", "strike"]),
    t!(Strike, true, ["air", "strike"]),
    t!(Strike, true, ["air", "strikes"]),
    t!(Strike, true, ["rocket", "attack"]),
    t!(Strike, true, ["airstrikes"]),
    t!(Strike, true, ["strikes"]),
    t!(Strike, true, ["shelling"]),
    t!(Strike, true, ["bombardment"]),
    t!(Strike, true, ["bombing"]),
    // clashes
    t!(Clash, false, ["clashed"]),
    t!(Clash, false, ["fought"]),
    t!(Clash, false, ["battled"]),
    t!(Clash, false, ["exchanged", "fire"]),
    t!(Clash, true, ["clashes"]),
    t!(Clash, true, ["fighting"]),
    t!(Clash, true, ["battle"]),
    t!(Clash, true, ["battles"]),
    t!(Clash, true, ["skirmishes"]),
    // arrests, raids
    t!(Arrest, false, ["arrested"]),
    t!(Arrest, false, ["arrest"]),
    t!(Arrest, false, ["detained"]),
    t!(Arrest, false, ["detain"]),
    t!(Arrest, false, ["apprehended"]),
    t!(Arrest, true, ["arrests"]),
    t!(Raid, false, ["raided"]),
    t!(Raid, false, ["stormed"]),
    t!(Raid, false, ["raid"]),
    t!(Raid, false, ["combing"]),
    t!(Raid, true, ["raids"]),
    t!(Raid, true, ["sweep"]),
    t!(Raid, true, ["security", "operation"]),
    t!(Raid, true, ["security", "campaign"]),
    t!(Raid, true, ["search", "operation"]),
    // protests
    t!(Protest, false, ["protested"]),
    t!(Protest, false, ["demonstrated"]),
    t!(Protest, true, ["protest"]),
    t!(Protest, true, ["protests"]),
    t!(Protest, true, ["demonstration"]),
    t!(Protest, true, ["demonstrations"]),
    t!(Protest, true, ["sit", "in"]),
    // closures and reopenings
    t!(Reopening, false, ["cut", "a", "ribbon"]),
    t!(Reopening, false, ["cut", "the", "ribbon"]),
    t!(Reopening, false, ["reopened"]),
    t!(Reopening, false, ["reopen"]),
    t!(Reopening, false, ["reopens"]),
    t!(Reopening, false, ["reopening"]),
    t!(Reopening, false, ["opened"]),
    t!(Reopening, false, ["resumed"]),
    t!(Closure, false, ["shut", "down"]),
    t!(Closure, false, ["closed"]),
    t!(Closure, false, ["close"]),
    t!(Closure, false, ["closes"]),
    t!(Closure, false, ["sealed"]),
    t!(Closure, false, ["shut"]),
    t!(Closure, false, ["blocked"]),
    t!(Closure, false, ["cut", "off"]),
    t!(Closure, true, ["closure"]),
    t!(Closure, true, ["curfew"]),
    // attacks
    t!(Attack, false, ["opened", "fire"]),
    t!(Attack, false, ["blew", "up"]),
    t!(Attack, false, ["attacked"]),
    t!(Attack, false, ["attack"]),
    t!(Attack, false, ["attacking"]),
    t!(Attack, false, ["ambushed"]),
    t!(Attack, false, ["assaulted"]),
    t!(Attack, false, ["stormed"]),
    t!(Attack, false, ["kidnapped"]),
    t!(Attack, false, ["abducted"]),
    t!(Attack, false, ["executed"]),
    t!(Attack, false, ["detonated"]),
    t!(Attack, false, ["exploded"]),
    t!(Attack, true, ["car", "bomb"]),
    t!(Attack, true, ["suicide", "bombing"]),
    t!(Attack, true, ["suicide", "attack"]),
    t!(Attack, true, ["attacks"]),
    t!(Attack, true, ["ambush"]),
    t!(Attack, true, ["attack"]),
    t!(Attack, true, ["assault"]),
    // meetings
    t!(Meeting, false, ["met"]),
    t!(Meeting, false, ["meet"]),
    t!(Meeting, false, ["visited"]),
    t!(Meeting, false, ["held", "talks"]),
    t!(Meeting, true, ["meeting"]),
    t!(Meeting, true, ["visit"]),
    t!(Meeting, true, ["talks"]),
];

/// Status cues: the words before a trigger that make it planned, considered or denied.
const PLANNED: &[&[&str]] = &[
    &["will"],
    &["plans", "to"],
    &["plan", "to"],
    &["planned", "to"],
    &["planning", "to"],
    &["intends", "to"],
    &["intend", "to"],
    &["aims", "to"],
    &["aim", "to"],
    &["aimed", "at"],
    &["set", "to"],
    &["expected", "to"],
    &["preparing", "to"],
    &["prepared", "to"],
    &["prepares", "to"],
    &["scheduled", "to"],
    &["about", "to"],
    &["going", "to"],
    &["ready", "to"],
    &["next", "target"],
    &["seeking", "to"],
    &["seeks", "to"],
    &["agreed", "to"],
    &["ordered"],
    &["order", "to"],
    &["directives"],
    &["shall"],
];

const CONSIDERED: &[&[&str]] = &[
    &["may"],
    &["might"],
    &["could"],
    &["considering"],
    &["consider"],
    &["considers"],
    &["weighing"],
    &["weighs"],
    &["mulling"],
    &["possibility"],
    &["possible"],
    &["not", "yet", "decided"],
    &["no", "decision"],
    &["awaiting"],
    &["await"],
    &["awaits"],
    &["waiting", "for"],
    &["if"],
    &["whether"],
    &["not", "yet"],
    &["talking", "about"],
    &["proposal"],
    &["proposed"],
    &["urged"],
    &["calls", "on"],
    &["called", "on"],
    &["should"],
];

const DENIED: &[&[&str]] = &[
    &["denied"],
    &["denies"],
    &["deny"],
    &["denying"],
    &["dismissed"],
    &["rejected", "reports"],
    &["rejects", "reports"],
    &["refuted"],
    &["not", "true"],
    &["no", "truth"],
    &["did", "not"],
    &["didn", "t"],
    &["have", "not"],
    &["has", "not"],
    &["had", "not"],
    &["was", "not"],
    &["were", "not"],
    &["never"],
    &["no"],
    &["not"],
    &["false"],
];

/// The word index a place carried over from the sentence before has: in no window.
pub const CARRIED: usize = usize::MAX;

/// A drafted event, before it becomes a report event.
#[derive(Debug, Clone)]
pub struct Drafted {
    pub kind: EventKind,
    pub status: Status,
    /// The trigger's words, for the notes.
    pub trigger: String,
    /// The status cue, if any.
    pub cue: Option<String>,
    /// Actor ids (registry) of the event.
    pub actors: Vec<String>,
    /// Actors taken from an earlier sentence (the sentence names none).
    pub actors_borrowed: bool,
    pub target: Option<String>,
    /// Indexes into the sentence's place hits.
    pub at: Option<usize>,
    pub from: Option<usize>,
    pub via: Vec<usize>,
    pub to: Option<usize>,
    /// Index into the sentence's date hits.
    pub date: Option<usize>,
    /// Word index of the trigger.
    pub tw: usize,
}

/// What [`find`] reads a sentence with.
pub struct Input<'a> {
    pub words: &'a Words,
    pub places: &'a [PlaceHit],
    /// Place kinds, parallel to `places` (None for a GeoNames place: a settlement).
    pub kinds: &'a [Option<SiteKind>],
    /// Places that are only a dateline, no event's location.
    pub dateline_until: usize,
    pub actors: &'a [ActorHit],
    pub dates: &'a [DateHit],
}

/// Prepositions before a place, and the role they give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    At,
    From,
    To,
    Via,
}

/// The role of each place of a sentence: by its preposition, or (in a list, "towards Qaim and
/// Rawa") by the preposition of the list's first place; `None` for an agent ("deployed by
/// Israel").
fn roles(w: &Words, places: &[PlaceHit]) -> Vec<Option<Role>> {
    let mut out: Vec<Option<Role>> = Vec::with_capacity(places.len());
    for (i, p) in places.iter().enumerate() {
        let k = p.w0;
        if k == CARRIED {
            out.push(Some(Role::At));
            continue;
        }
        let listed = k > 0
            && (matches!(w.f(k - 1), "and" | "or") || w.words[k].gap == Gap::Comma)
            && i > 0
            && {
                // the list's previous place ends right before the conjunction
                let prev = &places[i - 1];
                prev.w1 == k
                    || (prev.w1 + 1 == k && matches!(w.f(k - 1), "and" | "or"))
                    || (prev.w1 + 2 == k && w.f(k - 1) == "the")
            };
        if listed {
            out.push(out[i - 1]);
            continue;
        }
        if k > 0 && w.f(k - 1) == "by" {
            out.push(None);
            continue;
        }
        out.push(Some(role_of(w, p)));
    }
    out
}

fn role_of(w: &Words, place: &PlaceHit) -> Role {
    // walk back over "the", adjectives and "town of"-like phrases to the preposition
    let mut k = place.w0;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        let f = w.f(k - 1);
        match f {
            "from" | "off" => {
                // "away from" is from; "from" is from
                return Role::From;
            }
            "to" | "into" | "toward" | "towards" | "onto" | "reach" | "reached" | "reaching" => {
                return Role::To
            }
            "for" if k >= 2 && matches!(w.f(k - 2), "headed" | "heading" | "left" | "bound") => {
                return Role::To
            }
            "via" | "through" | "across" | "along" => return Role::Via,
            "on" if k >= 2
                && matches!(
                    w.f(k - 2),
                    "move"
                        | "moved"
                        | "moving"
                        | "advance"
                        | "advanced"
                        | "advancing"
                        | "marched"
                        | "march"
                        | "push"
                        | "pushed"
                        | "next"
                ) =>
            {
                return Role::To
            }
            "in" | "at" | "near" | "around" | "outside" | "inside" | "within" | "on" | "over"
            | "between" | "across_from" | "opposite" | "facing" | "against" => return Role::At,
            "the" | "town" | "city" | "village" | "villages" | "district" | "province"
            | "governorate" | "of" | "outskirts" | "countryside" | "area" | "areas" | "eastern"
            | "western" | "northern" | "southern" | "central" | "northeastern" | "northwestern"
            | "southeastern" | "southwestern" | "iraqi" | "syrian" | "border" | "region"
            | "desert" | "strategic" | "nearby" | "key" | "neighbouring" | "neighboring" => {
                k -= 1;
                steps += 1;
            }
            _ => return Role::At,
        }
    }
    Role::At
}

/// Whether a place is named only as a reference: "30 km north of X", "south of Baghdad",
/// "X km from Y".
fn is_reference(w: &Words, place: &PlaceHit) -> bool {
    let k = place.w0;
    if k < 2 || k == CARRIED {
        return false;
    }
    let mut j = k;
    if w.f(j - 1) == "the" {
        j -= 1;
    }
    if j < 2 || !matches!(w.f(j - 1), "of" | "from") {
        return false;
    }
    let dir = w.f(j - 2);
    let compass = matches!(
        dir,
        "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
    ) || dir.ends_with("east") && dir.len() > 4
        || dir.ends_with("west") && dir.len() > 4;
    let distance = matches!(
        dir,
        "km" | "kilometers" | "kilometres" | "miles" | "kms" | "mi"
    ) || (j >= 3
        && matches!(w.f(j - 3), "km" | "kilometers" | "kilometres" | "miles"))
        || dir.ends_with("km") && dir.len() > 2;
    compass || distance
}

fn matches_at(w: &Words, i: usize, words: &[&str]) -> bool {
    matched_len(w, i, words).is_some()
}

/// Words that may stand inside a trigger phrase without changing it ("took full control",
/// "pulled most of its forces out" is too far; "took back full control" is fine).
const FILLERS: &[&str] = &[
    "full",
    "complete",
    "total",
    "partial",
    "effective",
    "back",
    "firm",
];

/// How many words of the sentence from `i` a phrase takes, fillers included.
fn matched_len(w: &Words, i: usize, words: &[&str]) -> Option<usize> {
    let n = w.len();
    let mut k = i;
    for (j, x) in words.iter().enumerate() {
        if j > 0 {
            while k < n && w.f(k) != *x && FILLERS.contains(&w.f(k)) && k < i + words.len() + 2 {
                k += 1;
            }
        }
        if k >= n || w.f(k) != *x {
            return None;
        }
        k += 1;
    }
    Some(k - i)
}

/// The trigger lexicon by its first word, built once.
fn by_first_word() -> &'static rustc_hash::FxHashMap<&'static str, Vec<&'static Trigger>> {
    static INDEX: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<&'static Trigger>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: rustc_hash::FxHashMap<&'static str, Vec<&'static Trigger>> = Default::default();
        for t in TRIGGERS {
            m.entry(t.words[0]).or_default().push(t);
        }
        m
    })
}

/// The triggers of a sentence: (word index, words matched, trigger).
fn triggers(w: &Words) -> Vec<(usize, usize, &'static Trigger)> {
    let index = by_first_word();
    let mut out = Vec::new();
    let n = w.len();
    let mut i = 0;
    while i < n {
        if w.words[i].cap && i > 0 || w.words[i].arabic {
            i += 1;
            continue;
        }
        let found = index.get(w.f(i)).and_then(|ts| {
            ts.iter()
                .filter_map(|t| matched_len(w, i, t.words).map(|len| (len, *t)))
                .max_by_key(|(_, t)| t.words.len())
        });
        match found {
            Some((len, t)) => {
                out.push((i, len, t));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The trigger words of a sentence, for explaining a draft.
pub fn trigger_words(w: &Words) -> Vec<(usize, String, EventKind)> {
    triggers(w)
        .into_iter()
        .map(|(i, n, t)| {
            let words: Vec<&str> = (i..i + n).map(|k| w.f(k)).collect();
            (i, words.join(" "), t.kind)
        })
        .collect()
}

/// A status cue before word `tw` (back to `from`): the cue and the status.
fn status_before(w: &Words, from: usize, tw: usize) -> Option<(Status, String)> {
    static FIRST: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        DENIED
            .iter()
            .chain(PLANNED.iter())
            .chain(CONSIDERED.iter())
            .map(|c| c[0])
            .collect()
    });
    let lo = from.max(tw.saturating_sub(12));
    // nearest cue first; at one position the longest cue ("not yet decided" over "not")
    for k in (lo..tw).rev() {
        let f = w.f(k);
        if first.contains(f) {
            let mut best: Option<(usize, Status, &[&str])> = None;
            for (list, st, reach) in [
                (CONSIDERED, Status::Considered, 7usize),
                (PLANNED, Status::Planned, 7),
                (DENIED, Status::Denied, 12),
            ] {
                if tw - k > reach {
                    continue;
                }
                for cue in list {
                    if cue[0] == f && matches_at(w, k, cue) && best.is_none_or(|b| cue.len() > b.0)
                    {
                        best = Some((cue.len(), st, cue));
                    }
                }
            }
            if let Some((_, st, cue)) = best {
                return Some((st, cue.join(" ")));
            }
        }
        // "would" after a verb of saying is a plan ("said forces would move")
        if f == "would" && tw - k <= 4 {
            let said = (lo..k)
                .any(|j| matches!(w.f(j), "said" | "says" | "announced" | "told" | "stated"));
            if said {
                return Some((Status::Planned, "would".into()));
            }
        }
    }
    None
}

/// Words that make a captured or seized object people: an arrest.
const PEOPLE: &[&str] = &[
    "fighters",
    "militants",
    "members",
    "people",
    "suspects",
    "men",
    "officers",
    "soldiers",
    "leaders",
    "commander",
    "commanders",
    "persons",
    "individuals",
    "operatives",
    "civilians",
    "detainees",
    "prisoners",
    "gunmen",
    "wanted",
];

/// Finds the events of one sentence.
pub fn find(inp: &Input<'_>, out: &mut Vec<Drafted>) {
    let w = inp.words;
    let n = w.len();
    let trig = triggers(w);
    if trig.is_empty() {
        return;
    }
    // a verb wins over a noun of the same clause: keep nouns only where no verb is near
    let verbs: Vec<usize> = trig.iter().filter(|t| !t.2.noun).map(|t| t.0).collect();
    let kept: Vec<(usize, usize, &Trigger)> = trig
        .into_iter()
        .filter(|(i, _, t)| !t.noun || !verbs.iter().any(|v| v.abs_diff(*i) <= 6))
        .collect();
    let usable: Vec<usize> = (0..inp.places.len())
        .filter(|&p| {
            inp.places[p].w0 != CARRIED
                && inp.places[p].w0 >= inp.dateline_until
                && inp.places[p].site.is_some()
        })
        .collect();
    let carried: Vec<usize> = (0..inp.places.len())
        .filter(|&p| inp.places[p].w0 == CARRIED)
        .collect();
    let place_roles = roles(w, inp.places);
    for (ti, &(tw, tl, trig)) in kept.iter().enumerate() {
        let next = kept.get(ti + 1).map(|x| x.0).unwrap_or(n);
        let prev_end = if ti == 0 {
            0
        } else {
            kept[ti - 1].0 + kept[ti - 1].1
        };
        let mut kind = trig.kind;
        let trigger_text: Vec<&str> = (tw..tw + tl).map(|k| w.f(k)).collect();
        let tword = trigger_text.join(" ");
        // places after the trigger (to the next trigger), else before it in the clause
        let mut mine: Vec<usize> = usable
            .iter()
            .copied()
            .filter(|&p| inp.places[p].w0 >= tw + tl && inp.places[p].w0 < next)
            .collect();
        if mine.is_empty() {
            mine = usable
                .iter()
                .copied()
                .filter(|&p| inp.places[p].w1 <= tw && inp.places[p].w0 >= prev_end)
                .collect();
        }
        if mine.is_empty() && kept.len() == 1 {
            mine = usable.clone();
        }
        // no place in the whole sentence: the place of the sentence before ("They then
        // withdrew"), for a verb only
        if mine.is_empty() && usable.is_empty() && !trig.noun {
            mine = carried.iter().copied().take(1).collect();
        }
        if mine.is_empty() {
            continue;
        }
        // kinds read in context
        let obj = (tw + tl..(tw + tl + 4).min(n))
            .map(|k| w.f(k))
            .collect::<Vec<_>>();
        let country_of = |p: usize| inp.kinds[p] == Some(SiteKind::Country);
        let border_of = |p: usize| {
            matches!(
                inp.kinds[p],
                Some(SiteKind::Border) | Some(SiteKind::Crossing)
            )
        };
        match tword.as_str() {
            "captured" | "capture" | "capturing" | "seized" | "seize" | "seizing"
                if obj.iter().any(|x| PEOPLE.contains(x)) =>
            {
                kind = EventKind::Arrest
            }
            "entered" | "enter" | "entering" => {
                kind = if mine.iter().any(|&p| country_of(p) || border_of(p)) {
                    EventKind::Crossing
                } else {
                    EventKind::Deployment
                };
            }
            "returned" | "return" | "escaped" | "escape" | "smuggled"
                if !mine.iter().any(|&p| country_of(p) || border_of(p)) =>
            {
                kind = EventKind::Withdrawal
            }
            "opened" if !mine.iter().any(|&p| border_of(p)) => continue,
            "resumed" if !mine.iter().any(|&p| border_of(p)) => continue,
            "fired"
                if !obj.iter().any(|x| {
                    matches!(
                        *x,
                        "rockets"
                            | "missiles"
                            | "drones"
                            | "shells"
                            | "mortars"
                            | "artillery"
                            | "a"
                            | "at"
                    )
                }) =>
            {
                continue
            }
            "present" | "based" | "operating" | "operated" | "maintained" | "maintain"
            | "positioned" | "stationed"
                if !obj.iter().any(|x| {
                    matches!(
                        *x,
                        "in" | "at"
                            | "near"
                            | "on"
                            | "along"
                            | "headquarters"
                            | "positions"
                            | "base"
                            | "bases"
                            | "presence"
                    )
                }) =>
            {
                continue
            }
            "move" | "moved" | "moving" if obj.first().is_some_and(|x| matches!(*x, "back")) => {
                kind = EventKind::Withdrawal
            }
            "attack" | "attacks" | "attacked"
                if (tw.saturating_sub(3)..(tw + 4).min(n)).any(|k| {
                    matches!(
                        w.f(k),
                        "drone"
                            | "drones"
                            | "rocket"
                            | "rockets"
                            | "missile"
                            | "missiles"
                            | "air"
                            | "airstrike"
                    )
                }) =>
            {
                kind = EventKind::Strike
            }
            "hit" if tw > 0 && w.words[tw].cap => continue,
            // "took the town of X", "held Mayadeen": a place right after, not "took part"
            "took" | "held" | "hold" | "holds" | "holding" | "secure" | "secured" | "securing"
                if !mine.iter().any(|&p| {
                    let w0 = inp.places[p].w0;
                    w0 != CARRIED && w0 > tw && w0 <= tw + tl + 5
                }) || obj.first().is_some_and(|x| {
                    matches!(
                        *x,
                        "part"
                            | "place"
                            | "talks"
                            | "meeting"
                            | "meetings"
                            | "press"
                            | "office"
                            | "power"
                            | "responsibility"
                            | "a"
                            | "an"
                            | "elections"
                            | "note"
                    )
                }) =>
            {
                continue
            }
            "control" | "controls" | "controlled"
                if tw > 0
                    && matches!(
                        w.f(tw - 1),
                        "took"
                            | "taken"
                            | "take"
                            | "seized"
                            | "gained"
                            | "lost"
                            | "regained"
                            | "under"
                            | "wrested"
                            | "full"
                            | "in"
                            | "of"
                            | "border"
                            | "to"
                    ) =>
            {
                continue
            }
            // "launched an attack / drones / an offensive from X"
            "launched" => {
                if obj.iter().any(|x| {
                    matches!(
                        *x,
                        "drones"
                            | "rockets"
                            | "missiles"
                            | "drone"
                            | "rocket"
                            | "missile"
                            | "strikes"
                            | "airstrikes"
                    )
                }) {
                    kind = EventKind::Strike;
                } else if obj
                    .iter()
                    .any(|x| matches!(*x, "attack" | "attacks" | "assault" | "raid" | "ambush"))
                {
                    kind = EventKind::Attack;
                } else if obj.iter().any(|x| {
                    matches!(
                        *x,
                        "offensive" | "campaign" | "operation" | "operations" | "push"
                    )
                }) {
                    kind = EventKind::ControlChange;
                }
            }
            // "left Hajin": only with the place it left right after
            "left" | "leave" | "leaving"
                if !mine.iter().any(|&p| {
                    let w0 = inp.places[p].w0;
                    w0 == tw + 1 || (w0 == tw + 2 && w.f(tw + 1) == "the")
                }) =>
            {
                continue
            }
            _ => {}
        }
        // status
        let (status, cue) = match status_before(w, prev_end, tw) {
            Some((s, c)) => (s, Some(c)),
            None => (Status::Reported, None),
        };
        // roles, and what is no event's place: a reference ("30 km north of X", "south of
        // Baghdad"), a country or an area beside a more precise place
        let mut placed: Vec<(usize, Role)> = Vec::new();
        for &p in &mine {
            if is_reference(w, &inp.places[p]) && mine.len() > 1 {
                continue;
            }
            if let Some(r) = place_roles[p] {
                placed.push((p, r));
            }
        }
        if placed.is_empty() {
            continue;
        }
        let is_area = |p: usize| {
            matches!(
                inp.kinds[p],
                Some(SiteKind::Country)
                    | Some(SiteKind::Province)
                    | Some(SiteKind::Region)
                    | Some(SiteKind::Border)
                    | Some(SiteKind::River)
            )
        };
        let points_at = placed.iter().any(|&(p, r)| r == Role::At && !is_area(p));
        let any_point = placed.iter().any(|&(p, _)| !is_area(p));
        placed.retain(|&(p, r)| {
            !(is_area(p)
                && ((r == Role::At && points_at) || (country_of(p) && any_point && r == Role::At)))
        });
        // "entered Iraq", "crossed the border": a crossing's direct object is where it goes
        let moves = kind.moves();
        if kind == EventKind::Crossing && !placed.iter().any(|x| x.1 == Role::To) {
            if let Some(x) = placed
                .iter_mut()
                .find(|x| x.1 == Role::At && inp.places[x.0].w0 <= tw + tl + 3)
            {
                x.1 = Role::To;
            }
        }
        let mut froms: Vec<usize> = placed
            .iter()
            .filter(|x| x.1 == Role::From)
            .map(|x| x.0)
            .collect();
        if moves && froms.is_empty() && placed.iter().any(|x| x.1 == Role::To) {
            // "The police in Ar-Rutbah withdrew toward Al-Waleed": where the actor was
            if let Some(p) = usable.iter().copied().rev().find(|&p| {
                let h = &inp.places[p];
                h.w1 <= tw
                    && h.w0 >= prev_end
                    && !is_area(p)
                    && matches!(place_roles[p], Some(Role::At))
                    && h.w0 > 0
                    && matches!(w.f(h.w0 - 1), "in" | "at")
            }) {
                froms.push(p);
            }
        }
        let tos: Vec<usize> = placed
            .iter()
            .filter(|x| x.1 == Role::To)
            .map(|x| x.0)
            .collect();
        let vias: Vec<usize> = placed
            .iter()
            .filter(|x| x.1 == Role::Via)
            .map(|x| x.0)
            .collect();
        let ats: Vec<usize> = placed
            .iter()
            .filter(|x| x.1 == Role::At)
            .map(|x| x.0)
            .collect();
        let mut emit =
            |at: Option<usize>, from: Option<usize>, via: Vec<usize>, to: Option<usize>| {
                out.push(Drafted {
                    kind,
                    status,
                    trigger: tword.clone(),
                    cue: cue.clone(),
                    actors: Vec::new(),
                    actors_borrowed: false,
                    target: None,
                    at,
                    from,
                    via,
                    to,
                    date: None,
                    tw,
                });
            };
        if moves && !froms.is_empty() && !tos.is_empty() {
            // a route to each destination
            for &t in tos.iter().take(4) {
                if t != froms[0] {
                    emit(None, Some(froms[0]), vias.clone(), Some(t));
                }
            }
        } else if moves && !tos.is_empty() {
            for &t in tos.iter().take(6) {
                emit(Some(t), None, Vec::new(), None);
            }
            // "move next on Anah and Rawa ... toward the Syrian border": the towns too
            if tos.iter().all(|&t| is_area(t)) {
                for &a in ats.iter().filter(|&&a| !is_area(a)).take(6) {
                    emit(Some(a), None, Vec::new(), None);
                }
            }
        } else if moves && !froms.is_empty() && ats.is_empty() {
            emit(Some(froms[0]), None, Vec::new(), None);
        } else {
            // where it happened: every place named, one event each
            let all: Vec<usize> = if ats.is_empty() {
                froms
                    .iter()
                    .chain(tos.iter())
                    .chain(vias.iter())
                    .copied()
                    .collect()
            } else {
                ats
            };
            for p in all.into_iter().take(8) {
                emit(Some(p), None, Vec::new(), None);
            }
        }
    }
    // actors, target and date of each event
    for d in out.iter_mut() {
        let tw = d.tw;
        let clause_start = kept
            .iter()
            .rev()
            .find(|t| t.0 + t.1 <= tw && t.0 < tw)
            .map(|t| t.0 + t.1)
            .unwrap_or(0);
        // passive: "was hit by X", "were arrested by X"
        let passive = tw > 0
            && matches!(
                w.f(tw - 1),
                "was" | "were" | "been" | "being" | "is" | "are"
            );
        // "by X", "by the X": the agent
        let after_by = |a: &ActorHit| {
            a.w0 > 0
                && (w.f(a.w0 - 1) == "by"
                    || a.w0 > 1 && w.f(a.w0 - 1) == "the" && w.f(a.w0 - 2) == "by")
        };
        let by_agent: Vec<&ActorHit> = inp
            .actors
            .iter()
            .filter(|a| a.w0 > tw && a.w0 <= tw + 6 && after_by(a))
            .collect();
        // "Rawa, recaptured by the PMF": a participle with its agent right after it
        let participle = by_agent.first().is_some_and(|a| a.w0 <= tw + 3);
        let subjects: Vec<&ActorHit> = if (passive || participle) && !by_agent.is_empty() {
            by_agent
        } else {
            let before: Vec<&ActorHit> = inp
                .actors
                .iter()
                .filter(|a| a.w1 <= tw && a.w0 >= clause_start.min(tw))
                .collect();
            if before.is_empty() {
                inp.actors.iter().filter(|a| a.w1 <= tw).collect()
            } else {
                before
            }
        };
        let mut ids: Vec<String> = Vec::new();
        for a in subjects.iter().rev().take(3) {
            if let Some(id) = &a.actor {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids.reverse();
        if ids.is_empty() && !passive {
            // "A US strike hit", "Syrian soldiers crossing": an actor after the trigger; after
            // a strike's or a capture's trigger only the agent ("retaken by X"), not the side
            // that lost ("retake the crossing after killing several Daesh elements")
            let agent_only = matches!(
                d.kind,
                EventKind::Strike
                    | EventKind::Attack
                    | EventKind::Raid
                    | EventKind::Arrest
                    | EventKind::ControlChange
            );
            if let Some(id) = inp
                .actors
                .iter()
                .filter(|a| {
                    a.w0 > tw && (!agent_only || d.kind == EventKind::ControlChange && after_by(a))
                })
                .find_map(|a| a.actor.clone())
            {
                ids.push(id);
            }
        }
        if matches!(
            d.kind,
            EventKind::Strike
                | EventKind::Attack
                | EventKind::Raid
                | EventKind::Arrest
                | EventKind::Clash
        ) {
            d.target = inp
                .actors
                .iter()
                .filter(|a| a.w0 > tw && a.w0 <= tw + 8 && !after_by(a))
                .find_map(|a| a.actor.clone())
                .filter(|t| !ids.contains(t));
        }
        d.actors = ids;
        // the date: in the trigger's stretch of the sentence, else anywhere in it
        let near = inp
            .dates
            .iter()
            .enumerate()
            .filter(|(_, h)| h.period.is_some())
            .min_by_key(|(_, h)| {
                let dist = if h.w0 >= tw {
                    h.w0 - tw
                } else {
                    (tw - h.w1) + 2
                };
                dist
            })
            .map(|(k, _)| k);
        d.date = near;
    }
}

//! Actor mentions: the registry's names and aliases, found word by word with the same folding
//! as look-ups, plus the generic forms reports use ("Iraqi forces", "the Syrian army",
//! "pro-Iran militias", "tribal fighters", "government troops"), which the sentence's country
//! and the date resolve to a registry actor.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::actors::Actors;
use crate::fold;

use super::text::{Gap, Words};

/// Who a generic phrase means.
#[derive(Debug, Clone, Copy)]
pub enum Means {
    /// Always this actor.
    Actor(&'static str),
    /// The state forces of the country the sentence is about: Iraq's, Syria's before the
    /// regime fell (8 December 2024), Syria's after.
    StateForces {
        iq: &'static str,
        sy_before: &'static str,
        sy_after: &'static str,
    },
    /// The jihadists the article names (the Islamic State when it names it).
    Jihadists,
    /// Iran-backed militias: Iraqi factions in Iraq, else the Syria catch-all.
    IranBacked,
    /// Syria's state: the regime until it fell, the new government after.
    SyrianState,
    /// Kurdish forces: the Peshmerga in Iraq, the SDF in Syria.
    Kurdish,
    /// Someone armed, not said who: a mention, no registry actor.
    Unnamed,
    /// Aircraft and drones: a state's forces when a demonym says whose ("Iraqi F-16s",
    /// "Jordanian jets"), else no mention at all.
    Aircraft,
    /// Syrian rebels: the armed opposition, HTS-led from its offensive of November 2024.
    Rebels,
}

/// Generic phrases, folded words joined by spaces, and whom they mean.
const GENERIC: &[(&str, Means)] = &[
    ("government forces", STATE_ARMY),
    ("government troops", STATE_ARMY),
    ("government soldiers", STATE_ARMY),
    ("pro-government forces", STATE_ARMY),
    ("security forces", STATE_ARMY),
    ("army", STATE_ARMY),
    ("the army", STATE_ARMY),
    ("army units", STATE_ARMY),
    ("army troops", STATE_ARMY),
    ("troops", STATE_ARMY),
    ("soldiers", STATE_ARMY),
    ("infantry", STATE_ARMY),
    ("operations command", STATE_ARMY),
    ("the operations command", STATE_ARMY),
    ("defence ministry", STATE_ARMY),
    ("defense ministry", STATE_ARMY),
    ("ministry of defence", STATE_ARMY),
    ("ministry of defense", STATE_ARMY),
    ("border guards", STATE_BORDER),
    ("border guard", STATE_BORDER),
    ("border police", STATE_BORDER),
    ("border forces", STATE_BORDER),
    ("border guard units", STATE_BORDER),
    ("the government", STATE_GOV),
    ("authorities", STATE_GOV),
    ("the authorities", STATE_GOV),
    ("militants", Means::Jihadists),
    ("insurgents", Means::Jihadists),
    ("gunmen", Means::Jihadists),
    ("sleeper cells", Means::Jihadists),
    ("jihadists", Means::Jihadists),
    ("extremists", Means::Jihadists),
    ("terrorists", Means::Jihadists),
    ("militias", Means::IranBacked),
    ("iran backed militias", Means::IranBacked),
    ("iran backed militia", Means::IranBacked),
    ("iranian backed militias", Means::IranBacked),
    ("pro iran militias", Means::IranBacked),
    ("pro iranian militias", Means::IranBacked),
    ("iran backed groups", Means::IranBacked),
    ("iran backed factions", Means::IranBacked),
    ("iran aligned militias", Means::IranBacked),
    ("iran aligned groups", Means::IranBacked),
    ("pro iran groups", Means::IranBacked),
    ("pro iran factions", Means::IranBacked),
    ("shiite militias", Means::IranBacked),
    ("shia militias", Means::IranBacked),
    ("allied militias", Means::IranBacked),
    ("armed factions", Means::IranBacked),
    ("coalition", Means::Actor("us-led-coalition")),
    ("the coalition", Means::Actor("us-led-coalition")),
    ("coalition jets", Means::Actor("us-led-coalition")),
    ("coalition aircraft", Means::Actor("us-led-coalition")),
    ("coalition warplanes", Means::Actor("us-led-coalition")),
    ("pentagon", Means::Actor("us-forces")),
    ("the pentagon", Means::Actor("us-forces")),
    ("centcom", Means::Actor("us-forces")),
    ("us central command", Means::Actor("us-forces")),
    ("u s central command", Means::Actor("us-forces")),
    ("central command", Means::Actor("us-forces")),
    ("us aircraft", Means::Actor("us-forces")),
    ("us jets", Means::Actor("us-forces")),
    ("us bombers", Means::Actor("us-forces")),
    ("us warplanes", Means::Actor("us-forces")),
    ("us drones", Means::Actor("us-forces")),
    ("us helicopters", Means::Actor("us-forces")),
    ("us military", Means::Actor("us-forces")),
    ("us army", Means::Actor("us-forces")),
    ("us soldiers", Means::Actor("us-forces")),
    ("us personnel", Means::Actor("us-forces")),
    ("american troops", Means::Actor("us-forces")),
    ("american soldiers", Means::Actor("us-forces")),
    ("tribal fighters", Means::Actor("tribal-forces")),
    ("tribesmen", Means::Actor("tribal-forces")),
    ("tribal leaders", Means::Actor("tribal-forces")),
    ("clan fighters", Means::Actor("tribal-forces")),
    (
        "unidentified aircraft",
        Means::Actor("unidentified-armed-group"),
    ),
    ("unknown aircraft", Means::Actor("unidentified-armed-group")),
    (
        "unidentified warplanes",
        Means::Actor("unidentified-armed-group"),
    ),
    (
        "unknown warplanes",
        Means::Actor("unidentified-armed-group"),
    ),
    (
        "unidentified drones",
        Means::Actor("unidentified-armed-group"),
    ),
    (
        "unidentified gunmen",
        Means::Actor("unidentified-armed-group"),
    ),
    ("unknown gunmen", Means::Actor("unidentified-armed-group")),
    ("armed forces", STATE_ARMY),
    ("advancing forces", STATE_ARMY),
    ("special forces", STATE_ARMY),
    ("police", STATE_POLICE),
    ("the police", STATE_POLICE),
    ("police forces", STATE_POLICE),
    ("foreign ministry", STATE_GOV),
    ("interior ministry", STATE_POLICE),
    ("paramilitary forces", Means::Actor("pmf")),
    ("paramilitary force", Means::Actor("pmf")),
    ("shiite paramilitaries", Means::Actor("pmf")),
    ("shia paramilitaries", Means::Actor("pmf")),
    ("kurdish forces", Means::Kurdish),
    ("kurdish fighters", Means::Kurdish),
    ("kurdish led forces", Means::Kurdish),
    ("kurdish led force", Means::Kurdish),
    ("kurdish dominated forces", Means::Kurdish),
    ("us backed kurdish forces", Means::Kurdish),
    ("us backed forces", Means::Kurdish),
    ("us backed force", Means::Kurdish),
    ("us backed fighters", Means::Kurdish),
    ("kurdish militia", Means::Kurdish),
    ("rebels", Means::Rebels),
    ("rebel forces", Means::Rebels),
    ("rebel fighters", Means::Rebels),
    ("syrian rebels", Means::Rebels),
    ("armed opposition", Means::Rebels),
    ("armed opposition groups", Means::Rebels),
    ("opposition fighters", Means::Rebels),
    ("terrorist group", Means::Jihadists),
    ("terror group", Means::Jihadists),
    ("militant group", Means::Jihadists),
    ("extremist group", Means::Jihadists),
    ("jihadist group", Means::Jihadists),
    ("terrorist cells", Means::Jihadists),
    ("suicide bombers", Means::Jihadists),
    ("militiamen", Means::IranBacked),
    ("iran backed militiamen", Means::IranBacked),
    ("iranian backed militiamen", Means::IranBacked),
    ("pro iranian militiamen", Means::IranBacked),
    ("iranian backed militias", Means::IranBacked),
    ("iranian backed forces", Means::IranBacked),
    ("iran backed forces", Means::IranBacked),
    ("prime minister", STATE_GOV),
    ("the prime minister", STATE_GOV),
    ("premier", STATE_GOV),
    ("the premier", STATE_GOV),
    ("president", STATE_GOV),
    ("foreign minister", STATE_GOV),
    ("defence minister", STATE_ARMY),
    ("defense minister", STATE_ARMY),
    ("interior minister", STATE_POLICE),
    ("policemen", STATE_POLICE),
    ("security personnel", STATE_ARMY),
    ("security services", STATE_ARMY),
    ("joint operations command", STATE_ARMY),
    ("sunni militants", Means::Jihadists),
    ("sunni insurgents", Means::Jihadists),
    ("the military", STATE_ARMY),
    ("military forces", STATE_ARMY),
    ("air force", STATE_ARMY),
    ("the air force", STATE_ARMY),
    ("tribes", Means::Actor("tribal-forces")),
    ("sunni tribes", Means::Actor("tribal-forces")),
    ("tribal elders", Means::Actor("tribal-forces")),
    ("local fighters", Means::Actor("tribal-forces")),
    ("shiite militia", Means::IranBacked),
    ("shia militia", Means::IranBacked),
    ("militant groups", Means::Jihadists),
    ("insurgent groups", Means::Jihadists),
    ("sunni militant groups", Means::Jihadists),
    ("armed groups", Means::Unnamed),
    ("armed group", Means::Unnamed),
    ("fighter jets", Means::Aircraft),
    ("jets", Means::Aircraft),
    ("warplanes", Means::Aircraft),
    ("drones", Means::Aircraft),
    ("drone", Means::Aircraft),
    ("helicopters", Means::Aircraft),
    ("aircraft", Means::Aircraft),
    ("f 16 fighter jets", Means::Aircraft),
    ("f 16s", Means::Aircraft),
    ("regime", Means::Actor("syrian-arab-army")),
    ("the regime", Means::Actor("syrian-arab-army")),
    ("regime forces", Means::Actor("syrian-arab-army")),
    ("regime troops", Means::Actor("syrian-arab-army")),
];

const STATE_ARMY: Means = Means::StateForces {
    iq: "iraqi-army",
    sy_before: "syrian-arab-army",
    sy_after: "syrian-transitional-government",
};
const STATE_POLICE: Means = Means::StateForces {
    iq: "iraqi-interior-ministry",
    sy_before: "syrian-arab-army",
    sy_after: "syrian-transitional-government",
};
const STATE_BORDER: Means = Means::StateForces {
    iq: "iraqi-border-guards",
    sy_before: "syrian-arab-army",
    sy_after: "syrian-transitional-government",
};
const STATE_GOV: Means = Means::StateForces {
    iq: "iraqi-government",
    sy_before: "syrian-arab-army",
    sy_after: "syrian-transitional-government",
};

/// Words that may follow an actor's name and belong to the mention ("SDF fighters",
/// "Islamic State militants", "coalition jets").
const HEADS: &[&str] = &[
    "jihadists",
    "terrorists",
    "extremists",
    "loyalists",
    "supporters",
    "fighters",
    "militants",
    "members",
    "forces",
    "force",
    "troops",
    "units",
    "unit",
    "soldiers",
    "jets",
    "aircraft",
    "warplanes",
    "drones",
    "convoy",
    "convoys",
    "checkpoint",
    "checkpoints",
    "positions",
    "artillery",
    "officials",
    "official",
    "spokesman",
    "commander",
    "commanders",
    "vehicles",
    "militia",
    "militiamen",
    "personnel",
    "elements",
    "gunmen",
    "helicopters",
    "bombers",
    "patrol",
    "patrols",
    "officers",
    "brigade",
    "brigades",
    "leaders",
    "leadership",
    "media",
    "cells",
    "remnants",
    "operatives",
    "affiliates",
];

/// Capitals that stand for their governments when they say or do something.
const CAPITALS: &[(&str, Means)] = &[
    ("baghdad", Means::Actor("iraqi-government")),
    ("damascus", Means::SyrianState),
    ("tehran", Means::Actor("iran")),
    ("ankara", Means::Actor("turkey")),
    ("amman", Means::Actor("jordan-forces")),
    ("moscow", Means::Actor("russia")),
    ("erbil", Means::Actor("krg")),
];

/// Countries that stand for their states when they act ("Iraq deployed", "Syria denied").
const COUNTRIES: &[(&str, Means)] = &[
    ("iraq", Means::Actor("iraqi-government")),
    ("syria", Means::SyrianState),
    ("turkey", Means::Actor("turkey")),
    ("jordan", Means::Actor("jordan-forces")),
    ("russia", Means::Actor("russia")),
];

/// Verbs after a country that make it its state: acts, not states of being.
const STATE_VERBS: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "denied",
    "denies",
    "accused",
    "accuses",
    "agreed",
    "agrees",
    "rejected",
    "rejects",
    "refused",
    "refuses",
    "warned",
    "warns",
    "condemned",
    "condemns",
    "sent",
    "sends",
    "deployed",
    "deploys",
    "reopened",
    "reopens",
    "closed",
    "closes",
    "demanded",
    "demands",
    "asked",
    "asks",
    "insisted",
    "called",
    "calls",
    "welcomed",
    "welcomes",
    "decided",
    "ordered",
    "claimed",
    "blamed",
    "urged",
    "urges",
    "signed",
    "responded",
    "confirmed",
    "confirms",
    "repatriated",
    "repatriates",
    "launched",
    "struck",
    "strikes",
    "handed",
    "received",
    "receives",
    "hosted",
    "hosts",
    "expelled",
    "arrested",
    "withdrew",
    "withdraws",
];

/// Names of states, which in a compound adjective ("Iran-backed", "US-led") name no actor.
const STATE_NAMES: &[&str] = &[
    "iran",
    "us",
    "israel",
    "turkey",
    "russia",
    "jordan",
    "iraq",
    "syria",
    "america",
    "usa",
    "washington",
    "tehran",
    "moscow",
    "ankara",
    "damascus",
    "baghdad",
    "iranian",
];

/// Verbs after a capital that make it its government.
const GOV_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "wants",
    "views",
    "accused",
    "accuses",
    "denied",
    "denies",
    "announced",
    "announces",
    "agreed",
    "agrees",
    "rejected",
    "rejects",
    "refused",
    "refuses",
    "warned",
    "warns",
    "sent",
    "sends",
    "demanded",
    "demands",
    "asked",
    "asks",
    "insisted",
    "insists",
    "called",
    "calls",
    "welcomed",
    "welcomes",
    "hopes",
    "hoped",
    "fears",
    "feared",
    "decided",
    "decides",
    "ordered",
    "orders",
    "claimed",
    "claims",
    "considers",
    "considered",
    "approved",
    "blamed",
    "blames",
    "urged",
    "urges",
    "signed",
    "plans",
    "planned",
    "needs",
    "moved",
    "responded",
    "reacted",
    "insisted",
    "confirmed",
    "confirms",
    "backed",
    "backs",
];

/// An actor mention.
#[derive(Debug, Clone)]
pub struct ActorHit {
    pub start: usize,
    pub end: usize,
    pub w0: usize,
    pub w1: usize,
    /// The registry id, when the mention resolves to one.
    pub actor: Option<String>,
    /// The phrase was generic and its sense came from the context.
    pub generic: bool,
    /// Only a capital standing for its government ("Baghdad said"): the place stays a place.
    pub metonym: bool,
}

/// What an entry of the index stands for.
#[derive(Debug, Clone)]
enum Slot {
    /// A registry name or alias; `caps` when written as an acronym (matched in capitals only).
    Named {
        id: String,
        caps: bool,
    },
    Generic(Means),
}

/// The registry's names and the generic phrases, keyed by their folded words.
pub struct ActorIndex {
    keys: HashMap<String, Vec<Slot>>,
    prefixes: HashSet<String>,
    /// The first word of every name.
    first: HashSet<String>,
}

/// The folded words of a name, articles left out but for the last word (as exact keys do),
/// each as [`fold::word_key`] makes it.
fn name_words(name: &str) -> Vec<String> {
    let mut ws = Vec::new();
    let mut cur = String::new();
    for part in name.split(|c: char| !(c.is_alphanumeric() || "'’`ʿʾ".contains(c))) {
        if part.is_empty() {
            continue;
        }
        cur.clear();
        fold::fold_word(part, &mut cur);
        if !cur.is_empty() {
            ws.push(cur.clone());
        }
    }
    let n = ws.len();
    let mut out = Vec::with_capacity(n);
    for (i, w) in ws.iter().enumerate() {
        if i + 1 < n && fold::is_article(w) {
            continue;
        }
        let mut k = String::new();
        fold::word_key(w, &mut k);
        out.push(k);
    }
    out
}

impl ActorIndex {
    pub fn new(actors: &Actors) -> ActorIndex {
        let mut idx = ActorIndex {
            keys: HashMap::default(),
            prefixes: HashSet::default(),
            first: HashSet::default(),
        };
        for a in actors.all() {
            for n in std::iter::once(&a.name)
                .chain(a.name_ar.iter())
                .chain(a.aliases.iter())
            {
                let caps = n.chars().any(|c| c.is_alphabetic())
                    && !n.chars().any(|c| c.is_lowercase())
                    && n.chars().filter(|c| c.is_alphabetic()).count() <= 5;
                idx.add(
                    &name_words(n),
                    Slot::Named {
                        id: a.id.clone(),
                        caps,
                    },
                );
            }
        }
        for (phrase, means) in GENERIC {
            idx.add(&name_words(phrase), Slot::Generic(*means));
        }
        idx
    }

    fn add(&mut self, ws: &[String], slot: Slot) {
        if ws.is_empty() {
            return;
        }
        self.first.insert(ws[0].clone());
        let mut k = String::new();
        for (i, w) in ws.iter().enumerate() {
            if i > 0 {
                k.push(' ');
            }
            k.push_str(w);
            if i + 1 < ws.len() {
                self.prefixes.insert(k.clone());
            }
        }
        let v = self.keys.entry(k).or_default();
        // a registry name wins over a generic phrase of the same words
        if matches!(slot, Slot::Named { .. }) {
            v.insert(0, slot);
        } else {
            v.push(slot);
        }
    }

    /// Every actor mention of a sentence. `country` is the country the sentence is about
    /// (for generic phrases), `after_fall` whether it is dated after the Syrian regime fell,
    /// `isis` whether the article names the Islamic State.
    pub fn find(
        &self,
        w: &Words,
        country: Option<&str>,
        after_fall: bool,
        isis: bool,
        out: &mut Vec<ActorHit>,
    ) {
        let n = w.len();
        let mut i = 0;
        let mut key = String::new();
        while i < n {
            // most words start no name: one probe of the first words first
            if !w.words[i].article && !self.first.contains(w.k(i)) {
                i += 1;
                continue;
            }
            key.clear();
            let mut best: Option<(usize, &Slot)> = None;
            let mut j = i;
            let mut content = 0;
            while j < n && j < i + 8 {
                if j > i && !matches!(w.words[j].gap, Gap::Space | Gap::Hyphen) {
                    break;
                }
                if j > i && w.words[j - 1].possessive {
                    break;
                }
                let f = w.f(j);
                let article = w.words[j].article;
                if article && j + 1 < n && content > 0 {
                    j += 1;
                    continue;
                }
                if article && content == 0 && j + 1 < n {
                    // "al-Nujaba": an Arabic article opens the span but is no key word; an
                    // English one ("an Iran-backed") opens nothing
                    if f != "the" && super::places::arabic_article_before(w, j + 1) {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if content > 0 {
                    key.push(' ');
                }
                key.push_str(w.k(j));
                content += 1;
                if let Some(slots) = self.keys.get(&key) {
                    let caps_ok = (i..=j).all(|k| {
                        let ww = &w.words[k];
                        ww.caps || ww.number || !ww.cap && fold::is_article(w.f(k)) || ww.arabic
                    });
                    if let Some(s) = slots.iter().find(|s| match s {
                        Slot::Named { caps, .. } => !*caps || caps_ok,
                        Slot::Generic(_) => true,
                    }) {
                        best = Some((j, s));
                    }
                }
                if !self.prefixes.contains(&key) {
                    break;
                }
                j += 1;
            }
            let Some((last, slot)) = best else {
                i += 1;
                continue;
            };
            // "Iran-backed", "US-led": a state's name inside a compound adjective is no actor
            // (a group's is: "YPG-led", "ISIS-held")
            if last + 1 < n
                && w.words[last + 1].gap == Gap::Hyphen
                && !w.words[last + 1].cap
                && !w.words[last + 1].number
                && (i..=last).any(|k| STATE_NAMES.contains(&w.f(k)))
            {
                i = last + 1;
                continue;
            }
            let mut w0 = i;
            if i > 0 && super::places::arabic_article_before(w, i) {
                w0 = i - 1;
            }
            // a head noun after the name belongs to the mention
            let mut w1 = last + 1;
            while w1 < n
                && w.words[w1].gap == Gap::Space
                && !w.words[w1 - 1].possessive
                && HEADS.contains(&w.f(w1))
                && w1 < last + 3
            {
                w1 += 1;
            }
            // "a coalition of Syrian rebels" is not the US-led coalition
            if matches!(slot, Slot::Generic(Means::Actor("us-led-coalition")))
                && w1 == i + 1
                && w1 < n
                && w.f(w1) == "of"
            {
                i = w1;
                continue;
            }
            let (actor, generic) = match slot {
                // "Syrian forces" after the regime fell are the new government's
                Slot::Named { id, .. }
                    if id == "syrian-arab-army"
                        && after_fall
                        && !(w0..last + 1)
                            .any(|k| matches!(w.f(k), "regime" | "assad" | "saa" | "arab")) =>
                {
                    (Some("syrian-transitional-government".to_string()), true)
                }
                Slot::Named { id, .. } => (Some(id.clone()), false),
                Slot::Generic(m) => {
                    // a demonym before a generic phrase decides its country
                    // ("Iraqi forces", "Iraq's army", "Assad's forces")
                    let own = if w0 > 0 && w.words[w0].gap == Gap::Space {
                        let before = w.f(w0 - 1);
                        super::places::adjective_country(before)
                            .or_else(|| {
                                if !w.words[w0 - 1].possessive {
                                    return None;
                                }
                                match before {
                                    "assad" | "regime" => Some("SY"),
                                    b => super::places::country_code(b),
                                }
                            })
                            .or_else(|| {
                                // "Iraq forces"
                                super::places::country_code(before).filter(|_| w.words[w0 - 1].cap)
                            })
                    } else {
                        None
                    };
                    if own.is_some() {
                        w0 -= 1;
                    }
                    match (m, own) {
                        (Means::Aircraft, None) => {
                            i = w1;
                            continue;
                        }
                        (Means::Aircraft, Some(cc)) => (aircraft_of(cc), true),
                        _ => (resolve(*m, own.or(country), after_fall, isis), true),
                    }
                }
            };
            out.push(ActorHit {
                start: w.words[w0].start,
                end: w.words[w1 - 1].end,
                w0,
                w1,
                actor,
                generic,
                metonym: false,
            });
            i = w1;
        }
        // "the 7th Division", "the 8th Brigade": the state's army
        for k in 0..n.saturating_sub(1) {
            let f = w.f(k);
            let ordinal = f.len() >= 3
                && f.as_bytes()[0].is_ascii_digit()
                && (f.ends_with("st")
                    || f.ends_with("nd")
                    || f.ends_with("rd")
                    || f.ends_with("th"));
            if !ordinal
                || !matches!(
                    w.f(k + 1),
                    "division" | "brigade" | "battalion" | "regiment" | "corps"
                )
                || out.iter().any(|h| h.w0 <= k + 1 && k < h.w1)
            {
                continue;
            }
            out.push(ActorHit {
                start: w.words[k].start,
                end: w.words[k + 1].end,
                w0: k,
                w1: k + 2,
                actor: resolve(STATE_ARMY, country, after_fall, isis),
                generic: true,
                metonym: false,
            });
        }
        // countries that stand for their states
        for k in 0..n {
            if !w.words[k].cap {
                continue;
            }
            let f = w.f(k);
            let Some((_, m)) = COUNTRIES.iter().find(|(c, _)| *c == f) else {
                continue;
            };
            if w.words[k].possessive || out.iter().any(|h| h.w0 <= k && k < h.w1) {
                continue;
            }
            let acts = k + 1 < n
                && w.words[k + 1].gap == Gap::Space
                && (STATE_VERBS.contains(&w.f(k + 1))
                    || k + 2 < n
                        && matches!(w.f(k + 1), "has" | "had" | "have")
                        && STATE_VERBS.contains(&w.f(k + 2)));
            if acts {
                out.push(ActorHit {
                    start: w.words[k].start,
                    end: w.words[k].end,
                    w0: k,
                    w1: k + 1,
                    actor: resolve(*m, Some("SY"), after_fall, isis),
                    generic: true,
                    metonym: true,
                });
            }
        }
        // capitals that stand for their governments
        for k in 0..n {
            if !w.words[k].cap {
                continue;
            }
            let f = w.f(k);
            let Some((_, m)) = CAPITALS.iter().find(|(c, _)| *c == f) else {
                continue;
            };
            if out.iter().any(|h| h.w0 <= k && k < h.w1) {
                continue;
            }
            let verb_after =
                k + 1 < n && w.words[k + 1].gap == Gap::Space && GOV_VERBS.contains(&w.f(k + 1));
            let paired = k + 2 < n
                && w.f(k + 1) == "and"
                && CAPITALS.iter().any(|(c, _)| *c == w.f(k + 2))
                || k >= 2 && w.f(k - 1) == "and" && CAPITALS.iter().any(|(c, _)| *c == w.f(k - 2));
            let between = k > 0 && matches!(w.f(k - 1), "between" | "and") && paired;
            if verb_after || between || paired && k + 1 < n {
                out.push(ActorHit {
                    start: w.words[k].start,
                    end: w.words[k].end,
                    w0: k,
                    w1: k + 1,
                    actor: resolve(*m, Some("SY"), after_fall, isis),
                    generic: true,
                    metonym: true,
                });
            }
        }
        out.sort_by_key(|h| h.w0);
    }
}

/// Whose aircraft a demonym says: the state's forces.
fn aircraft_of(cc: &str) -> Option<String> {
    Some(
        match cc {
            "IQ" => "iraqi-army",
            "SY" => "syrian-arab-army",
            "TR" => "turkey",
            "IR" => "iran",
            "JO" => "jordan-forces",
            _ => return None,
        }
        .to_string(),
    )
}

/// The actor a generic phrase means in this context.
pub fn resolve(m: Means, country: Option<&str>, after_fall: bool, isis: bool) -> Option<String> {
    let id = match m {
        Means::Actor(a) => a,
        Means::StateForces {
            iq,
            sy_before,
            sy_after,
        } => match country {
            Some("IQ") => iq,
            Some("SY") if after_fall => sy_after,
            Some("SY") => sy_before,
            _ => return None,
        },
        Means::Jihadists => {
            if isis {
                "isis"
            } else {
                "jihadist-fighters"
            }
        }
        Means::Unnamed | Means::Aircraft => return None,
        Means::Kurdish => match country {
            Some("IQ") => "peshmerga",
            Some("SY") => "sdf",
            _ => return None,
        },
        Means::Rebels if after_fall => "syrian-transitional-government",
        Means::Rebels => "free-syrian-army",
        Means::SyrianState if after_fall => "syrian-transitional-government",
        Means::SyrianState => "syrian-arab-army",
        Means::IranBacked => match country {
            Some("IQ") => "iran-backed-iraqi-factions",
            _ => "iran-backed-militias",
        },
    };
    Some(id.to_string())
}

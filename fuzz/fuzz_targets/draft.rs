//! An article's text through the drafter, and the draft out as TOML and JSON: no input may
//! panic, every span must cut the input on character boundaries, and the TOML must parse.
#![no_main]

use std::sync::OnceLock;

use bordermap::{actors::Actors, border::Border, draft::Drafter, gazetteer::Gazetteer};
use libfuzzer_sys::fuzz_target;

fn drafter() -> &'static Drafter<'static> {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    static A: OnceLock<Actors> = OnceLock::new();
    static B: OnceLock<Border> = OnceLock::new();
    static D: OnceLock<Drafter<'static>> = OnceLock::new();
    D.get_or_init(|| {
        Drafter::new(
            G.get_or_init(|| Gazetteer::builtin().unwrap()),
            A.get_or_init(|| Actors::builtin().unwrap()),
            B.get_or_init(|| Border::builtin().unwrap()),
        )
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let d = drafter();
    let draft = d.draft(text, &Default::default());
    for p in &draft.places {
        assert!(text.get(p.hit.start..p.hit.end).is_some());
    }
    for u in &draft.unresolved {
        assert!(text.get(u.start..u.end).is_some());
    }
    for a in &draft.actors {
        assert!(text.get(a.hit.start..a.hit.end).is_some());
    }
    let toml = draft.to_toml(d, "fuzz.txt");
    toml.parse::<toml::Table>().expect("the drafted TOML parses");
    let _ = draft.to_json(d, "fuzz.txt").to_string();
});

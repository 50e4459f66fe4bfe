//! A user gazetteer's text through the loader, the checks and a look-up: no input may panic.
#![no_main]

use std::sync::OnceLock;

use bordermap::{border::Border, gazetteer::Gazetteer};
use libfuzzer_sys::fuzz_target;

fn border() -> &'static Border {
    static B: OnceLock<Border> = OnceLock::new();
    B.get_or_init(|| Border::builtin().unwrap())
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let g = Gazetteer::with_user_text("fuzz.toml", text);
    for d in g.check(border()) {
        let _ = d.to_string();
    }
    for s in g.sites().iter().rev().take(3) {
        let _ = g.lookup(&s.name);
    }
});

//! Any name through folding and every tier of look-up: no input may panic.
#![no_main]

use std::sync::OnceLock;

use bordermap::{fold, gazetteer::Gazetteer};
use libfuzzer_sys::fuzz_target;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::builtin().unwrap())
}

fuzz_target!(|bytes: &[u8]| {
    let name = String::from_utf8_lossy(bytes);
    let _ = fold::exact_key(&name);
    let _ = fold::skeleton_key(&name);
    let _ = fold::index_keys(&name);
    let _ = gaz().lookup(&name);
    let _ = gaz().fuzzy(&name, 5);
});

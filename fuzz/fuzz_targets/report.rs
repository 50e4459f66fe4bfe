//! A report file's text through the reader and the validator, against the built-in
//! gazetteer, actors and border: no input may panic.
#![no_main]

use std::sync::OnceLock;

use bordermap::{actors::Actors, border::Border, gazetteer::Gazetteer, report, validate::Validator};
use libfuzzer_sys::fuzz_target;

struct Data {
    g: Gazetteer,
    a: Actors,
    b: Border,
}

fn data() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| Data {
        g: Gazetteer::builtin().unwrap(),
        a: Actors::builtin().unwrap(),
        b: Border::builtin().unwrap(),
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let d = data();
    let mut diags = Vec::new();
    if let Some(rd) = report::read("fuzz.toml", text, &mut diags) {
        let v = Validator::new(&d.g, &d.a, &d.b);
        let r = report::validate(rd, &v, &mut diags);
        let resolver = bordermap::resolve::Resolver::new(&d.g, &d.b);
        for e in r.events {
            let _ = resolver.resolve(e);
        }
    }
    for x in &diags {
        let _ = x.to_string();
    }
});

//! Any bytes as an ACLED or UCDP GED export, read a row at a time, every draft validated and
//! resolved: no input may panic.
#![no_main]

use std::sync::OnceLock;

use bordermap::import::{Format, Importer};
use bordermap::{actors::Actors, border::Border, gazetteer::Gazetteer, validate::Validator};
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
    let d = data();
    // the first byte picks the layout: told from the header, or forced
    let (force, body) = match bytes.split_first() {
        Some((b, rest)) => (
            match b % 3 {
                0 => None,
                1 => Some(Format::Acled),
                _ => Some(Format::Ucdp),
            },
            rest,
        ),
        None => (None, bytes),
    };
    let Ok(mut imp) = Importer::from_reader(body, std::path::Path::new("fuzz.csv"), force, &d.a) else {
        return;
    };
    let v = Validator::new(&d.g, &d.a, &d.b);
    let resolver = bordermap::resolve::Resolver::new(&d.g, &d.b);
    let mut n = 0;
    while let Some(next) = imp.next_draft() {
        n += 1;
        if n > 2000 {
            break;
        }
        if let Ok(draft) = next {
            let mut diags = Vec::new();
            if let Some(e) = v.event(draft, &mut diags) {
                let _ = resolver.resolve(e);
            }
        }
    }
});

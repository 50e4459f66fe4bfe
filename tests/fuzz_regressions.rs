//! Inputs on which fuzzing (fuzz/run.sh) once found a panic, kept so that it never returns.
//! Each file's first byte is the layout byte of the `import` target (0: from the header).

mod util;

use bordermap::import::Importer;
use bordermap::{actors::Actors, border::Border, gazetteer::Gazetteer, validate::Validator};

fn import_all(bytes: &[u8]) -> usize {
    let (g, a, b) = (
        Gazetteer::builtin().unwrap(),
        Actors::builtin().unwrap(),
        Border::builtin().unwrap(),
    );
    let body = &bytes[1..];
    let Ok(mut imp) = Importer::from_reader(body, std::path::Path::new("fuzz.csv"), None, &a)
    else {
        return 0;
    };
    let v = Validator::new(&g, &a, &b);
    let mut n = 0;
    while let Some(next) = imp.next_draft() {
        if let Ok(d) = next {
            let mut diags = Vec::new();
            let _ = v.event(d, &mut diags);
        }
        n += 1;
    }
    n
}

/// A non-ASCII character across byte 10 of an `event_date` split a character when the date
/// was cut from a date-time (found by the `import` target).
#[test]
fn an_event_date_with_a_character_across_byte_ten() {
    for f in ["import-62afa152.bin", "import-08a38248.bin"] {
        let bytes = std::fs::read(util::repo().join("tests/data/fuzz").join(f)).unwrap();
        import_all(&bytes);
    }
}

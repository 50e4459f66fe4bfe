//! Drafts the synthetic articles in a loop, for profiling (`valgrind --tool=callgrind`).
use bordermap::actors::Actors;
use bordermap::border::Border;
use bordermap::draft::{Drafter, Meta};
use bordermap::gazetteer::Gazetteer;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let g = Gazetteer::builtin().unwrap();
    let actors = Actors::builtin().unwrap();
    let border = Border::builtin().unwrap();
    let d = Drafter::new(&g, &actors, &border);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/draft/synthetic");
    let mut arts = Vec::new();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    for d in [dir, seeds] {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                arts.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    let mut events = 0;
    for _ in 0..n {
        for a in &arts {
            let dr = d.draft(a, &Meta::default());
            events += dr.events.len();
            if std::env::var_os("DRAFT_LOOP_TOML").is_some() {
                events += dr.to_toml(&d, "loop").len();
            }
            if std::env::var_os("DRAFT_LOOP_JSON").is_some() {
                let mut out = Vec::new();
                dr.write_json(&d, "loop", &mut out).unwrap();
                events += out.len();
            }
        }
    }
    println!("{events}");
}

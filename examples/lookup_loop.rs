//! Exact look-ups in a loop, for profiling (`perf record ./target/release/examples/lookup_loop`).
use std::hint::black_box;
fn main() {
    let g = bordermap::gazetteer::Gazetteer::builtin().unwrap();
    let names = [
        "Albukamal",
        "Abu Kamal",
        "Al Bukamal",
        "Deir ez-Zor",
        "Deir Ezzor",
        "Dayr az Zawr",
        "Al-Qaim",
        "القائم",
        "البوكمال",
        "Al-Mayadeen",
        "Hit",
        "Haditha",
        "Anah",
        "Rawah",
        "Ramadi",
        "Al-Tanf",
        "Rabia",
        "Hasakah",
        "Qamishli",
        "Damascus",
        "Baghdad",
        "Husaybah",
        "Al-Busayrah",
        "دير الزور",
        "Mosul",
        "Palmyra",
    ];
    let t = std::time::Instant::now();
    let rounds = 40_000;
    for _ in 0..rounds {
        for n in names {
            black_box(g.lookup(black_box(n)));
        }
    }
    let per = t.elapsed() / (rounds * names.len() as u32);
    eprintln!(
        "{per:?} per look-up, {:.0} look-ups/s",
        1.0 / per.as_secs_f64()
    );
}

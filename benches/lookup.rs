//! Look-up speed: exact and alias hits (target: at least 1 million a second) and a misspelt
//! name's fuzzy look-up (target: under 1 ms). Run with `cargo bench --bench lookup`.

use std::hint::black_box;
use std::time::Duration;

use bordermap::gazetteer::Gazetteer;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Spellings as reports give them: primary names, aliases, Arabic script.
const EXACT: &[&str] = &[
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

/// Misspellings that no key matches exactly.
const MISSPELT: &[&str] = &[
    "Albuklamal",
    "Dier ez-Zor",
    "Mayadein",
    "Haditah",
    "Qamishlie",
    "Busayrh",
    "Rummanha",
    "Hasakha",
];

fn bench(c: &mut Criterion) {
    let g = Gazetteer::builtin().expect("built-in gazetteer");
    for n in EXACT {
        assert!(!g.lookup(n).is_empty(), "{n} must resolve");
        assert_eq!(g.lookup(n)[0].score, 1.0, "{n} must be an exact hit");
    }
    for n in MISSPELT {
        let m = g.lookup(n);
        assert!(!m.is_empty() && m[0].score < 1.0, "{n} must be a fuzzy hit");
    }
    let mut grp = c.benchmark_group("lookup");
    grp.measurement_time(Duration::from_secs(4));
    grp.throughput(Throughput::Elements(EXACT.len() as u64));
    grp.bench_function("exact_and_alias", |b| {
        b.iter(|| {
            for n in EXACT {
                black_box(g.lookup(black_box(n)));
            }
        })
    });
    // a bulk import resolves names on every core: the gazetteer is shared read-only
    const ROUNDS: usize = 200;
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    grp.throughput(Throughput::Elements(
        (EXACT.len() * ROUNDS * threads) as u64,
    ));
    grp.bench_function(format!("exact_and_alias_{threads}_threads"), |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| {
                        for _ in 0..ROUNDS {
                            for n in EXACT {
                                black_box(g.lookup(black_box(n)));
                            }
                        }
                    });
                }
            })
        })
    });
    grp.throughput(Throughput::Elements(MISSPELT.len() as u64));
    grp.bench_function("fuzzy_misspelt", |b| {
        b.iter(|| {
            for n in MISSPELT {
                black_box(g.lookup(black_box(n)));
            }
        })
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Drafting speed: megabytes of article text drafted a second on one core (target: at least
//! 10 MB/s, about 2,000 articles a second). Run with `cargo bench --bench draft`.
//!
//! The corpus is the synthetic articles of `tests/data/draft/synthetic` and, when found, the
//! seeds (`../shared/seeds` or `$BORDERMAP_SEEDS`): real page text with its furniture. Three
//! figures: the drafting itself (places, actors, dates, events), the default `--format toml`
//! output (the drafting and the report written), and the whole `--format json` output
//! (validation, resolution and the JSON included).

use std::hint::black_box;
use std::time::Duration;

use bordermap::actors::Actors;
use bordermap::border::Border;
use bordermap::draft::{Drafter, Meta};
use bordermap::gazetteer::Gazetteer;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/data/draft/synthetic")];
    let seeds = std::env::var("BORDERMAP_SEEDS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/seeds"));
    dirs.push(seeds);
    let mut out = Vec::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if f.extension().is_some_and(|e| e == "txt") {
                if let Ok(t) = std::fs::read_to_string(&f) {
                    out.push(t);
                }
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let g = Gazetteer::builtin().unwrap();
    let actors = Actors::builtin().unwrap();
    let border = Border::builtin().unwrap();
    let d = Drafter::new(&g, &actors, &border);
    let articles = corpus();
    let bytes: usize = articles.iter().map(String::len).sum();
    let meta = Meta::default();
    let mut group = c.benchmark_group("draft");
    group
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!("{} articles: places, actors, dates, events", articles.len()),
        |b| {
            b.iter(|| {
                let mut n = 0;
                for a in &articles {
                    n += d.draft(black_box(a), &meta).events.len();
                }
                n
            })
        },
    );
    group.bench_function(format!("{} articles: --format toml", articles.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for a in &articles {
                let dr = d.draft(black_box(a), &meta);
                n += dr.to_toml(&d, "bench").len();
            }
            n
        })
    });
    group.bench_function(format!("{} articles: --format json", articles.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            // as `bordermap draft --format json` writes it: streamed to a buffer
            let mut out = Vec::new();
            for a in &articles {
                let dr = d.draft(black_box(a), &meta);
                out.clear();
                dr.write_json(&d, "bench", &mut out).unwrap();
                n += out.len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

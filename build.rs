//! Embeds the gazetteer and the built-in reports into the binary, so that bordermap works from
//! any directory with no data files beside it. Every `*.toml` under `gazetteer/sites/` and
//! `reports/` is listed; adding a file needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &str, ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some(ext) {
                out.push(format!(
                    "{dir}/{}",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut code = String::new();
    for (name, dir) in [
        ("SITE_FILES", "gazetteer/sites"),
        ("REPORT_FILES", "reports"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        writeln!(
            code,
            "/// `{dir}/*.toml`: (path relative to the repository, text)."
        )
        .unwrap();
        writeln!(code, "pub const {name}: &[(&str, &str)] = &[").unwrap();
        for f in list(dir, "toml") {
            println!("cargo:rerun-if-changed={f}");
            let abs = Path::new(&root).join(&f);
            writeln!(
                code,
                "    ({f:?}, include_str!({:?})),",
                abs.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
    geonames_index();
}

// The GeoNames tier's name index, laid out at compile time (see src/nameindex.rs).
#[path = "src/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/nameindex.rs"]
#[allow(dead_code)]
mod nameindex;

/// Builds the index of `gazetteer/geonames.tsv`: payload = row << 16 | name number, where row
/// counts data lines from 0 and names are numbered name, asciiname, then alternate names.
pub fn geonames_index() {
    let path = "gazetteer/geonames.tsv";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut b = nameindex::IndexBuilder::new();
    for (row, line) in text.lines().skip(1).enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 9 || row > 0xFFFF {
            continue;
        }
        let names = [cols[1], cols[2]].into_iter().chain(cols[8].split('|'));
        for (i, name) in names.enumerate().take(0x10000) {
            for k in fold::index_keys(name) {
                b.add(&k, ((row as u32) << 16) | i as u32);
            }
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("geonames.bmni");
    std::fs::write(out, b.build(fold::EXACT)).unwrap();
}

//! A small harness: run the real `bordermap` binary and look at what it did.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bordermap"))
}

/// Runs bordermap with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let o = bin().args(args).output().expect("run bordermap");
    decode(o)
}

pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run bordermap");
    decode(o)
}

fn decode(o: Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A fresh temporary directory, removed when dropped.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed reports the built-in reports were encoded from: `$BORDERMAP_SEEDS`, or
/// `../shared/seeds` beside the repository (where CI has them).
pub fn seeds_dir() -> PathBuf {
    if let Ok(p) = std::env::var("BORDERMAP_SEEDS") {
        return PathBuf::from(p);
    }
    repo().join("../shared/seeds")
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

/// Renders one report into `out` (which must be new), asserting success; returns the map's SVG.
pub fn render_report(report: &Path, out: &Path) -> String {
    let (code, _, err) = run(&[
        "render",
        report.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(out.join("map.svg")).expect("map.svg")
}

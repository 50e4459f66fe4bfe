//! The outputs as the tools users open them in see them: GDAL, a GeoJSON validator, QGIS
//! headless, xmllint, rsvg-convert and headless Chromium (`tests/clients/check_outputs.sh`).
//!
//! These need the real clients installed (`tests/clients/install.sh`, which `.ci/run` calls),
//! so they are ignored by a plain `cargo test` and run with `cargo test -- --ignored`; there a
//! missing tool is a failure, never a pass.

mod util;

use util::{repo, run, tmp};

#[test]
#[ignore = "needs GDAL, QGIS, Node and Chromium: run tests/clients/install.sh, then cargo test --test clients -- --ignored"]
fn outputs_open_valid_styled_and_time_aware_in_the_real_clients() {
    let d = tmp();
    let out = d.path().join("output");
    let (code, _, err) = run(&["render", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let script = repo().join("tests/clients/check_outputs.sh");
    let o = std::process::Command::new("bash")
        .arg(&script)
        .arg(&out)
        .arg(d.path().join("qgis_render.png"))
        .output()
        .expect("run check_outputs.sh");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    println!("{text}");
    assert!(o.status.success(), "client checks failed:\n{text}");
}

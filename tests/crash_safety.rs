//! A render replaces its output folder as one unit: killed at any rename or write (strace's
//! fault injection sends SIGKILL at the N-th such system call), `--out` holds the old set or
//! the new one, byte for byte, and the next run leaves nothing beside it.
//!
//! Needs strace (`tests/clients/install.sh` installs it; `.ci/run` runs this with
//! `cargo test --test crash_safety -- --ignored`): without it the test fails, never passes.

mod util;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use util::{run, tmp};

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn render(out: &Path, extra: &[&str]) {
    let mut args = vec!["render", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
}

/// Runs a render under strace with SIGKILL injected at the `n`-th call of `calls`; whether
/// it was killed.
fn killed_render(out: &Path, calls: &str, n: usize, extra: &[&str]) -> bool {
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("inject={calls}:signal=SIGKILL:when={n}"))
        .arg(env!("CARGO_BIN_EXE_bordermap"))
        .args(["render", "--out", out.to_str().unwrap()])
        .args(extra);
    let o = cmd
        .output()
        .expect("strace runs (install it: tests/clients/install.sh)");
    !o.status.success()
}

#[test]
#[ignore = "needs strace: run tests/clients/install.sh, then cargo test --test crash_safety -- --ignored"]
fn a_kill_at_any_rename_or_write_leaves_the_old_set_or_the_new_one() {
    assert!(
        Command::new("strace")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success()),
        "strace is missing: run tests/clients/install.sh"
    );
    let refs = tmp();
    let (a_dir, b_dir) = (refs.path().join("a"), refs.path().join("b"));
    let new_set: &[&str] = &["--kind", "strike", "--title", "Strikes"];
    render(&a_dir, &[]);
    render(&b_dir, new_set);
    let (a, b) = (snapshot(&a_dir), snapshot(&b_dir));
    assert_ne!(a, b);
    let work = tmp();
    let out = work.path().join("out");
    let mut kills = 0;
    for (calls, ns) in [
        ("rename,renameat,renameat2", vec![1, 2, 3]),
        ("write,pwrite64,writev", vec![1, 3, 10, 30, 100, 300, 1000]),
        ("fsync,fdatasync", vec![1, 3, 10]),
    ] {
        for n in ns {
            // the old set in place, then the killed run
            let _ = std::fs::remove_dir_all(&out);
            render(&out, &[]);
            let was_killed = killed_render(&out, calls, n, new_set);
            let now = snapshot(&out);
            assert!(
                now == a || now == b,
                "killed at {calls} #{n}: --out holds neither the old set nor the new one ({} files)",
                now.len()
            );
            if was_killed {
                kills += 1;
            }
            // the next good run: the new set, and nothing left beside --out
            render(&out, new_set);
            assert_eq!(snapshot(&out), b, "after {calls} #{n}");
            let beside: Vec<String> = std::fs::read_dir(work.path())
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(beside, vec!["out".to_string()], "litter after {calls} #{n}");
        }
    }
    assert!(
        kills >= 8,
        "only {kills} runs were killed: the injection did not take"
    );
}

#!/usr/bin/env bash
# Fuzzes bordermap's parsers with libFuzzer (cargo fuzz, nightly toolchain), each target
# seeded with the repository's own files:
#   report     report files: reports/*.toml and the report test fixtures
#   gazetteer  gazetteer files: gazetteer/sites/*.toml
#   lookup     names: every name and alias of the curated sites, one per file
#   import     CSV exports: the heads of tests/data/exports/*.csv
#   draft      articles: the synthetic articles of tests/data/draft/synthetic
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   (default 30 s, every target)
# A crash stops the run with exit 1 and leaves the input under fuzz/artifacts/TARGET/;
# add it to tests/fuzz_regressions.rs before fixing it.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(report gazetteer lookup import draft)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
corpus=${FUZZ_CORPUS:-$PWD/corpus}
seed() {  # seed TARGET FILE...
  local dir=$corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/$(basename "$f")"; done
}
seed report ../reports/*.toml
seed gazetteer ../gazetteer/sites/*.toml
seed draft ../tests/data/draft/synthetic/*.txt
mkdir -p "$corpus/lookup" "$corpus/import"
python3 - "$corpus" <<'PY'
import glob, os, sys, tomllib
out = sys.argv[1]
n = 0
for f in sorted(glob.glob("../gazetteer/sites/*.toml")):
    for s in tomllib.load(open(f, "rb")).get("site", []):
        for name in [s["name"], s.get("name_ar", "")] + s.get("aliases", []):
            if name:
                open(os.path.join(out, "lookup", "%05d" % n), "w").write(name)
                n += 1
for f in sorted(glob.glob("../tests/data/exports/*.csv")):
    lines = open(f, encoding="utf-8").read().split("\n")
    # the first byte picks the layout (0: from the header)
    open(os.path.join(out, "import", os.path.basename(f)), "wb").write(b"\0" + "\n".join(lines[:40]).encode())
PY
cargo +nightly fuzz build -O "${targets[@]/#/}" >/dev/null 2>&1 || cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
  echo "== fuzz $t for $secs s"
  cargo +nightly fuzz run -O "$t" "$corpus/$t" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096 2>&1 \
    | grep -E "^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|ERROR|panicked|SUMMARY|crash-|Test unit written" | tail -4
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: $t found a crash (see fuzz/artifacts/$t)"; exit 1; }
done
echo "fuzz: ok"

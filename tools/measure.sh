#!/usr/bin/env bash
# Measures the figures the issues set, on a release build:
#   - `bordermap sites lookup` from a cold start (target < 20 ms)
#   - `bordermap events` on the built-in reports (target < 50 ms)
#   - `bordermap render` of every product (targets: GeoJSON/GeoPackage < 0.5 s, with maps < 1 s)
#   - exact/alias look-ups per second and a fuzzy look-up's time (cargo bench)
# Usage: tools/measure.sh [--no-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
B=target/release/bordermap
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# best-of and mean of N runs, in milliseconds, with the page cache warm (a "cold start" here is
# a fresh process: no state survives between runs)
time_ms() {
  local n=$1; shift
  python3 - "$n" "$@" <<'PY'
import subprocess, sys, time
n = int(sys.argv[1]); cmd = sys.argv[2:]
ts = []
for _ in range(n):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {r.returncode}")
ts.sort()
print(f"mean {sum(ts)/n:7.1f} ms   median {ts[n//2]:7.1f} ms   max {ts[-1]:7.1f} ms   ({n} runs)")
PY
}

echo "sites lookup 'Abu Kamal'      : $(time_ms 30 $B sites lookup 'Abu Kamal')"
echo "sites lookup 'دير الزور' --json : $(time_ms 30 $B sites lookup 'دير الزور' --json)"
echo "sites lookup misspelt         : $(time_ms 30 $B sites lookup 'Albukmal')"
echo "events (built-in reports)     : $(time_ms 20 $B events)"
echo "render (every product)        : $(time_ms 5 $B render --out "$out")"
ls -l "$out" | awk 'NR>1 {printf "  %-22s %9d bytes\n", $9, $5}'

if [ "${1:-}" != "--no-bench" ]; then
  cargo bench --quiet --bench lookup -- --noplot 2>/dev/null | grep -E 'lookup/|thrpt|time:' || true
fi

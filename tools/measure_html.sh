#!/usr/bin/env bash
# The map.html figures: its size, the time headless Chromium takes to open it, a redraw, and
# every check of tests/clients/html_check.mjs, for the built-in reports and for generated
# ACLED exports (default 100,000 rows; give other counts as arguments). Also the render's time
# and peak RSS for each export.
#   tools/measure_html.sh [ROWS...]
# Needs tests/clients/install.sh (Chromium, Node, puppeteer-core) and python3 (the generator).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
B=$PWD/target/release/bordermap
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
rows=("$@")
[ ${#rows[@]} -gt 0 ] || rows=(100000)
page() {  # page DIR MAX_OPEN_MS [--open-only]
  printf '  map.html: %s bytes\n' "$(stat -c %s "$1/map.html")"
  node tests/clients/html_check.mjs "$1" "$1/shots" --max-open-ms "$2" ${3:-} \
    | grep -E 'ready in|redraw|heap|FAIL|failure'
}
echo "built-in reports:"
rm -rf "$work/default"
"$B" render --out "$work/default" >/dev/null
page "$work/default" 2000
for n in "${rows[@]}"; do
  csv=$work/acled-$n.csv
  [ -f "$csv" ] || python3 tools/gen_exports.py acled --rows "$n" --seed 7 -o "$csv"
  echo "ACLED export, $n rows:"
  rm -rf "$work/out-$n"
  /usr/bin/time -f "%e %M" -o "$work/time" "$B" render "$csv" --out "$work/out-$n" >/dev/null
  read -r s kb < "$work/time"
  printf '  render, every product: %s s, peak RSS %d MB\n' "$s" $((kb / 1024))
  # Node cannot read the GeoJSON layers of 500,000 rows and more to compare: open the page only
  if [ "$n" -ge 500000 ]; then page "$work/out-$n" 120000 --open-only; else page "$work/out-$n" 30000; fi
done
echo "screenshots: $work/*/shots/"

#!/usr/bin/env bash
# The import figures, side by side with ogr2ogr on the same file in one run (this machine is
# noisy: compare within a run, not across runs):
#   - bordermap events FILE.csv --format geojson  vs  ogr2ogr -f GeoJSON (time, peak RSS)
#   - the same at 100k and 1M rows (peak RSS must not grow with the rows)
#   - bordermap render FILE.csv at 1M rows (time, peak RSS)
# Usage: tools/bench_imports.sh [ROWS...]   (default: 100000 1000000)
# BENCH_DIR keeps the generated exports between runs; BENCH_RENDER=0 skips the render.
# Needs python3 (the generator), GNU time (/usr/bin/time) and ogr2ogr (gdal-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
B=$PWD/target/release/bordermap
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
# outputs go to memory (both tools alike) so that the disk's write speed, not the tools, is not
# what is measured: a million rows make over a gigabyte of GeoJSON
out=${BENCH_OUT:-/dev/shm}
[ -d "$out" ] && [ -w "$out" ] || out=$work
out=$(mktemp -d "$out/bench.XXXX")
trap 'rm -rf "$out"' EXIT
rows=("$@")
[ ${#rows[@]} -gt 0 ] || rows=(100000 1000000)
command -v ogr2ogr >/dev/null || { echo "bench_imports: ogr2ogr (gdal-bin) is needed for the comparison" >&2; exit 2; }
measure() {  # measure LABEL CMD...  -> "LABEL: S s, M MB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@"
  read -r s kb < "$work/time"
  printf '  %-44s %7.2f s  %6d MB\n' "$label" "$s" $((kb / 1024))
}
for n in "${rows[@]}"; do
  csv=$work/acled-$n.csv
  [ -f "$csv" ] || python3 tools/gen_exports.py acled --rows "$n" --seed 7 -o "$csv"
  echo "ACLED export, $n rows ($(du -m "$csv" | cut -f1) MB):"
  rm -f "$out/ogr.geojson"
  measure "ogr2ogr -f GeoJSON out.geojson" ogr2ogr -f GeoJSON "$out/ogr.geojson" "$csv" \
    -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude
  measure "bordermap events --format geojson > out.geojson" sh -c "'$B' events '$csv' --format geojson > '$out/bm.geojson'"
  measure "bordermap events --format geojson | (pipe)" sh -c "'$B' events '$csv' --format geojson | cat > /dev/null"
  echo "  features: ogr2ogr $(grep -c '"type": "Feature"' "$out/ogr.geojson" || true), bordermap $(grep -c '^{"type":"Feature"' "$out/bm.geojson" || true); sizes: ogr2ogr $(du -m "$out/ogr.geojson" | cut -f1) MB, bordermap $(du -m "$out/bm.geojson" | cut -f1) MB"
  rm -f "$out/ogr.geojson" "$out/bm.geojson"
  if [ "${BENCH_RENDER:-1}" = 1 ] && [ "$n" -ge 1000000 ]; then
    rm -rf "$work/render"
    measure "bordermap render (every product, to disk)" sh -c "'$B' render '$csv' --out '$work/render' --extent auto > /dev/null"
    du -sh "$work/render" | sed 's/^/  output: /'
    ls -l "$work/render/map.svg" | awk '{printf "  map.svg: %d bytes\n", $5}'
    rm -rf "$work/render"
  fi
done

#!/usr/bin/env bash
# Checks a bordermap output directory with the tools its users open it in.
#
#   tests/clients/check_outputs.sh DIR [RENDER.png]
#
# Stages (all run; the script fails if any fails or any tool is missing):
#   gdal     ogrinfo opens every layer, dates typed Date, SpatiaLite finds no invalid
#            geometry, briefing.gpkg has every layer and its default style   (gdal_check.py)
#   hint     @mapbox/geojsonhint reports nothing for any DIR/*.geojson
#   geojson  RFC 7946 contract and docs/OUTPUTS.md schema                   (geojson_check.py)
#   qgis     QGIS 3.22 headless: styles, temporal, GeoPackage styles, render (qgis_check.py)
#   desktop  the QGIS desktop (under Xvfb) opens the layers styled and temporal
#                                                                       (qgis_desktop_check.py)
#   svg      xmllint, rsvg-convert and Chromium for every DIR/*.svg     (svg_check.py)
#   html     headless Chromium opens DIR/map.html: no error, no request outside the file,
#            #event / #date / filters / slider / search as the layers say (html_check.mjs)
# Run tests/clients/install.sh first. RENDER.png defaults to DIR/../qgis_render.png.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "check_outputs: $*" >&2; exit 2; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 DIR [RENDER.png]"
[ -d "$1" ] || die "no such directory: $1"
DIR=$(cd "$1" && pwd)
RENDER=${2:-$(dirname "$DIR")/qgis_render.png}

# --- every tool, or nothing -------------------------------------------------------------
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 ($2)"); }
need ogrinfo gdal-bin
need xmllint libxml2-utils
need rsvg-convert librsvg2-bin
need xvfb-run xvfb
need xauth xauth
need qgis qgis
need node nodejs
need python3 python3
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || missing+=("chromium (chromium)")
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1 \
  || missing+=("PyQGIS for /usr/bin/python3 (python3-qgis)")
HINT="$HERE/node_modules/@mapbox/geojsonhint/bin/geojsonhint"
[ -f "$HINT" ] || missing+=("geojsonhint (npm ci in tests/clients)")
[ -f "$HERE/node_modules/puppeteer-core/package.json" ] || missing+=("puppeteer-core (npm ci in tests/clients)")
fonts=$(fc-list : family 2>/dev/null || true)   # (grep -q on a pipe would SIGPIPE under pipefail)
grep -qx 'Noto Sans' <<<"$fonts" || missing+=("Noto Sans font (fonts-noto-core)")
grep -qx 'Noto Sans Arabic' <<<"$fonts" || missing+=("Noto Sans Arabic font (fonts-noto-core)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "check_outputs: FAIL: required tools missing — run tests/clients/install.sh:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_RUNTIME_DIR="$WORK/xdg"
mkdir -m 700 "$XDG_RUNTIME_DIR"

failed=()
stage() {  # stage NAME COMMAND... : run, show its output, record failure
  local name=$1; shift
  echo "== $name"
  "$@"
  local rc=$?
  if [ $rc -ne 0 ]; then
    failed+=("$name (exit $rc)")
    echo "== $name: FAILED"
  fi
}

# geojsonhint exits 0 on "messages" (e.g. the right-hand rule) and 1 on errors: read
# its JSON output; any entry is a failure.
hint_all() {
  local f out rc bad=0 n=0
  shopt -s nullglob
  for f in "$DIR"/*.geojson; do
    n=$((n + 1))
    out=$(node "$HINT" --format json "$f" 2>&1); rc=$?
    if [ $rc -gt 1 ]; then
      echo "  FAIL  $(basename "$f"): geojsonhint crashed (exit $rc): $out"; bad=1
    elif [ -n "$(printf '%s' "$out" | tr -d '[:space:]')" ]; then
      echo "  FAIL  $(basename "$f"): geojsonhint:"
      printf '%s\n' "$out" | python3 -c 'import json,sys
try:
    for e in json.load(sys.stdin): print("        line %s: %s (%s)" % (e.get("line"), e.get("message"), e.get("level", "error")))
except Exception as x: print("        unparsable output:", x)'
      bad=1
    else
      echo "  ok    $(basename "$f"): geojsonhint reports nothing"
    fi
  done
  shopt -u nullglob
  [ $n -gt 0 ] || { echo "  FAIL  no .geojson in $DIR"; return 1; }
  echo "geojsonhint $(node -p "require('$HERE/node_modules/@mapbox/geojsonhint/package.json').version"): $n file(s)"
  return $bad
}

# PyQGIS scripts end with os._exit(): require the summary line as well as exit 0, so
# that a script dying early can never look like a pass.
qgis_headless() {
  local log="$WORK/qgis.log"
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 "$HERE/qgis_check.py" "$DIR" "$RENDER" 2>"$WORK/qgis.err" | tee "$log"
  local rc=${PIPESTATUS[0]}
  grep -v -e '^Warning: QStandardPaths' -e 'DeprecationWarning' "$WORK/qgis.err" | sed 's/^/  stderr: /' | tail -20
  [ $rc -eq 0 ] && grep -q '^QGIS check: 0 failure(s)' "$log"
}
qgis_desktop() {
  local log="$WORK/desktop.log"
  /usr/bin/python3 "$HERE/qgis_desktop_check.py" "$DIR" | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] && grep -q '^QGIS desktop check: 0 failure(s)' "$log"
}

echo "check_outputs: $DIR"
stage gdal python3 "$HERE/gdal_check.py" "$DIR"
stage hint hint_all
stage geojson python3 "$HERE/geojson_check.py" "$DIR"
stage qgis qgis_headless
stage desktop qgis_desktop
if compgen -G "$DIR/*.svg" >/dev/null; then
  stage svg python3 "$HERE/svg_check.py" "$DIR" "$WORK/svg"
else
  echo "== svg: no SVG in $DIR (skipped)"
fi

html_page() {
  local log="$WORK/html.log"
  node "$HERE/html_check.mjs" "$DIR" "${SHOTS:-$WORK/shots}" | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] && grep -q '^html_check: 0 failure(s)' "$log"
}
if [ -f "$DIR/map.html" ]; then
  stage html html_page
else
  echo "== html: no map.html in $DIR (skipped)"
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "check_outputs: FAIL: ${failed[*]}"
  exit 1
fi
echo "check_outputs: OK ($DIR; QGIS render: $RENDER)"

#!/usr/bin/env bash
# Installs what tests/clients/check_outputs.sh needs (Debian 12). Idempotent: packages
# already present are not fetched again; npm ci reinstalls the pinned validators.
#   tests/clients/install.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PACKAGES=(gdal-bin qgis python3-qgis libxml2-utils librsvg2-bin chromium fonts-noto-core
          fonts-dejavu-core xvfb xauth fontconfig strace)
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
fail() { echo "install.sh: FAIL: $*" >&2; tail -40 "$LOG" >&2; exit 1; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: apt-get install ${missing[*]} (QGIS takes a few minutes)"
  "${SUDO[@]}" apt-get update -qq >"$LOG" 2>&1 || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >>"$LOG" 2>&1 || fail "apt-get install ${missing[*]}"
else
  echo "install.sh: Debian packages already installed"
fi

echo "install.sh: npm ci in tests/clients"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >"$LOG" 2>&1) || fail "npm ci"
[ -f "$HERE/node_modules/@mapbox/geojsonhint/bin/geojsonhint" ] || fail "geojsonhint not installed"
[ -f "$HERE/node_modules/puppeteer-core/package.json" ] || fail "puppeteer-core not installed"

# Prove the tools run, so a broken install fails here rather than in the check.
ogrinfo --version >/dev/null || fail "ogrinfo"
strace -V >/dev/null || fail "strace"
QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c 'import qgis.core' >"$LOG" 2>&1 || fail "PyQGIS import"
echo "install.sh: ok"

#!/usr/bin/env bash
# Checks vendor/leaflet against the npm package it came from, or refreshes it (--update).
#   tools/vendor_leaflet.sh [--update]
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.9.4
INTEGRITY='sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=='
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "leaflet@$VERSION" --silent >/dev/null)
tgz="$work/leaflet-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
[ "$got" = "$INTEGRITY" ] || { echo "vendor_leaflet: integrity mismatch: $got" >&2; exit 1; }
tar xzf "$tgz" -C "$work"
files=(dist/leaflet.js:leaflet.js dist/leaflet.css:leaflet.css LICENSE:LICENSE
       dist/images/layers.png:images/layers.png dist/images/layers-2x.png:images/layers-2x.png
       dist/images/marker-icon.png:images/marker-icon.png)
bad=0
for f in "${files[@]}"; do
  src="$work/package/${f%%:*}"; dst="vendor/leaflet/${f##*:}"
  if [ "${1:-}" = "--update" ]; then mkdir -p "$(dirname "$dst")"; cp "$src" "$dst"
  elif ! cmp -s "$src" "$dst"; then echo "vendor_leaflet: $dst differs from leaflet@$VERSION" >&2; bad=1; fi
done
[ $bad -eq 0 ] && echo "vendor_leaflet: vendor/leaflet is leaflet@$VERSION"
exit $bad

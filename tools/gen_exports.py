#!/usr/bin/env python3
"""Synthetic ACLED and UCDP GED CSV exports for bordermap's tests and benchmarks.

ACLED's terms forbid redistributing its data, so the tests use files made here instead: the
columns, codes and value conventions of the real exports, with places and coordinates from
bordermap's own gazetteer, and made-up events. Nothing here is real event data.

Usage::

    python3 tools/gen_exports.py acled --rows N [--seed S] [--layout current|old]
        [--inter number|text|mixed] [--dates iso|text] -o FILE [--expected FILE] [--bad KIND,...]
    python3 tools/gen_exports.py ucdp --rows N [--seed S] [--plain-dates] -o FILE
        [--expected FILE] [--bad KIND,...]

Files are UTF-8 without a byte-order mark, LF line ends, quoted only where needed (the csv
module's QUOTE_MINIMAL); ``-o -`` writes to standard output. The same arguments give the same
bytes on every run (one ``random.Random(seed)`` stream; no set or hash ordering is used).
``--expected`` and ``--bad`` do not change the other rows. Standard library only;
``--expected`` also needs ``geographiclib`` (``pip install geographiclib``, pure Python),
which ``border_expected.py`` uses.

ACLED layouts
-------------
``--layout current`` (default): the 31 columns of exports since 20 March 2023::

    event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type,
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
    civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude,
    longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp

``--layout old``: the 31 columns of API exports before that date, with ``data_id``,
``event_id_no_cnty`` and ``iso3`` and without ``disorder_type``, ``civilian_targeting`` and
``tags`` (ACLED's "Guide to 2023 ACLED Column Changes" names these three removals and three
additions and says columns were also repositioned)::

    data_id, iso, event_id_cnty, event_id_no_cnty, event_date, year, time_precision,
    event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,
    interaction, region, country, admin1, admin2, admin3, location, latitude, longitude,
    geo_precision, source, source_scale, notes, fatalities, timestamp, iso3

That order is the one of acledR's codebook table (data_id, iso, event_id_cnty,
event_id_no_cnty, event_date, year, time_precision, event_type, ...) and of older export-tool
files (ISO ... NOTES, FATALITIES, timestamp, iso3; those lack data_id).

Dates: ``--dates iso`` writes ``2024-12-07``, ``--dates text`` writes ``07 December 2024``
(the export tool's and older files' form). Default: iso for current, text for old.
Inter codes: ``--inter number`` writes ``1``..``8`` (``0`` in inter2 when there is no actor 2)
and interaction ``13``; ``--inter text`` writes the codebook's labels (``State forces``,
``Rebel group``, ``Political militia``, ``Identity militia``, ``Rioters``, ``Protesters``,
``Civilians``, ``External/Other forces``; inter2 blank without actor 2) and interaction
``State forces-Political militia`` or ``Rebel group only``; ``--inter mixed`` picks one of
the two per row, as in files pasted together from two downloads. Default: text for current
(the codebook now describes inter1/inter2/interaction as text values, and the API gives text
unless asked for numbers), number for old.

Values: Iraq (iso 368), Syria (760) and a few Jordan (400) and Turkey (792) rows; locations
and coordinates from ``gazetteer/sites/*.toml`` and ``gazetteer/geonames.tsv``, weighted toward
the corridor governorates (Deir ez-Zor, Anbar, Hasakah, Nineveh...); admin1 in ACLED's
spelling (as far as could be checked: see ADMIN_TABLE), admin2/admin3 the district and
sub-district of the nearest sub-district seat in a built-in table (close to, not exactly, the
official boundaries). geo_precision 1: the place's own coordinates;
2: the place's coordinates moved 1-8 km ("near X"); 3: the provincial capital, or a natural
location ("Anbar Desert", "Iraq-Syria border area") moved up to 20 km. Moves never leave the
place's country outline (they are capped below the distance to it). Ten gazetteer places lie
outside their own country's Natural Earth outline (Fishkhabur, IQ, falls in the Syria polygon;
Tall Abyad and Ayn al-Arab, SY, in Turkey's; Golan villages and Arwad in none) and are used
unmoved: a country column that disagrees with the outline is something real files have too.
Coordinates have four decimals. Event and sub-event types, disorder types, actors (with
their ACLED-style era names, e.g. "Military Forces of Syria (2000-2024)" before 8 December 2024 and
"Military Forces of Syria (2024-)" after), inter codes (a state's forces abroad are 8),
civilian_targeting ("Civilians targeted" or blank), fatalities (mostly 0, long tail), notes
(commas, double quotes, semicolons, some embedded newlines, Arabic script, diacritics and
‘ayn, some over 500 characters), sources joined by "; ", source_scale, tags (mostly blank;
"crowd size=..." on demonstrations) and timestamp (Unix seconds after the event date).

Known rows and --expected
-------------------------
Rows 1-40 are always at the KNOWN_SITES below, with geo_precision 1 (UCDP: where_prec 1) and
the site's exact coordinates. ``--expected FILE`` writes ``id,lon,lat,border_km,side,chainage_km``
for those rows and every 1000th row after them (rows 1000, 2000, ...): id is event_id_cnty
(ACLED) or id (UCDP); lon/lat are the strings written in the export; the rest comes from
``border_expected.py``: WGS 84 geodesic distance to the nearest point of the Iraq–Syria line
in ``gazetteer/border.geojson`` (segments straight in lon/lat as RFC 7946 defines them; the
nearest point is found by minimising the geodesic distance along each segment), side from
point-in-polygon (ray casting) in ``gazetteer/countries.geojson`` (IQ, SY, or other), and
chainage as the geodesic length along the line from its first vertex (the Turkish tripoint).
See that module's docstring. The 40 known sites all lie 1 km or more inside their country's
outline; the every-1000th rows are whatever the stream gives, and can lie on the line itself
(the Al-Tanf crossing point is 1 m from it). Computing the expected values takes 25-45 ms a
point here (1,000,000 rows: 1,040 points, 30-50 s on top of the generation).

Bad rows (--bad)
----------------
``--bad KIND,...`` replaces these rows (1-based data rows; the header is line 1) and prints, for
each, the 1-based file line on which the row starts, the column and the value to stderr. Rows
whose notes hold newlines make lines and rows differ; the line is counted, not assumed.

=============  =====  ==============================================================
kind           row    what
=============  =====  ==============================================================
latitude       101    latitude ``134.2``
latitude       102    latitude ``n/a``
date           201    an impossible date: ``2024-02-30`` (``30 February 2024`` with text
                      dates; UCDP: date_start ``2024-02-30 00:00:00.000``)
date           202    ``sometime`` (UCDP: in date_start)
missing        301    the row cut after its 20th column (too few columns)
precision      401    geo_precision ``9`` (UCDP: where_prec ``9``)
longitude      501    longitude ``-181.5``
fatalities     601    fatalities ``-3`` (UCDP: best ``-3``)
extra          701    one column too many (an extra ``surplus`` value at the end)
=============  =====  ==============================================================

A row past --rows is skipped with a note on stderr.

UCDP GED
--------
The 49 columns listed in shared/reference/event-coding.md, in that order, one event a row:
type_of_violence 1-3 with matching conflict, dyad and side names (Iraq: Government / Government
of Iraq - IS with UCDP's ids 259/524/116/234; the other ids are illustrative), where_prec 1-7
with coordinates to match (1 place, 2 near it, 3 district seat, 4 governorate centre, 5 a region
or natural location, 6 country centre, 7 a river), geom_wkt ``POINT (lon lat)`` with the same
numbers as longitude/latitude (six decimals), priogrid_gid from the 0.5 degree PRIO-GRID,
country and Gleditsch-Ward country_id (Iraq 645, Syria 652, Turkey 640, Jordan 663),
date_prec 1-5 with date_start/date_end to match (1 one day, 2 two to six days, 3 a Monday-Sunday
week, 4 a calendar month, 5 a calendar year) written ``YYYY-MM-DD 00:00:00.000`` as GED 20.1's
CSV file has them (``--plain-dates`` writes ``YYYY-MM-DD``), deaths_a + deaths_b +
deaths_civilians + deaths_unknown = best, low <= best <= high, and source_article as GED
writes it: quoted "office,date,headline" items joined by ";".
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import glob
import json
import math
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteer"

ACLED_CURRENT = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
    "source_scale notes fatalities tags timestamp").split()
ACLED_OLD = (
    "data_id iso event_id_cnty event_id_no_cnty event_date year time_precision event_type "
    "sub_event_type actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction region "
    "country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale "
    "notes fatalities timestamp iso3").split()
UCDP_COLUMNS = (
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id "
    "conflict_name dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a "
    "side_b_dset_id side_b_new_id side_b number_of_sources source_article source_office "
    "source_date source_headline source_original where_prec where_coordinates where_description "
    "adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country country_id region "
    "event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians "
    "deaths_unknown best high low gwnoa gwnob").split()

# (kind, row, column key, value); the column key is resolved per format below
BAD_ROWS = {
    "latitude": [(101, "lat", "134.2"), (102, "lat", "n/a")],
    "date": [(201, "date", "BADDATE"), (202, "date", "sometime")],
    "missing": [(301, "missing", None)],
    "precision": [(401, "prec", "9")],
    "longitude": [(501, "lon", "-181.5")],
    "fatalities": [(601, "fat", "-3")],
    "extra": [(701, "extra", "surplus")],
}
BAD_COLUMNS = {
    "acled": {"lat": "latitude", "lon": "longitude", "date": "event_date",
              "prec": "geo_precision", "fat": "fatalities"},
    "ucdp": {"lat": "latitude", "lon": "longitude", "date": "date_start",
             "prec": "where_prec", "fat": "best"},
}
MISSING_KEEP = 20  # columns kept in a `missing` row

# The first rows, in this order: curated site ids, or "geonames:<name>" for a GeoNames place.
KNOWN_SITES = [
    "al-qaim-crossing", "albukamal", "husaybah", "al-tanf", "rabia", "deir-ez-zor", "hit",
    "ar-ruwayshid", "geonames:Silopi", "al-qaim", "al-karabilah", "al-baghuz", "hajin",
    "al-mayadin", "al-waleed-crossing", "rawah", "anah", "haditha", "ar-rutbah", "sinjar",
    "al-baaj", "tal-afar", "mosul", "raqqa", "hasakah", "qamishli", "shaddadi", "al-hol",
    "palmyra", "al-sukhnah", "al-omar-oil-field", "imam-ali-base", "deir-ez-zor-airport",
    "al-asad-airbase", "baghdad", "damascus", "al-malikiyah", "tal-hamis", "semalka-crossing",
    "rukban",
]

FIRST_DAY = dt.date(2018, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)
TS_CAP = int(dt.datetime(2025, 7, 31, tzinfo=dt.timezone.utc).timestamp())
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

COUNTRY = {  # code: (ACLED iso, name, iso3, ACLED region, GW id, UCDP region)
    "IQ": ("368", "Iraq", "IRQ", "Middle East", "645", "Middle East"),
    "SY": ("760", "Syria", "SYR", "Middle East", "652", "Middle East"),
    "JO": ("400", "Jordan", "JOR", "Middle East", "663", "Middle East"),
    "TR": ("792", "Turkey", "TUR", "Middle East", "640", "Europe"),
}
COUNTRY_WEIGHT = {"SY": 0.55, "IQ": 0.42, "JO": 0.015, "TR": 0.015}

# ---------------------------------------------------------------------------------------------
# Administrative table. The admin1 spellings imitate ACLED's (OCHA-style: Al Anbar, Ninewa,
# Salah al Din, Deir ez Zor, Al Hasakah, Ar Raqqa, Rural Damascus...) but were not checked
# against a real export; districts and seats are from general knowledge. "=" lines: governorate key (GeoNames/curated admin1), ACLED admin1,
# scenario group, weight, capital name, lon, lat. "+" lines: district (admin2) with its seat,
# then its sub-districts (admin3) "name@lon,lat" (the seat is a sub-district of the same name).
# "~" lines: natural locations for geo_precision 3. Coordinates are approximate seats.
ADMIN_TABLE = """
= Anbar|Al Anbar|IQ-W|28|Ramadi|43.30778|33.42056
+ Ramadi|43.30778|33.42056
+ Al-Qaim|41.13889|34.36694|Al-Karabila@41.03083,34.38361;Al-Rummana@41.07789,34.44656;Al-Obaidi@41.27,34.41
+ Ana|41.98194|34.36857
+ Ra'ua|41.91898|34.48229
+ Haditha|42.37727|34.13661|Al-Haqlaniya@42.36174,34.08599;Barwana@42.38,34.09
+ Heet|42.82768|33.63664|Al-Baghdadi@42.5475,33.8525;Kubaisa@42.66667,33.58333
+ Falluja|43.78599|33.34913|Al-Garma@43.90,33.42;Amiriyat al-Falluja@43.84,33.18
+ Al-Rutba|40.28586|33.03718|Al-Waleed@38.93333,33.43333;Al-Nukhaib@42.25,32.03333
~ Anbar Desert|41.60|33.30|20
~ Iraq-Syria border area|40.85|34.25|5
~ Lake Tharthar|43.25|33.95|15
= Nineveh|Ninewa|IQ-W|20|Mosul|43.11889|36.335
+ Mosul|43.11889|36.335|Hammam al-Alil@43.26,36.16;Al-Qayyara@43.30,35.80
+ Telafar|42.44806|36.37913|Rabia@42.08333,36.8;Zummar@42.53,36.65;Al-Ayadiya@42.50,36.52
+ Sinjar|41.87656|36.3209|Sinune@41.88,36.45;Al-Qahtaniya@41.72,36.40
+ Al-Ba'aj|41.71632|36.0426|Al-Qairawan@41.97,36.23
+ Al-Hamdaniya|43.38|36.27|Bartella@43.38,36.35;Nimrud@43.33,36.10
+ Tilkaif|43.13|36.49|Wana@42.98,36.65;Alqosh@43.10,36.73
+ Hatra|42.72|35.58|Al-Tharthar@42.77,35.20
~ Jazira Desert|41.95|35.45|20
~ Sinjar Mountains|41.85|36.37|8
= Duhok|Duhok|IQ-K|6|Duhok|42.9879|36.86608
+ Duhok|42.9879|36.86608
+ Zakho|42.68591|37.14871|Batifa@42.96,37.19;Derkar@42.55,37.10;Fishkhabur@42.3775,37.06806
+ Sumel|42.85|36.86|Batel@42.77,36.92;Faida@42.95,36.75
+ Amedi|43.49|37.09|Sarsing@43.34,37.05;Kani Masi@43.43,37.22
+ Akre|43.89|36.74|Bardarash@43.59,36.50
~ Kurdistan mountains (Duhok)|43.30|37.15|10
= Erbil|Erbil|IQ-K|5|Erbil|44.00943|36.19117
+ Erbil|44.00943|36.19117|Ainkawa@44.01,36.23
+ Makhmur|43.58|35.78|Gwer@43.49,36.05
+ Shaqlawa|44.32|36.40|Harir@44.35,36.55
+ Soran|44.55|36.65|Sidakan@44.67,36.80
+ Koya|44.63|36.08
~ Qara Chokh Mountains|43.55|35.95|8
= Sulaymaniyah|Sulaymaniyah|IQ-K|3|Sulaymaniyah|45.4329|35.56496
+ Sulaymaniyah|45.4329|35.56496
+ Chamchamal|44.83|35.53
+ Penjwen|45.95|35.62
+ Rania|44.88|36.25
+ Kalar|45.32|34.63
= Halabja|Halabja|IQ-K|0.2|Halabja|45.99|35.18
+ Halabja|45.99|35.18
= Salah ad-Din|Salah al Din|IQ-W|10|Tikrit|43.67861|34.61581
+ Tikrit|43.67861|34.61581|Al-Alam@43.70,34.69
+ Samarra|43.88568|34.1959|Dujail@44.23,33.83
+ Baiji|43.48878|34.92915|Al-Siniya@43.42,34.87
+ Al-Shirqat|43.23|35.51
+ Tuz Khurmatu|44.63|34.89|Amerli@44.58,34.72
+ Balad|44.15|34.02|Yathrib@44.20,33.93
+ Al-Daur|43.80|34.45
~ Makhoul Mountains|43.40|35.10|10
~ Hamrin Mountains|44.30|34.60|10
= Kirkuk|Kirkuk|IQ-W|6|Kirkuk|44.39222|35.46806
+ Kirkuk|44.39222|35.46806|Laylan@44.55,35.30
+ Hawija|43.76|35.32|Al-Riyadh@43.93,35.22;Al-Abbasi@43.60,35.35
+ Daquq|44.45|35.13
+ Dibis|44.07|35.65
~ Wadi al-Shay|44.05|35.10|8
= Diyala|Diyala|IQ-W|7|Baquba|44.60518|33.75403
+ Baquba|44.60518|33.75403
+ Al-Muqdadiya|44.94|33.98
+ Khanaqin|45.39065|34.3482|Jalawla@45.17,34.27
+ Baladrooz|45.07|33.70
+ Al-Khalis|44.53|33.81
+ Kifri|44.96|34.69
~ Mutaibija basin|44.20|34.20|10
= Baghdad|Baghdad|IQ-S|8|Baghdad|44.40088|33.34058
+ Karkh|44.37|33.31
+ Resafa|44.42|33.34
+ Abu Ghraib|44.06|33.29
+ Mahmudiya|44.37|33.06
+ Tarmiya|44.38|33.67
+ Al-Madain|44.58|33.10
+ Kadhimiya|44.34|33.38
+ Sadr City|44.45|33.38
= Basra|Basrah|IQ-S|3|Basrah|47.7804|30.50852
+ Basrah|47.7804|30.50852
+ Al-Zubair|47.70|30.39
+ Abu Al-Khaseeb|47.97|30.45
+ Al-Qurna|47.43|31.01
+ Shatt Al-Arab|47.87|30.56
+ Al-Fao|48.47|29.98
= Babil|Babil|IQ-S|1|Hilla|44.42|32.48
+ Hilla|44.42|32.48
+ Al-Mahawil|44.48|32.66
+ Al-Musayab|44.29|32.78
+ Al-Hashimiya|44.65|32.37
= Karbala|Karbala|IQ-S|0.5|Karbala|44.02488|32.61603
+ Karbala|44.02488|32.61603
+ Ain Al-Tamur|43.49|32.57
+ Al-Hindiya|44.22|32.54
= Najaf|Najaf|IQ-S|0.5|Najaf|44.34625|32.02594
+ Najaf|44.34625|32.02594
+ Kufa|44.40|32.05
+ Al-Manathera|44.43|31.70
= Qadisiyah|Al Qadisiyah|IQ-S|0.5|Diwaniya|44.93|31.99
+ Diwaniya|44.93|31.99
+ Afaq|45.26|32.06
+ Al-Shamiya|44.60|31.96
= Muthanna|Al Muthanna|IQ-S|0.3|Samawa|45.28|31.31
+ Al-Samawa|45.28|31.31
+ Al-Rumaitha|45.20|31.53
+ Al-Salman|44.55|30.50
= Dhi Qar|Dhi Qar|IQ-S|2|Nasiriyah|46.26|31.05
+ Nasiriyah|46.26|31.05
+ Al-Shatra|46.17|31.41
+ Al-Rifai|46.11|31.72
+ Suq Al-Shoyokh|46.47|30.89
= Maysan|Maysan|IQ-S|1|Amarah|47.14|31.84
+ Al-Amara|47.14|31.84
+ Ali Al-Gharbi|46.69|32.46
+ Al-Majar Al-Kabir|47.17|31.56
= Wasit|Wasit|IQ-S|0.5|Kut|45.82|32.51
+ Al-Kut|45.82|32.51
+ Al-Suwaira|44.77|32.93
+ Badra|45.95|33.11
= Deir ez-Zor|Deir ez Zor|SY-E|30|Deir ez Zor|40.14084|35.33588
+ Deir ez Zor|40.14084|35.33588|Khasham@40.28916,35.30088;Muhasan@40.3166,35.23349;Al Busayra@40.42716,35.15618;Kisreh@39.9202,35.56743;Tabni@39.8181,35.6117;Al Sur@40.66167,35.50639
+ Al Mayadin|40.45154|35.01982|Dhiban@40.51028,35.01498;Al Asharah@40.56007,34.92133
+ Abu Kamal|40.91854|34.45226|Hajin@40.83138,34.69508;Al Jalaa@40.84054,34.63346;Susat@40.95819,34.53366
~ Deir ez Zor Desert|40.00|34.80|20
~ Syria-Iraq border area|40.96|34.45|3
~ Euphrates River (Deir ez Zor)|40.78762|34.70223|3
= Hasakah|Al Hasakah|SY-E|14|Al Hasakah|40.74772|36.50237
+ Al Hasakah|40.74772|36.50237|Al Hol@41.14983,36.39042;Tal Tamer@40.37079,36.65556;Ash Shaddadah@40.73478,36.05756;Markada@40.75304,35.74607
+ Al Qamishli|41.23142|37.05215|Amuda@40.93,37.10417;Tal Hmis@41.39943,36.75678;Al Qahtaniyah@41.54596,37.029
+ Al Malikiyah|42.14006|37.17701|Al Jawadiyah@41.82015,36.9866;Al Yarubiyah@42.06206,36.81138
+ Ras al Ain|40.07055|36.85034|Darbasiyah@40.65,37.07
~ Jabal Abdulaziz|40.45|36.55|8
~ Al Hol Desert|41.05|36.22|10
= Raqqa|Ar Raqqa|SY-E|10|Ar Raqqa|39.00788|35.95283
+ Ar Raqqa|39.00788|35.95283|Al Karamah@39.30,35.85;Maadan@39.59835,35.7552;Al Sabkha@39.26268,35.81182
+ Ath Thawrah|38.54828|35.83758|Al Mansura@38.75,35.83
+ Tell Abiad|38.95|36.70|Ain Issa@38.86228,36.3855;Suluk@39.16,36.62
~ Jabal al-Bishri|39.30|35.40|10
= Homs|Homs|SY-S|8|Homs|36.72559|34.72405
+ Homs|36.72559|34.72405|Al Qaryatayn@37.24066,34.22956
+ Tadmor|38.28402|34.5624|Al Sukhnah@38.8711,34.88533;At Tanf@38.61778,33.50583
+ Al Qusayr|36.58029|34.5078
+ Ar Rastan|36.73|34.93
+ Al Makhrim|37.08|34.82
~ Homs Desert|38.62143|34.29864|20
= Aleppo|Aleppo|SY-NW|10|Aleppo|37.16117|36.20124
+ Jebel Saman|37.16117|36.20124
+ Menbij|37.95495|36.52815
+ Al Bab|37.515|36.371
+ Ain al Arab|38.39|36.89
+ Jarablus|38.01|36.82
+ Afrin|36.87|36.51
+ Azaz|37.05|36.59
+ As Safira|37.37|36.07
= Idlib|Idlib|SY-NW|8|Idlib|36.63393|35.93062
+ Idlib|36.63393|35.93062
+ Harim|36.52|36.21
+ Ariha|36.61|35.81
+ Maarrat al Numan|36.67|35.64
+ Jisr ash Shughur|36.32|35.81
= Hama|Hama|SY-NW|4|Hama|36.75783|35.13179
+ Hama|36.75783|35.13179
+ Salamiyah|37.05|35.01
+ Masyaf|36.34|35.07
+ As Suqaylabiyah|36.39|35.37
+ Muhradah|36.57|35.25
= Latakia|Lattakia|SY-NW|1.5|Lattakia|35.79088|35.53125
+ Lattakia|35.79088|35.53125
+ Jableh|35.93|35.36
+ Al Haffa|36.03|35.60
+ Al Qardaha|36.06|35.45
= Rif Dimashq|Rural Damascus|SY-S|4|Duma|36.40|33.57
+ Duma|36.40|33.57
+ Markaz Rif Dimashq|36.35|33.50
+ Al Qutayfah|36.60|33.74
+ An Nabk|36.73|34.02
+ Yabroud|36.66|33.97
+ Az Zabdani|36.10|33.72
+ Qatana|36.08|33.44
+ Darayya|36.24|33.46
= Damascus|Damascus|SY-S|1.5|Damascus|36.29128|33.5102
+ Damascus|36.29128|33.5102
= Daraa|Dara|SY-S|5|Dara|36.10213|32.61889
+ Dara|36.10213|32.61889
+ Izra|36.25|32.85
+ As Sanamayn|36.18|33.07
= Suwayda|As Sweida|SY-S|2|As Sweida|36.56951|32.70896
+ As Sweida|36.56951|32.70896
+ Salkhad|36.71|32.49
+ Shahba|36.63|32.85
= Quneitra|Quneitra|SY-S|0.5|Quneitra|35.82|33.12
+ Quneitra|35.82|33.12
= Tartus|Tartous|SY-NW|0.5|Tartous|35.88659|34.88902
+ Tartous|35.88659|34.88902
+ Banyas|35.94|35.18
+ Safita|36.12|34.82
= Mafraq|Mafraq|JO|3|Mafraq|36.20804|32.34289
+ Al Mafraq|36.20804|32.34289
+ Ar Ruwayshid|38.20405|32.50152
+ Al Badiah ash Shamaliyah|37.0|32.30
~ Jordan-Syria border area|37.80|32.55|5
= Irbid|Irbid|JO|1|Irbid|35.85|32.55
+ Irbid|35.85|32.55
+ Ar Ramtha|36.00|32.56
= Amman|Amman|JO|1|Amman|35.93|31.95
+ Amman|35.93|31.95
= Zarqa|Zarqa|JO|0.5|Zarqa|36.09|32.07
+ Zarqa|36.09|32.07
+ Ar Rusayfah|36.05|32.02
= Sanliurfa|Sanliurfa|TR|1|Sanliurfa|38.79|37.16
+ Haliliye|38.80|37.16
+ Ceylanpinar|40.05|36.84722
+ Akcakale|38.9475|36.71111
+ Suruc|38.42|36.98
+ Viransehir|39.55|37.23
= Mardin|Mardin|TR|1|Mardin|40.73|37.31
+ Artuklu|40.73|37.31
+ Nusaybin|41.21465|37.07028
+ Kiziltepe|40.57723|37.18836
+ Midyat|41.34|37.42
+ Derik|40.27|37.36
= Sirnak|Sirnak|TR|1.5|Sirnak|42.46|37.52
+ Sirnak|42.46|37.52
+ Silopi|42.46345|37.24379
+ Cizre|42.18484|37.33024
+ Idil|41.89|37.34
+ Uludere|43.00|37.45
"""
GN_ADMIN = {"JO": {"15": "Mafraq", "18": "Irbid", "16": "Amman", "17": "Zarqa"},
            "TR": {"63": "Sanliurfa", "72": "Mardin", "80": "Sirnak"}}
CURATED_KINDS = {"town", "city", "village", "crossing", "base", "airfield", "oil-field",
                 "gas-field", "facility", "district"}

# ---------------------------------------------------------------------------------------------
# Actors: key -> (home country, [(first day, name, inter at home, name used in notes)]).
INTER_LABEL = {1: "State forces", 2: "Rebel group", 3: "Political militia",
               4: "Identity militia", 5: "Rioters", 6: "Protesters", 7: "Civilians",
               8: "External/Other forces"}


def _iq(prefix):
    return [("2014-09-08", f"{prefix} of Iraq (2014-2018)"),
            ("2018-10-25", f"{prefix} of Iraq (2018-2020)"),
            ("2020-05-07", f"{prefix} of Iraq (2020-2022)"),
            ("2022-10-27", f"{prefix} of Iraq (2022-)")]


ACTORS = {
    "IQ_ARMY": ("IQ", [(d, n, 1, "Iraqi security forces") for d, n in _iq("Military Forces")]),
    "IQ_POLICE": ("IQ", [(d, n, 1, "Iraqi police") for d, n in _iq("Police Forces")]),
    "PMF": ("IQ", [("2014-06-13", "Popular Mobilization Forces", 3, "PMF fighters")]),
    "KH": ("IQ", [("2007-01-01", "Kataib Hezbollah", 3, "Kataib Hezbollah")]),
    "IRI": ("IQ", [("2019-01-01", "Islamic Resistance in Iraq", 3,
                    "the Islamic Resistance in Iraq")]),
    "IS_IQ": ("IQ", [("2013-04-01", "Islamic State (Iraq)", 2, "IS militants")]),
    "PKK": ("TR", [("1984-01-01", "PKK: Kurdistan Workers Party", 2, "PKK fighters")]),
    "SY_ARMY": ("SY", [("2000-07-17", "Military Forces of Syria (2000-2024)", 1,
                        "Syrian regime forces"),
                       ("2024-12-08", "Military Forces of Syria (2024-)", 1,
                        "Syrian transitional government forces")]),
    "SY_POLICE": ("SY", [("2000-07-17", "Police Forces of Syria (2000-2024)", 1,
                          "regime security services"),
                         ("2024-12-08", "Police Forces of Syria (2024-)", 1,
                          "General Security forces")]),
    "HTS": ("SY", [("2017-01-28", "Hayat Tahrir al Sham", 2, "HTS fighters"),
                   ("2024-12-08", "Military Forces of Syria (2024-)", 1,
                    "Syrian transitional government forces")]),
    "SDF": ("SY", [("2015-10-10", "SDF: Syrian Democratic Forces", 2, "SDF fighters")]),
    "SNA": ("SY", [("2017-12-30", "SNA: Syrian National Army", 2,
                    "Turkish-backed SNA factions")]),
    "IS_SY": ("SY", [("2013-04-01", "Islamic State (Syria)", 2, "IS militants")]),
    "US": ("US", [("2017-01-20", "Military Forces of the United States (2017-2021)", 1,
                   "US-led coalition forces"),
                  ("2021-01-20", "Military Forces of the United States (2021-)", 1,
                   "US-led coalition forces")]),
    "ISRAEL": ("IL", [("2009-03-31", "Military Forces of Israel (2009-2021)", 1,
                       "Israeli forces"),
                      ("2021-06-13", "Military Forces of Israel (2021-2022)", 1,
                       "Israeli forces"),
                      ("2022-12-29", "Military Forces of Israel (2022-)", 1,
                       "Israeli forces")]),
    "RUSSIA": ("RU", [("2000-05-07", "Military Forces of Russia (2000-)", 1,
                       "Russian forces")]),
    "TURKEY": ("TR", [("2016-07-15", "Military Forces of Turkey (2016-)", 1,
                       "Turkish forces")]),
    "TR_POLICE": ("TR", [("2016-07-15", "Police Forces of Turkey (2016-)", 1,
                          "Turkish police")]),
    "IRAN": ("IR", [("1989-06-04", "Military Forces of Iran (1989-)", 1,
                     "Iranian forces")]),
    "JO_ARMY": ("JO", [("1999-02-07", "Military Forces of Jordan (1999-)", 1,
                        "the Jordanian army")]),
    "JO_POLICE": ("JO", [("1999-02-07", "Police Forces of Jordan (1999-)", 1,
                          "Jordanian police")]),
    "HEZB": ("LB", [("1982-01-01", "Hezbollah", 3, "Hezbollah fighters")]),
}
# country-generic actors: name pattern, inter, note name
GENERIC = {"UAG": ("Unidentified Armed Group ({c})", 3, "unidentified gunmen"),
           "CIV": ("Civilians ({c})", 7, "civilians"),
           "PROT": ("Protesters ({c})", 6, "protesters"),
           "RIOT": ("Rioters ({c})", 5, "rioters"),
           "TRIBE": ("Unidentified Tribal Militia ({c})", 4, "tribal fighters")}

ASSOC = {
    "IQ_ARMY": ["", "", "", "Popular Mobilization Forces", "Tribal Mobilization Forces",
                "Popular Mobilization Forces; Tribal Mobilization Forces"],
    "PMF": ["", "", "Kataib Hezbollah", "Kataib Hezbollah; Harakat Hezbollah al Nujaba",
            "Asaib Ahl al Haq"],
    "SDF": ["", "", "Deir ez Zor Military Council", "YPG: Peoples Protection Units",
            "Asayish; YPG: Peoples Protection Units"],
    "SNA": ["", "Ahrar al Sharqiya", "Sultan Murad Division", "Hamza Division; Ahrar al Sharqiya"],
    "SY_ARMY": ["", "", "", "NDF: National Defence Forces", "Hezbollah",
                "Liwa Fatemiyoun; Military Forces of Iran (1989-)"],
    "US": ["", "", "", "Military Forces of the United Kingdom (2019-)",
           "SDF: Syrian Democratic Forces"],
    "CIV": ["", "", "", "", "Farmers ({c})", "Women ({c})", "Children ({c})",
            "Labor Group ({c}); Women ({c})", "Shepherds ({c})", "Truffle Hunters ({c})",
            "Journalists ({c})", "Government of {c} ({era})"],
    "PROT": ["", "", "Women ({c})", "Students ({c})", "Teachers ({c})", "Labor Group ({c})",
             "Farmers ({c}); Women ({c})", "Arab Ethnic Group ({c})", "Tribal Group ({c})"],
    "RIOT": ["", "", "Students ({c})", "Tribal Group ({c})"],
    "IS_SY": ["", "", "", "", "Islamic State (Syria) - Wilayat al Khayr"],
    "IS_IQ": ["", "", "", "", "Islamic State (Iraq) - Wilayat al Anbar"],
}

SOURCES = {
    "SY": [("Syrian Observatory for Human Rights", "National"), ("Deir Ezzor 24", "Subnational"),
           ("North Press Agency", "Subnational"), ("Euphrates Post", "Subnational"),
           ("Hawar News Agency", "Subnational"), ("Enab Baladi", "National"),
           ("Syria TV", "National"), ("SANA", "National"), ("Step News Agency", "National"),
           ("Shaam News Network", "National"), ("Reuters", "International"),
           ("AFP", "International"), ("Xinhua", "International"), ("Rudaw", "Regional"),
           ("US CENTCOM", "International"), ("Twitter", "New media"),
           ("Telegram", "New media"), ("Syrian Network for Human Rights", "Local partner")],
    "IQ": [("Shafaq News", "National"), ("Baghdad Today", "National"),
           ("Al Sumaria", "National"), ("Rudaw", "Subnational"), ("Kurdistan 24", "Subnational"),
           ("Iraqi News Agency", "National"), ("Security Media Cell", "National"),
           ("Al Mada", "National"), ("964", "National"), ("Kirkuk Now", "Subnational"),
           ("Xinhua", "International"), ("AFP", "International"), ("Reuters", "International"),
           ("The New Arab", "Regional"), ("Sabereen News", "New media"),
           ("Twitter", "New media"), ("Telegram", "New media")],
    "JO": [("Petra", "National"), ("Roya News", "National"), ("Jordan Times", "National"),
           ("Al Ghad", "National"), ("Reuters", "International"), ("Twitter", "New media")],
    "TR": [("Anadolu Agency", "National"), ("Hurriyet", "National"), ("Bianet", "National"),
           ("Mezopotamya Agency", "Subnational"), ("ANF News", "Subnational"),
           ("Firat News Agency", "Subnational"), ("Reuters", "International"),
           ("Twitter", "New media")],
}
SCALE_ORDER = ["Local partner", "Subnational", "National", "Regional", "International",
               "New media", "Other"]

# Fatality profiles: (share of zero, [(value, weight), ...] for the rest)
_TAIL = [(1, 30), (2, 18), (3, 13), (4, 8), (5, 7), (6, 4), (7, 3), (8, 3), (10, 4), (12, 3),
         (15, 2), (20, 2), (25, 1), (30, 1), (40, 0.6), (50, 0.4), (75, 0.2), (100, 0.15),
         (150, 0.05), (250, 0.02)]
FAT_PROFILES = {"battle": (0.45, _TAIL), "strike": (0.55, _TAIL), "ied": (0.6, _TAIL[:12]),
                "vac": (0.35, _TAIL[:10]), "riot": (0.93, _TAIL[:4]), "none": (1.0, _TAIL),
                "sd": (0.985, _TAIL[:3])}

# ---------------------------------------------------------------------------------------------
# Scenarios per group: (weight, event type, sub-event type, disorder type, fatality profile,
# civilian targeting, note kind, [(weight, actor1, actor2 or None), ...]).
PV, DM, SD = "Political violence", "Demonstrations", "Strategic developments"
BT, ER, VC, PR, RI, ST = ("Battles", "Explosions/Remote violence", "Violence against civilians",
                          "Protests", "Riots", "Strategic developments")


def _scenarios_sy_e():
    return [
        (18, BT, "Armed clash", PV, "battle", False, "clash",
         [(4, "SY_ARMY", "IS_SY"), (5, "SDF", "IS_SY"), (2, "SDF", "SY_ARMY"),
          (2, "TRIBE", "SDF"), (2, "UAG", "SDF"), (1, "SDF", "SNA"), (1, "SY_ARMY", "UAG")]),
        (0.5, BT, "Government regains territory", PV, "battle", False, "regain",
         [(2, "SY_ARMY", "IS_SY"), (1, "SY_ARMY", "SDF")]),
        (0.5, BT, "Non-state actor overtakes territory", PV, "battle", False, "overtake",
         [(2, "SDF", "SY_ARMY"), (1, "TRIBE", "SDF")]),
        (9, ER, "Air/drone strike", PV, "strike", False, "strike",
         [(4, "US", "IS_SY"), (2, "US", "KH"), (2, "ISRAEL", "IRAN"), (1, "ISRAEL", "HEZB"),
          (1, "RUSSIA", "IS_SY"), (1, "TURKEY", "SDF"), (1, "SY_ARMY", "IS_SY"),
          (1, "US", None)]),
        (7, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(3, "IRI", "US"), (2, "SNA", "SDF"), (1, "TURKEY", "SDF"), (1, "SDF", "SNA"),
          (2, "SY_ARMY", "SDF"), (1, "UAG", "US"), (1, "KH", None)]),
        (6, ER, "Remote explosive/landmine/IED", PV, "ied", False, "ied",
         [(3, "IS_SY", "SDF"), (2, "UAG", "SDF"), (1, "IS_SY", "SY_ARMY"), (1, "UAG", None)]),
        (1.2, ER, "Remote explosive/landmine/IED", PV, "ied", True, "ied_civ",
         [(2, "UAG", "CIV"), (1, "IS_SY", "CIV")]),
        (0.3, ER, "Suicide bomb", PV, "strike", False, "suicide", [(1, "IS_SY", "SDF")]),
        (0.4, ER, "Grenade", PV, "vac", True, "grenade", [(1, "UAG", "CIV")]),
        (8, VC, "Attack", PV, "vac", True, "attack",
         [(4, "UAG", "CIV"), (2, "IS_SY", "CIV"), (1, "SDF", "CIV"), (1, "SY_ARMY", "CIV")]),
        (2, VC, "Abduction/forced disappearance", PV, "none", True, "abduct",
         [(2, "SDF", "CIV"), (1, "IS_SY", "CIV"), (1, "SY_POLICE", "CIV")]),
        (6, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (1, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(2, "PROT", "SDF"), (1, "PROT", "SY_POLICE")]),
        (0.2, PR, "Excessive force against protesters", "Political violence; Demonstrations",
         "vac", True, "excessive", [(1, "SDF", "PROT")]),
        (1.2, RI, "Violent demonstration", DM, "riot", False, "riot",
         [(2, "RIOT", None), (1, "RIOT", "SDF")]),
        (0.6, RI, "Mob violence", PV, "riot", False, "mob", [(1, "RIOT", "CIV")]),
        (5, ST, "Arrests", SD, "sd", False, "arrest",
         [(3, "SDF", "CIV"), (2, "SDF", "IS_SY"), (1, "SY_POLICE", "CIV"), (1, "US", "IS_SY")]),
        (5, ST, "Change to group/activity", SD, "sd", False, "move",
         [(3, "US", None), (2, "SY_ARMY", None), (1, "IRAN", None), (1, "KH", None),
          (1, "SDF", None), (1, "PMF", None)]),
        (0.5, ST, "Headquarters or base established", SD, "sd", False, "hq",
         [(1, "US", None), (1, "SY_ARMY", None), (1, "IRAN", None)]),
        (1.5, ST, "Looting/property destruction", SD, "sd", False, "loot",
         [(2, "UAG", "CIV"), (1, "SDF", "CIV")]),
        (2, ST, "Disrupted weapons use", SD, "sd", False, "disrupt",
         [(2, "SDF", None), (1, "US", None), (1, "SY_ARMY", None)]),
        (0.3, ST, "Non-violent transfer of territory", SD, "sd", False, "transfer",
         [(1, "SY_ARMY", None), (1, "SDF", None)]),
        (0.3, ST, "Agreement", SD, "none", False, "agree", [(1, "SDF", "SY_ARMY")]),
        (0.5, ST, "Other", SD, "sd", False, "other", [(1, "SDF", None), (1, "US", None)]),
    ]


def _scenarios_sy_nw():
    return [
        (14, BT, "Armed clash", PV, "battle", False, "clash",
         [(5, "SY_ARMY", "HTS"), (2, "SNA", "SDF"), (1, "SNA", "SNA"), (1, "HTS", "SNA"),
          (1, "SY_ARMY", "UAG")]),
        (1, BT, "Non-state actor overtakes territory", PV, "battle", False, "overtake",
         [(3, "HTS", "SY_ARMY"), (1, "SNA", "SDF")]),
        (1, BT, "Government regains territory", PV, "battle", False, "regain",
         [(1, "SY_ARMY", "HTS")]),
        (8, ER, "Air/drone strike", PV, "strike", False, "strike",
         [(3, "RUSSIA", "HTS"), (2, "SY_ARMY", "HTS"), (1, "US", "HTS"), (1, "TURKEY", "SDF"),
          (1, "ISRAEL", "SY_ARMY"), (1, "RUSSIA", "CIV")]),
        (12, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(4, "SY_ARMY", "HTS"), (2, "HTS", "SY_ARMY"), (2, "TURKEY", "SDF"),
          (1, "SDF", "SNA"), (1, "SY_ARMY", "CIV")]),
        (3, ER, "Remote explosive/landmine/IED", PV, "ied", False, "ied",
         [(2, "UAG", "SNA"), (1, "UAG", "CIV")]),
        (5, VC, "Attack", PV, "vac", True, "attack",
         [(3, "UAG", "CIV"), (1, "SNA", "CIV"), (1, "HTS", "CIV")]),
        (1.5, VC, "Abduction/forced disappearance", PV, "none", True, "abduct",
         [(1, "SNA", "CIV"), (1, "HTS", "CIV"), (1, "SY_POLICE", "CIV")]),
        (7, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (0.7, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "HTS"), (1, "PROT", "SNA")]),
        (1, RI, "Violent demonstration", DM, "riot", False, "riot", [(1, "RIOT", None)]),
        (0.4, RI, "Mob violence", PV, "riot", False, "mob", [(1, "RIOT", "CIV")]),
        (2, ST, "Arrests", SD, "sd", False, "arrest",
         [(1, "HTS", "CIV"), (1, "SNA", "CIV"), (1, "SY_POLICE", "CIV")]),
        (2, ST, "Change to group/activity", SD, "sd", False, "move",
         [(2, "TURKEY", None), (1, "SY_ARMY", None), (1, "HTS", None)]),
        (0.8, ST, "Looting/property destruction", SD, "sd", False, "loot",
         [(1, "SNA", "CIV"), (1, "UAG", "CIV")]),
        (1, ST, "Disrupted weapons use", SD, "sd", False, "disrupt",
         [(1, "HTS", None), (1, "SY_ARMY", None)]),
    ]


def _scenarios_sy_s():
    return [
        (8, BT, "Armed clash", PV, "battle", False, "clash",
         [(3, "SY_ARMY", "IS_SY"), (2, "SY_ARMY", "UAG"), (1, "TRIBE", "UAG"),
          (1, "SY_ARMY", "TRIBE")]),
        (6, ER, "Air/drone strike", PV, "strike", False, "strike",
         [(3, "ISRAEL", "SY_ARMY"), (2, "ISRAEL", "HEZB"), (1, "ISRAEL", "IRAN"),
          (1, "RUSSIA", "IS_SY"), (1, "US", "IS_SY")]),
        (3, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(2, "SY_ARMY", "UAG"), (1, "ISRAEL", "SY_ARMY")]),
        (4, ER, "Remote explosive/landmine/IED", PV, "ied", False, "ied",
         [(2, "UAG", "SY_ARMY"), (1, "IS_SY", "SY_ARMY"), (1, "UAG", None)]),
        (8, VC, "Attack", PV, "vac", True, "attack",
         [(5, "UAG", "CIV"), (1, "IS_SY", "CIV"), (1, "SY_ARMY", "CIV")]),
        (2, VC, "Abduction/forced disappearance", PV, "none", True, "abduct",
         [(2, "UAG", "CIV"), (1, "SY_POLICE", "CIV")]),
        (6, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (0.8, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "SY_POLICE")]),
        (0.8, RI, "Violent demonstration", DM, "riot", False, "riot", [(1, "RIOT", None)]),
        (3, ST, "Arrests", SD, "sd", False, "arrest",
         [(2, "SY_POLICE", "CIV"), (1, "SY_ARMY", "UAG")]),
        (3, ST, "Change to group/activity", SD, "sd", False, "move",
         [(2, "US", None), (1, "SY_ARMY", None), (1, "IRAN", None), (1, "HEZB", None)]),
        (1.5, ST, "Disrupted weapons use", SD, "sd", False, "disrupt",
         [(2, "SY_ARMY", None), (1, "US", None)]),
        (0.5, ST, "Headquarters or base established", SD, "sd", False, "hq",
         [(1, "US", None), (1, "IRAN", None)]),
    ]


def _scenarios_iq_w():
    return [
        (10, BT, "Armed clash", PV, "battle", False, "clash",
         [(4, "IQ_ARMY", "IS_IQ"), (3, "PMF", "IS_IQ"), (1, "IQ_POLICE", "IS_IQ"),
          (1, "TRIBE", "TRIBE"), (1, "IQ_ARMY", "UAG")]),
        (9, ER, "Air/drone strike", PV, "strike", False, "strike",
         [(4, "IQ_ARMY", "IS_IQ"), (2, "US", "KH"), (1, "US", "IS_IQ"), (1, "TURKEY", "PKK"),
          (1, "UAG", "PMF"), (1, "ISRAEL", "PMF")]),
        (5, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(3, "IRI", "US"), (1, "UAG", "US"), (1, "IQ_ARMY", "IS_IQ"), (1, "KH", "US")]),
        (10, ER, "Remote explosive/landmine/IED", PV, "ied", False, "ied",
         [(4, "IS_IQ", "IQ_ARMY"), (2, "IS_IQ", "PMF"), (2, "UAG", "IQ_POLICE"),
          (1, "UAG", None)]),
        (2, ER, "Remote explosive/landmine/IED", PV, "ied", True, "ied_civ",
         [(2, "IS_IQ", "CIV"), (1, "UAG", "CIV")]),
        (0.3, ER, "Suicide bomb", PV, "strike", False, "suicide", [(1, "IS_IQ", "IQ_ARMY")]),
        (0.6, ER, "Grenade", PV, "vac", True, "grenade", [(1, "UAG", "CIV")]),
        (6, VC, "Attack", PV, "vac", True, "attack",
         [(3, "IS_IQ", "CIV"), (3, "UAG", "CIV"), (1, "PMF", "CIV")]),
        (1.5, VC, "Abduction/forced disappearance", PV, "none", True, "abduct",
         [(2, "IS_IQ", "CIV"), (1, "UAG", "CIV"), (1, "PMF", "CIV")]),
        (7, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (1, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "IQ_POLICE")]),
        (1, RI, "Violent demonstration", DM, "riot", False, "riot",
         [(2, "RIOT", None), (1, "RIOT", "IQ_POLICE")]),
        (5, ST, "Arrests", SD, "sd", False, "arrest",
         [(3, "IQ_ARMY", "IS_IQ"), (2, "IQ_POLICE", "CIV"), (1, "PMF", "CIV")]),
        (5, ST, "Change to group/activity", SD, "sd", False, "move",
         [(3, "PMF", None), (2, "IQ_ARMY", None), (2, "US", None), (1, "KH", None)]),
        (0.6, ST, "Headquarters or base established", SD, "sd", False, "hq",
         [(1, "PMF", None), (1, "IQ_ARMY", None)]),
        (3, ST, "Disrupted weapons use", SD, "sd", False, "disrupt",
         [(3, "IQ_ARMY", None), (1, "US", None), (1, "PMF", None)]),
        (0.6, ST, "Looting/property destruction", SD, "sd", False, "loot",
         [(1, "UAG", "CIV")]),
        (0.4, ST, "Other", SD, "sd", False, "other", [(1, "IQ_ARMY", None), (1, "PMF", None)]),
    ]


def _scenarios_iq_k():
    return [
        (6, BT, "Armed clash", PV, "battle", False, "clash",
         [(3, "TURKEY", "PKK"), (1, "IQ_ARMY", "PKK")]),
        (10, ER, "Air/drone strike", PV, "strike", False, "strike",
         [(6, "TURKEY", "PKK"), (2, "IRAN", "UAG"), (1, "IRI", "US"), (1, "TURKEY", "CIV")]),
        (6, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(4, "TURKEY", "PKK"), (2, "IRAN", "UAG"), (1, "IRI", "US")]),
        (6, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (1, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "IQ_POLICE")]),
        (2, VC, "Attack", PV, "vac", True, "attack", [(2, "UAG", "CIV"), (1, "TURKEY", "CIV")]),
        (2, ST, "Arrests", SD, "sd", False, "arrest", [(1, "IQ_POLICE", "CIV")]),
        (2, ST, "Change to group/activity", SD, "sd", False, "move",
         [(2, "TURKEY", None), (1, "US", None)]),
        (0.6, ST, "Headquarters or base established", SD, "sd", False, "hq",
         [(1, "TURKEY", None)]),
        (0.8, ST, "Disrupted weapons use", SD, "sd", False, "disrupt", [(1, "US", None)]),
    ]


def _scenarios_iq_s():
    return [
        (2, BT, "Armed clash", PV, "battle", False, "clash",
         [(2, "TRIBE", "TRIBE"), (1, "IQ_POLICE", "UAG"), (1, "IQ_ARMY", "IS_IQ")]),
        (2, ER, "Remote explosive/landmine/IED", PV, "ied", False, "ied",
         [(2, "UAG", None), (1, "UAG", "IQ_POLICE")]),
        (1, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(1, "IRI", "US"), (1, "UAG", "US")]),
        (1, ER, "Air/drone strike", PV, "strike", False, "strike", [(1, "US", "KH")]),
        (3, VC, "Attack", PV, "vac", True, "attack", [(3, "UAG", "CIV"), (1, "TRIBE", "CIV")]),
        (1, VC, "Abduction/forced disappearance", PV, "none", True, "abduct",
         [(1, "UAG", "CIV")]),
        (11, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (2, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "IQ_POLICE")]),
        (0.3, PR, "Excessive force against protesters", "Political violence; Demonstrations",
         "vac", True, "excessive", [(1, "IQ_POLICE", "PROT")]),
        (3, RI, "Violent demonstration", DM, "riot", False, "riot",
         [(2, "RIOT", None), (1, "RIOT", "IQ_POLICE")]),
        (0.8, RI, "Mob violence", PV, "riot", False, "mob", [(1, "RIOT", "CIV")]),
        (3, ST, "Arrests", SD, "sd", False, "arrest", [(2, "IQ_POLICE", "CIV")]),
        (1, ST, "Disrupted weapons use", SD, "sd", False, "disrupt", [(1, "IQ_POLICE", None)]),
        (0.8, ST, "Looting/property destruction", SD, "sd", False, "loot",
         [(1, "RIOT", "CIV"), (1, "UAG", "CIV")]),
    ]


def _scenarios_jo():
    return [
        (3, BT, "Armed clash", PV, "battle", False, "clash", [(1, "JO_ARMY", "UAG")]),
        (3, ST, "Disrupted weapons use", SD, "sd", False, "disrupt", [(1, "JO_ARMY", None)]),
        (4, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (1, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "JO_POLICE")]),
        (1, ST, "Arrests", SD, "sd", False, "arrest", [(1, "JO_POLICE", "CIV")]),
    ]


def _scenarios_tr():
    return [
        (3, BT, "Armed clash", PV, "battle", False, "clash", [(1, "TURKEY", "PKK")]),
        (2, ER, "Shelling/artillery/missile attack", PV, "strike", False, "shelling",
         [(1, "SDF", "TURKEY"), (1, "TURKEY", "SDF")]),
        (4, PR, "Peaceful protest", DM, "none", False, "protest", [(1, "PROT", None)]),
        (1, PR, "Protest with intervention", DM, "none", False, "protest_int",
         [(1, "PROT", "TR_POLICE")]),
        (2, ST, "Arrests", SD, "sd", False, "arrest",
         [(1, "TR_POLICE", "CIV"), (1, "TR_POLICE", "PKK")]),
        (1, ST, "Disrupted weapons use", SD, "sd", False, "disrupt", [(1, "TURKEY", None)]),
    ]


SCENARIOS = {"SY-E": _scenarios_sy_e, "SY-NW": _scenarios_sy_nw, "SY-S": _scenarios_sy_s,
             "IQ-W": _scenarios_iq_w, "IQ-K": _scenarios_iq_k, "IQ-S": _scenarios_iq_s,
             "JO": _scenarios_jo, "TR": _scenarios_tr}

# ---------------------------------------------------------------------------------------------
# Notes. {d} date, {a1} {a2} actors as notes name them, {at} "in X" or "near X",
# {loc} place, {adm} "(admin2, admin1)", {n} a small number, {what} a target, {grv} a grievance.
NOTE_TEMPLATES = {
    "clash": ["On {d}, {a1} clashed with {a2} {at} {adm}.",
              "On {d}, {a1} attacked positions of {a2} {at} {adm}, sparking clashes that lasted "
              "several hours.",
              "On {d}, {a2} ambushed a patrol of {a1} {at} {adm}; the two sides exchanged fire."],
    "regain": ["On {d}, {a1} regained control of {loc} {adm} after clashes with {a2}."],
    "overtake": ["On {d}, {a1} took control of {loc} {adm} from {a2} after heavy clashes."],
    "strike": ["On {d}, {a1} carried out a drone strike targeting {a2} {at} {adm}.",
               "On {d}, aircraft of {a1} struck a vehicle of {a2} {at} {adm}.",
               "On {d}, {a1} conducted airstrikes on {what} {at} {adm}."],
    "shelling": ["On {d}, {a1} fired rockets at {what} {at} {adm}.",
                 "On {d}, {a1} shelled positions of {a2} {at} {adm} with mortars and artillery.",
                 "On {d}, {a1} launched a one-way attack drone and rockets at {what} {at} {adm}."],
    "ied": ["On {d}, an IED planted by {a1} exploded targeting a vehicle of {a2} {at} {adm}.",
            "On {d}, {a1} detonated a roadside bomb against a patrol of {a2} on the road {at} "
            "{adm}.",
            "On {d}, a landmine left by {a1} exploded {at} {adm}."],
    "ied_civ": ["On {d}, an IED planted by {a1} exploded near a civilian car {at} {adm}.",
                "On {d}, a landmine planted by {a1} exploded under a shepherd's motorcycle {at} "
                "{adm}."],
    "suicide": ["On {d}, a suicide bomber of {a1} blew himself up at a checkpoint of {a2} {at} "
                "{adm}."],
    "grenade": ["On {d}, {a1} threw a hand grenade at a house {at} {adm}."],
    "attack": ["On {d}, {a1} shot and killed a civilian {at} {adm}.",
               "On {d}, {a1} attacked a group of truffle hunters {at} {adm}.",
               "On {d}, {a1} stormed a house {at} {adm} and shot its owner, a local mukhtar."],
    "abduct": ["On {d}, {a1} abducted {n} civilians {at} {adm}; their fate remains unknown.",
               "On {d}, {a1} kidnapped a young man from his home {at} {adm}."],
    "protest": ["On {d}, residents demonstrated {at} {adm} against {grv}.",
                "On {d}, people protested {at} {adm} over {grv}.",
                "On {d}, teachers held a sit-in {at} {adm} over {grv}."],
    "protest_int": ["On {d}, {a2} dispersed a demonstration {at} {adm} against {grv}, "
                    "arresting {n} protesters."],
    "excessive": ["On {d}, {a1} opened fire on protesters {at} {adm} who were demonstrating "
                  "against {grv}."],
    "riot": ["On {d}, angry residents burned tires and blocked the main road {at} {adm} in "
             "protest against {grv}.",
             "On {d}, rioters stormed the local council building {at} {adm} over {grv}."],
    "mob": ["On {d}, a mob beat a man accused of theft {at} {adm}."],
    "arrest": ["On {d}, {a1} arrested {n} suspected IS members in a raid {at} {adm}.",
               "On {d}, {a1} detained {n} young men at a checkpoint {at} {adm}."],
    "move": ["On {d}, a convoy of {n}0 trucks of {a1} carrying weapons and logistical equipment "
             "arrived {at} {adm}.",
             "On {d}, {a1} sent military reinforcements {at} {adm}.",
             "On {d}, {a1} redeployed forces and set up new checkpoints {at} {adm}."],
    "hq": ["On {d}, {a1} established a new military base {at} {adm}."],
    "loot": ["On {d}, {a1} set fire to a house and looted a shop {at} {adm}."],
    "disrupt": ["On {d}, {a1} defused an IED planted on a road {at} {adm}.",
                "On {d}, {a1} intercepted a drone {at} {adm}.",
                "On {d}, {a1} seized a cache of weapons and explosives {at} {adm}."],
    "transfer": ["On {d}, {a1} took over {loc} {adm} without resistance after the withdrawal "
                 "of the previous forces."],
    "agree": ["On {d}, {a1} and {a2} agreed on an exchange of detainees {at} {adm}."],
    "other": ["On {d}, {a1} held a meeting with tribal elders {at} {adm}."],
}
TARGETS = ["a military base", "a weapons depot", "a headquarters", "an oil tanker convoy",
           "a checkpoint", "a house used by militants", "the Conoco gas field base",
           "the Al-Omar oil field base", "a border post"]
GRIEVANCES = ["power cuts", "the deteriorating living conditions", "unemployment",
              "water shortages", "the arrest of a tribal sheikh", "delayed salaries",
              "rising fuel prices", "the security situation", "Israeli strikes on Gaza",
              "forced conscription"]
EXTRA_QUOTE = [' The group called the target a "spy cell".',
               ' Local sources said the victims were "shepherds, not fighters".',
               ' The statement read: "We will respond, God willing."',
               ' A security source described it as a "routine" operation.']
EXTRA_SEMI = [" Sources disagree on the toll; SOHR reported {m}.",
              " The area is contested; both sides claimed control.",
              " Casualties: {n} wounded; no deaths confirmed."]
EXTRA_AYN = [" The road runs towards al-Ba‘āj and Ra‘ūa.",
             " Locals call the area Sha‘fah (al-Sha‘fa).",
             " The village is also written ‘Ayn ‘Isá or ʿAyn ʿĪsā."]
EXTRA_LONG = (" According to local sources, the incident took place at dawn, when residents "
              "reported hearing several explosions followed by gunfire lasting more than an hour."
              " Medical sources in the nearest hospital said they had received casualties, but "
              "would not give figures. Tribal notables called on all parties to spare civilians,"
              " while activists published videos said to show the aftermath; the footage could "
              "not be independently verified. The area has seen repeated incidents of this kind"
              " over the past months, amid competition for control of the roads and crossings "
              "along the Euphrates valley and the desert between Iraq and Syria.")
EXTRA_NEWLINE = ["\nUpdate: a second source confirmed the incident.",
                 "\n\nCorrection: an earlier version gave the wrong district.",
                 "\nThe toll was revised the next day."]


# ---------------------------------------------------------------------------------------------
class Place:
    """One location: a curated site, a GeoNames place, a capital or a natural location."""
    __slots__ = ("name", "name_ar", "name_dia", "cc", "gov", "admin1", "admin2", "admin3",
                 "lon", "lat", "kind", "weight", "cap_km", "coslat", "group", "pop", "sid")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def _approx_km(lon1, lat1, lon2, lat2):
    k = math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot((lon1 - lon2) * k, lat1 - lat2) * 111.195


class Gazetteer:
    """Places, governorates and admin units, built once from the gazetteer files."""

    def __init__(self):
        self.govs = {}       # key -> dict(admin1, group, weight, cc, capital, districts, naturals)
        self._parse_admin_table()
        self._outlines = _Outlines()
        self.places = []
        self.by_id = {}
        self._load()
        for g in self.govs.values():
            cap = g["capital"]
            # the capital as a place of the gazetteer when there is one (same name, same point)
            twin = min((p for p in self.places if p.gov == g["key"]),
                       key=lambda p: _approx_km(p.lon, p.lat, cap[1], cap[2]), default=None)
            if twin is not None and _approx_km(twin.lon, twin.lat, cap[1], cap[2]) < 3.0:
                g["capital_place"] = twin
            else:
                g["capital_place"] = self._make(cap[0], None, None, g["cc"], g["key"], cap[1],
                                                cap[2], "capital", 0, None)
            g["natural_places"] = [self._make(nm, None, None, g["cc"], g["key"], lo, la,
                                              "natural", 0, None, jitter=r)
                                   for nm, lo, la, r in g["naturals"]]

    def _parse_admin_table(self):
        gov = None
        for raw in ADMIN_TABLE.strip().splitlines():
            tag, rest = raw[0], raw[2:]
            f = rest.split("|")
            if tag == "=":
                key, a1, group, w, cap, lo, la = f
                cc = group[:2]
                gov = {"key": key, "admin1": a1, "group": group, "weight": float(w), "cc": cc,
                       "capital": (cap, float(lo), float(la)), "districts": [], "naturals": []}
                self.govs[key] = gov
            elif tag == "+":
                name, lo, la = f[0], float(f[1]), float(f[2])
                subs = [(name, lo, la)]
                if len(f) > 3 and f[3]:
                    for s in f[3].split(";"):
                        nm, c = s.split("@")
                        x, y = c.split(",")
                        subs.append((nm, float(x), float(y)))
                gov["districts"].append((name, lo, la, subs))
            elif tag == "~":
                gov["naturals"].append((f[0], float(f[1]), float(f[2]), float(f[3])))

    def admin_of(self, gov_key, lon, lat):
        """(admin2, admin3) of a point: the district of the nearest sub-district seat of the
        governorate (every district seat is also a sub-district seat), and that sub-district."""
        g = self.govs[gov_key]
        best = min(((_approx_km(lon, lat, s[1], s[2]), d[0], s[0])
                    for d in g["districts"] for s in d[3]))
        return best[1], best[2]

    def _make(self, name, name_ar, name_dia, cc, gov_key, lon, lat, kind, weight, pop,
              jitter=8.0, sid=None):
        g = self.govs[gov_key]
        a2, a3 = self.admin_of(gov_key, lon, lat)
        if cc in ("JO", "TR"):
            a3 = ""
        inside = self._outlines.country_at(lon, lat) == cc
        dist = self._outlines.distance_km(lon, lat, cc, 60.0) if inside else 0.0
        cap = max(0.0, min(jitter, 0.8 * dist - 0.05))
        return Place(name=name, name_ar=name_ar, name_dia=name_dia, cc=cc, gov=gov_key,
                     admin1=g["admin1"], admin2=a2, admin3=a3, lon=lon, lat=lat, kind=kind,
                     weight=weight, cap_km=cap, coslat=math.cos(math.radians(lat)),
                     group=g["group"], pop=pop or 0, sid=sid)

    def _load(self):
        gn = []
        with open(GAZ / "geonames.tsv", encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                cc = r["country"]
                if cc in ("IQ", "SY"):
                    key = r["admin1"]
                elif cc in GN_ADMIN:
                    key = GN_ADMIN[cc].get(r["admin1"])
                else:
                    continue
                if key not in self.govs:
                    continue
                ar = next((a for a in r["alternatenames"].split("|") if _is_arabic(a)), None)
                gn.append((int(r["geonameid"]), r["name"], r["asciiname"], float(r["lon"]),
                           float(r["lat"]), cc, key, int(r["population"] or 0), ar))
        gn.sort()
        sites = []
        for path in sorted(glob.glob(str(GAZ / "sites" / "*.toml"))):
            with open(path, "rb") as fh:
                sites.extend(tomllib.load(fh).get("site", []))
        used_gn = set()
        for s in sites:
            if s["kind"] not in CURATED_KINDS or s["country"] not in COUNTRY:
                continue
            key = s.get("admin1")
            if key not in self.govs:
                continue
            # the GeoNames twin, for diacritics and population
            twin = None
            for g in gn:
                if g[5] == s["country"] and _approx_km(g[3], g[4], s["lon"], s["lat"]) < 3.0:
                    if twin is None or g[7] > twin[7]:
                        twin = g
            dia = None
            pop = 0
            if twin:
                used_gn.add(twin[0])
                pop = twin[7]
                if twin[1] != twin[2]:
                    dia = twin[1]
            w = (3.0 if s.get("corridor") else 1.0) * 2.0
            if s["kind"] in ("crossing", "base", "airfield", "oil-field", "gas-field"):
                w *= 1.5
            w *= 1.0 + math.log10(1 + pop) / 3.0
            p = self._make(s["name"], s.get("name_ar"), dia, s["country"], key, s["lon"],
                           s["lat"], s["kind"], w, pop, sid=s["id"])
            self.places.append(p)
            self.by_id[s["id"]] = p
        for g in gn:
            gid, name, ascii_, lon, lat, cc, key, pop, ar = g
            if gid in used_gn:
                continue
            w = 1.0 + math.log10(1 + pop) / 3.0
            p = self._make(ascii_, ar, name if name != ascii_ else None, cc, key, lon, lat,
                           "place", w, pop, sid="geonames:" + ascii_)
            self.places.append(p)
            self.by_id.setdefault("geonames:" + ascii_, p)

    def weighted(self, countries=("SY", "IQ", "JO", "TR")):
        """(places, cumulative weights) with country and governorate weights applied."""
        tot_by_gov = {}
        for p in self.places:
            tot_by_gov[p.gov] = tot_by_gov.get(p.gov, 0.0) + p.weight
        gov_tot = {}
        for k, g in self.govs.items():
            if k in tot_by_gov:
                gov_tot[g["cc"]] = gov_tot.get(g["cc"], 0.0) + g["weight"]
        out, cum, acc = [], [], 0.0
        for p in self.places:
            if p.cc not in countries:
                continue
            g = self.govs[p.gov]
            acc += (COUNTRY_WEIGHT[p.cc] * g["weight"] / gov_tot[p.cc]
                    * p.weight / tot_by_gov[p.gov])
            out.append(p)
            cum.append(acc)
        return out, cum


class _Outlines:
    """Country outlines for keeping jittered points inside their country (needs no
    geographiclib); the same ray casting as border_expected.py."""

    def __init__(self):
        fc = json.loads((GAZ / "countries.geojson").read_text(encoding="utf-8"))
        self.parts = []
        for f in fc["features"]:
            code = (f.get("properties") or {}).get("iso_a2") or ""
            g = f["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            for poly in polys:
                rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in poly]
                xs = [p[0] for p in rings[0]]
                ys = [p[1] for p in rings[0]]
                self.parts.append((code, (min(xs), min(ys), max(xs), max(ys)), rings))

    def country_at(self, lon, lat):
        for code, (x0, y0, x1, y1), rings in self.parts:
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                inside = False
                for ring in rings:
                    j = len(ring) - 1
                    for k in range(len(ring)):
                        xi, yi = ring[k]
                        xj, yj = ring[j]
                        if (yi > lat) != (yj > lat):
                            if lon < xi + (lat - yi) * (xj - xi) / (yj - yi):
                                inside = not inside
                        j = k
                if inside:
                    return code
        return None

    def distance_km(self, lon, lat, code, cap_km):
        k = math.cos(math.radians(lat))
        deg = cap_km / 111.0
        best = cap_km
        for c, (x0, y0, x1, y1), rings in self.parts:
            if c != code or lon < x0 - deg / k or lon > x1 + deg / k or lat < y0 - deg \
                    or lat > y1 + deg:
                continue
            for ring in rings:
                for (ax, ay), (bx, by) in zip(ring, ring[1:]):
                    if (min(ax, bx) > lon + deg / k or max(ax, bx) < lon - deg / k
                            or min(ay, by) > lat + deg or max(ay, by) < lat - deg):
                        continue
                    ux, uy = (ax - lon) * k, ay - lat
                    dx, dy = (bx - lon) * k - ux, by - lat - uy
                    l2 = dx * dx + dy * dy
                    t = 0.0 if l2 == 0.0 else max(0.0, min(1.0, -(ux * dx + uy * dy) / l2))
                    d = math.hypot(ux + t * dx, uy + t * dy) * 111.195
                    if d < best:
                        best = d
        return best


# ---------------------------------------------------------------------------------------------
class Days:
    """Every day of the period, precomputed."""

    def __init__(self):
        self.iso, self.text, self.note, self.epoch, self.dates = [], [], [], [], []
        d = FIRST_DAY
        while d <= LAST_DAY:
            self.dates.append(d)
            self.iso.append(d.isoformat())
            self.text.append(f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}")
            self.note.append(f"{d.day} {MONTHS[d.month - 1]} {d.year}")
            self.epoch.append(int(dt.datetime(d.year, d.month, d.day,
                                              tzinfo=dt.timezone.utc).timestamp()))
            d += dt.timedelta(days=1)
        self.n = len(self.dates)
        self.index = {x: i for i, x in enumerate(self.dates)}

    def idx(self, d: dt.date) -> int:
        return self.index[max(FIRST_DAY, min(LAST_DAY, d))]


def _fat_table(rng, profile, size=4096):
    zero, tail = FAT_PROFILES[profile]
    vals = [v for v, _ in tail]
    cum = []
    acc = 0.0
    for _, w in tail:
        acc += w
        cum.append(acc)
    out = []
    for _ in range(size):
        if rng.random() < zero:
            out.append(0)
        else:
            out.append(vals[bisect.bisect_left(cum, rng.random() * acc)])
    return out


def _cum(weights):
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def _pick(rng, cum):
    return bisect.bisect_right(cum, rng.random() * cum[-1])


class Jitter:
    @staticmethod
    def move(rng, p: Place, lo_km: float, hi_km: float):
        r = min(lo_km + (hi_km - lo_km) * rng.random(), p.cap_km)
        a = 6.283185307179586 * rng.random()
        return (p.lon + r * math.sin(a) / (111.32 * p.coslat),
                p.lat + r * math.cos(a) / 110.57)


# ---------------------------------------------------------------------------------------------
class LineCounter:
    """Counts the 1-based file line on which each row starts."""

    def __init__(self):
        self.next_line = 2  # the header is line 1

    def advance(self, *multiline_fields):
        start = self.next_line
        self.next_line += 1 + sum(f.count("\n") for f in multiline_fields)
        return start


def parse_bad(spec: str | None):
    if not spec:
        return {}
    out = {}
    for kind in spec.split(","):
        kind = kind.strip()
        if not kind:
            continue
        if kind not in BAD_ROWS:
            raise SystemExit(f"gen_exports: unknown --bad kind {kind!r}; "
                             f"kinds: {', '.join(BAD_ROWS)}")
        for row, col, val in BAD_ROWS[kind]:
            out[row] = (kind, col, val)
    return out


def apply_bad(fmt, header, row, bad, text_dates):
    """The row with its bad value, and (column name, value) for the report."""
    kind, col, val = bad
    if col == "missing":
        return row[:MISSING_KEEP], header[MISSING_KEEP], "<missing>"
    if col == "extra":
        return row + [val], f"(column {len(header) + 1}, beyond {header[-1]})", val
    name = BAD_COLUMNS[fmt][col]
    if val == "BADDATE":
        if fmt == "ucdp":
            val = "2024-02-30" + ("" if text_dates else " 00:00:00.000")
        else:
            val = "30 February 2024" if text_dates else "2024-02-30"
    row = list(row)
    row[header.index(name)] = val
    return row, name, val


def report_bad(fmt, line, rownum, kind, col, val):
    print(f"gen_exports: bad {kind} row: line {line} (row {rownum}), column {col}, "
          f"value {val!r}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
class AcledGen:
    def __init__(self, seed, layout, inter_mode, text_dates):
        self.rng = random.Random(seed)
        self.layout = layout
        self.inter_mode = inter_mode
        self.text_dates = text_dates
        self.gaz = Gazetteer()
        self.days = Days()
        self.places, self.cum = self.gaz.weighted()
        rng = self.rng
        self.fat = {k: _fat_table(rng, k) for k in FAT_PROFILES}
        self.groups = {}
        for g, fn in SCENARIOS.items():
            sc = fn()
            pairs = []
            for s in sc:
                pairs.append((_cum([w for w, _, _ in s[7]]), [(a, b) for _, a, b in s[7]]))
            self.groups[g] = (_cum([s[0] for s in sc]), sc, pairs)
        self.actor_eras = {}
        for k, (home, eras) in ACTORS.items():
            self.actor_eras[k] = (home, [(self.days.idx(dt.date.fromisoformat(d)), n, i, nn)
                                         for d, n, i, nn in eras])
        self.src = {cc: (lst, _cum([3 if s[0].startswith(("Syrian Obs", "Shafaq", "Deir"))
                                    else 1 for s in lst])) for cc, lst in SOURCES.items()}
        self.counters = {"IQ": 11000, "SY": 21000, "JO": 1500, "TR": 14000}
        self.header = ACLED_CURRENT if layout == "current" else ACLED_OLD

    # actors ----------------------------------------------------------------------------------
    def actor(self, key, cc, day):
        """(name, inter code in that country, note name)."""
        if key in GENERIC:
            pat, inter, nn = GENERIC[key]
            return pat.format(c=COUNTRY[cc][1]), inter, nn
        home, eras = self.actor_eras[key]
        e = eras[0]
        for x in eras:
            if x[0] <= day:
                e = x
        inter = e[2]
        if inter == 1 and home != cc:
            inter = 8
        return e[1], inter, e[3]

    def assoc(self, key, cc, day):
        opts = ASSOC.get(key)
        if not opts:
            return ""
        s = opts[int(self.rng.random() * len(opts))]
        if "{" in s:
            army = self.actor({"IQ": "IQ_ARMY", "SY": "SY_ARMY", "TR": "TURKEY",
                               "JO": "JO_ARMY"}[cc], cc, day)[0]
            s = s.format(c=COUNTRY[cc][1], era=army[army.rindex("(") + 1:-1])
        return s

    def inter_text(self, code, textual):
        if not textual:
            return str(code)
        return INTER_LABEL[code]

    @staticmethod
    def interaction(i1, i2, textual):
        if i2 == 0:
            return f"{INTER_LABEL[i1]} only" if textual else f"{i1}0"
        lo, hi = min(i1, i2), max(i1, i2)
        if not textual:
            return f"{lo}{hi}"
        if (lo, hi) == (7, 8):
            return "External/Other forces-Civilians"
        return f"{INTER_LABEL[lo]}-{INTER_LABEL[hi]}"

    # one row ---------------------------------------------------------------------------------
    def row(self, place, prec):
        rng = self.rng
        days = self.days
        cc = place.cc
        # date
        di = int(rng.random() * days.n)
        r = rng.random()
        if r < 0.86:
            tp = 1
        elif r < 0.95:
            tp = 2
            d = days.dates[di]
            di = days.idx(d + dt.timedelta(days=2 - d.weekday()))  # the Wednesday of its week
        else:
            tp = 3
            d = days.dates[di]
            r2 = rng.random()
            if r2 < 0.8:
                d = d.replace(day=15)
            elif r2 < 0.9:
                d = d.replace(day=1)
            else:
                d = (d.replace(day=28) + dt.timedelta(days=4))
                d = d - dt.timedelta(days=d.day)
            di = days.idx(d)
        # location and coordinates
        loc = place
        if prec == 1:
            lon, lat = place.lon, place.lat
        elif prec == 2:
            lon, lat = Jitter.move(rng, place, 1.0, 8.0)
        else:
            g = self.gaz.govs[place.gov]
            nat = g["natural_places"]
            if nat and rng.random() < 0.5:
                loc = nat[int(rng.random() * len(nat))]
                lon, lat = Jitter.move(rng, loc, 0.0, loc.cap_km)
            else:
                loc = g["capital_place"]
                lon, lat = loc.lon, loc.lat
        # scenario
        gcum, scen, pairs = self.groups[place.group]
        si = _pick(rng, gcum)
        weight, etype, stype, disorder, fprof, civ, nkind, _ = scen[si]
        pc, pl = pairs[si]
        a1k, a2k = pl[_pick(rng, pc)]
        a1, i1, n1 = self.actor(a1k, cc, di)
        if a2k:
            a2, i2, n2 = self.actor(a2k, cc, di)
            if a2 == a1 and a1k != a2k:  # HTS after December 2024 is the government
                a2k, a2, i2, n2 = "UAG", *self.actor("UAG", cc, di)
        else:
            a2, i2, n2 = "", 0, ""
        as1 = self.assoc(a1k if a1k in ASSOC else a1k.split("_")[0], cc, di)
        as2 = self.assoc(a2k, cc, di) if a2k else ""
        if self.inter_mode == "mixed":
            textual = rng.random() < 0.5
        else:
            textual = self.inter_mode == "text"
        inter1 = self.inter_text(i1, textual)
        inter2 = self.inter_text(i2, textual) if i2 else ("" if textual else "0")
        interaction = self.interaction(i1, i2, textual)
        fat = self.fat[fprof][int(rng.random() * 4096)]
        # sources
        lst, scum = self.src[cc]
        k = 1 if rng.random() < 0.6 else (2 if rng.random() < 0.75 else 3)
        chosen = []
        for _ in range(k):
            s = lst[_pick(rng, scum)]
            if s not in chosen:
                chosen.append(s)
        source = "; ".join(s[0] for s in chosen)
        scales = sorted({s[1] for s in chosen}, key=SCALE_ORDER.index)
        source_scale = "-".join(scales[:2])
        # tags
        if etype in (PR, RI):
            r = rng.random()
            tags = ("crowd size=no report" if r < 0.6 else "crowd size=dozens" if r < 0.75 else
                    "crowd size=around 100" if r < 0.85 else "crowd size=hundreds" if r < 0.95
                    else "crowd size=no report; women targeted: girls")
        elif etype == VC and rng.random() < 0.08:
            tags = "local administrators"
        else:
            tags = ""
        # notes; a demonstration's note ends with its crowd size, as the tag says
        size = tags[11:].split(";")[0] if tags.startswith("crowd size=") else None
        notes = self.note(nkind, n1, n2, loc, prec, di, fat, rng, size)
        # ids and timestamp
        self.counters[cc] += 1
        num = self.counters[cc]
        ts = days.epoch[di] + 86400 * (2 + int(rng.random() * 40)) + int(rng.random() * 86400)
        if rng.random() < 0.1:
            ts += 86400 * int(rng.random() * 400)
        if ts > TS_CAP:
            ts = max(days.epoch[di] + 3600, TS_CAP - int(rng.random() * 86400 * 20))
        iso, cname, iso3, region = COUNTRY[cc][:4]
        date = days.text[di] if self.text_dates else days.iso[di]
        year = str(days.dates[di].year)
        lat_s, lon_s = f"{lat:.4f}", f"{lon:.4f}"
        eid = f"{iso3}{num}"
        if self.layout == "current":
            row = [eid, date, year, str(tp), disorder, etype, stype, a1, as1, inter1, a2, as2,
                   inter2, interaction, "Civilians targeted" if civ else "", iso, region, cname,
                   loc.admin1, loc.admin2, loc.admin3, loc.name, lat_s, lon_s, str(prec),
                   source, source_scale, notes, str(fat), tags, str(ts)]
        else:
            row = [None, iso, eid, str(num), date, year, str(tp), etype, stype, a1, as1, inter1,
                   a2, as2, inter2, interaction, region, cname, loc.admin1, loc.admin2,
                   loc.admin3, loc.name, lat_s, lon_s, str(prec), source, source_scale, notes,
                   str(fat), str(ts), iso3]
        return row, eid, lon_s, lat_s, notes

    def note(self, kind, n1, n2, loc, prec, di, fat, rng, size=None):
        tpls = NOTE_TEMPLATES[kind]
        t = tpls[int(rng.random() * len(tpls))]
        name = loc.name
        r = rng.random()
        if loc.name_ar and r < 0.15:
            name = f"{loc.name} ({loc.name_ar})"
        elif loc.name_dia and r < 0.27:
            name = loc.name_dia
        if prec == 1:
            at = f"in {name}"
        elif prec == 2:
            at = f"near {name}"
        else:
            at = f"in the {name} area" if loc.kind == "natural" else f"around {name}"
        adm = f"({loc.admin2}, {loc.admin1})"
        n = 2 + int(rng.random() * 6)
        s = t.format(d=self.days.note[di], a1=n1 or "unidentified actors",
                     a2=n2 or "unidentified actors", at=at, loc=name, adm=adm, n=n,
                     what=TARGETS[int(rng.random() * len(TARGETS))],
                     grv=GRIEVANCES[int(rng.random() * len(GRIEVANCES))])
        if fat:
            s += f" {fat} fatalit{'y' if fat == 1 else 'ies'}."
        if size:
            s += f" [size={size}]"
        r = rng.random()
        if r < 0.10:
            s += EXTRA_QUOTE[int(rng.random() * len(EXTRA_QUOTE))]
        elif r < 0.18:
            s += EXTRA_SEMI[int(rng.random() * len(EXTRA_SEMI))].format(m=fat + n, n=n)
        elif r < 0.22:
            s += EXTRA_AYN[int(rng.random() * len(EXTRA_AYN))]
        r = rng.random()
        if r < 0.04:
            s += EXTRA_LONG
        elif r < 0.07:
            s += EXTRA_NEWLINE[int(rng.random() * len(EXTRA_NEWLINE))]
        return s

    def generate(self, n, out, bad, known_out):
        """Write the CSV to `out`; return [(id, lon, lat)] of the known rows."""
        rng = self.rng
        w = csv.writer(out, lineterminator="\n")
        w.writerow(self.header)
        known = [self.gaz.by_id[k] for k in KNOWN_SITES]
        lines = LineCounter()
        places, cum = self.places, self.cum
        total = cum[-1]
        batch = []
        old = self.layout == "old"
        for i in range(1, n + 1):
            if i <= len(known):
                p, prec = known[i - 1], 1
            else:
                p = places[bisect.bisect_right(cum, rng.random() * total)]
                r = rng.random()
                prec = 1 if r < 0.62 else (2 if r < 0.9 else 3)
            row, eid, lon_s, lat_s, notes = self.row(p, prec)
            if old:
                row[0] = str(9_000_000 + i)
            if i <= len(known) or i % 1000 == 0:
                known_out.append((eid, lon_s, lat_s))
            if i in bad:
                row, col, val = apply_bad("acled", self.header, row, bad[i], self.text_dates)
                start = lines.advance(*row)  # the row as written: a cut row loses its notes
                report_bad("acled", start, i, bad[i][0], col, val)
            else:
                lines.advance(notes)
            batch.append(row)
            if len(batch) >= 5000:
                w.writerows(batch)
                batch = []
        w.writerows(batch)
        for r in sorted(bad):
            if r > n:
                print(f"gen_exports: bad {bad[r][0]} row {r} skipped: only {n} rows",
                      file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# UCDP: (conflict_id, conflict_name, dyad_id, dyad_name, side_a_id, side_a, side_b_id, side_b,
#        gwnoa) per type of violence and country.
UCDP_DYADS = {
    ("IQ", 1): [(6, 259, "Iraq: Government", 524, "Government of Iraq - IS", 116,
                 "Government of Iraq", 234, "IS", "645")],
    ("SY", 1): [(4, 299, "Syria: Government", 13316, "Government of Syria - IS", 120,
                 "Government of Syria", 234, "IS", "652"),
                (3, 299, "Syria: Government", 769, "Government of Syria - Syrian insurgents",
                 120, "Government of Syria", 1016, "Syrian insurgents", "652")],
    ("TR", 1): [(1, 323, "Turkey: Kurdistan", 733, "Government of Turkey - PKK", 133,
                 "Government of Turkey", 322, "PKK", "640")],
    ("IQK", 1): [(1, 323, "Turkey: Kurdistan", 733, "Government of Turkey - PKK", 133,
                  "Government of Turkey", 322, "PKK", "640")],
    ("SY", 2): [(3, 13641, "IS - SDF", 14936, "IS - SDF", 234, "IS", 5796, "SDF", ""),
                (2, 13643, "SDF - Syrian insurgents", 14938, "SDF - Syrian insurgents", 5796,
                 "SDF", 1016, "Syrian insurgents", ""),
                (1, 13645, "HTS - Syrian insurgents", 14940, "HTS - Syrian insurgents", 4726,
                 "HTS", 1016, "Syrian insurgents", "")],
    ("IQ", 2): [(1, 13650, "IS - PMF", 14950, "IS - PMF", 234, "IS", 5801, "PMF", "")],
    ("SY", 3): [(3, 1154, "IS - Civilians", 1154, "IS - Civilians", 234, "IS", 1,
                 "Civilians", ""),
                (1, 1158, "Government of Syria - Civilians", 1158,
                 "Government of Syria - Civilians", 120, "Government of Syria", 1,
                 "Civilians", "652")],
    ("JO", 1): [(1, 13660, "Jordan: IS", 14960, "Government of Jordan - IS", 145,
                 "Government of Jordan", 234, "IS", "663")],
    ("IQ", 3): [(1, 1154, "IS - Civilians", 1154, "IS - Civilians", 234, "IS", 1,
                 "Civilians", "")],
}
UCDP_TYPE_W = {"SY": [45, 30, 25], "IQ": [70, 5, 25], "JO": [100, 0, 0], "TR": [100, 0, 0]}
UCDP_OFFICES = ["Agence France Presse", "Reuters News", "BBC Monitoring Middle East",
                "Associated Press Newswires", "Xinhua News Agency", "Syrian Observatory for "
                "Human Rights", "Rudaw", "Shafaq News", "Deir Ezzor 24", "Kurdistan 24",
                "The New Arab", "Airwars"]
UCDP_HEADLINES = ["Clashes kill {n} near {loc}", "IS attack on {loc} outskirts leaves {n} dead",
                  "Drone strike hits vehicle near {loc}, {n} killed",
                  "{n} killed as bombing targets checkpoint in {loc}",
                  "{cn}: \"heavy fighting\" reported around {loc}",
                  "{cn} says {n} militants killed in operation, west of {loc}",
                  "Bodies found near {loc}; toll rises to {n}"]
UCDP_ORIGINAL = ["SOHR", "local sources", "Iraqi security source", "Security Media Cell",
                 "SDF", "SANA", "IS, Amaq", "interior ministry, security source",
                 "Kurdish officials", "residents", "medical source, police"]


class UcdpGen:
    def __init__(self, seed, plain_dates):
        self.rng = random.Random(seed)
        self.plain = plain_dates
        self.gaz = Gazetteer()
        self.days = Days()
        self.places, self.cum = self.gaz.weighted(("SY", "IQ", "TR"))
        self.fat = {k: _fat_table(self.rng, k) for k in ("battle", "strike", "vac")}
        self.type_cum = {cc: _cum(w) for cc, w in UCDP_TYPE_W.items()}
        self.seq = {}
        self.next_id = 380000
        # country-level points for where_prec 6 and 7
        geo = {}
        for path in sorted(glob.glob(str(GAZ / "sites" / "*.toml"))):
            with open(path, "rb") as fh:
                for s in tomllib.load(fh).get("site", []):
                    geo[s["id"]] = s
        self.country_pt = {"IQ": (geo["iraq"]["lon"], geo["iraq"]["lat"]),
                           "SY": (geo["syria"]["lon"], geo["syria"]["lat"]),
                           "JO": (geo["jordan"]["lon"], geo["jordan"]["lat"]),
                           "TR": (40.0, 37.5)}
        self.water = {"SY": [("Euphrates river", geo["euphrates"]["lon"],
                              geo["euphrates"]["lat"]),
                             ("Khabur river", geo["khabur"]["lon"], geo["khabur"]["lat"])],
                      "IQ": [("Tigris river", geo["tigris"]["lon"], geo["tigris"]["lat"]),
                             ("Euphrates river", 41.95, 34.40)],
                      "JO": [("Jordanian airspace", 37.0, 32.2)],
                      "TR": [("Tigris river", 42.20, 37.32)]}
        self.province_pt = {}
        for s in geo.values():
            if s["kind"] == "province" and s.get("admin1"):
                self.province_pt[s["admin1"]] = (s["lon"], s["lat"])

    def dates(self, rng):
        days = self.days
        di = int(rng.random() * days.n)
        d0 = days.dates[di]
        r = rng.random()
        if r < 0.75:
            prec, a, b = 1, d0, d0
        elif r < 0.85:
            prec, a = 2, d0
            b = d0 + dt.timedelta(days=1 + int(rng.random() * 5))
        elif r < 0.93:
            prec = 3
            a = d0 - dt.timedelta(days=d0.weekday())
            b = a + dt.timedelta(days=6)
        elif r < 0.98:
            prec = 4
            a = d0.replace(day=1)
            b = (a.replace(day=28) + dt.timedelta(days=4))
            b = b - dt.timedelta(days=b.day)
        else:
            prec = 5
            a, b = d0.replace(month=1, day=1), d0.replace(month=12, day=31)
        return prec, a, b

    def row(self, place, wprec):
        rng = self.rng
        cc = place.cc
        g = self.gaz.govs[place.gov]
        # type and dyad
        tov = 1 + _pick(rng, self.type_cum[cc])
        key = ("IQK", 1) if (cc == "IQ" and place.group == "IQ-K" and tov == 1) else (cc, tov)
        if key not in UCDP_DYADS:
            key, tov = (cc, 1), 1
        dy = UCDP_DYADS[key]
        choice = dy[_pick(rng, _cum([x[0] for x in dy]))]
        _, cid, cname, did, dname, aid, aname, bid, bname, gwa = choice
        # place and precision
        adm1 = f"{place.gov} governorate" if cc in ("IQ", "SY") else f"{place.gov} province"
        adm2 = f"{place.admin2} district"
        nm = place.name
        if wprec == 1:
            lon, lat = place.lon, place.lat
            wc = (f"{nm} city" if place.kind == "city" or place.pop > 100000 else
                  f"{nm} {place.kind}" if place.kind in ("town", "village") else
                  f"{nm} town" if place.kind == "place" else nm)
            wd = nm if rng.random() < 0.6 else f"{nm} ({place.name_ar or nm})"
        elif wprec == 2:
            lon, lat = Jitter.move(rng, place, 1.0, 6.0)
            wc = f"{nm} town"
            wd = ["near ", "outskirts of ", "east of ", "the desert west of "][
                int(rng.random() * 4)] + (place.name_dia or nm)
        elif wprec == 3:
            dist = next(d for d in g["districts"] if d[0] == place.admin2)
            lon, lat = dist[1], dist[2]
            wc = adm2
            wd = f"{place.admin2} district, {adm1}"
        elif wprec == 4:
            lon, lat = self.province_pt.get(place.gov, g["capital"][1:])
            wc = adm1
            wd = f"{adm1}; exact location unknown"
            adm2 = ""
        elif wprec == 5:
            nat = g["natural_places"] or [g["capital_place"]]
            n = nat[int(rng.random() * len(nat))]
            lon, lat = Jitter.move(rng, n, 0.0, n.cap_km)
            wc = n.name
            wd = f"between {nm} and {g['capital'][0]}" if rng.random() < 0.5 else n.name
            adm2 = ""
        elif wprec == 6:
            lon, lat = self.country_pt[cc]
            wc = COUNTRY[cc][1]
            wd = f"{COUNTRY[cc][1]}, unspecified location"
            adm1 = adm2 = ""
        else:
            wname, lon, lat = self.water[cc][int(rng.random() * len(self.water[cc]))]
            wc = wname
            wd = wname + (" (airspace)" if "airspace" not in wname else "")
            adm1 = adm2 = ""
        lat_s, lon_s = f"{lat:.6f}", f"{lon:.6f}"
        gid = (int((lat + 90.0) / 0.5)) * 720 + int((lon + 180.0) / 0.5) + 1
        # dates
        dprec, a, b = self.dates(rng)
        fmt = (lambda d: d.isoformat()) if self.plain else \
            (lambda d: d.isoformat() + " 00:00:00.000")
        year = a.year
        # deaths
        prof = "vac" if tov == 3 else ("battle" if rng.random() < 0.6 else "strike")
        best = self.fat[prof][int(rng.random() * 4096)]
        if best == 0 and rng.random() < 0.9:
            best = 1 + int(rng.random() * 3)
        if tov == 3:
            unk = int(best * 0.2 * rng.random())
            da, db, dc, du = 0, 0, best - unk, unk
        else:
            da = int(best * rng.random() * 0.5)
            db = int((best - da) * rng.random())
            dc = int((best - da - db) * rng.random() * 0.3)
            du = best - da - db - dc
        low = best - int(best * 0.3 * rng.random())
        high = best + int(best * 0.6 * rng.random()) + (1 if rng.random() < 0.2 else 0)
        if best == 0:
            high = max(high, 1)
        # sources
        nsrc = 1 + int(rng.random() * 3)
        offices, sdates, heads, arts = [], [], [], []
        for _ in range(nsrc):
            off = UCDP_OFFICES[int(rng.random() * len(UCDP_OFFICES))]
            sd = b + dt.timedelta(days=int(rng.random() * 3))
            hd = UCDP_HEADLINES[int(rng.random() * len(UCDP_HEADLINES))].format(
                n=max(best, 1), loc=place.name_dia or nm, cn=COUNTRY[cc][1])
            offices.append(off)
            sdates.append(sd.isoformat())
            heads.append(hd)
            arts.append(f'"{off},{sd.isoformat()},{hd}"')
        article = ";".join(arts)
        if rng.random() < 0.03:
            article += "\n" + '"Agence France Presse,' + sdates[0] + ',Update: toll revised"'
        original = UCDP_ORIGINAL[int(rng.random() * len(UCDP_ORIGINAL))]
        number_of_sources = str(nsrc) if rng.random() > 0.02 else "-1"
        # ids
        self.next_id += 1 + int(rng.random() * 3)
        k2 = (did, year)
        self.seq[k2] = self.seq.get(k2, 0) + 1
        relid = f"{COUNTRY[cc][2]}-{year}-{tov}-{did}-{self.seq[k2]}"
        row = [str(self.next_id), relid, str(year), "1" if rng.random() > 0.04 else "0",
               "Clear", str(tov), str(cid), str(cid), cname, str(did), str(did), dname,
               str(aid), str(aid), aname, str(bid), str(bid), bname, number_of_sources,
               article, ";".join(offices), ";".join(sdates), ";".join(heads), original,
               str(wprec), wc, wd, adm1, adm2, lat_s, lon_s, f"POINT ({lon_s} {lat_s})",
               str(gid), COUNTRY[cc][1], COUNTRY[cc][4], COUNTRY[cc][5],
               "1" if rng.random() < 0.92 else "2", str(dprec), fmt(a), fmt(b), str(da),
               str(db), str(dc), str(du), str(best), str(high), str(low), gwa, ""]
        return row, str(self.next_id), lon_s, lat_s, article, heads

    def generate(self, n, out, bad, known_out):
        rng = self.rng
        w = csv.writer(out, lineterminator="\n")
        w.writerow(UCDP_COLUMNS)
        known = [self.gaz.by_id[k] for k in KNOWN_SITES]
        lines = LineCounter()
        total = self.cum[-1]
        pcum = _cum([55, 20, 10, 8, 4, 2, 1])
        batch = []
        for i in range(1, n + 1):
            if i <= len(known):
                p, wp = known[i - 1], 1
            else:
                p = self.places[bisect.bisect_right(self.cum, rng.random() * total)]
                wp = 1 + _pick(rng, pcum)
            row, rid, lon_s, lat_s, article, heads = self.row(p, wp)
            if i <= len(known) or i % 1000 == 0:
                known_out.append((rid, lon_s, lat_s))
            if i in bad:
                row, col, val = apply_bad("ucdp", UCDP_COLUMNS, row, bad[i], self.plain)
                start = lines.advance(*row)
                report_bad("ucdp", start, i, bad[i][0], col, val)
            else:
                lines.advance(article)
            batch.append(row)
            if len(batch) >= 5000:
                w.writerows(batch)
                batch = []
        w.writerows(batch)
        for r in sorted(bad):
            if r > n:
                print(f"gen_exports: bad {bad[r][0]} row {r} skipped: only {n} rows",
                      file=sys.stderr)


# ---------------------------------------------------------------------------------------------
def write_expected(path, known):
    sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from border_expected import BorderModel  # needs geographiclib
    m = BorderModel()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "lon", "lat", "border_km", "side", "chainage_km"])
        for rid, lon_s, lat_s in known:
            e = m.expected(float(lon_s), float(lat_s))
            w.writerow([rid, lon_s, lat_s, f"{e['border_km']:.5f}", e["side"],
                        f"{e['chainage_km']:.5f}"])


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Synthetic ACLED / UCDP GED CSV exports (see the module docstring).")
    sub = ap.add_subparsers(dest="kind", required=True)
    for k in ("acled", "ucdp"):
        p = sub.add_parser(k)
        p.add_argument("--rows", type=int, required=True)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("-o", "--output", required=True, help="CSV file, or - for stdout")
        p.add_argument("--expected", help="also write id,lon,lat,border_km,side,chainage_km")
        p.add_argument("--bad", help="comma-separated kinds: " + ", ".join(BAD_ROWS))
        if k == "acled":
            p.add_argument("--layout", choices=("current", "old"), default="current")
            p.add_argument("--inter", choices=("number", "text", "mixed"))
            p.add_argument("--dates", choices=("iso", "text"))
        else:
            p.add_argument("--plain-dates", action="store_true",
                           help="date_start/date_end as YYYY-MM-DD, without 00:00:00.000")
    a = ap.parse_args(argv)
    if a.rows < 0:
        ap.error("--rows must be >= 0")
    bad = parse_bad(a.bad)
    known = []
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8", newline="")
    try:
        if a.kind == "acled":
            inter = a.inter or ("text" if a.layout == "current" else "number")
            dates = a.dates or ("iso" if a.layout == "current" else "text")
            AcledGen(a.seed, a.layout, inter, dates == "text").generate(a.rows, out, bad, known)
        else:
            UcdpGen(a.seed, a.plain_dates).generate(a.rows, out, bad, known)
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    if a.expected:
        write_expected(a.expected, known)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""grep the bordermap GeoNames tier (read-only) for SY/IQ/JO places whose name or alternate names contain a pattern"""
import sys, csv, re, unicodedata
def norm(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9\u0600-\u06ff]", "", s.lower())
pats = [norm(p) for p in sys.argv[1:]]
with open('/work/main/gazetteer/geonames.tsv', encoding='utf-8') as f:
    r = csv.reader(f, delimiter='\t')
    next(r)
    for row in r:
        gid, name, ascii_, lat, lon, cc, a1, pop, alts = row
        if cc not in ('SY', 'IQ', 'JO'): continue
        names = [name, ascii_] + alts.split('|')
        for p in pats:
            if any(p in norm(n) for n in names):
                print(f"gn-{gid}\t{name}\t{cc}\t{a1}\t{lat}\t{lon}\tpop={pop}\t{alts[:150]}")
                break

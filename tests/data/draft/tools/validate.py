#!/usr/bin/env python3
"""Validate gold files and print byte spans / totals.
usage: validate.py DIR [--spans]
Checks: every text/occurrence exists in the body (text after the first '\n---\n'); place and
non-place spans do not overlap; site ids exist (curated or GeoNames tier); actor ids exist;
event locations are site ids or texts of the article; dates are ISO or null.
With --spans prints, for every place, its UTF-8 byte span [start, end) in the body."""
import sys, os, json, glob, re, csv
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldlib import SITES, GEONAMES, ACTORS
d = sys.argv[1]; spans = '--spans' in sys.argv
tot = dict(files=0, places=0, non_places=0, actors=0, dates=0, events=0, located=0)
bad = 0
def find(body, text, occ):
    i = -1
    for _ in range(occ):
        i = body.find(text, i + 1)
        if i < 0: return -1
    return i
for gp in sorted(glob.glob(os.path.join(d, '*.gold.json'))):
    g = json.load(open(gp, encoding='utf-8'))
    raw = open(os.path.join(d, g['file']), encoding='utf-8').read()
    head, sep, body = raw.partition('\n---\n')
    errs = []
    front = dict(l.split(': ', 1) for l in head.split('\n') if ': ' in l)
    if (front.get('published') or None) != g['published']: errs.append('published mismatch')
    occupied = []
    for layer in ('places', 'non_places', 'actors', 'dates'):
        for e in g[layer]:
            s = find(body, e['text'], e['occurrence'])
            if s < 0: errs.append(f'{layer}: {e["text"]!r} occ {e["occurrence"]} not found'); continue
            if layer in ('places', 'non_places'):
                for a, b in occupied:
                    if not (s + len(e['text']) <= a or s >= b): errs.append(f'overlap {e["text"]!r}')
                occupied.append((s, s + len(e['text'])))
            if layer == 'places':
                site = e['site']
                if site is not None and site not in SITES and site not in GEONAMES: errs.append('bad site ' + site)
                if spans:
                    bs = len(body[:s].encode('utf-8')); be = bs + len(e['text'].encode('utf-8'))
                    print(f'{g["file"]}\t{bs}\t{be}\t{e["text"]}\t{site}')
            if layer == 'actors' and e['actor'] is not None and e['actor'] not in ACTORS: errs.append('bad actor ' + e['actor'])
            if layer == 'dates':
                for k in ('date_start', 'date_end'):
                    v = e[k]
                    if v is not None and not re.fullmatch(r'\d{4}-\d\d-\d\d', v): errs.append('bad date ' + str(v))
    texts = {p['text'] for p in g['places']}
    for ev in g['events']:
        if not body.replace('\n', ' ').find(ev['sentence']) >= 0 and ' '.join(body.split()).find(ev['sentence']) < 0:
            errs.append('event sentence not verbatim: ' + ev['sentence'])
        locs = [ev['at'], ev['from'], ev['to'], *ev['via']]
        for l in locs:
            if l and l not in SITES and l not in GEONAMES and l not in texts: errs.append(f'event place {l!r} unknown')
        if any(locs): tot['located'] += 1
        for a in ev['actors']:
            if a not in ACTORS and a not in body: errs.append(f'event actor {a!r}')
        if ev['status'] not in ('reported', 'planned', 'considered', 'denied'): errs.append('bad status')
        if ev['kind'] not in ('deployment', 'withdrawal', 'crossing', 'transit', 'presence', 'strike', 'clash', 'control-change',
                              'meeting', 'statement', 'arrest', 'raid', 'protest', 'closure', 'reopening'): errs.append('bad kind ' + ev['kind'])
    tot['files'] += 1
    for k in ('places', 'non_places', 'actors', 'dates', 'events'): tot[k] += len(g[k])
    if errs:
        bad += 1
        print('ERR', g['file']); [print('   ', x) for x in errs]
print(json.dumps(tot))
sys.exit(1 if bad else 0)

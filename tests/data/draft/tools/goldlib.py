#!/usr/bin/env python3
"""Small helper to write gold annotations for bordermap draft evaluation.

Conventions (see /work/eval/README.md):
  * body = the file text after the front-matter line '---\n'.
  * "occurrence" of a text = 1-based index among ALL occurrences of that exact substring in
    the body, found by successive str.find(text, previous_start + 1) (so matches inside longer
    words count too).
  * place/actor rules match whole words only (the characters before and after the match are not
    letters or digits), longest surface first, and never overlap a span already claimed in the
    same layer (places and non-places share one layer; actors have their own).
"""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = {}
with open(os.path.join(HERE, 'sites.csv'), encoding='utf-8') as f:
    for row in csv.DictReader(f):
        SITES[row['id']] = row
GEONAMES = {}
with open('/work/main/gazetteer/geonames.tsv', encoding='utf-8') as f:
    r = csv.reader(f, delimiter='\t'); next(r)
    for row in r:
        GEONAMES['gn-' + row[0]] = {'name': row[1], 'lat': float(row[3]), 'lon': float(row[4]), 'country': row[5]}
ACTORS = set(re.findall(r'^id = "([^"]+)"', open('/work/main/gazetteer/actors.toml', encoding='utf-8').read(), re.M))

def isword(c):
    return c.isalnum()

class Article:
    def __init__(self, path, synthetic=False):
        self.path = path
        raw = open(path, encoding='utf-8').read()
        head, sep, body = raw.partition('\n---\n')
        assert sep, path
        self.front = dict(l.split(': ', 1) for l in head.split('\n') if ': ' in l)
        self.body = body
        self.places_claim = []   # (start, end)
        self.actors_claim = []
        self.places = []         # dicts with _s
        self.nonplaces = []
        self.actors = []
        self.dates = []
        self.events = []
        self.warnings = []
        self._place_rules = []
        self._actor_rules = []

    # ---------- helpers
    def occ_of(self, text, start):
        n, i = 0, -1
        while True:
            i = self.body.find(text, i + 1)
            if i < 0: raise ValueError(text)
            n += 1
            if i == start: return n

    def starts(self, text):
        out, i = [], -1
        while True:
            i = self.body.find(text, i + 1)
            if i < 0: return out
            out.append(i)

    def whole(self, s, text):
        e = s + len(text)
        b = self.body
        return (s == 0 or not isword(b[s - 1])) and (e == len(b) or not isword(b[e]))

    def free(self, claims, s, e):
        return all(e <= a or s >= b for a, b in claims)

    def _pick(self, text, claims, occ, whole=True, ctx=None):
        if ctx is not None:
            assert text in ctx, (text, ctx)
            occ = [self.occ_of(text, c + ctx.find(text)) for c in self.starts(ctx)]
            if not occ: self.warnings.append(f'context {ctx!r} not found')
        res = []
        for k, s in enumerate(self.starts(text), 1):
            if occ is not None and k not in occ: continue
            if occ is None and whole and not self.whole(s, text): continue
            if not self.free(claims, s, s + len(text)):
                if occ is not None: self.warnings.append(f'occ {k} of {text!r} overlaps a claim')
                continue
            res.append((k, s))
        if not res: self.warnings.append(f'no free match for {text!r} occ={occ}')
        return res

    # ---------- layers
    def nonplace(self, word, why, container=None, occ=None):
        """mark WORD (inside each occurrence of CONTAINER, or the given occurrences of WORD) as not a place"""
        if container:
            for s in self.starts(container):
                ci = container.find(word)
                ws = s + ci
                if not self.free(self.places_claim, ws, ws + len(word)): continue
                self.places_claim.append((ws, ws + len(word)))
                self.nonplaces.append({'text': word, 'occurrence': self.occ_of(word, ws), 'why': why, '_s': ws})
        else:
            for k, s in self._pick(word, self.places_claim, occ):
                self.places_claim.append((s, s + len(word)))
                self.nonplaces.append({'text': word, 'occurrence': k, 'why': why, '_s': s})

    def place(self, *args, **kw):
        self._place_rules.append((args, kw))

    def _place(self, text, site, occ=None, note='', kind=None, lon=None, lat=None, name=None, ctx=None):
        for k, s in self._pick(text, self.places_claim, occ, ctx=ctx):
            self.places_claim.append((s, s + len(text)))
            d = {'text': text, 'occurrence': k, 'site': site}
            if site and site in SITES:
                r = SITES[site]
                d.update(name=r['name'], lon=float(r['lon']), lat=float(r['lat']), kind=kind or r['kind'])
            elif site and site.startswith('gn-'):
                g = GEONAMES[site]
                d.update(name=name or g['name'], lon=g['lon'], lat=g['lat'], kind=kind or 'town')
            elif site:
                raise ValueError('unknown site ' + site)
            else:
                d['name'] = name or text
                if lon is not None: d.update(lon=lon, lat=lat)
                d['kind'] = kind or 'town'
            d['note'] = note
            d['_s'] = s
            self.places.append(d)

    def actor(self, *args, **kw):
        self._actor_rules.append((args, kw))

    def _actor(self, text, actor, occ=None, note=None, ctx=None):
        if actor is not None and actor not in ACTORS:
            raise ValueError('unknown actor ' + actor)
        for k, s in self._pick(text, self.actors_claim, occ, ctx=ctx):
            self.actors_claim.append((s, s + len(text)))
            d = {'text': text, 'occurrence': k, 'actor': actor}
            if note: d['note'] = note
            d['_s'] = s
            self.actors.append(d)

    def date(self, text, start, end=None, precision='day', occ=None, note=None, ctx=None):
        if not hasattr(self, 'dates_claim'): self.dates_claim = []
        for k, s in self._pick(text, self.dates_claim, occ, whole=True, ctx=ctx):
            self.dates_claim.append((s, s + len(text)))
            d = {'text': text, 'occurrence': k, 'date_start': start, 'date_end': end or start, 'precision': precision}
            if note: d['note'] = note
            d['_s'] = s
            self.dates.append(d)

    def event(self, sentence_prefix, kind, status='reported', actors=(), at=None, frm=None, via=(), to=None,
              date_start=None, date_end=None, note=None, occ=1):
        st = self.starts(sentence_prefix)
        if len(st) < occ: raise ValueError('sentence not found: ' + sentence_prefix)
        s = st[occ - 1]
        words = self.body[s:].split()
        sent = ' '.join(words[:10])
        # do not run past the end of the sentence's paragraph
        para_end = self.body.find('\n', s)
        if para_end < 0: para_end = len(self.body)
        seg = self.body[s:para_end].split()
        sent = ' '.join(seg[:10])
        for a in actors:
            if a in ACTORS: continue
            if a not in self.body: self.warnings.append(f'event actor {a!r} neither an id nor in text')
        e = {'sentence': sent, 'kind': kind, 'status': status, 'actors': list(actors), 'at': at,
             'from': frm, 'via': list(via), 'to': to, 'date_start': date_start, 'date_end': date_end or date_start}
        for loc in [at, frm, to, *via]:
            if loc and loc not in SITES and not loc.startswith('gn-') and loc not in self.body:
                self.warnings.append(f'event place {loc!r} is neither a site id nor text')
        if note: e['note'] = note
        self.events.append(e)

    # ---------- output
    def resolve(self):
        # explicit-occurrence rules first, then longest surface first
        key = lambda r: (r[1].get('occ') is None and r[1].get('ctx') is None, -len(r[0][0]))
        for args, kw in sorted(self._place_rules, key=key): self._place(*args, **kw)
        for args, kw in sorted(self._actor_rules, key=key): self._actor(*args, **kw)
        self._place_rules, self._actor_rules = [], []

    def write(self, out=None, review=True):
        self.resolve()
        pub = self.front.get('published')
        gold = {
            'file': os.path.basename(self.path),
            'published': pub if pub else None,
            'places': [strip(d) for d in sorted(self.places, key=lambda d: d['_s'])],
            'non_places': [strip(d) for d in sorted(self.nonplaces, key=lambda d: d['_s'])],
            'actors': [strip(d) for d in sorted(self.actors, key=lambda d: d['_s'])],
            'dates': [strip(d) for d in sorted(self.dates, key=lambda d: d['_s'])],
            'events': self.events,
        }
        out = out or self.path[:-4] + '.gold.json'
        json.dump(gold, open(out, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
        if review:
            print(f'== {gold["file"]}: {len(gold["places"])} places, {len(gold["non_places"])} non-places, '
                  f'{len(gold["actors"])} actors, {len(gold["dates"])} dates, {len(gold["events"])} events')
            for w in self.warnings: print('  WARN', w)
        return gold

    def uncovered(self, words):
        """print capitalised tokens not covered by any place/non-place/actor claim (review aid)"""
        self.resolve()
        claims = self.places_claim + self.actors_claim
        for m in re.finditer(r"\b[A-Z][\w'’-]+", self.body):
            s, e = m.span()
            if any(not (e <= a or s >= b) for a, b in claims): continue
            if m.group() in words: continue
            yield m.group()

def strip(d):
    return {k: v for k, v in d.items() if not k.startswith('_')}

def show(gold_path):
    """print the body with place marks [text|site], non-places <text|X>, actors {text|id}"""
    g = json.load(open(gold_path, encoding='utf-8'))
    txt = open(os.path.join(os.path.dirname(gold_path), g['file']), encoding='utf-8').read().partition('\n---\n')[2]
    def start(text, occ):
        i = -1
        for _ in range(occ):
            i = txt.find(text, i + 1)
        return i
    marks = []
    for p in g['places']: marks.append((start(p['text'], p['occurrence']), len(p['text']), '[', '|' + str(p['site']) + ']'))
    for p in g['non_places']: marks.append((start(p['text'], p['occurrence']), len(p['text']), '<', '|X>'))
    for p in g['actors']: marks.append((start(p['text'], p['occurrence']), len(p['text']), '{', '|' + str(p['actor']) + '}'))
    ins = []
    for s, l, o, c in marks:
        ins.append((s, 0, o)); ins.append((s + l, 1, c))
    out = txt
    for pos, _, t in sorted(ins, key=lambda x: (x[0], -x[1]), reverse=True):
        out = out[:pos] + t + out[pos:]
    print(out)

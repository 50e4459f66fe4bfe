#!/usr/bin/env python3
"""Write /work/eval/real/NN_slug.txt from raw records: front matter + the search excerpt verbatim.
Each raw record is a JSON file in /work/eval/raw/ with keys: nn, slug, url, title, publisher,
published (YYYY-MM-DD or null), published_note (optional), excerpt (the excerpt string as the
search tool returned it)."""
import json, glob, os, sys
for p in sorted(glob.glob('/work/eval/raw/*.json')):
    r = json.load(open(p, encoding='utf-8'))
    lines = [f"url: {r['url']}", f"title: {r['title']}", f"publisher: {r['publisher']}"]
    if r.get('published'):
        lines.append(f"published: {r['published']}")
    if r.get('published_note'):
        lines.append(f"published_note: {r['published_note']}")
    lines.append('---')
    out = '\n'.join(lines) + '\n' + r['excerpt']
    fn = f"/work/eval/real/{r['nn']:02d}_{r['slug']}.txt"
    open(fn, 'w', encoding='utf-8').write(out)
    print(fn, len(r['excerpt']))

#!/usr/bin/env python3
"""usage: addraw.py NN slug  < file-with-python-literal-dict
Reads a python dict literal from stdin where 'excerpt_json' is the JSON string literal (with quotes)
exactly as the search tool printed it; decodes it with json.loads and stores the raw record."""
import sys, json, ast
src = sys.stdin.read()
d = ast.literal_eval(src)
d['excerpt'] = json.loads(d.pop('excerpt_json'))
d['nn'] = int(d['nn'])
json.dump(d, open(f"/work/eval/raw/{d['nn']:02d}_{d['slug']}.json", 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print('ok', d['nn'], d['slug'], len(d['excerpt']))

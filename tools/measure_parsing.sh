#!/usr/bin/env bash
# Parse time against file size, side by side in one run: one report of 10,000 events against
# the same events in 100 files (the ratio should stay near 1: spans become lines in
# logarithmic time), a 50 MB report, and a route of 100,000 via sites.
# Usage: tools/measure_parsing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
B=$PWD/target/release/bordermap
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
python3 - "$w" <<'PY'
import os, sys
w = sys.argv[1]
head = '[source]\nid = "r%d"\npublisher = "T"\ntitle = "T"\npublished = "2024-12-05"\nreliability = "B"\n'
ev = ('\n[[event]]\nid = "e%d"\nkind = "presence"\ndate = "2024-12-0%d"\nactors = ["iraqi-army"]\n'
      'at = "albukamal"\nplace = "Albukamal, by the border"\ngeo_precision = 1\nwhere_prec = 1\n'
      'credibility = 2\nquote = "Forces were reported in the town, a local source said."\n')
open(f"{w}/one.toml", "w").write(head % 0 + "".join(ev % (i, 1 + i % 5) for i in range(10000)))
os.makedirs(f"{w}/many")
for f in range(100):
    open(f"{w}/many/r{f:03}.toml", "w").write(head % (f + 1) + "".join(ev % (i, 1 + i % 5) for i in range(f * 100, f * 100 + 100)))
with open(f"{w}/big.toml", "w") as f:
    f.write(head % 0)
    i = 0
    while f.tell() < 50 * 1024 * 1024:
        f.write(ev % (i, 1 + i % 5)); i += 1
vias = ",".join(['"albukamal"', '"al-qaim"', '"husaybah"', '"al-mayadin"'] * 25000)
open(f"{w}/via.toml", "w").write(head % 0 + '\n[[event]]\nid = "long"\nkind = "transit"\ndate = "2024-12-05"\n'
    'actors = ["iraqi-army"]\nfrom = "deir-ez-zor"\nvia = [%s]\nto = "hit"\ngeo_precision = 1\nwhere_prec = 1\n'
    'credibility = 2\nquote = "x"\n' % vias)
PY
t() { /usr/bin/time -f "%e s, %M KB" "$@" 2>&1 >/dev/null | tail -1; }
echo "check, 10,000 events in one file : $(t "$B" check "$w/one.toml")"
echo "check, the same in 100 files     : $(t "$B" check "$w/many")"
echo "check, a 50 MB report            : $(t "$B" check "$w/big.toml")"
echo "check, 100,000 via sites         : $(t "$B" check "$w/via.toml")"
echo "render, 100,000 via sites        : $(t "$B" render "$w/via.toml" --out "$w/out")"

#!/usr/bin/env bash
# bordermap draft under bad and large input, side by side in one run: a 50 MB text (the
# synthetic articles repeated) drafted to TOML and to JSON, with its time and peak memory;
# an empty file, a binary file, invalid UTF-8 and an article with no place, with their exit
# status and first line of output. The speed of ordinary articles: `cargo bench --bench draft`.
# Usage: tools/measure_draft.sh [MEGABYTES]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
cargo build --release --quiet
B=$PWD/target/release/bordermap
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
python3 - "$w" "$mb" <<'PY'
import glob, sys
w, mb = sys.argv[1], int(sys.argv[2])
arts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("tests/data/draft/synthetic/*.txt"))]
# the bodies only (a front matter block is read once, at the top), each cut where its
# comments open: everything after such a line is taken for comments
def body_of(a):
    out = []
    for l in a.split("\n---\n", 1)[-1].split("\n"):
        t = l.strip().rstrip(":").lower()
        if t == "comments" or t.startswith("comments (") or t in ("leave a comment", "leave a reply"):
            break
        out.append(l)
    return "\n".join(out)
body = "\n\n".join(body_of(a) for a in arts)
# every copy's lines made unique (a repeated line is page furniture, not text)
lines = [l for l in body.split("\n")]
with open(f"{w}/big.txt", "w", encoding="utf-8") as f:
    f.write("published: 2024-12-05\n---\n")
    n = 0
    while f.tell() < mb * 1024 * 1024:
        n += 1
        f.write("\n".join(l + f" (ref {n}{k:03})" if l.strip() else l for k, l in enumerate(lines)) + "\n\n")
open(f"{w}/empty.txt", "w").close()
open(f"{w}/binary.bin", "wb").write(bytes(range(256)) * 64)
open(f"{w}/latin1.txt", "wb").write("Les forces sont entrées à Albukamal.".encode("latin-1"))
open(f"{w}/noplace.txt", "w").write("published: 2024-12-05\n---\nThe minister said on Tuesday that talks would go on.\n")
PY
echo "== ${mb} MB of article text"
for fmt in toml json; do
    /usr/bin/time -f "%e s, peak RSS %M KB" -o "$w/time" "$B" draft "$w/big.txt" --format $fmt -o "$w/out.$fmt"
    printf '%-5s %s, output %s bytes\n' "$fmt" "$(cat "$w/time")" "$(stat -c %s "$w/out.$fmt")"
done
"$B" check "$w/out.toml" >/dev/null 2>&1 && echo "toml: bordermap check accepts it" || echo "toml: bordermap check REFUSES it"
echo "== bad input"
for f in empty.txt binary.bin latin1.txt noplace.txt; do
    set +e
    out=$("$B" draft "$w/$f" 2>&1 >"$w/out.txt")
    rc=$?
    set -e
    printf '%-12s exit %d  %s\n' "$f" "$rc" "$(printf '%s' "$out" | head -1)"
done
"$B" check "$w/out.txt" >/dev/null 2>&1 && echo "noplace.txt: its draft passes check" || echo "noplace.txt: its draft FAILS check"

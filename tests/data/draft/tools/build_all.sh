#!/bin/sh
# rebuild every gold file from its spec, then validate
set -e
for f in /work/eval/specs/s*.py; do python3 "$f" | head -2; done
python3 /work/eval/tools/validate.py /work/eval/real

#!/bin/sh
set -e
for f in /work/eval/specs/syn*.py; do python3 "$f" | head -2; done
python3 /work/eval/tools/validate.py /work/research-out/synthetic

#!/usr/bin/env python3
"""Checks every DIR/*.svg the way users meet it: XML tools, librsvg, and a web page.

usage: python3 svg_check.py DIR [WORKDIR]

- xmllint --noout: well-formed XML;
- the root is <svg> in the SVG namespace with absolute width and height;
- rsvg-convert renders it to a PNG (WORKDIR/NAME.rsvg.png) with the declared size;
- headless Chromium loads each SVG in an <img>: it must fire onload with a real size
  (not 0, not the 200x150 a browser falls back to without width/height) and paint
  something besides its background.
Exits 1 on any failure; 0 with a note when DIR has no SVG.
"""
import html
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG_NS = "{http://www.w3.org/2000/svg}"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
]
failures = 0


def fail(where, msg):
    global failures
    failures += 1
    print(f"  FAIL  {where}: {msg}")


def ok(where, msg):
    print(f"  ok    {where}: {msg}")


def length_px(v):
    m = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*", v or "")
    if not m:
        return None
    n = float(m.group(1))
    return n * {"px": 1, None: 1, "pt": 96 / 72, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96}[m.group(2)]


def png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def static_checks(path, work):
    where = os.path.basename(path)
    p = subprocess.run(["xmllint", "--noout", path], capture_output=True, text=True)
    if p.returncode != 0 or p.stderr.strip():
        fail(where, f"xmllint: {(p.stderr or 'exit %d' % p.returncode).strip()[:300]}")
        return None
    root = ET.parse(path).getroot()
    size = None
    if root.tag != SVG_NS + "svg":
        fail(where, f"root element is {root.tag}, not <svg> in the SVG namespace (browsers refuse it)")
    else:
        w, h = length_px(root.get("width")), length_px(root.get("height"))
        if not w or not h:
            fail(where, f"width/height missing or relative ({root.get('width')!r} x {root.get('height')!r}): "
                        "embedded at 200x150")
        else:
            size = (w, h)
    png = os.path.join(work, os.path.splitext(where)[0] + ".rsvg.png")
    p = subprocess.run(["rsvg-convert", "-o", png, path], capture_output=True, text=True)
    dims = png_size(png) if os.path.isfile(png) else None
    if p.returncode != 0 or not dims:
        fail(where, f"rsvg-convert: {(p.stderr or 'no PNG written').strip()[:300]}")
    elif size and (abs(dims[0] - size[0]) > 1.5 or abs(dims[1] - size[1]) > 1.5):
        fail(where, f"rsvg-convert rendered {dims[0]}x{dims[1]}, the SVG declares {size[0]:.0f}x{size[1]:.0f}")
    else:
        ok(where, f"xmllint ok, rsvg-convert {dims[0]}x{dims[1]} -> {png}")
    return size


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>svg check</title></head><body>
<pre id="result">pending</pre>
<script>
const files = %s;
const out = {};
let left = files.length;
function done() { if (--left === 0) document.getElementById("result").textContent = JSON.stringify(out); }
for (const [name, url] of files) {
  const img = new Image();
  img.onload = () => {
    let ink = -1;
    try {
      const c = document.createElement("canvas");
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      // Ink = pixels that differ from the background (the top-left pixel):
      // an SVG that is only a background rectangle is blank too.
      ink = 0;
      for (let i = 0; i < d.length; i += 4)
        if (d[i + 3] > 0 && (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) +
                             Math.abs(d[i + 3] - d[3])) > 24) ink++;
    } catch (e) { ink = "error: " + e.name; }
    out[name] = {loaded: true, w: img.naturalWidth, h: img.naturalHeight, ink: ink};
    done();
  };
  img.onerror = () => { out[name] = {loaded: false}; done(); };
  img.src = url;
  document.body.appendChild(img);
}
if (!files.length) document.getElementById("result").textContent = "{}";
</script></body></html>
"""


def chromium_check(svgs, sizes, work):
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        fail("chromium", "not installed")
        return
    files = [[os.path.basename(s), pathlib.Path(os.path.abspath(s)).as_uri()] for s in svgs]
    page = os.path.join(work, "svg_check.html")
    with open(page, "w", encoding="utf-8") as fh:
        fh.write(PAGE % json.dumps(files))
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        p = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", pathlib.Path(page).as_uri()],
                           capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        fail("chromium", "timed out after 120 s")
        return
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    m = re.search(r'<pre id="result">(.*?)</pre>', p.stdout, re.S)
    if not m or m.group(1).strip() == "pending":
        fail("chromium", f"the page did not report (exit {p.returncode}): {p.stderr.strip()[-400:]}")
        return
    results = json.loads(html.unescape(m.group(1)))
    for name, _ in files:
        r = results.get(name)
        if not r:
            fail(name, "Chromium: no result")
        elif not r["loaded"]:
            fail(name, "Chromium: <img> onerror (malformed, or no xmlns)")
        elif r["w"] == 0 or r["h"] == 0:
            fail(name, f"Chromium: naturalWidth {r['w']} x {r['h']}")
        elif (r["w"], r["h"]) == (200, 150) and sizes.get(name) != (200, 150):
            fail(name, "Chromium: loaded at the 200x150 default (no width/height)")
        elif not isinstance(r["ink"], int) or r["ink"] <= 0:
            fail(name, f"Chromium: draws nothing but its background (painted pixels: {r['ink']})")
        else:
            ok(name, f"Chromium: onload, naturalWidth {r['w']} x {r['h']}, {r['ink']} painted px")


def main():
    if len(sys.argv) < 2 or not os.path.isdir(sys.argv[1]):
        print("usage: svg_check.py DIR [WORKDIR]", file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="svg-check-")
    os.makedirs(work, exist_ok=True)
    svgs = sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".svg"))
    if not svgs:
        print("SVG check: no SVG in", out)
        sys.exit(0)
    sizes = {}
    for s in svgs:
        size = static_checks(s, work)
        if size:
            sizes[os.path.basename(s)] = (round(size[0]), round(size[1]))
    chromium_check(svgs, sizes, work)
    print(f"SVG check: {len(svgs)} file(s), {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

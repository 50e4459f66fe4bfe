#!/usr/bin/python3
"""Opens the output layers in the QGIS desktop application (under Xvfb) and reports what a
user gets: the layer's style and its temporal settings as the desktop applied them.

usage: /usr/bin/python3 qgis_desktop_check.py DIR

Launches `xvfb-run qgis --code <this file> DIR/NAME.geojson... DIR/briefing.gpkg|layername=NAME...`
with a throw-away profile; inside QGIS this same file waits for the layers, writes a JSON
report and quits. The launcher compares the report with the .qml files and exits 1 on any
difference, or when QGIS does not start or does not report.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

LAYERS = ["sites", "events", "movements", "uncertainty", "border", "rivers", "areas"]
TEMPORAL = {"events", "movements", "uncertainty"}
REPORT_ENV = "BORDERMAP_DESKTOP_REPORT"
EXPECT_ENV = "BORDERMAP_DESKTOP_EXPECT"


def inside_qgis():
    """Runs in the desktop's Python: wait for the command-line layers, report, quit."""
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QTimer

    report_path = os.environ[REPORT_ENV]
    expect = int(os.environ.get(EXPECT_ENV, "0"))
    state = {"ticks": 0}

    def report():
        layers = list(QgsProject.instance().mapLayers().values())
        state["ticks"] += 1
        if len(layers) < expect and state["ticks"] < 120:
            QTimer.singleShot(500, report)
            return
        rows = []
        for layer in layers:
            tp = layer.temporalProperties()
            r = layer.renderer() if hasattr(layer, "renderer") else None
            rows.append({
                "source": layer.source(), "name": layer.name(), "valid": layer.isValid(),
                "renderer": r.type() if r else None,
                "labels": bool(layer.labelsEnabled()) if hasattr(layer, "labelsEnabled") else False,
                "temporal": bool(tp.isActive()) if tp else False,
                "mode": int(tp.mode()) if tp else -1,
            })
        with open(report_path, "w", encoding="utf-8") as fh:
            json.dump({"layers": rows}, fh, indent=1)
        os._exit(0)

    QTimer.singleShot(1000, report)


def launcher(out):
    out = os.path.abspath(out)
    expected = {}
    for name in LAYERS:
        qml = os.path.join(out, name + ".qml")
        try:
            root = ET.parse(qml).getroot()
            t = root.find("temporal")
            expected[name] = {
                "renderer": root.find("renderer-v2").get("type"),
                "labels": root.get("labelsEnabled") == "1",
                "temporal": t is not None and t.get("enabled") == "1",
                "mode": int(t.get("mode")) if t is not None else -1,
            }
        except (OSError, ET.ParseError, AttributeError) as e:
            print(f"  FAIL  {name}.qml: unreadable ({e})")
            return 1
    files = [os.path.join(out, n + ".geojson") for n in LAYERS]
    gpkg = os.path.join(out, "briefing.gpkg")
    files += [f"{gpkg}|layername={n}" for n in LAYERS]
    work = tempfile.mkdtemp(prefix="qgis-desktop-")
    report = os.path.join(work, "report.json")
    env = dict(os.environ, **{REPORT_ENV: report, EXPECT_ENV: str(len(files))})
    env.pop("QT_QPA_PLATFORM", None)  # the desktop needs the X server xvfb-run provides
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", "qgis", "--nologo", "--noversioncheck",
           "--noplugins", "--profiles-path", os.path.join(work, "profiles"),
           "--code", os.path.abspath(__file__), "--", *files]
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        print("  FAIL  QGIS desktop: no report within 240 s")
        return 1
    if not os.path.isfile(report):
        print(f"  FAIL  QGIS desktop: no report (exit {p.returncode}): {(p.stderr or p.stdout).strip()[-600:]}")
        return 1
    with open(report, encoding="utf-8") as fh:
        rows = json.load(fh)["layers"]
    failures = 0
    for name in LAYERS:
        for src, label in ((os.path.join(out, name + ".geojson"), f"{name}.geojson"),
                           (f"{gpkg}|layername={name}", f"briefing.gpkg|{name}")):
            row = next((r for r in rows if r["source"] == src), None)
            want = expected[name]
            problems = []
            if row is None:
                problems.append("not loaded by the desktop")
            else:
                if not row["valid"]:
                    problems.append("invalid")
                if row["renderer"] != want["renderer"]:
                    problems.append(f"renderer {row['renderer']}, the style says {want['renderer']}")
                if row["labels"] != want["labels"]:
                    problems.append(f"labels {'on' if row['labels'] else 'off'}, the style says {'on' if want['labels'] else 'off'}")
                if name in TEMPORAL and not (row["temporal"] and row["mode"] == want["mode"]):
                    problems.append(f"temporal active={row['temporal']} mode={row['mode']}, the style says mode {want['mode']}")
            if problems:
                failures += 1
                print(f"  FAIL  desktop {label}: {'; '.join(problems)}")
            else:
                extra = f", temporal mode {row['mode']}" if name in TEMPORAL else ""
                print(f"  ok    desktop {label}: {row['renderer']}{', labels' if row['labels'] else ''}{extra}")
    print(f"QGIS desktop check: {failures} failure(s)")
    return 1 if failures else 0


if os.environ.get(REPORT_ENV) and "qgis.utils" in sys.modules:
    inside_qgis()
elif __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: qgis_desktop_check.py DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(launcher(sys.argv[1]))

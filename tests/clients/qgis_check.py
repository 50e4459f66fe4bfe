#!/usr/bin/python3
"""Opens bordermap's output layers in QGIS (headless) the way a user would, and checks them.

usage: QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=<mode-700 dir> \
       /usr/bin/python3 qgis_check.py DIR [RENDER.png]

For every layer DIR/NAME.geojson (and the same layer in DIR/briefing.gpkg):
  - valid, EPSG:4326, one sublayer, the expected geometry type, at least one feature;
  - the style DIR/NAME.qml is applied on open (renderer type, categories/rules and
    labelling match the .qml) and every field the style uses exists;
  - events, movements, uncertainty: temporal properties active on the date fields, the
    fields typed Date, and each feature visible on its first and last day and on
    neither neighbouring day when the Temporal Controller steps day by day;
  - everything renders: each layer draws pixels, and the whole map is written to
    RENDER.png (default DIR/../qgis_render.png) and must not be blank.
Prints one line per check and exits non-zero on any failure.
"""
import os
import sys
import xml.etree.ElementTree as ET

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsDateTimeRange,
    QgsExpression,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProviderRegistry,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
    QgsVectorLayerTemporalProperties,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime, QVariant
from qgis.PyQt.QtGui import QColor, QImage

# Drawing order, bottom first.
LAYERS = ["areas", "uncertainty", "rivers", "border", "sites", "movements", "events"]
GEOMETRY = {
    "areas": QgsWkbTypes.PolygonGeometry,
    "uncertainty": QgsWkbTypes.PolygonGeometry,
    "rivers": QgsWkbTypes.LineGeometry,
    "border": QgsWkbTypes.LineGeometry,
    "movements": QgsWkbTypes.LineGeometry,
    "events": QgsWkbTypes.PointGeometry,
    "sites": QgsWkbTypes.PointGeometry,
}
WRAPPERS = ("pointDisplacement", "pointCluster")
TEMPORAL = ["events", "movements", "uncertainty"]
DATE_FIELDS = ["date_start", "date_end", "date_end_excl", "published"]
# The map frame: where the events are.
FRAME_LAYERS = ["sites", "events", "movements", "uncertainty"]

failures = []
warnings = []


def ok(msg):
    print(f"  ok    {msg}")


def fail(msg):
    failures.append(msg)
    print(f"  FAIL  {msg}")


def warn(msg):
    warnings.append(msg)
    print(f"  warn  {msg}")


def qml_info(path):
    """What the .qml says: renderer type, its categories/rules, labels, temporal element."""
    root = ET.parse(path).getroot()
    if root.tag != "qgis":
        raise ValueError(f"root element is <{root.tag}>, not <qgis>")
    r = root.find("renderer-v2")
    if r is None:
        raise ValueError("no <renderer-v2> element")
    info = {"renderer": r.get("type"), "labels": root.get("labelsEnabled") == "1", "temporal": None}
    inner = r
    if r.get("type") in WRAPPERS and r.find("renderer-v2") is not None:
        inner = r.find("renderer-v2")
    if inner.get("type") == "categorizedSymbol":
        info["keys"] = sorted(c.get("value") for c in inner.iter("category"))
    elif inner.get("type") == "RuleRenderer":
        info["keys"] = sorted((x.get("filter") or "") for x in inner.iter("rule"))
    else:
        info["keys"] = []
    t = root.find("temporal")
    if t is not None:
        info["temporal"] = dict(t.attrib)
    return info


def unwrap(renderer):
    """The categorized/rule renderer inside a point displacement or cluster renderer."""
    if renderer.type() in WRAPPERS and renderer.embeddedRenderer() is not None:
        return renderer.embeddedRenderer()
    return renderer


def renderer_keys(renderer):
    renderer = unwrap(renderer)
    t = renderer.type()
    if t == "categorizedSymbol":
        return sorted(str(c.value()) for c in renderer.categories())
    if t == "RuleRenderer":
        return sorted((r.filterExpression() or "") for r in renderer.rootRule().descendants())
    return []


def used_fields(layer):
    """Field names the renderer and the labels refer to."""
    ctx = QgsRenderContext()
    names = set(layer.renderer().usedAttributes(ctx))
    if layer.labelsEnabled() and layer.labeling() is not None:
        for prov in layer.labeling().subProviders() or [""]:
            s = layer.labeling().settings(prov)
            if s.isExpression:
                names |= set(QgsExpression(s.fieldName).referencedColumns())
            elif s.fieldName:
                names.add(s.fieldName)
    names.discard(QgsFeatureRequest.ALL_ATTRIBUTES)
    return {n for n in names if n}


def check_style(layer, name, info, where):
    r = layer.renderer()
    if r is None:
        fail(f"{where}: no renderer")
        return
    if r.type() != info["renderer"]:
        fail(f"{where}: renderer is {r.type()}, the style says {info['renderer']} (style not applied)")
        return
    if renderer_keys(r) != info["keys"]:
        fail(f"{where}: {r.type()} categories/rules differ from the style's: {renderer_keys(r)} vs {info['keys']}")
        return
    ok(f"{where}: style applied ({r.type()}, {len(info['keys'])} categories/rules, labels {'on' if layer.labelsEnabled() else 'off'})")
    if layer.labelsEnabled() != info["labels"]:
        fail(f"{where}: labels {'on' if layer.labelsEnabled() else 'off'}, the style says {'on' if info['labels'] else 'off'}")
    fields = {f.name() for f in layer.fields()}
    missing = sorted(used_fields(layer) - fields)
    if missing:
        fail(f"{where}: the style uses fields the layer lacks: {', '.join(missing)}")
    inner = unwrap(r)
    if inner.type() == "categorizedSymbol":
        attr = inner.classAttribute()
        values = {str(c.value()) for c in inner.categories()}
        if attr in fields:
            odd = sorted({str(f[attr]) for f in layer.getFeatures()} - values)
            if odd:
                warn(f"{where}: {attr} values drawn with the catch-all symbol: {', '.join(odd)}")


def day(d):
    return QDateTime(d, QTime(0, 0))


def visible(layer, fid, rng):
    """Whether feature fid passes the layer's temporal filter for the frame rng."""
    tp = layer.temporalProperties()
    ctx = QgsVectorLayerTemporalContext()
    ctx.setLayer(layer)
    flt = tp.createFilterString(ctx, rng)
    req = QgsFeatureRequest()
    if flt:
        req.setFilterExpression(flt)  # (an expression replaces a fid filter: test the id below)
    req.setFlags(QgsFeatureRequest.NoGeometry)
    return any(f.id() == fid for f in layer.getFeatures(req))


def check_temporal(layer, name, info, where):
    tp = layer.temporalProperties()
    want = info["temporal"]
    if not want or want.get("enabled") != "1":
        fail(f"{where}: the style has no active <temporal> element")
        return
    if not tp.isActive():
        fail(f"{where}: temporal properties not active after loadDefaultStyle()")
        return
    if str(int(tp.mode())) != want.get("mode"):
        fail(f"{where}: temporal mode {int(tp.mode())}, the style says {want.get('mode')}")
        return
    fields = layer.fields()
    if tp.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields:
        used = [tp.startField(), tp.endField()]
        desc = f"fields {tp.startField()} .. {tp.endField()}"
    elif tp.mode() == QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions:
        used = sorted(QgsExpression(tp.startExpression()).referencedColumns()
                      | QgsExpression(tp.endExpression()).referencedColumns())
        desc = f"expressions {tp.startExpression()} .. {tp.endExpression()}"
    else:
        fail(f"{where}: temporal mode {int(tp.mode())}: expected start and end from fields or expressions")
        return
    if "date_start" not in used or not ({"date_end", "date_end_excl"} & set(used)):
        fail(f"{where}: temporal settings use {used}, not date_start and date_end(_excl)")
        return
    for fname in used:
        i = fields.lookupField(fname)
        if i < 0:
            fail(f"{where}: temporal field '{fname}' missing")
            return
        if fields[i].type() != QVariant.Date:
            fail(f"{where}: temporal field '{fname}' is {QVariant.typeToName(fields[i].type())}, not QDate")
            return
    ok(f"{where}: temporal active: {desc} (limit mode {int(tp.limitMode())})")
    # Step the controller's way: half-open day frames [d, d+1).
    bad = []
    for f in layer.getFeatures():
        d0, d1 = f["date_start"], f["date_end"]
        if not (isinstance(d0, QDate) and isinstance(d1, QDate) and d0.isValid() and d1.isValid()):
            bad.append(f"{f['id']}: date_start/date_end not dates")
            continue
        if fields.lookupField("date_end_excl") >= 0 and f["date_end_excl"] != d1.addDays(1):
            bad.append(f"{f['id']}: date_end_excl {f['date_end_excl'].toString('yyyy-MM-dd')} is not date_end + 1 day")
        frames = {
            "first day": (d0, True), "last day": (d1, True),
            "day before": (d0.addDays(-1), False), "day after": (d1.addDays(1), False),
        }
        for label, (d, expect) in frames.items():
            rng = QgsDateTimeRange(day(d), day(d.addDays(1)), True, False)
            if visible(layer, f.id(), rng) != expect:
                bad.append(f"{f['id']}: {'hidden' if expect else 'shown'} on its {label} {d.toString('yyyy-MM-dd')}")
    if bad:
        for b in bad[:10]:
            fail(f"{where}: temporal: {b}")
    else:
        ok(f"{where}: every feature shows from date_start through date_end inclusive, not a day more")


def check_dates(layer, where):
    for f in layer.fields():
        if f.name() in DATE_FIELDS and f.type() != QVariant.Date:
            fail(f"{where}: field {f.name()} is {QVariant.typeToName(f.type())}, not QDate")


def open_layer(uri, name, where, expect_count=None):
    layer = QgsVectorLayer(uri, name, "ogr")
    if not layer.isValid():
        fail(f"{where}: QGIS cannot open it")
        return None
    problems = []
    if layer.crs().authid() != "EPSG:4326":
        problems.append(f"CRS {layer.crs().authid() or 'unknown'}, not EPSG:4326")
    subs = layer.dataProvider().subLayers()
    if len(subs) != 1:
        problems.append(f"{len(subs)} sublayers (mixed geometry types?), expected 1")
    if layer.geometryType() != GEOMETRY[name]:
        problems.append(f"geometry {QgsWkbTypes.geometryDisplayString(layer.geometryType())}, expected "
                        f"{QgsWkbTypes.geometryDisplayString(GEOMETRY[name])}")
    n = layer.featureCount()
    if n <= 0:
        problems.append("no features")
    if expect_count is not None and n != expect_count:
        problems.append(f"{n} features, the GeoJSON has {expect_count}")
    for p in problems:
        fail(f"{where}: {p}")
    if not problems:
        ok(f"{where}: valid, EPSG:4326, 1 sublayer, {QgsWkbTypes.displayString(layer.wkbType())}, {n} features")
    check_dates(layer, where)
    return layer


def count_ink(img, bg):
    """Pixels that differ from the background colour."""
    img = img.convertToFormat(QImage.Format_RGB32)
    ptr = img.constBits()
    ptr.setsize(img.sizeInBytes())
    data = bytes(ptr)
    bgpx = (bg.rgb() & 0xFFFFFFFF).to_bytes(4, "little")
    total = len(data) // 4
    same = sum(1 for i in range(0, len(data), 4) if data[i:i + 4] == bgpx)
    return total - same, total


def render(layers, extent, size, path=None, temporal_range=None):
    ms = QgsMapSettings()
    if temporal_range is not None:
        ms.setIsTemporal(True)
        ms.setTemporalRange(temporal_range)
    ms.setLayers(list(reversed(layers)))  # first in the list is drawn on top
    ms.setDestinationCrs(layers[0].crs())
    ms.setExtent(extent)
    ms.setOutputSize(size)
    ms.setOutputDpi(110)
    ms.setBackgroundColor(QColor("#ffffff"))
    ms.setFlag(QgsMapSettings.Antialiasing, True)
    ms.setFlag(QgsMapSettings.DrawLabeling, True)
    job = QgsMapRendererParallelJob(ms)
    job.start()
    job.waitForFinished()
    for e in job.errors():
        fail(f"render: {e.layerID}: {e.message}")
    img = job.renderedImage()
    if path:
        if not img.save(path, "PNG"):
            fail(f"render: cannot write {path}")
    return img


def main():
    if len(sys.argv) < 2:
        print("usage: qgis_check.py DIR [RENDER.png]", file=sys.stderr)
        os._exit(2)
    out = os.path.abspath(sys.argv[1])
    png = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(os.path.dirname(out), "qgis_render.png")
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    print(f"QGIS {Qgis.QGIS_VERSION}, checking {out}")
    if "ogr" not in QgsProviderRegistry.instance().providerList():
        fail("QGIS has no ogr provider")

    geojson = {}
    infos = {}
    print("GeoJSON layers with their .qml:")
    for name in LAYERS:
        path = os.path.join(out, name + ".geojson")
        qml = os.path.join(out, name + ".qml")
        if not os.path.isfile(path):
            fail(f"{name}.geojson: missing")
            continue
        if not os.path.isfile(qml):
            fail(f"{name}.qml: missing (the layer would open unstyled)")
            continue
        try:
            infos[name] = qml_info(qml)
        except Exception as e:  # noqa: BLE001 - report any parse problem as a failure
            fail(f"{name}.qml: unreadable: {e}")
            continue
        layer = open_layer(path, name, f"{name}.geojson")
        if layer is None:
            continue
        # What the constructor applies (renderer, labels) is what a script gets.
        check_style(layer, name, infos[name], f"{name}.geojson")
        # Temporal settings come with loadDefaultStyle() (the desktop does this on open).
        msg, loaded = layer.loadDefaultStyle()
        if not loaded:
            fail(f"{name}.geojson: loadDefaultStyle() failed: {msg}")
        if name in TEMPORAL:
            check_temporal(layer, name, infos[name], f"{name}.geojson")
        geojson[name] = layer

    gpkg = os.path.join(out, "briefing.gpkg")
    print("GeoPackage briefing.gpkg:")
    packaged = {}
    if not os.path.isfile(gpkg):
        fail("briefing.gpkg: missing")
    else:
        probe = QgsVectorLayer(gpkg, "probe", "ogr")
        subs = probe.dataProvider().subLayers() if probe.isValid() else []
        names = {s.split(QgsDataProvider_SEP)[1] for s in subs if QgsDataProvider_SEP in s}
        if not probe.isValid() and not subs:
            fail("briefing.gpkg: QGIS cannot open it")
        for name in LAYERS:
            where = f"briefing.gpkg|{name}"
            if name not in names:
                fail(f"{where}: no such layer (layers: {', '.join(sorted(names)) or 'none'})")
                continue
            ref = geojson.get(name)
            layer = open_layer(f"{gpkg}|layername={name}", name, where, ref.featureCount() if ref else None)
            if layer is None:
                continue
            styles = layer.listStylesInDatabase()
            if styles[0] < 1:
                fail(f"{where}: no default style in layer_styles (check f_table_name, f_geometry_column, "
                     f"f_table_catalog/f_table_schema = '')")
            if name in infos:
                check_style(layer, name, infos[name], where)
                msg, loaded = layer.loadDefaultStyle()
                if not loaded:
                    fail(f"{where}: loadDefaultStyle() failed: {msg}")
                if name in TEMPORAL:
                    check_temporal(layer, name, infos[name], where)
            packaged[name] = layer

    print("Rendering:")
    layers = [geojson[n] for n in LAYERS if n in geojson]
    if not layers:
        fail("render: no layer to draw")
    else:
        extent = QgsRectangle()
        extent.setMinimal()
        for n in FRAME_LAYERS:
            if n in geojson:
                extent.combineExtentWith(geojson[n].extent())
        if extent.isEmpty() or extent.width() <= 0:
            extent = layers[0].extent()
        extent.scale(1.35)
        # Keep the picture's aspect ratio so nothing is cut off.
        size = QSize(1400, 1050)
        bg = QColor("#ffffff")
        for layer in layers:
            ink, total = count_ink(render([layer], extent, QSize(500, 375)), bg)
            if ink == 0:
                if layer.extent().intersects(extent):
                    fail(f"render: {layer.name()} draws nothing inside the map frame")
                else:
                    warn(f"render: {layer.name()} lies outside the map frame")
            else:
                ok(f"render: {layer.name()} draws {ink} px")
        # The renderer honours the temporal settings: nothing before the first day.
        for layer in layers:
            if layer.name() not in TEMPORAL or not layer.temporalProperties().isActive():
                continue
            starts = [f["date_start"] for f in layer.getFeatures() if isinstance(f["date_start"], QDate)]
            if not starts:
                continue
            first = min(starts)
            before = QgsDateTimeRange(day(first.addDays(-1)), day(first), True, False)
            on = QgsDateTimeRange(day(first), day(first.addDays(1)), True, False)
            ink_before, _ = count_ink(render([layer], extent, QSize(500, 375), temporal_range=before), bg)
            ink_on, _ = count_ink(render([layer], extent, QSize(500, 375), temporal_range=on), bg)
            if ink_before or not ink_on:
                fail(f"render: {layer.name()} with the temporal controller: {ink_before} px the day before "
                     f"{first.toString('yyyy-MM-dd')} (want 0), {ink_on} px on it (want > 0)")
            else:
                ok(f"render: {layer.name()} temporal: blank on {first.addDays(-1).toString('yyyy-MM-dd')}, "
                   f"{ink_on} px on {first.toString('yyyy-MM-dd')}")
        img = render(layers, extent, size, png)
        ink, total = count_ink(img, bg)
        share = ink / total if total else 0
        if share < 0.01:
            fail(f"render: {png} is blank ({ink} of {total} pixels drawn)")
        else:
            ok(f"render: {png} ({img.width()}x{img.height()}, {share:.1%} of pixels drawn)")
        if packaged:
            gp = os.path.splitext(png)[0] + "_gpkg.png"
            ink2, total2 = count_ink(render([packaged[n] for n in LAYERS if n in packaged], extent, size, gp), bg)
            if ink2 / total2 < 0.01:
                fail(f"render: {gp} (GeoPackage layers) is blank")
            else:
                ok(f"render: {gp} (GeoPackage layers, {ink2 / total2:.1%} of pixels drawn)")

    print(f"QGIS check: {len(failures)} failure(s), {len(warnings)} warning(s)")
    sys.stdout.flush()
    sys.stderr.flush()
    # A normal exitQgis() can crash at teardown in 3.22.
    os._exit(1 if failures else 0)


QgsDataProvider_SEP = "!!::!!"

if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - never let a crash look like a pass
        import traceback
        traceback.print_exc()
        print(f"QGIS check: crashed: {e}", file=sys.stderr)
        sys.stdout.flush()
        os._exit(3)

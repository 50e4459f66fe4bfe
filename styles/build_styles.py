#!/usr/bin/python3
"""Builds the QGIS 3.22 layer styles (styles/*.qml) for bordermap's output layers.

The .qml files are written by QGIS itself (QgsMapLayer.exportNamedStyle) from
renderers built here, so every element and property is one QGIS 3.22 reads
back; hand-editing QML invites typos that QGIS ignores silently. Edit this
script, re-run it, review the diff of the .qml files, and commit both.

Run (needs python3-qgis; no display):
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/xdg-$UID \
        /usr/bin/python3 styles/build_styles.py [FIXTURE_DIR]

FIXTURE_DIR (default tests/clients/fixture) supplies one GeoJSON per layer so
the style carries the real field list; the .qml files are also copied there.
"""
import os

# Qt writes XML attributes in hash order; a fixed seed makes the .qml files
# byte-identical from one run to the next (set before Qt is loaded).
os.environ.setdefault("QT_HASH_SEED", "0")

import re
import shutil
import sys

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsArrowSymbolLayer,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPointDisplacementRenderer,
    QgsProperty,
    QgsReadWriteContext,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSimpleFillSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsSimpleMarkerSymbolLayer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "clients", "fixture")

FONT = "Noto Sans"          # Qt falls back to Noto Sans Arabic for the Arabic line
HALO = "#ffffff"

# One colour and one marker shape per event kind, from styles/palette.toml, which the map
# (SVG, PNG, PDF), the charts and the HTML map read too: shape carries the meaning for
# readers with colour-vision deficiency, colour for everyone else.
import tomllib

with open(os.path.join(HERE, "palette.toml"), "rb") as _f:
    PALETTE = tomllib.load(_f)
EVENT_KINDS = [
    # kind, colour, shape, size mm
    (k["id"], k["colour"], k["qgis_shape"], k["qgis_size_mm"]) for k in PALETTE["kind"]
]
DENIED = PALETTE["status"]["denied"]
DENIED_DARK = PALETTE["status"]["denied_dark"]

SITE_KINDS = [
    # kind, label in legend, fill, stroke, shape, size mm
    ("city", "City", "#263238", "#ffffff", "square", 3.4),
    ("town", "Town", "#37474f", "#ffffff", "circle", 2.8),
    ("village", "Village", "#607d8b", "#ffffff", "circle", 2.0),
    ("district", "District centre", "#607d8b", "#ffffff", "circle", 2.0),
    ("crossing", "Border crossing", "#ffffff", "#4a148c", "square_with_corners", 3.4),
    ("base", "Military base", "#556b2f", "#ffffff", "pentagon", 3.4),
    ("airfield", "Airfield", "#455a64", "#ffffff", "cross_fill", 3.6),
    ("oil-field", "Oil field", "#000000", "#ffffff", "equilateral_triangle", 3.0),
    ("gas-field", "Gas field", "#5d4037", "#ffffff", "equilateral_triangle", 3.0),
    ("facility", "Facility", "#795548", "#ffffff", "hexagon", 2.8),
    ("", "Other", "#9e9e9e", "#ffffff", "circle", 2.0),
]


def text_format(size, color="#202020", bold=False, italic=False, buffer=0.8, buffer_color=HALO, spacing=0.0):
    fmt = QgsTextFormat()
    font = QFont(FONT)
    font.setBold(bold)
    font.setItalic(italic)
    font.setLetterSpacing(QFont.AbsoluteSpacing, spacing)
    fmt.setFont(font)
    fmt.setNamedStyle("Bold Italic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular")
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(color))
    fmt.setLineHeight(1.0)
    if buffer:
        buf = QgsTextBufferSettings()
        buf.setEnabled(True)
        buf.setSize(buffer)
        buf.setSizeUnit(QgsUnitTypes.RenderMillimeters)
        c = QColor(buffer_color)
        c.setAlpha(220)
        buf.setColor(c)
        fmt.setBuffer(buf)
    return fmt


def labeling(expr, fmt, placement, is_expression=True, dist=1.2, priority=5, multiline_align=None,
             obstacle=True, show_all=False):
    s = QgsPalLayerSettings()
    s.fieldName = expr
    s.isExpression = is_expression
    s.setFormat(fmt)
    s.placement = placement
    s.dist = dist
    s.distUnits = QgsUnitTypes.RenderMillimeters
    s.priority = priority
    s.displayAll = show_all
    if multiline_align is not None:
        s.multilineAlign = multiline_align
    s.obstacle = obstacle
    if placement == QgsPalLayerSettings.OrderedPositionsAroundPoint:
        s.offsetType = QgsPalLayerSettings.FromSymbolBounds   # dist from the marker's edge
    return s


def apply_labels(layer, settings):
    # QgsVectorLayerSimpleLabeling takes ownership of a copy: finish the
    # settings first (replacing them later through .settings() would free them).
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def set_temporal(layer):
    # Half-open [date_start, date_end_excl) matches the Temporal Controller's
    # frames [begin, end) exactly at any step (days, hours): "1st to 7th" shows
    # on the 7th and not on the 8th. Expressions rather than "separate fields":
    # with plain Date fields QGIS 3.22 compiles the filter to SQLite for a
    # GeoPackage, compares '2024-12-05' < '2024-12-05T00:00:00' as text, and
    # shows every event a day early. to_datetime() is not compiled, so QGIS
    # compares real date-times for GeoJSON and GeoPackage alike. See README.md.
    tp = layer.temporalProperties()
    tp.setIsActive(True)
    tp.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions)
    tp.setStartExpression('to_datetime("date_start")')
    tp.setEndExpression('to_datetime("date_end_excl")')
    # The fields, too, so that switching the mode in the dialog keeps the meaning.
    tp.setStartField("date_start")
    tp.setEndField("date_end_excl")
    tp.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)
    tp.setAccumulateFeatures(False)


def symbol(cls, layers):
    """A symbol owning `layers`; appendSymbolLayer transfers ownership to C++,
    the list constructor does not (PyQGIS would free the layers twice)."""
    sym = cls()
    sym.deleteSymbolLayer(0)
    for sl in layers:
        sym.appendSymbolLayer(sl)
    return sym


def marker(shape, size, fill, stroke, stroke_width=0.3):
    sl = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayer.decodeShape(shape)[0], size)
    sl.setColor(QColor(fill))
    sl.setStrokeColor(QColor(stroke))
    sl.setStrokeWidth(stroke_width)
    sl.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    return symbol(QgsMarkerSymbol, [sl])


def simple_line(color, width, style=Qt.SolidLine, dash=None, cap=Qt.RoundCap, alpha=255):
    sl = QgsSimpleLineSymbolLayer(QColor(color), width, style)
    c = QColor(color)
    c.setAlpha(alpha)
    sl.setColor(c)
    sl.setWidthUnit(QgsUnitTypes.RenderMillimeters)
    sl.setPenCapStyle(cap)
    sl.setPenJoinStyle(Qt.RoundJoin)
    if dash:
        sl.setUseCustomDashPattern(True)
        sl.setCustomDashVector(dash)
        sl.setCustomDashPatternUnit(QgsUnitTypes.RenderMillimeters)
    return sl


def kind_colour_expr():
    """A QGIS expression giving a feature's kind colour from the palette."""
    return "CASE " + " ".join("WHEN \"kind\" = '%s' THEN '%s'" % (k, c) for k, c, _, _ in EVENT_KINDS) + " ELSE '#757575' END"


def simple_fill(fill, alpha, stroke, stroke_width, stroke_style=Qt.SolidLine, brush=Qt.SolidPattern):
    c = QColor(fill)
    c.setAlpha(alpha)
    sl = QgsSimpleFillSymbolLayer(c, brush, QColor(stroke), stroke_style, stroke_width)
    sl.setStrokeWidthUnit(QgsUnitTypes.RenderMillimeters)
    sl.setPenJoinStyle(Qt.RoundJoin)
    return sl


# --- layers -------------------------------------------------------------------------------

def style_events(layer):
    cats = []
    for kind, color, shape, size in EVENT_KINDS:
        sym = marker(shape, size, color, "#ffffff", 0.35)
        sl = sym.symbolLayer(0)
        # Status is drawn on top of the kind: denied grey, planned/considered hollow.
        sl.setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, QgsProperty.fromExpression(
            "CASE WHEN \"status\" = 'denied' THEN '%s' "
            "WHEN \"status\" IN ('planned', 'considered') THEN '#ffffff' "
            "ELSE @symbol_color END" % DENIED))
        sl.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromExpression(
            "CASE WHEN \"status\" = 'denied' THEN '%s' "
            "WHEN \"status\" IN ('planned', 'considered') THEN '%s' "
            "ELSE '#ffffff' END" % (DENIED_DARK, color)))
        sl.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeWidth, QgsProperty.fromExpression(
            "CASE WHEN \"status\" IN ('planned', 'considered') THEN 0.6 ELSE 0.35 END"))
        cats.append(QgsRendererCategory(kind, sym, kind))
    other = marker("circle", 2.6, "#757575", "#ffffff")
    cats.append(QgsRendererCategory("", other, "other"))
    # Events resolved to the same site share one point: the displacement
    # renderer rings them around it instead of stacking them out of sight.
    disp = QgsPointDisplacementRenderer("")
    disp.setEmbeddedRenderer(QgsCategorizedSymbolRenderer("kind", cats))
    disp.setTolerance(2.5)
    disp.setToleranceUnit(QgsUnitTypes.RenderMillimeters)
    disp.setPlacement(QgsPointDisplacementRenderer.Ring)
    disp.setCircleRadiusAddition(0.6)
    disp.setCircleWidth(0.25)
    disp.setCircleColor(QColor("#7a7a7a"))
    disp.setCenterSymbol(marker("circle", 1.2, "#7a7a7a", "#ffffff", 0.2))
    disp.setLabelAttributeName("")
    layer.setRenderer(disp)
    date = ("CASE WHEN \"date_start\" = \"date_end\" THEN format_date(\"date_start\", 'd MMM') "
            "WHEN month(\"date_start\") = month(\"date_end\") THEN format_date(\"date_start\", 'd') || '–' || format_date(\"date_end\", 'd MMM') "
            "ELSE format_date(\"date_start\", 'd MMM') || '–' || format_date(\"date_end\", 'd MMM') END")
    expr = ("\"kind\" || CASE WHEN \"status\" <> 'reported' THEN ' (' || \"status\" || ')' ELSE '' END "
            "|| '\\n' || " + date)
    fmt = text_format(6.5, "#333333", buffer=0.6)
    s = labeling(expr, fmt, QgsPalLayerSettings.OrderedPositionsAroundPoint, dist=0.5, priority=6)
    s.predefinedPositionOrder = [QgsPalLayerSettings.BottomRight, QgsPalLayerSettings.BottomLeft,
                                 QgsPalLayerSettings.TopRight, QgsPalLayerSettings.TopLeft,
                                 QgsPalLayerSettings.BottomMiddle, QgsPalLayerSettings.MiddleRight, QgsPalLayerSettings.MiddleLeft]
    apply_labels(layer, s)
    set_temporal(layer)


def arrow(fill, fill_alpha, stroke, stroke_width, stroke_style=Qt.SolidLine,
          width=1.6, start_width=1.0, head_length=3.6, head_thickness=2.4):
    a = QgsArrowSymbolLayer()
    a.setArrowWidth(width)
    a.setArrowStartWidth(start_width)
    a.setHeadLength(head_length)
    a.setHeadThickness(head_thickness)
    for setter in (a.setArrowWidthUnit, a.setArrowStartWidthUnit, a.setHeadLengthUnit, a.setHeadThicknessUnit):
        setter(QgsUnitTypes.RenderMillimeters)
    a.setHeadType(QgsArrowSymbolLayer.HeadSingle)
    a.setArrowType(QgsArrowSymbolLayer.ArrowPlain)
    a.setIsCurved(True)       # one smooth axis through the via points
    a.setIsRepeated(False)    # one head, at the destination
    # The arrow body is a polygon drawn by this fill sub-symbol: its outline
    # style (solid, dashed, dotted) is what makes an arrow read as planned.
    fl = simple_fill(fill, fill_alpha, stroke, stroke_width, stroke_style)
    a.setSubSymbol(symbol(QgsFillSymbol, [fl]))
    return a


def style_movements(layer):
    root = QgsRuleBasedRenderer.Rule(None)

    def rule(label, expr, layers):
        sym = symbol(QgsLineSymbol, layers)
        r = QgsRuleBasedRenderer.Rule(sym, 0, 0, expr, label)
        root.appendChild(r)

    halo = simple_line("#ffffff", 2.6, alpha=170)

    def by_kind(a, fill=True, stroke=True, alpha=None):
        # the arrow takes its kind's colour from the palette, as on the briefing map
        sl = a.subSymbol().symbolLayer(0)
        if fill:
            expr = kind_colour_expr()
            if alpha is not None:
                expr = "set_color_part(%s, 'alpha', %d)" % (expr, alpha)
            sl.setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, QgsProperty.fromExpression(expr))
        if stroke:
            sl.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromExpression(kind_colour_expr()))
        return a

    rule("Reported", "\"status\" = 'reported'",
         [halo.clone(), by_kind(arrow("#c62828", 235, "#5d1010", 0.25), alpha=235, stroke=False)])
    # Hollow arrows with a broken outline, in the kind's colour: the convention for a planned
    # axis (the map draws planned and considered alike).
    rule("Planned", "\"status\" = 'planned'", [by_kind(arrow("#c62828", 40, "#c62828", 0.55, Qt.DashLine), alpha=40)])
    rule("Considered", "\"status\" = 'considered'", [by_kind(arrow("#c62828", 30, "#c62828", 0.5, Qt.DotLine), alpha=30)])
    rule("Denied", "\"status\" = 'denied'", [arrow(DENIED, 110, DENIED_DARK, 0.3, Qt.DashLine)])
    else_rule = QgsRuleBasedRenderer.Rule(symbol(QgsLineSymbol, [arrow("#424242", 200, "#212121", 0.2)]), 0, 0, "ELSE", "Other")
    root.appendChild(else_rule)
    layer.setRenderer(QgsRuleBasedRenderer(root))

    expr = ("\"actors\" || ' · ' || \"kind\" || CASE WHEN \"status\" <> 'reported' THEN ' (' || \"status\" || ')' ELSE '' END "
            "|| ' · ' || format_date(\"date_start\", 'd MMM')")
    fmt = text_format(6.5, "#4a1010", italic=True, buffer=0.6)
    s = labeling(expr, fmt, QgsPalLayerSettings.Curved, dist=2.2, priority=3)
    s.placementFlags = QgsPalLayerSettings.AboveLine | QgsPalLayerSettings.BelowLine
    s.maxCurvedCharAngleIn = 25
    s.maxCurvedCharAngleOut = -25
    apply_labels(layer, s)
    set_temporal(layer)


def style_uncertainty(layer):
    root = QgsRuleBasedRenderer.Rule(None)
    amber = "#ff8f00"

    def rule(label, expr, fl):
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol(QgsFillSymbol, [fl]), 0, 0, expr, label))

    # 51/255 = 20 % opacity: the point of the circle is to be seen through. Large
    # circles and named areas (a governorate, a country) are fainter: a briefing has
    # many of them on top of each other and 20 % each soon turns the map orange.
    rule("Uncertainty circle, radius up to 25 km", "\"status\" <> 'denied' AND \"shape\" = 'circle' AND \"radius_m\" <= 25000",
         simple_fill(amber, 51, "#e65100", 0.3, Qt.DashLine))
    rule("Uncertainty circle, radius over 25 km", "\"status\" <> 'denied' AND \"shape\" = 'circle' AND \"radius_m\" > 25000",
         simple_fill(amber, 18, "#e65100", 0.25, Qt.DashLine))
    # area() is planar in the layer's degrees: 10 deg² is about 100,000 km² here, so a
    # governorate is filled and a country ("somewhere in Iraq") is only outlined.
    rule("Uncertainty area (district, governorate)",
         "\"status\" <> 'denied' AND \"shape\" = 'area' AND area($geometry) <= 10",
         simple_fill(amber, 26, "#ef6c00", 0.3, Qt.SolidLine))
    rule("Uncertainty area (a country or larger region)",
         "\"status\" <> 'denied' AND \"shape\" = 'area' AND area($geometry) > 10",
         simple_fill(amber, 0, "#ef6c00", 0.45, Qt.DashDotLine, brush=Qt.NoBrush))
    # a place known only to lie along a line (the border, a stretch of it, the segment
    # between two places), written as the line buffered by its width: a band, dashed edge
    rule("Uncertainty along a line (the border, a stretch of it, between two places)",
         "\"status\" <> 'denied' AND \"shape\" = 'line'",
         simple_fill(amber, 38, "#e65100", 0.35, Qt.DashLine))
    rule("Denied event", "\"status\" = 'denied'",
         simple_fill(DENIED, 30, DENIED_DARK, 0.25, Qt.DashLine))
    r = QgsRuleBasedRenderer(root)
    # Largest first, so a small circle is never buried under a province.
    r.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause("area($geometry)", False)]))
    r.setOrderByEnabled(True)
    layer.setRenderer(r)
    layer.setLabelsEnabled(False)
    set_temporal(layer)


def style_border(layer):
    sym = symbol(QgsLineSymbol, [
        simple_line("#f3e5f5", 3.4, alpha=230),                          # light casing
        simple_line("#7b1fa2", 2.2, alpha=90),                            # coloured band
        simple_line("#1a1a1a", 0.9, Qt.SolidLine, dash=[5.0, 1.4, 1.0, 1.4], cap=Qt.FlatCap),  # dash-dot
    ])
    layer.setRenderer(_single(sym))
    fmt = text_format(7.5, "#3b1a4a", bold=True, buffer=0.8, spacing=0.6)
    s = labeling("'IRAQ  ·  SYRIA'", fmt, QgsPalLayerSettings.Curved, dist=2.4, priority=2, obstacle=False)
    s.placementFlags = QgsPalLayerSettings.AboveLine
    s.repeatDistance = 90
    s.repeatDistanceUnit = QgsUnitTypes.RenderMillimeters
    apply_labels(layer, s)


def _single(sym):
    from qgis.core import QgsSingleSymbolRenderer
    return QgsSingleSymbolRenderer(sym)


def style_rivers(layer):
    sym = symbol(QgsLineSymbol, [simple_line("#4a90d9", 0.8)])
    layer.setRenderer(_single(sym))
    fmt = text_format(7.5, "#1f5d99", italic=True, buffer=0.7)
    # Parallel, not curved: QGIS 3.22 draws curved labels glyph by glyph, which
    # breaks Arabic joining and order, and puts both lines on one.
    s = labeling("\"name\" || '\\n' || \"name_ar\"", fmt, QgsPalLayerSettings.Line, dist=0.8, priority=3, obstacle=False,
                 multiline_align=QgsPalLayerSettings.MultiCenter)
    s.placementFlags = QgsPalLayerSettings.AboveLine | QgsPalLayerSettings.BelowLine | QgsPalLayerSettings.MapOrientation
    s.repeatDistance = 120
    s.repeatDistanceUnit = QgsUnitTypes.RenderMillimeters
    apply_labels(layer, s)


def style_areas(layer):
    fl = simple_fill("#9e9e9e", 10, "#8d8d8d", 0.35, Qt.SolidLine)
    layer.setRenderer(_single(symbol(QgsFillSymbol, [fl])))
    fmt = text_format(9, "#8a8a8a", bold=True, buffer=0.6, spacing=1.2)
    s = labeling("upper(\"name\") || '\\n' || \"name_ar\"", fmt, QgsPalLayerSettings.Horizontal, priority=1,
                   obstacle=False, multiline_align=QgsPalLayerSettings.MultiCenter)
    s.fitInPolygonOnly = True
    apply_labels(layer, s)


def style_sites(layer):
    cats = []
    for kind, label, fill, stroke, shape, size in SITE_KINDS:
        cats.append(QgsRendererCategory(kind, marker(shape, size, fill, stroke, 0.4), label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
    fmt = text_format(8.5, "#111111", buffer=0.9)
    s = labeling("coalesce(\"label\", \"name\" || '\\n' || \"name_ar\", \"name\")", fmt,
                   QgsPalLayerSettings.OrderedPositionsAroundPoint, dist=0.8, priority=9,
                   multiline_align=QgsPalLayerSettings.MultiFollowPlacement)
    s.predefinedPositionOrder = [QgsPalLayerSettings.MiddleRight, QgsPalLayerSettings.TopRight,
                                 QgsPalLayerSettings.BottomRight, QgsPalLayerSettings.MiddleLeft,
                                 QgsPalLayerSettings.TopLeft, QgsPalLayerSettings.BottomLeft,
                                 QgsPalLayerSettings.TopMiddle, QgsPalLayerSettings.BottomMiddle]
    s.dataDefinedProperties().setProperty(
        QgsPalLayerSettings.Bold, QgsProperty.fromExpression("\"kind\" IN ('city', 'town')"))
    s.dataDefinedProperties().setProperty(
        QgsPalLayerSettings.Size, QgsProperty.fromExpression("CASE WHEN \"kind\" = 'city' THEN 10 ELSE 8.5 END"))
    apply_labels(layer, s)


STYLERS = {
    "sites": style_sites,
    "events": style_events,
    "movements": style_movements,
    "uncertainty": style_uncertainty,
    "border": style_border,
    "rivers": style_rivers,
    "areas": style_areas,
}


def export_qml(layer, path):
    doc = QDomDocument()
    err = layer.exportNamedStyle(doc, QgsReadWriteContext(), QgsMapLayer.AllStyleCategories)
    if err:
        raise SystemExit(f"exportNamedStyle {path}: {err}")
    text = doc.toString(2)
    # The version string pins nothing in QGIS (any 3.x reads it) but keep it
    # stable across 3.22.x point releases so regenerating gives no noise.
    text = re.sub(r'version="3\.22\.\d+-', 'version="3.22.0-', text, count=1)
    # Rule keys are random UUIDs: number them so a rebuild gives the same bytes.
    keys = iter(range(1, 10_000))
    text = re.sub(r'key="\{[0-9a-f-]{36}\}"',
                  lambda m: 'key="{00000000-0000-4000-8000-%012d}"' % next(keys), text)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def main():
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    code = 0
    for name, styler in STYLERS.items():
        src = os.path.join(FIXTURE, name + ".geojson")
        layer = QgsVectorLayer(src, name, "ogr", QgsVectorLayer.LayerOptions(loadDefaultStyle=False))
        if not layer.isValid():
            print(f"error: cannot open {src}", file=sys.stderr)
            code = 1
            continue
        styler(layer)
        out = os.path.join(HERE, name + ".qml")
        export_qml(layer, out)
        shutil.copyfile(out, os.path.join(FIXTURE, name + ".qml"))
        print("wrote", out)
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()

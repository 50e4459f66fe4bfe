//! `bordermap render`: one pass over the resolved events feeds every feature sink (the GeoJSON
//! layers and the GeoPackage) and gathers the scene; the map, its PNG and PDF, and the charts
//! are then drawn from the scene. Everything is written into a staging folder that replaces
//! `--out` whole ([`super::staging`]), so a failure at any point leaves the old set as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::fields::{self, event_layer, site_values, Ctx, EventSchema};
use super::geojson::GeoJsonFiles;
use super::layer::{Feature, FeatureSink, Geom, GeomType, Layer, LayerId, Tee, Value};
use super::mapopts::MapOptions;
use super::scene::{Scene, SceneBuilder};
use super::staging::Staging;
use crate::actors::Actors;
use crate::basemap::Basemap;
use crate::border::Border;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::geom::circle_parts;
use crate::resolve::{Resolved, Shape, Uncertainty};

/// What a render needs besides the events.
pub struct RenderContext<'a> {
    pub gazetteer: &'a Gazetteer,
    pub border: &'a Border,
    pub actors: &'a Actors,
    pub map: &'a MapOptions,
    /// Whether the events include ACLED or UCDP rows (their fields join the event layers).
    pub imported: bool,
}

fn text(s: &str) -> Value<'_> {
    Value::Text(std::borrow::Cow::Borrowed(s))
}

/// The uncertainty features of one event.
pub fn uncertainty_features(r: &Resolved) -> Vec<Feature<'_>> {
    let e = &r.event;
    let mut out = Vec::new();
    for (i, s) in r.stops.iter().enumerate() {
        let (mp, radius, shape) = match &s.uncertainty {
            Uncertainty::Circle { lon, lat, radius_m } => {
                if !(lon.is_finite() && lat.is_finite() && radius_m.is_finite()) {
                    continue;
                }
                (
                    Arc::new(circle_parts(*lon, *lat, *radius_m, 64)),
                    *radius_m,
                    "circle",
                )
            }
            Uncertainty::Area(a) => (Arc::clone(a), 0.0, "area"),
            Uncertainty::Along { radius_m, area, .. } => (Arc::clone(area), *radius_m, "line"),
        };
        if mp.0.is_empty() {
            continue;
        }
        out.push(Feature {
            geom: Geom::MultiPolygon(mp),
            values: vec![
                Value::text(format!("{}#{}", r.id(), i + 1)),
                Value::text(r.id()),
                text(e.kind.as_str()),
                text(e.status.as_str()),
                Value::Date(e.period.start),
                Value::Date(e.period.end),
                Value::Date(e.period.end + chrono::Duration::days(1)),
                Value::Int(radius.round() as i64),
                text(shape),
                text(s.site_id().unwrap_or_default()),
            ],
        });
    }
    out
}

fn line_geom(line: &geo::LineString<f64>) -> Geom<'static> {
    Geom::Line(line.0.iter().map(|c| (c.x, c.y)).collect())
}

/// The layers of a render, in name order, with the event fields they carry.
struct Layers {
    list: Vec<Layer>,
    events: fields::EventFields,
    movements: fields::EventFields,
}

fn layers(imported: bool) -> Layers {
    let (events, ef) = event_layer(
        "events",
        GeomType::Point,
        EventSchema {
            imported,
            ..EventSchema::default()
        },
    );
    let (movements, mf) = event_layer(
        "movements",
        GeomType::LineString,
        EventSchema {
            route: true,
            imported,
            ..EventSchema::default()
        },
    );
    Layers {
        list: vec![
            fields::areas_layer(),
            fields::border_layer(),
            events,
            movements,
            fields::rivers_layer(),
            fields::sites_layer(),
            fields::uncertainty_layer(),
        ],
        events: ef,
        movements: mf,
    }
}

/// What the products gather from the stream besides the feature sinks: the scene, and the
/// HTML map's spooled event records.
struct Gather<'a, 'b> {
    scene: &'b mut SceneBuilder<'a>,
    html: &'b mut super::html::HtmlEvents,
}

/// Feeds the stream to the sinks, the scene and the HTML map's records. `sinks` has every
/// layer of `ls` begun, in order, as `ids`.
fn pass(
    events: &mut dyn Iterator<Item = Result<Resolved>>,
    sinks: &mut dyn FeatureSink,
    ids: &[LayerId],
    ls: &Layers,
    ctx: &RenderContext<'_>,
    basemap: &Basemap<'_>,
    gather: Gather<'_, '_>,
) -> Result<()> {
    let Gather { scene, html } = gather;
    let [areas, border, ev, mv, rivers, sites, unc] = ids else {
        return Err(Error::Other("render: the layers were not all begun".into()));
    };
    sinks.feature(
        *border,
        &Feature {
            geom: line_geom(&ctx.border.line),
            values: vec![
                text("iraq-syria-border"),
                text("Iraq–Syria border"),
                text("Natural Earth 10m admin_0_boundary_lines_land (public domain)"),
                fields::real_value(ctx.border.length_km(), 1),
            ],
        },
    )?;
    for r in &basemap.rivers {
        sinks.feature(
            *rivers,
            &Feature {
                geom: line_geom(&r.line),
                values: vec![
                    text(&r.id),
                    text(&r.name),
                    text(&r.name_ar),
                    text("GSHHG 2.3.7 WDBII rivers, extracted and modified (LGPL-3.0-or-later)"),
                ],
            },
        )?;
    }
    let fctx = Ctx { actors: ctx.actors };
    for r in events {
        let r = r?;
        match &r.shape {
            Shape::Point(x, y) => sinks.feature(
                *ev,
                &Feature {
                    geom: Geom::Point(*x, *y),
                    values: ls.events.values(&r, &fctx),
                },
            )?,
            Shape::Line(p) => sinks.feature(
                *mv,
                &Feature {
                    geom: Geom::Line(std::borrow::Cow::Borrowed(p)),
                    values: ls.movements.values(&r, &fctx),
                },
            )?,
        }
        for f in uncertainty_features(&r) {
            sinks.feature(*unc, &f)?;
        }
        html.add(&r, ctx.actors)?;
        scene.add(r);
    }
    let _ = (areas, sites);
    Ok(())
}

/// The layers' QML styles, beside the GeoJSON files.
fn write_styles(staging: &Staging, ls: &Layers) -> Result<()> {
    for l in &ls.list {
        if let Some(q) = l.style {
            staging.write(&format!("{}.qml", l.name), q.as_bytes())?;
        }
    }
    Ok(())
}

/// The products drawn from the scene: the briefing map (SVG, PNG, PDF) and the charts.
/// Rasterising the map and writing its PDF run on threads of their own; each product is made
/// from the same inputs alone, so its bytes do not depend on the scheduling.
fn products(
    scene: &Scene<'_>,
    ctx: &RenderContext<'_>,
    html: super::html::HtmlEvents,
    staging: &Staging,
) -> Result<()> {
    let map = ctx.map;
    let svg = super::map::svg(scene, map)?;
    let tree = super::raster::tree(&svg)?;
    let (png, pdf) = std::thread::scope(|s| {
        let png = s.spawn(|| super::raster::png_from_tree(&tree, map.dpi));
        let pdf = s.spawn(|| super::raster::pdf_from_tree(&tree));
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Vec<u8>>>, what: &str| {
            h.join()
                .unwrap_or_else(|_| Err(Error::Other(format!("{what} could not be made"))))
        };
        (join(png, "map.png"), join(pdf, "map.pdf"))
    });
    staging.write("map.png", &png?)?;
    staging.write("map.pdf", &pdf?)?;
    staging.write("map.svg", svg.as_bytes())?;
    staging.write("timeline.svg", super::charts::timeline(scene)?.as_bytes())?;
    staging.write("profile.svg", super::charts::profile(scene)?.as_bytes())?;
    let (mut w, shown) = staging.create("map.html")?;
    super::html::write(scene, map, html, &mut w)?;
    w.flush().map_err(|e| Error::io(shown, e))?;
    Ok(())
}

/// Renders every product of the stream into `out`, replacing it whole. Returns the files
/// written, or fails having changed nothing.
pub fn render(
    events: &mut dyn Iterator<Item = Result<Resolved>>,
    ctx: &RenderContext<'_>,
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let staging = Staging::begin(out)?;
    let basemap = Basemap::new(ctx.border, ctx.gazetteer)?;
    let ls = layers(ctx.imported);
    let mut geojson = GeoJsonFiles::new(|name: &str| staging.create(name));
    let mut gpkg = super::gpkg::GpkgSink::create(
        &staging.path("briefing.gpkg"),
        &staging.shown("briefing.gpkg"),
        "",
    )?;
    let mut builder = SceneBuilder::new(&basemap, ctx.gazetteer);
    let mut html = super::html::HtmlEvents::new(&staging.path(""), staging.shown("map.html"))?;
    let scene;
    {
        let mut tee = Tee::new(vec![&mut geojson, &mut gpkg]);
        let mut ids = Vec::new();
        for l in &ls.list {
            ids.push(tee.begin_layer(l)?);
        }
        pass(
            events,
            &mut tee,
            &ids,
            &ls,
            ctx,
            &basemap,
            Gather {
                scene: &mut builder,
                html: &mut html,
            },
        )?;
        scene = builder.finish(ctx.actors);
        if scene.stats.total == 0 {
            return Err(Error::Empty("no event to render".into()));
        }
        for s in &scene.sites {
            tee.feature(
                ids[5],
                &Feature {
                    geom: Geom::Point(s.lon, s.lat),
                    values: site_values(s, ctx.border),
                },
            )?;
        }
        for (s, a) in &scene.areas {
            tee.feature(
                ids[0],
                &Feature {
                    geom: Geom::MultiPolygon(Arc::clone(a)),
                    values: vec![
                        text(&s.id),
                        text(&s.name),
                        text(s.name_ar.as_deref().unwrap_or_default()),
                        text(s.kind.as_str()),
                        text(&s.country),
                        text(&s.source),
                    ],
                },
            )?;
        }
        for id in ids {
            tee.end_layer(id)?;
        }
    }
    // the file's timestamps come from the data: the newest publication date
    let newest = scene.stats.newest_published.unwrap_or_default();
    gpkg.set_stamp(&format!("{}T00:00:00.000Z", newest.format("%Y-%m-%d")));
    geojson.finish()?;
    gpkg.finish()?;
    drop(geojson);
    write_styles(&staging, &ls)?;
    products(&scene, ctx, html, &staging)?;
    staging.commit()
}

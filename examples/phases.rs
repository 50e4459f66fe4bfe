//! Times the phases of the default render (a development aid; tools/measure.sh gives the
//! user-facing figures).
use bordermap::{actors::Actors, border::Border, gazetteer::Gazetteer, report, resolve};
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let g = Gazetteer::builtin().unwrap();
    let b = Border::builtin().unwrap();
    let a = Actors::builtin().unwrap();
    let reports = report::load(&[], &g, &a, &b).unwrap();
    let r = resolve::Resolver::new(&g, &b);
    let res = resolve::resolve_all(&reports, &r, &resolve::Filter::default(), &a);
    println!("load+resolve {:?}", t.elapsed());
    let t = Instant::now();
    let layers = bordermap::output::render::layers(&res, &g, &b, &a).unwrap();
    println!("layers {:?}", t.elapsed());
    let t = Instant::now();
    let styles = std::collections::BTreeMap::new();
    let _ = bordermap::output::gpkg::write(
        &layers,
        &styles,
        "2025-01-01T00:00:00.000Z",
        &bordermap::output::render::layer_geom,
    )
    .unwrap();
    println!("gpkg {:?}", t.elapsed());
    let o = bordermap::output::mapopts::MapOptions::default();
    let t = Instant::now();
    let svg = bordermap::output::map::svg(&res, &g, &b, &a, &o).unwrap();
    println!("map svg {:?}", t.elapsed());
    let t = Instant::now();
    let tree = bordermap::output::raster::tree(&svg).unwrap();
    println!("usvg tree {:?}", t.elapsed());
    let t = Instant::now();
    let _ = bordermap::output::raster::png_from_tree(&tree, o.dpi).unwrap();
    println!("png {:?}", t.elapsed());
    let t = Instant::now();
    let _ = bordermap::output::raster::pdf_from_tree(&tree).unwrap();
    println!("pdf {:?}", t.elapsed());
    let t = Instant::now();
    let _ = bordermap::output::charts::timeline(&res, &a).unwrap();
    let _ = bordermap::output::charts::profile(&res, &b).unwrap();
    println!("charts {:?}", t.elapsed());
}

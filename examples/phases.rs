//! Times the phases of the default render (a development aid; tools/measure.sh gives the
//! user-facing figures).
use bordermap::basemap::Basemap;
use bordermap::output::scene::Scene;
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
    let bm = Basemap::new(&b, &g).unwrap();
    let scene = Scene::of(res, &bm, &g, &a);
    println!("scene {:?}", t.elapsed());
    let o = bordermap::output::mapopts::MapOptions::default();
    let t = Instant::now();
    let svg = bordermap::output::map::svg(&scene, &o).unwrap();
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
    let _ = bordermap::output::charts::timeline(&scene).unwrap();
    let _ = bordermap::output::charts::profile(&scene).unwrap();
    println!("charts {:?}", t.elapsed());
}

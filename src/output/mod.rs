//! Everything bordermap writes. Events are resolved once ([`crate::resolve`]) and stream
//! through one pass: each feature format is a [`layer::FeatureSink`] fed the layers declared
//! in [`fields`]; the map, the charts and the other products draw the [`scene::Scene`] that
//! the same pass gathers. [`render`] runs that pass; [`staging`] swaps its output folder in
//! whole.

pub mod charts;
pub mod fields;
pub mod fonts;
pub mod geojson;
pub mod gpkg;
pub mod layer;
pub mod map;
pub mod mapopts;
pub mod palette;
pub mod raster;
pub mod render;
pub mod scene;
pub mod staging;
pub mod styles;
pub mod tables;

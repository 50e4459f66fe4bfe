//! Everything bordermap writes. Events are resolved once ([`crate::resolve`]) and stream
//! through one pass: each feature format is a [`layer::FeatureSink`] fed the layers declared
//! in [`fields`]; the map, the charts and the other products draw the [`scene::Scene`] that
//! the same pass gathers. [`render`] runs that pass; [`staging`] swaps its output folder in
//! whole.

#[cfg(feature = "map")]
pub mod charts;
pub mod fields;
#[cfg(feature = "map")]
pub mod fonts;
pub mod geojson;
#[cfg(feature = "gpkg")]
pub mod gpkg;
#[cfg(feature = "html")]
pub mod html;
pub mod layer;
#[cfg(feature = "map")]
pub mod map;
pub mod mapopts;
pub mod palette;
#[cfg(feature = "raster")]
pub mod raster;
#[cfg(feature = "render")]
pub mod render;
pub mod scene;
pub mod staging;
pub mod styles;
pub mod tables;

//! Writers. Events are resolved once ([`crate::resolve`]); each writer reads the same
//! [`Resolved`](crate::resolve::Resolved) list and the same typed fields ([`fields`]).

pub mod atomic;
pub mod charts;
pub mod fields;
pub mod geojson;
pub mod gpkg;
pub mod map;
pub mod mapopts;
pub mod raster;
pub mod render;
pub mod styles;

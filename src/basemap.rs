//! The basemap every product draws on: the border and country outlines ([`Border`]), the
//! governorate and region polygons (from the gazetteer), and the rivers, loaded once.

use std::collections::HashMap;
use std::sync::Arc;

use geo::{LineString, MultiPolygon};

use crate::border::{read_features, Border};
use crate::data;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;

/// A named line of the basemap (a river).
#[derive(Debug, Clone)]
pub struct NamedLine {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub line: LineString<f64>,
}

/// The rivers of `gazetteer/rivers.geojson`, by id.
pub fn rivers() -> Result<Vec<NamedLine>> {
    let (f, t) = data::RIVERS_GEOJSON;
    let mut out = Vec::new();
    for (props, g) in read_features(f, t).map_err(|d| Error::Invalid(vec![d]))? {
        let name = props
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let name_ar = match name.as_str() {
            "Euphrates" => "الفرات",
            "Tigris" => "دجلة",
            "Khabur" => "الخابور",
            _ => "",
        };
        if let geo::Geometry::LineString(line) = g {
            out.push(NamedLine {
                id: name.to_lowercase(),
                name_ar: name_ar.into(),
                name,
                line,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// The basemap of one run.
pub struct Basemap<'a> {
    pub border: &'a Border,
    /// Governorate and region polygons, by area id.
    pub areas: &'a HashMap<String, Arc<MultiPolygon<f64>>>,
    pub rivers: Vec<NamedLine>,
    /// The corridor's ends beyond the border itself: Deir ez-Zor and Hit (lon, lat).
    pub corridor_ends: Vec<(f64, f64)>,
}

impl<'a> Basemap<'a> {
    pub fn new(border: &'a Border, gazetteer: &'a Gazetteer) -> Result<Basemap<'a>> {
        let corridor_ends = [("deir-ez-zor", (40.14, 35.34)), ("hit", (42.83, 33.64))]
            .iter()
            .map(|(id, fallback)| {
                gazetteer
                    .get(id)
                    .map(|s| (s.lon, s.lat))
                    .unwrap_or(*fallback)
            })
            .collect();
        Ok(Basemap {
            border,
            areas: gazetteer.areas(),
            rivers: rivers()?,
            corridor_ends,
        })
    }
}

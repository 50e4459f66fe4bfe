//! The shared look of events: one colour per kind and one look per status, from
//! `styles/palette.toml`, which `styles/build_styles.py` reads for the QGIS styles too.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::event::{EventKind, Status};

#[derive(Deserialize)]
struct File {
    status: StatusLook,
    kind: Vec<KindLook>,
}

#[derive(Deserialize, Clone)]
struct StatusLook {
    denied: String,
    denied_fill: String,
    #[allow(dead_code)]
    denied_dark: String,
    hedged_fill: String,
}

/// How a kind is drawn.
#[derive(Deserialize, Clone, Debug)]
pub struct KindLook {
    pub id: String,
    pub colour: String,
    pub map_shape: String,
    pub qgis_shape: String,
    pub qgis_size_mm: f64,
}

/// The palette, read once.
pub struct Palette {
    kinds: Vec<KindLook>,
    status: StatusLook,
}

/// The palette file, compiled in.
pub const PALETTE_TOML: &str = include_str!("../../styles/palette.toml");

fn fallback(k: EventKind) -> KindLook {
    KindLook {
        id: k.as_str().into(),
        colour: "#777777".into(),
        map_shape: "dot".into(),
        qgis_shape: "circle".into(),
        qgis_size_mm: 3.0,
    }
}

impl Palette {
    /// The compiled-in palette (a kind missing from it is drawn grey; a test checks none is).
    pub fn get() -> &'static Palette {
        static P: OnceLock<Palette> = OnceLock::new();
        P.get_or_init(|| {
            let f: Option<File> = toml::from_str(PALETTE_TOML).ok();
            let (list, status) = match f {
                Some(f) => (f.kind, f.status),
                None => (
                    Vec::new(),
                    StatusLook {
                        denied: "#8a8a8a".into(),
                        denied_fill: "#d6d6d6".into(),
                        denied_dark: "#6e6e6e".into(),
                        hedged_fill: "#ffffff".into(),
                    },
                ),
            };
            let by_id: HashMap<String, KindLook> =
                list.into_iter().map(|k| (k.id.clone(), k)).collect();
            let kinds = EventKind::ALL
                .iter()
                .map(|k| {
                    by_id
                        .get(k.as_str())
                        .cloned()
                        .unwrap_or_else(|| fallback(*k))
                })
                .collect();
            Palette { kinds, status }
        })
    }

    pub fn kind(&self, k: EventKind) -> &KindLook {
        &self.kinds[k.index()]
    }

    /// Grey for what a source says did not happen.
    pub fn denied(&self) -> &str {
        &self.status.denied
    }

    /// Fill and stroke of an event symbol: reported is filled; planned and considered are
    /// hollow; denied is grey.
    pub fn status_paint(&self, k: EventKind, st: Status) -> (&str, &str) {
        match st {
            Status::Reported => (&self.kind(k).colour, "#ffffff"),
            Status::Planned | Status::Considered => {
                (&self.status.hedged_fill, &self.kind(k).colour)
            }
            Status::Denied => (&self.status.denied_fill, &self.status.denied),
        }
    }
}

/// The colour of an event kind.
pub fn kind_color(k: EventKind) -> &'static str {
    &Palette::get().kind(k).colour
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_colour_and_shape() {
        let f: File = toml::from_str(PALETTE_TOML).expect("styles/palette.toml parses");
        for k in EventKind::ALL {
            assert!(
                f.kind.iter().any(|x| x.id == k.as_str()),
                "{} missing from the palette",
                k.as_str()
            );
        }
        let mut colours: Vec<&str> = f.kind.iter().map(|k| k.colour.as_str()).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), f.kind.len(), "two kinds share a colour");
    }
}

//! What the briefing map shows and at what size: the validated form of `render`'s map options.

use crate::error::{Error, Result};

/// Which part of the world the map frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// The whole border and the Euphrates from Deir ez-Zor to Hit.
    Corridor,
    /// Iraq, Syria and their capitals (Damascus to Baghdad).
    Region,
    /// The events' own extent, with a margin.
    Auto,
}

/// The briefing map's options.
#[derive(Debug, Clone)]
pub struct MapOptions {
    pub extent: Extent,
    /// West, south, east, north in degrees; overrides `extent`.
    pub bbox: Option<[f64; 4]>,
    pub title: String,
    /// Width and height in CSS pixels (1/96 in).
    pub width: u32,
    pub height: u32,
    /// Raster resolution of map.png, dots per inch.
    pub dpi: f64,
    /// Arabic labels beside English ones.
    pub arabic: bool,
    /// The filters in force, in words (for the subtitle).
    pub filters: String,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            extent: Extent::Corridor,
            bbox: None,
            title: "Armed groups' movements on the Iraq–Syria border".into(),
            width: 1600,
            height: 1000,
            dpi: 150.0,
            arabic: true,
            filters: String::new(),
        }
    }
}

/// Parses `--bbox W,S,E,N`.
pub fn parse_bbox(s: &str) -> Result<[f64; 4]> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let bad = |m: &str| {
        Error::Usage(format!(
            "--bbox {s:?}: {m}; give west,south,east,north in degrees, e.g. 38.5,32.5,43.5,37.5"
        ))
    };
    if parts.len() != 4 {
        return Err(bad("expected four numbers"));
    }
    let mut v = [0.0; 4];
    for (i, p) in parts.iter().enumerate() {
        v[i] = p
            .parse::<f64>()
            .map_err(|_| bad(&format!("{p:?} is not a number")))?;
        if !v[i].is_finite() {
            return Err(bad("numbers must be finite"));
        }
    }
    let [w, so, e, n] = v;
    if !(-180.0..=180.0).contains(&w) || !(-180.0..=180.0).contains(&e) {
        return Err(bad("longitudes must be within -180..180"));
    }
    if !(-90.0..=90.0).contains(&so) || !(-90.0..=90.0).contains(&n) {
        return Err(bad("latitudes must be within -90..90"));
    }
    if w >= e {
        return Err(bad(&format!("west {w} must be less than east {e}")));
    }
    if so >= n {
        return Err(bad(&format!("south {so} must be less than north {n}")));
    }
    Ok(v)
}

/// Parses `--size WxH` in pixels.
pub fn parse_size(s: &str) -> Result<(u32, u32)> {
    let bad = |m: &str| {
        Error::Usage(format!(
            "--size {s:?}: {m}; give width x height in pixels, e.g. 1600x1000"
        ))
    };
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| bad("expected WIDTHxHEIGHT"))?;
    let w: u32 = w
        .trim()
        .parse()
        .map_err(|_| bad("width is not a whole number"))?;
    let h: u32 = h
        .trim()
        .parse()
        .map_err(|_| bad("height is not a whole number"))?;
    if !(400..=10_000).contains(&w) || !(300..=10_000).contains(&h) {
        return Err(bad("width must be 400 to 10000 and height 300 to 10000"));
    }
    Ok((w, h))
}

/// The most pixels map.png may have: 100 million (a 400 MB image in memory while it is drawn).
pub const MAX_PIXELS: f64 = 100e6;

/// Checks that `--size` at `--dpi` stays within [`MAX_PIXELS`].
pub fn check_pixels(width: u32, height: u32, dpi: f64) -> Result<()> {
    let k = dpi / 96.0;
    let (w, h) = ((width as f64 * k).ceil(), (height as f64 * k).ceil());
    if w * h > MAX_PIXELS {
        return Err(Error::Usage(format!(
            "--size {width}x{height} at --dpi {dpi} makes map.png {w:.0} x {h:.0} = {:.0} million pixels, more than the {:.0} million allowed; lower --dpi or --size (the SVG and PDF are vector and need neither)",
            w * h / 1e6,
            MAX_PIXELS / 1e6
        )));
    }
    Ok(())
}

/// Checks `--dpi`.
pub fn check_dpi(dpi: f64) -> Result<f64> {
    if !(dpi.is_finite() && (36.0..=600.0).contains(&dpi)) {
        return Err(Error::Usage(format!(
            "--dpi {dpi}: give a resolution from 36 to 600"
        )));
    }
    Ok(dpi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_boxes_and_sizes_are_refused() {
        assert!(parse_bbox("38.5,32.5,43.5,37.5").is_ok());
        assert!(parse_bbox("43.5,32.5,38.5,37.5")
            .unwrap_err()
            .to_string()
            .contains("west"));
        assert!(parse_bbox("38,32,43,97").is_err());
        assert!(parse_bbox("38,32,43").is_err());
        assert!(parse_bbox("a,b,c,d").is_err());
        assert_eq!(parse_size("1600x1000").unwrap(), (1600, 1000));
        assert!(parse_size("0x0").is_err());
        assert!(parse_size("1600").is_err());
        assert!(check_dpi(0.0).is_err());
        assert!(check_pixels(1600, 1000, 150.0).is_ok());
        assert!(check_pixels(10_000, 10_000, 96.0).is_ok());
        let e = check_pixels(10_000, 10_000, 600.0).unwrap_err().to_string();
        assert!(e.contains("--dpi") && e.contains("million"), "{e}");
        assert!(check_pixels(4000, 4000, 600.0).is_err());
    }
}

//! The briefing map as PNG and PDF, drawn in-process from its SVG with the fonts shipped in
//! `fonts/` (Noto Sans Regular and Bold, Noto Sans Arabic; SIL OFL 1.1, `fonts/OFL.txt`). No
//! system font is consulted, so every machine draws the same picture.

use std::sync::Arc;

use usvg::fontdb;

use crate::error::{Error, Result};

use super::fonts::FONTS;

/// A font database holding only the shipped fonts, `sans-serif` mapped to Noto Sans.
pub fn font_database() -> Result<fontdb::Database> {
    let mut db = fontdb::Database::new();
    for (file, bytes, family) in FONTS {
        let before = db.len();
        db.load_font_data(bytes.to_vec());
        let loaded = db.faces().skip(before).any(|f| {
            f.families
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(family))
        });
        if db.len() == before || !loaded {
            return Err(Error::Other(format!(
                "the shipped font fonts/{file} could not be loaded (expected the {family} family)"
            )));
        }
    }
    db.set_sans_serif_family("Noto Sans");
    Ok(db)
}

fn options() -> Result<usvg::Options<'static>> {
    let mut opt = usvg::Options {
        font_family: "Noto Sans".to_string(),
        ..usvg::Options::default()
    };
    opt.fontdb = Arc::new(font_database()?);
    Ok(opt)
}

/// Parses an SVG the way the PNG and PDF writers see it.
pub fn tree(svg: &str) -> Result<usvg::Tree> {
    let opt = options()?;
    usvg::Tree::from_str(svg, &opt)
        .map_err(|e| Error::Other(format!("the map's SVG could not be read back: {e}")))
}

/// The SVG drawn at `dpi` (96 dpi is one pixel per CSS pixel), as PNG bytes.
pub fn png(svg: &str, dpi: f64) -> Result<Vec<u8>> {
    let tree = tree(svg)?;
    png_from_tree(&tree, dpi)
}

/// Like [`png`] from an already-parsed tree.
pub fn png_from_tree(tree: &usvg::Tree, dpi: f64) -> Result<Vec<u8>> {
    let scale = (dpi / 96.0) as f32;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or_else(|| {
        Error::Other(format!(
            "map.png: a {w}x{h} pixel image is too large to draw; lower --dpi or --size"
        ))
    })?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Other(format!("map.png could not be encoded: {e}")))
}

/// The SVG as a one-page vector PDF, fonts embedded, the page the SVG's size at 96 px/in.
///
/// The PDF of a map, its text drawn as outlines. svg2pdf writes embedded fonts in hash-map
/// order, which changes from run to run; outlines keep the file byte-for-byte reproducible
/// and print the same. (The SVG keeps real, selectable `<text>`.)
pub fn pdf(svg: &str) -> Result<Vec<u8>> {
    let tree = tree(svg)?;
    pdf_from_tree(&tree)
}

/// Like [`pdf`] from an already-parsed tree.
pub fn pdf_from_tree(tree: &usvg::Tree) -> Result<Vec<u8>> {
    let pdf = svg2pdf::to_pdf(
        tree,
        svg2pdf::ConversionOptions {
            embed_text: false,
            ..svg2pdf::ConversionOptions::default()
        },
        svg2pdf::PageOptions { dpi: 96.0 },
    )
    .map_err(|e| Error::Other(format!("map.pdf could not be made: {e}")))?;
    Ok(sort_resource_entries(pdf))
}

/// Puts the entries of every resource sub-dictionary (`/ExtGState << ... >>`, `/XObject`,
/// `/Pattern`, `/Shading`, `/ColorSpace`, `/Font`) in name order. svg2pdf writes them, one per
/// line, in hash-map order; a permutation of whole lines moves no object, so the cross-
/// reference table stays exact and the file becomes the same on every run.
pub fn sort_resource_entries(mut pdf: Vec<u8>) -> Vec<u8> {
    const HEADS: [&[u8]; 6] = [
        b"/ExtGState <<\n",
        b"/XObject <<\n",
        b"/Pattern <<\n",
        b"/Shading <<\n",
        b"/ColorSpace <<\n",
        b"/Font <<\n",
    ];
    let mut i = 0;
    while i < pdf.len() {
        let Some(head) = HEADS.iter().find(|h| pdf[i..].starts_with(h)) else {
            i += 1;
            continue;
        };
        let start = i + head.len();
        // the entries: lines up to the one that closes the dictionary
        let mut lines: Vec<(usize, usize)> = Vec::new();
        let mut j = start;
        let mut closed = false;
        while j < pdf.len() {
            let end = pdf[j..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(pdf.len(), |p| j + p + 1);
            let line = &pdf[j..end];
            let body = line
                .iter()
                .skip_while(|b| **b == b' ')
                .copied()
                .collect::<Vec<u8>>();
            if body.starts_with(b">>") {
                closed = true;
                break;
            }
            if !body.starts_with(b"/") || body.windows(2).any(|w| w == b"<<") {
                break;
            }
            lines.push((j, end));
            j = end;
        }
        if closed && lines.len() > 1 {
            let mut sorted: Vec<Vec<u8>> = lines.iter().map(|&(a, b)| pdf[a..b].to_vec()).collect();
            sorted.sort();
            let joined: Vec<u8> = sorted.concat();
            pdf[start..j].copy_from_slice(&joined);
        }
        i = j.max(i + 1);
    }
    pdf
}

#[cfg(test)]
mod sort_tests {
    use super::sort_resource_entries;

    #[test]
    fn resource_entries_are_sorted_in_place() {
        let a = b"1 0 obj\n<<\n  /ExtGState <<\n    /gs1 9 0 R\n    /gs0 8 0 R\n  >>\n>>\nendobj\n"
            .to_vec();
        let b = b"1 0 obj\n<<\n  /ExtGState <<\n    /gs0 8 0 R\n    /gs1 9 0 R\n  >>\n>>\nendobj\n"
            .to_vec();
        let (sa, sb) = (
            sort_resource_entries(a.clone()),
            sort_resource_entries(b.clone()),
        );
        assert_eq!(sa, sb);
        assert_eq!(sa.len(), a.len());
        // a nested dictionary is left alone
        let nested = b"/Pattern <<\n  /p0 << /x 1 >>\n  /a 2 0 R\n>>\n".to_vec();
        assert_eq!(sort_resource_entries(nested.clone()), nested);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_fonts_load() {
        let db = font_database().unwrap();
        assert_eq!(db.len(), 3);
    }

    #[test]
    fn arabic_text_draws() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-size="30" font-family="Noto Sans, Noto Sans Arabic, sans-serif">البوكمال</text></svg>"#;
        let t = tree(svg).unwrap();
        assert!(t.root().has_children());
        assert!(!png(svg, 96.0).unwrap().is_empty());
    }
}

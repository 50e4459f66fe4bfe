//! The fonts shipped in `fonts/` (Noto Sans Regular and Bold, Noto Sans Arabic; SIL OFL 1.1,
//! `fonts/OFL.txt`), compiled in: the map measures its labels with them and the PNG and PDF
//! are drawn with them, so every machine draws the same picture.

/// Noto Sans Regular.
pub const NOTO_SANS_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSans-Regular.ttf"
));
/// Noto Sans Bold.
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSans-Bold.ttf"
));
/// Noto Sans Arabic Regular.
pub const NOTO_SANS_ARABIC: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSansArabic-Regular.ttf"
));

/// The shipped fonts as (file name, bytes, family the file must hold).
pub const FONTS: [(&str, &[u8], &str); 3] = [
    ("NotoSans-Regular.ttf", NOTO_SANS_REGULAR, "Noto Sans"),
    ("NotoSans-Bold.ttf", NOTO_SANS_BOLD, "Noto Sans"),
    (
        "NotoSansArabic-Regular.ttf",
        NOTO_SANS_ARABIC,
        "Noto Sans Arabic",
    ),
];

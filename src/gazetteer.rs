//! The gazetteer: named sites with cited coordinates, and name look-up over every spelling.
//!
//! Three tiers, in order of trust: the curated sites of `gazetteer/sites/*.toml` (compiled in),
//! a user's own file given with `--gazetteer` (adds sites, or replaces a curated one with the
//! same id), and the GeoNames populated places of `gazetteer/geonames.tsv`. A GeoNames place
//! that a curated site cites, or that a curated site of the same name stands within 10 km of,
//! is never offered separately: curated entries win.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::tomlread::{Doc, Table};
use geo::MultiPolygon;
use rstar::primitives::GeomWithData;
use rstar::RTree;

use crate::border::{Border, Side};
use crate::data;
use crate::error::{read_utf8, Diagnostic, Error, Location, Result};
use crate::fold;
use crate::nameindex::{IndexBuilder, NameIndex};

/// What a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SiteKind {
    City,
    Town,
    Village,
    District,
    Crossing,
    Base,
    Airfield,
    OilField,
    GasField,
    Facility,
    Province,
    Region,
    River,
    Border,
    Country,
}

impl SiteKind {
    pub const ALL: [SiteKind; 15] = [
        SiteKind::City,
        SiteKind::Town,
        SiteKind::Village,
        SiteKind::District,
        SiteKind::Crossing,
        SiteKind::Base,
        SiteKind::Airfield,
        SiteKind::OilField,
        SiteKind::GasField,
        SiteKind::Facility,
        SiteKind::Province,
        SiteKind::Region,
        SiteKind::River,
        SiteKind::Border,
        SiteKind::Country,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::City => "city",
            SiteKind::Town => "town",
            SiteKind::Village => "village",
            SiteKind::District => "district",
            SiteKind::Crossing => "crossing",
            SiteKind::Base => "base",
            SiteKind::Airfield => "airfield",
            SiteKind::OilField => "oil-field",
            SiteKind::GasField => "gas-field",
            SiteKind::Facility => "facility",
            SiteKind::Province => "province",
            SiteKind::Region => "region",
            SiteKind::River => "river",
            SiteKind::Border => "border",
            SiteKind::Country => "country",
        }
    }

    pub fn parse(s: &str) -> Option<SiteKind> {
        SiteKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Places that are points on the ground (as opposed to areas and lines).
    pub fn is_point(self) -> bool {
        !matches!(
            self,
            SiteKind::Province
                | SiteKind::Region
                | SiteKind::River
                | SiteKind::Border
                | SiteKind::Country
        )
    }

    /// Settlements: the kinds whose coordinates must stand within 3 km of their cited source.
    pub fn is_settlement(self) -> bool {
        matches!(self, SiteKind::City | SiteKind::Town | SiteKind::Village)
    }

    /// Order among candidates that match equally well: settlements before what is named after
    /// them (a town before its crossing), areas last.
    fn rank(self) -> u8 {
        match self {
            SiteKind::City | SiteKind::Town => 0,
            SiteKind::Village => 1,
            SiteKind::District => 2,
            SiteKind::Crossing => 3,
            SiteKind::Base | SiteKind::Airfield => 4,
            SiteKind::OilField | SiteKind::GasField | SiteKind::Facility => 5,
            SiteKind::Province => 6,
            SiteKind::Region | SiteKind::Border | SiteKind::River => 7,
            SiteKind::Country => 8,
        }
    }
}

/// Where a site comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Curated,
    User,
    GeoNames,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Curated => "curated",
            Tier::User => "user",
            Tier::GeoNames => "geonames",
        }
    }
}

/// A named place with cited coordinates.
#[derive(Debug, Clone)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub aliases: Vec<String>,
    pub kind: SiteKind,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub admin1: String,
    /// Longitude, WGS 84 degrees.
    pub lon: f64,
    /// Latitude, WGS 84 degrees.
    pub lat: f64,
    /// The radius within which the place lies, in metres.
    pub precision_m: f64,
    /// Citation for the coordinates: `geonames:ID`, `url:...` or `geodata:FILE`.
    pub source: String,
    pub source_note: Option<String>,
    /// Id of its polygon in `gazetteer/areas.geojson`.
    pub area: Option<String>,
    /// On the border or the Euphrates corridor.
    pub corridor: bool,
    /// Ids of sites that legitimately share one of this site's names.
    pub shares_names_with: Vec<String>,
    pub population: u64,
    pub tier: Tier,
    /// Where the site is defined (file and line).
    pub origin: Location,
    /// A position given relative to other sites (`near` + `distance_km` + `bearing`, or
    /// `between`), computed when the gazetteer is built; `lon`/`lat` hold the result.
    pub relative: Option<Relative>,
}

/// A position given relative to known sites, as reports word it.
#[derive(Debug, Clone, PartialEq)]
pub enum Relative {
    /// "5 km west of Hajin": the site, the distance and the bearing (degrees from north).
    Offset {
        of: String,
        km: f64,
        bearing: f64,
        words: String,
    },
    /// "between Albukamal and the Al-Qaim crossing": the two sites.
    Between { a: String, b: String },
}

impl Relative {
    /// The derivation in words, for outputs.
    pub fn words(&self) -> String {
        match self {
            Relative::Offset { of, km, words, .. } => format!("{km} km {words} of {of}"),
            Relative::Between { a, b } => format!("between {a} and {b}"),
        }
    }
}

/// A compass bearing in words or degrees: "west", "north-east", "NE", "270".
pub fn parse_bearing(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase().replace(['-', ' ', '_'], "");
    let named = [
        ("n", 0.0),
        ("north", 0.0),
        ("nne", 22.5),
        ("northnortheast", 22.5),
        ("ne", 45.0),
        ("northeast", 45.0),
        ("ene", 67.5),
        ("eastnortheast", 67.5),
        ("e", 90.0),
        ("east", 90.0),
        ("ese", 112.5),
        ("eastsoutheast", 112.5),
        ("se", 135.0),
        ("southeast", 135.0),
        ("sse", 157.5),
        ("southsoutheast", 157.5),
        ("s", 180.0),
        ("south", 180.0),
        ("ssw", 202.5),
        ("southsouthwest", 202.5),
        ("sw", 225.0),
        ("southwest", 225.0),
        ("wsw", 247.5),
        ("westsouthwest", 247.5),
        ("w", 270.0),
        ("west", 270.0),
        ("wnw", 292.5),
        ("westnorthwest", 292.5),
        ("nw", 315.0),
        ("northwest", 315.0),
        ("nnw", 337.5),
        ("northnorthwest", 337.5),
    ];
    if let Some((_, b)) = named.iter().find(|(n, _)| *n == t) {
        return Some(*b);
    }
    t.parse::<f64>()
        .ok()
        .filter(|b| b.is_finite() && (0.0..=360.0).contains(b))
}

impl Site {
    /// Every name of the site: primary, Arabic, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.name_ar.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The cited GeoNames id, when the source is `geonames:ID`.
    pub fn geonames_id(&self) -> Option<u64> {
        self.source.strip_prefix("geonames:")?.trim().parse().ok()
    }
}

const SITE_KEYS: &[&str] = &[
    "id",
    "name",
    "name_ar",
    "aliases",
    "kind",
    "country",
    "admin1",
    "lon",
    "lat",
    "precision_m",
    "source",
    "source_note",
    "area",
    "corridor",
    "shares_names_with",
    "near",
    "distance_km",
    "bearing",
    "between",
];

/// Turns a TOML parse error into a diagnostic at its position.
pub fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let loc = match e.span() {
        Some(s) => Location::at_offset(file, text, s.start),
        None => Location::file(file),
    };
    Diagnostic::error(loc, format!("not valid TOML: {}", e.message().trim()))
}

/// Reads the sites of one TOML file. Problems that stop a site from being usable are
/// returned as diagnostics; the site is then left out.
pub fn parse_sites(file: &str, text: &str, tier: Tier, diags: &mut Vec<Diagnostic>) -> Vec<Site> {
    let Some(doc) = Doc::parse(file, text, diags) else {
        return Vec::new();
    };
    let root = doc.root();
    root.check_keys(&["site"], diags);
    site_tables(&root.tables("site", diags), tier, diags)
}

/// Reads `[[site]]` tables of a gazetteer file.
pub fn site_tables(tables: &[Table<'_, '_>], tier: Tier, diags: &mut Vec<Diagnostic>) -> Vec<Site> {
    site_tables_of(tables, tier, false, diags)
}

/// The citation a report's own site may give: the report itself (its `[source]`).
pub const REPORT_SOURCE: &str = "report";

/// Reads `[[site]]` tables; `in_report` for the tables of a report that brings its own places,
/// which may cite the report itself (`source = "report"`).
pub fn site_tables_of(
    tables: &[Table<'_, '_>],
    tier: Tier,
    in_report: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Site> {
    let mut out = Vec::new();
    for t in tables {
        let origin = t.loc();
        let id = t.str("id", diags).map(|s| s.value.trim().to_string());
        let shown = id.clone().unwrap_or_else(|| "(no id)".into());
        let t = t.clone().with_ctx(format!("site {shown}: "));
        t.check_keys(SITE_KEYS, diags);
        let n0 = diags.len();
        match &id {
            None if !t.has("id") => t.missing("id", "lowercase letters, digits and hyphens", diags),
            Some(id) if !crate::validate::is_slug(id) => t.err_at(
                diags,
                t.loc_of("id"),
                format!("site id {id:?} must be lowercase ASCII letters, digits and hyphens"),
            ),
            _ => {}
        }
        let name = t.req_str("name", "the name most reports use", diags);
        if let Some(n) = &name {
            if n.value.trim().is_empty() {
                t.err_at(diags, n.loc.clone(), "empty name");
            }
        }
        let kind = t.req_str("kind", "", diags).and_then(|k| {
            let kind = SiteKind::parse(k.value.trim());
            if kind.is_none() {
                let all: Vec<_> = SiteKind::ALL.iter().map(|k| k.as_str()).collect();
                t.err_at(
                    diags,
                    k.loc,
                    format!("unknown kind {:?} (one of: {})", k.value, all.join(", ")),
                );
            }
            kind
        });
        let country = t
            .req_str("country", "ISO 3166 alpha-2, e.g. IQ or SY", diags)
            .and_then(|c| {
                let v = c.value.trim().to_string();
                if v.len() != 2 || !v.bytes().all(|b| b.is_ascii_uppercase()) {
                    t.err_at(
                        diags,
                        c.loc,
                        format!("country {v:?} is not an ISO 3166 alpha-2 code such as IQ or SY"),
                    );
                    None
                } else {
                    Some(v)
                }
            });
        let relative = relative_of(&t, diags);
        let (lon, lat) = if t.has("near") || t.has("between") {
            if t.has("lon") || t.has("lat") {
                t.err_at(
                    diags,
                    t.loc_of(if t.has("lon") { "lon" } else { "lat" }),
                    "give lon/lat, or a position relative to other sites (near/between), not both",
                );
            }
            // computed when the gazetteer is built (see resolve_relative)
            let at = |v| {
                Some(crate::tomlread::Num {
                    value: v,
                    loc: origin.clone(),
                })
            };
            (at(f64::NAN), at(f64::NAN))
        } else {
            let lon = t.float("lon", diags);
            let lat = t.float("lat", diags);
            if !t.has("lon") {
                t.missing(
                    "lon",
                    "longitude, WGS 84 degrees east (or near/between)",
                    diags,
                );
            }
            if !t.has("lat") {
                t.missing(
                    "lat",
                    "latitude, WGS 84 degrees north (or near/between)",
                    diags,
                );
            }
            (lon, lat)
        };
        if let Some(l) = lon.as_ref().filter(|l| !l.value.is_nan()) {
            if !(-180.0..=180.0).contains(&l.value) {
                t.err_at(
                    diags,
                    l.loc.clone(),
                    format!("longitude {} is outside -180..180", l.value),
                );
            }
        }
        if let Some(l) = lat.as_ref().filter(|l| !l.value.is_nan()) {
            if !(-90.0..=90.0).contains(&l.value) {
                let hint = match &lon {
                    Some(x)
                        if (-90.0..=90.0).contains(&x.value)
                            && (-180.0..=180.0).contains(&l.value) =>
                    {
                        " (are lon and lat swapped?)"
                    }
                    _ => "",
                };
                t.err_at(
                    diags,
                    l.loc.clone(),
                    format!("latitude {} is outside -90..90{hint}", l.value),
                );
            }
        }
        let precision = t.float("precision_m", diags);
        // a relative position's precision is computed (at least what is given)
        let precision = match precision {
            None if relative.is_some() => Some(crate::tomlread::Num {
                value: 1.0,
                loc: origin.clone(),
            }),
            p => p,
        };
        match &precision {
            None if !t.has("precision_m") => t.missing(
                "precision_m",
                "the radius within which the place lies, metres",
                diags,
            ),
            Some(p) if !(p.value > 0.0 && p.value <= 2_000_000.0) => t.err_at(
                diags,
                p.loc.clone(),
                format!(
                    "precision_m {} must be a radius in metres, above 0 and at most 2,000,000",
                    p.value
                ),
            ),
            _ => {}
        }
        let source = t.req_str(
            "source",
            if in_report {
                "a citation: geonames:ID, url:..., geodata:FILE, or \"report\" (the report itself)"
            } else {
                "a citation: geonames:ID, url:... or geodata:FILE"
            },
            diags,
        );
        if let Some(src) = &source {
            let v = src.value.trim();
            let cited =
                v.starts_with("geonames:") || v.starts_with("url:") || v.starts_with("geodata:");
            if !(cited || (in_report && v == REPORT_SOURCE)) {
                t.err_at(
                    diags,
                    src.loc.clone(),
                    if in_report {
                        format!("source {v:?} must cite geonames:ID, url:..., geodata:FILE, or be \"report\" (the report itself)")
                    } else {
                        format!("source {v:?} must cite geonames:ID, url:... or geodata:FILE")
                    },
                );
            }
        }
        let aliases: Vec<String> = t
            .str_list("aliases", diags)
            .into_iter()
            .map(|a| a.value.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let name_ar = t
            .str("name_ar", diags)
            .map(|n| n.value.trim().to_string())
            .filter(|n| !n.is_empty());
        let admin1 = t.str("admin1", diags).map(|s| s.value).unwrap_or_default();
        let source_note = t.str("source_note", diags).map(|s| s.value);
        let area = t.str("area", diags).map(|s| s.value);
        let corridor = t.bool("corridor", diags).unwrap_or(false);
        let shares: Vec<String> = t
            .str_list("shares_names_with", diags)
            .into_iter()
            .map(|s| s.value)
            .collect();
        if diags[n0..].iter().any(Diagnostic::is_error) {
            continue;
        }
        let (
            Some(id),
            Some(name),
            Some(kind),
            Some(country),
            Some(lon),
            Some(lat),
            Some(precision),
            Some(source),
        ) = (id, name, kind, country, lon, lat, precision, source)
        else {
            continue;
        };
        out.push(Site {
            id,
            name: name.value.trim().to_string(),
            name_ar,
            aliases,
            kind,
            country,
            admin1,
            lon: lon.value,
            lat: lat.value,
            precision_m: precision.value,
            source: source.value.trim().to_string(),
            source_note,
            area,
            corridor,
            shares_names_with: shares,
            population: 0,
            tier,
            origin,
            relative,
        });
    }
    out
}

/// The `near`/`distance_km`/`bearing` or `between` of a site table.
fn relative_of(t: &Table<'_, '_>, diags: &mut Vec<Diagnostic>) -> Option<Relative> {
    if t.has("between") {
        let ids = t.str_list("between", diags);
        if ids.len() != 2 {
            t.err_at(
                diags,
                t.loc_of("between"),
                "between must name two site ids: between = [\"albukamal\", \"al-qaim-crossing\"]",
            );
            return None;
        }
        return Some(Relative::Between {
            a: ids[0].value.trim().to_string(),
            b: ids[1].value.trim().to_string(),
        });
    }
    let near = t.str("near", diags)?;
    let km = t.float("distance_km", diags);
    let bearing = t.str("bearing", diags);
    if !t.has("distance_km") {
        t.missing(
            "distance_km",
            "how far from the `near` site, km (\"5 km west of Hajin\": 5)",
            diags,
        );
    }
    if !t.has("bearing") {
        t.missing(
            "bearing",
            "the direction from the `near` site: west, north-east, NE or degrees",
            diags,
        );
    }
    let km = km?;
    if !(km.value > 0.0 && km.value <= 500.0) {
        t.err_at(
            diags,
            km.loc.clone(),
            format!("distance_km {} must be above 0 and at most 500", km.value),
        );
        return None;
    }
    let bearing = bearing?;
    let Some(deg) = parse_bearing(&bearing.value) else {
        t.err_at(
            diags,
            bearing.loc.clone(),
            format!(
                "bearing {:?} is not a direction: north, north-east, NE, ... or degrees 0-360",
                bearing.value
            ),
        );
        return None;
    };
    Some(Relative::Offset {
        of: near.value.trim().to_string(),
        km: km.value,
        bearing: deg,
        words: bearing.value.trim().to_lowercase(),
    })
}

/// Computes the positions given relative to other sites: "5 km west of Hajin" lies at that
/// geodesic offset, with an uncertainty of the reference's own plus a third of the distance
/// (a direction in words is about ±20°); "between A and B" at the geodesic midpoint, within
/// half the distance plus the larger of the two uncertainties. A given `precision_m` larger
/// than that is kept. A reference that is not a site id, or is itself relative, is an error.
fn resolve_relative(sites: &mut [Site], diags: &mut Vec<Diagnostic>) {
    use geo::{Destination, Distance, Geodesic, InterpolatePoint, Point};
    let fixed: HashMap<String, (f64, f64, f64)> = sites
        .iter()
        .filter(|s| s.relative.is_none())
        .map(|s| (s.id.clone(), (s.lon, s.lat, s.precision_m)))
        .collect();
    let mut bad = Vec::new();
    for (i, s) in sites.iter_mut().enumerate() {
        let Some(rel) = s.relative.clone() else {
            continue;
        };
        let get = |id: &str, diags: &mut Vec<Diagnostic>| {
            let r = fixed.get(id).copied();
            if r.is_none() {
                diags.push(Diagnostic::error(
                    s.origin.clone(),
                    format!(
                        "site {}: {id:?} is not the id of a site with coordinates (a relative position must refer to sites given by lon/lat)",
                        s.id
                    ),
                ));
            }
            r
        };
        let (lon, lat, prec) = match &rel {
            Relative::Offset {
                of, km, bearing, ..
            } => {
                let Some((x, y, p)) = get(of, diags) else {
                    bad.push(i);
                    continue;
                };
                let d = Geodesic.destination(Point::new(x, y), *bearing, km * 1000.0);
                (d.x(), d.y(), p + km * 1000.0 / 3.0)
            }
            Relative::Between { a, b } => {
                let (Some(pa), Some(pb)) = (get(a, diags), get(b, diags)) else {
                    bad.push(i);
                    continue;
                };
                let (p1, p2) = (Point::new(pa.0, pa.1), Point::new(pb.0, pb.1));
                let m = Geodesic.point_at_ratio_between(p1, p2, 0.5);
                (
                    m.x(),
                    m.y(),
                    Geodesic.distance(p1, p2) / 2.0 + pa.2.max(pb.2),
                )
            }
        };
        s.lon = lon;
        s.lat = lat;
        s.precision_m = if s.precision_m > 1.0 {
            s.precision_m.max(prec)
        } else {
            prec
        }
        .round();
    }
    // a site whose position could not be made is left out, as any site with an error is
    for i in bad.into_iter().rev() {
        sites[i].relative = None;
        sites[i].lon = f64::NAN;
    }
}

/// The GeoNames tier: the embedded TSV and its compile-time name index.
struct GeoNamesTier {
    text: &'static str,
    index: NameIndex<'static>,
    lines: OnceLock<Vec<usize>>,
}

static GEONAMES_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/geonames.bmni"));

impl GeoNamesTier {
    fn new() -> GeoNamesTier {
        GeoNamesTier {
            text: data::GEONAMES_TSV.1,
            // the buffer was written by build.rs with the same code; an empty one stands in if not
            index: NameIndex::new(GEONAMES_INDEX).unwrap_or_else(|| {
                static EMPTY: OnceLock<Vec<u8>> = OnceLock::new();
                NameIndex::new(EMPTY.get_or_init(|| IndexBuilder::new().build(fold::EXACT)))
                    .unwrap()
            }),
            lines: OnceLock::new(),
        }
    }

    /// Data line `row` (0-based, after the header).
    fn line(&self, row: usize) -> Option<&'static str> {
        let starts = self.lines.get_or_init(|| {
            let mut v = Vec::new();
            let mut first = true;
            let mut pos = 0;
            for l in self.text.split_inclusive('\n') {
                if !first {
                    v.push(pos);
                }
                first = false;
                pos += l.len();
            }
            v
        });
        let start = *starts.get(row)?;
        // up to the next line's start (or the end), without the newline
        let end = starts.get(row + 1).map_or(self.text.len(), |&n| n - 1);
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    fn site(&self, row: usize) -> Option<Site> {
        let line = self.line(row)?;
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 9 {
            return None;
        }
        let population: u64 = c[7].parse().unwrap_or(0);
        let kind = if population >= 100_000 {
            SiteKind::City
        } else if population >= 5_000 {
            SiteKind::Town
        } else {
            SiteKind::Village
        };
        let mut aliases: Vec<String> = Vec::new();
        for n in std::iter::once(c[2]).chain(c[8].split('|')) {
            if !n.is_empty() && n != c[1] && !aliases.iter().any(|a| a == n) {
                aliases.push(n.to_string());
            }
        }
        Some(Site {
            id: format!("gn-{}", c[0]),
            name: c[1].to_string(),
            name_ar: None,
            aliases,
            kind,
            country: c[5].to_string(),
            admin1: c[6].to_string(),
            lon: c[4].parse().ok()?,
            lat: c[3].parse().ok()?,
            precision_m: if population >= 100_000 {
                8000.0
            } else if population >= 5_000 {
                3000.0
            } else {
                1500.0
            },
            source: format!("geonames:{}", c[0]),
            source_note: Some("GeoNames cities500 point (imported tier)".into()),
            area: None,
            corridor: false,
            shares_names_with: Vec::new(),
            population,
            relative: None,
            tier: Tier::GeoNames,
            origin: Location {
                file: data::GEONAMES_TSV.0.into(),
                line: row + 2,
                column: 1,
            },
        })
    }

    /// Column `c` of data line `row`.
    fn column(&self, row: usize, c: usize) -> Option<&'static str> {
        self.line(row)?.split('\t').nth(c)
    }

    /// (lon, lat) of data line `row`.
    fn lon_lat(&self, row: usize) -> Option<(f64, f64)> {
        let mut cols = self.line(row)?.split('\t').skip(3);
        let lat: f64 = cols.next()?.parse().ok()?;
        let lon: f64 = cols.next()?.parse().ok()?;
        Some((lon, lat))
    }

    /// Name `i` of data line `row`: 0 the name, 1 the ASCII name, then the alternate names.
    fn name(&self, row: usize, i: usize) -> Option<&'static str> {
        let mut cols = self.line(row)?.split('\t');
        let (name, ascii) = (cols.nth(1)?, cols.next()?);
        match i {
            0 => Some(name),
            1 => Some(ascii),
            _ => cols.nth(5)?.split('|').nth(i - 2),
        }
    }

    /// How many data lines the tier has.
    fn row_count(&self) -> usize {
        self.line(0);
        self.lines.get().map_or(0, Vec::len)
    }

    fn geonameid(&self, row: usize) -> Option<u64> {
        self.line(row)?.split('\t').next()?.parse().ok()
    }
}

/// A reference to a site in one of the tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SiteRef {
    /// Index into the curated and user sites.
    Listed(u32),
    /// Row of the GeoNames tier.
    GeoNames(u32),
}

/// How a name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchHow {
    /// The spelling folds to the same exact key as a name or alias.
    Exact,
    /// The spelling shares the consonant skeleton of a name or alias.
    Skeleton,
    /// The spelling is close to a name or alias.
    Fuzzy,
}

impl MatchHow {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchHow::Exact => "exact",
            MatchHow::Skeleton => "skeleton",
            MatchHow::Fuzzy => "fuzzy",
        }
    }
}

/// One candidate for a looked-up name.
#[derive(Debug, Clone)]
pub struct Match {
    pub site: SiteRef,
    /// 1.0 for an exact hit; below for skeleton and fuzzy candidates.
    pub score: f64,
    /// How far to trust the match, 0–1: the score, lowered for a close spelling (not an exact
    /// one) of a place far from the border, most for an imported (GeoNames) place (a near-miss
    /// in Kuwait is not the Al-Hari a corridor report means). At or above [`CONFIDENT`] a match may be taken; below
    /// [`MATCH_THRESHOLD`] it is only a suggestion.
    pub confidence: f64,
    /// The name or alias that matched.
    pub matched: String,
    pub how: MatchHow,
}

/// Matches at or above this confidence may be taken as the place meant.
pub const CONFIDENT: f64 = 0.8;

/// Beyond this distance from the border (km), a close spelling of an imported place is not
/// trusted.
pub const FAR_KM: f64 = 150.0;

/// How much a close spelling of an imported place far from the border is trusted, at most.
const FAR_FACTOR: f64 = 0.55;
/// The same for a curated place: a far place is confident only when spelled as listed.
const FAR_CURATED_FACTOR: f64 = 0.85;

/// Longitudes are scaled by the cosine of this latitude in the nearest-site index.
const NEAR_LAT: f64 = 34.0;

/// Fuzzy candidates below this score are only suggestions, not matches.
pub const MATCH_THRESHOLD: f64 = 0.6;

/// The gazetteer: sites, their polygons, and the name indexes.
pub struct Gazetteer {
    sites: Vec<Arc<Site>>,
    by_id: HashMap<String, usize>,
    index: Vec<u8>,
    geonames: GeoNamesTier,
    cited_geonames: HashSet<u64>,
    /// GeoNames rows that a listed site cites (made on first look-up): such places are never
    /// offered separately.
    cited_rows: OnceLock<Vec<bool>>,
    areas: HashMap<String, Arc<MultiPolygon<f64>>>,
    /// Point sites of every tier in an R-tree, for the nearest site to a coordinate (built on
    /// first use).
    points: OnceLock<RTree<GeomWithData<[f64; 2], SiteRef>>>,
    /// The border's vertices and their box (west, south, east, north), for a rough distance
    /// to it (made on first use).
    border_vertices: OnceLock<(Vec<(f64, f64)>, [f64; 4])>,
    /// Problems found while loading (files that did not parse, sites left out).
    pub load_diagnostics: Vec<Diagnostic>,
}

impl Gazetteer {
    /// The built-in gazetteer. Fails only if the embedded files are broken.
    pub fn builtin() -> Result<Gazetteer> {
        Gazetteer::load(None)
    }

    /// The built-in gazetteer extended with a user's file of `[[site]]` tables, whose sites
    /// add to or replace (same id) the built-in ones.
    ///
    /// A user's file passes the same checks as `sites check` (names colliding with another
    /// site's, a declared country the coordinates contradict, unknown areas...): every command
    /// refuses what `sites check` refuses. The built-in files are checked by the tests.
    pub fn load(user: Option<&Path>) -> Result<Gazetteer> {
        Gazetteer::load_extended(user, &[], Vec::new())
    }

    /// [`Gazetteer::load`] with more sites: the files a report names (`gazetteer = [...]`,
    /// each with where it was named) and the `[[site]]` tables of reports, all in the user
    /// tier. They pass the checks a `--gazetteer` file passes.
    pub fn load_extended(
        user: Option<&Path>,
        files: &[(PathBuf, Location)],
        sites: Vec<Site>,
    ) -> Result<Gazetteer> {
        let extended = user.is_some() || !files.is_empty() || !sites.is_empty();
        let g = Gazetteer::assemble(user, files, sites)?;
        let diags = if extended {
            g.check(&Border::builtin()?)
        } else {
            g.load_diagnostics.clone()
        };
        if crate::error::has_errors(&diags) {
            return Err(Error::Invalid(diags));
        }
        Ok(g)
    }

    /// Like [`Gazetteer::load`], but keeps going past invalid sites (left out, reported in
    /// `load_diagnostics`), for `sites check`. Fails only when the user file cannot be read.
    pub fn load_lenient(user: Option<&Path>) -> Result<Gazetteer> {
        Gazetteer::assemble(user, &[], Vec::new())
    }

    /// The curated sites, then a user's file, the files reports name and the reports' own
    /// sites, leniently: problems are in `load_diagnostics`. Fails only when the user's file
    /// cannot be read (a report's file that cannot be read is a diagnostic at where it is
    /// named).
    fn assemble(
        user: Option<&Path>,
        files: &[(PathBuf, Location)],
        more: Vec<Site>,
    ) -> Result<Gazetteer> {
        let mut diags = Vec::new();
        let mut sites = Vec::new();
        for (file, text) in data::SITE_FILES {
            sites.extend(parse_sites(file, text, Tier::Curated, &mut diags));
        }
        let user = match user {
            Some(p) => Some((p.display().to_string(), read_utf8(p)?)),
            None => None,
        };
        if let Some((shown, text)) = &user {
            if text.trim().is_empty() {
                diags.push(Diagnostic::error(
                    Location::file(shown),
                    "empty gazetteer file: expected [[site]] tables",
                ));
            }
            sites.extend(parse_sites(shown, text, Tier::User, &mut diags));
        }
        for (p, named_at) in files {
            let shown = p.display().to_string();
            match read_utf8(p) {
                Ok(text) => sites.extend(parse_sites(&shown, &text, Tier::User, &mut diags)),
                Err(e) => diags.push(Diagnostic::error(
                    named_at.clone(),
                    format!("gazetteer = [...] names a file that cannot be read: {e}"),
                )),
            }
        }
        sites.extend(more);
        resolve_relative(&mut sites, &mut diags);
        sites.retain(|s| s.lon.is_finite());
        let areas = parse_areas(&mut diags);
        Ok(Gazetteer::from_sites(sites, areas, diags))
    }

    /// The built-in gazetteer with a user's gazetteer text (named `name` in messages),
    /// leniently: problems are in `load_diagnostics`.
    pub fn with_user_text(name: &str, text: &str) -> Gazetteer {
        let mut diags = Vec::new();
        let mut sites = Vec::new();
        for (file, t) in data::SITE_FILES {
            sites.extend(parse_sites(file, t, Tier::Curated, &mut diags));
        }
        sites.extend(parse_sites(name, text, Tier::User, &mut diags));
        resolve_relative(&mut sites, &mut diags);
        sites.retain(|s| s.lon.is_finite());
        let areas = parse_areas(&mut diags);
        Gazetteer::from_sites(sites, areas, diags)
    }

    fn from_sites(
        sites: Vec<Site>,
        areas: HashMap<String, Arc<MultiPolygon<f64>>>,
        mut diags: Vec<Diagnostic>,
    ) -> Gazetteer {
        // A user site replaces the curated site with its id; a repeated id within a tier is an
        // error, reported here and resolved by keeping the first.
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut kept: Vec<Site> = Vec::new();
        for s in sites {
            match by_id.get(&s.id) {
                Some(&i) if kept[i].tier == s.tier => {
                    diags.push(Diagnostic::error(
                        s.origin.clone(),
                        format!(
                            "duplicate site id {:?} (first defined at {})",
                            s.id, kept[i].origin
                        ),
                    ));
                }
                Some(&i) => kept[i] = s,
                None => {
                    by_id.insert(s.id.clone(), kept.len());
                    kept.push(s);
                }
            }
        }
        let mut b = IndexBuilder::new();
        for (si, s) in kept.iter().enumerate() {
            for (ni, n) in s.names().enumerate().take(0x10000) {
                for k in fold::index_keys(n) {
                    b.add(&k, ((si as u32) << 16) | ni as u32);
                }
            }
        }
        let cited_geonames = kept.iter().filter_map(Site::geonames_id).collect();
        Gazetteer {
            sites: kept.into_iter().map(Arc::new).collect(),
            by_id,
            index: b.build(fold::EXACT),
            geonames: GeoNamesTier::new(),
            cited_geonames,
            cited_rows: OnceLock::new(),
            areas,
            points: OnceLock::new(),
            border_vertices: OnceLock::new(),
            load_diagnostics: diags,
        }
    }

    /// This gazetteer with more sites in the user tier (an article draft's GeoNames places,
    /// brought as the report's own sites). The sites are not checked: they must come from
    /// this gazetteer's own tiers.
    pub fn with_extra_sites(&self, more: &[Arc<Site>]) -> Gazetteer {
        let mut sites: Vec<Site> = self.sites.iter().map(|s| (**s).clone()).collect();
        for m in more {
            let mut s = (**m).clone();
            s.tier = Tier::User;
            sites.push(s);
        }
        Gazetteer::from_sites(sites, self.areas.clone(), Vec::new())
    }

    /// The first words of every name of every tier ([`fold::first_word_keys`]): a word of
    /// running text that is none of them starts no name.
    pub fn first_words(&self) -> rustc_hash::FxHashSet<String> {
        let mut set = rustc_hash::FxHashSet::default();
        for s in &self.sites {
            for n in s.names() {
                set.extend(fold::first_word_keys(n));
            }
        }
        for row in 0..self.geonames.row_count() {
            let mut i = 0;
            while let Some(n) = self.geonames.name(row, i) {
                set.extend(fold::first_word_keys(n));
                i += 1;
            }
        }
        set
    }

    /// The curated and user sites, in file order.
    pub fn sites(&self) -> &[Arc<Site>] {
        &self.sites
    }

    /// A curated or user site by id.
    pub fn get(&self, id: &str) -> Option<&Site> {
        self.by_id.get(id).map(|&i| &*self.sites[i])
    }

    /// A curated or user site by id, shared.
    pub fn get_arc(&self, id: &str) -> Option<Arc<Site>> {
        self.by_id.get(id).map(|&i| Arc::clone(&self.sites[i]))
    }

    /// The polygon of an area site, if it has one.
    pub fn area(&self, site: &Site) -> Option<&MultiPolygon<f64>> {
        self.areas.get(site.area.as_deref()?).map(|a| &**a)
    }

    /// The polygon of an area site, shared.
    pub fn area_arc(&self, site: &Site) -> Option<Arc<MultiPolygon<f64>>> {
        self.areas.get(site.area.as_deref()?).cloned()
    }

    /// The polygons of `gazetteer/areas.geojson`, by id.
    pub fn areas(&self) -> &HashMap<String, Arc<MultiPolygon<f64>>> {
        &self.areas
    }

    /// The site behind a reference (GeoNames sites are made on demand).
    pub fn site(&self, r: SiteRef) -> Option<std::borrow::Cow<'_, Site>> {
        match r {
            SiteRef::Listed(i) => self
                .sites
                .get(i as usize)
                .map(|s| std::borrow::Cow::Borrowed(&**s)),
            SiteRef::GeoNames(row) => self
                .geonames
                .site(row as usize)
                .map(std::borrow::Cow::Owned),
        }
    }

    /// The site behind a reference, shared (a GeoNames site is made anew on each call).
    pub fn site_arc(&self, r: SiteRef) -> Option<Arc<Site>> {
        match r {
            SiteRef::Listed(i) => self.sites.get(i as usize).cloned(),
            SiteRef::GeoNames(row) => self.geonames.site(row as usize).map(Arc::new),
        }
    }

    fn points(&self) -> &RTree<GeomWithData<[f64; 2], SiteRef>> {
        self.points.get_or_init(|| {
            let k = NEAR_LAT.to_radians().cos();
            let mut pts = Vec::new();
            for (i, s) in self.sites.iter().enumerate() {
                if s.kind.is_point() {
                    pts.push(GeomWithData::new(
                        [s.lon * k, s.lat],
                        SiteRef::Listed(i as u32),
                    ));
                }
            }
            for row in 0..self.geonames.row_count() {
                let cited = self
                    .geonames
                    .geonameid(row)
                    .is_some_and(|id| self.cited_geonames.contains(&id));
                if cited {
                    continue;
                }
                if let Some((lon, lat)) = self.geonames.lon_lat(row) {
                    pts.push(GeomWithData::new(
                        [lon * k, lat],
                        SiteRef::GeoNames(row as u32),
                    ));
                }
            }
            RTree::bulk_load(pts)
        })
    }

    /// The nearest point site (curated, user or GeoNames) within `radius_km` of (lon, lat),
    /// with its geodesic distance in km. Candidates come from the index nearest first; only
    /// those within 2% of the nearest on a local plane are measured on the ellipsoid.
    pub fn nearest(&self, lon: f64, lat: f64, radius_km: f64) -> Option<(SiteRef, f64)> {
        if !(lon.is_finite() && lat.is_finite() && radius_km > 0.0) {
            return None;
        }
        let k = NEAR_LAT.to_radians().cos();
        let tree = self.points();
        // the index plane distorts distances away from NEAR_LAT; its distances are divided
        // by `slack` to bound the local-plane ones from below
        let kl = lat.to_radians().cos().abs().max(1e-6);
        let slack = (k / kl).max(kl / k) * 1.05;
        let max_deg = radius_km / 111.0 * slack + 1e-6;
        let mut cands: Vec<(f64, SiteRef, (f64, f64))> = Vec::new();
        let mut best_plane = f64::INFINITY;
        for (p, d2) in tree.nearest_neighbor_iter_with_distance_2(&[lon * k, lat]) {
            let d = d2.sqrt();
            if d > max_deg || d / slack * 111.32 > best_plane * 1.02 + 0.05 {
                break;
            }
            let xy = (p.geom()[0] / k, p.geom()[1]);
            let pk = crate::geom::plane_km((lon, lat), xy);
            best_plane = best_plane.min(pk);
            cands.push((pk, p.data, xy));
        }
        let mut best: Option<(SiteRef, f64)> = None;
        for (pk, r, xy) in cands {
            if pk > best_plane * 1.02 + 0.05 || pk > radius_km * 1.05 + 0.05 {
                continue;
            }
            let km = crate::geom::geodesic_km((lon, lat), xy);
            if km <= radius_km && best.is_none_or(|b| km < b.1) {
                best = Some((r, km));
            }
        }
        best
    }

    fn listed_name(&self, payload: u32) -> (SiteRef, &str) {
        let (si, ni) = ((payload >> 16) as usize, (payload & 0xFFFF) as usize);
        let name = self
            .sites
            .get(si)
            .and_then(|s| s.names().nth(ni))
            .unwrap_or("");
        (SiteRef::Listed(si as u32), name)
    }

    fn geonames_name(&self, payload: u32) -> Option<(SiteRef, &'static str)> {
        let (row, ni) = ((payload >> 16) as usize, (payload & 0xFFFF) as usize);
        let cited = self.cited_rows.get_or_init(|| {
            let n = self.geonames.row_count();
            (0..n)
                .map(|r| {
                    self.geonames
                        .geonameid(r)
                        .is_some_and(|id| self.cited_geonames.contains(&id))
                })
                .collect()
        });
        if cited.get(row).copied().unwrap_or(false) {
            return None;
        }
        Some((SiteRef::GeoNames(row as u32), self.geonames.name(row, ni)?))
    }

    /// Every site with a name under `key`, as candidates of the given score and kind of match.
    fn hits(&self, key: &str, listed_only: bool, score: f64, how: MatchHow, out: &mut Vec<Match>) {
        let curated = NameIndex::new(&self.index).expect("index built by IndexBuilder");
        if let Some(k) = curated.find(key) {
            for p in curated.payloads(k) {
                let (site, n) = self.listed_name(p);
                out.push(Match {
                    site,
                    score,
                    confidence: score,
                    matched: n.to_string(),
                    how,
                });
            }
        }
        if listed_only {
            return;
        }
        if let Some(k) = self.geonames.index.find(key) {
            // payloads are sorted, so a place's several names under one key sit together:
            // the first is enough
            let mut last_row = u32::MAX;
            for p in self.geonames.index.payloads(k) {
                if p >> 16 == last_row {
                    continue;
                }
                last_row = p >> 16;
                if let Some((site, n)) = self.geonames_name(p) {
                    out.push(Match {
                        site,
                        score,
                        confidence: score,
                        matched: n.to_string(),
                        how,
                    });
                }
            }
        }
    }

    fn kind_of(&self, r: SiteRef) -> SiteKind {
        match r {
            SiteRef::Listed(i) => self.sites[i as usize].kind,
            SiteRef::GeoNames(_) => SiteKind::Town,
        }
    }

    /// Looks up a name in any spelling, best first, one entry per site:
    /// 1. exact hits (score 1.0) — every site bearing the name, in any tier;
    /// 2. with a descriptor in the query ("Rabia crossing", "Anbar province"), sites of that
    ///    kind named by the rest (0.95); without one, sites named after the name ("Rabia" → the
    ///    Rabia crossing, 0.9);
    /// 3. when no curated site has matched yet: skeleton hits (0.7–0.95), then fuzzy
    ///    candidates at or above [`MATCH_THRESHOLD`].
    pub fn lookup(&self, query: &str) -> Vec<Match> {
        self.lookup_in(query, true)
    }

    /// [`Gazetteer::lookup`]'s first two steps only: exact hits and descriptors, never a close
    /// spelling. For names found in running text, where a close spelling is some other word.
    pub fn lookup_exact(&self, query: &str) -> Vec<Match> {
        self.lookup_in(query, false)
    }

    /// Whether any site of any tier has a name whose exact key ([`fold::exact_key`]) is `key`:
    /// one hash probe per tier, for scanning text cheaply before a look-up.
    pub fn has_exact_key(&self, key: &str, buf: &mut String) -> bool {
        buf.clear();
        buf.push_str(fold::EXACT);
        buf.push_str(key);
        let curated = NameIndex::new(&self.index).expect("index built by IndexBuilder");
        curated.find(buf).is_some() || self.geonames.index.find(buf).is_some()
    }

    /// Curated and user sites whose name shares the query's consonant skeleton and is spelled
    /// close to it ("al-Bokamal" for Albukamal), best first: how running text may name a
    /// listed place in a spelling the gazetteer lacks. Never a GeoNames place, never a fuzzy
    /// guess.
    pub fn lookup_close_listed(&self, query: &str) -> Vec<Match> {
        let q = fold::QueryKeys::new(query);
        let exact = q.exact.as_str();
        let skel = q.skeleton();
        if exact.chars().count() < 4 || skel.chars().count() < 3 {
            return Vec::new();
        }
        let mut ms = Vec::new();
        self.hits(
            &format!("{}{skel}", fold::SKELETON),
            true,
            0.0,
            MatchHow::Skeleton,
            &mut ms,
        );
        if let Some(u) = q.unglued_skeleton() {
            self.hits(
                &format!("{}{u}", fold::SKELETON),
                true,
                0.0,
                MatchHow::Skeleton,
                &mut ms,
            );
        }
        ms.retain_mut(|m| {
            let sim = strsim::jaro_winkler(exact, &fold::exact_key(&m.matched));
            m.score = 0.7 + 0.25 * sim;
            sim >= 0.8
        });
        let mut ranked = self.rank(ms);
        self.weigh(&mut ranked);
        ranked
    }

    fn lookup_in(&self, query: &str, close: bool) -> Vec<Match> {
        let q = fold::QueryKeys::new(query);
        let exact = q.exact.as_str();
        if exact.is_empty() {
            return Vec::new();
        }
        let mut ms: Vec<Match> = Vec::with_capacity(8);
        // one buffer for every key looked up: prefix + folded text
        let mut key = String::with_capacity(exact.len() + 8);
        let mut find =
            |prefix: &str, body: &str, listed_only: bool, score: f64, ms: &mut Vec<Match>| {
                key.clear();
                key.push_str(prefix);
                key.push_str(body);
                self.hits(&key, listed_only, score, MatchHow::Exact, ms);
            };
        find(fold::EXACT, exact, false, 1.0, &mut ms);
        if let Some(u) = &q.unglued {
            find(fold::EXACT, u, false, 1.0, &mut ms);
        }
        match &q.described {
            Some((rest, kinds)) => {
                let from = ms.len();
                find(fold::EXACT, rest, true, 0.95, &mut ms);
                find(fold::DESCRIBED, rest, true, 0.95, &mut ms);
                let mut i = from;
                while i < ms.len() {
                    if kinds.contains(&self.kind_of(ms[i].site).as_str()) {
                        i += 1;
                    } else {
                        ms.remove(i);
                    }
                }
            }
            None => find(fold::DESCRIBED, exact, true, 0.9, &mut ms),
        }
        if !close {
            let mut ranked = self.rank(ms);
            self.weigh(&mut ranked);
            return ranked;
        }
        if ms.iter().any(|m| matches!(m.site, SiteRef::Listed(_))) {
            let mut ranked = self.rank(ms);
            self.weigh_namesakes(&mut ranked);
            return ranked;
        }
        // no curated site yet: a close spelling of one may be meant
        let listed_only = !ms.is_empty();
        let skel = q.skeleton();
        if skel.chars().count() >= 2 {
            let from = ms.len();
            self.hits(
                &format!("{}{skel}", fold::SKELETON),
                listed_only,
                0.0,
                MatchHow::Skeleton,
                &mut ms,
            );
            if let Some(u) = q.unglued_skeleton() {
                self.hits(
                    &format!("{}{u}", fold::SKELETON),
                    listed_only,
                    0.0,
                    MatchHow::Skeleton,
                    &mut ms,
                );
            }
            // a shared skeleton proposes; closeness of the spellings decides
            let floor = if skel.chars().count() >= 3 { 0.7 } else { 0.8 };
            let mut i = from;
            while i < ms.len() {
                let sim = strsim::jaro_winkler(exact, &fold::exact_key(&ms[i].matched));
                if sim >= floor {
                    ms[i].score = 0.7 + 0.25 * sim;
                    i += 1;
                } else {
                    ms.remove(i);
                }
            }
        }
        if !ms.iter().any(|m| matches!(m.site, SiteRef::Listed(_))) {
            let fuzzy = self.fuzzy_in(query, 10, listed_only);
            ms.extend(fuzzy.into_iter().filter(|m| m.score >= MATCH_THRESHOLD));
        }
        let mut ranked = self.rank(ms);
        self.weigh(&mut ranked);
        ranked.retain(|m| m.confidence >= MATCH_THRESHOLD);
        ranked
    }

    /// Sets each candidate's confidence: its score, lowered for a close spelling (skeleton or
    /// fuzzy) of an imported place more than [`FAR_KM`] from the border; then orders by it
    /// (ties keep their rank).
    fn weigh(&self, ms: &mut [Match]) {
        for m in ms.iter_mut() {
            m.confidence = m.score;
            if m.how == MatchHow::Exact {
                continue;
            }
            let (at, factor) = match m.site {
                SiteRef::GeoNames(row) => (self.geonames.lon_lat(row as usize), FAR_FACTOR),
                SiteRef::Listed(i) => (
                    self.sites.get(i as usize).map(|s| (s.lon, s.lat)),
                    FAR_CURATED_FACTOR,
                ),
            };
            if at.is_none_or(|p| self.far_from_border(p)) {
                m.confidence = m.score * factor;
            }
        }
        ms.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    }

    /// An exact hit on an imported (GeoNames) place more than [`FAR_KM`] from the border, when a
    /// corridor site bears the name as well, is a namesake: listed, but not trusted as the
    /// place a report means ("Hajin" is the town on the Euphrates, not Saimbeyli in Turkey,
    /// once called Hajin). Its confidence is lowered as a close spelling's would be; the order
    /// follows the confidence (ties keep their rank).
    fn weigh_namesakes(&self, ms: &mut [Match]) {
        let imported = |m: &Match| match m.site {
            SiteRef::GeoNames(_) => true,
            SiteRef::Listed(i) => self
                .sites
                .get(i as usize)
                .is_some_and(|s| s.tier == Tier::GeoNames),
        };
        if !ms.iter().any(imported) {
            return;
        }
        let corridor_exact = ms.iter().any(|m| {
            m.how == MatchHow::Exact
                && m.score >= 1.0
                && matches!(m.site, SiteRef::Listed(i)
                    if self.sites.get(i as usize).is_some_and(|s| s.corridor))
        });
        if !corridor_exact {
            return;
        }
        let mut changed = false;
        for m in ms.iter_mut() {
            let at = match m.site {
                SiteRef::GeoNames(row) => self.geonames.lon_lat(row as usize),
                SiteRef::Listed(i) => match self.sites.get(i as usize) {
                    Some(s) if s.tier == Tier::GeoNames => Some((s.lon, s.lat)),
                    _ => continue,
                },
            };
            if at.is_none_or(|p| self.far_from_border(p)) {
                m.confidence = m.score * FAR_FACTOR;
                changed = true;
            }
        }
        if changed {
            ms.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        }
    }

    /// Distance (km) from a point to the nearest vertex of the border line, on a local plane:
    /// within half a segment (17 km at most) of the true distance, ample against FAR_KM.
    fn border_km_roughly(&self, p: (f64, f64)) -> f64 {
        self.border_vertices()
            .0
            .iter()
            .map(|b| near_km(*b, p))
            .fold(f64::INFINITY, f64::min)
    }

    fn border_vertices(&self) -> &(Vec<(f64, f64)>, [f64; 4]) {
        self.border_vertices.get_or_init(|| {
            let v: Vec<(f64, f64)> =
                crate::border::read_features(data::BORDER_GEOJSON.0, data::BORDER_GEOJSON.1)
                    .ok()
                    .and_then(|f| {
                        f.into_iter().find_map(|(_, g)| match g {
                            geo::Geometry::LineString(l) => {
                                Some(l.0.iter().map(|c| (c.x, c.y)).collect())
                            }
                            _ => None,
                        })
                    })
                    .unwrap_or_default();
            let mut b = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for (x, y) in &v {
                b = [b[0].min(*x), b[1].min(*y), b[2].max(*x), b[3].max(*y)];
            }
            (v, b)
        })
    }

    /// Whether a point lies more than [`FAR_KM`] from the border: at once when it lies that far
    /// outside the border's box, else by [`Self::border_km_roughly`].
    fn far_from_border(&self, p: (f64, f64)) -> bool {
        let [w, s, e, n] = self.border_vertices().1;
        if w.is_finite() {
            // lower bounds of the distance to any vertex (near_km scales longitude by the
            // cosine of a mean latitude, never below that of the highest latitude involved)
            let dlat = (s - p.1).max(p.1 - n).max(0.0);
            let dlon = (w - p.0).max(p.0 - e).max(0.0);
            let k =
                p.1.abs()
                    .max(n.abs())
                    .max(s.abs())
                    .min(90.0)
                    .to_radians()
                    .cos();
            if dlat * 111.32 > FAR_KM || dlon * k * 111.32 > FAR_KM {
                return true;
            }
        }
        !(self.border_km_roughly(p) <= FAR_KM)
    }

    /// Ranked fuzzy candidates for a name, whatever their score: "did you mean" material.
    pub fn fuzzy(&self, query: &str, max: usize) -> Vec<Match> {
        let mut v = self.fuzzy_in(query, max, false);
        self.weigh(&mut v);
        v
    }

    fn fuzzy_in(&self, query: &str, max: usize, listed_only: bool) -> Vec<Match> {
        let exact = fold::exact_key(query);
        if exact.is_empty() {
            return Vec::new();
        }
        let n_tri = exact.chars().count() + 1;
        let min_shared = (n_tri as u32 / 4).max(1);
        let curated = NameIndex::new(&self.index).expect("index built by IndexBuilder");
        let mut ms = Vec::new();
        let tiers: &[(NameIndex, bool)] = if listed_only {
            &[(curated, true)]
        } else {
            &[(curated, true), (self.geonames.index, false)]
        };
        for &(ix, listed) in tiers {
            for (kid, _) in ix.fuzzy_candidates(&exact, 64, min_shared) {
                let key = &ix.key(kid)[fold::EXACT.len()..];
                // edit distance keeps a long tail of junk from scoring well; Jaro-Winkler
                // rewards the shared beginnings that transliterations keep
                let sim = 0.5 * strsim::normalized_damerau_levenshtein(&exact, key)
                    + 0.5 * strsim::jaro_winkler(&exact, key);
                for p in ix.payloads(kid) {
                    let hit = if listed {
                        let (r, n) = self.listed_name(p);
                        Some((r, n))
                    } else {
                        self.geonames_name(p)
                    };
                    if let Some((site, matched)) = hit {
                        ms.push(Match {
                            site,
                            confidence: 0.75 * sim,
                            score: 0.75 * sim,
                            matched: matched.to_string(),
                            how: MatchHow::Fuzzy,
                        });
                    }
                }
            }
        }
        let mut ranked = self.rank(ms);
        ranked.truncate(max);
        ranked
    }

    /// Sorts candidates best first and keeps one per site; drops GeoNames places that repeat
    /// a curated site (within 10 km of a listed candidate). Each candidate's sort key is
    /// computed once, and a GeoNames place is read only for what ranking needs.
    fn rank(&self, mut ms: Vec<Match>) -> Vec<Match> {
        if ms.len() <= 1 {
            return ms;
        }
        // (score, tier order, not corridor, kind rank, minus population, site), computed once
        // per candidate
        type Key = (
            std::cmp::Reverse<i64>,
            u8,
            bool,
            u8,
            std::cmp::Reverse<u64>,
            SiteRef,
        );
        let key = |m: &Match| -> Key {
            let (tier, corridor, kind, population) = match m.site {
                SiteRef::Listed(i) => {
                    let s = &self.sites[i as usize];
                    (
                        if s.tier == Tier::GeoNames { 2 } else { 0 },
                        s.corridor,
                        s.kind.rank(),
                        s.population,
                    )
                }
                SiteRef::GeoNames(row) => (
                    2,
                    false,
                    0,
                    self.geonames
                        .column(row as usize, 7)
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(0),
                ),
            };
            (
                std::cmp::Reverse((m.score * 1e6).round() as i64),
                tier,
                !corridor,
                kind,
                std::cmp::Reverse(population),
                m.site,
            )
        };
        ms.sort_by_cached_key(key);
        // one entry per site, its best, in place
        let mut kept = 0;
        for i in 0..ms.len() {
            if !ms[..kept].iter().any(|m| m.site == ms[i].site) {
                ms.swap(kept, i);
                kept += 1;
            }
        }
        ms.truncate(kept);
        // GeoNames places that repeat a listed candidate (within 10 km)
        if ms.iter().any(|m| matches!(m.site, SiteRef::GeoNames(_)))
            && ms.iter().any(|m| matches!(m.site, SiteRef::Listed(_)))
        {
            let listed: Vec<(f64, f64)> = ms
                .iter()
                .filter_map(|m| match m.site {
                    SiteRef::Listed(i) => {
                        Some((self.sites[i as usize].lon, self.sites[i as usize].lat))
                    }
                    _ => None,
                })
                .collect();
            ms.retain(|m| match m.site {
                SiteRef::GeoNames(row) => match self.geonames.lon_lat(row as usize) {
                    Some(p) => !listed.iter().any(|l| near_km(*l, p) < 10.0),
                    None => false,
                },
                _ => true,
            });
        }
        ms
    }

    /// Validates the gazetteer: everything found while loading, plus duplicate ids, aliases
    /// shared across sites, unknown areas, and point sites on the wrong side of the border.
    pub fn check(&self, border: &Border) -> Vec<Diagnostic> {
        let mut diags = self.load_diagnostics.clone();
        // names shared across sites
        let mut owners: HashMap<String, Vec<(usize, &str)>> = HashMap::new();
        for (i, s) in self.sites.iter().enumerate() {
            let mut mine = HashSet::new();
            for n in s.names() {
                let k = fold::exact_key(n);
                if !k.is_empty() && mine.insert(k.clone()) {
                    owners.entry(k).or_default().push((i, n));
                }
            }
        }
        let mut keys: Vec<_> = owners.into_iter().filter(|(_, v)| v.len() > 1).collect();
        keys.sort();
        for (_, v) in keys {
            for w in v.windows(2) {
                let (a, b) = (&self.sites[w[0].0], &self.sites[w[1].0]);
                let acknowledged =
                    a.shares_names_with.contains(&b.id) || b.shares_names_with.contains(&a.id);
                if !acknowledged {
                    diags.push(Diagnostic::error(
                        b.origin.clone(),
                        format!(
                            "site {}: name {:?} collides with {:?} of site {} ({}); if both really bear the name, list each in the other's shares_names_with",
                            b.id, w[1].1, w[0].1, a.id, a.origin
                        ),
                    ));
                }
            }
        }
        for s in &self.sites {
            for other in &s.shares_names_with {
                if !self.by_id.contains_key(other) {
                    diags.push(Diagnostic::error(
                        s.origin.clone(),
                        format!(
                            "site {}: shares_names_with names unknown site {other:?}",
                            s.id
                        ),
                    ));
                }
            }
            if let Some(a) = &s.area {
                if !self.areas.contains_key(a) {
                    diags.push(Diagnostic::error(
                        s.origin.clone(),
                        format!(
                            "site {}: area {a:?} is not a feature id in {}",
                            s.id,
                            data::AREAS_GEOJSON.0
                        ),
                    ));
                }
            }
            if let Some(m) = border.swapped(s.lon, s.lat).filter(|_| s.kind.is_point()) {
                diags.push(Diagnostic::error(
                    s.origin.clone(),
                    format!("site {}: {m}", s.id),
                ));
                continue;
            }
            if s.kind.is_point() {
                let side = border.side(s.lon, s.lat);
                let km = border.distance_km(s.lon, s.lat);
                let slack_km = s.precision_m / 1000.0 + 1.0;
                let wrong = match (s.country.as_str(), side) {
                    ("IQ", Side::Iraq) | ("SY", Side::Syria) => false,
                    ("IQ", _) | ("SY", _) => true,
                    (_, Side::Iraq) | (_, Side::Syria) => true,
                    _ => false,
                };
                if wrong && km > slack_km {
                    diags.push(Diagnostic::error(
                        s.origin.clone(),
                        format!(
                            "site {}: declared country {} but lon {}, lat {} lies in {} ({:.1} km from the border)",
                            s.id,
                            s.country,
                            s.lon,
                            s.lat,
                            side.describe(),
                            km
                        ),
                    ));
                }
            }
        }
        diags.sort();
        diags.dedup();
        diags
    }
}

/// Distance in km on a local plane: ample for telling 10 km from 100, and far cheaper than
/// the ellipsoid on the look-up path.
fn near_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let k = ((a.1 + b.1) / 2.0).to_radians().cos();
    ((a.0 - b.0) * k).hypot(a.1 - b.1) * 111.32
}

/// Reads `gazetteer/areas.geojson`: polygons by `properties.id`.
fn parse_areas(diags: &mut Vec<Diagnostic>) -> HashMap<String, Arc<MultiPolygon<f64>>> {
    let (file, text) = data::AREAS_GEOJSON;
    let mut out = HashMap::new();
    match crate::border::read_features(file, text) {
        Ok(features) => {
            for (props, geom) in features {
                let Some(id) = props.get("id").and_then(|v| v.as_str()) else {
                    continue;
                };
                let mp = match geom {
                    geo::Geometry::Polygon(p) => MultiPolygon(vec![p]),
                    geo::Geometry::MultiPolygon(m) => m,
                    _ => continue,
                };
                out.insert(id.to_string(), Arc::new(mp));
            }
        }
        Err(d) => diags.push(d),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(text: &str) -> (Vec<Site>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let s = parse_sites("t.toml", text, Tier::User, &mut d);
        (s, d)
    }

    const OK: &str = r#"
[[site]]
id = "x-town"
name = "X Town"
kind = "town"
country = "IQ"
lon = 41.0
lat = 34.4
precision_m = 2000
source = "url:https://example.org"
"#;

    #[test]
    fn parses_a_site() {
        let (s, d) = sites(OK);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s[0].id, "x-town");
        assert_eq!(s[0].origin.line, 2);
    }

    #[test]
    fn swapped_coordinates_are_named() {
        let border = Border::builtin().unwrap();
        assert!(border.swapped(34.4, 41.0).unwrap().contains("swapped"));
        // Albukamal swapped lands in Turkey: still caught
        assert!(border.swapped(34.4523, 40.9185).is_some());
        // Damascus and Tehran are far from the border but where they should be
        assert!(border.swapped(36.2765, 33.5102).is_none());
        assert!(border.swapped(51.389, 35.689).is_none());
        assert!(border.swapped(41.0, 34.4).is_none());
        let (s, d) = sites(&OK.replace("lat = 34.4", "lat = 134.4"));
        assert!(s.is_empty());
        assert_eq!(d[0].location.line, 8, "{d:?}");
    }

    #[test]
    fn bad_fields_each_get_a_diagnostic() {
        let bad = OK
            .replace("\"town\"", "\"hamlet\"")
            .replace("\"IQ\"", "\"Iraq\"")
            .replace("precision_m = 2000", "precision_m = -5")
            .replace("url:https", "https");
        let (s, d) = sites(&bad);
        assert!(s.is_empty());
        assert_eq!(d.len(), 4, "{d:?}");
        assert!(d.iter().any(|x| x.message.contains("hamlet")));
    }

    #[test]
    fn malformed_toml_is_located() {
        let (_, d) = sites("[[site]]\nid = \"a\nname = 3\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.line, 2);
    }
}

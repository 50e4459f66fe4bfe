//! Command-line arguments and the commands behind them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use bordermap::border::Border;
use bordermap::error::{Error, Result, Severity};
use bordermap::gazetteer::{Gazetteer, Match, SiteKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Map armed groups' movements along the Iraq–Syria border and the Euphrates corridor: \
a gazetteer that resolves every spelling of a place, an event layer of what the reports say moved where, \
and GeoJSON, GeoPackage and briefing maps.";

#[derive(Parser)]
#[command(name = "bordermap", version, about = ABOUT, long_about = None, after_help = "\
Examples:
  bordermap sites lookup 'Abu Kamal'
  bordermap sites lookup 'دير الزور' --json
  bordermap events --actor 'Kataib Hezbollah'
  bordermap render --out output/")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Look up, list and validate the gazetteer's sites
    Sites {
        #[command(subcommand)]
        command: SitesCommand,
    },
}

#[derive(Args, Clone)]
pub struct GazetteerArg {
    /// Your own gazetteer file of [[site]] tables: its sites add to the built-in ones, or replace
    /// a built-in site with the same id
    #[arg(long, value_name = "PATH")]
    gazetteer: Option<PathBuf>,
}

#[derive(Subcommand)]
enum SitesCommand {
    /// Resolve a place name in any spelling (Latin or Arabic script) to sites, best first
    #[command(after_help = "\
Exit status: 0 when something matched, 1 when nothing did (suggestions on stderr), 2 on bad input.

Examples:
  bordermap sites lookup Albukamal
  bordermap sites lookup 'Deir ez-Zor' --json
  bordermap sites lookup 'القائم'
  bordermap sites lookup Rabia          # a town and its crossing: both, ranked")]
    Lookup {
        /// The place name as a report spells it
        name: String,
        /// Print one JSON object: {"query", "matches": [...]}
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        gazetteer: GazetteerArg,
    },
    /// List the curated sites, filtered by kind and country
    #[command(after_help = "\
Examples:
  bordermap sites list --kind crossing
  bordermap sites list --country SY --format csv
  bordermap sites list --format geojson > sites.geojson")]
    List {
        /// Only sites of this kind (city, town, village, district, crossing, base, airfield,
        /// oil-field, gas-field, facility, province, region, river, border, country)
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        /// Only sites in this country (ISO 3166 alpha-2, e.g. IQ, SY)
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        #[command(flatten)]
        gazetteer: GazetteerArg,
    },
    /// Validate the gazetteer (built-in, plus --gazetteer): every problem in one run
    #[command(after_help = "\
Reports duplicate ids, coordinates out of range or swapped, point sites on the wrong side of the
border for their country, names shared by two sites, unknown areas; each with file, line and value.
Exit status: 0 when valid, 2 on errors.

Examples:
  bordermap sites check
  bordermap sites check --gazetteer my-sites.toml")]
    Check {
        #[command(flatten)]
        gazetteer: GazetteerArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Csv,
    Geojson,
}

/// The exit code for an error: 2 for bad input and usage, 1 otherwise.
pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Invalid(_) | Error::Usage(_) => 2,
        Error::Io { .. } | Error::Other(_) => 2,
    }
}

pub fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print and succeed; usage errors exit 2
            let _ = e.print();
            return Ok(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    match cli.command {
        Command::Sites { command } => match command {
            SitesCommand::Lookup { name, json, gazetteer } => lookup(&name, json, &gazetteer),
            SitesCommand::List { kind, country, format, gazetteer } => {
                list(kind.as_deref(), country.as_deref(), format, &gazetteer)
            }
            SitesCommand::Check { gazetteer } => check_sites(&gazetteer),
        },
    }
}

fn stdout_write(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("standard output", e))
}

fn load_gazetteer(arg: &GazetteerArg) -> Result<Gazetteer> {
    Gazetteer::load(arg.gazetteer.as_deref())
}

fn round(x: f64, d: i32) -> f64 {
    let m = 10f64.powi(d);
    (x * m).round() / m
}

fn lookup(name: &str, json: bool, arg: &GazetteerArg) -> Result<ExitCode> {
    if name.trim().is_empty() {
        return Err(Error::Usage("sites lookup: the name is empty; give a place name, e.g. bordermap sites lookup Albukamal".into()));
    }
    let g = load_gazetteer(arg)?;
    let border = Border::builtin()?;
    let matches = g.lookup(name);
    if matches.is_empty() {
        let suggestions: Vec<String> = g
            .fuzzy(name, 5)
            .iter()
            .filter_map(|m| g.site(m.site).map(|s| format!("{} ({}, {} {})", m.matched, s.id, s.kind.as_str(), s.country)))
            .collect();
        if json {
            stdout_write(&format!("{}\n", serde_json::json!({"query": name, "matches": []})))?;
        }
        let mut msg = format!("bordermap: no site matches {name:?}");
        if !suggestions.is_empty() {
            msg.push_str("\ndid you mean:");
            for s in suggestions {
                msg.push_str(&format!("\n  {s}"));
            }
        }
        eprintln!("{msg}");
        return Ok(ExitCode::from(1));
    }
    if json {
        let arr: Vec<serde_json::Value> = matches.iter().filter_map(|m| match_json(&g, &border, m)).collect();
        let v = serde_json::json!({"query": name, "matches": arr});
        stdout_write(&format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()))?;
    } else {
        let mut t = String::new();
        t.push_str(&format!(
            "{:<5} {:<26} {:<24} {:<9} {:<2} {:>9} {:>9} {:>7} {:>8} {:>5}  {}\n",
            "score", "id", "name", "kind", "cc", "lon", "lat", "prec_m", "border", "side", "matched"
        ));
        for m in &matches {
            let Some(s) = g.site(m.site) else { continue };
            let f = border.fix(s.lon, s.lat);
            t.push_str(&format!(
                "{:<5.2} {:<26} {:<24} {:<9} {:<2} {:>9.4} {:>9.4} {:>7} {:>6.1}km {:>5}  {} ({})\n",
                m.score,
                s.id,
                s.name,
                s.kind.as_str(),
                s.country,
                s.lon,
                s.lat,
                s.precision_m.round(),
                f.distance_km,
                border.side(s.lon, s.lat).code(),
                m.matched,
                m.how.as_str(),
            ));
        }
        stdout_write(&t)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn match_json(g: &Gazetteer, border: &Border, m: &Match) -> Option<serde_json::Value> {
    let s = g.site(m.site)?;
    let f = border.fix(s.lon, s.lat);
    Some(serde_json::json!({
        "id": s.id,
        "name": s.name,
        "name_ar": s.name_ar,
        "kind": s.kind.as_str(),
        "country": s.country,
        "admin1": s.admin1,
        "lon": round(s.lon, 6),
        "lat": round(s.lat, 6),
        "precision_m": s.precision_m.round() as i64,
        "score": round(m.score, 3),
        "matched": m.matched,
        "how": m.how.as_str(),
        "tier": s.tier.as_str(),
        "source": s.source,
        "border_km": round(f.distance_km, 2),
        "side": border.side(s.lon, s.lat).code(),
        "chainage_km": round(f.chainage_km, 2),
    }))
}

fn list(kind: Option<&str>, country: Option<&str>, format: ListFormat, arg: &GazetteerArg) -> Result<ExitCode> {
    let kind = match kind {
        None => None,
        Some(k) => Some(SiteKind::parse(k).ok_or_else(|| {
            let all: Vec<_> = SiteKind::ALL.iter().map(|k| k.as_str()).collect();
            Error::Usage(format!("--kind {k:?} is not a site kind; use one of: {}", all.join(", ")))
        })?),
    };
    let country = country.map(|c| c.trim().to_ascii_uppercase());
    if let Some(c) = &country {
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::Usage(format!("--country {c:?} is not an ISO 3166 alpha-2 code such as IQ or SY")));
        }
    }
    let g = load_gazetteer(arg)?;
    let border = Border::builtin()?;
    let mut sites: Vec<_> = g
        .sites()
        .iter()
        .filter(|s| kind.is_none_or(|k| s.kind == k))
        .filter(|s| country.as_deref().is_none_or(|c| s.country == c))
        .collect();
    sites.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::new();
    match format {
        ListFormat::Table => {
            out.push_str(&format!(
                "{:<28} {:<28} {:<9} {:<2} {:>9} {:>9} {:>7} {:>8} {:>5}\n",
                "id", "name", "kind", "cc", "lon", "lat", "prec_m", "border", "side"
            ));
            for s in &sites {
                let f = border.fix(s.lon, s.lat);
                out.push_str(&format!(
                    "{:<28} {:<28} {:<9} {:<2} {:>9.4} {:>9.4} {:>7} {:>6.1}km {:>5}\n",
                    s.id,
                    s.name,
                    s.kind.as_str(),
                    s.country,
                    s.lon,
                    s.lat,
                    s.precision_m.round(),
                    f.distance_km,
                    border.side(s.lon, s.lat).code()
                ));
            }
        }
        ListFormat::Csv => {
            out.push_str("id,name,name_ar,kind,country,admin1,lon,lat,precision_m,source,border_km,side,chainage_km\n");
            for s in &sites {
                let f = border.fix(s.lon, s.lat);
                let row = [
                    s.id.clone(),
                    s.name.clone(),
                    s.name_ar.clone().unwrap_or_default(),
                    s.kind.as_str().into(),
                    s.country.clone(),
                    s.admin1.clone(),
                    format!("{}", round(s.lon, 6)),
                    format!("{}", round(s.lat, 6)),
                    format!("{}", s.precision_m.round()),
                    s.source.clone(),
                    format!("{:.2}", f.distance_km),
                    border.side(s.lon, s.lat).code().into(),
                    format!("{:.2}", f.chainage_km),
                ];
                out.push_str(&bordermap::csv_row(&row));
            }
        }
        ListFormat::Geojson => {
            let features: Vec<serde_json::Value> = sites
                .iter()
                .map(|s| {
                    let f = border.fix(s.lon, s.lat);
                    serde_json::json!({
                        "type": "Feature",
                        "properties": {
                            "id": s.id, "name": s.name, "name_ar": s.name_ar, "kind": s.kind.as_str(),
                            "country": s.country, "admin1": s.admin1, "precision_m": s.precision_m.round() as i64,
                            "source": s.source, "border_km": round(f.distance_km, 2),
                            "side": border.side(s.lon, s.lat).code(), "chainage_km": round(f.chainage_km, 2),
                        },
                        "geometry": {"type": "Point", "coordinates": [round(s.lon, 6), round(s.lat, 6)]},
                    })
                })
                .collect();
            let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
            out.push_str(&serde_json::to_string(&fc).unwrap_or_default());
            out.push('\n');
        }
    }
    stdout_write(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn check_sites(arg: &GazetteerArg) -> Result<ExitCode> {
    let g = Gazetteer::load_lenient(arg.gazetteer.as_deref())?;
    let border = Border::builtin()?;
    let diags = g.check(&border);
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    for d in &diags {
        eprintln!("{d}");
    }
    if errors > 0 {
        eprintln!("bordermap: {errors} error(s) in the gazetteer");
        return Ok(ExitCode::from(2));
    }
    println!("gazetteer ok: {} sites, {} areas", g.sites().len(), g.areas().len());
    Ok(ExitCode::SUCCESS)
}

//! Command-line arguments and the commands behind them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use bordermap::actors::Actors;
use bordermap::border::Border;
use bordermap::error::{Error, Result, Severity};
use bordermap::event::{EventKind, Status};
use bordermap::gazetteer::{Gazetteer, Match, SiteKind};
use bordermap::output::fields::{event_layer, Ctx, EventSchema};
use bordermap::output::geojson::Encoded;
use bordermap::output::layer::{Feature, FeatureSink, Geom, GeomType};
use bordermap::output::mapopts::{self, Extent, MapOptions};
use bordermap::output::render::{render as render_all, RenderContext};
use bordermap::output::tables::{CsvSink, JsonSink, TableSink};
use bordermap::pipeline::{self, EventStream, Loaded, OnInvalid, Order};
use bordermap::resolve::{Filter, Shape};
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
  bordermap events acled-export.csv --format geojson > acled.geojson
  bordermap render --out output/
  bordermap draft article.txt -o draft.toml

Exit status (every command): 0 done; 1 nothing matched (a look-up, a filter); 2 bad input or
usage (the message names the file, line and value); 3 a file could not be read or written.")]
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
    /// Look up and list the actor registry: armed groups, forces and governments
    Actors {
        #[command(subcommand)]
        command: ActorsCommand,
    },
    /// Validate report files and exports: every problem in one run, with file, line and column
    #[command(after_help = "\
With no paths, checks the built-in reports. A directory means every .toml file in it; a .csv
file is an ACLED or UCDP GED export (told from its header).
Reports unknown sites and actors (with suggestions and how to add them), impossible or
malformed dates, movements without an origin or destination, duplicate ids, bad rows.
Exit status: 0 when valid (warnings are printed too), 2 on errors.

Examples:
  bordermap check
  bordermap check reports/
  bordermap check my-report.toml --gazetteer my-sites.toml
  bordermap check acled-iraq-syria.csv")]
    Check {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the events of reports and exports, resolved to places, distances and gradings
    #[command(after_help = "\
With no paths, uses the built-in reports (the seed reports compiled into the binary). Report
files (.toml) and ACLED or UCDP GED exports (.csv) may be mixed; exports are read a row at a
time, so --format geojson or csv streams a million rows in constant memory.
Dates filter by overlap: an event from 2018 to 2024 is kept by --from 2024-12-01.
A bad row stops the command before anything is written (exit 2); --skip-invalid reports each
bad row and goes on.
Exit status: 0 done, 1 nothing matched the filters, 2 bad input or usage, 3 I/O failure.

Examples:
  bordermap events
  bordermap events --from 2024-12-01 --to 2024-12-31 --kind deployment
  bordermap events --actor PMF --format csv > pmf.csv
  bordermap events acled.csv --format geojson > acled.geojson
  bordermap events ged.csv reports/ --skip-invalid --format json")]
    Events {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format: table, json, csv (with WKT) or geojson (an RFC 7946 FeatureCollection)
        #[arg(long, value_enum, default_value_t = EventFormat::Table)]
        format: EventFormat,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write GeoJSON layers with QGIS styles, a GeoPackage, briefing maps, charts and map.html
    #[command(after_help = "\
Writes into --out (default output/): sites, events, movements, uncertainty, border, rivers and
areas as GeoJSON with a QGIS style (.qml) beside each, briefing.gpkg with every layer and its
style, map.svg/png/pdf, timeline.svg and profile.svg, and map.html: an interactive map in one
file that opens offline (time slider, filters, a card with the source of every event; its
address keeps the state, e.g. map.html#date=2024-12-05 or #event=SOURCE/EVENT). The whole set
is written beside --out and swapped in at once: a failure or a kill leaves the old set as it
was. --out must be a folder that holds only bordermap's products (or a new one).
With more events than a map can show one by one, the map draws their density.
Exit status: 0 done, 1 nothing matched the filters, 2 bad input or usage, 3 I/O failure.

Examples:
  bordermap render
  bordermap render --out /tmp/brief --from 2024-12-01 --actor 'Kataib Hezbollah'
  bordermap render reports/ --kind withdrawal --title 'Withdrawals from the border'
  bordermap render acled.csv --out acled-brief/ --extent auto")]
    Render {
        #[command(flatten)]
        input: InputArgs,
        /// Output directory
        #[arg(long, default_value = "output", value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        map: MapArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Draft a report from an article's text: places, actors, dates and events, traced to
    /// their words
    #[command(after_help = "\
Reads plain text as copied from a web page (`-` reads standard input), optionally opened by
front matter: `key: value` lines (url, title, publisher, published) closed by a line `---`.
Flags override the front matter. Without a publication date, a date line in the text (\"Monday,
6 November, 2017 - 13:30\") or the URL is used, and the draft says so; with none, relative dates
(\"on Thursday\") are left unresolved.

Every place the gazetteer knows is found in any spelling it knows, with its byte span; places it
lacks are listed as unresolved, never given coordinates. Each sentence that reports an action or
a movement becomes a drafted event: kind, status (planned, considered, denied from the wording),
actors, at or from/via/to, date, and the sentence word for word as its quote.

--format toml (the default) writes a report that `bordermap check` accepts unchanged, every
drafted value marked for review; --format json writes one object with source, places, actors,
dates, unresolved and events (each as `bordermap events --format json` prints it, plus the span
of its sentence). -o writes the file atomically.
Exit status: 0 done, 2 bad input or usage (an empty, binary or non-UTF-8 file), 3 I/O failure.

Examples:
  bordermap draft article.txt
  bordermap draft article.txt --published 2024-12-05 --publisher Rudaw -o draft.toml
  bordermap check draft.toml && bordermap render draft.toml --out brief/
  pbpaste | bordermap draft - --format json")]
    Draft(DraftArgs),
}

#[derive(Args)]
struct DraftArgs {
    /// The article: a text file, or `-` for standard input
    article: PathBuf,
    /// Publication date, YYYY-MM-DD (relative dates are resolved from it)
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Who published the article
    #[arg(long, value_name = "NAME")]
    publisher: Option<String>,
    /// The article's address
    #[arg(long)]
    url: Option<String>,
    /// The article's headline
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Output format: toml (a report for review) or json (every mention with its span)
    #[arg(long, value_enum, default_value_t = DraftFormat::Toml)]
    format: DraftFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DraftFormat {
    Toml,
    Json,
}

#[derive(Args, Clone, Default)]
pub struct InputArgs {
    /// Report files or directories, and ACLED or UCDP GED exports (.csv); default: the built-in
    /// reports
    paths: Vec<PathBuf>,
    /// Read every path as this format instead of telling it from its extension and header
    #[arg(long, value_enum, value_name = "F")]
    input_format: Option<InputFormatArg>,
    /// Report each bad row of an export and go on, instead of stopping before writing anything
    #[arg(long)]
    skip_invalid: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    Report,
    Acled,
    Ucdp,
}

impl InputArgs {
    fn inputs(&self) -> Result<pipeline::Inputs> {
        pipeline::classify(
            &self.paths,
            self.input_format.map(|f| match f {
                InputFormatArg::Report => pipeline::InputFormat::Report,
                InputFormatArg::Acled => pipeline::InputFormat::Acled,
                InputFormatArg::Ucdp => pipeline::InputFormat::Ucdp,
            }),
        )
    }
    fn on_invalid(&self) -> OnInvalid {
        if self.skip_invalid {
            OnInvalid::Skip
        } else {
            OnInvalid::Fail
        }
    }
}

#[derive(Args, Clone)]
pub struct MapArgs {
    /// What the map frames: corridor (the whole border and the Euphrates from Deir ez-Zor to
    /// Hit), region (Damascus to Baghdad), or auto (the events' own extent)
    #[arg(long, value_enum, default_value_t = ExtentArg::Corridor)]
    extent: ExtentArg,
    /// Frame this box instead: west,south,east,north in degrees (e.g. 40.5,34,41.5,34.8)
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    bbox: Option<String>,
    /// Map title
    #[arg(long)]
    title: Option<String>,
    /// Map size in pixels, WIDTHxHEIGHT
    #[arg(long, default_value = "1600x1000", value_name = "WxH")]
    size: String,
    /// Resolution of map.png, dots per inch (the SVG and PDF are vector)
    #[arg(long, default_value_t = 150.0)]
    dpi: f64,
    /// Leave out Arabic labels
    #[arg(long)]
    no_arabic: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtentArg {
    Corridor,
    Region,
    Auto,
}

#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// Only events on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only events by this actor or a group under it (id, name or alias; repeatable)
    #[arg(long, value_name = "A")]
    actor: Vec<String>,
    /// Only events of this kind (deployment, withdrawal, crossing, transit, presence, strike,
    /// clash, control-change, meeting, statement, arrest, raid, protest, closure, reopening,
    /// attack, other)
    #[arg(long, value_name = "K")]
    kind: Option<String>,
    /// Only events of this status (reported, planned, considered, denied)
    #[arg(long, value_name = "S")]
    status: Option<String>,
}

#[derive(Args, Clone, Default)]
pub struct DataArgs {
    /// Your own gazetteer file of [[site]] tables, added to the built-in sites
    #[arg(long, value_name = "PATH")]
    gazetteer: Option<PathBuf>,
    /// Your own actor file of [[actor]] tables, added to the built-in actors
    #[arg(long, value_name = "PATH")]
    actors: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum EventFormat {
    Table,
    Json,
    Csv,
    Geojson,
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

#[derive(Subcommand)]
enum ActorsCommand {
    /// Find an actor by id, name or alias in any spelling (Latin or Arabic script)
    #[command(after_help = "\
Exit status: 0 when an actor matched, 1 when none did (close names are suggested).

Examples:
  bordermap actors lookup 'Hashd al-Shaabi'
  bordermap actors lookup KH --json
  bordermap actors lookup 'Military Forces of Iraq (2022-)'")]
    Lookup {
        /// The name as a report or an export writes it
        name: String,
        /// Print one JSON object: {\"query\", \"matches\": [...]}
        #[arg(long)]
        json: bool,
        /// Your own actor file of [[actor]] tables, added to the built-in ones
        #[arg(long, value_name = "PATH")]
        actors: Option<PathBuf>,
    },
    /// List the registry: id, name, ACLED inter code, umbrella group
    #[command(after_help = "\
Examples:
  bordermap actors list
  bordermap actors list --format csv > actors.csv")]
    List {
        #[arg(long, value_enum, default_value_t = ActorFormat::Table)]
        format: ActorFormat,
        /// Your own actor file of [[actor]] tables, added to the built-in ones
        #[arg(long, value_name = "PATH")]
        actors: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ActorFormat {
    Table,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Csv,
    Geojson,
}

/// The exit code for an error: 1 when nothing matched, 2 for bad input and usage, 3 when a
/// file could not be read or written.
pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Empty(_) => 1,
        Error::Invalid(_) | Error::Usage(_) => 2,
        // a file the user named that is not there is bad input; anything else an I/O failure
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => 2,
        Error::Io { .. } | Error::Other(_) => 3,
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
            SitesCommand::Lookup {
                name,
                json,
                gazetteer,
            } => lookup(&name, json, &gazetteer),
            SitesCommand::List {
                kind,
                country,
                format,
                gazetteer,
            } => list(kind.as_deref(), country.as_deref(), format, &gazetteer),
            SitesCommand::Check { gazetteer } => check_sites(&gazetteer),
        },
        Command::Actors { command } => match command {
            ActorsCommand::Lookup { name, json, actors } => {
                actors_lookup(&name, json, actors.as_deref())
            }
            ActorsCommand::List { format, actors } => actors_list(format, actors.as_deref()),
        },
        Command::Check { input, data } => check_reports(&input, &data),
        Command::Events {
            input,
            filter,
            format,
            data,
        } => events(&input, &filter, format, &data),
        Command::Render {
            input,
            out,
            filter,
            map,
            data,
        } => render(&input, &out, &filter, &map, &data),
        Command::Draft(a) => draft(a),
    }
}

/// Reads an article: a regular file or standard input, bounded, UTF-8, not binary.
fn read_article(path: &std::path::Path) -> Result<(String, String)> {
    use std::io::Read;
    let limit = bordermap::draft::MAX_INPUT as u64;
    let (shown, bytes) = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut b)
            .map_err(|e| Error::io("standard input", e))?;
        ("standard input".to_string(), b)
    } else {
        let shown = path.display().to_string();
        let text = bordermap::error::read_text_file(path, limit)?;
        return check_article(shown, text.into_bytes());
    };
    if bytes.len() as u64 > limit {
        return Err(Error::Usage(format!(
            "{shown}: more than the {} MB an article may have",
            limit / (1024 * 1024)
        )));
    }
    check_article(shown, bytes)
}

fn check_article(shown: String, bytes: Vec<u8>) -> Result<(String, String)> {
    if let Some(at) = bytes.iter().take(1 << 16).position(|&b| b == 0) {
        return Err(Error::Usage(format!(
            "{shown}: a binary file (a NUL byte at offset {at}), not an article's text; give plain text (UTF-8)"
        )));
    }
    let text = bordermap::error::utf8(&shown, bytes)?;
    if text.trim().is_empty() {
        return Err(Error::Usage(format!(
            "{shown}: the article is empty: nothing to draft"
        )));
    }
    Ok((shown, text))
}

fn draft(a: DraftArgs) -> Result<ExitCode> {
    let published = match &a.published {
        None => None,
        Some(p) => Some(
            bordermap::validate::published_date(p)
                .map_err(|m| Error::Usage(format!("--published {p:?}: {m}")))?,
        ),
    };
    let clean = |o: &Option<String>| o.as_ref().map(|s| bordermap::text::clean(s).into_owned());
    let meta = bordermap::draft::Meta {
        published,
        publisher: clean(&a.publisher),
        url: clean(&a.url),
        title: clean(&a.title),
    };
    let (shown, raw) = read_article(&a.article)?;
    let text = bordermap::text::clean(&raw);
    if text.len() != raw.len() {
        eprintln!(
            "bordermap: {shown}: removed characters that could disguise text ({}); byte offsets are into the cleaned text",
            bordermap::text::unsafe_codes(&raw)
        );
    }
    let g = Gazetteer::load(a.data.gazetteer.as_deref())?;
    let actors = Actors::load(a.data.actors.as_deref())?;
    let border = Border::builtin()?;
    let drafter = bordermap::draft::Drafter::new(&g, &actors, &border);
    let d = drafter.draft(&text, &meta);
    for n in &d.notes {
        eprintln!("bordermap: {shown}: {}", bordermap::text::terminal_safe(n));
    }
    eprintln!(
        "bordermap: {shown}: {} place mentions ({} unresolved), {} actor mentions, {} dates, {} events drafted",
        d.places.len(),
        d.unresolved.len(),
        d.actors.len(),
        d.dates.len(),
        d.events.len()
    );
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        match a.format {
            DraftFormat::Toml => w.write_all(d.to_toml(&drafter, &shown).as_bytes()),
            DraftFormat::Json => d.write_json(&drafter, &shown, w),
        }
    };
    match &a.output {
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&mut out)
                .and_then(|_| out.flush())
                .map_err(|e| Error::io("standard output", e))?;
        }
        Some(p) => write_atomically(p, write)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a file whole or not at all: a temporary file beside it, synced, then renamed.
fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let f = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&shown, e))?;
    // the file a user makes: the mode of the file it replaces, else rw-r--r--
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0o644);
    let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
    write(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(&shown, e))?;
    let f = w
        .into_inner()
        .map_err(|e| Error::io(&shown, e.into_error()))?;
    f.as_file()
        .set_permissions(std::fs::Permissions::from_mode(mode))
        .and_then(|_| f.as_file().sync_all())
        .map_err(|e| Error::io(&shown, e))?;
    f.persist(path).map_err(|e| Error::io(&shown, e.error))?;
    Ok(())
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
    // a match may be taken only when it is confident: otherwise the candidates are offered as
    // suggestions, with how to add the place, and the look-up has found nothing
    let confident = matches
        .first()
        .is_some_and(|m| m.confidence >= bordermap::gazetteer::CONFIDENT);
    if !confident && !matches.is_empty() {
        if json {
            let arr: Vec<serde_json::Value> = matches
                .iter()
                .filter_map(|m| match_json(&g, &border, m))
                .collect();
            stdout_write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::json!({"query": name, "matches": arr}))
                    .unwrap_or_default()
            ))?;
        }
        let mut msg = format!(
            "bordermap: no confident match for {:?}; close spellings of other places:",
            bordermap::text::terminal_safe(name)
        );
        for m in matches.iter().take(5) {
            if let Some(s) = g.site(m.site) {
                msg.push_str(&format!(
                    "\n  {} ({}, {} {}, confidence {:.2}, {} km from the border)",
                    bordermap::text::terminal_safe(&m.matched),
                    s.id,
                    s.kind.as_str(),
                    s.country,
                    m.confidence,
                    border.fix(s.lon, s.lat).distance_km.round()
                ));
            }
        }
        msg.push_str(&format!("\n{}", bordermap::validate::ADD_SITE_HINT));
        eprintln!("{msg}");
        return Ok(ExitCode::from(1));
    }
    if matches.is_empty() {
        // curated sites first: a GeoNames transliteration is rarely what was meant
        let mut cands = g.fuzzy(name, 12);
        cands.sort_by_key(|m| !matches!(m.site, bordermap::gazetteer::SiteRef::Listed(_)));
        cands.truncate(5);
        let suggestions: Vec<String> = cands
            .iter()
            .filter_map(|m| {
                g.site(m.site).map(|s| {
                    format!(
                        "{} ({}, {} {})",
                        m.matched,
                        s.id,
                        s.kind.as_str(),
                        s.country
                    )
                })
            })
            .collect();
        if json {
            stdout_write(&format!(
                "{}\n",
                serde_json::json!({"query": name, "matches": []})
            ))?;
        }
        let mut msg = format!("bordermap: no site matches {name:?}");
        if !suggestions.is_empty() {
            msg.push_str("\ndid you mean:");
            for s in suggestions {
                msg.push_str(&format!("\n  {s}"));
            }
        }
        msg.push_str(&format!("\n{}", bordermap::validate::ADD_SITE_HINT));
        eprintln!("{msg}");
        return Ok(ExitCode::from(1));
    }
    if json {
        let arr: Vec<serde_json::Value> = matches
            .iter()
            .filter_map(|m| match_json(&g, &border, m))
            .collect();
        let v = serde_json::json!({"query": name, "matches": arr});
        stdout_write(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ))?;
    } else {
        let mut t = String::new();
        t.push_str(&format!(
            "{:<5} {:<26} {:<24} {:<9} {:<2} {:>9} {:>9} {:>7} {:>8} {:>5}  {}\n",
            "conf", "id", "name", "kind", "cc", "lon", "lat", "prec_m", "border", "side", "matched"
        ));
        for m in &matches {
            let Some(s) = g.site(m.site) else { continue };
            let f = border.fix(s.lon, s.lat);
            t.push_str(&format!(
                "{:<5.2} {:<26} {:<24} {:<9} {:<2} {:>9.4} {:>9.4} {:>7} {:>6.1}km {:>5}  {} ({})\n",
                m.confidence,
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
        "confidence": round(m.confidence, 3),
        "matched": m.matched,
        "how": m.how.as_str(),
        "tier": s.tier.as_str(),
        "source": s.source,
        "border_km": round(f.distance_km, 2),
        "side": border.side(s.lon, s.lat).code(),
        "chainage_km": round(f.chainage_km, 2),
    }))
}

fn list(
    kind: Option<&str>,
    country: Option<&str>,
    format: ListFormat,
    arg: &GazetteerArg,
) -> Result<ExitCode> {
    let kind = match kind {
        None => None,
        Some(k) => Some(SiteKind::parse(k).ok_or_else(|| {
            let all: Vec<_> = SiteKind::ALL.iter().map(|k| k.as_str()).collect();
            Error::Usage(format!(
                "--kind {k:?} is not a site kind; use one of: {}",
                all.join(", ")
            ))
        })?),
    };
    let country = country.map(|c| c.trim().to_ascii_uppercase());
    if let Some(c) = &country {
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::Usage(format!(
                "--country {c:?} is not an ISO 3166 alpha-2 code such as IQ or SY"
            )));
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
    if sites.is_empty() {
        return Err(Error::Empty(format!(
            "no site matches{}{}",
            kind.map(|k| format!(" --kind {}", k.as_str()))
                .unwrap_or_default(),
            country
                .as_deref()
                .map(|c| format!(" --country {c}"))
                .unwrap_or_default()
        )));
    }
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
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    for d in &diags {
        eprintln!("{d}");
    }
    if errors > 0 {
        eprintln!("bordermap: {errors} error(s) in the gazetteer");
        return Ok(ExitCode::from(2));
    }
    println!(
        "gazetteer ok: {} sites, {} areas",
        g.sites().len(),
        g.areas().len()
    );
    Ok(ExitCode::SUCCESS)
}

fn load_inputs(inputs: &pipeline::Inputs, data: &DataArgs) -> Result<Loaded> {
    let l = pipeline::load_inputs(inputs, data.gazetteer.as_deref(), data.actors.as_deref())?;
    for w in &l.warnings {
        eprintln!("{w}");
    }
    Ok(l)
}

fn parse_filter(f: &FilterArgs, actors: &Actors) -> Result<Filter> {
    let day = |opt: &Option<String>, flag: &str| -> Result<Option<chrono::NaiveDate>> {
        match opt {
            None => Ok(None),
            Some(s) => match bordermap::dates::parse_iso(s) {
                Ok(p) if flag == "--to" => Ok(Some(p.end)),
                Ok(p) => Ok(Some(p.start)),
                Err(m) => Err(Error::Usage(format!("{flag}: {m}"))),
            },
        }
    };
    let from = day(&f.from, "--from")?;
    let to = day(&f.to, "--to")?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(Error::Usage(format!("--from {a} is after --to {b}")));
        }
    }
    let mut ids = Vec::new();
    for a in &f.actor {
        let hits = actors.find(a);
        if hits.is_empty() {
            let sugg: Vec<String> = actors
                .suggest(a, 3)
                .iter()
                .map(|x| format!("{} ({})", x.id, x.name))
                .collect();
            let hint = if sugg.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", sugg.join(", "))
            };
            return Err(Error::Usage(format!(
                "--actor {a:?} is not a known actor id, name or alias{hint}"
            )));
        }
        ids.extend(hits.iter().map(|x| x.id.clone()));
    }
    let kind = match &f.kind {
        None => None,
        Some(k) => Some(EventKind::parse(k).ok_or_else(|| {
            Error::Usage(format!(
                "--kind {k:?} is not an event kind; use one of: {}",
                EventKind::choices()
            ))
        })?),
    };
    let status = match &f.status {
        None => None,
        Some(k) => Some(Status::parse(k).ok_or_else(|| {
            Error::Usage(format!(
                "--status {k:?} is not a status; use one of: {}",
                Status::choices()
            ))
        })?),
    };
    Ok(Filter {
        from,
        to,
        actors: ids,
        kind,
        status,
    })
}

fn check_reports(input: &InputArgs, data: &DataArgs) -> Result<ExitCode> {
    let inputs = input.inputs()?;
    let l = load_inputs(&inputs, data)?;
    let n: usize = l.reports.iter().map(|r| r.events.len()).sum();
    let filter = Filter::default();
    let mut rows = 0u64;
    let mut stream = EventStream::new(&l, &inputs, &filter, Order::ByDate, input.on_invalid());
    for e in stream.by_ref() {
        e?;
        rows += 1;
    }
    let imported = rows.saturating_sub(n as u64);
    let mut what = format!("{} reports, {} events", l.reports.len(), n);
    if !inputs.exports.is_empty() {
        what.push_str(&format!(", {} export rows", imported));
        if stream.skipped() > 0 {
            what.push_str(&format!(" ({} bad rows skipped)", stream.skipped()));
        }
    }
    if !l.warnings.is_empty() {
        what.push_str(&format!(", {} warning(s)", l.warnings.len()));
    }
    println!("ok: {what}");
    Ok(ExitCode::SUCCESS)
}

fn events(
    input: &InputArgs,
    f: &FilterArgs,
    format: EventFormat,
    data: &DataArgs,
) -> Result<ExitCode> {
    let inputs = input.inputs()?;
    let l = load_inputs(&inputs, data)?;
    let filter = parse_filter(f, &l.actors)?;
    // A bad row never leaves half an output behind: written to a regular file, the output is
    // cut back to where it began when the run fails; written to a pipe, exports are checked
    // whole before the first byte goes out (unless bad rows are to be skipped).
    let stdout_file = stdout_regular_file();
    if !inputs.exports.is_empty() && !input.skip_invalid && stdout_file.is_none() {
        pipeline::check_exports(&l, &inputs, &filter)?;
    }
    let (layer, fields) = event_layer(
        "events",
        GeomType::Mixed,
        EventSchema {
            route: true,
            imported: !inputs.exports.is_empty(),
            stops: matches!(format, EventFormat::Json),
        },
    );
    let stdout = std::io::stdout().lock();
    let w = std::io::BufWriter::with_capacity(1 << 16, stdout);
    let ctx = Ctx { actors: &l.actors };
    let mut sink: Box<dyn FeatureSink> = match format {
        EventFormat::Table => Box::new(TableSink::new(w, "standard output")),
        EventFormat::Json => Box::new(JsonSink::new(w, "standard output")),
        EventFormat::Csv => Box::new(CsvSink::new(w, "standard output")),
        EventFormat::Geojson => {
            // features are encoded on the threads that resolve them
            let keys = bordermap::output::geojson::keys(&layer);
            let mut sink = bordermap::output::geojson::GeoJsonStream::new(w, "standard output");
            // the batches' buffers go round, so that memory stays what the first batches took
            let spare: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());
            let (written, stats) = pipeline::run_stream_batches(
                &l,
                &inputs,
                &filter,
                Order::ByDate,
                input.on_invalid(),
                || match spare.lock().ok().and_then(|mut s| s.pop()) {
                    Some(bytes) => Encoded { bytes, n: 0 },
                    None => Encoded::default(),
                },
                |e: &mut Encoded, r| e.push_parts(&keys, &geom(&r), fields.each(&r, &ctx)),
                |batches| -> Result<u64> {
                    sink.begin_layer(&layer)?;
                    let mut n = 0u64;
                    for b in batches {
                        let b = b?;
                        sink.encoded(&b)?;
                        n += b.n;
                        let mut bytes = b.bytes;
                        bytes.clear();
                        if let Ok(mut s) = spare.lock() {
                            s.push(bytes);
                        }
                    }
                    sink.finish()?;
                    Ok(n)
                },
            );
            drop(sink);
            return events_done(written, stats, &stdout_file, &filter, &l.actors);
        }
    };
    let (written, stats) = pipeline::run_stream(
        &l,
        &inputs,
        &filter,
        Order::ByDate,
        input.on_invalid(),
        |stream| -> Result<u64> {
            let id = sink.begin_layer(&layer)?;
            let mut n = 0u64;
            for r in stream {
                sink.feature(id, &feature(&r?, &fields, &ctx))?;
                n += 1;
            }
            sink.end_layer(id)?;
            sink.finish()?;
            Ok(n)
        },
    );
    // the sink's buffer is flushed when it goes: before any cut
    drop(sink);
    events_done(written, stats, &stdout_file, &filter, &l.actors)
}

/// The geometry of a resolved event.
fn geom(r: &bordermap::resolve::Resolved) -> Geom<'_> {
    match &r.shape {
        Shape::Point(x, y) => Geom::Point(*x, *y),
        Shape::Line(p) => Geom::Line(std::borrow::Cow::Borrowed(p)),
    }
}

/// A resolved event as a feature of the `events` layer.
fn feature<'r>(
    r: &'r bordermap::resolve::Resolved,
    fields: &bordermap::output::fields::EventFields,
    ctx: &Ctx<'_>,
) -> Feature<'r> {
    Feature {
        geom: geom(r),
        values: fields.values(r, ctx),
    }
}

/// How an `events` run ends: a failed run's output cut back, skipped rows counted, an empty
/// result under filters said.
fn events_done(
    written: Result<u64>,
    stats: pipeline::StreamStats,
    stdout_file: &Option<(std::fs::File, u64)>,
    filter: &Filter,
    actors: &Actors,
) -> Result<ExitCode> {
    let n = match written {
        Ok(n) => n,
        Err(e) => {
            if let Some((f, len)) = stdout_file {
                let _ = f.set_len(*len);
            }
            return Err(e);
        }
    };
    if stats.skipped > 0 {
        eprintln!("bordermap: {} bad row(s) skipped", stats.skipped);
    }
    if n == 0 && !filter.is_empty() {
        return Err(Error::Empty(format!(
            "no event matches the filters ({})",
            filter.describe(actors)
        )));
    }
    Ok(ExitCode::SUCCESS)
}

fn map_options(m: &MapArgs, filter: &Filter, actors: &Actors) -> Result<MapOptions> {
    let (width, height) = mapopts::parse_size(&m.size)?;
    let mut o = MapOptions {
        extent: match m.extent {
            ExtentArg::Corridor => Extent::Corridor,
            ExtentArg::Region => Extent::Region,
            ExtentArg::Auto => Extent::Auto,
        },
        bbox: m.bbox.as_deref().map(mapopts::parse_bbox).transpose()?,
        width,
        height,
        dpi: mapopts::check_dpi(m.dpi)?,
        arabic: !m.no_arabic,
        filters: filter.describe(actors),
        ..MapOptions::default()
    };
    mapopts::check_pixels(o.width, o.height, o.dpi)?;
    if let Some(t) = &m.title {
        let t = bordermap::text::clean(t);
        if t.trim().is_empty() {
            return Err(Error::Usage("--title is empty".into()));
        }
        o.title = t.into_owned();
    }
    Ok(o)
}

fn render(
    input: &InputArgs,
    out: &std::path::Path,
    f: &FilterArgs,
    m: &MapArgs,
    data: &DataArgs,
) -> Result<ExitCode> {
    let inputs = input.inputs()?;
    let l = load_inputs(&inputs, data)?;
    let filter = parse_filter(f, &l.actors)?;
    let map = map_options(m, &filter, &l.actors)?;
    let ctx = RenderContext {
        gazetteer: &l.gazetteer,
        border: &l.border,
        actors: &l.actors,
        map: &map,
        imported: !inputs.exports.is_empty(),
    };
    let (result, stats) = pipeline::run_stream(
        &l,
        &inputs,
        &filter,
        Order::ById,
        input.on_invalid(),
        |stream| render_all(stream, &ctx, out),
    );
    let written = match result {
        Err(Error::Empty(_)) => {
            return Err(Error::Empty(format!(
                "no event matches the filters ({}); nothing written to {}",
                filter.describe(&l.actors),
                out.display()
            )))
        }
        r => r?,
    };
    if stats.skipped > 0 {
        eprintln!("bordermap: {} bad row(s) skipped", stats.skipped);
    }
    let mut so = String::new();
    for w in &written {
        so.push_str(&format!("{}\n", w.display()));
    }
    stdout_write(&so)?;
    Ok(ExitCode::SUCCESS)
}

/// Standard output as a regular file (a `>` or `>>` redirection) and its length now, so that a
/// failed run can cut it back; `None` for a terminal or a pipe.
fn stdout_regular_file() -> Option<(std::fs::File, u64)> {
    use std::os::fd::AsFd;
    let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
    let f = std::fs::File::from(fd);
    let m = f.metadata().ok()?;
    if !m.is_file() {
        return None;
    }
    use std::io::Seek;
    let mut g = f.try_clone().ok()?;
    // `>` starts an empty file at 0; `>>` appends after what is there (its position reads 0
    // until the first write): the run's output begins at the larger of the two
    let at = g.stream_position().unwrap_or(0).max(m.len());
    Some((f, at))
}

/// Actors as a terminal table: id, name, ACLED inter code, umbrella group.
fn actor_table(list: &[&bordermap::actors::Actor]) -> String {
    let mut t = format!("{:<28} {:<44} {:>5}  {}\n", "id", "name", "inter", "under");
    for a in list {
        t.push_str(&format!(
            "{:<28} {:<44} {:>5}  {}\n",
            a.id,
            bordermap::text::terminal_safe(&a.name),
            a.inter,
            a.parent.as_deref().unwrap_or("")
        ));
    }
    t
}

fn actor_json(a: &bordermap::actors::Actor, matched: &str) -> serde_json::Value {
    serde_json::json!({
        "id": a.id, "name": a.name, "name_ar": a.name_ar, "inter": a.inter,
        "country": a.country, "parent": a.parent, "aliases": a.aliases, "matched": matched,
    })
}

fn actors_lookup(name: &str, json: bool, file: Option<&std::path::Path>) -> Result<ExitCode> {
    if name.trim().is_empty() {
        return Err(Error::Usage(
            "actors lookup: the name is empty; give a name, e.g. bordermap actors lookup PMF"
                .into(),
        ));
    }
    let reg = Actors::load(file)?;
    // ACLED's era and country suffixes are dropped for the match, as in imports
    let mut hits: Vec<&bordermap::actors::Actor> = reg.find(name);
    if hits.is_empty() {
        let base = name.split(" (").next().unwrap_or(name);
        hits = reg.find(base);
    }
    if hits.is_empty() {
        let sugg = reg.suggest(name, 5);
        if json {
            stdout_write(&format!(
                "{}\n",
                serde_json::json!({"query": name, "matches": []})
            ))?;
        }
        let mut msg = format!(
            "bordermap: no actor matches {:?}",
            bordermap::text::terminal_safe(name)
        );
        if !sugg.is_empty() {
            msg.push_str("\ndid you mean:");
            for a in sugg {
                msg.push_str(&format!(
                    "\n  {} ({})",
                    a.id,
                    bordermap::text::terminal_safe(&a.name)
                ));
            }
        }
        msg.push_str(&format!("\n{}", bordermap::validate::ADD_ACTOR_HINT));
        eprintln!("{msg}");
        return Ok(ExitCode::from(1));
    }
    if json {
        let arr: Vec<serde_json::Value> = hits.iter().map(|a| actor_json(a, name)).collect();
        stdout_write(&format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({"query": name, "matches": arr}))
                .unwrap_or_default()
        ))?;
    } else {
        stdout_write(&actor_table(&hits))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn actors_list(format: ActorFormat, file: Option<&std::path::Path>) -> Result<ExitCode> {
    let reg = Actors::load(file)?;
    let mut all: Vec<&bordermap::actors::Actor> = reg.all().iter().collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::new();
    match format {
        ActorFormat::Table => out.push_str(&actor_table(&all)),
        ActorFormat::Csv => {
            out.push_str("id,name,name_ar,inter,country,parent,aliases\n");
            for a in all {
                out.push_str(&bordermap::csv_row(&[
                    a.id.clone(),
                    a.name.clone(),
                    a.name_ar.clone().unwrap_or_default(),
                    a.inter.to_string(),
                    a.country.clone().unwrap_or_default(),
                    a.parent.clone().unwrap_or_default(),
                    a.aliases.join("; "),
                ]));
            }
        }
    }
    stdout_write(&out)?;
    Ok(ExitCode::SUCCESS)
}

//! From input files to one stream of resolved events: the gazetteer, the actor registry and
//! the border loaded once; report files read and validated whole (they are small); CSV
//! exports read a row at a time ([`crate::import`]); every draft through the one validator;
//! then the filter and the resolver. The commands `check`, `events` and `render` all start
//! here.

use std::path::{Path, PathBuf};

use crate::actors::Actors;
use crate::border::Border;
use crate::error::{has_errors, Diagnostic, Error, Result};
use crate::event::Event;
use crate::gazetteer::Gazetteer;
use crate::report::Report;
use crate::resolve::{Filter, Resolved, Resolver};

/// Everything a command over events needs, loaded and validated once.
pub struct Loaded {
    pub gazetteer: Gazetteer,
    pub border: Border,
    pub actors: Actors,
    pub reports: Vec<Report>,
    /// Warnings found while loading (errors fail the load).
    pub warnings: Vec<Diagnostic>,
}

/// The order of report events in a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By start date, then id: for reading.
    ByDate,
    /// By id: for layers that diff well.
    ById,
}

/// Loads the gazetteer (built-in plus `gazetteer`), the actors (built-in plus `actors`), the
/// border and the report files (the built-in reports when `paths` is empty). Every problem
/// of every file is reported together.
///
/// The reports are read first: the places and actors they bring (`[[site]]`, `[[actor]]`) and
/// the side files they name (`gazetteer = [...]`, `actors = [...]`) join the gazetteer and
/// the registry before any event is checked, so every report of the run can use them.
pub fn load(paths: &[PathBuf], gazetteer: Option<&Path>, actors: Option<&Path>) -> Result<Loaded> {
    let mut diags = Vec::new();
    let mut drafts = crate::report::read_all(paths, &mut diags)?;
    let mut sites = Vec::new();
    let mut site_files = Vec::new();
    let mut more_actors = Vec::new();
    let mut actor_files = Vec::new();
    for d in &mut drafts {
        sites.append(&mut d.sites);
        site_files.append(&mut d.gazetteer_files);
        more_actors.append(&mut d.actors);
        actor_files.append(&mut d.actor_files);
    }
    // a side file named by several reports is read once
    let dedup = |v: &mut Vec<(PathBuf, crate::error::Location)>| {
        let mut seen = std::collections::HashSet::new();
        v.retain(|(p, _)| seen.insert(p.clone()));
    };
    dedup(&mut site_files);
    dedup(&mut actor_files);
    // every problem at once: the reports' own tables, the gazetteer's and the registry's
    let gazetteer = Gazetteer::load_extended(gazetteer, &site_files, sites);
    let actors = Actors::load_extended(actors, &actor_files, more_actors);
    let (gazetteer, actors) = match (gazetteer, actors) {
        (Ok(g), Ok(a)) => (g, a),
        (g, a) => {
            let mut all = diags;
            for e in [g.err(), a.err()].into_iter().flatten() {
                match e {
                    Error::Invalid(d) => all.extend(d),
                    other => return Err(other),
                }
            }
            all.sort();
            all.dedup();
            return Err(Error::Invalid(all));
        }
    };
    let border = Border::builtin()?;
    let reports = crate::report::validate_all(drafts, &gazetteer, &actors, &border, &mut diags);
    diags.sort();
    diags.dedup();
    if has_errors(&diags) {
        return Err(Error::Invalid(diags));
    }
    Ok(Loaded {
        gazetteer,
        border,
        actors,
        reports,
        warnings: diags,
    })
}

impl Loaded {
    /// The report events the filter keeps, in `order`.
    pub fn report_events(&self, filter: &Filter, order: Order) -> Vec<Event> {
        let mut v: Vec<Event> = self
            .reports
            .iter()
            .flat_map(|r| r.events.iter())
            .filter(|e| filter.keeps(e, &self.actors))
            .cloned()
            .collect();
        match order {
            Order::ByDate => v.sort_by(|a, b| {
                a.period
                    .start
                    .cmp(&b.period.start)
                    .then_with(|| a.uid().cmp(&b.uid()))
            }),
            Order::ById => v.sort_by_key(|e| e.uid()),
        }
        v
    }

    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(&self.gazetteer, &self.border)
    }
}

/// Resolves a stream of events.
pub fn resolve_stream<'a, I>(
    events: I,
    resolver: &'a Resolver<'a>,
) -> impl Iterator<Item = Result<Resolved>> + 'a
where
    I: Iterator<Item = Result<Event>> + 'a,
{
    events.map(move |e| e.map(|e| resolver.resolve(e)))
}

use std::io::IsTerminal;

use crate::import::{is_csv_path, Format, Importer};
use crate::validate::Validator;

/// How an input file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Report,
    Acled,
    Ucdp,
}

/// The inputs of a command, sorted into report files and CSV exports.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Report files or folders (`*.toml`).
    pub reports: Vec<PathBuf>,
    /// CSV exports, with a forced format if one was given.
    pub exports: Vec<(PathBuf, Option<Format>)>,
}

impl Inputs {
    /// Whether nothing was named (then the built-in reports are used).
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty() && self.exports.is_empty()
    }
}

/// Sorts paths into reports and exports: `--input-format` when given, else `.csv`/`.tsv` files
/// are exports and the rest reports (folders hold reports).
pub fn classify(paths: &[PathBuf], force: Option<InputFormat>) -> Result<Inputs> {
    let mut inputs = Inputs::default();
    for p in paths {
        let export = match force {
            Some(InputFormat::Acled) => Some(Some(Format::Acled)),
            Some(InputFormat::Ucdp) => Some(Some(Format::Ucdp)),
            Some(InputFormat::Report) => None,
            None => (is_csv_path(p) && !p.is_dir()).then_some(None),
        };
        match export {
            Some(f) if !p.is_dir() => inputs.exports.push((p.clone(), f)),
            _ => inputs.reports.push(p.clone()),
        }
    }
    Ok(inputs)
}

/// Loads what [`load`] does for the reports of `inputs`: the built-in reports only when no
/// input at all is named.
pub fn load_inputs(
    inputs: &Inputs,
    gazetteer: Option<&Path>,
    actors: Option<&Path>,
) -> Result<Loaded> {
    if inputs.reports.is_empty() && !inputs.exports.is_empty() {
        let gazetteer = Gazetteer::load(gazetteer)?;
        let border = Border::builtin()?;
        let actors = Actors::load(actors)?;
        return Ok(Loaded {
            gazetteer,
            border,
            actors,
            reports: Vec::new(),
            warnings: Vec::new(),
        });
    }
    load(&inputs.reports, gazetteer, actors)
}

/// The most diagnostics kept for the final report of a run over exports (all are counted).
pub const MAX_KEPT_DIAGNOSTICS: usize = 200;

/// A progress bar on standard error for inputs that take more than a second; silent when
/// standard error is not a terminal (and without the `progress` feature).
pub struct Progress {
    total: u64,
    started: std::time::Instant,
    #[cfg(feature = "progress")]
    bar: Option<indicatif::ProgressBar>,
    enabled: bool,
}

impl Progress {
    pub fn new(total: u64) -> Progress {
        Progress {
            total,
            started: std::time::Instant::now(),
            #[cfg(feature = "progress")]
            bar: None,
            enabled: cfg!(feature = "progress") && std::io::stderr().is_terminal(),
        }
    }

    /// A progress bar that never shows (for library use and tests).
    pub fn hidden() -> Progress {
        Progress {
            enabled: false,
            ..Progress::new(0)
        }
    }

    #[cfg(not(feature = "progress"))]
    pub fn set(&mut self, _done: u64) {
        let _ = (self.total, self.started, self.enabled);
    }

    #[cfg(not(feature = "progress"))]
    pub fn finish(&mut self) {}

    #[cfg(feature = "progress")]
    pub fn set(&mut self, done: u64) {
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() > std::time::Duration::from_secs(1) {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(self.total),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("reading exports");
            self.bar = Some(bar);
        }
        if let Some(b) = &self.bar {
            b.set_position(done);
        }
    }

    #[cfg(feature = "progress")]
    pub fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

/// What to do with a row or event that does not validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnInvalid {
    /// Report it with the rest and fail at the end, having yielded nothing after it.
    Fail,
    /// Report it on standard error and go on.
    Skip,
}

/// One stream of validated events: the reports' (already validated, in memory), then each
/// export's rows in file order, filtered. With [`OnInvalid::Fail`], the first bad row stops
/// the events; the rest of the input is still checked, and the stream ends with an error
/// holding every problem (the first [`MAX_KEPT_DIAGNOSTICS`], and a count).
pub struct EventStream<'a> {
    reports: std::vec::IntoIter<Event>,
    exports: std::vec::IntoIter<(PathBuf, Option<Format>)>,
    current: Option<Importer<'a>>,
    validator: Validator<'a>,
    filter: &'a Filter,
    actors: &'a Actors,
    on_invalid: OnInvalid,
    /// Yield nothing: only check (the `events` command's first pass).
    check_only: bool,
    diags: Vec<Diagnostic>,
    bad: u64,
    skipped: u64,
    done_bytes: u64,
    rows: u64,
    progress: Progress,
    failed: Option<Error>,
    ended: bool,
}

impl<'a> EventStream<'a> {
    pub fn new(
        loaded: &'a Loaded,
        inputs: &Inputs,
        filter: &'a Filter,
        order: Order,
        on_invalid: OnInvalid,
    ) -> EventStream<'a> {
        let total: u64 = inputs
            .exports
            .iter()
            .filter_map(|(p, _)| std::fs::metadata(p).ok().map(|m| m.len()))
            .sum();
        EventStream {
            reports: loaded.report_events(filter, order).into_iter(),
            exports: inputs.exports.clone().into_iter(),
            current: None,
            validator: Validator::new(&loaded.gazetteer, &loaded.actors, &loaded.border),
            filter,
            actors: &loaded.actors,
            on_invalid,
            check_only: false,
            diags: Vec::new(),
            bad: 0,
            skipped: 0,
            done_bytes: 0,
            rows: 0,
            progress: Progress::new(total),
            failed: None,
            ended: false,
        }
    }

    /// Only check the exports: yield no event, end with an error if any row is bad.
    pub fn check_only(mut self) -> Self {
        self.check_only = true;
        self.reports = Vec::new().into_iter();
        self
    }

    /// Rows skipped as invalid (with [`OnInvalid::Skip`]).
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    fn problem(&mut self, mut d: Vec<Diagnostic>) {
        if d.is_empty() {
            return;
        }
        d.sort();
        match self.on_invalid {
            OnInvalid::Skip => {
                self.skipped += 1;
                self.progress.finish();
                for x in &d {
                    eprintln!("{x} (row skipped)");
                }
            }
            OnInvalid::Fail => {
                self.bad += 1;
                for x in d {
                    if self.diags.len() < MAX_KEPT_DIAGNOSTICS {
                        self.diags.push(x);
                    }
                }
            }
        }
    }

    fn next_export_event(&mut self) -> Option<Result<Event>> {
        loop {
            if self.current.is_none() {
                let (path, force) = self.exports.next()?;
                match Importer::open(&path, force, self.actors) {
                    Ok(i) => self.current = Some(i),
                    Err(e) => return Some(Err(e)),
                }
            }
            let imp = self.current.as_mut()?;
            let next = imp.next_draft();
            self.rows += 1;
            if self.rows % 4096 == 0 {
                let done = self.done_bytes + imp.bytes_read();
                self.progress.set(done);
            }
            match next {
                None => {
                    if let Some(i) = self.current.take() {
                        self.done_bytes += i.size;
                    }
                    continue;
                }
                Some(Err(d)) => self.problem(d),
                Some(Ok(draft)) => {
                    let mut diags = Vec::new();
                    let e = self.validator.event(draft, &mut diags);
                    let errors = has_errors(&diags);
                    if errors {
                        self.problem(diags);
                        continue;
                    }
                    let Some(e) = e else { continue };
                    if self.bad > 0 || self.check_only || !self.filter.keeps(&e, self.actors) {
                        continue;
                    }
                    return Some(Ok(e));
                }
            }
        }
    }
}

impl Iterator for EventStream<'_> {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        if self.ended {
            return None;
        }
        if let Some(e) = self.reports.next() {
            return Some(Ok(e));
        }
        if let Some(e) = self.failed.take() {
            self.ended = true;
            return Some(Err(e));
        }
        match self.next_export_event() {
            Some(Ok(e)) => Some(Ok(e)),
            Some(Err(e)) => {
                self.ended = true;
                self.progress.finish();
                Some(Err(e))
            }
            None => {
                self.ended = true;
                self.progress.finish();
                if self.bad > 0 {
                    let mut d = std::mem::take(&mut self.diags);
                    if self.bad as usize > d.len() {
                        d.push(Diagnostic::error(
                            crate::error::Location::file("(exports)"),
                            format!(
                                "{} rows in all could not be read (the first {} problems are shown); nothing was written; --skip-invalid reports each bad row and goes on",
                                self.bad,
                                d.len()
                            ),
                        ));
                    } else {
                        d.push(Diagnostic::error(
                            crate::error::Location::file("(exports)"),
                            format!(
                                "{} row{} could not be read; nothing was written; --skip-invalid reports each bad row and goes on",
                                self.bad,
                                if self.bad == 1 { "" } else { "s" }
                            ),
                        ));
                    }
                    return Some(Err(Error::Invalid(d)));
                }
                None
            }
        }
    }
}

/// What a run over a stream counted.
#[derive(Debug, Clone, Copy, Default)]
pub struct StreamStats {
    /// Events that passed the filter.
    pub events: u64,
    /// Bad rows skipped (with [`OnInvalid::Skip`]).
    pub skipped: u64,
}

/// Events per batch handed from the reading thread to the writing one.
const BATCH: usize = 128;

/// Runs `consume` over the stream of resolved events. Reading, validating and resolving run
/// on a thread of their own, a bounded number of batches ahead of `consume` (which formats
/// and writes), so the two halves share the machine's cores and memory stays bounded. If
/// `consume` stops early, reading stops too.
pub fn run_stream<T: Send>(
    loaded: &Loaded,
    inputs: &Inputs,
    filter: &Filter,
    order: Order,
    on_invalid: OnInvalid,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<Resolved>>) -> T,
) -> (T, StreamStats) {
    let resolver = loaded.resolver();
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Event>>>(8);
        let resolver = &resolver;
        let producer = s.spawn(move || {
            let mut es = EventStream::new(loaded, inputs, filter, order, on_invalid);
            let mut batch = Vec::with_capacity(BATCH);
            let mut n = 0u64;
            for e in es.by_ref() {
                let failed = e.is_err();
                if !failed {
                    n += 1;
                }
                batch.push(e);
                if batch.len() == BATCH || failed {
                    if tx
                        .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                        .is_err()
                    {
                        break;
                    }
                }
                if failed {
                    break;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            StreamStats {
                events: n,
                skipped: es.skipped(),
            }
        });
        let mut it = rx.iter().flatten().map(|e| e.map(|e| resolver.resolve(e)));
        let out = consume(&mut it);
        drop(it);
        drop(rx);
        let stats = producer.join().unwrap_or_default();
        (out, stats)
    })
}

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

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use crate::import::csvread::{read_record, Blocks, Row, BLOCK};
use crate::import::{is_csv_path, Export, Format, Importer, RowContext};
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
                Some(Ok(draft)) => match validated(&self.validator, draft) {
                    Err(d) => self.problem(d),
                    Ok(None) => {}
                    Ok(Some(e)) => {
                        if self.bad > 0 || self.check_only || !self.filter.keeps(&e, self.actors) {
                            continue;
                        }
                        return Some(Ok(e));
                    }
                },
            }
        }
    }
}

/// A draft through the validator: the event, or the problems (warnings go with an event).
fn validated(
    v: &Validator<'_>,
    draft: crate::event::EventDraft,
) -> std::result::Result<Option<Event>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let e = v.event(draft, &mut diags);
    if has_errors(&diags) {
        Err(diags)
    } else {
        Ok(e)
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

/// Blocks of rows in flight at once (read, being worked on, or waiting to be consumed in
/// order): with [`BLOCK`] bytes each, what bounds a run's memory whatever the file's size.
const IN_FLIGHT: usize = 8;

/// The exports of a run, read a block at a time by whichever worker is free.
struct Reader<'a> {
    exports: std::vec::IntoIter<(PathBuf, Option<Format>)>,
    actors: &'a Actors,
    current: Option<(Arc<Export>, Blocks<BufReader<File>>)>,
    /// What was left of a block after the header.
    first: Option<(Vec<u8>, u32)>,
    /// Blocks worked through, for reuse.
    spare: Vec<Vec<u8>>,
    /// Bytes of the exports done before the current one.
    done_bytes: u64,
    size: u64,
    seq: u64,
    ended: bool,
    /// One token a block: taken before a block is read, given back when it is consumed.
    tokens: Receiver<()>,
}

/// A block of rows to work through, or what stopped an export.
enum Job {
    Rows {
        export: Arc<Export>,
        block: Vec<u8>,
        line: u32,
    },
    /// The export could not be read further (a read error, a row too long).
    Broken(Diagnostic),
    /// The export could not be opened or its header read.
    Open(Error),
}

impl Reader<'_> {
    /// The next job with its sequence number and the bytes read by then.
    fn next(&mut self) -> Option<(u64, Job, u64)> {
        loop {
            if self.ended {
                return None;
            }
            let seq = self.seq;
            let Some((export, blocks)) = &mut self.current else {
                let Some((path, force)) = self.exports.next() else {
                    self.ended = true;
                    return None;
                };
                self.seq += 1;
                match Importer::open(&path, force, self.actors) {
                    Ok(i) => {
                        self.size = i.size;
                        let (export, rows) = i.into_rows();
                        let (rest, line, mut blocks) = rows.into_blocks();
                        blocks.set_block_size(BLOCK);
                        self.first = Some((rest, line));
                        self.current = Some((Arc::new(export), blocks));
                        self.seq -= 1;
                        continue;
                    }
                    // the stream ends with it
                    Err(e) => {
                        self.ended = true;
                        return Some((seq, Job::Open(e), self.done_bytes));
                    }
                }
            };
            let block = match self.first.take() {
                Some(b) => Ok(Some(b)),
                None => blocks.take(self.spare.pop().unwrap_or_default()),
            };
            let read = self.done_bytes + blocks.bytes_read();
            let job = match block {
                Ok(Some((block, line))) => Job::Rows {
                    export: Arc::clone(export),
                    block,
                    line,
                },
                Ok(None) => {
                    self.current = None;
                    self.done_bytes += self.size;
                    continue;
                }
                Err(d) => {
                    self.current = None;
                    self.done_bytes += self.size;
                    Job::Broken(d)
                }
            };
            self.seq += 1;
            return Some((seq, job, read));
        }
    }
}

/// What a worker made of a job.
struct Done<U> {
    seq: u64,
    out: U,
    /// Events in `out`.
    n: u64,
    /// Each bad row's problems, in order (for a run that fails, the first
    /// [`MAX_KEPT_DIAGNOSTICS`]).
    bad: Vec<Vec<Diagnostic>>,
    bad_rows: u64,
    /// Bytes read by the time the job was read.
    read: u64,
    fatal: Option<Error>,
}

/// What a stream's workers do with the events.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Resolve and fold them.
    Fold,
    /// Only check the rows.
    Check,
}

/// Works through jobs until there are none or the consumer has gone.
#[allow(clippy::too_many_arguments)]
fn work<U>(
    loaded: &Loaded,
    filter: &Filter,
    on_invalid: OnInvalid,
    mode: Mode,
    reader: &Mutex<Reader<'_>>,
    first_bad: &AtomicU64,
    (new, fold): (
        &(impl Fn() -> U + Sync),
        &(impl Fn(&mut U, Resolved) + Sync),
    ),
    tx: Sender<Done<U>>,
) {
    let validator = Validator::new(&loaded.gazetteer, &loaded.actors, &loaded.border);
    let resolver = loaded.resolver();
    let mut ctx: Option<(Arc<Export>, RowContext<'_>)> = None;
    let mut row = Row::default();
    // a block worked through, given back to the reader with the next job taken: never
    // between a job and its handing over, which must not wait on the reader (another
    // worker may hold it while it waits for the consumer to take this job's batch)
    let mut spare: Option<Vec<u8>> = None;
    loop {
        let next = {
            let Ok(mut r) = reader.lock() else { return };
            if let Some(b) = spare.take() {
                if r.spare.len() < IN_FLIGHT {
                    r.spare.push(b);
                }
            }
            if r.ended || r.tokens.recv().is_err() {
                return;
            }
            r.next()
        };
        let Some((seq, job, read)) = next else { return };
        let mut done = Done {
            seq,
            out: new(),
            n: 0,
            bad: Vec::new(),
            bad_rows: 0,
            read,
            fatal: None,
        };
        match job {
            Job::Open(e) => done.fatal = Some(e),
            Job::Broken(d) => {
                done.bad.push(vec![d]);
                done.bad_rows = 1;
            }
            Job::Rows {
                export,
                block,
                line,
            } => {
                if !ctx.as_ref().is_some_and(|(e, _)| Arc::ptr_eq(e, &export)) {
                    let c = RowContext::new(&export, &loaded.actors);
                    ctx = Some((export, c));
                }
                let Some((_, c)) = ctx.as_mut() else { return };
                let (mut at, mut line) = (0, line);
                while read_record(&block, &mut at, &mut line, &mut row) {
                    match c.draft(&row).and_then(|d| validated(&validator, d)) {
                        Err(mut d) => {
                            if d.is_empty() {
                                continue;
                            }
                            done.bad_rows += 1;
                            if on_invalid == OnInvalid::Fail {
                                first_bad.fetch_min(seq, Ordering::Relaxed);
                                if done.bad.len() >= MAX_KEPT_DIAGNOSTICS {
                                    continue;
                                }
                            }
                            d.sort();
                            done.bad.push(d);
                        }
                        Ok(None) => {}
                        Ok(Some(e)) => {
                            // after a bad row a failing run yields nothing: its events are
                            // neither resolved nor folded
                            let stopped = on_invalid == OnInvalid::Fail
                                && (done.bad_rows > 0 || first_bad.load(Ordering::Relaxed) < seq);
                            if mode == Mode::Fold && !stopped && filter.keeps(&e, &loaded.actors) {
                                fold(&mut done.out, resolver.resolve(e));
                                done.n += 1;
                            }
                        }
                    }
                }
                spare = Some(block);
            }
        }
        if tx.send(done).is_err() {
            return;
        }
    }
}

/// The consumer's side of a stream: the reports' events, then the workers' batches in the
/// order they were read; problems counted, kept or printed as [`EventStream`] does.
struct Batches<U> {
    reports: Option<U>,
    reports_n: u64,
    rx: Receiver<Done<U>>,
    tokens: SyncSender<()>,
    pending: BTreeMap<u64, Done<U>>,
    next: u64,
    on_invalid: OnInvalid,
    diags: Vec<Diagnostic>,
    bad: u64,
    skipped: u64,
    events: u64,
    progress: Progress,
    ended: bool,
}

impl<U> Batches<U> {
    fn next_done(&mut self) -> Option<Done<U>> {
        loop {
            if let Some(d) = self.pending.remove(&self.next) {
                self.next += 1;
                // the block is consumed: another may be read
                let _ = self.tokens.try_send(());
                return Some(d);
            }
            let d = self.rx.recv().ok()?;
            self.pending.insert(d.seq, d);
        }
    }

    /// The error that ends a run with bad rows.
    fn failure(&mut self) -> Error {
        let mut d = std::mem::take(&mut self.diags);
        d.push(Diagnostic::error(
            crate::error::Location::file("(exports)"),
            if self.bad as usize > d.len() {
                format!(
                    "{} rows in all could not be read (the first {} problems are shown); nothing was written; --skip-invalid reports each bad row and goes on",
                    self.bad,
                    d.len()
                )
            } else {
                format!(
                    "{} row{} could not be read; nothing was written; --skip-invalid reports each bad row and goes on",
                    self.bad,
                    if self.bad == 1 { "" } else { "s" }
                )
            },
        ));
        Error::Invalid(d)
    }
}

impl<U> Iterator for Batches<U> {
    type Item = Result<U>;

    fn next(&mut self) -> Option<Result<U>> {
        if self.ended {
            return None;
        }
        if let Some(r) = self.reports.take() {
            self.events += self.reports_n;
            return Some(Ok(r));
        }
        loop {
            let Some(done) = self.next_done() else {
                self.ended = true;
                self.progress.finish();
                return (self.bad > 0).then(|| Err(self.failure()));
            };
            self.progress.set(done.read);
            if let Some(e) = done.fatal {
                self.ended = true;
                self.progress.finish();
                return Some(Err(e));
            }
            let clean = self.bad == 0;
            match self.on_invalid {
                OnInvalid::Skip => {
                    self.skipped += done.bad_rows;
                    if !done.bad.is_empty() {
                        self.progress.finish();
                    }
                    for x in done.bad.iter().flatten() {
                        eprintln!("{x} (row skipped)");
                    }
                }
                OnInvalid::Fail => {
                    self.bad += done.bad_rows;
                    for x in done.bad.into_iter().flatten() {
                        if self.diags.len() < MAX_KEPT_DIAGNOSTICS {
                            self.diags.push(x);
                        }
                    }
                }
            }
            // a failing run yields nothing after its first bad row: the batch that has it
            // holds only the events before it
            if clean && done.n > 0 {
                self.events += done.n;
                return Some(Ok(done.out));
            }
        }
    }
}

/// Runs `consume` over the batches of a stream: reports' events first (one batch, folded
/// here), then each block of each export's rows, read, validated, filtered, resolved and
/// folded (`fold`) by worker threads, one per core, and handed over in the order of the
/// files. At most [`IN_FLIGHT`] blocks are read ahead of `consume`, so memory stays bounded
/// by design; if `consume` stops early, reading stops too. Bad rows are handled as
/// [`EventStream`] handles them.
#[allow(clippy::too_many_arguments)]
fn stream<U: Send, T>(
    loaded: &Loaded,
    inputs: &Inputs,
    filter: &Filter,
    order: Order,
    on_invalid: OnInvalid,
    mode: Mode,
    new: impl Fn() -> U + Sync,
    fold: impl Fn(&mut U, Resolved) + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<U>>) -> T,
) -> (T, StreamStats) {
    let total: u64 = inputs
        .exports
        .iter()
        .filter_map(|(p, _)| std::fs::metadata(p).ok().map(|m| m.len()))
        .sum();
    let (tokens, tokens_rx) = sync_channel(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        let _ = tokens.try_send(());
    }
    let reader = Mutex::new(Reader {
        exports: inputs.exports.clone().into_iter(),
        actors: &loaded.actors,
        current: None,
        first: None,
        spare: Vec::new(),
        done_bytes: 0,
        size: 0,
        seq: 0,
        ended: false,
        tokens: tokens_rx,
    });
    let first_bad = AtomicU64::new(u64::MAX);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let (tx, rx) = channel();
    let mut reports = None;
    let mut reports_n = 0;
    if mode == Mode::Fold {
        let resolver = loaded.resolver();
        let mut u = new();
        for e in loaded.report_events(filter, order) {
            fold(&mut u, resolver.resolve(e));
            reports_n += 1;
        }
        reports = (reports_n > 0).then_some(u);
    }
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (reader, first_bad, fold) = (&reader, &first_bad, (&new, &fold));
            s.spawn(move || {
                work(
                    loaded, filter, on_invalid, mode, reader, first_bad, fold, tx,
                )
            });
        }
        drop(tx);
        let mut batches = Batches {
            reports,
            reports_n,
            rx,
            tokens,
            pending: BTreeMap::new(),
            next: 0,
            on_invalid,
            diags: Vec::new(),
            bad: 0,
            skipped: 0,
            events: 0,
            progress: Progress::new(total),
            ended: false,
        };
        let out = consume(&mut batches);
        let stats = StreamStats {
            events: batches.events,
            skipped: batches.skipped,
        };
        // the workers stop when their channels close
        drop(batches);
        (out, stats)
    })
}

/// Runs `consume` over the batches of resolved events: the reports' (in `order`), then each
/// block of each export's rows in file order, each folded by `fold` into a batch (made by
/// `new`, which may hand out buffers `consume` gives back) on the worker that resolved it (`fold` may format the events there, so that formatting shares
/// the machine's cores too). Memory stays bounded whatever the inputs' size; if `consume`
/// stops early, reading stops too.
#[allow(clippy::too_many_arguments)]
pub fn run_stream_batches<U: Send, T>(
    loaded: &Loaded,
    inputs: &Inputs,
    filter: &Filter,
    order: Order,
    on_invalid: OnInvalid,
    new: impl Fn() -> U + Sync,
    fold: impl Fn(&mut U, Resolved) + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<U>>) -> T,
) -> (T, StreamStats) {
    stream(
        loaded,
        inputs,
        filter,
        order,
        on_invalid,
        Mode::Fold,
        new,
        fold,
        consume,
    )
}

/// Runs `consume` over the stream of resolved events ([`run_stream_batches`], one event at a
/// time).
pub fn run_stream<T>(
    loaded: &Loaded,
    inputs: &Inputs,
    filter: &Filter,
    order: Order,
    on_invalid: OnInvalid,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<Resolved>>) -> T,
) -> (T, StreamStats) {
    run_stream_batches(
        loaded,
        inputs,
        filter,
        order,
        on_invalid,
        Vec::new,
        |v: &mut Vec<Resolved>, r| v.push(r),
        |batches| {
            let mut it = batches.flat_map(|b| {
                let (v, e) = match b {
                    Ok(v) => (v, None),
                    Err(e) => (Vec::new(), Some(e)),
                };
                v.into_iter().map(Ok).chain(e.map(Err))
            });
            consume(&mut it)
        },
    )
}

/// Checks every row of the exports in parallel, yielding nothing: `Err` with every problem
/// (the first [`MAX_KEPT_DIAGNOSTICS`]) when a row is bad.
pub fn check_exports(loaded: &Loaded, inputs: &Inputs, filter: &Filter) -> Result<()> {
    let (r, _) = stream(
        loaded,
        inputs,
        filter,
        Order::ByDate,
        OnInvalid::Fail,
        Mode::Check,
        || (),
        |_: &mut (), _| {},
        |batches| {
            for b in batches {
                b?;
            }
            Ok(())
        },
    );
    r
}

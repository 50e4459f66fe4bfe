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
pub fn load(paths: &[PathBuf], gazetteer: Option<&Path>, actors: Option<&Path>) -> Result<Loaded> {
    let gazetteer = Gazetteer::load(gazetteer)?;
    let border = Border::builtin()?;
    let actors = Actors::load(actors)?;
    let mut diags = Vec::new();
    let reports = crate::report::load_with(paths, &gazetteer, &actors, &border, &mut diags)?;
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

//! The scene every product draws: the resolved events with their sites' names and kinds, the
//! context sites, the basemap, and what the events add up to (counts by day, kind, status,
//! actor, stretch of border; density on a grid). The scene is filled in the same pass that
//! feeds the feature sinks, and holds the events themselves only while there are few enough to
//! draw one by one; beyond that the map and charts draw the aggregates, so a million rows cost
//! the same memory as a thousand.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use geo::MultiPolygon;

use crate::actors::Actors;
use crate::basemap::Basemap;
use crate::border::Side;
use crate::event::{ActorRef, EventKind, Source, Status};
use crate::gazetteer::{Gazetteer, Site, SiteKind};
use crate::resolve::{Resolved, Shape};

/// Events the map draws one by one at most; more are drawn as density.
pub const DETAIL_CAP: usize = 600;
/// Distinct actors counted by name at most; the rest are counted together.
pub const ACTOR_CAP: usize = 5_000;
/// Grid cells of the density at most before the grid is coarsened.
pub const CELL_CAP: usize = 200_000;

/// Chainage bin of the border profile, km.
pub const PROFILE_BIN_KM: f64 = 25.0;
/// Events farther than this from the border are not "along" it.
pub const PROFILE_NEAR_KM: f64 = 50.0;
/// Events located more loosely than this (uncertainty radius, km) cannot be put in a bin.
pub const PROFILE_LOOSE_KM: f64 = 50.0;

/// Counts by kind and status.
pub type KindCounts = BTreeMap<(EventKind, Status), u64>;

/// Events along the border, by chainage bin, side and kind.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub iraq: Vec<BTreeMap<EventKind, u32>>,
    pub syria: Vec<BTreeMap<EventKind, u32>>,
    /// More than PROFILE_NEAR_KM from the border.
    pub far: u64,
    /// Located only to an area wider than PROFILE_LOOSE_KM.
    pub loose: u64,
    /// On neither side.
    pub elsewhere: u64,
}

/// A source and the gradings its events carry.
#[derive(Debug, Clone)]
pub struct SourceStat {
    pub source: Arc<Source>,
    pub grades: BTreeSet<String>,
    pub events: u64,
}

/// What the events add up to.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub total: u64,
    pub first_start: Option<NaiveDate>,
    pub last_start: Option<NaiveDate>,
    pub last_end: Option<NaiveDate>,
    pub newest_published: Option<NaiveDate>,
    pub kinds: KindCounts,
    /// By start day.
    pub by_start: BTreeMap<(NaiveDate, EventKind, Status), u64>,
    /// By actor (registry id or verbatim name); an event with several actors counts for each.
    pub by_actor: BTreeMap<ActorRef, KindCounts>,
    /// Events whose actors were beyond ACTOR_CAP distinct ones.
    pub other_actors: KindCounts,
    pub profile: Profile,
    /// By (publication date, source id).
    pub sources: BTreeMap<(Option<NaiveDate>, String), SourceStat>,
}

/// Events on a grid of `cell_deg` degrees: counts by kind per cell.
#[derive(Debug, Clone)]
pub struct Density {
    pub cell_deg: f64,
    pub cells: HashMap<(i32, i32), Vec<u32>>,
}

impl Density {
    fn new() -> Density {
        Density {
            cell_deg: 0.05,
            cells: HashMap::new(),
        }
    }

    fn add(&mut self, lon: f64, lat: f64, kind: EventKind) {
        if !(lon.is_finite() && lat.is_finite()) {
            return;
        }
        let key = (
            (lon / self.cell_deg).floor() as i32,
            (lat / self.cell_deg).floor() as i32,
        );
        let c = self
            .cells
            .entry(key)
            .or_insert_with(|| vec![0; EventKind::ALL.len()]);
        c[kind.index()] = c[kind.index()].saturating_add(1);
        if self.cells.len() > CELL_CAP {
            self.coarsen();
        }
    }

    /// Doubles the cell size, merging cells.
    fn coarsen(&mut self) {
        self.cell_deg *= 2.0;
        let old = std::mem::take(&mut self.cells);
        for ((x, y), v) in old {
            let c = self
                .cells
                .entry((x.div_euclid(2), y.div_euclid(2)))
                .or_insert_with(|| vec![0; EventKind::ALL.len()]);
            for (a, b) in c.iter_mut().zip(v) {
                *a = a.saturating_add(b);
            }
        }
    }

    /// Cells as (west lon, south lat, counts by kind), sorted.
    pub fn sorted(&self) -> Vec<(f64, f64, &[u32])> {
        let mut v: Vec<_> = self
            .cells
            .iter()
            .map(|((x, y), c)| (*x, *y, c.as_slice()))
            .collect();
        v.sort_by_key(|(x, y, _)| (*x, *y));
        v.into_iter()
            .map(|(x, y, c)| (x as f64 * self.cell_deg, y as f64 * self.cell_deg, c))
            .collect()
    }
}

/// Gathers the scene while the events stream past.
pub struct SceneBuilder<'a> {
    basemap: &'a Basemap<'a>,
    gazetteer: &'a Gazetteer,
    detail: Option<Vec<Resolved>>,
    stats: Stats,
    used_points: BTreeMap<String, Arc<Site>>,
    used_areas: BTreeMap<String, Arc<Site>>,
    density: Density,
}

/// The scene, complete.
pub struct Scene<'a> {
    pub basemap: &'a Basemap<'a>,
    pub actors: &'a Actors,
    /// The events one by one, sorted by start date then id; empty when there are too many to
    /// draw one by one (see [`Scene::detailed`]).
    pub events: Vec<Resolved>,
    /// Whether `events` holds every event.
    pub detailed: bool,
    pub stats: Stats,
    pub density: Density,
    /// The corridor's crossings, towns and cities, in gazetteer order: context for every map.
    pub context: Vec<Arc<Site>>,
    /// The `sites` layer: the point sites the events use and the context sites, by id.
    pub sites: Vec<Arc<Site>>,
    /// The governorates and regions the events refer to, with their polygons, by id.
    pub areas: Vec<(Arc<Site>, Arc<MultiPolygon<f64>>)>,
    /// Every governorate and region of the basemap with its polygon, by area id (the
    /// interactive map draws them all).
    pub basemap_areas: Vec<(Arc<Site>, Arc<MultiPolygon<f64>>)>,
    /// The curated and user sites, in gazetteer order: what a product may let its reader
    /// search for by name.
    pub named_sites: Vec<Arc<Site>>,
}

impl<'a> SceneBuilder<'a> {
    pub fn new(basemap: &'a Basemap<'a>, gazetteer: &'a Gazetteer) -> Self {
        SceneBuilder {
            basemap,
            gazetteer,
            detail: Some(Vec::new()),
            stats: Stats::default(),
            used_points: BTreeMap::new(),
            used_areas: BTreeMap::new(),
            density: Density::new(),
        }
    }

    /// Adds one event.
    pub fn add(&mut self, r: Resolved) {
        let e = &r.event;
        let st = &mut self.stats;
        st.total += 1;
        let p = e.period;
        st.first_start = Some(st.first_start.map_or(p.start, |d| d.min(p.start)));
        st.last_start = Some(st.last_start.map_or(p.start, |d| d.max(p.start)));
        st.last_end = Some(st.last_end.map_or(p.end, |d| d.max(p.end)));
        if let Some(pb) = e.source.published {
            st.newest_published = Some(st.newest_published.map_or(pb, |d| d.max(pb)));
        }
        let ks = (e.kind, e.status);
        *st.kinds.entry(ks).or_default() += 1;
        *st.by_start.entry((p.start, e.kind, e.status)).or_default() += 1;
        for a in &e.actors {
            if st.by_actor.len() < ACTOR_CAP || st.by_actor.contains_key(a) {
                *st.by_actor
                    .entry(a.clone())
                    .or_default()
                    .entry(ks)
                    .or_default() += 1;
            } else {
                *st.other_actors.entry(ks).or_default() += 1;
            }
        }
        let src = st
            .sources
            .entry((e.source.published, e.source.id.clone()))
            .or_insert_with(|| SourceStat {
                source: Arc::clone(&e.source),
                grades: BTreeSet::new(),
                events: 0,
            });
        src.events += 1;
        if src.grades.len() < 36 {
            src.grades.insert(e.grading());
        }
        // the border profile
        let bins = ((self.basemap.border.length_km() / PROFILE_BIN_KM).ceil() as usize).max(1);
        let prof = &mut st.profile;
        if prof.iraq.is_empty() {
            prof.iraq = vec![BTreeMap::new(); bins];
            prof.syria = vec![BTreeMap::new(); bins];
        }
        if r.precision_m > PROFILE_LOOSE_KM * 1000.0 {
            prof.loose += 1;
        } else if !(r.border_km <= PROFILE_NEAR_KM) {
            prof.far += 1;
        } else {
            let b = ((r.chainage_km / PROFILE_BIN_KM).floor().max(0.0) as usize).min(bins - 1);
            match r.side {
                Side::Iraq => *prof.iraq[b].entry(e.kind).or_default() += 1,
                Side::Syria => *prof.syria[b].entry(e.kind).or_default() += 1,
                Side::Other => prof.elsewhere += 1,
            }
        }
        // places
        for s in &r.stops {
            if let Some(site) = &s.site {
                if site.kind.is_point() {
                    self.used_points
                        .entry(site.id.clone())
                        .or_insert_with(|| Arc::clone(site));
                } else if matches!(site.kind, SiteKind::Province | SiteKind::Region) {
                    self.used_areas
                        .entry(site.id.clone())
                        .or_insert_with(|| Arc::clone(site));
                }
            }
        }
        match &r.shape {
            Shape::Point(x, y) => self.density.add(*x, *y, e.kind),
            Shape::Line(pts) => {
                if let Some(last) = pts.last() {
                    self.density.add(last.0, last.1, e.kind)
                }
            }
        }
        if let Some(d) = &mut self.detail {
            if d.len() < DETAIL_CAP {
                d.push(r);
            } else {
                self.detail = None;
            }
        }
    }

    pub fn finish(self, actors: &'a Actors) -> Scene<'a> {
        let g = self.gazetteer;
        let context: Vec<Arc<Site>> = g
            .sites()
            .iter()
            .filter(|s| {
                s.corridor && matches!(s.kind, SiteKind::Crossing | SiteKind::Town | SiteKind::City)
            })
            .cloned()
            .collect();
        let mut sites = self.used_points;
        for s in &context {
            sites.entry(s.id.clone()).or_insert_with(|| Arc::clone(s));
        }
        let areas = self
            .used_areas
            .into_values()
            .filter_map(|s| g.area_arc(&s).map(|a| (s, a)))
            .collect();
        let mut basemap_areas: Vec<(Arc<Site>, Arc<MultiPolygon<f64>>)> = g
            .sites()
            .iter()
            .filter(|s| matches!(s.kind, SiteKind::Province | SiteKind::Region))
            .filter_map(|s| g.area_arc(s).map(|a| (Arc::clone(s), a)))
            .collect();
        basemap_areas.sort_by(|a, b| a.0.area.cmp(&b.0.area).then(a.0.id.cmp(&b.0.id)));
        basemap_areas.dedup_by(|a, b| a.0.area == b.0.area);
        let named_sites = g
            .sites()
            .iter()
            .filter(|s| s.tier != crate::gazetteer::Tier::GeoNames)
            .cloned()
            .collect();
        let (events, detailed) = match self.detail {
            Some(mut v) => {
                v.sort_by(|a, b| {
                    a.event
                        .period
                        .start
                        .cmp(&b.event.period.start)
                        .then_with(|| a.id().cmp(&b.id()))
                });
                (v, true)
            }
            None => (Vec::new(), false),
        };
        Scene {
            basemap: self.basemap,
            actors,
            events,
            detailed,
            stats: self.stats,
            density: self.density,
            context,
            sites: sites.into_values().collect(),
            areas,
            basemap_areas,
            named_sites,
        }
    }
}

impl<'a> Scene<'a> {
    /// The scene of a list of resolved events (for the library user and tests; `render` fills
    /// it while streaming).
    pub fn of(
        events: Vec<Resolved>,
        basemap: &'a Basemap<'a>,
        gazetteer: &'a Gazetteer,
        actors: &'a Actors,
    ) -> Scene<'a> {
        let mut b = SceneBuilder::new(basemap, gazetteer);
        for r in events {
            b.add(r);
        }
        b.finish(actors)
    }

    /// The display name of an actor.
    pub fn actor_name(&self, a: &ActorRef) -> String {
        match a {
            ActorRef::Known(id) => self
                .actors
                .get(id)
                .map_or_else(|| id.clone(), |x| x.name.clone()),
            ActorRef::Named(n) => n.clone(),
        }
    }
}

//! The actor registry (`gazetteer/actors.toml`): who the reports say acted, with their aliases
//! and ACLED inter codes.

use std::collections::HashMap;
use std::path::Path;

use crate::data;
use crate::error::{has_errors, read_utf8, Diagnostic, Error, Location, Result};
use crate::fold;
use crate::tomlread::{Doc, Table};

const ACTOR_KEYS: &[&str] = &[
    "id", "name", "name_ar", "aliases", "inter", "country", "parent", "note",
];

/// Reads `[[actor]]` tables (of a registry file, or of a report that brings its own actors).
pub fn actor_tables(tables: &[Table<'_, '_>], diags: &mut Vec<Diagnostic>) -> Vec<Actor> {
    let mut out = Vec::new();
    for t in tables {
        let origin = t.loc();
        let id = t.str("id", diags).map(|s| s.value.trim().to_string());
        let t = t
            .clone()
            .with_ctx(format!("actor {}: ", id.as_deref().unwrap_or("(no id)")));
        t.check_keys(ACTOR_KEYS, diags);
        let n0 = diags.len();
        match &id {
            None if !t.has("id") => t.missing("id", "lowercase letters, digits and hyphens", diags),
            Some(i) if !crate::validate::is_slug(i) => t.err_at(
                diags,
                t.loc_of("id"),
                format!("actor id {i:?} must be lowercase ASCII letters, digits and hyphens"),
            ),
            _ => {}
        }
        let name = t.req_str("name", "the name reports use", diags);
        let inter = t.int("inter", diags);
        match &inter {
            None if !t.has("inter") => t.missing("inter", "ACLED inter code 1-8", diags),
            Some(n) if !(1..=8).contains(&n.value) => t.err_at(
                diags,
                n.loc.clone(),
                format!("inter {} is not an ACLED inter code 1-8", n.value),
            ),
            _ => {}
        }
        let name_ar = t.str("name_ar", diags).map(|s| s.value);
        let aliases = t
            .str_list("aliases", diags)
            .into_iter()
            .map(|s| s.value)
            .collect();
        let country = t.str("country", diags).map(|s| s.value);
        let parent = t.str("parent", diags).map(|s| s.value);
        let note = t.str("note", diags).map(|s| s.value);
        if diags[n0..].iter().any(Diagnostic::is_error) {
            continue;
        }
        let (Some(id), Some(name), Some(inter)) = (id, name, inter) else {
            continue;
        };
        out.push(Actor {
            id,
            name: name.value,
            name_ar,
            aliases,
            inter: inter.value as u8,
            country,
            parent,
            note,
            origin,
        });
    }
    out
}

/// An armed group, force or government.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub aliases: Vec<String>,
    /// ACLED inter code 1–8 (at home).
    pub inter: u8,
    pub country: Option<String>,
    pub parent: Option<String>,
    pub note: Option<String>,
    pub origin: Location,
}

/// The registry, looked up by id, name or alias in any spelling.
pub struct Actors {
    actors: Vec<Actor>,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Actors {
    /// The built-in registry.
    pub fn builtin() -> Result<Actors> {
        let (f, t) = data::ACTORS_TOML;
        Actors::parse(f, t)
    }

    /// The built-in registry extended with a user's file of `[[actor]]` tables.
    pub fn load(user: Option<&Path>) -> Result<Actors> {
        Actors::load_extended(user, &[], Vec::new())
    }

    /// [`Actors::load`] with more actors: the files a report names (`actors = [...]`, each
    /// with where it was named) and the `[[actor]]` tables of reports. Every problem of every
    /// file is reported together.
    pub fn load_extended(
        user: Option<&Path>,
        files: &[(std::path::PathBuf, Location)],
        more: Vec<Actor>,
    ) -> Result<Actors> {
        let mut a = Actors::builtin()?;
        if let Some(p) = user {
            let text = read_utf8(p)?;
            let more = Actors::parse(&p.display().to_string(), &text)?;
            a.extend(more.actors);
        }
        if files.is_empty() && more.is_empty() {
            return Ok(a);
        }
        let mut diags = Vec::new();
        let mut extra = Vec::new();
        for (p, named_at) in files {
            let shown = p.display().to_string();
            match read_utf8(p) {
                Ok(text) => {
                    if let Some(doc) = Doc::parse(&shown, &text, &mut diags) {
                        let root = doc.root();
                        root.check_keys(&["actor"], &mut diags);
                        extra.extend(actor_tables(&root.tables("actor", &mut diags), &mut diags));
                    }
                }
                Err(e) => diags.push(Diagnostic::error(
                    named_at.clone(),
                    format!("actors = [...] names a file that cannot be read: {e}"),
                )),
            }
        }
        extra.extend(more);
        // a repeated id among the added actors is an error; an added actor may replace a
        // built-in one, as a --actors file may; parents are checked with the whole registry
        let mut seen: HashMap<String, Location> = HashMap::new();
        let mut kept = Vec::new();
        for x in extra {
            if let Some(first) = seen.get(&x.id) {
                diags.push(Diagnostic::error(
                    x.origin.clone(),
                    format!("duplicate actor id {:?} (first at {first})", x.id),
                ));
                continue;
            }
            seen.insert(x.id.clone(), x.origin.clone());
            kept.push(x);
        }
        a.extend(kept);
        a.check_parents(&mut diags);
        diags.sort();
        diags.dedup();
        if has_errors(&diags) {
            return Err(Error::Invalid(diags));
        }
        Ok(a)
    }

    fn reindex(&mut self) {
        self.by_key.clear();
        for (i, a) in self.actors.iter().enumerate() {
            for n in std::iter::once(&a.id)
                .chain(std::iter::once(&a.name))
                .chain(a.name_ar.iter())
                .chain(a.aliases.iter())
            {
                let k = fold::exact_key(n);
                if !k.is_empty() {
                    let v = self.by_key.entry(k).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
    }

    /// Parses a registry file; every problem is reported at once.
    pub fn parse(file: &str, text: &str) -> Result<Actors> {
        let mut diags = Vec::new();
        let actors = match Doc::parse(file, text, &mut diags) {
            Some(doc) => {
                let root = doc.root();
                root.check_keys(&["actor"], &mut diags);
                actor_tables(&root.tables("actor", &mut diags), &mut diags)
            }
            None => Vec::new(),
        };
        let out = Actors::from_list(actors, &mut diags);
        if has_errors(&diags) {
            return Err(Error::Invalid(diags));
        }
        Ok(out)
    }

    /// A registry of these actors; duplicate ids and unknown parents are reported.
    pub fn from_list(list: Vec<Actor>, diags: &mut Vec<Diagnostic>) -> Actors {
        let mut actors: Vec<Actor> = Vec::new();
        let mut by_id = HashMap::new();
        for a in list {
            if let Some(&prev) = by_id.get(&a.id) {
                let first: &Actor = &actors[prev];
                diags.push(Diagnostic::error(
                    a.origin.clone(),
                    format!("duplicate actor id {:?} (first at {})", a.id, first.origin),
                ));
                continue;
            }
            by_id.insert(a.id.clone(), actors.len());
            actors.push(a);
        }
        let mut out = Actors {
            actors,
            by_id,
            by_key: HashMap::new(),
        };
        out.check_parents(diags);
        out.reindex();
        out
    }

    /// Every `parent` must be an actor id of the registry.
    fn check_parents(&self, diags: &mut Vec<Diagnostic>) {
        for a in &self.actors {
            if let Some(p) = &a.parent {
                if !self.by_id.contains_key(p) {
                    diags.push(Diagnostic::error(
                        a.origin.clone(),
                        format!("actor {}: parent {p:?} is not an actor id", a.id),
                    ));
                }
            }
        }
    }

    /// Adds (or, for a known id, replaces) actors from another file.
    pub fn extend(&mut self, more: Vec<Actor>) {
        for a in more {
            match self.by_id.get(&a.id) {
                Some(&i) => self.actors[i] = a,
                None => {
                    self.by_id.insert(a.id.clone(), self.actors.len());
                    self.actors.push(a);
                }
            }
        }
        self.reindex();
    }

    pub fn all(&self) -> &[Actor] {
        &self.actors
    }

    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// The display names of actor ids (an unknown id stands for itself).
    pub fn names(&self, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|a| self.get(a).map_or_else(|| a.clone(), |x| x.name.clone()))
            .collect()
    }

    /// Actors whose id, name or alias folds to the same key as `name`.
    pub fn find(&self, name: &str) -> Vec<&Actor> {
        self.by_key
            .get(&fold::exact_key(name))
            .map(|v| v.iter().map(|&i| &self.actors[i]).collect())
            .unwrap_or_default()
    }

    /// Close spellings of `name` among ids, names and aliases: "did you mean" material.
    pub fn suggest(&self, name: &str, max: usize) -> Vec<&Actor> {
        let q = fold::exact_key(name);
        let mut scored: Vec<(f64, usize)> = self
            .by_key
            .iter()
            .flat_map(|(k, v)| {
                let s = strsim::jaro_winkler(&q, k);
                v.iter().map(move |&i| (s, i))
            })
            .filter(|(s, _)| *s > 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<&Actor> = Vec::new();
        for (_, i) in scored {
            if !out.iter().any(|a| a.id == self.actors[i].id) {
                out.push(&self.actors[i]);
            }
            if out.len() == max {
                break;
            }
        }
        out
    }

    /// Whether `actor` is `ancestor` or belongs to it (through `parent` links).
    pub fn is_within(&self, actor: &str, ancestor: &str) -> bool {
        let mut cur = Some(actor.to_string());
        let mut steps = 0;
        while let Some(id) = cur {
            if id == ancestor {
                return true;
            }
            steps += 1;
            if steps > 16 {
                return false;
            }
            cur = self.get(&id).and_then(|a| a.parent.clone());
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_knows_the_required_actors_by_their_aliases() {
        let a = Actors::builtin().unwrap();
        for (alias, id) in [
            ("PMF", "pmf"),
            ("PMU", "pmf"),
            ("Hashd al-Shaabi", "pmf"),
            ("al-Hashd al-Sha'abi", "pmf"),
            ("Kataib Hezbollah", "kataib-hezbollah"),
            ("KH", "kataib-hezbollah"),
            ("Hizbullah Brigades", "kataib-hezbollah"),
            ("Asaib Ahl al-Haq", "asaib-ahl-al-haq"),
            ("Harakat Hezbollah al-Nujaba", "nujaba"),
            ("Sayyed Al-Shuhada Brigades", "kataib-sayyid-al-shuhada"),
            ("Badr Organization", "badr"),
            ("Fatemiyoun", "fatemiyoun"),
            ("Quds Force", "irgc-quds-force"),
            ("Iraqi army", "iraqi-army"),
            ("Syrian Arab Army", "syrian-arab-army"),
            ("Hay'at Tahrir al-Sham", "hts"),
            ("HTS", "hts"),
            ("SDF", "sdf"),
            ("ISIS", "isis"),
            ("Israel", "israel"),
        ] {
            let hits = a.find(alias);
            assert!(
                hits.iter().any(|x| x.id == id),
                "{alias} -> {:?}",
                hits.iter().map(|x| &x.id).collect::<Vec<_>>()
            );
        }
        assert!(a.is_within("kataib-hezbollah", "pmf"));
        assert!(!a.is_within("pmf", "kataib-hezbollah"));
    }

    #[test]
    fn a_bad_registry_names_each_problem() {
        let t = "[[actor]]\nid = \"x\"\nname = \"X\"\ninter = 9\n\n[[actor]]\nid = \"y\"\nname = \"Y\"\ninter = 1\nparent = \"nope\"\n";
        let Err(Error::Invalid(mut d)) = Actors::parse("a.toml", t) else {
            panic!("accepted")
        };
        d.sort();
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].location.line, 4);
    }
}

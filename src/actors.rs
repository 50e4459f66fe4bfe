//! The actor registry (`gazetteer/actors.toml`): who the reports say acted, with their aliases
//! and ACLED inter codes.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::data;
use crate::error::{read_utf8, Diagnostic, Error, Location, Result};
use crate::fold;
use crate::gazetteer::toml_error;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    actor: Vec<Spanned<RawActor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Spanned<String>,
    name: String,
    name_ar: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    inter: Spanned<i64>,
    country: Option<String>,
    parent: Option<Spanned<String>>,
    note: Option<String>,
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
        let mut a = Actors::builtin()?;
        if let Some(p) = user {
            let text = read_utf8(p)?;
            let more = Actors::parse(&p.display().to_string(), &text)?;
            for actor in more.actors {
                a.insert(actor);
            }
        }
        Ok(a)
    }

    fn insert(&mut self, actor: Actor) {
        match self.by_id.get(&actor.id) {
            Some(&i) => self.actors[i] = actor,
            None => {
                self.by_id.insert(actor.id.clone(), self.actors.len());
                self.actors.push(actor);
            }
        }
        self.reindex();
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
        let raw: RawFile =
            toml::from_str(text).map_err(|e| Error::Invalid(vec![toml_error(file, text, &e)]))?;
        let at = |o: usize| Location::at_offset(file, text, o);
        let mut diags = Vec::new();
        let mut actors = Vec::new();
        let mut by_id = HashMap::new();
        for a in raw.actor {
            let origin = at(a.span().start);
            let a = a.into_inner();
            let id = a.id.get_ref().clone();
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                diags.push(Diagnostic::error(
                    at(a.id.span().start),
                    format!("actor id {id:?} must be lowercase ASCII letters, digits and hyphens"),
                ));
                continue;
            }
            let inter = *a.inter.get_ref();
            if !(1..=8).contains(&inter) {
                diags.push(Diagnostic::error(
                    at(a.inter.span().start),
                    format!("actor {id}: inter {inter} is not an ACLED inter code 1-8"),
                ));
                continue;
            }
            if let Some(prev) = by_id.insert(id.clone(), actors.len()) {
                let first: &Actor = &actors[prev];
                diags.push(Diagnostic::error(
                    origin.clone(),
                    format!("duplicate actor id {id:?} (first at {})", first.origin),
                ));
                continue;
            }
            actors.push(Actor {
                id,
                name: a.name,
                name_ar: a.name_ar,
                aliases: a.aliases,
                inter: inter as u8,
                country: a.country,
                parent: a.parent.map(Spanned::into_inner),
                note: a.note,
                origin,
            });
        }
        for a in &actors {
            if let Some(p) = &a.parent {
                if !by_id.contains_key(p) {
                    diags.push(Diagnostic::error(
                        a.origin.clone(),
                        format!("actor {}: parent {p:?} is not an actor id", a.id),
                    ));
                }
            }
        }
        if !diags.is_empty() {
            return Err(Error::Invalid(diags));
        }
        let mut out = Actors {
            actors,
            by_id,
            by_key: HashMap::new(),
        };
        out.reindex();
        Ok(out)
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
        let Err(Error::Invalid(d)) = Actors::parse("a.toml", t) else {
            panic!("accepted")
        };
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].location.line, 4);
    }
}

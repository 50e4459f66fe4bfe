//! An output folder replaced as a whole.
//!
//! A render writes its whole set into a staging folder beside `--out` (same parent, so same
//! file system), syncs it, then swaps it in with one atomic directory exchange
//! (`renameat2(RENAME_EXCHANGE)`, or a rename when `--out` does not exist yet). A reader, or
//! a kill at any moment, sees either the old set complete or the new set complete, never a
//! mix. The old set is then deleted; staging left by a killed run (its process gone) is
//! removed by the next run. Where the file system cannot exchange directories, the old set is
//! first renamed aside and restored by the next run if a kill comes between the two renames.
//!
//! The folder belongs to bordermap: a folder that holds anything bordermap did not write is
//! refused, never emptied.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Names of files a render writes (anything else in `--out` is the user's).
pub fn is_product(name: &str) -> bool {
    const FIXED: &[&str] = &[
        "briefing.gpkg",
        "map.svg",
        "map.png",
        "map.pdf",
        "map.html",
        "timeline.svg",
        "profile.svg",
    ];
    const LAYERS: &[&str] = &[
        "sites",
        "events",
        "movements",
        "uncertainty",
        "border",
        "rivers",
        "areas",
    ];
    if FIXED.contains(&name) {
        return true;
    }
    if let Some((stem, ext)) = name.rsplit_once('.') {
        return LAYERS.contains(&stem) && matches!(ext, "geojson" | "qml");
    }
    false
}

/// Litter of earlier versions of bordermap, which wrote each file through `.NAME.XXXX.tmp`.
fn is_old_litter(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

const STAGE_TAG: &str = ".bordermap-staging-";
const OLD_TAG: &str = ".bordermap-old-";

/// A staging folder for one render.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

fn io(p: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(p.display().to_string(), e)
}

fn pid_alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

impl Staging {
    /// Prepares a render into `out`: checks that `out` is bordermap's, cleans what killed runs
    /// left, and makes an empty staging folder beside it.
    pub fn begin(out: &Path) -> Result<Staging> {
        let out = match std::fs::symlink_metadata(out) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(out).map_err(io(out))?,
            _ => out.to_path_buf(),
        };
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty() && *n != "." && *n != "..")
            .map(str::to_string)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--out {}: name a folder (bordermap replaces it as a whole), e.g. --out brief/",
                    out.display()
                ))
            })?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        Self::clean_beside(&parent, &name, &out)?;
        match std::fs::metadata(&out) {
            Ok(m) if !m.is_dir() => {
                return Err(Error::Usage(format!(
                    "--out {}: exists and is not a folder",
                    out.display()
                )))
            }
            Ok(_) => {
                let mut foreign = Vec::new();
                for e in std::fs::read_dir(&out).map_err(io(&out))?.flatten() {
                    let n = e.file_name().to_string_lossy().into_owned();
                    if !(is_product(&n) || is_old_litter(&n)) {
                        foreign.push(n);
                    }
                }
                if !foreign.is_empty() {
                    foreign.sort();
                    foreign.truncate(5);
                    return Err(Error::Usage(format!(
                        "--out {}: holds files bordermap did not write ({}); bordermap replaces its output folder as a whole, so choose a new or empty folder",
                        out.display(),
                        foreign.join(", ")
                    )));
                }
            }
            Err(_) => {}
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = parent.join(format!(
            ".{name}{STAGE_TAG}{}-{nanos:x}",
            std::process::id()
        ));
        std::fs::create_dir(&dir).map_err(io(&dir))?;
        Ok(Staging {
            out,
            dir,
            committed: false,
        })
    }

    /// Removes staging folders of runs that are gone, and restores an old set that a kill left
    /// renamed aside (only where directories could not be exchanged).
    fn clean_beside(parent: &Path, name: &str, out: &Path) -> Result<()> {
        let Ok(rd) = std::fs::read_dir(parent) else {
            return Ok(());
        };
        let stage = format!(".{name}{STAGE_TAG}");
        let old = format!(".{name}{OLD_TAG}");
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if let Some(rest) = n.strip_prefix(&stage) {
                let pid: u32 = rest
                    .split('-')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0);
                if !pid_alive(pid) {
                    let _ = std::fs::remove_dir_all(&path);
                }
            } else if n.starts_with(&old) {
                if !out.exists() {
                    std::fs::rename(&path, out).map_err(io(out))?;
                } else {
                    let _ = std::fs::remove_dir_all(&path);
                }
            }
        }
        Ok(())
    }

    /// The staged path of a file.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The name a staged file is shown by in messages: its final path.
    pub fn shown(&self, name: &str) -> String {
        self.out.join(name).display().to_string()
    }

    /// A new staged file, buffered.
    pub fn create(&self, name: &str) -> Result<(BufWriter<File>, String)> {
        let p = self.path(name);
        let f = File::create(&p).map_err(|e| Error::io(self.shown(name), e))?;
        Ok((BufWriter::with_capacity(1 << 16, f), self.shown(name)))
    }

    /// A whole staged file.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let (mut w, shown) = self.create(name)?;
        w.write_all(bytes)
            .and_then(|_| w.flush())
            .map_err(|e| Error::io(shown, e))
    }

    /// Syncs the staged set and swaps it in for `out`. Returns the final paths, sorted.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .map_err(io(&self.dir))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for n in &names {
            let p = self.dir.join(n);
            File::open(&p)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(self.shown(n), e))?;
        }
        File::open(&self.dir)
            .and_then(|f| f.sync_all())
            .map_err(io(&self.dir))?;
        if std::fs::symlink_metadata(&self.out).is_err() {
            std::fs::rename(&self.dir, &self.out).map_err(io(&self.out))?;
        } else {
            match rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.out,
                rustix::fs::RenameFlags::EXCHANGE,
            ) {
                Ok(()) => {
                    // the staging path now holds the old set
                    let _ = std::fs::remove_dir_all(&self.dir);
                }
                Err(_) => {
                    let parent = self.dir.parent().unwrap_or(Path::new("."));
                    let name = self
                        .out
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("out");
                    let aside = parent.join(format!(".{name}{OLD_TAG}{}", std::process::id()));
                    std::fs::rename(&self.out, &aside).map_err(io(&self.out))?;
                    std::fs::rename(&self.dir, &self.out).map_err(io(&self.out))?;
                    let _ = std::fs::remove_dir_all(&aside);
                }
            }
        }
        self.committed = true;
        if let Some(p) = self.out.parent() {
            let p = if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            };
            let _ = File::open(p).and_then(|f| f.sync_all());
        }
        Ok(names.iter().map(|n| self.out.join(n)).collect())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_replaces_the_old_one_whole_and_leaves_nothing_beside_it() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("brief");
        for round in 0..2 {
            let s = Staging::begin(&out).unwrap();
            s.write("map.svg", format!("<svg>{round}</svg>").as_bytes())
                .unwrap();
            if round == 0 {
                s.write("events.geojson", b"{}").unwrap();
            }
            let written = s.commit().unwrap();
            assert!(!written.is_empty());
        }
        let names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["map.svg".to_string()], "the second set alone");
        assert_eq!(
            std::fs::read_to_string(out.join("map.svg")).unwrap(),
            "<svg>1</svg>"
        );
        let beside: Vec<_> = std::fs::read_dir(t.path()).unwrap().flatten().collect();
        assert_eq!(beside.len(), 1, "no staging left beside --out");
    }

    #[test]
    fn a_failed_render_writes_nothing_and_foreign_folders_are_refused() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("o");
        {
            let s = Staging::begin(&out).unwrap();
            s.write("map.svg", b"x").unwrap();
            // dropped without commit
        }
        assert!(!out.exists());
        assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 0);
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let e = Staging::begin(&out).err().unwrap().to_string();
        assert!(e.contains("notes.txt"), "{e}");
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn staging_of_a_dead_run_is_removed() {
        let t = tempfile::tempdir().unwrap();
        let dead = t.path().join(format!(".o{STAGE_TAG}4000000000-1"));
        std::fs::create_dir(&dead).unwrap();
        let s = Staging::begin(&t.path().join("o")).unwrap();
        assert!(!dead.exists());
        s.commit().unwrap();
    }
}

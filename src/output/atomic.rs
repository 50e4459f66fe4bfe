//! All-or-nothing output: every product is made in memory first, then each file is written to
//! a temporary file beside its target and renamed over it. A run that fails while making its
//! products writes nothing; a run that fails while writing leaves every file either whole and
//! old or whole and new, never half-written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Products waiting to be written, by file name.
#[derive(Default)]
pub struct Outputs {
    files: BTreeMap<String, Vec<u8>>,
}

impl Outputs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(name.into(), bytes.into());
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }

    /// Writes every product into `dir` (created if missing). All temporary files are written
    /// and synced before the first rename.
    pub fn commit(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
        let mut staged = Vec::new();
        for (name, bytes) in &self.files {
            let target = dir.join(name);
            let mut tmp = tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(|e| Error::io(dir.display().to_string(), e))?;
            // readable like any file the user writes (temporary files start private)
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644))
                    .map_err(|e| Error::io(target.display().to_string(), e))?;
            }
            tmp.write_all(bytes)
                .and_then(|_| tmp.as_file().sync_all())
                .map_err(|e| Error::io(target.display().to_string(), e))?;
            staged.push((tmp, target));
        }
        let mut written = Vec::new();
        for (tmp, target) in staged {
            tmp.persist(&target)
                .map_err(|e| Error::io(target.display().to_string(), e.error))?;
            written.push(target);
        }
        Ok(written)
    }
}

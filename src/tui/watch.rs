//! Watching the dataset file and its sources. Editors save by writing a
//! temporary file and renaming it over the old one, which a watch on the
//! file itself would not see, so the folders are watched (not
//! recursively) and their events filtered down to the files of interest.

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};

pub struct Watch {
    watcher: RecommendedWatcher,
    /// Folders watched now.
    folders: HashSet<PathBuf>,
    /// The files whose changes matter, as absolute folder plus name, the
    /// way events name them.
    files: Arc<Mutex<HashSet<PathBuf>>>,
    changes: Receiver<()>,
}

/// `file` as events name it: its folder made absolute and canonical, then
/// its name. `None` when the folder does not exist.
fn canonical(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?;
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(folder).ok()?.join(name))
}

/// Whether an event can mean new content. Reading a file (ours included)
/// is not a change.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

impl Watch {
    pub fn new() -> notify::Result<Watch> {
        let files: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
        let wanted = Arc::clone(&files);
        let (tx, changes) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            let Ok(event) = event else {
                return;
            };
            if !changes_content(&event.kind) {
                return;
            }
            let Ok(wanted) = wanted.lock() else {
                return;
            };
            if event.paths.iter().any(|p| wanted.contains(p)) {
                // The receiver gone means parley is leaving.
                let _ = tx.send(());
            }
        })?;
        Ok(Watch {
            watcher,
            folders: HashSet::new(),
            files,
            changes,
        })
    }

    /// Watches exactly these files from now on: their folders are watched,
    /// folders no longer needed are let go.
    pub fn set(&mut self, files: &[PathBuf]) {
        let files: HashSet<PathBuf> = files.iter().filter_map(|f| canonical(f)).collect();
        let folders: HashSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        for gone in self.folders.difference(&folders) {
            let _ = self.watcher.unwatch(gone);
        }
        let mut watched = HashSet::new();
        for folder in folders {
            let ok = self.folders.contains(&folder)
                || self
                    .watcher
                    .watch(&folder, RecursiveMode::NonRecursive)
                    .is_ok();
            if ok {
                watched.insert(folder);
            }
        }
        self.folders = watched;
        if let Ok(mut wanted) = self.files.lock() {
            *wanted = files;
        }
    }

    /// Whether a file of interest changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }
}

//! What `serve` rebuilds on: a change to the crate's files (all but `target/` and hidden ones)
//! or to the workspace's `Cargo.lock`, as the system reports it through `notify`.

use crate::Error;
use crate::project::Project;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long the files must stay unchanged before a rebuild: an editor saving writes more than
/// once, a `git checkout` many files.
const QUIET: Duration = Duration::from_millis(100);

/// The crate's files, watched.
pub struct Changes {
    // Watching stops when it is dropped.
    _watcher: RecommendedWatcher,
    events: Receiver<()>,
}

impl Changes {
    /// Watches the crate's directory (its folders but `target/` and hidden ones, each
    /// recursively) and the workspace's lock file; not the file `recording` (the server's own
    /// output, which may well be in the crate: a change of it is no change of the widget).
    ///
    /// # Errors
    ///
    /// The system's watcher cannot be made or cannot watch a folder.
    pub fn watch(project: &Project, recording: Option<&Path>) -> Result<Changes, Error> {
        let (sender, events) = mpsc::channel();
        let ignored = Ignored {
            recording: recording.and_then(|file| file.canonicalize().ok()),
            dir: project.dir.clone(),
            target: project.target_dir.clone(),
            lock: project.workspace_root.join("Cargo.lock"),
        };
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            if event.is_ok_and(|event| ignored.matters(&event)) {
                let _ = sender.send(());
            }
        })
        .map_err(|e| Error::new(format!("cannot watch the crate's files: {e}")))?;
        let mut watch = |path: &Path, mode| {
            watcher
                .watch(path, mode)
                .map_err(|e| Error::new(format!("cannot watch {}: {e}", path.display())))
        };
        // The crate's folder alone, then each of its folders but the target's and hidden ones:
        // watching the target's thousands of folders would only cost.
        watch(&project.dir, RecursiveMode::NonRecursive)?;
        let entries = std::fs::read_dir(&project.dir).map_err(|e| Error::io(&project.dir, &e))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() && !ignored_name(&path) && path != project.target_dir {
                watch(&path, RecursiveMode::Recursive)?;
            }
        }
        if project.workspace_root != project.dir {
            watch(&project.workspace_root, RecursiveMode::NonRecursive)?;
        }
        Ok(Changes {
            _watcher: watcher,
            events,
        })
    }

    /// Waits for a change, then for the files to stay unchanged a moment.
    pub fn next(&self) {
        if self.events.recv().is_err() {
            // The watcher is gone: nothing will change any more.
            loop {
                std::thread::park();
            }
        }
        while self.events.recv_timeout(QUIET).is_ok() {}
    }
}

/// Which changes call for a rebuild.
struct Ignored {
    recording: Option<PathBuf>,
    dir: PathBuf,
    target: PathBuf,
    lock: PathBuf,
}

impl Ignored {
    /// A change of a file that the build reads: not a mere read (the build's own), the
    /// workspace's lock file or a file of the crate outside its target directory and hidden
    /// folders.
    fn matters(&self, event: &Event) -> bool {
        let changed = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
        );
        changed
            && event.paths.iter().any(|path| {
                path == &self.lock
                    || self.recording.as_ref() != Some(path)
                        && !path.starts_with(&self.target)
                        && path.strip_prefix(&self.dir).is_ok_and(|relative| {
                            !relative.components().any(|c| ignored_name(Path::new(&c)))
                        })
            })
    }
}

/// Hidden (`.git`, an editor's swap file) or a target directory.
fn ignored_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.') || name == "target")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;

    /// Whether writing `file` in the crate is reported as a change within a second.
    fn reported(changes: &Changes, project: &Project, file: &str) -> bool {
        // What the last write still reports.
        while changes
            .events
            .recv_timeout(Duration::from_millis(200))
            .is_ok()
        {}
        std::fs::write(project.dir.join(file), "x").unwrap();
        !matches!(
            changes.events.recv_timeout(Duration::from_secs(1)),
            Err(RecvTimeoutError::Timeout)
        )
    }

    #[test]
    fn sources_and_the_lock_file_change_the_build_and_the_rest_does_not() {
        let (_temp, project) = Project::scratch("watch");
        let recording = project.dir.join("session.jsonl");
        std::fs::write(&recording, "").unwrap();
        let changes = Changes::watch(&project, Some(&recording)).unwrap();
        for file in [
            "target/debug/out.wasm",
            ".git/index",
            "target/x.rs",
            "session.jsonl",
        ] {
            assert!(!reported(&changes, &project, file), "{file}");
        }
        for file in ["src/lib.rs", "Cargo.toml", "Cargo.lock"] {
            assert!(reported(&changes, &project, file), "{file}");
        }
        // Reading a source (as the build does) is no change.
        while changes
            .events
            .recv_timeout(Duration::from_millis(200))
            .is_ok()
        {}
        std::fs::read(project.dir.join("src/lib.rs")).unwrap();
        assert!(
            changes
                .events
                .recv_timeout(Duration::from_millis(300))
                .is_err()
        );
    }
}

//! Loading off the UI thread. One loader thread loads the dataset when
//! asked (at start, when a watched file changed, on `R`) and sends the
//! result back for the event loop to pick up; its progress is kept in an
//! atomic the loop reads when it redraws the loading screen, so reporting
//! costs the load one store.

use crate::model::{LoadError, Phase, Progress};
use crate::prepared::Opened;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// What one load gives.
pub struct LoadResult {
    pub opened: Opened,
    /// The files it read, the dataset's and its sources': what to watch.
    /// Empty for a dataset that is not in a file.
    pub files: Vec<PathBuf>,
    /// Work the loader thread does once the result is on its way: what
    /// the browser's first frame need not wait for.
    pub then: Option<Box<dyn FnOnce() + Send>>,
}

impl LoadResult {
    pub fn new(opened: Opened, files: Vec<PathBuf>) -> LoadResult {
        LoadResult {
            opened,
            files,
            then: None,
        }
    }
}

impl std::fmt::Debug for LoadResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadResult")
            .field("opened", &self.opened)
            .field("files", &self.files)
            .field("then", &self.then.is_some())
            .finish()
    }
}

/// How the browser loads its dataset, each time it is asked: the command
/// line decides (a file, standard input, the bundled dataset; a cache).
pub type LoadFn =
    dyn Fn(crate::model::progress::Report<'_>) -> Result<LoadResult, LoadError> + Send + Sync;

/// A load's outcome, and how long it took.
pub struct Done {
    pub result: Result<LoadResult, LoadError>,
    pub took: Duration,
}

pub struct Loader {
    requests: Sender<()>,
    results: Receiver<Done>,
    /// The latest report: phase in the top byte, thousandths of the phase
    /// below; `u64::MAX` before the first.
    progress: Arc<AtomicU64>,
    /// Loads asked for, and how many of those the loader has answered:
    /// it is busy while the second is behind.
    asked: Arc<AtomicU64>,
    answered: Arc<AtomicU64>,
}

const NONE: u64 = u64::MAX;

fn pack(p: Progress) -> u64 {
    let within = if p.total == 0 {
        0
    } else {
        u128::from(p.done.min(p.total)) * 1000 / u128::from(p.total)
    };
    ((p.phase.index() as u64) << 56) | within as u64
}

fn unpack(v: u64) -> Option<Progress> {
    if v == NONE {
        return None;
    }
    let phase = *Phase::ALL.get((v >> 56) as usize)?;
    Some(Progress::new(phase, v & 0xffff, 1000))
}

impl Loader {
    /// Starts the loader thread, which loads once straight away.
    pub fn spawn(load: Arc<LoadFn>) -> std::io::Result<Loader> {
        let (requests, inbox) = mpsc::channel::<()>();
        let (outbox, results) = mpsc::channel();
        let progress = Arc::new(AtomicU64::new(NONE));
        let report_to = Arc::clone(&progress);
        let asked = Arc::new(AtomicU64::new(0));
        let answered = Arc::new(AtomicU64::new(0));
        let (asked_of, answering) = (Arc::clone(&asked), Arc::clone(&answered));
        thread::Builder::new()
            .name("parley-loader".into())
            .spawn(move || {
                let mut first = true;
                while inbox.recv().is_ok() {
                    // Changes that came while waiting need one load, not
                    // one each.
                    while inbox.try_recv().is_ok() {}
                    // Every request made so far is answered by this load.
                    let answers = asked_of.load(Ordering::Acquire);
                    let start = Instant::now();
                    let report = |p: Progress| report_to.store(pack(p), Ordering::Relaxed);
                    if std::mem::take(&mut first) {
                        delay_for_tests(&report);
                    }
                    let mut result = load(&report);
                    let then = result.as_mut().ok().and_then(|r| r.then.take());
                    let done = Done {
                        result,
                        took: start.elapsed(),
                    };
                    if outbox.send(done).is_err() {
                        return;
                    }
                    answering.store(answers, Ordering::Release);
                    if let Some(then) = then {
                        then();
                    }
                }
            })?;
        let loader = Loader {
            requests,
            results,
            progress,
            asked,
            answered,
        };
        loader.request();
        Ok(loader)
    }

    /// Asks for a load; requests made while one runs are merged into one
    /// more load after it.
    pub fn request(&self) {
        self.asked.fetch_add(1, Ordering::AcqRel);
        // A send error means the thread is gone; then nothing reloads.
        let _ = self.requests.send(());
    }

    /// Whether a load asked for has not been sent back yet.
    pub fn busy(&self) -> bool {
        self.answered.load(Ordering::Acquire) < self.asked.load(Ordering::Acquire)
    }

    pub fn try_recv(&self) -> Option<Done> {
        self.results.try_recv().ok()
    }

    /// Waits at most `timeout` for a load to finish.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Done> {
        self.results.recv_timeout(timeout).ok()
    }

    /// The latest progress report of the load under way.
    pub fn progress(&self) -> Option<Progress> {
        unpack(self.progress.load(Ordering::Relaxed))
    }
}

/// `PARLEY_TEST_LOAD_DELAY_MS`, in debug builds only: the first load waits this
/// long first (reporting the reading phase), so tests can see the loading
/// screen and type during it without a dataset large enough to be slow.
/// Release builds ignore it.
fn delay_for_tests(report: &dyn Fn(Progress)) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Some(ms) = std::env::var("PARLEY_TEST_LOAD_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    report(Progress::start(Phase::Reading));
    thread::sleep(Duration::from_millis(ms.min(60_000)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_packing() {
        assert_eq!(unpack(NONE), None);
        for phase in Phase::ALL {
            let p = unpack(pack(Progress::new(phase, 30, 120))).expect("packed");
            assert_eq!(
                (p.phase, p.permille()),
                (phase, Progress::new(phase, 30, 120).permille())
            );
        }
    }
}

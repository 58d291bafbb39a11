//! Searching off the UI thread. Each query gets a generation number; a
//! newer query makes older ones stop at their next check, so typing fast
//! never queues work behind stale queries.

use super::facet::{Marks, QueryError};
use super::recent::Recent;
use super::{Hit, Matcher, Query, SearchIndex};
use crate::model::Kind;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub generation: u64,
    pub query: String,
    pub scope: Option<Kind>,
    /// The open review's marks, for `is:verified` and the like.
    pub marks: Option<Arc<Marks>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub generation: u64,
    pub query: String,
    pub scope: Option<Kind>,
    pub hits: Vec<Hit>,
    /// The query as run, for highlighting the hits; `None` when it
    /// could not be run.
    pub parsed: Option<Arc<Query>>,
    /// Why the query could not be run.
    pub error: Option<QueryError>,
}

/// Answers a request; `None` when `stale` says it is no longer wanted.
fn answer(
    index: &SearchIndex,
    matcher: &Matcher,
    recent: &mut Recent,
    req: Request,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<Response> {
    let (parsed, error, hits) = match index.query(&req.query, req.marks) {
        Ok(q) => {
            let q = Arc::new(q);
            let hits = recent.search(matcher, index, &q, req.scope, stale)?;
            (Some(q), None, hits)
        }
        Err(e) => (None, Some(e), Vec::new()),
    };
    Some(Response {
        generation: req.generation,
        query: req.query,
        scope: req.scope,
        hits,
        parsed,
        error,
    })
}

/// Runs a request on the calling thread: what the worker does, for tests
/// and for callers without a UI to keep responsive.
pub fn run(index: &SearchIndex, matcher: &Matcher, req: Request) -> Response {
    answer(index, matcher, &mut Recent::default(), req, &|| false).unwrap_or_default()
}

pub struct Worker {
    requests: Sender<Request>,
    responses: Receiver<Response>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the worker; it searches the index `index` gives, which it
    /// asks for on its own thread, so an index still being read holds up
    /// the first search and nothing else.
    pub fn spawn(
        index: impl FnOnce() -> Arc<SearchIndex> + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, responses) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        thread::Builder::new()
            .name("parley-search".into())
            .spawn(move || {
                let matcher = Matcher::default();
                let mut recent = Recent::default();
                let index = index();
                while let Ok(mut req) = inbox.recv() {
                    // Only the newest waiting request is worth running.
                    while let Ok(newer) = inbox.try_recv() {
                        req = newer;
                    }
                    let generation = req.generation;
                    let stale = || seen.load(Ordering::Relaxed) != generation;
                    if let Some(response) = answer(&index, &matcher, &mut recent, req, &stale)
                        && outbox.send(response).is_err()
                    {
                        return;
                    }
                }
            })?;
        Ok(Worker {
            requests,
            responses,
            latest,
        })
    }

    /// Queues a query; any search still running for an older one stops.
    pub fn submit(&self, req: Request) {
        self.latest.store(req.generation, Ordering::Relaxed);
        // A send error means the worker is gone; the UI then shows no
        // results rather than failing.
        let _ = self.requests.send(req);
    }

    /// A finished search, if one is ready.
    pub fn try_recv(&self) -> Option<Response> {
        self.responses.try_recv().ok()
    }
}

//! Searching off the UI thread. Each query gets a generation number; a
//! newer query makes older ones stop at their next check, so typing fast
//! never queues work behind stale queries.

use super::{Hit, Matcher, Query, SearchIndex};
use crate::model::Kind;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub generation: u64,
    pub query: String,
    pub scope: Option<Kind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub generation: u64,
    pub query: String,
    pub scope: Option<Kind>,
    pub hits: Vec<Hit>,
}

/// Runs a request on the calling thread: what the worker does, for tests
/// and for callers without a UI to keep responsive.
pub fn run(index: &SearchIndex, matcher: &Matcher, req: Request) -> Response {
    let hits = matcher
        .search(index, &Query::parse(&req.query), req.scope, &|| false)
        .unwrap_or_default();
    Response {
        generation: req.generation,
        query: req.query,
        scope: req.scope,
        hits,
    }
}

pub struct Worker {
    requests: Sender<Request>,
    responses: Receiver<Response>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    pub fn spawn(index: Arc<SearchIndex>) -> std::io::Result<Worker> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, responses) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        thread::Builder::new()
            .name("parley-search".into())
            .spawn(move || {
                let matcher = Matcher::default();
                while let Ok(mut req) = inbox.recv() {
                    // Only the newest waiting request is worth running.
                    while let Ok(newer) = inbox.try_recv() {
                        req = newer;
                    }
                    let stale = || seen.load(Ordering::Relaxed) != req.generation;
                    let q = Query::parse(&req.query);
                    if let Some(hits) = matcher.search(&index, &q, req.scope, &stale)
                        && outbox
                            .send(Response {
                                generation: req.generation,
                                query: req.query,
                                scope: req.scope,
                                hits,
                            })
                            .is_err()
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

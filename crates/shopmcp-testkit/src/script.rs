//! The fake upstream's shared state: scripted routes, recorded requests, counters.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::{FakeResponse, RecordedRequest};

type Key = (String, String);

/// Computes an answer from the request (e.g. a stateful sandbox store).
pub(crate) type Responder = Arc<dyn Fn(&RecordedRequest) -> FakeResponse + Send + Sync>;

#[derive(Clone)]
struct ResponderSlot(Responder);

impl fmt::Debug for ResponderSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Responder(..)")
    }
}

#[derive(Debug, Default)]
struct Inner {
    queued: HashMap<Key, VecDeque<FakeResponse>>,
    responders: HashMap<Key, ResponderSlot>,
    sticky: HashMap<Key, FakeResponse>,
    default: Option<FakeResponse>,
    requests: Vec<RecordedRequest>,
    connections: usize,
}

/// Routes and records, shared by the accept loop and the test.
#[derive(Debug, Default)]
pub(crate) struct Script {
    inner: Mutex<Inner>,
}

fn key(method: &str, path: &str) -> Key {
    (method.to_ascii_uppercase(), path.to_owned())
}

impl Script {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn push(&self, method: &str, path: &str, resp: FakeResponse) {
        self.lock()
            .queued
            .entry(key(method, path))
            .or_default()
            .push_back(resp);
    }

    pub(crate) fn respond(&self, method: &str, path: &str, responder: Responder) {
        self.lock()
            .responders
            .insert(key(method, path), ResponderSlot(responder));
    }

    pub(crate) fn route(&self, method: &str, path: &str, resp: FakeResponse) {
        self.lock().sticky.insert(key(method, path), resp);
    }

    pub(crate) fn set_default(&self, resp: FakeResponse) {
        self.lock().default = Some(resp);
    }

    /// Records `req` and picks its answer: queued first, then a responder, then sticky,
    /// then the default.
    pub(crate) fn answer(&self, req: RecordedRequest) -> FakeResponse {
        let mut inner = self.lock();
        let k = key(&req.method, &req.path);
        if let Some(resp) = inner.queued.get_mut(&k).and_then(VecDeque::pop_front) {
            inner.requests.push(req);
            return resp;
        }
        if let Some(ResponderSlot(responder)) = inner.responders.get(&k).cloned() {
            inner.requests.push(req.clone());
            drop(inner);
            return responder(&req);
        }
        inner.requests.push(req);
        if let Some(resp) = inner.sticky.get(&k) {
            return resp.clone();
        }
        inner.default.clone().unwrap_or_else(|| {
            FakeResponse::json(404, &serde_json::json!({"errors": "no scripted response"}))
        })
    }

    pub(crate) fn connected(&self) {
        self.lock().connections += 1;
    }

    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    pub(crate) fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    pub(crate) fn connection_count(&self) -> usize {
        self.lock().connections
    }
}

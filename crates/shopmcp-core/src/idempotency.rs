//! Idempotency keys for W3 tools: a replay returns the first result without calling the
//! store again.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use tokio::time::Instant;

use crate::{ArgumentsDigest, ErrorKind, ToolError, WorkspaceId};

/// The state of an idempotency key when a call begins.
#[derive(Debug, Clone, PartialEq)]
pub enum IdempotencyState {
    /// First use: the call proceeds and must be completed or released.
    New,
    /// The key was used before with the same arguments: here is the first result.
    Replay(Value),
    /// The key was used before with other arguments, or the first call is still running.
    Conflict,
}

/// Where idempotency records live (in memory by default; PostgreSQL at scale).
#[async_trait]
pub trait IdempotencyStore: Send + Sync + fmt::Debug {
    /// Claims `key` for (`workspace`, `tool`) with `digest`, or reports its state.
    async fn begin(
        &self,
        workspace: WorkspaceId,
        tool: &str,
        key: &str,
        digest: ArgumentsDigest,
    ) -> Result<IdempotencyState, ToolError>;

    /// Stores the successful result of a claimed key.
    async fn complete(&self, workspace: WorkspaceId, tool: &str, key: &str, result: &Value);

    /// Releases a claimed key after a failure, so the caller may try again.
    async fn release(&self, workspace: WorkspaceId, tool: &str, key: &str);
}

#[derive(Debug)]
struct Record {
    digest: ArgumentsDigest,
    result: Option<Value>,
    at: Instant,
}

/// In-memory idempotency records, kept `ttl` (24 h by default), at most `max` of them.
#[derive(Debug)]
pub struct MemoryIdempotency {
    ttl: Duration,
    max: usize,
    map: Mutex<HashMap<(WorkspaceId, String, String), Record>>,
}

impl Default for MemoryIdempotency {
    fn default() -> Self {
        Self::new(Duration::from_secs(24 * 3600), 100_000)
    }
}

impl MemoryIdempotency {
    /// Records live `ttl`; at most `max` are kept (the oldest are dropped first).
    pub fn new(ttl: Duration, max: usize) -> Self {
        Self {
            ttl,
            max: max.max(1),
            map: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait]
impl IdempotencyStore for MemoryIdempotency {
    async fn begin(
        &self,
        workspace: WorkspaceId,
        tool: &str,
        key: &str,
        digest: ArgumentsDigest,
    ) -> Result<IdempotencyState, ToolError> {
        let now = Instant::now();
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        let k = (workspace, tool.to_owned(), key.to_owned());
        if let Some(r) = map.get(&k)
            && now.saturating_duration_since(r.at) < self.ttl
        {
            return Ok(match (&r.result, r.digest == digest) {
                (Some(v), true) => IdempotencyState::Replay(v.clone()),
                _ => IdempotencyState::Conflict,
            });
        }
        if map.len() >= self.max {
            map.retain(|_, r| now.saturating_duration_since(r.at) < self.ttl);
            while map.len() >= self.max {
                let Some(oldest) = map.iter().min_by_key(|(_, r)| r.at).map(|(k, _)| k.clone())
                else {
                    break;
                };
                map.remove(&oldest);
            }
        }
        map.insert(
            k,
            Record {
                digest,
                result: None,
                at: now,
            },
        );
        Ok(IdempotencyState::New)
    }

    async fn complete(&self, workspace: WorkspaceId, tool: &str, key: &str, result: &Value) {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(r) = map.get_mut(&(workspace, tool.to_owned(), key.to_owned())) {
            r.result = Some(result.clone());
        }
    }

    async fn release(&self, workspace: WorkspaceId, tool: &str, key: &str) {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        map.remove(&(workspace, tool.to_owned(), key.to_owned()));
    }
}

/// The error for a key reused with other arguments (or while the first call runs).
pub fn idempotency_conflict() -> ToolError {
    ToolError::new(
        ErrorKind::IdempotencyConflict,
        "this idempotency_key was already used with different arguments (or that call is still running); use a new key for a new operation",
    )
}

//! In-memory audit sink and usage meter (tests, benchmarks, embedders' own export).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;

use super::{AuditError, AuditSink, Outcome, UsageEvent, UsageMeter};
use crate::WorkspaceId;

/// Keeps events in memory. Can be switched to failing, to exercise fail-closed paths.
#[derive(Debug, Default, Clone)]
pub struct MemoryAudit {
    events: Arc<Mutex<Vec<UsageEvent>>>,
    failing: Arc<AtomicBool>,
}

impl MemoryAudit {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of every recorded event.
    pub fn events(&self) -> Vec<UsageEvent> {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Number of recorded events.
    pub fn len(&self) -> usize {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every recorded event.
    pub fn clear(&self) {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Makes `record` and `ready` fail (or succeed again).
    pub fn set_failing(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }
}

#[async_trait]
impl AuditSink for MemoryAudit {
    async fn record(&self, event: &UsageEvent) -> Result<(), AuditError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(AuditError("memory sink set to fail".into()));
        }
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(event.clone());
        Ok(())
    }

    async fn ready(&self) -> Result<(), AuditError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(AuditError("memory sink set to fail".into()));
        }
        Ok(())
    }
}

/// Counts successful calls per workspace: the simplest billing meter.
#[derive(Debug, Default, Clone)]
pub struct MemoryMeter {
    counts: Arc<Mutex<HashMap<WorkspaceId, u64>>>,
}

impl MemoryMeter {
    /// A meter with no counts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Successful calls of `workspace` so far.
    pub fn count(&self, workspace: WorkspaceId) -> u64 {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&workspace)
            .copied()
            .unwrap_or(0)
    }
}

impl UsageMeter for MemoryMeter {
    fn meter(&self, event: &UsageEvent) {
        if let (Outcome::Ok | Outcome::OkLimiterFallback, Some(ws)) =
            (event.outcome, event.workspace)
        {
            *self
                .counts
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(ws)
                .or_insert(0) += 1;
        }
    }
}

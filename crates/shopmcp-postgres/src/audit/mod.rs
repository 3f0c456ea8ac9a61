//! [`PgAuditSink`]: core's [`AuditSink`] writing `usage_events` in batches.
//!
//! **Durability contract.** `record` puts the event on a bounded queue and returns `Ok` only
//! after the transaction holding the event's batch **committed** (with PostgreSQL's default
//! `synchronous_commit = on`, the commit is on disk). It returns an error when the batch could
//! not be written after [`AuditConfig::retries`](crate::AuditConfig::retries) further
//! attempts, or when the sink was shut down. A full queue is back-pressure: `record` waits for
//! room, it never drops an event. Events of one workspace are written in a tenant transaction
//! (Row-Level Security applies); events without a workspace (unauthenticated calls) go to the
//! non-tenant `unauthenticated_events` table. Every event carries a random id and inserts are
//! `ON CONFLICT DO NOTHING`, so a batch retried after an ambiguous commit is not duplicated.
//!
//! **Usage-meter outbox.** With [`AuditConfig::meter_outbox`](crate::AuditConfig::meter_outbox)
//! (the default) each successful call of a workspace also gets a `usage_outbox` row in the
//! same statement as its event: metering is exactly as complete as the audit trail. A billing
//! forwarder drains it with [`UsageOutbox`](crate::UsageOutbox).
//!
//! **Readiness.** [`ready`](AuditSink::ready) runs `SELECT 1` on the pool (at most 2 s) every
//! time it is asked: the pipeline asks only before a write, so the answer is current rather
//! than cached. It fails while the database is unreachable, when a writer task stopped, and
//! after shutdown; the pipeline then refuses the write (fail closed).

mod writer;

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use async_trait::async_trait;
use shopmcp_core::{AuditError, AuditSink, UsageEvent};
use tokio::sync::{Mutex, mpsc, oneshot};
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::{AuditConfig, PgError, TenantPool};
use writer::Job;

/// How long a readiness probe may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Batched, durable audit sink over the application pool. Cloning shares it.
#[derive(Clone)]
pub struct PgAuditSink {
    inner: Arc<Inner>,
}

struct Inner {
    sender: RwLock<Option<mpsc::Sender<Job>>>,
    writers: Mutex<Vec<JoinHandle<()>>>,
    pool: TenantPool,
    capacity: usize,
}

impl fmt::Debug for PgAuditSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgAuditSink")
            .field("capacity", &self.inner.capacity)
            .field("queued", &self.queued())
            .finish_non_exhaustive()
    }
}

impl PgAuditSink {
    /// Starts the writer tasks (call inside a Tokio runtime).
    pub(crate) fn start(pool: TenantPool, config: AuditConfig) -> Self {
        let capacity = config.capacity.max(1);
        let (sender, receiver) = mpsc::channel(capacity);
        let queue = Arc::new(Mutex::new(receiver));
        let writers = (0..config.writers.max(1))
            .map(|_| tokio::spawn(writer::run(Arc::clone(&queue), pool.clone(), config)))
            .collect();
        Self {
            inner: Arc::new(Inner {
                sender: RwLock::new(Some(sender)),
                writers: Mutex::new(writers),
                pool,
                capacity,
            }),
        }
    }

    /// Events queued and not yet taken by a writer.
    pub fn queued(&self) -> usize {
        self.sender()
            .map_or(0, |s| self.inner.capacity.saturating_sub(s.capacity()))
    }

    /// Stops accepting events, writes every queued one, and waits for the writers to finish.
    /// Later `record` calls fail.
    pub async fn shutdown(&self) {
        drop(
            self.inner
                .sender
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .take(),
        );
        let writers: Vec<JoinHandle<()>> = self.inner.writers.lock().await.drain(..).collect();
        for writer in writers {
            if let Err(e) = writer.await {
                tracing::error!(error = %e, "audit writer task failed");
            }
        }
    }

    fn sender(&self) -> Option<mpsc::Sender<Job>> {
        self.inner
            .sender
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

#[async_trait]
impl AuditSink for PgAuditSink {
    async fn record(&self, event: &UsageEvent) -> Result<(), AuditError> {
        let sender = self
            .sender()
            .ok_or_else(|| AuditError("the PostgreSQL audit sink was shut down".to_owned()))?;
        let (reply, outcome) = oneshot::channel();
        let job = Job {
            event_id: Uuid::new_v4(),
            event: event.clone(),
            reply,
        };
        sender
            .send(job)
            .await
            .map_err(|_| AuditError("the PostgreSQL audit writer stopped".to_owned()))?;
        drop(sender);
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(message)) => Err(AuditError(message)),
            Err(_) => Err(AuditError(
                "the PostgreSQL audit writer stopped before writing the event".to_owned(),
            )),
        }
    }

    async fn ready(&self) -> Result<(), AuditError> {
        if self.sender().is_none() {
            return Err(AuditError(
                "the PostgreSQL audit sink was shut down".to_owned(),
            ));
        }
        if self
            .inner
            .writers
            .lock()
            .await
            .iter()
            .any(JoinHandle::is_finished)
        {
            return Err(AuditError("a PostgreSQL audit writer stopped".to_owned()));
        }
        let probe = sqlx::query("SELECT 1").execute(self.inner.pool.raw());
        match tokio::time::timeout(PROBE_TIMEOUT, probe).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(PgError::from(e).into()),
            Err(_) => Err(AuditError(
                "PostgreSQL did not answer the readiness probe within 2 s".to_owned(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use shopmcp_core::{ErrorKind, Outcome, RequestId, WorkspaceId};

    use super::writer::is_billable;
    use super::*;

    fn event(workspace: Option<WorkspaceId>, outcome: Outcome) -> UsageEvent {
        UsageEvent {
            timestamp: SystemTime::now(),
            request_id: RequestId::random(),
            workspace,
            tool: "local_products_list".to_owned(),
            platform: None,
            latency: Duration::from_millis(3),
            outcome,
        }
    }

    #[test]
    fn only_successful_calls_of_a_workspace_are_billable() {
        let ws = Some(WorkspaceId::random());
        assert!(is_billable(&event(ws, Outcome::Ok)));
        assert!(is_billable(&event(ws, Outcome::OkLimiterFallback)));
        assert!(!is_billable(&event(
            ws,
            Outcome::Error(ErrorKind::RateLimited)
        )));
        assert!(!is_billable(&event(None, Outcome::Ok)));
    }
}

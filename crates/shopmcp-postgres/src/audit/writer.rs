//! The writer tasks: take a batch from the queue, write it in one transaction per workspace,
//! answer every event of the batch.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use shopmcp_core::{Outcome, UsageEvent, WorkspaceId};
use sqlx::types::time::OffsetDateTime;
use tokio::sync::{Mutex, mpsc, oneshot};
use uuid::Uuid;

use crate::convert::{micros, to_timestamp};
use crate::{AuditConfig, PgError, TenantPool};

/// One event waiting to be written, and where to report the outcome.
pub(super) struct Job {
    /// Unique per event; a retried batch does not duplicate it.
    pub(super) event_id: Uuid,
    pub(super) event: UsageEvent,
    pub(super) reply: oneshot::Sender<Result<(), String>>,
}

/// Events of one workspace (and the usage-meter outbox rows of the billable ones).
const INSERT_TENANT: &str = "WITH batch AS ( \
       SELECT * FROM UNNEST($2::uuid[], $3::timestamptz[], $4::uuid[], $5::text[], \
                            $6::text[], $7::int8[], $8::text[], $9::bool[]) \
         AS u(event_id, occurred_at, request_id, tool, platform, latency_us, outcome, billable) \
     ), events AS ( \
       INSERT INTO shopmcp.usage_events \
         (workspace_id, event_id, occurred_at, request_id, tool, platform, latency_us, outcome) \
       SELECT $1, event_id, occurred_at, request_id, tool, platform, latency_us, outcome FROM batch \
       ON CONFLICT (workspace_id, event_id) DO NOTHING \
     ) \
     INSERT INTO shopmcp.usage_outbox (workspace_id, event_id, occurred_at, tool, platform, outcome) \
     SELECT $1, event_id, occurred_at, tool, platform, outcome FROM batch WHERE billable \
     ON CONFLICT (workspace_id, event_id) DO NOTHING";

/// Events without a workspace (unauthenticated calls).
const INSERT_ANONYMOUS: &str = "INSERT INTO shopmcp.unauthenticated_events \
       (event_id, occurred_at, request_id, tool, platform, latency_us, outcome) \
     SELECT * FROM UNNEST($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], \
                          $6::int8[], $7::text[]) \
     ON CONFLICT DO NOTHING";

/// A writer loop; returns when the queue is closed and drained.
pub(super) async fn run(
    queue: Arc<Mutex<mpsc::Receiver<Job>>>,
    pool: TenantPool,
    config: AuditConfig,
) {
    let max = config.batch_max.max(1);
    loop {
        let mut batch = Vec::with_capacity(max);
        let received = queue.lock().await.recv_many(&mut batch, max).await;
        if received == 0 {
            return;
        }
        let mut groups: BTreeMap<Option<WorkspaceId>, Vec<Job>> = BTreeMap::new();
        for job in batch {
            groups.entry(job.event.workspace).or_default().push(job);
        }
        for (workspace, jobs) in groups {
            let result = write_with_retries(&pool, workspace, &jobs, &config).await;
            for job in jobs {
                // The caller may have given up waiting; the event is written all the same.
                let _ = job.reply.send(result.clone());
            }
        }
    }
}

async fn write_with_retries(
    pool: &TenantPool,
    workspace: Option<WorkspaceId>,
    jobs: &[Job],
    config: &AuditConfig,
) -> Result<(), String> {
    let columns = Columns::of(jobs, config.meter_outbox).map_err(|e| e.to_string())?;
    let mut attempt = 0;
    loop {
        match write(pool, workspace, &columns).await {
            Ok(()) => return Ok(()),
            Err(e) => {
                if attempt >= config.retries {
                    tracing::error!(error = %e, events = jobs.len(), "audit batch could not be written");
                    return Err(e.to_string());
                }
                attempt += 1;
                tracing::warn!(error = %e, attempt, "audit batch failed; retrying");
                tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
            }
        }
    }
}

async fn write(
    pool: &TenantPool,
    workspace: Option<WorkspaceId>,
    c: &Columns,
) -> Result<(), PgError> {
    match workspace {
        Some(ws) => {
            let mut tx = pool.begin(ws).await?;
            sqlx::query(INSERT_TENANT)
                .bind(ws.as_uuid())
                .bind(&c.ids)
                .bind(&c.times)
                .bind(&c.requests)
                .bind(&c.tools)
                .bind(&c.platforms)
                .bind(&c.latencies)
                .bind(&c.outcomes)
                .bind(&c.billable)
                .execute(tx.conn())
                .await?;
            tx.commit().await
        }
        None => {
            sqlx::query(INSERT_ANONYMOUS)
                .bind(&c.ids)
                .bind(&c.times)
                .bind(&c.requests)
                .bind(&c.tools)
                .bind(&c.platforms)
                .bind(&c.latencies)
                .bind(&c.outcomes)
                .execute(pool.raw())
                .await?;
            Ok(())
        }
    }
}

/// A batch as column arrays (for `UNNEST`).
struct Columns {
    ids: Vec<Uuid>,
    times: Vec<OffsetDateTime>,
    requests: Vec<Uuid>,
    tools: Vec<String>,
    platforms: Vec<Option<String>>,
    latencies: Vec<i64>,
    outcomes: Vec<String>,
    billable: Vec<bool>,
}

impl Columns {
    fn of(jobs: &[Job], meter: bool) -> Result<Self, PgError> {
        let mut c = Self {
            ids: Vec::with_capacity(jobs.len()),
            times: Vec::with_capacity(jobs.len()),
            requests: Vec::with_capacity(jobs.len()),
            tools: Vec::with_capacity(jobs.len()),
            platforms: Vec::with_capacity(jobs.len()),
            latencies: Vec::with_capacity(jobs.len()),
            outcomes: Vec::with_capacity(jobs.len()),
            billable: Vec::with_capacity(jobs.len()),
        };
        for Job {
            event_id, event, ..
        } in jobs
        {
            c.ids.push(*event_id);
            c.times.push(to_timestamp(event.timestamp)?);
            c.requests.push(
                Uuid::parse_str(&event.request_id.to_string())
                    .map_err(|_| PgError::Corrupt("request id".to_owned()))?,
            );
            c.tools.push(event.tool.clone());
            c.platforms
                .push(event.platform.map(|p| p.as_str().to_owned()));
            c.latencies.push(micros(event.latency));
            c.outcomes.push(event.outcome.as_str().to_owned());
            c.billable.push(meter && is_billable(event));
        }
        Ok(c)
    }
}

/// Successful calls of a workspace are metered (as core's `MemoryMeter` counts them).
pub(super) fn is_billable(event: &UsageEvent) -> bool {
    event.workspace.is_some() && matches!(event.outcome, Outcome::Ok | Outcome::OkLimiterFallback)
}

//! [`UsageOutbox`]: the usage-meter outbox a billing forwarder drains.
//!
//! Rows are written by [`PgAuditSink`](crate::PgAuditSink) in the same statement as their
//! audit event (successful calls of a workspace only), so every recorded billable call has
//! exactly one outbox row. A forwarder reads [`pending`](UsageOutbox::pending) rows of a
//! workspace, sends them on (e.g. as meter events keyed by `event_id`, which makes a resend
//! after a crash harmless), then [`mark_delivered`](UsageOutbox::mark_delivered).

use std::time::SystemTime;

use shopmcp_core::{Platform, WorkspaceId};
use sqlx::types::time::OffsetDateTime;
use uuid::Uuid;

use crate::convert::{from_timestamp, platform};
use crate::{PgError, TenantPool};

/// One billable call waiting to be forwarded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutboxEntry {
    /// The audit event's id: use it as the idempotency key downstream.
    pub event_id: Uuid,
    /// When the call ended.
    pub occurred_at: SystemTime,
    /// The tool.
    pub tool: String,
    /// The tool's platform, if known.
    pub platform: Option<Platform>,
    /// The outcome (`ok` or `ok_limiter_fallback`).
    pub outcome: String,
}

/// Reads and acknowledges outbox rows, per workspace (tenant transactions).
#[derive(Clone, Debug)]
pub struct UsageOutbox {
    tenants: TenantPool,
}

impl UsageOutbox {
    pub(crate) fn new(tenants: TenantPool) -> Self {
        Self { tenants }
    }

    /// Up to `limit` undelivered entries of `workspace`, oldest first.
    pub async fn pending(
        &self,
        workspace: WorkspaceId,
        limit: u32,
    ) -> Result<Vec<OutboxEntry>, PgError> {
        let mut tx = self.tenants.begin(workspace).await?;
        let rows: Vec<(Uuid, OffsetDateTime, String, Option<String>, String)> = sqlx::query_as(
            "SELECT event_id, occurred_at, tool, platform, outcome FROM shopmcp.usage_outbox \
             WHERE workspace_id = $1 AND delivered_at IS NULL \
             ORDER BY occurred_at, event_id LIMIT $2",
        )
        .bind(workspace.as_uuid())
        .bind(i64::from(limit))
        .fetch_all(tx.conn())
        .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|(event_id, at, tool, platform_name, outcome)| {
                Ok(OutboxEntry {
                    event_id,
                    occurred_at: from_timestamp(at),
                    tool,
                    platform: platform_name.as_deref().map(platform).transpose()?,
                    outcome,
                })
            })
            .collect()
    }

    /// Marks entries delivered; returns how many were pending.
    pub async fn mark_delivered(
        &self,
        workspace: WorkspaceId,
        event_ids: &[Uuid],
    ) -> Result<u64, PgError> {
        let mut tx = self.tenants.begin(workspace).await?;
        let n = sqlx::query(
            "UPDATE shopmcp.usage_outbox SET delivered_at = now() \
             WHERE workspace_id = $1 AND event_id = ANY($2) AND delivered_at IS NULL",
        )
        .bind(workspace.as_uuid())
        .bind(event_ids)
        .execute(tx.conn())
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(n)
    }

    /// Deletes delivered entries of `workspace` delivered before `before`; how many.
    pub async fn prune_delivered(
        &self,
        workspace: WorkspaceId,
        before: SystemTime,
    ) -> Result<u64, PgError> {
        let before = crate::convert::to_timestamp(before)?;
        let mut tx = self.tenants.begin(workspace).await?;
        let n = sqlx::query(
            "DELETE FROM shopmcp.usage_outbox \
             WHERE workspace_id = $1 AND delivered_at IS NOT NULL AND delivered_at < $2",
        )
        .bind(workspace.as_uuid())
        .bind(before)
        .execute(tx.conn())
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(n)
    }
}

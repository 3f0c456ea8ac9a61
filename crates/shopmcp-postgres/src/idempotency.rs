//! [`PgIdempotency`]: core's [`IdempotencyStore`] in PostgreSQL (W3 tools).
//!
//! A key is claimed by inserting its row; a concurrent claim of the same key waits on the
//! primary key until the first transaction ends, then sees the row and gets `Conflict`.
//! Records older than the TTL (24 h by default) are deleted by the next `begin` of their
//! workspace, so an expired key can be claimed again.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use shopmcp_core::{ArgumentsDigest, IdempotencyState, IdempotencyStore, ToolError, WorkspaceId};

use crate::{PgError, TenantPool};

/// Idempotency records of W3 tools, per workspace.
#[derive(Clone, Debug)]
pub struct PgIdempotency {
    tenants: TenantPool,
    ttl: Duration,
}

impl PgIdempotency {
    pub(crate) fn new(tenants: TenantPool, ttl: Duration) -> Self {
        Self { tenants, ttl }
    }

    async fn claim(
        &self,
        ws: WorkspaceId,
        tool: &str,
        key: &str,
        digest: &str,
    ) -> Result<IdempotencyState, PgError> {
        let mut tx = self.tenants.begin(ws).await?;
        sqlx::query(
            "DELETE FROM shopmcp.idempotency_records \
             WHERE workspace_id = $1 AND created_at <= now() - $2::interval",
        )
        .bind(ws.as_uuid())
        .bind(self.ttl)
        .execute(tx.conn())
        .await?;
        let claimed = sqlx::query(
            "INSERT INTO shopmcp.idempotency_records (workspace_id, tool, idem_key, digest) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, tool, idem_key) DO NOTHING",
        )
        .bind(ws.as_uuid())
        .bind(tool)
        .bind(key)
        .bind(digest)
        .execute(tx.conn())
        .await?
        .rows_affected();
        let state = if claimed == 1 {
            IdempotencyState::New
        } else {
            let (stored, result): (String, Option<String>) = sqlx::query_as(
                "SELECT digest, result::text FROM shopmcp.idempotency_records \
                 WHERE workspace_id = $1 AND tool = $2 AND idem_key = $3",
            )
            .bind(ws.as_uuid())
            .bind(tool)
            .bind(key)
            .fetch_one(tx.conn())
            .await?;
            match result {
                Some(text) if stored == digest => IdempotencyState::Replay(
                    serde_json::from_str(&text)
                        .map_err(|_| PgError::Corrupt("stored idempotent result".to_owned()))?,
                ),
                _ => IdempotencyState::Conflict,
            }
        };
        tx.commit().await?;
        Ok(state)
    }

    async fn finish(
        &self,
        ws: WorkspaceId,
        tool: &str,
        key: &str,
        result: Option<&Value>,
    ) -> Result<(), PgError> {
        let mut tx = self.tenants.begin(ws).await?;
        let query = match result {
            Some(value) => sqlx::query(
                "UPDATE shopmcp.idempotency_records SET result = $4::text::jsonb \
                 WHERE workspace_id = $1 AND tool = $2 AND idem_key = $3",
            )
            .bind(ws.as_uuid())
            .bind(tool)
            .bind(key)
            .bind(value.to_string()),
            None => sqlx::query(
                "DELETE FROM shopmcp.idempotency_records \
                 WHERE workspace_id = $1 AND tool = $2 AND idem_key = $3",
            )
            .bind(ws.as_uuid())
            .bind(tool)
            .bind(key),
        };
        query.execute(tx.conn()).await?;
        tx.commit().await
    }
}

#[async_trait]
impl IdempotencyStore for PgIdempotency {
    async fn begin(
        &self,
        workspace: WorkspaceId,
        tool: &str,
        key: &str,
        digest: ArgumentsDigest,
    ) -> Result<IdempotencyState, ToolError> {
        self.claim(workspace, tool, key, &digest.to_hex())
            .await
            .map_err(PgError::into_tool_error)
    }

    async fn complete(&self, workspace: WorkspaceId, tool: &str, key: &str, result: &Value) {
        if let Err(e) = self.finish(workspace, tool, key, Some(result)).await {
            tracing::error!(%workspace, tool, error = %e, "could not store an idempotent result; a replay will report a conflict");
        }
    }

    async fn release(&self, workspace: WorkspaceId, tool: &str, key: &str) {
        if let Err(e) = self.finish(workspace, tool, key, None).await {
            tracing::error!(%workspace, tool, error = %e, "could not release an idempotency key; it stays claimed until it expires");
        }
    }
}

//! Cross-tenant operations through the admin role and pool: GDPR export and erasure, and the
//! workspace directory.
//!
//! The admin role has `BYPASSRLS` (a GDPR job must reach one workspace's rows without a tenant
//! transaction, and listing workspaces is cross-tenant by nature) but only `SELECT` and
//! `DELETE`: it cannot insert or change anything. It is never used on the request path.
//! Because Row-Level Security does not apply to it, every statement here filters on the
//! workspace explicitly, and a test proves an export holds nothing of another workspace.

mod export;

use std::fmt;

use serde::Serialize;
use shopmcp_core::WorkspaceId;
use sqlx::PgPool;
use uuid::Uuid;

pub use export::{
    EXPORT_FORMAT, ExportedCredential, ExportedDek, ExportedEvent, ExportedIdempotency,
    ExportedOutboxRow, ExportedToken, ExportedWorkspace, WorkspaceExport,
};

use crate::PgError;

/// What [`Admin::erase_workspace`] deleted, per table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ErasureReport {
    /// The `workspaces` row (0 or 1).
    pub workspace: u64,
    /// Bearer tokens.
    pub tokens: u64,
    /// Token lookup rows.
    pub token_lookups: u64,
    /// Credential records.
    pub credentials: u64,
    /// Credential field ciphertexts.
    pub credential_fields: u64,
    /// Wrapped DEKs (crypto-shredding: copies of the ciphertexts become undecryptable).
    pub data_keys: u64,
    /// Audit events.
    pub usage_events: u64,
    /// Usage-meter outbox rows.
    pub usage_outbox: u64,
    /// Idempotency records.
    pub idempotency_records: u64,
}

impl ErasureReport {
    /// Rows deleted in total.
    pub fn total(&self) -> u64 {
        self.workspace
            + self.tokens
            + self.token_lookups
            + self.credentials
            + self.credential_fields
            + self.data_keys
            + self.usage_events
            + self.usage_outbox
            + self.idempotency_records
    }
}

/// The admin handle. Cloning shares the pool.
#[derive(Clone)]
pub struct Admin {
    pool: PgPool,
}

impl fmt::Debug for Admin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Admin").finish_non_exhaustive()
    }
}

/// Deletion order: children before parents (cascades would cover most, but each count is
/// reported).
const ERASE: [&str; 9] = [
    "DELETE FROM shopmcp.token_lookup WHERE workspace_id = $1",
    "DELETE FROM shopmcp.bearer_tokens WHERE workspace_id = $1",
    "DELETE FROM shopmcp.credential_fields WHERE workspace_id = $1",
    "DELETE FROM shopmcp.credential_records WHERE workspace_id = $1",
    "DELETE FROM shopmcp.wrapped_deks WHERE workspace_id = $1",
    "DELETE FROM shopmcp.usage_events WHERE workspace_id = $1",
    "DELETE FROM shopmcp.usage_outbox WHERE workspace_id = $1",
    "DELETE FROM shopmcp.idempotency_records WHERE workspace_id = $1",
    "DELETE FROM shopmcp.workspaces WHERE workspace_id = $1",
];

impl Admin {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Erases everything held for `workspace`, in one transaction: tokens, credentials,
    /// wrapped DEKs (crypto-shredding), audit events, outbox and idempotency records, and the
    /// workspace row. This is the entry point for Shopify's `shop/redact` webhook.
    ///
    /// A running `EncryptedCredentialProvider` may still cache the workspace's plaintext DEK
    /// for up to 60 s: also call its `revoke_cached_keys(workspace)`.
    pub async fn erase_workspace(&self, workspace: WorkspaceId) -> Result<ErasureReport, PgError> {
        let mut tx = self.pool.begin().await?;
        let mut counts = [0u64; 9];
        for (sql, count) in ERASE.iter().zip(counts.iter_mut()) {
            *count = sqlx::query(*sql)
                .bind(workspace.as_uuid())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        let [
            token_lookups,
            tokens,
            credential_fields,
            credentials,
            data_keys,
            usage_events,
            usage_outbox,
            idempotency_records,
            workspace_row,
        ] = counts;
        let report = ErasureReport {
            workspace: workspace_row,
            tokens,
            token_lookups,
            credentials,
            credential_fields,
            data_keys,
            usage_events,
            usage_outbox,
            idempotency_records,
        };
        tracing::info!(%workspace, rows = report.total(), "erased workspace");
        Ok(report)
    }

    /// Everything held for `workspace`, read in one repeatable-read, read-only snapshot.
    pub async fn export_workspace(
        &self,
        workspace: WorkspaceId,
    ) -> Result<WorkspaceExport, PgError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?;
        let export = export::read(&mut tx, workspace).await?;
        tx.commit().await?;
        Ok(export)
    }

    /// Every workspace that has a `workspaces` row.
    pub async fn list_workspaces(&self) -> Result<Vec<WorkspaceId>, PgError> {
        let ids: Vec<Uuid> =
            sqlx::query_scalar("SELECT workspace_id FROM shopmcp.workspaces ORDER BY workspace_id")
                .fetch_all(&self.pool)
                .await?;
        Ok(ids.into_iter().map(WorkspaceId::from_uuid).collect())
    }

    /// Workspaces with undelivered usage-meter outbox rows (for a billing forwarder).
    pub async fn workspaces_with_pending_usage(&self) -> Result<Vec<WorkspaceId>, PgError> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT DISTINCT workspace_id FROM shopmcp.usage_outbox \
             WHERE delivered_at IS NULL ORDER BY workspace_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(ids.into_iter().map(WorkspaceId::from_uuid).collect())
    }

    /// Deletes audit events of unauthenticated calls that ended before `before` (retention);
    /// how many.
    pub async fn purge_unauthenticated_events(
        &self,
        before: std::time::SystemTime,
    ) -> Result<u64, PgError> {
        Ok(
            sqlx::query("DELETE FROM shopmcp.unauthenticated_events WHERE occurred_at < $1")
                .bind(crate::convert::to_timestamp(before)?)
                .execute(&self.pool)
                .await?
                .rows_affected(),
        )
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

//! [`PgWorkspaces`]: the `workspaces` table (a workspace must exist before it gets tokens).

use std::time::SystemTime;

use shopmcp_core::WorkspaceId;
use sqlx::types::time::OffsetDateTime;

use crate::convert::from_timestamp;
use crate::{PgError, TenantPool};

/// One workspace row.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkspaceInfo {
    /// Its id.
    pub id: WorkspaceId,
    /// A label for operators (no personal data, please: it is exported and logged).
    pub label: String,
    /// Creation time.
    pub created_at: SystemTime,
}

/// Creates and reads workspace rows, each in its own tenant transaction.
#[derive(Clone, Debug)]
pub struct PgWorkspaces {
    tenants: TenantPool,
}

impl PgWorkspaces {
    pub(crate) fn new(tenants: TenantPool) -> Self {
        Self { tenants }
    }

    /// Creates the workspace; `false` when it already existed (its label is left unchanged).
    pub async fn create(&self, id: WorkspaceId, label: &str) -> Result<bool, PgError> {
        let mut tx = self.tenants.begin(id).await?;
        let created = sqlx::query(
            "INSERT INTO shopmcp.workspaces (workspace_id, label) VALUES ($1, $2) \
             ON CONFLICT (workspace_id) DO NOTHING",
        )
        .bind(id.as_uuid())
        .bind(label)
        .execute(tx.conn())
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(created == 1)
    }

    /// The workspace, if it exists.
    pub async fn get(&self, id: WorkspaceId) -> Result<Option<WorkspaceInfo>, PgError> {
        let mut tx = self.tenants.begin(id).await?;
        let row: Option<(String, OffsetDateTime)> = sqlx::query_as(
            "SELECT label, created_at FROM shopmcp.workspaces WHERE workspace_id = $1",
        )
        .bind(id.as_uuid())
        .fetch_optional(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(row.map(|(label, created_at)| WorkspaceInfo {
            id,
            label,
            created_at: from_timestamp(created_at),
        }))
    }
}

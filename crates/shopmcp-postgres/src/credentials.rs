//! [`PgCredentialStore`]: vault's [`CredentialStore`] in PostgreSQL.
//!
//! Only ciphertext reaches the database: SME1 field ciphertexts (`credential_fields`, one
//! row per field), the id of the DEK they are encrypted under (`credential_records`), and
//! wrapped DEKs with the id of the master key that wrapped them (`wrapped_deks`).

use std::collections::BTreeMap;

use async_trait::async_trait;
use shopmcp_core::WorkspaceId;
use shopmcp_vault::{
    Ciphertext, CredentialRecord, CredentialStore, DekId, DekState, KeyId, SlotKey, StoreError,
    WrappedDekRecord, WrappedKey,
};
use sqlx::PgPool;
use uuid::Uuid;

use crate::convert::platform;
use crate::error::{to_i64, to_u64};
use crate::{PgError, TenantPool};

/// Encrypted credential records and wrapped DEKs, partitioned by workspace with Row-Level
/// Security. Semantics match vault's `MemoryStore`; in addition the database refuses a second
/// active DEK for a workspace (also across server processes).
#[derive(Clone, Debug)]
pub struct PgCredentialStore {
    tenants: TenantPool,
    admin: PgPool,
}

type RecordRow = (
    String,
    String,
    Uuid,
    String,
    Uuid,
    i64,
    Option<String>,
    Option<Vec<u8>>,
);

/// One record in the slot (one row per field).
const GET_ONE: &str = concat!(
    "SELECT r.platform, r.slot, r.record_id, r.kind, r.dek_id, r.updated_at_unix, ",
    "f.field, f.ciphertext FROM shopmcp.credential_records r ",
    "LEFT JOIN shopmcp.credential_fields f ON f.workspace_id = r.workspace_id ",
    "AND f.platform = r.platform AND f.slot = r.slot ",
    "WHERE r.workspace_id = $1 AND r.platform = $2 AND r.slot = $3 ORDER BY f.field"
);

/// Every record of the workspace (one row per field).
const LIST: &str = concat!(
    "SELECT r.platform, r.slot, r.record_id, r.kind, r.dek_id, r.updated_at_unix, ",
    "f.field, f.ciphertext FROM shopmcp.credential_records r ",
    "LEFT JOIN shopmcp.credential_fields f ON f.workspace_id = r.workspace_id ",
    "AND f.platform = r.platform AND f.slot = r.slot ",
    "WHERE r.workspace_id = $1 ORDER BY r.platform, r.slot, f.field"
);

impl PgCredentialStore {
    pub(crate) fn new(tenants: TenantPool, admin: PgPool) -> Self {
        Self { tenants, admin }
    }

    async fn put_record_inner(
        &self,
        ws: WorkspaceId,
        record: CredentialRecord,
    ) -> Result<(), PgError> {
        let (names, ciphertexts): (Vec<String>, Vec<Vec<u8>>) =
            record.fields.into_iter().map(|(k, v)| (k, v.0)).unzip();
        let mut tx = self.tenants.begin(ws).await?;
        let platform = record.slot.platform.as_str();
        sqlx::query(
            "DELETE FROM shopmcp.credential_records \
             WHERE workspace_id = $1 AND platform = $2 AND slot = $3",
        )
        .bind(ws.as_uuid())
        .bind(platform)
        .bind(&record.slot.name)
        .execute(tx.conn())
        .await?;
        sqlx::query(
            "INSERT INTO shopmcp.credential_records \
             (workspace_id, platform, slot, record_id, kind, dek_id, updated_at_unix) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(ws.as_uuid())
        .bind(platform)
        .bind(&record.slot.name)
        .bind(record.record_id)
        .bind(&record.kind)
        .bind(record.dek_id.as_uuid())
        .bind(to_i64(record.updated_at, "updated_at")?)
        .execute(tx.conn())
        .await?;
        sqlx::query(
            "INSERT INTO shopmcp.credential_fields \
             (workspace_id, platform, slot, field, ciphertext) \
             SELECT $1, $2, $3, u.field, u.ciphertext \
             FROM UNNEST($4::text[], $5::bytea[]) AS u(field, ciphertext)",
        )
        .bind(ws.as_uuid())
        .bind(platform)
        .bind(&record.slot.name)
        .bind(names)
        .bind(ciphertexts)
        .execute(tx.conn())
        .await?;
        tx.commit().await
    }

    async fn records(
        &self,
        ws: WorkspaceId,
        slot: Option<&SlotKey>,
    ) -> Result<Vec<CredentialRecord>, PgError> {
        let mut tx = self.tenants.begin(ws).await?;
        let rows: Vec<RecordRow> = match slot {
            Some(slot) => {
                sqlx::query_as(GET_ONE)
                    .bind(ws.as_uuid())
                    .bind(slot.platform.as_str())
                    .bind(&slot.name)
                    .fetch_all(tx.conn())
                    .await?
            }
            None => {
                sqlx::query_as(LIST)
                    .bind(ws.as_uuid())
                    .fetch_all(tx.conn())
                    .await?
            }
        };
        tx.commit().await?;
        assemble(rows)
    }

    async fn deks(
        &self,
        ws: WorkspaceId,
        dek_id: Option<DekId>,
    ) -> Result<Vec<WrappedDekRecord>, PgError> {
        let mut tx = self.tenants.begin(ws).await?;
        let rows: Vec<(Uuid, i64, String, String, Vec<u8>, i64)> = sqlx::query_as(
            "SELECT dek_id, version, state, key_id, wrapped, created_at_unix \
             FROM shopmcp.wrapped_deks \
             WHERE workspace_id = $1 AND ($2::uuid IS NULL OR dek_id = $2) \
             ORDER BY version, dek_id",
        )
        .bind(ws.as_uuid())
        .bind(dek_id.map(|d| *d.as_uuid()))
        .fetch_all(tx.conn())
        .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|(id, version, state, key_id, blob, created)| {
                Ok(WrappedDekRecord {
                    dek_id: DekId::from_uuid(id),
                    version: u32::try_from(version)
                        .map_err(|_| PgError::Corrupt("DEK version out of range".to_owned()))?,
                    state: match state.as_str() {
                        "active" => DekState::Active,
                        "decrypt_only" => DekState::DecryptOnly,
                        _ => return Err(PgError::Corrupt("unknown DEK state".to_owned())),
                    },
                    wrapped: WrappedKey {
                        key_id: KeyId::new(key_id),
                        blob,
                    },
                    created_at: to_u64(created, "created_at")?,
                })
            })
            .collect()
    }

    async fn put_dek_inner(&self, ws: WorkspaceId, dek: WrappedDekRecord) -> Result<(), PgError> {
        let state = match dek.state {
            DekState::Active => "active",
            DekState::DecryptOnly => "decrypt_only",
        };
        let mut tx = self.tenants.begin(ws).await?;
        sqlx::query(
            "INSERT INTO shopmcp.wrapped_deks \
             (workspace_id, dek_id, version, state, key_id, wrapped, created_at_unix) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (workspace_id, dek_id) DO UPDATE SET \
               version = EXCLUDED.version, state = EXCLUDED.state, key_id = EXCLUDED.key_id, \
               wrapped = EXCLUDED.wrapped, created_at_unix = EXCLUDED.created_at_unix",
        )
        .bind(ws.as_uuid())
        .bind(dek.dek_id.as_uuid())
        .bind(i64::from(dek.version))
        .bind(state)
        .bind(dek.wrapped.key_id.as_str())
        .bind(&dek.wrapped.blob)
        .bind(to_i64(dek.created_at, "created_at")?)
        .execute(tx.conn())
        .await?;
        tx.commit().await
    }

    async fn delete(&self, ws: WorkspaceId, what: Delete<'_>) -> Result<bool, PgError> {
        let mut tx = self.tenants.begin(ws).await?;
        let n = match what {
            Delete::Record(slot) => sqlx::query(
                "DELETE FROM shopmcp.credential_records \
                     WHERE workspace_id = $1 AND platform = $2 AND slot = $3",
            )
            .bind(ws.as_uuid())
            .bind(slot.platform.as_str())
            .bind(&slot.name)
            .execute(tx.conn())
            .await?
            .rows_affected(),
            Delete::Dek(dek_id) => sqlx::query(
                "DELETE FROM shopmcp.wrapped_deks WHERE workspace_id = $1 AND dek_id = $2",
            )
            .bind(ws.as_uuid())
            .bind(dek_id.as_uuid())
            .execute(tx.conn())
            .await?
            .rows_affected(),
            Delete::Workspace => {
                let records =
                    sqlx::query("DELETE FROM shopmcp.credential_records WHERE workspace_id = $1")
                        .bind(ws.as_uuid())
                        .execute(tx.conn())
                        .await?
                        .rows_affected();
                let deks = sqlx::query("DELETE FROM shopmcp.wrapped_deks WHERE workspace_id = $1")
                    .bind(ws.as_uuid())
                    .execute(tx.conn())
                    .await?
                    .rows_affected();
                records + deks
            }
        };
        tx.commit().await?;
        Ok(n > 0)
    }
}

enum Delete<'a> {
    Record(&'a SlotKey),
    Dek(DekId),
    Workspace,
}

/// Joins record rows (one per field) back into records, keeping the query's order.
fn assemble(rows: Vec<RecordRow>) -> Result<Vec<CredentialRecord>, PgError> {
    let mut out: Vec<CredentialRecord> = Vec::new();
    for (platform_name, slot, record_id, kind, dek_id, updated, field, ciphertext) in rows {
        let slot = SlotKey {
            platform: platform(&platform_name)?,
            name: slot,
        };
        let same = out.last().is_some_and(|r| r.slot == slot);
        if !same {
            out.push(CredentialRecord {
                slot,
                record_id,
                kind,
                dek_id: DekId::from_uuid(dek_id),
                fields: BTreeMap::new(),
                updated_at: to_u64(updated, "updated_at")?,
            });
        }
        if let (Some(name), Some(ct), Some(record)) = (field, ciphertext, out.last_mut()) {
            record.fields.insert(name, Ciphertext(ct));
        }
    }
    Ok(out)
}

#[async_trait]
impl CredentialStore for PgCredentialStore {
    async fn put_record(
        &self,
        workspace: WorkspaceId,
        record: CredentialRecord,
    ) -> Result<(), StoreError> {
        Ok(self.put_record_inner(workspace, record).await?)
    }

    async fn get_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<Option<CredentialRecord>, StoreError> {
        Ok(self
            .records(workspace, Some(slot))
            .await?
            .into_iter()
            .next())
    }

    async fn delete_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<bool, StoreError> {
        Ok(self.delete(workspace, Delete::Record(slot)).await?)
    }

    async fn list_records(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<CredentialRecord>, StoreError> {
        Ok(self.records(workspace, None).await?)
    }

    async fn put_dek(
        &self,
        workspace: WorkspaceId,
        dek: WrappedDekRecord,
    ) -> Result<(), StoreError> {
        Ok(self.put_dek_inner(workspace, dek).await?)
    }

    async fn list_deks(&self, workspace: WorkspaceId) -> Result<Vec<WrappedDekRecord>, StoreError> {
        Ok(self.deks(workspace, None).await?)
    }

    async fn get_dek(
        &self,
        workspace: WorkspaceId,
        dek_id: DekId,
    ) -> Result<Option<WrappedDekRecord>, StoreError> {
        Ok(self.deks(workspace, Some(dek_id)).await?.into_iter().next())
    }

    async fn delete_dek(&self, workspace: WorkspaceId, dek_id: DekId) -> Result<bool, StoreError> {
        Ok(self.delete(workspace, Delete::Dek(dek_id)).await?)
    }

    /// Cross-tenant: runs on the admin pool (used by master-key re-wrapping).
    async fn list_workspaces(&self) -> Result<Vec<WorkspaceId>, StoreError> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT workspace_id FROM shopmcp.wrapped_deks \
             UNION SELECT workspace_id FROM shopmcp.credential_records ORDER BY 1",
        )
        .fetch_all(&self.admin)
        .await
        .map_err(PgError::from)?;
        Ok(ids.into_iter().map(WorkspaceId::from_uuid).collect())
    }

    async fn delete_workspace(&self, workspace: WorkspaceId) -> Result<bool, StoreError> {
        Ok(self.delete(workspace, Delete::Workspace).await?)
    }
}

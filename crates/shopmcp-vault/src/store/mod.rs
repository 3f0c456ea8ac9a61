//! Credential stores: where wrapped DEKs and encrypted credential records live.
//!
//! A store only ever sees ciphertext: SME1 field ciphertexts and wrapped DEKs. Embedded
//! implementations: [`FileVault`] (one private JSON file) and [`MemoryStore`] (tests).

mod document;
mod file;
mod memory;

use std::collections::BTreeMap;
use std::fmt;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use shopmcp_core::{CredentialSlot, Platform, WorkspaceId};
use uuid::Uuid;

pub use file::FileVault;
pub use memory::MemoryStore;

use crate::{DekId, WrappedKey};

/// A credential slot as stored: platform and an owned slot name.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct SlotKey {
    /// The platform.
    pub platform: Platform,
    /// The slot name, e.g. `admin`.
    pub name: String,
}

impl From<CredentialSlot> for SlotKey {
    fn from(slot: CredentialSlot) -> Self {
        Self {
            platform: slot.platform,
            name: slot.name.to_owned(),
        }
    }
}

impl fmt::Display for SlotKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.platform, self.name)
    }
}

/// The lifecycle state of a DEK.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DekState {
    /// New records are encrypted with it (at most one per workspace).
    Active,
    /// Being rotated out: decrypts, never encrypts. Retired (deleted) once no record uses it.
    DecryptOnly,
}

/// A workspace DEK as stored: wrapped only.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct WrappedDekRecord {
    /// Its id (also in every ciphertext header).
    pub dek_id: DekId,
    /// 1 for the first DEK of a workspace, +1 per rotation.
    pub version: u32,
    /// Active or decrypt-only.
    pub state: DekState,
    /// The wrapped key and the id of the master key that wrapped it.
    pub wrapped: WrappedKey,
    /// Creation time, seconds since the Unix epoch.
    pub created_at: u64,
}

/// An SME1 ciphertext (serialised as base64). `Debug` shows only its length.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ciphertext(#[serde(with = "crate::b64")] pub Vec<u8>);

impl fmt::Debug for Ciphertext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ciphertext({} bytes)", self.0.len())
    }
}

/// One stored credential: metadata in clear, every field value an SME1 ciphertext.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct CredentialRecord {
    /// Which slot of the workspace.
    pub slot: SlotKey,
    /// Random per write; bound into every field's ciphertext.
    pub record_id: Uuid,
    /// The credential kind (e.g. `access_token`).
    pub kind: String,
    /// The DEK every field is encrypted under.
    pub dek_id: DekId,
    /// Field name → ciphertext.
    pub fields: BTreeMap<String, Ciphertext>,
    /// Last write, seconds since the Unix epoch.
    pub updated_at: u64,
}

/// Why a store operation failed. Details are for operators (they may contain paths).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Reading or writing the backing storage failed.
    #[error("storage I/O: {0}")]
    Io(String),
    /// The stored data is not in the expected format.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// Another backend-specific failure.
    #[error("store backend: {0}")]
    Backend(String),
}

/// Storage for wrapped DEKs and encrypted credential records, partitioned by workspace.
///
/// Implementations never see plaintext. Writes replace by key: records by
/// (workspace, slot), DEKs by (workspace, DEK id).
#[async_trait]
pub trait CredentialStore: Send + Sync + fmt::Debug {
    /// Inserts or replaces the record of `record.slot`.
    async fn put_record(
        &self,
        workspace: WorkspaceId,
        record: CredentialRecord,
    ) -> Result<(), StoreError>;

    /// The record in `slot`, if any.
    async fn get_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<Option<CredentialRecord>, StoreError>;

    /// Deletes the record in `slot`; whether there was one.
    async fn delete_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<bool, StoreError>;

    /// Every record of `workspace`.
    async fn list_records(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<CredentialRecord>, StoreError>;

    /// Inserts or replaces a wrapped DEK.
    async fn put_dek(
        &self,
        workspace: WorkspaceId,
        dek: WrappedDekRecord,
    ) -> Result<(), StoreError>;

    /// Every wrapped DEK of `workspace`.
    async fn list_deks(&self, workspace: WorkspaceId) -> Result<Vec<WrappedDekRecord>, StoreError>;

    /// One wrapped DEK of `workspace`.
    async fn get_dek(
        &self,
        workspace: WorkspaceId,
        dek_id: DekId,
    ) -> Result<Option<WrappedDekRecord>, StoreError> {
        Ok(self
            .list_deks(workspace)
            .await?
            .into_iter()
            .find(|d| d.dek_id == dek_id))
    }

    /// Deletes a wrapped DEK (retirement, crypto-shredding); whether there was one.
    async fn delete_dek(&self, workspace: WorkspaceId, dek_id: DekId) -> Result<bool, StoreError>;

    /// Every workspace holding a record or a DEK.
    async fn list_workspaces(&self) -> Result<Vec<WorkspaceId>, StoreError>;

    /// Deletes every record and every wrapped DEK of `workspace` in one step; whether it held
    /// anything.
    async fn delete_workspace(&self, workspace: WorkspaceId) -> Result<bool, StoreError>;
}

//! [`MemoryStore`]: a [`CredentialStore`] in process memory (tests, benchmarks, ephemeral
//! servers). It holds only ciphertext, like every store.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use shopmcp_core::WorkspaceId;

use super::document::Document;
use super::{CredentialRecord, CredentialStore, SlotKey, StoreError, WrappedDekRecord};
use crate::DekId;

/// An in-memory store; clones share the same data.
///
/// ```
/// use shopmcp_vault::{CredentialStore, MemoryStore};
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let store = MemoryStore::new();
/// assert!(store.list_workspaces().await?.is_empty());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    doc: Arc<Mutex<Document>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Document> {
        self.doc.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl CredentialStore for MemoryStore {
    async fn put_record(
        &self,
        workspace: WorkspaceId,
        record: CredentialRecord,
    ) -> Result<(), StoreError> {
        self.lock().put_record(workspace, record);
        Ok(())
    }

    async fn get_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<Option<CredentialRecord>, StoreError> {
        Ok(self.lock().get_record(workspace, slot))
    }

    async fn delete_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<bool, StoreError> {
        Ok(self.lock().delete_record(workspace, slot))
    }

    async fn list_records(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<CredentialRecord>, StoreError> {
        Ok(self.lock().list_records(workspace))
    }

    async fn put_dek(
        &self,
        workspace: WorkspaceId,
        dek: WrappedDekRecord,
    ) -> Result<(), StoreError> {
        self.lock().put_dek(workspace, dek);
        Ok(())
    }

    async fn list_deks(&self, workspace: WorkspaceId) -> Result<Vec<WrappedDekRecord>, StoreError> {
        Ok(self.lock().list_deks(workspace))
    }

    async fn delete_dek(&self, workspace: WorkspaceId, dek_id: DekId) -> Result<bool, StoreError> {
        Ok(self.lock().delete_dek(workspace, dek_id))
    }

    async fn list_workspaces(&self) -> Result<Vec<WorkspaceId>, StoreError> {
        Ok(self.lock().list_workspaces())
    }

    async fn delete_workspace(&self, workspace: WorkspaceId) -> Result<bool, StoreError> {
        Ok(self.lock().delete_workspace(workspace))
    }
}

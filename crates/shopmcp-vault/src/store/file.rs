//! [`FileVault`]: the embedded [`CredentialStore`], one private JSON file.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use shopmcp_core::WorkspaceId;
use shopmcp_core::fs::{read_private, write_private_atomic};
use tokio::sync::Mutex;

use super::document::Document;
use super::{CredentialRecord, CredentialStore, SlotKey, StoreError, WrappedDekRecord};
use crate::DekId;

struct Inner {
    path: PathBuf,
    doc: Mutex<Document>,
}

/// A credential store in one JSON file (mode 0600; refused when group or others can access
/// it). It holds only wrapped DEKs and SME1 ciphertexts.
///
/// Every change rewrites the file through a temporary file, fsync, rename and a directory
/// fsync, so a crash at any point leaves the previous or the new content, never a mix.
/// Writers in one process are serialised, and a write runs to completion even if the
/// calling future is dropped. The file is read once at [`FileVault::open`]; one process
/// owns it (several processes must not share one vault file).
///
/// ```
/// use shopmcp_vault::{CredentialStore, FileVault};
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let vault = FileVault::open(dir.path().join("vault.json"))?;
/// assert!(vault.list_workspaces().await?.is_empty());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct FileVault {
    inner: Arc<Inner>,
}

impl FileVault {
    /// Opens the vault at `path`; a missing file is an empty vault, created on first write.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let path = path.into();
        let doc = match read_private(&path).map_err(|e| StoreError::Io(e.to_string()))? {
            Some(bytes) => Document::from_json(&bytes)?,
            None => Document::default(),
        };
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                doc: Mutex::new(doc),
            }),
        })
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    async fn read<T>(&self, f: impl FnOnce(&Document) -> T) -> T {
        f(&*self.inner.doc.lock().await)
    }

    /// Applies `f` to a copy of the document, persists the copy, then publishes it.
    async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Document) -> T + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        // A separate task: cancelling the caller cannot interrupt a write half-way.
        let task = tokio::spawn(async move {
            let mut current = inner.doc.lock().await;
            let mut next = current.clone();
            let out = f(&mut next);
            let bytes = next.to_json()?;
            let path = inner.path.clone();
            tokio::task::spawn_blocking(move || write_private_atomic(&path, &bytes))
                .await
                .map_err(|e| StoreError::Io(e.to_string()))?
                .map_err(|e| StoreError::Io(e.to_string()))?;
            *current = next;
            Ok(out)
        });
        task.await.map_err(|e| StoreError::Io(e.to_string()))?
    }
}

impl fmt::Debug for FileVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileVault")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl CredentialStore for FileVault {
    async fn put_record(
        &self,
        workspace: WorkspaceId,
        record: CredentialRecord,
    ) -> Result<(), StoreError> {
        self.write(move |d| d.put_record(workspace, record)).await
    }

    async fn get_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<Option<CredentialRecord>, StoreError> {
        Ok(self.read(|d| d.get_record(workspace, slot)).await)
    }

    async fn delete_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<bool, StoreError> {
        let slot = slot.clone();
        self.write(move |d| d.delete_record(workspace, &slot)).await
    }

    async fn list_records(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<CredentialRecord>, StoreError> {
        Ok(self.read(|d| d.list_records(workspace)).await)
    }

    async fn put_dek(
        &self,
        workspace: WorkspaceId,
        dek: WrappedDekRecord,
    ) -> Result<(), StoreError> {
        self.write(move |d| d.put_dek(workspace, dek)).await
    }

    async fn list_deks(&self, workspace: WorkspaceId) -> Result<Vec<WrappedDekRecord>, StoreError> {
        Ok(self.read(|d| d.list_deks(workspace)).await)
    }

    async fn delete_dek(&self, workspace: WorkspaceId, dek_id: DekId) -> Result<bool, StoreError> {
        self.write(move |d| d.delete_dek(workspace, dek_id)).await
    }

    async fn list_workspaces(&self) -> Result<Vec<WorkspaceId>, StoreError> {
        Ok(self.read(Document::list_workspaces).await)
    }

    async fn delete_workspace(&self, workspace: WorkspaceId) -> Result<bool, StoreError> {
        self.write(move |d| d.delete_workspace(workspace)).await
    }
}

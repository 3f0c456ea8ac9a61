//! DEK lifecycle: first DEK, lookup through the cache, master-key re-wrap, DEK rotation.

use std::collections::BTreeSet;
use std::sync::Arc;

use shopmcp_core::WorkspaceId;

use super::{EncryptedCredentialProvider, now_secs};
use crate::store::{CredentialStore, DekState, WrappedDekRecord};
use crate::{Dek, DekId, EncryptionContext, KeyWrapper, VaultError};

/// What [`EncryptedCredentialProvider::rewrap_all_deks`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RewrapReport {
    /// DEKs moved to the wrapper's default master key.
    pub rewrapped: usize,
    /// DEKs already under it.
    pub unchanged: usize,
}

/// What [`EncryptedCredentialProvider::rotate_workspace_dek`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DekRotation {
    /// The new active DEK.
    pub dek_id: DekId,
    /// Its version.
    pub version: u32,
    /// Records re-encrypted under it.
    pub reencrypted: usize,
    /// Old DEKs deleted after the re-encryption.
    pub retired: usize,
}

impl<S: CredentialStore, W: KeyWrapper> EncryptedCredentialProvider<S, W> {
    /// The plaintext DEK `dek_id` of `workspace`: from the cache, or unwrapped (with the
    /// workspace's encryption context) and cached. Fails with [`VaultError::UnknownDek`] when
    /// the workspace holds no such DEK.
    pub(super) async fn dek_for(
        &self,
        workspace: WorkspaceId,
        dek_id: DekId,
    ) -> Result<Arc<Dek>, VaultError> {
        if let Some(dek) = self.cache.get(workspace, dek_id) {
            return Ok(dek);
        }
        let record = self
            .store
            .get_dek(workspace, dek_id)
            .await?
            .ok_or(VaultError::UnknownDek { dek_id })?;
        let context = EncryptionContext::for_workspace_dek(workspace, dek_id);
        let key = self.wrapper.unwrap(&record.wrapped, &context).await?;
        Ok(self
            .cache
            .insert(workspace, Dek::new(dek_id, record.version, key)))
    }

    /// The active DEK, created when the workspace has none. Caller holds `key_ops`.
    pub(super) async fn active_dek(&self, workspace: WorkspaceId) -> Result<Arc<Dek>, VaultError> {
        let deks = self.store.list_deks(workspace).await?;
        match deks.iter().find(|d| d.state == DekState::Active) {
            Some(active) => self.dek_for(workspace, active.dek_id).await,
            None => {
                let version = deks.iter().map(|d| d.version).max().unwrap_or(0) + 1;
                self.create_dek(workspace, version).await
            }
        }
    }

    async fn create_dek(
        &self,
        workspace: WorkspaceId,
        version: u32,
    ) -> Result<Arc<Dek>, VaultError> {
        let dek_id = DekId::random();
        let context = EncryptionContext::for_workspace_dek(workspace, dek_id);
        let data_key = self.wrapper.generate_data_key(None, &context).await?;
        let record = WrappedDekRecord {
            dek_id,
            version,
            state: DekState::Active,
            wrapped: data_key.wrapped,
            created_at: now_secs(),
        };
        self.store.put_dek(workspace, record).await?;
        tracing::info!(%workspace, %dek_id, version, "created workspace data key");
        Ok(self
            .cache
            .insert(workspace, Dek::new(dek_id, version, data_key.plaintext)))
    }

    /// Re-wraps every DEK of every workspace that is not under the wrapper's default master
    /// key (master-key rotation). Ciphertexts are not touched: the DEKs do not change.
    ///
    /// To rotate a local master key, build the provider with
    /// `LocalKeyWrapper::open_or_create(new)?.with_previous_key_file(old)?`, call this, and
    /// keep the old file until it returns.
    pub async fn rewrap_all_deks(&self) -> Result<RewrapReport, VaultError> {
        let _guard = self.key_ops.lock().await;
        let target = self.wrapper.default_key_id().clone();
        let mut report = RewrapReport::default();
        for workspace in self.store.list_workspaces().await? {
            for mut dek in self.store.list_deks(workspace).await? {
                if dek.wrapped.key_id == target {
                    report.unchanged += 1;
                    continue;
                }
                let context = EncryptionContext::for_workspace_dek(workspace, dek.dek_id);
                dek.wrapped = self.wrapper.rewrap(&dek.wrapped, None, &context).await?;
                self.store.put_dek(workspace, dek).await?;
                report.rewrapped += 1;
            }
        }
        Ok(report)
    }

    /// Rotates the workspace's DEK: a new active version; the old one becomes decrypt-only;
    /// every record is re-encrypted under the new one; then DEKs no record uses are retired
    /// (deleted and dropped from the cache). Safe to run again after an interruption.
    pub async fn rotate_workspace_dek(
        &self,
        workspace: WorkspaceId,
    ) -> Result<DekRotation, VaultError> {
        let _guard = self.key_ops.lock().await;
        let deks = self.store.list_deks(workspace).await?;
        for dek in &deks {
            if dek.state == DekState::Active {
                let mut old = dek.clone();
                old.state = DekState::DecryptOnly;
                self.store.put_dek(workspace, old).await?;
            }
        }
        let version = deks.iter().map(|d| d.version).max().unwrap_or(0) + 1;
        let new = self.create_dek(workspace, version).await?;
        let mut reencrypted = 0;
        for record in self.store.list_records(workspace).await? {
            if record.dek_id == new.id() {
                continue;
            }
            let old = self.dek_for(workspace, record.dek_id).await?;
            let set = self.decrypt_record(workspace, &old, &record)?;
            let mut fresh = record;
            fresh.dek_id = new.id();
            super::seal_fields(workspace, &new, &mut fresh, &set)?;
            self.store.put_record(workspace, fresh).await?;
            reencrypted += 1;
        }
        let retired = self.retire_unused(workspace).await?;
        Ok(DekRotation {
            dek_id: new.id(),
            version,
            reencrypted,
            retired,
        })
    }

    async fn retire_unused(&self, workspace: WorkspaceId) -> Result<usize, VaultError> {
        let in_use: BTreeSet<DekId> = self
            .store
            .list_records(workspace)
            .await?
            .iter()
            .map(|r| r.dek_id)
            .collect();
        let mut retired = 0;
        for dek in self.store.list_deks(workspace).await? {
            if dek.state == DekState::DecryptOnly && !in_use.contains(&dek.dek_id) {
                self.store.delete_dek(workspace, dek.dek_id).await?;
                self.cache.invalidate(workspace, dek.dek_id);
                tracing::info!(%workspace, dek_id = %dek.dek_id, version = dek.version, "retired data key");
                retired += 1;
            }
        }
        Ok(retired)
    }
}

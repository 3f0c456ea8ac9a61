//! [`EncryptedCredentialProvider`]: core's `CredentialProvider` over any store and any key
//! wrapper.

mod export;
mod keys;

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use shopmcp_core::secret::SecretString;
use shopmcp_core::{
    CredentialProvider, CredentialSet, CredentialSlot, ToolError, WorkspaceId, missing_credential,
};
use tokio::sync::Mutex;
use uuid::Uuid;

pub use export::{
    ErasureReport, ExportedCredential, ExportedDek, ExportedField, ExportedSecret,
    SecretDisclosure, WorkspaceExport,
};
pub use keys::{DekRotation, RewrapReport};

use crate::names::check_name;
use crate::sme1;
use crate::store::{Ciphertext, CredentialRecord, CredentialStore, SlotKey};
use crate::{CacheConfig, Dek, DekCache, KeyWrapper, RecordContext, VaultError};

/// The record kind bound into every field ciphertext: `credential:{platform}.{slot}:{kind}`.
fn record_kind(slot: &SlotKey, kind: &str) -> String {
    format!("credential:{slot}:{kind}")
}

/// The context of `record`'s fields; [`RecordContext::set_field`] picks the field.
fn record_context(ws: WorkspaceId, record: &CredentialRecord) -> RecordContext {
    RecordContext::new(
        ws,
        record_kind(&record.slot, &record.kind),
        record.record_id.to_string(),
        "",
    )
}

/// Encrypts every field of `set` into `record.fields` (replacing them) under `dek`.
fn seal_fields(
    workspace: WorkspaceId,
    dek: &Dek,
    record: &mut CredentialRecord,
    set: &CredentialSet,
) -> Result<(), VaultError> {
    record.fields.clear();
    let mut context = record_context(workspace, record);
    for name in set.field_names() {
        let value = set.expose(name).unwrap_or("");
        context.set_field(name);
        let ct = sme1::seal(dek, &context, value.as_bytes()).map_err(VaultError::Encrypt)?;
        record.fields.insert(name.to_owned(), Ciphertext(ct));
    }
    Ok(())
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Encrypted credentials for many workspaces: one DEK per workspace (wrapped by a
/// [`KeyWrapper`], stored in a [`CredentialStore`]), every field an SME1 ciphertext bound to
/// its workspace, slot, kind, record and field, and plaintext DEKs only in a [`DekCache`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shopmcp_core::{CredentialProvider, CredentialSet, CredentialSlot, Platform, WorkspaceId};
/// use shopmcp_vault::{EncryptedCredentialProvider, FileVault, LocalKeyWrapper};
///
/// let dir = tempfile::tempdir()?;
/// let provider = EncryptedCredentialProvider::new(
///     FileVault::open(dir.path().join("vault.json"))?,
///     LocalKeyWrapper::open_or_create(dir.path().join("master.key"))?,
/// )?;
/// let ws = WorkspaceId::random();
/// let slot = CredentialSlot::new(Platform::Shopify, "admin");
/// provider
///     .put_credential(ws, slot, &CredentialSet::new("access_token").with_field("token", "shpat_x"))
///     .await?;
/// let set = provider.credential(ws, slot).await?;
/// assert_eq!(set.expose("token"), Some("shpat_x"));
/// # Ok(()) }
/// ```
pub struct EncryptedCredentialProvider<S, W> {
    store: S,
    wrapper: W,
    cache: DekCache,
    /// Serialises writes and key management (first DEK, rotation, retirement, erasure).
    key_ops: Mutex<()>,
}

impl<S: CredentialStore, W: KeyWrapper> EncryptedCredentialProvider<S, W> {
    /// A provider with the default DEK cache (60 s, swept every 5 s). Call inside a Tokio
    /// runtime: the cache sweeper is a task.
    pub fn new(store: S, wrapper: W) -> Result<Self, VaultError> {
        Self::with_cache_config(store, wrapper, CacheConfig::default())
    }

    /// A provider with a custom DEK cache configuration.
    pub fn with_cache_config(
        store: S,
        wrapper: W,
        config: CacheConfig,
    ) -> Result<Self, VaultError> {
        Ok(Self {
            store,
            wrapper,
            cache: DekCache::start(config)?,
            key_ops: Mutex::new(()),
        })
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The key wrapper.
    pub fn wrapper(&self) -> &W {
        &self.wrapper
    }

    /// The DEK cache.
    pub fn cache(&self) -> &DekCache {
        &self.cache
    }

    /// Encrypts and stores `set` in `slot` of `workspace`, replacing what was there. Creates
    /// the workspace's DEK on its first credential.
    pub async fn put_credential(
        &self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
        set: &CredentialSet,
    ) -> Result<(), VaultError> {
        let slot = SlotKey::from(slot);
        check_name("slot", &slot.name)?;
        check_name("kind", set.kind())?;
        if set.field_names().next().is_none() {
            return Err(VaultError::EmptyCredential);
        }
        for name in set.field_names() {
            check_name("field", name)?;
        }
        let _guard = self.key_ops.lock().await;
        let dek = self.active_dek(workspace).await?;
        let mut record = CredentialRecord {
            slot,
            record_id: Uuid::new_v4(),
            kind: set.kind().to_owned(),
            dek_id: dek.id(),
            fields: Default::default(),
            updated_at: now_secs(),
        };
        seal_fields(workspace, &dek, &mut record, set)?;
        self.store.put_record(workspace, record).await?;
        Ok(())
    }

    /// Decrypts the credential in `slot`; `Ok(None)` when none is stored.
    pub async fn get_credential(
        &self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
    ) -> Result<Option<CredentialSet>, VaultError> {
        let slot = SlotKey::from(slot);
        let Some(record) = self.store.get_record(workspace, &slot).await? else {
            return Ok(None);
        };
        let dek = self.dek_for(workspace, record.dek_id).await?;
        self.decrypt_record(workspace, &dek, &record).map(Some)
    }

    /// Deletes the credential in `slot`; whether there was one.
    pub async fn delete_credential(
        &self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
    ) -> Result<bool, VaultError> {
        let _guard = self.key_ops.lock().await;
        Ok(self.store.delete_record(workspace, &slot.into()).await?)
    }

    /// Drops the workspace's plaintext DEKs from the cache at once (e.g. its access was
    /// revoked). Later reads unwrap again through the key wrapper. Returns how many.
    pub fn revoke_cached_keys(&self, workspace: WorkspaceId) -> usize {
        self.cache.invalidate_workspace(workspace)
    }

    fn decrypt_record(
        &self,
        workspace: WorkspaceId,
        dek: &Dek,
        record: &CredentialRecord,
    ) -> Result<CredentialSet, VaultError> {
        let mut set = CredentialSet::new(record.kind.clone());
        let mut context = record_context(workspace, record);
        for (name, ct) in &record.fields {
            context.set_field(name);
            let mut plaintext =
                sme1::open(dek, &context, &ct.0).map_err(|source| VaultError::Ciphertext {
                    slot: record.slot.clone(),
                    field: name.clone(),
                    source,
                })?;
            let text = String::from_utf8(std::mem::take(&mut *plaintext)).map_err(|e| {
                drop(zeroize::Zeroizing::new(e.into_bytes()));
                VaultError::NotUtf8 {
                    slot: record.slot.clone(),
                }
            })?;
            set.insert(name.clone(), SecretString::from(text));
        }
        Ok(set)
    }
}

#[async_trait]
impl<S: CredentialStore, W: KeyWrapper> CredentialProvider for EncryptedCredentialProvider<S, W> {
    async fn credential(
        &self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
    ) -> Result<Arc<CredentialSet>, ToolError> {
        match self.get_credential(workspace, slot).await {
            Ok(Some(set)) => Ok(Arc::new(set)),
            Ok(None) => Err(missing_credential(slot)),
            Err(e) => {
                tracing::warn!(%workspace, %slot, error = %e, "credential could not be read");
                Err(e.into())
            }
        }
    }
}

impl<S: fmt::Debug, W: fmt::Debug> fmt::Debug for EncryptedCredentialProvider<S, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptedCredentialProvider")
            .field("store", &self.store)
            .field("wrapper", &self.wrapper)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

//! Erasure (crypto-shredding) and export of everything held for a workspace.

use std::fmt;

use serde::{Serialize, Serializer};
use shopmcp_core::WorkspaceId;
use shopmcp_core::secret::{ExposeSecret, SecretString};
use uuid::Uuid;

use super::EncryptedCredentialProvider;
use crate::store::{CredentialStore, DekState, SlotKey};
use crate::{DekId, KeyId, KeyWrapper, VaultError};

/// What [`EncryptedCredentialProvider::erase_workspace`] removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ErasureReport {
    /// Credential records deleted.
    pub records: usize,
    /// Wrapped DEKs deleted (crypto-shredding).
    pub deks: usize,
    /// Plaintext DEKs dropped from the cache.
    pub cached_deks: usize,
}

/// Whether an export carries secret values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SecretDisclosure {
    /// Field names and kinds only (the default).
    #[default]
    NamesOnly,
    /// Also the plaintext values. Only for a caller exporting its own workspace's data.
    Plaintext,
}

/// A secret value inside an export: serialised as plaintext, `Debug` redacted.
pub struct ExportedSecret(SecretString);

impl Serialize for ExportedSecret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose_secret())
    }
}

impl fmt::Debug for ExportedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// One field of an exported credential.
#[derive(Debug, Serialize)]
pub struct ExportedField {
    /// The field name.
    pub name: String,
    /// Size of its stored ciphertext.
    pub ciphertext_len: usize,
    /// Its value, with [`SecretDisclosure::Plaintext`] only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ExportedSecret>,
}

/// One exported credential.
#[derive(Debug, Serialize)]
pub struct ExportedCredential {
    /// The slot (`shopify.admin`).
    pub slot: String,
    /// The credential kind.
    pub kind: String,
    /// The record id.
    pub record_id: Uuid,
    /// The DEK its fields are encrypted under.
    pub dek_id: DekId,
    /// Last write, seconds since the Unix epoch.
    pub updated_at: u64,
    /// Its fields.
    pub fields: Vec<ExportedField>,
}

/// One exported DEK (metadata only, never key material).
#[derive(Debug, Serialize)]
pub struct ExportedDek {
    /// Its id.
    pub dek_id: DekId,
    /// Its version.
    pub version: u32,
    /// Its state.
    pub state: DekState,
    /// The master key that wraps it.
    pub wrapping_key_id: KeyId,
    /// Creation time, seconds since the Unix epoch.
    pub created_at: u64,
}

/// Everything held for one workspace.
#[derive(Debug, Serialize)]
pub struct WorkspaceExport {
    /// The workspace.
    pub workspace: WorkspaceId,
    /// Its data keys.
    pub data_keys: Vec<ExportedDek>,
    /// Its credentials.
    pub credentials: Vec<ExportedCredential>,
}

impl WorkspaceExport {
    /// The export as pretty JSON. With [`SecretDisclosure::Plaintext`] the text contains
    /// secrets: hand it only to the workspace's owner.
    pub fn to_json(&self) -> Result<String, VaultError> {
        serde_json::to_string_pretty(self)
            .map_err(|e| VaultError::Store(crate::StoreError::Corrupt(e.to_string())))
    }
}

impl<S: CredentialStore, W: KeyWrapper> EncryptedCredentialProvider<S, W> {
    /// Erases a workspace: deletes its records and its wrapped DEKs (crypto-shredding: any
    /// copy of its ciphertexts, e.g. in a backup, can no longer be decrypted once the wrapped
    /// DEKs are gone everywhere) and drops its DEKs from the cache at once.
    pub async fn erase_workspace(
        &self,
        workspace: WorkspaceId,
    ) -> Result<ErasureReport, VaultError> {
        let _guard = self.key_ops.lock().await;
        let records = self.store.list_records(workspace).await?.len();
        let deks = self.store.list_deks(workspace).await?.len();
        let mut cached_deks = self.cache.invalidate_workspace(workspace);
        self.store.delete_workspace(workspace).await?;
        cached_deks += self.cache.invalidate_workspace(workspace);
        tracing::info!(%workspace, records, deks, "erased workspace credentials");
        Ok(ErasureReport {
            records,
            deks,
            cached_deks,
        })
    }

    /// Everything held for `workspace`: DEK metadata and credentials listed by slot, kind and
    /// field name; secret values only with [`SecretDisclosure::Plaintext`].
    pub async fn export_workspace(
        &self,
        workspace: WorkspaceId,
        disclosure: SecretDisclosure,
    ) -> Result<WorkspaceExport, VaultError> {
        let data_keys = self
            .store
            .list_deks(workspace)
            .await?
            .into_iter()
            .map(|d| ExportedDek {
                dek_id: d.dek_id,
                version: d.version,
                state: d.state,
                wrapping_key_id: d.wrapped.key_id,
                created_at: d.created_at,
            })
            .collect();
        let mut credentials = Vec::new();
        for record in self.store.list_records(workspace).await? {
            let plain = match disclosure {
                SecretDisclosure::NamesOnly => None,
                SecretDisclosure::Plaintext => {
                    let dek = self.dek_for(workspace, record.dek_id).await?;
                    Some(self.decrypt_record(workspace, &dek, &record)?)
                }
            };
            let fields = record
                .fields
                .iter()
                .map(|(name, ct)| ExportedField {
                    name: name.clone(),
                    ciphertext_len: ct.0.len(),
                    value: plain
                        .as_ref()
                        .and_then(|set| set.get(name).cloned())
                        .map(ExportedSecret),
                })
                .collect();
            credentials.push(ExportedCredential {
                slot: SlotKey::to_string(&record.slot),
                kind: record.kind,
                record_id: record.record_id,
                dek_id: record.dek_id,
                updated_at: record.updated_at,
                fields,
            });
        }
        Ok(WorkspaceExport {
            workspace,
            data_keys,
            credentials,
        })
    }
}

//! # shopmcp-vault
//!
//! Envelope encryption for the credentials a merchant gives a shopmcp server (Shopify tokens,
//! Magento integration tokens, Neto API keys, BigCommerce tokens). A dump of the store alone
//! is useless: every credential field is encrypted with its workspace's data encryption key
//! (DEK), and DEKs are stored only wrapped by a master key.
//!
//! ```text
//! master key ──(KeyWrapper: LocalKeyWrapper, later AWS KMS)──▶ wrapped DEK per workspace
//!   DEK ──HKDF-SHA256 per message──▶ AES-256-GCM key + key commitment ──▶ SME1 ciphertext
//! ```
//!
//! - [`KeyWrapper`]: wrap / unwrap / re-wrap a DEK under a master key with an
//!   [`EncryptionContext`] (workspace id, purpose, DEK id; no PII). [`LocalKeyWrapper`] is the
//!   embedded default: a 0600 master key file.
//! - [`sme1`]: the versioned, authenticated, key-committing ciphertext format (see its table
//!   and `FORMAT.md`), bound to a [`RecordContext`] (workspace, record kind, record id, field).
//! - [`DekCache`]: plaintext DEKs for at most 60 s from insertion, swept (and so zeroized) by a
//!   background task every ≤ 5 s, optional use limit, immediate invalidation.
//! - [`CredentialStore`]: wrapped DEKs and encrypted records; [`FileVault`] (one private JSON
//!   file, atomic replace) and [`MemoryStore`].
//! - [`EncryptedCredentialProvider`]: core's [`CredentialProvider`](shopmcp_core::CredentialProvider)
//!   over any store and wrapper, plus rotation, erasure and export.
//!
//! ## Ciphertext format (SME1)
//!
//! | offset | length | field |
//! |---|---|---|
//! | 0 | 3 | magic `SME` |
//! | 3 | 1 | version `0x01` |
//! | 4 | 2 | algorithm `0x0001`: AES-256-GCM, HKDF-SHA256 per-message key, 32-byte commitment |
//! | 6 | 16 | DEK id |
//! | 22 | 32 | message id / HKDF salt |
//! | 54 | 32 | key commitment |
//! | 86 | 12 | nonce |
//! | 98 | n + 16 | ciphertext ‖ tag |
//!
//! Details (derivation, AAD, check order) are in [`sme1`].
//!
//! ## Example
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use shopmcp_core::{CredentialProvider, CredentialSet, CredentialSlot, Platform, WorkspaceId};
//! use shopmcp_vault::{EncryptedCredentialProvider, FileVault, LocalKeyWrapper, SecretDisclosure};
//!
//! let dir = tempfile::tempdir()?;
//! let provider = EncryptedCredentialProvider::new(
//!     FileVault::open(dir.path().join("vault.json"))?,
//!     LocalKeyWrapper::open_or_create(dir.path().join("master.key"))?,
//! )?;
//! let ws = WorkspaceId::random();
//! let slot = CredentialSlot::new(Platform::Magento, "admin");
//! let set = CredentialSet::new("integration_token").with_field("token", "mag-secret");
//! provider.put_credential(ws, slot, &set).await?;
//! assert_eq!(provider.credential(ws, slot).await?.expose("token"), Some("mag-secret"));
//!
//! provider.rotate_workspace_dek(ws).await?;
//! let export = provider.export_workspace(ws, SecretDisclosure::NamesOnly).await?.to_json()?;
//! assert!(export.contains("integration_token") && !export.contains("mag-secret"));
//!
//! provider.erase_workspace(ws).await?;
//! assert!(provider.credential(ws, slot).await.is_err());
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod b64;
mod cache;
mod context;
mod dek;
mod error;
mod forward;
#[doc(hidden)]
pub mod fuzzing;
mod names;
mod provider;
pub mod sme1;
mod store;
mod wrapper;

pub use cache::{CacheConfig, DekCache, MAX_SWEEP_INTERVAL};
pub use context::{EncryptionContext, RecordContext};
pub use dek::{Dek, DekId, KEY_LEN, KeyBytes};
pub use error::{BackendError, VaultError};
pub use names::{MAX_NAME_LEN, is_valid_name};
pub use provider::{
    DekRotation, EncryptedCredentialProvider, ErasureReport, ExportedCredential, ExportedDek,
    ExportedField, ExportedSecret, RewrapReport, SecretDisclosure, WorkspaceExport,
};
pub use sme1::Sme1Error;
pub use store::{
    Ciphertext, CredentialRecord, CredentialStore, DekState, FileVault, MemoryStore, SlotKey,
    StoreError, WrappedDekRecord,
};
pub use wrapper::{DataKey, KeyId, KeyWrapper, LocalKeyWrapper, WrapError, WrappedKey};

//! Key wrappers: protect data encryption keys under a master key.
//!
//! The [`KeyWrapper`] trait has the shape of a KMS: every call passes an
//! [`EncryptionContext`], wrapped keys carry the id of the master key that wrapped them, and
//! re-wrapping moves a DEK to another master key without exposing it to the caller
//! (AWS KMS `ReEncrypt`). [`LocalKeyWrapper`] is the embedded default: a master key file.

mod keyfile;
mod local;

use std::fmt;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use local::LocalKeyWrapper;

use crate::{BackendError, EncryptionContext, KeyBytes};

/// The id of a master key, e.g. `local:3f9a…` or a KMS key ARN. Stored beside every wrapped
/// DEK; never secret.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyId(String);

impl KeyId {
    /// A key id.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A DEK wrapped under a master key: the master key's id and the opaque wrapped blob.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    /// The master key that wrapped it.
    pub key_id: KeyId,
    /// The wrapper-specific ciphertext of the DEK.
    #[serde(with = "crate::b64")]
    pub blob: Vec<u8>,
}

impl fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WrappedKey")
            .field("key_id", &self.key_id)
            .field("blob_len", &self.blob.len())
            .finish()
    }
}

/// A new data key: its plaintext (zeroizing) and its wrapped form (KMS `GenerateDataKey`).
#[derive(Debug)]
pub struct DataKey {
    /// The plaintext key; keep it in memory only.
    pub plaintext: KeyBytes,
    /// What to store.
    pub wrapped: WrappedKey,
}

/// Why a key wrapper failed. Messages may name key ids and (for key files) paths: they are
/// for operators; the model sees only a generic message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WrapError {
    /// This wrapper does not hold the master key the blob names.
    #[error("master key {0} is not available to this key wrapper")]
    UnknownKey(KeyId),
    /// Unwrapping failed authentication: wrong encryption context, wrong key or a tampered blob.
    #[error("wrapped key rejected: wrong encryption context, wrong master key or tampered blob")]
    Rejected,
    /// The blob is not in the wrapper's format.
    #[error("wrapped key is malformed")]
    Malformed,
    /// The master key file is missing, unreadable, malformed or too open.
    #[error("master key file: {detail}")]
    KeyFile {
        /// What is wrong (may contain the file path).
        detail: String,
    },
    /// The backend (e.g. a KMS) failed or refused.
    #[error("key backend: {0}")]
    Backend(String),
}

impl From<BackendError> for WrapError {
    fn from(e: BackendError) -> Self {
        Self::Backend(e.to_string())
    }
}

/// Wraps and unwraps data encryption keys under master keys.
///
/// Object safe (`Box<dyn KeyWrapper>` works). Implementations must bind `context` so that
/// unwrapping with any other context fails, and must use the key id stored in the
/// [`WrappedKey`] when unwrapping (KMS: always pass `KeyId` on `Decrypt`).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shopmcp_core::WorkspaceId;
/// use shopmcp_vault::{DekId, EncryptionContext, KeyBytes, KeyWrapper, LocalKeyWrapper};
/// let wrapper = LocalKeyWrapper::from_key(&KeyBytes::generate()?)?;
/// let ctx = EncryptionContext::for_workspace_dek(WorkspaceId::random(), DekId::random());
/// let data_key = wrapper.generate_data_key(None, &ctx).await?;
/// let again = wrapper.unwrap(&data_key.wrapped, &ctx).await?;
/// assert_eq!(again.expose(), data_key.plaintext.expose());
/// # Ok(()) }
/// ```
#[async_trait]
pub trait KeyWrapper: Send + Sync + fmt::Debug {
    /// The master key new DEKs are wrapped under when no key id is given.
    fn default_key_id(&self) -> &KeyId;

    /// Wraps `plaintext` under `key_id` (or the default key) with `context`.
    async fn wrap(
        &self,
        key_id: Option<&KeyId>,
        plaintext: &KeyBytes,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError>;

    /// Unwraps a DEK; fails unless `context` equals the one used to wrap it.
    async fn unwrap(
        &self,
        wrapped: &WrappedKey,
        context: &EncryptionContext,
    ) -> Result<KeyBytes, WrapError>;

    /// Generates a random DEK and wraps it (KMS `GenerateDataKey`).
    async fn generate_data_key(
        &self,
        key_id: Option<&KeyId>,
        context: &EncryptionContext,
    ) -> Result<DataKey, WrapError> {
        let plaintext = KeyBytes::generate()?;
        let wrapped = self.wrap(key_id, &plaintext, context).await?;
        Ok(DataKey { plaintext, wrapped })
    }

    /// Re-wraps a DEK under `destination` (or the default key), same context (KMS
    /// `ReEncrypt`). The DEK itself, and so every ciphertext made with it, is unchanged.
    async fn rewrap(
        &self,
        wrapped: &WrappedKey,
        destination: Option<&KeyId>,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError> {
        let plaintext = self.unwrap(wrapped, context).await?;
        self.wrap(destination, &plaintext, context).await
    }
}

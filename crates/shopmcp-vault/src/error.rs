//! The provider-level error, and its mapping to core's model-safe [`ToolError`].

use shopmcp_core::{ErrorKind, ToolError};

use crate::sme1::Sme1Error;
use crate::store::StoreError;
use crate::wrapper::WrapError;
use crate::{DekId, SlotKey};

/// The cryptographic backend failed (e.g. the system random generator was unavailable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the cryptographic backend failed")]
pub struct BackendError;

/// Why an [`EncryptedCredentialProvider`](crate::EncryptedCredentialProvider) operation failed.
///
/// The `Display` text is for operators (it may name slots, fields and key ids, never secret
/// values). Converted into a [`ToolError`], only a fixed model-safe message is shown to the
/// model and this text becomes the operator detail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// A slot, field or kind name breaks the naming rule.
    #[error("invalid {what} `{value}`: use 1-64 characters from A-Z a-z 0-9 _ - .")]
    InvalidName {
        /// Which name (`slot`, `field`, `kind`).
        what: &'static str,
        /// The offending name (names are not secret).
        value: String,
    },
    /// A credential must hold at least one field.
    #[error("a credential must have at least one field")]
    EmptyCredential,
    /// A stored ciphertext was rejected.
    #[error("ciphertext of {slot} field `{field}` rejected: {source}")]
    Ciphertext {
        /// The slot.
        slot: SlotKey,
        /// The field.
        field: String,
        /// Why.
        #[source]
        source: Sme1Error,
    },
    /// Encrypting a field failed.
    #[error("encrypting a field failed: {0}")]
    Encrypt(#[source] Sme1Error),
    /// The data key a record needs is not held for this workspace (erased, retired, or the
    /// record was copied from another workspace).
    #[error("data key {dek_id} is not held for this workspace")]
    UnknownDek {
        /// The key the record names.
        dek_id: DekId,
    },
    /// A decrypted field is not UTF-8 text.
    #[error("a decrypted field of {slot} is not UTF-8")]
    NotUtf8 {
        /// The slot.
        slot: SlotKey,
    },
    /// The key wrapper failed.
    #[error("key wrapper: {0}")]
    Wrap(#[from] WrapError),
    /// The credential store failed.
    #[error("credential store: {0}")]
    Store(#[from] StoreError),
    /// The DEK cache sweeper needs a Tokio runtime; construct the provider inside one.
    #[error("no Tokio runtime: the DEK cache sweeper needs one")]
    NoRuntime,
    /// The cryptographic backend failed.
    #[error(transparent)]
    Backend(#[from] BackendError),
}

impl From<VaultError> for ToolError {
    fn from(err: VaultError) -> Self {
        let message = match &err {
            VaultError::InvalidName { .. } | VaultError::EmptyCredential => {
                "the credential is not in a supported shape"
            }
            _ => {
                "the stored credential could not be read; reconnect the store or ask the operator to check the credential vault"
            }
        };
        ToolError::new(ErrorKind::Credentials, message).with_detail(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_error_hides_detail_from_the_model() {
        let err = VaultError::Wrap(WrapError::KeyFile {
            detail: "/secret/place/master.key is accessible by group".into(),
        });
        let tool: ToolError = err.into();
        assert_eq!(tool.kind(), ErrorKind::Credentials);
        assert!(!tool.model_message().contains("/secret/place"));
        assert!(tool.log_detail().contains("master.key"));
    }
}

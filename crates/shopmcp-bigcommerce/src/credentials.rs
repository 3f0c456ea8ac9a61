//! The typed BigCommerce credential, parsed from the per-call [`CredentialSet`].
//!
//! Slot [`SLOT_ADMIN`](crate::SLOT_ADMIN) (`bigcommerce.admin`) holds a store-level API account
//! token:
//!
//! | kind | field | sent as |
//! |---|---|---|
//! | `access_token` | `token` | `X-Auth-Token` header |

use std::fmt;

use secrecy::SecretString;
use shopmcp_core::{CredentialSet, ErrorKind, ToolCall, ToolError};

/// The credential kind this crate accepts.
pub const KIND_ACCESS_TOKEN: &str = "access_token";

/// The field that holds the API account's access token.
pub const FIELD_TOKEN: &str = "token";

/// A BigCommerce API account access token, for one call.
///
/// `Debug` never shows the token:
///
/// ```
/// use shopmcp_bigcommerce::BigCommerceCredentials;
/// use shopmcp_core::CredentialSet;
/// let set = CredentialSet::new("access_token").with_field("token", "tok-secret-123");
/// let creds = BigCommerceCredentials::from_set(&set).unwrap();
/// assert!(!format!("{creds:?}").contains("tok-secret-123"));
/// ```
#[derive(Clone)]
pub struct BigCommerceCredentials {
    token: SecretString,
}

impl BigCommerceCredentials {
    /// Wraps a token.
    pub fn new(token: SecretString) -> Self {
        Self { token }
    }

    /// Reads an `access_token` credential with a `token` field.
    ///
    /// Errors are [`ErrorKind::Credentials`] naming the expected kind or field, never a value.
    pub fn from_set(set: &CredentialSet) -> Result<Self, ToolError> {
        if set.kind() != KIND_ACCESS_TOKEN {
            return Err(ToolError::new(
                ErrorKind::Credentials,
                format!(
                    "the stored BigCommerce credential must be of kind `{KIND_ACCESS_TOKEN}`; reconnect the store with an API account token"
                ),
            ));
        }
        let token = set.get(FIELD_TOKEN).cloned().ok_or_else(|| {
            ToolError::new(
                ErrorKind::Credentials,
                format!("the stored credential has no `{FIELD_TOKEN}` field; reconnect the store"),
            )
        })?;
        Ok(Self { token })
    }

    /// The credential of a tool call.
    pub(crate) fn from_call(call: &ToolCall<'_>) -> Result<Self, ToolError> {
        Self::from_set(call.credential()?)
    }

    pub(crate) fn token(&self) -> &SecretString {
        &self.token
    }
}

impl fmt::Debug for BigCommerceCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BigCommerceCredentials")
            .field("token", &"[REDACTED]")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_kind_or_missing_field_names_no_value() {
        let set = CredentialSet::new("oauth1").with_field("token", "SECRET-VALUE");
        let err = BigCommerceCredentials::from_set(&set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(!err.log_detail().contains("SECRET-VALUE"));
        let set = CredentialSet::new("access_token").with_field("client_id", "SECRET-VALUE");
        let err = BigCommerceCredentials::from_set(&set).unwrap_err();
        assert!(err.model_message().contains("`token`"));
        assert!(!err.log_detail().contains("SECRET-VALUE"));
    }

    #[test]
    fn debug_is_redacted() {
        let creds = BigCommerceCredentials::new(SecretString::from("tok-MARKER"));
        let shown = format!("{creds:?}");
        assert!(!shown.contains("MARKER"), "{shown}");
        assert!(shown.contains("REDACTED"));
    }
}

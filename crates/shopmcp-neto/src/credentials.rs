//! [`NetoCredentials`]: the API key (and staff username) of one call, from its
//! [`CredentialSet`].
//!
//! | slot | kind | fields |
//! |---|---|---|
//! | `neto.admin` ([`SLOT_ADMIN`](crate::SLOT_ADMIN)) | `api_key` | `key` (required): the API key, sent as `NETOAPI_KEY`; `username` (optional): the staff username a user-based key belongs to, sent as `NETOAPI_USERNAME` |

use std::fmt;

use secrecy::SecretString;
use shopmcp_core::{CredentialSet, ErrorKind, ToolError};

/// The credential kind this crate accepts.
pub const KIND_API_KEY: &str = "api_key";
/// The field holding the API key.
pub const FIELD_KEY: &str = "key";
/// The optional field holding the staff username of a user-based key.
pub const FIELD_USERNAME: &str = "username";

/// A Neto API key, parsed from the call's credential. Lives for one call only.
///
/// `Debug` never shows the key or the username.
///
/// ```
/// use shopmcp_core::CredentialSet;
/// use shopmcp_neto::NetoCredentials;
/// let set = CredentialSet::new("api_key").with_field("key", "k-123").with_field("username", "ops");
/// let creds = NetoCredentials::from_set(&set).unwrap();
/// assert!(creds.has_username());
/// assert!(!format!("{creds:?}").contains("k-123"));
/// ```
#[derive(Clone)]
pub struct NetoCredentials {
    key: SecretString,
    username: Option<SecretString>,
}

impl NetoCredentials {
    /// Reads kind `api_key`: field `key`, and `username` when the key is user-based.
    pub fn from_set(set: &CredentialSet) -> Result<Self, ToolError> {
        if set.kind() != KIND_API_KEY {
            return Err(ToolError::new(
                ErrorKind::Credentials,
                "the stored Neto credential is not an API key; reconnect the store",
            )
            .with_detail(format!(
                "neto.admin expects kind `{KIND_API_KEY}`, found `{}`",
                set.kind()
            )));
        }
        let key = set
            .get(FIELD_KEY)
            .cloned()
            .ok_or_else(|| missing_field(FIELD_KEY))?;
        if secrecy::ExposeSecret::expose_secret(&key).is_empty() {
            return Err(missing_field(FIELD_KEY));
        }
        let username = set
            .get(FIELD_USERNAME)
            .filter(|u| !secrecy::ExposeSecret::expose_secret(*u).is_empty())
            .cloned();
        Ok(Self { key, username })
    }

    /// The API key.
    pub(crate) fn key(&self) -> &SecretString {
        &self.key
    }

    /// The staff username, for user-based keys.
    pub(crate) fn username(&self) -> Option<&SecretString> {
        self.username.as_ref()
    }

    /// Whether a staff username is sent with the key.
    pub fn has_username(&self) -> bool {
        self.username.is_some()
    }
}

fn missing_field(name: &str) -> ToolError {
    ToolError::new(
        ErrorKind::Credentials,
        format!("the stored Neto credential has no `{name}` field; reconnect the store"),
    )
}

impl fmt::Debug for NetoCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetoCredentials")
            .field("key", &"[REDACTED]")
            .field("username", &self.username.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_and_optional_username() {
        let set = CredentialSet::new("api_key").with_field("key", "KEY-MARKER");
        let creds = NetoCredentials::from_set(&set).unwrap();
        assert!(!creds.has_username());
        assert_eq!(
            secrecy::ExposeSecret::expose_secret(creds.key()),
            "KEY-MARKER"
        );
        let set = set.with_field("username", "USER-MARKER");
        let creds = NetoCredentials::from_set(&set).unwrap();
        assert!(creds.has_username());
        let debug = format!("{creds:?}");
        assert!(!debug.contains("MARKER"), "{debug}");
        assert!(debug.contains("REDACTED"));
    }

    #[test]
    fn wrong_kind_or_missing_key_is_a_credentials_error_without_values() {
        let set = CredentialSet::new("oauth").with_field("key", "KEY-MARKER");
        let err = NetoCredentials::from_set(&set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(!err.log_detail().contains("MARKER"));
        for set in [
            CredentialSet::new("api_key"),
            CredentialSet::new("api_key").with_field("key", ""),
            CredentialSet::new("api_key").with_field("username", "ops"),
        ] {
            let err = NetoCredentials::from_set(&set).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Credentials);
            assert!(err.model_message().contains("`key`"));
        }
    }

    #[test]
    fn empty_username_is_no_username() {
        let set = CredentialSet::new("api_key")
            .with_field("key", "k")
            .with_field("username", "");
        assert!(!NetoCredentials::from_set(&set).unwrap().has_username());
    }
}

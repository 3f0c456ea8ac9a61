//! The Magento credential, parsed from the per-call `CredentialSet` of slot `magento.admin`.
//!
//! | kind | fields | how it is used |
//! |---|---|---|
//! | `oauth1` (default) | `consumer_key`, `consumer_secret`, `access_token`, `access_token_secret` | every request signed with OAuth 1.0a, HMAC-SHA256 |
//! | `bearer` | `token` | `Authorization: Bearer <token>`, only for stores that enabled "Allow OAuth Access Tokens to be used as standalone Bearer tokens" |
//!
//! All four `oauth1` values come from the merchant's Integration (System → Extensions →
//! Integrations). Magento 2.4.4 and later refuse an integration's access token used alone as a
//! bearer token unless the store enabled that option, which is why request signing is the
//! default. There is no admin username/password flow: it would need an admin password.

use std::fmt;

use secrecy::SecretString;
use shopmcp_core::{CredentialSet, CredentialSlot, ErrorKind, Platform, ToolError};

/// The credential slot of the admin REST API: `magento.admin`.
pub const SLOT_ADMIN: CredentialSlot = CredentialSlot::new(Platform::Magento, "admin");

/// Credential kind: OAuth 1.0a request signing (the default).
pub const KIND_OAUTH1: &str = "oauth1";
/// Credential kind: a standalone bearer token.
pub const KIND_BEARER: &str = "bearer";

/// The four values of a Magento Integration.
pub(crate) struct OAuth1Credentials {
    pub(crate) consumer_key: SecretString,
    pub(crate) consumer_secret: SecretString,
    pub(crate) access_token: SecretString,
    pub(crate) access_token_secret: SecretString,
}

/// A parsed Magento credential.
pub(crate) enum MagentoCredential {
    /// Sign every request (OAuth 1.0a, HMAC-SHA256).
    OAuth1(OAuth1Credentials),
    /// Send `Authorization: Bearer <token>`.
    Bearer(SecretString),
}

fn field(set: &CredentialSet, name: &str) -> Result<SecretString, ToolError> {
    set.require(name).map(|v| SecretString::from(v.to_owned()))
}

impl MagentoCredential {
    /// Reads the credential of one call.
    pub(crate) fn from_set(set: &CredentialSet) -> Result<Self, ToolError> {
        match set.kind() {
            KIND_OAUTH1 => Ok(Self::OAuth1(OAuth1Credentials {
                consumer_key: field(set, "consumer_key")?,
                consumer_secret: field(set, "consumer_secret")?,
                access_token: field(set, "access_token")?,
                access_token_secret: field(set, "access_token_secret")?,
            })),
            KIND_BEARER => Ok(Self::Bearer(field(set, "token")?)),
            _ => Err(ToolError::new(
                ErrorKind::Credentials,
                "the stored Magento credential has an unknown kind; reconnect the store with an \
                 integration's OAuth values (kind `oauth1`) or a bearer token (kind `bearer`)",
            )),
        }
    }
}

impl fmt::Debug for OAuth1Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OAuth1Credentials([REDACTED])")
    }
}

impl fmt::Debug for MagentoCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OAuth1(_) => f.write_str("MagentoCredential::OAuth1([REDACTED])"),
            Self::Bearer(_) => f.write_str("MagentoCredential::Bearer([REDACTED])"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "SECRET-MARKER-7f3a";

    #[test]
    fn parses_both_kinds_and_never_prints_values() {
        let set = CredentialSet::new("oauth1")
            .with_field("consumer_key", format!("ck-{MARK}"))
            .with_field("consumer_secret", format!("cs-{MARK}"))
            .with_field("access_token", format!("at-{MARK}"))
            .with_field("access_token_secret", format!("ts-{MARK}"));
        let cred = MagentoCredential::from_set(&set).unwrap();
        assert!(matches!(cred, MagentoCredential::OAuth1(_)));
        assert!(!format!("{cred:?}").contains(MARK));
        let bearer = CredentialSet::new("bearer").with_field("token", MARK);
        let cred = MagentoCredential::from_set(&bearer).unwrap();
        assert!(!format!("{cred:?}").contains(MARK));
    }

    #[test]
    fn missing_fields_and_unknown_kinds_are_credential_errors() {
        let set = CredentialSet::new("oauth1").with_field("consumer_key", MARK);
        let err = MagentoCredential::from_set(&set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(err.model_message().contains("consumer_secret"));
        assert!(!err.log_detail().contains(MARK));
        let set = CredentialSet::new("admin_password").with_field("password", MARK);
        let err = MagentoCredential::from_set(&set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(!err.log_detail().contains(MARK));
    }
}

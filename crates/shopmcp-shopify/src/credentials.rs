//! Typed credentials parsed from a [`CredentialSet`].
//!
//! | slot | kind | fields | used for |
//! |---|---|---|---|
//! | `shopify.admin` | `access_token` | `token` | a static Admin API access token (`shpat_…`) |
//! | `shopify.admin` | `client_credentials` | `client_id`, `client_secret` | a Dev Dashboard app: the crate obtains short-lived Admin tokens with the client-credentials grant and refreshes them before they expire |
//! | `shopify.storefront` | `storefront_token` | `token` | a Storefront API access token, for the buyer-side cart tools |
//!
//! Values stay [`SecretString`]s: `Debug` prints the kind only.

use std::fmt;

use aws_lc_rs::digest;
use secrecy::{ExposeSecret, SecretString};
use shopmcp_core::{CredentialSet, ErrorKind, ToolError};

/// Kind of a static Admin API access token (field [`FIELD_TOKEN`]).
pub const KIND_ACCESS_TOKEN: &str = "access_token";
/// Kind of Dev Dashboard client credentials (fields [`FIELD_CLIENT_ID`], [`FIELD_CLIENT_SECRET`]).
pub const KIND_CLIENT_CREDENTIALS: &str = "client_credentials";
/// Kind of a Storefront API access token (field [`FIELD_TOKEN`]).
pub const KIND_STOREFRONT_TOKEN: &str = "storefront_token";
/// The token field of `access_token` and `storefront_token` credentials.
pub const FIELD_TOKEN: &str = "token";
/// The client id field of `client_credentials`.
pub const FIELD_CLIENT_ID: &str = "client_id";
/// The client secret field of `client_credentials`.
pub const FIELD_CLIENT_SECRET: &str = "client_secret";

/// The credential of the `shopify.admin` slot.
#[derive(Clone)]
pub(crate) enum AdminCredential {
    /// A static access token.
    AccessToken(SecretString),
    /// Client id and secret for the client-credentials grant.
    ClientCredentials(ClientCredentials),
}

/// Client id and secret of a Dev Dashboard app.
#[derive(Clone)]
pub(crate) struct ClientCredentials {
    pub(crate) client_id: SecretString,
    pub(crate) client_secret: SecretString,
}

impl ClientCredentials {
    /// A SHA-256 fingerprint of id and secret: tells cached tokens of different credentials
    /// apart without keeping a second copy of the secret.
    pub(crate) fn fingerprint(&self) -> [u8; 32] {
        let mut ctx = digest::Context::new(&digest::SHA256);
        ctx.update(b"shopmcp-shopify client credentials\0");
        ctx.update(self.client_id.expose_secret().as_bytes());
        ctx.update(b"\0");
        ctx.update(self.client_secret.expose_secret().as_bytes());
        let mut out = [0u8; 32];
        out.copy_from_slice(ctx.finish().as_ref());
        out
    }
}

fn field(set: &CredentialSet, name: &str) -> Result<SecretString, ToolError> {
    set.get(name)
        .filter(|s| !s.expose_secret().trim().is_empty())
        .cloned()
        .ok_or_else(|| {
            ToolError::new(
                ErrorKind::Credentials,
                format!("the stored Shopify credential has no `{name}` field; reconnect the store"),
            )
        })
}

fn wrong_kind(slot: &str, kind: &str, expected: &str) -> ToolError {
    let mut shown: String = kind
        .chars()
        .take(40)
        .filter(char::is_ascii_graphic)
        .collect();
    if shown.is_empty() {
        shown.push('?');
    }
    ToolError::new(
        ErrorKind::Credentials,
        format!("the {slot} credential has kind `{shown}`; expected {expected}"),
    )
}

impl AdminCredential {
    /// Parses the `shopify.admin` credential.
    pub(crate) fn from_set(set: &CredentialSet) -> Result<Self, ToolError> {
        match set.kind() {
            KIND_ACCESS_TOKEN => Ok(Self::AccessToken(field(set, FIELD_TOKEN)?)),
            KIND_CLIENT_CREDENTIALS => Ok(Self::ClientCredentials(ClientCredentials {
                client_id: field(set, FIELD_CLIENT_ID)?,
                client_secret: field(set, FIELD_CLIENT_SECRET)?,
            })),
            other => Err(wrong_kind(
                "shopify.admin",
                other,
                "`access_token` or `client_credentials`",
            )),
        }
    }
}

/// The credential of the `shopify.storefront` slot.
#[derive(Clone)]
pub(crate) struct StorefrontCredential {
    pub(crate) token: SecretString,
}

impl StorefrontCredential {
    /// Parses the `shopify.storefront` credential.
    pub(crate) fn from_set(set: &CredentialSet) -> Result<Self, ToolError> {
        match set.kind() {
            KIND_STOREFRONT_TOKEN => Ok(Self {
                token: field(set, FIELD_TOKEN)?,
            }),
            other => Err(wrong_kind(
                "shopify.storefront",
                other,
                "`storefront_token`",
            )),
        }
    }
}

impl fmt::Debug for AdminCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AccessToken(_) => f.write_str("AdminCredential::AccessToken([REDACTED])"),
            Self::ClientCredentials(c) => write!(f, "AdminCredential::ClientCredentials({c:?})"),
        }
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientCredentials { client_id: [REDACTED], client_secret: [REDACTED] }")
    }
}

impl fmt::Debug for StorefrontCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StorefrontCredential([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_fields_are_parsed() {
        let set = CredentialSet::new("access_token").with_field("token", "shpat_SECRET1");
        assert!(matches!(
            AdminCredential::from_set(&set),
            Ok(AdminCredential::AccessToken(_))
        ));
        let set = CredentialSet::new("client_credentials")
            .with_field("client_id", "ID-SECRET2")
            .with_field("client_secret", "shpss_SECRET3");
        let cred = AdminCredential::from_set(&set).unwrap();
        let debug = format!("{cred:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        let set = CredentialSet::new("storefront_token").with_field("token", "SECRET4");
        let sf = StorefrontCredential::from_set(&set).unwrap();
        assert!(!format!("{sf:?}").contains("SECRET"));
    }

    #[test]
    fn missing_fields_and_wrong_kinds_are_credentials_errors_without_values() {
        let set = CredentialSet::new("client_credentials").with_field("client_id", "ID-SECRET");
        let err = AdminCredential::from_set(&set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(err.model_message().contains("client_secret"));
        assert!(!err.log_detail().contains("ID-SECRET"));
        let set = CredentialSet::new("access_token").with_field("token", "   ");
        assert!(AdminCredential::from_set(&set).is_err());
        let set = CredentialSet::new("storefront_token").with_field("token", "x");
        let err = AdminCredential::from_set(&set).unwrap_err();
        assert!(err.model_message().contains("`storefront_token`"));
        let set = CredentialSet::new("access_token").with_field("token", "x");
        assert!(StorefrontCredential::from_set(&set).is_err());
    }

    #[test]
    fn fingerprints_differ_per_credential() {
        let a = ClientCredentials {
            client_id: "a".into(),
            client_secret: "s".into(),
        };
        let b = ClientCredentials {
            client_id: "a".into(),
            client_secret: "t".into(),
        };
        assert_ne!(a.fingerprint(), b.fingerprint());
        let same = ClientCredentials {
            client_id: "a".into(),
            client_secret: "s".into(),
        };
        assert_eq!(a.fingerprint(), same.fingerprint());
    }
}

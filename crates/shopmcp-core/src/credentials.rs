//! Credentials: named secret fields, fetched per call, never kept in ambient state.
//!
//! A [`CredentialSet`] is what a merchant gave for one platform connection of one workspace
//! (for example a Shopify Admin token, or Magento's four OAuth 1.0a values). Every value is a
//! [`SecretString`]: its `Debug` prints `[REDACTED]` and its memory is zeroized on drop.
//! Platform crates turn a set into their typed credential with the field names they document.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};

use crate::{ErrorKind, Platform, ToolError, WorkspaceId};

/// Which credential of a workspace a tool needs: a platform and a slot name.
///
/// Slots let one platform hold several credentials with different reach, e.g. Shopify's
/// `admin` token and its buyer-side `storefront` token.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct CredentialSlot {
    /// The platform.
    pub platform: Platform,
    /// The slot name, e.g. `admin` or `storefront`.
    pub name: &'static str,
}

impl CredentialSlot {
    /// A slot.
    pub const fn new(platform: Platform, name: &'static str) -> Self {
        Self { platform, name }
    }
}

impl fmt::Display for CredentialSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.platform, self.name)
    }
}

/// One credential: a kind (e.g. `access_token`, `oauth1`) and named secret fields.
///
/// ```
/// use shopmcp_core::CredentialSet;
/// let set = CredentialSet::new("access_token").with_field("token", "shpat_example");
/// assert_eq!(set.expose("token"), Some("shpat_example"));
/// assert!(!format!("{set:?}").contains("shpat_example"));
/// ```
#[derive(Clone)]
pub struct CredentialSet {
    kind: String,
    fields: BTreeMap<String, SecretString>,
}

impl CredentialSet {
    /// An empty credential of `kind`.
    pub fn new(kind: impl Into<String>) -> Self {
        Self {
            kind: kind.into(),
            fields: BTreeMap::new(),
        }
    }

    /// Adds a secret field.
    #[must_use]
    pub fn with_field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.insert(name, SecretString::from(value.into()));
        self
    }

    /// Adds a secret field.
    pub fn insert(&mut self, name: impl Into<String>, value: SecretString) {
        self.fields.insert(name.into(), value);
    }

    /// The credential kind.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The secret field `name`, if present.
    pub fn get(&self, name: &str) -> Option<&SecretString> {
        self.fields.get(name)
    }

    /// The plaintext of field `name`. Use only to put it on the wire.
    pub fn expose(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(|s| s.expose_secret())
    }

    /// The plaintext of a required field, or a [`ErrorKind::Credentials`] error naming it.
    pub fn require(&self, name: &str) -> Result<&str, ToolError> {
        self.expose(name).ok_or_else(|| {
            ToolError::new(
                ErrorKind::Credentials,
                format!("the stored credential has no `{name}` field; reconnect the store"),
            )
        })
    }

    /// Field names (never values).
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(String::as_str)
    }
}

impl fmt::Debug for CredentialSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialSet")
            .field("kind", &self.kind)
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .field("values", &"[REDACTED]")
            .finish()
    }
}

/// Supplies the credential a call needs, for the duration of that call.
///
/// Implementations: [`StaticCredentials`] (in memory, for tests and embedders that load
/// secrets themselves) and the encrypted stores of `shopmcp-vault` and `shopmcp-postgres`.
#[async_trait]
pub trait CredentialProvider: Send + Sync + fmt::Debug {
    /// The credential in `slot` for `workspace`.
    ///
    /// Errors are [`ErrorKind::Credentials`] with a model-safe message ("no credential is
    /// connected for shopify.admin"), never the secret or the storage location.
    async fn credential(
        &self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
    ) -> Result<Arc<CredentialSet>, ToolError>;
}

/// The error every provider returns for a missing credential.
pub fn missing_credential(slot: CredentialSlot) -> ToolError {
    ToolError::new(
        ErrorKind::Credentials,
        format!("no credential is connected for {slot} in this workspace"),
    )
}

/// An in-memory [`CredentialProvider`] (plaintext in memory, zeroized on drop).
#[derive(Debug, Default, Clone)]
pub struct StaticCredentials {
    map: BTreeMap<(WorkspaceId, CredentialSlot), Arc<CredentialSet>>,
}

impl StaticCredentials {
    /// An empty provider.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores a credential.
    #[must_use]
    pub fn with(
        mut self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
        set: CredentialSet,
    ) -> Self {
        self.map.insert((workspace, slot), Arc::new(set));
        self
    }
}

#[async_trait]
impl CredentialProvider for StaticCredentials {
    async fn credential(
        &self,
        workspace: WorkspaceId,
        slot: CredentialSlot,
    ) -> Result<Arc<CredentialSet>, ToolError> {
        self.map
            .get(&(workspace, slot))
            .cloned()
            .ok_or_else(|| missing_credential(slot))
    }
}

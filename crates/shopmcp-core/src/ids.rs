//! Identifiers: workspaces, requests, principals, platforms.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A tenant: one merchant's workspace. A UUID, so it never carries PII.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkspaceId(Uuid);

impl WorkspaceId {
    /// A fresh random workspace id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }

    /// Wraps an existing UUID.
    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    /// The UUID.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for WorkspaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for WorkspaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WorkspaceId({})", self.0.hyphenated())
    }
}

/// Error parsing an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid {what}")]
pub struct IdError {
    what: &'static str,
}

impl FromStr for WorkspaceId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self).map_err(|_| IdError {
            what: "workspace id (a UUID)",
        })
    }
}

/// One tool call's id, for correlating logs and audit events.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RequestId(Uuid);

impl RequestId {
    /// A fresh random request id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }

    /// Wraps an existing UUID (e.g. from an incoming header the host trusts).
    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RequestId({})", self.0.hyphenated())
    }
}

/// Who is calling: the subject of a bearer token or JWT, and the scopes it carries.
///
/// The subject is an opaque id chosen by whoever issued the token (a token id, a JWT `sub`);
/// it should not be an email address, because it appears in logs.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Principal {
    subject: String,
    scopes: Vec<String>,
}

impl Principal {
    /// A principal with no scopes.
    pub fn new(subject: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            scopes: Vec::new(),
        }
    }

    /// Adds scopes (OAuth resource-server mode).
    #[must_use]
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// The subject.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The scopes granted to this principal.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// Whether the principal holds `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// The upstream platform a tool talks to. Part of every tool name (`{platform}_…`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Platform {
    /// Shopify (Admin and Storefront GraphQL).
    Shopify,
    /// Magento 2 / Adobe Commerce (REST).
    Magento,
    /// Neto / Maropost Commerce Cloud.
    Neto,
    /// BigCommerce (REST v2/v3).
    Bigcommerce,
    /// Tools that talk to no store (demos, tests, embedder utilities).
    Local,
}

impl Platform {
    /// The lower-case name used as the tool-name prefix.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Shopify => "shopify",
            Self::Magento => "magento",
            Self::Neto => "neto",
            Self::Bigcommerce => "bigcommerce",
            Self::Local => "local",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

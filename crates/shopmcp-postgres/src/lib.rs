//! # shopmcp-postgres
//!
//! The multi-tenant PostgreSQL backend of shopmcp: encrypted credentials and wrapped keys
//! ([`PgCredentialStore`]), bearer tokens ([`PgTokenStore`], an
//! [`Authenticator`](shopmcp_core::Authenticator)), audit events ([`PgAuditSink`]) with a
//! usage-meter outbox ([`UsageOutbox`]), idempotency records ([`PgIdempotency`]) and GDPR
//! export and erasure ([`Admin`]). Every tenant table is isolated by Row-Level Security, so a
//! query that forgets its workspace filter still cannot read or write another workspace.
//!
//! ## Isolation, in short
//! - Every tenant table has `workspace_id uuid NOT NULL`, every key and index includes or
//!   leads with it, and Row-Level Security is **enabled and forced** with one policy whose
//!   `USING` and `WITH CHECK` are
//!   `workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid`.
//! - Tenant code reaches the database only through a [`TenantTx`]: a transaction in which
//!   `set_config('app.workspace_id', $1, true)` ran. The setting is transaction-local; there is
//!   no session-level `SET` in this crate, and a pooled connection returned with a tenant
//!   setting is closed rather than reused.
//! - Three roles: the **owner** owns every object and only runs [`migrate()`]; the **app**
//!   role (`NOSUPERUSER NOBYPASSRLS NOINHERIT`, owns nothing, only SELECT/INSERT/UPDATE/DELETE,
//!   audit events append-only) serves requests; the **admin** role (`BYPASSRLS`, SELECT and
//!   DELETE only) does cross-tenant GDPR work on its own pool. [`PostgresBackend::connect`]
//!   refuses roles that break this.
//! - A bearer token is resolved before its workspace is known through `token_lookup`, whose
//!   own policy shows a session only the row of the token id it names; the hash is then
//!   compared in constant time under the workspace's policy (see [`PgTokenStore`]).
//! - TLS is off (loopback or `sslmode=disable`) or fully verified (`verify-full` semantics,
//!   whatever weaker mode the URL asks for): see [`connect`].
//!
//! ## Example
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use shopmcp_postgres::{PostgresBackend, PostgresConfig};
//! use shopmcp_vault::{EncryptedCredentialProvider, LocalKeyWrapper};
//!
//! let backend = PostgresBackend::connect(
//!     PostgresConfig::new(
//!         "postgres://shopmcp_app:…@db.internal/shopmcp",
//!         "postgres://shopmcp_admin:…@db.internal/shopmcp",
//!     )
//!     .migrate_url("postgres://shopmcp_owner:…@db.internal/shopmcp"),
//! )
//! .await?;
//! let credentials = EncryptedCredentialProvider::new(
//!     backend.credentials(),
//!     LocalKeyWrapper::open_or_create("/var/lib/shopmcp/master.key")?,
//! )?;
//! let authenticator = backend.tokens();
//! let audit = backend.audit();
//! // Shopify `shop/redact`:
//! # let workspace = shopmcp_core::WorkspaceId::random();
//! backend.admin().erase_workspace(workspace).await?;
//! credentials.revoke_cached_keys(workspace);
//! # let _ = (authenticator, audit);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod admin;
mod audit;
mod backend;
mod config;
pub mod connect;
mod convert;
mod credentials;
mod error;
mod idempotency;
mod migrate;
mod outbox;
pub mod provision;
mod tenant;
mod tokens;
mod workspaces;

pub use admin::{Admin, ErasureReport, WorkspaceExport};
pub use audit::PgAuditSink;
pub use backend::PostgresBackend;
pub use config::{AuditConfig, PostgresConfig};
pub use credentials::PgCredentialStore;
pub use error::PgError;
pub use idempotency::PgIdempotency;
pub use migrate::{MIGRATOR, TABLE_PRIVILEGES, grants_sql, migrate};
pub use outbox::{OutboxEntry, UsageOutbox};
pub use tenant::{ConnectionState, TenantPool, TenantTx};
pub use tokens::{PgTokenStore, TokenInfo};
pub use workspaces::{PgWorkspaces, WorkspaceInfo};

/// The sqlx version this crate is built on ([`TenantTx::conn`] hands out its connection type).
pub use sqlx;

/// The README's Rust example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

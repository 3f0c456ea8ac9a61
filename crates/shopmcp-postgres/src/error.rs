//! The crate's error type and its mapping onto the error types of core and vault.

use shopmcp_core::{AuditError, ToolError, WorkspaceId};
use shopmcp_vault::StoreError;

/// Why a PostgreSQL operation failed.
///
/// Messages are for operators and never contain a connection URL, a password, a token, a
/// ciphertext or a row value: database errors are reduced to the server's message text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgError {
    /// The configuration is invalid (a URL that does not parse, a bad role name, ...).
    #[error("invalid PostgreSQL configuration: {0}")]
    Config(String),
    /// An argument was refused before reaching the database (e.g. a label too long).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The database refused or failed an operation, or could not be reached.
    #[error("PostgreSQL: {0}")]
    Database(String),
    /// A role is set up in a way that would weaken tenant isolation (for example the
    /// application role is a superuser, has BYPASSRLS or owns tables).
    #[error("unsafe PostgreSQL role setup: {0}")]
    UnsafeRole(String),
    /// The schema is missing or a migration failed.
    #[error("PostgreSQL schema: {0}")]
    Schema(String),
    /// A stored value is not in the expected format.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The workspace does not exist (no row in `workspaces`).
    #[error("workspace {0} does not exist")]
    UnknownWorkspace(WorkspaceId),
    /// Generating a random value failed.
    #[error("the system random generator failed")]
    Random,
}

impl From<sqlx::Error> for PgError {
    fn from(e: sqlx::Error) -> Self {
        Self::Database(describe(&e))
    }
}

/// The operator-facing text of a sqlx error: the server's message for database errors (never
/// the DETAIL line, which can quote row values), the error's own text otherwise.
pub(crate) fn describe(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => match db.code() {
            Some(code) => format!("{} (SQLSTATE {code})", db.message()),
            None => db.message().to_owned(),
        },
        sqlx::Error::PoolTimedOut => {
            "timed out waiting for a connection (is the server reachable?)".to_owned()
        }
        sqlx::Error::PoolClosed => "the connection pool is closed".to_owned(),
        other => other.to_string(),
    }
}

impl From<PgError> for StoreError {
    fn from(e: PgError) -> Self {
        match e {
            PgError::Corrupt(m) => StoreError::Corrupt(m),
            other => StoreError::Backend(other.to_string()),
        }
    }
}

impl From<PgError> for AuditError {
    fn from(e: PgError) -> Self {
        AuditError(e.to_string())
    }
}

impl PgError {
    /// A [`ToolError`] for the model: a generic internal error, this error as operator detail.
    pub fn into_tool_error(self) -> ToolError {
        ToolError::internal(self.to_string())
    }
}

/// Converts a `u64` (seconds, versions) into PostgreSQL's `bigint`.
pub(crate) fn to_i64(value: u64, what: &str) -> Result<i64, PgError> {
    i64::try_from(value).map_err(|_| PgError::Corrupt(format!("{what} {value} is out of range")))
}

/// Converts a stored `bigint` back into a `u64`.
pub(crate) fn to_u64(value: i64, what: &str) -> Result<u64, PgError> {
    u64::try_from(value).map_err(|_| PgError::Corrupt(format!("stored {what} {value} is negative")))
}

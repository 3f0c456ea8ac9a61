//! Tenant transactions: the only way tenant code reaches the database.
//!
//! [`TenantPool::begin`] opens a transaction and, inside it, runs
//! `SELECT set_config('app.workspace_id', $1, true)`: the setting is transaction-local, so it
//! ends with the transaction (commit, rollback, or a rollback queued because the transaction
//! was dropped mid-query by a timeout, a cancellation or a panic). Every tenant table's
//! Row-Level Security policy compares `workspace_id` with that setting, so a query that forgets
//! its `WHERE workspace_id = …` still sees, and may write, only the current workspace's rows.
//!
//! There is no session-level `SET` anywhere in this crate. As a second wall, every pooled
//! connection is checked each time it is handed out: one that carries a tenant setting (which
//! only a session-level `SET` through [`TenantTx::conn`] could leave behind) is closed instead
//! of being reused, and counted ([`TenantPool::dirty_discards`]). The check doubles as the
//! liveness test sqlx would otherwise run on acquire, so it costs no extra round trip.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use shopmcp_core::WorkspaceId;
use shopmcp_core::auth::TokenId;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::PgError;

/// Reads both tenant settings of a connection ('' or NULL when unset).
const SETTINGS_SQL: &str = "SELECT coalesce(current_setting('app.workspace_id', true), '') \
     || coalesce(current_setting('app.token_id', true), '')";

/// The backend process and tenant settings of a connection.
const INSPECT_SQL: &str = "SELECT pg_backend_pid(), \
     coalesce(current_setting('app.workspace_id', true), '') \
     || coalesce(current_setting('app.token_id', true), '')";

/// The application role's pool. Cloning shares it.
#[derive(Clone)]
pub struct TenantPool {
    pool: PgPool,
    dirty: Arc<AtomicU64>,
}

impl fmt::Debug for TenantPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantPool")
            .field("size", &self.pool.size())
            .field("idle", &self.pool.num_idle())
            .field("dirty_discards", &self.dirty_discards())
            .finish()
    }
}

/// One pooled connection's tenant settings, as seen by [`TenantPool::inspect_connections`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConnectionState {
    /// The server process of the connection.
    pub backend_pid: i32,
    /// `app.workspace_id` and `app.token_id` concatenated: empty on a clean connection.
    pub tenant_settings: String,
}

impl TenantPool {
    /// A lazily connecting pool of at most `size` connections with the acquire check.
    pub(crate) fn new(
        options: PgConnectOptions,
        size: u32,
        acquire_timeout: std::time::Duration,
    ) -> Self {
        let dirty = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&dirty);
        let pool = PgPoolOptions::new()
            .max_connections(size)
            .acquire_timeout(acquire_timeout)
            .test_before_acquire(false)
            .before_acquire(move |conn, _meta| {
                let counter = Arc::clone(&counter);
                Box::pin(async move {
                    let settings: Option<String> =
                        sqlx::query_scalar(SETTINGS_SQL).fetch_one(&mut *conn).await?;
                    if settings.unwrap_or_default().is_empty() {
                        return Ok(true);
                    }
                    counter.fetch_add(1, Ordering::Relaxed);
                    tracing::error!(
                        "a pooled connection carried a tenant setting; closed it instead of reusing it"
                    );
                    Ok(false)
                })
            })
            .connect_lazy_with(options);
        Self { pool, dirty }
    }

    /// Begins a transaction scoped to `workspace`.
    pub async fn begin(&self, workspace: WorkspaceId) -> Result<TenantTx, PgError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT set_config('app.workspace_id', $1, true)")
            .bind(workspace.to_string())
            .execute(&mut *tx)
            .await?;
        Ok(TenantTx { tx, workspace })
    }

    /// Finds the workspace of a token id and begins a transaction scoped to it, in one
    /// transaction: first scoped to the token id (the `token_lookup` policy shows only that
    /// id's row), then to the workspace found. `None` when the id is unknown or ambiguous.
    pub(crate) async fn begin_for_token(
        &self,
        token_id: &TokenId,
    ) -> Result<Option<TenantTx>, PgError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT set_config('app.token_id', $1, true)")
            .bind(token_id.as_str())
            .execute(&mut *tx)
            .await?;
        let found: Vec<Uuid> =
            sqlx::query_scalar("SELECT workspace_id FROM shopmcp.token_lookup WHERE token_id = $1")
                .bind(token_id.as_str())
                .fetch_all(&mut *tx)
                .await?;
        let [workspace] = found.as_slice() else {
            if found.len() > 1 {
                tracing::error!(token_id = %token_id, "token id registered in several workspaces; refusing it");
            }
            return Ok(None);
        };
        let workspace = WorkspaceId::from_uuid(*workspace);
        sqlx::query("SELECT set_config('app.workspace_id', $1, true)")
            .bind(workspace.to_string())
            .execute(&mut *tx)
            .await?;
        Ok(Some(TenantTx { tx, workspace }))
    }

    /// Takes every connection the pool may hold (waiting for busy ones) and reads its tenant
    /// settings: every [`ConnectionState::tenant_settings`] is empty (a connection carrying a
    /// setting is closed when handed out, see [`dirty_discards`](Self::dirty_discards)). Meant
    /// for health checks and tests on a quiet pool.
    pub async fn inspect_connections(&self) -> Result<Vec<ConnectionState>, PgError> {
        let mut held = Vec::new();
        for _ in 0..self.pool.options().get_max_connections() {
            held.push(self.pool.acquire().await?);
        }
        let mut states = Vec::with_capacity(held.len());
        for conn in &mut held {
            let (backend_pid, settings): (i32, Option<String>) =
                sqlx::query_as(INSPECT_SQL).fetch_one(&mut **conn).await?;
            states.push(ConnectionState {
                backend_pid,
                tenant_settings: settings.unwrap_or_default(),
            });
        }
        Ok(states)
    }

    /// Connections closed instead of being handed out because they carried a tenant setting.
    /// Always 0 unless a session-level setting was made through [`TenantTx::conn`].
    pub fn dirty_discards(&self) -> u64 {
        self.dirty.load(Ordering::Relaxed)
    }

    /// Closes the pool (waits for checked-out connections to come back).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The pool itself, for statements on non-tenant tables (unauthenticated audit events,
    /// health probes). Never for tenant tables.
    pub(crate) fn raw(&self) -> &PgPool {
        &self.pool
    }
}

/// A transaction scoped to one workspace. Commit it, or drop it to roll back.
pub struct TenantTx {
    tx: Transaction<'static, Postgres>,
    workspace: WorkspaceId,
}

impl fmt::Debug for TenantTx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantTx")
            .field("workspace", &self.workspace)
            .finish_non_exhaustive()
    }
}

impl TenantTx {
    /// The workspace every statement of this transaction is scoped to.
    pub fn workspace(&self) -> WorkspaceId {
        self.workspace
    }

    /// The connection, for statements on tenant tables. Row-Level Security limits them to
    /// [`workspace`](Self::workspace); changing `app.*` settings through it is a bug (a
    /// connection returned with one is closed, not reused).
    pub fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Additionally scopes the transaction to `token_id` (to register it in `token_lookup`).
    pub(crate) async fn scope_token(&mut self, token_id: &TokenId) -> Result<(), PgError> {
        sqlx::query("SELECT set_config('app.token_id', $1, true)")
            .bind(token_id.as_str())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Commits.
    pub async fn commit(self) -> Result<(), PgError> {
        Ok(self.tx.commit().await?)
    }

    /// Rolls back.
    pub async fn rollback(self) -> Result<(), PgError> {
        Ok(self.tx.rollback().await?)
    }
}

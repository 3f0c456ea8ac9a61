//! [`PostgresBackend`]: the pools and every handle a server needs.

use std::fmt;
use std::time::Duration;

use sqlx::postgres::PgPoolOptions;

use crate::connect::{Purpose, connect_options};
use crate::migrate::{Expect, migrate, role_names, verify_role};
use crate::{
    Admin, PgAuditSink, PgCredentialStore, PgError, PgIdempotency, PgTokenStore, PgWorkspaces,
    PostgresConfig, TenantPool, UsageOutbox,
};

/// Idle application transactions are ended by the server after this long.
const IDLE_IN_TRANSACTION: Duration = Duration::from_secs(60);

/// The PostgreSQL backend: an application pool (tenant transactions only), an admin pool
/// (cross-tenant GDPR work), and the handles built on them. Handles are cheap clones.
pub struct PostgresBackend {
    tenants: TenantPool,
    admin: Admin,
    credentials: PgCredentialStore,
    tokens: PgTokenStore,
    audit: PgAuditSink,
    outbox: UsageOutbox,
    idempotency: PgIdempotency,
    workspaces: PgWorkspaces,
}

impl fmt::Debug for PostgresBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresBackend")
            .field("tenants", &self.tenants)
            .field("audit", &self.audit)
            .finish_non_exhaustive()
    }
}

impl PostgresBackend {
    /// Runs the migrations (when [`PostgresConfig::migrate_url`] is set), connects both
    /// pools, refuses unsafe roles (an application role that is a superuser, has BYPASSRLS,
    /// inherits other roles' privileges or owns objects; an admin role without BYPASSRLS),
    /// and starts the audit writers. Call inside a Tokio runtime.
    pub async fn connect(config: PostgresConfig) -> Result<Self, PgError> {
        if let Some(url) = &config.migrate_url {
            let (app, admin) = role_names(&config.app_url, &config.admin_url)?;
            migrate(url, &app, &admin).await?;
        }
        let app_options = connect_options(
            &config.app_url,
            Purpose {
                application_name: "shopmcp-app",
                statement_timeout: Some(config.statement_timeout),
                idle_in_transaction_timeout: Some(IDLE_IN_TRANSACTION),
                search_path: None,
            },
        )?;
        let admin_options = connect_options(
            &config.admin_url,
            Purpose {
                application_name: "shopmcp-admin",
                statement_timeout: Some(config.admin_statement_timeout),
                idle_in_transaction_timeout: Some(IDLE_IN_TRANSACTION),
                search_path: None,
            },
        )?;
        let tenants = TenantPool::new(app_options, config.app_pool_size, config.acquire_timeout);
        let admin_pool = PgPoolOptions::new()
            .max_connections(config.admin_pool_size)
            .acquire_timeout(config.acquire_timeout)
            .connect_lazy_with(admin_options);
        let checked = async {
            verify_role(tenants.raw(), Expect::App).await?;
            verify_role(&admin_pool, Expect::Admin).await
        }
        .await;
        if let Err(e) = checked {
            tenants.close().await;
            admin_pool.close().await;
            return Err(e);
        }
        Ok(Self {
            credentials: PgCredentialStore::new(tenants.clone(), admin_pool.clone()),
            tokens: PgTokenStore::new(tenants.clone(), config.token_touch_interval),
            audit: PgAuditSink::start(tenants.clone(), config.audit),
            outbox: UsageOutbox::new(tenants.clone()),
            idempotency: PgIdempotency::new(tenants.clone(), config.idempotency_ttl),
            workspaces: PgWorkspaces::new(tenants.clone()),
            admin: Admin::new(admin_pool),
            tenants,
        })
    }

    /// The application pool: [`TenantPool::begin`] for an embedder's own tenant queries.
    pub fn tenant_pool(&self) -> &TenantPool {
        &self.tenants
    }

    /// The credential store (give it to `EncryptedCredentialProvider::new`).
    pub fn credentials(&self) -> PgCredentialStore {
        self.credentials.clone()
    }

    /// The token store; also the [`Authenticator`](shopmcp_core::Authenticator).
    pub fn tokens(&self) -> PgTokenStore {
        self.tokens.clone()
    }

    /// The audit sink (also fills the usage-meter outbox).
    pub fn audit(&self) -> PgAuditSink {
        self.audit.clone()
    }

    /// The usage-meter outbox.
    pub fn outbox(&self) -> UsageOutbox {
        self.outbox.clone()
    }

    /// The idempotency store for W3 tools.
    pub fn idempotency(&self) -> PgIdempotency {
        self.idempotency.clone()
    }

    /// The `workspaces` table.
    pub fn workspaces(&self) -> PgWorkspaces {
        self.workspaces.clone()
    }

    /// Cross-tenant operations (GDPR export and erasure) on the admin pool.
    pub fn admin(&self) -> Admin {
        self.admin.clone()
    }

    /// Writes every queued audit event, then closes both pools.
    pub async fn close(&self) {
        self.audit.shutdown().await;
        self.tenants.close().await;
        self.admin.close().await;
    }
}

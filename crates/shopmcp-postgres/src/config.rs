//! [`PostgresConfig`]: connection URLs, pool sizes and limits.

use std::fmt;
use std::time::Duration;

use secrecy::SecretString;

/// How the audit sink batches events (see [`PgAuditSink`](crate::PgAuditSink)).
#[derive(Clone, Copy, Debug)]
pub struct AuditConfig {
    /// Events waiting to be written; `record` waits (back-pressure) when the queue is full.
    pub capacity: usize,
    /// At most this many events are taken from the queue for one batch.
    pub batch_max: usize,
    /// Writer tasks (each writes one batch at a time).
    pub writers: usize,
    /// Further attempts at a batch whose transaction failed before `record` reports an error.
    /// While the database is unreachable each attempt takes up to the pool's acquire timeout,
    /// so `record` fails after about `(retries + 1) × acquire_timeout`.
    pub retries: u32,
    /// Whether successful calls of a workspace also get a row in the usage-meter outbox,
    /// written in the same transaction as their event.
    pub meter_outbox: bool,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            capacity: 4096,
            batch_max: 512,
            writers: 2,
            retries: 2,
            meter_outbox: true,
        }
    }
}

/// Everything [`PostgresBackend::connect`](crate::PostgresBackend::connect) needs.
///
/// Three roles, three URLs (see the crate docs): the **application** role for every request,
/// the **admin** role for cross-tenant work (GDPR export and erase, workspace listing), and
/// optionally the **owner** role to run the embedded migrations first.
///
/// `Debug` never prints a URL: they carry passwords.
///
/// ```
/// use shopmcp_postgres::PostgresConfig;
/// let config = PostgresConfig::new(
///     "postgres://shopmcp_app:app-pass@db.internal/shopmcp",
///     "postgres://shopmcp_admin:admin-pass@db.internal/shopmcp",
/// )
/// .app_pool_size(16);
/// assert!(!format!("{config:?}").contains("app-pass"));
/// ```
#[derive(Clone)]
pub struct PostgresConfig {
    pub(crate) app_url: SecretString,
    pub(crate) admin_url: SecretString,
    pub(crate) migrate_url: Option<SecretString>,
    pub(crate) app_pool_size: u32,
    pub(crate) admin_pool_size: u32,
    pub(crate) acquire_timeout: Duration,
    pub(crate) statement_timeout: Duration,
    pub(crate) admin_statement_timeout: Duration,
    pub(crate) audit: AuditConfig,
    pub(crate) idempotency_ttl: Duration,
    pub(crate) token_touch_interval: Duration,
}

impl PostgresConfig {
    /// A configuration with the application and admin URLs and default limits.
    pub fn new(app_url: impl Into<SecretString>, admin_url: impl Into<SecretString>) -> Self {
        Self {
            app_url: app_url.into(),
            admin_url: admin_url.into(),
            migrate_url: None,
            app_pool_size: 10,
            admin_pool_size: 2,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(30),
            admin_statement_timeout: Duration::from_secs(300),
            audit: AuditConfig::default(),
            idempotency_ttl: Duration::from_secs(24 * 3600),
            token_touch_interval: Duration::from_secs(60),
        }
    }

    /// Runs the embedded migrations as the owner role behind `url` before connecting.
    #[must_use]
    pub fn migrate_url(mut self, url: impl Into<SecretString>) -> Self {
        self.migrate_url = Some(url.into());
        self
    }

    /// Connections of the application pool (default 10).
    #[must_use]
    pub fn app_pool_size(mut self, size: u32) -> Self {
        self.app_pool_size = size.max(1);
        self
    }

    /// Connections of the admin pool (default 2).
    #[must_use]
    pub fn admin_pool_size(mut self, size: u32) -> Self {
        self.admin_pool_size = size.max(1);
        self
    }

    /// How long a caller waits for a pooled connection (default 5 s).
    #[must_use]
    pub fn acquire_timeout(mut self, timeout: Duration) -> Self {
        self.acquire_timeout = timeout;
        self
    }

    /// The server-side `statement_timeout` of application connections (default 30 s).
    #[must_use]
    pub fn statement_timeout(mut self, timeout: Duration) -> Self {
        self.statement_timeout = timeout;
        self
    }

    /// The server-side `statement_timeout` of admin connections (default 5 min: exports).
    #[must_use]
    pub fn admin_statement_timeout(mut self, timeout: Duration) -> Self {
        self.admin_statement_timeout = timeout;
        self
    }

    /// Audit batching (see [`AuditConfig`]).
    #[must_use]
    pub fn audit(mut self, audit: AuditConfig) -> Self {
        self.audit = audit;
        self
    }

    /// How long an idempotency record is kept (default 24 h).
    #[must_use]
    pub fn idempotency_ttl(mut self, ttl: Duration) -> Self {
        self.idempotency_ttl = ttl;
        self
    }

    /// A token's `last_used_at` is written at most once per this interval (default 60 s).
    #[must_use]
    pub fn token_touch_interval(mut self, interval: Duration) -> Self {
        self.token_touch_interval = interval;
        self
    }
}

impl fmt::Debug for PostgresConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresConfig")
            .field("app_url", &"[REDACTED]")
            .field("admin_url", &"[REDACTED]")
            .field(
                "migrate_url",
                &self.migrate_url.as_ref().map(|_| "[REDACTED]"),
            )
            .field("app_pool_size", &self.app_pool_size)
            .field("admin_pool_size", &self.admin_pool_size)
            .field("acquire_timeout", &self.acquire_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .field("admin_statement_timeout", &self.admin_statement_timeout)
            .field("audit", &self.audit)
            .field("idempotency_ttl", &self.idempotency_ttl)
            .field("token_touch_interval", &self.token_touch_interval)
            .finish()
    }
}

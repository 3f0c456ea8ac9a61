//! Where tokens, credentials, audit events and idempotency records live: embedded files by
//! default, PostgreSQL with Row-Level Security when `backends.postgres_url` is set.

use std::sync::Arc;

use shopmcp_core::audit::{Durability, JsonLinesAudit};
use shopmcp_core::{AuditSink, Authenticator, IdempotencyStore, TokenFile};
use shopmcp_postgres::{PostgresBackend, PostgresConfig};
use shopmcp_vault::{CredentialStore, FileVault};

use crate::commands::{CommandError, ensure_data_dir};
use crate::config::Config;

/// The stores chosen by the configuration.
#[derive(Debug, Clone)]
pub struct Stores {
    /// Bearer tokens.
    pub tokens: Tokens,
    /// Encrypted credentials and wrapped keys.
    pub credentials: Arc<dyn CredentialStore>,
    /// The audit trail.
    pub audit: Arc<dyn AuditSink>,
    /// W3 idempotency records (in memory when `None`).
    pub idempotency: Option<Arc<dyn IdempotencyStore>>,
    /// PostgreSQL's GDPR role, which erases a workspace's rows in one transaction (`None`
    /// for the embedded files: the vault and the token file erase their own parts).
    pub admin: Option<shopmcp_postgres::Admin>,
}

/// The token store.
#[derive(Debug, Clone)]
pub enum Tokens {
    /// The embedded token file.
    File(Arc<TokenFile>),
    /// PostgreSQL.
    Postgres(shopmcp_postgres::PgTokenStore),
}

impl Tokens {
    /// As the pipeline's authenticator.
    pub fn authenticator(&self) -> Arc<dyn Authenticator> {
        match self {
            Self::File(f) => f.clone(),
            Self::Postgres(p) => Arc::new(p.clone()),
        }
    }
}

/// Opens the stores of `config`.
pub async fn open(config: &Config) -> Result<Stores, CommandError> {
    ensure_data_dir(config)?;
    let paths = config.paths();
    let b = &config.backends;
    if let (Some(url), Some(admin)) = (&b.postgres_url, &b.postgres_admin_url) {
        let mut pg = PostgresConfig::new(url.clone(), admin.clone());
        if let Some(owner) = &b.postgres_migrate_url {
            pg = pg.migrate_url(owner.clone());
        }
        let backend = PostgresBackend::connect(pg)
            .await
            .map_err(|e| CommandError(format!("backends.postgres_url: {e}")))?;
        // Every configured workspace exists in the database (tenant rows refer to it).
        for ws in &config.workspaces {
            backend
                .workspaces()
                .create(ws.id, &ws.name)
                .await
                .map_err(|e| {
                    CommandError(format!(
                        "registering workspace {} in PostgreSQL: {e}",
                        ws.name
                    ))
                })?;
        }
        return Ok(Stores {
            tokens: Tokens::Postgres(backend.tokens()),
            credentials: Arc::new(backend.credentials()),
            audit: Arc::new(backend.audit()),
            idempotency: Some(Arc::new(backend.idempotency())),
            admin: Some(backend.admin()),
        });
    }
    Ok(Stores {
        tokens: Tokens::File(Arc::new(
            TokenFile::open(&paths.tokens).map_err(CommandError::from_display)?,
        )),
        credentials: Arc::new(FileVault::open(&paths.vault).map_err(CommandError::from_display)?),
        audit: Arc::new(
            JsonLinesAudit::open(&paths.audit, Durability::Process)
                .map_err(CommandError::from_display)?,
        ),
        idempotency: None,
        admin: None,
    })
}

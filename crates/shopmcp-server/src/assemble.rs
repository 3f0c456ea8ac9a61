//! Building the pipeline from the configuration: embedded defaults (token file, encrypted
//! file vault, local master key, in-process limiter, JSON-lines audit), each workspace's
//! platform tools, and the elicitation confirmer for W3 tools.

use std::io::Write;
use std::sync::Arc;

use shopmcp_core::secret::ExposeSecret;
use shopmcp_core::{Pipeline, Toolbox, Workspace, WorkspaceRegistry};
use shopmcp_rmcp::ElicitationConfirmer;

use crate::commands::connect::{Vault, open_vault_with};
use crate::commands::{CommandError, ensure_data_dir};
use crate::config::Config;
use crate::platforms;

/// Everything `serve` needs.
#[derive(Debug)]
pub struct Assembled {
    /// The pipeline.
    pub pipeline: Pipeline,
    /// The W3 confirmer (also installed in the pipeline).
    pub confirmer: ElicitationConfirmer,
    /// The workspaces.
    pub registry: Arc<WorkspaceRegistry>,
    /// The vault credentials come from.
    pub vault: Arc<Vault>,
    /// The upstream HTTP clients.
    pub clients: platforms::Clients,
    /// The stores (tokens, credentials, audit, idempotency, GDPR role).
    pub stores: crate::stores::Stores,
}

impl Assembled {
    /// Rebuilds one workspace's toolbox from its (changed) configuration, e.g. after the
    /// merchant opted into writes, and swaps it in while serving. Returns its tool count.
    pub async fn reload_workspace(
        &self,
        config: &Config,
        ws: &crate::config::WorkspaceConfig,
    ) -> Result<usize, CommandError> {
        let connected = platforms::connect(ws, &self.clients, &self.vault).await?;
        let toolbox =
            Toolbox::new(connected.tools, &ws.opt_in()).map_err(CommandError::from_display)?;
        let n = toolbox.len();
        self.registry.insert(Workspace {
            id: ws.id,
            toolbox,
            plan: Arc::new(config.plan(&ws.plan)),
        });
        Ok(n)
    }
}

/// Builds the pipeline, printing one progress line per workspace to `progress`.
pub async fn build(config: &Config, progress: &mut dyn Write) -> Result<Assembled, CommandError> {
    ensure_data_dir(config)?;
    let stores = crate::stores::open(config).await?;
    let vault = Arc::new(open_vault_with(config, stores.credentials.clone()).await?);
    let clients = platforms::Clients::new()?;
    let registry = Arc::new(WorkspaceRegistry::new());
    let io = CommandError::from_display;
    for ws in &config.workspaces {
        write!(progress, "connecting {} ({}) … ", ws.name, ws.id).map_err(io)?;
        progress.flush().map_err(io)?;
        let connected = platforms::connect(ws, &clients, &vault).await?;
        let toolbox =
            Toolbox::new(connected.tools, &ws.opt_in()).map_err(CommandError::from_display)?;
        let notes = if connected.notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", connected.notes.join("; "))
        };
        writeln!(progress, "{} tools{notes}", toolbox.len()).map_err(io)?;
        registry.insert(Workspace {
            id: ws.id,
            toolbox,
            plan: Arc::new(config.plan(&ws.plan)),
        });
    }
    let confirmer = ElicitationConfirmer::new().map_err(CommandError::from_display)?;
    let mut builder = Pipeline::builder(
        stores.tokens.authenticator(),
        registry.clone(),
        vault.clone(),
    )
    .audit(stores.audit.clone())
    .confirmer(Arc::new(confirmer.clone()));
    if let Some(idempotency) = &stores.idempotency {
        builder = builder.idempotency(idempotency.clone());
    }
    if let Some(url) = &config.backends.redis_url {
        let limiter = shopmcp_redis::RedisRateLimiter::connect(
            url.expose_secret(),
            shopmcp_redis::RedisLimiterConfig::default(),
        )
        .await
        .map_err(|e| CommandError(format!("backends.redis_url: {e}")))?;
        match limiter.ready().await {
            Ok(()) => writeln!(progress, "rate limits shared through Redis at {}", limiter.endpoint()).map_err(io)?,
            Err(e) => writeln!(progress, "warning: Redis at {} is not answering ({e}); writes are refused and reads use the local limiter until it does", limiter.endpoint()).map_err(io)?,
        }
        builder = builder.rate_limiter(Arc::new(limiter));
    }
    let pipeline = builder.build();
    Ok(Assembled {
        pipeline,
        confirmer,
        registry,
        vault,
        clients,
        stores,
    })
}

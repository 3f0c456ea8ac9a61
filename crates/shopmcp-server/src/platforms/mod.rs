//! Each workspace's platform tools, built from its configuration sections.

mod bigcommerce;
mod magento;
mod neto;
pub mod sandbox;
mod shopify;

use std::sync::Arc;

use shopmcp_core::Tool;
use shopmcp_http::{BaseUrl, HttpClient};

use crate::commands::CommandError;
use crate::config::WorkspaceConfig;

/// The upstream HTTP clients: the hardened one, and a loopback-only one for sandboxes.
#[derive(Debug, Clone)]
pub struct Clients {
    /// For real stores (TLS verified, public addresses only).
    pub public: HttpClient,
    /// For sandbox endpoints (plain http to loopback only).
    pub sandbox: HttpClient,
}

impl Clients {
    /// Builds both clients.
    pub fn new() -> Result<Self, CommandError> {
        Ok(Self {
            public: HttpClient::builder()
                .build()
                .map_err(CommandError::from_display)?,
            sandbox: HttpClient::builder()
                .dangerous()
                .allow_loopback_http()
                .build()
                .map_err(CommandError::from_display)?,
        })
    }

    /// The client for a section with or without a sandbox endpoint.
    pub fn pick(&self, sandbox: Option<&str>) -> &HttpClient {
        if sandbox.is_some() {
            &self.sandbox
        } else {
            &self.public
        }
    }
}

/// The tools of one workspace and a note for the progress line.
#[derive(Debug, Default)]
pub struct Connected {
    /// Every candidate tool (the toolbox then applies the write opt-in).
    pub tools: Vec<Arc<dyn Tool>>,
    /// Notes for the progress line (sandboxes, left-out tools).
    pub notes: Vec<String>,
}

/// Parses a store URL from the configuration, naming the key on error.
pub(crate) fn base_url(key: &str, value: &str) -> Result<BaseUrl, CommandError> {
    BaseUrl::parse(value).map_err(|e| CommandError(format!("{key} = {value:?}: {e}")))
}

/// Builds the platform clients and tools of `ws`, checking each store is reachable.
pub async fn connect(
    ws: &WorkspaceConfig,
    clients: &Clients,
    vault: &crate::commands::connect::Vault,
) -> Result<Connected, CommandError> {
    let mut connected = Connected::default();
    if let Some(section) = &ws.magento {
        magento::connect(ws, section, clients, &mut connected).await?;
    }
    if let Some(section) = &ws.bigcommerce {
        bigcommerce::connect(ws, section, clients, &mut connected)?;
    }
    if let Some(section) = &ws.neto {
        neto::connect(ws, section, clients, &mut connected).await?;
    }
    if let Some(section) = &ws.shopify {
        shopify::connect(ws, section, clients, vault, &mut connected).await?;
    }
    Ok(connected)
}

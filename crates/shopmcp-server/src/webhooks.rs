//! Shopify's mandatory GDPR compliance webhooks on the HTTP server: `POST /webhooks/shopify`.
//!
//! Point the app's three compliance topics (`customers/data_request`, `customers/redact`,
//! `shop/redact`) at `{public_url}/webhooks/shopify`. A delivery names its shop in
//! `X-Shopify-Shop-Domain`; that picks the configured workspace whose secret checks the
//! signature (the `shopify.webhooks` credential, kind `app_secret`, or the client secret of a
//! `client_credentials` admin credential). Nothing is read before the signature holds.
//!
//! - `shop/redact` erases the workspace: its tools are withdrawn at once, then its
//!   credentials and wrapped data keys (crypto-shredding), bearer tokens and, with PostgreSQL,
//!   usage events, outbox and idempotency records, in one transaction.
//! - `customers/data_request` and `customers/redact` are acknowledged: the server keeps no
//!   customer data (audit events hold workspace, tool, latency and status, never bodies).
//!
//! A failure to erase answers 500, so Shopify delivers again; erasing twice is harmless.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use shopmcp_core::secret::SecretString;
use shopmcp_core::{WorkspaceId, WorkspaceRegistry};
use shopmcp_http::ShopHandle;
use shopmcp_rmcp::axum::Router;
use shopmcp_rmcp::axum::body::Bytes;
use shopmcp_rmcp::axum::extract::{DefaultBodyLimit, State};
use shopmcp_rmcp::axum::http::{HeaderMap, StatusCode};
use shopmcp_rmcp::axum::routing::post;
use shopmcp_shopify::webhooks::{
    ComplianceError, ComplianceHandler, ComplianceWebhooks, CustomerDataRequest, CustomerRedact,
    DEFAULT_MAX_BODY_BYTES, HEADER_SHOP_DOMAIN, ShopRedact, WebhookVerifier,
};
use shopmcp_shopify::{SLOT_ADMIN, SLOT_WEBHOOKS};

use crate::assemble::Assembled;
use crate::commands::CommandError;
use crate::commands::connect::Vault;
use crate::config::Config;
use crate::stores::Tokens;

/// The path Shopify's compliance topics are delivered to.
pub const SHOPIFY_WEBHOOK_PATH: &str = "/webhooks/shopify";

/// The compliance webhook receiver of a running server.
#[derive(Clone, Debug)]
pub struct ShopifyCompliance {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// `{handle}.myshopify.com` → its workspace.
    shops: HashMap<String, WorkspaceId>,
    vault: Arc<Vault>,
    tokens: Tokens,
    registry: Arc<WorkspaceRegistry>,
    admin: Option<shopmcp_postgres::Admin>,
}

impl ShopifyCompliance {
    /// The receiver for the Shopify workspaces of `config`; `None` when there are none.
    pub fn new(config: &Config, assembled: &Assembled) -> Result<Option<Self>, CommandError> {
        let mut shops = HashMap::new();
        for ws in &config.workspaces {
            let Some(section) = &ws.shopify else { continue };
            let shop = ShopHandle::parse(&section.shop)
                .map_err(|e| CommandError(format!("shopify.shop = {:?}: {e}", section.shop)))?;
            if let Some(other) = shops.insert(shop.domain(), ws.id) {
                return Err(CommandError(format!(
                    "workspaces {other} and {} both name the shop {}",
                    ws.id,
                    shop.domain()
                )));
            }
        }
        if shops.is_empty() {
            return Ok(None);
        }
        Ok(Some(Self {
            inner: Arc::new(Inner {
                shops,
                vault: assembled.vault.clone(),
                tokens: assembled.stores.tokens.clone(),
                registry: assembled.registry.clone(),
                admin: assembled.stores.admin.clone(),
            }),
        }))
    }

    /// The route to serve beside the MCP endpoint ([`SHOPIFY_WEBHOOK_PATH`]).
    pub fn router(&self) -> Router {
        Router::new()
            .route(
                SHOPIFY_WEBHOOK_PATH,
                post(
                    |State(this): State<Self>, headers: HeaderMap, body: Bytes| async move {
                        this.handle(&headers, &body).await
                    },
                ),
            )
            .layer(DefaultBodyLimit::max(DEFAULT_MAX_BODY_BYTES))
            .with_state(self.clone())
    }

    /// Verifies and acts on one delivery; the status to answer with (no body).
    pub async fn handle(&self, headers: &HeaderMap, body: &[u8]) -> StatusCode {
        let Some(workspace) = headers
            .get(HEADER_SHOP_DOMAIN)
            .and_then(|v| v.to_str().ok())
            .and_then(|d| self.inner.shops.get(&d.trim().to_ascii_lowercase()))
            .copied()
        else {
            // No workspace, so no secret to check the signature with.
            tracing::info!("shopify webhook for a shop this server does not serve: refused");
            return StatusCode::UNAUTHORIZED;
        };
        let verifier = match self.verifier(workspace).await {
            Ok(Some(v)) => v,
            Ok(None) => {
                tracing::warn!(%workspace, "shopify webhook refused: no signing secret stored (connect --platform shopify --slot webhooks --kind app_secret)");
                return StatusCode::UNAUTHORIZED;
            }
            Err(e) => {
                tracing::error!(%workspace, error = %e, "shopify webhook secret could not be read");
                return StatusCode::INTERNAL_SERVER_ERROR;
            }
        };
        let handler = WorkspaceHandler {
            this: self,
            workspace,
        };
        ComplianceWebhooks::new(verifier)
            .handle(headers, body, &handler)
            .await
            .status()
    }

    async fn verifier(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Option<WebhookVerifier>, shopmcp_vault::VaultError> {
        let vault = &self.inner.vault;
        let (current, previous) =
            if let Some(set) = vault.get_credential(workspace, SLOT_WEBHOOKS).await? {
                (
                    set.get("secret").cloned(),
                    set.get("previous_secret").cloned(),
                )
            } else if let Some(set) = vault.get_credential(workspace, SLOT_ADMIN).await? {
                (set.get("client_secret").cloned(), None)
            } else {
                (None, None)
            };
        Ok(current.map(|secret: SecretString| {
            let verifier = WebhookVerifier::new(&secret);
            match previous {
                Some(old) => verifier.with_previous_secret(&old),
                None => verifier,
            }
        }))
    }

    /// Erases everything held for `workspace` and withdraws its tools.
    pub async fn erase_workspace(&self, workspace: WorkspaceId) -> Result<(), CommandError> {
        let inner = &self.inner;
        inner.registry.remove(workspace);
        if let Some(admin) = &inner.admin {
            let report = admin
                .erase_workspace(workspace)
                .await
                .map_err(CommandError::from_display)?;
            let cached = inner.vault.revoke_cached_keys(workspace);
            tracing::info!(%workspace, rows = report.total(), cached_keys = cached, "workspace erased (shop/redact)");
            return Ok(());
        }
        let report = inner
            .vault
            .erase_workspace(workspace)
            .await
            .map_err(CommandError::from_display)?;
        let tokens = match &inner.tokens {
            Tokens::File(file) => file
                .remove_workspace(workspace)
                .map_err(CommandError::from_display)?,
            Tokens::Postgres(_) => 0,
        };
        tracing::info!(
            %workspace,
            credentials = report.records,
            data_keys = report.deks,
            tokens,
            "workspace erased (shop/redact)"
        );
        Ok(())
    }
}

/// The verified events of one workspace's shop.
struct WorkspaceHandler<'a> {
    this: &'a ShopifyCompliance,
    workspace: WorkspaceId,
}

#[async_trait]
impl ComplianceHandler for WorkspaceHandler<'_> {
    async fn customers_data_request(&self, _: &CustomerDataRequest) -> Result<(), ComplianceError> {
        tracing::info!(workspace = %self.workspace, "customers/data_request: no customer data is held");
        Ok(())
    }

    async fn customers_redact(&self, _: &CustomerRedact) -> Result<(), ComplianceError> {
        tracing::info!(workspace = %self.workspace, "customers/redact: no customer data is held");
        Ok(())
    }

    async fn shop_redact(&self, _: &ShopRedact) -> Result<(), ComplianceError> {
        // The verifier already checked the signed body's shop against the header that chose
        // this workspace.
        self.this
            .erase_workspace(self.workspace)
            .await
            .map_err(|e| ComplianceError::new(format!("erasure failed: {e}")))
    }
}

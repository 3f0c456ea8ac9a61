//! Shopify: connects, reads the token's granted access scopes, and registers only the tools
//! whose scopes are granted.

use std::sync::Arc;
use std::time::Duration;

use shopmcp_core::{CallContext, Principal};
use shopmcp_http::ShopHandle;
use shopmcp_shopify::{ApiVersion, ShopifyClient, ShopifyConfig, ToolOptions, filter_tools};

use super::{Clients, Connected, base_url};
use crate::commands::CommandError;
use crate::commands::connect::Vault;
use crate::config::{ShopifySection, WorkspaceConfig};

pub(super) async fn connect(
    ws: &WorkspaceConfig,
    section: &ShopifySection,
    clients: &Clients,
    vault: &Vault,
    out: &mut Connected,
) -> Result<(), CommandError> {
    let shop = ShopHandle::parse(&section.shop)
        .map_err(|e| CommandError(format!("shopify.shop = {:?}: {e}", section.shop)))?;
    let version: ApiVersion = section
        .api_version
        .parse()
        .map_err(|e| CommandError(format!("shopify.api_version: {e}")))?;
    let mut config = ShopifyConfig::new(shop, version);
    if let Some(endpoint) = &section.sandbox_endpoint {
        config = config.dangerous_endpoint(base_url("shopify.sandbox_endpoint", endpoint)?);
        out.notes.push(format!("shopify: SANDBOX at {endpoint}"));
    }
    let http = clients.pick(section.sandbox_endpoint.as_deref());
    let client = Arc::new(ShopifyClient::new(http.clone(), config));
    let options = ToolOptions::default().with_customer_pii(ws.customer_pii);
    let tools = shopmcp_shopify::tools(&client, &options);
    let credential = vault
        .get_credential(ws.id, shopmcp_shopify::SLOT_ADMIN)
        .await
        .map_err(|e| CommandError(format!("shopify credential of {}: {e}", ws.name)))?;
    let Some(credential) = credential else {
        out.notes.push(format!(
            "shopify: no credential yet (run: shopmcp-server connect --workspace {} --platform shopify --kind access_token)",
            ws.name
        ));
        out.tools.extend(tools);
        return Ok(());
    };
    let ctx = CallContext::new(ws.id, Principal::new("connect"), Duration::from_secs(20));
    let granted = client
        .granted_scopes(&ctx, &credential)
        .await
        .map_err(|e| {
            CommandError(format!(
                "shopify store {}: {}",
                section.shop,
                e.model_message()
            ))
        })?;
    let (kept, report) = filter_tools(tools, &granted);
    if !report.is_complete() {
        let missing: Vec<&str> = report.missing_scopes().into_iter().collect();
        out.notes.push(format!(
            "shopify: {} tools left out for missing scopes {}",
            report.left_out.len(),
            missing.join(", ")
        ));
        for line in report.to_string().lines() {
            tracing::info!(workspace = %ws.id, "{line}");
        }
    }
    out.tools.extend(kept);
    Ok(())
}

//! Magento 2 / Adobe Commerce.

use std::sync::Arc;

use shopmcp_magento::{MagentoClient, MagentoConfig, StoreCode, ToolOptions};

use super::{Clients, Connected, base_url};
use crate::commands::CommandError;
use crate::config::{MagentoSection, WorkspaceConfig};

pub(super) async fn connect(
    ws: &WorkspaceConfig,
    section: &MagentoSection,
    clients: &Clients,
    out: &mut Connected,
) -> Result<(), CommandError> {
    let store = base_url("magento.base_url", &section.base_url)?;
    // The configuration is the allowlist: the model never names a store code.
    let code = StoreCode::parse(&section.store_code, &[section.store_code.as_str()])
        .map_err(|e| CommandError(format!("magento.store_code: {e}")))?;
    let mut config = MagentoConfig::new(store.clone(), code);
    let http = clients.pick(section.sandbox_endpoint.as_deref());
    match &section.sandbox_endpoint {
        Some(endpoint) => {
            config = config.dangerous_endpoint(base_url("magento.sandbox_endpoint", endpoint)?);
            out.notes.push(format!("magento: SANDBOX at {endpoint}"));
        }
        None => http.check_base_url(&store).await.map_err(|e| {
            CommandError(format!(
                "magento store {} is not reachable safely: {}",
                section.base_url,
                e.model_message()
            ))
        })?,
    }
    let client = Arc::new(MagentoClient::new(http.clone(), config));
    let options = ToolOptions::with_customer_pii(ws.customer_pii);
    out.tools.extend(shopmcp_magento::tools(&client, &options));
    Ok(())
}

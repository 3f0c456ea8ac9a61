//! BigCommerce.

use std::sync::Arc;

use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig, ToolOptions};

use super::{Clients, Connected, base_url};
use crate::commands::CommandError;
use crate::config::{BigCommerceSection, WorkspaceConfig};

pub(super) fn connect(
    ws: &WorkspaceConfig,
    section: &BigCommerceSection,
    clients: &Clients,
    out: &mut Connected,
) -> Result<(), CommandError> {
    let mut config = BigCommerceConfig::parse(&section.store_hash)
        .map_err(|e| CommandError(format!("bigcommerce.store_hash: {e}")))?;
    if let Some(endpoint) = &section.sandbox_endpoint {
        config = config
            .dangerous_endpoint(&base_url("bigcommerce.sandbox_endpoint", endpoint)?)
            .map_err(|e| CommandError(format!("bigcommerce.sandbox_endpoint: {e}")))?;
        out.notes
            .push(format!("bigcommerce: SANDBOX at {endpoint}"));
    }
    let http = clients.pick(section.sandbox_endpoint.as_deref());
    let client = Arc::new(BigCommerceClient::new(http.clone(), config));
    let options = ToolOptions::default().with_customer_pii(ws.customer_pii);
    out.tools
        .extend(shopmcp_bigcommerce::tools(&client, &options));
    Ok(())
}

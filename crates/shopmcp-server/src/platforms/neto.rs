//! Neto (Maropost Commerce Cloud).

use std::sync::Arc;

use shopmcp_neto::{NetoClient, NetoConfig, ToolOptions};

use super::{Clients, Connected, base_url};
use crate::commands::CommandError;
use crate::config::{NetoSection, WorkspaceConfig};

pub(super) async fn connect(
    ws: &WorkspaceConfig,
    section: &NetoSection,
    clients: &Clients,
    out: &mut Connected,
) -> Result<(), CommandError> {
    let store = base_url("neto.base_url", &section.base_url)?;
    let mut config =
        NetoConfig::new(store.clone()).map_err(|e| CommandError(format!("neto.base_url: {e}")))?;
    let http = clients.pick(section.sandbox_endpoint.as_deref());
    match &section.sandbox_endpoint {
        Some(endpoint) => {
            config = config.dangerous_endpoint(base_url("neto.sandbox_endpoint", endpoint)?);
            out.notes.push(format!("neto: SANDBOX at {endpoint}"));
        }
        None => http.check_base_url(&store).await.map_err(|e| {
            CommandError(format!(
                "neto store {} is not reachable safely: {}",
                section.base_url,
                e.model_message()
            ))
        })?,
    }
    let client = Arc::new(NetoClient::new(http.clone(), config));
    let options = ToolOptions::default().with_customer_pii(ws.customer_pii);
    out.tools.extend(shopmcp_neto::tools(&client, &options));
    Ok(())
}

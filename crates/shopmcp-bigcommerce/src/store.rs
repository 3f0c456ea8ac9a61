//! Store profile: `GET /v2/store`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{opt_bool, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {}

/// The store's global settings (contact e-mail addresses and phone numbers are left out).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct StoreInfo {
    /// Store id.
    #[serde(default, deserialize_with = "opt_string")]
    id: Option<String>,
    /// Store name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// Primary domain.
    #[serde(default, deserialize_with = "opt_string")]
    domain: Option<String>,
    /// Secure storefront URL.
    #[serde(default, deserialize_with = "opt_string")]
    secure_url: Option<String>,
    /// `live`, `maintenance`, …
    #[serde(default, deserialize_with = "opt_string")]
    status: Option<String>,
    /// Country of the store.
    #[serde(default, deserialize_with = "opt_string")]
    country: Option<String>,
    /// ISO country code.
    #[serde(default, deserialize_with = "opt_string")]
    country_code: Option<String>,
    /// Default currency code.
    #[serde(default, deserialize_with = "opt_string")]
    currency: Option<String>,
    /// Language.
    #[serde(default, deserialize_with = "opt_string")]
    language: Option<String>,
    /// Time zone.
    #[serde(default)]
    timezone: Option<Timezone>,
    /// Weight units.
    #[serde(default, deserialize_with = "opt_string")]
    weight_units: Option<String>,
    /// Dimension units.
    #[serde(default, deserialize_with = "opt_string")]
    dimension_units: Option<String>,
    /// Plan name.
    #[serde(default, deserialize_with = "opt_string")]
    plan_name: Option<String>,
    /// Whether prices are entered with tax.
    #[serde(default, deserialize_with = "opt_bool")]
    is_price_entered_with_tax: Option<bool>,
    /// Default channel id.
    #[serde(default, deserialize_with = "opt_u64")]
    default_channel_id: Option<u64>,
}

/// A time zone.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Timezone {
    /// IANA name, e.g. `America/Chicago`.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
}

/// `bigcommerce_store_get`.
pub(crate) fn get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<GetInput, StoreInfo>("bigcommerce_store_get")
        .title("Get store information")
        .description(
            "Returns the store's name, domain, status, currency, language, time zone, units and plan.",
        )
        .scopes([scopes::INFORMATION_READ])
        .build();
    tool(spec, state, handle_get)
}

fn handle_get<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let _input: GetInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = Endpoint::v2(["store"], "the store");
        let info: StoreInfo = state
            .client
            .get(call.ctx, &creds, &endpoint, Query::new())
            .await?;
        ToolOutput::new(&info)
    })
}

//! Locations: `GET /v3/inventory/locations`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{PageInfo, Paging, opt_bool, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// Paging only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// A location (the merchant's own premises; no contact data is returned).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Location {
    /// Location id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Code.
    #[serde(default, deserialize_with = "opt_string")]
    code: Option<String>,
    /// Label.
    #[serde(default, deserialize_with = "opt_string")]
    label: Option<String>,
    /// `PHYSICAL` or `VIRTUAL`.
    #[serde(default, deserialize_with = "opt_string")]
    type_id: Option<String>,
    /// Whether it is enabled.
    #[serde(default, deserialize_with = "opt_bool")]
    enabled: Option<bool>,
    /// Whether shoppers can see it.
    #[serde(default, deserialize_with = "opt_bool")]
    storefront_visibility: Option<bool>,
    /// Whether an external system manages it.
    #[serde(default, deserialize_with = "opt_bool")]
    managed_by_external_source: Option<bool>,
    /// Time zone.
    #[serde(default, deserialize_with = "opt_string")]
    time_zone: Option<String>,
    /// City and country.
    #[serde(default)]
    address: Option<Place>,
}

/// Where a location is.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Place {
    /// City.
    #[serde(default, deserialize_with = "opt_string")]
    city: Option<String>,
    /// State.
    #[serde(default, deserialize_with = "opt_string")]
    state: Option<String>,
    /// Country code.
    #[serde(default, deserialize_with = "opt_string")]
    country_code: Option<String>,
}

/// A page of locations.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    locations: Vec<Location>,
    page: PageInfo,
}

/// `bigcommerce_locations_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_locations_list")
        .title("List inventory locations")
        .description("Lists the store's inventory locations with their ids, codes and status.")
        .scopes([scopes::LOCATIONS_READ])
        .build();
    tool(spec, state, handle_list)
}

fn handle_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let endpoint = Endpoint::v3(["inventory", "locations"], "locations");
        let page = state
            .client
            .list::<Location>(call.ctx, &creds, &endpoint, Query::new().paging(paging))
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&ListOutput {
            locations: page.items,
            page: info,
        })
    })
}

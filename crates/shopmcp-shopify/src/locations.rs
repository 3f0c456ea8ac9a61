//! `shopify_locations_list`: the shop's locations.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, PageInfo, page_size};

pub(crate) const LOCATIONS_LIST: Document = Document::admin_query(
    "LocationsList",
    r"query LocationsList($first: Int!, $after: String, $includeInactive: Boolean!) {
  locations(first: $first, after: $after, includeInactive: $includeInactive) {
    nodes {
      id
      name
      isActive
      fulfillsOnlineOrders
      hasActiveInventory
      address {
        address1
        city
        provinceCode
        zip
        countryCode
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}",
);

/// Paging.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Page size, 1 to 50 (default 20).
    #[schemars(range(min = 1, max = 50))]
    first: Option<u32>,
    /// `page_info.end_cursor` of the previous page.
    #[schemars(length(max = 512))]
    after: Option<String>,
    /// Whether to include deactivated locations (default false).
    include_inactive: Option<bool>,
}

/// One location (the merchant's own premises).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Location {
    /// Location GID.
    id: String,
    /// Name.
    name: String,
    /// Whether it is active.
    active: bool,
    /// Whether it fulfills online orders.
    fulfills_online_orders: bool,
    /// Whether it holds stock.
    has_inventory: bool,
    /// Street.
    address1: Option<String>,
    /// City.
    city: Option<String>,
    /// Province code.
    province_code: Option<String>,
    /// Postal code.
    zip: Option<String>,
    /// Country code.
    country_code: Option<String>,
}

/// A page of locations.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The locations.
    locations: Vec<Location>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
struct Data {
    locations: Connection<WireLocation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLocation {
    id: String,
    name: String,
    is_active: bool,
    fulfills_online_orders: bool,
    has_active_inventory: bool,
    address: WireAddress,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireAddress {
    address1: Option<String>,
    city: Option<String>,
    province_code: Option<String>,
    zip: Option<String>,
    country_code: Option<String>,
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_locations_list", Platform::Shopify)
        .title("List locations")
        .description(
            "Lists the shop's locations (warehouses, stores) with their ids, for the \
             inventory tools.",
        )
        .scopes(["read_locations"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "includeInactive": input.include_inactive.unwrap_or(false),
        });
        let mut data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &LOCATIONS_LIST, variables)
            .await?;
        let page_info = data.locations.page();
        ToolOutput::new(&Output {
            locations: data
                .locations
                .nodes
                .into_iter()
                .map(|l| Location {
                    id: l.id,
                    name: l.name,
                    active: l.is_active,
                    fulfills_online_orders: l.fulfills_online_orders,
                    has_inventory: l.has_active_inventory,
                    address1: l.address.address1,
                    city: l.address.city,
                    province_code: l.address.province_code,
                    zip: l.address.zip,
                    country_code: l.address.country_code,
                })
                .collect(),
            page_info,
        })
    })
}

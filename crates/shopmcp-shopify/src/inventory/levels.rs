//! `shopify_inventory_levels_list`: stock by SKU, by location, or both.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::error::{ShopifyError, invalid};
use crate::gid;
use crate::graphql::Document;
use crate::search::Search;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, PageInfo, page_size};

pub(crate) const INVENTORY_BY_SKU: Document = Document::admin_query(
    "InventoryBySku",
    r#"query InventoryBySku($query: String!) {
  inventoryItems(first: 5, query: $query) {
    nodes {
      id
      sku
      tracked
      inventoryLevels(first: 20) {
        nodes {
          location {
            id
            name
          }
          quantities(names: ["available", "on_hand", "committed", "incoming", "reserved"]) {
            name
            quantity
          }
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}"#,
);

pub(crate) const INVENTORY_AT_LOCATION: Document = Document::admin_query(
    "InventoryAtLocation",
    r#"query InventoryAtLocation($locationId: ID!, $first: Int!, $after: String) {
  location(id: $locationId) {
    id
    name
    inventoryLevels(first: $first, after: $after) {
      nodes {
        item {
          id
          sku
          tracked
        }
        quantities(names: ["available", "on_hand", "committed", "incoming", "reserved"]) {
          name
          quantity
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}"#,
);

/// A SKU, a location, or both.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// The SKU (exact).
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Location GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    location_id: Option<String>,
    /// Page size when listing a location without a SKU, 1 to 50 (default 20).
    #[schemars(range(min = 1, max = 50))]
    first: Option<u32>,
    /// `page_info.end_cursor` of the previous page (location listings).
    #[schemars(length(max = 512))]
    after: Option<String>,
}

/// Stock of one item at one location.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Level {
    /// Inventory item GID.
    inventory_item_id: String,
    /// SKU.
    sku: Option<String>,
    /// Whether stock is tracked.
    tracked: bool,
    /// Location GID.
    location_id: String,
    /// Location name.
    location_name: String,
    /// Can be sold.
    available: Option<i64>,
    /// Physically present.
    on_hand: Option<i64>,
    /// Committed to orders.
    committed: Option<i64>,
    /// On the way.
    incoming: Option<i64>,
    /// Reserved.
    reserved: Option<i64>,
}

/// Stock levels.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The levels.
    levels: Vec<Level>,
    /// Paging (location listings only).
    page_info: PageInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SkuData {
    inventory_items: Connection<WireItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireItem {
    id: String,
    sku: Option<String>,
    tracked: bool,
    #[serde(default)]
    inventory_levels: Option<Connection<WireLevel>>,
}

#[derive(Deserialize)]
struct WireLevel {
    #[serde(default)]
    location: Option<WireLocation>,
    #[serde(default)]
    item: Option<WireItem>,
    quantities: Vec<WireQuantity>,
}

#[derive(Deserialize)]
struct WireLocation {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct WireQuantity {
    name: String,
    quantity: i64,
}

#[derive(Deserialize)]
struct LocationData {
    location: Option<WireLocationLevels>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLocationLevels {
    id: String,
    name: String,
    inventory_levels: Connection<WireLevel>,
}

fn level(item: &WireItem, location: &WireLocation, quantities: &[WireQuantity]) -> Level {
    let q = |name: &str| {
        quantities
            .iter()
            .find(|q| q.name == name)
            .map(|q| q.quantity)
    };
    Level {
        inventory_item_id: item.id.clone(),
        sku: item.sku.clone(),
        tracked: item.tracked,
        location_id: location.id.clone(),
        location_name: location.name.clone(),
        available: q("available"),
        on_hand: q("on_hand"),
        committed: q("committed"),
        incoming: q("incoming"),
        reserved: q("reserved"),
    }
}

pub(crate) fn levels(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_inventory_levels_list", Platform::Shopify)
        .title("Inventory levels")
        .description(
            "Returns stock (available, on hand, committed, incoming, reserved) for a SKU at \
         every location, for every item at one location, or for a SKU at one location. \
         Give `sku`, `location_id` or both.",
        )
        .scopes(["read_inventory", "read_locations"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let location = input
            .location_id
            .as_deref()
            .map(|l| gid::numeric("Location", "location_id", l))
            .transpose()?;
        let cred = call.credential()?;
        let output = match (input.sku, location) {
            (None, None) => return Err(invalid("give `sku`, `location_id` or both")),
            (Some(sku), location) => {
                let query = Search::new().eq("sku", Some(&sku)).build();
                let data: SkuData = shared
                    .client
                    .admin(call.ctx, cred, &INVENTORY_BY_SKU, json!({ "query": query }))
                    .await?;
                let mut items = data.inventory_items;
                let page_info = items.page();
                let mut levels = Vec::new();
                for item in &items.nodes {
                    for l in item.inventory_levels.iter().flat_map(|c| &c.nodes) {
                        if let Some(loc) = &l.location
                            && location.as_ref().is_none_or(|want| *want == loc.id)
                        {
                            levels.push(level(item, loc, &l.quantities));
                        }
                    }
                }
                Output { levels, page_info }
            }
            (None, Some(location)) => {
                let variables = json!({
                    "locationId": location,
                    "first": page_size(input.first),
                    "after": input.after,
                });
                let data: LocationData = shared
                    .client
                    .admin(call.ctx, cred, &INVENTORY_AT_LOCATION, variables)
                    .await?;
                let mut loc = data
                    .location
                    .ok_or_else(|| ShopifyError::NotFound(format!("location {location}")))?;
                let page_info = loc.inventory_levels.page();
                let here = WireLocation {
                    id: loc.id,
                    name: loc.name,
                };
                let levels = loc
                    .inventory_levels
                    .nodes
                    .iter()
                    .filter_map(|l| l.item.as_ref().map(|i| level(i, &here, &l.quantities)))
                    .collect();
                Output { levels, page_info }
            }
        };
        ToolOutput::new(&output)
    })
}

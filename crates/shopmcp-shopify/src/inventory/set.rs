//! `shopify_inventory_set` (W2): set an item's available or on-hand quantity at a location,
//! guarded by the quantity last read (compare-and-set).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec};

use super::{Output, Reason, WireGroup, call_reference};
use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::shared::{Built, Shared, tool};

pub(crate) const INVENTORY_SET: Document = Document::admin_mutation(
    "InventorySet",
    r"mutation InventorySet($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup {
      id
      createdAt
      reason
      changes {
        name
        delta
        quantityAfterChange
        item {
          id
        }
        location {
          id
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}",
);

/// Which quantity is set.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum QuantityName {
    /// Units that can be sold (default).
    #[default]
    Available,
    /// Units physically present.
    OnHand,
}

/// Which stock, the new quantity, and the quantity last read.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Inventory item GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    inventory_item_id: String,
    /// Location GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    location_id: String,
    /// The new quantity.
    #[schemars(range(min = 0, max = 1000000000))]
    quantity: i32,
    /// `available` (default) or `on_hand`.
    quantity_name: Option<QuantityName>,
    /// Why the stock changes.
    reason: Reason,
    /// The quantity you last read (see `shopify_inventory_levels_list`); Shopify refuses
    /// the change if the stock has changed since.
    #[schemars(range(min = -1000000000, max = 1000000000))]
    current_quantity: i32,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    inventory_set_quantities: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    inventory_adjustment_group: Option<WireGroup>,
    user_errors: Vec<WireUserError>,
}

pub(crate) fn set(shared: &Arc<Shared>) -> Built {
    let spec =
        ToolSpec::write::<Input, Output>("shopify_inventory_set", Platform::Shopify, RiskTier::W2)
            .title("Set stock")
            .description(
                "Sets the available (or on-hand) quantity of one inventory item at one location, \
         with a reason. `current_quantity` must be the quantity you last read; the change is \
         refused if the stock changed since.",
            )
            .scopes(["write_inventory"])
            .identifiers(["inventory_item_id", "location_id"])
            .writable(["quantity", "quantity_name", "reason", "current_quantity"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let item = gid::numeric(
            "InventoryItem",
            "inventory_item_id",
            &input.inventory_item_id,
        )?;
        let location = gid::numeric("Location", "location_id", &input.location_id)?;
        let name = match input.quantity_name.unwrap_or_default() {
            QuantityName::Available => "available",
            QuantityName::OnHand => "on_hand",
        };
        let (key, reference) = call_reference(call.ctx);
        let variables = json!({
            "idempotencyKey": key,
            "input": {
                "name": name,
                "reason": input.reason.as_str(),
                "referenceDocumentUri": reference,
                "quantities": [{
                    "inventoryItemId": item,
                    "locationId": location,
                    "quantity": input.quantity,
                    "changeFromQuantity": input.current_quantity,
                }],
            },
        });
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &INVENTORY_SET, variables)
            .await?;
        let payload = data
            .inventory_set_quantities
            .ok_or(ShopifyError::Malformed(
                "inventorySetQuantities payload missing",
            ))?;
        user_errors(payload.user_errors)?;
        let group = payload
            .inventory_adjustment_group
            .ok_or(ShopifyError::Malformed("no adjustment group"))?;
        ToolOutput::new(&Output::from(group))
    })
}

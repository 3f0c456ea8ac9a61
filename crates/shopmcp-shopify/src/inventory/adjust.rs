//! `shopify_inventory_adjust` (W2): change an item's available stock at a location by a delta.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec};

use super::{Output, Reason, WireGroup, call_reference};
use crate::error::{ShopifyError, invalid};
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::shared::{Built, Shared, tool};

pub(crate) const INVENTORY_ADJUST: Document = Document::admin_mutation(
    "InventoryAdjust",
    r"mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!, $idempotencyKey: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $idempotencyKey) {
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

/// Which stock, by how much, and why.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Inventory item GID or numeric id (see `shopify_products_get`).
    #[schemars(length(min = 1, max = 64))]
    inventory_item_id: String,
    /// Location GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    location_id: String,
    /// The change of the available quantity, e.g. `-2` or `10` (not zero).
    #[schemars(range(min = -100000, max = 100000))]
    delta: i32,
    /// Why the stock changes.
    reason: Reason,
    /// The available quantity you last read; if given, Shopify refuses the change when the
    /// stock has changed since.
    #[schemars(range(min = -1000000000, max = 1000000000))]
    expected_available: Option<i32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    inventory_adjust_quantities: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    inventory_adjustment_group: Option<WireGroup>,
    user_errors: Vec<WireUserError>,
}

pub(crate) fn adjust(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_inventory_adjust",
        Platform::Shopify,
        RiskTier::W2,
    )
    .title("Adjust stock")
    .description(
        "Adds or removes available units of one inventory item at one location, with a \
         reason from Shopify's list. Use `expected_available` to make sure nobody changed \
         the stock since you read it.",
    )
    .scopes(["write_inventory"])
    .identifiers(["inventory_item_id", "location_id"])
    .writable(["delta", "reason", "expected_available"]);
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
        if input.delta == 0 {
            return Err(invalid("`delta` must not be zero"));
        }
        let (key, reference) = call_reference(call.ctx);
        let variables = json!({
            "idempotencyKey": key,
            "input": {
                "name": "available",
                "reason": input.reason.as_str(),
                "referenceDocumentUri": reference,
                "changes": [{
                    "inventoryItemId": item,
                    "locationId": location,
                    "delta": input.delta,
                    "changeFromQuantity": input.expected_available,
                }],
            },
        });
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &INVENTORY_ADJUST, variables)
            .await?;
        let payload = data
            .inventory_adjust_quantities
            .ok_or(ShopifyError::Malformed(
                "inventoryAdjustQuantities payload missing",
            ))?;
        user_errors(payload.user_errors)?;
        let group = payload
            .inventory_adjustment_group
            .ok_or(ShopifyError::Malformed("no adjustment group"))?;
        ToolOutput::new(&Output::from(group))
    })
}

//! `shopify_fulfillment_orders_list`: what is left to ship for an order, and from where.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, WireRef};

pub(crate) const FULFILLMENT_ORDERS_LIST: Document = Document::admin_query(
    "FulfillmentOrdersList",
    r"query FulfillmentOrdersList($orderId: ID!) {
  order(id: $orderId) {
    id
    name
    fulfillmentOrders(first: 20) {
      nodes {
        id
        status
        requestStatus
        fulfillAt
        fulfillBy
        updatedAt
        assignedLocation {
          name
          location {
            id
          }
        }
        supportedActions {
          action
        }
        lineItems(first: 100) {
          nodes {
            id
            sku
            productTitle
            variantTitle
            totalQuantity
            remainingQuantity
          }
        }
      }
    }
  }
}",
);

/// Which order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Order GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    order_id: String,
}

/// One line of a fulfillment order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Line {
    /// Fulfillment order line item GID (for `shopify_fulfillments_create`).
    id: String,
    /// SKU.
    sku: Option<String>,
    /// Product title.
    product_title: String,
    /// Variant title.
    variant_title: Option<String>,
    /// Quantity in this fulfillment order.
    total_quantity: i64,
    /// Quantity still to ship.
    remaining_quantity: i64,
}

/// One fulfillment order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct FulfillmentOrder {
    /// Fulfillment order GID.
    id: String,
    /// Status (`OPEN`, `IN_PROGRESS`, `CLOSED`…).
    status: String,
    /// Request status towards a fulfillment service.
    request_status: String,
    /// Location name.
    location_name: String,
    /// Location GID.
    location_id: Option<String>,
    /// When it becomes fulfillable.
    fulfill_at: Option<String>,
    /// When it must be fulfilled by.
    fulfill_by: Option<String>,
    /// Last update.
    updated_at: String,
    /// What can be done with it now (e.g. `CREATE_FULFILLMENT`).
    supported_actions: Vec<String>,
    /// Its lines.
    lines: Vec<Line>,
}

/// The order's fulfillment orders.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Order GID.
    order_id: String,
    /// Order name.
    order_name: String,
    /// Fulfillment orders (first 20).
    fulfillment_orders: Vec<FulfillmentOrder>,
}

#[derive(Deserialize)]
struct Data {
    order: Option<WireOrder>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireOrder {
    id: String,
    name: String,
    fulfillment_orders: Connection<WireFulfillmentOrder>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireFulfillmentOrder {
    id: String,
    status: String,
    request_status: String,
    fulfill_at: Option<String>,
    fulfill_by: Option<String>,
    updated_at: String,
    assigned_location: WireAssigned,
    supported_actions: Vec<WireAction>,
    line_items: Connection<WireLine>,
}

#[derive(Deserialize)]
struct WireAssigned {
    name: String,
    location: Option<WireRef>,
}

#[derive(Deserialize)]
struct WireAction {
    action: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLine {
    id: String,
    sku: Option<String>,
    product_title: String,
    variant_title: Option<String>,
    total_quantity: i64,
    remaining_quantity: i64,
}

impl From<WireFulfillmentOrder> for FulfillmentOrder {
    fn from(f: WireFulfillmentOrder) -> Self {
        Self {
            id: f.id,
            status: f.status,
            request_status: f.request_status,
            location_name: f.assigned_location.name,
            location_id: f.assigned_location.location.map(|l| l.id),
            fulfill_at: f.fulfill_at,
            fulfill_by: f.fulfill_by,
            updated_at: f.updated_at,
            supported_actions: f.supported_actions.into_iter().map(|a| a.action).collect(),
            lines: f
                .line_items
                .nodes
                .into_iter()
                .map(|l| Line {
                    id: l.id,
                    sku: l.sku,
                    product_title: l.product_title,
                    variant_title: l.variant_title,
                    total_quantity: l.total_quantity,
                    remaining_quantity: l.remaining_quantity,
                })
                .collect(),
        }
    }
}

pub(crate) fn orders(shared: &Arc<Shared>) -> Built {
    let spec =
        ToolSpec::read::<Input, Output>("shopify_fulfillment_orders_list", Platform::Shopify)
            .title("Fulfillment orders of an order")
            .description(
                "Lists the fulfillment orders of one order: status, assigned location, and each \
         line's remaining quantity, with the ids `shopify_fulfillments_create` needs.",
            )
            .scopes(["read_orders", "read_merchant_managed_fulfillment_orders"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Order", "order_id", &input.order_id)?;
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &FULFILLMENT_ORDERS_LIST,
                json!({ "orderId": id }),
            )
            .await?;
        let order = data
            .order
            .ok_or_else(|| ShopifyError::NotFound(format!("order {id}")))?;
        ToolOutput::new(&Output {
            order_id: order.id,
            order_name: order.name,
            fulfillment_orders: order
                .fulfillment_orders
                .nodes
                .into_iter()
                .map(Into::into)
                .collect(),
        })
    })
}

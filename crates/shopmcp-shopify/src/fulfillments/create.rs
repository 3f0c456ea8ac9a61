//! `shopify_fulfillments_create` (W3): mark a fulfillment order's items as shipped, with
//! tracking; the customer is notified only when asked.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolError, ToolOutput, ToolSpec};

use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::orders::{Tracking, WireTracking};
use crate::shared::{Built, Shared, tool};

pub(crate) const FULFILLMENT_CREATE: Document = Document::admin_mutation(
    "FulfillmentCreate",
    r"mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment {
      id
      name
      status
      createdAt
      trackingInfo(first: 5) {
        company
        number
        url
      }
    }
    userErrors {
      field
      message
    }
  }
}",
);

/// A line to fulfill and how many units.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineInput {
    /// Fulfillment order line item GID (from `shopify_fulfillment_orders_list`).
    #[schemars(length(min = 1, max = 64))]
    id: String,
    /// Units to fulfill.
    #[schemars(range(min = 1, max = 100000))]
    quantity: u32,
}

/// What to fulfill and the tracking.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Fulfillment order GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    fulfillment_order_id: String,
    /// Lines and quantities; omit to fulfill everything that remains.
    #[schemars(length(min = 1, max = 250))]
    line_items: Option<Vec<LineInput>>,
    /// Carrier name, e.g. `UPS` (Shopify builds the tracking link for known carriers).
    #[schemars(length(min = 1, max = 255))]
    tracking_company: Option<String>,
    /// Tracking number.
    #[schemars(length(min = 1, max = 255))]
    tracking_number: Option<String>,
    /// Whether Shopify e-mails the customer a shipping confirmation (default false).
    notify_customer: Option<bool>,
    /// A key you choose for this fulfillment; repeating the call with the same key does
    /// not fulfill twice.
    // Read by the pipeline (replay protection), not by the handler.
    #[serde(rename = "idempotency_key")]
    #[schemars(length(min = 8, max = 128))]
    _idempotency_key: String,
}

/// The fulfillment created.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Fulfillment GID.
    id: String,
    /// Name, e.g. `#1001-F1`.
    name: String,
    /// Status.
    status: String,
    /// When it was created.
    created_at: String,
    /// Tracking.
    tracking: Vec<Tracking>,
    /// Whether the customer was notified.
    customer_notified: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    fulfillment_create: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    fulfillment: Option<WireFulfillment>,
    user_errors: Vec<WireUserError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireFulfillment {
    id: String,
    name: String,
    status: String,
    created_at: String,
    tracking_info: Vec<WireTracking>,
}

/// The `FulfillmentInput` for `input`.
fn fulfillment_input(input: &Input, notify: bool) -> Result<Value, ToolError> {
    let order = gid::numeric(
        "FulfillmentOrder",
        "fulfillment_order_id",
        &input.fulfillment_order_id,
    )?;
    let mut by_order = Map::new();
    by_order.insert("fulfillmentOrderId".into(), json!(order));
    if let Some(lines) = &input.line_items {
        let lines = lines
            .iter()
            .map(|l| {
                let id = gid::numeric("FulfillmentOrderLineItem", "line_items[].id", &l.id)?;
                Ok(json!({ "id": id, "quantity": l.quantity }))
            })
            .collect::<Result<Vec<_>, ToolError>>()?;
        by_order.insert("fulfillmentOrderLineItems".into(), Value::Array(lines));
    }
    let mut fulfillment = Map::new();
    fulfillment.insert(
        "lineItemsByFulfillmentOrder".into(),
        json!([Value::Object(by_order)]),
    );
    fulfillment.insert("notifyCustomer".into(), json!(notify));
    let mut tracking = Map::new();
    if let Some(c) = &input.tracking_company {
        tracking.insert("company".into(), json!(c));
    }
    if let Some(n) = &input.tracking_number {
        tracking.insert("number".into(), json!(n));
    }
    if !tracking.is_empty() {
        fulfillment.insert("trackingInfo".into(), Value::Object(tracking));
    }
    Ok(Value::Object(fulfillment))
}

pub(crate) fn create(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_fulfillments_create",
        Platform::Shopify,
        RiskTier::W3,
    )
    .title("Create a fulfillment")
    .description(
        "Marks the items of one fulfillment order (all remaining, or the given lines and \
         quantities) as fulfilled, with an optional carrier and tracking number. The customer \
         is not notified unless `notify_customer` is true. Needs a human confirmation and an \
         idempotency key.",
    )
    .scopes(["write_merchant_managed_fulfillment_orders"])
    .identifiers(["fulfillment_order_id"])
    .writable([
        "line_items",
        "tracking_company",
        "tracking_number",
        "notify_customer",
    ]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let notify = input.notify_customer.unwrap_or(false);
        let fulfillment = fulfillment_input(&input, notify)?;
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &FULFILLMENT_CREATE,
                json!({ "fulfillment": fulfillment }),
            )
            .await?;
        let payload = data
            .fulfillment_create
            .ok_or(ShopifyError::Malformed("fulfillmentCreate payload missing"))?;
        user_errors(payload.user_errors)?;
        let f = payload.fulfillment.ok_or(ShopifyError::Malformed(
            "fulfillmentCreate returned no fulfillment",
        ))?;
        ToolOutput::new(&Output {
            id: f.id,
            name: f.name,
            status: f.status,
            created_at: f.created_at,
            tracking: f.tracking_info.into_iter().map(Into::into).collect(),
            customer_notified: notify,
        })
    })
}

//! Order writes through `UpdateOrder`: `neto_order_notes_add` (a sticky note, W1) and
//! `neto_order_status_update` (status and tracking details, W3: confirmed by a human,
//! idempotency key, customer e-mail only when asked).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolError, ToolOutput, ToolSpec};

use crate::Action;
use crate::common::{Shared, ToolList, day_start, tool};
use crate::error::NetoError;
use crate::order_fields::OrderStatus;
use crate::wire::{one_or_many, text_opt};

/// The `SendOrderEmail` value that e-mails the customer the tracking details (Maropost's
/// UpdateOrder example). Without it no `SendOrderEmail` is sent.
pub(crate) const SEND_TRACKING_EMAIL: &str = "tracking";

/// Arguments of `neto_order_notes_add`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoteInput {
    /// The order id (e.g. `N10042`).
    #[schemars(length(min = 1, max = 50))]
    order_id: String,
    /// Note title.
    #[schemars(length(min = 1, max = 100))]
    title: String,
    /// Note text (staff-facing; never sent to the customer).
    #[schemars(length(min = 1, max = 2000), extend("x-shopmcp-text" = "free"))]
    description: String,
}

/// Arguments of `neto_order_status_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusInput {
    /// The order id (e.g. `N10042`).
    #[schemars(length(min = 1, max = 50))]
    order_id: String,
    /// A key unique to this change; repeating a call with the same key does not repeat it.
    #[schemars(length(min = 8, max = 128))]
    #[allow(
        dead_code,
        reason = "checked and recorded by the pipeline before the handler runs"
    )]
    idempotency_key: String,
    /// The new status.
    order_status: OrderStatus,
    /// Tracking details per order line (SKU).
    #[schemars(length(min = 1, max = 100))]
    tracking: Option<Vec<TrackingInput>>,
    /// E-mail the customer the tracking details (default: no e-mail).
    send_customer_email: Option<bool>,
}

/// Tracking details of one order line.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrackingInput {
    /// The SKU of the order line.
    #[schemars(length(min = 1, max = 100))]
    sku: String,
    /// The shipping method; must match a shipping service set up in the store.
    #[schemars(length(min = 1, max = 100))]
    shipping_method: String,
    /// The carrier's tracking number.
    #[schemars(length(min = 1, max = 100))]
    tracking_number: String,
    /// The day it shipped (store time); the store's default when left out.
    #[schemars(extend("format" = "date"))]
    date_shipped: Option<String>,
}

/// One `UpdateOrder` record (Neto's names).
#[derive(Debug, Default, Serialize)]
struct OrderRecord {
    #[serde(rename = "OrderID")]
    order_id: String,
    #[serde(rename = "OrderStatus", skip_serializing_if = "Option::is_none")]
    order_status: Option<OrderStatus>,
    #[serde(rename = "SendOrderEmail", skip_serializing_if = "Option::is_none")]
    send_order_email: Option<&'static str>,
    #[serde(rename = "OrderLine", skip_serializing_if = "Vec::is_empty")]
    order_line: Vec<TrackingLine>,
    #[serde(rename = "StickyNotes", skip_serializing_if = "Vec::is_empty")]
    sticky_notes: Vec<StickyNote>,
}

#[derive(Debug, Serialize)]
struct TrackingLine {
    #[serde(rename = "SKU")]
    sku: String,
    #[serde(rename = "TrackingDetails")]
    tracking_details: TrackingDetails,
}

#[derive(Debug, Serialize)]
struct TrackingDetails {
    #[serde(rename = "ShippingMethod")]
    shipping_method: String,
    #[serde(rename = "TrackingNumber")]
    tracking_number: String,
    #[serde(rename = "DateShipped", skip_serializing_if = "Option::is_none")]
    date_shipped: Option<String>,
}

#[derive(Debug, Serialize)]
struct StickyNote {
    #[serde(rename = "Title")]
    title: String,
    #[serde(rename = "Description")]
    description: String,
}

/// `{"Order": [record]}`.
#[derive(Debug, Serialize)]
struct UpdateOrderBody {
    #[serde(rename = "Order")]
    order: [OrderRecord; 1],
}

#[derive(Debug, Deserialize)]
struct UpdatedOrder {
    #[serde(rename = "OrderID", default, deserialize_with = "text_opt")]
    order_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct UpdateOrderReply {
    #[serde(rename = "Order", default, deserialize_with = "one_or_many")]
    orders: Vec<UpdatedOrder>,
}

/// `neto_order_notes_add` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct NoteOutput {
    /// The order.
    order_id: String,
    /// Whether the store confirmed the update.
    added: bool,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// `neto_order_status_update` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StatusOutput {
    /// The order.
    order_id: String,
    /// The status sent.
    order_status: OrderStatus,
    /// How many order lines got tracking details.
    tracking_lines: usize,
    /// Whether the store was asked to e-mail the customer.
    customer_email_requested: bool,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![
        tool(
            ToolSpec::write::<NoteInput, NoteOutput>(
                "neto_order_notes_add",
                Platform::Neto,
                RiskTier::W1,
            )
            .title("Add a sticky note to an order")
            .description("Adds a staff-facing sticky note (title and text) to one order. Nothing else of the order changes and the customer is not told.")
            .scopes([Action::UpdateOrder.as_str()])
            .identifiers(["order_id"])
            .writable(["title", "description"])
            .idempotent(false)
            .build(),
            shared,
            add_note,
        ),
        tool(
            ToolSpec::write::<StatusInput, StatusOutput>(
                "neto_order_status_update",
                Platform::Neto,
                RiskTier::W3,
            )
            .title("Update an order's status and tracking")
            .description("Sets one order's status (e.g. Dispatched) and optionally tracking details per order line. The customer is e-mailed the tracking details only when send_customer_email is true. Needs a human confirmation and an idempotency key.")
            .scopes([Action::UpdateOrder.as_str()])
            .identifiers(["order_id"])
            .writable(["order_status", "tracking", "send_customer_email"])
            .build(),
            shared,
            update_status,
        ),
    ]
}

async fn send(
    shared: &Shared,
    call: &ToolCall<'_>,
    record: OrderRecord,
) -> Result<Vec<String>, ToolError> {
    let order_id = record.order_id.clone();
    let body = UpdateOrderBody { order: [record] };
    let reply = shared
        .client
        .send::<_, UpdateOrderReply>(call, Action::UpdateOrder, &body)
        .await?;
    if !reply
        .data
        .orders
        .iter()
        .any(|o| o.order_id.as_deref() == Some(order_id.as_str()))
    {
        return Err(NetoError::Unconfirmed {
            action: Action::UpdateOrder,
            warnings: reply.warnings,
        }
        .into());
    }
    Ok(reply.warnings)
}

fn add_note<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: NoteInput = call.input()?;
        let record = OrderRecord {
            order_id: input.order_id.clone(),
            sticky_notes: vec![StickyNote {
                title: input.title,
                description: input.description,
            }],
            ..OrderRecord::default()
        };
        let warnings = send(shared, &call, record).await?;
        ToolOutput::new(&NoteOutput {
            order_id: input.order_id,
            added: true,
            warnings,
        })
    })
}

fn update_status<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: StatusInput = call.input()?;
        let email = input.send_customer_email.unwrap_or(false);
        let order_line: Vec<TrackingLine> = input
            .tracking
            .unwrap_or_default()
            .into_iter()
            .map(|t| TrackingLine {
                sku: t.sku,
                tracking_details: TrackingDetails {
                    shipping_method: t.shipping_method,
                    tracking_number: t.tracking_number,
                    date_shipped: day_start(t.date_shipped.as_ref()),
                },
            })
            .collect();
        let tracking_lines = order_line.len();
        let record = OrderRecord {
            order_id: input.order_id.clone(),
            order_status: Some(input.order_status),
            send_order_email: email.then_some(SEND_TRACKING_EMAIL),
            order_line,
            sticky_notes: Vec::new(),
        };
        let warnings = send(shared, &call, record).await?;
        ToolOutput::new(&StatusOutput {
            order_id: input.order_id,
            order_status: input.order_status,
            tracking_lines,
            customer_email_requested: email,
            warnings,
        })
    })
}

//! `shopify_orders_cancel` (W3): cancel an order; no refund unless asked, restock explicit.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec};

use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::shared::{Built, Shared, tool};

pub(crate) const ORDER_CANCEL: Document = Document::admin_mutation(
    "OrderCancel",
    r"mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean!, $refundMethod: OrderCancelRefundMethodInput!, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, refundMethod: $refundMethod, staffNote: $staffNote) {
    job {
      id
      done
    }
    orderCancelUserErrors {
      field
      message
      code
    }
  }
}",
);

/// Why the order is cancelled.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Reason {
    /// The customer asked.
    Customer,
    /// The payment was declined.
    Declined,
    /// Suspected fraud.
    Fraud,
    /// Items are out of stock.
    Inventory,
    /// A staff mistake.
    Staff,
    /// Another reason.
    Other,
}

impl Reason {
    fn as_graphql(self) -> &'static str {
        match self {
            Self::Customer => "CUSTOMER",
            Self::Declined => "DECLINED",
            Self::Fraud => "FRAUD",
            Self::Inventory => "INVENTORY",
            Self::Staff => "STAFF",
            Self::Other => "OTHER",
        }
    }
}

/// The order and how to cancel it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Order GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    order_id: String,
    /// Why the order is cancelled.
    reason: Reason,
    /// Whether to put the order's items back into stock (required: say it explicitly).
    restock: bool,
    /// Whether to refund the amount paid to the original payment methods (default false:
    /// no refund; authorized payments are voided either way).
    refund: Option<bool>,
    /// Whether Shopify e-mails the customer about the cancellation (default false).
    notify_customer: Option<bool>,
    /// A note for staff, not shown to the customer.
    #[schemars(length(max = 255), extend("x-shopmcp-text" = "free"))]
    staff_note: Option<String>,
    /// A key you choose for this cancellation; repeating the call with the same key does not
    /// cancel twice.
    // Read by the pipeline (replay protection), not by the handler.
    #[serde(rename = "idempotency_key")]
    #[schemars(length(min = 8, max = 128))]
    _idempotency_key: String,
}

/// The cancellation job.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Order GID.
    order_id: String,
    /// The job that cancels the order asynchronously.
    job_id: Option<String>,
    /// Whether the job already finished.
    job_done: bool,
    /// Whether a refund was requested.
    refund: bool,
    /// Whether restocking was requested.
    restock: bool,
    /// Whether the customer is notified.
    customer_notified: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    order_cancel: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    job: Option<Job>,
    order_cancel_user_errors: Vec<WireUserError>,
}

#[derive(Deserialize)]
struct Job {
    id: String,
    done: bool,
}

pub(crate) fn cancel(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_orders_cancel",
        Platform::Shopify,
        RiskTier::W3,
    )
    .title("Cancel an order")
    .description(
        "Cancels one order. This cannot be undone. No refund is made unless `refund` is true; \
         `restock` must be given explicitly; the customer is not notified unless \
         `notify_customer` is true. Needs a human confirmation and an idempotency key.",
    )
    .scopes(["write_orders"])
    .identifiers(["order_id"])
    .writable([
        "reason",
        "restock",
        "refund",
        "notify_customer",
        "staff_note",
    ]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Order", "order_id", &input.order_id)?;
        let refund = input.refund.unwrap_or(false);
        let notify = input.notify_customer.unwrap_or(false);
        let variables = json!({
            "orderId": id,
            "reason": input.reason.as_graphql(),
            "restock": input.restock,
            "notifyCustomer": notify,
            "refundMethod": { "originalPaymentMethodsRefund": refund },
            "staffNote": input.staff_note,
        });
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &ORDER_CANCEL, variables)
            .await?;
        let payload = data
            .order_cancel
            .ok_or(ShopifyError::Malformed("orderCancel payload missing"))?;
        user_errors(payload.order_cancel_user_errors)?;
        ToolOutput::new(&Output {
            order_id: id,
            job_done: payload.job.as_ref().is_some_and(|j| j.done),
            job_id: payload.job.map(|j| j.id),
            refund,
            restock: input.restock,
            customer_notified: notify,
        })
    })
}

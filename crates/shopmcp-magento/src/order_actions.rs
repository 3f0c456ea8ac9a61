//! Order comments and state changes: list and add comments (W1, private, no notification),
//! hold / unhold (W2), cancel (W3).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{
    HandlerFuture, Platform, RiskTier, SpecError, ToolCall, ToolOutput, ToolSpec, Untrusted,
};

use crate::MagentoClient;
use crate::error::MagentoError;
use crate::orders::{ACL_VIEW, OrderIdInput};
use crate::routes::Admin;
use crate::search::SearchResult;
use crate::values::{flag, untrusted};

#[derive(Debug, Deserialize)]
struct History {
    entity_id: Option<u64>,
    comment: Option<String>,
    status: Option<String>,
    created_at: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    is_customer_notified: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    is_visible_on_front: Option<bool>,
}

/// One order comment (status history entry).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CommentOut {
    /// Comment id.
    id: Option<u64>,
    /// The text (may come from payment providers or other systems).
    comment: Option<Untrusted>,
    /// Order status when it was written.
    status: Option<String>,
    /// When (UTC).
    created_at: Option<String>,
    /// Whether the customer was e-mailed.
    customer_notified: Option<bool>,
    /// Whether the customer can see it in their account.
    visible_to_customer: Option<bool>,
}

/// The comments of one order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CommentsOut {
    /// The order.
    order_id: u64,
    /// Comments, as the store lists them.
    comments: Vec<CommentOut>,
}

pub(crate) fn comments_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<OrderIdInput, CommentsOut>("magento_order_comments_list", Platform::Magento)
        .title("List order comments")
        .description("Lists the comments (status history) of one order.")
        .scopes([ACL_VIEW])
        .build()
}

pub(crate) fn comments<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: OrderIdInput = call.input()?;
        let route = Admin::OrderComments(input.order_id);
        let result: SearchResult<History> = client.admin(&call, route, &[], None).await?;
        let comments = result
            .items
            .into_iter()
            .map(|h| CommentOut {
                id: h.entity_id,
                comment: untrusted(h.comment),
                status: h.status,
                created_at: h.created_at,
                customer_notified: h.is_customer_notified,
                visible_to_customer: h.is_visible_on_front,
            })
            .collect();
        ToolOutput::new(&CommentsOut {
            order_id: input.order_id,
            comments,
        })
    })
}

/// Arguments of `magento_order_comments_create`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CommentInput {
    /// The order id (`entity_id`).
    #[schemars(range(min = 1))]
    order_id: u64,
    /// The comment (internal: never shown to or e-mailed to the customer).
    #[schemars(length(min = 1, max = 5000), extend("x-shopmcp-text" = "free"))]
    comment: String,
}

/// The result of an order action.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ActionOut {
    /// The order.
    order_id: u64,
    /// What was done (`comment_added`, `held`, `released`, `canceled`).
    result: String,
}

pub(crate) fn comment_create_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<CommentInput, ActionOut>(
        "magento_order_comments_create",
        Platform::Magento,
        RiskTier::W1,
    )
    .title("Add an internal order comment")
    .description(
        "Adds an internal comment to one order: not visible on the storefront and never \
         e-mailed to the customer.",
    )
    .scopes(["Magento_Sales::comment"])
    .identifiers(["order_id"])
    .writable(["comment"])
    .idempotent(false)
    .build()
}

pub(crate) fn comment_create<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CommentInput = call.input()?;
        let body = json!({"statusHistory": {
            "comment": input.comment,
            "is_customer_notified": 0,
            "is_visible_on_front": 0,
            "parent_id": input.order_id,
        }});
        let route = Admin::OrderCommentAdd(input.order_id);
        let added: bool = client.admin(&call, route, &[], Some(&body)).await?;
        if !added {
            return Err(refused("add a comment to", input.order_id));
        }
        ToolOutput::new(&ActionOut {
            order_id: input.order_id,
            result: "comment_added".into(),
        })
    })
}

fn refused(action: &'static str, order_id: u64) -> shopmcp_core::ToolError {
    MagentoError::ActionRefused { action, order_id }.into()
}

pub(crate) fn hold_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<OrderIdInput, ActionOut>(
        "magento_orders_hold",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Put an order on hold")
    .description("Puts one order on hold (no invoice, shipment or cancellation until released).")
    .scopes(["Magento_Sales::hold"])
    .identifiers(["order_id"])
    .writable(Vec::<String>::new())
    .build()
}

pub(crate) fn unhold_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<OrderIdInput, ActionOut>(
        "magento_orders_unhold",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Release an order from hold")
    .description("Releases one order from hold, back to its state before the hold.")
    .scopes(["Magento_Sales::unhold"])
    .identifiers(["order_id"])
    .writable(Vec::<String>::new())
    .build()
}

async fn order_action(
    client: &MagentoClient,
    call: &ToolCall<'_>,
    order_id: u64,
    route: Admin<'_>,
    verb: &'static str,
    result: &str,
) -> Result<ToolOutput, shopmcp_core::ToolError> {
    let done: bool = client.admin(call, route, &[], None).await?;
    if !done {
        return Err(refused(verb, order_id));
    }
    ToolOutput::new(&ActionOut {
        order_id,
        result: result.to_owned(),
    })
}

pub(crate) fn hold<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<OrderIdInput>()?.order_id;
        order_action(client, &call, id, Admin::OrderHold(id), "hold", "held").await
    })
}

pub(crate) fn unhold<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<OrderIdInput>()?.order_id;
        order_action(
            client,
            &call,
            id,
            Admin::OrderUnhold(id),
            "release",
            "released",
        )
        .await
    })
}

/// Arguments of `magento_orders_cancel`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CancelInput {
    /// The order id (`entity_id`).
    #[schemars(range(min = 1))]
    order_id: u64,
    /// A key you choose for this cancellation; repeating it never cancels twice.
    #[schemars(length(min = 8, max = 128))]
    #[allow(
        dead_code,
        reason = "read by the pipeline's idempotency stage, not the handler"
    )]
    idempotency_key: String,
}

pub(crate) fn cancel_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<CancelInput, ActionOut>(
        "magento_orders_cancel",
        Platform::Magento,
        RiskTier::W3,
    )
    .title("Cancel an order")
    .description(
        "Cancels one order that has not been invoiced or shipped in full (cannot be undone; \
             needs a human confirmation). The customer is not e-mailed.",
    )
    .scopes(["Magento_Sales::cancel"])
    .identifiers(["order_id"])
    .writable(Vec::<String>::new())
    .build()
}

pub(crate) fn cancel<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<CancelInput>()?.order_id;
        order_action(
            client,
            &call,
            id,
            Admin::OrderCancel(id),
            "cancel",
            "canceled",
        )
        .await
    })
}

//! `shopify_orders_update` (W1): an order's note and tags, nothing else.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::shared::{Built, Shared, note_and_tags_input, tool};
use crate::types::untrusted;

pub(crate) const ORDER_UPDATE: Document = Document::admin_mutation(
    "OrderUpdate",
    r"mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) {
    order {
      id
      name
      note
      tags
      updatedAt
    }
    userErrors {
      field
      message
    }
  }
}",
);

/// The order and its new note and/or tags.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Order GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    order_id: String,
    /// The new note; replaces the current one (an empty string clears it).
    #[schemars(length(max = 5000), extend("x-shopmcp-text" = "free"))]
    note: Option<String>,
    /// The new tags; replaces every current tag (read the order first to keep some).
    #[schemars(length(max = 250))]
    tags: Option<Vec<String>>,
}

/// The order after the change.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Order GID.
    id: String,
    /// Order name.
    name: String,
    /// The note now.
    note: Option<Untrusted>,
    /// The tags now.
    tags: Vec<String>,
    /// When it was updated.
    updated_at: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    order_update: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    order: Option<WireOrder>,
    user_errors: Vec<WireUserError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireOrder {
    id: String,
    name: String,
    note: Option<String>,
    tags: Vec<String>,
    updated_at: String,
}

pub(crate) fn update(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_orders_update",
        Platform::Shopify,
        RiskTier::W1,
    )
    .title("Update an order's note and tags")
    .description(
        "Replaces the note and/or the tags of one order. Nothing else about the order can be \
         changed with this tool (not the e-mail, address or items).",
    )
    .scopes(["write_orders"])
    .identifiers(["order_id"])
    .writable(["note", "tags"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Order", "order_id", &input.order_id)?;
        let changes = note_and_tags_input(id, input.note, input.tags)?;
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &ORDER_UPDATE,
                json!({ "input": changes }),
            )
            .await?;
        let payload = data
            .order_update
            .ok_or(ShopifyError::Malformed("orderUpdate payload missing"))?;
        user_errors(payload.user_errors)?;
        let o = payload
            .order
            .ok_or(ShopifyError::Malformed("orderUpdate returned no order"))?;
        ToolOutput::new(&Output {
            id: o.id,
            name: o.name,
            note: untrusted(o.note),
            tags: o.tags,
            updated_at: o.updated_at,
        })
    })
}

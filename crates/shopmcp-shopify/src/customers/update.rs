//! `shopify_customers_update` (W1): a customer's tags and note; never e-mail, phone or
//! marketing consent.

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

pub(crate) const CUSTOMER_UPDATE: Document = Document::admin_mutation(
    "CustomerUpdate",
    r"mutation CustomerUpdate($input: CustomerInput!) {
  customerUpdate(input: $input) {
    customer {
      id
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

/// The customer and the new tags and/or note.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Customer GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    customer_id: String,
    /// The new note; replaces the current one (an empty string clears it).
    #[schemars(length(max = 5000), extend("x-shopmcp-text" = "free"))]
    note: Option<String>,
    /// The new tags; replaces every current tag (read the customer first to keep some).
    #[schemars(length(max = 250))]
    tags: Option<Vec<String>>,
}

/// The customer after the change.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Customer GID.
    id: String,
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
    customer_update: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    customer: Option<WireCustomer>,
    user_errors: Vec<WireUserError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCustomer {
    id: String,
    note: Option<String>,
    tags: Vec<String>,
    updated_at: String,
}

pub(crate) fn update(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_customers_update",
        Platform::Shopify,
        RiskTier::W1,
    )
    .title("Update a customer's tags and note")
    .description(
        "Replaces the tags and/or the note of one customer. E-mail, phone, name, addresses \
         and marketing consent cannot be changed with this tool.",
    )
    .scopes(["write_customers"])
    .identifiers(["customer_id"])
    .writable(["note", "tags"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Customer", "customer_id", &input.customer_id)?;
        let changes = note_and_tags_input(id, input.note, input.tags)?;
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &CUSTOMER_UPDATE,
                json!({ "input": changes }),
            )
            .await?;
        let payload = data
            .customer_update
            .ok_or(ShopifyError::Malformed("customerUpdate payload missing"))?;
        user_errors(payload.user_errors)?;
        let c = payload.customer.ok_or(ShopifyError::Malformed(
            "customerUpdate returned no customer",
        ))?;
        ToolOutput::new(&Output {
            id: c.id,
            note: untrusted(c.note),
            tags: c.tags,
            updated_at: c.updated_at,
        })
    })
}

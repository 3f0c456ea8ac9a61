//! `shopify_cart_lines_add`, `shopify_cart_lines_update`, `shopify_cart_lines_remove`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use shopmcp_core::{
    HandlerFuture, Platform, RiskTier, ToolCall, ToolError, ToolOutput, ToolSpec, ToolSpecBuilder,
};

use super::cart::{Output, Payload, cart_fields, mutation_output};
use crate::SLOT_STOREFRONT;
use crate::gid;
use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};

pub(crate) const CART_LINES_ADD: Document = Document::storefront_mutation(
    "CartLinesAdd",
    concat!(
        r"mutation CartLinesAdd($cartId: ID!, $lines: [CartLineInput!]!) {
  cartLinesAdd(cartId: $cartId, lines: $lines) {
    cart {
      ...CartFields
    }
    userErrors {
      field
      message
      code
    }
    warnings {
      code
      message
    }
  }
}",
        cart_fields!()
    ),
);

pub(crate) const CART_LINES_UPDATE: Document = Document::storefront_mutation(
    "CartLinesUpdate",
    concat!(
        r"mutation CartLinesUpdate($cartId: ID!, $lines: [CartLineUpdateInput!]!) {
  cartLinesUpdate(cartId: $cartId, lines: $lines) {
    cart {
      ...CartFields
    }
    userErrors {
      field
      message
      code
    }
    warnings {
      code
      message
    }
  }
}",
        cart_fields!()
    ),
);

pub(crate) const CART_LINES_REMOVE: Document = Document::storefront_mutation(
    "CartLinesRemove",
    concat!(
        r"mutation CartLinesRemove($cartId: ID!, $lineIds: [ID!]!) {
  cartLinesRemove(cartId: $cartId, lineIds: $lineIds) {
    cart {
      ...CartFields
    }
    userErrors {
      field
      message
      code
    }
    warnings {
      code
      message
    }
  }
}",
        cart_fields!()
    ),
);

/// A variant to put in a cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewLine {
    /// Variant GID (from `shopify_catalog_search`).
    #[schemars(length(min = 1, max = 64))]
    merchandise_id: String,
    /// Quantity.
    #[schemars(range(min = 1, max = 100))]
    quantity: u32,
}

/// A cart line's new quantity.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineQuantity {
    /// Cart line GID (from the cart).
    #[schemars(length(min = 1, max = 512))]
    line_id: String,
    /// New quantity (0 removes the line).
    #[schemars(range(min = 0, max = 100))]
    quantity: u32,
}

/// Lines to add to a cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddInput {
    /// Cart GID.
    #[schemars(length(min = 1, max = 512))]
    cart_id: String,
    /// Variants and quantities.
    #[schemars(length(min = 1, max = 50))]
    lines: Vec<NewLine>,
}

/// New quantities for cart lines.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateInput {
    /// Cart GID.
    #[schemars(length(min = 1, max = 512))]
    cart_id: String,
    /// Lines and their new quantities.
    #[schemars(length(min = 1, max = 50))]
    lines: Vec<LineQuantity>,
}

/// Lines to remove from a cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RemoveInput {
    /// Cart GID.
    #[schemars(length(min = 1, max = 512))]
    cart_id: String,
    /// Cart line GIDs.
    #[schemars(length(min = 1, max = 50))]
    line_ids: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AddData {
    cart_lines_add: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateData {
    cart_lines_update: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RemoveData {
    cart_lines_remove: Option<Payload>,
}

/// `[CartLineInput!]` for `lines`, every id checked.
pub(crate) fn new_lines(lines: &[NewLine]) -> Result<Value, ToolError> {
    let lines = lines
        .iter()
        .map(|l| {
            let id = gid::numeric(
                "ProductVariant",
                "lines[].merchandise_id",
                &l.merchandise_id,
            )?;
            Ok(json!({ "merchandiseId": id, "quantity": l.quantity }))
        })
        .collect::<Result<Vec<_>, ToolError>>()?;
    Ok(Value::Array(lines))
}

/// The settings every line tool shares.
fn line_tool(
    builder: ToolSpecBuilder,
    title: &str,
    description: &str,
    writable: &'static str,
) -> ToolSpecBuilder {
    builder
        .title(title)
        .description(description)
        .scopes(["unauthenticated_write_checkouts"])
        .credential(Some(SLOT_STOREFRONT))
        .identifiers(["cart_id"])
        .writable([writable])
}

pub(crate) fn lines_add(shared: &Arc<Shared>) -> Built {
    let spec = line_tool(
        ToolSpec::write::<AddInput, Output>(
            "shopify_cart_lines_add",
            Platform::Shopify,
            RiskTier::W2,
        ),
        "Add to a cart",
        "Adds variants to a buyer's cart and returns the cart with its checkout URL.",
        "lines",
    );
    tool(spec, shared, handle_add)
}

pub(crate) fn lines_update(shared: &Arc<Shared>) -> Built {
    let spec = line_tool(
        ToolSpec::write::<UpdateInput, Output>(
            "shopify_cart_lines_update",
            Platform::Shopify,
            RiskTier::W2,
        )
        .idempotent(true),
        "Change cart quantities",
        "Sets the quantities of lines in a buyer's cart (0 removes a line) and returns the cart.",
        "lines",
    );
    tool(spec, shared, handle_update)
}

pub(crate) fn lines_remove(shared: &Arc<Shared>) -> Built {
    let spec = line_tool(
        ToolSpec::write::<RemoveInput, Output>(
            "shopify_cart_lines_remove",
            Platform::Shopify,
            RiskTier::W2,
        )
        .idempotent(true),
        "Remove from a cart",
        "Removes lines from a buyer's cart and returns the cart.",
        "line_ids",
    );
    tool(spec, shared, handle_remove)
}

fn handle_add<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: AddInput = call.input()?;
        let cart = gid::opaque("Cart", "cart_id", &input.cart_id)?;
        let lines = new_lines(&input.lines)?;
        let data: AddData = shared
            .client
            .storefront(
                call.ctx,
                call.credential()?,
                &CART_LINES_ADD,
                json!({ "cartId": cart, "lines": lines }),
            )
            .await?;
        ToolOutput::new(&mutation_output(data.cart_lines_add)?)
    })
}

fn handle_update<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: UpdateInput = call.input()?;
        let cart = gid::opaque("Cart", "cart_id", &input.cart_id)?;
        let lines = input
            .lines
            .iter()
            .map(|l| {
                let id = gid::opaque("CartLine", "lines[].line_id", &l.line_id)?;
                Ok(json!({ "id": id, "quantity": l.quantity }))
            })
            .collect::<Result<Vec<_>, ToolError>>()?;
        let data: UpdateData = shared
            .client
            .storefront(
                call.ctx,
                call.credential()?,
                &CART_LINES_UPDATE,
                json!({ "cartId": cart, "lines": lines }),
            )
            .await?;
        ToolOutput::new(&mutation_output(data.cart_lines_update)?)
    })
}

fn handle_remove<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: RemoveInput = call.input()?;
        let cart = gid::opaque("Cart", "cart_id", &input.cart_id)?;
        let ids = input
            .line_ids
            .iter()
            .map(|l| gid::opaque("CartLine", "line_ids[]", l))
            .collect::<Result<Vec<_>, ToolError>>()?;
        let data: RemoveData = shared
            .client
            .storefront(
                call.ctx,
                call.credential()?,
                &CART_LINES_REMOVE,
                json!({ "cartId": cart, "lineIds": ids }),
            )
            .await?;
        ToolOutput::new(&mutation_output(data.cart_lines_remove)?)
    })
}

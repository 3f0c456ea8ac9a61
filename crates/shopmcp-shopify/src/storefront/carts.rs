//! `shopify_carts_get` and `shopify_carts_create`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec};

use super::cart::{Output, Payload, WireCart, cart_fields, mutation_output, read_output};
use super::lines::{NewLine, new_lines};
use crate::SLOT_STOREFRONT;
use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};

pub(crate) const CART_GET: Document = Document::storefront_query(
    "CartGet",
    concat!(
        r"query CartGet($id: ID!) {
  cart(id: $id) {
    ...CartFields
  }
}",
        cart_fields!()
    ),
);

pub(crate) const CART_CREATE: Document = Document::storefront_mutation(
    "CartCreate",
    concat!(
        r"mutation CartCreate($input: CartInput!) {
  cartCreate(input: $input) {
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

/// Which cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// Cart GID, as returned when the cart was created.
    #[schemars(length(min = 1, max = 512))]
    cart_id: String,
}

/// The first lines of a new cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateInput {
    /// Variants and quantities.
    #[schemars(length(min = 1, max = 50))]
    lines: Vec<NewLine>,
}

#[derive(Deserialize)]
struct GetData {
    cart: Option<WireCart>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateData {
    cart_create: Option<Payload>,
}

pub(crate) fn carts_get(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<GetInput, Output>("shopify_carts_get", Platform::Shopify)
        .title("Get a cart")
        .description(
            "Returns a buyer's cart: lines, totals and the checkout URL where a human \
             completes the purchase.",
        )
        .scopes(["unauthenticated_read_checkouts"])
        .credential(Some(SLOT_STOREFRONT));
    tool(spec, shared, handle_get)
}

pub(crate) fn carts_create(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::write::<CreateInput, Output>(
        "shopify_carts_create",
        Platform::Shopify,
        RiskTier::W2,
    )
    .title("Create a cart")
    .description(
        "Creates a buyer cart with the given variants and quantities and returns it with its \
         checkout URL. No order is placed: a human completes checkout at that URL.",
    )
    .scopes(["unauthenticated_write_checkouts"])
    .credential(Some(SLOT_STOREFRONT))
    .writable(["lines"]);
    tool(spec, shared, handle_create)
}

fn handle_get<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let id = gid::opaque("Cart", "cart_id", &input.cart_id)?;
        let data: GetData = shared
            .client
            .storefront(call.ctx, call.credential()?, &CART_GET, json!({ "id": id }))
            .await?;
        let cart = data
            .cart
            .ok_or_else(|| ShopifyError::NotFound("the cart".to_owned()))?;
        ToolOutput::new(&read_output(cart))
    })
}

fn handle_create<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CreateInput = call.input()?;
        let lines = new_lines(&input.lines)?;
        let data: CreateData = shared
            .client
            .storefront(
                call.ctx,
                call.credential()?,
                &CART_CREATE,
                json!({ "input": { "lines": lines } }),
            )
            .await?;
        ToolOutput::new(&mutation_output(data.cart_create)?)
    })
}

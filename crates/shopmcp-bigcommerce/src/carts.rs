//! Buyer-side carts (v3): `GET /v3/carts/{cartId}` (with an optional checkout link from
//! `POST /v3/carts/{cartId}/redirect_urls`), `POST /v3/carts`, `POST /v3/carts/{cartId}/items`,
//! and the abandoned-cart token lookup `GET /v3/abandoned-carts/{token}`.
//!
//! Line items name a catalogue product (and variant) and a quantity, nothing else: never a
//! `list_price` override, a custom item, a gift certificate or a customer. A checkout link is a
//! new single-use URL each time BigCommerce mints it, so that request is never retried.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, RiskTier, SpecError, Tool, ToolCall, ToolOutput};

use crate::cart_shape::{Cart, CartWire, Links};
use crate::client::{Endpoint, Query, Shape, Verb};
use crate::credentials::BigCommerceCredentials;
use crate::wire::opt_string;
use crate::{State, read_spec, scopes, tool, write_spec};

/// One cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// Cart id (a UUID).
    #[schemars(extend("format" = "uuid"))]
    cart_id: String,
    /// Also mint a fresh single-use checkout link (needs the `store_cart` scope).
    checkout_url: Option<bool>,
}

/// A catalogue item to put in a cart.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineItem {
    /// Product id.
    #[schemars(range(min = 1))]
    product_id: u64,
    /// Variant id (required when the product has variants).
    #[schemars(range(min = 1))]
    #[serde(skip_serializing_if = "Option::is_none")]
    variant_id: Option<u64>,
    /// Quantity.
    #[schemars(range(min = 1, max = 1000))]
    quantity: u32,
}

/// A new cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateInput {
    /// Catalogue items.
    #[schemars(length(min = 1, max = 20))]
    line_items: Vec<LineItem>,
}

/// Items to add to a cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemsAddInput {
    /// Cart id (a UUID).
    #[schemars(extend("format" = "uuid"))]
    cart_id: String,
    /// Catalogue items.
    #[schemars(length(min = 1, max = 20))]
    line_items: Vec<LineItem>,
}

/// Exactly the body sent to `POST /v3/carts` and `POST /v3/carts/{cartId}/items`.
#[derive(Debug, Serialize)]
struct LineItemsPost<'a> {
    line_items: &'a [LineItem],
}

/// Exactly the body sent to `POST /v3/carts/{cartId}/redirect_urls` (no query parameters).
#[derive(Debug, Serialize)]
struct RedirectPost {}

/// An abandoned-cart token.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AbandonedInput {
    /// The token from an abandoned-cart e-mail link (a UUID).
    #[schemars(extend("format" = "uuid"))]
    token: String,
}

/// The cart behind an abandoned-cart token.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Abandoned {
    /// Cart id (use `bigcommerce_carts_get`).
    #[serde(default, deserialize_with = "opt_string")]
    cart_id: Option<String>,
}

fn cart_endpoint(cart_id: &str) -> Endpoint {
    Endpoint::v3(["carts", cart_id], &format!("cart {cart_id}"))
}

/// `bigcommerce_carts_get`.
pub(crate) fn get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<GetInput, Cart>("bigcommerce_carts_get")
        .title("Get a cart")
        .description(
            "Returns a cart's items and amounts. With checkout_url true, also a fresh single-use link that opens the cart in checkout.",
        )
        .scopes([scopes::CARTS_READ])
        .build();
    tool(spec, state, handle_get)
}

fn handle_get<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = cart_endpoint(&input.cart_id);
        let wire: CartWire = state
            .client
            .get(call.ctx, &creds, &endpoint, Query::new())
            .await?;
        let mut cart = Cart::from_wire(wire, state.options.customer_pii);
        if input.checkout_url == Some(true) {
            let redirect = Endpoint::v3(
                ["carts", input.cart_id.as_str(), "redirect_urls"],
                &format!("cart {}", input.cart_id),
            );
            let links: Links = state
                .client
                .send(
                    call.ctx,
                    &creds,
                    Verb::Post,
                    &redirect,
                    &RedirectPost {},
                    Shape::Data,
                )
                .await?;
            cart.set_links(links);
        }
        ToolOutput::new(&cart)
    })
}

/// `bigcommerce_carts_create`.
pub(crate) fn create(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = write_spec::<CreateInput, Cart>("bigcommerce_carts_create", RiskTier::W2)
        .title("Create a cart")
        .description(
            "Creates a cart with catalogue products at their store prices. Use bigcommerce_carts_get with checkout_url to get a checkout link.",
        )
        .scopes([scopes::CARTS])
        .writable(["line_items"])
        .idempotent(false)
        .build();
    tool(spec, state, handle_create)
}

fn handle_create<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CreateInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = Endpoint::v3(["carts"], "carts");
        let body = LineItemsPost {
            line_items: &input.line_items,
        };
        let wire: CartWire = state
            .client
            .send(call.ctx, &creds, Verb::Post, &endpoint, &body, Shape::Data)
            .await?;
        ToolOutput::new(&Cart::from_wire(wire, state.options.customer_pii))
    })
}

/// `bigcommerce_cart_items_add`.
pub(crate) fn items_add(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = write_spec::<ItemsAddInput, Cart>("bigcommerce_cart_items_add", RiskTier::W2)
        .title("Add items to a cart")
        .description("Adds catalogue products, at their store prices, to an existing cart.")
        .scopes([scopes::CARTS])
        .identifiers(["cart_id"])
        .writable(["line_items"])
        .idempotent(false)
        .build();
    tool(spec, state, handle_items_add)
}

fn handle_items_add<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ItemsAddInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = Endpoint::v3(
            ["carts", input.cart_id.as_str(), "items"],
            &format!("cart {}", input.cart_id),
        );
        let body = LineItemsPost {
            line_items: &input.line_items,
        };
        let wire: CartWire = state
            .client
            .send(call.ctx, &creds, Verb::Post, &endpoint, &body, Shape::Data)
            .await?;
        ToolOutput::new(&Cart::from_wire(wire, state.options.customer_pii))
    })
}

/// `bigcommerce_abandoned_carts_get`.
pub(crate) fn abandoned_get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<AbandonedInput, Abandoned>("bigcommerce_abandoned_carts_get")
        .title("Find the cart of an abandoned-cart link")
        .description(
            "Returns the cart id behind the token of an abandoned-cart e-mail link. BigCommerce's REST API has no list of abandoned carts.",
        )
        .scopes([scopes::INFORMATION_READ])
        .build();
    tool(spec, state, handle_abandoned)
}

fn handle_abandoned<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: AbandonedInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = Endpoint::v3(
            ["abandoned-carts", input.token.as_str()],
            "the abandoned cart",
        );
        let found: Abandoned = state
            .client
            .get(call.ctx, &creds, &endpoint, Query::new())
            .await?;
        ToolOutput::new(&found)
    })
}

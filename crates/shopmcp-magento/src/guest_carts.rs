//! Buyer-side guest carts on the anonymous REST surface (`/V1/guest-carts/...`).
//!
//! These routes are Magento's `anonymous` resources (they are in Adobe's guest schema, which
//! lists what an unauthenticated caller may use), so the tools have no credential slot and send
//! no credential at all: the merchant's integration keys never travel with a buyer-side call.
//! A guest cart is addressed by the 32-character masked id `magento_guest_carts_create`
//! returns.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, SpecError, ToolCall, ToolOutput, ToolSpec};

use crate::MagentoClient;
use crate::error::MagentoError;
use crate::routes::Guest;
use crate::stores::NoInput;
use crate::values::{Amount, decimal_number, null_as_default};

/// The ACL resource of every guest cart route.
pub(crate) const ACL: &str = "anonymous";

fn check_cart_id(id: &str) -> Result<(), MagentoError> {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(MagentoError::CartId)
    }
}

/// The new cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CreatedOut {
    /// The guest cart id (32 characters); pass it to the other guest cart tools.
    cart_id: String,
}

pub(crate) fn create_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<NoInput, CreatedOut>(
        "magento_guest_carts_create",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Create a guest cart")
    .description("Creates an empty shopping cart for a guest buyer and returns its id.")
    .scopes([ACL])
    .credential(None)
    .writable(Vec::<String>::new())
    .build()
}

pub(crate) fn create<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let _: NoInput = call.input()?;
        let cart_id: String = client.guest(call.ctx, Guest::NewCart, None).await?;
        check_cart_id(&cart_id).map_err(|_| {
            shopmcp_core::ToolError::new(
                shopmcp_core::ErrorKind::UpstreamUnavailable,
                "the store returned a cart id of an unexpected form",
            )
        })?;
        ToolOutput::new(&CreatedOut { cart_id })
    })
}

/// Arguments of `magento_guest_cart_items_add`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddInput {
    /// The guest cart id from `magento_guest_carts_create`.
    #[schemars(length(min = 32, max = 32))]
    cart_id: String,
    /// The SKU of a simple product to add.
    #[schemars(length(min = 1, max = 64))]
    sku: String,
    /// Quantity (decimal string, more than zero).
    #[schemars(extend("format" = "decimal"))]
    qty: String,
}

#[derive(Debug, Deserialize)]
struct CartItem {
    item_id: Option<u64>,
    sku: Option<String>,
    qty: Option<Amount>,
    name: Option<String>,
    price: Option<Amount>,
}

/// The line added.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct AddedOut {
    /// Cart line id.
    item_id: Option<u64>,
    /// SKU.
    sku: Option<String>,
    /// Name.
    name: Option<String>,
    /// Quantity now in the cart on this line.
    qty: Option<Amount>,
    /// Unit price.
    price: Option<Amount>,
}

pub(crate) fn add_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<AddInput, AddedOut>(
        "magento_guest_cart_items_add",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Add to a guest cart")
    .description("Adds a quantity of one product (by SKU) to a guest cart.")
    .scopes([ACL])
    .credential(None)
    .identifiers(["cart_id"])
    .writable(["sku", "qty"])
    .build()
}

pub(crate) fn add<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: AddInput = call.input()?;
        check_cart_id(&input.cart_id)?;
        let qty = decimal_number("qty", &input.qty, true)?;
        let body = json!({"cartItem": {
            "sku": input.sku,
            "qty": Value::Number(qty),
            "quote_id": input.cart_id,
        }});
        let route = Guest::AddItem(&input.cart_id);
        let item: CartItem = client.guest(call.ctx, route, Some(&body)).await?;
        ToolOutput::new(&AddedOut {
            item_id: item.item_id,
            sku: item.sku,
            name: item.name,
            qty: item.qty,
            price: item.price,
        })
    })
}

/// Arguments naming one guest cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CartIdInput {
    /// The guest cart id from `magento_guest_carts_create`.
    #[schemars(length(min = 32, max = 32))]
    cart_id: String,
}

#[derive(Debug, Deserialize)]
struct TotalsItem {
    item_id: Option<u64>,
    name: Option<String>,
    qty: Option<Amount>,
    price: Option<Amount>,
    row_total: Option<Amount>,
}

#[derive(Debug, Deserialize)]
struct Segment {
    code: String,
    title: Option<String>,
    value: Option<Amount>,
}

/// `quote-data-totals-interface`, the fields the tool shows.
#[derive(Debug, Deserialize)]
struct Totals {
    grand_total: Option<Amount>,
    subtotal: Option<Amount>,
    discount_amount: Option<Amount>,
    shipping_amount: Option<Amount>,
    tax_amount: Option<Amount>,
    quote_currency_code: Option<String>,
    coupon_code: Option<String>,
    items_qty: Option<Amount>,
    #[serde(default, deserialize_with = "null_as_default")]
    items: Vec<TotalsItem>,
    #[serde(default, deserialize_with = "null_as_default")]
    total_segments: Vec<Segment>,
}

/// A line of the totals.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TotalsItemOut {
    /// Cart line id.
    item_id: Option<u64>,
    /// Name.
    name: Option<String>,
    /// Quantity.
    qty: Option<Amount>,
    /// Unit price.
    price: Option<Amount>,
    /// Line total.
    row_total: Option<Amount>,
}

/// A named total (subtotal, shipping, tax, grand total, ...).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SegmentOut {
    /// Code.
    code: String,
    /// Title.
    title: Option<String>,
    /// Value.
    value: Option<Amount>,
}

/// The totals of a guest cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TotalsOut {
    /// Grand total.
    grand_total: Option<Amount>,
    /// Subtotal.
    subtotal: Option<Amount>,
    /// Discount.
    discount_amount: Option<Amount>,
    /// Shipping.
    shipping_amount: Option<Amount>,
    /// Tax.
    tax_amount: Option<Amount>,
    /// Currency.
    currency: Option<String>,
    /// Coupon applied.
    coupon_code: Option<String>,
    /// Units.
    items_qty: Option<Amount>,
    /// Lines.
    items: Vec<TotalsItemOut>,
    /// Named totals.
    segments: Vec<SegmentOut>,
}

pub(crate) fn totals_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<CartIdInput, TotalsOut>("magento_guest_cart_totals_get", Platform::Magento)
        .title("Guest cart totals")
        .description("Reads the lines and totals (subtotal, discount, shipping, tax, grand total) of a guest cart.")
        .scopes([ACL])
        .credential(None)
        .build()
}

pub(crate) fn totals<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CartIdInput = call.input()?;
        check_cart_id(&input.cart_id)?;
        let t: Totals = client
            .guest(call.ctx, Guest::Totals(&input.cart_id), None)
            .await?;
        ToolOutput::new(&TotalsOut {
            grand_total: t.grand_total,
            subtotal: t.subtotal,
            discount_amount: t.discount_amount,
            shipping_amount: t.shipping_amount,
            tax_amount: t.tax_amount,
            currency: t.quote_currency_code,
            coupon_code: t.coupon_code,
            items_qty: t.items_qty,
            items: t
                .items
                .into_iter()
                .map(|i| TotalsItemOut {
                    item_id: i.item_id,
                    name: i.name,
                    qty: i.qty,
                    price: i.price,
                    row_total: i.row_total,
                })
                .collect(),
            segments: t
                .total_segments
                .into_iter()
                .map(|s| SegmentOut {
                    code: s.code,
                    title: s.title,
                    value: s.value,
                })
                .collect(),
        })
    })
}

//! The cart object (`Cart_Full` of the v3 Carts API) and its tool output.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::Untrusted;

use crate::wire::{decimal, lenient_vec, opt_bool, opt_string, opt_u64};

/// A cart as BigCommerce sends it.
#[derive(Debug, Deserialize)]
pub(crate) struct CartWire {
    #[serde(default, deserialize_with = "opt_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "opt_u64")]
    customer_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    channel_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    email: Option<String>,
    #[serde(default)]
    currency: Option<Currency>,
    #[serde(default, deserialize_with = "opt_bool")]
    tax_included: Option<bool>,
    #[serde(default, deserialize_with = "decimal")]
    base_amount: Option<String>,
    #[serde(default, deserialize_with = "decimal")]
    discount_amount: Option<String>,
    #[serde(default, deserialize_with = "decimal")]
    cart_amount: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    created_time: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    updated_time: Option<String>,
    #[serde(default)]
    line_items: Option<LineItemsWire>,
}

#[derive(Debug, Deserialize)]
struct Currency {
    #[serde(default, deserialize_with = "opt_string")]
    code: Option<String>,
}

#[derive(Debug, Deserialize)]
struct LineItemsWire {
    #[serde(default, deserialize_with = "lenient_vec")]
    physical_items: Vec<CartLine>,
    #[serde(default, deserialize_with = "lenient_vec")]
    digital_items: Vec<CartLine>,
}

/// A cart line.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct CartLine {
    /// Line id.
    #[serde(default, deserialize_with = "opt_string")]
    id: Option<String>,
    /// Product id.
    #[serde(default, deserialize_with = "opt_u64")]
    product_id: Option<u64>,
    /// Variant id.
    #[serde(default, deserialize_with = "opt_u64")]
    variant_id: Option<u64>,
    /// SKU.
    #[serde(default, deserialize_with = "opt_string")]
    sku: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// Quantity.
    #[serde(default, deserialize_with = "opt_u64")]
    quantity: Option<u64>,
    /// Unit list price.
    #[serde(default, deserialize_with = "decimal")]
    list_price: Option<String>,
    /// Unit sale price.
    #[serde(default, deserialize_with = "decimal")]
    sale_price: Option<String>,
    /// Line total at sale price.
    #[serde(default, deserialize_with = "decimal")]
    extended_sale_price: Option<String>,
}

/// Checkout links of a cart (`POST /v3/carts/{cartId}/redirect_urls`).
#[derive(Debug, Deserialize)]
pub(crate) struct Links {
    #[serde(default, deserialize_with = "opt_string")]
    cart_url: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    checkout_url: Option<String>,
}

/// A cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Cart {
    /// Cart id (also the checkout id).
    id: Option<String>,
    /// Customer id (0: guest).
    customer_id: Option<u64>,
    /// Channel id.
    channel_id: Option<u64>,
    /// Currency code.
    currency: Option<String>,
    /// Whether amounts include tax.
    tax_included: Option<bool>,
    /// Sum of lines before cart-level discounts.
    base_amount: Option<String>,
    /// Cart-level discounts.
    discount_amount: Option<String>,
    /// Amount due.
    cart_amount: Option<String>,
    /// Created at.
    created_time: Option<String>,
    /// Updated at.
    updated_time: Option<String>,
    /// Physical lines.
    physical_items: Vec<CartLine>,
    /// Digital lines.
    digital_items: Vec<CartLine>,
    /// Shopper e-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Untrusted>,
    /// Single-use link that opens the cart (when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    cart_url: Option<String>,
    /// Single-use link that opens the cart in checkout (when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    checkout_url: Option<String>,
}

impl Cart {
    /// The output for `wire`, with the e-mail only when `pii` allows.
    pub(crate) fn from_wire(wire: CartWire, pii: bool) -> Self {
        let (physical_items, digital_items) = wire
            .line_items
            .map(|l| (l.physical_items, l.digital_items))
            .unwrap_or_default();
        Self {
            id: wire.id,
            customer_id: wire.customer_id,
            channel_id: wire.channel_id,
            currency: wire.currency.and_then(|c| c.code),
            tax_included: wire.tax_included,
            base_amount: wire.base_amount,
            discount_amount: wire.discount_amount,
            cart_amount: wire.cart_amount,
            created_time: wire.created_time,
            updated_time: wire.updated_time,
            physical_items,
            digital_items,
            email: wire.email.filter(|_| pii).map(Untrusted::new),
            cart_url: None,
            checkout_url: None,
        }
    }

    /// Adds freshly minted checkout links.
    pub(crate) fn set_links(&mut self, links: Links) {
        self.cart_url = links.cart_url;
        self.checkout_url = links.checkout_url;
    }
}

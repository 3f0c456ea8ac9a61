//! The cart fields every cart document selects, and the cart output.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::ToolError;

use crate::error::ShopifyError;
use crate::graphql::{WireUserError, user_errors};
use crate::types::{Connection, Money, WireMoney};

/// The `CartFields` fragment, appended to every cart document.
macro_rules! cart_fields {
    () => {
        r"

fragment CartFields on Cart {
  id
  checkoutUrl
  totalQuantity
  updatedAt
  cost {
    subtotalAmount {
      amount
      currencyCode
    }
    totalAmount {
      amount
      currencyCode
    }
  }
  lines(first: 100) {
    nodes {
      id
      quantity
      cost {
        amountPerQuantity {
          amount
          currencyCode
        }
        totalAmount {
          amount
          currencyCode
        }
      }
      merchandise {
        ... on ProductVariant {
          id
          title
          product {
            title
          }
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}"
    };
}
pub(crate) use cart_fields;

/// A line of a cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CartLine {
    /// Cart line GID (for updating or removing the line).
    id: String,
    /// Quantity.
    quantity: i64,
    /// Variant GID.
    merchandise_id: Option<String>,
    /// Variant title.
    variant_title: Option<String>,
    /// Product title.
    product_title: Option<String>,
    /// Price per unit.
    unit_price: Money,
    /// Line total.
    total: Money,
}

/// A cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Cart {
    /// Cart GID (keep it to change the cart later).
    id: String,
    /// Where the buyer completes checkout; a human must open it to pay.
    checkout_url: String,
    /// Items in the cart.
    total_quantity: i64,
    /// Subtotal.
    subtotal: Money,
    /// Estimated total.
    total: Money,
    /// Lines (first 100).
    lines: Vec<CartLine>,
    /// Whether there are more than 100 lines.
    more_lines: bool,
    /// Last update.
    updated_at: String,
}

/// A cart, and any warnings Shopify gave while changing it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The cart.
    cart: Cart,
    /// Warnings (e.g. a quantity was lowered to the stock available).
    warnings: Vec<String>,
}

/// `Cart` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireCart {
    id: String,
    checkout_url: String,
    total_quantity: i64,
    updated_at: String,
    cost: WireCartCost,
    lines: Connection<WireLine>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCartCost {
    subtotal_amount: WireMoney,
    total_amount: WireMoney,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLine {
    id: String,
    quantity: i64,
    cost: WireLineCost,
    merchandise: WireMerchandise,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLineCost {
    amount_per_quantity: WireMoney,
    total_amount: WireMoney,
}

#[derive(Debug, Deserialize)]
struct WireMerchandise {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    product: Option<WireProductTitle>,
}

#[derive(Debug, Deserialize)]
struct WireProductTitle {
    title: String,
}

impl From<WireCart> for Cart {
    fn from(c: WireCart) -> Self {
        let more_lines = c.lines.truncated();
        Self {
            id: c.id,
            checkout_url: c.checkout_url,
            total_quantity: c.total_quantity,
            subtotal: c.cost.subtotal_amount.into(),
            total: c.cost.total_amount.into(),
            lines: c
                .lines
                .nodes
                .into_iter()
                .map(|l| CartLine {
                    id: l.id,
                    quantity: l.quantity,
                    merchandise_id: l.merchandise.id,
                    variant_title: l.merchandise.title,
                    product_title: l.merchandise.product.map(|p| p.title),
                    unit_price: l.cost.amount_per_quantity.into(),
                    total: l.cost.total_amount.into(),
                })
                .collect(),
            more_lines,
            updated_at: c.updated_at,
        }
    }
}

/// A cart mutation's payload: `cart`, `userErrors`, `warnings`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Payload {
    cart: Option<WireCart>,
    user_errors: Vec<WireUserError>,
    #[serde(default)]
    warnings: Vec<WireWarning>,
}

#[derive(Debug, Deserialize)]
struct WireWarning {
    code: String,
    message: String,
}

/// The output of a cart mutation, or its `userErrors`.
pub(crate) fn mutation_output(payload: Option<Payload>) -> Result<Output, ToolError> {
    let payload = payload.ok_or(ShopifyError::Malformed("cart payload missing"))?;
    user_errors(payload.user_errors)?;
    let cart = payload
        .cart
        .ok_or(ShopifyError::Malformed("cart mutation returned no cart"))?;
    Ok(Output {
        cart: cart.into(),
        warnings: payload
            .warnings
            .into_iter()
            .map(|w| {
                format!(
                    "{}: {}",
                    w.code,
                    w.message.chars().take(300).collect::<String>()
                )
            })
            .collect(),
    })
}

/// The output of a cart read.
pub(crate) fn read_output(cart: WireCart) -> Output {
    Output {
        cart: cart.into(),
        warnings: Vec::new(),
    }
}

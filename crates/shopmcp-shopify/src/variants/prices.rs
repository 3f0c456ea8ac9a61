//! `shopify_variant_prices_update` (W2): a variant's price and compare-at price, within the
//! workspace's change ceiling (checked against the current price, read first).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolError, ToolOutput, ToolSpec};

use crate::error::{ShopifyError, invalid};
use crate::gid;
use crate::graphql::{Document, WireUserError, user_errors};
use crate::money::{Ceiling, check_change, parse_micros};
use crate::shared::{Built, Shared, tool};
use crate::types::WireRef;

pub(crate) const VARIANT_PRICE: Document = Document::admin_query(
    "VariantPrice",
    r"query VariantPrice($id: ID!) {
  productVariant(id: $id) {
    id
    price
    compareAtPrice
    product {
      id
    }
  }
}",
);

pub(crate) const VARIANT_PRICES_UPDATE: Document = Document::admin_mutation(
    "VariantPricesUpdate",
    r"mutation VariantPricesUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) {
    productVariants {
      id
      price
      compareAtPrice
    }
    userErrors {
      field
      message
      code
    }
  }
}",
);

/// The variant and its new prices.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Variant GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    variant_id: String,
    /// New price in the shop currency, e.g. `"24.90"`.
    #[schemars(extend("format" = "decimal"))]
    price: Option<String>,
    /// New compare-at (original) price, shown struck through.
    #[schemars(extend("format" = "decimal"))]
    compare_at_price: Option<String>,
}

/// Prices before and after.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Variant GID.
    variant_id: String,
    /// Product GID.
    product_id: String,
    /// Price before.
    #[schemars(extend("format" = "decimal"))]
    previous_price: String,
    /// Price now.
    #[schemars(extend("format" = "decimal"))]
    price: String,
    /// Compare-at price before.
    #[schemars(extend("format" = "decimal"))]
    previous_compare_at_price: Option<String>,
    /// Compare-at price now.
    #[schemars(extend("format" = "decimal"))]
    compare_at_price: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReadData {
    product_variant: Option<Current>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Current {
    id: String,
    price: String,
    compare_at_price: Option<String>,
    product: WireRef,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WriteData {
    product_variants_bulk_update: Option<Payload>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    product_variants: Option<Vec<Updated>>,
    user_errors: Vec<WireUserError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    id: String,
    price: String,
    compare_at_price: Option<String>,
}

fn amount(field: &str, value: &str) -> Result<i128, ToolError> {
    parse_micros(value).filter(|v| *v >= 0).ok_or_else(|| {
        invalid(format!(
            "`{field}` must be a decimal amount of zero or more"
        ))
    })
}

/// Refuses a price change larger than the workspace's ceiling.
fn enforce_ceiling(current: &str, proposed: &str, max_pct: Option<u32>) -> Result<(), ToolError> {
    let Some(max) = max_pct else { return Ok(()) };
    let new = amount("price", proposed)?;
    let old = parse_micros(current).ok_or(ShopifyError::Malformed("variant price"))?;
    match check_change(old, new, max) {
        Ceiling::Within => Ok(()),
        Ceiling::Exceeded => Err(invalid(format!(
            "changing the price from {current} to {proposed} is more than {max}% of the current \
             price, which this workspace does not allow; nothing was changed"
        ))),
        Ceiling::NoBase => Err(invalid(format!(
            "the current price is {current}, so the {max}% change ceiling cannot be applied; \
             nothing was changed"
        ))),
    }
}

pub(crate) fn prices_update(shared: &Arc<Shared>) -> Built {
    let ceiling = shared.options.max_price_change_pct.map_or_else(
        || "No change ceiling is configured.".to_owned(),
        |pct| format!("A price may change by at most {pct}% of its current value."),
    );
    let spec = ToolSpec::write::<Input, Output>(
        "shopify_variant_prices_update",
        Platform::Shopify,
        RiskTier::W2,
    )
    .title("Update a variant's prices")
    .description(format!(
        "Sets the price and/or compare-at price of one product variant. {ceiling} Nothing \
         else about the variant can be changed with this tool."
    ))
    .scopes(["write_products"])
    .identifiers(["variant_id"])
    .writable(["price", "compare_at_price"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("ProductVariant", "variant_id", &input.variant_id)?;
        if input.price.is_none() && input.compare_at_price.is_none() {
            return Err(invalid("give `price`, `compare_at_price` or both"));
        }
        if let Some(p) = &input.price {
            amount("price", p)?;
        }
        if let Some(p) = &input.compare_at_price {
            amount("compare_at_price", p)?;
        }
        let cred = call.credential()?;
        let read: ReadData = shared
            .client
            .admin(call.ctx, cred, &VARIANT_PRICE, json!({ "id": id }))
            .await?;
        let current = read
            .product_variant
            .ok_or_else(|| ShopifyError::NotFound(format!("variant {id}")))?;
        if let Some(p) = &input.price {
            enforce_ceiling(&current.price, p, shared.options.max_price_change_pct)?;
        }
        let mut variant = Map::new();
        variant.insert("id".into(), Value::String(current.id.clone()));
        if let Some(p) = &input.price {
            variant.insert("price".into(), json!(p));
        }
        if let Some(p) = &input.compare_at_price {
            variant.insert("compareAtPrice".into(), json!(p));
        }
        let variables = json!({ "productId": current.product.id, "variants": [variant] });
        let data: WriteData = shared
            .client
            .admin(call.ctx, cred, &VARIANT_PRICES_UPDATE, variables)
            .await?;
        let payload = data
            .product_variants_bulk_update
            .ok_or(ShopifyError::Malformed(
                "productVariantsBulkUpdate payload missing",
            ))?;
        user_errors(payload.user_errors)?;
        let updated = payload
            .product_variants
            .unwrap_or_default()
            .into_iter()
            .find(|v| v.id == current.id)
            .ok_or(ShopifyError::Malformed("updated variant missing"))?;
        ToolOutput::new(&Output {
            variant_id: updated.id,
            product_id: current.product.id,
            previous_price: current.price,
            price: updated.price,
            previous_compare_at_price: current.compare_at_price,
            compare_at_price: updated.compare_at_price,
        })
    })
}

#[cfg(test)]
mod tests {
    use shopmcp_core::ErrorKind;

    use super::*;

    #[test]
    fn ceiling_messages() {
        assert!(enforce_ceiling("20.00", "29.99", Some(50)).is_ok());
        assert!(enforce_ceiling("20.00", "999.00", None).is_ok());
        let err = enforce_ceiling("20.00", "30.01", Some(50)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments);
        assert!(err.model_message().contains("more than 50%"));
        let err = enforce_ceiling("0.00", "5.00", Some(50)).unwrap_err();
        assert!(err.model_message().contains("cannot be applied"));
        assert!(enforce_ceiling("20.00", "-1", Some(50)).is_err());
    }
}

//! Variants: `GET /v3/catalog/variants` (by SKU or product) and
//! `PUT /v3/catalog/products/{product_id}/variants/{variant_id}` (prices only).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Number;
use shopmcp_core::{HandlerFuture, RiskTier, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query, Shape, Verb};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{
    PageInfo, Paging, decimal, decimal_number, lenient_vec, opt_bool, opt_string, opt_u64,
    require_changes,
};
use crate::{State, read_spec, scopes, tool, write_spec};

/// A product variant.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Variant {
    /// Variant id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Product id.
    #[serde(default, deserialize_with = "opt_u64")]
    product_id: Option<u64>,
    /// SKU.
    #[serde(default, deserialize_with = "opt_string")]
    sku: Option<String>,
    /// Variant price (null: the product's price applies).
    #[serde(default, deserialize_with = "decimal")]
    price: Option<String>,
    /// Variant sale price.
    #[serde(default, deserialize_with = "decimal")]
    sale_price: Option<String>,
    /// Price as shown on the storefront.
    #[serde(default, deserialize_with = "decimal")]
    calculated_price: Option<String>,
    /// Stock level (when tracked by variant).
    #[serde(default, deserialize_with = "opt_u64")]
    inventory_level: Option<u64>,
    /// Whether the variant cannot be bought.
    #[serde(default, deserialize_with = "opt_bool")]
    purchasing_disabled: Option<bool>,
    /// The option values that make up the variant.
    #[serde(default, deserialize_with = "lenient_vec")]
    option_values: Vec<OptionValue>,
}

/// One option value of a variant (e.g. Color: Black).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct OptionValue {
    /// Option name.
    #[serde(default, deserialize_with = "opt_string")]
    option_display_name: Option<String>,
    /// Value label.
    #[serde(default, deserialize_with = "opt_string")]
    label: Option<String>,
}

/// Variant filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Exact variant SKU.
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Only variants of this product.
    #[schemars(range(min = 1))]
    product_id: Option<u64>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// A page of variants.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    variants: Vec<Variant>,
    page: PageInfo,
}

/// New variant prices; at least one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PriceChanges {
    /// New variant price.
    #[schemars(extend("format" = "decimal"))]
    price: Option<String>,
    /// New variant sale price ("0" ends a sale).
    #[schemars(extend("format" = "decimal"))]
    sale_price: Option<String>,
}

/// Variant price update.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PricesUpdateInput {
    /// The variant's product.
    #[schemars(range(min = 1))]
    product_id: u64,
    /// The variant.
    #[schemars(range(min = 1))]
    variant_id: u64,
    /// Prices to change.
    changes: PriceChanges,
}

/// Exactly the body sent to `PUT /v3/catalog/products/{product_id}/variants/{variant_id}`.
#[derive(Debug, Serialize)]
struct VariantPut {
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sale_price: Option<Number>,
}

/// The updated variant.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PricesUpdateOutput {
    /// The fields that were sent.
    updated: Vec<String>,
    /// The variant as the store now has it.
    variant: Variant,
}

/// `bigcommerce_variants_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_variants_list")
        .title("Find variants")
        .description("Finds product variants by SKU or product, with their prices and stock.")
        .scopes([scopes::PRODUCTS_READ])
        .build();
    tool(spec, state, handle_list)
}

fn handle_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let query = Query::new()
            .opt("sku", input.sku)
            .opt("product_id:in", input.product_id)
            .paging(paging);
        let endpoint = Endpoint::v3(["catalog", "variants"], "variants");
        let page = state
            .client
            .list::<Variant>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&ListOutput {
            variants: page.items,
            page: info,
        })
    })
}

/// `bigcommerce_variant_prices_update`.
pub(crate) fn prices_update(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = write_spec::<PricesUpdateInput, PricesUpdateOutput>(
        "bigcommerce_variant_prices_update",
        RiskTier::W2,
    )
    .title("Update a variant's prices")
    .description("Changes the price and/or sale price of one product variant. Nothing else.")
    .scopes([scopes::PRODUCTS])
    .identifiers(["product_id", "variant_id"])
    .writable_in("changes", ["price", "sale_price"])
    .idempotent(true)
    .build();
    tool(spec, state, handle_prices_update)
}

fn handle_prices_update<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: PricesUpdateInput = call.input()?;
        let c = input.changes;
        let updated = require_changes(&[
            ("price", c.price.is_some()),
            ("sale_price", c.sale_price.is_some()),
        ])?;
        let number =
            |field: &str, v: Option<String>| v.map(|s| decimal_number(field, &s)).transpose();
        let body = VariantPut {
            price: number("price", c.price)?,
            sale_price: number("sale_price", c.sale_price)?,
        };
        let creds = BigCommerceCredentials::from_call(&call)?;
        let (product, variant) = (input.product_id, input.variant_id);
        let endpoint = Endpoint::v3(
            [
                "catalog".to_owned(),
                "products".to_owned(),
                product.to_string(),
                "variants".to_owned(),
                variant.to_string(),
            ],
            &format!("variant {variant} of product {product}"),
        );
        let variant: Variant = state
            .client
            .send(call.ctx, &creds, Verb::Put, &endpoint, &body, Shape::Data)
            .await?;
        ToolOutput::new(&PricesUpdateOutput { updated, variant })
    })
}

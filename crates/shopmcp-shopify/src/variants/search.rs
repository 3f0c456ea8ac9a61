//! `shopify_variants_search`: the variants with a given SKU.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::graphql::Document;
use crate::search::Search;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, WireRef};

pub(crate) const VARIANTS_BY_SKU: Document = Document::admin_query(
    "VariantsBySku",
    r"query VariantsBySku($query: String!) {
  productVariants(first: 20, query: $query) {
    nodes {
      id
      title
      sku
      barcode
      price
      compareAtPrice
      inventoryQuantity
      inventoryItem {
        id
      }
      product {
        id
        title
        status
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}",
);

/// The SKU to look for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// The SKU (exact).
    #[schemars(length(min = 1, max = 255))]
    sku: String,
}

/// One variant with its product.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct VariantMatch {
    /// Variant GID.
    id: String,
    /// Variant title.
    title: String,
    /// SKU.
    sku: Option<String>,
    /// Barcode.
    barcode: Option<String>,
    /// Price in the shop currency.
    #[schemars(extend("format" = "decimal"))]
    price: String,
    /// Compare-at price.
    #[schemars(extend("format" = "decimal"))]
    compare_at_price: Option<String>,
    /// Stock across locations.
    inventory_quantity: Option<i64>,
    /// Inventory item GID.
    inventory_item_id: String,
    /// Product GID.
    product_id: String,
    /// Product title.
    product_title: String,
    /// Product status.
    product_status: String,
}

/// The variants found (at most 20).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Matching variants.
    variants: Vec<VariantMatch>,
    /// Whether more than 20 variants share the SKU.
    more: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    product_variants: Connection<WireVariant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireVariant {
    id: String,
    title: String,
    sku: Option<String>,
    barcode: Option<String>,
    price: String,
    compare_at_price: Option<String>,
    inventory_quantity: Option<i64>,
    inventory_item: WireRef,
    product: WireProduct,
}

#[derive(Deserialize)]
struct WireProduct {
    id: String,
    title: String,
    status: String,
}

impl From<WireVariant> for VariantMatch {
    fn from(v: WireVariant) -> Self {
        Self {
            id: v.id,
            title: v.title,
            sku: v.sku,
            barcode: v.barcode,
            price: v.price,
            compare_at_price: v.compare_at_price,
            inventory_quantity: v.inventory_quantity,
            inventory_item_id: v.inventory_item.id,
            product_id: v.product.id,
            product_title: v.product.title,
            product_status: v.product.status,
        }
    }
}

pub(crate) fn search(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_variants_search", Platform::Shopify)
        .title("Find variants by SKU")
        .description(
            "Finds the product variants with a SKU: their ids, prices, stock, inventory item \
             ids and products.",
        )
        .scopes(["read_products"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let query = Search::new().eq("sku", Some(&input.sku)).build();
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &VARIANTS_BY_SKU,
                json!({ "query": query }),
            )
            .await?;
        let more = data.product_variants.truncated();
        ToolOutput::new(&Output {
            variants: data
                .product_variants
                .nodes
                .into_iter()
                .map(Into::into)
                .collect(),
            more,
        })
    })
}

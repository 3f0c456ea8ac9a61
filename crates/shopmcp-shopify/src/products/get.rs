//! `shopify_products_get`: one product with its variants and their inventory item ids.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, untrusted};

pub(crate) const PRODUCT_GET: Document = Document::admin_query(
    "ProductGet",
    r"query ProductGet($id: ID!) {
  product(id: $id) {
    id
    title
    handle
    status
    vendor
    productType
    tags
    descriptionHtml
    createdAt
    updatedAt
    publishedAt
    seo {
      title
      description
    }
    options(first: 3) {
      name
      values
    }
    variants(first: 100) {
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
          tracked
        }
        selectedOptions {
          name
          value
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
}",
);

/// Which product.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Product GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    product_id: String,
}

/// A product option (e.g. Size) and its values.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ProductOption {
    /// Option name.
    name: String,
    /// Values.
    values: Vec<String>,
}

/// One variant.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Variant {
    /// Variant GID.
    id: String,
    /// Title (the option values).
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
    /// Inventory item GID (for the inventory tools).
    inventory_item_id: String,
    /// Whether stock is tracked.
    tracked: bool,
    /// Option values, as `Name: Value`.
    options: Vec<String>,
}

/// SEO fields.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Seo {
    /// SEO title.
    title: Option<String>,
    /// SEO description.
    description: Option<String>,
}

/// One product.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Product GID.
    id: String,
    /// Title.
    title: String,
    /// URL handle.
    handle: String,
    /// Status.
    status: String,
    /// Vendor.
    vendor: String,
    /// Product type.
    product_type: String,
    /// Tags.
    tags: Vec<String>,
    /// Description HTML (often supplied by vendors).
    description_html: Option<Untrusted>,
    /// SEO title and description.
    seo: Seo,
    /// Options.
    options: Vec<ProductOption>,
    /// Variants (first 100).
    variants: Vec<Variant>,
    /// Whether there are more than 100 variants.
    more_variants: bool,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// When it was published.
    published_at: Option<String>,
}

#[derive(Deserialize)]
struct Data {
    product: Option<WireProduct>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireProduct {
    id: String,
    title: String,
    handle: String,
    status: String,
    vendor: String,
    product_type: String,
    tags: Vec<String>,
    description_html: Option<String>,
    created_at: String,
    updated_at: String,
    published_at: Option<String>,
    seo: WireSeo,
    options: Vec<WireOption>,
    variants: Connection<WireVariant>,
}

#[derive(Deserialize)]
struct WireSeo {
    title: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct WireOption {
    name: String,
    values: Vec<String>,
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
    inventory_item: WireInventoryItem,
    selected_options: Vec<WireSelected>,
}

#[derive(Deserialize)]
struct WireInventoryItem {
    id: String,
    tracked: bool,
}

#[derive(Deserialize)]
struct WireSelected {
    name: String,
    value: String,
}

impl From<WireVariant> for Variant {
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
            tracked: v.inventory_item.tracked,
            options: v
                .selected_options
                .into_iter()
                .map(|o| format!("{}: {}", o.name, o.value))
                .collect(),
        }
    }
}

impl From<WireProduct> for Output {
    fn from(p: WireProduct) -> Self {
        let more_variants = p.variants.truncated();
        Self {
            id: p.id,
            title: p.title,
            handle: p.handle,
            status: p.status,
            vendor: p.vendor,
            product_type: p.product_type,
            tags: p.tags,
            description_html: untrusted(p.description_html),
            seo: Seo {
                title: p.seo.title,
                description: p.seo.description,
            },
            options: p
                .options
                .into_iter()
                .map(|o| ProductOption {
                    name: o.name,
                    values: o.values,
                })
                .collect(),
            variants: p.variants.nodes.into_iter().map(Into::into).collect(),
            more_variants,
            created_at: p.created_at,
            updated_at: p.updated_at,
            published_at: p.published_at,
        }
    }
}

pub(crate) fn get(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_products_get", Platform::Shopify)
        .title("Get a product")
        .description(
            "Returns one product with its description, SEO fields, options and variants \
             (first 100) including prices, SKUs and inventory item ids.",
        )
        .scopes(["read_products"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Product", "product_id", &input.product_id)?;
        let data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &PRODUCT_GET,
                json!({ "id": id }),
            )
            .await?;
        let product = data
            .product
            .ok_or_else(|| ShopifyError::NotFound(format!("product {id}")))?;
        ToolOutput::new(&Output::from(product))
    })
}

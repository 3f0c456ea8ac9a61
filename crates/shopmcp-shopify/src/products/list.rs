//! `shopify_products_list`: one page of products matching enumerated filters or words.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use super::ProductStatus;
use crate::graphql::Document;
use crate::search::{Cmp, Search};
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, Money, PageInfo, SortOrder, WireCount, WireMoney, page_size};

pub(crate) const PRODUCTS_LIST: Document = Document::admin_query(
    "ProductsList",
    r"query ProductsList($first: Int!, $after: String, $query: String, $sortKey: ProductSortKeys!, $reverse: Boolean!) {
  products(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes {
      id
      title
      handle
      status
      vendor
      productType
      tags
      totalInventory
      createdAt
      updatedAt
      priceRangeV2 {
        minVariantPrice {
          amount
          currencyCode
        }
        maxVariantPrice {
          amount
          currencyCode
        }
      }
      variantsCount {
        count
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}",
);

/// Sort key.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SortKey {
    /// Last update (default).
    #[default]
    UpdatedAt,
    /// Creation time.
    CreatedAt,
    /// Title.
    Title,
    /// Total inventory.
    InventoryTotal,
}

impl SortKey {
    fn as_graphql(self) -> &'static str {
        match self {
            Self::UpdatedAt => "UPDATED_AT",
            Self::CreatedAt => "CREATED_AT",
            Self::Title => "TITLE",
            Self::InventoryTotal => "INVENTORY_TOTAL",
        }
    }
}

/// Filters and paging.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Page size, 1 to 50 (default 20).
    #[schemars(range(min = 1, max = 50))]
    first: Option<u32>,
    /// `page_info.end_cursor` of the previous page.
    #[schemars(length(max = 512))]
    after: Option<String>,
    /// Words that must all appear (title, SKU, vendor, tags…).
    #[schemars(length(min = 1, max = 200))]
    search: Option<String>,
    /// Exact title.
    #[schemars(length(min = 1, max = 255))]
    title: Option<String>,
    /// Status.
    status: Option<ProductStatus>,
    /// Vendor.
    #[schemars(length(min = 1, max = 255))]
    vendor: Option<String>,
    /// Product type.
    #[schemars(length(min = 1, max = 255))]
    product_type: Option<String>,
    /// Tag.
    #[schemars(length(min = 1, max = 255))]
    tag: Option<String>,
    /// A variant SKU.
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Only products updated at or after this time.
    #[schemars(extend("format" = "date-time"))]
    updated_after: Option<String>,
    /// Sort key (default `updated_at`).
    sort_key: Option<SortKey>,
    /// `desc` (default) or `asc`.
    sort_order: Option<SortOrder>,
}

impl Input {
    fn query(&self) -> Option<String> {
        Search::new()
            .words(self.search.as_deref())
            .eq("title", self.title.as_deref())
            .eq("status", self.status.map(ProductStatus::as_search))
            .eq("vendor", self.vendor.as_deref())
            .eq("product_type", self.product_type.as_deref())
            .eq("tag", self.tag.as_deref())
            .eq("sku", self.sku.as_deref())
            .cmp("updated_at", Cmp::AtLeast, self.updated_after.as_deref())
            .build()
    }
}

/// One product in a list.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ProductSummary {
    /// Product GID.
    id: String,
    /// Title.
    title: String,
    /// URL handle.
    handle: String,
    /// Status (`ACTIVE`, `DRAFT`, `ARCHIVED`, `UNLISTED`).
    status: String,
    /// Vendor.
    vendor: String,
    /// Product type.
    product_type: String,
    /// Tags.
    tags: Vec<String>,
    /// Stock across locations.
    total_inventory: i64,
    /// Lowest variant price.
    min_price: Money,
    /// Highest variant price.
    max_price: Money,
    /// Number of variants.
    variants: Option<u64>,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
}

/// A page of products.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The products.
    products: Vec<ProductSummary>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
pub(crate) struct Data {
    products: Connection<WireProduct>,
}

/// The tool's output for one page of `PRODUCTS_LIST` data.
pub(crate) fn output(mut data: Data) -> Output {
    let page_info = data.products.page();
    Output {
        products: data.products.nodes.into_iter().map(Into::into).collect(),
        page_info,
    }
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
    total_inventory: i64,
    created_at: String,
    updated_at: String,
    price_range_v2: PriceRange,
    variants_count: Option<WireCount>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PriceRange {
    min_variant_price: WireMoney,
    max_variant_price: WireMoney,
}

impl From<WireProduct> for ProductSummary {
    fn from(p: WireProduct) -> Self {
        Self {
            id: p.id,
            title: p.title,
            handle: p.handle,
            status: p.status,
            vendor: p.vendor,
            product_type: p.product_type,
            tags: p.tags,
            total_inventory: p.total_inventory,
            min_price: p.price_range_v2.min_variant_price.into(),
            max_price: p.price_range_v2.max_variant_price.into(),
            variants: p.variants_count.map(|c| c.count),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_products_list", Platform::Shopify)
        .title("List or search products")
        .description(
            "Lists products, most recently updated first, filtered by search words, title, \
             status, vendor, product type, tag, SKU or update time. Page with `after`.",
        )
        .scopes(["read_products"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": input.query(),
            "sortKey": input.sort_key.unwrap_or_default().as_graphql(),
            "reverse": input.sort_order.unwrap_or_default().reverse(),
        });
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &PRODUCTS_LIST, variables)
            .await?;
        ToolOutput::new(&output(data))
    })
}

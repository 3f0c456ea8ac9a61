//! `shopify_catalog_search`: the storefront's product search, as a buyer sees it.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::SLOT_STOREFRONT;
use crate::graphql::Document;
use crate::search::Search;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, Money, PageInfo, WireMoney};

pub(crate) const CATALOG_SEARCH: Document = Document::storefront_query(
    "CatalogSearch",
    r"query CatalogSearch($query: String!, $first: Int!, $after: String) {
  search(query: $query, first: $first, after: $after, types: [PRODUCT], unavailableProducts: LAST) {
    totalCount
    nodes {
      ... on Product {
        id
        title
        handle
        vendor
        productType
        availableForSale
        priceRange {
          minVariantPrice {
            amount
            currencyCode
          }
          maxVariantPrice {
            amount
            currencyCode
          }
        }
        variants(first: 10) {
          nodes {
            id
            title
            availableForSale
            price {
              amount
              currencyCode
            }
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}",
);

/// What the buyer looks for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Search words, e.g. `red running shoes`.
    #[schemars(length(min = 1, max = 200))]
    query: String,
    /// Page size, 1 to 20 (default 10).
    #[schemars(range(min = 1, max = 20))]
    first: Option<u32>,
    /// `page_info.end_cursor` of the previous page.
    #[schemars(length(max = 512))]
    after: Option<String>,
}

/// A purchasable variant.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Variant {
    /// Variant GID (the `merchandise_id` of cart lines).
    id: String,
    /// Title.
    title: String,
    /// Whether it can be bought now.
    available: bool,
    /// Price.
    price: Money,
}

/// A product found.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Product {
    /// Product GID.
    id: String,
    /// Title.
    title: String,
    /// URL handle.
    handle: String,
    /// Vendor.
    vendor: String,
    /// Product type.
    product_type: String,
    /// Whether some variant can be bought now.
    available: bool,
    /// Lowest price.
    min_price: Money,
    /// Highest price.
    max_price: Money,
    /// Variants (first 10).
    variants: Vec<Variant>,
}

/// Search results.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Products, most relevant first.
    products: Vec<Product>,
    /// How many results match in total.
    total_count: i64,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
struct Data {
    search: WireSearch,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSearch {
    total_count: i64,
    nodes: Vec<WireProduct>,
    page_info: crate::types::WirePageInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireProduct {
    // Every node is a Product (`types: [PRODUCT]`); fields stay optional for safety.
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    vendor: String,
    #[serde(default)]
    product_type: String,
    #[serde(default)]
    available_for_sale: bool,
    #[serde(default)]
    price_range: Option<PriceRange>,
    #[serde(default)]
    variants: Option<Connection<WireVariant>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PriceRange {
    min_variant_price: WireMoney,
    max_variant_price: WireMoney,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireVariant {
    id: String,
    title: String,
    available_for_sale: bool,
    price: WireMoney,
}

fn product(p: WireProduct) -> Option<Product> {
    let id = p.id?;
    let range = p.price_range?;
    Some(Product {
        id,
        title: p.title,
        handle: p.handle,
        vendor: p.vendor,
        product_type: p.product_type,
        available: p.available_for_sale,
        min_price: range.min_variant_price.into(),
        max_price: range.max_variant_price.into(),
        variants: p
            .variants
            .map(|v| {
                v.nodes
                    .into_iter()
                    .map(|v| Variant {
                        id: v.id,
                        title: v.title,
                        available: v.available_for_sale,
                        price: v.price.into(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

pub(crate) fn catalog_search(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_catalog_search", Platform::Shopify)
        .title("Search the catalog")
        .description(
            "Searches the storefront's products as a buyer sees them (published products \
             only), with prices, availability and variant ids for carts.",
        )
        .scopes(["unauthenticated_read_product_listings"])
        .credential(Some(SLOT_STOREFRONT));
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        // Every word is quoted, so search syntax in the text stays plain words.
        let query = Search::new().words(Some(&input.query)).build();
        let Some(query) = query else {
            return Err(crate::error::invalid("`query` must contain a word"));
        };
        let variables = json!({
            "query": query,
            "first": input.first.unwrap_or(10).clamp(1, 20),
            "after": input.after,
        });
        let data: Data = shared
            .client
            .storefront(call.ctx, call.credential()?, &CATALOG_SEARCH, variables)
            .await?;
        let search = data.search;
        ToolOutput::new(&Output {
            products: search.nodes.into_iter().filter_map(product).collect(),
            total_count: search.total_count,
            page_info: search.page_info.into(),
        })
    })
}

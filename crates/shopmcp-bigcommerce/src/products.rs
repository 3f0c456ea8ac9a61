//! Products: `GET /v3/catalog/products`, `GET /v3/catalog/products/{product_id}`,
//! `PUT /v3/catalog/products/{product_id}` (whitelisted fields only).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Number;
use shopmcp_core::{HandlerFuture, RiskTier, SpecError, Tool, ToolCall, ToolOutput, Untrusted};

use crate::client::{Endpoint, Query, Shape, Verb};
use crate::credentials::BigCommerceCredentials;
use crate::variants::Variant;
use crate::wire::{
    Direction, PageInfo, Paging, decimal, decimal_number, lenient_vec, opt_bool, opt_string,
    opt_u64, require_changes, untrusted,
};
use crate::{State, read_spec, scopes, tool, write_spec};

/// Product list filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Search text matched against name, SKU and description.
    #[schemars(length(min = 1, max = 100))]
    keyword: Option<String>,
    /// Exact product SKU.
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Only products of this brand.
    #[schemars(range(min = 1))]
    brand_id: Option<u64>,
    /// Only products in this category.
    #[schemars(range(min = 1))]
    category_id: Option<u64>,
    /// Only visible (true) or hidden (false) products.
    is_visible: Option<bool>,
    /// Sort field (default: id).
    sort: Option<ProductSort>,
    /// Sort direction.
    direction: Option<Direction>,
    /// Also return each product's variants.
    include_variants: Option<bool>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// Product sort fields.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ProductSort {
    /// Product id (creation order).
    Id,
    /// Name.
    Name,
    /// SKU.
    Sku,
    /// Price.
    Price,
    /// Last modification.
    DateModified,
    /// Stock level.
    InventoryLevel,
    /// Units sold.
    TotalSold,
}

impl ProductSort {
    fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Name => "name",
            Self::Sku => "sku",
            Self::Price => "price",
            Self::DateModified => "date_modified",
            Self::InventoryLevel => "inventory_level",
            Self::TotalSold => "total_sold",
        }
    }
}

/// A product (catalogue fields; cost prices and SEO fields are left out).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Product {
    /// Product id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// SKU.
    #[serde(default, deserialize_with = "opt_string")]
    sku: Option<String>,
    /// `physical` or `digital`.
    #[serde(default, rename = "type", deserialize_with = "opt_string")]
    product_type: Option<String>,
    /// Default price.
    #[serde(default, deserialize_with = "decimal")]
    price: Option<String>,
    /// Sale price (0: no sale).
    #[serde(default, deserialize_with = "decimal")]
    sale_price: Option<String>,
    /// Price as shown on the storefront.
    #[serde(default, deserialize_with = "decimal")]
    calculated_price: Option<String>,
    /// Weight, in the store's weight units.
    #[serde(default, deserialize_with = "decimal")]
    weight: Option<String>,
    /// Whether the product is visible on the storefront.
    #[serde(default, deserialize_with = "opt_bool")]
    is_visible: Option<bool>,
    /// Stock level (when tracked by product).
    #[serde(default, deserialize_with = "opt_u64")]
    inventory_level: Option<u64>,
    /// `none`, `product` or `variant`.
    #[serde(default, deserialize_with = "opt_string")]
    inventory_tracking: Option<String>,
    /// `available`, `disabled` or `preorder`.
    #[serde(default, deserialize_with = "opt_string")]
    availability: Option<String>,
    /// Brand id.
    #[serde(default, deserialize_with = "opt_u64")]
    brand_id: Option<u64>,
    /// Category ids.
    #[serde(default, deserialize_with = "lenient_vec")]
    categories: Vec<u64>,
    /// Units sold.
    #[serde(default, deserialize_with = "opt_u64")]
    total_sold: Option<u64>,
    /// Last modification.
    #[serde(default, deserialize_with = "opt_string")]
    date_modified: Option<String>,
    /// Description (HTML; may come from suppliers or importers).
    #[serde(
        default,
        deserialize_with = "untrusted",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<Untrusted>,
    /// Variants (when asked for).
    #[serde(default, deserialize_with = "lenient_vec")]
    variants: Vec<Variant>,
}

/// A page of products.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    products: Vec<Product>,
    page: PageInfo,
}

/// One product.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// Product id.
    #[schemars(range(min = 1))]
    product_id: u64,
}

/// The changes to make; at least one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProductChanges {
    /// New name.
    #[schemars(length(min = 1, max = 250))]
    name: Option<String>,
    /// New default price.
    #[schemars(extend("format" = "decimal"))]
    price: Option<String>,
    /// New sale price ("0" ends a sale).
    #[schemars(extend("format" = "decimal"))]
    sale_price: Option<String>,
    /// Show (true) or hide (false) on the storefront.
    is_visible: Option<bool>,
    /// New description (HTML).
    #[schemars(length(max = 65535), extend("x-shopmcp-text" = "free"))]
    description: Option<String>,
    /// New weight, in the store's weight units.
    #[schemars(extend("format" = "decimal"))]
    weight: Option<String>,
}

/// Product update.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateInput {
    /// The product to change.
    #[schemars(range(min = 1))]
    product_id: u64,
    /// Whitelisted fields to change.
    changes: ProductChanges,
}

/// Exactly the body sent to `PUT /v3/catalog/products/{product_id}`.
#[derive(Debug, Serialize)]
struct ProductPut {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sale_price: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_visible: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<Number>,
}

/// The updated product.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct UpdateOutput {
    /// The fields that were sent.
    updated: Vec<String>,
    /// The product as the store now has it.
    product: Product,
}

/// `bigcommerce_products_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_products_list")
        .title("List products")
        .description(
            "Lists catalogue products, one page at a time, filtered by keyword, SKU, brand, category or visibility.",
        )
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
            .opt("keyword", input.keyword)
            .opt("sku", input.sku)
            .opt("brand_id", input.brand_id)
            .opt("categories:in", input.category_id)
            .opt("is_visible", input.is_visible)
            .opt("sort", input.sort.map(ProductSort::as_str))
            .opt("direction", input.direction.map(Direction::as_str))
            .opt(
                "include",
                input.include_variants.filter(|v| *v).map(|_| "variants"),
            )
            .paging(paging);
        let endpoint = Endpoint::v3(["catalog", "products"], "products");
        let page = state
            .client
            .list::<Product>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        let mut products = page.items;
        for p in &mut products {
            p.description = None;
        }
        ToolOutput::new(&ListOutput {
            products,
            page: info,
        })
    })
}

/// `bigcommerce_products_get`.
pub(crate) fn get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<GetInput, Product>("bigcommerce_products_get")
        .title("Get a product")
        .description("Returns one product with its description and variants.")
        .scopes([scopes::PRODUCTS_READ])
        .build();
    tool(spec, state, handle_get)
}

fn handle_get<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let id = input.product_id;
        let endpoint = Endpoint::v3(
            ["catalog", "products", &id.to_string()],
            &format!("product {id}"),
        );
        let query = Query::new().set("include", "variants");
        let product: Product = state.client.get(call.ctx, &creds, &endpoint, query).await?;
        ToolOutput::new(&product)
    })
}

/// `bigcommerce_products_update`.
pub(crate) fn update(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = write_spec::<UpdateInput, UpdateOutput>("bigcommerce_products_update", RiskTier::W2)
        .title("Update a product")
        .description(
            "Changes a product's name, price, sale price, visibility, description or weight. No other field can be changed.",
        )
        .scopes([scopes::PRODUCTS])
        .identifiers(["product_id"])
        .writable_in(
            "changes",
            ["name", "price", "sale_price", "is_visible", "description", "weight"],
        )
        .idempotent(true)
        .build();
    tool(spec, state, handle_update)
}

fn handle_update<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: UpdateInput = call.input()?;
        let c = input.changes;
        let updated = require_changes(&[
            ("name", c.name.is_some()),
            ("price", c.price.is_some()),
            ("sale_price", c.sale_price.is_some()),
            ("is_visible", c.is_visible.is_some()),
            ("description", c.description.is_some()),
            ("weight", c.weight.is_some()),
        ])?;
        let number =
            |field: &str, v: Option<String>| v.map(|s| decimal_number(field, &s)).transpose();
        let body = ProductPut {
            price: number("price", c.price)?,
            sale_price: number("sale_price", c.sale_price)?,
            weight: number("weight", c.weight)?,
            name: c.name,
            is_visible: c.is_visible,
            description: c.description,
        };
        let creds = BigCommerceCredentials::from_call(&call)?;
        let id = input.product_id;
        let endpoint = Endpoint::v3(
            ["catalog", "products", &id.to_string()],
            &format!("product {id}"),
        );
        let mut product: Product = state
            .client
            .send(call.ctx, &creds, Verb::Put, &endpoint, &body, Shape::Data)
            .await?;
        product.description = None;
        ToolOutput::new(&UpdateOutput { updated, product })
    })
}

//! Products: `magento_products_search` and `magento_products_get` (with stock).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::MagentoClient;
use crate::inventory::{StockItem, StockOut};
use crate::routes::Admin;
use crate::search::{Criteria, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{Amount, null_as_default, untrusted};

/// ACL resource of the product routes.
pub(crate) const ACL: &str = "Magento_Catalog::products";

search_fields! {
    /// A product field to filter on.
    ProductField {
        /// Product id.
        EntityId = "entity_id" (Integer),
        /// SKU.
        Sku = "sku" (Text),
        /// Name.
        Name = "name" (Text),
        /// Product type (`simple`, `configurable`, `bundle`, `virtual`, ...).
        TypeId = "type_id" (Text),
        /// Status: 1 enabled, 2 disabled.
        Status = "status" (Integer),
        /// Visibility: 1 not visible individually, 2 catalog, 3 search, 4 catalog and search.
        Visibility = "visibility" (Integer),
        /// Price.
        Price = "price" (Decimal),
        /// Attribute set id.
        AttributeSetId = "attribute_set_id" (Integer),
        /// Creation time (UTC).
        CreatedAt = "created_at" (Date),
        /// Last update (UTC).
        UpdatedAt = "updated_at" (Date),
    }
}

search_fields! {
    /// A product field to sort by.
    ProductSort {
        /// Product id.
        EntityId = "entity_id" (Integer),
        /// SKU.
        Sku = "sku" (Text),
        /// Name.
        Name = "name" (Text),
        /// Price.
        Price = "price" (Decimal),
        /// Creation time.
        CreatedAt = "created_at" (Date),
        /// Last update.
        UpdatedAt = "updated_at" (Date),
    }
}

/// Arguments of `magento_products_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SkuInput {
    /// The product's SKU (sent as one percent-encoded path segment).
    #[schemars(length(min = 1, max = 64))]
    pub(crate) sku: String,
}

/// One `custom_attributes` entry.
#[derive(Debug, Deserialize)]
pub(crate) struct CustomAttribute {
    attribute_code: String,
    value: Value,
}

#[derive(Debug, Deserialize)]
struct CategoryLink {
    category_id: Value,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ProductExtension {
    #[serde(default, deserialize_with = "null_as_default")]
    website_ids: Vec<u64>,
    #[serde(default, deserialize_with = "null_as_default")]
    category_links: Vec<CategoryLink>,
    pub(crate) stock_item: Option<StockItem>,
}

/// `catalog-data-product-interface`, the fields the tools use.
#[derive(Debug, Deserialize)]
pub(crate) struct Product {
    pub(crate) id: Option<u64>,
    pub(crate) sku: String,
    name: Option<String>,
    attribute_set_id: Option<u64>,
    price: Option<Amount>,
    status: Option<u64>,
    visibility: Option<u64>,
    type_id: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    weight: Option<Amount>,
    #[serde(default, deserialize_with = "null_as_default")]
    custom_attributes: Vec<CustomAttribute>,
    pub(crate) extension_attributes: Option<ProductExtension>,
}

impl Product {
    fn attribute(&self, code: &str) -> Option<String> {
        self.custom_attributes
            .iter()
            .find(|a| a.attribute_code == code)
            .and_then(|a| match &a.value {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
    }
}

/// Status as a word.
pub(crate) fn status_name(status: Option<u64>) -> Option<String> {
    status.map(|s| match s {
        1 => "enabled".to_owned(),
        2 => "disabled".to_owned(),
        other => other.to_string(),
    })
}

/// Visibility as a word.
pub(crate) fn visibility_name(visibility: Option<u64>) -> Option<String> {
    visibility.map(|v| match v {
        1 => "not_visible_individually".to_owned(),
        2 => "catalog".to_owned(),
        3 => "search".to_owned(),
        4 => "catalog_search".to_owned(),
        other => other.to_string(),
    })
}

/// A product in a list.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ProductSummary {
    /// Product id.
    id: Option<u64>,
    /// SKU.
    sku: String,
    /// Name.
    name: Option<String>,
    /// Product type.
    type_id: Option<String>,
    /// `enabled` or `disabled`.
    status: Option<String>,
    /// `not_visible_individually`, `catalog`, `search` or `catalog_search`.
    visibility: Option<String>,
    /// Price.
    price: Option<Amount>,
    /// Special (sale) price, if set.
    special_price: Option<String>,
    /// Creation time (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
}

/// One product with its stock.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ProductDetail {
    /// Product id.
    id: Option<u64>,
    /// SKU.
    sku: String,
    /// Name.
    name: Option<String>,
    /// Product type.
    type_id: Option<String>,
    /// Attribute set id.
    attribute_set_id: Option<u64>,
    /// `enabled` or `disabled`.
    status: Option<String>,
    /// `not_visible_individually`, `catalog`, `search` or `catalog_search`.
    visibility: Option<String>,
    /// Price.
    price: Option<Amount>,
    /// Special (sale) price, if set.
    special_price: Option<String>,
    /// Weight.
    weight: Option<Amount>,
    /// Description (HTML; may come from suppliers).
    description: Option<Untrusted>,
    /// Short description (HTML; may come from suppliers).
    short_description: Option<Untrusted>,
    /// Websites the product is assigned to.
    website_ids: Vec<u64>,
    /// Categories the product is in.
    category_ids: Vec<String>,
    /// Default stock (legacy stock item).
    stock: Option<StockOut>,
    /// Creation time (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
}

impl From<Product> for ProductSummary {
    fn from(p: Product) -> Self {
        Self {
            special_price: p.attribute("special_price"),
            id: p.id,
            sku: p.sku,
            name: p.name,
            type_id: p.type_id,
            status: status_name(p.status),
            visibility: visibility_name(p.visibility),
            price: p.price,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

impl From<Product> for ProductDetail {
    fn from(p: Product) -> Self {
        let special_price = p.attribute("special_price");
        let description = untrusted(p.attribute("description"));
        let short_description = untrusted(p.attribute("short_description"));
        let ext = p.extension_attributes.unwrap_or_default();
        Self {
            id: p.id,
            sku: p.sku,
            name: p.name,
            type_id: p.type_id,
            attribute_set_id: p.attribute_set_id,
            status: status_name(p.status),
            visibility: visibility_name(p.visibility),
            price: p.price,
            special_price,
            weight: p.weight,
            description,
            short_description,
            website_ids: ext.website_ids,
            category_ids: ext
                .category_links
                .into_iter()
                .map(|l| match l.category_id {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect(),
            stock: ext.stock_item.map(StockOut::from),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

type ProductSearch = SearchInput<ProductField, ProductSort>;

pub(crate) fn search_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<ProductSearch, SearchOutput<ProductSummary>>(
        "magento_products_search",
        Platform::Magento,
    )
    .title("Search products")
    .description(
        "Searches the catalogue with up to 5 filters (AND), one sort field and one page of at \
         most 50 products. Status 1 = enabled, 2 = disabled; visibility 1..4 = not visible \
         individually, catalog, search, catalog and search.",
    )
    .scopes([ACL])
    .build()
}

pub(crate) fn search<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ProductSearch = call.input()?;
        let criteria = Criteria::search(&input, false)?;
        let result: SearchResult<Product> = client
            .admin(&call, Admin::Products, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(
            result,
            &criteria,
            ProductSummary::from,
        ))
    })
}

pub(crate) fn get_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<SkuInput, ProductDetail>("magento_products_get", Platform::Magento)
        .title("Get a product")
        .description(
            "Reads one product by SKU: name, prices, status, visibility, weight, descriptions, \
             websites, categories and its default stock (quantity, in stock).",
        )
        .scopes([ACL])
        .build()
}

pub(crate) fn get<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: SkuInput = call.input()?;
        let product: Product = client
            .admin(&call, Admin::Product(&input.sku), &[], None)
            .await?;
        ToolOutput::new(&ProductDetail::from(product))
    })
}

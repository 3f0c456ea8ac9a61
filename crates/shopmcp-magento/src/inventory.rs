//! Inventory: stock items, salable quantity (MSI), sources, and source item quantities.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, SpecError, ToolCall, ToolOutput, ToolSpec};

use crate::MagentoClient;
use crate::error::MagentoError;
use crate::products::SkuInput;
use crate::routes::Admin;
use crate::search::{Criteria, PageInput, SearchOutput, SearchResult};
use crate::values::{Amount, decimal_number, flag};

/// ACL resource of the legacy stock routes.
pub(crate) const ACL_STOCK: &str = "Magento_CatalogInventory::cataloginventory";
/// ACL resource of the salable-quantity route.
pub(crate) const ACL_SALABLE: &str = "Magento_InventorySalesApi::stock";
/// ACL resource of the source and source-item routes.
pub(crate) const ACL_SOURCE: &str = "Magento_InventoryApi::source";

/// `catalog-inventory-data-stock-item-interface`, the fields the tools use.
#[derive(Debug, Deserialize)]
pub(crate) struct StockItem {
    pub(crate) item_id: Option<u64>,
    product_id: Option<u64>,
    stock_id: Option<u64>,
    qty: Option<Amount>,
    #[serde(default, deserialize_with = "flag")]
    is_in_stock: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    manage_stock: Option<bool>,
    low_stock_date: Option<String>,
}

/// A stock item.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StockOut {
    /// Stock item id.
    item_id: Option<u64>,
    /// Product id.
    product_id: Option<u64>,
    /// Stock id (1 = default stock).
    stock_id: Option<u64>,
    /// Quantity.
    qty: Option<Amount>,
    /// Whether the product is in stock.
    is_in_stock: Option<bool>,
    /// Whether stock is managed for it.
    manage_stock: Option<bool>,
    /// When it fell below the notify quantity, if it did.
    low_stock_date: Option<String>,
}

impl From<StockItem> for StockOut {
    fn from(s: StockItem) -> Self {
        Self {
            item_id: s.item_id,
            product_id: s.product_id,
            stock_id: s.stock_id,
            qty: s.qty,
            is_in_stock: s.is_in_stock,
            manage_stock: s.manage_stock,
            low_stock_date: s.low_stock_date,
        }
    }
}

pub(crate) fn stock_get_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<SkuInput, StockOut>("magento_stock_items_get", Platform::Magento)
        .title("Get a stock item")
        .description("Reads the default stock item of one SKU: quantity, in stock, managed.")
        .scopes([ACL_STOCK])
        .build()
}

pub(crate) fn stock_get<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: SkuInput = call.input()?;
        let item: StockItem = client
            .admin(&call, Admin::StockItem(&input.sku), &[], None)
            .await?;
        ToolOutput::new(&StockOut::from(item))
    })
}

/// Arguments of `magento_salable_quantity_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SalableInput {
    /// The product's SKU.
    #[schemars(length(min = 1, max = 64))]
    sku: String,
    /// The MSI stock id (1 = default stock).
    #[schemars(range(min = 1, max = 100000))]
    stock_id: u32,
}

/// Salable quantity.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SalableOut {
    /// SKU.
    sku: String,
    /// Stock id.
    stock_id: u32,
    /// Quantity that can still be sold (stock minus reservations).
    salable_quantity: Amount,
}

pub(crate) fn salable_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<SalableInput, SalableOut>("magento_salable_quantity_get", Platform::Magento)
        .title("Get salable quantity")
        .description(
            "Reads how many units of one SKU can still be sold from one MSI stock (quantity \
             minus reservations of open orders).",
        )
        .scopes([ACL_SALABLE])
        .build()
}

pub(crate) fn salable<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: SalableInput = call.input()?;
        let route = Admin::SalableQuantity(&input.sku, input.stock_id);
        let qty: Amount = client.admin(&call, route, &[], None).await?;
        ToolOutput::new(&SalableOut {
            sku: input.sku,
            stock_id: input.stock_id,
            salable_quantity: qty,
        })
    })
}

/// `inventory-api-data-source-interface`, the fields the tool shows.
#[derive(Debug, Deserialize)]
struct Source {
    source_code: String,
    name: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    enabled: Option<bool>,
    country_id: Option<String>,
    city: Option<String>,
}

/// An inventory source (a warehouse or shop).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SourceOut {
    /// Source code.
    source_code: String,
    /// Name.
    name: Option<String>,
    /// Whether it is enabled.
    enabled: Option<bool>,
    /// Country.
    country_id: Option<String>,
    /// City.
    city: Option<String>,
}

pub(crate) fn sources_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<PageInput, SearchOutput<SourceOut>>("magento_sources_list", Platform::Magento)
        .title("List inventory sources")
        .description("Lists the MSI inventory sources (warehouses, shops), one page of at most 50.")
        .scopes([ACL_SOURCE])
        .build()
}

pub(crate) fn sources<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: PageInput = call.input()?;
        let criteria = Criteria::page(&input);
        let result: SearchResult<Source> = client
            .admin(&call, Admin::Sources, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(result, &criteria, |s| {
            SourceOut {
                source_code: s.source_code,
                name: s.name,
                enabled: s.enabled,
                country_id: s.country_id,
                city: s.city,
            }
        }))
    })
}

/// Whether a source item can be sold.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SourceStatus {
    /// In stock (1).
    InStock,
    /// Out of stock (0).
    OutOfStock,
}

/// One source item to set.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceItemIn {
    /// The product's SKU.
    #[schemars(length(min = 1, max = 64))]
    sku: String,
    /// The source code (e.g. `default`).
    #[schemars(length(min = 1, max = 64))]
    source_code: String,
    /// The new quantity at that source (a decimal string, zero or more).
    #[schemars(extend("format" = "decimal"))]
    quantity: String,
    /// In stock or out of stock at that source.
    status: SourceStatus,
}

/// Arguments of `magento_source_items_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceItemsInput {
    /// The source items to set (1 to 20).
    #[schemars(length(min = 1, max = 20))]
    items: Vec<SourceItemIn>,
}

/// What was set.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SourceItemsOut {
    /// Number of source items sent.
    updated: usize,
    /// The values sent.
    items: Vec<SourceItemIn>,
}

pub(crate) fn source_items_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<SourceItemsInput, SourceItemsOut>(
        "magento_source_items_update",
        Platform::Magento,
        RiskTier::W2,
    )
    .title("Set source quantities")
    .description(
        "Sets the quantity and stock status of up to 20 SKUs at MSI sources (absolute values, \
         not adjustments). Existing products and sources only.",
    )
    .scopes([ACL_SOURCE])
    .writable(["items"])
    .idempotent(true)
    .build()
}

fn valid_source_code(code: &str) -> bool {
    code.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

pub(crate) fn source_items<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: SourceItemsInput = call.input()?;
        let mut wire = Vec::with_capacity(input.items.len());
        for item in &input.items {
            if !valid_source_code(&item.source_code) {
                return Err(MagentoError::SourceCode.into());
            }
            wire.push(json!({
                "sku": item.sku,
                "source_code": item.source_code,
                "quantity": Value::Number(decimal_number("quantity", &item.quantity, true)?),
                "status": match item.status { SourceStatus::InStock => 1, SourceStatus::OutOfStock => 0 },
            }));
        }
        let body = json!({ "sourceItems": wire });
        client
            .admin_unit(&call, Admin::SourceItemsSave, Some(&body))
            .await?;
        ToolOutput::new(&SourceItemsOut {
            updated: input.items.len(),
            items: input.items,
        })
    })
}

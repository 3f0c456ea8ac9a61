//! Inventory (v3): `GET /v3/inventory/locations/{location_id}/items`,
//! `POST /v3/inventory/adjustments/relative` (adjust by a delta) and
//! `PUT /v3/inventory/adjustments/absolute` (set a count), each with a reason.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, RiskTier, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query, Shape, Verb};
use crate::credentials::BigCommerceCredentials;
use crate::error::BcError;
use crate::wire::{PageInfo, Paging, opt_bool, opt_i64, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool, write_spec};

/// The largest stock change or count one item may get in one call.
pub(crate) const MAX_QUANTITY: i64 = 1_000_000;

/// Stock at one location.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemsInput {
    /// Location id (see `bigcommerce_locations_list`).
    #[schemars(range(min = 1))]
    location_id: u64,
    /// Only this SKU.
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Only this product.
    #[schemars(range(min = 1))]
    product_id: Option<u64>,
    /// Only this variant.
    #[schemars(range(min = 1))]
    variant_id: Option<u64>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// Stock of one item at the location.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct LocationItem {
    /// Which item.
    #[serde(default)]
    identity: Option<Identity>,
    /// Available to sell (on hand minus safety stock).
    #[serde(default, deserialize_with = "opt_i64")]
    available_to_sell: Option<i64>,
    /// On hand.
    #[serde(default, deserialize_with = "opt_i64")]
    total_inventory_onhand: Option<i64>,
    /// Stock settings at this location.
    #[serde(default)]
    settings: Option<ItemSettings>,
}

/// An inventory item's identity.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Identity {
    /// SKU.
    #[serde(default, deserialize_with = "opt_string")]
    sku: Option<String>,
    /// Variant id.
    #[serde(default, deserialize_with = "opt_u64")]
    variant_id: Option<u64>,
    /// Product id.
    #[serde(default, deserialize_with = "opt_u64")]
    product_id: Option<u64>,
}

/// Stock settings of an item at a location.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct ItemSettings {
    /// Safety stock.
    #[serde(default, deserialize_with = "opt_i64")]
    safety_stock: Option<i64>,
    /// Purchasable regardless of quantity.
    #[serde(default, deserialize_with = "opt_bool")]
    is_in_stock: Option<bool>,
    /// Low-stock warning level.
    #[serde(default, deserialize_with = "opt_i64")]
    warning_level: Option<i64>,
    /// Bin picking number.
    #[serde(default, deserialize_with = "opt_string")]
    bin_picking_number: Option<String>,
}

/// A page of stock levels.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ItemsOutput {
    location_id: u64,
    items: Vec<LocationItem>,
    page: PageInfo,
}

/// One item's stock change. Name the item by exactly one of `sku`, `variant_id`, `product_id`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdjustItem {
    /// Location id.
    #[schemars(range(min = 1))]
    location_id: u64,
    /// Item SKU.
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Variant id (items tracked by variant).
    #[schemars(range(min = 1))]
    variant_id: Option<u64>,
    /// Product id (products without variants).
    #[schemars(range(min = 1))]
    product_id: Option<u64>,
    /// Units to add (positive) or remove (negative).
    #[schemars(range(min = -1_000_000, max = 1_000_000))]
    quantity: i64,
}

/// One item's new stock count. Name the item by exactly one of `sku`, `variant_id`,
/// `product_id`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetItem {
    /// Location id.
    #[schemars(range(min = 1))]
    location_id: u64,
    /// Item SKU.
    #[schemars(length(min = 1, max = 255))]
    sku: Option<String>,
    /// Variant id (items tracked by variant).
    #[schemars(range(min = 1))]
    variant_id: Option<u64>,
    /// Product id (products without variants).
    #[schemars(range(min = 1))]
    product_id: Option<u64>,
    /// The new count on hand.
    #[schemars(range(min = 0, max = 1_000_000))]
    quantity: i64,
}

/// A relative adjustment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdjustInput {
    /// Why (kept in BigCommerce's inventory history), e.g. "Damaged in warehouse".
    #[schemars(length(min = 1, max = 255), extend("x-shopmcp-text" = "free"))]
    reason: String,
    /// Items and deltas.
    #[schemars(length(min = 1, max = 50))]
    items: Vec<AdjustItem>,
}

/// An absolute adjustment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetInput {
    /// Why (kept in BigCommerce's inventory history), e.g. "Stock count 2026-11".
    #[schemars(length(min = 1, max = 255), extend("x-shopmcp-text" = "free"))]
    reason: String,
    /// Items and counts.
    #[schemars(length(min = 1, max = 50))]
    items: Vec<SetItem>,
}

/// Exactly the body sent to the adjustment endpoints.
#[derive(Debug, Serialize)]
struct AdjustmentBody {
    reason: String,
    items: Vec<ItemBody>,
}

#[derive(Debug, Serialize)]
struct ItemBody {
    location_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    sku: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product_id: Option<u64>,
    quantity: i64,
}

/// The store's receipt.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct AdjustOutput {
    /// BigCommerce's id of the adjustment.
    #[serde(default, deserialize_with = "opt_string")]
    transaction_id: Option<String>,
    /// How many items were sent.
    #[serde(default)]
    items: usize,
}

fn item_body(
    index: usize,
    location_id: u64,
    ids: (Option<String>, Option<u64>, Option<u64>),
    quantity: i64,
) -> Result<ItemBody, BcError> {
    let (sku, variant_id, product_id) = ids;
    let named = usize::from(sku.is_some())
        + usize::from(variant_id.is_some())
        + usize::from(product_id.is_some());
    if named != 1 {
        return Err(BcError::Invalid(format!(
            "items[{index}] must name exactly one of `sku`, `variant_id`, `product_id`"
        )));
    }
    Ok(ItemBody {
        location_id,
        sku,
        variant_id,
        product_id,
        quantity: quantity.clamp(-MAX_QUANTITY, MAX_QUANTITY),
    })
}

/// `bigcommerce_inventory_items_list`.
pub(crate) fn items_list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ItemsInput, ItemsOutput>("bigcommerce_inventory_items_list")
        .title("List stock at a location")
        .description(
            "Lists stock on hand and available to sell at one location, optionally for one SKU, product or variant.",
        )
        .scopes([scopes::INVENTORY_READ])
        .build();
    tool(spec, state, handle_items)
}

fn handle_items<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ItemsInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let id = input.location_id;
        let endpoint = Endpoint::v3(
            [
                "inventory".to_owned(),
                "locations".to_owned(),
                id.to_string(),
                "items".to_owned(),
            ],
            &format!("location {id}"),
        );
        let query = Query::new()
            .opt("sku:in", input.sku)
            .opt("product_id:in", input.product_id)
            .opt("variant_id:in", input.variant_id)
            .paging(paging);
        let page = state
            .client
            .list::<LocationItem>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&ItemsOutput {
            location_id: id,
            items: page.items,
            page: info,
        })
    })
}

/// `bigcommerce_inventory_adjust`.
pub(crate) fn adjust(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec =
        write_spec::<AdjustInput, AdjustOutput>("bigcommerce_inventory_adjust", RiskTier::W2)
            .title("Adjust stock by a delta")
            .description(
                "Adds or removes units of items at locations (relative adjustment), with a reason.",
            )
            .scopes([scopes::INVENTORY])
            .writable(["reason", "items"])
            .idempotent(false)
            .build();
    tool(spec, state, handle_adjust)
}

fn handle_adjust<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: AdjustInput = call.input()?;
        let items = input
            .items
            .into_iter()
            .enumerate()
            .map(|(i, it)| {
                item_body(
                    i,
                    it.location_id,
                    (it.sku, it.variant_id, it.product_id),
                    it.quantity,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let body = AdjustmentBody {
            reason: input.reason,
            items,
        };
        let endpoint = Endpoint::v3(["inventory", "adjustments", "relative"], "inventory items");
        send(state, &call, Verb::Post, &endpoint, &body).await
    })
}

/// `bigcommerce_inventory_set`.
pub(crate) fn set(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = write_spec::<SetInput, AdjustOutput>("bigcommerce_inventory_set", RiskTier::W2)
        .title("Set stock counts")
        .description(
            "Sets the count on hand of items at locations (absolute adjustment), with a reason.",
        )
        .scopes([scopes::INVENTORY])
        .writable(["reason", "items"])
        .idempotent(true)
        .build();
    tool(spec, state, handle_set)
}

fn handle_set<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: SetInput = call.input()?;
        let items = input
            .items
            .into_iter()
            .enumerate()
            .map(|(i, it)| {
                let quantity = it.quantity.clamp(0, MAX_QUANTITY);
                item_body(
                    i,
                    it.location_id,
                    (it.sku, it.variant_id, it.product_id),
                    quantity,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let body = AdjustmentBody {
            reason: input.reason,
            items,
        };
        let endpoint = Endpoint::v3(["inventory", "adjustments", "absolute"], "inventory items");
        send(state, &call, Verb::Put, &endpoint, &body).await
    })
}

async fn send(
    state: &State,
    call: &ToolCall<'_>,
    verb: Verb,
    endpoint: &Endpoint,
    body: &AdjustmentBody,
) -> Result<ToolOutput, shopmcp_core::ToolError> {
    let creds = BigCommerceCredentials::from_call(call)?;
    let mut receipt: AdjustOutput = state
        .client
        .send(call.ctx, &creds, verb, endpoint, body, Shape::Bare)
        .await?;
    receipt.items = body.items.len();
    ToolOutput::new(&receipt)
}

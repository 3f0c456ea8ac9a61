//! Items (products): `neto_items_list`, `neto_items_get` (`GetItem`) and `neto_items_update`
//! (`UpdateItem`, W2).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::common::{Shared, ToolList, day_end, day_start, next_page, paging, tool, untrusted};
use crate::error::NetoError;
use crate::wire::{bool_opt, date_opt, decimal_opt, int_opt, one_or_many, text_opt};
use crate::{Action, client::GetBody};

/// Fields `neto_items_list` requests.
pub(crate) const LIST_SELECT: &[&str] = &[
    "SKU",
    "InventoryID",
    "Name",
    "Brand",
    "Model",
    "DefaultPrice",
    "PromotionPrice",
    "Visible",
    "Approved",
    "DateUpdated",
];

/// Fields `neto_items_get` requests.
pub(crate) const GET_SELECT: &[&str] = &[
    "SKU",
    "InventoryID",
    "ParentSKU",
    "Name",
    "Brand",
    "Model",
    "RRP",
    "DefaultPrice",
    "PromotionPrice",
    "ShippingWeight",
    "Visible",
    "Approved",
    "ShortDescription",
    "Description",
    "DateAdded",
    "DateUpdated",
];

/// Arguments of `neto_items_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only these SKUs.
    #[schemars(length(min = 1, max = 100), inner(length(min = 1, max = 100)))]
    skus: Option<Vec<String>>,
    /// Only items with one of these names (as the store matches them).
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 200)))]
    names: Option<Vec<String>>,
    /// Only these brands.
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 100)))]
    brands: Option<Vec<String>>,
    /// Only items in these categories.
    #[schemars(length(min = 1, max = 50))]
    category_ids: Option<Vec<u32>>,
    /// Only the variations of this parent SKU.
    #[schemars(length(min = 1, max = 100))]
    parent_sku: Option<String>,
    /// Only items visible (or hidden) on the webstore.
    visible: Option<bool>,
    /// Only approved (or unapproved) items.
    approved: Option<bool>,
    /// Updated on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_from: Option<String>,
    /// Updated on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Items per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetItem` filters (NetoDotNET `GetItemFilter`).
#[derive(Debug, Default, Serialize)]
pub(crate) struct ItemFilter {
    #[serde(rename = "SKU", skip_serializing_if = "Option::is_none")]
    sku: Option<Vec<String>>,
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    name: Option<Vec<String>>,
    #[serde(rename = "Brand", skip_serializing_if = "Option::is_none")]
    brand: Option<Vec<String>>,
    #[serde(rename = "CategoryID", skip_serializing_if = "Option::is_none")]
    category_id: Option<Vec<u32>>,
    #[serde(rename = "ParentSKU", skip_serializing_if = "Option::is_none")]
    parent_sku: Option<String>,
    #[serde(rename = "Visible", skip_serializing_if = "Option::is_none")]
    visible: Option<[bool; 1]>,
    #[serde(rename = "Approved", skip_serializing_if = "Option::is_none")]
    approved: Option<[bool; 1]>,
    #[serde(rename = "DateUpdatedFrom", skip_serializing_if = "Option::is_none")]
    date_updated_from: Option<String>,
    #[serde(rename = "DateUpdatedTo", skip_serializing_if = "Option::is_none")]
    date_updated_to: Option<String>,
}

impl ItemFilter {
    /// Exactly one SKU.
    pub(crate) fn by_sku(sku: &str) -> Self {
        Self {
            sku: Some(vec![sku.to_owned()]),
            ..Self::default()
        }
    }
}

/// One item as `GetItem` returns it for [`GET_SELECT`].
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoItem {
    #[serde(rename = "SKU", default, deserialize_with = "text_opt")]
    sku: Option<String>,
    #[serde(rename = "InventoryID", default, deserialize_with = "int_opt")]
    inventory_id: Option<i64>,
    #[serde(rename = "ParentSKU", default, deserialize_with = "text_opt")]
    parent_sku: Option<String>,
    #[serde(rename = "Name", default, deserialize_with = "text_opt")]
    name: Option<String>,
    #[serde(rename = "Brand", default, deserialize_with = "text_opt")]
    brand: Option<String>,
    #[serde(rename = "Model", default, deserialize_with = "text_opt")]
    model: Option<String>,
    #[serde(rename = "RRP", default, deserialize_with = "decimal_opt")]
    rrp: Option<String>,
    #[serde(rename = "DefaultPrice", default, deserialize_with = "decimal_opt")]
    default_price: Option<String>,
    #[serde(rename = "PromotionPrice", default, deserialize_with = "decimal_opt")]
    promotion_price: Option<String>,
    #[serde(rename = "ShippingWeight", default, deserialize_with = "decimal_opt")]
    shipping_weight: Option<String>,
    #[serde(rename = "Visible", default, deserialize_with = "bool_opt")]
    visible: Option<bool>,
    #[serde(rename = "Approved", default, deserialize_with = "bool_opt")]
    approved: Option<bool>,
    #[serde(rename = "ShortDescription", default, deserialize_with = "text_opt")]
    short_description: Option<String>,
    #[serde(rename = "Description", default, deserialize_with = "text_opt")]
    description: Option<String>,
    #[serde(rename = "DateAdded", default, deserialize_with = "date_opt")]
    date_added: Option<String>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    date_updated: Option<String>,
}

/// One item in a `GetItem` listing (the fields of [`LIST_SELECT`]).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoItemRow {
    #[serde(rename = "SKU", default, deserialize_with = "text_opt")]
    sku: Option<String>,
    #[serde(rename = "InventoryID", default, deserialize_with = "int_opt")]
    inventory_id: Option<i64>,
    #[serde(rename = "Name", default, deserialize_with = "text_opt")]
    name: Option<String>,
    #[serde(rename = "Brand", default, deserialize_with = "text_opt")]
    brand: Option<String>,
    #[serde(rename = "Model", default, deserialize_with = "text_opt")]
    model: Option<String>,
    #[serde(rename = "DefaultPrice", default, deserialize_with = "decimal_opt")]
    default_price: Option<String>,
    #[serde(rename = "PromotionPrice", default, deserialize_with = "decimal_opt")]
    promotion_price: Option<String>,
    #[serde(rename = "Visible", default, deserialize_with = "bool_opt")]
    visible: Option<bool>,
    #[serde(rename = "Approved", default, deserialize_with = "bool_opt")]
    approved: Option<bool>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    date_updated: Option<String>,
}

/// The `GetItem` answer: `{"Item": [...]}` (one object or many).
#[derive(Debug, Deserialize)]
#[serde(bound = "T: serde::de::DeserializeOwned")]
pub(crate) struct ItemsReply<T> {
    #[serde(rename = "Item", default, deserialize_with = "one_or_many")]
    pub(crate) items: Vec<T>,
}

/// One item in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ItemSummary {
    /// The SKU.
    sku: Option<String>,
    /// Neto's inventory id.
    inventory_id: Option<i64>,
    /// Name.
    name: Option<String>,
    /// Brand.
    brand: Option<String>,
    /// Model.
    model: Option<String>,
    /// Default price (decimal string).
    #[schemars(extend("format" = "decimal"))]
    default_price: Option<String>,
    /// Promotion price (decimal string).
    #[schemars(extend("format" = "decimal"))]
    promotion_price: Option<String>,
    /// Visible on the webstore.
    visible: Option<bool>,
    /// Approved for sale.
    approved: Option<bool>,
    /// Last change, as Neto writes it (`YYYY-MM-DD HH:MM:SS`, store time).
    date_updated: Option<String>,
}

/// `neto_items_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The items of this page.
    items: Vec<ItemSummary>,
    /// This page.
    page: u32,
    /// The next page, when this one was full.
    next_page: Option<u32>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// Arguments of `neto_items_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// The SKU.
    #[schemars(length(min = 1, max = 100))]
    sku: String,
}

/// `neto_items_get` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GetOutput {
    /// The SKU.
    sku: Option<String>,
    /// Neto's inventory id.
    inventory_id: Option<i64>,
    /// The parent SKU of a variation.
    parent_sku: Option<String>,
    /// Name.
    name: Option<String>,
    /// Brand.
    brand: Option<String>,
    /// Model.
    model: Option<String>,
    /// Recommended retail price (decimal string).
    #[schemars(extend("format" = "decimal"))]
    rrp: Option<String>,
    /// Default price (decimal string).
    #[schemars(extend("format" = "decimal"))]
    default_price: Option<String>,
    /// Promotion price (decimal string).
    #[schemars(extend("format" = "decimal"))]
    promotion_price: Option<String>,
    /// Shipping weight (decimal string, the store's unit).
    #[schemars(extend("format" = "decimal"))]
    shipping_weight: Option<String>,
    /// Visible on the webstore.
    visible: Option<bool>,
    /// Approved for sale.
    approved: Option<bool>,
    /// Short description (often supplier-provided).
    short_description: Option<Untrusted>,
    /// Description (often supplier-provided; may contain HTML).
    description: Option<Untrusted>,
    /// When the item was added, as Neto writes it.
    date_added: Option<String>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![
        tool(
            ToolSpec::read::<ListInput, ListOutput>("neto_items_list", Platform::Neto)
                .title("List or search items")
                .description("Lists items (products) page by page, optionally filtered by SKU, name, brand, category, parent SKU, visibility, approval or last-update day. Returns summaries; use neto_items_get for one item's details.")
                .scopes([Action::GetItem.as_str()])
                .build(),
            shared,
            list,
        ),
        tool(
            ToolSpec::read::<GetInput, GetOutput>("neto_items_get", Platform::Neto)
                .title("Get one item")
                .description("Reads one item (product) by SKU: names, prices, weight, visibility, approval and descriptions.")
                .scopes([Action::GetItem.as_str()])
                .build(),
            shared,
            get,
        ),
        crate::item_updates::update_tool(shared),
    ]
}

pub(crate) fn summary(i: NetoItemRow) -> ItemSummary {
    ItemSummary {
        sku: i.sku,
        inventory_id: i.inventory_id,
        name: i.name,
        brand: i.brand,
        model: i.model,
        default_price: i.default_price,
        promotion_price: i.promotion_price,
        visible: i.visible,
        approved: i.approved,
        date_updated: i.date_updated,
    }
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = ItemFilter {
            sku: input.skus,
            name: input.names,
            brand: input.brands,
            category_id: input.category_ids,
            parent_sku: input.parent_sku,
            visible: input.visible.map(|v| [v]),
            approved: input.approved.map(|v| [v]),
            date_updated_from: day_start(input.updated_from.as_ref()),
            date_updated_to: day_end(input.updated_to.as_ref()),
        };
        let body = GetBody::new(&filter, LIST_SELECT, page, limit);
        let reply = shared
            .client
            .send::<_, ItemsReply<NetoItemRow>>(&call, Action::GetItem, &body)
            .await?;
        let items: Vec<ItemSummary> = reply.data.items.into_iter().map(summary).collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, items.len()),
            items,
            page,
            warnings: reply.warnings,
        })
    })
}

fn get<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let filter = ItemFilter::by_sku(&input.sku);
        let body = GetBody::new(&filter, GET_SELECT, 0, 1);
        let reply = shared
            .client
            .send::<_, ItemsReply<NetoItem>>(&call, Action::GetItem, &body)
            .await?;
        let item = reply
            .data
            .items
            .into_iter()
            .find(|i| i.sku.as_deref() == Some(input.sku.as_str()))
            .ok_or(NetoError::NotFound {
                what: "item",
                id: input.sku,
            })?;
        ToolOutput::new(&GetOutput {
            sku: item.sku,
            inventory_id: item.inventory_id,
            parent_sku: item.parent_sku,
            name: item.name,
            brand: item.brand,
            model: item.model,
            rrp: item.rrp,
            default_price: item.default_price,
            promotion_price: item.promotion_price,
            shipping_weight: item.shipping_weight,
            visible: item.visible,
            approved: item.approved,
            short_description: untrusted(item.short_description),
            description: untrusted(item.description),
            date_added: item.date_added,
            date_updated: item.date_updated,
            warnings: reply.warnings,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::coverage::assert_covered;

    #[test]
    fn selectors_match_what_is_read() {
        assert_covered::<NetoItem>(GET_SELECT);
        assert_covered::<NetoItemRow>(LIST_SELECT);
    }
}

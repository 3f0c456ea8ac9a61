//! Stock per warehouse: `neto_stock_get` (`GetItem` with `WarehouseQuantity`) and
//! `neto_stock_update` (`UpdateItem` with `WarehouseQuantity` and its `Action`, W2).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, RiskTier, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::client::GetBody;
use crate::common::{Shared, ToolList, tool};
use crate::error::NetoError;
use crate::item_updates::{UpdateItemBody, UpdateItemReply};
use crate::items::{ItemFilter, ItemsReply};
use crate::wire::{int_opt, one_or_many, text_opt};

/// Fields `neto_stock_get` requests.
pub(crate) const STOCK_SELECT: &[&str] = &["SKU", "WarehouseQuantity"];

/// Arguments of `neto_stock_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// The SKU.
    #[schemars(length(min = 1, max = 100))]
    sku: String,
    /// Only this warehouse (see neto_warehouses_list); all warehouses when left out.
    warehouse_id: Option<u32>,
}

/// One item's stock as `GetItem` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoStock {
    #[serde(rename = "SKU", default, deserialize_with = "text_opt")]
    sku: Option<String>,
    #[serde(
        rename = "WarehouseQuantity",
        default,
        deserialize_with = "one_or_many"
    )]
    warehouses: Vec<NetoWarehouseQuantity>,
}

/// One `WarehouseQuantity` entry.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoWarehouseQuantity {
    #[serde(rename = "WarehouseID", default, deserialize_with = "int_opt")]
    warehouse_id: Option<i64>,
    #[serde(rename = "Quantity", default, deserialize_with = "int_opt")]
    quantity: Option<i64>,
}

/// Stock in one warehouse.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WarehouseStock {
    /// The warehouse.
    warehouse_id: Option<i64>,
    /// Quantity on hand there.
    quantity: Option<i64>,
}

/// `neto_stock_get` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GetOutput {
    /// The SKU.
    sku: String,
    /// Stock per warehouse.
    warehouses: Vec<WarehouseStock>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// How `neto_stock_update` changes the quantity (Neto's `WarehouseQuantity.Action`).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum StockMode {
    /// Replace the quantity.
    Set,
    /// Add to the quantity.
    Increment,
    /// Subtract from the quantity.
    Decrement,
}

/// Arguments of `neto_stock_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateInput {
    /// The SKU.
    #[schemars(length(min = 1, max = 100))]
    sku: String,
    /// The warehouse (see neto_warehouses_list).
    warehouse_id: u32,
    /// `set` replaces the quantity; `increment` / `decrement` change it by `quantity`.
    mode: StockMode,
    /// The quantity to set, add or subtract.
    #[schemars(range(max = 1000000))]
    quantity: u32,
}

/// `Item[].WarehouseQuantity[]` of `UpdateItem`.
#[derive(Debug, Serialize)]
struct QuantityChange {
    #[serde(rename = "WarehouseID")]
    warehouse_id: String,
    #[serde(rename = "Quantity")]
    quantity: String,
    #[serde(rename = "Action")]
    mode: StockMode,
}

#[derive(Debug, Serialize)]
struct StockRecord {
    #[serde(rename = "SKU")]
    sku: String,
    #[serde(rename = "WarehouseQuantity")]
    warehouse_quantity: [QuantityChange; 1],
}

/// `neto_stock_update` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct UpdateOutput {
    /// The SKU.
    sku: String,
    /// The warehouse.
    warehouse_id: u32,
    /// What was done.
    mode: StockMode,
    /// The quantity set, added or subtracted.
    quantity: u32,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![
        tool(
            ToolSpec::read::<GetInput, GetOutput>("neto_stock_get", Platform::Neto)
                .title("Get stock of an item")
                .description(
                    "Reads the quantity on hand of one SKU in each warehouse, or in one warehouse.",
                )
                .scopes([Action::GetItem.as_str()])
                .build(),
            shared,
            get,
        ),
        tool(
            ToolSpec::write::<UpdateInput, UpdateOutput>(
                "neto_stock_update",
                Platform::Neto,
                RiskTier::W2,
            )
            .title("Set or adjust stock")
            .description("Sets, increments or decrements the quantity of one SKU in one warehouse.")
            .scopes([Action::UpdateItem.as_str()])
            .identifiers(["sku", "warehouse_id"])
            .writable(["mode", "quantity"])
            .idempotent(false)
            .build(),
            shared,
            update,
        ),
    ]
}

fn get<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let filter = ItemFilter::by_sku(&input.sku);
        let body = GetBody::new(&filter, STOCK_SELECT, 0, 1);
        let reply = shared
            .client
            .send::<_, ItemsReply<NetoStock>>(&call, Action::GetItem, &body)
            .await?;
        let item = reply
            .data
            .items
            .into_iter()
            .find(|i| i.sku.as_deref() == Some(input.sku.as_str()))
            .ok_or(NetoError::NotFound {
                what: "item",
                id: input.sku.clone(),
            })?;
        let warehouses = item
            .warehouses
            .into_iter()
            .filter(|w| {
                input
                    .warehouse_id
                    .is_none_or(|id| w.warehouse_id == Some(i64::from(id)))
            })
            .map(|w| WarehouseStock {
                warehouse_id: w.warehouse_id,
                quantity: w.quantity,
            })
            .collect();
        ToolOutput::new(&GetOutput {
            sku: input.sku,
            warehouses,
            warnings: reply.warnings,
        })
    })
}

fn update<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: UpdateInput = call.input()?;
        let body = UpdateItemBody {
            item: [StockRecord {
                sku: input.sku.clone(),
                warehouse_quantity: [QuantityChange {
                    warehouse_id: input.warehouse_id.to_string(),
                    quantity: input.quantity.to_string(),
                    mode: input.mode,
                }],
            }],
        };
        let reply = shared
            .client
            .send::<_, UpdateItemReply>(&call, Action::UpdateItem, &body)
            .await?;
        if !reply.data.confirms(&input.sku) {
            return Err(NetoError::Unconfirmed {
                action: Action::UpdateItem,
                warnings: reply.warnings,
            }
            .into());
        }
        ToolOutput::new(&UpdateOutput {
            sku: input.sku,
            warehouse_id: input.warehouse_id,
            mode: input.mode,
            quantity: input.quantity,
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
        assert_covered::<NetoStock>(STOCK_SELECT);
    }
}

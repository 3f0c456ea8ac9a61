//! Warehouses: `neto_warehouses_list` (`GetWarehouse`).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::client::GetBody;
use crate::common::{Shared, ToolList, next_page, paging, tool};
use crate::wire::{bool_opt, int_opt, one_or_many, text_opt};

/// Fields `neto_warehouses_list` requests.
pub(crate) const SELECT: &[&str] = &[
    "WarehouseID",
    "WarehouseName",
    "WarehouseReference",
    "IsPrimary",
    "WarehouseCity",
    "WarehouseState",
    "WarehouseCountry",
];

/// Arguments of `neto_warehouses_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only these warehouses.
    #[schemars(length(min = 1, max = 100))]
    warehouse_ids: Option<Vec<u32>>,
    /// Only warehouses with these references.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 100)))]
    references: Option<Vec<String>>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Warehouses per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetWarehouse` filters (NetoDotNET `GetWarehouseFilter`).
#[derive(Debug, Serialize)]
struct WarehouseFilter {
    #[serde(rename = "WarehouseID", skip_serializing_if = "Option::is_none")]
    warehouse_id: Option<Vec<u32>>,
    #[serde(rename = "WarehouseReference", skip_serializing_if = "Option::is_none")]
    warehouse_reference: Option<Vec<String>>,
}

/// One warehouse as `GetWarehouse` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoWarehouse {
    #[serde(rename = "WarehouseID", default, deserialize_with = "int_opt")]
    warehouse_id: Option<i64>,
    #[serde(rename = "WarehouseName", default, deserialize_with = "text_opt")]
    name: Option<String>,
    #[serde(rename = "WarehouseReference", default, deserialize_with = "text_opt")]
    reference: Option<String>,
    #[serde(rename = "IsPrimary", default, deserialize_with = "bool_opt")]
    is_primary: Option<bool>,
    #[serde(rename = "WarehouseCity", default, deserialize_with = "text_opt")]
    city: Option<String>,
    #[serde(rename = "WarehouseState", default, deserialize_with = "text_opt")]
    state: Option<String>,
    #[serde(rename = "WarehouseCountry", default, deserialize_with = "text_opt")]
    country: Option<String>,
}

#[derive(Debug, Deserialize)]
struct WarehousesReply {
    #[serde(rename = "Warehouse", default, deserialize_with = "one_or_many")]
    warehouses: Vec<NetoWarehouse>,
}

/// One warehouse.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WarehouseOut {
    /// The warehouse id (used by the stock tools).
    warehouse_id: Option<i64>,
    /// Name.
    name: Option<String>,
    /// The merchant's reference.
    reference: Option<String>,
    /// Whether this is the primary warehouse.
    is_primary: Option<bool>,
    /// City.
    city: Option<String>,
    /// State.
    state: Option<String>,
    /// Country.
    country: Option<String>,
}

/// `neto_warehouses_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The warehouses of this page.
    warehouses: Vec<WarehouseOut>,
    /// This page.
    page: u32,
    /// The next page, when this one was full.
    next_page: Option<u32>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![tool(
        ToolSpec::read::<ListInput, ListOutput>("neto_warehouses_list", Platform::Neto)
            .title("List warehouses")
            .description("Lists the store's warehouses (ids, names, references, primary flag, location), for the stock tools.")
            .scopes([Action::GetWarehouse.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = WarehouseFilter {
            warehouse_id: input.warehouse_ids,
            warehouse_reference: input.references,
        };
        let body = GetBody::new(&filter, SELECT, page, limit);
        let reply = shared
            .client
            .send::<_, WarehousesReply>(&call, Action::GetWarehouse, &body)
            .await?;
        let warehouses: Vec<WarehouseOut> = reply
            .data
            .warehouses
            .into_iter()
            .map(|w| WarehouseOut {
                warehouse_id: w.warehouse_id,
                name: w.name,
                reference: w.reference,
                is_primary: w.is_primary,
                city: w.city,
                state: w.state,
                country: w.country,
            })
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, warehouses.len()),
            warehouses,
            page,
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
        assert_covered::<NetoWarehouse>(SELECT);
    }
}

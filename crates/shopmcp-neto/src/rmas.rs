//! Returns: `neto_rmas_list` (`GetRma`).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::Action;
use crate::client::GetBody;
use crate::common::{Shared, ToolList, day_end, day_start, next_page, paging, tool, untrusted};
use crate::wire::{date_opt, decimal_opt, int_opt, one_or_many, text_opt};

/// Fields `neto_rmas_list` requests (`RmaLines` whole).
pub(crate) const SELECT: &[&str] = &[
    "RmaID",
    "OrderID",
    "CustomerUsername",
    "RmaStatus",
    "DateIssued",
    "DateUpdated",
    "RefundTotal",
    "RmaLines",
];

/// Arguments of `neto_rmas_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only returns of these orders.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 50)))]
    order_ids: Option<Vec<String>>,
    /// Only these returns.
    #[schemars(length(min = 1, max = 100))]
    rma_ids: Option<Vec<u32>>,
    /// Only returns in these statuses (as the store names them, e.g. `Open`).
    #[schemars(length(min = 1, max = 10), inner(length(min = 1, max = 50)))]
    statuses: Option<Vec<String>>,
    /// Issued on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    issued_from: Option<String>,
    /// Issued on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    issued_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Returns per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetRma` filters (NetoDotNET `GetRMAFilter`).
#[derive(Debug, Serialize)]
struct RmaFilter {
    #[serde(rename = "OrderID", skip_serializing_if = "Option::is_none")]
    order_id: Option<Vec<String>>,
    #[serde(rename = "RmaID", skip_serializing_if = "Option::is_none")]
    rma_id: Option<Vec<u32>>,
    #[serde(rename = "RmaStatus", skip_serializing_if = "Option::is_none")]
    rma_status: Option<Vec<String>>,
    #[serde(rename = "DateIssuedFrom", skip_serializing_if = "Option::is_none")]
    date_issued_from: Option<String>,
    #[serde(rename = "DateIssuedTo", skip_serializing_if = "Option::is_none")]
    date_issued_to: Option<String>,
}

/// One return as `GetRma` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoRma {
    #[serde(rename = "RmaID", default, deserialize_with = "int_opt")]
    rma_id: Option<i64>,
    #[serde(rename = "OrderID", default, deserialize_with = "text_opt")]
    order_id: Option<String>,
    #[serde(rename = "CustomerUsername", default, deserialize_with = "text_opt")]
    customer_username: Option<String>,
    #[serde(rename = "RmaStatus", default, deserialize_with = "text_opt")]
    status: Option<String>,
    #[serde(rename = "DateIssued", default, deserialize_with = "date_opt")]
    date_issued: Option<String>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    date_updated: Option<String>,
    #[serde(rename = "RefundTotal", default, deserialize_with = "decimal_opt")]
    refund_total: Option<String>,
    #[serde(rename = "RmaLines", default, deserialize_with = "one_or_many")]
    line_groups: Vec<NetoRmaLines>,
}

/// `RmaLines` entry: `{"RmaLine": [...]}`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoRmaLines {
    #[serde(rename = "RmaLine", default, deserialize_with = "one_or_many")]
    lines: Vec<NetoRmaLine>,
}

/// One returned line.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoRmaLine {
    #[serde(rename = "SKU", default, deserialize_with = "text_opt")]
    sku: Option<String>,
    #[serde(rename = "ProductName", default, deserialize_with = "text_opt")]
    product_name: Option<String>,
    #[serde(rename = "Quantity", default, deserialize_with = "int_opt")]
    quantity: Option<i64>,
    #[serde(rename = "RefundSubtotal", default, deserialize_with = "decimal_opt")]
    refund_subtotal: Option<String>,
    #[serde(rename = "ReturnReason", default, deserialize_with = "text_opt")]
    return_reason: Option<String>,
    #[serde(rename = "ItemStatus", default, deserialize_with = "text_opt")]
    item_status: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RmasReply {
    #[serde(rename = "Rma", default, deserialize_with = "one_or_many")]
    rmas: Vec<NetoRma>,
}

/// One returned line.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RmaLineOut {
    /// SKU.
    sku: Option<String>,
    /// Product name.
    product_name: Option<String>,
    /// Quantity returned.
    quantity: Option<i64>,
    /// Refund subtotal (decimal string).
    #[schemars(extend("format" = "decimal"))]
    refund_subtotal: Option<String>,
    /// The customer's reason.
    return_reason: Option<Untrusted>,
    /// Item status.
    item_status: Option<String>,
}

/// One return.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RmaOut {
    /// The return (RMA) id.
    rma_id: Option<i64>,
    /// The order.
    order_id: Option<String>,
    /// The customer's username.
    customer_username: Option<String>,
    /// Status.
    status: Option<String>,
    /// When it was issued, as Neto writes it.
    date_issued: Option<String>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
    /// Refund total (decimal string).
    #[schemars(extend("format" = "decimal"))]
    refund_total: Option<String>,
    /// Returned lines.
    lines: Vec<RmaLineOut>,
}

/// `neto_rmas_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The returns of this page.
    rmas: Vec<RmaOut>,
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
        ToolSpec::read::<ListInput, ListOutput>("neto_rmas_list", Platform::Neto)
            .title("List returns (RMAs)")
            .description("Lists returns page by page, optionally by order, RMA id, status or issued day range, with their lines and refund totals.")
            .scopes([Action::GetRma.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn rma(r: NetoRma) -> RmaOut {
    let lines = r
        .line_groups
        .into_iter()
        .flat_map(|g| g.lines)
        .map(|l| RmaLineOut {
            sku: l.sku,
            product_name: l.product_name,
            quantity: l.quantity,
            refund_subtotal: l.refund_subtotal,
            return_reason: untrusted(l.return_reason),
            item_status: l.item_status,
        })
        .collect();
    RmaOut {
        rma_id: r.rma_id,
        order_id: r.order_id,
        customer_username: r.customer_username,
        status: r.status,
        date_issued: r.date_issued,
        date_updated: r.date_updated,
        refund_total: r.refund_total,
        lines,
    }
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = RmaFilter {
            order_id: input.order_ids,
            rma_id: input.rma_ids,
            rma_status: input.statuses,
            date_issued_from: day_start(input.issued_from.as_ref()),
            date_issued_to: day_end(input.issued_to.as_ref()),
        };
        let body = GetBody::new(&filter, SELECT, page, limit);
        let reply = shared
            .client
            .send::<_, RmasReply>(&call, Action::GetRma, &body)
            .await?;
        let rmas: Vec<RmaOut> = reply.data.rmas.into_iter().map(rma).collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, rmas.len()),
            rmas,
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
        assert_covered::<NetoRma>(SELECT);
    }
}

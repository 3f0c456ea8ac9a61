//! Orders: `neto_orders_list` and `neto_orders_get` (`GetOrder`). The writes are in
//! `order_updates.rs`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::Action;
use crate::client::GetBody;
use crate::common::{
    Shared, ToolList, day_end, day_start, next_page, paging, pii, selectors, tool, untrusted,
};
use crate::error::NetoError;
use crate::order_fields::{
    GET_PII, GET_SELECT, LIST_PII, LIST_SELECT, NetoOrder, NetoOrderRow, OrderStatus,
};
use crate::wire::one_or_many;

/// Arguments of `neto_orders_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only orders in these statuses.
    #[schemars(length(min = 1, max = 12))]
    statuses: Option<Vec<OrderStatus>>,
    /// Placed on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    placed_from: Option<String>,
    /// Placed on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    placed_to: Option<String>,
    /// Updated on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_from: Option<String>,
    /// Updated on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_to: Option<String>,
    /// Only orders of these customer usernames.
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 100)))]
    usernames: Option<Vec<String>>,
    /// Only orders containing these SKUs.
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 100)))]
    skus: Option<Vec<String>>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Orders per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetOrder` filters (NetoDotNET `GetOrderFilter`).
#[derive(Debug, Default, Serialize)]
struct OrderFilter {
    #[serde(rename = "OrderID", skip_serializing_if = "Option::is_none")]
    order_id: Option<Vec<String>>,
    #[serde(rename = "OrderStatus", skip_serializing_if = "Option::is_none")]
    order_status: Option<Vec<OrderStatus>>,
    #[serde(rename = "DatePlacedFrom", skip_serializing_if = "Option::is_none")]
    date_placed_from: Option<String>,
    #[serde(rename = "DatePlacedTo", skip_serializing_if = "Option::is_none")]
    date_placed_to: Option<String>,
    #[serde(rename = "DateUpdatedFrom", skip_serializing_if = "Option::is_none")]
    date_updated_from: Option<String>,
    #[serde(rename = "DateUpdatedTo", skip_serializing_if = "Option::is_none")]
    date_updated_to: Option<String>,
    #[serde(rename = "Username", skip_serializing_if = "Option::is_none")]
    username: Option<Vec<String>>,
    #[serde(rename = "SKU", skip_serializing_if = "Option::is_none")]
    sku: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(bound = "T: serde::de::DeserializeOwned")]
pub(crate) struct OrdersReply<T> {
    #[serde(rename = "Order", default, deserialize_with = "one_or_many")]
    orders: Vec<T>,
}

/// One order in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct OrderSummary {
    /// The order id (e.g. `N10042`).
    order_id: Option<String>,
    /// Status, as Neto names it.
    status: Option<String>,
    /// When it was placed, as Neto writes it.
    date_placed: Option<String>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
    /// Grand total (decimal string).
    #[schemars(extend("format" = "decimal"))]
    grand_total: Option<String>,
    /// The customer's username.
    username: Option<String>,
    /// Sales channel.
    sales_channel: Option<String>,
    /// Customer e-mail (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Billing name (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_name: Option<Untrusted>,
}

/// `neto_orders_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The orders of this page.
    orders: Vec<OrderSummary>,
    /// This page.
    page: u32,
    /// The next page, when this one was full.
    next_page: Option<u32>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// Arguments of `neto_orders_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// The order id (e.g. `N10042`).
    #[schemars(length(min = 1, max = 50))]
    order_id: String,
}

/// One order line.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct LineOut {
    /// SKU.
    sku: Option<String>,
    /// Product name on the order.
    product_name: Option<String>,
    /// Quantity ordered.
    quantity: Option<i64>,
    /// Unit price (decimal string).
    #[schemars(extend("format" = "decimal"))]
    unit_price: Option<String>,
    /// Quantity shipped.
    quantity_shipped: Option<i64>,
    /// Shipping method of the line.
    shipping_method: Option<String>,
    /// Tracking number of the line.
    tracking_number: Option<String>,
    /// Warehouse the line ships from.
    warehouse_id: Option<i64>,
}

/// A sticky note (staff or app note) on the order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct NoteOut {
    /// Title.
    title: Option<Untrusted>,
    /// Text.
    description: Option<Untrusted>,
}

/// `neto_orders_get` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GetOutput {
    /// The order id.
    order_id: Option<String>,
    /// Status, as Neto names it.
    status: Option<String>,
    /// When it was placed, as Neto writes it.
    date_placed: Option<String>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
    /// When it was paid, as Neto writes it.
    date_paid: Option<String>,
    /// Complete status (e.g. `Approved`, `Incomplete`).
    complete_status: Option<String>,
    /// The customer's username.
    username: Option<String>,
    /// Sales channel.
    sales_channel: Option<String>,
    /// Grand total (decimal string).
    #[schemars(extend("format" = "decimal"))]
    grand_total: Option<String>,
    /// Product subtotal (decimal string).
    #[schemars(extend("format" = "decimal"))]
    product_subtotal: Option<String>,
    /// Shipping total (decimal string).
    #[schemars(extend("format" = "decimal"))]
    shipping_total: Option<String>,
    /// Tax (decimal string).
    #[schemars(extend("format" = "decimal"))]
    order_tax: Option<String>,
    /// The shipping option the customer chose.
    shipping_option: Option<String>,
    /// The customer's delivery instruction.
    delivery_instruction: Option<Untrusted>,
    /// Order lines.
    lines: Vec<LineOut>,
    /// Sticky notes.
    sticky_notes: Vec<NoteOut>,
    /// Customer e-mail (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Shipping address (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    ship_to: Option<Untrusted>,
    /// Billing address (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    bill_to: Option<Untrusted>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![
        tool(
            ToolSpec::read::<ListInput, ListOutput>("neto_orders_list", Platform::Neto)
                .title("List orders")
                .description("Lists orders page by page, optionally by status, placed or updated day range, customer username or SKU. Returns summaries; use neto_orders_get for lines and notes.")
                .scopes([Action::GetOrder.as_str()])
                .build(),
            shared,
            list,
        ),
        tool(
            ToolSpec::read::<GetInput, GetOutput>("neto_orders_get", Platform::Neto)
                .title("Get one order")
                .description("Reads one order by id: status, dates, totals, lines with shipping and tracking, sticky notes and the delivery instruction.")
                .scopes([Action::GetOrder.as_str()])
                .build(),
            shared,
            get,
        ),
    ]
}

fn name(first: Option<String>, last: Option<String>) -> Option<Untrusted> {
    let joined = [first, last]
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!joined.is_empty()).then(|| Untrusted::new(joined))
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = OrderFilter {
            order_status: input.statuses,
            date_placed_from: day_start(input.placed_from.as_ref()),
            date_placed_to: day_end(input.placed_to.as_ref()),
            date_updated_from: day_start(input.updated_from.as_ref()),
            date_updated_to: day_end(input.updated_to.as_ref()),
            username: input.usernames,
            sku: input.skus,
            ..OrderFilter::default()
        };
        let select = selectors(LIST_SELECT, LIST_PII, shared.options);
        let body = GetBody::new(&filter, &select, page, limit);
        let reply = shared
            .client
            .send::<_, OrdersReply<NetoOrderRow>>(&call, Action::GetOrder, &body)
            .await?;
        let orders: Vec<OrderSummary> = reply
            .data
            .orders
            .into_iter()
            .map(|o| OrderSummary {
                order_id: o.order_id,
                status: o.status,
                date_placed: o.date_placed,
                date_updated: o.date_updated,
                grand_total: o.grand_total,
                username: o.username,
                sales_channel: o.sales_channel,
                email: pii(shared.options, o.email),
                customer_name: pii(shared.options, name(o.bill_first_name, o.bill_last_name)),
            })
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, orders.len()),
            orders,
            page,
            warnings: reply.warnings,
        })
    })
}

fn get<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let filter = OrderFilter {
            order_id: Some(vec![input.order_id.clone()]),
            ..OrderFilter::default()
        };
        let select = selectors(GET_SELECT, GET_PII, shared.options);
        let body = GetBody::new(&filter, &select, 0, 1);
        let reply = shared
            .client
            .send::<_, OrdersReply<NetoOrder>>(&call, Action::GetOrder, &body)
            .await?;
        let o = reply
            .data
            .orders
            .into_iter()
            .find(|o| o.order_id.as_deref() == Some(input.order_id.as_str()))
            .ok_or(NetoError::NotFound {
                what: "order",
                id: input.order_id,
            })?;
        let lines = o
            .lines
            .into_iter()
            .map(|l| LineOut {
                sku: l.sku,
                product_name: l.product_name,
                quantity: l.quantity,
                unit_price: l.unit_price,
                quantity_shipped: l.quantity_shipped,
                shipping_method: l.shipping_method,
                tracking_number: l.tracking_number,
                warehouse_id: l.warehouse_id,
            })
            .collect();
        let sticky_notes = o
            .sticky_notes
            .into_iter()
            .map(|n| NoteOut {
                title: untrusted(n.title),
                description: untrusted(n.description),
            })
            .collect();
        ToolOutput::new(&GetOutput {
            ship_to: pii(shared.options, o.ship.block()),
            bill_to: pii(shared.options, o.bill.block()),
            order_id: o.order_id,
            status: o.status,
            date_placed: o.date_placed,
            date_updated: o.date_updated,
            date_paid: o.date_paid,
            complete_status: o.complete_status,
            username: o.username,
            sales_channel: o.sales_channel,
            grand_total: o.grand_total,
            product_subtotal: o.product_subtotal,
            shipping_total: o.shipping_total,
            order_tax: o.order_tax,
            shipping_option: o.shipping_option,
            delivery_instruction: untrusted(o.delivery_instruction),
            lines,
            sticky_notes,
            email: pii(shared.options, o.email),
            warnings: reply.warnings,
        })
    })
}

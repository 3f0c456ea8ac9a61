//! `shopify_orders_list`: one page of orders matching enumerated filters, and their count.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use super::{CustomerRef, WireCustomerRef};
use crate::graphql::Document;
use crate::search::{Cmp, Search};
use crate::shared::{Built, Shared, tool, with_customer_scope};
use crate::types::{Connection, Money, PageInfo, SortOrder, WireCount, WireMoneyBag, page_size};

pub(crate) const ORDERS_LIST: Document = Document::admin_query(
    "OrdersList",
    r"query OrdersList($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys!, $reverse: Boolean!, $pii: Boolean!) {
  orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes {
      id
      name
      createdAt
      updatedAt
      processedAt
      cancelledAt
      closedAt
      displayFinancialStatus
      displayFulfillmentStatus
      currentTotalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      currentSubtotalLineItemsQuantity
      tags
      test
      email @include(if: $pii)
      customer @include(if: $pii) {
        id
        displayName
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  ordersCount(query: $query, limit: 10000) {
    count
    precision
  }
}",
);

/// Order status filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Open orders.
    Open,
    /// Closed (archived) orders.
    Closed,
    /// Cancelled orders.
    Cancelled,
    /// Orders that are not closed.
    NotClosed,
}

/// Financial status filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FinancialStatus {
    /// Paid.
    Paid,
    /// Payment pending.
    Pending,
    /// Authorized, not captured.
    Authorized,
    /// Partially paid.
    PartiallyPaid,
    /// Partially refunded.
    PartiallyRefunded,
    /// Refunded.
    Refunded,
    /// Voided.
    Voided,
    /// Authorization expired.
    Expired,
}

/// Fulfillment status filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FulfillmentStatus {
    /// Not shipped.
    Unshipped,
    /// Shipped.
    Shipped,
    /// Fulfilled.
    Fulfilled,
    /// Partially fulfilled.
    Partial,
    /// Scheduled.
    Scheduled,
    /// On hold.
    OnHold,
    /// Unfulfilled.
    Unfulfilled,
    /// Fulfillment request declined.
    RequestDeclined,
}

/// Sort key.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SortKey {
    /// When the order was processed (default).
    #[default]
    ProcessedAt,
    /// When the order was created.
    CreatedAt,
    /// When the order was last updated.
    UpdatedAt,
    /// The order number.
    OrderNumber,
    /// The total price.
    TotalPrice,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
            Self::NotClosed => "not_closed",
        }
    }
}

impl FinancialStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Paid => "paid",
            Self::Pending => "pending",
            Self::Authorized => "authorized",
            Self::PartiallyPaid => "partially_paid",
            Self::PartiallyRefunded => "partially_refunded",
            Self::Refunded => "refunded",
            Self::Voided => "voided",
            Self::Expired => "expired",
        }
    }
}

impl FulfillmentStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Unshipped => "unshipped",
            Self::Shipped => "shipped",
            Self::Fulfilled => "fulfilled",
            Self::Partial => "partial",
            Self::Scheduled => "scheduled",
            Self::OnHold => "on_hold",
            Self::Unfulfilled => "unfulfilled",
            Self::RequestDeclined => "request_declined",
        }
    }
}

impl SortKey {
    fn as_graphql(self) -> &'static str {
        match self {
            Self::ProcessedAt => "PROCESSED_AT",
            Self::CreatedAt => "CREATED_AT",
            Self::UpdatedAt => "UPDATED_AT",
            Self::OrderNumber => "ORDER_NUMBER",
            Self::TotalPrice => "TOTAL_PRICE",
        }
    }
}

/// Filters and paging.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Page size, 1 to 50 (default 20).
    #[schemars(range(min = 1, max = 50))]
    first: Option<u32>,
    /// `page_info.end_cursor` of the previous page.
    #[schemars(length(max = 512))]
    after: Option<String>,
    /// Order status.
    status: Option<Status>,
    /// Financial status.
    financial_status: Option<FinancialStatus>,
    /// Fulfillment status.
    fulfillment_status: Option<FulfillmentStatus>,
    /// Only orders created at or after this time.
    #[schemars(extend("format" = "date-time"))]
    created_after: Option<String>,
    /// Only orders created at or before this time.
    #[schemars(extend("format" = "date-time"))]
    created_before: Option<String>,
    /// Only orders updated at or after this time.
    #[schemars(extend("format" = "date-time"))]
    updated_after: Option<String>,
    /// Only orders updated at or before this time.
    #[schemars(extend("format" = "date-time"))]
    updated_before: Option<String>,
    /// Only orders with this tag.
    #[schemars(length(min = 1, max = 255))]
    tag: Option<String>,
    /// Only the order with this name (e.g. `#1001`).
    #[schemars(length(min = 1, max = 64))]
    name: Option<String>,
    /// Sort key (default `processed_at`).
    sort_key: Option<SortKey>,
    /// `desc` (default: newest or largest first) or `asc`.
    sort_order: Option<SortOrder>,
}

impl Input {
    fn query(&self) -> Option<String> {
        Search::new()
            .eq("status", self.status.map(Status::as_str))
            .eq(
                "financial_status",
                self.financial_status.map(FinancialStatus::as_str),
            )
            .eq(
                "fulfillment_status",
                self.fulfillment_status.map(FulfillmentStatus::as_str),
            )
            .cmp("created_at", Cmp::AtLeast, self.created_after.as_deref())
            .cmp("created_at", Cmp::AtMost, self.created_before.as_deref())
            .cmp("updated_at", Cmp::AtLeast, self.updated_after.as_deref())
            .cmp("updated_at", Cmp::AtMost, self.updated_before.as_deref())
            .eq("tag", self.tag.as_deref())
            .eq("name", self.name.as_deref())
            .build()
    }
}

/// One order in a list.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct OrderSummary {
    /// Order GID.
    id: String,
    /// Order name, e.g. `#1001`.
    name: String,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// When the order was processed.
    processed_at: String,
    /// When it was cancelled.
    cancelled_at: Option<String>,
    /// When it was closed.
    closed_at: Option<String>,
    /// Financial status (e.g. `PAID`).
    financial_status: Option<String>,
    /// Fulfillment status (e.g. `UNFULFILLED`).
    fulfillment_status: String,
    /// Current total after edits and refunds, in the shop currency.
    total: Money,
    /// Number of items.
    item_quantity: i64,
    /// Tags.
    tags: Vec<String>,
    /// Whether it is a test order.
    test: bool,
    /// Customer e-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// The customer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<CustomerRef>,
}

/// A page of orders.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The orders.
    orders: Vec<OrderSummary>,
    /// Paging.
    page_info: PageInfo,
    /// How many orders match the filters (counted up to 10 000).
    total_count: u64,
    /// Whether `total_count` is exact (false: at least that many).
    total_count_exact: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    orders: Connection<WireOrder>,
    #[serde(default)]
    orders_count: Option<WireCount>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireOrder {
    id: String,
    name: String,
    created_at: String,
    updated_at: String,
    processed_at: String,
    cancelled_at: Option<String>,
    closed_at: Option<String>,
    display_financial_status: Option<String>,
    display_fulfillment_status: String,
    current_total_price_set: WireMoneyBag,
    current_subtotal_line_items_quantity: i64,
    tags: Vec<String>,
    test: bool,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    customer: Option<WireCustomerRef>,
}

impl From<WireOrder> for OrderSummary {
    fn from(o: WireOrder) -> Self {
        Self {
            id: o.id,
            name: o.name,
            created_at: o.created_at,
            updated_at: o.updated_at,
            processed_at: o.processed_at,
            cancelled_at: o.cancelled_at,
            closed_at: o.closed_at,
            financial_status: o.display_financial_status,
            fulfillment_status: o.display_fulfillment_status,
            total: o.current_total_price_set.into(),
            item_quantity: o.current_subtotal_line_items_quantity,
            tags: o.tags,
            test: o.test,
            email: o.email,
            customer: o.customer.map(Into::into),
        }
    }
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_orders_list", Platform::Shopify)
        .title("List orders")
        .description(
            "Lists orders, newest first, filtered by status, financial status, fulfillment \
             status, creation or update time range, tag or name, with the number of matching \
             orders. Page with `after` = the previous page's `page_info.end_cursor`. Orders \
             older than 60 days need the read_all_orders scope.",
        )
        .scopes(with_customer_scope(shared, &["read_orders"]));
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": input.query(),
            "sortKey": input.sort_key.unwrap_or_default().as_graphql(),
            "reverse": input.sort_order.unwrap_or_default().reverse(),
            "pii": shared.options.customer_pii,
        });
        let mut data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &ORDERS_LIST, variables)
            .await?;
        let page_info = data.orders.page();
        let (total_count, exact) = data.orders_count.map_or((0, false), |c| {
            (c.count, c.precision.as_deref() == Some("EXACT"))
        });
        ToolOutput::new(&Output {
            orders: data
                .orders
                .nodes
                .into_iter()
                .map(|o| {
                    let mut o = OrderSummary::from(o);
                    o.email = shared.pii(o.email.take());
                    o.customer = shared.pii(o.customer.take());
                    o
                })
                .collect(),
            page_info,
            total_count,
            total_count_exact: exact,
        })
    })
}

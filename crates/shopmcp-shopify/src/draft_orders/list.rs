//! `shopify_draft_orders_list`: one page of draft orders.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::graphql::Document;
use crate::orders::{CustomerRef, WireCustomerRef};
use crate::search::{Cmp, Search};
use crate::shared::{Built, Shared, tool, with_customer_scope};
use crate::types::{Connection, Money, PageInfo, SortOrder, WireMoneyBag, page_size};

pub(crate) const DRAFT_ORDERS_LIST: Document = Document::admin_query(
    "DraftOrdersList",
    r"query DraftOrdersList($first: Int!, $after: String, $query: String, $reverse: Boolean!, $pii: Boolean!) {
  draftOrders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: $reverse) {
    nodes {
      id
      name
      status
      createdAt
      updatedAt
      completedAt
      tags
      totalQuantityOfLineItems
      totalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
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
}",
);

/// Draft order status filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Open.
    Open,
    /// Invoice sent.
    InvoiceSent,
    /// Turned into an order.
    Completed,
}

impl Status {
    fn as_search(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InvoiceSent => "invoice_sent",
            Self::Completed => "completed",
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
    /// Status.
    status: Option<Status>,
    /// Tag.
    #[schemars(length(min = 1, max = 255))]
    tag: Option<String>,
    /// Only draft orders updated at or after this time.
    #[schemars(extend("format" = "date-time"))]
    updated_after: Option<String>,
    /// `desc` (default: most recently updated first) or `asc`.
    sort_order: Option<SortOrder>,
}

/// One draft order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct DraftOrderSummary {
    /// Draft order GID.
    id: String,
    /// Name, e.g. `#D12`.
    name: String,
    /// Status.
    status: String,
    /// Number of items.
    item_quantity: i64,
    /// Total.
    total: Money,
    /// Tags.
    tags: Vec<String>,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// When it became an order.
    completed_at: Option<String>,
    /// E-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// The customer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<CustomerRef>,
}

/// A page of draft orders.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The draft orders.
    draft_orders: Vec<DraftOrderSummary>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    draft_orders: Connection<WireDraftOrder>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireDraftOrder {
    id: String,
    name: String,
    status: String,
    created_at: String,
    updated_at: String,
    completed_at: Option<String>,
    tags: Vec<String>,
    total_quantity_of_line_items: i64,
    total_price_set: WireMoneyBag,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    customer: Option<WireCustomerRef>,
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_draft_orders_list", Platform::Shopify)
        .title("List draft orders")
        .description(
            "Lists draft orders, most recently updated first, filtered by status, tag or \
             update time. Page with `after`.",
        )
        .scopes(with_customer_scope(shared, &["read_draft_orders"]));
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let query = Search::new()
            .eq("status", input.status.map(Status::as_search))
            .eq("tag", input.tag.as_deref())
            .cmp("updated_at", Cmp::AtLeast, input.updated_after.as_deref())
            .build();
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": query,
            "reverse": input.sort_order.unwrap_or_default().reverse(),
            "pii": shared.options.customer_pii,
        });
        let mut data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &DRAFT_ORDERS_LIST, variables)
            .await?;
        let page_info = data.draft_orders.page();
        let draft_orders = data
            .draft_orders
            .nodes
            .into_iter()
            .map(|d| DraftOrderSummary {
                id: d.id,
                name: d.name,
                status: d.status,
                item_quantity: d.total_quantity_of_line_items,
                total: d.total_price_set.into(),
                tags: d.tags,
                created_at: d.created_at,
                updated_at: d.updated_at,
                completed_at: d.completed_at,
                email: shared.pii(d.email),
                customer: shared.pii(d.customer.map(Into::into)),
            })
            .collect();
        ToolOutput::new(&Output {
            draft_orders,
            page_info,
        })
    })
}

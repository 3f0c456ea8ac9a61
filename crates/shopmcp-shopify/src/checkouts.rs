//! `shopify_abandoned_checkouts_list`: checkouts customers started and did not finish.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::graphql::Document;
use crate::orders::{CustomerRef, WireCustomerRef};
use crate::search::{Cmp, Search};
use crate::shared::{Built, Shared, tool, with_customer_scope};
use crate::types::{Connection, Money, PageInfo, WireMoneyBag, page_size, untrusted};

pub(crate) const ABANDONED_CHECKOUTS_LIST: Document = Document::admin_query(
    "AbandonedCheckoutsList",
    r"query AbandonedCheckoutsList($first: Int!, $after: String, $query: String, $pii: Boolean!) {
  abandonedCheckouts(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes {
      id
      name
      createdAt
      updatedAt
      completedAt
      note
      discountCodes
      totalPriceSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      lineItems(first: 20) {
        nodes {
          title
          variantTitle
          sku
          quantity
        }
      }
      abandonedCheckoutUrl @include(if: $pii)
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

/// Whether the checkout is still open.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Still open.
    Open,
    /// Closed.
    Closed,
}

/// Whether the checkout was recovered (turned into an order later).
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Recovery {
    /// Recovered.
    Recovered,
    /// Not recovered.
    NotRecovered,
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
    /// Open or closed.
    status: Option<Status>,
    /// Recovered or not.
    recovery: Option<Recovery>,
    /// Only checkouts created at or after this time.
    #[schemars(extend("format" = "date-time"))]
    created_after: Option<String>,
    /// Only checkouts created at or before this time.
    #[schemars(extend("format" = "date-time"))]
    created_before: Option<String>,
}

/// One line of a checkout.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Line {
    /// Product title.
    title: Option<String>,
    /// Variant title.
    variant_title: Option<String>,
    /// SKU.
    sku: Option<String>,
    /// Quantity.
    quantity: i64,
}

/// One abandoned checkout.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Checkout {
    /// Checkout GID.
    id: String,
    /// Name.
    name: String,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// When it was completed, if ever.
    completed_at: Option<String>,
    /// The buyer's note.
    note: Option<Untrusted>,
    /// Discount codes entered.
    discount_codes: Vec<String>,
    /// Total.
    total: Money,
    /// Lines (first 20).
    lines: Vec<Line>,
    /// The recovery link sent to the buyer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    recovery_url: Option<String>,
    /// The customer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<CustomerRef>,
}

/// A page of abandoned checkouts, newest first.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The checkouts.
    checkouts: Vec<Checkout>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    abandoned_checkouts: Connection<WireCheckout>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCheckout {
    id: String,
    name: String,
    created_at: String,
    updated_at: String,
    completed_at: Option<String>,
    note: Option<String>,
    discount_codes: Vec<String>,
    total_price_set: WireMoneyBag,
    line_items: Connection<WireLine>,
    #[serde(default)]
    abandoned_checkout_url: Option<String>,
    #[serde(default)]
    customer: Option<WireCustomerRef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLine {
    title: Option<String>,
    variant_title: Option<String>,
    sku: Option<String>,
    quantity: i64,
}

impl From<WireCheckout> for Checkout {
    fn from(c: WireCheckout) -> Self {
        Self {
            id: c.id,
            name: c.name,
            created_at: c.created_at,
            updated_at: c.updated_at,
            completed_at: c.completed_at,
            note: untrusted(c.note),
            discount_codes: c.discount_codes,
            total: c.total_price_set.into(),
            lines: c
                .line_items
                .nodes
                .into_iter()
                .map(|l| Line {
                    title: l.title,
                    variant_title: l.variant_title,
                    sku: l.sku,
                    quantity: l.quantity,
                })
                .collect(),
            recovery_url: c.abandoned_checkout_url,
            customer: c.customer.map(Into::into),
        }
    }
}

pub(crate) fn abandoned(shared: &Arc<Shared>) -> Built {
    let spec =
        ToolSpec::read::<Input, Output>("shopify_abandoned_checkouts_list", Platform::Shopify)
            .title("List abandoned checkouts")
            .description(
                "Lists checkouts that were started but not completed, newest first, filtered by \
         status, recovery or creation time, with their totals and lines.",
            )
            .scopes(with_customer_scope(shared, &["read_orders"]));
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let status = input.status.map(|s| match s {
            Status::Open => "open",
            Status::Closed => "closed",
        });
        let recovery = input.recovery.map(|r| match r {
            Recovery::Recovered => "recovered",
            Recovery::NotRecovered => "not_recovered",
        });
        let query = Search::new()
            .eq("status", status)
            .eq("recovery_state", recovery)
            .cmp("created_at", Cmp::AtLeast, input.created_after.as_deref())
            .cmp("created_at", Cmp::AtMost, input.created_before.as_deref())
            .build();
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": query,
            "pii": shared.options.customer_pii,
        });
        let mut data: Data = shared
            .client
            .admin(
                call.ctx,
                call.credential()?,
                &ABANDONED_CHECKOUTS_LIST,
                variables,
            )
            .await?;
        let page_info = data.abandoned_checkouts.page();
        ToolOutput::new(&Output {
            checkouts: data
                .abandoned_checkouts
                .nodes
                .into_iter()
                .map(|c| {
                    let mut c = Checkout::from(c);
                    c.recovery_url = shared.pii(c.recovery_url.take());
                    c.customer = shared.pii(c.customer.take());
                    c
                })
                .collect(),
            page_info,
        })
    })
}

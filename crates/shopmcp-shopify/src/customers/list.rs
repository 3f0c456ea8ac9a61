//! `shopify_customers_list`: one page of customers, PII minimised.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use super::{WireEmail, WirePhone};
use crate::graphql::Document;
use crate::search::{Cmp, Search};
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, Money, PageInfo, SortOrder, WireMoney, page_size, unsigned};

pub(crate) const CUSTOMERS_LIST: Document = Document::admin_query(
    "CustomersList",
    r"query CustomersList($first: Int!, $after: String, $query: String, $sortKey: CustomerSortKeys!, $reverse: Boolean!, $pii: Boolean!) {
  customers(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes {
      id
      createdAt
      updatedAt
      state
      tags
      numberOfOrders
      amountSpent {
        amount
        currencyCode
      }
      displayName @include(if: $pii)
      defaultEmailAddress @include(if: $pii) {
        emailAddress
      }
      defaultPhoneNumber @include(if: $pii) {
        phoneNumber
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}",
);

/// Account state filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum State {
    /// Has an account.
    Enabled,
    /// No account.
    Disabled,
    /// Invited, not yet accepted.
    Invited,
    /// Declined the invitation.
    Declined,
}

impl State {
    fn as_search(self) -> &'static str {
        match self {
            Self::Enabled => "ENABLED",
            Self::Disabled => "DISABLED",
            Self::Invited => "INVITED",
            Self::Declined => "DECLINED",
        }
    }
}

/// Sort key.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SortKey {
    /// Last update (default).
    #[default]
    UpdatedAt,
    /// Creation time.
    CreatedAt,
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
    /// Words that must all match (name, e-mail, phone…).
    #[schemars(length(min = 1, max = 200))]
    search: Option<String>,
    /// Tag.
    #[schemars(length(min = 1, max = 255))]
    tag: Option<String>,
    /// Account state.
    state: Option<State>,
    /// Only customers created at or after this time.
    #[schemars(extend("format" = "date-time"))]
    created_after: Option<String>,
    /// Only customers updated at or after this time.
    #[schemars(extend("format" = "date-time"))]
    updated_after: Option<String>,
    /// Sort key (default `updated_at`).
    sort_key: Option<SortKey>,
    /// `desc` (default) or `asc`.
    sort_order: Option<SortOrder>,
}

/// One customer.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CustomerSummary {
    /// Customer GID.
    id: String,
    /// Account state.
    state: String,
    /// Tags.
    tags: Vec<String>,
    /// Number of orders.
    orders: u64,
    /// Total spent.
    amount_spent: Money,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// Display name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// E-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Phone (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

/// A page of customers.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The customers.
    customers: Vec<CustomerSummary>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
struct Data {
    customers: Connection<WireCustomer>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCustomer {
    id: String,
    created_at: String,
    updated_at: String,
    state: String,
    tags: Vec<String>,
    number_of_orders: serde_json::Value,
    amount_spent: WireMoney,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    default_email_address: Option<WireEmail>,
    #[serde(default)]
    default_phone_number: Option<WirePhone>,
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_customers_list", Platform::Shopify)
        .title("List or search customers")
        .description(
            "Lists customers, most recently updated first, filtered by search words, tag, \
             account state or time. Names, e-mail addresses and phone numbers appear only if \
             this workspace enabled customer PII.",
        )
        .scopes(["read_customers"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let query = Search::new()
            .words(input.search.as_deref())
            .eq("tag", input.tag.as_deref())
            .eq("state", input.state.map(State::as_search))
            .cmp(
                "customer_date",
                Cmp::AtLeast,
                input.created_after.as_deref(),
            )
            .cmp("updated_at", Cmp::AtLeast, input.updated_after.as_deref())
            .build();
        let sort_key = match input.sort_key.unwrap_or_default() {
            SortKey::UpdatedAt => "UPDATED_AT",
            SortKey::CreatedAt => "CREATED_AT",
        };
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": query,
            "sortKey": sort_key,
            "reverse": input.sort_order.unwrap_or_default().reverse(),
            "pii": shared.options.customer_pii,
        });
        let mut data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &CUSTOMERS_LIST, variables)
            .await?;
        let page_info = data.customers.page();
        let customers = data
            .customers
            .nodes
            .into_iter()
            .map(|c| CustomerSummary {
                id: c.id,
                state: c.state,
                tags: c.tags,
                orders: unsigned(&c.number_of_orders),
                amount_spent: c.amount_spent.into(),
                created_at: c.created_at,
                updated_at: c.updated_at,
                name: shared.pii(c.display_name),
                email: shared.pii(c.default_email_address.and_then(|e| e.email_address)),
                phone: shared.pii(c.default_phone_number.map(|p| p.phone_number)),
            })
            .collect();
        ToolOutput::new(&Output {
            customers,
            page_info,
        })
    })
}

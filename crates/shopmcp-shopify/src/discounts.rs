//! `shopify_discounts_list`: code and automatic discounts.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::graphql::Document;
use crate::search::Search;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, PageInfo, SortOrder, page_size};

pub(crate) const DISCOUNTS_LIST: Document = Document::admin_query(
    "DiscountsList",
    r"query DiscountsList($first: Int!, $after: String, $query: String, $reverse: Boolean!) {
  discountNodes(first: $first, after: $after, query: $query, sortKey: STARTS_AT, reverse: $reverse) {
    nodes {
      id
      discount {
        __typename
        ... on DiscountCodeBasic {
          title
          status
          summary
          startsAt
          endsAt
          asyncUsageCount
          usageLimit
          codes(first: 5) {
            nodes {
              code
            }
          }
        }
        ... on DiscountCodeBxgy {
          title
          status
          summary
          startsAt
          endsAt
          asyncUsageCount
          usageLimit
          codes(first: 5) {
            nodes {
              code
            }
          }
        }
        ... on DiscountCodeFreeShipping {
          title
          status
          summary
          startsAt
          endsAt
          asyncUsageCount
          usageLimit
          codes(first: 5) {
            nodes {
              code
            }
          }
        }
        ... on DiscountCodeApp {
          title
          status
          startsAt
          endsAt
          asyncUsageCount
          usageLimit
          codes(first: 5) {
            nodes {
              code
            }
          }
        }
        ... on DiscountAutomaticBasic {
          title
          status
          summary
          startsAt
          endsAt
          asyncUsageCount
        }
        ... on DiscountAutomaticBxgy {
          title
          status
          summary
          startsAt
          endsAt
          asyncUsageCount
        }
        ... on DiscountAutomaticFreeShipping {
          title
          status
          summary
          startsAt
          endsAt
          asyncUsageCount
        }
        ... on DiscountAutomaticApp {
          title
          status
          startsAt
          endsAt
          asyncUsageCount
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}",
);

/// Discount status filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Running now.
    Active,
    /// Ended.
    Expired,
    /// Starts later.
    Scheduled,
}

/// Discount method filter.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Method {
    /// Applied with a code.
    Code,
    /// Applied automatically.
    Automatic,
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
    /// Code or automatic discounts.
    method: Option<Method>,
    /// A discount code (exact).
    #[schemars(length(min = 1, max = 255))]
    code: Option<String>,
    /// `desc` (default: latest start first) or `asc`.
    sort_order: Option<SortOrder>,
}

/// One discount.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Discount {
    /// Discount node GID.
    id: String,
    /// Kind, e.g. `DiscountCodeBasic`, `DiscountAutomaticBxgy`.
    kind: String,
    /// Title.
    title: Option<String>,
    /// Status.
    status: Option<String>,
    /// Shopify's summary, e.g. `10% off entire order`.
    summary: Option<String>,
    /// Start.
    starts_at: Option<String>,
    /// End.
    ends_at: Option<String>,
    /// Times used.
    usage_count: Option<i64>,
    /// Usage limit.
    usage_limit: Option<i64>,
    /// First codes (code discounts).
    codes: Vec<String>,
}

/// A page of discounts.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The discounts.
    discounts: Vec<Discount>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    discount_nodes: Connection<WireNode>,
}

#[derive(Deserialize)]
struct WireNode {
    id: String,
    discount: WireDiscount,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireDiscount {
    #[serde(rename = "__typename")]
    typename: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    starts_at: Option<String>,
    #[serde(default)]
    ends_at: Option<String>,
    #[serde(default)]
    async_usage_count: Option<i64>,
    #[serde(default)]
    usage_limit: Option<i64>,
    #[serde(default)]
    codes: Option<Connection<WireCode>>,
}

#[derive(Deserialize)]
struct WireCode {
    code: String,
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_discounts_list", Platform::Shopify)
        .title("List discounts")
        .description(
            "Lists code and automatic discounts, latest start first, filtered by status, \
             method or code, with their summaries, dates, usage and first codes.",
        )
        .scopes(["read_discounts"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let status = input.status.map(|s| match s {
            Status::Active => "active",
            Status::Expired => "expired",
            Status::Scheduled => "scheduled",
        });
        let method = input.method.map(|m| match m {
            Method::Code => "code",
            Method::Automatic => "automatic",
        });
        let query = Search::new()
            .eq("status", status)
            .eq("method", method)
            .eq("code", input.code.as_deref())
            .build();
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": query,
            "reverse": input.sort_order.unwrap_or_default().reverse(),
        });
        let mut data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &DISCOUNTS_LIST, variables)
            .await?;
        let page_info = data.discount_nodes.page();
        let discounts = data
            .discount_nodes
            .nodes
            .into_iter()
            .map(|n| {
                let d = n.discount;
                Discount {
                    id: n.id,
                    kind: d.typename,
                    title: d.title,
                    status: d.status,
                    summary: d.summary,
                    starts_at: d.starts_at,
                    ends_at: d.ends_at,
                    usage_count: d.async_usage_count,
                    usage_limit: d.usage_limit,
                    codes: d
                        .codes
                        .map(|c| c.nodes.into_iter().map(|c| c.code).collect())
                        .unwrap_or_default(),
                }
            })
            .collect();
        ToolOutput::new(&Output {
            discounts,
            page_info,
        })
    })
}

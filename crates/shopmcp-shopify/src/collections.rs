//! `shopify_collections_list`: one page of collections.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::graphql::Document;
use crate::search::Search;
use crate::shared::{Built, Shared, tool};
use crate::types::{Connection, PageInfo, WireCount, page_size};

pub(crate) const COLLECTIONS_LIST: Document = Document::admin_query(
    "CollectionsList",
    r"query CollectionsList($first: Int!, $after: String, $query: String) {
  collections(first: $first, after: $after, query: $query, sortKey: TITLE) {
    nodes {
      id
      title
      handle
      sortOrder
      updatedAt
      productsCount {
        count
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}",
);

/// Manual or rule-based collections.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CollectionType {
    /// Products added by hand.
    Custom,
    /// Products chosen by rules.
    Smart,
}

impl CollectionType {
    fn as_search(self) -> &'static str {
        match self {
            Self::Custom => "custom",
            Self::Smart => "smart",
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
    /// Exact title.
    #[schemars(length(min = 1, max = 255))]
    title: Option<String>,
    /// Manual (`custom`) or rule-based (`smart`).
    collection_type: Option<CollectionType>,
}

/// One collection.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Collection {
    /// Collection GID.
    id: String,
    /// Title.
    title: String,
    /// URL handle.
    handle: String,
    /// How its products are sorted.
    sort_order: String,
    /// Number of products.
    products: Option<u64>,
    /// Last update.
    updated_at: String,
}

/// A page of collections, by title.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// The collections.
    collections: Vec<Collection>,
    /// Paging.
    page_info: PageInfo,
}

#[derive(Deserialize)]
struct Data {
    collections: Connection<WireCollection>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCollection {
    id: String,
    title: String,
    handle: String,
    sort_order: String,
    updated_at: String,
    products_count: Option<WireCount>,
}

pub(crate) fn list(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_collections_list", Platform::Shopify)
        .title("List collections")
        .description(
            "Lists collections by title, optionally only manual or rule-based ones or one \
             title, with their product counts. Page with `after`.",
        )
        .scopes(["read_products"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let query = Search::new()
            .eq("title", input.title.as_deref())
            .eq(
                "collection_type",
                input.collection_type.map(CollectionType::as_search),
            )
            .build();
        let variables = json!({
            "first": page_size(input.first),
            "after": input.after,
            "query": query,
        });
        let mut data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &COLLECTIONS_LIST, variables)
            .await?;
        let page_info = data.collections.page();
        ToolOutput::new(&Output {
            collections: data
                .collections
                .nodes
                .into_iter()
                .map(|c| Collection {
                    id: c.id,
                    title: c.title,
                    handle: c.handle,
                    sort_order: c.sort_order,
                    products: c.products_count.map(|n| n.count),
                    updated_at: c.updated_at,
                })
                .collect(),
            page_info,
        })
    })
}

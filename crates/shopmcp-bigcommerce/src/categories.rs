//! Category tree: `GET /v3/catalog/trees/{tree_id}/categories`, flattened.
//!
//! BigCommerce answers with nested `children`; tool outputs cannot be recursive types, so the
//! tree is returned depth-first as a flat list where each node names its `parent_id` and `depth`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{lenient_vec, opt_bool, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// The most categories returned.
const MAX_NODES: usize = 1000;

/// Which tree.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TreeInput {
    /// Category tree id (default 1, the first storefront's tree).
    #[schemars(range(min = 1))]
    tree_id: Option<u64>,
    /// Deepest level to return (1 = top-level categories only).
    #[schemars(range(min = 1, max = 10))]
    depth: Option<u32>,
}

/// A node as BigCommerce sends it.
#[derive(Debug, Deserialize)]
struct Node {
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    parent_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    depth: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "opt_bool")]
    is_visible: Option<bool>,
    #[serde(default, deserialize_with = "opt_string")]
    url: Option<String>,
    #[serde(default, deserialize_with = "lenient_vec")]
    children: Vec<Node>,
}

/// One category.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Category {
    /// Category id.
    id: Option<u64>,
    /// Parent category id (0 for top level).
    parent_id: Option<u64>,
    /// Level in the tree (top level: 1).
    depth: Option<u64>,
    /// Name.
    name: Option<String>,
    /// Whether it is shown on the storefront.
    is_visible: Option<bool>,
    /// Storefront path, e.g. `/bath/`.
    url: Option<String>,
}

/// The flattened tree.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TreeOutput {
    /// The tree.
    tree_id: u64,
    /// Categories, depth-first (parents before their children).
    categories: Vec<Category>,
}

/// `bigcommerce_category_tree_get`.
pub(crate) fn tree_get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<TreeInput, TreeOutput>("bigcommerce_category_tree_get")
        .title("Get the category tree")
        .description(
            "Returns a storefront's category tree as a flat, depth-first list with parent ids.",
        )
        .scopes([scopes::PRODUCTS_READ])
        .build();
    tool(spec, state, handle_tree_get)
}

fn handle_tree_get<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: TreeInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let tree_id = input.tree_id.unwrap_or(1);
        let endpoint = Endpoint::v3(
            [
                "catalog".to_owned(),
                "trees".to_owned(),
                tree_id.to_string(),
                "categories".to_owned(),
            ],
            &format!("category tree {tree_id}"),
        );
        let query = Query::new().opt("depth", input.depth);
        let roots: Vec<Node> = state.client.get(call.ctx, &creds, &endpoint, query).await?;
        let mut categories = Vec::new();
        flatten(roots, &mut categories);
        ToolOutput::new(&TreeOutput {
            tree_id,
            categories,
        })
    })
}

/// Depth-first, iteratively (no recursion on upstream data), capped at [`MAX_NODES`].
fn flatten(roots: Vec<Node>, out: &mut Vec<Category>) {
    let mut stack: Vec<Node> = roots.into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        if out.len() >= MAX_NODES {
            break;
        }
        stack.extend(node.children.into_iter().rev());
        out.push(Category {
            id: node.id,
            parent_id: node.parent_id,
            depth: node.depth,
            name: node.name,
            is_visible: node.is_visible,
            url: node.url,
        });
    }
}

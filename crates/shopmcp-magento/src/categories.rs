//! `magento_categories_list`: the category tree, flattened (depth first, with parent ids).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec};

use crate::MagentoClient;
use crate::routes::Admin;
use crate::values::{flag, null_as_default};

/// ACL resource of the category routes.
pub(crate) const ACL: &str = "Magento_Catalog::categories";

/// Most categories one answer lists.
const MAX_NODES: usize = 1000;

/// Arguments of `magento_categories_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TreeInput {
    /// Start below this category (default: the store's root).
    #[schemars(range(min = 1))]
    root_category_id: Option<u64>,
    /// How many levels to return (1 to 10).
    #[schemars(range(min = 1, max = 10))]
    depth: Option<u8>,
}

/// `catalog-data-category-tree-interface`.
#[derive(Debug, Deserialize)]
struct Node {
    id: Option<u64>,
    parent_id: Option<u64>,
    name: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    is_active: Option<bool>,
    position: Option<i64>,
    level: Option<u64>,
    product_count: Option<u64>,
    #[serde(default, deserialize_with = "null_as_default")]
    children_data: Vec<Node>,
}

/// One category.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CategoryOut {
    /// Category id.
    id: Option<u64>,
    /// Parent category id.
    parent_id: Option<u64>,
    /// Name.
    name: Option<String>,
    /// Whether it is enabled.
    enabled: Option<bool>,
    /// Position among its siblings.
    position: Option<i64>,
    /// Depth in the tree (1 = root catalog).
    level: Option<u64>,
    /// Number of products in it.
    product_count: Option<u64>,
}

/// The flattened tree.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TreeOut {
    /// Categories in depth-first order; rebuild the tree from `parent_id`.
    categories: Vec<CategoryOut>,
    /// Categories left out beyond the first 1000.
    omitted: usize,
}

pub(crate) fn list_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<TreeInput, TreeOut>("magento_categories_list", Platform::Magento)
        .title("Category tree")
        .description(
            "Lists the category tree (depth first, each with its parent id, level, position, \
             enabled flag and product count), optionally below one category and to a depth.",
        )
        .scopes([ACL])
        .build()
}

fn flatten(root: Node) -> TreeOut {
    let mut categories = Vec::new();
    let mut omitted = 0;
    let mut stack = vec![root];
    while let Some(mut node) = stack.pop() {
        let children = std::mem::take(&mut node.children_data);
        stack.extend(children.into_iter().rev());
        if categories.len() >= MAX_NODES {
            omitted += 1;
            continue;
        }
        categories.push(CategoryOut {
            id: node.id,
            parent_id: node.parent_id,
            name: node.name,
            enabled: node.is_active,
            position: node.position,
            level: node.level,
            product_count: node.product_count,
        });
    }
    TreeOut {
        categories,
        omitted,
    }
}

pub(crate) fn list<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: TreeInput = call.input()?;
        let mut query = Vec::new();
        if let Some(root) = input.root_category_id {
            query.push(("rootCategoryId".to_owned(), root.to_string()));
        }
        if let Some(depth) = input.depth {
            query.push(("depth".to_owned(), depth.to_string()));
        }
        let root: Node = client.admin(&call, Admin::Categories, &query, None).await?;
        ToolOutput::new(&flatten(root))
    })
}

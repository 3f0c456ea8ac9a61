//! Categories: `neto_categories_list` (`GetCategory`).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::client::GetBody;
use crate::common::{Shared, ToolList, day_end, day_start, next_page, paging, tool};
use crate::wire::{bool_opt, date_opt, int_opt, one_or_many, text_opt};

/// Fields `neto_categories_list` requests.
pub(crate) const SELECT: &[&str] = &[
    "CategoryID",
    "CategoryName",
    "ParentCategoryID",
    "Active",
    "SortOrder",
    "DateUpdated",
];

/// Arguments of `neto_categories_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only these categories.
    #[schemars(length(min = 1, max = 100))]
    category_ids: Option<Vec<u32>>,
    /// Only children of these categories (0: top level).
    #[schemars(length(min = 1, max = 100))]
    parent_category_ids: Option<Vec<u32>>,
    /// Only categories with these names (as the store matches them).
    #[schemars(length(min = 1, max = 20), inner(length(min = 1, max = 200)))]
    names: Option<Vec<String>>,
    /// Only active (or inactive) categories.
    active: Option<bool>,
    /// Updated on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_from: Option<String>,
    /// Updated on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Categories per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetCategory` filters (NetoDotNET `GetCategoryFilter`).
#[derive(Debug, Serialize)]
struct CategoryFilter {
    #[serde(rename = "CategoryID", skip_serializing_if = "Option::is_none")]
    category_id: Option<Vec<u32>>,
    #[serde(rename = "ParentCategoryID", skip_serializing_if = "Option::is_none")]
    parent_category_id: Option<Vec<u32>>,
    #[serde(rename = "CategoryName", skip_serializing_if = "Option::is_none")]
    category_name: Option<Vec<String>>,
    #[serde(rename = "Active", skip_serializing_if = "Option::is_none")]
    active: Option<bool>,
    #[serde(rename = "DateUpdatedFrom", skip_serializing_if = "Option::is_none")]
    date_updated_from: Option<String>,
    #[serde(rename = "DateUpdatedTo", skip_serializing_if = "Option::is_none")]
    date_updated_to: Option<String>,
}

/// One category as `GetCategory` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoCategory {
    #[serde(rename = "CategoryID", default, deserialize_with = "int_opt")]
    category_id: Option<i64>,
    #[serde(rename = "CategoryName", default, deserialize_with = "text_opt")]
    name: Option<String>,
    #[serde(rename = "ParentCategoryID", default, deserialize_with = "int_opt")]
    parent_category_id: Option<i64>,
    #[serde(rename = "Active", default, deserialize_with = "bool_opt")]
    active: Option<bool>,
    #[serde(rename = "SortOrder", default, deserialize_with = "int_opt")]
    sort_order: Option<i64>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    date_updated: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CategoriesReply {
    #[serde(rename = "Category", default, deserialize_with = "one_or_many")]
    categories: Vec<NetoCategory>,
}

/// One category.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CategoryOut {
    /// The category id.
    category_id: Option<i64>,
    /// Name.
    name: Option<String>,
    /// The parent category (0 or absent: top level).
    parent_category_id: Option<i64>,
    /// Whether the category is active.
    active: Option<bool>,
    /// Sort order.
    sort_order: Option<i64>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
}

/// `neto_categories_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The categories of this page.
    categories: Vec<CategoryOut>,
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
        ToolSpec::read::<ListInput, ListOutput>("neto_categories_list", Platform::Neto)
            .title("List categories")
            .description("Lists product categories page by page, optionally by id, parent, name, active flag or last-update day.")
            .scopes([Action::GetCategory.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = CategoryFilter {
            category_id: input.category_ids,
            parent_category_id: input.parent_category_ids,
            category_name: input.names,
            active: input.active,
            date_updated_from: day_start(input.updated_from.as_ref()),
            date_updated_to: day_end(input.updated_to.as_ref()),
        };
        let body = GetBody::new(&filter, SELECT, page, limit);
        let reply = shared
            .client
            .send::<_, CategoriesReply>(&call, Action::GetCategory, &body)
            .await?;
        let categories: Vec<CategoryOut> = reply
            .data
            .categories
            .into_iter()
            .map(|c| CategoryOut {
                category_id: c.category_id,
                name: c.name,
                parent_category_id: c.parent_category_id,
                active: c.active,
                sort_order: c.sort_order,
                date_updated: c.date_updated,
            })
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, categories.len()),
            categories,
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
        assert_covered::<NetoCategory>(SELECT);
    }
}

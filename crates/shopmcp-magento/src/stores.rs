//! `magento_stores_list`: the store hierarchy (websites → store groups → store views).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec};

use crate::MagentoClient;
use crate::routes::Admin;
use crate::values::flag;

/// ACL resource of the store routes.
pub(crate) const ACL: &str = "Magento_Backend::store";

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoInput {}

#[derive(Debug, Deserialize)]
struct Website {
    id: u64,
    code: String,
    name: String,
    default_group_id: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct Group {
    id: u64,
    website_id: u64,
    root_category_id: Option<u64>,
    default_store_id: Option<u64>,
    name: String,
    code: String,
}

#[derive(Debug, Deserialize)]
struct View {
    id: u64,
    code: String,
    name: String,
    store_group_id: u64,
    #[serde(default, deserialize_with = "flag")]
    is_active: Option<bool>,
}

/// A store view (what the storefront shows, e.g. one language).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ViewOut {
    /// Store view id.
    id: u64,
    /// Store view code.
    code: String,
    /// Name.
    name: String,
    /// Whether it is enabled.
    enabled: Option<bool>,
}

/// A store group (a root category and its store views).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GroupOut {
    /// Store group id.
    id: u64,
    /// Code.
    code: String,
    /// Name.
    name: String,
    /// Root category of its catalogue.
    root_category_id: Option<u64>,
    /// Default store view.
    default_store_id: Option<u64>,
    /// Its store views.
    views: Vec<ViewOut>,
}

/// A website (prices, customers and stock can be scoped to it).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WebsiteOut {
    /// Website id.
    id: u64,
    /// Code.
    code: String,
    /// Name.
    name: String,
    /// Default store group.
    default_group_id: Option<u64>,
    /// Its store groups.
    groups: Vec<GroupOut>,
}

/// The hierarchy.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StoresOut {
    /// Websites, each with its store groups and views.
    websites: Vec<WebsiteOut>,
}

pub(crate) fn list_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<NoInput, StoresOut>("magento_stores_list", Platform::Magento)
        .title("Store hierarchy")
        .description(
            "Lists the store's websites, their store groups and store views (ids, codes, names). \
             Use it to learn which website or store view ids other results refer to.",
        )
        .scopes([ACL])
        .build()
}

pub(crate) fn list<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let _: NoInput = call.input()?;
        let websites: Vec<Website> = client.admin(&call, Admin::StoreWebsites, &[], None).await?;
        let groups: Vec<Group> = client.admin(&call, Admin::StoreGroups, &[], None).await?;
        let views: Vec<View> = client.admin(&call, Admin::StoreViews, &[], None).await?;
        ToolOutput::new(&assemble(websites, groups, views))
    })
}

fn assemble(websites: Vec<Website>, groups: Vec<Group>, views: Vec<View>) -> StoresOut {
    let mut views: Vec<Option<View>> = views.into_iter().map(Some).collect();
    let mut groups: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let websites = websites
        .into_iter()
        .map(|w| {
            let groups = groups
                .iter_mut()
                .filter(|g| g.as_ref().is_some_and(|g| g.website_id == w.id))
                .filter_map(Option::take)
                .map(|g| {
                    let views = views
                        .iter_mut()
                        .filter(|v| v.as_ref().is_some_and(|v| v.store_group_id == g.id))
                        .filter_map(Option::take)
                        .map(|v| ViewOut {
                            id: v.id,
                            code: v.code,
                            name: v.name,
                            enabled: v.is_active,
                        })
                        .collect();
                    GroupOut {
                        id: g.id,
                        code: g.code,
                        name: g.name,
                        root_category_id: g.root_category_id,
                        default_store_id: g.default_store_id,
                        views,
                    }
                })
                .collect();
            WebsiteOut {
                id: w.id,
                code: w.code,
                name: w.name,
                default_group_id: w.default_group_id,
                groups,
            }
        })
        .collect();
    StoresOut { websites }
}

//! Brands: `GET /v3/catalog/brands`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{PageInfo, Paging, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// Brand filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Part of the brand name.
    #[schemars(length(min = 1, max = 100))]
    name_contains: Option<String>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// A brand.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Brand {
    /// Brand id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// Page title.
    #[serde(default, deserialize_with = "opt_string")]
    page_title: Option<String>,
    /// Logo URL.
    #[serde(default, deserialize_with = "opt_string")]
    image_url: Option<String>,
}

/// A page of brands.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    brands: Vec<Brand>,
    page: PageInfo,
}

/// `bigcommerce_brands_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_brands_list")
        .title("List brands")
        .description("Lists the catalogue's brands, sorted by name, one page at a time.")
        .scopes([scopes::PRODUCTS_READ])
        .build();
    tool(spec, state, handle_list)
}

fn handle_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let query = Query::new()
            .opt("name:like", input.name_contains)
            .set("sort", "name")
            .paging(paging);
        let endpoint = Endpoint::v3(["catalog", "brands"], "brands");
        let page = state
            .client
            .list::<Brand>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&ListOutput {
            brands: page.items,
            page: info,
        })
    })
}

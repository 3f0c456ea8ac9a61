//! Promotions (v3): `GET /v3/promotions` and `GET /v3/promotions/{promotion_id}/codes`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{Direction, PageInfo, Paging, opt_bool, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// Promotion filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Exact promotion name.
    #[schemars(length(min = 1, max = 255))]
    name: Option<String>,
    /// Only the promotion that has this coupon code.
    #[schemars(length(min = 1, max = 50))]
    code: Option<String>,
    /// Automatic or coupon promotions.
    redemption_type: Option<RedemptionType>,
    /// Status.
    status: Option<Status>,
    /// Sort field.
    sort: Option<PromotionSort>,
    /// Sort direction.
    direction: Option<Direction>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// How a promotion is applied.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RedemptionType {
    /// Applied by the store.
    Automatic,
    /// Applied by the shopper with a code.
    Coupon,
}

/// Promotion status.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum Status {
    /// Usable.
    Enabled,
    /// Switched off.
    Disabled,
    /// No longer valid.
    Invalid,
}

/// Promotion sort fields.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PromotionSort {
    /// Id.
    Id,
    /// Name.
    Name,
    /// Priority.
    Priority,
    /// Start date.
    StartDate,
}

/// A promotion (its rules are left out; see the control panel for them).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Promotion {
    /// Promotion id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Internal name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// Name shown to shoppers.
    #[serde(default, deserialize_with = "opt_string")]
    display_name: Option<String>,
    /// `AUTOMATIC` or `COUPON`.
    #[serde(default, deserialize_with = "opt_string")]
    redemption_type: Option<String>,
    /// `ENABLED`, `DISABLED` or `INVALID`.
    #[serde(default, deserialize_with = "opt_string")]
    status: Option<String>,
    /// Times used.
    #[serde(default, deserialize_with = "opt_u64")]
    current_uses: Option<u64>,
    /// Usage limit (0 or absent: none).
    #[serde(default, deserialize_with = "opt_u64")]
    max_uses: Option<u64>,
    /// Starts at.
    #[serde(default, deserialize_with = "opt_string")]
    start_date: Option<String>,
    /// Ends at.
    #[serde(default, deserialize_with = "opt_string")]
    end_date: Option<String>,
    /// Currency it applies to.
    #[serde(default, deserialize_with = "opt_string")]
    currency_code: Option<String>,
    /// Whether it combines with other promotions.
    #[serde(default, deserialize_with = "opt_bool")]
    can_be_used_with_other_promotions: Option<bool>,
}

/// A page of promotions.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    promotions: Vec<Promotion>,
    page: PageInfo,
}

/// Coupon codes of one promotion.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CodesInput {
    /// Promotion id.
    #[schemars(range(min = 1))]
    promotion_id: u64,
    /// Only this code.
    #[schemars(length(min = 1, max = 50))]
    code: Option<String>,
    /// `next_cursor` of the previous answer, to get the next page.
    #[schemars(length(min = 1, max = 200))]
    cursor: Option<String>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// A coupon code.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct CouponCode {
    /// Code id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// The code shoppers type.
    #[serde(default, deserialize_with = "opt_string")]
    code: Option<String>,
    /// Times used.
    #[serde(default, deserialize_with = "opt_u64")]
    current_uses: Option<u64>,
    /// Usage limit (0: none).
    #[serde(default, deserialize_with = "opt_u64")]
    max_uses: Option<u64>,
    /// Usage limit per customer (0: none).
    #[serde(default, deserialize_with = "opt_u64")]
    max_uses_per_customer: Option<u64>,
    /// Created at.
    #[serde(default, deserialize_with = "opt_string")]
    created: Option<String>,
}

/// A page of coupon codes.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CodesOutput {
    promotion_id: u64,
    codes: Vec<CouponCode>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_cursor: Option<String>,
}

/// `bigcommerce_promotions_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_promotions_list")
        .title("List promotions")
        .description(
            "Lists promotions with their status, usage and dates, filtered by name, code, type or status.",
        )
        .scopes([scopes::MARKETING_READ])
        .build();
    tool(spec, state, handle_list)
}

fn handle_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let query = Query::new()
            .opt("name", input.name)
            .opt("code", input.code)
            .opt(
                "redemption_type",
                input.redemption_type.map(|r| match r {
                    RedemptionType::Automatic => "automatic",
                    RedemptionType::Coupon => "coupon",
                }),
            )
            .opt(
                "status",
                input.status.map(|s| match s {
                    Status::Enabled => "ENABLED",
                    Status::Disabled => "DISABLED",
                    Status::Invalid => "INVALID",
                }),
            )
            .opt(
                "sort",
                input.sort.map(|s| match s {
                    PromotionSort::Id => "id",
                    PromotionSort::Name => "name",
                    PromotionSort::Priority => "priority",
                    PromotionSort::StartDate => "start_date",
                }),
            )
            .opt("direction", input.direction.map(Direction::as_str))
            .paging(paging);
        let endpoint = Endpoint::v3(["promotions"], "promotions");
        let page = state
            .client
            .list::<Promotion>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&ListOutput {
            promotions: page.items,
            page: info,
        })
    })
}

/// `bigcommerce_coupon_codes_list`.
pub(crate) fn codes_list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<CodesInput, CodesOutput>("bigcommerce_coupon_codes_list")
        .title("List a promotion's coupon codes")
        .description(
            "Lists the coupon codes of one promotion with their usage, one page at a time.",
        )
        .scopes([scopes::MARKETING_READ])
        .build();
    tool(spec, state, handle_codes)
}

fn handle_codes<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CodesInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let id = input.promotion_id;
        let paging = Paging::new(None, input.limit);
        let endpoint = Endpoint::v3(
            ["promotions".to_owned(), id.to_string(), "codes".to_owned()],
            &format!("promotion {id}"),
        );
        let query = Query::new()
            .opt("code", input.code)
            .opt("after", input.cursor)
            .set("limit", paging.limit);
        let page = state
            .client
            .list::<CouponCode>(call.ctx, &creds, &endpoint, query)
            .await?;
        let next_cursor = page.meta.cursor_pagination.and_then(|c| {
            let has_next = c.links.and_then(|l| l.next).is_some();
            c.end_cursor.filter(|_| has_next)
        });
        ToolOutput::new(&CodesOutput {
            promotion_id: id,
            codes: page.items,
            next_cursor,
        })
    })
}

//! Cart price rules and coupons: `magento_sales_rules_search`, `magento_coupons_search`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec};

use crate::MagentoClient;
use crate::routes::Admin;
use crate::search::{Criteria, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{Amount, flag, null_as_default};

/// ACL resource of the sales rule and coupon routes.
pub(crate) const ACL: &str = "Magento_SalesRule::quote";

search_fields! {
    /// A cart price rule field to filter on.
    RuleField {
        /// Rule id.
        RuleId = "rule_id" (Integer),
        /// Name.
        Name = "name" (Text),
        /// 1 = active.
        IsActive = "is_active" (Integer),
        /// 1 no coupon, 2 specific coupon, 3 auto-generated coupons.
        CouponType = "coupon_type" (Integer),
        /// First day (UTC).
        FromDate = "from_date" (Date),
        /// Last day (UTC).
        ToDate = "to_date" (Date),
        /// Discount kind (`by_percent`, `by_fixed`, `cart_fixed`, `buy_x_get_y`).
        SimpleAction = "simple_action" (Text),
    }
}

search_fields! {
    /// A cart price rule field to sort by.
    RuleSort {
        /// Rule id.
        RuleId = "rule_id" (Integer),
        /// Name.
        Name = "name" (Text),
        /// Priority.
        SortOrder = "sort_order" (Integer),
        /// First day.
        FromDate = "from_date" (Date),
        /// Last day.
        ToDate = "to_date" (Date),
    }
}

search_fields! {
    /// A coupon field to filter on.
    CouponField {
        /// Coupon id.
        CouponId = "coupon_id" (Integer),
        /// Rule id.
        RuleId = "rule_id" (Integer),
        /// Coupon code.
        Code = "code" (Text),
        /// Times used.
        TimesUsed = "times_used" (Integer),
        /// Expiry (UTC).
        ExpirationDate = "expiration_date" (Date),
        /// Created at (UTC).
        CreatedAt = "created_at" (Date),
    }
}

search_fields! {
    /// A coupon field to sort by.
    CouponSort {
        /// Coupon id.
        CouponId = "coupon_id" (Integer),
        /// Times used.
        TimesUsed = "times_used" (Integer),
        /// Created at.
        CreatedAt = "created_at" (Date),
    }
}

/// `sales-rule-data-rule-interface`, the fields the tool shows.
#[derive(Debug, Deserialize)]
struct Rule {
    rule_id: Option<u64>,
    name: Option<String>,
    description: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    is_active: Option<bool>,
    from_date: Option<String>,
    to_date: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    website_ids: Vec<u64>,
    #[serde(default, deserialize_with = "null_as_default")]
    customer_group_ids: Vec<u64>,
    coupon_type: Option<String>,
    simple_action: Option<String>,
    discount_amount: Option<Amount>,
    discount_qty: Option<Amount>,
    #[serde(default, deserialize_with = "flag")]
    apply_to_shipping: Option<bool>,
    uses_per_customer: Option<u64>,
    uses_per_coupon: Option<u64>,
    times_used: Option<u64>,
    sort_order: Option<i64>,
    #[serde(default, deserialize_with = "flag")]
    stop_rules_processing: Option<bool>,
}

/// A cart price rule.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RuleOut {
    /// Rule id.
    rule_id: Option<u64>,
    /// Name.
    name: Option<String>,
    /// Description.
    description: Option<String>,
    /// Whether it is active.
    active: Option<bool>,
    /// First day.
    from_date: Option<String>,
    /// Last day.
    to_date: Option<String>,
    /// Websites it applies to.
    website_ids: Vec<u64>,
    /// Customer groups it applies to.
    customer_group_ids: Vec<u64>,
    /// `NO_COUPON`, `SPECIFIC_COUPON` or `AUTO`.
    coupon_type: Option<String>,
    /// Discount kind.
    simple_action: Option<String>,
    /// Discount amount (percent or money, by kind).
    discount_amount: Option<Amount>,
    /// Most units discounted.
    discount_qty: Option<Amount>,
    /// Whether the discount also applies to shipping.
    apply_to_shipping: Option<bool>,
    /// Uses per customer (0 = unlimited).
    uses_per_customer: Option<u64>,
    /// Uses per coupon (0 = unlimited).
    uses_per_coupon: Option<u64>,
    /// Times used.
    times_used: Option<u64>,
    /// Priority.
    sort_order: Option<i64>,
    /// Whether later rules are skipped.
    stop_rules_processing: Option<bool>,
}

impl From<Rule> for RuleOut {
    fn from(r: Rule) -> Self {
        Self {
            rule_id: r.rule_id,
            name: r.name,
            description: r.description,
            active: r.is_active,
            from_date: r.from_date,
            to_date: r.to_date,
            website_ids: r.website_ids,
            customer_group_ids: r.customer_group_ids,
            coupon_type: r.coupon_type,
            simple_action: r.simple_action,
            discount_amount: r.discount_amount,
            discount_qty: r.discount_qty,
            apply_to_shipping: r.apply_to_shipping,
            uses_per_customer: r.uses_per_customer,
            uses_per_coupon: r.uses_per_coupon,
            times_used: r.times_used,
            sort_order: r.sort_order,
            stop_rules_processing: r.stop_rules_processing,
        }
    }
}

/// `sales-rule-data-coupon-interface`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct CouponOut {
    /// Coupon id.
    coupon_id: Option<u64>,
    /// Rule id.
    rule_id: Option<u64>,
    /// The code customers enter.
    code: Option<String>,
    /// Most uses (0 or none = unlimited).
    usage_limit: Option<u64>,
    /// Most uses per customer.
    usage_per_customer: Option<u64>,
    /// Times used.
    times_used: Option<u64>,
    /// Expiry.
    expiration_date: Option<String>,
    /// Created at.
    created_at: Option<String>,
    /// Whether it is the rule's primary coupon.
    #[serde(default, deserialize_with = "flag")]
    is_primary: Option<bool>,
}

type RuleSearch = SearchInput<RuleField, RuleSort>;
type CouponSearch = SearchInput<CouponField, CouponSort>;

pub(crate) fn rules_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<RuleSearch, SearchOutput<RuleOut>>(
        "magento_sales_rules_search",
        Platform::Magento,
    )
    .title("Search cart price rules")
    .description(
        "Searches cart price rules (discounts) with up to 5 filters (AND), one sort field and \
         one page of at most 50.",
    )
    .scopes([ACL])
    .build()
}

pub(crate) fn rules<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: RuleSearch = call.input()?;
        let criteria = Criteria::search(&input, false)?;
        let result: SearchResult<Rule> = client
            .admin(&call, Admin::SalesRules, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(result, &criteria, RuleOut::from))
    })
}

pub(crate) fn coupons_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<CouponSearch, SearchOutput<CouponOut>>(
        "magento_coupons_search",
        Platform::Magento,
    )
    .title("Search coupons")
    .description(
        "Searches coupon codes with up to 5 filters (AND: rule, code, usage, dates), one sort \
         field and one page of at most 50.",
    )
    .scopes([ACL])
    .build()
}

pub(crate) fn coupons<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CouponSearch = call.input()?;
        let criteria = Criteria::search(&input, false)?;
        let result: SearchResult<CouponOut> = client
            .admin(&call, Admin::Coupons, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(result, &criteria, |c| c))
    })
}

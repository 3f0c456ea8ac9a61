//! Refunds (v3): `GET /v3/orders/payment_actions/refunds` and the side-effect-free
//! `POST /v3/orders/{order_id}/payment_actions/refund_quotes`.
//!
//! A refund quote only computes amounts, tax and the refund methods available; it creates no
//! refund and changes nothing. BigCommerce still exposes it as a POST, so the request is sent
//! as a read (`shopmcp-http` may retry it) and the tool is a read tool. BigCommerce requires a
//! modify scope for it (`store_v2_transactions` or `store_v2_orders`).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Number;
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query, Shape, Verb};
use crate::credentials::BigCommerceCredentials;
use crate::error::BcError;
use crate::wire::{
    PageInfo, Paging, decimal, decimal_number, lenient_vec, opt_bool, opt_string, opt_u64,
};
use crate::{State, read_spec, scopes, tool};

/// Refund filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RefundsInput {
    /// Only refunds of this order.
    #[schemars(range(min = 1))]
    order_id: Option<u64>,
    /// Created at or after (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    created_from: Option<String>,
    /// Created at or before (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    created_to: Option<String>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// A refund.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Refund {
    /// Refund id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Order id.
    #[serde(default, deserialize_with = "opt_u64")]
    order_id: Option<u64>,
    /// Created at.
    #[serde(default, deserialize_with = "opt_string")]
    created: Option<String>,
    /// Reason given by staff.
    #[serde(default, deserialize_with = "opt_string")]
    reason: Option<String>,
    /// Amount refunded.
    #[serde(default, deserialize_with = "decimal")]
    total_amount: Option<String>,
    /// Tax refunded.
    #[serde(default, deserialize_with = "decimal")]
    total_tax: Option<String>,
    /// Refunded items.
    #[serde(default, deserialize_with = "lenient_vec")]
    items: Vec<RefundedItem>,
    /// Payments back to the shopper.
    #[serde(default, deserialize_with = "lenient_vec")]
    payments: Vec<RefundPayment>,
}

/// A refunded item.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct RefundedItem {
    /// `PRODUCT`, `GIFT_WRAPPING`, `SHIPPING`, `HANDLING`, `ORDER` or `FEE`.
    #[serde(default, deserialize_with = "opt_string")]
    item_type: Option<String>,
    /// Order line, address or order id, by type.
    #[serde(default, deserialize_with = "opt_u64")]
    item_id: Option<u64>,
    /// Quantity (products).
    #[serde(default, deserialize_with = "opt_u64")]
    quantity: Option<u64>,
    /// Amount requested.
    #[serde(default, deserialize_with = "decimal")]
    requested_amount: Option<String>,
}

/// A refund payment.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct RefundPayment {
    /// Payment provider.
    #[serde(default, deserialize_with = "opt_string")]
    provider_id: Option<String>,
    /// Amount.
    #[serde(default, deserialize_with = "decimal")]
    amount: Option<String>,
    /// Whether it was handled offline.
    #[serde(default, deserialize_with = "opt_bool")]
    offline: Option<bool>,
    /// Whether the provider declined it.
    #[serde(default, deserialize_with = "opt_bool")]
    is_declined: Option<bool>,
}

/// A page of refunds.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RefundsOutput {
    refunds: Vec<Refund>,
    page: PageInfo,
}

/// What a quoted refund item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum ItemType {
    /// An order line, by quantity (`item_id`: order line id).
    Product,
    /// Gift wrapping of an order line, by quantity.
    GiftWrapping,
    /// Shipping, by amount (`item_id`: order address id).
    Shipping,
    /// Handling, by amount (`item_id`: order address id).
    Handling,
    /// An amount at order level (`item_id`: order id).
    Order,
    /// Tax, by amount.
    Tax,
    /// A fee, by amount (`item_id`: fee id).
    Fee,
}

impl ItemType {
    fn by_quantity(self) -> bool {
        matches!(self, Self::Product | Self::GiftWrapping)
    }
}

/// An item of a refund quote.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteItem {
    /// What to refund.
    item_type: ItemType,
    /// Order line id (PRODUCT, GIFT_WRAPPING), order address id (SHIPPING, HANDLING), order id
    /// (ORDER) or fee id (FEE).
    #[schemars(range(min = 1))]
    item_id: u64,
    /// Quantity, for PRODUCT and GIFT_WRAPPING.
    #[schemars(range(min = 1, max = 100000))]
    quantity: Option<u32>,
    /// Amount, for the other types.
    #[schemars(extend("format" = "decimal"))]
    amount: Option<String>,
}

/// Refund quote request.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteInput {
    /// The order.
    #[schemars(range(min = 1))]
    order_id: u64,
    /// What would be refunded.
    #[schemars(length(min = 1, max = 50))]
    items: Vec<QuoteItem>,
}

/// Exactly the body sent to `POST …/refund_quotes`.
#[derive(Debug, Serialize)]
struct QuotePost {
    items: Vec<QuoteItemPost>,
}

#[derive(Debug, Serialize)]
struct QuoteItemPost {
    item_type: ItemType,
    item_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<Number>,
}

/// A refund quote.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Quote {
    /// Order id.
    #[serde(default, deserialize_with = "opt_u64")]
    order_id: Option<u64>,
    /// Total that would be refunded.
    #[serde(default, deserialize_with = "decimal")]
    total_refund_amount: Option<String>,
    /// Tax part of it.
    #[serde(default, deserialize_with = "decimal")]
    total_refund_tax_amount: Option<String>,
    /// Rounding applied.
    #[serde(default, deserialize_with = "decimal")]
    rounding: Option<String>,
    /// Difference between what was asked and what is refundable.
    #[serde(default, deserialize_with = "decimal")]
    adjustment: Option<String>,
    /// Whether the total includes tax.
    #[serde(default, deserialize_with = "opt_bool")]
    tax_inclusive: Option<bool>,
    /// Refund methods available: each is a list of payment options used together.
    #[serde(default, deserialize_with = "lenient_vec")]
    refund_methods: Vec<Vec<PaymentOption>>,
}

/// A payment option of a refund method.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct PaymentOption {
    /// Provider id.
    #[serde(default, deserialize_with = "opt_string")]
    provider_id: Option<String>,
    /// Provider name.
    #[serde(default, deserialize_with = "opt_string")]
    provider_description: Option<String>,
    /// Amount refundable this way.
    #[serde(default, deserialize_with = "decimal")]
    amount: Option<String>,
    /// Whether the refund must be done offline.
    #[serde(default, deserialize_with = "opt_bool")]
    offline: Option<bool>,
    /// Why it is offline only.
    #[serde(default, deserialize_with = "opt_string")]
    offline_reason: Option<String>,
}

/// `bigcommerce_refunds_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<RefundsInput, RefundsOutput>("bigcommerce_refunds_list")
        .title("List refunds")
        .description("Lists refunds, for one order or a date range, one page at a time.")
        .scopes([scopes::ORDERS_READ])
        .build();
    tool(spec, state, handle_refunds)
}

fn handle_refunds<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: RefundsInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let query = Query::new()
            .opt("order_id:in", input.order_id)
            .opt("created:min", input.created_from)
            .opt("created:max", input.created_to)
            .paging(paging);
        let endpoint = Endpoint::v3(["orders", "payment_actions", "refunds"], "refunds");
        let page = state
            .client
            .list::<Refund>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&RefundsOutput {
            refunds: page.items,
            page: info,
        })
    })
}

/// `bigcommerce_refunds_quote`.
pub(crate) fn quote(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<QuoteInput, Quote>("bigcommerce_refunds_quote")
        .title("Quote a refund")
        .description(
            "Calculates what refunding the given items would cost (amount, tax, rounding) and which refund methods are available. Creates no refund and changes nothing.",
        )
        .scopes([scopes::TRANSACTIONS])
        .build();
    tool(spec, state, handle_quote)
}

fn quote_item(item: QuoteItem) -> Result<QuoteItemPost, BcError> {
    let kind = item.item_type;
    let wrong =
        |what: &str| BcError::Invalid(format!("refund quote item {}: {what}", item.item_id));
    let (quantity, amount) = match (kind.by_quantity(), item.quantity, item.amount) {
        (true, Some(q), None) => (Some(q), None),
        (false, None, Some(a)) => (None, Some(decimal_number("amount", &a)?)),
        (true, _, _) => {
            return Err(wrong(
                "PRODUCT and GIFT_WRAPPING need `quantity` and no `amount`",
            ));
        }
        (false, _, _) => return Err(wrong("this item type needs `amount` and no `quantity`")),
    };
    Ok(QuoteItemPost {
        item_type: kind,
        item_id: item.item_id,
        quantity,
        amount,
    })
}

fn handle_quote<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: QuoteInput = call.input()?;
        let items = input
            .items
            .into_iter()
            .map(quote_item)
            .collect::<Result<Vec<_>, _>>()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let id = input.order_id;
        let endpoint = Endpoint::v3(
            [
                "orders".to_owned(),
                id.to_string(),
                "payment_actions".to_owned(),
                "refund_quotes".to_owned(),
            ],
            &format!("order {id}"),
        );
        let quote: Quote = state
            .client
            .send(
                call.ctx,
                &creds,
                Verb::PostCalculation,
                &endpoint,
                &QuotePost { items },
                Shape::Data,
            )
            .await?;
        ToolOutput::new(&quote)
    })
}

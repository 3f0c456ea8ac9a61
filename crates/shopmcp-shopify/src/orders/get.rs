//! `shopify_orders_get`: one order with line items, totals, fulfillments and refunds.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolError, ToolOutput, ToolSpec, Untrusted};

use super::parts::{Fulfillment, LineItem, Refund, WireFulfillment, WireLineItem, WireRefund};
use super::{CustomerRef, WireCustomerRef};
use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::Document;
use crate::shared::{Built, Shared, tool, with_customer_scope};
use crate::types::{Address, Connection, Money, WireAddress, WireMoneyBag, money, untrusted};

pub(crate) const ORDER_GET: Document = Document::admin_query(
    "OrderGet",
    r"query OrderGet($id: ID!, $pii: Boolean!) {
  order(id: $id) {
    id
    name
    createdAt
    updatedAt
    processedAt
    cancelledAt
    cancelReason
    closedAt
    displayFinancialStatus
    displayFulfillmentStatus
    note
    tags
    test
    subtotalPriceSet {
      ...ShopMoney
    }
    totalDiscountsSet {
      ...ShopMoney
    }
    totalShippingPriceSet {
      ...ShopMoney
    }
    totalTaxSet {
      ...ShopMoney
    }
    totalPriceSet {
      ...ShopMoney
    }
    currentTotalPriceSet {
      ...ShopMoney
    }
    totalRefundedSet {
      ...ShopMoney
    }
    totalOutstandingSet {
      ...ShopMoney
    }
    lineItems(first: 100) {
      nodes {
        id
        title
        variantTitle
        sku
        quantity
        currentQuantity
        originalUnitPriceSet {
          ...ShopMoney
        }
        discountedTotalSet {
          ...ShopMoney
        }
        variant {
          id
        }
      }
      pageInfo {
        hasNextPage
      }
    }
    fulfillments(first: 20) {
      id
      name
      status
      displayStatus
      createdAt
      trackingInfo(first: 5) {
        company
        number
        url
      }
    }
    refunds(first: 20) {
      id
      createdAt
      note
      totalRefundedSet {
        ...ShopMoney
      }
    }
    email @include(if: $pii)
    phone @include(if: $pii)
    customer @include(if: $pii) {
      id
      displayName
    }
    shippingAddress @include(if: $pii) {
      formatted(withName: true, withCompany: true)
      countryCodeV2
    }
    billingAddress @include(if: $pii) {
      formatted(withName: true, withCompany: true)
      countryCodeV2
    }
  }
}

fragment ShopMoney on MoneyBag {
  shopMoney {
    amount
    currencyCode
  }
}",
);

/// Which order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Order GID (`gid://shopify/Order/…`) or numeric id.
    #[schemars(length(min = 1, max = 64))]
    order_id: String,
}

/// Order totals in the shop currency.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Totals {
    /// Subtotal of line items after discounts.
    subtotal: Option<Money>,
    /// Discounts.
    discounts: Option<Money>,
    /// Shipping.
    shipping: Money,
    /// Taxes.
    tax: Option<Money>,
    /// The original total.
    total: Money,
    /// The total after edits and refunds.
    current_total: Money,
    /// Refunded so far.
    refunded: Money,
    /// Still to be paid.
    outstanding: Money,
}

/// One order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Order GID.
    id: String,
    /// Order name.
    name: String,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// When it was processed.
    processed_at: String,
    /// When it was cancelled.
    cancelled_at: Option<String>,
    /// Why it was cancelled.
    cancel_reason: Option<String>,
    /// When it was closed.
    closed_at: Option<String>,
    /// Financial status.
    financial_status: Option<String>,
    /// Fulfillment status.
    fulfillment_status: String,
    /// The order note (may come from the customer).
    note: Option<Untrusted>,
    /// Tags.
    tags: Vec<String>,
    /// Whether it is a test order.
    test: bool,
    /// Totals.
    totals: Totals,
    /// Line items (first 100).
    line_items: Vec<LineItem>,
    /// Whether the order has more than 100 line items.
    more_line_items: bool,
    /// Fulfillments.
    fulfillments: Vec<Fulfillment>,
    /// Refunds.
    refunds: Vec<Refund>,
    /// Customer e-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Customer phone (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    /// The customer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<CustomerRef>,
    /// Shipping address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    shipping_address: Option<Address>,
    /// Billing address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    billing_address: Option<Address>,
}

#[derive(Deserialize)]
pub(crate) struct Data {
    order: Option<WireOrder>,
}

/// The tool's output for `ORDER_GET` data (before personal data is filtered); `id` names a
/// missing order.
pub(crate) fn output(data: Data, id: &str) -> Result<Output, ToolError> {
    let order = data
        .order
        .ok_or_else(|| ShopifyError::NotFound(format!("order {id}")))?;
    Ok(Output::from(order))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireOrder {
    id: String,
    name: String,
    created_at: String,
    updated_at: String,
    processed_at: String,
    cancelled_at: Option<String>,
    cancel_reason: Option<String>,
    closed_at: Option<String>,
    display_financial_status: Option<String>,
    display_fulfillment_status: String,
    note: Option<String>,
    tags: Vec<String>,
    test: bool,
    subtotal_price_set: Option<WireMoneyBag>,
    total_discounts_set: Option<WireMoneyBag>,
    total_shipping_price_set: WireMoneyBag,
    total_tax_set: Option<WireMoneyBag>,
    total_price_set: WireMoneyBag,
    current_total_price_set: WireMoneyBag,
    total_refunded_set: WireMoneyBag,
    total_outstanding_set: WireMoneyBag,
    line_items: Connection<WireLineItem>,
    fulfillments: Vec<WireFulfillment>,
    refunds: Vec<WireRefund>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    customer: Option<WireCustomerRef>,
    #[serde(default)]
    shipping_address: Option<WireAddress>,
    #[serde(default)]
    billing_address: Option<WireAddress>,
}

impl From<WireOrder> for Output {
    fn from(o: WireOrder) -> Self {
        let more_line_items = o.line_items.truncated();
        Self {
            id: o.id,
            name: o.name,
            created_at: o.created_at,
            updated_at: o.updated_at,
            processed_at: o.processed_at,
            cancelled_at: o.cancelled_at,
            cancel_reason: o.cancel_reason,
            closed_at: o.closed_at,
            financial_status: o.display_financial_status,
            fulfillment_status: o.display_fulfillment_status,
            note: untrusted(o.note),
            tags: o.tags,
            test: o.test,
            totals: Totals {
                subtotal: money(o.subtotal_price_set),
                discounts: money(o.total_discounts_set),
                shipping: o.total_shipping_price_set.into(),
                tax: money(o.total_tax_set),
                total: o.total_price_set.into(),
                current_total: o.current_total_price_set.into(),
                refunded: o.total_refunded_set.into(),
                outstanding: o.total_outstanding_set.into(),
            },
            line_items: o.line_items.nodes.into_iter().map(Into::into).collect(),
            more_line_items,
            fulfillments: o.fulfillments.into_iter().map(Into::into).collect(),
            refunds: o.refunds.into_iter().map(Into::into).collect(),
            email: o.email,
            phone: o.phone,
            customer: o.customer.map(Into::into),
            shipping_address: o.shipping_address.map(Into::into),
            billing_address: o.billing_address.map(Into::into),
        }
    }
}

pub(crate) fn get(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_orders_get", Platform::Shopify)
        .title("Get an order")
        .description(
            "Returns one order: status, note, tags, totals, line items (first 100), \
             fulfillments with tracking, and a summary of refunds.",
        )
        .scopes(with_customer_scope(shared, &["read_orders"]));
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Order", "order_id", &input.order_id)?;
        let variables = json!({"id": id, "pii": shared.options.customer_pii});
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &ORDER_GET, variables)
            .await?;
        let mut out = output(data, &id)?;
        out.email = shared.pii(out.email.take());
        out.phone = shared.pii(out.phone.take());
        out.customer = shared.pii(out.customer.take());
        out.shipping_address = shared.pii(out.shipping_address.take());
        out.billing_address = shared.pii(out.billing_address.take());
        ToolOutput::new(&out)
    })
}

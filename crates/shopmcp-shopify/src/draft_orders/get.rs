//! `shopify_draft_orders_get`: one draft order with its lines and totals.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::Document;
use crate::orders::{CustomerRef, WireCustomerRef};
use crate::shared::{Built, Shared, tool, with_customer_scope};
use crate::types::{Address, Connection, Money, WireAddress, WireMoneyBag, WireRef, untrusted};

pub(crate) const DRAFT_ORDER_GET: Document = Document::admin_query(
    "DraftOrderGet",
    r"query DraftOrderGet($id: ID!, $pii: Boolean!) {
  draftOrder(id: $id) {
    id
    name
    status
    createdAt
    updatedAt
    completedAt
    invoiceSentAt
    note2
    tags
    taxExempt
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
    lineItems(first: 100) {
      nodes {
        id
        title
        variantTitle
        sku
        quantity
        custom
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
  }
}

fragment ShopMoney on MoneyBag {
  shopMoney {
    amount
    currencyCode
  }
}",
);

/// Which draft order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Draft order GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    draft_order_id: String,
}

/// One line of a draft order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Line {
    /// Line GID.
    id: String,
    /// Title.
    title: String,
    /// Variant title.
    variant_title: Option<String>,
    /// SKU.
    sku: Option<String>,
    /// Quantity.
    quantity: i64,
    /// Whether it is a custom line (no product).
    custom: bool,
    /// Unit price before discounts.
    unit_price: Money,
    /// Line total after discounts.
    discounted_total: Money,
    /// Variant GID.
    variant_id: Option<String>,
}

/// One draft order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Draft order GID.
    id: String,
    /// Name.
    name: String,
    /// Status.
    status: String,
    /// Note (may come from the customer).
    note: Option<Untrusted>,
    /// Tags.
    tags: Vec<String>,
    /// Whether taxes are waived.
    tax_exempt: bool,
    /// Subtotal.
    subtotal: Money,
    /// Discounts.
    discounts: Money,
    /// Shipping.
    shipping: Money,
    /// Taxes.
    tax: Money,
    /// Total.
    total: Money,
    /// Lines (first 100).
    lines: Vec<Line>,
    /// Whether there are more than 100 lines.
    more_lines: bool,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// When it was completed.
    completed_at: Option<String>,
    /// When the invoice was sent.
    invoice_sent_at: Option<String>,
    /// E-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Phone (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    /// The customer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<CustomerRef>,
    /// Shipping address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    shipping_address: Option<Address>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    draft_order: Option<WireDraftOrder>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireDraftOrder {
    id: String,
    name: String,
    status: String,
    created_at: String,
    updated_at: String,
    completed_at: Option<String>,
    invoice_sent_at: Option<String>,
    note2: Option<String>,
    tags: Vec<String>,
    tax_exempt: bool,
    subtotal_price_set: WireMoneyBag,
    total_discounts_set: WireMoneyBag,
    total_shipping_price_set: WireMoneyBag,
    total_tax_set: WireMoneyBag,
    total_price_set: WireMoneyBag,
    line_items: Connection<WireLine>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    customer: Option<WireCustomerRef>,
    #[serde(default)]
    shipping_address: Option<WireAddress>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireLine {
    id: String,
    title: String,
    variant_title: Option<String>,
    sku: Option<String>,
    quantity: i64,
    custom: bool,
    original_unit_price_set: WireMoneyBag,
    discounted_total_set: WireMoneyBag,
    variant: Option<WireRef>,
}

impl From<WireDraftOrder> for Output {
    fn from(d: WireDraftOrder) -> Self {
        let more_lines = d.line_items.truncated();
        Self {
            id: d.id,
            name: d.name,
            status: d.status,
            note: untrusted(d.note2),
            tags: d.tags,
            tax_exempt: d.tax_exempt,
            subtotal: d.subtotal_price_set.into(),
            discounts: d.total_discounts_set.into(),
            shipping: d.total_shipping_price_set.into(),
            tax: d.total_tax_set.into(),
            total: d.total_price_set.into(),
            lines: d
                .line_items
                .nodes
                .into_iter()
                .map(|l| Line {
                    id: l.id,
                    title: l.title,
                    variant_title: l.variant_title,
                    sku: l.sku,
                    quantity: l.quantity,
                    custom: l.custom,
                    unit_price: l.original_unit_price_set.into(),
                    discounted_total: l.discounted_total_set.into(),
                    variant_id: l.variant.map(|v| v.id),
                })
                .collect(),
            more_lines,
            created_at: d.created_at,
            updated_at: d.updated_at,
            completed_at: d.completed_at,
            invoice_sent_at: d.invoice_sent_at,
            email: d.email,
            phone: d.phone,
            customer: d.customer.map(Into::into),
            shipping_address: d.shipping_address.map(Into::into),
        }
    }
}

pub(crate) fn get(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_draft_orders_get", Platform::Shopify)
        .title("Get a draft order")
        .description("Returns one draft order: status, note, tags, totals and lines (first 100).")
        .scopes(with_customer_scope(shared, &["read_draft_orders"]));
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("DraftOrder", "draft_order_id", &input.draft_order_id)?;
        let variables = json!({"id": id, "pii": shared.options.customer_pii});
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &DRAFT_ORDER_GET, variables)
            .await?;
        let d = data
            .draft_order
            .ok_or_else(|| ShopifyError::NotFound(format!("draft order {id}")))?;
        let mut out = Output::from(d);
        out.email = shared.pii(out.email.take());
        out.phone = shared.pii(out.phone.take());
        out.customer = shared.pii(out.customer.take());
        out.shipping_address = shared.pii(out.shipping_address.take());
        ToolOutput::new(&out)
    })
}

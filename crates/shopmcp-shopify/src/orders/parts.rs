//! The parts of an order `shopify_orders_get` returns: line items, fulfillments with
//! tracking, refunds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::Untrusted;

use crate::types::{Money, WireMoneyBag, WireRef, untrusted};

/// One line item.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct LineItem {
    /// Line item GID.
    id: String,
    /// Product title.
    title: String,
    /// Variant title.
    variant_title: Option<String>,
    /// SKU.
    sku: Option<String>,
    /// Quantity ordered.
    quantity: i64,
    /// Quantity after removals and refunds.
    current_quantity: i64,
    /// Unit price before discounts.
    unit_price: Money,
    /// Line total after discounts.
    discounted_total: Money,
    /// Variant GID, if the variant still exists.
    variant_id: Option<String>,
}

/// Tracking of a fulfillment.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Tracking {
    /// Carrier.
    company: Option<String>,
    /// Tracking number.
    number: Option<String>,
    /// Tracking page.
    url: Option<String>,
}

/// One fulfillment.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Fulfillment {
    /// Fulfillment GID.
    id: String,
    /// Name, e.g. `#1001-F1`.
    name: String,
    /// Status.
    status: String,
    /// Delivery status shown to the merchant.
    display_status: Option<String>,
    /// When it was created.
    created_at: String,
    /// Tracking.
    tracking: Vec<Tracking>,
}

/// One refund.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Refund {
    /// Refund GID.
    id: String,
    /// When it was created.
    created_at: Option<String>,
    /// Amount refunded.
    amount: Money,
    /// Staff note.
    note: Option<Untrusted>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireLineItem {
    id: String,
    title: String,
    variant_title: Option<String>,
    sku: Option<String>,
    quantity: i64,
    current_quantity: i64,
    original_unit_price_set: WireMoneyBag,
    discounted_total_set: WireMoneyBag,
    variant: Option<WireRef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireFulfillment {
    id: String,
    name: String,
    status: String,
    display_status: Option<String>,
    created_at: String,
    tracking_info: Vec<WireTracking>,
}

#[derive(Deserialize)]
pub(crate) struct WireTracking {
    company: Option<String>,
    number: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireRefund {
    id: String,
    created_at: Option<String>,
    note: Option<String>,
    total_refunded_set: WireMoneyBag,
}

impl From<WireLineItem> for LineItem {
    fn from(l: WireLineItem) -> Self {
        Self {
            id: l.id,
            title: l.title,
            variant_title: l.variant_title,
            sku: l.sku,
            quantity: l.quantity,
            current_quantity: l.current_quantity,
            unit_price: l.original_unit_price_set.into(),
            discounted_total: l.discounted_total_set.into(),
            variant_id: l.variant.map(|v| v.id),
        }
    }
}

impl From<WireTracking> for Tracking {
    fn from(t: WireTracking) -> Self {
        Self {
            company: t.company,
            number: t.number,
            url: t.url,
        }
    }
}

impl From<WireFulfillment> for Fulfillment {
    fn from(f: WireFulfillment) -> Self {
        Self {
            id: f.id,
            name: f.name,
            status: f.status,
            display_status: f.display_status,
            created_at: f.created_at,
            tracking: f.tracking_info.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<WireRefund> for Refund {
    fn from(r: WireRefund) -> Self {
        Self {
            id: r.id,
            created_at: r.created_at,
            amount: r.total_refunded_set.into(),
            note: untrusted(r.note),
        }
    }
}

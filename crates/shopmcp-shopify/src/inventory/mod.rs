//! Inventory: levels by SKU and/or location; adjust by a delta and set quantities (W2).
//!
//! Both writes carry Shopify's required `@idempotent(key:)` directive with the call's request
//! id (the same id as the audit event), and a `referenceDocumentUri` naming the call, so the
//! merchant's inventory history shows where a change came from.

mod adjust;
mod levels;
mod set;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::CallContext;

pub(crate) use adjust::{INVENTORY_ADJUST, adjust};
pub(crate) use levels::{INVENTORY_AT_LOCATION, INVENTORY_BY_SKU, levels};
pub(crate) use set::{INVENTORY_SET, set};

use crate::types::WireRef;

/// Why stock changes: the reasons Shopify accepts for manual adjustments.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Reason {
    /// Corrects a counting or data error.
    Correction,
    /// A cycle count found a different quantity.
    CycleCountAvailable,
    /// Units were damaged.
    Damaged,
    /// Units used for a promotion or donation.
    Promotion,
    /// Units held for quality control.
    QualityControl,
    /// Stock was received.
    Received,
    /// Returned units put back for sale.
    Restock,
    /// Units kept as safety stock.
    SafetyStock,
    /// Units lost or stolen.
    Shrinkage,
    /// Another reason.
    Other,
}

impl Reason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Correction => "correction",
            Self::CycleCountAvailable => "cycle_count_available",
            Self::Damaged => "damaged",
            Self::Promotion => "promotion",
            Self::QualityControl => "quality_control",
            Self::Received => "received",
            Self::Restock => "restock",
            Self::SafetyStock => "safety_stock",
            Self::Shrinkage => "shrinkage",
            Self::Other => "other",
        }
    }
}

/// The idempotency key and reference URI of a write: both name the call.
pub(crate) fn call_reference(ctx: &CallContext) -> (String, String) {
    let id = ctx.request_id().to_string();
    let uri = format!("gid://shopmcp/ToolCall/{id}");
    (id, uri)
}

/// One change of an inventory write.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Change {
    /// Quantity name (`available`, `on_hand`…).
    name: String,
    /// The change.
    delta: i64,
    /// The quantity after the change.
    quantity_after: Option<i64>,
    /// Inventory item GID.
    inventory_item_id: Option<String>,
    /// Location GID.
    location_id: Option<String>,
}

/// The result of an inventory write.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Adjustment group GID.
    adjustment_id: String,
    /// When it was applied.
    created_at: String,
    /// The reason recorded.
    reason: String,
    /// The changes.
    changes: Vec<Change>,
}

/// `InventoryAdjustmentGroup` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireGroup {
    id: String,
    created_at: String,
    reason: String,
    changes: Vec<WireChange>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireChange {
    name: String,
    delta: i64,
    quantity_after_change: Option<i64>,
    item: Option<WireRef>,
    location: Option<WireRef>,
}

impl From<WireGroup> for Output {
    fn from(g: WireGroup) -> Self {
        Self {
            adjustment_id: g.id,
            created_at: g.created_at,
            reason: g.reason,
            changes: g
                .changes
                .into_iter()
                .map(|c| Change {
                    name: c.name,
                    delta: c.delta,
                    quantity_after: c.quantity_after_change,
                    inventory_item_id: c.item.map(|i| i.id),
                    location_id: c.location.map(|l| l.id),
                })
                .collect(),
        }
    }
}

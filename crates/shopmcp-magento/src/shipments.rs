//! Shipments: search, get, and create with tracking (W3, customer notification off by default).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use shopmcp_core::{
    HandlerFuture, Platform, RiskTier, SpecError, ToolCall, ToolError, ToolOutput, ToolSpec,
};

use crate::MagentoClient;
use crate::error::MagentoError;
use crate::routes::Admin;
use crate::search::{Criteria, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{Amount, decimal_number, null_as_default};

/// ACL resource for reading shipments.
pub(crate) const ACL: &str = "Magento_Sales::shipment";
/// ACL resource for creating shipments.
pub(crate) const ACL_SHIP: &str = "Magento_Sales::ship";

search_fields! {
    /// A shipment field to filter on.
    ShipmentField {
        /// Shipment id.
        EntityId = "entity_id" (Integer),
        /// Shipment number.
        IncrementId = "increment_id" (Text),
        /// Order id.
        OrderId = "order_id" (Integer),
        /// Created at (UTC).
        CreatedAt = "created_at" (Date),
        /// Last update (UTC).
        UpdatedAt = "updated_at" (Date),
    }
}

search_fields! {
    /// A shipment field to sort by.
    ShipmentSort {
        /// Shipment id.
        EntityId = "entity_id" (Integer),
        /// Created at.
        CreatedAt = "created_at" (Date),
    }
}

/// Arguments naming one shipment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShipmentIdInput {
    /// The shipment id (`entity_id`).
    #[schemars(range(min = 1))]
    shipment_id: u64,
}

#[derive(Debug, Deserialize)]
struct Line {
    order_item_id: Option<u64>,
    sku: Option<String>,
    name: Option<String>,
    qty: Option<Amount>,
}

#[derive(Debug, Deserialize)]
struct Track {
    carrier_code: Option<String>,
    title: Option<String>,
    track_number: Option<String>,
    created_at: Option<String>,
}

/// `sales-data-shipment-interface`, the fields the tools use.
#[derive(Debug, Deserialize)]
struct Shipment {
    entity_id: Option<u64>,
    increment_id: Option<String>,
    order_id: Option<u64>,
    created_at: Option<String>,
    updated_at: Option<String>,
    total_qty: Option<Amount>,
    #[serde(default, deserialize_with = "null_as_default")]
    items: Vec<Line>,
    #[serde(default, deserialize_with = "null_as_default")]
    tracks: Vec<Track>,
}

/// A shipped line.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct LineOut {
    /// The order line.
    order_item_id: Option<u64>,
    /// SKU.
    sku: Option<String>,
    /// Name.
    name: Option<String>,
    /// Quantity shipped.
    qty: Option<Amount>,
}

/// A tracking number.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TrackOut {
    /// Carrier code.
    carrier_code: Option<String>,
    /// Carrier title.
    title: Option<String>,
    /// Tracking number.
    track_number: Option<String>,
    /// Added at (UTC).
    created_at: Option<String>,
}

/// A shipment.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ShipmentOut {
    /// Shipment id.
    id: Option<u64>,
    /// Shipment number.
    increment_id: Option<String>,
    /// Order id.
    order_id: Option<u64>,
    /// Created at (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
    /// Units shipped.
    total_qty: Option<Amount>,
    /// Lines.
    items: Vec<LineOut>,
    /// Tracking numbers.
    tracks: Vec<TrackOut>,
}

impl From<Shipment> for ShipmentOut {
    fn from(s: Shipment) -> Self {
        Self {
            id: s.entity_id,
            increment_id: s.increment_id,
            order_id: s.order_id,
            created_at: s.created_at,
            updated_at: s.updated_at,
            total_qty: s.total_qty,
            items: s
                .items
                .into_iter()
                .map(|l| LineOut {
                    order_item_id: l.order_item_id,
                    sku: l.sku,
                    name: l.name,
                    qty: l.qty,
                })
                .collect(),
            tracks: s
                .tracks
                .into_iter()
                .map(|t| TrackOut {
                    carrier_code: t.carrier_code,
                    title: t.title,
                    track_number: t.track_number,
                    created_at: t.created_at,
                })
                .collect(),
        }
    }
}

type ShipmentSearch = SearchInput<ShipmentField, ShipmentSort>;

pub(crate) fn search_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<ShipmentSearch, SearchOutput<ShipmentOut>>(
        "magento_shipments_search",
        Platform::Magento,
    )
    .title("Search shipments")
    .description(
        "Searches shipments (with their tracking numbers) with up to 5 filters (AND: order id, \
         number, dates), one sort field and one page of at most 50.",
    )
    .scopes([ACL])
    .build()
}

pub(crate) fn search<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ShipmentSearch = call.input()?;
        let criteria = Criteria::search(&input, false)?;
        let result: SearchResult<Shipment> = client
            .admin(&call, Admin::Shipments, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(
            result,
            &criteria,
            ShipmentOut::from,
        ))
    })
}

pub(crate) fn get_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<ShipmentIdInput, ShipmentOut>("magento_shipments_get", Platform::Magento)
        .title("Get a shipment")
        .description("Reads one shipment by id: its lines and tracking numbers.")
        .scopes([ACL])
        .build()
}

pub(crate) fn get<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<ShipmentIdInput>()?.shipment_id;
        let shipment: Shipment = client.admin(&call, Admin::Shipment(id), &[], None).await?;
        ToolOutput::new(&ShipmentOut::from(shipment))
    })
}

/// One order line to ship.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShipItem {
    /// The order line (`item_id` from `magento_orders_get`).
    #[schemars(range(min = 1))]
    order_item_id: u64,
    /// Quantity to ship (decimal string, more than zero).
    #[schemars(extend("format" = "decimal"))]
    qty: String,
}

/// One tracking number.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrackIn {
    /// Carrier code: `ups`, `usps`, `fedex`, `dhl`, `custom` or another installed carrier.
    #[schemars(length(min = 1, max = 32))]
    carrier_code: String,
    /// Carrier title shown with the number.
    #[schemars(length(min = 1, max = 255))]
    title: String,
    /// The tracking number.
    #[schemars(length(min = 1, max = 255))]
    track_number: String,
}

/// Arguments of `magento_shipments_create`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShipInput {
    /// The order id (`entity_id`).
    #[schemars(range(min = 1))]
    order_id: u64,
    /// A key you choose for this shipment; repeating it never ships twice.
    #[schemars(length(min = 8, max = 128))]
    #[allow(
        dead_code,
        reason = "read by the pipeline's idempotency stage, not the handler"
    )]
    idempotency_key: String,
    /// Lines and quantities to ship; leave out to ship everything not shipped yet.
    #[serde(default)]
    #[schemars(length(max = 100))]
    items: Vec<ShipItem>,
    /// Tracking numbers (at most 10).
    #[serde(default)]
    #[schemars(length(max = 10))]
    tracks: Vec<TrackIn>,
    /// E-mail the customer about the shipment (default false).
    #[serde(default)]
    notify_customer: bool,
}

/// The shipment created.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ShipOut {
    /// The order.
    order_id: u64,
    /// The new shipment's id.
    shipment_id: u64,
    /// Whether the customer was asked to be e-mailed.
    customer_notified: bool,
}

pub(crate) fn create_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::write::<ShipInput, ShipOut>(
        "magento_shipments_create",
        Platform::Magento,
        RiskTier::W3,
    )
    .title("Ship an order")
    .description(
        "Creates a shipment for one order (all remaining lines, or the lines and quantities \
             given) with tracking numbers. The customer is e-mailed only if notify_customer is \
             true. Cannot be undone; needs a human confirmation.",
    )
    .scopes([ACL_SHIP])
    .identifiers(["order_id"])
    .writable(["items", "tracks", "notify_customer"])
    .build()
}

fn ship_body(input: &ShipInput) -> Result<Value, ToolError> {
    let mut body = Map::new();
    if !input.items.is_empty() {
        let mut items = Vec::with_capacity(input.items.len());
        for i in &input.items {
            let qty = decimal_number("qty", &i.qty, true)?;
            items.push(json!({"order_item_id": i.order_item_id, "qty": qty}));
        }
        body.insert("items".into(), Value::Array(items));
    }
    body.insert("notify".into(), json!(input.notify_customer));
    if !input.tracks.is_empty() {
        let mut tracks = Vec::with_capacity(input.tracks.len());
        for t in &input.tracks {
            let valid = t
                .carrier_code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !valid {
                return Err(MagentoError::CarrierCode.into());
            }
            tracks.push(json!({
                "track_number": t.track_number,
                "title": t.title,
                "carrier_code": t.carrier_code,
            }));
        }
        body.insert("tracks".into(), Value::Array(tracks));
    }
    Ok(Value::Object(body))
}

pub(crate) fn create<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ShipInput = call.input()?;
        let body = ship_body(&input)?;
        let route = Admin::OrderShip(input.order_id);
        let shipment_id: u64 = client.admin(&call, route, &[], Some(&body)).await?;
        ToolOutput::new(&ShipOut {
            order_id: input.order_id,
            shipment_id,
            customer_notified: input.notify_customer,
        })
    })
}

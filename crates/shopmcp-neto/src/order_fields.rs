//! What the order tools request from `GetOrder` and how they read it; the order statuses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::Untrusted;

use crate::common::address_block;
use crate::wire::{date_opt, decimal_opt, int_opt, one_or_many, text_opt};

/// Fields `neto_orders_list` requests.
pub(crate) const LIST_SELECT: &[&str] = &[
    "OrderID",
    "OrderStatus",
    "DatePlaced",
    "DateUpdated",
    "GrandTotal",
    "Username",
    "SalesChannel",
];

/// Personal fields `neto_orders_list` adds when customer PII is enabled.
pub(crate) const LIST_PII: &[&str] = &["Email", "BillFirstName", "BillLastName"];

/// Fields `neto_orders_get` requests.
pub(crate) const GET_SELECT: &[&str] = &[
    "OrderID",
    "OrderStatus",
    "DatePlaced",
    "DateUpdated",
    "DatePaid",
    "CompleteStatus",
    "Username",
    "SalesChannel",
    "GrandTotal",
    "ProductSubtotal",
    "ShippingTotal",
    "OrderTax",
    "ShippingOption",
    "DeliveryInstruction",
    "OrderLine",
    "OrderLine.SKU",
    "OrderLine.ProductName",
    "OrderLine.Quantity",
    "OrderLine.UnitPrice",
    "OrderLine.QuantityShipped",
    "OrderLine.ShippingMethod",
    "OrderLine.ShippingTracking",
    "OrderLine.WarehouseID",
    "StickyNotes",
];

/// Personal fields `neto_orders_get` adds when customer PII is enabled.
pub(crate) const GET_PII: &[&str] = &[
    "Email",
    "ShipFirstName",
    "ShipLastName",
    "ShipCompany",
    "ShipStreetLine1",
    "ShipStreetLine2",
    "ShipCity",
    "ShipState",
    "ShipPostCode",
    "ShipCountry",
    "ShipPhone",
    "BillFirstName",
    "BillLastName",
    "BillCompany",
    "BillStreetLine1",
    "BillStreetLine2",
    "BillCity",
    "BillState",
    "BillPostCode",
    "BillCountry",
    "BillPhone",
];

/// An order status, as Neto names it (NetoDotNET `OrderStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub(crate) enum OrderStatus {
    /// A quote.
    Quote,
    /// New.
    New,
    /// New, on backorder.
    #[serde(rename = "New Backorder")]
    NewBackorder,
    /// Backorder approved.
    #[serde(rename = "Backorder Approved")]
    BackorderApproved,
    /// Being picked.
    Pick,
    /// Being packed.
    Pack,
    /// Waiting for the customer to pick it up.
    #[serde(rename = "Pending Pickup")]
    PendingPickup,
    /// Waiting for dispatch.
    #[serde(rename = "Pending Dispatch")]
    PendingDispatch,
    /// Dispatched.
    Dispatched,
    /// Cancelled.
    Cancelled,
    /// Uncommitted.
    Uncommitted,
    /// On hold.
    #[serde(rename = "On Hold")]
    OnHold,
}

/// One order in a `GetOrder` listing.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoOrderRow {
    #[serde(rename = "OrderID", default, deserialize_with = "text_opt")]
    pub(crate) order_id: Option<String>,
    #[serde(rename = "OrderStatus", default, deserialize_with = "text_opt")]
    pub(crate) status: Option<String>,
    #[serde(rename = "DatePlaced", default, deserialize_with = "date_opt")]
    pub(crate) date_placed: Option<String>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    pub(crate) date_updated: Option<String>,
    #[serde(rename = "GrandTotal", default, deserialize_with = "decimal_opt")]
    pub(crate) grand_total: Option<String>,
    #[serde(rename = "Username", default, deserialize_with = "text_opt")]
    pub(crate) username: Option<String>,
    #[serde(rename = "SalesChannel", default, deserialize_with = "text_opt")]
    pub(crate) sales_channel: Option<String>,
    #[serde(rename = "Email", default, deserialize_with = "text_opt")]
    pub(crate) email: Option<String>,
    #[serde(rename = "BillFirstName", default, deserialize_with = "text_opt")]
    pub(crate) bill_first_name: Option<String>,
    #[serde(rename = "BillLastName", default, deserialize_with = "text_opt")]
    pub(crate) bill_last_name: Option<String>,
}

/// One order as `GetOrder` returns it for [`GET_SELECT`] (and [`GET_PII`]).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoOrder {
    #[serde(rename = "OrderID", default, deserialize_with = "text_opt")]
    pub(crate) order_id: Option<String>,
    #[serde(rename = "OrderStatus", default, deserialize_with = "text_opt")]
    pub(crate) status: Option<String>,
    #[serde(rename = "DatePlaced", default, deserialize_with = "date_opt")]
    pub(crate) date_placed: Option<String>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    pub(crate) date_updated: Option<String>,
    #[serde(rename = "DatePaid", default, deserialize_with = "date_opt")]
    pub(crate) date_paid: Option<String>,
    #[serde(rename = "CompleteStatus", default, deserialize_with = "text_opt")]
    pub(crate) complete_status: Option<String>,
    #[serde(rename = "Username", default, deserialize_with = "text_opt")]
    pub(crate) username: Option<String>,
    #[serde(rename = "SalesChannel", default, deserialize_with = "text_opt")]
    pub(crate) sales_channel: Option<String>,
    #[serde(rename = "GrandTotal", default, deserialize_with = "decimal_opt")]
    pub(crate) grand_total: Option<String>,
    #[serde(rename = "ProductSubtotal", default, deserialize_with = "decimal_opt")]
    pub(crate) product_subtotal: Option<String>,
    #[serde(rename = "ShippingTotal", default, deserialize_with = "decimal_opt")]
    pub(crate) shipping_total: Option<String>,
    #[serde(rename = "OrderTax", default, deserialize_with = "decimal_opt")]
    pub(crate) order_tax: Option<String>,
    #[serde(rename = "ShippingOption", default, deserialize_with = "text_opt")]
    pub(crate) shipping_option: Option<String>,
    #[serde(rename = "DeliveryInstruction", default, deserialize_with = "text_opt")]
    pub(crate) delivery_instruction: Option<String>,
    #[serde(rename = "OrderLine", default, deserialize_with = "one_or_many")]
    pub(crate) lines: Vec<NetoOrderLine>,
    #[serde(rename = "StickyNotes", default, deserialize_with = "one_or_many")]
    pub(crate) sticky_notes: Vec<NetoStickyNote>,
    #[serde(rename = "Email", default, deserialize_with = "text_opt")]
    pub(crate) email: Option<String>,
    #[serde(flatten)]
    pub(crate) ship: ShipAddress,
    #[serde(flatten)]
    pub(crate) bill: BillAddress,
}

/// One order line.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoOrderLine {
    #[serde(rename = "SKU", default, deserialize_with = "text_opt")]
    pub(crate) sku: Option<String>,
    #[serde(rename = "ProductName", default, deserialize_with = "text_opt")]
    pub(crate) product_name: Option<String>,
    #[serde(rename = "Quantity", default, deserialize_with = "int_opt")]
    pub(crate) quantity: Option<i64>,
    #[serde(rename = "UnitPrice", default, deserialize_with = "decimal_opt")]
    pub(crate) unit_price: Option<String>,
    #[serde(rename = "QuantityShipped", default, deserialize_with = "int_opt")]
    pub(crate) quantity_shipped: Option<i64>,
    #[serde(rename = "ShippingMethod", default, deserialize_with = "text_opt")]
    pub(crate) shipping_method: Option<String>,
    #[serde(rename = "ShippingTracking", default, deserialize_with = "text_opt")]
    pub(crate) tracking_number: Option<String>,
    #[serde(rename = "WarehouseID", default, deserialize_with = "int_opt")]
    pub(crate) warehouse_id: Option<i64>,
}

/// One sticky note (`StickyNotes` entry).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoStickyNote {
    #[serde(rename = "Title", default, deserialize_with = "text_opt")]
    pub(crate) title: Option<String>,
    #[serde(rename = "Description", default, deserialize_with = "text_opt")]
    pub(crate) description: Option<String>,
}

/// `Ship*` fields of an order.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct ShipAddress {
    #[serde(rename = "ShipFirstName", default, deserialize_with = "text_opt")]
    first_name: Option<String>,
    #[serde(rename = "ShipLastName", default, deserialize_with = "text_opt")]
    last_name: Option<String>,
    #[serde(rename = "ShipCompany", default, deserialize_with = "text_opt")]
    company: Option<String>,
    #[serde(rename = "ShipStreetLine1", default, deserialize_with = "text_opt")]
    street1: Option<String>,
    #[serde(rename = "ShipStreetLine2", default, deserialize_with = "text_opt")]
    street2: Option<String>,
    #[serde(rename = "ShipCity", default, deserialize_with = "text_opt")]
    city: Option<String>,
    #[serde(rename = "ShipState", default, deserialize_with = "text_opt")]
    state: Option<String>,
    #[serde(rename = "ShipPostCode", default, deserialize_with = "text_opt")]
    postcode: Option<String>,
    #[serde(rename = "ShipCountry", default, deserialize_with = "text_opt")]
    country: Option<String>,
    #[serde(rename = "ShipPhone", default, deserialize_with = "text_opt")]
    phone: Option<String>,
}

/// `Bill*` fields of an order.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct BillAddress {
    #[serde(rename = "BillFirstName", default, deserialize_with = "text_opt")]
    first_name: Option<String>,
    #[serde(rename = "BillLastName", default, deserialize_with = "text_opt")]
    last_name: Option<String>,
    #[serde(rename = "BillCompany", default, deserialize_with = "text_opt")]
    company: Option<String>,
    #[serde(rename = "BillStreetLine1", default, deserialize_with = "text_opt")]
    street1: Option<String>,
    #[serde(rename = "BillStreetLine2", default, deserialize_with = "text_opt")]
    street2: Option<String>,
    #[serde(rename = "BillCity", default, deserialize_with = "text_opt")]
    city: Option<String>,
    #[serde(rename = "BillState", default, deserialize_with = "text_opt")]
    state: Option<String>,
    #[serde(rename = "BillPostCode", default, deserialize_with = "text_opt")]
    postcode: Option<String>,
    #[serde(rename = "BillCountry", default, deserialize_with = "text_opt")]
    country: Option<String>,
    #[serde(rename = "BillPhone", default, deserialize_with = "text_opt")]
    phone: Option<String>,
}

macro_rules! block {
    ($a:expr) => {
        address_block(&[
            vec![$a.first_name.as_deref(), $a.last_name.as_deref()],
            vec![$a.company.as_deref()],
            vec![$a.street1.as_deref()],
            vec![$a.street2.as_deref()],
            vec![
                $a.city.as_deref(),
                $a.state.as_deref(),
                $a.postcode.as_deref(),
            ],
            vec![$a.country.as_deref()],
            vec![$a.phone.as_deref()],
        ])
    };
}

impl ShipAddress {
    /// The address as one untrusted block.
    pub(crate) fn block(&self) -> Option<Untrusted> {
        block!(self)
    }
}

impl BillAddress {
    /// The address as one untrusted block.
    pub(crate) fn block(&self) -> Option<Untrusted> {
        block!(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::coverage::assert_covered;

    #[test]
    fn selectors_match_what_is_read() {
        assert_covered::<NetoOrderRow>(&[LIST_SELECT, LIST_PII].concat());
        assert_covered::<NetoOrder>(&[GET_SELECT, GET_PII].concat());
    }

    #[test]
    fn statuses_use_neto_names() {
        assert_eq!(
            serde_json::to_value(OrderStatus::PendingDispatch).unwrap(),
            "Pending Dispatch"
        );
        assert_eq!(
            serde_json::to_value(OrderStatus::OnHold).unwrap(),
            "On Hold"
        );
    }
}

//! Random valid arguments for every write tool, and the keys each may put on the wire.

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use serde_json::{Map, Value, json};

use crate::common::samples::CART;

/// A write tool under test.
pub(crate) struct WriteCase {
    pub(crate) tool: &'static str,
    pub(crate) method: &'static str,
    pub(crate) path: String,
    pub(crate) answer: &'static str,
    pub(crate) status: u16,
    pub(crate) args: BoxedStrategy<Value>,
    /// The object holding the writable fields, if any.
    pub(crate) container: Option<&'static str>,
    /// A list of objects in the arguments, and the keys its items may send.
    pub(crate) list: Option<(&'static str, &'static [&'static str])>,
    /// Top-level keys the request body may have.
    pub(crate) wire: &'static [&'static str],
    /// Input keys that are legal inside the container or list items (never injected there).
    pub(crate) legal: &'static [&'static str],
}

fn decimal() -> impl Strategy<Value = String> {
    (0u32..100_000, 0u32..100).prop_map(|(i, f)| format!("{i}.{f:02}"))
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 .,-]{0,39}"
}

/// An object of the optional fields that are `Some`, with at least one present.
fn some_of(fields: Vec<(&'static str, Option<Value>)>) -> Option<Value> {
    let map: Map<String, Value> = fields
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect();
    (!map.is_empty()).then_some(Value::Object(map))
}

fn product_changes() -> BoxedStrategy<Value> {
    (
        prop::option::of(text()),
        prop::option::of(decimal()),
        prop::option::of(decimal()),
        prop::option::of(any::<bool>()),
        prop::option::of(text()),
        prop::option::of(decimal()),
    )
        .prop_filter_map("at least one change", |(n, p, s, v, d, w)| {
            some_of(vec![
                ("name", n.map(Value::from)),
                ("price", p.map(Value::from)),
                ("sale_price", s.map(Value::from)),
                ("is_visible", v.map(Value::from)),
                ("description", d.map(Value::from)),
                ("weight", w.map(Value::from)),
            ])
        })
        .boxed()
}

/// One inventory item named by exactly one identity.
fn inventory_item(min: i64, max: i64) -> impl Strategy<Value = Value> {
    (
        1u64..10,
        0u8..3,
        "[A-Z]{2,4}-[0-9]{1,4}",
        1u64..100_000,
        min..=max,
    )
        .prop_map(|(location, which, sku, id, quantity)| {
            let mut item = json!({"location_id": location, "quantity": quantity});
            let (key, value) = match which {
                0 => ("sku", Value::from(sku)),
                1 => ("variant_id", Value::from(id)),
                _ => ("product_id", Value::from(id)),
            };
            item[key] = value;
            item
        })
}

fn line_items() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (1u64..100_000, prop::option::of(1u64..100_000), 1u32..=20).prop_map(|(p, v, q)| {
            let mut item = json!({"product_id": p, "quantity": q});
            if let Some(v) = v {
                item["variant_id"] = json!(v);
            }
            item
        }),
        1..4,
    )
    .prop_map(Value::Array)
}

const INVENTORY_ITEM: &[&str] = &["location_id", "sku", "variant_id", "product_id", "quantity"];
const LINE_ITEM: &[&str] = &["product_id", "variant_id", "quantity"];
const SHIP_ITEM: &[&str] = &["order_product_id", "quantity"];

/// Every write tool of the crate.
pub(crate) fn write_cases() -> Vec<WriteCase> {
    let provider = prop::sample::select(vec!["ups", "fedex", "usps", "auspost", "royalmail"]);
    vec![
        WriteCase {
            tool: "bigcommerce_products_update",
            method: "PUT",
            path: "/v3/catalog/products/174".into(),
            answer: "product_updated.json",
            status: 200,
            args: product_changes()
                .prop_map(|c| json!({"product_id": 174, "changes": c}))
                .boxed(),
            container: Some("changes"),
            list: None,
            wire: &[
                "name",
                "price",
                "sale_price",
                "is_visible",
                "description",
                "weight",
            ],
            legal: &[
                "name",
                "price",
                "sale_price",
                "is_visible",
                "description",
                "weight",
            ],
        },
        WriteCase {
            tool: "bigcommerce_variant_prices_update",
            method: "PUT",
            path: "/v3/catalog/products/174/variants/384".into(),
            answer: "variant_updated.json",
            status: 200,
            args: (prop::option::of(decimal()), prop::option::of(decimal()))
                .prop_filter_map("a price", |(p, s)| {
                    some_of(vec![
                        ("price", p.map(Value::from)),
                        ("sale_price", s.map(Value::from)),
                    ])
                })
                .prop_map(|c| json!({"product_id": 174, "variant_id": 384, "changes": c}))
                .boxed(),
            container: Some("changes"),
            list: None,
            wire: &["price", "sale_price"],
            legal: &["price", "sale_price"],
        },
        WriteCase {
            tool: "bigcommerce_orders_update",
            method: "PUT",
            path: "/v2/orders/100".into(),
            answer: "order_updated.json",
            status: 200,
            args: (prop::option::of(0u32..=14), prop::option::of(text()))
                .prop_filter_map("a change", |(s, n)| {
                    some_of(vec![
                        ("status_id", s.map(Value::from)),
                        ("staff_notes", n.map(Value::from)),
                    ])
                })
                .prop_map(|c| json!({"order_id": 100, "changes": c}))
                .boxed(),
            container: Some("changes"),
            list: None,
            wire: &["status_id", "staff_notes"],
            legal: &["status_id", "staff_notes"],
        },
        WriteCase {
            tool: "bigcommerce_inventory_adjust",
            method: "POST",
            path: "/v3/inventory/adjustments/relative".into(),
            answer: "inventory_receipt.json",
            status: 200,
            args: (
                text(),
                prop::collection::vec(inventory_item(-500, 500), 1..4),
            )
                .prop_map(|(reason, items)| json!({"reason": reason, "items": items}))
                .boxed(),
            container: None,
            list: Some(("items", INVENTORY_ITEM)),
            wire: &["reason", "items"],
            legal: INVENTORY_ITEM,
        },
        WriteCase {
            tool: "bigcommerce_inventory_set",
            method: "PUT",
            path: "/v3/inventory/adjustments/absolute".into(),
            answer: "inventory_receipt.json",
            status: 200,
            args: (text(), prop::collection::vec(inventory_item(0, 5000), 1..4))
                .prop_map(|(reason, items)| json!({"reason": reason, "items": items}))
                .boxed(),
            container: None,
            list: Some(("items", INVENTORY_ITEM)),
            wire: &["reason", "items"],
            legal: INVENTORY_ITEM,
        },
        WriteCase {
            tool: "bigcommerce_carts_create",
            method: "POST",
            path: "/v3/carts".into(),
            answer: "cart.json",
            status: 201,
            args: line_items().prop_map(|l| json!({"line_items": l})).boxed(),
            container: None,
            list: Some(("line_items", LINE_ITEM)),
            wire: &["line_items"],
            legal: LINE_ITEM,
        },
        WriteCase {
            tool: "bigcommerce_cart_items_add",
            method: "POST",
            path: format!("/v3/carts/{CART}/items"),
            answer: "cart.json",
            status: 201,
            args: line_items()
                .prop_map(|l| json!({"cart_id": CART, "line_items": l}))
                .boxed(),
            container: None,
            list: Some(("line_items", LINE_ITEM)),
            wire: &["line_items"],
            legal: LINE_ITEM,
        },
        WriteCase {
            tool: "bigcommerce_shipments_create",
            method: "POST",
            path: "/v2/orders/100/shipments".into(),
            answer: "shipment_created.json",
            status: 201,
            args: (
                prop::collection::vec((1u64..1000, 1u32..10), 1..4),
                prop::option::of("[A-Z0-9]{8,20}"),
                prop::option::of(provider),
                prop::option::of("[a-z][a-z0-9-]{1,20}"),
                prop::option::of(text()),
            )
                .prop_map(|(items, number, provider, carrier, method)| {
                    let items: Vec<Value> = items
                        .into_iter()
                        .map(|(id, q)| json!({"order_product_id": id, "quantity": q}))
                        .collect();
                    let mut args = json!({"order_id": 100, "order_address_id": 132,
                        "items": items, "idempotency_key": "replaced-per-case"});
                    for (k, v) in [
                        ("tracking_number", number.map(Value::from)),
                        ("shipping_provider", provider.map(Value::from)),
                        ("tracking_carrier", carrier.map(Value::from)),
                        ("shipping_method", method.map(Value::from)),
                    ] {
                        if let Some(v) = v {
                            args[k] = v;
                        }
                    }
                    args
                })
                .boxed(),
            container: None,
            list: Some(("items", SHIP_ITEM)),
            wire: &[
                "order_address_id",
                "items",
                "tracking_number",
                "shipping_provider",
                "tracking_carrier",
                "shipping_method",
            ],
            legal: &[
                "order_product_id",
                "quantity",
                "tracking_number",
                "shipping_provider",
                "tracking_carrier",
                "shipping_method",
                "items",
            ],
        },
    ]
}

//! Every tool against the fake Neto: the exact request (method, path, query, headers, body)
//! and the projected output of a realistic answer, through the whole pipeline.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "requests/catalog.rs"]
mod catalog;
mod common;
#[path = "requests/customers.rs"]
mod customers;
#[path = "requests/misc.rs"]
mod misc;
#[path = "requests/orders.rs"]
mod orders;

use shopmcp_core::{Access, RiskTier};

use common::Harness;

/// The whole catalogue: names, access and the action each tool may use.
#[tokio::test]
async fn the_catalogue_is_exactly_these_tools() {
    let h = Harness::new().await;
    let mut got: Vec<(String, Access, Vec<String>)> = h
        .tools
        .iter()
        .map(|t| {
            let s = t.spec();
            (s.name().to_owned(), s.access(), s.scopes().to_vec())
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let read = Access::Read;
    let expected = [
        ("neto_abandoned_carts_list", read, "GetCart"),
        ("neto_categories_list", read, "GetCategory"),
        ("neto_customers_get", read, "GetCustomer"),
        ("neto_customers_list", read, "GetCustomer"),
        ("neto_items_get", read, "GetItem"),
        ("neto_items_list", read, "GetItem"),
        (
            "neto_items_update",
            Access::Write(RiskTier::W2),
            "UpdateItem",
        ),
        (
            "neto_order_notes_add",
            Access::Write(RiskTier::W1),
            "UpdateOrder",
        ),
        (
            "neto_order_status_update",
            Access::Write(RiskTier::W3),
            "UpdateOrder",
        ),
        ("neto_orders_get", read, "GetOrder"),
        ("neto_orders_list", read, "GetOrder"),
        ("neto_payments_list", read, "GetPayment"),
        ("neto_rmas_list", read, "GetRma"),
        ("neto_shipping_methods_list", read, "GetShippingMethods"),
        ("neto_stock_get", read, "GetItem"),
        (
            "neto_stock_update",
            Access::Write(RiskTier::W2),
            "UpdateItem",
        ),
        ("neto_vouchers_list", read, "GetVoucher"),
        ("neto_warehouses_list", read, "GetWarehouse"),
    ];
    assert_eq!(got.len(), expected.len());
    for ((name, access, scopes), (e_name, e_access, e_action)) in got.iter().zip(expected) {
        assert_eq!(name, e_name);
        assert_eq!(*access, e_access, "{name}");
        assert_eq!(scopes, &[e_action.to_owned()], "{name}");
    }
    for t in &h.tools {
        assert_eq!(t.spec().credential(), Some(shopmcp_neto::SLOT_ADMIN));
    }
}

/// Without an opt-in a workspace sees the reads only.
#[tokio::test]
async fn writes_are_absent_without_an_opt_in() {
    let h = Harness::with(common::Options {
        opt_in: shopmcp_core::WriteOptIn::none(),
        ..common::Options::default()
    })
    .await;
    let err = h
        .err(
            "neto_items_update",
            &serde_json::json!({"sku": "LSD", "changes": {"name": "x"}}),
        )
        .await;
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::UnknownTool);
    assert_eq!(h.fake.request_count(), 0);
}

/// Arguments outside the schemas are refused by the pipeline before any request.
#[tokio::test]
async fn invalid_arguments_never_reach_the_store() {
    use serde_json::json;
    let h = Harness::new().await;
    let cases = [
        ("neto_orders_list", json!({"statuses": ["Shipped"]})),
        ("neto_orders_list", json!({"placed_from": "21/11/2026"})),
        ("neto_items_list", json!({"limit": 500})),
        ("neto_items_list", json!({"page": 10001})),
        ("neto_items_get", json!({"sku": ""})),
        ("neto_items_get", json!({"sku": "LSD\u{202E}"})),
        (
            "neto_items_update",
            json!({"sku": "LSD", "changes": {"default_price": "12,50"}}),
        ),
        (
            "neto_stock_update",
            json!({"sku": "LSD", "warehouse_id": -1, "mode": "set", "quantity": 1}),
        ),
        (
            "neto_stock_update",
            json!({"sku": "LSD", "warehouse_id": 1, "mode": "add", "quantity": 1}),
        ),
        (
            "neto_stock_update",
            json!({"sku": "LSD", "warehouse_id": 1, "mode": "set", "quantity": 1_000_001}),
        ),
        (
            "neto_order_status_update",
            json!({"order_id": "N1", "idempotency_key": "short", "order_status": "Pick"}),
        ),
        (
            "neto_order_status_update",
            json!({"order_id": "N1", "idempotency_key": "k-12345678", "order_status": "Pick", "send_customer_email": "yes"}),
        ),
        ("neto_vouchers_list", json!({"program_type": "Loyalty"})),
        ("neto_shipping_methods_list", json!({"page": 1})),
    ];
    for (tool, args) in cases {
        let err = h.err(tool, &args).await;
        assert_eq!(
            err.kind(),
            shopmcp_core::ErrorKind::InvalidArguments,
            "{tool} {args}"
        );
    }
    assert_eq!(h.fake.request_count(), 0);
}

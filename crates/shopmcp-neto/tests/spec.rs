//! Every request the crate can send, checked against the vendored upstream shapes
//! (`tests/spec-data/`): the action names, the body layout, every filter field with its type,
//! every `OutputSelector`, every update field; and every answer fixture against the entity
//! shapes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
#[path = "spec/shapes.rs"]
mod shapes;

use std::collections::BTreeSet;

use serde_json::{Value, json};
use shopmcp_neto::Action;

use common::{Harness, assert_neto_request, fixture};
use shapes::Shapes;

/// Each tool with arguments that use every filter and field it has, and its answer fixture.
fn calls() -> Vec<(&'static str, Value, &'static str)> {
    vec![
        (
            "neto_items_list",
            json!({"skus": ["A"], "names": ["N"], "brands": ["B"], "category_ids": [1],
            "parent_sku": "P", "visible": true, "approved": false, "updated_from": "2026-01-01",
            "updated_to": "2026-02-01", "page": 3, "limit": 7}),
            "get_item_list",
        ),
        ("neto_items_get", json!({"sku": "LSD"}), "get_item"),
        (
            "neto_items_update",
            json!({"sku": "LSD", "changes": {"name": "N", "default_price": "1.50",
            "promotion_price": "1", "description": "D", "short_description": "S",
            "shipping_weight": "0.25", "visible": true}}),
            "update_item",
        ),
        (
            "neto_stock_get",
            json!({"sku": "LSD", "warehouse_id": 1}),
            "get_item_stock",
        ),
        (
            "neto_stock_update",
            json!({"sku": "LSD", "warehouse_id": 2, "mode": "decrement", "quantity": 4}),
            "update_item",
        ),
        (
            "neto_warehouses_list",
            json!({"warehouse_ids": [1], "references": ["SYD"]}),
            "get_warehouse",
        ),
        (
            "neto_categories_list",
            json!({"category_ids": [1], "parent_category_ids": [0], "names": ["N"],
            "active": false, "updated_from": "2026-01-01", "updated_to": "2026-02-01"}),
            "get_category",
        ),
        (
            "neto_orders_list",
            json!({"statuses": ["New", "On Hold", "Pending Pickup"], "placed_from": "2026-01-01",
            "placed_to": "2026-02-01", "updated_from": "2026-01-01", "updated_to": "2026-02-01",
            "usernames": ["u"], "skus": ["A"]}),
            "get_order_list",
        ),
        (
            "neto_orders_get",
            json!({"order_id": "N10042"}),
            "get_order",
        ),
        (
            "neto_order_notes_add",
            json!({"order_id": "N10042", "title": "T", "description": "D"}),
            "update_order",
        ),
        (
            "neto_order_status_update",
            json!({"order_id": "N10042", "idempotency_key": "spec-check-1",
            "order_status": "Dispatched", "send_customer_email": true, "tracking": [{"sku": "A",
            "shipping_method": "Post", "tracking_number": "T1", "date_shipped": "2026-11-21"}]}),
            "update_order",
        ),
        (
            "neto_customers_list",
            json!({"usernames": ["u"], "emails": ["a@b.c"], "customer_type": "Prospect",
            "active": true, "user_group": "G", "updated_from": "2026-01-01", "updated_to": "2026-02-01"}),
            "get_customer_list",
        ),
        (
            "neto_customers_get",
            json!({"username": "jcitizen"}),
            "get_customer",
        ),
        (
            "neto_payments_list",
            json!({"order_ids": ["N1"], "payment_ids": [1], "paid_from": "2026-01-01",
            "paid_to": "2026-02-01"}),
            "get_payment",
        ),
        (
            "neto_rmas_list",
            json!({"order_ids": ["N1"], "rma_ids": [1], "statuses": ["Open"],
            "issued_from": "2026-01-01", "issued_to": "2026-02-01"}),
            "get_rma",
        ),
        (
            "neto_abandoned_carts_list",
            json!({"updated_from": "2026-01-01", "updated_to": "2026-02-01",
            "created_from": "2026-01-01", "created_to": "2026-02-01"}),
            "get_cart",
        ),
        (
            "neto_vouchers_list",
            json!({"voucher_ids": [1], "voucher_codes": ["C"], "program_type": "Reward",
            "is_redeemed": true, "added_from": "2026-01-01", "added_to": "2026-02-01"}),
            "get_voucher",
        ),
        (
            "neto_shipping_methods_list",
            json!({}),
            "get_shipping_methods",
        ),
    ]
}

/// The action each fixture answers.
fn fixture_action(name: &str) -> Action {
    match name {
        "get_item_list" | "get_item" | "get_item_stock" => Action::GetItem,
        "update_item" => Action::UpdateItem,
        "get_warehouse" => Action::GetWarehouse,
        "get_category" => Action::GetCategory,
        "get_order_list" | "get_order" => Action::GetOrder,
        "update_order" => Action::UpdateOrder,
        "get_customer_list" | "get_customer" => Action::GetCustomer,
        "get_payment" => Action::GetPayment,
        "get_rma" => Action::GetRma,
        "get_cart" => Action::GetCart,
        "get_voucher" => Action::GetVoucher,
        "get_shipping_methods" => Action::GetShippingMethods,
        other => panic!("unknown fixture {other}"),
    }
}

#[tokio::test]
async fn every_request_body_matches_the_spec_shapes() {
    let shapes = Shapes::load();
    let mut seen = BTreeSet::new();
    for harness in [Harness::new().await, Harness::with_pii().await] {
        let calls = calls();
        assert_eq!(calls.len(), harness.tools.len(), "every tool is checked");
        for (tool, args, answer) in calls {
            harness.reply_fixture(answer);
            harness.ok(tool, &args).await;
            let req = harness.requests().pop().unwrap();
            let action = Action::from_header(req.header("NETOAPI_ACTION").unwrap()).unwrap();
            let body = assert_neto_request(&req, action);
            shapes.check_request(action, &body);
            seen.insert(action);
        }
    }
    assert_eq!(
        seen,
        Action::ALL.into_iter().collect(),
        "every action is sent and checked"
    );
}

#[test]
fn every_action_is_one_the_clients_implement() {
    let notes = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec-data/NOTES.md"),
    )
    .unwrap();
    let start = notes
        .find("* Action names implemented by the clients")
        .unwrap();
    let section = &notes[start..];
    let section = &section[..section.find("\n## ").unwrap()];
    let named: BTreeSet<&str> = section
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|span| span.split(|c: char| c.is_whitespace() || c == '/'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    assert!(named.contains("GetShippingMethods") && named.contains("GetCart"));
    for action in Action::ALL {
        assert!(
            named.contains(action.as_str()),
            "{action} is not a known Neto action"
        );
    }
}

#[test]
fn every_answer_fixture_fits_the_entity_shapes() {
    let shapes = Shapes::load();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let answer = fixture(&name);
        let base = shapes.class("NetoResponseBase");
        let action = fixture_action(&name);
        for key in answer.as_object().unwrap().keys() {
            if base.contains_key(key) {
                continue;
            }
            if action == Action::GetShippingMethods {
                assert_eq!(key, "ShippingMethods");
                let methods = &answer[key]["ShippingMethod"];
                for m in methods.as_array().unwrap() {
                    let props = shapes.class("ShippingMethod");
                    for k in m.as_object().unwrap().keys() {
                        assert!(props.contains_key(k), "{name}: ShippingMethod.{k}");
                    }
                }
                continue;
            }
            let (_, answer_key, entity) = shapes.entities(action);
            assert_eq!(key, &answer_key, "{name}: answer key");
            let props = shapes.class(&entity);
            for record in answer[key].as_array().unwrap() {
                for k in record.as_object().unwrap().keys() {
                    assert!(
                        props.contains_key(k),
                        "{name}: {k} is not a property of {entity}"
                    );
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 16);
}

#[test]
fn the_shapes_checker_refuses_what_the_spec_does_not_have() {
    let shapes = Shapes::load();
    let refused = |action: Action, body: Value| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            shapes.check_request(action, &body);
        }))
        .is_err()
    };
    let get = |filter: Value| json!({ "Filter": filter });
    assert!(refused(
        Action::GetItem,
        get(json!({"Colour": ["red"], "OutputSelector": ["SKU"]}))
    ));
    assert!(refused(
        Action::GetItem,
        get(json!({"SKU": "A", "OutputSelector": ["SKU"]}))
    ));
    assert!(refused(
        Action::GetItem,
        get(json!({"OutputSelector": ["Secret"]}))
    ));
    assert!(refused(
        Action::GetOrder,
        get(json!({"OutputSelector": ["OrderLine.Colour"]}))
    ));
    assert!(refused(
        Action::GetOrder,
        get(json!({"OrderStatus": ["Shipped"], "OutputSelector": ["OrderID"]}))
    ));
    assert!(refused(
        Action::GetOrder,
        get(json!({"DatePlacedFrom": "2026-01-01", "OutputSelector": ["OrderID"]}))
    ));
    assert!(refused(
        Action::UpdateItem,
        json!({"Item": [{"SKU": "A", "Colour": "red"}]})
    ));
    assert!(refused(
        Action::UpdateItem,
        json!({"Item": [{"SKU": "A", "WarehouseQuantity": [{"Action": "add"}]}]})
    ));
    assert!(refused(
        Action::UpdateOrder,
        json!({"Order": [{"OrderID": "N1", "SendOrderEmail": "all"}]})
    ));
    assert!(refused(Action::GetShippingMethods, json!({"Filter": {}})));
    assert!(!refused(
        Action::GetItem,
        get(json!({"SKU": ["A"], "OutputSelector": ["SKU"], "Page": 0, "Limit": 1}))
    ));
}

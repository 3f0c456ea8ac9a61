//! Properties, through the whole pipeline: forbidden and non-whitelisted fields never reach
//! the wire, whatever their spelling or place; whitelisted changes reach it in Neto's names
//! only; and every request carries exactly one `NETOAPI_ACTION`, one of the crate's
//! [`Action`]s.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use shopmcp_core::ErrorKind;
use shopmcp_core::validate::FORBIDDEN_FIELDS;
use shopmcp_neto::{Action, ITEM_WRITABLE};
use shopmcp_testkit::FakeResponse;
use tokio::runtime::Runtime;

use common::{Harness, PATH};

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Valid arguments of every write tool.
fn write_calls() -> Vec<(&'static str, Value)> {
    vec![
        (
            "neto_items_update",
            json!({"sku": "LSD", "changes": {"name": "Doll", "default_price": "10.00"}}),
        ),
        (
            "neto_stock_update",
            json!({"sku": "LSD", "warehouse_id": 1, "mode": "set", "quantity": 3}),
        ),
        (
            "neto_order_notes_add",
            json!({"order_id": "N1", "title": "T", "description": "D"}),
        ),
        (
            "neto_order_status_update",
            json!({"order_id": "N1", "idempotency_key": "k-12345678", "order_status": "Pick",
                   "tracking": [{"sku": "LSD", "shipping_method": "Post", "tracking_number": "C1"}]}),
        ),
    ]
}

/// Neto field names and spellings an injected model might try.
const NETO_NAMES: [&str; 14] = [
    "IsActive",
    "isActive",
    "is-active",
    "CostPrice",
    "SKU",
    "Sku",
    "InventoryID",
    "Approved",
    "WarehouseQuantity",
    "Action",
    "NETOAPI_ACTION",
    "Username",
    "OrderStatus",
    "SendOrderEmail",
];

/// A forbidden name, disguised: case, separators, Cyrillic and full-width look-alikes.
fn disguised_forbidden() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(FORBIDDEN_FIELDS.to_vec()),
        proptest::collection::vec(0u8..6, 32),
    )
        .prop_map(|(name, tricks)| {
            name.chars()
                .zip(tricks.iter().cycle())
                .map(|(c, t)| match (c, t) {
                    ('_', 0) => String::new(),
                    ('_', 1) => "-".to_owned(),
                    ('a', 2) => "\u{0430}".to_owned(),
                    ('e', 2) => "\u{0435}".to_owned(),
                    ('o', 2) => "\u{043E}".to_owned(),
                    ('p', 2) => "\u{0440}".to_owned(),
                    (c, 3) if c.is_ascii_lowercase() => {
                        char::from_u32(u32::from(c) - 0x61 + 0xFF41)
                            .unwrap()
                            .to_string()
                    }
                    (c, 4) => c.to_ascii_uppercase().to_string(),
                    (c, _) => c.to_string(),
                })
                .collect()
        })
}

/// Every property name in every tool's input schema, at any depth.
fn input_names(h: &Harness) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::Object(props)) = o.get("properties") {
                    out.extend(props.keys().cloned());
                }
                o.values().for_each(|v| walk(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for t in &h.tools {
        walk(&Value::Object(t.spec().input_schema().clone()), &mut out);
    }
    out
}

/// Any key that is no input field of any tool.
fn injected_key(inputs: BTreeSet<String>) -> impl Strategy<Value = String> {
    prop_oneof![
        disguised_forbidden(),
        proptest::sample::select(NETO_NAMES.to_vec()).prop_map(str::to_owned),
        "[a-z][a-z_]{0,14}".prop_filter("not an input field", move |k| !inputs.contains(k)),
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        "[ -~]{0,20}".prop_map(Value::from),
        Just(json!({"nested": "x"})),
    ]
}

/// Puts `key: value` at the top level, into `changes`, or into the first tracking entry.
fn inject(mut args: Value, key: &str, value: Value, place: u8) -> Value {
    let target: &mut Map<String, Value> = match (place, &mut args) {
        (1, a) if a.get("changes").is_some() => a["changes"].as_object_mut().unwrap(),
        (2, a) if a.get("tracking").is_some() => a["tracking"][0].as_object_mut().unwrap(),
        (_, a) => a.as_object_mut().unwrap(),
    };
    target.insert(key.to_owned(), value);
    args
}

#[test]
fn forbidden_and_unlisted_fields_never_reach_the_wire() {
    let rt = runtime();
    let h = rt.block_on(Harness::new());
    h.fake
        .set_default(FakeResponse::json(200, &json!({"Ack": "Success"})));
    let calls = write_calls();
    let mut runner = TestRunner::new(Config {
        cases: 256,
        ..Config::default()
    });
    runner
        .run(
            &(
                0..calls.len(),
                injected_key(input_names(&h)),
                any_value(),
                0u8..3,
            ),
            |(which, key, value, place)| {
                let (tool, args) = &calls[which];
                let args = inject(args.clone(), &key, value, place);
                let before = h.fake.request_count();
                let resp = rt.block_on(h.call(tool, &args));
                let err = resp.result.expect_err("an injected field must be refused");
                prop_assert_eq!(err.kind(), ErrorKind::InvalidArguments);
                prop_assert_eq!(h.fake.request_count(), before);
                Ok(())
            },
        )
        .unwrap();
    assert_eq!(h.fake.request_count(), 0);
}

/// The Neto name of each writable item field.
fn neto_name(field: &str) -> &'static str {
    match field {
        "name" => "Name",
        "default_price" => "DefaultPrice",
        "promotion_price" => "PromotionPrice",
        "description" => "Description",
        "short_description" => "ShortDescription",
        "shipping_weight" => "ShippingWeight",
        "visible" => "Visible",
        other => panic!("not writable: {other}"),
    }
}

fn item_changes() -> impl Strategy<Value = Map<String, Value>> {
    let decimal = "[0-9]{1,5}(\\.[0-9]{1,2})?".prop_map(Value::from);
    (
        proptest::option::of("[A-Za-z0-9 ]{1,40}".prop_map(Value::from)),
        proptest::option::of(decimal.clone()),
        proptest::option::of(decimal.clone()),
        proptest::option::of("[ -~\n]{0,80}".prop_map(Value::from)),
        proptest::option::of("[ -~]{0,40}".prop_map(Value::from)),
        proptest::option::of(decimal),
        proptest::option::of(any::<bool>().prop_map(Value::from)),
    )
        .prop_map(|(a, b, c, d, e, f, g)| {
            ITEM_WRITABLE
                .iter()
                .zip([a, b, c, d, e, f, g])
                .filter_map(|(k, v)| v.map(|v| ((*k).to_owned(), v)))
                .collect()
        })
        .prop_filter("at least one change", |m: &Map<String, Value>| {
            !m.is_empty()
        })
}

#[test]
fn whitelisted_changes_reach_the_wire_in_neto_names_only() {
    let rt = runtime();
    let h = rt.block_on(Harness::new());
    let ok = FakeResponse::fixture(common::fixture_path("update_item")).unwrap();
    h.fake.route("POST", PATH, ok);
    let mut runner = TestRunner::new(Config {
        cases: 128,
        ..Config::default()
    });
    runner
        .run(&item_changes(), |changes| {
            let before = h.fake.request_count();
            let args = json!({"sku": "LSD", "changes": changes});
            let out = rt.block_on(h.ok("neto_items_update", &args));
            prop_assert_eq!(h.fake.request_count(), before + 1);
            let req = h.requests().pop().unwrap();
            prop_assert_eq!(req.header("NETOAPI_ACTION"), Some("UpdateItem"));
            let body = req.json().unwrap();
            let record = body["Item"][0].as_object().unwrap();
            let mut expected: BTreeSet<&str> = changes.keys().map(|k| neto_name(k)).collect();
            expected.insert("SKU");
            let sent: BTreeSet<&str> = record.keys().map(String::as_str).collect();
            prop_assert_eq!(sent, expected);
            for (k, v) in &changes {
                prop_assert_eq!(&record[neto_name(k)], v);
            }
            prop_assert_eq!(out["updated"].as_array().unwrap().len(), changes.len());
            Ok(())
        })
        .unwrap();
}

/// Valid arguments of every tool, with the action it must send.
fn every_call() -> Vec<(&'static str, Value, Action)> {
    let mut calls = vec![
        ("neto_items_list", json!({"limit": 5}), Action::GetItem),
        ("neto_items_get", json!({"sku": "LSD"}), Action::GetItem),
        ("neto_stock_get", json!({"sku": "LSD"}), Action::GetItem),
        ("neto_warehouses_list", json!({}), Action::GetWarehouse),
        (
            "neto_categories_list",
            json!({"active": true}),
            Action::GetCategory,
        ),
        (
            "neto_orders_list",
            json!({"statuses": ["New"]}),
            Action::GetOrder,
        ),
        (
            "neto_orders_get",
            json!({"order_id": "N1"}),
            Action::GetOrder,
        ),
        ("neto_customers_list", json!({}), Action::GetCustomer),
        (
            "neto_customers_get",
            json!({"username": "u"}),
            Action::GetCustomer,
        ),
        ("neto_payments_list", json!({}), Action::GetPayment),
        ("neto_rmas_list", json!({}), Action::GetRma),
        ("neto_abandoned_carts_list", json!({}), Action::GetCart),
        ("neto_vouchers_list", json!({}), Action::GetVoucher),
        (
            "neto_shipping_methods_list",
            json!({}),
            Action::GetShippingMethods,
        ),
    ];
    for (tool, args) in write_calls() {
        let action = if tool.starts_with("neto_order") {
            Action::UpdateOrder
        } else {
            Action::UpdateItem
        };
        calls.push((tool, args, action));
    }
    calls
}

#[test]
fn every_request_carries_one_action_from_the_enum() {
    let rt = runtime();
    let h = rt.block_on(Harness::new());
    h.fake
        .set_default(FakeResponse::json(200, &json!({"Ack": "Success"})));
    let calls = every_call();
    assert_eq!(calls.len(), h.tools.len(), "every tool is exercised");
    let mut runner = TestRunner::new(Config {
        cases: 128,
        ..Config::default()
    });
    runner
        .run(
            &(
                0..calls.len(),
                proptest::option::of((injected_key(input_names(&h)), any_value())),
            ),
            |(which, injection)| {
                let (tool, args, action) = &calls[which];
                let mut args = args.clone();
                let mut id = String::new();
                if let Some(key) = args.get("idempotency_key") {
                    id = format!("{}-{}", key.as_str().unwrap(), h.fake.request_count());
                }
                if !id.is_empty() {
                    args["idempotency_key"] = json!(id);
                }
                let injected = injection.is_some();
                if let Some((key, value)) = injection {
                    args = inject(args, &key, value, 0);
                }
                let before = h.fake.request_count();
                let _ = rt.block_on(h.call(tool, &args));
                let reqs = h.requests();
                prop_assert_eq!(reqs.len(), before + usize::from(!injected));
                for req in &reqs[before..] {
                    let headers: Vec<&str> = req
                        .headers
                        .iter()
                        .filter(|(k, _)| k == "netoapi_action")
                        .map(|(_, v)| v.as_str())
                        .collect();
                    prop_assert_eq!(headers.len(), 1);
                    prop_assert_eq!(Action::from_header(headers[0]), Some(*action));
                }
                Ok(())
            },
        )
        .unwrap();
    for req in h.requests() {
        assert!(Action::from_header(req.header("NETOAPI_ACTION").unwrap()).is_some());
    }
}

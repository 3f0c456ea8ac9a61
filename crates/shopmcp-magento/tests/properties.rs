//! Write tools: forbidden and non-whitelisted fields never reach the wire. Every call goes
//! through the whole `shopmcp-core` pipeline, so the refusals come from the tools' declared
//! whitelists, before any request is built.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use shopmcp_core::ErrorKind;
use shopmcp_core::validate::{FORBIDDEN_FIELDS, Rule};

use common::{Harness, fixture, ok};

const PRODUCT_PATH: &str = "/rest/default/V1/products/24-MB01";

#[tokio::test]
async fn the_products_own_example_is_refused_field_by_field() {
    let h = Harness::new().await;
    let err = h
        .call(
            "magento_products_update",
            json!({"sku": "24-MB01", "changes": {
                "price": "19.99",
                "sku": "24-MB01-RENAMED",
                "attribute_set_id": 9,
                "website_id": 2,
                "custom_attributes": [{"attribute_code": "cost", "value": "0"}],
                "password": "hunter2"
            }}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    let named: Vec<(&str, &Rule)> = err
        .violations()
        .iter()
        .map(|v| (v.field.as_str(), &v.rule))
        .collect();
    assert_eq!(named.len(), 5, "{named:#?}");
    for field in ["sku", "attribute_set_id", "website_id", "custom_attributes"] {
        let path = format!("changes.{field}");
        assert!(
            named
                .iter()
                .any(|(f, r)| *f == path && matches!(r, Rule::NotWritable { .. })),
            "{path}: {named:#?}"
        );
    }
    assert!(
        named
            .iter()
            .any(|(f, r)| *f == "changes.password" && **r == Rule::Forbidden)
    );
    let message = err.model_message();
    assert!(
        message.contains("not writable by magento_products_update"),
        "{message}"
    );
    assert!(message.contains("forbidden"), "{message}");
    assert!(!message.contains("hunter2"));
    assert_eq!(h.fake.request_count(), 0, "no request was built");

    // The same fields next to the identifier are unknown fields, also refused before I/O.
    let err = h
        .call(
            "magento_products_update",
            json!({"sku": "24-MB01", "changes": {"price": "1"},
            "attribute_set_id": 9, "website_id": 2, "custom_attributes": [], "Pass_Word": "x"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.violations().len(), 4, "{:#?}", err.violations());
    assert_eq!(h.fake.request_count(), 0);
}

#[tokio::test]
async fn duplicate_keys_cannot_smuggle_a_second_value() {
    let h = Harness::new().await;
    let raw = r#"{"sku": "24-MB01", "changes": {"price": "1.00", "price": "0.01"}}"#;
    let err = h
        .call_raw("magento_products_update", raw)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert_eq!(h.fake.request_count(), 0);
}

/// Spellings of a field name that must all be recognised.
fn variants(name: &str) -> Vec<String> {
    let upper = name.to_uppercase();
    let camel: String = name
        .split('_')
        .enumerate()
        .map(|(i, p)| {
            let mut c = p.chars();
            match (i, c.next()) {
                (0, Some(f)) => f.to_string() + c.as_str(),
                (_, Some(f)) => f.to_uppercase().collect::<String>() + c.as_str(),
                _ => String::new(),
            }
        })
        .collect();
    let dashed = name.replace('_', "-");
    let cyrillic = name
        .replacen('a', "\u{0430}", 1)
        .replacen('o', "\u{043e}", 1);
    let fullwidth: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() {
                char::from_u32(u32::from(c) + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect();
    vec![name.to_owned(), upper, camel, dashed, cyrillic, fullwidth]
}

/// Magento product attributes the update tool must never write.
const NOT_WHITELISTED: [&str; 12] = [
    "sku",
    "attribute_set_id",
    "website_id",
    "website_ids",
    "custom_attributes",
    "type_id",
    "url_key",
    "cost",
    "tax_class_id",
    "extension_attributes",
    "category_ids",
    "media_gallery_entries",
];

/// Upstream fields none of the other write tools accept (Magento body fields included).
const NOT_ACCEPTED: [&str; 11] = [
    "is_visible_on_front",
    "is_customer_notified",
    "notify",
    "appendComment",
    "status_id",
    "quote_id",
    "website_id",
    "custom_attributes",
    "attribute_set_id",
    "entity_id",
    "parent_id",
];

fn forbidden() -> impl Strategy<Value = String> {
    proptest::sample::select(FORBIDDEN_FIELDS.to_vec())
        .prop_flat_map(|f| proptest::sample::select(variants(f)))
}

fn injected(others: &'static [&'static str]) -> impl Strategy<Value = String> {
    let other = proptest::sample::select(others.to_vec()).prop_map(str::to_owned);
    prop_oneof![forbidden(), other]
}

/// The violation names the injected field (paths escape non-ASCII, so those are only counted).
fn names(violations: &[shopmcp_core::validate::Violation], field: &str) -> bool {
    if field.is_ascii() {
        violations.iter().any(|v| v.field.ends_with(field))
    } else {
        !violations.is_empty()
    }
}

fn decimal() -> impl Strategy<Value = String> {
    (0u32..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b:02}"))
}

fn valid_changes() -> impl Strategy<Value = Map<String, Value>> {
    (
        proptest::option::of("[A-Za-z][A-Za-z0-9 ]{0,30}"),
        proptest::option::of(decimal()),
        proptest::option::of(decimal()),
        proptest::option::of(prop_oneof![Just("enabled"), Just("disabled")]),
        proptest::option::of("[a-z .,<>&]{1,60}"),
        proptest::option::of(decimal()),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(name, price, qty, status, description, weight, in_stock)| {
                let mut m = Map::new();
                let mut put = |k: &str, v: Option<Value>| {
                    if let Some(v) = v {
                        m.insert(k.to_owned(), v);
                    }
                };
                put("name", name.map(Value::from));
                put("price", price.map(Value::from));
                put("qty", qty.map(Value::from));
                put("status", status.map(Value::from));
                put("description", description.map(Value::from));
                put("weight", weight.map(Value::from));
                put("is_in_stock", in_stock.map(Value::from));
                if m.is_empty() {
                    m.insert("price".into(), Value::from("1.00"));
                }
                m
            },
        )
}

const MARKER: &str = "INJECTED-MARKER-9d2f";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn product_harness(rt: &tokio::runtime::Runtime) -> Harness {
    let h = rt.block_on(Harness::new());
    h.fake
        .route("GET", PRODUCT_PATH, ok(&fixture("product.json")));
    h.fake
        .route("PUT", PRODUCT_PATH, ok(&fixture("product.json")));
    h
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Valid changes plus one injected field, at the top level or inside `changes`: refused
    /// before any request, with the injected field named.
    #[test]
    fn injected_fields_are_refused_before_io(
        changes in valid_changes(),
        field in injected(&NOT_WHITELISTED),
        inside in any::<bool>(),
    ) {
        static RT: std::sync::OnceLock<(tokio::runtime::Runtime, Harness)> = std::sync::OnceLock::new();
        let (rt, h) = RT.get_or_init(|| { let rt = runtime(); let h = product_harness(&rt); (rt, h) });
        let mut changes = changes;
        let mut args = json!({"sku": "24-MB01"});
        // At the top level `sku` is the identifier itself, so it is injected into `changes`.
        if inside || field == "sku" {
            changes.insert(field.clone(), json!(MARKER));
        } else {
            args[&field] = json!(MARKER);
        }
        args["changes"] = Value::Object(changes);
        let before = h.fake.request_count();
        let err = rt.block_on(h.call("magento_products_update", args)).unwrap_err();
        prop_assert_eq!(err.kind(), ErrorKind::InvalidArguments);
        prop_assert!(names(err.violations(), &field), "{:?}", err.violations());
        prop_assert_eq!(h.fake.request_count(), before);
    }

    /// Valid changes reach the store only as the documented mapping of whitelisted fields.
    #[test]
    fn whitelisted_changes_map_onto_whitelisted_wire_fields(changes in valid_changes()) {
        static RT: std::sync::OnceLock<(tokio::runtime::Runtime, Harness)> = std::sync::OnceLock::new();
        let (rt, h) = RT.get_or_init(|| { let rt = runtime(); let h = product_harness(&rt); (rt, h) });
        let before = h.fake.request_count();
        let args = json!({"sku": "24-MB01", "changes": Value::Object(changes)});
        rt.block_on(h.call("magento_products_update", args)).unwrap();
        let requests = h.fake.requests();
        prop_assert_eq!(requests.len(), before + 2);
        let put = requests.last().unwrap();
        prop_assert_eq!(put.method.as_str(), "PUT");
        let body = put.json().unwrap();
        let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
        prop_assert_eq!(keys, vec!["product"]);
        let product = body["product"].as_object().unwrap();
        let allowed = ["sku", "name", "price", "status", "visibility", "weight", "custom_attributes", "extension_attributes"];
        for k in product.keys() {
            prop_assert!(allowed.contains(&k.as_str()), "{}", k);
        }
        prop_assert_eq!(&product["sku"], "24-MB01");
        for attr in product.get("custom_attributes").and_then(Value::as_array).into_iter().flatten() {
            let code = attr["attribute_code"].as_str().unwrap();
            prop_assert!(["special_price", "description", "short_description"].contains(&code));
        }
        if let Some(ext) = product.get("extension_attributes") {
            let ext = ext.as_object().unwrap();
            prop_assert_eq!(ext.keys().collect::<Vec<_>>(), vec!["stock_item"]);
            for k in ext["stock_item"].as_object().unwrap().keys() {
                prop_assert!(["qty", "is_in_stock"].contains(&k.as_str()));
            }
        }
    }

    /// The other write tools: one injected field anywhere in their arguments is refused before
    /// I/O.
    #[test]
    fn other_write_tools_refuse_injected_fields(which in 0usize..5, field in injected(&NOT_ACCEPTED)) {
        static RT: std::sync::OnceLock<(tokio::runtime::Runtime, Harness)> = std::sync::OnceLock::new();
        let (rt, h) = RT.get_or_init(|| { let rt = runtime(); let h = rt.block_on(Harness::new()); (rt, h) });
        let cart = "pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL";
        let (tool, mut args) = match which {
            0 => ("magento_order_comments_create", json!({"order_id": 1, "comment": "ok"})),
            1 => ("magento_orders_hold", json!({"order_id": 1})),
            2 => ("magento_source_items_update", json!({"items": [{"sku": "A", "source_code": "default", "quantity": "1", "status": "in_stock"}]})),
            3 => ("magento_shipments_create", json!({"order_id": 1, "idempotency_key": "key-12345678"})),
            _ => ("magento_guest_cart_items_add", json!({"cart_id": cart, "sku": "A", "qty": "1"})),
        };
        if which == 2 {
            args["items"][0][&field] = json!(MARKER);
        } else {
            args[&field] = json!(MARKER);
        }
        let before = h.fake.request_count();
        let err = rt.block_on(h.call(tool, args)).unwrap_err();
        prop_assert_eq!(err.kind(), ErrorKind::InvalidArguments);
        prop_assert!(names(err.violations(), &field), "{:?}", err.violations());
        prop_assert_eq!(h.fake.request_count(), before);
        prop_assert!(!h.fake.requests().iter().any(|r| r.contains(MARKER)));
    }
}

//! Property tests of every write tool, through the whole pipeline: random valid arguments,
//! plus (sometimes) a forbidden field, a field the tool may not write, a duplicated key or an
//! unknown nested field. Either the call is refused before any request, or the recorded
//! request carries only the tool's whitelisted fields and none of the injected data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod admin;
mod storefront;
mod strategies;

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use shopmcp_core::ErrorKind;
use shopmcp_core::validate::FORBIDDEN_FIELDS;
use shopmcp_shopify::ToolOptions;
use shopmcp_testkit::FakeResponse;

use common::*;
use strategies::key;

const MARKER: &str = "INJECTED-7Q3Z";

/// One write tool under test.
pub(crate) struct WriteTool {
    pub(crate) name: &'static str,
    /// Keys the recorded GraphQL variables may contain (at any depth).
    pub(crate) allowed: &'static [&'static str],
    /// Real Shopify input fields this tool must never accept.
    pub(crate) not_writable: &'static [&'static str],
    /// An array input whose items are objects (to inject nested fields), if any.
    pub(crate) nested: Option<&'static str>,
}

/// What is added to valid arguments.
#[derive(Clone, Debug)]
enum Extra {
    Forbidden(String),
    NotWritable(String),
    Duplicate,
    NestedUnknown(String),
}

/// Spellings a forbidden name may take: case, separators, look-alikes, full width.
fn spellings(name: &str) -> Vec<String> {
    let camel: String = name
        .split('_')
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                p.to_owned()
            } else {
                let mut c = p.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            }
        })
        .collect();
    vec![
        name.to_owned(),
        name.to_uppercase(),
        camel,
        name.replace('_', "-"),
        name.replacen('a', "\u{0430}", 1),
        name.chars()
            .map(|c| {
                char::from_u32(u32::from(c) + 0xFEE0)
                    .filter(|_| c.is_ascii_lowercase())
                    .unwrap_or(c)
            })
            .collect(),
    ]
}

fn extra(tool: &'static WriteTool) -> impl Strategy<Value = Option<Extra>> {
    let forbidden: Vec<String> = FORBIDDEN_FIELDS.iter().flat_map(|f| spellings(f)).collect();
    let not_writable: Vec<String> = tool.not_writable.iter().map(|s| (*s).to_owned()).collect();
    let nested = prop::sample::select(vec!["email", "url", "price", "password", "admin"])
        .prop_map(|k| Extra::NestedUnknown(k.to_owned()));
    prop_oneof![
        2 => Just(None),
        1 => prop::sample::select(forbidden).prop_map(|k| Some(Extra::Forbidden(k))),
        1 => prop::sample::select(not_writable).prop_map(|k| Some(Extra::NotWritable(k))),
        1 => Just(Some(Extra::Duplicate)),
        1 => nested.prop_map(Some),
    ]
}

/// The raw arguments text: `args` with `extra` added.
fn raw(tool: &WriteTool, args: &Value, extra: &Option<Extra>) -> String {
    let top = |text: String, key: &str| {
        let body = text.strip_suffix('}').unwrap();
        format!("{body},{}:{}}}", json!(key), json!(MARKER))
    };
    match extra {
        None => args.to_string(),
        Some(Extra::Forbidden(k) | Extra::NotWritable(k)) => top(args.to_string(), k),
        Some(Extra::Duplicate) => {
            let first = args.as_object().unwrap().keys().next().unwrap().clone();
            top(args.to_string(), &first)
        }
        Some(Extra::NestedUnknown(k)) => {
            let mut args = args.clone();
            let item = tool
                .nested
                .and_then(|n| args.get_mut(n))
                .and_then(|v| v.as_array_mut())
                .and_then(|a| a.first_mut())
                .and_then(Value::as_object_mut);
            match item {
                Some(obj) => {
                    obj.insert(k.clone(), json!(MARKER));
                    args.to_string()
                }
                None => top(args.to_string(), k),
            }
        }
    }
}

fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

/// Answers every mutation of the crate (and the variant price read) successfully.
pub(crate) fn universal_admin() -> Value {
    let group = json!({"inventoryAdjustmentGroup": {"id": "gid://shopify/InventoryAdjustmentGroup/1",
        "createdAt": "2026-11-06T10:00:00Z", "reason": "correction", "changes": []}, "userErrors": []});
    json!({"data": {
        "orderUpdate": {"order": {"id": "gid://shopify/Order/1", "name": "#1", "note": null, "tags": [],
            "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []},
        "customerUpdate": {"customer": {"id": "gid://shopify/Customer/1", "note": null, "tags": [],
            "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []},
        "productUpdate": {"product": {"id": "gid://shopify/Product/1", "title": "t", "handle": "t",
            "status": "ACTIVE", "vendor": "v", "productType": "", "tags": [], "updatedAt": "2026-11-06T10:00:00Z",
            "seo": {"title": null, "description": null}}, "userErrors": []},
        "productVariant": {"id": "gid://shopify/ProductVariant/1", "price": "10.00", "compareAtPrice": null,
            "product": {"id": "gid://shopify/Product/1"}},
        "productVariantsBulkUpdate": {"productVariants": [{"id": "gid://shopify/ProductVariant/1",
            "price": "10.00", "compareAtPrice": null}], "userErrors": []},
        "inventoryAdjustQuantities": group,
        "inventorySetQuantities": group,
        "fulfillmentCreate": {"fulfillment": {"id": "gid://shopify/Fulfillment/1", "name": "#1-F1",
            "status": "SUCCESS", "createdAt": "2026-11-06T10:00:00Z", "trackingInfo": []}, "userErrors": []},
        "orderCancel": {"job": {"id": "gid://shopify/Job/1", "done": false}, "orderCancelUserErrors": []}
    }})
}

pub(crate) fn universal_storefront() -> Value {
    let payload = json!({"cart": fixture("cart"), "userErrors": [], "warnings": []});
    json!({"data": {"cartCreate": payload, "cartLinesAdd": payload,
        "cartLinesUpdate": payload, "cartLinesRemove": payload}})
}

pub(crate) fn check(tool: &'static WriteTool, valid: impl Strategy<Value = Value>) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let h = rt.block_on(Harness::with(Setup {
        options: ToolOptions::default().with_max_price_change_pct(None),
        ..Setup::default()
    }));
    h.fake.route(
        "POST",
        ADMIN_PATH,
        FakeResponse::json(200, &universal_admin()),
    );
    h.fake.route(
        "POST",
        STOREFRONT_PATH,
        FakeResponse::json(200, &universal_storefront()),
    );
    let allowed: BTreeSet<String> = tool.allowed.iter().map(|s| (*s).to_owned()).collect();
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&(valid, extra(tool)), |(args, extra)| {
            let before = h.fake.request_count();
            let text = raw(tool, &args, &extra);
            let result = rt.block_on(h.call_raw(tool.name, &text));
            let sent = &h.requests()[before..];
            match (&extra, result) {
                (Some(_), Ok(out)) => {
                    prop_assert!(false, "{} accepted {text}: {out}", tool.name);
                }
                (Some(_), Err(e)) => {
                    prop_assert_eq!(e.kind(), ErrorKind::InvalidArguments, "{}", e);
                    prop_assert!(sent.is_empty(), "refused after a request");
                }
                (None, Err(e)) => prop_assert!(false, "{} refused valid {text}: {e}", tool.name),
                (None, Ok(_)) => {
                    prop_assert!(!sent.is_empty());
                    for req in sent {
                        prop_assert!(!req.contains(MARKER));
                        let mut found = BTreeSet::new();
                        keys(&req.json().unwrap()["variables"], &mut found);
                        let stray: Vec<&String> = found.difference(&allowed).collect();
                        prop_assert!(stray.is_empty(), "{}: stray keys {:?}", tool.name, stray);
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn notification_and_refund_stay_off_unless_asked() {
    // A focused property: the wire values follow the arguments, defaulting to false.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let h = rt.block_on(Harness::new());
    h.fake.route(
        "POST",
        ADMIN_PATH,
        FakeResponse::json(200, &universal_admin()),
    );
    let mut runner = TestRunner::new(Config {
        cases: 32,
        failure_persistence: None,
        ..Config::default()
    });
    let strat = (
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        key(),
    );
    runner
        .run(&strat, |(notify, refund, key)| {
            let mut args = json!({"order_id": "1", "reason": "other", "restock": false, "idempotency_key": key});
            if let Some(n) = notify {
                args["notify_customer"] = json!(n);
            }
            if let Some(r) = refund {
                args["refund"] = json!(r);
            }
            rt.block_on(h.call("shopify_orders_cancel", args)).unwrap();
            let req = h.requests().pop().unwrap();
            let vars = &req.json().unwrap()["variables"];
            prop_assert_eq!(&vars["notifyCustomer"], &json!(notify == Some(true)));
            prop_assert_eq!(
                &vars["refundMethod"]["originalPaymentMethodsRefund"],
                &json!(refund == Some(true))
            );
            Ok(())
        })
        .unwrap();
}

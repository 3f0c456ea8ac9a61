//! Write tools, through the whole pipeline: forbidden and non-whitelisted fields never reach the
//! wire. Random valid arguments get an extra key (from the forbidden list or a real BigCommerce
//! field outside the whitelist, in any case, with separators, Cyrillic or full-width look-alikes,
//! or duplicated), placed at the top level, inside `changes`, or inside a list item. Every such
//! call must be refused before any I/O; every clean call must send only whitelisted keys.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "properties/cases.rs"]
mod cases;
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use cases::{WriteCase, write_cases};
use common::{Env, fixture_with_status, path};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use shopmcp_core::ErrorKind;
use shopmcp_core::validate::FORBIDDEN_FIELDS;

/// Real BigCommerce request fields that no tool of this crate may send.
const NOT_WHITELISTED: &[&str] = &[
    "sku",
    "inventory_level",
    "cost_price",
    "retail_price",
    "categories",
    "is_featured",
    "customer_id",
    "billing_address",
    "shipping_addresses",
    "products",
    "fees",
    "status",
    "list_price",
    "custom_items",
    "gift_certificates",
    "channel_id",
    "currency",
    "locale",
    "tracking_link",
    "comments",
    "email",
    "date_created",
    "option_selections",
    "name",
    "merchant_shipping_cost",
    "external_id",
    "payment_method",
    "refunded_amount",
];

static CASE: AtomicUsize = AtomicUsize::new(0);

/// A spelling variant of `key` that folds onto it (or, for whitelisted-elsewhere names, is
/// simply unknown where it is placed).
fn spelling(key: String) -> impl Strategy<Value = String> {
    let upper = key.to_ascii_uppercase();
    let dashed = key.replace('_', "-");
    let camel: String = key
        .split('_')
        .enumerate()
        .map(|(i, p)| {
            let mut c = p.chars();
            match (i, c.next()) {
                (0, Some(f)) => format!("{f}{}", c.as_str()),
                (_, Some(f)) => format!("{}{}", f.to_ascii_uppercase(), c.as_str()),
                (_, None) => String::new(),
            }
        })
        .collect();
    let cyrillic = key
        .replacen('a', "\u{0430}", 1)
        .replacen('o', "\u{043E}", 1);
    let fullwidth: String = key
        .chars()
        .map(|c| {
            char::from_u32(u32::from(c) + 0xFEE0)
                .filter(|_| c.is_ascii_graphic())
                .unwrap_or(c)
        })
        .collect();
    let zero_width = format!("{}\u{200B}{}", &key[..1], &key[1..]);
    prop::sample::select(vec![
        key, upper, dashed, camel, cyrillic, fullwidth, zero_width,
    ])
}

fn injected_key() -> impl Strategy<Value = String> {
    let pool: Vec<String> = FORBIDDEN_FIELDS
        .iter()
        .chain(NOT_WHITELISTED)
        .map(|k| (*k).to_owned())
        .collect();
    prop::sample::select(pool).prop_flat_map(spelling)
}

#[derive(Debug, Clone, Copy)]
enum Place {
    Top,
    Container,
    FirstItem,
}

/// Puts `key: marker` into `args` at `place` (top level when the place does not exist).
fn inject(args: &mut Value, case: &WriteCase, place: Place, key: &str, marker: &str) {
    let target = match place {
        Place::Container => case.container.and_then(|c| args.get_mut(c)),
        Place::FirstItem => case
            .list
            .and_then(|(list, _)| args.get_mut(list))
            .and_then(|l| l.get_mut(0)),
        Place::Top => None,
    };
    let target = match target {
        Some(t) => t,
        None => args,
    };
    target
        .as_object_mut()
        .expect("object")
        .insert(key.to_owned(), Value::String(marker.to_owned()));
}

/// Checks a recorded body against the tool's wire whitelist.
fn assert_whitelisted(case: &WriteCase, body: &Value) {
    let obj = body.as_object().expect("object body");
    for key in obj.keys() {
        assert!(
            case.wire.contains(&key.as_str()),
            "{}: `{key}` sent",
            case.tool
        );
    }
    if let Some((list, allowed)) = case.list {
        for item in obj
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for key in item.as_object().expect("item").keys() {
                assert!(
                    allowed.contains(&key.as_str()),
                    "{}: `{list}[].{key}` sent",
                    case.tool
                );
            }
        }
    }
}

/// Whether `key` is a legal input field where `place` puts it (then it is not an injection).
fn is_legal(case: &WriteCase, top: &[String], place: Place, key: &str) -> bool {
    let at_top = match place {
        Place::Top => true,
        Place::Container => case.container.is_none(),
        Place::FirstItem => case.list.is_none(),
    };
    if at_top {
        top.iter().any(|k| k == key)
    } else {
        case.legal.contains(&key)
    }
}

fn run_case(runtime: &tokio::runtime::Runtime, env: &Env, case: &WriteCase) {
    let spec = env
        .tools
        .iter()
        .find(|t| t.spec().name() == case.tool)
        .expect("tool")
        .spec()
        .clone();
    let top: Vec<String> = spec
        .input_schema()
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    env.fake.route(
        case.method,
        &path(&case.path),
        fixture_with_status(case.answer, case.status),
    );
    let mut runner = TestRunner::new(Config::with_cases(48));
    let (injected, clean) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let strategy = (
        case.args.clone(),
        prop::option::of((
            injected_key(),
            prop::sample::select(vec![Place::Top, Place::Container, Place::FirstItem]),
        )),
    );
    runner
        .run(&strategy, |(mut args, injection)| {
            let n = CASE.fetch_add(1, Ordering::Relaxed);
            if let Some(obj) = args.as_object_mut()
                && obj.contains_key("idempotency_key")
            {
                obj.insert(
                    "idempotency_key".into(),
                    Value::String(format!("prop-key-{n:06}")),
                );
            }
            let before = env.fake.request_count();
            let marker = format!("INJECTED-{n}");
            if let Some((key, place)) = &injection {
                prop_assume!(!is_legal(case, &top, *place, key));
                inject(&mut args, case, *place, key, &marker);
            }
            let result = runtime.block_on(env.call(case.tool, args.clone()));
            let sent = &env.fake.requests()[before..];
            assert!(
                sent.iter().all(|r| !r.contains(&marker)),
                "{}: marker on the wire",
                case.tool
            );
            match injection {
                Some((key, _)) => {
                    injected.fetch_add(1, Ordering::Relaxed);
                    let err = result.expect_err("an injected key must be refused");
                    prop_assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{}", key);
                    prop_assert!(sent.is_empty(), "{}: request sent for `{}`", case.tool, key);
                }
                None => {
                    clean.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(
                        result.is_ok(),
                        "{}: {:?} for {}",
                        case.tool,
                        result.err(),
                        args
                    );
                    prop_assert_eq!(sent.len(), 1);
                    assert_whitelisted(case, &sent[0].json().expect("json body"));
                    prop_assert_eq!(sent[0].query.as_deref(), None);
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{}: {e}", case.tool));
    let (injected, clean) = (injected.into_inner(), clean.into_inner());
    assert!(
        injected >= 10 && clean >= 10,
        "{}: {injected} injected, {clean} clean",
        case.tool
    );
}

#[test]
fn forbidden_and_unlisted_fields_never_reach_the_wire() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env = runtime.block_on(Env::new());
    let cases = write_cases();
    let writes: Vec<&str> = env
        .tools
        .iter()
        .filter(|t| t.spec().access().is_write())
        .map(|t| t.spec().name())
        .collect();
    for tool in &writes {
        assert!(
            cases.iter().any(|c| c.tool == *tool),
            "{tool} has no property case"
        );
    }
    for case in &cases {
        run_case(&runtime, &env, case);
    }
}

#[test]
fn duplicated_keys_are_refused_before_any_request() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env = runtime.block_on(Env::new());
    for raw in [
        r#"{"product_id": 174, "changes": {"price": "1.00"}, "changes": {"price": "0.01"}}"#,
        r#"{"product_id": 174, "changes": {"price": "1.00", "price": "0.01"}}"#,
        r#"{"order_id": 1, "order_id": 2, "changes": {"status_id": 5}}"#,
    ] {
        let tool = if raw.contains("order_id") {
            "bigcommerce_orders_update"
        } else {
            "bigcommerce_products_update"
        };
        let err = runtime.block_on(env.call_raw(tool, raw)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{raw}");
        assert!(
            err.model_message().contains("appears more than once"),
            "{}",
            err.model_message()
        );
    }
    assert_eq!(env.fake.request_count(), 0);
}

//! Every request the crate can send exists in BigCommerce's own OpenAPI files: path template,
//! method, query parameter names, path parameter types, and every body field (recursively) is a
//! property of the operation's request schema with a compatible type.
//!
//! The requests are the ones actually captured by the fake upstream while calling every tool
//! (`common::samples`) with all optional arguments set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
mod openapi;

use std::collections::BTreeSet;

use common::{Env, HASH, samples};
use openapi::Specs;

#[tokio::test]
async fn every_request_exists_in_the_vendored_specs() {
    let specs = Specs::load();
    let env = Env::new().await;
    let all = samples::all();
    let sampled: BTreeSet<&str> = all.iter().map(|s| s.tool).collect();
    let offered: BTreeSet<&str> = env.tools.iter().map(|t| t.spec().name()).collect();
    assert_eq!(sampled, offered, "every tool needs a sample");

    let mut checked = 0;
    for sample in &all {
        let before = env.fake.request_count();
        for (method, path, answer) in &sample.answers {
            env.fake.push(method, path, answer.clone());
        }
        let out = env.call(sample.tool, sample.args.clone()).await;
        assert!(out.is_ok(), "{}: {:?}", sample.tool, out.err());
        let requests = env.fake.requests();
        let sent = &requests[before..];
        assert_eq!(sent.len(), sample.answers.len(), "{}", sample.tool);
        for req in sent {
            let prefix = format!("/stores/{HASH}/");
            let rest = req.path.strip_prefix(&prefix).expect("store prefix");
            if let Err(problems) = specs.check(&req.method, rest, req.query.as_deref(), &req.body) {
                panic!(
                    "{} {} {}:\n{}",
                    sample.tool,
                    req.method,
                    req.path,
                    problems.join("\n")
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 33, "32 tools, one of them sends two requests");
}

#[test]
fn the_checker_rejects_what_the_specs_do_not_have() {
    let specs = Specs::load();
    let body = |v: serde_json::Value| v.to_string().into_bytes();
    let empty: Vec<u8> = Vec::new();
    // Unknown path, wrong method, unknown query parameter.
    assert!(
        specs
            .check("GET", "v3/catalog/secret", None, &empty)
            .is_err()
    );
    assert!(
        specs
            .check("DELETE", "v2/order_statuses", None, &empty)
            .is_err()
    );
    assert!(
        specs
            .check("GET", "v3/catalog/products", Some("evil=1"), &empty)
            .is_err()
    );
    // Path parameter of the wrong type.
    assert!(specs.check("GET", "v2/orders/abc", None, &empty).is_err());
    // A body field the schema does not have, at the top and nested.
    let put = "v3/catalog/products/1";
    assert!(
        specs
            .check("PUT", put, None, &body(serde_json::json!({"name": "x"})))
            .is_ok()
    );
    assert!(
        specs
            .check("PUT", put, None, &body(serde_json::json!({"hacked": 1})))
            .is_err()
    );
    let adjust = "v3/inventory/adjustments/relative";
    let nested = serde_json::json!({"reason": "r", "items": [{"location_id": 1, "sku": "A", "quantity": 1, "x": 2}]});
    assert!(specs.check("POST", adjust, None, &body(nested)).is_err());
    // A value of the wrong type or outside an enum.
    assert!(
        specs
            .check(
                "PUT",
                put,
                None,
                &body(serde_json::json!({"price": "1.00"}))
            )
            .is_err()
    );
    let ship = "v2/orders/1/shipments";
    let bad_provider = serde_json::json!({"order_address_id": 1, "shipping_provider": 7});
    assert!(
        specs
            .check("POST", ship, None, &body(bad_provider))
            .is_err()
    );
    // The same paths with what the crate sends are accepted.
    assert!(
        specs
            .check(
                "GET",
                "v3/catalog/products",
                Some("categories%3Ain=1&page=1"),
                &empty
            )
            .is_ok()
    );
    assert!(specs.check("GET", "v2/orders/12", None, &empty).is_ok());
}

//! The cargo-fuzz checks (`fuzz/fuzz_targets/shopify_webhook.rs`, `shopify_graphql.rs`) run
//! on stable for a bounded number of inputs: random bytes, and mutations of valid webhook
//! deliveries and of recorded GraphQL answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Value, json};
use shopmcp_core::fuzzing::{mutate_bytes, mutate_json};
use shopmcp_shopify::fuzzing::{check_graphql_response, check_webhook};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Recorded answers and the error shapes Shopify sends.
fn answers() -> Vec<Value> {
    vec![
        fixture("products_list.json"),
        fixture("order_get.json"),
        json!({"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
            "extensions": {"cost": {"requestedQueryCost": 150, "actualQueryCost": null,
            "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": 50,
            "restoreRate": 100.0}}}}),
        json!({"data": {"shop": null}, "errors": [{"message": "Access denied",
            "extensions": {"code": "ACCESS_DENIED"}}]}),
        json!({"errors": "[API] Invalid API key or access token"}),
        json!({"data": {"productUpdate": {"product": null, "userErrors": [
            {"field": ["input", "title"], "message": "Title can't be blank"}]}}}),
    ]
}

fn webhook_bodies() -> Vec<Value> {
    let customer = json!({"id": 207119551, "email": "buyer@example.com", "phone": "555-625-1199"});
    vec![
        json!({"shop_id": 954889, "shop_domain": "shop.myshopify.com", "customer": customer,
            "orders_requested": [299938, 280263], "data_request": {"id": 9999}}),
        json!({"shop_id": 954889, "shop_domain": "shop.myshopify.com", "customer": customer,
            "orders_to_redact": [299938]}),
        json!({"shop_id": 954889, "shop_domain": "shop.myshopify.com"}),
    ]
}

/// A check input: flag byte, topic, domain, signature and body separated by `0xFF`.
fn delivery(flags: u8, topic: &[u8], domain: &[u8], signature: &[u8], body: &[u8]) -> Vec<u8> {
    let mut data = vec![flags];
    for part in [topic, domain, signature] {
        data.extend_from_slice(part);
        data.push(0xFF);
    }
    data.extend_from_slice(body);
    data
}

#[test]
fn valid_inputs_pass_the_checks() {
    for (which, body) in webhook_bodies().iter().enumerate() {
        let body = body.to_string();
        // Flag 1: signed with the app secret; flag 4: the topic chosen by the part's length.
        let topic = vec![b'x'; which];
        let data = delivery(1 | 4, &topic, b"shop.myshopify.com", b"", body.as_bytes());
        check_webhook(&data).unwrap();
    }
    for answer in answers() {
        let mut data = vec![0u8];
        data.extend_from_slice(answer.to_string().as_bytes());
        check_graphql_response(&data).unwrap();
    }
    check_webhook(&[]).unwrap();
    check_graphql_response(&[]).unwrap();
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn webhook_random_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(check_webhook(&data), Ok(()));
    }

    #[test]
    fn webhook_mutated_deliveries(
        flags in any::<u8>(),
        which in 0usize..3,
        ops in prop::collection::vec(any::<u64>(), 0..5),
        domain in prop::sample::select(vec![&b"shop.myshopify.com"[..], b"SHOP.myshopify.com ",
            b"other.myshopify.com", b"", b"\x00bad"]),
        signature in prop::collection::vec(any::<u8>(), 0..60),
    ) {
        let body = mutate_json(&webhook_bodies()[which], &ops).to_string();
        let topic = vec![b'x'; which];
        let data = delivery(flags, &topic, domain, &signature, body.as_bytes());
        prop_assert_eq!(check_webhook(&data), Ok(()));
    }

    #[test]
    fn graphql_random_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(check_graphql_response(&data), Ok(()));
    }

    #[test]
    fn graphql_mutated_answers(
        status in any::<u8>(),
        which in 0usize..6,
        ops in prop::collection::vec(any::<u64>(), 1..6),
        byte_ops in prop::collection::vec(any::<u64>(), 0..2),
    ) {
        let answer = mutate_json(&answers()[which], &ops).to_string();
        let mut data = vec![status];
        data.extend(mutate_bytes(answer.as_bytes(), &byte_ops));
        prop_assert_eq!(check_graphql_response(&data), Ok(()));
    }
}

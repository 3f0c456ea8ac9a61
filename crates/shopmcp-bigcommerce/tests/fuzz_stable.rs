//! The cargo-fuzz check (`fuzz/fuzz_targets/bigcommerce_response.rs`) run on stable for a
//! bounded number of inputs: random bytes, and mutations of recorded v2 and v3 answers and
//! of both validation-error shapes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Value, json};
use shopmcp_bigcommerce::fuzzing::check_response;
use shopmcp_core::fuzzing::{mutate_bytes, mutate_json};

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

/// Answers with the flags byte that reads them: bit 0 selects v3.
fn answers() -> Vec<(u8, Value)> {
    vec![
        (0, fixture("orders.json")),
        (0, fixture("order.json")),
        (1, fixture("products.json")),
        (1, fixture("product.json")),
        (
            1,
            json!({"status": 422, "title": "JSON data is missing or invalid",
            "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
            "errors": {"price": "must be a number", "sku": ["taken", "too long"]}}),
        ),
        (
            0,
            json!([{"status": 400, "message": "The field 'status_id' is invalid."}]),
        ),
    ]
}

/// A check input: status selector, flags, body.
fn input(status: u8, flags: u8, body: &[u8]) -> Vec<u8> {
    let mut data = vec![status, flags];
    data.extend_from_slice(body);
    data
}

#[test]
fn recorded_answers_pass_the_check() {
    for (flags, answer) in answers() {
        for status in 0..12 {
            check_response(&input(status, flags, answer.to_string().as_bytes())).unwrap();
        }
    }
    check_response(&[]).unwrap();
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn random_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(check_response(&data), Ok(()));
    }

    #[test]
    fn mutated_answers(
        status in any::<u8>(),
        flags in any::<u8>(),
        which in 0usize..6,
        ops in prop::collection::vec(any::<u64>(), 1..6),
        byte_ops in prop::collection::vec(any::<u64>(), 0..2),
    ) {
        let (api, answer) = &answers()[which];
        let answer = mutate_json(answer, &ops).to_string();
        let flags = (flags & !1) | api;
        let data = input(status, flags, &mutate_bytes(answer.as_bytes(), &byte_ops));
        prop_assert_eq!(check_response(&data), Ok(()));
    }
}

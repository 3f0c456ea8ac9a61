//! The cargo-fuzz check (`fuzz/fuzz_targets/magento_response.rs`) run on stable for a bounded
//! number of inputs: random bytes, and mutations of recorded answers (objects, search
//! results, error bodies with `message` and `parameters`).
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
use shopmcp_magento::fuzzing::check_response;

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

fn answers() -> Vec<Value> {
    let order = fixture("order.json");
    let product = fixture("product.json");
    vec![
        json!({"items": [&order, &order], "search_criteria": {}, "total_count": 42}),
        json!({"items": [&product], "search_criteria": {}, "total_count": 1}),
        order,
        product,
        json!({"message": "The \"%1\" value is invalid.", "parameters": ["sku"]}),
        json!({"message": "Invalid", "errors": [{"message": "%fieldName is required",
            "parameters": {"fieldName": "sku"}}], "trace": "#0 /var/www"}),
        json!(true),
    ]
}

/// A check input: status selector, page selector, body.
fn input(status: u8, page: u8, body: &[u8]) -> Vec<u8> {
    let mut data = vec![status, page];
    data.extend_from_slice(body);
    data
}

#[test]
fn recorded_answers_pass_the_check() {
    for answer in answers() {
        for status in 0..10 {
            check_response(&input(status, 1, answer.to_string().as_bytes())).unwrap();
        }
    }
    check_response(&[]).unwrap();
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn random_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(check_response(&data), Ok(()));
    }

    #[test]
    fn mutated_answers(
        page in any::<u8>(),
        which in 0usize..7,
        ops in prop::collection::vec(any::<u64>(), 1..6),
        byte_ops in prop::collection::vec(any::<u64>(), 0..2),
    ) {
        let answer = mutate_json(&answers()[which], &ops).to_string();
        let data = input(0, page, &mutate_bytes(answer.as_bytes(), &byte_ops));
        prop_assert_eq!(check_response(&data), Ok(()));
    }
}

//! The cargo-fuzz check (`fuzz/fuzz_targets/neto_response.rs`) run on stable for a bounded
//! number of inputs: random bytes, and mutations of recorded answers and of `Ack: Error` and
//! `Ack: Warning` envelopes.
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
use shopmcp_neto::fuzzing::check_response;

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
    vec![
        fixture("get_item_list.json"),
        fixture("get_item.json"),
        fixture("get_order_list.json"),
        fixture("get_order.json"),
        fixture("update_item.json"),
        json!({"Ack": "Error", "Messages": {"Error": {"Message": "SKU not found",
            "SeverityLevel": "Error", "Description": "The SKU does not exist"}}}),
        json!({"Ack": "Warning", "Item": [{"SKU": "LSD"}], "Messages": [{"Warning": [
            {"Message": "Price ignored"}, {"Message": "Stock ignored"}]}]}),
    ]
}

/// A check input: status selector, action selector, body.
fn input(status: u8, action: u8, body: &[u8]) -> Vec<u8> {
    let mut data = vec![status, action];
    data.extend_from_slice(body);
    data
}

#[test]
fn recorded_answers_pass_the_check() {
    for answer in answers() {
        for status in 0..8 {
            check_response(&input(status, 0, answer.to_string().as_bytes())).unwrap();
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
        action in any::<u8>(),
        which in 0usize..7,
        ops in prop::collection::vec(any::<u64>(), 1..6),
        byte_ops in prop::collection::vec(any::<u64>(), 0..2),
    ) {
        let answer = mutate_json(&answers()[which], &ops).to_string();
        let data = input(0, action, &mutate_bytes(answer.as_bytes(), &byte_ops));
        prop_assert_eq!(check_response(&data), Ok(()));
    }
}

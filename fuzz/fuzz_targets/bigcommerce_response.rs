//! Fuzzes the handling of BigCommerce v2/v3 answers: error bodies, envelopes and pagination.
//!
//! `cargo fuzz run bigcommerce_response` (from the repository root). The same check runs on stable, for a
//! bounded number of inputs, in `crates/shopmcp-bigcommerce/tests/fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_bigcommerce::fuzzing::check_response(data) {
        panic!("BigCommerce answer invariant broken: {violation}");
    }
});

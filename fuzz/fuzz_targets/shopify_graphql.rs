//! Fuzzes the handling of Shopify GraphQL answers: throttle, envelope, errors and typed data.
//!
//! `cargo fuzz run shopify_graphql` (from the repository root). The same check runs on stable, for a
//! bounded number of inputs, in `crates/shopmcp-shopify/tests/fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_shopify::fuzzing::check_graphql_response(data) {
        panic!("GraphQL answer invariant broken: {violation}");
    }
});

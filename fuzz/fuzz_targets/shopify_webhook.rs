//! Fuzzes compliance webhook verification and event parsing: headers, signature and body.
//!
//! `cargo fuzz run shopify_webhook` (from the repository root). The same check runs on stable, for a
//! bounded number of inputs, in `crates/shopmcp-shopify/tests/fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_shopify::fuzzing::check_webhook(data) {
        panic!("webhook invariant broken: {violation}");
    }
});

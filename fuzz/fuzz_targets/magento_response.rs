//! Fuzzes the handling of Magento REST answers: status mapping, search results and objects.
//!
//! `cargo fuzz run magento_response` (from the repository root). The same check runs on stable, for a
//! bounded number of inputs, in `crates/shopmcp-magento/tests/fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_magento::fuzzing::check_response(data) {
        panic!("Magento answer invariant broken: {violation}");
    }
});

//! Fuzzes the handling of Neto answers: the Ack envelope, messages, warnings and typed rows.
//!
//! `cargo fuzz run neto_response` (from the repository root). The same check runs on stable, for a
//! bounded number of inputs, in `crates/shopmcp-neto/tests/fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_neto::fuzzing::check_response(data) {
        panic!("Neto answer invariant broken: {violation}");
    }
});

//! Fuzzes the SME1 ciphertext parser and opener with arbitrary bytes.
//!
//! `cargo +nightly fuzz run sme1_parse` (from the repository root). The same check runs on
//! stable, for a bounded number of inputs, in `crates/shopmcp-vault/tests/sme1_fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_vault::fuzzing::check_sme1(data) {
        panic!("SME1 invariant broken: {violation}");
    }
});

//! Fuzzes argument validation: raw text against three tool specs.
//!
//! `cargo fuzz run args_validate` (from the repository root). The same check runs on stable, for a
//! bounded number of inputs, in `crates/shopmcp-core/tests/fuzz_stable.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = shopmcp_core::fuzzing::check_arguments(data) {
        panic!("argument validation invariant broken: {violation}");
    }
});

//! # shopmcp-suite
//!
//! Security tests that span every platform crate at once (not published). The tests live in
//! `tests/`:
//!
//! - `names.rs`: tool names are unique across Shopify, Magento, BigCommerce and Neto together,
//!   and every platform passes the testkit's conformance checks;
//! - `write_injection.rs`: property tests over every write tool of every platform. Each call
//!   carries a valid base argument object plus one injected key (a forbidden field, a field the
//!   tool does not accept, in case, full-width, Cyrillic and zero-width spellings, or a
//!   duplicated key whose second value is a marker) and goes through the whole
//!   `shopmcp_core::Pipeline` to a fake store. The call must be refused before any request,
//!   or neither the key nor the marker may reach the store. Every write tool's base call
//!   must succeed against spec-shaped answers built from the platform crates' fixtures, so a
//!   tool without a working base fails the suite instead of being skipped;
//! - `injection_helpers.rs`: the spellings, raw JSON with duplicated keys, violation paths and
//!   leak detection those tests rely on.
//!
//! Run them with `cargo test -p shopmcp-suite`.
#![forbid(unsafe_code)]

//! The wrapper against the fake KMS: exact requests, context binding, rotation, error
//! mapping, redaction. One binary (one link of the SDK); the log capture test is separate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod errors;
mod isolation;
mod redaction;
mod requests;
mod rotation;

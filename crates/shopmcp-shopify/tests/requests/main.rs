//! Every tool against the fake upstream: the exact request (method, path, headers, operation,
//! variables) and the projected output from a realistic response.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod catalog;
mod orders;
mod products;
mod reads;
mod stock;
mod writes;

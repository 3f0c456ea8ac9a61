//! Every tool against an HTTPS fake Magento: the exact request (method, path, query, headers,
//! OAuth signature, body) and the projected output of a realistic answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod customers;
mod guest;
mod reads;
mod sales;
mod writes;

//! End-to-end tests of the upstream client against the fake upstream on loopback.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bodies;
mod common;
mod leakage;
mod paused;
mod redirects;
mod retries;
mod ssrf;
mod status;
mod tls;

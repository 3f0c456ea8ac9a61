//! Integration tests against a real PostgreSQL: each test creates its own database and roles
//! and drops them afterwards. Point them at a server with `SHOPMCP_TEST_DATABASE_URL` (a
//! superuser URL; default `postgres://postgres@127.0.0.1:5432/postgres`). Without a server
//! they are skipped loudly, unless `CI` is set: then they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr,
    missing_docs,
    unreachable_pub
)]

mod audit;
mod catalog;
mod common;
mod concurrency;
mod credentials;
mod gdpr;
mod idempotency;
mod isolation;
mod setup;
mod tokens;

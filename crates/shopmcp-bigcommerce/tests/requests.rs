//! Every tool against the fake BigCommerce: the exact request (method, path, query, headers,
//! body) and the projected output from a realistic answer (shaped from the spec's examples).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

#[path = "requests/carts.rs"]
mod carts;
#[path = "requests/catalog.rs"]
mod catalog;
#[path = "requests/customers.rs"]
mod customers;
#[path = "requests/inventory.rs"]
mod inventory;
#[path = "requests/orders.rs"]
mod orders;
#[path = "requests/payments.rs"]
mod payments;

use common::{Env, assert_headers, path};
use serde_json::Value;

/// What the one request of a call must be.
pub(crate) struct Expect<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: Option<&'a str>,
    pub(crate) body: Option<Value>,
}

/// Asserts the only request the fake received.
pub(crate) fn assert_request(env: &Env, want: &Expect<'_>) {
    let req = env.only_request();
    assert_eq!(req.method, want.method);
    assert_eq!(req.path, path(want.path));
    assert_eq!(req.query.as_deref(), want.query);
    assert_headers(&req);
    match &want.body {
        None => assert!(req.body.is_empty(), "unexpected body"),
        Some(body) => assert_eq!(req.json().as_ref(), Some(body)),
    }
}

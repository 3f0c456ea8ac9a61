//! # shopmcp-neto
//!
//! Allowlisted tools for Neto (Maropost Commerce Cloud) stores, for MCP servers built on
//! [shopmcp-core](shopmcp_core).
//!
//! Neto has one API endpoint per store, `POST https://<merchant-domain>/do/WS/NetoAPI`; the
//! header `NETOAPI_ACTION` says what the request does. Here that header comes only from the
//! [`Action`] enum, fixed per tool at compile time: no input field can name an action, a
//! host or a path. Every tool is a hand-written handler with a closed input schema:
//!
//! - **Reads** request only the fields they return (`OutputSelector` is a constant per tool;
//!   a unit test checks it against the fields each answer type reads), with page sizes
//!   capped at 100.
//! - **Writes** reach a fixed whitelist of fields ([`ITEM_WRITABLE`] for items; quantity
//!   for stock; a sticky note; status and tracking of an order). They are absent from a
//!   workspace's toolbox until it opts in, and the order status update (W3) needs a human
//!   confirmation and an idempotency key, and e-mails the customer only when asked.
//! - **Answers** are checked before use: Neto reports failures as HTTP 200 with
//!   `"Ack": "Error"`, which becomes
//!   [`ErrorKind::UpstreamRejected`](shopmcp_core::ErrorKind::UpstreamRejected); warnings
//!   (`"Ack": "Warning"`) are passed on in a `warnings` list; numbers, booleans and dates
//!   sent as strings are parsed strictly ("abc" for a price is a malformed answer, never 0).
//! - **Customer personal data** (e-mail, names, phone numbers, addresses) is neither
//!   requested nor returned unless [`ToolOptions::customer_pii`] is on; text from customers
//!   (addresses, delivery instructions, return reasons, notes) is marked
//!   [`Untrusted`](shopmcp_core::Untrusted).
//! - **Rate limit**: Neto allows 500 requests a minute per account and answers 429 beyond;
//!   shopmcp-http waits out `Retry-After` for reads and never retries writes.
//!
//! ```
//! use std::sync::Arc;
//! use shopmcp_http::{BaseUrl, HttpClient};
//! use shopmcp_neto::{NetoClient, NetoConfig, ToolOptions, tools};
//!
//! let config = NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap()).unwrap();
//! let client = Arc::new(NetoClient::new(HttpClient::builder().build().unwrap(), config));
//! let all = tools(&client, &ToolOptions::default());
//! assert_eq!(all.len(), 18);
//! assert!(all.iter().all(|t| t.spec().name().starts_with("neto_")));
//! ```
#![forbid(unsafe_code)]

mod action;
mod carts;
mod categories;
mod client;
mod common;
mod config;
mod credentials;
mod customers;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod item_updates;
mod items;
mod order_fields;
mod order_updates;
mod orders;
mod payments;
mod rmas;
mod shipping;
mod stock;
mod vouchers;
mod warehouses;
mod wire;

use std::sync::Arc;

use shopmcp_core::{CredentialSlot, Platform, Tool};

pub use action::Action;
pub use client::{HEADER_ACTION, HEADER_KEY, HEADER_USERNAME, NetoClient};
pub use config::{API_PATH, NetoConfig, NetoConfigError, ToolOptions};
pub use credentials::{FIELD_KEY, FIELD_USERNAME, KIND_API_KEY, NetoCredentials};
pub use item_updates::ITEM_WRITABLE;

/// The credential slot every tool uses: `neto.admin`, kind `api_key` (see
/// [`NetoCredentials`]).
pub const SLOT_ADMIN: CredentialSlot = CredentialSlot::new(Platform::Neto, "admin");

/// Every Neto tool, reads and writes, in one reviewable list.
///
/// Write tools are included; a workspace's [`Toolbox`](shopmcp_core::Toolbox) keeps them
/// only if the workspace opted in. `options` decides whether customer personal data is
/// requested and returned.
pub fn tools(client: &Arc<NetoClient>, options: &ToolOptions) -> Vec<Arc<dyn Tool>> {
    let shared = Arc::new(common::Shared {
        client: Arc::clone(client),
        options: *options,
    });
    let built = [
        items::tools(&shared),
        stock::tools(&shared),
        warehouses::tools(&shared),
        categories::tools(&shared),
        orders::tools(&shared),
        order_updates::tools(&shared),
        customers::tools(&shared),
        payments::tools(&shared),
        rmas::tools(&shared),
        carts::tools(&shared),
        vouchers::tools(&shared),
        shipping::tools(&shared),
    ];
    built
        .into_iter()
        .flatten()
        .filter_map(|t| match t {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(target: "shopmcp::neto", error = %e, "a Neto tool spec was refused; the tool is left out");
                None
            }
        })
        .collect()
}

/// The crate README's Rust examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

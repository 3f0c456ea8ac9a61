//! # shopmcp-bigcommerce
//!
//! Allowlisted BigCommerce tools for shopmcp: hand-written, each bound to one REST v2/v3
//! operation, read-only unless a workspace opts into writes, with field-level write whitelists.
//!
//! ```no_run
//! use std::sync::Arc;
//! use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig, ToolOptions, tools};
//! use shopmcp_core::{Toolbox, WriteOptIn};
//!
//! let http = shopmcp_http::HttpClient::builder().build().expect("http client");
//! let config = BigCommerceConfig::parse("h10wocxy6s").expect("store hash");
//! let client = Arc::new(BigCommerceClient::new(http, config));
//! let all = tools(&client, &ToolOptions::default());
//! // Reads only, unless this workspace opts into writes:
//! let toolbox = Toolbox::new(all, &WriteOptIn::none()).expect("unique names");
//! # drop(toolbox);
//! ```
//!
//! ## Decisions an auditor will look for
//! - **Store identity** comes from [`BigCommerceConfig`] (a [`StoreHash`] validated as
//!   `^[a-z0-9]{1,32}$`), never from the model; the host is always `api.bigcommerce.com`.
//!   [`BigCommerceConfig::dangerous_endpoint`] accepts loopback literals only, which the
//!   production HTTP client refuses.
//! - **Credential**: slot [`SLOT_ADMIN`] (`bigcommerce.admin`), kind `access_token`, field
//!   `token`, sent as `X-Auth-Token` (see [`BigCommerceCredentials`]).
//! - **Writes** change only whitelisted fields: products (`name`, `price`, `sale_price`,
//!   `is_visible`, `description`, `weight`), variant prices, inventory (relative or absolute, with a
//!   reason), order status and staff notes, shipments (W3: confirmation and idempotency key),
//!   buyer-side carts (catalog items only, never a price override).
//! - **Lists** ask for at most [`MAX_PAGE_SIZE`] items and never walk all pages; answers say
//!   which page comes next.
//! - **Customer PII** (names, e-mail addresses, phone numbers, postal addresses) appears only
//!   with [`ToolOptions::customer_pii`]; customer-written text is
//!   [`Untrusted`](shopmcp_core::Untrusted).
//! - **Refund quotes** use BigCommerce's `POST …/payment_actions/refund_quotes`, which computes
//!   a quote and creates nothing: the request is classified as a read (retryable) and the tool
//!   is a read tool. **Checkout links** (`POST /carts/{id}/redirect_urls`) mint a new single-use
//!   URL each time: that request stays a write (never retried).
//! - **Rate limits**: every request carries `shopmcp-http`'s BigCommerce classifier
//!   (`X-Rate-Limit-Time-Reset-Ms` on 429): reads wait (bounded), writes report
//!   [`ErrorKind::UpstreamThrottled`](shopmcp_core::ErrorKind::UpstreamThrottled).
//! - No scripts, webhooks or API-account tools exist.
#![forbid(unsafe_code)]

mod brands;
mod cart_shape;
mod carts;
mod categories;
mod client;
mod config;
mod contact;
mod credentials;
mod customers;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod inventory;
mod locations;
mod order_details;
mod orders;
mod products;
mod promotions;
mod refunds;
pub mod scopes;
mod shipments;
mod store;
mod transactions;
mod variants;
mod wire;

use std::sync::Arc;

use shopmcp_core::{
    CredentialSlot, FnTool, Handler, Platform, SpecError, Tool, ToolSpec, ToolSpecBuilder,
};

pub use client::BigCommerceClient;
pub use config::{BigCommerceConfig, ConfigError, ToolOptions};
pub use credentials::{BigCommerceCredentials, FIELD_TOKEN, KIND_ACCESS_TOKEN};
pub use shopmcp_http::StoreHash;
pub use wire::MAX_PAGE_SIZE;

/// The credential slot every BigCommerce tool uses: `bigcommerce.admin`, an API account
/// token (kind `access_token`, field `token`).
pub const SLOT_ADMIN: CredentialSlot = CredentialSlot::new(Platform::Bigcommerce, "admin");

/// What every handler shares: the client and the operator's options.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) client: BigCommerceClient,
    pub(crate) options: ToolOptions,
}

/// A tool constructor.
type Build = fn(&Arc<State>) -> Result<Arc<dyn Tool>, SpecError>;

/// Every BigCommerce tool, in one reviewable list.
const TOOLS: [Build; 32] = [
    // Store and catalogue (reads).
    store::get,
    products::list,
    products::get,
    variants::list,
    categories::tree_get,
    brands::list,
    // Orders (reads).
    orders::list,
    orders::get,
    order_details::products_list,
    order_details::shipping_addresses_list,
    order_details::statuses_list,
    shipments::list,
    transactions::list,
    refunds::list,
    refunds::quote,
    // Customers (reads, PII minimised unless enabled).
    customers::list,
    customers::get,
    customers::groups_list,
    // Carts (buyer side) and abandoned carts.
    carts::get,
    carts::abandoned_get,
    // Inventory, locations, promotions (reads).
    inventory::items_list,
    locations::list,
    promotions::list,
    promotions::codes_list,
    // Writes: W2.
    products::update,
    variants::prices_update,
    inventory::adjust,
    inventory::set,
    orders::update,
    carts::create,
    carts::items_add,
    // Writes: W3 (confirmation and idempotency key).
    shipments::create,
];

/// Every BigCommerce tool for `client`'s store.
///
/// Write tools are included; a workspace's [`Toolbox`](shopmcp_core::Toolbox) keeps them only
/// when that workspace opted in. A tool whose spec failed its build-time checks would be left
/// out and logged at ERROR (the crate's tests build every spec, so this does not happen in a
/// released version).
pub fn tools(client: &Arc<BigCommerceClient>, options: &ToolOptions) -> Vec<Arc<dyn Tool>> {
    let state = Arc::new(State {
        client: BigCommerceClient::clone(client),
        options: *options,
    });
    TOOLS
        .iter()
        .filter_map(|build| match build(&state) {
            Ok(tool) => Some(tool),
            Err(e) => {
                tracing::error!(target: "shopmcp::bigcommerce", error = %e, "tool left out: its spec is invalid");
                None
            }
        })
        .collect()
}

/// Starts a read tool's spec with the platform and credential slot set.
pub(crate) fn read_spec<I: schemars::JsonSchema + 'static, O: schemars::JsonSchema + 'static>(
    name: &str,
) -> ToolSpecBuilder {
    ToolSpec::read::<I, O>(name, Platform::Bigcommerce).credential(Some(SLOT_ADMIN))
}

/// Starts a write tool's spec with the platform and credential slot set.
pub(crate) fn write_spec<I: schemars::JsonSchema + 'static, O: schemars::JsonSchema + 'static>(
    name: &str,
    tier: shopmcp_core::RiskTier,
) -> ToolSpecBuilder {
    ToolSpec::write::<I, O>(name, Platform::Bigcommerce, tier).credential(Some(SLOT_ADMIN))
}

/// Wraps a built spec and its handler.
pub(crate) fn tool(
    spec: Result<ToolSpec, SpecError>,
    state: &Arc<State>,
    handler: Handler<Arc<State>>,
) -> Result<Arc<dyn Tool>, SpecError> {
    Ok(Arc::new(FnTool::new(spec?, Arc::clone(state), handler)))
}

/// The crate README's Rust example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_builds_and_names_are_unique() {
        let http = shopmcp_http::HttpClient::builder().build().unwrap();
        let client = Arc::new(BigCommerceClient::new(
            http,
            BigCommerceConfig::parse("abc123").unwrap(),
        ));
        let state = Arc::new(State {
            client: BigCommerceClient::clone(&client),
            options: ToolOptions::default(),
        });
        let mut names = Vec::new();
        for build in TOOLS {
            let tool = build(&state).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(tool.spec().credential(), Some(SLOT_ADMIN));
            assert!(!tool.spec().scopes().is_empty(), "{}", tool.spec().name());
            names.push(tool.spec().name().to_owned());
        }
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(tools(&client, &ToolOptions::default()).len(), TOOLS.len());
    }
}

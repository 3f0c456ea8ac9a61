//! # shopmcp-magento
//!
//! Allowlisted tools for Magento 2 / Adobe Commerce stores, over the REST API
//! (`/rest/{store}/V1/...`), for the `shopmcp-core` pipeline.
//!
//! - **Store identity from configuration**: [`MagentoConfig`] holds the merchant's base URL
//!   (https, SSRF-checked by `shopmcp-http` on every request) and a [`StoreCode`] checked
//!   against the operator's allowlist (`all` only when listed). The model never supplies a
//!   host, path or store code.
//! - **Credentials per call** from slot [`SLOT_ADMIN`] (`magento.admin`): kind `oauth1`, the
//!   default (requests signed with OAuth 1.0a HMAC-SHA256 from the Integration's four values),
//!   or kind `bearer` for stores that allow integration tokens as bearer tokens. Guest cart tools
//!   use Magento's anonymous routes and send no credential.
//! - **Requests**: every identifier is one percent-encoded path segment (a SKU such as
//!   `../customers/1` stays inside `/V1/products/…`); `searchCriteria` comes from per-tool
//!   enums of fields, conditions and sort fields; pages hold at most 50 items; one call reads
//!   one page.
//! - **Writes** are whitelisted field by field; `magento_products_update` changes exactly
//!   `name, price, special_price, status, visibility, description, short_description, weight,
//!   qty, is_in_stock`. W3 tools (ship, cancel) need a confirmation and an idempotency key and
//!   never notify the customer unless asked.
//! - **Outputs** are typed, declared fields only; customer e-mail, names and addresses appear
//!   only with [`ToolOptions::customer_pii`]; text written by customers or third parties is
//!   marked untrusted.
//!
//! ```
//! use std::sync::Arc;
//! use shopmcp_http::{BaseUrl, HttpClient};
//! use shopmcp_magento::{MagentoClient, MagentoConfig, StoreCode, ToolOptions, tools};
//!
//! let base = BaseUrl::parse("https://shop.example.com").unwrap();
//! let store = StoreCode::parse("default", &["default"]).unwrap();
//! let client = Arc::new(MagentoClient::new(
//!     HttpClient::builder().build().unwrap(),
//!     MagentoConfig::new(base, store),
//! ));
//! let tools = tools(&client, &ToolOptions::default());
//! assert!(tools.iter().any(|t| t.spec().name() == "magento_products_update"));
//! ```
#![forbid(unsafe_code)]

mod address;
mod billing;
mod carts;
mod categories;
mod client;
mod config;
mod credentials;
mod customers;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod guest_carts;
mod inventory;
mod oauth;
mod order_actions;
mod orders;
mod product_update;
mod products;
mod promotions;
mod routes;
mod search;
mod shipments;
mod stores;
mod values;

use std::sync::Arc;

use shopmcp_core::{FnTool, Handler, SpecError, Tool, ToolSpec};

pub use client::MagentoClient;
pub use config::{ConfigError, MagentoConfig, StoreCode, ToolOptions};
pub use credentials::{KIND_BEARER, KIND_OAUTH1, SLOT_ADMIN};

/// Largest page any search tool returns.
pub const MAX_PAGE_SIZE: u32 = search::MAX_PAGE_SIZE;

/// The fields `magento_products_update` can change: nothing else reaches the store.
pub const PRODUCT_UPDATE_FIELDS: [&str; 10] = product_update::WRITABLE;

type State = Arc<MagentoClient>;

fn tool(spec: ToolSpec, client: &State, handler: Handler<State>) -> Arc<dyn Tool> {
    Arc::new(FnTool::new(spec, Arc::clone(client), handler))
}

/// Picks the handler that shows customer PII or the one that leaves it out.
fn pii(options: &ToolOptions, with: Handler<State>, without: Handler<State>) -> Handler<State> {
    if options.customer_pii { with } else { without }
}

/// Every Magento tool, reads and writes; a workspace's `Toolbox` keeps the writes it opted
/// into. Like [`tools`], returning a spec error instead of panicking.
pub fn try_tools(client: &State, options: &ToolOptions) -> Result<Vec<Arc<dyn Tool>>, SpecError> {
    let o = options;
    Ok(vec![
        // Reads.
        tool(stores::list_spec()?, client, stores::list),
        tool(products::search_spec()?, client, products::search),
        tool(products::get_spec()?, client, products::get),
        tool(categories::list_spec()?, client, categories::list),
        tool(
            orders::search_spec()?,
            client,
            pii(o, orders::search::<true>, orders::search::<false>),
        ),
        tool(
            orders::get_spec()?,
            client,
            pii(o, orders::get::<true>, orders::get::<false>),
        ),
        tool(
            order_actions::comments_spec()?,
            client,
            order_actions::comments,
        ),
        tool(
            billing::invoices_search_spec()?,
            client,
            billing::invoices_search,
        ),
        tool(billing::invoices_get_spec()?, client, billing::invoices_get),
        tool(shipments::search_spec()?, client, shipments::search),
        tool(shipments::get_spec()?, client, shipments::get),
        tool(
            billing::creditmemos_search_spec()?,
            client,
            billing::creditmemos_search,
        ),
        tool(
            billing::creditmemos_get_spec()?,
            client,
            billing::creditmemos_get,
        ),
        tool(
            customers::search_spec()?,
            client,
            pii(o, customers::search::<true>, customers::search::<false>),
        ),
        tool(
            customers::get_spec()?,
            client,
            pii(o, customers::get::<true>, customers::get::<false>),
        ),
        tool(customers::groups_spec()?, client, customers::groups),
        tool(inventory::stock_get_spec()?, client, inventory::stock_get),
        tool(inventory::salable_spec()?, client, inventory::salable),
        tool(inventory::sources_spec()?, client, inventory::sources),
        tool(
            carts::search_spec()?,
            client,
            pii(o, carts::search::<true>, carts::search::<false>),
        ),
        tool(promotions::rules_spec()?, client, promotions::rules),
        tool(promotions::coupons_spec()?, client, promotions::coupons),
        tool(guest_carts::totals_spec()?, client, guest_carts::totals),
        // W1.
        tool(
            order_actions::comment_create_spec()?,
            client,
            order_actions::comment_create,
        ),
        // W2.
        tool(
            product_update::update_spec()?,
            client,
            product_update::update,
        ),
        tool(order_actions::hold_spec()?, client, order_actions::hold),
        tool(order_actions::unhold_spec()?, client, order_actions::unhold),
        tool(
            inventory::source_items_spec()?,
            client,
            inventory::source_items,
        ),
        tool(guest_carts::create_spec()?, client, guest_carts::create),
        tool(guest_carts::add_spec()?, client, guest_carts::add),
        // W3: human confirmation and an idempotency key.
        tool(shipments::create_spec()?, client, shipments::create),
        tool(order_actions::cancel_spec()?, client, order_actions::cancel),
    ])
}

/// Every Magento tool, reads and writes, in one reviewable list (see the README's table); a
/// workspace's `Toolbox` keeps the reads and the writes it opted into.
///
/// # Panics
///
/// Never in practice: every spec is fixed at compile time and built by this crate's tests
/// (`tests/requests.rs` builds the list). [`try_tools`] returns the error instead.
#[allow(
    clippy::expect_used,
    reason = "fixed specs, each built by the crate's tests"
)]
pub fn tools(client: &State, options: &ToolOptions) -> Vec<Arc<dyn Tool>> {
    try_tools(client, options).expect("the Magento tool specs are valid")
}

/// The crate README's Rust example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

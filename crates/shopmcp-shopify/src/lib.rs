//! # shopmcp-shopify
//!
//! Allowlisted Shopify tools for shopmcp: hand-written tools over the Admin GraphQL API (a
//! merchant's orders, products, inventory, customers, fulfillments) and the Storefront API
//! (buyer-side carts), plus the GDPR compliance webhooks every Shopify app must answer.
//!
//! ```no_run
//! use std::sync::Arc;
//! use shopmcp_http::{HttpClient, ShopHandle};
//! use shopmcp_shopify::{tools, ApiVersion, ShopifyClient, ShopifyConfig, ToolOptions};
//!
//! let http = HttpClient::builder().build().expect("client");
//! let config = ShopifyConfig::new(ShopHandle::parse("acme").expect("handle"), ApiVersion::V2026_07);
//! let client = Arc::new(ShopifyClient::new(http, config));
//! let all = tools(&client, &ToolOptions::default());
//! // Put `all` into a workspace's `Toolbox` (writes only when that workspace opted in), after
//! // `filter_tools` dropped those the token's scopes do not allow.
//! # drop(all);
//! ```
//!
//! ## What the model can and cannot do
//! - Every tool is one named GraphQL operation from a constant document using variables only
//!   ([`documents::ALL`] lists them; a test validates each against the vendored 2026-07 schema).
//!   There is no raw GraphQL, webhook-subscription, theme, script, staff or app tool.
//! - The host comes from the validated shop handle in [`ShopifyConfig`]; the API version is a
//!   checked [`ApiVersion`]; the model supplies neither.
//! - Search filters (`query:` arguments) are built from enumerated fields with quoted,
//!   escaped values only.
//! - Writes change whitelisted fields only (the schema and the validator both enforce the
//!   list); W3 writes (fulfillment, cancellation) need a confirmation and an idempotency key,
//!   and never notify the customer unless asked.
//! - Customer names, e-mail addresses, phone numbers and addresses are neither requested nor
//!   returned unless [`ToolOptions::customer_pii`] is on. Text from outside the merchant
//!   (order notes, addresses, product descriptions) is marked untrusted.
//!
//! ## Credentials
//! See [`credentials`] for the slots, kinds and fields. Client-credentials tokens (Dev
//! Dashboard apps) are obtained on first use, cached in the client as secrets, refreshed
//! five minutes before they expire (one refresh at a time) and never logged.
//!
//! ## Throttling and errors
//! Shopify's cost-based throttle (`THROTTLED` in a 200, or a 429) is waited out, bounded, for
//! reads and reported as `UpstreamThrottled` for writes. Mutation `userErrors` become an
//! `UpstreamRejected` error listing each field path and message. `ACCESS_DENIED` becomes
//! `MissingScope`.
#![forbid(unsafe_code)]

mod checkouts;
mod client;
mod collections;
mod config;
pub mod credentials;
mod customers;
mod discounts;
pub mod documents;
mod draft_orders;
mod error;
mod fulfillments;
#[doc(hidden)]
pub mod fuzzing;
mod gid;
mod graphql;
mod html;
mod inventory;
mod locations;
mod money;
mod orders;
mod products;
mod scopes;
mod search;
mod shared;
mod shop;
mod storefront;
mod token;
mod types;
mod variants;
pub mod webhooks;

use std::sync::Arc;

use shopmcp_core::{CredentialSlot, Platform, Tool};

pub use client::ShopifyClient;
pub use config::{ApiVersion, ShopifyConfig, ToolOptions, UnsupportedApiVersion};
pub use graphql::{Api, Document, OperationKind};
pub use scopes::{GrantedScopes, LeftOutTool, ScopeReport, filter_tools};

use shared::Shared;

/// The Admin API credential slot (`shopify.admin`).
pub const SLOT_ADMIN: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
/// The Storefront API credential slot (`shopify.storefront`), used by the cart tools.
pub const SLOT_STOREFRONT: CredentialSlot = CredentialSlot::new(Platform::Shopify, "storefront");

/// The compliance-webhook signing secret slot (`shopify.webhooks`, kind `app_secret`, field
/// `secret`): the app's client secret, which Shopify signs webhook deliveries with.
pub const SLOT_WEBHOOKS: CredentialSlot = CredentialSlot::new(Platform::Shopify, "webhooks");

/// Every Shopify tool, read and write, for one shop.
///
/// Put them into a workspace's `Toolbox`: reads are always registered, writes only when the
/// workspace opted into their tier or name. Use [`filter_tools`] first to drop the tools the
/// token's access scopes do not allow.
pub fn tools(client: &Arc<ShopifyClient>, options: &ToolOptions) -> Vec<Arc<dyn Tool>> {
    let s = Arc::new(Shared {
        client: Arc::clone(client),
        options: *options,
    });
    let built = [
        // Admin reads.
        shop::get(&s),
        orders::list(&s),
        orders::get(&s),
        products::list(&s),
        products::get(&s),
        variants::search(&s),
        collections::list(&s),
        customers::list(&s),
        customers::get(&s),
        inventory::levels(&s),
        locations::list(&s),
        fulfillments::orders(&s),
        draft_orders::list(&s),
        draft_orders::get(&s),
        discounts::list(&s),
        checkouts::abandoned(&s),
        // Admin writes: W1.
        orders::update(&s),
        customers::update(&s),
        // Admin writes: W2.
        products::update(&s),
        variants::prices_update(&s),
        inventory::adjust(&s),
        inventory::set(&s),
        // Admin writes: W3.
        fulfillments::create(&s),
        orders::cancel(&s),
        // Storefront (buyer side).
        storefront::catalog_search(&s),
        storefront::carts_get(&s),
        storefront::carts_create(&s),
        storefront::lines_add(&s),
        storefront::lines_update(&s),
        storefront::lines_remove(&s),
    ];
    built
        .into_iter()
        .filter_map(|b| {
            b.map_err(|e| tracing::error!(error = %e, "a Shopify tool spec was refused"))
                .ok()
        })
        .collect()
}

/// The README's Rust example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use shopmcp_core::{Access, RiskTier};
    use shopmcp_http::{HttpClient, ShopHandle};

    use super::*;

    fn client() -> Arc<ShopifyClient> {
        let http = HttpClient::builder().build().unwrap();
        let shop = ShopHandle::parse("acme").unwrap();
        Arc::new(ShopifyClient::new(
            http,
            ShopifyConfig::new(shop, ApiVersion::V2026_07),
        ))
    }

    #[test]
    fn every_tool_builds_with_its_tier() {
        let all = tools(&client(), &ToolOptions::default());
        let got: Vec<(String, Access)> = all
            .iter()
            .map(|t| (t.spec().name().to_owned(), t.spec().access()))
            .collect();
        let w = Access::Write;
        let r = Access::Read;
        let want: Vec<(&str, Access)> = vec![
            ("shopify_shop_get", r),
            ("shopify_orders_list", r),
            ("shopify_orders_get", r),
            ("shopify_products_list", r),
            ("shopify_products_get", r),
            ("shopify_variants_search", r),
            ("shopify_collections_list", r),
            ("shopify_customers_list", r),
            ("shopify_customers_get", r),
            ("shopify_inventory_levels_list", r),
            ("shopify_locations_list", r),
            ("shopify_fulfillment_orders_list", r),
            ("shopify_draft_orders_list", r),
            ("shopify_draft_orders_get", r),
            ("shopify_discounts_list", r),
            ("shopify_abandoned_checkouts_list", r),
            ("shopify_orders_update", w(RiskTier::W1)),
            ("shopify_customers_update", w(RiskTier::W1)),
            ("shopify_products_update", w(RiskTier::W2)),
            ("shopify_variant_prices_update", w(RiskTier::W2)),
            ("shopify_inventory_adjust", w(RiskTier::W2)),
            ("shopify_inventory_set", w(RiskTier::W2)),
            ("shopify_fulfillments_create", w(RiskTier::W3)),
            ("shopify_orders_cancel", w(RiskTier::W3)),
            ("shopify_catalog_search", r),
            ("shopify_carts_get", r),
            ("shopify_carts_create", w(RiskTier::W2)),
            ("shopify_cart_lines_add", w(RiskTier::W2)),
            ("shopify_cart_lines_update", w(RiskTier::W2)),
            ("shopify_cart_lines_remove", w(RiskTier::W2)),
        ];
        let want: Vec<(String, Access)> =
            want.into_iter().map(|(n, a)| (n.to_owned(), a)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn storefront_tools_use_the_storefront_slot_and_admin_tools_the_admin_slot() {
        for t in tools(&client(), &ToolOptions::default()) {
            let spec = t.spec();
            let storefront = spec
                .scopes()
                .iter()
                .any(|s| s.starts_with("unauthenticated_"));
            let want = if storefront {
                SLOT_STOREFRONT
            } else {
                SLOT_ADMIN
            };
            assert_eq!(spec.credential(), Some(want), "{}", spec.name());
        }
    }

    #[test]
    fn the_readme_documents_every_tool_with_its_scopes() {
        let readme = include_str!("../README.md");
        for t in tools(&client(), &ToolOptions::default()) {
            let spec = t.spec();
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", spec.name())))
                .unwrap_or_else(|| panic!("{} missing from the README", spec.name()));
            let access = match spec.access() {
                Access::Read => "read".to_owned(),
                Access::Write(tier) => tier.as_str().to_uppercase(),
            };
            assert!(row.contains(&format!("| {access} |")), "{row}");
            for scope in spec.scopes() {
                assert!(row.contains(&format!("`{scope}`")), "{row} lacks {scope}");
            }
        }
    }

    #[test]
    fn customer_scope_follows_the_pii_option() {
        let scopes = |pii: bool| {
            tools(&client(), &ToolOptions::default().with_customer_pii(pii))
                .into_iter()
                .find(|t| t.spec().name() == "shopify_orders_get")
                .map(|t| t.spec().scopes().to_vec())
                .unwrap()
        };
        assert_eq!(scopes(false), ["read_orders"]);
        assert_eq!(scopes(true), ["read_orders", "read_customers"]);
    }
}

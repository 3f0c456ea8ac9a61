//! Granted scopes at connect time, and the least-privilege scope sets the README documents.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use shopmcp_core::{CallContext, ErrorKind, Principal, Tool};
use shopmcp_shopify::{GrantedScopes, ToolOptions, filter_tools, tools};

use common::*;

/// The narrowest scopes for every read tool (README, "Read-only install").
const READ_ONLY: &[&str] = &[
    "read_products",
    "read_orders",
    "read_customers",
    "read_inventory",
    "read_locations",
    "read_draft_orders",
    "read_discounts",
    "read_merchant_managed_fulfillment_orders",
];

/// The narrowest scopes for every Admin tool (README, "Write-enabled install").
const WRITE_ENABLED: &[&str] = &[
    "write_products",
    "write_orders",
    "write_customers",
    "write_inventory",
    "read_locations",
    "read_draft_orders",
    "read_discounts",
    "write_merchant_managed_fulfillment_orders",
];

/// The Storefront scopes for the cart tools (README, "Buyer-side carts").
const STOREFRONT: &[&str] = &[
    "unauthenticated_read_product_listings",
    "unauthenticated_write_checkouts",
];

fn ctx(h: &Harness) -> CallContext {
    CallContext::new(h.ws, Principal::new("connect"), Duration::from_secs(10))
}

fn names(tools: &[Arc<dyn Tool>]) -> BTreeSet<String> {
    tools.iter().map(|t| t.spec().name().to_owned()).collect()
}

#[tokio::test]
async fn granted_scopes_are_read_from_the_app_installation() {
    let h = Harness::new().await;
    h.admin_reply(with_cost(json!({"currentAppInstallation": {"accessScopes": [
        {"handle": "read_products", "description": "Read products, variants, and collections"},
        {"handle": "write_orders", "description": "Modify orders, transactions, and fulfillments"}
    ]}})));
    let granted = h
        .client
        .granted_scopes(&ctx(&h), &admin_token())
        .await
        .unwrap();
    assert_eq!(
        graphql(&h.only_request(), Endpoint::Admin, "GrantedScopes"),
        json!({})
    );
    assert_eq!(
        granted.handles().collect::<Vec<_>>(),
        ["read_products", "write_orders"]
    );
    assert!(granted.allows("read_orders"));
}

#[tokio::test]
async fn connect_time_failures_are_errors() {
    let h = Harness::new().await;
    h.fake.push(
        "POST",
        ADMIN_PATH,
        shopmcp_testkit::FakeResponse::json(401, &json!({"errors": "[API] Invalid API key"})),
    );
    let err = h
        .client
        .granted_scopes(&ctx(&h), &admin_token())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
}

#[tokio::test]
async fn the_read_only_scopes_keep_every_read_tool_and_no_admin_write() {
    let h = Harness::new().await;
    let all = tools(&h.client, &ToolOptions::default());
    let (kept, report) = filter_tools(all.clone(), &GrantedScopes::new(READ_ONLY));
    for t in &all {
        let spec = t.spec();
        let storefront = spec
            .scopes()
            .iter()
            .any(|s| s.starts_with("unauthenticated_"));
        let kept_it = names(&kept).contains(spec.name());
        assert_eq!(
            kept_it,
            !spec.access().is_write() && !storefront,
            "{}",
            spec.name()
        );
    }
    assert!(
        report
            .to_string()
            .contains("shopify_orders_cancel was left out: it needs the access scope write_orders")
    );
    assert!(report.missing_scopes().contains("write_products"));
}

#[tokio::test]
async fn the_write_enabled_scopes_keep_every_admin_tool() {
    let h = Harness::new().await;
    for pii in [false, true] {
        let all = tools(&h.client, &ToolOptions::default().with_customer_pii(pii));
        let (kept, report) = filter_tools(all, &GrantedScopes::new(WRITE_ENABLED));
        let left: BTreeSet<String> = report.left_out.iter().map(|t| t.tool.clone()).collect();
        let storefront: BTreeSet<String> = [
            "shopify_catalog_search",
            "shopify_carts_get",
            "shopify_carts_create",
            "shopify_cart_lines_add",
            "shopify_cart_lines_update",
            "shopify_cart_lines_remove",
        ]
        .map(str::to_owned)
        .into();
        assert_eq!(left, storefront, "pii: {pii}");
        assert_eq!(kept.len(), 24);
    }
}

#[tokio::test]
async fn the_storefront_scopes_keep_the_buyer_tools_only() {
    let h = Harness::new().await;
    let (kept, _) = filter_tools(
        tools(&h.client, &ToolOptions::default()),
        &GrantedScopes::new(STOREFRONT),
    );
    let kept = names(&kept);
    assert!(kept.contains("shopify_catalog_search") && kept.contains("shopify_cart_lines_remove"));
    assert!(
        kept.contains("shopify_shop_get"),
        "the shop tool needs no scope"
    );
    assert_eq!(kept.len(), 7);
}

#[test]
fn no_scope_means_only_the_unscoped_tool() {
    let http = shopmcp_http::HttpClient::builder().build().unwrap();
    let client = Arc::new(shopmcp_shopify::ShopifyClient::new(
        http,
        shopmcp_shopify::ShopifyConfig::new(
            shopmcp_http::ShopHandle::parse("acme").unwrap(),
            shopmcp_shopify::ApiVersion::V2026_07,
        ),
    ));
    let (kept, report) = filter_tools(
        tools(&client, &ToolOptions::default()),
        &GrantedScopes::default(),
    );
    assert_eq!(
        names(&kept),
        BTreeSet::from(["shopify_shop_get".to_owned()])
    );
    assert_eq!(report.left_out.len(), 29);
}

//! The testkit's conformance suite over every Shopify tool (customer PII on, so nothing is left
//! out): names, closed schemas, write declarations, routing fields, access classes, annotations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use shopmcp_http::{HttpClient, ShopHandle};
use shopmcp_shopify::{ApiVersion, ShopifyClient, ShopifyConfig, ToolOptions, tools};
use shopmcp_testkit::conformance::assert_conformant;

#[test]
fn every_shopify_tool_conforms() {
    let config = ShopifyConfig::new(
        ShopHandle::parse("acme-outdoor").unwrap(),
        ApiVersion::V2026_07,
    );
    let client = Arc::new(ShopifyClient::new(
        HttpClient::builder().build().unwrap(),
        config,
    ));
    let all = tools(&client, &ToolOptions::default().with_customer_pii(true));
    assert_eq!(all.len(), 30, "a tool spec was refused and left out");
    assert_conformant("shopify", &all);
}

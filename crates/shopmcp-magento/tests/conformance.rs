//! The testkit's conformance suite over every Magento tool (customer PII on, so nothing is left
//! out): names, closed schemas, write declarations, routing fields, access classes, annotations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_magento::{MagentoClient, MagentoConfig, StoreCode, ToolOptions, try_tools};
use shopmcp_testkit::conformance::assert_conformant;

#[test]
fn every_magento_tool_conforms() {
    let config = MagentoConfig::new(
        BaseUrl::parse("https://shop.example.com").unwrap(),
        StoreCode::parse("default", &["default"]).unwrap(),
    );
    let client = Arc::new(MagentoClient::new(
        HttpClient::builder().build().unwrap(),
        config,
    ));
    let all = try_tools(&client, &ToolOptions::with_customer_pii(true)).unwrap();
    assert_eq!(all.len(), 32);
    assert_conformant("magento", &all);
}

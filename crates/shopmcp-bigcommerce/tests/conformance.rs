//! The testkit's conformance suite over every BigCommerce tool (customer PII on, so nothing is
//! left out): names, closed schemas, write declarations, routing fields, access classes,
//! annotations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig, ToolOptions, tools};
use shopmcp_http::HttpClient;
use shopmcp_testkit::conformance::assert_conformant;

#[test]
fn every_bigcommerce_tool_conforms() {
    let client = Arc::new(BigCommerceClient::new(
        HttpClient::builder().build().unwrap(),
        BigCommerceConfig::parse("h10wocxy6s").unwrap(),
    ));
    let all = tools(&client, &ToolOptions::default().with_customer_pii(true));
    assert_eq!(all.len(), 32, "a tool spec was refused and left out");
    assert_conformant("bigcommerce", &all);
}

//! The testkit's conformance suite over every Neto tool (customer PII on, so nothing is left
//! out): names, closed schemas, write declarations, routing fields, access classes, annotations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_neto::{NetoClient, NetoConfig, ToolOptions, tools};
use shopmcp_testkit::conformance::assert_conformant;

#[test]
fn every_neto_tool_conforms() {
    let config = NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap()).unwrap();
    let client = Arc::new(NetoClient::new(
        HttpClient::builder().build().unwrap(),
        config,
    ));
    let all = tools(&client, &ToolOptions::default().with_customer_pii(true));
    assert_eq!(all.len(), 18, "a tool spec was refused and left out");
    assert_conformant("neto", &all);
}

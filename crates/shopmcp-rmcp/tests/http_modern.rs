//! The 2026-07-28 wire format on HTTP, with raw requests: per-request `_meta`, the
//! `Mcp-Method`/`Mcp-Name` headers, no sessions, private tool lists.
#![cfg(feature = "http")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::Fixture;
use common::raw::{self, post};
use serde_json::{Value, json};

#[tokio::test]
async fn list_and_call_without_a_session() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    let r = raw::modern(h.url(), &f.token_a, 1, "tools/list", json!({})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.header("mcp-session-id").is_none());
    let result = &r.json()["result"];
    let names: Vec<&str> = result["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "local_products_list",
            "local_products_update",
            "local_refunds_create"
        ]
    );
    // A per-workspace list is never marked shareable.
    assert_eq!(result["cacheScope"], json!("private"), "{result}");

    let r = raw::modern(
        h.url(),
        &f.token_a,
        2,
        "tools/call",
        json!({"name": "local_products_list", "arguments": {"limit": 1}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let result = &r.json()["result"];
    assert_eq!(result["isError"], json!(false));
    assert_eq!(
        result["structuredContent"]["products"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let mirror: Value =
        serde_json::from_str(result["content"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(mirror, result["structuredContent"]);
}

#[tokio::test]
async fn errors_keep_their_json_rpc_codes() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    let r = raw::modern(
        h.url(),
        &f.token_b,
        1,
        "tools/call",
        json!({"name": "local_products_update", "arguments": {"sku": "MUG-01", "changes": {}}}),
    )
    .await;
    assert_eq!(r.json()["error"]["code"], json!(-32602), "{}", r.text);
    let r = raw::modern(h.url(), &f.token_a, 2, "prompts/list", json!({})).await;
    assert_eq!(r.json()["error"]["code"], json!(-32601), "{}", r.text);
    let r = raw::modern(
        h.url(),
        &f.token_a,
        3,
        "tools/call",
        json!({"name": "local_products_list", "arguments": {"limit": 500}}),
    )
    .await;
    assert_eq!(r.json()["result"]["isError"], json!(true), "{}", r.text);
}

#[tokio::test]
async fn a_name_header_that_contradicts_the_body_is_refused() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
        "name": "local_products_list", "arguments": {},
        "_meta": {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {}
        }
    }});
    let headers = [
        ("mcp-protocol-version", "2026-07-28"),
        ("mcp-method", "tools/call"),
        ("mcp-name", "local_products_update"),
    ];
    let r = post(h.url(), Some(&f.token_a), &body, &headers).await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(f.catalogue.writes(), 0);
}

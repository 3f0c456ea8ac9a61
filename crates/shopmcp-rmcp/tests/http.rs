//! The streamable HTTP transport: the rmcp client in both eras, and the security edges
//! checked with raw requests.
#![cfg(feature = "http")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::clients::{self, Era, TestClient};
use common::raw::{self, post};
use common::{Fixture, checks};
use serde_json::json;
use shopmcp_rmcp::SessionMode;

#[tokio::test]
async fn sessions_mode_serves_both_eras() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    for era in Era::BOTH {
        let a = clients::http(h.url(), &f.token_a, era, TestClient::plain()).await;
        let b = clients::http(h.url(), &f.token_b, era, TestClient::plain()).await;
        checks::all(&a, &b, &f).await;
        a.cancel().await.unwrap();
        b.cancel().await.unwrap();
    }
    h.shutdown().await.unwrap();
}

#[tokio::test]
async fn stateless_json_mode_serves_both_eras() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| {
        b.sessions(SessionMode::Stateless).json_response(true)
    })
    .await;
    for era in Era::BOTH {
        let a = clients::http(h.url(), &f.token_a, era, TestClient::plain()).await;
        let b = clients::http(h.url(), &f.token_b, era, TestClient::plain()).await;
        checks::all(&a, &b, &f).await;
    }
    let r = post(h.url(), Some(&f.token_a), &raw::initialize(), &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.header("mcp-session-id").is_none());
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    h.shutdown().await.unwrap();
}

#[tokio::test]
async fn missing_or_bad_token_gets_401_with_a_challenge() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    let r = post(h.url(), None, &raw::initialize(), &[]).await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.header("www-authenticate").unwrap(),
        format!("Bearer resource_metadata=\"{}\"", h.metadata_url())
    );
    let bad = format!("{}x", f.token_a);
    for token in [bad.as_str(), "shopmcp_nonsense"] {
        let r = post(h.url(), Some(token), &raw::initialize(), &[]).await;
        assert_eq!(r.status, 401);
        let challenge = r.header("www-authenticate").unwrap();
        assert!(
            challenge.starts_with("Bearer error=\"invalid_token\""),
            "{challenge}"
        );
        assert!(challenge.contains(&format!("resource_metadata=\"{}\"", h.metadata_url())));
        assert!(!r.text.contains(token));
    }
    // The rmcp client sees the same refusal.
    let transport = rmcp::transport::StreamableHttpClientTransport::from_config(
        rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig::with_uri(
            h.url().to_owned(),
        )
        .auth_header("wrong"),
    );
    let err = rmcp::ServiceExt::serve(TestClient::plain(), transport)
        .await
        .unwrap_err();
    assert!(err.auth_challenge().unwrap().contains("invalid_token"));
    assert!(f.audit.is_empty());
}

#[tokio::test]
async fn a_token_in_the_query_string_is_refused_even_when_valid() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    for param in ["token", "access_token", "api_key", "%74oken"] {
        let url = format!("{}?{param}={}", h.url(), f.token_a);
        let with_header = post(&url, Some(&f.token_a), &raw::initialize(), &[]).await;
        let without = post(&url, None, &raw::initialize(), &[]).await;
        for r in [with_header, without] {
            assert_eq!(r.status, 400, "{param}");
            assert!(r.text.contains("never in the URL"));
            assert!(r.header("mcp-session-id").is_none());
        }
    }
    let ok = post(
        &format!("{}?page=1", h.url()),
        Some(&f.token_a),
        &raw::initialize(),
        &[],
    )
    .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn origin_and_host_are_validated() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b.allowed_origins(["https://app.example.com"])).await;
    let evil = post(
        h.url(),
        Some(&f.token_a),
        &raw::initialize(),
        &[("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(evil.status, 403);
    let good = post(
        h.url(),
        Some(&f.token_a),
        &raw::initialize(),
        &[("origin", "https://app.example.com")],
    )
    .await;
    assert_eq!(good.status, 200);
    let host = post(
        h.url(),
        Some(&f.token_a),
        &raw::initialize(),
        &[("host", "attacker.example")],
    )
    .await;
    assert_eq!(host.status, 403);
    // Defaults: loopback origins only.
    let d = raw::serve(&f, |b| b).await;
    let local = post(
        d.url(),
        Some(&f.token_a),
        &raw::initialize(),
        &[("origin", "http://localhost:3000")],
    )
    .await;
    assert_eq!(local.status, 200);
    let remote = post(
        d.url(),
        Some(&f.token_a),
        &raw::initialize(),
        &[("origin", "https://example.com")],
    )
    .await;
    assert_eq!(remote.status, 403);
}

#[tokio::test]
async fn protected_resource_metadata_is_served_without_auth() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| {
        b.authorization_servers(["https://auth.example.com"])
            .resource_name("Test shop")
    })
    .await;
    let root = h
        .metadata_url()
        .replace("/oauth-protected-resource/mcp", "/oauth-protected-resource");
    for url in [h.metadata_url().to_owned(), root] {
        let r = raw::get(&url).await;
        assert_eq!(r.status, 200, "{url}");
        let doc = r.json();
        assert_eq!(doc["resource"], json!(h.url()));
        assert_eq!(
            doc["authorization_servers"],
            json!(["https://auth.example.com"])
        );
        assert_eq!(doc["bearer_methods_supported"], json!(["header"]));
        assert_eq!(
            doc["scopes_supported"],
            json!(["shopmcp:read", "shopmcp:write"])
        );
        assert_eq!(doc["resource_name"], json!("Test shop"));
    }
}

#[tokio::test]
async fn a_session_replayed_with_another_workspace_token_is_refused() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    let session = raw::open_session(h.url(), &f.token_a).await;
    let list = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"});
    let headers = [
        ("mcp-session-id", session.as_str()),
        ("mcp-protocol-version", "2025-11-25"),
    ];
    let stolen = post(h.url(), Some(&f.token_b), &list, &headers).await;
    assert_eq!(stolen.status, 404);
    let call = json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
        "params": {"name": "local_products_list", "arguments": {}}});
    assert_eq!(
        post(h.url(), Some(&f.token_b), &call, &headers)
            .await
            .status,
        404
    );
    let delete = reqwest::Client::new()
        .delete(h.url())
        .bearer_auth(&f.token_b)
        .header("mcp-session-id", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status().as_u16(), 404);
    // The owner's session is untouched.
    let own = post(h.url(), Some(&f.token_a), &list, &headers).await;
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["result"]["tools"].as_array().unwrap().len(), 3);
    // An unknown session id is refused the same way.
    let made_up = [
        ("mcp-session-id", "not-a-session"),
        ("mcp-protocol-version", "2025-11-25"),
    ];
    assert_eq!(
        post(h.url(), Some(&f.token_a), &list, &made_up)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b.max_body_bytes(4096)).await;
    let big = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "local_products_list", "arguments": {"pad": "x".repeat(8192)}}});
    let r = post(h.url(), Some(&f.token_a), &big, &[]).await;
    assert_eq!(r.status, 413);
}

#[tokio::test]
async fn configuration_mistakes_are_errors() {
    let f = Fixture::new();
    let build = |b: shopmcp_rmcp::HttpServerBuilder| b.build().map(|_| ());
    let base = || shopmcp_rmcp::HttpServer::builder(f.server.clone());
    assert!(build(base().bind("0.0.0.0:0".parse().unwrap())).is_err());
    assert!(
        build(
            base()
                .bind("0.0.0.0:0".parse().unwrap())
                .public_url("https://mcp.example.com")
        )
        .is_ok()
    );
    assert!(build(base().public_url("https://mcp.example.com/x?y")).is_err());
    assert!(build(base().public_url("ftp://x")).is_err());
    assert!(build(base().path("/")).is_err());
    assert!(build(base().allowed_origins(["example.com"])).is_err());
    assert!(base().build().unwrap().router().is_err());
    assert!(
        base()
            .public_url("https://mcp.example.com")
            .build()
            .unwrap()
            .router()
            .is_ok()
    );
}

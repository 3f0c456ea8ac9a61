//! Client-credentials tokens: the grant request, caching, refresh before expiry, one refresh
//! at a time, recovery from a refused token, and no secret in errors, logs or `Debug`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use shopmcp_core::{CredentialSet, ErrorKind};
use shopmcp_testkit::FakeResponse;

use common::*;

const CLIENT_ID: &str = "CLIENT_ID_3f8a1c9e";
const CLIENT_SECRET: &str = "shpss_CLIENT_SECRET_77aa01";
const GRANTED: &str = "shpat_GRANTED_TOKEN_c0ffee";

fn client_credentials() -> CredentialSet {
    CredentialSet::new("client_credentials")
        .with_field("client_id", CLIENT_ID)
        .with_field("client_secret", CLIENT_SECRET)
}

async fn harness() -> Harness {
    Harness::with(Setup {
        admin: client_credentials(),
        ..Setup::default()
    })
    .await
}

fn grant(token: &str, expires_in: u64) -> FakeResponse {
    FakeResponse::json(
        200,
        &json!({"access_token": token, "scope": "read_orders,write_orders", "expires_in": expires_in}),
    )
}

fn shop() -> FakeResponse {
    FakeResponse::json(200, &fixture("shop_get"))
}

#[tokio::test]
async fn the_grant_is_a_form_post_and_its_token_is_used_and_cached() {
    let h = harness().await;
    h.fake.push("POST", TOKEN_PATH, grant(GRANTED, 86_399));
    h.fake.route("POST", ADMIN_PATH, shop());
    h.call("shopify_shop_get", json!({})).await.unwrap();
    h.call("shopify_shop_get", json!({})).await.unwrap();
    let reqs = h.requests();
    assert_eq!(reqs.len(), 3, "one grant, two queries");
    let grant_req = &reqs[0];
    assert_eq!(grant_req.method, "POST");
    assert_eq!(grant_req.path, TOKEN_PATH);
    assert_eq!(
        grant_req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        std::str::from_utf8(&grant_req.body).unwrap(),
        format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
        )
    );
    assert_eq!(grant_req.header("x-shopify-access-token"), None);
    for query in &reqs[1..] {
        assert_eq!(query.path, ADMIN_PATH);
        assert_eq!(query.header("x-shopify-access-token"), Some(GRANTED));
        assert!(!query.contains(CLIENT_SECRET));
    }
}

#[tokio::test]
async fn tokens_about_to_expire_are_refreshed() {
    let h = harness().await;
    // Shorter than the five-minute refresh margin: used once, then replaced.
    h.fake.push("POST", TOKEN_PATH, grant("shpat_FIRST", 120));
    h.fake
        .push("POST", TOKEN_PATH, grant("shpat_SECOND", 86_399));
    h.fake.route("POST", ADMIN_PATH, shop());
    h.call("shopify_shop_get", json!({})).await.unwrap();
    h.call("shopify_shop_get", json!({})).await.unwrap();
    let tokens: Vec<Option<String>> = h
        .requests()
        .iter()
        .filter(|r| r.path == ADMIN_PATH)
        .map(|r| r.header("x-shopify-access-token").map(str::to_owned))
        .collect();
    assert_eq!(
        tokens,
        [
            Some("shpat_FIRST".to_owned()),
            Some("shpat_SECOND".to_owned())
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_grant() {
    let h = Arc::new(harness().await);
    h.fake.push(
        "POST",
        TOKEN_PATH,
        grant(GRANTED, 86_399).delay(Duration::from_millis(150)),
    );
    h.fake.route("POST", ADMIN_PATH, shop());
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let h = Arc::clone(&h);
        tasks.push(tokio::spawn(async move {
            h.call("shopify_shop_get", json!({})).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let grants = h.requests().iter().filter(|r| r.path == TOKEN_PATH).count();
    assert_eq!(grants, 1);
}

#[tokio::test]
async fn a_refused_token_is_forgotten() {
    let h = harness().await;
    h.fake
        .push("POST", TOKEN_PATH, grant("shpat_REVOKED", 86_399));
    h.fake.push("POST", TOKEN_PATH, grant(GRANTED, 86_399));
    h.fake.push(
        "POST",
        ADMIN_PATH,
        FakeResponse::json(
            401,
            &json!({"errors": "[API] Invalid API key or access token"}),
        ),
    );
    h.fake.push("POST", ADMIN_PATH, shop());
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
    h.call("shopify_shop_get", json!({})).await.unwrap();
    let paths: Vec<String> = h.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, [TOKEN_PATH, ADMIN_PATH, TOKEN_PATH, ADMIN_PATH]);
    assert_eq!(
        h.requests()[3].header("x-shopify-access-token"),
        Some(GRANTED)
    );
}

#[tokio::test]
async fn a_refused_grant_is_a_credentials_error_without_secrets() {
    for status in [400, 401] {
        let h = harness().await;
        h.fake.push(
            "POST",
            TOKEN_PATH,
            FakeResponse::json(status, &json!({"error": "invalid_client", "error_description": "Client authentication failed"})),
        );
        let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(err.model_message().contains("client credentials"));
        for text in [err.model_message(), err.log_detail()] {
            assert!(!text.contains(CLIENT_SECRET) && !text.contains(CLIENT_ID));
        }
        assert_eq!(h.fake.request_count(), 1, "no query without a token");
    }
}

#[tokio::test]
async fn a_grant_without_a_token_is_malformed() {
    let h = harness().await;
    h.fake.push(
        "POST",
        TOKEN_PATH,
        FakeResponse::json(200, &json!({"access_token": "", "scope": ""})),
    );
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn no_secret_reaches_logs_audit_or_debug_output() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let h = harness().await;
    h.fake.push("POST", TOKEN_PATH, grant(GRANTED, 86_399));
    h.admin_reply(fixture("shop_get"));
    h.fake.push(
        "POST",
        ADMIN_PATH,
        FakeResponse::json(403, &json!({"errors": "forbidden"})),
    );
    // Other tests register the same call sites concurrently, possibly caching an interest
    // computed before this thread's subscriber existed; recompute it.
    tracing::callsite::rebuild_interest_cache();
    h.call("shopify_shop_get", json!({})).await.unwrap();
    tracing::callsite::rebuild_interest_cache();
    let err = h
        .call("shopify_orders_get", json!({"order_id": "1"}))
        .await
        .unwrap_err();

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("shopify query cost"),
        "logs were captured: {logs}"
    );
    let audit: Vec<Value> = h
        .audit
        .events()
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    let debug = format!("{:?} {:?} {err:?}", h.client, client_credentials());
    for secret in [CLIENT_ID, CLIENT_SECRET, GRANTED, "Acme Outdoor"] {
        assert!(!logs.contains(secret), "{secret} in logs");
        assert!(!format!("{audit:?}").contains(secret), "{secret} in audit");
        assert!(!debug.contains(secret), "{secret} in Debug");
    }
}

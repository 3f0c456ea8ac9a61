//! Upstream failures: status mapping, no retries of 4xx or writes, throttling, malformed and
//! oversize answers, TLS verification, the endpoint override's limits, credential problems, and
//! no secret or upstream text in any error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use serde_json::json;
use shopmcp_core::{CredentialSet, ErrorKind, ToolCall};
use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_magento::{MagentoClient, MagentoConfig, StoreCode};
use shopmcp_testkit::{FakeResponse, FakeUpstream, TestCa};

use common::{Harness, Options, fixture, ok};

const UPSTREAM_TEXT: &str = "SQLSTATE[42S22] UPSTREAM-BODY-MARKER";

fn magento_error(status: u16) -> FakeResponse {
    FakeResponse::json(
        status,
        &json!({"message": format!("%1 {UPSTREAM_TEXT}"), "parameters": ["x"], "trace": "#0 /var/www/vendor"}),
    )
}

fn assert_clean(err: &shopmcp_core::ToolError) {
    let all = format!("{} {:?}", err.log_detail(), err);
    for secret in [
        common::CONSUMER_SECRET,
        common::ACCESS_TOKEN,
        common::ACCESS_TOKEN_SECRET,
        UPSTREAM_TEXT,
        "/var/www",
    ] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
}

#[tokio::test]
async fn statuses_map_to_kinds_without_retries_or_upstream_text() {
    for (status, kind) in [
        (400, ErrorKind::UpstreamRejected),
        (401, ErrorKind::Credentials),
        (403, ErrorKind::MissingScope),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::UpstreamRejected),
    ] {
        let h = Harness::new().await;
        h.fake
            .route("GET", "/rest/default/V1/orders/5", magento_error(status));
        let err = h
            .call("magento_orders_get", json!({"order_id": 5}))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{status}");
        assert_eq!(h.fake.request_count(), 1, "{status} is never retried");
        assert_clean(&err);
    }
}

#[tokio::test]
async fn writes_are_never_retried() {
    for response in [
        FakeResponse::new(503),
        FakeResponse::throttled("1"),
        FakeResponse::reset(),
    ] {
        let h = Harness::new().await;
        h.fake
            .route("POST", "/rest/default/V1/orders/5/hold", response);
        let err = h
            .call("magento_orders_hold", json!({"order_id": 5}))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::UpstreamUnavailable | ErrorKind::UpstreamThrottled
            ),
            "{err:?}"
        );
        assert_eq!(h.fake.request_count(), 1);
        assert!(
            err.model_message().contains("not retried"),
            "{}",
            err.model_message()
        );
        assert_clean(&err);
    }
}

#[tokio::test]
async fn reads_retry_server_errors_a_bounded_number_of_times() {
    let h = Harness::new().await;
    h.fake
        .push("GET", "/rest/default/V1/orders/5", FakeResponse::new(502));
    h.fake.push(
        "GET",
        "/rest/default/V1/orders/5",
        ok(&fixture("order.json")),
    );
    let out = h.ok("magento_orders_get", json!({"order_id": 5})).await;
    assert_eq!(out["order"]["increment_id"], "000000001");
    let requests = h.fake.requests();
    assert_eq!(requests.len(), 2);
    let nonces: Vec<String> = requests
        .iter()
        .map(|r| {
            common::oauth_check::header_params(r.header("authorization").unwrap())["oauth_nonce"]
                .clone()
        })
        .collect();
    assert_eq!(
        nonces[0], nonces[1],
        "a retry resends the same signed request"
    );

    let h = Harness::new().await;
    h.fake
        .route("GET", "/rest/default/V1/orders/5", FakeResponse::new(500));
    let err = h
        .call("magento_orders_get", json!({"order_id": 5}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(h.fake.request_count(), 3);
}

#[tokio::test]
async fn long_throttles_are_reported_with_a_retry_hint() {
    let h = Harness::new().await;
    h.fake.route(
        "GET",
        "/rest/default/V1/products",
        FakeResponse::throttled("3600"),
    );
    let err = h
        .call("magento_products_search", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(
        err.retry_after(),
        Some(std::time::Duration::from_secs(3600))
    );
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn malformed_unexpected_and_oversize_answers() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/orders/5",
        FakeResponse::malformed_json(),
    );
    let err = h
        .call("magento_orders_get", json!({"order_id": 5}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(err.model_message().contains("malformed"));

    h.fake.push(
        "POST",
        "/rest/default/V1/orders/5/cancel",
        ok(&json!({"unexpected": UPSTREAM_TEXT})),
    );
    let err = h
        .call(
            "magento_orders_cancel",
            json!({"order_id": 5, "idempotency_key": "cancel-5-abc"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_clean(&err);

    h.fake.push(
        "GET",
        "/rest/default/V1/products",
        FakeResponse::oversize(5 * 1024 * 1024),
    );
    let err = h
        .call("magento_products_search", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(
        err.model_message().contains("larger than"),
        "{}",
        err.model_message()
    );
}

#[tokio::test]
async fn certificates_are_verified() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    let other_ca = TestCa::new().unwrap();
    // The crate's configuration with loopback allowed, but trusting another CA.
    let client = common::client_for(&other_ca, &fake, "default");
    let cred = common::oauth1_credential();
    let err = call_products(&client, cred).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(
        fake.request_count(),
        0,
        "no request crossed an unverified connection"
    );
    assert!(fake.connection_count() >= 1);
}

#[tokio::test]
async fn the_endpoint_override_needs_a_dangerous_client() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    let safe = HttpClient::builder()
        .add_root_certificate_pem(ca.pem())
        .build()
        .unwrap();
    let config = MagentoConfig::new(
        BaseUrl::parse("https://shop.example.com").unwrap(),
        StoreCode::default_store(),
    )
    .dangerous_endpoint(BaseUrl::parse(&fake.base_url()).unwrap());
    let client = MagentoClient::new(safe, config);
    let err = call_products(&client, common::oauth1_credential())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(fake.connection_count(), 0);
}

async fn call_products(
    client: &MagentoClient,
    cred: CredentialSet,
) -> Result<serde_json::Value, shopmcp_core::ToolError> {
    let client = std::sync::Arc::new(client.clone());
    let tools = shopmcp_magento::tools(&client, &shopmcp_magento::ToolOptions::default());
    let tool = tools
        .iter()
        .find(|t| t.spec().name() == "magento_products_get")
        .unwrap();
    let ctx = common::ctx();
    let call = ToolCall {
        ctx: &ctx,
        arguments: json!({"sku": "24-MB01"}),
        credential: Some(std::sync::Arc::new(cred)),
    };
    tool.call(call)
        .await
        .map(shopmcp_core::ToolOutput::into_value)
}

#[tokio::test]
async fn credential_problems_send_nothing() {
    for credential in [
        CredentialSet::new("admin_password")
            .with_field("username", "admin")
            .with_field("password", "hunter2"),
        CredentialSet::new("oauth1").with_field("consumer_key", common::CONSUMER_KEY),
        CredentialSet::new("bearer").with_field("token", "line\nbreak"),
    ] {
        let h = Harness::with(Options {
            credential,
            ..Default::default()
        })
        .await;
        let err = h
            .call("magento_orders_get", json!({"order_id": 5}))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials, "{err:?}");
        assert_eq!(h.fake.request_count(), 0);
        assert!(!format!("{err:?}").contains("hunter2"));
        assert_clean(&err);
    }
}

#[tokio::test]
async fn audit_events_and_debug_output_hold_no_secrets() {
    let h = Harness::new().await;
    h.fake.route(
        "GET",
        "/rest/default/V1/customers/1",
        ok(&fixture("customer.json")),
    );
    h.ok("magento_customers_get", json!({"customer_id": 1}))
        .await;
    let _ = h
        .call(
            "magento_products_update",
            json!({"sku": "x", "changes": {"password": "hunter2"}}),
        )
        .await;
    let events = h.audit.events();
    assert_eq!(events.len(), 2);
    let dump = format!("{events:?} {:?} {:?}", h.client, h.pipeline);
    for secret in [
        common::CONSUMER_SECRET,
        common::ACCESS_TOKEN,
        common::ACCESS_TOKEN_SECRET,
        "hunter2",
        "roni_cost",
    ] {
        assert!(!dump.contains(secret), "{secret}");
    }
}

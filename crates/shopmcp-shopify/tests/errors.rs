//! Upstream failures: throttling (200 + THROTTLED and 429), userErrors, 4xx, 5xx, oversize
//! and malformed answers, missing scopes, refused destinations, bad credentials.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::time::Duration;

use serde_json::{Value, json};
use shopmcp_core::{CallContext, ErrorKind, Principal, ToolError, WorkspaceId};
use shopmcp_http::HttpClient;
use shopmcp_shopify::ShopifyClient;
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use common::*;

/// A THROTTLED answer whose cost block asks for a 10 ms wait.
fn throttled_body() -> Value {
    json!({
        "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED",
            "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
        "extensions": {"cost": {"requestedQueryCost": 101, "actualQueryCost": null,
            "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": 100, "restoreRate": 100.0}}}
    })
}

fn order_update_args() -> Value {
    json!({"order_id": "450789469", "note": "n"})
}

fn assert_no_secret(err: &ToolError) {
    assert!(!err.log_detail().contains(ADMIN_TOKEN));
    assert!(!err.model_message().contains(ADMIN_TOKEN));
}

#[tokio::test]
async fn a_throttled_read_waits_and_succeeds() {
    let h = Harness::new().await;
    h.admin_reply(throttled_body());
    h.admin_reply(fixture("shop_get"));
    let out = h.call("shopify_shop_get", json!({})).await.unwrap();
    assert_eq!(out["name"], "Acme Outdoor");
    assert_eq!(h.fake.request_count(), 2);
}

#[tokio::test]
async fn a_429_read_waits_and_succeeds() {
    let h = Harness::new().await;
    h.fake
        .push("POST", ADMIN_PATH, FakeResponse::throttled("0"));
    h.admin_reply(fixture("shop_get"));
    let out = h.call("shopify_shop_get", json!({})).await.unwrap();
    assert_eq!(out["currency"], "EUR");
    assert_eq!(h.fake.request_count(), 2);
}

#[tokio::test]
async fn a_read_that_stays_throttled_gives_up_with_a_retry_hint() {
    let h = Harness::new().await;
    h.fake.route(
        "POST",
        ADMIN_PATH,
        FakeResponse::json(200, &throttled_body()),
    );
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert!(err.retry_after().is_some());
    assert_eq!(
        h.fake.request_count(),
        3,
        "first attempt and two bounded retries"
    );
}

#[tokio::test]
async fn throttled_writes_are_not_retried() {
    for answer in [
        FakeResponse::json(200, &throttled_body()),
        FakeResponse::throttled("1"),
    ] {
        let h = Harness::new().await;
        h.fake.push("POST", ADMIN_PATH, answer);
        let err = h
            .call("shopify_orders_update", order_update_args())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
        assert!(err.model_message().contains("not applied"), "{err}");
        assert_eq!(h.fake.request_count(), 1);
    }
}

#[tokio::test]
async fn user_errors_name_each_field_and_message() {
    let h = Harness::new().await;
    h.admin_reply(with_cost(json!({"productUpdate": {"product": null, "userErrors": [
        {"field": ["product", "title"], "message": "Title can't be blank"},
        {"field": ["product", "seo", "description"], "message": "Description is too long (maximum is 320 characters)"},
        {"field": null, "message": "Product is being updated by another request"}
    ]}})));
    let err = h
        .call(
            "shopify_products_update",
            json!({"product_id": "1", "title": " "}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    let msg = err.model_message();
    assert!(msg.contains("nothing was applied"), "{msg}");
    assert!(
        msg.contains("- product.title: Title can't be blank"),
        "{msg}"
    );
    assert!(
        msg.contains("- product.seo.description: Description is too long"),
        "{msg}"
    );
    assert!(msg.contains("- (input): Product is being updated"), "{msg}");
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn statuses_map_to_kinds_and_are_never_retried() {
    let cases = [
        (400, ErrorKind::UpstreamRejected),
        (401, ErrorKind::Credentials),
        (402, ErrorKind::UpstreamRejected),
        (403, ErrorKind::MissingScope),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::UpstreamRejected),
    ];
    for (status, kind) in cases {
        let h = Harness::new().await;
        h.fake.route(
            "POST",
            ADMIN_PATH,
            FakeResponse::json(status, &json!({"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})),
        );
        let err = h
            .call("shopify_orders_get", json!({"order_id": "1"}))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{status}");
        assert_eq!(err.upstream_status(), Some(status));
        assert!(!err.model_message().contains("Invalid API key"));
        assert_no_secret(&err);
        assert_eq!(h.fake.request_count(), 1, "{status} is not retried");
    }
}

#[tokio::test]
async fn server_errors_are_retried_for_reads_only() {
    let h = Harness::new().await;
    h.fake.push("POST", ADMIN_PATH, FakeResponse::new(503));
    h.admin_reply(fixture("shop_get"));
    assert!(h.call("shopify_shop_get", json!({})).await.is_ok());
    assert_eq!(h.fake.request_count(), 2);

    let h = Harness::new().await;
    h.fake.route("POST", ADMIN_PATH, FakeResponse::new(502));
    let err = h
        .call("shopify_orders_update", order_update_args())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(err.model_message().contains("not retried"), "{err}");
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn access_denied_is_a_missing_scope() {
    let h = Harness::new().await;
    h.admin_reply(json!({
        "data": {"customer": null},
        "errors": [{"message": "Access denied for customer field. Required access: `read_customers` access scope.",
            "locations": [{"line": 2, "column": 3}], "path": ["customer"],
            "extensions": {"code": "ACCESS_DENIED", "documentation": "https://shopify.dev/api/usage/access-scopes",
                "requiredAccess": "`read_customers` access scope."}}]
    }));
    let err = h
        .call("shopify_customers_get", json!({"customer_id": "1"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingScope);
    assert!(err.model_message().contains("access scope"));
}

#[tokio::test]
async fn query_cost_limits_and_other_graphql_errors() {
    let h = Harness::new().await;
    h.admin_reply(json!({"errors": [{"message": "Query cost is 1520, which exceeds the single query max cost limit (1000).",
        "extensions": {"code": "MAX_COST_EXCEEDED", "cost": 1520, "maxCost": 1000}}]}));
    h.admin_reply(
        json!({"errors": [{"message": "Internal error. Looks like something went wrong on our end.",
        "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": "3b3a7f1c"}}]}),
    );
    let err = h.call("shopify_orders_list", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert!(err.model_message().contains("smaller page"));
    let err = h.call("shopify_orders_list", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
}

#[tokio::test]
async fn oversize_and_malformed_answers() {
    let h = Harness::with(Setup {
        http: HttpClient::builder().body_limit(64 * 1024),
        ..Setup::default()
    })
    .await;
    h.fake
        .push("POST", ADMIN_PATH, FakeResponse::oversize(2 * 1024 * 1024));
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(
        err.model_message().contains("larger than 65536 bytes"),
        "{err}"
    );

    h.fake
        .push("POST", ADMIN_PATH, FakeResponse::malformed_json());
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(err.model_message().contains("malformed"));

    // Valid JSON of the wrong shape is malformed too, without echoing it.
    h.admin_reply(json!({"data": {"shop": {"name": 42, "secretish": "ECHO-MARKER"}}}));
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(!err.log_detail().contains("ECHO-MARKER"));
}

#[tokio::test]
async fn wrong_credential_kinds_fail_before_any_request() {
    let h = Harness::with(Setup {
        admin: shopmcp_core::CredentialSet::new("storefront_token").with_field("token", "x"),
        ..Setup::default()
    })
    .await;
    let err = h.call("shopify_shop_get", json!({})).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
    assert_eq!(h.fake.request_count(), 0);
}

#[tokio::test]
async fn the_endpoint_override_needs_a_dangerous_client() {
    let fake = FakeUpstream::http().await.unwrap();
    let safe = HttpClient::builder().build().unwrap();
    let client = ShopifyClient::new(safe, config_for(&fake));
    let ctx = CallContext::new(
        WorkspaceId::random(),
        Principal::new("t"),
        Duration::from_secs(5),
    );
    let err = client
        .granted_scopes(&ctx, &admin_token())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(fake.request_count(), 0);
}

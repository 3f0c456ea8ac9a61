//! Upstream failures become actionable, model-safe errors: rate limits (429 and the
//! `X-Rate-Limit-*` headers), 401/403/404/409/422, 5xx, malformed and oversize bodies.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::time::Duration;

use common::samples::CART;
use common::{Env, TOKEN, fixture, fixture_with_status, path};
use serde_json::json;
use shopmcp_core::ErrorKind;
use shopmcp_testkit::FakeResponse;

/// A BigCommerce 429 with its rate-limit headers.
fn rate_limited(reset_ms: &str) -> FakeResponse {
    FakeResponse::json(429, &json!({"status": 429, "title": "Too many requests"}))
        .header("X-Rate-Limit-Time-Window-Ms", "30000")
        .header("X-Rate-Limit-Time-Reset-Ms", reset_ms)
        .header("X-Rate-Limit-Requests-Quota", "150")
        .header("X-Rate-Limit-Requests-Left", "0")
}

fn update_args() -> serde_json::Value {
    json!({"product_id": 174, "changes": {"name": "1L Le Parfait Jar"}})
}

#[tokio::test]
async fn a_throttled_read_waits_the_reset_time_and_succeeds() {
    let env = Env::new().await;
    let route = path("/v2/orders/100");
    env.fake.push("GET", &route, rate_limited("25"));
    env.fake.push("GET", &route, fixture("order.json"));
    let out = env
        .call("bigcommerce_orders_get", json!({"order_id": 100}))
        .await
        .unwrap();
    assert_eq!(out["id"], 100);
    assert_eq!(env.fake.request_count(), 2);
}

#[tokio::test]
async fn a_throttled_write_is_reported_with_the_reset_time_and_not_retried() {
    let env = Env::new().await;
    env.fake.push(
        "PUT",
        &path("/v3/catalog/products/174"),
        rate_limited("15000"),
    );
    let args = json!({"product_id": 174, "changes": {"price": "9.99"}});
    let err = env
        .call("bigcommerce_products_update", args)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(15)));
    assert_eq!(err.upstream_status(), Some(429));
    let msg = err.model_message();
    assert!(
        msg.contains("not applied") && msg.contains("retry after 15 s"),
        "{msg}"
    );
    assert_eq!(env.fake.request_count(), 1);
}

#[tokio::test]
async fn a_read_does_not_wait_longer_than_the_bound() {
    let env = Env::new().await;
    env.fake
        .push("GET", &path("/v2/store"), rate_limited("60000"));
    let err = env
        .call("bigcommerce_store_get", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(env.fake.request_count(), 1);
}

#[tokio::test]
async fn platform_load_shedding_without_headers_is_retried_then_reported() {
    let env = Env::new().await;
    let shed = FakeResponse::json(429, &json!({"status": 429}));
    env.fake
        .route("GET", &path("/v3/inventory/locations"), shed);
    let err = env
        .call("bigcommerce_locations_list", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(
        env.fake.request_count(),
        3,
        "first attempt and two bounded retries"
    );
}

#[tokio::test]
async fn not_found_names_the_object() {
    let env = Env::new().await;
    let body = json!([{"status": 404, "message": "The requested resource was not found."}]);
    env.fake.push(
        "GET",
        &path("/v2/orders/999"),
        FakeResponse::json(404, &body),
    );
    let err = env
        .call("bigcommerce_orders_get", json!({"order_id": 999}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.model_message(),
        "order 999 was not found in the store (HTTP 404)"
    );
    assert_eq!(env.fake.request_count(), 1);
}

#[tokio::test]
async fn v3_validation_errors_are_actionable_and_not_retried() {
    let env = Env::new().await;
    let body = json!({"status": 422, "title": "JSON data is missing or invalid",
        "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
        "errors": {"name": "A product with the name 1L Le Parfait Jar already exists."}});
    env.fake.push(
        "PUT",
        &path("/v3/catalog/products/174"),
        FakeResponse::json(422, &body),
    );
    let err = env
        .call("bigcommerce_products_update", update_args())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert_eq!(err.upstream_status(), Some(422));
    assert_eq!(
        err.model_message(),
        "the store rejected the request as invalid (HTTP 422): JSON data is missing or invalid. \
         Field problems: `name`: A product with the name 1L Le Parfait Jar already exists. The \
         change was not applied; correct the arguments before trying again"
    );
    assert_eq!(env.fake.request_count(), 1);
}

#[tokio::test]
async fn inventory_problem_json_422_is_explained() {
    let env = Env::new().await;
    let body = json!({"status": 422,
        "title": "Items with identity: [product_id 113] requires absolute adjustment before relative",
        "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
        "errors": {}});
    let answer = FakeResponse::new(422)
        .header("content-type", "application/problem+json")
        .with_body(body.to_string());
    env.fake
        .push("POST", &path("/v3/inventory/adjustments/relative"), answer);
    let args = json!({"reason": "Returned", "items": [{"location_id": 1, "product_id": 113, "quantity": 1}]});
    let err = env
        .call("bigcommerce_inventory_adjust", args)
        .await
        .unwrap_err();
    assert!(
        err.model_message()
            .contains("requires absolute adjustment before relative"),
        "{}",
        err.model_message()
    );
}

#[tokio::test]
async fn v2_error_arrays_and_conflicts_are_explained() {
    let env = Env::new().await;
    let body = json!([{"status": 400, "message": "The field 'status_id' is invalid."}]);
    env.fake.push(
        "PUT",
        &path("/v2/orders/100"),
        FakeResponse::json(400, &body),
    );
    let args = json!({"order_id": 100, "changes": {"status_id": 3}});
    let err = env
        .call("bigcommerce_orders_update", args)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert!(
        err.model_message()
            .contains("(HTTP 400): The field 'status_id' is invalid")
    );

    let conflict = json!({"status": 409, "title": "The request cannot be processed due to a possible conflict. Please review the changes and try again."});
    let items = format!("/v3/carts/{CART}/items");
    env.fake
        .push("POST", &path(&items), FakeResponse::json(409, &conflict));
    let args = json!({"cart_id": CART, "line_items": [{"product_id": 175, "quantity": 1}]});
    let err = env
        .call("bigcommerce_cart_items_add", args)
        .await
        .unwrap_err();
    assert!(
        err.model_message()
            .starts_with("the store reported a conflict (HTTP 409)")
    );
    assert_eq!(env.fake.request_count(), 2);
}

#[tokio::test]
async fn credential_and_scope_failures() {
    let env = Env::new().await;
    env.fake
        .push("GET", &path("/v2/store"), FakeResponse::new(401));
    let err = env
        .call("bigcommerce_store_get", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
    env.fake.push(
        "GET",
        &path("/v3/orders/100/transactions"),
        FakeResponse::new(403),
    );
    let err = env
        .call("bigcommerce_transactions_list", json!({"order_id": 100}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingScope);
    assert_eq!(env.fake.request_count(), 2, "4xx is never retried");
}

#[tokio::test]
async fn server_errors_retry_reads_and_refund_quotes_but_never_writes() {
    let env = Env::new().await;
    let brands = path("/v3/catalog/brands");
    env.fake.push("GET", &brands, FakeResponse::new(503));
    env.fake.push("GET", &brands, fixture("brands.json"));
    assert!(env.call("bigcommerce_brands_list", json!({})).await.is_ok());

    let quote = path("/v3/orders/100/payment_actions/refund_quotes");
    env.fake.push("POST", &quote, FakeResponse::new(503));
    env.fake.push(
        "POST",
        &quote,
        fixture_with_status("refund_quote.json", 201),
    );
    let args =
        json!({"order_id": 100, "items": [{"item_type": "PRODUCT", "item_id": 65, "quantity": 1}]});
    assert!(env.call("bigcommerce_refunds_quote", args).await.is_ok());
    assert_eq!(env.fake.request_count(), 4);

    env.fake
        .push("POST", &path("/v3/carts"), FakeResponse::new(503));
    let args = json!({"line_items": [{"product_id": 174, "quantity": 1}]});
    let err = env
        .call("bigcommerce_carts_create", args)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(
        err.model_message()
            .contains("may or may not have been applied")
    );
    assert_eq!(env.fake.request_count(), 5);
}

#[tokio::test]
async fn checkout_links_are_minted_once_even_when_the_store_fails() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path(&format!("/v3/carts/{CART}")),
        fixture("cart.json"),
    );
    env.fake.push(
        "POST",
        &path(&format!("/v3/carts/{CART}/redirect_urls")),
        FakeResponse::new(502),
    );
    let err = env
        .call(
            "bigcommerce_carts_get",
            json!({"cart_id": CART, "checkout_url": true}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(env.fake.request_count(), 2);
}

#[tokio::test]
async fn malformed_oversize_and_redirects() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v2/order_statuses"),
        FakeResponse::malformed_json(),
    );
    let err = env
        .call("bigcommerce_order_statuses_list", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(err.model_message().contains("malformed"));

    env.fake.push(
        "GET",
        &path("/v3/promotions"),
        FakeResponse::oversize(5 * 1024 * 1024),
    );
    let err = env
        .call("bigcommerce_promotions_list", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(err.model_message().contains("larger than"));

    let elsewhere = FakeResponse::redirect(302, "https://evil.example/steal");
    env.fake.push("GET", &path("/v2/store"), elsewhere);
    let err = env
        .call("bigcommerce_store_get", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert_eq!(env.fake.request_count(), 3);
}

#[tokio::test]
async fn errors_and_audit_never_carry_the_token() {
    let env = Env::new().await;
    let echo = json!({"status": 422, "title": "bad", "errors": {"x": "ok"}});
    env.fake.push(
        "PUT",
        &path("/v3/catalog/products/174"),
        FakeResponse::json(422, &echo),
    );
    env.fake
        .push("GET", &path("/v2/store"), FakeResponse::new(401));
    let mut texts = Vec::new();
    for (tool, args) in [
        (
            "bigcommerce_products_update",
            json!({"product_id": 174, "changes": {"name": "x"}}),
        ),
        ("bigcommerce_store_get", json!({})),
    ] {
        let err = env.call(tool, args).await.unwrap_err();
        texts.push(err.model_message());
        texts.push(err.log_detail());
        texts.push(format!("{err:?}"));
    }
    texts.push(format!("{:?}", env.audit.events()));
    for text in texts {
        assert!(!text.contains(TOKEN), "{text}");
    }
}

#[tokio::test]
async fn the_endpoint_override_does_nothing_with_a_production_client() {
    use std::sync::Arc;

    use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig, ToolOptions, tools};
    use shopmcp_core::{CallContext, CredentialSet, Principal, ToolCall, WorkspaceId};

    let fake = shopmcp_testkit::FakeUpstream::http().await.unwrap();
    let origin = shopmcp_http::BaseUrl::parse(&fake.base_url()).unwrap();
    let config = BigCommerceConfig::parse(common::HASH)
        .unwrap()
        .dangerous_endpoint(&origin)
        .unwrap();
    let safe = shopmcp_http::HttpClient::builder().build().unwrap();
    let client = Arc::new(BigCommerceClient::new(safe, config));
    let store = tools(&client, &ToolOptions::default())
        .into_iter()
        .find(|t| t.spec().name() == "bigcommerce_store_get")
        .unwrap();
    let ctx = CallContext::new(
        WorkspaceId::random(),
        Principal::new("t"),
        Duration::from_secs(5),
    );
    let credential = CredentialSet::new("access_token").with_field("token", TOKEN);
    let call = ToolCall {
        ctx: &ctx,
        arguments: json!({}),
        credential: Some(Arc::new(credential)),
    };
    let err = store.call(call).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(fake.request_count(), 0);
    assert_eq!(fake.connection_count(), 0);
}

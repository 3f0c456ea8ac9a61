//! Buyer-side carts and abandoned-cart tokens.

use serde_json::json;

use crate::common::samples::CART;
use crate::common::{Env, assert_headers, fixture, fixture_with_status, path};
use crate::{Expect, assert_request};

fn cart_path(rest: &str) -> String {
    format!("/v3/carts/{CART}{rest}")
}

#[tokio::test]
async fn carts_get_without_a_checkout_link() {
    let env = Env::new().await;
    env.fake
        .push("GET", &path(&cart_path("")), fixture("cart.json"));
    let out = env
        .call("bigcommerce_carts_get", json!({"cart_id": CART}))
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: &cart_path(""),
            query: None,
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"id": CART, "customer_id": 0, "channel_id": 1, "currency": "USD",
            "tax_included": false, "base_amount": "50.9", "discount_amount": "0",
            "cart_amount": "50.9", "created_time": "2026-11-20T10:00:00+00:00",
            "updated_time": "2026-11-20T10:05:00+00:00",
            "physical_items": [{"id": "a1b2c3d4-0000-4000-8000-000000000001",
                "product_id": 174, "variant_id": 384, "sku": "LPJ-1L-BLK",
                "name": "1L Le Parfait Jar", "quantity": 2, "list_price": "25",
                "sale_price": "25.45", "extended_sale_price": "50.9"}],
            "digital_items": []})
    );
    assert!(!out.to_string().contains("shopper@example.com"));
}

#[tokio::test]
async fn carts_get_mints_a_checkout_link_on_request() {
    let env = Env::new().await;
    env.fake
        .push("GET", &path(&cart_path("")), fixture("cart.json"));
    env.fake.push(
        "POST",
        &path(&cart_path("/redirect_urls")),
        fixture_with_status("redirect_urls.json", 201),
    );
    let out = env
        .call(
            "bigcommerce_carts_get",
            json!({"cart_id": CART, "checkout_url": true}),
        )
        .await
        .unwrap();
    let requests = env.fake.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.clone()),
        ("GET", path(&cart_path("")))
    );
    let mint = &requests[1];
    assert_eq!(mint.method, "POST");
    assert_eq!(mint.path, path(&cart_path("/redirect_urls")));
    assert_eq!(mint.query, None);
    assert_eq!(mint.json(), Some(json!({})));
    assert_headers(mint);
    assert!(
        out["checkout_url"]
            .as_str()
            .unwrap()
            .contains("action=loadInCheckout")
    );
    assert!(out["cart_url"].as_str().unwrap().contains("action=load&"));
}

#[tokio::test]
async fn carts_create_with_catalog_items_only() {
    let env = Env::new().await;
    env.fake.push(
        "POST",
        &path("/v3/carts"),
        fixture_with_status("cart.json", 201),
    );
    let args = json!({"line_items": [{"product_id": 174, "variant_id": 384, "quantity": 2},
        {"product_id": 175, "quantity": 1}]});
    let out = env.call("bigcommerce_carts_create", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "POST",
            path: "/v3/carts",
            query: None,
            body: Some(json!({"line_items": [
                {"product_id": 174, "variant_id": 384, "quantity": 2},
                {"product_id": 175, "quantity": 1}]})),
        },
    );
    assert_eq!(out["id"], CART);
    assert_eq!(out["cart_amount"], "50.9");
}

#[tokio::test]
async fn carts_create_refuses_price_overrides() {
    let env = Env::new().await;
    let args = json!({"line_items": [{"product_id": 174, "quantity": 1, "list_price": 0.01}]});
    let err = env
        .call("bigcommerce_carts_create", args)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::InvalidArguments);
    assert!(
        err.model_message().contains("list_price"),
        "{}",
        err.model_message()
    );
    assert_eq!(env.fake.request_count(), 0);
}

#[tokio::test]
async fn cart_items_add() {
    let env = Env::new().await;
    env.fake.push(
        "POST",
        &path(&cart_path("/items")),
        fixture_with_status("cart.json", 201),
    );
    let args = json!({"cart_id": CART, "line_items": [{"product_id": 175, "quantity": 3}]});
    let out = env.call("bigcommerce_cart_items_add", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "POST",
            path: &cart_path("/items"),
            query: None,
            body: Some(json!({"line_items": [{"product_id": 175, "quantity": 3}]})),
        },
    );
    assert_eq!(out["physical_items"][0]["quantity"], 2);
}

#[tokio::test]
async fn cart_ids_must_be_uuids() {
    let env = Env::new().await;
    let err = env
        .call("bigcommerce_carts_get", json!({"cart_id": "../orders/1"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::InvalidArguments);
    assert_eq!(env.fake.request_count(), 0);
}

#[tokio::test]
async fn abandoned_carts_get() {
    let env = Env::new().await;
    let token = "0f1e2d3c-4b5a-4697-8877-665544332211";
    let rest = format!("/v3/abandoned-carts/{token}");
    env.fake
        .push("GET", &path(&rest), fixture("abandoned_cart.json"));
    let out = env
        .call("bigcommerce_abandoned_carts_get", json!({"token": token}))
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: &rest,
            query: None,
            body: None,
        },
    );
    assert_eq!(out, json!({"cart_id": CART}));
}

//! Storefront: catalog search and carts, with the storefront token only.

use serde_json::{Value, json};
use shopmcp_core::ErrorKind;

use crate::common::*;

const CART_ID: &str = "gid://shopify/Cart/Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3?key=8c2f6e1d0a";
const LINE_ID: &str = "gid://shopify/CartLine/3f1b8c8e-0c1d-4f7e-9a55-2a1c8a6b7d10?cart=Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3";

fn cart_payload(name: &str) -> Value {
    let mut data = serde_json::Map::new();
    data.insert(
        name.to_owned(),
        json!({"cart": fixture("cart"), "userErrors": [],
               "warnings": [{"code": "MERCHANDISE_NOT_ENOUGH_STOCK", "message": "Only 2 items were added.", "target": LINE_ID}]}),
    );
    json!({ "data": data })
}

fn expected_cart() -> Value {
    json!({
        "id": CART_ID,
        "checkout_url": "https://acme-outdoor.myshopify.com/cart/c/Z2NwLWV1cm9wZS13ZXN0NDowMUpDUlJTVlg3?key=8c2f6e1d0a",
        "total_quantity": 2,
        "subtotal": {"amount": "179.90", "currency": "EUR"},
        "total": {"amount": "179.90", "currency": "EUR"},
        "lines": [{
            "id": LINE_ID, "quantity": 2,
            "merchandise_id": "gid://shopify/ProductVariant/49148385",
            "variant_title": "42 / Black", "product_title": "Trail Runner GTX",
            "unit_price": {"amount": "89.95", "currency": "EUR"},
            "total": {"amount": "179.90", "currency": "EUR"}
        }],
        "more_lines": false,
        "updated_at": "2026-11-06T09:00:00Z"
    })
}

fn expected_warnings() -> Value {
    json!(["MERCHANDISE_NOT_ENOUGH_STOCK: Only 2 items were added."])
}

#[tokio::test]
async fn catalog_search_quotes_the_buyers_words() {
    let h = Harness::new().await;
    h.storefront_reply(fixture("catalog_search"));
    let out = h
        .call(
            "shopify_catalog_search",
            json!({"query": "trail shoes OR vendor:evil", "first": 5}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Storefront, "CatalogSearch");
    assert_eq!(
        vars,
        json!({"query": "\"trail\" \"shoes\" \"OR\" \"vendor:evil\"", "first": 5, "after": null})
    );
    assert_eq!(
        out,
        json!({
            "products": [{
                "id": "gid://shopify/Product/108828309", "title": "Trail Runner GTX",
                "handle": "trail-runner-gtx", "vendor": "Acme", "product_type": "Shoes",
                "available": true,
                "min_price": {"amount": "89.95", "currency": "EUR"},
                "max_price": {"amount": "94.95", "currency": "EUR"},
                "variants": [{"id": "gid://shopify/ProductVariant/49148385", "title": "42 / Black",
                              "available": true, "price": {"amount": "89.95", "currency": "EUR"}}]
            }],
            "total_count": 2,
            "page_info": {"has_next_page": true, "end_cursor": "eyJvZmZzZXQiOjF9"}
        })
    );
}

#[tokio::test]
async fn carts_get_returns_the_checkout_url() {
    let h = Harness::new().await;
    h.storefront_reply(json!({"data": {"cart": fixture("cart")}}));
    let out = h
        .call("shopify_carts_get", json!({"cart_id": CART_ID}))
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Storefront, "CartGet");
    assert_eq!(vars, json!({"id": CART_ID}));
    assert_eq!(out, json!({"cart": expected_cart(), "warnings": []}));
}

#[tokio::test]
async fn carts_create_sends_lines_only() {
    let h = Harness::new().await;
    h.storefront_reply(cart_payload("cartCreate"));
    let out = h
        .call(
            "shopify_carts_create",
            json!({"lines": [{"merchandise_id": "49148385", "quantity": 2}]}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Storefront, "CartCreate");
    assert_eq!(
        vars,
        json!({"input": {"lines": [{"merchandiseId": "gid://shopify/ProductVariant/49148385", "quantity": 2}]}})
    );
    assert_eq!(
        out,
        json!({"cart": expected_cart(), "warnings": expected_warnings()})
    );
}

#[tokio::test]
async fn cart_lines_add_update_remove() {
    let h = Harness::new().await;
    h.storefront_reply(cart_payload("cartLinesAdd"));
    h.storefront_reply(cart_payload("cartLinesUpdate"));
    h.storefront_reply(cart_payload("cartLinesRemove"));
    let add = h
        .call(
            "shopify_cart_lines_add",
            json!({"cart_id": CART_ID, "lines": [{"merchandise_id": "gid://shopify/ProductVariant/49148385", "quantity": 1}]}),
        )
        .await
        .unwrap();
    let update = h
        .call(
            "shopify_cart_lines_update",
            json!({"cart_id": CART_ID, "lines": [{"line_id": LINE_ID, "quantity": 0}]}),
        )
        .await
        .unwrap();
    let remove = h
        .call(
            "shopify_cart_lines_remove",
            json!({"cart_id": CART_ID, "line_ids": [LINE_ID]}),
        )
        .await
        .unwrap();
    let reqs = h.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(
        graphql(&reqs[0], Endpoint::Storefront, "CartLinesAdd"),
        json!({"cartId": CART_ID, "lines": [{"merchandiseId": "gid://shopify/ProductVariant/49148385", "quantity": 1}]})
    );
    assert_eq!(
        graphql(&reqs[1], Endpoint::Storefront, "CartLinesUpdate"),
        json!({"cartId": CART_ID, "lines": [{"id": LINE_ID, "quantity": 0}]})
    );
    assert_eq!(
        graphql(&reqs[2], Endpoint::Storefront, "CartLinesRemove"),
        json!({"cartId": CART_ID, "lineIds": [LINE_ID]})
    );
    for out in [add, update, remove] {
        assert_eq!(
            out,
            json!({"cart": expected_cart(), "warnings": expected_warnings()})
        );
    }
}

#[tokio::test]
async fn cart_user_errors_are_reported_with_their_field() {
    let h = Harness::new().await;
    h.storefront_reply(json!({"data": {"cartLinesAdd": {"cart": null, "warnings": [],
        "userErrors": [{"field": ["lines", "0", "merchandiseId"], "message": "The merchandise with id gid://shopify/ProductVariant/1 does not exist.", "code": "INVALID"}]}}}));
    let err = h
        .call(
            "shopify_cart_lines_add",
            json!({"cart_id": CART_ID, "lines": [{"merchandise_id": "1", "quantity": 1}]}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert!(
        err.model_message()
            .contains("- lines.0.merchandiseId: The merchandise with id"),
        "{err}"
    );
}

#[tokio::test]
async fn cart_ids_are_checked_before_any_request() {
    let h = Harness::new().await;
    for bad in [
        "gid://shopify/Order/1",
        "gid://shopify/Cart/a b",
        "https://evil.example/cart",
    ] {
        let err = h
            .call("shopify_carts_get", json!({"cart_id": bad}))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{bad}");
    }
    assert_eq!(h.fake.request_count(), 0);
}

//! Metadata and catalogue writes: order and customer notes and tags (W1), products and
//! variant prices (W2).

use serde_json::{Value, json};
use shopmcp_core::ErrorKind;

use crate::common::*;

fn payload(name: &str, body: Value) -> Value {
    let mut data = serde_json::Map::new();
    data.insert(name.to_owned(), body);
    with_cost(Value::Object(data))
}

#[tokio::test]
async fn orders_update_sends_note_and_tags_only() {
    let h = Harness::new().await;
    h.admin_reply(payload(
        "orderUpdate",
        json!({"order": {"id": "gid://shopify/Order/450789469", "name": "#1001",
            "note": "Called customer, ships Monday", "tags": ["priority", "called"],
            "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_orders_update",
            json!({"order_id": "450789469", "note": "Called customer, ships Monday", "tags": ["priority", "called"]}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "OrderUpdate");
    assert_eq!(
        vars,
        json!({"input": {"id": "gid://shopify/Order/450789469", "note": "Called customer, ships Monday", "tags": ["priority", "called"]}})
    );
    assert_eq!(
        out,
        json!({
            "id": "gid://shopify/Order/450789469", "name": "#1001",
            "note": {"untrusted_text": "Called customer, ships Monday"},
            "tags": ["priority", "called"], "updated_at": "2026-11-06T10:00:00Z"
        })
    );
}

#[tokio::test]
async fn orders_update_refuses_email_and_empty_changes_before_any_request() {
    let h = Harness::new().await;
    let err = h
        .call(
            "shopify_orders_update",
            json!({"order_id": "1", "email": "x@evil.example"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert!(
        err.model_message()
            .contains("not writable by shopify_orders_update")
    );
    let err = h
        .call("shopify_orders_update", json!({"order_id": "1"}))
        .await
        .unwrap_err();
    assert!(err.model_message().contains("give `note`, `tags` or both"));
    let err = h
        .call(
            "shopify_orders_update",
            json!({"order_id": "1", "tags": ["a,b"]}),
        )
        .await
        .unwrap_err();
    assert!(err.model_message().contains("without commas"));
    assert_eq!(h.fake.request_count(), 0);
}

#[tokio::test]
async fn customers_update_sends_tags_and_note_only() {
    let h = Harness::new().await;
    h.admin_reply(payload(
        "customerUpdate",
        json!({"customer": {"id": "gid://shopify/Customer/544365967", "note": "",
            "tags": ["vip", "wholesale"], "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_customers_update",
            json!({"customer_id": "gid://shopify/Customer/544365967", "tags": ["vip", "wholesale"], "note": ""}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "CustomerUpdate");
    assert_eq!(
        vars,
        json!({"input": {"id": "gid://shopify/Customer/544365967", "note": "", "tags": ["vip", "wholesale"]}})
    );
    assert_eq!(
        out,
        json!({"id": "gid://shopify/Customer/544365967", "note": null,
               "tags": ["vip", "wholesale"], "updated_at": "2026-11-06T10:00:00Z"})
    );
}

#[tokio::test]
async fn products_update_maps_fields_and_never_sends_the_handle() {
    let h = Harness::new().await;
    h.admin_reply(payload(
        "productUpdate",
        json!({"product": {"id": "gid://shopify/Product/108828309", "title": "Trail Runner GTX 2",
            "handle": "trail-runner-gtx", "status": "DRAFT", "vendor": "Acme", "productType": "Shoes",
            "tags": ["running"], "updatedAt": "2026-11-06T10:00:00Z",
            "seo": {"title": "Trail Runner GTX 2", "description": "New model."}}, "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_products_update",
            json!({
                "product_id": "108828309", "title": "Trail Runner GTX 2",
                "description_html": "<p>New <strong>model</strong>.</p>", "status": "draft",
                "tags": ["running"], "product_type": "Shoes", "seo_title": "Trail Runner GTX 2",
                "seo_description": "New model."
            }),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "ProductUpdate");
    assert_eq!(
        vars,
        json!({"product": {
            "id": "gid://shopify/Product/108828309", "title": "Trail Runner GTX 2",
            "descriptionHtml": "<p>New <strong>model</strong>.</p>", "status": "DRAFT",
            "tags": ["running"], "productType": "Shoes",
            "seo": {"title": "Trail Runner GTX 2", "description": "New model."}
        }})
    );
    assert_eq!(
        out["changed"],
        json!([
            "title",
            "description_html",
            "status",
            "tags",
            "product_type",
            "seo_title",
            "seo_description"
        ])
    );
    assert_eq!(out["handle"], "trail-runner-gtx");
    assert_eq!(out["seo_description"], "New model.");
}

#[tokio::test]
async fn products_update_refuses_scripts_in_the_description() {
    let h = Harness::new().await;
    let err = h
        .call(
            "shopify_products_update",
            json!({"product_id": "1", "description_html": "<img src=x onerror=fetch('//evil')>"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert_eq!(h.fake.request_count(), 0);
}

fn current_price(price: &str) -> Value {
    with_cost(
        json!({"productVariant": {"id": "gid://shopify/ProductVariant/49148385",
        "price": price, "compareAtPrice": "109.95", "product": {"id": "gid://shopify/Product/108828309"}}}),
    )
}

#[tokio::test]
async fn variant_prices_update_reads_the_current_price_then_updates() {
    let h = Harness::new().await;
    h.admin_reply(current_price("89.95"));
    h.admin_reply(payload(
        "productVariantsBulkUpdate",
        json!({"productVariants": [{"id": "gid://shopify/ProductVariant/49148385",
            "price": "99.95", "compareAtPrice": "119.95"}], "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_variant_prices_update",
            json!({"variant_id": "49148385", "price": "99.95", "compare_at_price": "119.95"}),
        )
        .await
        .unwrap();
    let reqs = h.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(
        graphql(&reqs[0], Endpoint::Admin, "VariantPrice"),
        json!({"id": "gid://shopify/ProductVariant/49148385"})
    );
    assert_eq!(
        graphql(&reqs[1], Endpoint::Admin, "VariantPricesUpdate"),
        json!({"productId": "gid://shopify/Product/108828309", "variants": [
            {"id": "gid://shopify/ProductVariant/49148385", "price": "99.95", "compareAtPrice": "119.95"}
        ]})
    );
    assert_eq!(
        out,
        json!({
            "variant_id": "gid://shopify/ProductVariant/49148385",
            "product_id": "gid://shopify/Product/108828309",
            "previous_price": "89.95", "price": "99.95",
            "previous_compare_at_price": "109.95", "compare_at_price": "119.95"
        })
    );
}

#[tokio::test]
async fn variant_prices_over_the_ceiling_are_refused_after_the_read_only() {
    let h = Harness::new().await;
    h.admin_reply(current_price("20.00"));
    let err = h
        .call(
            "shopify_variant_prices_update",
            json!({"variant_id": "49148385", "price": "0.01"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert!(err.model_message().contains("more than 50%"), "{err}");
    let reqs = h.requests();
    assert_eq!(reqs.len(), 1, "only the read was sent");
    graphql(&reqs[0], Endpoint::Admin, "VariantPrice");
}

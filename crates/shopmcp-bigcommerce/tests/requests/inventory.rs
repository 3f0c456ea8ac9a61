//! Inventory, locations, promotions and coupon codes.

use serde_json::json;

use crate::common::{Env, fixture, path};
use crate::{Expect, assert_request};

#[tokio::test]
async fn inventory_items_at_a_location() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/inventory/locations/1/items"),
        fixture("inventory_items.json"),
    );
    let args = json!({"location_id": 1, "sku": "LPJ-1L-BLK", "product_id": 174, "variant_id": 384});
    let out = env
        .call("bigcommerce_inventory_items_list", args)
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/inventory/locations/1/items",
            query: Some(
                "sku%3Ain=LPJ-1L-BLK&product_id%3Ain=174&variant_id%3Ain=384&page=1&limit=20",
            ),
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"location_id": 1, "items": [{
            "identity": {"sku": "LPJ-1L-BLK", "variant_id": 384, "product_id": 174},
            "available_to_sell": 10, "total_inventory_onhand": 12,
            "settings": {"safety_stock": 2, "is_in_stock": true, "warning_level": 3,
                "bin_picking_number": "A-12"}}],
            "page": {"page": 1, "limit": 20, "total": 1}})
    );
}

#[tokio::test]
async fn inventory_adjust_is_relative_with_a_reason() {
    let env = Env::new().await;
    env.fake.push(
        "POST",
        &path("/v3/inventory/adjustments/relative"),
        fixture("inventory_receipt.json"),
    );
    let args = json!({"reason": "Damaged in warehouse", "items": [
        {"location_id": 1, "sku": "LPJ-1L-BLK", "quantity": -2},
        {"location_id": 2, "product_id": 111, "quantity": 7}]});
    let out = env
        .call("bigcommerce_inventory_adjust", args)
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "POST",
            path: "/v3/inventory/adjustments/relative",
            query: None,
            body: Some(json!({"reason": "Damaged in warehouse", "items": [
                {"location_id": 1, "sku": "LPJ-1L-BLK", "quantity": -2},
                {"location_id": 2, "product_id": 111, "quantity": 7}]})),
        },
    );
    assert_eq!(
        out,
        json!({"transaction_id": "3f2d8a6e-6a0e-4f4c-9a55-0c1f2b3c4d5e", "items": 2})
    );
}

#[tokio::test]
async fn inventory_set_is_absolute_with_a_reason() {
    let env = Env::new().await;
    env.fake.push(
        "PUT",
        &path("/v3/inventory/adjustments/absolute"),
        fixture("inventory_receipt.json"),
    );
    let args = json!({"reason": "Stock count 2026-11", "items": [
        {"location_id": 1, "variant_id": 385, "quantity": 30}]});
    let out = env.call("bigcommerce_inventory_set", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "PUT",
            path: "/v3/inventory/adjustments/absolute",
            query: None,
            body: Some(json!({"reason": "Stock count 2026-11", "items": [
                {"location_id": 1, "variant_id": 385, "quantity": 30}]})),
        },
    );
    assert_eq!(out["items"], 1);
}

#[tokio::test]
async fn inventory_items_name_exactly_one_identity() {
    let env = Env::new().await;
    for item in [
        json!({"location_id": 1, "quantity": 1}),
        json!({"location_id": 1, "sku": "A", "variant_id": 2, "quantity": 1}),
    ] {
        let err = env
            .call(
                "bigcommerce_inventory_adjust",
                json!({"reason": "r", "items": [item]}),
            )
            .await
            .unwrap_err();
        assert!(
            err.model_message().contains("exactly one of"),
            "{}",
            err.model_message()
        );
    }
    let missing_reason = json!({"items": [{"location_id": 1, "sku": "A", "quantity": 1}]});
    let err = env
        .call("bigcommerce_inventory_set", missing_reason)
        .await
        .unwrap_err();
    assert!(err.model_message().contains("reason"));
    let over_ceiling =
        json!({"reason": "r", "items": [{"location_id": 1, "sku": "A", "quantity": 5_000_000}]});
    let err = env
        .call("bigcommerce_inventory_adjust", over_ceiling)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::InvalidArguments);
    assert_eq!(env.fake.request_count(), 0);
}

#[tokio::test]
async fn locations_list() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/inventory/locations"),
        fixture("locations.json"),
    );
    let out = env
        .call("bigcommerce_locations_list", json!({}))
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/inventory/locations",
            query: Some("page=1&limit=20"),
            body: None,
        },
    );
    assert_eq!(
        out["locations"],
        json!([{"id": 1, "code": "BIGC-1", "label": "Central store", "type_id": "PHYSICAL",
            "enabled": true, "storefront_visibility": true, "managed_by_external_source": false,
            "time_zone": "America/New_York",
            "address": {"city": "New York", "state": "NY", "country_code": "US"}}])
    );
}

#[tokio::test]
async fn promotions_list() {
    let env = Env::new().await;
    env.fake
        .push("GET", &path("/v3/promotions"), fixture("promotions.json"));
    let args = json!({"redemption_type": "automatic", "status": "ENABLED", "sort": "start_date",
        "direction": "asc", "limit": 1});
    let out = env.call("bigcommerce_promotions_list", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/promotions",
            query: Some(
                "redemption_type=automatic&status=ENABLED&sort=start_date&direction=asc&page=1&limit=1",
            ),
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"promotions": [{"id": 1, "name": "Buy Product worth X Get Y% off upto Z",
            "display_name": "Shop for X and get Y% off upto Z", "redemption_type": "AUTOMATIC",
            "status": "ENABLED", "current_uses": 2, "max_uses": 10,
            "start_date": "2019-01-20T22:00:00.000Z", "end_date": "2019-02-20T22:00:00.000Z",
            "currency_code": "USD", "can_be_used_with_other_promotions": false}],
            "page": {"page": 1, "limit": 1, "next_page": 2, "total": 3}})
    );
}

#[tokio::test]
async fn coupon_codes_list_pages_by_cursor() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/promotions/1/codes"),
        fixture("coupon_codes.json"),
    );
    let args = json!({"promotion_id": 1, "cursor": "eyJpZCI6IjIzNzU1NyJ9"});
    let out = env
        .call("bigcommerce_coupon_codes_list", args)
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/promotions/1/codes",
            query: Some("after=eyJpZCI6IjIzNzU1NyJ9&limit=20"),
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"promotion_id": 1, "codes": [{"id": 1, "code": "TEST_COUPON", "current_uses": 0,
            "max_uses": 10, "max_uses_per_customer": 5, "created": "2019-01-20T22:00:00+00:00"}],
            "next_cursor": "eyJpZCI6IjIzNzU1MyJ9"})
    );
}

//! Success answers shaped like each platform's API, from the platform crates' own test
//! fixtures, for the requests the write tools send with their base arguments.

use std::path::PathBuf;

use serde_json::{Value, json};
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use super::stores::Platform;

/// A JSON fixture of `platform`'s crate (`crates/shopmcp-<platform>/tests/fixtures/<name>`).
fn fixture_value(platform: &str, name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates")
        .join(format!("shopmcp-{platform}"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A 200 answer with a fixture of `platform`'s crate.
fn fixture(platform: &str, name: &str) -> FakeResponse {
    ok(&fixture_value(platform, name))
}

fn ok(value: &Value) -> FakeResponse {
    FakeResponse::json(200, value)
}

/// Routes `fake` so every write tool's base call gets a success answer; anything else gets
/// an empty JSON success.
pub(crate) fn install(platform: Platform, fake: &FakeUpstream) {
    let empty = match platform {
        Platform::Shopify => json!({"data": {}}),
        _ => json!({}),
    };
    fake.set_default(ok(&empty));
    match platform {
        Platform::Shopify => shopify(fake),
        Platform::Magento => magento(fake),
        Platform::BigCommerce => bigcommerce(fake),
        Platform::Neto => neto(fake),
    }
}

/// Shopify's GraphQL answers, by operation (payloads as the crate's request tests use them).
fn shopify_payload(operation: &str) -> Value {
    let data = match operation {
        "OrderUpdate" => json!({"orderUpdate": {"order": {"id": "gid://shopify/Order/1",
            "name": "#1001", "note": "1", "tags": ["1"], "updatedAt": "2026-11-06T10:00:00Z"},
            "userErrors": []}}),
        "CustomerUpdate" => {
            json!({"customerUpdate": {"customer": {"id": "gid://shopify/Customer/1",
            "note": "1", "tags": ["1"], "updatedAt": "2026-11-06T10:00:00Z"}, "userErrors": []}})
        }
        "ProductUpdate" => json!({"productUpdate": {"product": {"id": "gid://shopify/Product/1",
            "title": "Trail Runner GTX 2", "handle": "trail-runner-gtx", "status": "DRAFT",
            "vendor": "Acme", "productType": "Shoes", "tags": ["running"],
            "updatedAt": "2026-11-06T10:00:00Z",
            "seo": {"title": "Trail Runner GTX 2", "description": "New model."}}, "userErrors": []}}),
        "VariantPrice" => json!({"productVariant": {"id": "gid://shopify/ProductVariant/1",
            "price": "1.00", "compareAtPrice": "1.00", "product": {"id": "gid://shopify/Product/1"}}}),
        "VariantPricesUpdate" => json!({"productVariantsBulkUpdate": {"productVariants": [
            {"id": "gid://shopify/ProductVariant/1", "price": "1.00", "compareAtPrice": "1.00"}],
            "userErrors": []}}),
        "InventoryAdjust" | "InventorySet" => {
            let field = if operation == "InventoryAdjust" {
                "inventoryAdjustQuantities"
            } else {
                "inventorySetQuantities"
            };
            json!({field: {"inventoryAdjustmentGroup": {
                "id": "gid://shopify/InventoryAdjustmentGroup/1918",
                "createdAt": "2026-11-06T10:00:00Z", "reason": "correction",
                "changes": [{"name": "available", "delta": 1, "quantityAfterChange": 8,
                    "item": {"id": "gid://shopify/InventoryItem/1"},
                    "location": {"id": "gid://shopify/Location/1"}}]},
                "userErrors": []}})
        }
        "FulfillmentCreate" => json!({"fulfillmentCreate": {"fulfillment": {
            "id": "gid://shopify/Fulfillment/255858047", "name": "#1001-F2", "status": "SUCCESS",
            "createdAt": "2026-11-06T10:00:00Z", "trackingInfo": [{"company": "UPS",
            "number": "1Z999AA10123456784", "url": null}]}, "userErrors": []}}),
        "OrderCancel" => json!({"orderCancel": {"job": {
            "id": "gid://shopify/Job/8e1f3c7a-4b8d-4a63-9d02-2f1b7c5e9a10", "done": false},
            "orderCancelUserErrors": []}}),
        "CartCreate" | "CartLinesAdd" | "CartLinesUpdate" | "CartLinesRemove" => {
            let field = match operation {
                "CartCreate" => "cartCreate",
                "CartLinesAdd" => "cartLinesAdd",
                "CartLinesUpdate" => "cartLinesUpdate",
                _ => "cartLinesRemove",
            };
            let cart = fixture_value("shopify", "cart.json");
            json!({field: {"cart": cart, "userErrors": [], "warnings": []}})
        }
        _ => json!({}),
    };
    json!({"data": data})
}

fn shopify(fake: &FakeUpstream) {
    for path in [
        "/admin/api/2026-07/graphql.json",
        "/api/2026-07/graphql.json",
    ] {
        fake.respond("POST", path, |request| {
            let operation = request
                .json()
                .and_then(|b| b["operationName"].as_str().map(str::to_owned))
                .unwrap_or_default();
            ok(&shopify_payload(&operation))
        });
    }
}

fn magento(fake: &FakeUpstream) {
    let v1 = |tail: &str| format!("/rest/default/V1{tail}");
    for action in ["comments", "hold", "unhold", "cancel"] {
        fake.route(
            "POST",
            &v1(&format!("/orders/1/{action}")),
            ok(&json!(true)),
        );
    }
    let product = fixture("magento", "product.json");
    fake.route("GET", &v1("/products/1"), product.clone());
    fake.route("PUT", &v1("/products/1"), product);
    fake.route(
        "POST",
        &v1("/guest-carts"),
        ok(&json!("pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL")),
    );
    fake.route("POST", &v1("/order/1/ship"), ok(&json!(3)));
}

fn bigcommerce(fake: &FakeUpstream) {
    let v3 = |tail: &str| format!("/stores/abc123/v3{tail}");
    fake.route(
        "PUT",
        &v3("/catalog/products/1"),
        fixture("bigcommerce", "product_updated.json"),
    );
    fake.route(
        "PUT",
        &v3("/catalog/products/1/variants/1"),
        fixture("bigcommerce", "variant_updated.json"),
    );
    let cart = fixture("bigcommerce", "cart.json");
    fake.route("POST", &v3("/carts"), cart.clone());
    fake.route(
        "POST",
        &v3("/carts/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/items"),
        cart,
    );
}

fn neto(fake: &FakeUpstream) {
    let item = fixture("neto", "update_item.json");
    let order = fixture("neto", "update_order.json");
    fake.respond("POST", "/do/WS/NetoAPI", move |request| {
        match request.header(shopmcp_neto::HEADER_ACTION) {
            Some("UpdateOrder") => order.clone(),
            _ => item.clone(),
        }
    });
}

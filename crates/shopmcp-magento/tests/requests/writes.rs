//! Admin writes: exact bodies, no retries, refusals.

use serde_json::json;
use shopmcp_core::ErrorKind;
use shopmcp_testkit::FakeResponse;

use crate::common::{self, Harness, fixture, ok};

#[tokio::test]
async fn product_update_maps_every_field_onto_magentos_shape() {
    let h = Harness::new().await;
    let product = fixture("product.json");
    h.fake
        .push("GET", "/rest/default/V1/products/24-MB01", ok(&product));
    h.fake
        .push("PUT", "/rest/default/V1/products/24-MB01", ok(&product));
    let out = h
        .ok(
            "magento_products_update",
            json!({"sku": "24-MB01", "changes": {
                "name": "Joust Duffle Bag (2026)", "price": "36.50", "special_price": "31",
                "status": "enabled", "visibility": "catalog", "weight": "1.25",
                "description": "Roomy & tough.\n<script>alert(1)</script>",
                "short_description": "Roomy duffle.", "qty": "80", "is_in_stock": true
            }}),
        )
        .await;
    let requests = h.fake.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].body.len()),
        ("GET", 0)
    );
    let put = &requests[1];
    common::oauth_check::assert_signed(put, h.port());
    assert_eq!(
        (put.method.as_str(), put.path.as_str()),
        ("PUT", "/rest/default/V1/products/24-MB01")
    );
    assert_eq!(put.header("content-type"), Some("application/json"));
    assert_eq!(put.query, None);
    assert_eq!(
        put.json().unwrap(),
        json!({"product": {
            "sku": "24-MB01",
            "name": "Joust Duffle Bag (2026)",
            "price": 36.5,
            "status": 1,
            "visibility": 2,
            "weight": 1.25,
            "custom_attributes": [
                {"attribute_code": "special_price", "value": "31"},
                {"attribute_code": "description", "value": "Roomy &amp; tough.<br>\n&lt;script&gt;alert(1)&lt;/script&gt;"},
                {"attribute_code": "short_description", "value": "Roomy duffle."}
            ],
            "extension_attributes": {"stock_item": {"qty": 80.0, "is_in_stock": true}}
        }})
    );
    assert_eq!(
        out["updated"],
        json!([
            "name",
            "price",
            "status",
            "visibility",
            "weight",
            "special_price",
            "description",
            "short_description",
            "qty",
            "is_in_stock"
        ])
    );
    assert_eq!(out["product"]["sku"], "24-MB01");
}

#[tokio::test]
async fn product_update_of_one_field_sends_only_that_field() {
    let h = Harness::new().await;
    let product = fixture("product.json");
    h.fake
        .push("GET", "/rest/default/V1/products/24-MB01", ok(&product));
    h.fake
        .push("PUT", "/rest/default/V1/products/24-MB01", ok(&product));
    h.ok(
        "magento_products_update",
        json!({"sku": "24-MB01", "changes": {"qty": "0", "is_in_stock": false}}),
    )
    .await;
    assert_eq!(
        h.fake.requests()[1].json().unwrap(),
        json!({"product": {"sku": "24-MB01", "extension_attributes": {"stock_item": {"qty": 0.0, "is_in_stock": false}}}})
    );
}

#[tokio::test]
async fn product_update_never_creates_a_product() {
    let h = Harness::new().await;
    h.fake.push("GET", "/rest/default/V1/products/NEW-SKU", FakeResponse::json(404, &json!({"message": "The product that was requested doesn't exist. Verify the product and try again."})));
    let err = h
        .call(
            "magento_products_update",
            json!({"sku": "NEW-SKU", "changes": {"price": "1"}}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.model_message().contains("existing products only"));
    let requests = h.fake.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
}

#[tokio::test]
async fn empty_changes_are_refused_before_any_request() {
    let h = Harness::new().await;
    let err = h
        .call(
            "magento_products_update",
            json!({"sku": "24-MB01", "changes": {}}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert_eq!(h.fake.request_count(), 0);
}

#[tokio::test]
async fn order_comment_is_private_and_silent() {
    let h = Harness::new().await;
    h.fake.push(
        "POST",
        "/rest/default/V1/orders/1/comments",
        ok(&json!(true)),
    );
    let out = h
        .ok(
            "magento_order_comments_create",
            json!({"order_id": 1, "comment": "Called the customer.\nParcel at reception."}),
        )
        .await;
    let req = h.only_request();
    assert_eq!(
        req.json().unwrap(),
        json!({"statusHistory": {
            "comment": "Called the customer.\nParcel at reception.",
            "is_customer_notified": 0,
            "is_visible_on_front": 0,
            "parent_id": 1
        }})
    );
    assert_eq!(out, json!({"order_id": 1, "result": "comment_added"}));
    let err = h
        .call(
            "magento_order_comments_create",
            json!({"order_id": 1, "comment": "x", "is_visible_on_front": 1}),
        )
        .await
        .unwrap_err();
    assert!(err.model_message().contains("is_visible_on_front"));
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn hold_and_unhold() {
    for (tool, path, result) in [
        (
            "magento_orders_hold",
            "/rest/default/V1/orders/7/hold",
            "held",
        ),
        (
            "magento_orders_unhold",
            "/rest/default/V1/orders/7/unhold",
            "released",
        ),
    ] {
        let h = Harness::new().await;
        h.fake.push("POST", path, ok(&json!(true)));
        let out = h.ok(tool, json!({"order_id": 7})).await;
        let req = h.only_request();
        assert_eq!(
            (req.method.as_str(), req.path.as_str(), req.body.len()),
            ("POST", path, 0)
        );
        assert_eq!(out, json!({"order_id": 7, "result": result}));
        h.fake.push("POST", path, ok(&json!(false)));
        let err = h.call(tool, json!({"order_id": 7})).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
        assert!(err.model_message().contains("order 7"));
    }
}

#[tokio::test]
async fn source_items_update_sends_absolute_quantities() {
    let h = Harness::new().await;
    h.fake.push(
        "POST",
        "/rest/default/V1/inventory/source-items",
        ok(&json!([])),
    );
    let out = h
        .ok("magento_source_items_update", json!({"items": [
            {"sku": "24-MB01", "source_code": "default", "quantity": "40", "status": "in_stock"},
            {"sku": "24-MB04", "source_code": "warehouse-2", "quantity": "0.5", "status": "out_of_stock"}
        ]}))
        .await;
    assert_eq!(
        h.only_request().json().unwrap(),
        json!({"sourceItems": [
            {"sku": "24-MB01", "source_code": "default", "quantity": 40.0, "status": 1},
            {"sku": "24-MB04", "source_code": "warehouse-2", "quantity": 0.5, "status": 0}
        ]})
    );
    assert_eq!(out["updated"], 2);
    for bad in [
        json!({"items": [{"sku": "A", "source_code": "../x", "quantity": "1", "status": "in_stock"}]}),
        json!({"items": [{"sku": "A", "source_code": "default", "quantity": "-1", "status": "in_stock"}]}),
        json!({"items": []}),
    ] {
        assert_eq!(
            h.call("magento_source_items_update", bad)
                .await
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArguments
        );
    }
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn shipment_with_tracking_does_not_notify_by_default() {
    let h = Harness::new().await;
    h.fake
        .push("POST", "/rest/default/V1/order/1/ship", ok(&json!(3)));
    let out = h
        .ok("magento_shipments_create", json!({
            "order_id": 1, "idempotency_key": "ship-1-first",
            "tracks": [{"carrier_code": "ups", "title": "United Parcel Service", "track_number": "1Z999AA10123456784"}]
        }))
        .await;
    assert_eq!(
        h.only_request().json().unwrap(),
        json!({"notify": false, "tracks": [
            {"track_number": "1Z999AA10123456784", "title": "United Parcel Service", "carrier_code": "ups"}
        ]})
    );
    assert_eq!(
        out,
        json!({"order_id": 1, "shipment_id": 3, "customer_notified": false})
    );

    h.fake
        .push("POST", "/rest/default/V1/order/1/ship", ok(&json!(4)));
    h.ok(
        "magento_shipments_create",
        json!({
            "order_id": 1, "idempotency_key": "ship-1-second", "notify_customer": true,
            "items": [{"order_item_id": 1, "qty": "1"}]
        }),
    )
    .await;
    assert_eq!(
        h.fake.requests()[1].json().unwrap(),
        json!({"items": [{"order_item_id": 1, "qty": 1.0}], "notify": true})
    );
    let err = h
        .call(
            "magento_shipments_create",
            json!({"order_id": 1, "idempotency_key": "ship-1-third",
            "tracks": [{"carrier_code": "UPS ", "title": "x", "track_number": "1"}]}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert_eq!(h.fake.request_count(), 2);
}

#[tokio::test]
async fn cancel_is_sent_once_per_idempotency_key() {
    let h = Harness::new().await;
    h.fake
        .push("POST", "/rest/default/V1/orders/1/cancel", ok(&json!(true)));
    let args = json!({"order_id": 1, "idempotency_key": "cancel-1-key"});
    let first = h.ok("magento_orders_cancel", args.clone()).await;
    let req = h.only_request();
    assert_eq!((req.method.as_str(), req.body.len()), ("POST", 0));
    let replay = h.ok("magento_orders_cancel", args).await;
    assert_eq!(first, replay);
    assert_eq!(first, json!({"order_id": 1, "result": "canceled"}));
    assert_eq!(
        h.fake.request_count(),
        1,
        "a replayed key never reaches the store"
    );
    let err = h
        .call("magento_orders_cancel", json!({"order_id": 1}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
}

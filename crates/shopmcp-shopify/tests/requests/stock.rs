//! Stock and shipping writes: inventory adjust and set (W2), fulfillment and cancellation (W3).

use serde_json::{Value, json};
use shopmcp_core::ErrorKind;

use crate::common::*;

fn payload(name: &str, body: Value) -> Value {
    let mut data = serde_json::Map::new();
    data.insert(name.to_owned(), body);
    with_cost(Value::Object(data))
}

#[tokio::test]
async fn inventory_adjust_uses_the_request_id_as_idempotency_key_and_reference() {
    let h = Harness::new().await;
    h.admin_reply(payload(
        "inventoryAdjustQuantities",
        json!({"inventoryAdjustmentGroup": {"id": "gid://shopify/InventoryAdjustmentGroup/1918", "createdAt": "2026-11-06T10:00:00Z",
            "reason": "damaged", "changes": [{"name": "available", "delta": -2, "quantityAfterChange": 8,
            "item": {"id": "gid://shopify/InventoryItem/49148385"}, "location": {"id": "gid://shopify/Location/346779380"}}]},
            "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_inventory_adjust",
            json!({"inventory_item_id": "49148385", "location_id": "346779380", "delta": -2, "reason": "damaged", "expected_available": 10}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "InventoryAdjust");
    let request_id = h.audit.events()[0].request_id.to_string();
    assert_eq!(
        vars,
        json!({
            "idempotencyKey": request_id,
            "input": {
                "name": "available", "reason": "damaged",
                "referenceDocumentUri": format!("gid://shopmcp/ToolCall/{request_id}"),
                "changes": [{"inventoryItemId": "gid://shopify/InventoryItem/49148385",
                    "locationId": "gid://shopify/Location/346779380", "delta": -2, "changeFromQuantity": 10}]
            }
        })
    );
    assert_eq!(
        out,
        json!({
            "adjustment_id": "gid://shopify/InventoryAdjustmentGroup/1918",
            "created_at": "2026-11-06T10:00:00Z", "reason": "damaged",
            "changes": [{"name": "available", "delta": -2, "quantity_after": 8,
                "inventory_item_id": "gid://shopify/InventoryItem/49148385",
                "location_id": "gid://shopify/Location/346779380"}]
        })
    );
}

#[tokio::test]
async fn inventory_set_compares_with_the_quantity_read() {
    let h = Harness::new().await;
    h.admin_reply(payload(
        "inventorySetQuantities",
        json!({"inventoryAdjustmentGroup": {"id": "gid://shopify/InventoryAdjustmentGroup/1919", "createdAt": "2026-11-06T10:00:00Z",
            "reason": "cycle_count_available", "changes": [{"name": "on_hand", "delta": 3, "quantityAfterChange": 15,
            "item": {"id": "gid://shopify/InventoryItem/49148385"}, "location": {"id": "gid://shopify/Location/346779380"}}]},
            "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_inventory_set",
            json!({"inventory_item_id": "gid://shopify/InventoryItem/49148385", "location_id": "346779380",
                   "quantity": 15, "quantity_name": "on_hand", "reason": "cycle_count_available", "current_quantity": 12}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "InventorySet");
    let request_id = h.audit.events()[0].request_id.to_string();
    assert_eq!(vars["idempotencyKey"], request_id);
    assert_eq!(
        vars["input"],
        json!({
            "name": "on_hand", "reason": "cycle_count_available",
            "referenceDocumentUri": format!("gid://shopmcp/ToolCall/{request_id}"),
            "quantities": [{"inventoryItemId": "gid://shopify/InventoryItem/49148385",
                "locationId": "gid://shopify/Location/346779380", "quantity": 15, "changeFromQuantity": 12}]
        })
    );
    assert_eq!(out["changes"][0]["quantity_after"], 15);
}

#[tokio::test]
async fn fulfillments_create_does_not_notify_by_default() {
    let h = Harness::new().await;
    h.admin_reply(payload(
        "fulfillmentCreate",
        json!({"fulfillment": {"id": "gid://shopify/Fulfillment/255858047", "name": "#1001-F2", "status": "SUCCESS",
            "createdAt": "2026-11-06T10:00:00Z", "trackingInfo": [{"company": "UPS", "number": "1Z999AA10123456784",
            "url": "https://www.ups.com/WebTracking?tracknum=1Z999AA10123456784"}]}, "userErrors": []}),
    ));
    let out = h
        .call(
            "shopify_fulfillments_create",
            json!({
                "fulfillment_order_id": "1046000786",
                "line_items": [{"id": "1072503299", "quantity": 1}],
                "tracking_company": "UPS", "tracking_number": "1Z999AA10123456784",
                "idempotency_key": "ship-1001-f2-2026-11-06"
            }),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "FulfillmentCreate");
    assert_eq!(
        vars,
        json!({"fulfillment": {
            "lineItemsByFulfillmentOrder": [{
                "fulfillmentOrderId": "gid://shopify/FulfillmentOrder/1046000786",
                "fulfillmentOrderLineItems": [{"id": "gid://shopify/FulfillmentOrderLineItem/1072503299", "quantity": 1}]
            }],
            "notifyCustomer": false,
            "trackingInfo": {"company": "UPS", "number": "1Z999AA10123456784"}
        }})
    );
    assert_eq!(
        out,
        json!({
            "id": "gid://shopify/Fulfillment/255858047", "name": "#1001-F2", "status": "SUCCESS",
            "created_at": "2026-11-06T10:00:00Z",
            "tracking": [{"company": "UPS", "number": "1Z999AA10123456784",
                          "url": "https://www.ups.com/WebTracking?tracknum=1Z999AA10123456784"}],
            "customer_notified": false
        })
    );
}

fn cancel_reply() -> Value {
    payload(
        "orderCancel",
        json!({"job": {"id": "gid://shopify/Job/8e1f3c7a-4b8d-4a63-9d02-2f1b7c5e9a10", "done": false}, "orderCancelUserErrors": []}),
    )
}

#[tokio::test]
async fn orders_cancel_never_refunds_or_notifies_unless_asked() {
    let h = Harness::new().await;
    h.admin_reply(cancel_reply());
    let out = h
        .call(
            "shopify_orders_cancel",
            json!({"order_id": "450789469", "reason": "customer", "restock": true, "idempotency_key": "cancel-1001-a"}),
        )
        .await
        .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "OrderCancel");
    assert_eq!(
        vars,
        json!({
            "orderId": "gid://shopify/Order/450789469", "reason": "CUSTOMER", "restock": true,
            "notifyCustomer": false, "refundMethod": {"originalPaymentMethodsRefund": false},
            "staffNote": null
        })
    );
    assert_eq!(
        out,
        json!({
            "order_id": "gid://shopify/Order/450789469",
            "job_id": "gid://shopify/Job/8e1f3c7a-4b8d-4a63-9d02-2f1b7c5e9a10",
            "job_done": false, "refund": false, "restock": true, "customer_notified": false
        })
    );
    // Same key, same arguments: the pipeline replays the result without a second request.
    let again = h
        .call(
            "shopify_orders_cancel",
            json!({"order_id": "450789469", "reason": "customer", "restock": true, "idempotency_key": "cancel-1001-a"}),
        )
        .await
        .unwrap();
    assert_eq!(again, out);
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn orders_cancel_refunds_and_notifies_only_when_asked() {
    let h = Harness::new().await;
    h.admin_reply(cancel_reply());
    h.call(
        "shopify_orders_cancel",
        json!({"order_id": "450789469", "reason": "fraud", "restock": false, "refund": true,
               "notify_customer": true, "staff_note": "Chargeback risk", "idempotency_key": "cancel-1001-b"}),
    )
    .await
    .unwrap();
    let vars = graphql(&h.only_request(), Endpoint::Admin, "OrderCancel");
    assert_eq!(
        vars["refundMethod"],
        json!({"originalPaymentMethodsRefund": true})
    );
    assert_eq!(vars["notifyCustomer"], true);
    assert_eq!(vars["restock"], false);
    assert_eq!(vars["reason"], "FRAUD");
    assert_eq!(vars["staffNote"], "Chargeback risk");
}

#[tokio::test]
async fn orders_cancel_needs_an_explicit_restock_and_a_key() {
    let h = Harness::new().await;
    let err = h
        .call(
            "shopify_orders_cancel",
            json!({"order_id": "1", "reason": "other"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field.as_str()).collect();
    assert!(
        fields.contains(&"restock") && fields.contains(&"idempotency_key"),
        "{fields:?}"
    );
    assert_eq!(h.fake.request_count(), 0);
}

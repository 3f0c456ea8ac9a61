//! Orders, comments, invoices, shipments and credit memos: reads.

use serde_json::json;

use crate::common::{self, Harness, Options, fixture, ok, search_result};

#[tokio::test]
async fn orders_search_without_pii() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/orders",
        ok(&search_result(&[fixture("order.json")], 1)),
    );
    let out = h
        .ok(
            "magento_orders_search",
            json!({
                "filters": [
                    {"field": "status", "condition": "in", "value": "pending,processing"},
                    {"field": "created_at", "condition": "gteq", "value": "2026-11-01"}
                ],
                "sort": {"field": "created_at", "direction": "desc"},
                "page_size": 50
            }),
        )
        .await;
    let req = h.only_request();
    let q = common::query(&req);
    assert_eq!(
        q[1],
        (
            "searchCriteria[filterGroups][0][filters][0][value]".into(),
            "pending,processing".into()
        )
    );
    assert_eq!(
        q[5],
        (
            "searchCriteria[filterGroups][1][filters][0][conditionType]".into(),
            "gteq".into()
        )
    );
    assert_eq!(q[8], ("searchCriteria[pageSize]".into(), "50".into()));
    assert_eq!(
        out["items"][0],
        json!({
            "id": 1, "increment_id": "000000001", "state": "processing", "status": "processing",
            "created_at": "2026-11-20 08:21:33", "updated_at": "2026-11-20 08:25:10",
            "grand_total": "74", "currency": "USD", "total_qty_ordered": "2",
            "total_item_count": 1, "customer_id": 1, "customer_group_id": 1,
            "customer_is_guest": false, "store_id": 1
        })
    );
    let text = out.to_string();
    for secret in [
        "roni_cost",
        "Costello",
        "203.0.113.9",
        "protect_code",
        "f5d1b2",
    ] {
        assert!(!text.contains(secret), "{secret}");
    }
}

#[tokio::test]
async fn orders_get_without_and_with_pii() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/orders/1",
        ok(&fixture("order.json")),
    );
    let out = h.ok("magento_orders_get", json!({"order_id": 1})).await;
    assert_eq!(h.only_request().path, "/rest/default/V1/orders/1");
    assert_eq!(out["totals"]["discount_amount"], "-5");
    assert_eq!(out["totals"]["total_refunded"], json!(null));
    assert_eq!(out["items"][0]["item_id"], 1);
    assert_eq!(out["items"][0]["qty_invoiced"], "2");
    assert_eq!(out["payment_method"], "checkmo");
    assert!(
        out["customer_note"]["untrusted_text"]
            .as_str()
            .unwrap()
            .contains("admin mode")
    );
    assert!(out.get("billing_address").is_none() && out.get("shipping_address").is_none());
    assert!(!out.to_string().contains("Honey Bluff") && !out.to_string().contains("roni_cost"));

    let h = Harness::with(Options {
        customer_pii: true,
        ..Default::default()
    })
    .await;
    h.fake.push(
        "GET",
        "/rest/default/V1/orders/1",
        ok(&fixture("order.json")),
    );
    let out = h.ok("magento_orders_get", json!({"order_id": 1})).await;
    assert_eq!(out["order"]["customer_email"], "roni_cost@example.com");
    assert_eq!(
        out["order"]["customer_name"],
        json!({"untrusted_text": "Veronica Costello"})
    );
    assert_eq!(
        out["shipping_address"]["street"],
        json!({"untrusted_text": "6146 Honey Bluff Parkway\nApt 2"})
    );
    assert_eq!(
        out["billing_address"]["telephone"],
        json!({"untrusted_text": "(555) 229-3326"})
    );
}

#[tokio::test]
async fn order_comments_list() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/orders/1/comments",
        ok(&search_result(
            &[json!({
                "comment": "Captured amount of $74.00 online.", "created_at": "2026-11-20 08:25:10",
                "entity_id": 4, "entity_name": "invoice", "is_customer_notified": 0,
                "is_visible_on_front": 0, "parent_id": 1, "status": "processing"
            })],
            1,
        )),
    );
    let out = h
        .ok("magento_order_comments_list", json!({"order_id": 1}))
        .await;
    assert_eq!(h.only_request().query, None);
    assert_eq!(
        out,
        json!({"order_id": 1, "comments": [{
            "id": 4, "comment": {"untrusted_text": "Captured amount of $74.00 online."},
            "status": "processing", "created_at": "2026-11-20 08:25:10",
            "customer_notified": false, "visible_to_customer": false
        }]})
    );
}

#[tokio::test]
async fn invoices_and_credit_memos() {
    for (search_tool, get_tool, search_path, get_path, file) in [
        (
            "magento_invoices_search",
            "magento_invoices_get",
            "/rest/default/V1/invoices",
            "/rest/default/V1/invoices/1",
            "invoice.json",
        ),
        (
            "magento_creditmemos_search",
            "magento_creditmemos_get",
            "/rest/default/V1/creditmemos",
            "/rest/default/V1/creditmemo/1",
            "creditmemo.json",
        ),
    ] {
        let h = Harness::new().await;
        h.fake
            .push("GET", search_path, ok(&search_result(&[fixture(file)], 1)));
        let out = h
            .ok(
                search_tool,
                json!({"filters": [{"field": "order_id", "condition": "eq", "value": "1"}]}),
            )
            .await;
        let req = h.only_request();
        assert_eq!(req.path, search_path);
        assert_eq!(common::query(&req)[0].1, "order_id");
        assert_eq!(out["items"][0]["order_id"], 1);
        assert_eq!(out["items"][0]["items"], json!([]), "lines only in get");

        let h = Harness::new().await;
        h.fake.push("GET", get_path, ok(&fixture(file)));
        let out = h.ok(get_tool, json!({"id": 1})).await;
        assert_eq!(h.only_request().path, get_path);
        assert_eq!(out["items"][0]["sku"], "24-MB01");
        assert_eq!(out["currency"], "USD");
        assert_eq!(out["state"], 2);
    }
}

#[tokio::test]
async fn shipments_search_and_get() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/shipments",
        ok(&search_result(&[fixture("shipment.json")], 1)),
    );
    let out = h
        .ok(
            "magento_shipments_search",
            json!({"filters": [{"field": "order_id", "condition": "eq", "value": "1"}]}),
        )
        .await;
    h.only_request();
    assert_eq!(
        out["items"][0]["tracks"][0]["track_number"],
        "1Z999AA10123456784"
    );

    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/shipment/3",
        ok(&fixture("shipment.json")),
    );
    let out = h
        .ok("magento_shipments_get", json!({"shipment_id": 3}))
        .await;
    assert_eq!(h.only_request().path, "/rest/default/V1/shipment/3");
    assert_eq!(
        out["items"],
        json!([{"order_item_id": 1, "sku": "24-MB01", "name": "Joust Duffle Bag", "qty": "2"}])
    );
    assert_eq!(out["tracks"][0]["carrier_code"], "ups");
}

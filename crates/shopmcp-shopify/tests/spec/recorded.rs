//! Every tool's recorded request, checked against the schema.

use std::collections::BTreeSet;

use apollo_compiler::executable::Operation;
use apollo_compiler::request::coerce_variable_values;
use apollo_compiler::response::JsonMap;
use serde_json::{Value, json};
use shopmcp_shopify::{Document, documents};
use shopmcp_testkit::FakeResponse;

use crate::common::*;
use crate::walk::deprecated_inputs;
use crate::{executable, schema};

fn check_variables(op: &Operation, doc: &Document, variables: &Value) -> BTreeSet<String> {
    let declared: BTreeSet<&str> = op.variables.iter().map(|v| v.name.as_str()).collect();
    let sent: BTreeSet<&str> = variables
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(
        sent.is_subset(&declared),
        "{}: undeclared variables {sent:?}",
        doc.name
    );
    let map: JsonMap = serde_json::from_value(variables.clone()).unwrap();
    if let Err(e) = coerce_variable_values(schema(doc.api), op, &map) {
        panic!(
            "{}: variables do not fit the schema: {}\n{variables}",
            doc.name,
            e.message()
        );
    }
    let mut deprecated = BTreeSet::new();
    for var in &op.variables {
        if let Some(v) = variables.get(var.name.as_str()) {
            deprecated_inputs(
                schema(doc.api),
                &var.ty,
                v,
                &format!("${}", var.name),
                &mut deprecated,
            );
        }
    }
    deprecated
}

/// Every tool, with every optional input it has, against an upstream that refuses after
/// recording; the recorded requests are then checked against the schema.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_recorded_request_fits_the_schema() {
    let h = Harness::pii().await;
    let refuse = json!({"errors": [{"message": "recorded", "extensions": {"code": "RECORDED"}}]});
    h.fake.set_default(FakeResponse::json(200, &refuse));
    h.admin_reply(with_cost(
        json!({"productVariant": {"id": "gid://shopify/ProductVariant/1",
        "price": "10.00", "compareAtPrice": null, "product": {"id": "gid://shopify/Product/1"}}}),
    ));
    let cart = "gid://shopify/Cart/Z2NwLWV1?key=abc";
    let line = "gid://shopify/CartLine/0a1b?cart=Z2NwLWV1";
    let window =
        json!({"created_after": "2026-01-01T00:00:00Z", "created_before": "2026-02-01T00:00:00Z"});
    let calls = vec![
        (
            "shopify_variant_prices_update",
            json!({"variant_id": "1", "price": "12.00", "compare_at_price": "15.00"}),
        ),
        ("shopify_shop_get", json!({})),
        (
            "shopify_orders_list",
            json!({"first": 5, "after": "c", "status": "open", "financial_status": "paid",
            "fulfillment_status": "shipped", "created_after": "2026-01-01T00:00:00Z", "updated_before": "2026-02-01T00:00:00Z",
            "tag": "t", "name": "#1001", "sort_key": "total_price", "sort_order": "asc"}),
        ),
        ("shopify_orders_get", json!({"order_id": "1"})),
        (
            "shopify_products_list",
            json!({"search": "a b", "title": "t", "status": "archived", "vendor": "v",
            "product_type": "p", "tag": "t", "sku": "s", "updated_after": "2026-01-01T00:00:00Z",
            "sort_key": "inventory_total", "sort_order": "asc", "after": "c"}),
        ),
        ("shopify_products_get", json!({"product_id": "1"})),
        ("shopify_variants_search", json!({"sku": "s"})),
        (
            "shopify_collections_list",
            json!({"title": "t", "collection_type": "custom", "first": 3}),
        ),
        (
            "shopify_customers_list",
            json!({"search": "x", "tag": "t", "state": "invited",
            "created_after": "2026-01-01T00:00:00Z", "updated_after": "2026-01-01T00:00:00Z", "sort_key": "updated_at"}),
        ),
        ("shopify_customers_get", json!({"customer_id": "1"})),
        (
            "shopify_inventory_levels_list",
            json!({"sku": "s", "location_id": "2"}),
        ),
        (
            "shopify_inventory_levels_list",
            json!({"location_id": "2", "first": 3, "after": "c"}),
        ),
        (
            "shopify_locations_list",
            json!({"include_inactive": false, "after": "c"}),
        ),
        ("shopify_fulfillment_orders_list", json!({"order_id": "1"})),
        (
            "shopify_draft_orders_list",
            json!({"status": "completed", "tag": "t", "updated_after": "2026-01-01T00:00:00Z"}),
        ),
        ("shopify_draft_orders_get", json!({"draft_order_id": "1"})),
        (
            "shopify_discounts_list",
            json!({"status": "expired", "method": "automatic", "code": "C", "sort_order": "asc"}),
        ),
        ("shopify_abandoned_checkouts_list", {
            let mut a = window.clone();
            a["status"] = json!("closed");
            a["recovery"] = json!("recovered");
            a
        }),
        (
            "shopify_orders_update",
            json!({"order_id": "1", "note": "n", "tags": ["a"]}),
        ),
        (
            "shopify_customers_update",
            json!({"customer_id": "1", "note": "n", "tags": ["a"]}),
        ),
        (
            "shopify_products_update",
            json!({"product_id": "1", "title": "t", "description_html": "<p>d</p>",
            "status": "unlisted", "tags": ["a"], "vendor": "v", "product_type": "p", "seo_title": "s", "seo_description": "d"}),
        ),
        (
            "shopify_inventory_adjust",
            json!({"inventory_item_id": "1", "location_id": "2", "delta": 3,
            "reason": "received", "expected_available": 4}),
        ),
        (
            "shopify_inventory_adjust",
            json!({"inventory_item_id": "1", "location_id": "2", "delta": -1, "reason": "shrinkage"}),
        ),
        (
            "shopify_inventory_set",
            json!({"inventory_item_id": "1", "location_id": "2", "quantity": 5,
            "reason": "correction", "current_quantity": 4}),
        ),
        (
            "shopify_fulfillments_create",
            json!({"fulfillment_order_id": "1", "line_items": [{"id": "2", "quantity": 1}],
            "tracking_company": "UPS", "tracking_number": "1Z", "notify_customer": true, "idempotency_key": "k-00000001"}),
        ),
        (
            "shopify_fulfillments_create",
            json!({"fulfillment_order_id": "1", "idempotency_key": "k-00000002"}),
        ),
        (
            "shopify_orders_cancel",
            json!({"order_id": "1", "reason": "inventory", "restock": true, "refund": true,
            "notify_customer": false, "staff_note": "s", "idempotency_key": "k-00000003"}),
        ),
        (
            "shopify_catalog_search",
            json!({"query": "shoes", "first": 3, "after": "c"}),
        ),
        ("shopify_carts_get", json!({"cart_id": cart})),
        (
            "shopify_carts_create",
            json!({"lines": [{"merchandise_id": "1", "quantity": 2}]}),
        ),
        (
            "shopify_cart_lines_add",
            json!({"cart_id": cart, "lines": [{"merchandise_id": "1", "quantity": 2}]}),
        ),
        (
            "shopify_cart_lines_update",
            json!({"cart_id": cart, "lines": [{"line_id": line, "quantity": 0}]}),
        ),
        (
            "shopify_cart_lines_remove",
            json!({"cart_id": cart, "line_ids": [line]}),
        ),
    ];
    for (tool, args) in calls {
        let err = h.call(tool, args).await.expect_err(tool);
        assert!(
            err.model_message().contains("RECORDED") || tool == "shopify_variant_prices_update",
            "{tool}: {err}"
        );
    }
    let ctx = shopmcp_core::CallContext::new(
        h.ws,
        shopmcp_core::Principal::new("t"),
        std::time::Duration::from_secs(10),
    );
    assert!(h.client.granted_scopes(&ctx, &admin_token()).await.is_err());

    let mut sent = BTreeSet::new();
    let mut deprecated = BTreeSet::new();
    for req in h.requests() {
        let body = req.json().unwrap();
        let name = body["operationName"].as_str().unwrap();
        let doc = documents::by_name(name).unwrap();
        let exe = executable(doc);
        let op = exe.operations.get(Some(name)).unwrap();
        deprecated.extend(check_variables(op, doc, &body["variables"]));
        sent.insert(name.to_owned());
    }
    let all: BTreeSet<String> = documents::ALL.iter().map(|d| d.name.to_owned()).collect();
    assert_eq!(sent, all, "every document was exercised");
    assert!(
        deprecated.is_empty(),
        "deprecated input fields sent: {deprecated:?}"
    );
}

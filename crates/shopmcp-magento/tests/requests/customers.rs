//! Customers, carts and promotions reads; credential kinds and the store code.

use serde_json::{Value, json};
use shopmcp_core::ErrorKind;

use crate::common::{self, Harness, Options, fixture, ok, search_result};

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn page(size: &str, page: &str) -> Vec<(String, String)> {
    pairs(&[
        ("searchCriteria[pageSize]", size),
        ("searchCriteria[currentPage]", page),
    ])
}

#[tokio::test]
async fn customers_without_pii_show_ids_only_and_refuse_pii_filters() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/customers/1",
        ok(&fixture("customer.json")),
    );
    let out = h
        .ok("magento_customers_get", json!({"customer_id": 1}))
        .await;
    h.only_request();
    assert_eq!(
        out,
        json!({
            "id": 1, "group_id": 1, "website_id": 1, "store_id": 1, "created_in": "Default Store View",
            "created_at": "2026-01-12 10:00:01", "updated_at": "2026-11-01 12:30:45"
        })
    );
    let err = h
        .call(
            "magento_customers_search",
            json!({"filters": [
                {"field": "email", "condition": "like", "value": "%@example.com"}
            ]}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert!(
        err.model_message().contains("`email`"),
        "{}",
        err.model_message()
    );
    assert_eq!(h.fake.request_count(), 1);
}

#[tokio::test]
async fn customers_with_pii() {
    let h = Harness::with(Options {
        customer_pii: true,
        ..Default::default()
    })
    .await;
    h.fake.push(
        "GET",
        "/rest/default/V1/customers/search",
        ok(&search_result(&[fixture("customer.json")], 1)),
    );
    let out = h
        .ok("magento_customers_search", json!({
            "filters": [{"field": "email", "condition": "eq", "value": "roni_cost@example.com"}],
            "sort": {"field": "created_at", "direction": "desc"}
        }))
        .await;
    let mut expected = pairs(&[
        (
            "searchCriteria[filterGroups][0][filters][0][field]",
            "email",
        ),
        (
            "searchCriteria[filterGroups][0][filters][0][value]",
            "roni_cost@example.com",
        ),
        (
            "searchCriteria[filterGroups][0][filters][0][conditionType]",
            "eq",
        ),
        ("searchCriteria[sortOrders][0][field]", "created_at"),
        ("searchCriteria[sortOrders][0][direction]", "DESC"),
    ]);
    expected.extend(page("20", "1"));
    assert_eq!(common::query(&h.only_request()), expected);
    let c = &out["items"][0];
    assert_eq!(c["email"], "roni_cost@example.com");
    assert_eq!(c["name"], json!({"untrusted_text": "Veronica Costello"}));
    assert!(c.get("addresses").is_none(), "addresses only in get");
    assert!(c.get("dob").is_none() && c.get("gender").is_none());

    h.fake.push(
        "GET",
        "/rest/default/V1/customers/1",
        ok(&fixture("customer.json")),
    );
    let out = h
        .ok("magento_customers_get", json!({"customer_id": 1}))
        .await;
    assert_eq!(
        out["addresses"][0]["city"],
        json!({"untrusted_text": "Calder"})
    );
    assert_eq!(
        out["addresses"][0]["region"],
        json!({"untrusted_text": "Michigan"})
    );
    assert_eq!(out["addresses"][0]["country_id"], "US");
}

#[tokio::test]
async fn customer_groups_list_pages_only() {
    let h = Harness::new().await;
    h.fake.push("GET", "/rest/default/V1/customerGroups/search", ok(&search_result(&[
        json!({"id": 0, "code": "NOT LOGGED IN", "tax_class_id": 3, "tax_class_name": "Retail Customer"}),
        json!({"id": 1, "code": "General", "tax_class_id": 3, "tax_class_name": "Retail Customer"})
    ], 2)));
    let out = h.ok("magento_customer_groups_list", json!({})).await;
    assert_eq!(common::query(&h.only_request()), page("20", "1"));
    assert_eq!(out["items"][1]["code"], "General");
    assert_eq!(out["has_more"], false);
}

#[tokio::test]
async fn abandoned_carts_search() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/carts/search",
        ok(&search_result(&[fixture("cart.json")], 1)),
    );
    let out = h
        .ok(
            "magento_carts_search",
            json!({"filters": [
            {"field": "is_active", "condition": "eq", "value": "1"},
            {"field": "items_count", "condition": "gt", "value": "0"},
            {"field": "updated_at", "condition": "lt", "value": "2026-11-20T00:00:00"}
        ], "sort": {"field": "updated_at", "direction": "asc"}, "page_size": 50}),
        )
        .await;
    let q = common::query(&h.only_request());
    assert_eq!(q.len(), 9 + 2 + 2);
    assert!(q.contains(&(
        "searchCriteria[filterGroups][2][filters][0][value]".into(),
        "2026-11-20T00:00:00".into()
    )));
    let cart = &out["items"][0];
    assert_eq!(cart["customer_id"], 1);
    assert_eq!(cart["currency"], "USD");
    assert_eq!(
        cart["items"],
        json!([{"sku": "24-MB01", "name": "Joust Duffle Bag", "qty": "1", "price": "34"}])
    );
    assert!(cart.get("customer_email").is_none() && cart.get("customer_name").is_none());
}

#[tokio::test]
async fn promotions_search() {
    let h = Harness::new().await;
    h.fake.push(
        "GET",
        "/rest/default/V1/salesRules/search",
        ok(&search_result(&[fixture("sales_rule.json")], 1)),
    );
    let out = h
        .ok(
            "magento_sales_rules_search",
            json!({"filters": [
                {"field": "is_active", "condition": "eq", "value": "1"}
            ]}),
        )
        .await;
    h.only_request();
    let rule = &out["items"][0];
    assert_eq!(
        (
            rule["simple_action"].clone(),
            rule["discount_amount"].clone()
        ),
        (json!("by_percent"), json!("20"))
    );
    assert!(rule.get("condition").is_none());

    let h = Harness::new().await;
    let coupon = json!({"coupon_id": 7, "rule_id": 2, "code": "H20", "usage_limit": 100,
        "usage_per_customer": 1, "times_used": 4, "expiration_date": null, "is_primary": true,
        "created_at": "2026-11-01 00:00:00", "type": 0});
    h.fake.push(
        "GET",
        "/rest/default/V1/coupons/search",
        ok(&search_result(&[coupon], 1)),
    );
    let out = h
        .ok(
            "magento_coupons_search",
            json!({"filters": [
                {"field": "code", "condition": "eq", "value": "H20"}
            ]}),
        )
        .await;
    h.only_request();
    assert_eq!(out["items"][0]["code"], "H20");
    assert!(out["items"][0].get("type").is_none());
}

#[tokio::test]
async fn bearer_credentials_send_a_bearer_header() {
    let h = Harness::with(Options {
        credential: common::bearer_credential(),
        ..Default::default()
    })
    .await;
    h.fake.push(
        "GET",
        "/rest/default/V1/products/24-MB01",
        ok(&fixture("product.json")),
    );
    h.ok("magento_products_get", json!({"sku": "24-MB01"}))
        .await;
    let req = h.fake.requests().pop().unwrap();
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {}", common::BEARER_TOKEN).as_str())
    );
}

#[tokio::test]
async fn the_store_code_comes_from_the_config() {
    let h = Harness::with(Options {
        store: "all",
        ..Default::default()
    })
    .await;
    h.fake.push(
        "GET",
        "/rest/all/V1/products/24-MB01",
        ok(&fixture("product.json")),
    );
    let out: Value = h
        .ok("magento_products_get", json!({"sku": "24-MB01"}))
        .await;
    assert_eq!(out["sku"], "24-MB01");
    assert_eq!(h.fake.requests()[0].path, "/rest/all/V1/products/24-MB01");
    let err = h
        .call(
            "magento_products_get",
            json!({"sku": "24-MB01", "store": "admin"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArguments);
    assert_eq!(h.fake.request_count(), 1);
}

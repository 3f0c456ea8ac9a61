//! Customers and customer groups, with and without customer PII.

use serde_json::json;
use shopmcp_bigcommerce::ToolOptions;

use crate::common::{Env, fixture, path};
use crate::{Expect, assert_request};

#[tokio::test]
async fn customers_list_without_pii() {
    let env = Env::new().await;
    env.fake
        .push("GET", &path("/v3/customers"), fixture("customers.json"));
    let args = json!({"name_contains": "smith", "email": "jane.smith@example.com",
        "customer_group_id": 2, "created_from": "2023-01-01T00:00:00Z",
        "created_to": "2024-01-01T00:00:00Z", "sort": "date_created:desc"});
    let out = env.call("bigcommerce_customers_list", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/customers",
            query: Some(
                "name%3Alike=smith&email%3Ain=jane.smith%40example.com&customer_group_id%3Ain=2&date_created%3Amin=2023-01-01T00%3A00%3A00Z&date_created%3Amax=2024-01-01T00%3A00%3A00Z&sort=date_created%3Adesc&page=1&limit=20",
            ),
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"customers": [{"id": 11, "customer_group_id": 2,
            "date_created": "2023-01-02T10:00:00Z", "date_modified": "2024-05-14T09:34:00Z",
            "address_count": 1, "channel_ids": [1]}],
            "page": {"page": 1, "limit": 20, "total": 1}})
    );
}

#[tokio::test]
async fn customers_get_with_pii() {
    let env = Env::with_options(ToolOptions::default().with_customer_pii(true)).await;
    env.fake
        .push("GET", &path("/v3/customers"), fixture("customers.json"));
    let out = env
        .call("bigcommerce_customers_get", json!({"customer_id": 11}))
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/customers",
            query: Some("id%3Ain=11"),
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"id": 11, "customer_group_id": 2, "date_created": "2023-01-02T10:00:00Z",
            "date_modified": "2024-05-14T09:34:00Z", "address_count": 1, "channel_ids": [1],
            "name": {"untrusted_text": "Jane Smith"},
            "email": {"untrusted_text": "jane.smith@example.com"},
            "phone": {"untrusted_text": "555-123-4567"},
            "company": {"untrusted_text": "Acme Corp"}, "notes": "Preferred customer"})
    );
    assert!(!out.to_string().contains("203.0.113.9"));
}

#[tokio::test]
async fn customers_get_of_an_unknown_id_is_not_found() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/customers"),
        shopmcp_testkit::FakeResponse::json(200, &json!({"data": [], "meta": {}})),
    );
    let err = env
        .call("bigcommerce_customers_get", json!({"customer_id": 99}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::NotFound);
    assert_eq!(
        err.model_message(),
        "customer 99 was not found in the store"
    );
}

#[tokio::test]
async fn customer_groups_list() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v2/customer_groups"),
        fixture("customer_groups.json"),
    );
    let out = env
        .call(
            "bigcommerce_customer_groups_list",
            json!({"name_contains": "Whole", "limit": 2}),
        )
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v2/customer_groups",
            query: Some("name%3Alike=Whole&page=1&limit=2"),
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"groups": [
            {"id": 1, "name": "Wholesale", "is_default": false, "is_group_for_guests": false},
            {"id": 2, "name": "Retail", "is_default": true, "is_group_for_guests": false}],
            "page": {"page": 1, "limit": 2, "next_page": 2}})
    );
}

//! Customers, with and without personal data.

use serde_json::{Value, json};
use shopmcp_neto::Action;

use crate::common::{Harness, assert_neto_request};

const LIST_SELECT: [&str; 6] = [
    "Username",
    "Type",
    "Active",
    "UserGroup",
    "DateAdded",
    "DateUpdated",
];

fn list_args() -> Value {
    json!({
        "usernames": ["jcitizen", "wholesale-acme"], "emails": ["jane@example.com"],
        "customer_type": "Customer", "active": true, "user_group": "Retail",
        "updated_from": "2026-01-01", "updated_to": "2026-11-21", "page": 0, "limit": 50
    })
}

fn list_body(select: &[&str]) -> Value {
    json!({"Filter": {
        "Username": ["jcitizen", "wholesale-acme"], "Email": ["jane@example.com"],
        "Type": ["Customer"], "Active": [true], "UserGroup": ["Retail"],
        "DateUpdatedFrom": "2026-01-01 00:00:00", "DateUpdatedTo": "2026-11-21 23:59:59",
        "OutputSelector": select, "Page": 0, "Limit": 50
    }})
}

#[tokio::test]
async fn customers_list_without_pii() {
    let h = Harness::new().await;
    h.reply_fixture("get_customer_list");
    let out = h.ok("neto_customers_list", &list_args()).await;
    let body = assert_neto_request(&h.only_request(), Action::GetCustomer);
    assert_eq!(body, list_body(&LIST_SELECT));
    assert_eq!(
        out,
        json!({"customers": [
            {"username": "jcitizen", "customer_type": "Customer", "active": true, "user_group": "Retail",
             "date_added": "2023-05-02 10:00:00", "date_updated": "2026-11-20 14:03:55"},
            {"username": "wholesale-acme", "customer_type": "Prospect", "active": false,
             "user_group": "Wholesale", "date_added": "2025-01-10 09:00:00",
             "date_updated": "2025-02-01 11:00:00"}
        ], "page": 0, "next_page": null})
    );
}

#[tokio::test]
async fn customers_list_with_pii() {
    let h = Harness::with_pii().await;
    h.reply_fixture("get_customer_list");
    let out = h.ok("neto_customers_list", &list_args()).await;
    let body = assert_neto_request(&h.only_request(), Action::GetCustomer);
    let mut select = LIST_SELECT.to_vec();
    select.push("EmailAddress");
    assert_eq!(body, list_body(&select));
    assert_eq!(out["customers"][1]["email"], "buyer@acme.example");
}

const GET_SELECT: [&str; 10] = [
    "Username",
    "Type",
    "Active",
    "UserGroup",
    "DateAdded",
    "DateUpdated",
    "OnCreditHold",
    "NewsletterSubscriber",
    "AccountBalance",
    "CreditLimit",
];

fn customer_out() -> Value {
    json!({
        "customer": {"username": "jcitizen", "customer_type": "Customer", "active": true,
            "user_group": "Retail", "date_added": "2023-05-02 10:00:00",
            "date_updated": "2026-11-20 14:03:55"},
        "on_credit_hold": false, "newsletter_subscriber": true, "account_balance": "0.00",
        "credit_limit": "500.00"
    })
}

#[tokio::test]
async fn customers_get_without_pii() {
    let h = Harness::new().await;
    h.reply_fixture("get_customer");
    let out = h
        .ok("neto_customers_get", &json!({"username": "jcitizen"}))
        .await;
    let body = assert_neto_request(&h.only_request(), Action::GetCustomer);
    assert_eq!(
        body,
        json!({"Filter": {"Username": ["jcitizen"], "OutputSelector": GET_SELECT, "Page": 0, "Limit": 1}})
    );
    assert_eq!(out, customer_out());
}

#[tokio::test]
async fn customers_get_with_pii() {
    let h = Harness::with_pii().await;
    h.reply_fixture("get_customer");
    let out = h
        .ok("neto_customers_get", &json!({"username": "jcitizen"}))
        .await;
    let body = assert_neto_request(&h.only_request(), Action::GetCustomer);
    let mut select = GET_SELECT.to_vec();
    select.extend(["EmailAddress", "BillingAddress", "ShippingAddress"]);
    assert_eq!(
        body,
        json!({"Filter": {"Username": ["jcitizen"], "OutputSelector": select, "Page": 0, "Limit": 1}})
    );
    let mut expected = customer_out();
    expected["customer"]["email"] = json!("jane@example.com");
    expected["bill_to"] =
        json!({"untrusted_text": "Jane Citizen\nPO Box 12\nSydney NSW 2001\nAU\n0400 000 000"});
    expected["ship_to"] =
        json!({"untrusted_text": "Jane Citizen\n1 George St\nLevel 3\nSydney NSW 2000\nAU"});
    assert_eq!(out, expected);
}

#[tokio::test]
async fn customers_get_of_an_unknown_username_is_not_found() {
    let h = Harness::new().await;
    h.reply_json(&json!({"Customer": "", "CurrentTime": "2026-11-21 10:49:40", "Ack": "Success"}));
    let err = h
        .err("neto_customers_get", &json!({"username": "ghost"}))
        .await;
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::NotFound);
}

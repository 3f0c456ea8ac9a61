//! Transactions, refunds, refund quotes.

use serde_json::json;

use crate::common::{Env, fixture, fixture_with_status, path};
use crate::{Expect, assert_request};

#[tokio::test]
async fn transactions_list_leaves_card_data_out() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/orders/100/transactions"),
        fixture("transactions.json"),
    );
    let out = env
        .call("bigcommerce_transactions_list", json!({"order_id": 100}))
        .await
        .unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/orders/100/transactions",
            query: None,
            body: None,
        },
    );
    assert_eq!(
        out,
        json!({"transactions": [{"id": 3, "order_id": "100", "event": "purchase",
            "method": "credit_card", "amount": "361.95", "currency": "USD",
            "gateway": "braintree", "gateway_transaction_id": "ch_1Fa2", "status": "ok",
            "test": false, "fraud_review": false, "date_created": "2018-01-10T21:05:30+00:00"}]})
    );
    let text = out.to_string();
    assert!(!text.contains("411111") && !text.contains("tok_internal"));
}

#[tokio::test]
async fn transactions_list_treats_204_as_empty() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/orders/100/transactions"),
        shopmcp_testkit::FakeResponse::new(204),
    );
    let out = env
        .call("bigcommerce_transactions_list", json!({"order_id": 100}))
        .await
        .unwrap();
    assert_eq!(out, json!({"transactions": []}));
}

#[tokio::test]
async fn refunds_list_for_an_order_and_period() {
    let env = Env::new().await;
    env.fake.push(
        "GET",
        &path("/v3/orders/payment_actions/refunds"),
        fixture("refunds.json"),
    );
    let args = json!({"order_id": 100, "created_from": "2022-06-01T00:00:00Z",
        "created_to": "2022-06-30T23:59:59Z", "limit": 10});
    let out = env.call("bigcommerce_refunds_list", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "GET",
            path: "/v3/orders/payment_actions/refunds",
            query: Some(
                "order_id%3Ain=100&created%3Amin=2022-06-01T00%3A00%3A00Z&created%3Amax=2022-06-30T23%3A59%3A59Z&page=1&limit=10",
            ),
            body: None,
        },
    );
    assert_eq!(
        out["refunds"],
        json!([{"id": 12, "order_id": 100, "created": "2022-06-16T16:44:15+00:00",
            "reason": "Customer requires a refund.", "total_amount": "50", "total_tax": "5",
            "items": [{"item_type": "PRODUCT", "item_id": 65, "quantity": 1, "requested_amount": null}],
            "payments": [{"provider_id": "storecredit", "amount": "50", "offline": true,
                "is_declined": false}]}])
    );
}

#[tokio::test]
async fn refund_quote_is_a_calculation() {
    let env = Env::new().await;
    env.fake.push(
        "POST",
        &path("/v3/orders/100/payment_actions/refund_quotes"),
        fixture_with_status("refund_quote.json", 201),
    );
    let args = json!({"order_id": 100, "items": [
        {"item_type": "PRODUCT", "item_id": 65, "quantity": 1},
        {"item_type": "SHIPPING", "item_id": 132, "amount": "10.00"}]});
    let out = env.call("bigcommerce_refunds_quote", args).await.unwrap();
    assert_request(
        &env,
        &Expect {
            method: "POST",
            path: "/v3/orders/100/payment_actions/refund_quotes",
            query: None,
            body: Some(json!({"items": [
                {"item_type": "PRODUCT", "item_id": 65, "quantity": 1},
                {"item_type": "SHIPPING", "item_id": 132, "amount": 10.0}]})),
        },
    );
    assert_eq!(out["total_refund_amount"], "119.35");
    assert_eq!(out["refund_methods"][1][0]["provider_id"], "custom");
    assert_eq!(out["refund_methods"][1][0]["offline"], true);
    let spec = env
        .tools
        .iter()
        .find(|t| t.spec().name() == "bigcommerce_refunds_quote")
        .unwrap()
        .spec()
        .clone();
    assert!(!spec.access().is_write(), "a quote is a read tool");
}

#[tokio::test]
async fn refund_quote_items_must_match_their_type() {
    let env = Env::new().await;
    let bad = json!({"order_id": 100, "items": [{"item_type": "PRODUCT", "item_id": 65, "amount": "5.00"}]});
    let err = env
        .call("bigcommerce_refunds_quote", bad)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), shopmcp_core::ErrorKind::InvalidArguments);
    assert!(err.model_message().contains("need `quantity`"));
    let negative =
        json!({"order_id": 100, "items": [{"item_type": "ORDER", "item_id": 100, "amount": "-5"}]});
    let err = env
        .call("bigcommerce_refunds_quote", negative)
        .await
        .unwrap_err();
    assert!(err.model_message().contains("non-negative"));
    assert_eq!(env.fake.request_count(), 0);
}

//! Buyer-side guest carts: anonymous routes, no credential on the wire.

use serde_json::json;
use shopmcp_core::ErrorKind;

use crate::common::{self, Harness, fixture, ok};

const CART: &str = "pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0jL";

fn assert_anonymous(req: &shopmcp_testkit::RecordedRequest) {
    assert_eq!(req.header("authorization"), None);
    for secret in [
        common::CONSUMER_KEY,
        common::ACCESS_TOKEN,
        common::CONSUMER_SECRET,
    ] {
        assert!(!req.contains(secret));
    }
}

#[tokio::test]
async fn guest_cart_create_add_and_totals() {
    let h = Harness::new().await;
    h.fake
        .push("POST", "/rest/default/V1/guest-carts", ok(&json!(CART)));
    let out = h.ok("magento_guest_carts_create", json!({})).await;
    assert_eq!(out, json!({"cart_id": CART}));

    let items_path = format!("/rest/default/V1/guest-carts/{CART}/items");
    h.fake.push(
        "POST",
        &items_path,
        ok(&json!({
            "item_id": 31, "sku": "24-MB01", "qty": 2, "name": "Joust Duffle Bag", "price": 34,
            "product_type": "simple", "quote_id": "12"
        })),
    );
    let out = h
        .ok(
            "magento_guest_cart_items_add",
            json!({"cart_id": CART, "sku": "24-MB01", "qty": "2"}),
        )
        .await;
    assert_eq!(
        out,
        json!({"item_id": 31, "sku": "24-MB01", "name": "Joust Duffle Bag", "qty": "2", "price": "34"})
    );

    let totals_path = format!("/rest/default/V1/guest-carts/{CART}/totals");
    h.fake
        .push("GET", &totals_path, ok(&fixture("totals.json")));
    let out = h
        .ok("magento_guest_cart_totals_get", json!({"cart_id": CART}))
        .await;
    assert_eq!(out["grand_total"], "44");
    assert_eq!(
        out["segments"][1],
        json!({"code": "shipping", "title": "Shipping & Handling (Flat Rate - Fixed)", "value": "10"})
    );

    let requests = h.fake.requests();
    assert_eq!(requests.len(), 3);
    let methods: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        methods,
        [
            ("POST", "/rest/default/V1/guest-carts"),
            ("POST", items_path.as_str()),
            ("GET", totals_path.as_str())
        ]
    );
    for r in &requests {
        assert_anonymous(r);
    }
    assert!(requests[0].body.is_empty());
    assert_eq!(
        requests[1].json().unwrap(),
        json!({"cartItem": {"sku": "24-MB01", "qty": 2.0, "quote_id": CART}})
    );
}

#[tokio::test]
async fn guest_cart_ids_are_checked_before_any_request() {
    let h = Harness::new().await;
    for id in [
        "../../V1/customers/1xxxxxxxxxxxxxxxxx",
        "pT1qA5yW8vK2mN4bC6xZ9rS3dF7gH0j!",
        "short",
    ] {
        let err = h
            .call("magento_guest_cart_totals_get", json!({"cart_id": id}))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArguments, "{id}");
    }
    assert_eq!(h.fake.request_count(), 0);
    h.fake.push(
        "POST",
        "/rest/default/V1/guest-carts",
        ok(&json!("not-a-masked-id")),
    );
    let err = h
        .call("magento_guest_carts_create", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
}

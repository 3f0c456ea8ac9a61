//! The stdio transport, driven by the rmcp client over an in-process byte stream, in both
//! protocol eras.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::clients::{self, Era, TestClient};
use common::{Fixture, checks, first_text};
use serde_json::json;

#[tokio::test]
async fn stdio_serves_the_fixed_workspace_in_both_eras() {
    let f = Fixture::new();
    for era in Era::BOTH {
        let a = clients::stdio(&f.server, f.identity_a(), era, TestClient::plain()).await;
        let b = clients::stdio(&f.server, f.identity_b(), era, TestClient::plain()).await;
        checks::all(&a, &b, &f).await;
        a.cancel().await.unwrap();
        b.cancel().await.unwrap();
    }
}

#[tokio::test]
async fn stdio_write_goes_through_and_is_audited() {
    let f = Fixture::new();
    let a = clients::stdio(&f.server, f.identity_a(), Era::Legacy, TestClient::plain()).await;
    let r = checks::call(
        &a,
        "local_products_update",
        json!({"sku": "MUG-01", "changes": {"price": "9.99"}}),
    )
    .await
    .unwrap();
    assert_eq!(r.is_error, Some(false), "{}", first_text(&r));
    assert_eq!(f.catalogue.get("MUG-01").unwrap().price, "9.99");
    assert_eq!(f.catalogue.writes(), 1);
    let events = f.audit.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].workspace, Some(f.ws_a));
}

#[tokio::test]
async fn w3_without_elicitation_is_refused_with_what_to_enable() {
    let f = Fixture::new();
    for era in Era::BOTH {
        let a = clients::stdio(&f.server, f.identity_a(), era, TestClient::plain()).await;
        let r = checks::call(
            &a,
            "local_refunds_create",
            json!({"order_id": "1001", "amount": "5.00", "idempotency_key": "k1"}),
        )
        .await
        .unwrap();
        assert_eq!(r.is_error, Some(true));
        let text = first_text(&r);
        assert!(text.contains("needs a human confirmation"), "{text}");
        assert!(text.contains("supports confirmation prompts"), "{text}");
        assert_eq!(f.refunds.count(), 0);
    }
}

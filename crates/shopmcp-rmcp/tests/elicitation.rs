//! W3 confirmation through MCP elicitation: approve and decline, over stdio and HTTP, in
//! both protocol eras (session prompts before 2026-07-28, input-required rounds after).
#![cfg(feature = "http")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::clients::{self, Client, Era, TestClient};
use common::raw;
use common::{Fixture, checks, first_text};
use serde_json::{Value, json};
use shopmcp_rmcp::SessionMode;

fn refund(key: &str, amount: &str) -> Value {
    json!({"order_id": "1001", "amount": amount, "idempotency_key": key})
}

/// Approve: the refund runs once, the human saw the tool and every argument, and a replay
/// of the same key returns the first result without asking again.
async fn approve(client: &Client, handler: &TestClient, f: &Fixture, key: &str) {
    let before = f.refunds.count();
    let r = checks::call(client, "local_refunds_create", refund(key, "5.00"))
        .await
        .unwrap();
    assert_eq!(r.is_error, Some(false), "{}", first_text(&r));
    assert_eq!(f.refunds.count(), before + 1);
    let prompts = handler.prompts();
    assert_eq!(prompts.len(), 1);
    assert!(
        prompts[0].contains("local_refunds_create"),
        "{}",
        prompts[0]
    );
    assert!(prompts[0].contains("- amount: 5.00"), "{}", prompts[0]);
    assert!(
        prompts[0].contains(&format!("- idempotency_key: {key}")),
        "{}",
        prompts[0]
    );
    let again = checks::call(client, "local_refunds_create", refund(key, "5.00"))
        .await
        .unwrap();
    assert_eq!(again.structured_content, r.structured_content);
    assert_eq!(f.refunds.count(), before + 1);
    assert_eq!(handler.prompts().len(), 1);
}

/// Decline: nothing runs, the model is told the human did not confirm.
async fn decline(client: &Client, handler: &TestClient, f: &Fixture, key: &str) {
    let before = f.refunds.count();
    let r = checks::call(client, "local_refunds_create", refund(key, "7.00"))
        .await
        .unwrap();
    assert_eq!(r.is_error, Some(true));
    assert!(
        first_text(&r).contains("did not confirm"),
        "{}",
        first_text(&r)
    );
    assert_eq!(f.refunds.count(), before);
    assert_eq!(handler.prompts().len(), 1);
}

#[tokio::test]
async fn stdio_approve_and_decline_in_both_eras() {
    let f = Fixture::new();
    for era in Era::BOTH {
        let yes = TestClient::answering(true);
        let a = clients::stdio(&f.server, f.identity_a(), era, yes.clone()).await;
        approve(&a, &yes, &f, &format!("stdio-yes-{era:?}")).await;
        let no = TestClient::answering(false);
        let a = clients::stdio(&f.server, f.identity_a(), era, no.clone()).await;
        decline(&a, &no, &f, &format!("stdio-no-{era:?}")).await;
    }
}

#[tokio::test]
async fn http_approve_and_decline_in_both_eras() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    for era in Era::BOTH {
        let yes = TestClient::answering(true);
        let a = clients::http(h.url(), &f.token_a, era, yes.clone()).await;
        approve(&a, &yes, &f, &format!("http-yes-{era:?}")).await;
        let no = TestClient::answering(false);
        let a = clients::http(h.url(), &f.token_a, era, no.clone()).await;
        decline(&a, &no, &f, &format!("http-no-{era:?}")).await;
    }
}

#[tokio::test]
async fn stateless_http_cannot_prompt_old_clients_and_says_so() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b.sessions(SessionMode::Stateless)).await;
    let yes = TestClient::answering(true);
    let a = clients::http(h.url(), &f.token_a, Era::Legacy, yes.clone()).await;
    let r = checks::call(&a, "local_refunds_create", refund("k", "5.00"))
        .await
        .unwrap();
    assert_eq!(r.is_error, Some(true));
    assert!(first_text(&r).contains("needs a human confirmation"));
    assert!(yes.prompts().is_empty());
    assert_eq!(f.refunds.count(), 0);
}

/// The 2026-07-28 round by hand: the request state names the exact arguments, so an
/// approval obtained for one amount cannot run another.
#[tokio::test]
async fn an_input_required_round_is_bound_to_the_exact_arguments() {
    let f = Fixture::new();
    let h = raw::serve(&f, |b| b).await;
    let caps = json!({"elicitation": {"form": {}}});
    let ask = |id: u64, params: Value| {
        raw::modern_with(h.url(), &f.token_a, id, "tools/call", params, caps.clone())
    };
    let first = ask(
        1,
        json!({"name": "local_refunds_create", "arguments": refund("raw", "5.00")}),
    )
    .await;
    let result = first.json()["result"].clone();
    assert_eq!(
        result["resultType"],
        json!("input_required"),
        "{}",
        first.text
    );
    let state = result["requestState"].as_str().unwrap().to_owned();
    let form = &result["inputRequests"]["shopmcp_confirm"];
    assert_eq!(form["method"], json!("elicitation/create"));
    assert!(
        form["params"]["message"]
            .as_str()
            .unwrap()
            .contains("- amount: 5.00")
    );
    let yes = json!({"shopmcp_confirm": {"action": "accept", "content": {"confirm": true}}});

    // Same state and answer, different amount: asked again, nothing runs.
    let swapped = ask(
        2,
        json!({"name": "local_refunds_create", "arguments": refund("raw", "500.00"),
        "inputResponses": yes, "requestState": state}),
    )
    .await;
    assert_eq!(
        swapped.json()["result"]["resultType"],
        json!("input_required"),
        "{}",
        swapped.text
    );
    assert_eq!(f.refunds.count(), 0);

    // A forged state: asked again.
    let forged = ask(
        3,
        json!({"name": "local_refunds_create", "arguments": refund("raw", "5.00"),
        "inputResponses": yes, "requestState": "c1.99999999999.00"}),
    )
    .await;
    assert_eq!(
        forged.json()["result"]["resultType"],
        json!("input_required")
    );
    assert_eq!(f.refunds.count(), 0);

    // Another workspace's token cannot use the state (B does not even have the tool).
    let b = raw::modern_with(
        h.url(),
        &f.token_b,
        4,
        "tools/call",
        json!({"name": "local_refunds_create", "arguments": refund("raw", "5.00"),
            "inputResponses": yes, "requestState": state}),
        caps.clone(),
    )
    .await;
    assert_eq!(b.json()["error"]["code"], json!(-32602));

    // The exact arguments with the approval: runs once.
    let done = ask(
        5,
        json!({"name": "local_refunds_create", "arguments": refund("raw", "5.00"),
        "inputResponses": yes, "requestState": state}),
    )
    .await;
    let result = &done.json()["result"];
    assert_eq!(result["isError"], json!(false), "{}", done.text);
    assert_eq!(f.refunds.count(), 1);
}

//! Idempotency records of W3 tools: claim, replay, conflict, release, expiry, isolation.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use shopmcp_core::{ArgumentsDigest, IdempotencyState, IdempotencyStore, WorkspaceId};
use shopmcp_postgres::PostgresBackend;
use tokio::task::JoinSet;

use crate::common::TestDb;

const TOOL: &str = "shopify_refunds_create";

fn digest(n: u32) -> ArgumentsDigest {
    ArgumentsDigest::of(TOOL, &json!({ "order_id": "1001", "amount": n }))
}

#[tokio::test]
async fn a_key_is_claimed_once_then_replayed_or_refused() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let store = backend.idempotency();
    let (ws, other) = (WorkspaceId::random(), WorkspaceId::random());

    assert_eq!(
        store.begin(ws, TOOL, "k1", digest(1)).await.unwrap(),
        IdempotencyState::New
    );
    // While the first call runs, a retry is a conflict, with any arguments.
    assert_eq!(
        store.begin(ws, TOOL, "k1", digest(1)).await.unwrap(),
        IdempotencyState::Conflict
    );
    let result = json!({ "refund_id": "r-77", "amount": "12.50" });
    store.complete(ws, TOOL, "k1", &result).await;
    assert_eq!(
        store.begin(ws, TOOL, "k1", digest(1)).await.unwrap(),
        IdempotencyState::Replay(result.clone())
    );
    assert_eq!(
        store.begin(ws, TOOL, "k1", digest(2)).await.unwrap(),
        IdempotencyState::Conflict
    );
    // Keys are per workspace and per tool.
    assert_eq!(
        store.begin(other, TOOL, "k1", digest(1)).await.unwrap(),
        IdempotencyState::New
    );
    assert_eq!(
        store
            .begin(ws, "shopify_orders_cancel", "k1", digest(1))
            .await
            .unwrap(),
        IdempotencyState::New
    );
    // A released key may be used again.
    assert_eq!(
        store.begin(ws, TOOL, "k2", digest(1)).await.unwrap(),
        IdempotencyState::New
    );
    store.release(ws, TOOL, "k2").await;
    assert_eq!(
        store.begin(ws, TOOL, "k2", digest(3)).await.unwrap(),
        IdempotencyState::New
    );
}

#[tokio::test]
async fn concurrent_claims_of_one_key_admit_exactly_one() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let store = Arc::new(backend.idempotency());
    let ws = WorkspaceId::random();
    let mut tasks = JoinSet::new();
    for _ in 0..16 {
        let store = Arc::clone(&store);
        tasks.spawn(async move { store.begin(ws, TOOL, "race", digest(1)).await.unwrap() });
    }
    let mut new = 0;
    while let Some(state) = tasks.join_next().await {
        match state.unwrap() {
            IdempotencyState::New => new += 1,
            other => assert_eq!(other, IdempotencyState::Conflict),
        }
    }
    assert_eq!(new, 1);
}

#[tokio::test]
async fn expired_records_free_their_key() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = PostgresBackend::connect(db.config().idempotency_ttl(Duration::ZERO))
        .await
        .unwrap();
    let store = backend.idempotency();
    let ws = WorkspaceId::random();
    assert_eq!(
        store.begin(ws, TOOL, "k", digest(1)).await.unwrap(),
        IdempotencyState::New
    );
    store.complete(ws, TOOL, "k", &json!({ "ok": true })).await;
    // With a zero TTL the record is expired by the next claim: the key is new again.
    assert_eq!(
        store.begin(ws, TOOL, "k", digest(2)).await.unwrap(),
        IdempotencyState::New
    );
}

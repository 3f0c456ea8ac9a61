//! The audit sink: every event of a heavy concurrent load is written exactly once, readiness
//! follows the database, and the usage-meter outbox fills in step.

use std::sync::Arc;
use std::time::Duration;

use shopmcp_core::{AuditSink, ErrorKind, Outcome, WorkspaceId};
use shopmcp_postgres::sqlx::{self, AssertSqlSafe};
use shopmcp_postgres::{AuditConfig, PostgresBackend};
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::common::{TestDb, event};

const TASKS: usize = 100;
const PER_TASK: usize = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_concurrent_events_are_all_written_once() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    // A small queue, so back-pressure is exercised.
    let backend = PostgresBackend::connect(db.config().audit(AuditConfig {
        capacity: 256,
        batch_max: 200,
        ..AuditConfig::default()
    }))
    .await
    .unwrap();
    let audit = Arc::new(backend.audit());
    let workspaces: Vec<WorkspaceId> = (0..8).map(|_| WorkspaceId::random()).collect();

    let mut tasks = JoinSet::new();
    for task in 0..TASKS {
        let (audit, workspaces) = (Arc::clone(&audit), workspaces.clone());
        tasks.spawn(async move {
            let mut sent = Vec::with_capacity(PER_TASK);
            for i in 0..PER_TASK {
                // Every 10th event is unauthenticated, every 4th an error.
                let workspace = (i % 10 != 9).then(|| workspaces[(task + i) % workspaces.len()]);
                let outcome = if i % 4 == 3 {
                    Outcome::Error(ErrorKind::RateLimited)
                } else {
                    Outcome::Ok
                };
                let e = event(workspace, "shopify_orders_list", outcome);
                audit.record(&e).await.unwrap();
                sent.push(e);
            }
            sent
        });
    }
    let mut sent = Vec::with_capacity(TASKS * PER_TASK);
    while let Some(done) = tasks.join_next().await {
        sent.extend(done.unwrap());
    }
    assert_eq!(sent.len(), 10_000);

    let su = db.superuser_pool().await;
    let mut stored: Vec<(Option<Uuid>, String, String)> = sqlx::query_as(
        "SELECT workspace_id, request_id::text, outcome FROM shopmcp.usage_events \
         UNION ALL SELECT NULL, request_id::text, outcome FROM shopmcp.unauthenticated_events",
    )
    .fetch_all(&su)
    .await
    .unwrap();
    assert_eq!(stored.len(), 10_000, "every event written, none twice");
    let mut expected: Vec<(Option<Uuid>, String, String)> = sent
        .iter()
        .map(|e| {
            (
                e.workspace.map(|w| *w.as_uuid()),
                e.request_id.to_string(),
                e.outcome.as_str().to_owned(),
            )
        })
        .collect();
    stored.sort();
    expected.sort();
    assert_eq!(stored, expected);

    // One outbox row per successful call of a workspace, none for errors or anonymous calls.
    let billable = sent
        .iter()
        .filter(|e| e.workspace.is_some() && e.outcome == Outcome::Ok)
        .count();
    let outbox: i64 = sqlx::query_scalar("SELECT count(*) FROM shopmcp.usage_outbox")
        .fetch_one(&su)
        .await
        .unwrap();
    assert_eq!(usize::try_from(outbox).unwrap(), billable);
    let unmatched: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM shopmcp.usage_outbox o WHERE NOT EXISTS (SELECT 1 FROM shopmcp.usage_events e \
         WHERE e.workspace_id = o.workspace_id AND e.event_id = o.event_id AND e.outcome = 'ok')",
    )
    .fetch_one(&su)
    .await
    .unwrap();
    assert_eq!(unmatched, 0);
    backend.close().await;
}

#[tokio::test]
async fn the_outbox_is_drained_per_workspace() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let audit = backend.audit();
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    for ws in [a, a, a, b] {
        audit
            .record(&event(Some(ws), "shopify_orders_list", Outcome::Ok))
            .await
            .unwrap();
    }
    audit
        .record(&event(
            Some(a),
            "shopify_orders_list",
            Outcome::Error(ErrorKind::UpstreamUnavailable),
        ))
        .await
        .unwrap();
    let outbox = backend.outbox();
    let pending = outbox.pending(a, 10).await.unwrap();
    assert_eq!(pending.len(), 3);
    assert!(
        pending
            .iter()
            .all(|p| p.outcome == "ok" && p.tool == "shopify_orders_list")
    );
    let mut pending_workspaces = backend
        .admin()
        .workspaces_with_pending_usage()
        .await
        .unwrap();
    pending_workspaces.sort();
    let mut both = vec![a, b];
    both.sort();
    assert_eq!(pending_workspaces, both);
    let first_two: Vec<Uuid> = pending.iter().take(2).map(|p| p.event_id).collect();
    assert_eq!(outbox.mark_delivered(a, &first_two).await.unwrap(), 2);
    assert_eq!(outbox.mark_delivered(a, &first_two).await.unwrap(), 0);
    // Another workspace cannot acknowledge them.
    let rest: Vec<Uuid> = outbox
        .pending(a, 10)
        .await
        .unwrap()
        .iter()
        .map(|p| p.event_id)
        .collect();
    assert_eq!(outbox.mark_delivered(b, &rest).await.unwrap(), 0);
    assert_eq!(outbox.pending(a, 10).await.unwrap().len(), 1);
    let pruned = outbox
        .prune_delivered(a, std::time::SystemTime::now() + Duration::from_secs(1))
        .await
        .unwrap();
    assert_eq!(pruned, 2);
}

#[tokio::test]
async fn readiness_follows_the_database_and_shutdown() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = PostgresBackend::connect(
        db.config()
            .acquire_timeout(Duration::from_millis(500))
            .audit(AuditConfig {
                retries: 1,
                ..AuditConfig::default()
            }),
    )
    .await
    .unwrap();
    let audit = backend.audit();
    let ws = WorkspaceId::random();
    audit.ready().await.unwrap();
    audit
        .record(&event(Some(ws), "shopify_orders_list", Outcome::Ok))
        .await
        .unwrap();

    // The database goes away: no new connections, existing ones terminated.
    let su = db.superuser_pool().await;
    let maintenance = db.maintenance_pool().await;
    let name = db.name.clone();
    sqlx::query(AssertSqlSafe(format!(
        "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false"
    )))
    .execute(&maintenance)
    .await
    .unwrap();
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename <> current_user")
        .bind(&name)
        .execute(&maintenance)
        .await
        .unwrap();
    assert!(
        audit.ready().await.is_err(),
        "unhealthy while the database is down"
    );
    let err = audit
        .record(&event(Some(ws), "shopify_orders_list", Outcome::Ok))
        .await
        .unwrap_err();
    assert!(!err.0.is_empty());
    assert!(audit.ready().await.is_err());

    // It comes back.
    sqlx::query(AssertSqlSafe(format!(
        "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"
    )))
    .execute(&maintenance)
    .await
    .unwrap();
    audit.ready().await.unwrap();
    audit
        .record(&event(Some(ws), "shopify_orders_list", Outcome::Ok))
        .await
        .unwrap();
    let written: i64 = sqlx::query_scalar("SELECT count(*) FROM shopmcp.usage_events")
        .fetch_one(&su)
        .await
        .unwrap();
    assert_eq!(
        written, 2,
        "the event refused while down was reported, not silently kept"
    );

    // After shutdown nothing is accepted.
    audit.shutdown().await;
    assert!(audit.ready().await.is_err());
    assert!(audit.record(&event(None, "x", Outcome::Ok)).await.is_err());
}

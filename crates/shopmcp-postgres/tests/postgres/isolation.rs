//! Row-Level Security through the application role: a query without any workspace filter sees
//! only the current workspace; writes for another workspace are refused.

use shopmcp_core::WorkspaceId;
use shopmcp_postgres::sqlx::{self, AssertSqlSafe};
use uuid::Uuid;

use crate::common::{TENANT_TABLES, TestDb, seed, sqlstate};

#[tokio::test]
async fn a_query_without_a_workspace_filter_sees_only_the_current_workspace() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    seed(&backend, a).await;
    seed(&backend, b).await;

    for (ws, other) in [(a, b), (b, a)] {
        let mut tx = backend.tenant_pool().begin(ws).await.unwrap();
        for table in TENANT_TABLES {
            let seen: Vec<Uuid> = sqlx::query_scalar(AssertSqlSafe(format!(
                "SELECT workspace_id FROM shopmcp.{table}"
            )))
            .fetch_all(tx.conn())
            .await
            .unwrap();
            assert!(
                !seen.is_empty(),
                "{table}: the workspace's own rows are visible"
            );
            assert!(
                seen.iter().all(|id| id == ws.as_uuid()),
                "{table}: saw {seen:?}"
            );
            let hidden: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
                "SELECT count(*) FROM shopmcp.{table} WHERE workspace_id = $1"
            )))
            .bind(other.as_uuid())
            .fetch_one(tx.conn())
            .await
            .unwrap();
            assert_eq!(
                hidden, 0,
                "{table}: another workspace's rows are invisible even by id"
            );
        }
        // The token directory shows nothing unless scoped to one token id.
        let lookups: i64 = sqlx::query_scalar("SELECT count(*) FROM shopmcp.token_lookup")
            .fetch_one(tx.conn())
            .await
            .unwrap();
        assert_eq!(lookups, 0);
        tx.commit().await.unwrap();
    }

    // Outside any tenant transaction the application role sees no row at all (and no error:
    // the unset setting reads '' and NULLIF turns it into NULL).
    let raw = db.pool_as(&db.roles.app).await;
    for table in TENANT_TABLES.iter().chain(&["token_lookup"]) {
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT count(*) FROM shopmcp.{table}"
        )))
        .fetch_one(&raw)
        .await
        .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    // The superuser sees both workspaces: the rows exist.
    let su = db.superuser_pool().await;
    let workspaces: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT workspace_id) FROM shopmcp.usage_events")
            .fetch_one(&su)
            .await
            .unwrap();
    assert_eq!(workspaces, 2);
}

#[tokio::test]
async fn writes_for_another_workspace_are_refused() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    seed(&backend, a).await;
    seed(&backend, b).await;
    let pool = backend.tenant_pool();

    // INSERT of a row for B inside A's transaction.
    let mut tx = pool.begin(a).await.unwrap();
    let err = sqlx::query(
        "INSERT INTO shopmcp.usage_events (workspace_id, event_id, occurred_at, request_id, tool, latency_us, outcome) \
         VALUES ($1, $2, now(), $2, 'shopify_orders_list', 1, 'ok')",
    )
    .bind(b.as_uuid())
    .bind(Uuid::new_v4())
    .execute(tx.conn())
    .await
    .unwrap_err();
    assert_eq!(
        sqlstate(&err),
        "42501",
        "new row violates row-level security policy"
    );
    drop(tx);

    // Moving A's row to B.
    let mut tx = pool.begin(a).await.unwrap();
    let err = sqlx::query("UPDATE shopmcp.workspaces SET workspace_id = $1")
        .bind(b.as_uuid())
        .execute(tx.conn())
        .await
        .unwrap_err();
    assert_eq!(sqlstate(&err), "42501");
    drop(tx);

    // Unfiltered UPDATE and DELETE touch only A.
    let mut tx = pool.begin(a).await.unwrap();
    let updated = sqlx::query("UPDATE shopmcp.bearer_tokens SET label = 'changed'")
        .execute(tx.conn())
        .await
        .unwrap()
        .rows_affected();
    let deleted = sqlx::query("DELETE FROM shopmcp.idempotency_records")
        .execute(tx.conn())
        .await
        .unwrap()
        .rows_affected();
    assert_eq!((updated, deleted), (1, 1));
    tx.commit().await.unwrap();
    let mut tx = pool.begin(b).await.unwrap();
    let (label, records): (String, i64) = sqlx::query_as(
        "SELECT (SELECT label FROM shopmcp.bearer_tokens), (SELECT count(*) FROM shopmcp.idempotency_records)",
    )
    .fetch_one(tx.conn())
    .await
    .unwrap();
    assert_eq!((label.as_str(), records), ("seed token", 1), "B untouched");
    drop(tx);

    // The application role may not truncate anything, nor delete or change audit events.
    let mut tx = pool.begin(a).await.unwrap();
    let err = sqlx::query("TRUNCATE shopmcp.wrapped_deks")
        .execute(tx.conn())
        .await
        .unwrap_err();
    assert_eq!(sqlstate(&err), "42501");
    drop(tx);
    for statement in [
        "DELETE FROM shopmcp.usage_events",
        "UPDATE shopmcp.usage_events SET tool = 'x'",
        "SELECT count(*) FROM shopmcp.unauthenticated_events",
    ] {
        let mut tx = pool.begin(a).await.unwrap();
        let err = sqlx::query(statement).execute(tx.conn()).await.unwrap_err();
        assert_eq!(sqlstate(&err), "42501", "{statement}");
    }
}

#[tokio::test]
async fn a_connection_carrying_a_session_setting_is_closed_not_reused() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = shopmcp_postgres::PostgresBackend::connect(db.config().app_pool_size(1))
        .await
        .unwrap();
    let pool = backend.tenant_pool();
    let (a, b) = (WorkspaceId::random(), WorkspaceId::random());
    seed(&backend, a).await;
    assert_eq!(pool.dirty_discards(), 0);

    // Misuse of the connection handed out by a tenant transaction: a session-level setting
    // (`is_local` = false, bound as a parameter) that would outlive the transaction.
    let mut tx = pool.begin(b).await.unwrap();
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(tx.conn())
        .await
        .unwrap();
    sqlx::query("SELECT set_config('app.workspace_id', $1, $2)")
        .bind(a.to_string())
        .bind(false)
        .execute(tx.conn())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // That connection is closed rather than handed out again: the pool's only one is new.
    let states = pool.inspect_connections().await.unwrap();
    assert_eq!(states.len(), 1);
    assert_ne!(states[0].backend_pid, pid);
    assert_eq!(states[0].tenant_settings, "");
    assert_eq!(pool.dirty_discards(), 1);
}

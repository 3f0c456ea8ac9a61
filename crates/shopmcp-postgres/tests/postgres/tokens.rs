//! Bearer tokens: issue, authenticate, expiry, revocation, last use; every failure the same.

use std::time::{Duration, SystemTime};

use secrecy::{ExposeSecret, SecretString};
use shopmcp_core::{Authenticator, ErrorKind, WorkspaceId};
use shopmcp_postgres::PgError;
use shopmcp_postgres::sqlx;

use crate::common::TestDb;

#[tokio::test]
async fn tokens_authenticate_until_revoked_or_expired() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let tokens = backend.tokens();
    let (ws, other) = (WorkspaceId::random(), WorkspaceId::random());
    backend.workspaces().create(ws, "shop one").await.unwrap();
    backend
        .workspaces()
        .create(other, "shop two")
        .await
        .unwrap();

    let (issued, info) = tokens.issue(ws, "laptop", None).await.unwrap();
    assert_eq!((info.workspace, info.label.as_str()), (ws, "laptop"));
    assert!(!format!("{issued:?}{info:?}").contains(issued.token.expose_secret()));
    let identity = tokens.authenticate(&issued.token).await.unwrap();
    assert_eq!(identity.workspace, ws);
    assert_eq!(identity.principal.subject(), format!("token:{}", issued.id));

    // Wrong secret with a real id, unknown id, malformed: one and the same error.
    let real = issued.token.expose_secret();
    let wrong_secret = format!("{}{}", &real[..real.len() - 4], "0000");
    let unknown_id = format!("smcp_0123456789abcdef_{}", "ab".repeat(32));
    let expected = shopmcp_core::auth::unauthenticated();
    for bad in [
        wrong_secret.as_str(),
        unknown_id.as_str(),
        "smcp_nope",
        "",
        real.trim_start_matches("smcp_"),
    ] {
        let err = tokens
            .authenticate(&SecretString::from(bad))
            .await
            .unwrap_err();
        assert_eq!(err, expected, "{bad}");
    }

    // Expired.
    let past = SystemTime::now() - Duration::from_secs(1);
    let (expired, _) = tokens.issue_until(ws, "old", Some(past)).await.unwrap();
    assert_eq!(
        tokens.authenticate(&expired.token).await.unwrap_err(),
        expected
    );
    let (fresh, _) = tokens
        .issue(ws, "ttl", Some(Duration::from_secs(3600)))
        .await
        .unwrap();
    assert!(tokens.authenticate(&fresh.token).await.is_ok());

    // Revoked: the first revocation time stays.
    assert!(tokens.revoke(ws, &issued.id).await.unwrap());
    assert_eq!(
        tokens.authenticate(&issued.token).await.unwrap_err(),
        expected
    );
    let first = tokens.list(ws).await.unwrap()[0].revoked_at;
    assert!(first.is_some());
    assert!(tokens.revoke(ws, &issued.id).await.unwrap());
    assert_eq!(tokens.list(ws).await.unwrap()[0].revoked_at, first);
    // Another workspace cannot revoke or see it.
    assert!(!tokens.revoke(other, &fresh.id).await.unwrap());
    assert!(tokens.list(other).await.unwrap().is_empty());
    assert!(tokens.authenticate(&fresh.token).await.is_ok());

    // Deleting a token removes its lookup row too.
    assert!(tokens.delete(ws, &fresh.id).await.unwrap());
    assert_eq!(
        tokens.authenticate(&fresh.token).await.unwrap_err(),
        expected
    );
    let su = db.superuser_pool().await;
    let lookups: i64 =
        sqlx::query_scalar("SELECT count(*) FROM shopmcp.token_lookup WHERE token_id = $1")
            .bind(fresh.id.as_str())
            .fetch_one(&su)
            .await
            .unwrap();
    assert_eq!(lookups, 0);
    let ids: Vec<String> = tokens
        .list(ws)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    assert_eq!(ids, [issued.id.to_string(), expired.id.to_string()]);

    // Only hashes are stored.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM shopmcp.bearer_tokens")
        .fetch_all(&su)
        .await
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|h| h.len() == 64 && !real.contains(h.as_str()))
    );
}

#[tokio::test]
async fn tokens_need_an_existing_workspace_and_a_sane_label() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let ws = WorkspaceId::random();
    let err = backend.tokens().issue(ws, "x", None).await.unwrap_err();
    assert!(
        matches!(err, PgError::UnknownWorkspace(w) if w == ws),
        "{err}"
    );
    backend.workspaces().create(ws, "shop").await.unwrap();
    assert!(!backend.workspaces().create(ws, "renamed").await.unwrap());
    assert_eq!(
        backend.workspaces().get(ws).await.unwrap().unwrap().label,
        "shop"
    );
    for label in ["a\nb".to_owned(), "x".repeat(201)] {
        let err = backend.tokens().issue(ws, &label, None).await.unwrap_err();
        assert!(matches!(err, PgError::Invalid(_)), "{err}");
    }
}

#[tokio::test]
async fn last_use_is_written_at_most_once_per_interval() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    // An hour, so that no slow machine can make this test depend on the clock.
    let backend = shopmcp_postgres::PostgresBackend::connect(
        db.config().token_touch_interval(Duration::from_secs(3600)),
    )
    .await
    .unwrap();
    let tokens = backend.tokens();
    let ws = WorkspaceId::random();
    backend.workspaces().create(ws, "shop").await.unwrap();
    let (issued, _) = tokens.issue(ws, "t", None).await.unwrap();
    assert_eq!(tokens.list(ws).await.unwrap()[0].last_used_at, None);

    tokens.authenticate(&issued.token).await.unwrap();
    let first = tokens.list(ws).await.unwrap()[0].last_used_at.unwrap();
    tokens.authenticate(&issued.token).await.unwrap();
    assert_eq!(
        tokens.list(ws).await.unwrap()[0].last_used_at,
        Some(first),
        "not rewritten within the interval"
    );

    // Older than the interval: the next use writes it again.
    let su = db.superuser_pool().await;
    sqlx::query("UPDATE shopmcp.bearer_tokens SET last_used_at = now() - interval '2 hours'")
        .execute(&su)
        .await
        .unwrap();
    let stale = tokens.list(ws).await.unwrap()[0].last_used_at.unwrap();
    tokens.authenticate(&issued.token).await.unwrap();
    let touched = tokens.list(ws).await.unwrap()[0].last_used_at.unwrap();
    assert!(touched > stale && touched >= first);
}

#[tokio::test]
async fn an_unreachable_token_store_is_an_internal_error_not_a_bad_token() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let ws = WorkspaceId::random();
    backend.workspaces().create(ws, "shop").await.unwrap();
    let (issued, _) = backend.tokens().issue(ws, "t", None).await.unwrap();
    backend.tenant_pool().close().await;
    let err = backend
        .tokens()
        .authenticate(&issued.token)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Internal);
    assert!(!err.model_message().contains(issued.id.as_str()));
}

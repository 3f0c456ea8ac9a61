//! Connecting: unsafe roles refused, TLS verified or not used, secrets never shown.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use shopmcp_postgres::provision::Provisioner;
use shopmcp_postgres::{PgError, PostgresBackend, PostgresConfig};

use crate::common::TestDb;

fn with_query(url: &SecretString, query: &str) -> SecretString {
    SecretString::from(format!("{}?{query}", url.expose_secret()))
}

#[tokio::test]
async fn unsafe_role_setups_are_refused() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let (app, admin, owner) = (
        db.url(&db.roles.app),
        db.url(&db.roles.admin),
        db.url(&db.roles.owner),
    );

    // Not migrated yet: a clear error.
    let err = PostgresBackend::connect(PostgresConfig::new(app.clone(), admin.clone()))
        .await
        .unwrap_err();
    assert!(matches!(err, PgError::Schema(_)), "{err}");
    // Migrations refuse to run as a superuser or as a run-time role.
    let mut superuser = url::Url::parse(db.url("postgres").expose_secret()).unwrap();
    superuser.set_username("postgres").unwrap();
    let superuser = SecretString::from(superuser.to_string());
    for migrator in [superuser.clone(), app.clone()] {
        let err = PostgresBackend::connect(
            PostgresConfig::new(app.clone(), admin.clone()).migrate_url(migrator),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, PgError::UnsafeRole(_)), "{err}");
    }
    // Migrating twice is harmless.
    for _ in 0..2 {
        PostgresBackend::connect(
            PostgresConfig::new(app.clone(), admin.clone()).migrate_url(owner.clone()),
        )
        .await
        .unwrap()
        .close()
        .await;
    }
    // A superuser as the application role, the application role as the admin role.
    for (a, b, what) in [
        (superuser.clone(), admin.clone(), "superuser"),
        (app.clone(), app.clone(), "BYPASSRLS"),
        (owner.clone(), admin.clone(), "owns"),
    ] {
        let err = PostgresBackend::connect(PostgresConfig::new(a, b))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, PgError::UnsafeRole(m) if m.contains(what)),
            "{err}"
        );
    }
    // An application role that inherits another role's privileges.
    let su = db.superuser_pool().await;
    for statement in [
        format!("ALTER ROLE \"{}\" INHERIT", db.roles.app),
        format!("GRANT \"{}\" TO \"{}\"", db.roles.owner, db.roles.app),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(&su)
            .await
            .unwrap();
    }
    let err = PostgresBackend::connect(PostgresConfig::new(app.clone(), admin.clone()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, PgError::UnsafeRole(m) if m.contains("inherits")),
        "{err}"
    );
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "REVOKE \"{}\" FROM \"{}\"",
        db.roles.owner, db.roles.app
    )))
    .execute(&su)
    .await
    .unwrap();
}

#[tokio::test]
async fn tls_is_fully_verified_whenever_it_is_asked_for() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let app = db.url(&db.roles.app);
    let admin = db.url(&db.roles.admin);
    let owner = db.url(&db.roles.owner);
    PostgresBackend::connect(
        PostgresConfig::new(with_query(&app, "sslmode=disable"), admin.clone()).migrate_url(owner),
    )
    .await
    .unwrap()
    .close()
    .await;
    // libpq's `require` would accept the local server's self-signed certificate (or, with
    // `prefer`, fall back to plaintext). Here both mean verify-full: refused.
    for mode in ["require", "prefer"] {
        let config =
            PostgresConfig::new(with_query(&app, &format!("sslmode={mode}")), admin.clone())
                .acquire_timeout(Duration::from_secs(1));
        let err = PostgresBackend::connect(config).await.unwrap_err();
        let message = err.to_string().to_lowercase();
        assert!(
            matches!(err, PgError::Database(_))
                && ["certificate", "tls", "ssl"]
                    .iter()
                    .any(|w| message.contains(w)),
            "{mode}: {err}"
        );
    }
}

#[tokio::test]
async fn secrets_never_appear_in_errors_or_debug_output() {
    let password = "hunter2-pg-secret";
    let url = format!("postgres://shopmcp_app:{password}@127.0.0.1:1/shopmcp");
    let config =
        PostgresConfig::new(url.as_str(), url.as_str()).acquire_timeout(Duration::from_secs(1));
    assert!(!format!("{:?}", config.clone().migrate_url(url.as_str())).contains(password));
    let err = PostgresBackend::connect(config).await.unwrap_err();
    assert!(matches!(err, PgError::Database(_)), "{err}");
    assert!(!err.to_string().contains(password) && !format!("{err:?}").contains(password));

    // A password set through the provisioner is stored as a SCRAM verifier only.
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    assert!(!format!("{backend:?} {:?}", backend.tenant_pool()).contains(&db.name));
    let provisioner = Provisioner::connect(&db.url("postgres")).await.unwrap();
    provisioner
        .set_password(
            &db.roles.app,
            &SecretString::from(format!("{password}'; DROP ROLE x; --")),
        )
        .await
        .unwrap();
    provisioner.close().await;
    let su = db.superuser_pool().await;
    let stored: String = sqlx::query_scalar("SELECT rolpassword FROM pg_authid WHERE rolname = $1")
        .bind(&db.roles.app)
        .fetch_one(&su)
        .await
        .unwrap();
    assert!(stored.starts_with("SCRAM-SHA-256$") && !stored.contains(password));
}

//! A throwaway database and three throwaway roles per test, dropped afterwards (also when the
//! test fails: [`TestDb`]'s `Drop` cleans up on a thread of its own).

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use shopmcp_postgres::provision::{RoleNames, ScratchDatabase};
use shopmcp_postgres::sqlx::postgres::PgPoolOptions;
use shopmcp_postgres::sqlx::{self, PgPool};
use shopmcp_postgres::{PostgresBackend, PostgresConfig};

/// Points the tests at a PostgreSQL server (a superuser URL).
pub const URL_VAR: &str = "SHOPMCP_TEST_DATABASE_URL";
const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDb {
    pub name: String,
    pub roles: RoleNames,
    superuser: SecretString,
    scratch: Option<ScratchDatabase>,
}

impl TestDb {
    /// A fresh database with the three roles; `None` (test skipped, loudly) when no server
    /// is reachable and `CI` is unset. With `CI` set an unreachable server fails the test.
    pub async fn create() -> Option<Self> {
        // Once the server proved unreachable, later tests skip at once.
        static UNREACHABLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let url = std::env::var(URL_VAR).unwrap_or_else(|_| DEFAULT_URL.to_owned());
        let superuser = SecretString::from(url);
        let ci = std::env::var_os("CI").is_some();
        if let (Some(e), false) = (UNREACHABLE.get(), ci) {
            loud(&format!(
                "SKIPPED: no usable PostgreSQL ({e}); set {URL_VAR}."
            ));
            return None;
        }
        let scratch = match ScratchDatabase::create(&superuser, "shopmcp_pgt").await {
            Ok(s) => s,
            Err(e) if ci => panic!("CI is set but PostgreSQL is unusable (set {URL_VAR}): {e}"),
            Err(e) => {
                let _ = UNREACHABLE.set(e.to_string());
                loud(&format!(
                    "SKIPPED: no usable PostgreSQL ({e}). Set {URL_VAR} to a superuser URL \
                     (default {DEFAULT_URL}) to run the PostgreSQL tests."
                ));
                return None;
            }
        };
        Some(Self {
            name: scratch.name().to_owned(),
            roles: scratch.roles().clone(),
            superuser,
            scratch: Some(scratch),
        })
    }

    fn scratch(&self) -> &ScratchDatabase {
        self.scratch.as_ref().unwrap()
    }

    /// The URL of `role` on this test database (trust authentication: no password).
    pub fn url(&self, role: &str) -> SecretString {
        self.scratch().url(role).unwrap()
    }

    /// Application, admin and migration URLs of this database.
    pub fn config(&self) -> PostgresConfig {
        self.scratch()
            .config()
            .unwrap()
            .app_pool_size(4)
            .acquire_timeout(Duration::from_secs(10))
    }

    /// A migrated backend with the default test configuration.
    pub async fn backend(&self) -> PostgresBackend {
        PostgresBackend::connect(self.config()).await.unwrap()
    }

    /// A plain pool logged in as `role` on this database (for catalog checks and raw probes).
    pub async fn pool_as(&self, role: &str) -> PgPool {
        PgPoolOptions::new()
            .max_connections(2)
            .connect(self.url(role).expose_secret())
            .await
            .unwrap()
    }

    /// A superuser pool on the server's maintenance database (the URL's own database).
    pub async fn maintenance_pool(&self) -> PgPool {
        PgPoolOptions::new()
            .max_connections(1)
            .connect(self.superuser.expose_secret())
            .await
            .unwrap()
    }

    /// A superuser pool on this database.
    pub async fn superuser_pool(&self) -> PgPool {
        let mut url = url::Url::parse(self.superuser.expose_secret()).unwrap();
        url.set_path(&self.name);
        PgPoolOptions::new()
            .max_connections(2)
            .connect(url.as_str())
            .await
            .unwrap()
    }
}

/// Writes to the real stderr, past the test harness's output capture.
fn loud(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\n*** {message} ***");
}

/// Drops the database and roles on a thread of its own (this runs inside a Tokio runtime, or
/// while a failed test unwinds).
impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(scratch) = self.scratch.take() else {
            return;
        };
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(scratch.destroy())
        });
        match cleanup.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("could not drop the test database or roles: {e}"),
            Err(_) => eprintln!("the cleanup thread panicked"),
        }
    }
}

/// An audit event of `workspace` for `tool`.
pub fn event(
    workspace: Option<shopmcp_core::WorkspaceId>,
    tool: &str,
    outcome: shopmcp_core::Outcome,
) -> shopmcp_core::UsageEvent {
    shopmcp_core::UsageEvent {
        timestamp: std::time::SystemTime::now(),
        request_id: shopmcp_core::RequestId::random(),
        workspace,
        tool: tool.to_owned(),
        platform: Some(shopmcp_core::Platform::Shopify),
        latency: Duration::from_micros(1234),
        outcome,
    }
}

/// The SQLSTATE of a failed statement.
pub fn sqlstate(e: &sqlx::Error) -> String {
    e.as_database_error()
        .and_then(|d| d.code())
        .map(|c| c.into_owned())
        .unwrap_or_else(|| format!("not a database error: {e}"))
}

/// Tenant tables (all but the token directory).
pub const TENANT_TABLES: [&str; 8] = [
    "workspaces",
    "bearer_tokens",
    "wrapped_deks",
    "credential_records",
    "credential_fields",
    "usage_events",
    "usage_outbox",
    "idempotency_records",
];

/// Puts one row into every tenant table for `ws`, through the backend's own handles.
pub async fn seed(backend: &PostgresBackend, ws: shopmcp_core::WorkspaceId) {
    use shopmcp_core::{ArgumentsDigest, AuditSink, IdempotencyStore, Outcome};
    use shopmcp_vault::{
        Ciphertext, CredentialRecord, CredentialStore, DekId, DekState, KeyId, SlotKey,
        WrappedDekRecord, WrappedKey,
    };
    backend.workspaces().create(ws, "seeded").await.unwrap();
    backend
        .tokens()
        .issue(ws, "seed token", None)
        .await
        .unwrap();
    let store = backend.credentials();
    let dek_id = DekId::random();
    store
        .put_dek(
            ws,
            WrappedDekRecord {
                dek_id,
                version: 1,
                state: DekState::Active,
                wrapped: WrappedKey {
                    key_id: KeyId::new("local:test"),
                    blob: vec![7; 61],
                },
                created_at: 1_790_000_000,
            },
        )
        .await
        .unwrap();
    store
        .put_record(
            ws,
            CredentialRecord {
                slot: SlotKey {
                    platform: shopmcp_core::Platform::Shopify,
                    name: "admin".to_owned(),
                },
                record_id: uuid::Uuid::new_v4(),
                kind: "access_token".to_owned(),
                dek_id,
                fields: [("token".to_owned(), Ciphertext(vec![9; 130]))].into(),
                updated_at: 1_790_000_001,
            },
        )
        .await
        .unwrap();
    backend
        .audit()
        .record(&event(Some(ws), "shopify_orders_list", Outcome::Ok))
        .await
        .unwrap();
    let digest = ArgumentsDigest::of("shopify_refunds_create", &serde_json::json!({"n": 1}));
    let idem = backend.idempotency();
    idem.begin(ws, "shopify_refunds_create", "key-1", digest)
        .await
        .unwrap();
    idem.complete(
        ws,
        "shopify_refunds_create",
        "key-1",
        &serde_json::json!({"refund": "r1"}),
    )
    .await;
}

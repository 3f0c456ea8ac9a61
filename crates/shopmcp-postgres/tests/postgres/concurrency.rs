//! Many tasks on a pool of two connections, random workspaces, injected errors, transactions
//! dropped mid-query by timeouts, and panics: no read ever returns another workspace's row,
//! and every pooled connection ends with an empty `app.workspace_id`.

use std::time::Duration;

use shopmcp_core::{Platform, WorkspaceId};
use shopmcp_postgres::TenantPool;
use shopmcp_postgres::sqlx;
use shopmcp_vault::{Ciphertext, CredentialRecord, CredentialStore, DekId, SlotKey};
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::common::{TestDb, sqlstate};

const TASKS: u64 = 64;
const ITERATIONS: u64 = 200;
const WORKSPACES: usize = 8;

/// A small deterministic generator (xorshift64*), one per task.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

#[derive(Default, Debug)]
struct Stats {
    reads: u64,
    timeouts: u64,
    errors: u64,
    refused_writes: u64,
    panics: u64,
}

fn slot() -> SlotKey {
    SlotKey {
        platform: Platform::Shopify,
        name: "admin".to_owned(),
    }
}

/// The credential kind seeded for workspace number `i`: reading it back names the owner.
fn kind_of(i: usize) -> String {
    format!("kind_{i}")
}

async fn seed(pool: &TenantPool, store: &impl CredentialStore, ws: WorkspaceId, i: usize) {
    let mut tx = pool.begin(ws).await.unwrap();
    for _ in 0..5 {
        sqlx::query(
            "INSERT INTO shopmcp.usage_events (workspace_id, event_id, occurred_at, request_id, tool, latency_us, outcome) \
             VALUES ($1, $2, now(), $2, 'shopify_orders_list', 1, 'ok')",
        )
        .bind(ws.as_uuid())
        .bind(Uuid::new_v4())
        .execute(tx.conn())
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let record = CredentialRecord {
        slot: slot(),
        record_id: Uuid::new_v4(),
        kind: kind_of(i),
        dek_id: DekId::random(),
        fields: [(
            "token".to_owned(),
            Ciphertext(vec![u8::try_from(i).unwrap(); 40]),
        )]
        .into(),
        updated_at: 1,
    };
    store.put_record(ws, record).await.unwrap();
}

/// One iteration: an action chosen at random, checked where it reads.
async fn step(
    pool: &TenantPool,
    store: &impl CredentialStore,
    workspaces: &[WorkspaceId],
    rng: &mut Rng,
    stats: &mut Stats,
) {
    let i = usize::try_from(rng.below(WORKSPACES as u64)).unwrap();
    let ws = workspaces[i];
    match rng.below(100) {
        // A transaction dropped in the middle of a query.
        0..=1 => {
            let mut tx = pool.begin(ws).await.unwrap();
            let slow = sqlx::query("SELECT pg_sleep(0.02)").execute(tx.conn());
            if tokio::time::timeout(Duration::from_millis(2), slow)
                .await
                .is_err()
            {
                stats.timeouts += 1;
            }
            drop(tx);
        }
        // Cancelled anywhere: while waiting for a connection, in BEGIN, set_config or a query.
        2..=3 => {
            let limit = Duration::from_micros(rng.below(3000));
            let work = async {
                let mut tx = pool.begin(ws).await.unwrap();
                sqlx::query("SELECT pg_sleep(0.005)")
                    .execute(tx.conn())
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            };
            if tokio::time::timeout(limit, work).await.is_err() {
                stats.timeouts += 1;
            }
        }
        // An error inside the transaction, which is then dropped.
        4..=6 => {
            let mut tx = pool.begin(ws).await.unwrap();
            let err = sqlx::query("SELECT 1 / 0")
                .execute(tx.conn())
                .await
                .unwrap_err();
            assert_eq!(sqlstate(&err), "22012");
            stats.errors += 1;
        }
        // A write for another workspace, refused by the policy.
        7..=9 => {
            let other = workspaces[(i + 1) % WORKSPACES];
            let mut tx = pool.begin(ws).await.unwrap();
            let err = sqlx::query("UPDATE shopmcp.credential_records SET workspace_id = $1")
                .bind(other.as_uuid())
                .execute(tx.conn())
                .await
                .unwrap_err();
            assert_eq!(sqlstate(&err), "42501");
            stats.refused_writes += 1;
        }
        // A panic while a transaction is open (the task unwinds; its transaction drops).
        10 => {
            let pool = pool.clone();
            let joined = tokio::spawn(async move {
                let mut tx = pool.begin(ws).await.unwrap();
                sqlx::query("SELECT 1").execute(tx.conn()).await.unwrap();
                std::panic::resume_unwind(Box::new("injected panic"));
            })
            .await;
            assert!(joined.unwrap_err().is_panic());
            stats.panics += 1;
        }
        // The typed store: the record read back is this workspace's.
        11..=30 => {
            let record = store.get_record(ws, &slot()).await.unwrap().unwrap();
            assert_eq!(record.kind, kind_of(i), "a credential of another workspace");
            stats.reads += 1;
        }
        // Unfiltered reads in a tenant transaction, sometimes with a write, commit or rollback.
        _ => {
            let mut tx = pool.begin(ws).await.unwrap();
            let (setting, seen): (String, Vec<Uuid>) = sqlx::query_as(
                "SELECT current_setting('app.workspace_id'), \
                        array(SELECT DISTINCT workspace_id FROM shopmcp.usage_events \
                              UNION SELECT workspace_id FROM shopmcp.credential_records)",
            )
            .fetch_one(tx.conn())
            .await
            .unwrap();
            assert_eq!(setting, ws.to_string());
            assert_eq!(
                seen,
                [*ws.as_uuid()],
                "rows of another workspace were visible"
            );
            if rng.below(10) == 0 {
                sqlx::query(
                    "INSERT INTO shopmcp.usage_events (workspace_id, event_id, occurred_at, request_id, tool, latency_us, outcome) \
                     VALUES ($1, $2, now(), $2, 'shopify_orders_list', 1, 'ok')",
                )
                .bind(ws.as_uuid())
                .bind(Uuid::new_v4())
                .execute(tx.conn())
                .await
                .unwrap();
            }
            if rng.below(2) == 0 {
                tx.commit().await.unwrap();
            } else {
                tx.rollback().await.unwrap();
            }
            stats.reads += 1;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenants_never_mix_under_errors_timeouts_and_panics() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = shopmcp_postgres::PostgresBackend::connect(db.config().app_pool_size(2))
        .await
        .unwrap();
    let pool = backend.tenant_pool().clone();
    let store = backend.credentials();
    let workspaces: Vec<WorkspaceId> = (0..WORKSPACES).map(|_| WorkspaceId::random()).collect();
    for (i, ws) in workspaces.iter().enumerate() {
        seed(&pool, &store, *ws, i).await;
    }

    let mut tasks = JoinSet::new();
    for task in 0..TASKS {
        let (pool, store, workspaces) = (pool.clone(), store.clone(), workspaces.clone());
        tasks.spawn(async move {
            let mut rng =
                Rng(0x9E37_79B9_7F4A_7C15 ^ (task + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
            let mut stats = Stats::default();
            for _ in 0..ITERATIONS {
                step(&pool, &store, &workspaces, &mut rng, &mut stats).await;
            }
            stats
        });
    }
    let mut total = Stats::default();
    while let Some(done) = tasks.join_next().await {
        let s = done.expect("a task failed a check");
        total.reads += s.reads;
        total.timeouts += s.timeouts;
        total.errors += s.errors;
        total.refused_writes += s.refused_writes;
        total.panics += s.panics;
    }
    assert!(total.reads > 8_000, "{total:?}");
    assert!(
        total.timeouts > 0 && total.errors > 0 && total.refused_writes > 0 && total.panics > 0,
        "every kind of fault was injected: {total:?}"
    );

    // Every pooled connection is clean, and none had to be closed for carrying a setting.
    let states = pool.inspect_connections().await.unwrap();
    assert_eq!(states.len(), 2);
    for state in &states {
        assert_eq!(state.tenant_settings, "", "{state:?}");
    }
    assert_eq!(pool.dirty_discards(), 0);
    // And the pool still serves every workspace.
    for (i, ws) in workspaces.iter().enumerate() {
        let record = store.get_record(*ws, &slot()).await.unwrap().unwrap();
        assert_eq!(record.kind, kind_of(i));
    }
}

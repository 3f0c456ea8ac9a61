//! PostgreSQL backend: audit events per second (batched writer, 1 000 concurrent `record`
//! calls per iteration), credential fetch latency (a tenant transaction reading one encrypted
//! record, DEK cached), and bearer-token authentication.
//!
//! Needs a PostgreSQL superuser URL in `SHOPMCP_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); creates a scratch database and roles and
//! drops them afterwards. Without a reachable server it says so and exits successfully.
//!
//! Run: `cargo bench -p shopmcp-benches --bench postgres -- --warm-up-time 1 --measurement-time 5`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use shopmcp_core::secret::SecretString;
use shopmcp_core::{
    AuditSink, Authenticator, CredentialSet, CredentialSlot, Outcome, Platform, RequestId,
    UsageEvent, WorkspaceId,
};
use shopmcp_postgres::provision::ScratchDatabase;
use shopmcp_postgres::{PgCredentialStore, PostgresBackend};
use shopmcp_vault::{EncryptedCredentialProvider, KeyBytes, LocalKeyWrapper};
use tokio::task::JoinSet;

const SLOT: CredentialSlot = CredentialSlot::new(Platform::Shopify, "admin");
const EVENTS: usize = 1_000;
const WORKSPACES: usize = 8;

fn event(workspace: WorkspaceId) -> UsageEvent {
    UsageEvent {
        timestamp: SystemTime::now(),
        request_id: RequestId::random(),
        workspace: Some(workspace),
        tool: "shopify_orders_list".to_owned(),
        platform: Some(Platform::Shopify),
        latency: Duration::from_micros(850),
        outcome: Outcome::Ok,
    }
}

async fn record_concurrently(
    audit: &Arc<shopmcp_postgres::PgAuditSink>,
    workspaces: &[WorkspaceId],
) {
    let mut tasks = JoinSet::new();
    for i in 0..EVENTS {
        let audit = Arc::clone(audit);
        let ws = workspaces[i % workspaces.len()];
        tasks.spawn(async move { audit.record(&event(ws)).await.unwrap() });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
}

fn postgres(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let url = std::env::var("SHOPMCP_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let scratch = match rt.block_on(ScratchDatabase::create(
        &SecretString::from(url),
        "shopmcp_bench",
    )) {
        Ok(s) => s,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set and no usable PostgreSQL ({e}); set SHOPMCP_TEST_DATABASE_URL"
            );
            println!(
                "postgres benchmarks skipped: no usable PostgreSQL ({e}); \
                 set SHOPMCP_TEST_DATABASE_URL to a superuser URL"
            );
            return;
        }
    };
    let backend = rt
        .block_on(PostgresBackend::connect(
            scratch.config().unwrap().app_pool_size(8),
        ))
        .unwrap();
    let workspaces: Vec<WorkspaceId> = (0..WORKSPACES).map(|_| WorkspaceId::random()).collect();
    let wrapper = LocalKeyWrapper::from_key(&KeyBytes::generate().unwrap()).unwrap();
    let provider: EncryptedCredentialProvider<PgCredentialStore, LocalKeyWrapper> = rt
        .block_on(async { EncryptedCredentialProvider::new(backend.credentials(), wrapper) })
        .unwrap();
    let token = rt.block_on(async {
        let set = CredentialSet::new("access_token").with_field("token", "shpat_0123456789abcdef");
        provider
            .put_credential(workspaces[0], SLOT, &set)
            .await
            .unwrap();
        backend
            .workspaces()
            .create(workspaces[0], "bench")
            .await
            .unwrap();
        backend
            .tokens()
            .issue(workspaces[0], "bench", None)
            .await
            .unwrap()
            .0
            .token
    });

    let mut group = c.benchmark_group("postgres");
    let audit = Arc::new(backend.audit());
    group.throughput(Throughput::Elements(EVENTS as u64));
    group.bench_function("audit_events_batched", |b| {
        b.iter(|| rt.block_on(record_concurrently(&audit, &workspaces)));
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("credential_fetch_cached_dek", |b| {
        b.iter(|| {
            rt.block_on(provider.get_credential(black_box(workspaces[0]), SLOT))
                .unwrap()
                .unwrap()
        });
    });
    let tokens = backend.tokens();
    group.bench_function("authenticate_bearer_token", |b| {
        b.iter(|| rt.block_on(tokens.authenticate(black_box(&token))).unwrap());
    });
    group.finish();

    rt.block_on(async {
        backend.close().await;
        scratch.destroy().await.unwrap();
    });
}

criterion_group!(benches, postgres);
criterion_main!(benches);

//! The configuration's scale-out engines are really used: `postgres_url` moves tokens,
//! credentials, audit and idempotency into PostgreSQL (RLS); `redis_url` shares rate limits.
//! Needs the local PostgreSQL and Redis (`SHOPMCP_TEST_DATABASE_URL`, `SHOPMCP_TEST_REDIS_URL`);
//! with `CI` set a missing server fails the test, otherwise it is skipped loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use shopmcp_core::{CallRequest, Caller};
use shopmcp_postgres::provision::ScratchDatabase;
use shopmcp_server::assemble;
use shopmcp_server::cli::TokenAction;
use shopmcp_server::commands::token;
use shopmcp_server::config::Config;
use shopmcp_testkit::{FakeResponse, FakeUpstream};

mod common;
use common::require;

#[tokio::test]
async fn postgres_and_redis_backends_from_the_config() {
    if !require("127.0.0.1:5432", "SHOPMCP_TEST_DATABASE_URL")
        || !require("127.0.0.1:6379", "SHOPMCP_TEST_REDIS_URL")
    {
        return;
    }
    let superuser = common::superuser_url();
    let db = ScratchDatabase::create(&superuser, "smcp_srv")
        .await
        .unwrap();
    let fake = FakeUpstream::http().await.unwrap();
    fake.respond("POST", "/do/WS/NetoAPI", |_| {
        FakeResponse::json(200, &serde_json::json!({"Item": [], "Ack": "Success", "CurrentTime": "2026-11-21 10:00:00"}))
    });
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        r#"{}redis_url = "redis://127.0.0.1:6379"

[[workspace]]
id = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
name = "pg"
neto = {{ base_url = "https://shop.example.com.au", sandbox_endpoint = "{}" }}
"#,
        common::postgres_backends(&db),
        fake.base_url()
    );
    let config = Config::parse(&text, "pg.toml", dir.path().to_path_buf()).unwrap();
    let body = async {
        common::connect(
            &config,
            "pg",
            "neto",
            "admin",
            "api_key",
            &["PG-NETO-KEY", ""],
        )
        .await;
        let bearer = common::bearer(&config, "pg").await;

        let mut progress = Vec::new();
        let assembled = assemble::build(&config, &mut progress).await.unwrap();
        let progress = String::from_utf8(progress).unwrap();
        assert!(
            progress.contains("rate limits shared through Redis"),
            "{progress}"
        );
        let r = assembled
            .pipeline
            .call(CallRequest::new(
                Caller::Bearer(&bearer),
                "neto_items_list",
                "{}",
            ))
            .await;
        assert!(r.result.is_ok(), "{:?}", r.result);
        // Nothing was written to the embedded files: the stores are in PostgreSQL.
        let data = dir.path().join("shopmcp-data");
        for f in ["tokens.json", "vault.json", "audit.jsonl"] {
            assert!(
                !data.join(f).exists(),
                "{f} should not exist with postgres_url"
            );
        }
        let mut listed = Vec::new();
        token::run(&config, &TokenAction::List, &mut listed)
            .await
            .unwrap();
        assert!(String::from_utf8(listed).unwrap().contains("active"));
    };
    body.await;
    db.destroy().await.unwrap();
}

//! `shopmcp-server` as configured by a merchant host: start-up with 1 000 workspaces (each a
//! BigCommerce store with writes opted in, 32 tools), and `tools/list` over streamable HTTP
//! for one of them, beside a request refused at authentication (the transport's own cost on
//! the same connection).
//!
//! Run: `cargo bench -p shopmcp-benches --bench server -- --warm-up-time 1 --measurement-time 5`
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shopmcp_core::TokenFile;
use shopmcp_core::WorkspaceId;
use shopmcp_core::secret::ExposeSecret;
use shopmcp_server::assemble;
use shopmcp_server::commands::serve;
use shopmcp_server::config::Config;

const WORKSPACES: usize = 1000;

fn config(dir: &std::path::Path) -> (Config, WorkspaceId) {
    let mut text = String::new();
    let mut first = None;
    for i in 0..WORKSPACES {
        let id = WorkspaceId::random();
        first.get_or_insert(id);
        writeln!(
            text,
            "[[workspace]]\nid = \"{id}\"\nname = \"store-{i}\"\nwrites = {{ tiers = [\"w1\", \"w2\", \"w3\"] }}\nbigcommerce = {{ store_hash = \"s{i:07}\" }}\n"
        )
        .unwrap();
    }
    let config = Config::parse(&text, "bench.toml", dir.to_path_buf()).unwrap();
    (config, first.unwrap())
}

fn startup(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = config(dir.path());
    let mut g = c.benchmark_group("server");
    g.sample_size(10);
    g.bench_function("assemble_1000_workspaces", |b| {
        b.iter(|| {
            let a = rt
                .block_on(assemble::build(&config, &mut std::io::sink()))
                .unwrap();
            assert_eq!(a.registry.len(), WORKSPACES);
            black_box(a)
        });
    });
    g.finish();
}

fn tools_list(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (config, ws) = config(dir.path());
    std::fs::create_dir_all(config.paths().tokens.parent().unwrap()).unwrap();
    let (issued, _) = TokenFile::open(config.paths().tokens)
        .unwrap()
        .issue(ws, "bench", None)
        .unwrap();
    let bearer = format!("Bearer {}", issued.token.expose_secret());
    let serving = rt
        .block_on(serve::start(&config, Some("127.0.0.1:0")))
        .unwrap();
    let url = serving.handle.url().to_owned();
    let client = reqwest::Client::new();
    // The 2026-07-28 request path: stateless, no `initialize`.
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1.0.0"}}}}"#;
    let post = |auth: &str| {
        client
            .post(&url)
            .header("Accept", "application/json, text/event-stream")
            .header("Content-Type", "application/json")
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", "tools/list")
            .header("Authorization", auth)
            .body(body)
    };
    let listed = rt.block_on(async {
        let r = post(&bearer).send().await.unwrap();
        assert!(r.status().is_success(), "{}", r.status());
        r.text().await.unwrap()
    });
    assert_eq!(listed.matches("\"inputSchema\"").count(), 32, "{listed}");

    let mut g = c.benchmark_group("server");
    g.bench_function("tools_list_32_tools_http", |b| {
        b.iter(|| {
            rt.block_on(async {
                let r = post(&bearer).send().await.unwrap();
                black_box(r.bytes().await.unwrap())
            })
        });
    });
    g.bench_function("refused_at_authentication_http", |b| {
        b.iter(|| {
            rt.block_on(async {
                let r = post("Bearer smcp_not_a_token").send().await.unwrap();
                assert_eq!(r.status(), 401);
                black_box(r.bytes().await.unwrap())
            })
        });
    });
    g.finish();
}

criterion_group!(benches, startup, tools_list);
criterion_main!(benches);

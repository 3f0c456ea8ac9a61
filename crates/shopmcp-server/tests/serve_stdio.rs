//! `serve --stdio` end to end: the real binary, a sandbox Neto store (the testkit fake), a
//! credential connected through the CLI, JSON-RPC over stdin/stdout.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use shopmcp_testkit::{FakeResponse, FakeUpstream};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

const WS: &str = "0b6a3c1e-6c43-4f0e-9d4e-2f0b1f0c9a11";
const KEY: &str = "NETO-KEY-SECRET-41b7";

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

struct Session {
    child: Child,
    stdin: ChildStdin,
    stdout: tokio::io::Lines<BufReader<ChildStdout>>,
    next: u64,
}

impl Session {
    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let msg = json!({"jsonrpc": "2.0", "id": self.next, "method": method, "params": params});
        self.stdin
            .write_all(format!("{msg}\n").as_bytes())
            .await
            .unwrap();
        loop {
            let line = tokio::time::timeout(Duration::from_secs(60), self.stdout.next_line())
                .await
                .expect("server answered in time")
                .unwrap()
                .expect("server still running");
            let v: Value = serde_json::from_str(&line).unwrap();
            if v["id"] == json!(self.next) {
                return v;
            }
        }
    }

    async fn notify(&mut self, method: &str) {
        let msg = json!({"jsonrpc": "2.0", "method": method});
        self.stdin
            .write_all(format!("{msg}\n").as_bytes())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn stdio_serves_the_workspace_tools_through_the_pipeline() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.respond("POST", "/do/WS/NetoAPI", |req| {
        assert_eq!(
            req.header("netoapi_key"),
            Some(KEY),
            "the connected credential reaches the store"
        );
        match req.header("netoapi_action") {
            Some("GetItem") => FakeResponse::json(200, &fixture("get_item_list.json")),
            Some("UpdateItem") => FakeResponse::json(200, &fixture("update_item.json")),
            other => FakeResponse::json(400, &json!({"unexpected": other})),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("shopmcp.toml");
    std::fs::write(
        &cfg,
        format!(
            "[[workspace]]\nid = \"{WS}\"\nname = \"acme\"\nwrites = {{ tiers = [\"w2\"] }}\nneto = {{ base_url = \"https://shop.example.com.au\", sandbox_endpoint = \"{}\" }}\n",
            fake.base_url()
        ),
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_shopmcp-server");
    let mut connect = Command::new(bin)
        .args([
            "--config",
            cfg.to_str().unwrap(),
            "connect",
            "--workspace",
            "acme",
            "--platform",
            "neto",
            "--kind",
            "api_key",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    connect
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{KEY}\n\n").as_bytes())
        .await
        .unwrap();
    assert!(connect.wait().await.unwrap().success());

    let mut child = Command::new(bin)
        .args(["--config", cfg.to_str().unwrap(), "serve", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut s = Session {
        stdin: child.stdin.take().unwrap(),
        stdout: BufReader::new(child.stdout.take().unwrap()).lines(),
        child,
        next: 0,
    };
    let init = s
        .request(
            "initialize",
            json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}),
        )
        .await;
    assert!(
        init["result"]["capabilities"]["tools"].is_object(),
        "{init}"
    );
    s.notify("notifications/initialized").await;

    let list = s.request("tools/list", json!({})).await;
    let names: Vec<&str> = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"neto_items_list") && names.contains(&"neto_items_update"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"neto_order_status_update"),
        "W3 not opted in: {names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "deterministic order");

    let read = s
        .request(
            "tools/call",
            json!({"name": "neto_items_list", "arguments": {}}),
        )
        .await;
    assert_eq!(read["result"]["isError"], json!(false), "{read}");
    assert!(
        read["result"]["structuredContent"]
            .to_string()
            .contains("Luke Skywalker Doll"),
        "{read}"
    );

    let before = fake.request_count();
    let bad = s
        .request(
            "tools/call",
            json!({"name": "neto_items_update", "arguments": {"sku": "LSD", "changes": {"name": "x", "password": "p", "is_active": true}}}),
        )
        .await;
    assert_eq!(bad["result"]["isError"], json!(true), "{bad}");
    let text = bad["result"]["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("password") && text.contains("forbidden"),
        "{text}"
    );
    assert_eq!(fake.request_count(), before, "nothing reached the store");

    let unknown = s
        .request(
            "tools/call",
            json!({"name": "shopify_orders_list", "arguments": {}}),
        )
        .await;
    assert_eq!(unknown["error"]["code"], json!(-32602), "{unknown}");

    drop(s.stdin);
    let _ = tokio::time::timeout(Duration::from_secs(10), s.child.wait()).await;
    let audit = std::fs::read_to_string(dir.path().join("shopmcp-data/audit.jsonl")).unwrap();
    let outcomes: Vec<String> = audit
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["outcome"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(outcomes, ["ok", "invalid_arguments", "unknown_tool"]);
    assert!(!audit.contains(KEY) && !audit.contains("password"));
}

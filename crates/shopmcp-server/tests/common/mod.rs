//! Helpers shared by the server's integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;

/// Whether a server listens at `addr`. With `CI` set a missing server fails the test;
/// otherwise the test is skipped with a message naming `var`.
pub(crate) fn require(addr: &str, var: &str) -> bool {
    if std::net::TcpStream::connect(addr).is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but nothing listens on {addr} ({var})"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: no server at {addr}; set {var} to run this test"
    );
    false
}

/// The superuser URL of the test PostgreSQL (`SHOPMCP_TEST_DATABASE_URL`).
pub(crate) fn superuser_url() -> shopmcp_core::secret::SecretString {
    shopmcp_core::secret::SecretString::from(
        std::env::var("SHOPMCP_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into()),
    )
}

/// The `[backends]` lines that put tokens, credentials, audit and idempotency into `db`.
pub(crate) fn postgres_backends(db: &shopmcp_postgres::provision::ScratchDatabase) -> String {
    use shopmcp_core::secret::ExposeSecret;
    let url = |role: &str| db.url(role).unwrap().expose_secret().to_owned();
    format!(
        "[backends]\npostgres_url = \"{}\"\npostgres_admin_url = \"{}\"\npostgres_migrate_url = \"{}\"\n",
        url(&db.roles().app),
        url(&db.roles().admin),
        url(&db.roles().owner),
    )
}

/// Creates a bearer token for `workspace` with `token create`; returns it.
pub(crate) async fn bearer(
    config: &shopmcp_server::config::Config,
    workspace: &str,
) -> shopmcp_core::secret::SecretString {
    let create = shopmcp_server::cli::TokenAction::Create {
        workspace: workspace.into(),
        label: "test".into(),
        ttl_days: None,
    };
    let mut out = Vec::new();
    shopmcp_server::commands::token::run(config, &create, &mut out)
        .await
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    shopmcp_core::secret::SecretString::from(
        out.lines()
            .find(|l| l.starts_with("smcp_"))
            .unwrap()
            .to_owned(),
    )
}

/// Stores a credential with `connect`: `fields` are the answers to its prompts, in order
/// (an empty string skips an optional field).
pub(crate) async fn connect(
    config: &shopmcp_server::config::Config,
    workspace: &str,
    platform: &str,
    slot: &str,
    kind: &str,
    fields: &[&str],
) {
    let args = shopmcp_server::commands::connect::ConnectArgs {
        workspace,
        platform,
        slot,
        kind,
    };
    let mut input = std::io::Cursor::new(format!("{}\n", fields.join("\n")));
    shopmcp_server::commands::connect::run(config, args, &mut input, false, &mut Vec::new())
        .await
        .unwrap();
}

/// One answer of the MCP endpoint: the HTTP status and the body.
#[derive(Debug, Clone)]
pub(crate) struct McpReply {
    /// HTTP status.
    pub(crate) status: u16,
    /// The body as received.
    pub(crate) text: String,
}

impl McpReply {
    /// The JSON-RPC message (plain JSON or the last SSE `data:` event); `Null` when none.
    pub(crate) fn json(&self) -> serde_json::Value {
        if let Ok(v) = serde_json::from_str(&self.text) {
            return v;
        }
        self.text
            .lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .filter_map(|d| serde_json::from_str::<serde_json::Value>(d.trim()).ok())
            .next_back()
            .unwrap_or(serde_json::Value::Null)
    }
}

/// A stateless MCP client (protocol revision 2026-07-28) over streamable HTTP with a bearer
/// token, announcing form elicitation so W3 confirmations come back as input-required rounds.
#[derive(Debug, Clone)]
pub(crate) struct Mcp {
    http: reqwest::Client,
    url: String,
    token: shopmcp_core::secret::SecretString,
}

impl Mcp {
    /// A client of the endpoint at `url` with `token`.
    pub(crate) fn new(url: &str, token: shopmcp_core::secret::SecretString) -> Self {
        Self::with_http(reqwest::Client::new(), url, token)
    }

    /// Like [`Mcp::new`], sharing the connection pool of `http` (many workspaces, one process).
    pub(crate) fn with_http(
        http: reqwest::Client,
        url: &str,
        token: shopmcp_core::secret::SecretString,
    ) -> Self {
        Self {
            http,
            url: url.to_owned(),
            token,
        }
    }

    /// One JSON-RPC request `method` with `params`.
    pub(crate) async fn request(
        &self,
        id: u64,
        method: &str,
        mut params: serde_json::Value,
    ) -> McpReply {
        use shopmcp_core::secret::ExposeSecret;
        params["_meta"] = serde_json::json!({
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {"elicitation": {"form": {}}},
            "io.modelcontextprotocol/clientInfo": {"name": "test", "version": "0"}
        });
        let name = params
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        let body =
            serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        let mut req = self
            .http
            .post(&self.url)
            .header("accept", "application/json, text/event-stream")
            .header("content-type", "application/json")
            .header("mcp-protocol-version", "2026-07-28")
            .header("mcp-method", method)
            .header(
                "authorization",
                format!("Bearer {}", self.token.expose_secret()),
            )
            .body(body.to_string());
        if let Some(n) = name {
            req = req.header("mcp-name", n);
        }
        let resp = req.send().await.unwrap();
        McpReply {
            status: resp.status().as_u16(),
            text: resp.text().await.unwrap(),
        }
    }

    /// The names of the workspace's tools.
    pub(crate) async fn tool_names(&self) -> Vec<String> {
        let r = self.request(1, "tools/list", serde_json::json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json()["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Calls `tool`; when the server asks for a confirmation (W3), approves it once and sends
    /// the call again. Returns every answer, in order.
    pub(crate) async fn call(
        &self,
        id: u64,
        tool: &str,
        arguments: &serde_json::Value,
    ) -> Vec<McpReply> {
        let params = serde_json::json!({"name": tool, "arguments": arguments});
        let first = self.request(id, "tools/call", params.clone()).await;
        let result = first.json()["result"].clone();
        if result["resultType"] != serde_json::json!("input_required") {
            return vec![first];
        }
        let mut again = params;
        again["requestState"] = result["requestState"].clone();
        again["inputResponses"] = serde_json::json!({
            "shopmcp_confirm": {"action": "accept", "content": {"confirm": true}}
        });
        let second = self.request(id + 1, "tools/call", again).await;
        vec![first, second]
    }
}

/// The resident set size of this process in KiB (`VmRSS` in `/proc/self/status`).
pub(crate) fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// A JSON fixture of another crate of the workspace: `crates/<crate_dir>/tests/fixtures/<name>`.
pub(crate) fn fixture(crate_dir: &str, name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../{crate_dir}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

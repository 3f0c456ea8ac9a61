//! Raw HTTP JSON-RPC with reqwest, for what the rmcp client hides (status codes, headers,
//! the 2026-07-28 wire format).

use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};
use shopmcp_rmcp::{HttpHandle, HttpServer, HttpServerBuilder};

use super::Fixture;

/// Serves the fixture's server on a free loopback port, configured by `configure`.
pub async fn serve(
    f: &Fixture,
    configure: impl FnOnce(HttpServerBuilder) -> HttpServerBuilder,
) -> HttpHandle {
    let builder = HttpServer::builder(f.server.clone()).bind("127.0.0.1:0".parse().unwrap());
    configure(builder).build().unwrap().serve().await.unwrap()
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    /// The JSON-RPC message of the body (plain JSON or the last SSE `data:` event).
    pub fn json(&self) -> Value {
        if let Ok(v) = serde_json::from_str(&self.text) {
            return v;
        }
        self.text
            .lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .filter_map(|d| serde_json::from_str::<Value>(d.trim()).ok())
            .next_back()
            .unwrap_or_else(|| panic!("no JSON-RPC message in {:?}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }
}

/// POSTs `body` to `url` with an optional bearer token and extra headers.
pub async fn post(url: &str, token: Option<&str>, body: &Value, headers: &[(&str, &str)]) -> Reply {
    let client = reqwest::Client::new();
    let mut req = client
        .post(url)
        .header("accept", "application/json, text/event-stream")
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, HeaderValue::from_str(v).unwrap());
    }
    let resp = req.send().await.unwrap();
    Reply {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        text: resp.text().await.unwrap(),
    }
}

/// GETs `url` without credentials.
pub async fn get(url: &str) -> Reply {
    let resp = reqwest::Client::new().get(url).send().await.unwrap();
    Reply {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        text: resp.text().await.unwrap(),
    }
}

/// A 2025-11-25 `initialize` request.
pub fn initialize() -> Value {
    json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "protocolVersion": "2025-11-25",
            "capabilities": {},
            "clientInfo": {"name": "raw", "version": "0"}
        }
    })
}

/// Opens a 2025-11-25 session with `token`; returns its id.
pub async fn open_session(url: &str, token: &str) -> String {
    let r = post(url, Some(token), &initialize(), &[]).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.header("mcp-session-id").expect("a session id");
    let note = json!({"jsonrpc": "2.0", "method": "notifications/initialized"});
    let headers = [
        ("mcp-session-id", id.as_str()),
        ("mcp-protocol-version", "2025-11-25"),
    ];
    let r = post(url, Some(token), &note, &headers).await;
    assert_eq!(r.status, 202, "{}", r.text);
    id
}

/// A 2026-07-28 request: per-request `_meta`, and the headers that revision requires.
pub async fn modern(url: &str, token: &str, id: u64, method: &str, params: Value) -> Reply {
    modern_with(url, token, id, method, params, json!({})).await
}

/// [`modern`] with the given client capabilities.
pub async fn modern_with(
    url: &str,
    token: &str,
    id: u64,
    method: &str,
    mut params: Value,
    capabilities: Value,
) -> Reply {
    params["_meta"] = json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": capabilities,
        "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "0"}
    });
    let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
    let name = params
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut headers = vec![
        ("mcp-protocol-version", "2026-07-28"),
        ("mcp-method", method),
    ];
    if let Some(n) = name.as_deref() {
        headers.push(("mcp-name", n));
    }
    post(url, Some(token), &body, &headers).await
}

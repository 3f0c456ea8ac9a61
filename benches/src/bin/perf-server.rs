//! The server under load in `perf/load.sh`: shopmcp's own stack (bearer tokens from the token
//! file, one workspace, the in-process limiter, the vault with a warm key cache, JSON-lines
//! audit, `McpServer` behind `HttpServer`, stateless streamable HTTP) with one tool.
//!
//! ```text
//! perf-server ADDR json|sse [UPSTREAM_BASE_URL]
//! ```
//!
//! Without `UPSTREAM_BASE_URL` the tool is `shopify_echo_get`, which returns its `text` argument and
//! does no I/O, so what is measured is the pipeline and the transport. With it the tool is
//! `shopify_upstream_get`, which POSTs `{"text": …}` to `UPSTREAM_BASE_URL/hello` through `shopmcp-http` (loopback
//! allowed) and returns `structuredContent.text` of the answer. Prints the bearer token on the
//! first line of stdout, then serves until killed.
#![forbid(unsafe_code)]
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::net::SocketAddr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::audit::{Durability, JsonLinesAudit};
use shopmcp_core::secret::ExposeSecret;
use shopmcp_core::*;
use shopmcp_http::{BaseUrl, HttpClient, UpstreamRequest, UpstreamUrl};
use shopmcp_rmcp::{HttpServer, McpServer, SessionMode};
use shopmcp_vault::{EncryptedCredentialProvider, KeyBytes, LocalKeyWrapper, MemoryStore};

/// Arguments of the echo tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EchoInput {
    /// Text to return.
    #[schemars(length(max = 1000))]
    text: String,
}

/// Result of the echo and upstream tools.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
struct EchoOutput {
    /// The text.
    text: String,
}

/// Arguments of the upstream tool.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct UpstreamInput {
    /// Sent on to the upstream.
    #[schemars(length(max = 1000))]
    text: Option<String>,
}

/// What the fake upstream answers (a JSON-RPC tool result).
#[derive(Debug, Deserialize)]
struct UpstreamAnswer {
    result: UpstreamResult,
}

/// Its `result`.
#[derive(Debug, Deserialize)]
struct UpstreamResult {
    #[serde(rename = "structuredContent")]
    structured: EchoOutput,
}

fn echo<'a>(_: &'a (), call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        call.credential()?;
        let input: EchoInput = call.input()?;
        ToolOutput::new(&EchoOutput { text: input.text })
    })
}

struct Upstream {
    client: HttpClient,
    url: UpstreamUrl,
}

fn upstream<'a>(up: &'a Arc<Upstream>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        call.credential()?;
        let input: UpstreamInput = call.input()?;
        let req = UpstreamRequest::post(up.url.clone())
            .read()
            .json(&serde_json::json!({ "text": input.text }))?;
        let answer: UpstreamAnswer = up.client.send(call.ctx, req).await?.json()?;
        ToolOutput::new(&answer.result.structured)
    })
}

fn usage() -> Box<dyn std::error::Error> {
    "usage: perf-server ADDR json|sse [UPSTREAM_BASE_URL]".into()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addr: SocketAddr = args.first().ok_or_else(usage)?.parse()?;
    let json = match args.get(1).map(String::as_str) {
        Some("json") => true,
        Some("sse") => false,
        _ => return Err(usage()),
    };
    let upstream_url = args.get(2).cloned();
    tokio::runtime::Runtime::new()?.block_on(serve(addr, json, upstream_url))
}

async fn serve(
    addr: SocketAddr,
    json: bool,
    upstream_url: Option<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let tokens = Arc::new(TokenFile::open(dir.path().join("tokens.json"))?);
    let ws = WorkspaceId::random();
    let (issued, _) = tokens.issue(ws, "perf", None)?;

    let tool: Arc<dyn Tool> = match upstream_url {
        None => {
            let spec =
                ToolSpec::read::<EchoInput, EchoOutput>("shopify_echo_get", Platform::Shopify)
                    .title("Echo")
                    .description("Returns the text it is given.")
                    .build()?;
            Arc::new(FnTool::new(spec, (), echo))
        }
        Some(url) => {
            let spec = ToolSpec::read::<UpstreamInput, EchoOutput>(
                "shopify_upstream_get",
                Platform::Shopify,
            )
            .title("Upstream read")
            .description("Reads one document from the upstream.")
            .build()?;
            let client = HttpClient::builder()
                .dangerous()
                .allow_loopback_http()
                .build()?;
            let state = Arc::new(Upstream {
                client,
                url: BaseUrl::parse(&url)?.endpoint(["hello"])?,
            });
            Arc::new(FnTool::new(spec, state, upstream))
        }
    };
    let registry = Arc::new(WorkspaceRegistry::new());
    registry.insert(Workspace {
        id: ws,
        toolbox: Toolbox::new([tool], &WriteOptIn::none())?,
        plan: Arc::new(Plan::new("perf", u32::MAX)),
    });

    let wrapper = LocalKeyWrapper::from_key(&KeyBytes::generate()?)?;
    let vault = EncryptedCredentialProvider::new(MemoryStore::new(), wrapper)?;
    let slot = CredentialSlot::new(Platform::Shopify, "admin");
    vault
        .put_credential(
            ws,
            slot,
            &CredentialSet::new("access_token").with_field("token", "shpat_perf"),
        )
        .await?;

    let audit = JsonLinesAudit::open(dir.path().join("audit.jsonl"), Durability::Process)?;
    let pipeline = Pipeline::builder(tokens, registry, Arc::new(vault))
        .audit(Arc::new(audit))
        .build();
    let server = McpServer::builder(pipeline).name("shopmcp-perf").build();
    let handle = HttpServer::builder(server)
        .bind(addr)
        .sessions(SessionMode::Stateless)
        .json_response(json)
        .build()?
        .serve()
        .await?;
    println!("{}", issued.token.expose_secret());
    eprintln!("serving {} json={json}", handle.url());
    handle.wait().await?;
    drop(dir);
    Ok(())
}

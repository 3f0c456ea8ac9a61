//! Shared test harness: a fake Neto on loopback, the crate's tools in a full pipeline.
#![allow(dead_code, unreachable_pub, missing_docs)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::{Value, json};
use shopmcp_core::secret::{ExposeSecret, SecretString};
use shopmcp_core::{
    Authenticator, CallRequest, CallResponse, Caller, Confirmation, ConfirmationRequest, Confirmer,
    CredentialSet, Identity, MemoryAudit, Pipeline, Plan, Principal, RiskTier, StaticCredentials,
    Tool, ToolError, Toolbox, Workspace, WorkspaceId, WorkspaceRegistry, WriteOptIn, auth,
};
use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_neto::{Action, NetoClient, NetoConfig, SLOT_ADMIN, ToolOptions, tools};
use shopmcp_testkit::{FakeResponse, FakeUpstream, RecordedRequest};

/// The API key every harness credential holds.
pub const KEY: &str = "neto-KEY-SECRET-7f1e9c";
/// The staff username of the user-based key.
pub const USERNAME: &str = "ops-bot";
/// The path every request must go to.
pub const PATH: &str = "/do/WS/NetoAPI";
/// The merchant's domain (traffic goes to the fake through the dangerous override).
pub const STORE: &str = "https://www.example-toys.com.au";

/// Authenticates `good-<workspace uuid>`.
#[derive(Debug)]
pub struct FakeAuth;

#[async_trait]
impl Authenticator for FakeAuth {
    async fn authenticate(&self, token: &SecretString) -> Result<Identity, ToolError> {
        let ws = token
            .expose_secret()
            .strip_prefix("good-")
            .and_then(|w| w.parse::<WorkspaceId>().ok())
            .ok_or_else(auth::unauthenticated)?;
        Ok(Identity {
            workspace: ws,
            principal: Principal::new("test"),
        })
    }
}

/// Approves exactly what it is asked.
#[derive(Debug)]
pub struct Approve;

#[async_trait]
impl Confirmer for Approve {
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation {
        Confirmation::Approved(request.digest)
    }
}

pub struct Options {
    pub tool_options: ToolOptions,
    pub credential: CredentialSet,
    pub opt_in: WriteOptIn,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            tool_options: ToolOptions::default(),
            credential: CredentialSet::new("api_key")
                .with_field("key", KEY)
                .with_field("username", USERNAME),
            opt_in: WriteOptIn::none()
                .allow_tier(RiskTier::W1)
                .allow_tier(RiskTier::W2)
                .allow_tier(RiskTier::W3),
        }
    }
}

pub struct Harness {
    pub fake: FakeUpstream,
    pub pipeline: Pipeline,
    pub token: SecretString,
    pub audit: MemoryAudit,
    pub tools: Vec<Arc<dyn Tool>>,
}

/// A client for `fake` (plain HTTP on loopback: the dangerous door).
pub fn client_for(fake: &FakeUpstream) -> Arc<NetoClient> {
    let http = HttpClient::builder()
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap();
    let config = NetoConfig::new(BaseUrl::parse(STORE).unwrap())
        .unwrap()
        .dangerous_endpoint(BaseUrl::parse(&fake.base_url()).unwrap());
    Arc::new(NetoClient::new(http, config))
}

impl Harness {
    pub async fn new() -> Self {
        Self::with(Options::default()).await
    }

    pub async fn with_pii() -> Self {
        Self::with(Options {
            tool_options: ToolOptions::default().with_customer_pii(true),
            ..Options::default()
        })
        .await
    }

    pub async fn with(opts: Options) -> Self {
        let fake = FakeUpstream::http().await.unwrap();
        let client = client_for(&fake);
        let all = tools(&client, &opts.tool_options);
        let ws = WorkspaceId::random();
        let registry = Arc::new(WorkspaceRegistry::new());
        registry.insert(Workspace {
            id: ws,
            toolbox: Toolbox::new(all.clone(), &opts.opt_in).unwrap(),
            plan: Arc::new(Plan::new("test", 100_000)),
        });
        let creds = StaticCredentials::new().with(ws, SLOT_ADMIN, opts.credential);
        let audit = MemoryAudit::new();
        let pipeline = Pipeline::builder(Arc::new(FakeAuth), registry, Arc::new(creds))
            .audit(Arc::new(audit.clone()))
            .confirmer(Arc::new(Approve))
            .build();
        Self {
            fake,
            pipeline,
            token: SecretString::from(format!("good-{ws}")),
            audit,
            tools: all,
        }
    }

    /// Calls `tool` with `args` through the whole pipeline.
    pub async fn call(&self, tool: &str, args: &Value) -> CallResponse {
        let raw = args.to_string();
        self.pipeline
            .call(CallRequest::new(
                Caller::Bearer(&self.token),
                tool,
                raw.as_str(),
            ))
            .await
    }

    /// Calls and expects success; returns the projected output.
    pub async fn ok(&self, tool: &str, args: &Value) -> Value {
        let resp = self.call(tool, args).await;
        match resp.result {
            Ok(v) => v,
            Err(e) => panic!("{tool} failed: {}", e.log_detail()),
        }
    }

    /// Calls and expects failure.
    pub async fn err(&self, tool: &str, args: &Value) -> ToolError {
        match self.call(tool, args).await.result {
            Ok(v) => panic!("{tool} unexpectedly succeeded: {v}"),
            Err(e) => e,
        }
    }

    /// Queues one answer of the fake Neto endpoint.
    pub fn reply(&self, response: FakeResponse) {
        self.fake.push("POST", PATH, response);
    }

    /// Queues a 200 JSON answer.
    pub fn reply_json(&self, body: &Value) {
        self.reply(FakeResponse::json(200, body));
    }

    /// Queues a fixture.
    pub fn reply_fixture(&self, name: &str) {
        self.reply(FakeResponse::fixture(fixture_path(name)).unwrap());
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.fake.requests()
    }

    /// The only request so far.
    pub fn only_request(&self) -> RecordedRequest {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected exactly one request");
        reqs.into_iter().next().unwrap()
    }
}

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"))
}

pub fn fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixture_path(name)).unwrap()).unwrap()
}

pub fn spec_data(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/spec-data")
        .join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Asserts the request is exactly a Neto call of `action`: method, path, no query, the
/// action, key, username, accept and content-type headers; returns its JSON body.
pub fn assert_neto_request(req: &RecordedRequest, action: Action) -> Value {
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, PATH);
    assert_eq!(req.query, None);
    assert_eq!(req.header("NETOAPI_ACTION"), Some(action.as_str()));
    assert_eq!(req.header("NETOAPI_KEY"), Some(KEY));
    assert_eq!(req.header("NETOAPI_USERNAME"), Some(USERNAME));
    assert_eq!(req.header("Accept"), Some("application/json"));
    assert_eq!(req.header("Content-Type"), Some("application/json"));
    for name in [
        "netoapi_action",
        "netoapi_key",
        "netoapi_username",
        "accept",
        "content-type",
    ] {
        let n = req.headers.iter().filter(|(k, _)| k == name).count();
        assert_eq!(n, 1, "exactly one {name} header");
    }
    req.json().expect("the body is JSON")
}

/// A Neto error answer (HTTP 200, `Ack: Error`).
pub fn ack_error(messages: &Value) -> Value {
    json!({"CurrentTime": "2026-11-21 10:49:40", "Ack": "Error", "Messages": messages})
}

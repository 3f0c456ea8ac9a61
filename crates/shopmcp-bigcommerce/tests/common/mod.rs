//! Shared test set-up: a fake BigCommerce on loopback, the crate's tools, and a full
//! `shopmcp_core::Pipeline` in front of them (validation, W3 confirmation, projection, audit).
#![allow(dead_code, missing_docs, unreachable_pub)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod samples;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig, SLOT_ADMIN, ToolOptions, tools};
use shopmcp_core::secret::SecretString;
use shopmcp_core::{
    Authenticator, CallRequest, Caller, Confirmation, ConfirmationRequest, Confirmer,
    CredentialSet, Identity, MemoryAudit, Pipeline, Plan, Principal, RiskTier, Tool, ToolError,
    Toolbox, Workspace, WorkspaceId, WorkspaceRegistry, WriteOptIn,
};
use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_testkit::{FakeResponse, FakeUpstream, RecordedRequest};

/// The store hash of the fake store.
pub const HASH: &str = "abc123";

/// The API account token every test credential holds.
pub const TOKEN: &str = "bc-SECRET-token-7f3a9c2e";

/// `/stores/{HASH}` + `rest`.
pub fn path(rest: &str) -> String {
    format!("/stores/{HASH}{rest}")
}

/// A JSON fixture from `tests/fixtures/`, as a 200 answer.
pub fn fixture(name: &str) -> FakeResponse {
    FakeResponse::fixture(fixture_path(name)).expect("fixture")
}

/// A JSON fixture with another status.
pub fn fixture_with_status(name: &str, status: u16) -> FakeResponse {
    let text = std::fs::read_to_string(fixture_path(name)).expect("fixture");
    FakeResponse::json(status, &serde_json::from_str(&text).expect("fixture json"))
}

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Nobody authenticates by bearer token here: calls carry an already authenticated identity.
#[derive(Debug)]
struct NoTokens;

#[async_trait]
impl Authenticator for NoTokens {
    async fn authenticate(&self, _token: &SecretString) -> Result<Identity, ToolError> {
        Err(shopmcp_core::auth::unauthenticated())
    }
}

/// A human who approves exactly what they are shown.
#[derive(Debug)]
struct Approve;

#[async_trait]
impl Confirmer for Approve {
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation {
        Confirmation::Approved(request.digest)
    }
}

/// A fake store and the whole call pipeline in front of this crate's tools.
pub struct Env {
    pub fake: FakeUpstream,
    pub pipeline: Pipeline,
    pub audit: MemoryAudit,
    pub tools: Vec<Arc<dyn Tool>>,
    workspace: WorkspaceId,
}

impl Env {
    /// Default options (customer PII off).
    pub async fn new() -> Self {
        Self::with_options(ToolOptions::default()).await
    }

    /// Every tool, every write tier opted in.
    pub async fn with_options(options: ToolOptions) -> Self {
        let fake = FakeUpstream::http().await.expect("fake upstream");
        let http = HttpClient::builder()
            .max_throttle_wait(Duration::from_secs(2))
            .default_throttle_wait(Duration::from_millis(20))
            .base_backoff(Duration::from_millis(5))
            .dangerous()
            .allow_loopback_http()
            .build()
            .expect("http client");
        let origin = BaseUrl::parse(&fake.base_url()).expect("origin");
        let config = BigCommerceConfig::parse(HASH)
            .expect("hash")
            .dangerous_endpoint(&origin)
            .expect("loopback override");
        let client = Arc::new(BigCommerceClient::new(http, config));
        let tools = tools(&client, &options);
        let workspace = WorkspaceId::random();
        let opt_in = WriteOptIn::none()
            .allow_tier(RiskTier::W1)
            .allow_tier(RiskTier::W2)
            .allow_tier(RiskTier::W3);
        let registry = Arc::new(WorkspaceRegistry::new());
        registry.insert(Workspace {
            id: workspace,
            toolbox: Toolbox::new(tools.clone(), &opt_in).expect("toolbox"),
            plan: Arc::new(Plan::new("test", 100_000)),
        });
        let credentials = shopmcp_core::StaticCredentials::new().with(
            workspace,
            SLOT_ADMIN,
            CredentialSet::new("access_token").with_field("token", TOKEN),
        );
        let audit = MemoryAudit::new();
        let pipeline = Pipeline::builder(Arc::new(NoTokens), registry, Arc::new(credentials))
            .audit(Arc::new(audit.clone()))
            .confirmer(Arc::new(Approve))
            .timeout(Duration::from_secs(20))
            .max_output_bytes(256 * 1024)
            .build();
        Self {
            fake,
            pipeline,
            audit,
            tools,
            workspace,
        }
    }

    /// Calls `tool` through the pipeline with raw JSON arguments.
    pub async fn call_raw(&self, tool: &str, args: &str) -> Result<Value, ToolError> {
        let identity = Identity {
            workspace: self.workspace,
            principal: Principal::new("test"),
        };
        self.pipeline
            .call(CallRequest::new(
                Caller::Authenticated(identity),
                tool,
                args,
            ))
            .await
            .result
    }

    /// Calls `tool` through the pipeline.
    pub async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolError> {
        self.call_raw(tool, &args.to_string()).await
    }

    /// The only request the fake received.
    pub fn only_request(&self) -> RecordedRequest {
        let requests = self.fake.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
        requests.into_iter().next().expect("one request")
    }
}

/// Asserts the headers every request carries, and the JSON content type when there is a body.
pub fn assert_headers(req: &RecordedRequest) {
    assert_eq!(req.header("x-auth-token"), Some(TOKEN));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("authorization"), None);
    if req.body.is_empty() {
        assert_eq!(req.header("content-type"), None);
    } else {
        assert_eq!(req.header("content-type"), Some("application/json"));
    }
}

//! Shared test harness: an HTTPS fake Magento (test CA trusted explicitly, so certificate
//! verification stays on), the full `shopmcp-core` pipeline over this crate's tools, and a
//! server-side check of OAuth 1.0a signatures.
#![allow(dead_code, missing_docs, unreachable_pub)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod oauth_check;
pub mod scenarios;

use std::sync::Arc;

use async_trait::async_trait;
use serde_json::{Value, json};
use shopmcp_core::secret::{ExposeSecret, SecretString};
use shopmcp_core::{
    Authenticator, CallContext, CallRequest, Caller, Confirmation, ConfirmationRequest, Confirmer,
    CredentialSet, Identity, MemoryAudit, Pipeline, Plan, Principal, RiskTier, StaticCredentials,
    ToolError, Toolbox, Workspace, WorkspaceId, WorkspaceRegistry, WriteOptIn, auth,
};
use shopmcp_http::{BaseUrl, HttpClient};
use shopmcp_magento::{MagentoClient, MagentoConfig, SLOT_ADMIN, StoreCode, ToolOptions, tools};
use shopmcp_testkit::{FakeResponse, FakeUpstream, RecordedRequest, TestCa};

pub const CONSUMER_KEY: &str = "ck7f3a9e2d1c0b4a5968778695a4b3c2d1";
pub const CONSUMER_SECRET: &str = "cs-SECRET-MARKER-0a1b2c3d4e5f60718293";
pub const ACCESS_TOKEN: &str = "at-SECRET-MARKER-fedcba9876543210abcd";
pub const ACCESS_TOKEN_SECRET: &str = "ts-SECRET-MARKER-00ff11ee22dd33cc44bb";
pub const BEARER_TOKEN: &str = "bearer-SECRET-MARKER-5566778899aabbcc";

/// The four values of a Magento Integration.
pub fn oauth1_credential() -> CredentialSet {
    CredentialSet::new("oauth1")
        .with_field("consumer_key", CONSUMER_KEY)
        .with_field("consumer_secret", CONSUMER_SECRET)
        .with_field("access_token", ACCESS_TOKEN)
        .with_field("access_token_secret", ACCESS_TOKEN_SECRET)
}

/// A standalone bearer token.
pub fn bearer_credential() -> CredentialSet {
    CredentialSet::new("bearer").with_field("token", BEARER_TOKEN)
}

/// A JSON fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Magento's search answer around `items`.
pub fn search_result(items: &[Value], total: u64) -> Value {
    json!({
        "items": items,
        "search_criteria": {"filter_groups": [], "page_size": 20, "current_page": 1},
        "total_count": total,
    })
}

/// A 200 JSON answer.
pub fn ok(value: &Value) -> FakeResponse {
    FakeResponse::json(200, value)
}

/// Token "good" is this workspace.
#[derive(Debug)]
struct OneWorkspace(WorkspaceId);

#[async_trait]
impl Authenticator for OneWorkspace {
    async fn authenticate(&self, token: &SecretString) -> Result<Identity, ToolError> {
        if token.expose_secret() == "good" {
            Ok(Identity {
                workspace: self.0,
                principal: Principal::new("test"),
            })
        } else {
            Err(auth::unauthenticated())
        }
    }
}

/// Approves exactly what it is shown.
#[derive(Debug)]
struct Approve;

#[async_trait]
impl Confirmer for Approve {
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation {
        Confirmation::Approved(request.digest)
    }
}

/// How a harness is set up.
pub struct Options {
    pub customer_pii: bool,
    pub credential: CredentialSet,
    pub opt_in: WriteOptIn,
    pub store: &'static str,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            customer_pii: false,
            credential: oauth1_credential(),
            opt_in: WriteOptIn::none()
                .allow_tier(RiskTier::W1)
                .allow_tier(RiskTier::W2)
                .allow_tier(RiskTier::W3),
            store: "default",
        }
    }
}

/// The fake store, the client pointed at it, and a pipeline over every tool.
pub struct Harness {
    pub ca: TestCa,
    pub fake: FakeUpstream,
    pub client: Arc<MagentoClient>,
    pub pipeline: Pipeline,
    pub audit: MemoryAudit,
    token: SecretString,
}

/// A client that trusts the test CA and may reach loopback: the crate's real configuration
/// otherwise (TLS verified, no redirects, SSRF guard on).
pub fn client_for(ca: &TestCa, fake: &FakeUpstream, store: &str) -> MagentoClient {
    let http = HttpClient::builder()
        .add_root_certificate_pem(ca.pem())
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let config = MagentoConfig::new(
        BaseUrl::parse("https://shop.example.com").unwrap(),
        StoreCode::parse(store, &[store]).unwrap(),
    )
    .dangerous_endpoint(BaseUrl::parse(&fake.base_url()).unwrap());
    MagentoClient::new(http, config)
}

impl Harness {
    pub async fn new() -> Self {
        Self::with(Options::default()).await
    }

    pub async fn with(options: Options) -> Self {
        let ca = TestCa::new().unwrap();
        let fake = FakeUpstream::https(&ca).await.unwrap();
        let client = Arc::new(client_for(&ca, &fake, options.store));
        let tool_options = ToolOptions::with_customer_pii(options.customer_pii);
        let ws = WorkspaceId::random();
        let registry = Arc::new(WorkspaceRegistry::new());
        registry.insert(Workspace {
            id: ws,
            toolbox: Toolbox::new(tools(&client, &tool_options), &options.opt_in).unwrap(),
            plan: Arc::new(Plan::new("test", 100_000)),
        });
        let creds = StaticCredentials::new().with(ws, SLOT_ADMIN, options.credential);
        let audit = MemoryAudit::new();
        let pipeline = Pipeline::builder(Arc::new(OneWorkspace(ws)), registry, Arc::new(creds))
            .audit(Arc::new(audit.clone()))
            .confirmer(Arc::new(Approve))
            .max_output_bytes(256 * 1024)
            .build();
        Self {
            ca,
            fake,
            client,
            pipeline,
            audit,
            token: SecretString::from("good"),
        }
    }

    /// Calls `tool` through the whole pipeline with raw JSON arguments.
    pub async fn call_raw(&self, tool: &str, args: &str) -> Result<Value, ToolError> {
        self.pipeline
            .call(CallRequest::new(Caller::Bearer(&self.token), tool, args))
            .await
            .result
    }

    /// Calls `tool` with `args`.
    pub async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolError> {
        self.call_raw(tool, &args.to_string()).await
    }

    /// Calls `tool` and expects success.
    pub async fn ok(&self, tool: &str, args: Value) -> Value {
        match self.call(tool, args).await {
            Ok(v) => v,
            Err(e) => panic!("{tool} failed: {}", e.log_detail()),
        }
    }

    /// The one request the fake saw; checks its signature and common headers.
    pub fn only_request(&self) -> RecordedRequest {
        let requests = self.fake.requests();
        assert_eq!(requests.len(), 1, "{requests:#?}");
        let req = requests.into_iter().next().unwrap();
        oauth_check::assert_signed(&req, self.fake.port());
        req
    }

    /// The fake's port (part of every signed URL).
    pub fn port(&self) -> u16 {
        self.fake.port()
    }
}

/// A call context for direct client use.
pub fn ctx() -> CallContext {
    CallContext::new(
        WorkspaceId::random(),
        Principal::new("test"),
        std::time::Duration::from_secs(30),
    )
}

/// The query of a request, decoded, in order.
pub fn query(req: &RecordedRequest) -> Vec<(String, String)> {
    oauth_check::decoded_query(req.query.as_deref())
}

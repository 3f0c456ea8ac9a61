//! Shared test fixtures: a fake Shopify on loopback and a full pipeline in front of the tools.
#![allow(dead_code, missing_docs, unreachable_pub)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::needless_pass_by_value
)]

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::{Value, json};
use shopmcp_core::secret::SecretString;
use shopmcp_core::*;
use shopmcp_http::{BaseUrl, HttpClient, HttpClientBuilder, ShopHandle};
use shopmcp_shopify::documents;
use shopmcp_shopify::{
    ApiVersion, SLOT_ADMIN, SLOT_STOREFRONT, ShopifyClient, ShopifyConfig, ToolOptions, tools,
};
use shopmcp_testkit::{FakeResponse, FakeUpstream, RecordedRequest};

pub const ADMIN_TOKEN: &str = "shpat_ADMIN_SECRET_f00dfeed0123456789";
pub const STOREFRONT_TOKEN: &str = "STOREFRONT_SECRET_5f0b1d9e2c";
pub const ADMIN_PATH: &str = "/admin/api/2026-07/graphql.json";
pub const STOREFRONT_PATH: &str = "/api/2026-07/graphql.json";
pub const TOKEN_PATH: &str = "/admin/oauth/access_token";

/// Token file stand-in: one bearer token for one workspace.
#[derive(Debug)]
pub struct OneToken(pub WorkspaceId);

#[async_trait]
impl Authenticator for OneToken {
    async fn authenticate(&self, _token: &SecretString) -> Result<Identity, ToolError> {
        Ok(Identity {
            workspace: self.0,
            principal: Principal::new("test-operator"),
        })
    }
}

/// A human who approves exactly what they were shown.
#[derive(Debug)]
pub struct Approve;

#[async_trait]
impl Confirmer for Approve {
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation {
        Confirmation::Approved(request.digest)
    }
}

pub fn admin_token() -> CredentialSet {
    CredentialSet::new("access_token").with_field("token", ADMIN_TOKEN)
}

pub fn storefront_token() -> CredentialSet {
    CredentialSet::new("storefront_token").with_field("token", STOREFRONT_TOKEN)
}

/// How a harness is set up.
pub struct Setup {
    pub options: ToolOptions,
    pub admin: CredentialSet,
    pub http: HttpClientBuilder,
    pub opt_in: WriteOptIn,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            options: ToolOptions::default(),
            admin: admin_token(),
            http: HttpClient::builder(),
            opt_in: WriteOptIn::none()
                .allow_tier(RiskTier::W1)
                .allow_tier(RiskTier::W2)
                .allow_tier(RiskTier::W3),
        }
    }
}

/// The fake upstream, the client pointed at it, and a pipeline over every tool.
pub struct Harness {
    pub fake: FakeUpstream,
    pub client: Arc<ShopifyClient>,
    pub pipeline: Pipeline,
    pub audit: MemoryAudit,
    pub ws: WorkspaceId,
    bearer: SecretString,
}

pub fn config_for(fake: &FakeUpstream) -> ShopifyConfig {
    ShopifyConfig::new(
        ShopHandle::parse("acme-outdoor").unwrap(),
        ApiVersion::V2026_07,
    )
    .dangerous_endpoint(BaseUrl::parse(&fake.base_url()).unwrap())
}

impl Harness {
    pub async fn new() -> Self {
        Self::with(Setup::default()).await
    }

    pub async fn pii() -> Self {
        Self::with(Setup {
            options: ToolOptions::default().with_customer_pii(true),
            ..Setup::default()
        })
        .await
    }

    pub async fn with(setup: Setup) -> Self {
        let fake = FakeUpstream::http().await.unwrap();
        let http = setup
            .http
            .dangerous()
            .allow_loopback_http()
            .build()
            .unwrap();
        let client = Arc::new(ShopifyClient::new(http, config_for(&fake)));
        let ws = WorkspaceId::random();
        let registry = Arc::new(WorkspaceRegistry::new());
        registry.insert(Workspace {
            id: ws,
            toolbox: Toolbox::new(tools(&client, &setup.options), &setup.opt_in).unwrap(),
            plan: Arc::new(Plan::new("test", 100_000)),
        });
        let creds = StaticCredentials::new()
            .with(ws, SLOT_ADMIN, setup.admin)
            .with(ws, SLOT_STOREFRONT, storefront_token());
        let audit = MemoryAudit::new();
        let pipeline = Pipeline::builder(Arc::new(OneToken(ws)), registry, Arc::new(creds))
            .audit(Arc::new(audit.clone()))
            .confirmer(Arc::new(Approve))
            .build();
        Self {
            fake,
            client,
            pipeline,
            audit,
            ws,
            bearer: SecretString::from("bearer-for-tests"),
        }
    }

    /// Runs `tool` with `args` through the whole pipeline.
    pub async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolError> {
        let raw = args.to_string();
        self.call_raw(tool, &raw).await
    }

    pub async fn call_raw(&self, tool: &str, raw: &str) -> Result<Value, ToolError> {
        self.pipeline
            .call(CallRequest::new(Caller::Bearer(&self.bearer), tool, raw))
            .await
            .result
    }

    /// Queues a GraphQL answer on the Admin endpoint.
    pub fn admin_reply(&self, body: Value) {
        self.fake
            .push("POST", ADMIN_PATH, FakeResponse::json(200, &body));
    }

    /// Queues a GraphQL answer on the Storefront endpoint.
    pub fn storefront_reply(&self, body: Value) {
        self.fake
            .push("POST", STOREFRONT_PATH, FakeResponse::json(200, &body));
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.fake.requests()
    }

    /// The only request made so far.
    pub fn only_request(&self) -> RecordedRequest {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected one request, got {}", reqs.len());
        reqs.into_iter().next().unwrap()
    }
}

/// A GraphQL answer with Shopify's cost extension.
pub fn with_cost(data: Value) -> Value {
    json!({
        "data": data,
        "extensions": {"cost": {
            "requestedQueryCost": 12, "actualQueryCost": 8,
            "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": 1992, "restoreRate": 100.0}
        }}
    })
}

/// A JSON fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Which endpoint a request was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Admin,
    Storefront,
}

/// Checks method, path, content type, auth header and body envelope of a GraphQL request to
/// `endpoint` for operation `op`; returns its variables.
pub fn graphql(req: &RecordedRequest, endpoint: Endpoint, op: &str) -> Value {
    assert_eq!(req.method, "POST");
    assert_eq!(req.query, None, "no query string");
    let (path, header, token, other) = match endpoint {
        Endpoint::Admin => (
            ADMIN_PATH,
            "x-shopify-access-token",
            ADMIN_TOKEN,
            "x-shopify-storefront-access-token",
        ),
        Endpoint::Storefront => (
            STOREFRONT_PATH,
            "x-shopify-storefront-access-token",
            STOREFRONT_TOKEN,
            "x-shopify-access-token",
        ),
    };
    assert_eq!(req.path, path);
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header(header), Some(token));
    assert_eq!(req.header(other), None);
    assert_eq!(req.header("authorization"), None);
    let body = req.json().expect("JSON body");
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["operationName", "query", "variables"]);
    assert_eq!(body["operationName"], op);
    let doc = documents::by_name(op).expect("a known document");
    assert_eq!(
        body["query"], doc.text,
        "the constant document is sent verbatim"
    );
    body["variables"].clone()
}

/// Whether `needle` occurs anywhere in `value` (keys or strings).
pub fn mentions(value: &Value, needle: &str) -> bool {
    value.to_string().contains(needle)
}

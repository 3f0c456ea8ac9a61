//! Every platform's tools, and a fake store per platform behind the whole pipeline.

use std::sync::Arc;

use async_trait::async_trait;
use serde_json::Value;
use shopmcp_core::secret::SecretString;
use shopmcp_core::{
    CallRequest, Caller, Confirmation, ConfirmationRequest, Confirmer, CredentialSet, MemoryAudit,
    Pipeline, Plan, RiskTier, StaticCredentials, TokenFile, Tool, ToolError, Toolbox, Workspace,
    WorkspaceId, WorkspaceRegistry, WriteOptIn,
};
use shopmcp_http::{BaseUrl, HttpClient, ShopHandle};
use shopmcp_testkit::{FakeUpstream, RecordedRequest, TestCa};

/// The platform crates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Platform {
    Shopify,
    Magento,
    BigCommerce,
    Neto,
}

impl Platform {
    pub(crate) const ALL: [Platform; 4] = [
        Platform::Shopify,
        Platform::Magento,
        Platform::BigCommerce,
        Platform::Neto,
    ];

    /// The tool name prefix.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Self::Shopify => "shopify",
            Self::Magento => "magento",
            Self::BigCommerce => "bigcommerce",
            Self::Neto => "neto",
        }
    }

    /// How many tools the crate offers (a spec refused at build would be left out silently).
    pub(crate) fn tool_count(self) -> usize {
        match self {
            Self::Shopify => 30,
            Self::Magento | Self::BigCommerce => 32,
            Self::Neto => 18,
        }
    }
}

/// Where a platform's client sends its requests.
enum Target<'a> {
    /// Nowhere: the tools are only inspected.
    Nowhere,
    /// A plain-HTTP fake on loopback.
    Http(&'a FakeUpstream),
    /// An HTTPS fake whose CA the client trusts.
    Https(&'a FakeUpstream, &'a TestCa),
}

fn http(target: &Target<'_>) -> HttpClient {
    match target {
        Target::Nowhere => HttpClient::builder().build().unwrap(),
        Target::Http(_) => HttpClient::builder()
            .max_retries(0)
            .dangerous()
            .allow_loopback_http()
            .build()
            .unwrap(),
        Target::Https(_, ca) => HttpClient::builder()
            .max_retries(0)
            .add_root_certificate_pem(ca.pem())
            .dangerous()
            .allow_loopback()
            .build()
            .unwrap(),
    }
}

fn fake_url(target: &Target<'_>) -> Option<BaseUrl> {
    match target {
        Target::Nowhere => None,
        Target::Http(f) | Target::Https(f, _) => Some(BaseUrl::parse(&f.base_url()).unwrap()),
    }
}

/// Every tool of `platform`, with every option that adds tools or fields on.
fn tools_at(platform: Platform, target: &Target<'_>) -> Vec<Arc<dyn Tool>> {
    let http = http(target);
    let url = fake_url(target);
    match platform {
        Platform::Shopify => {
            use shopmcp_shopify::{ApiVersion, ShopifyClient, ShopifyConfig, ToolOptions, tools};
            let mut config = ShopifyConfig::new(
                ShopHandle::parse("acme-outdoor").unwrap(),
                ApiVersion::V2026_07,
            );
            if let Some(url) = url {
                config = config.dangerous_endpoint(url);
            }
            let options = ToolOptions::default()
                .with_customer_pii(true)
                .with_max_price_change_pct(None);
            tools(&Arc::new(ShopifyClient::new(http, config)), &options)
        }
        Platform::Magento => {
            use shopmcp_magento::{
                MagentoClient, MagentoConfig, StoreCode, ToolOptions, try_tools,
            };
            let mut config = MagentoConfig::new(
                BaseUrl::parse("https://shop.example.com").unwrap(),
                StoreCode::parse("default", &["default"]).unwrap(),
            );
            if let Some(url) = url {
                config = config.dangerous_endpoint(url);
            }
            let client = Arc::new(MagentoClient::new(http, config));
            try_tools(&client, &ToolOptions::with_customer_pii(true)).unwrap()
        }
        Platform::BigCommerce => {
            use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig, ToolOptions, tools};
            let mut config = BigCommerceConfig::parse("abc123").unwrap();
            if let Some(url) = url {
                config = config.dangerous_endpoint(&url).unwrap();
            }
            let client = Arc::new(BigCommerceClient::new(http, config));
            tools(&client, &ToolOptions::default().with_customer_pii(true))
        }
        Platform::Neto => {
            use shopmcp_neto::{NetoClient, NetoConfig, ToolOptions, tools};
            let mut config =
                NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap()).unwrap();
            if let Some(url) = url {
                config = config.dangerous_endpoint(url);
            }
            let client = Arc::new(NetoClient::new(http, config));
            tools(&client, &ToolOptions::default().with_customer_pii(true))
        }
    }
}

/// Every tool of `platform`, for inspection only (the client points at the real store and is
/// never used).
pub(crate) fn tools(platform: Platform) -> Vec<Arc<dyn Tool>> {
    tools_at(platform, &Target::Nowhere)
}

/// The credentials each platform's tools read.
fn credentials(platform: Platform, ws: WorkspaceId) -> StaticCredentials {
    use shopmcp_core::CredentialSlot;
    let p = match platform {
        Platform::Shopify => shopmcp_core::Platform::Shopify,
        Platform::Magento => shopmcp_core::Platform::Magento,
        Platform::BigCommerce => shopmcp_core::Platform::Bigcommerce,
        Platform::Neto => shopmcp_core::Platform::Neto,
    };
    let admin = match platform {
        Platform::Shopify => {
            CredentialSet::new("access_token").with_field("token", "shpat_SUITE_ADMIN_0123")
        }
        Platform::Magento => CredentialSet::new("oauth1")
            .with_field("consumer_key", "suite-consumer-key")
            .with_field("consumer_secret", "suite-consumer-secret")
            .with_field("access_token", "suite-access-token")
            .with_field("access_token_secret", "suite-access-token-secret"),
        Platform::BigCommerce => {
            CredentialSet::new("access_token").with_field("token", "suite-bc-token")
        }
        Platform::Neto => CredentialSet::new("api_key")
            .with_field("key", "suite-neto-key")
            .with_field("username", "suite-user"),
    };
    let storefront =
        CredentialSet::new("storefront_token").with_field("token", "SUITE_STOREFRONT_0123");
    StaticCredentials::new()
        .with(ws, CredentialSlot::new(p, "admin"), admin)
        .with(ws, CredentialSlot::new(p, "storefront"), storefront)
}

/// A human who approves exactly what they were shown.
#[derive(Debug)]
struct Approve;

#[async_trait]
impl Confirmer for Approve {
    async fn confirm(&self, request: &ConfirmationRequest<'_>) -> Confirmation {
        Confirmation::Approved(request.digest)
    }
}

/// A platform's fake store and the whole pipeline in front of its tools: a token file with
/// one bearer token, every write tier opted in, static credentials, an in-memory audit and a
/// confirmer that approves.
pub(crate) struct Store {
    pub(crate) platform: Platform,
    pub(crate) fake: FakeUpstream,
    pub(crate) tools: Vec<Arc<dyn Tool>>,
    pub(crate) audit: MemoryAudit,
    pipeline: Pipeline,
    token: SecretString,
    _ca: Option<TestCa>,
    _dir: tempfile::TempDir,
}

impl Store {
    pub(crate) async fn start(platform: Platform) -> Self {
        let (fake, ca) = if platform == Platform::Magento {
            let ca = TestCa::new().unwrap();
            (FakeUpstream::https(&ca).await.unwrap(), Some(ca))
        } else {
            (FakeUpstream::http().await.unwrap(), None)
        };
        super::answers::install(platform, &fake);
        let tools = match &ca {
            Some(ca) => tools_at(platform, &Target::Https(&fake, ca)),
            None => tools_at(platform, &Target::Http(&fake)),
        };
        assert_eq!(tools.len(), platform.tool_count());
        let ws = WorkspaceId::random();
        let dir = tempfile::tempdir().unwrap();
        let token_file = TokenFile::open(dir.path().join("tokens.json")).unwrap();
        let (issued, _) = token_file.issue(ws, "suite", None).unwrap();
        let opt_in = WriteOptIn::none()
            .allow_tier(RiskTier::W1)
            .allow_tier(RiskTier::W2)
            .allow_tier(RiskTier::W3);
        let registry = Arc::new(WorkspaceRegistry::new());
        registry.insert(Workspace {
            id: ws,
            toolbox: Toolbox::new(tools.clone(), &opt_in).unwrap(),
            plan: Arc::new(Plan::new("suite", u32::MAX)),
        });
        let audit = MemoryAudit::new();
        let pipeline = Pipeline::builder(
            Arc::new(token_file),
            registry,
            Arc::new(credentials(platform, ws)),
        )
        .audit(Arc::new(audit.clone()))
        .confirmer(Arc::new(Approve))
        .build();
        Self {
            platform,
            fake,
            tools,
            audit,
            pipeline,
            token: issued.token,
            _ca: ca,
            _dir: dir,
        }
    }

    /// Calls `tool` with raw JSON arguments through the whole pipeline.
    pub(crate) async fn call_raw(&self, tool: &str, raw: &str) -> Result<Value, ToolError> {
        self.pipeline
            .call(CallRequest::new(Caller::Bearer(&self.token), tool, raw))
            .await
            .result
    }

    /// The requests the fake received after the first `from`.
    pub(crate) fn requests_since(&self, from: usize) -> Vec<RecordedRequest> {
        self.fake.requests().into_iter().skip(from).collect()
    }
}

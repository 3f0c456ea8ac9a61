//! Through a real `Pipeline`: with Redis unreachable a read succeeds and is audited as
//! `ok_limiter_fallback`, a write is refused as `rate_limited`; with Redis up the plan's limit
//! is enforced and audited as usual.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../src/tests/support.rs"]
mod support;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::secret::SecretString;
use shopmcp_core::*;
use shopmcp_redis::{RedisLimiterConfig, RedisRateLimiter};

/// Input.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StockIn {
    /// The product.
    #[schemars(length(min = 1, max = 64))]
    sku: String,
}

/// Output.
#[derive(Serialize, JsonSchema)]
struct StockOut {
    /// The product.
    sku: String,
    /// Units in stock.
    stock: i64,
}

/// Input of the write.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SetIn {
    /// The product.
    #[schemars(length(min = 1, max = 64))]
    sku: String,
    /// New stock level.
    #[schemars(range(min = 0, max = 100000))]
    stock: i64,
}

fn stock_get<'a>(_: &'a (), call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: StockIn = call.input()?;
        ToolOutput::new(&StockOut {
            sku: input.sku,
            stock: 3,
        })
    })
}

fn stock_set<'a>(_: &'a (), call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: SetIn = call.input()?;
        ToolOutput::new(&StockOut {
            sku: input.sku,
            stock: input.stock,
        })
    })
}

/// No bearer tokens in these tests: calls arrive already authenticated.
#[derive(Debug)]
struct NoTokens;

#[async_trait]
impl Authenticator for NoTokens {
    async fn authenticate(&self, _: &SecretString) -> Result<Identity, ToolError> {
        Err(auth::unauthenticated())
    }
}

struct Setup {
    pipeline: Pipeline,
    audit: MemoryAudit,
    ws: WorkspaceId,
}

fn setup(limiter: RedisRateLimiter, plan: Plan) -> Setup {
    let read = ToolSpec::read::<StockIn, StockOut>("local_stock_get", Platform::Local)
        .title("Stock of one SKU")
        .description("Reads stock.")
        .build()
        .unwrap();
    let write =
        ToolSpec::write::<SetIn, StockOut>("local_stock_set", Platform::Local, RiskTier::W2)
            .title("Set stock")
            .description("Sets the stock of one SKU.")
            .identifiers(["sku"])
            .writable(["stock"])
            .build()
            .unwrap();
    let tools: Vec<Arc<dyn Tool>> = vec![
        Arc::new(FnTool::new(read, (), stock_get)),
        Arc::new(FnTool::new(write, (), stock_set)),
    ];
    let ws = WorkspaceId::random();
    let registry = Arc::new(WorkspaceRegistry::new());
    registry.insert(Workspace {
        id: ws,
        toolbox: Toolbox::new(tools, &WriteOptIn::none().allow_tier(RiskTier::W2)).unwrap(),
        plan: Arc::new(plan),
    });
    let audit = MemoryAudit::new();
    let pipeline = Pipeline::builder(
        Arc::new(NoTokens),
        registry,
        Arc::new(StaticCredentials::new()),
    )
    .rate_limiter(Arc::new(limiter))
    .audit(Arc::new(audit.clone()))
    .build();
    Setup {
        pipeline,
        audit,
        ws,
    }
}

impl Setup {
    async fn call(&self, tool: &str, args: &str) -> CallResponse {
        let identity = Identity {
            workspace: self.ws,
            principal: Principal::new("test"),
        };
        self.pipeline
            .call(CallRequest::new(
                Caller::Authenticated(identity),
                tool,
                args,
            ))
            .await
    }

    fn outcomes(&self) -> Vec<&'static str> {
        self.audit
            .events()
            .iter()
            .map(|e| e.outcome.as_str())
            .collect()
    }
}

fn config(prefix: String) -> RedisLimiterConfig {
    RedisLimiterConfig {
        key_prefix: prefix,
        // Generous: the tests share the machine with every other test binary.
        timeout: Duration::from_secs(5),
        ..RedisLimiterConfig::default()
    }
}

#[tokio::test]
async fn redis_down_reads_are_audited_as_fallback_and_writes_refused() {
    let port = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("redis://127.0.0.1:{port}");
    let limiter = RedisRateLimiter::connect(&url, config("pipeline-down".into()))
        .await
        .unwrap();
    let s = setup(limiter, Plan::new("p", 100));

    let read = s.call("local_stock_get", r#"{"sku":"MUG-01"}"#).await;
    assert_eq!(read.result.unwrap()["stock"], 3);
    let write = s
        .call("local_stock_set", r#"{"sku":"MUG-01","stock":5}"#)
        .await;
    let err = write.result.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert!(
        err.model_message().contains("rate limiter is unavailable"),
        "{}",
        err.model_message()
    );
    assert_eq!(s.outcomes(), ["ok_limiter_fallback", "rate_limited"]);
}

#[tokio::test]
async fn redis_up_enforces_the_plan_through_the_pipeline() {
    let Some(url) = support::redis_url().await else {
        return;
    };
    let prefix = support::unique_prefix("pipeline");
    let limiter = RedisRateLimiter::connect(&url, config(prefix.clone()))
        .await
        .unwrap();
    let s = setup(limiter, Plan::new("p", 2));

    assert!(
        s.call("local_stock_get", r#"{"sku":"MUG-01"}"#)
            .await
            .result
            .is_ok()
    );
    assert!(
        s.call("local_stock_set", r#"{"sku":"MUG-01","stock":5}"#)
            .await
            .result
            .is_ok()
    );
    let third = s.call("local_stock_get", r#"{"sku":"MUG-01"}"#).await;
    let err = third.result.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    let wait = err.retry_after().unwrap();
    assert!(
        wait > Duration::ZERO && wait <= Duration::from_secs(120),
        "{wait:?}"
    );
    assert_eq!(s.outcomes(), ["ok", "ok", "rate_limited"]);
    support::clean_up(&url, &prefix).await;
}

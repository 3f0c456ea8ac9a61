//! Fixtures shared by the criterion benchmarks in `benches/`: a no-op tool and a pipeline
//! wired with the embedded defaults. Run the benchmarks with
//! `cargo bench -p shopmcp-benches`.
#![forbid(unsafe_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::secret::SecretString;
use shopmcp_core::*;

/// Input of the no-op tool: a realistic read filter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoopInput {
    /// A status filter.
    pub status: Option<String>,
    /// Page size.
    #[schemars(range(min = 1, max = 250))]
    pub limit: Option<u32>,
}

/// Output of the no-op tool.
#[derive(Debug, Serialize, JsonSchema)]
pub struct NoopOutput {
    /// Always true.
    pub ok: bool,
}

/// A read tool that does no I/O: what remains is the pipeline's own cost.
#[derive(Debug)]
pub struct NoopTool {
    spec: ToolSpec,
}

impl NoopTool {
    /// The tool, named `shopify_noop_get`, needing the `shopify.admin` credential.
    pub fn new() -> Result<Self, SpecError> {
        Ok(Self {
            spec: ToolSpec::read::<NoopInput, NoopOutput>("shopify_noop_get", Platform::Shopify)
                .title("No-op")
                .description("Does nothing; for measuring the pipeline.")
                .build()?,
        })
    }
}

#[async_trait]
impl Tool for NoopTool {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }
    async fn call(&self, call: ToolCall<'_>) -> Result<ToolOutput, ToolError> {
        call.credential()?;
        Ok(ToolOutput::from_value(serde_json::json!({"ok": true})))
    }
}

/// An in-memory audit sink that only counts (a growing Vec would distort timings).
#[derive(Debug, Default)]
pub struct CountingAudit(pub AtomicU64);

#[async_trait]
impl AuditSink for CountingAudit {
    async fn record(&self, _: &UsageEvent) -> Result<(), AuditError> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// A pipeline with a token file, one workspace holding the no-op tool, a warm credential,
/// the in-process limiter (a plan too large to bind) and the counting sink.
#[derive(Debug)]
pub struct Fixture {
    /// The pipeline.
    pub pipeline: Pipeline,
    /// A valid bearer token.
    pub token: SecretString,
    /// The tool, for calling it directly (baseline).
    pub tool: Arc<NoopTool>,
    /// The workspace.
    pub workspace: WorkspaceId,
    _dir: tempfile::TempDir,
}

impl Fixture {
    /// Builds the fixture.
    pub fn new() -> Result<Self, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let tokens = Arc::new(TokenFile::open(dir.path().join("tokens.json"))?);
        let ws = WorkspaceId::random();
        let (issued, _) = tokens.issue(ws, "bench", None)?;
        let tool = Arc::new(NoopTool::new()?);
        let registry = Arc::new(WorkspaceRegistry::new());
        registry.insert(Workspace {
            id: ws,
            toolbox: Toolbox::new([tool.clone() as Arc<dyn Tool>], &WriteOptIn::none())?,
            plan: Arc::new(Plan::new("bench", u32::MAX)),
        });
        let creds = StaticCredentials::new().with(
            ws,
            CredentialSlot::new(Platform::Shopify, "admin"),
            CredentialSet::new("access_token").with_field("token", "shpat_bench"),
        );
        let pipeline = Pipeline::builder(tokens, registry, Arc::new(creds))
            .audit(Arc::new(CountingAudit::default()))
            .build();
        Ok(Self {
            pipeline,
            token: issued.token,
            tool,
            workspace: ws,
            _dir: dir,
        })
    }
}

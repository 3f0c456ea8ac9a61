//! Shared fixtures: two workspaces behind one pipeline, and MCP clients.
#![allow(dead_code, missing_docs, unreachable_pub)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod checks;
pub mod clients;
#[cfg(feature = "http")]
pub mod raw;
pub mod refund;

use std::sync::Arc;

use shopmcp_core::secret::ExposeSecret;
use shopmcp_core::{
    Identity, MemoryAudit, Pipeline, Plan, Principal, RiskTier, StaticCredentials, TokenFile, Tool,
    Toolbox, Workspace, WorkspaceId, WorkspaceRegistry, WriteOptIn,
};
use shopmcp_examples::{Catalogue, demo_tools};
use shopmcp_rmcp::{ElicitationConfirmer, McpServer};

/// Workspace A: `local_products_list`, `local_products_update` (W2, opted in) and
/// `local_refunds_create` (W3, opted in). Workspace B: `local_products_list` only.
pub struct Fixture {
    pub pipeline: Pipeline,
    pub server: McpServer,
    pub ws_a: WorkspaceId,
    pub ws_b: WorkspaceId,
    pub token_a: String,
    pub token_b: String,
    pub audit: MemoryAudit,
    pub catalogue: Catalogue,
    pub refunds: refund::Refunds,
    pub registry: Arc<WorkspaceRegistry>,
    _dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let tokens = Arc::new(TokenFile::open(dir.path().join("tokens.json")).unwrap());
        let (ws_a, ws_b) = (WorkspaceId::random(), WorkspaceId::random());
        let catalogue = Catalogue::demo();
        let refunds = refund::Refunds::default();
        let registry = Arc::new(WorkspaceRegistry::new());
        let mut tools_a = demo_tools(&catalogue).unwrap();
        tools_a.push(Arc::new(refund::RefundTool::new(refunds.clone())) as Arc<dyn Tool>);
        let opt_in = WriteOptIn::none()
            .allow_tier(RiskTier::W2)
            .allow_tier(RiskTier::W3);
        registry.insert(Workspace {
            id: ws_a,
            toolbox: Toolbox::new(tools_a, &opt_in).unwrap(),
            plan: Arc::new(Plan::new("test", 1000)),
        });
        registry.insert(Workspace {
            id: ws_b,
            toolbox: Toolbox::new(demo_tools(&catalogue).unwrap(), &WriteOptIn::none()).unwrap(),
            plan: Arc::new(Plan::new("test", 1000)),
        });
        let (a, _) = tokens.issue(ws_a, "a", None).unwrap();
        let (b, _) = tokens.issue(ws_b, "b", None).unwrap();
        let audit = MemoryAudit::new();
        let confirmer = ElicitationConfirmer::new().unwrap();
        let pipeline =
            Pipeline::builder(tokens, registry.clone(), Arc::new(StaticCredentials::new()))
                .audit(Arc::new(audit.clone()))
                .confirmer(Arc::new(confirmer.clone()))
                .build();
        let server = McpServer::builder(pipeline.clone())
            .name("shopmcp-test")
            .elicitation(confirmer)
            .build();
        Self {
            pipeline,
            server,
            ws_a,
            ws_b,
            token_a: a.token.expose_secret().to_owned(),
            token_b: b.token.expose_secret().to_owned(),
            audit,
            catalogue,
            refunds,
            registry,
            _dir: dir,
        }
    }

    pub fn identity_a(&self) -> Identity {
        Identity {
            workspace: self.ws_a,
            principal: Principal::new("stdio-a"),
        }
    }

    pub fn identity_b(&self) -> Identity {
        Identity {
            workspace: self.ws_b,
            principal: Principal::new("stdio-b"),
        }
    }
}

/// The text of the first content block of a tool result.
pub fn first_text(result: &rmcp::model::CallToolResult) -> String {
    let v = serde_json::to_value(&result.content[0]).unwrap();
    v["text"].as_str().unwrap().to_owned()
}

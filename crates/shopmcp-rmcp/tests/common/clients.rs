//! rmcp clients for the tests: over an in-process duplex (stdio) and over HTTP, in either
//! protocol era, optionally answering elicitation prompts.

use std::sync::{Arc, Mutex};

use rmcp::model::{
    ClientCapabilities, ClientConfig, ElicitRequestParams, ElicitResult, ElicitationAction,
    ElicitationCapability, FormElicitationCapability, Implementation, ProtocolVersion,
};
use rmcp::service::{ClientLifecycleMode, ClientServiceExt, RequestContext, RunningService};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{ClientHandler, ErrorData, RoleClient};
use serde_json::json;
use shopmcp_core::Identity;
use shopmcp_rmcp::McpServer;

/// Which protocol revision the client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// 2025-11-25: `initialize`, sessions.
    Legacy,
    /// 2026-07-28: `server/discover`, stateless.
    Modern,
}

impl Era {
    pub const BOTH: [Era; 2] = [Era::Legacy, Era::Modern];

    /// The revision a client of this era must have negotiated.
    pub fn version(self) -> ProtocolVersion {
        match self {
            Era::Legacy => ProtocolVersion::V_2025_11_25,
            Era::Modern => ProtocolVersion::V_2026_07_28,
        }
    }

    fn lifecycle(self) -> ClientLifecycleMode {
        match self {
            Era::Legacy => ClientLifecycleMode::Initialize,
            Era::Modern => ClientLifecycleMode::Discover {
                preferred_versions: vec![ProtocolVersion::V_2026_07_28],
            },
        }
    }
}

/// A client that answers elicitation prompts with `answer` (no capability when `None`),
/// recording each prompt's message.
#[derive(Clone, Default, Debug)]
pub struct TestClient {
    pub answer: Option<bool>,
    pub prompts: Arc<Mutex<Vec<String>>>,
}

impl TestClient {
    pub fn plain() -> Self {
        Self::default()
    }

    pub fn answering(approve: bool) -> Self {
        Self {
            answer: Some(approve),
            prompts: Arc::default(),
        }
    }

    pub fn prompts(&self) -> Vec<String> {
        self.prompts.lock().unwrap().clone()
    }
}

impl ClientHandler for TestClient {
    fn get_info(&self) -> ClientConfig {
        let mut caps = ClientCapabilities::default();
        if self.answer.is_some() {
            caps.elicitation =
                Some(ElicitationCapability::new().with_form(FormElicitationCapability::default()));
        }
        ClientConfig::new(caps, Implementation::new("shopmcp-rmcp-tests", "0"))
    }

    async fn create_elicitation(
        &self,
        request: ElicitRequestParams,
        _context: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, ErrorData> {
        if let ElicitRequestParams::FormElicitationParams { message, .. } = &request {
            self.prompts.lock().unwrap().push(message.clone());
        }
        Ok(match self.answer {
            Some(true) => {
                ElicitResult::new(ElicitationAction::Accept).with_content(json!({"confirm": true}))
            }
            _ => ElicitResult::new(ElicitationAction::Decline),
        })
    }
}

pub type Client = RunningService<RoleClient, TestClient>;

/// A client connected to `server` acting as `identity` over an in-process byte stream.
pub async fn stdio(
    server: &McpServer,
    identity: Identity,
    era: Era,
    handler: TestClient,
) -> Client {
    let (client_io, server_io) = tokio::io::duplex(256 * 1024);
    let (r, w) = tokio::io::split(server_io);
    let server = server.clone();
    tokio::spawn(async move {
        let _ = server.serve_io(identity, r, w).await;
    });
    let client = handler
        .serve_with_lifecycle(tokio::io::split(client_io), era.lifecycle())
        .await
        .unwrap();
    assert_eq!(client.peer_info().unwrap().protocol_version, era.version());
    client
}

/// A client connected to the HTTP endpoint `url` with bearer `token`.
pub async fn http(url: &str, token: &str, era: Era, handler: TestClient) -> Client {
    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(url.to_owned()).auth_header(token.to_owned()),
    );
    let client = handler
        .serve_with_lifecycle(transport, era.lifecycle())
        .await
        .unwrap();
    assert_eq!(client.peer_info().unwrap().protocol_version, era.version());
    client
}

//! [`McpServer`]: the pipeline plus what the MCP peers are told about this server.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use rmcp::model::{Implementation, ServerCapabilities, ServerConfig};
use shopmcp_core::Pipeline;

use crate::elicit::ElicitationConfirmer;
use crate::handler::{Handler, Source};

pub(crate) struct Shared {
    pub(crate) pipeline: Pipeline,
    pub(crate) info: ServerConfig,
    pub(crate) elicitation: Option<ElicitationConfirmer>,
    pub(crate) timeout: Option<Duration>,
}

/// An MCP server over a shopmcp [`Pipeline`]. Cheap to clone.
///
/// It offers tools only: `tools/list` shows the caller's workspace toolbox and `tools/call`
/// runs the pipeline. Prompts, resources and resource templates answer "method not found".
/// Serve it over stdio ([`McpServer::serve_stdio`]) or streamable HTTP
/// ([`HttpServer`](crate::HttpServer), feature `http`).
///
/// ```
/// use std::sync::Arc;
/// use shopmcp_core::{Pipeline, StaticCredentials, TokenFile, WorkspaceRegistry};
/// use shopmcp_rmcp::McpServer;
///
/// # let path = std::env::temp_dir().join("shopmcp-rmcp-doc-tokens.json");
/// let tokens = Arc::new(TokenFile::open(path).unwrap());
/// let pipeline = Pipeline::builder(tokens, Arc::new(WorkspaceRegistry::new()), Arc::new(StaticCredentials::new()))
///     .build();
/// let server = McpServer::builder(pipeline)
///     .name("acme-shop")
///     .instructions("Tools for the Acme store. Writes need the merchant's opt-in.")
///     .build();
/// # let _ = server;
/// ```
#[derive(Clone)]
pub struct McpServer {
    pub(crate) shared: Arc<Shared>,
}

impl fmt::Debug for McpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("McpServer")
            .field("name", &self.shared.info.server_info.name)
            .field("elicitation", &self.shared.elicitation.is_some())
            .finish_non_exhaustive()
    }
}

impl McpServer {
    /// Starts a server over `pipeline`.
    pub fn builder(pipeline: Pipeline) -> McpServerBuilder {
        McpServerBuilder {
            pipeline,
            name: "shopmcp".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            title: None,
            instructions: None,
            elicitation: None,
            timeout: None,
        }
    }

    /// The pipeline calls go through.
    pub fn pipeline(&self) -> &Pipeline {
        &self.shared.pipeline
    }

    pub(crate) fn handler(&self, source: Source) -> Handler {
        Handler::new(self.shared.clone(), source)
    }
}

/// Builder for [`McpServer`].
#[derive(Debug)]
pub struct McpServerBuilder {
    pipeline: Pipeline,
    name: String,
    version: String,
    title: Option<String>,
    instructions: Option<String>,
    elicitation: Option<ElicitationConfirmer>,
    timeout: Option<Duration>,
}

impl McpServerBuilder {
    /// The implementation name told to clients (default `shopmcp`).
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The implementation version told to clients (default: this crate's version).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// A human-readable title told to clients.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Instructions for the model, sent once per session.
    #[must_use]
    pub fn instructions(mut self, instructions: impl Into<String>) -> Self {
        self.instructions = Some(instructions.into());
        self
    }

    /// Confirms W3 calls through MCP elicitation. The same confirmer must be installed in
    /// the pipeline with [`PipelineBuilder::confirmer`](shopmcp_core::PipelineBuilder::confirmer).
    #[must_use]
    pub fn elicitation(mut self, confirmer: ElicitationConfirmer) -> Self {
        self.elicitation = Some(confirmer);
        self
    }

    /// Overrides the pipeline's default deadline for each call.
    #[must_use]
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Builds the server.
    pub fn build(self) -> McpServer {
        let mut implementation = Implementation::new(self.name, self.version);
        if let Some(title) = self.title {
            implementation = implementation.with_title(title);
        }
        let mut info = ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(implementation);
        if let Some(instructions) = self.instructions {
            info = info.with_instructions(instructions);
        }
        McpServer {
            shared: Arc::new(Shared {
                pipeline: self.pipeline,
                info,
                elicitation: self.elicitation,
                timeout: self.timeout,
            }),
        }
    }
}

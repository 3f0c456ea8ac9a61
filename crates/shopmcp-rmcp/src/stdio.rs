//! The stdio transport: one connection, one workspace fixed by the embedder.

use rmcp::ServiceExt;
use shopmcp_core::Identity;
use tokio::io::{AsyncRead, AsyncWrite};

use crate::error::ServeError;
use crate::handler::Source;
use crate::server::McpServer;

impl McpServer {
    /// Serves one MCP client on this process's stdin and stdout until it disconnects.
    ///
    /// `identity` is the workspace and principal every call acts as. It comes from the
    /// embedder's configuration (for example a token authenticated with
    /// [`Pipeline::authenticate`](shopmcp_core::Pipeline::authenticate) at start-up), never
    /// from the model's environment. Logs must go to stderr: stdout carries the protocol.
    ///
    /// ```no_run
    /// # async fn run(server: shopmcp_rmcp::McpServer, identity: shopmcp_core::Identity) -> Result<(), shopmcp_rmcp::ServeError> {
    /// server.serve_stdio(identity).await
    /// # }
    /// ```
    pub async fn serve_stdio(&self, identity: Identity) -> Result<(), ServeError> {
        self.serve_io(identity, tokio::io::stdin(), tokio::io::stdout())
            .await
    }

    /// Serves one MCP client over any byte stream pair (a pipe, a socket, an in-process
    /// duplex) until it disconnects, acting as `identity` like [`Self::serve_stdio`].
    pub async fn serve_io<R, W>(
        &self,
        identity: Identity,
        reader: R,
        writer: W,
    ) -> Result<(), ServeError>
    where
        R: AsyncRead + Send + Unpin + 'static,
        W: AsyncWrite + Send + Unpin + 'static,
    {
        tracing::debug!(target: "shopmcp::rmcp", workspace = %identity.workspace, "stdio session starting");
        let running = self
            .handler(Source::Fixed(identity))
            .serve((reader, writer))
            .await
            .map_err(|e| ServeError::Handshake(e.to_string()))?;
        running
            .waiting()
            .await
            .map(|_| ())
            .map_err(|e| ServeError::Io(std::io::Error::other(e.to_string())))
    }
}

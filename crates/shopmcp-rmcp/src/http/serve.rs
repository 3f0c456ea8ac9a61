//! Binding, accepting (with TCP_NODELAY) and shutting down.

use std::net::SocketAddr;

use axum::serve::ListenerExt;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::{HttpServer, PRM_PATH};
use crate::error::ServeError;

/// A running HTTP endpoint. Dropping the handle leaves it running; call
/// [`HttpHandle::shutdown`] to stop it.
#[derive(Debug)]
pub struct HttpHandle {
    local_addr: SocketAddr,
    url: String,
    metadata_url: String,
    stop: CancellationToken,
    task: JoinHandle<std::io::Result<()>>,
}

impl HttpServer {
    /// Binds the configured address and serves in a background task.
    pub async fn serve(self) -> Result<HttpHandle, ServeError> {
        let listener = tokio::net::TcpListener::bind(self.cfg.bind).await?;
        let local_addr = listener.local_addr()?;
        let origin = self
            .cfg
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{local_addr}"));
        let origin = origin.trim_end_matches('/').to_owned();
        let stop = CancellationToken::new();
        let router = self.assemble(&origin, stop.child_token())?;
        // axum leaves Nagle on; small SSE frames would otherwise wait ~40 ms for an ACK.
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(target: "shopmcp::rmcp", error = %e, "TCP_NODELAY could not be set");
            }
        });
        let shutdown = stop.clone().cancelled_owned();
        let task = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(shutdown)
                .await
        });
        tracing::debug!(target: "shopmcp::rmcp", %local_addr, "HTTP endpoint listening");
        Ok(HttpHandle {
            local_addr,
            url: format!("{origin}{}", self.cfg.path),
            metadata_url: format!("{origin}{PRM_PATH}{}", self.cfg.path),
            stop,
            task,
        })
    }
}

impl HttpHandle {
    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The MCP endpoint's URL (the resource identifier).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The protected-resource metadata URL.
    pub fn metadata_url(&self) -> &str {
        &self.metadata_url
    }

    /// Stops accepting, ends open streams and waits for the server task.
    pub async fn shutdown(self) -> Result<(), ServeError> {
        self.stop.cancel();
        self.wait().await
    }

    /// Waits until the server stops (after [`HttpHandle::shutdown`] or an accept error).
    pub async fn wait(self) -> Result<(), ServeError> {
        match self.task.await {
            Ok(r) => r.map_err(ServeError::Io),
            Err(e) => Err(ServeError::Io(std::io::Error::other(e.to_string()))),
        }
    }
}

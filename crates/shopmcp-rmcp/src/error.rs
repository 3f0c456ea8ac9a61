//! Errors of building and running a server.

/// Why a server could not be configured or stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// A configuration value is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The MCP handshake with the client failed.
    #[error("MCP handshake failed: {0}")]
    Handshake(String),
    /// Binding, accepting or serving failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

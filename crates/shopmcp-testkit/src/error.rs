//! [`Error`]: what can go wrong while setting up a fake upstream.

/// Why a fake upstream or test CA could not be set up.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Binding, reading a fixture, ...
    Io(std::io::Error),
    /// Certificate generation.
    Certificate(rcgen::Error),
    /// TLS server configuration.
    Tls(tokio_rustls::rustls::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(e) => write!(f, "i/o: {e}"),
            Self::Certificate(e) => write!(f, "certificate: {e}"),
            Self::Tls(e) => write!(f, "tls: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

impl From<rcgen::Error> for Error {
    fn from(e: rcgen::Error) -> Self {
        Self::Certificate(e)
    }
}

impl From<tokio_rustls::rustls::Error> for Error {
    fn from(e: tokio_rustls::rustls::Error) -> Self {
        Self::Tls(e)
    }
}

//! Errors of construction and of health checks.
//!
//! Messages never contain the Redis URL (it may carry a password), server replies or key
//! names: only fixed texts and error categories.

use std::fmt;

/// Why the limiter could not be built, or why Redis did not answer a health check.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RedisLimiterError {
    /// The URL is not a Redis URL this crate accepts. The URL itself is not repeated.
    #[error("invalid Redis URL: {0}")]
    InvalidUrl(&'static str),
    /// A `rediss://` URL while the crate was built without its `tls` feature.
    #[error("rediss:// URLs need the `tls` feature of shopmcp-redis")]
    TlsNotEnabled,
    /// The URL asked for TLS without certificate verification (`#insecure`), which is refused.
    #[error("TLS certificate verification cannot be turned off (remove #insecure from the URL)")]
    InsecureTls,
    /// A configuration value is out of range.
    #[error("invalid Redis limiter configuration: {0}")]
    InvalidConfig(&'static str),
    /// Redis did not answer in time or answered with an error.
    #[error("Redis is unavailable: {0}")]
    Unavailable(Failure),
}

/// Why one round trip to Redis failed, described without anything the server or the URL said.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// No answer within the configured timeout.
    Timeout,
    /// The client or the server reported an error of this category (e.g. `I/O error`,
    /// `authentication failed`, `NOPERM`).
    Redis(String),
    /// The script answered something it never returns.
    UnexpectedReply,
}

impl Failure {
    pub(crate) fn from_redis(e: &redis::RedisError) -> Self {
        if e.is_timeout() {
            return Self::Timeout;
        }
        let category = e.category();
        let text = match (category, e.code()) {
            ("", Some(code)) => code.to_owned(),
            (category, _) if e.is_connection_refusal() => format!("{category}: connection refused"),
            (category, _) => category.to_owned(),
        };
        Self::Redis(text)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Timeout => f.write_str("no answer within the timeout"),
            Self::Redis(category) => write!(f, "{category}"),
            Self::UnexpectedReply => f.write_str("unexpected reply from the limiter script"),
        }
    }
}

//! [`Target`]: what a request was aimed at, in a form safe for operator logs.

use std::fmt;

use http::Method;

use crate::UpstreamUrl;
use crate::base_url::host_port;

/// Method, host and path of a request: never the query string, headers or body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    method: Method,
    host: String,
    path: String,
}

impl Target {
    pub(crate) fn of(method: &Method, url: &UpstreamUrl) -> Self {
        Self {
            method: method.clone(),
            host: host_port(url.url()),
            path: url.path().to_owned(),
        }
    }

    /// A target for responses built by hand (tests of classifiers and mappings).
    pub(crate) fn unknown() -> Self {
        Self {
            method: Method::GET,
            host: "unknown-host".to_owned(),
            path: "/".to_owned(),
        }
    }

    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}{}", self.method, self.host, self.path)
    }
}

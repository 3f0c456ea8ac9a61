//! [`UpstreamResponse`]: a complete, size-capped answer from a store.

use std::fmt;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use shopmcp_core::{ErrorKind, ToolError};

use crate::RequestClass;
use crate::errors::status_error;
use crate::target::Target;

/// A store's answer: status, headers and the whole body (at most the client's body cap).
///
/// `Debug` shows the status, header names and body length only.
#[derive(Clone)]
pub struct UpstreamResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    target: Target,
    class: RequestClass,
}

impl UpstreamResponse {
    /// A response built by hand, e.g. to test a [`ThrottleClassifier`](crate::ThrottleClassifier)
    /// or a platform's parsing.
    pub fn new(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
            target: Target::unknown(),
            class: RequestClass::Read,
        }
    }

    pub(crate) fn received(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        target: Target,
        class: RequestClass,
    ) -> Self {
        Self {
            status,
            headers,
            body,
            target,
            class,
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body, by value.
    pub fn into_body(self) -> Bytes {
        self.body
    }

    /// Parses the body as JSON.
    ///
    /// A body that does not parse gives [`ErrorKind::UpstreamUnavailable`] ("malformed
    /// response"); neither message nor detail quotes the body (the detail names the error class
    /// and position only).
    ///
    /// ```
    /// use http::{HeaderMap, StatusCode};
    /// use shopmcp_http::UpstreamResponse;
    /// let ok = UpstreamResponse::new(StatusCode::OK, HeaderMap::new(), r#"{"id": 7}"#);
    /// let v: serde_json::Value = ok.json().unwrap();
    /// assert_eq!(v["id"], 7);
    /// let bad = UpstreamResponse::new(StatusCode::OK, HeaderMap::new(), "{\"id\": \"secret");
    /// let err = bad.json::<serde_json::Value>().unwrap_err();
    /// assert!(!err.log_detail().contains("secret"));
    /// ```
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ToolError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            ToolError::new(
                ErrorKind::UpstreamUnavailable,
                "the store sent a malformed response",
            )
            .with_upstream_status(self.status.as_u16())
            .with_detail(format!(
                "{} -> {}: JSON {:?} error at line {} column {}",
                self.target,
                self.status.as_u16(),
                e.classify(),
                e.line(),
                e.column()
            ))
        })
    }

    /// Ok for 2xx; otherwise the mapped error (see the crate's "Errors" section).
    pub fn error_for_status(self) -> Result<Self, ToolError> {
        if self.status.is_success() {
            Ok(self)
        } else {
            Err(status_error(self.status, self.class, &self.target))
        }
    }
}

impl fmt::Debug for UpstreamResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|n| n.as_str()).collect();
        f.debug_struct("UpstreamResponse")
            .field("status", &self.status.as_u16())
            .field("headers", &names)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    #[test]
    fn debug_shows_no_values() {
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", HeaderValue::from_static("sid=MARKER"));
        let resp = UpstreamResponse::new(StatusCode::OK, headers, "body-MARKER");
        let debug = format!("{resp:?}");
        assert!(!debug.contains("MARKER"), "{debug}");
        assert!(debug.contains("set-cookie"));
    }

    #[test]
    fn malformed_json_never_echoes_the_body() {
        for body in ["{\"a\": MARKER", "[\"MARKER\"]", "MARKER", ""] {
            let resp = UpstreamResponse::new(StatusCode::OK, HeaderMap::new(), body);
            let err = resp.json::<Vec<u32>>().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
            assert!(err.model_message().contains("malformed"));
            assert!(!err.log_detail().contains("MARKER"), "{}", err.log_detail());
        }
    }

    #[test]
    fn error_for_status() {
        let ok = UpstreamResponse::new(StatusCode::NO_CONTENT, HeaderMap::new(), "");
        assert!(ok.error_for_status().is_ok());
        let nf = UpstreamResponse::new(StatusCode::NOT_FOUND, HeaderMap::new(), "MARKER");
        let err = nf.error_for_status().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(!err.log_detail().contains("MARKER"));
    }
}

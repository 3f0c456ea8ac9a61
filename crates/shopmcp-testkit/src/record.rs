//! [`RecordedRequest`]: what the fake upstream received.

use std::time::Instant;

use bytes::Bytes;

/// One request as the fake upstream received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// The method, as sent (`GET`, `POST`, ...).
    pub method: String,
    /// The path, still percent-encoded, without the query.
    pub path: String,
    /// The raw query string (after `?`), if any.
    pub query: Option<String>,
    /// Header names (lowercase) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
    /// When the request had been read completely.
    pub received_at: Instant,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON (`None` when it is not JSON).
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// Whether `needle` occurs anywhere in the request: path, query, any header name or value,
    /// or body. For leak assertions.
    pub fn contains(&self, needle: &str) -> bool {
        let in_headers = self
            .headers
            .iter()
            .any(|(k, v)| k.contains(needle) || v.contains(needle));
        let in_body = !needle.is_empty()
            && self
                .body
                .windows(needle.len())
                .any(|w| w == needle.as_bytes());
        self.path.contains(needle)
            || self.query.as_deref().is_some_and(|q| q.contains(needle))
            || in_headers
            || in_body
    }
}

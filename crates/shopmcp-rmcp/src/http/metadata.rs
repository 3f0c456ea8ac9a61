//! RFC 9728 protected-resource metadata and RFC 6750 challenges.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::scope::ALL_SCOPES;

/// Where this resource lives and who issues tokens for it.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    /// The MCP endpoint's absolute URL: the resource identifier and the JWT audience.
    pub(crate) url: String,
    /// The metadata document's URL (path-suffixed form).
    pub(crate) metadata_url: String,
    /// Authorization servers to advertise.
    pub(crate) authorization_servers: Vec<String>,
    /// A human-readable name.
    pub(crate) name: Option<String>,
}

impl Resource {
    /// The metadata document.
    pub(crate) fn document(&self) -> Value {
        let mut doc = json!({
            "resource": self.url,
            "bearer_methods_supported": ["header"],
            "scopes_supported": ALL_SCOPES,
        });
        if let Some(map) = doc.as_object_mut() {
            if !self.authorization_servers.is_empty() {
                map.insert(
                    "authorization_servers".into(),
                    json!(self.authorization_servers),
                );
            }
            if let Some(name) = &self.name {
                map.insert("resource_name".into(), json!(name));
            }
        }
        doc
    }

    /// 401 with `WWW-Authenticate: Bearer resource_metadata="…"` (and `error="invalid_token"`
    /// when a token was presented).
    pub(crate) fn unauthorized(&self, invalid_token: bool) -> Response {
        let challenge = if invalid_token {
            format!(
                "Bearer error=\"invalid_token\", error_description=\"the access token is missing, invalid or expired\", resource_metadata=\"{}\"",
                self.metadata_url
            )
        } else {
            format!("Bearer resource_metadata=\"{}\"", self.metadata_url)
        };
        challenge_response(
            StatusCode::UNAUTHORIZED,
            &challenge,
            "authentication required: send a valid bearer token in the Authorization header",
        )
    }

    /// 403 with `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`.
    pub(crate) fn insufficient_scope(&self, scope: &str) -> Response {
        let challenge = format!(
            "Bearer error=\"insufficient_scope\", scope=\"{scope}\", resource_metadata=\"{}\"",
            self.metadata_url
        );
        challenge_response(
            StatusCode::FORBIDDEN,
            &challenge,
            &format!("this token lacks the `{scope}` scope"),
        )
    }
}

fn challenge_response(status: StatusCode, challenge: &str, message: &str) -> Response {
    let mut resp = json_response(status, &json!({ "error": message }));
    if let Ok(v) = HeaderValue::from_str(challenge) {
        resp.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    resp
}

/// A JSON body with `status`.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

//! The gate in front of the MCP endpoint: every request is authenticated here.
//!
//! Order: credentials in the query string → 400; no or malformed `Authorization: Bearer`
//! → 401 with a challenge; token rejected → 401; session not bound to this caller → 404;
//! (OAuth) a `tools/call` of a tool whose scope the token lacks → 403 `insufficient_scope`.
//! Only then does the request reach rmcp, with the caller in its extensions.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Value, json};
use shopmcp_core::secret::SecretString;
use shopmcp_core::{Identity, Pipeline};

use super::metadata::{Resource, json_response};
use super::query;
use super::session::SessionBindings;
use crate::handler::Authenticated;
use crate::scope;

const SESSION_HEADER: &str = "mcp-session-id";

/// How bearer tokens are checked.
#[derive(Clone)]
pub(crate) enum AuthMode {
    /// The pipeline's own authenticator (hashed tokens).
    Pipeline,
    /// JWTs from an OAuth 2.1 authorization server.
    #[cfg(feature = "oauth")]
    OAuth(Arc<crate::oauth::Validator>),
}

#[derive(Clone)]
pub(crate) struct Gate {
    pub(crate) pipeline: Pipeline,
    pub(crate) mode: AuthMode,
    pub(crate) resource: Arc<Resource>,
    pub(crate) sessions: Option<Arc<SessionBindings>>,
    pub(crate) max_body: usize,
}

impl Gate {
    async fn authenticate(&self, token: &SecretString) -> Option<Authenticated> {
        match &self.mode {
            AuthMode::Pipeline => self
                .pipeline
                .authenticate(token)
                .await
                .ok()
                .map(|identity| Authenticated {
                    identity,
                    scoped: false,
                }),
            #[cfg(feature = "oauth")]
            AuthMode::OAuth(v) => {
                let identity = v.validate(token)?;
                // The workspace named by the token must exist here.
                self.pipeline.toolbox(&identity).await.ok()?;
                Some(Authenticated {
                    identity,
                    scoped: true,
                })
            }
        }
    }

    /// The scope `identity` lacks for calling `tool`, if it is one of its workspace's tools.
    async fn missing_scope(&self, identity: &Identity, tool: &str) -> Option<&'static str> {
        let toolbox = self.pipeline.toolbox(identity).await.ok()?;
        let needed = scope::required(toolbox.get(tool)?.spec().access());
        (!identity.principal.has_scope(needed)).then_some(needed)
    }

    /// Buffers the body (within the limit) and refuses calls of tools the token's scopes
    /// do not cover.
    async fn check_scopes(
        &self,
        req: Request,
        caller: &Authenticated,
    ) -> Result<Request, Response> {
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, self.max_body)
            .await
            .map_err(|_| {
                json_response(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &json!({"error": "the request body is too large"}),
                )
            })?;
        for tool in called_tools(&bytes) {
            if let Some(needed) = self.missing_scope(&caller.identity, &tool).await {
                tracing::debug!(target: "shopmcp::rmcp", workspace = %caller.identity.workspace, scope = needed, "insufficient scope");
                return Err(self.resource.insufficient_scope(needed));
            }
        }
        Ok(Request::from_parts(parts, Body::from(bytes)))
    }
}

/// The names of the tools a JSON-RPC body calls.
fn called_tools(body: &[u8]) -> Vec<String> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let messages = match value {
        Value::Array(items) => items,
        one => vec![one],
    };
    messages
        .iter()
        .filter(|m| m.get("method").and_then(Value::as_str) == Some("tools/call"))
        .filter_map(|m| m.pointer("/params/name").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// The bearer token of `headers`: exactly one `Authorization` header, scheme `Bearer`
/// (any case), a non-empty token.
fn bearer(headers: &HeaderMap) -> Option<SecretString> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    let value = value.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && !token.contains(' '))
        .then(|| SecretString::from(token))
}

fn session_gone() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"error": "session not found; start a new session"}),
    )
}

/// The middleware.
pub(crate) async fn gate(State(gate): State<Gate>, req: Request, next: Next) -> Response {
    if query::carries_credential(req.uri().query()) {
        tracing::debug!(target: "shopmcp::rmcp", "credential in query string refused");
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "credentials are accepted only in the Authorization header, never in the URL; this request was refused and the credential in its URL should be considered leaked"}),
        );
    }
    let Some(token) = bearer(req.headers()) else {
        return gate.resource.unauthorized(false);
    };
    let Some(caller) = gate.authenticate(&token).await else {
        tracing::debug!(target: "shopmcp::rmcp", "bearer token rejected");
        return gate.resource.unauthorized(true);
    };
    let session = req
        .headers()
        .get(SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let (Some(id), Some(bindings)) = (&session, &gate.sessions)
        && !bindings.allows(id, &caller.identity)
    {
        tracing::debug!(target: "shopmcp::rmcp", "session not bound to this caller; refused");
        return session_gone();
    }
    let mut req = if caller.scoped && req.method() == Method::POST {
        match gate.check_scopes(req, &caller).await {
            Ok(req) => req,
            Err(resp) => return resp,
        }
    } else {
        req
    };
    let closing = req.method() == Method::DELETE;
    let identity = caller.identity.clone();
    req.extensions_mut().insert(caller);
    let resp = next.run(req).await;
    if let Some(bindings) = &gate.sessions {
        match &session {
            None => {
                if let Some(id) = resp
                    .headers()
                    .get(SESSION_HEADER)
                    .and_then(|v| v.to_str().ok())
                {
                    bindings.bind(id, &identity);
                }
            }
            Some(id)
                if (closing && resp.status().is_success())
                    || resp.status() == StatusCode::NOT_FOUND =>
            {
                bindings.forget(id);
            }
            Some(_) => {}
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use axum::http::HeaderValue;
    use shopmcp_core::secret::ExposeSecret;

    #[test]
    fn bearer_needs_one_header_with_the_bearer_scheme() {
        let mut h = HeaderMap::new();
        assert!(bearer(&h).is_none());
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert!(bearer(&h).is_none());
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer abc"),
        );
        assert_eq!(bearer(&h).unwrap().expose_secret(), "abc");
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert!(bearer(&h).is_none());
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer a"));
        h.append(header::AUTHORIZATION, HeaderValue::from_static("Bearer b"));
        assert!(bearer(&h).is_none());
    }

    #[test]
    fn called_tools_reads_single_and_batched_calls() {
        let one = br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a"}}"#;
        assert_eq!(called_tools(one), vec!["a".to_owned()]);
        let batch = br#"[{"method":"tools/list"},{"method":"tools/call","params":{"name":"b"}}]"#;
        assert_eq!(called_tools(batch), vec!["b".to_owned()]);
        assert!(called_tools(b"not json").is_empty());
    }
}

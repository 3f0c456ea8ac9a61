//! One attempt: send the request, read the body under the cap, classify failures.

use std::error::Error as StdError;
use std::io;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use shopmcp_core::ToolError;

use crate::UpstreamRequest;
use crate::body::BodyLimit;
use crate::errors::{TransportKind, forbidden_destination, oversize_error, transport_error};
use crate::resolve::ResolveFailure;
use crate::target::Target;

/// What one attempt produced, before the retry policy looks at it.
pub(crate) struct Received {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// Why an attempt failed.
#[derive(Debug)]
pub(crate) enum AttemptError {
    /// Retrying cannot help (refused destination, TLS failure, oversize body).
    Final(ToolError),
    /// A transport failure a read may be retried after.
    Transport { kind: TransportKind, cause: String },
}

/// Sends `req` once and reads at most `body_limit` bytes of the answer.
pub(crate) async fn run(
    client: &reqwest::Client,
    req: &UpstreamRequest,
    target: &Target,
    body_limit: usize,
) -> Result<Received, AttemptError> {
    let mut builder = client
        .request(req.method().clone(), req.url().url().clone())
        .headers(req.headers().clone());
    if let Some(body) = req.body_bytes() {
        builder = builder.body(body.clone());
    }
    let mut resp = builder
        .send()
        .await
        .map_err(|e| classify(&e, req, target))?;
    let status = resp.status();
    let headers = resp.headers().clone();
    let oversize = |seen: usize| AttemptError::Final(oversize_error(body_limit, seen, target));
    let mut body =
        BodyLimit::new(body_limit, resp.content_length()).map_err(|o| oversize(o.seen))?;
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(&e, req, target))? {
        body.push(&chunk).map_err(|o| oversize(o.seen))?;
    }
    Ok(Received {
        status,
        headers,
        body: body.finish(),
    })
}

/// Sorts a reqwest error into final (refused, TLS) and retryable transport failures.
fn classify(err: &reqwest::Error, req: &UpstreamRequest, target: &Target) -> AttemptError {
    match find_cause(err) {
        Some(Cause::Refused(refused)) => {
            return AttemptError::Final(forbidden_destination(
                &format!(
                    "its host name resolves to {}; only public internet addresses are allowed",
                    refused.class
                ),
                format!("{target}: {refused}"),
            ));
        }
        Some(Cause::Lookup(cause)) => {
            return AttemptError::Transport {
                kind: TransportKind::Connect,
                cause,
            };
        }
        Some(Cause::Tls(cause)) => {
            return AttemptError::Final(transport_error(
                TransportKind::Tls,
                req.class(),
                target,
                &cause,
            ));
        }
        None => {}
    }
    let kind = if err.is_timeout() {
        TransportKind::Timeout
    } else if err.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    };
    AttemptError::Transport {
        kind,
        cause: describe(err),
    }
}

enum Cause {
    Refused(crate::address::AddressRefused),
    Lookup(String),
    Tls(String),
}

/// Walks the error chain. An `io::Error`'s `source` skips the error it wraps, so the walk
/// descends into the wrapped error instead.
fn find_cause(err: &reqwest::Error) -> Option<Cause> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(failure) = e.downcast_ref::<ResolveFailure>() {
            return Some(match failure {
                ResolveFailure::Refused { refused, .. } => Cause::Refused(*refused),
                ResolveFailure::Lookup { .. } => Cause::Lookup(failure.to_string()),
            });
        }
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(Cause::Tls(tls.to_string()));
        }
        current = match e.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    None
}

/// The error chain as text, without the URL (reqwest's `Display` names it, query included).
fn describe(err: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut current = err.source();
    while let Some(e) = current {
        parts.push(e.to_string());
        current = e.source();
    }
    if parts.is_empty() {
        parts.push("request failed".to_owned());
    }
    parts.join(": ")
}

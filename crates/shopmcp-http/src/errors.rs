//! How upstream outcomes become [`ToolError`]s.
//!
//! Model-facing messages are fixed texts written here, with the HTTP status at most. They never
//! contain the URL's query string, header values, bodies or secrets. The operator detail adds
//! method, host and path (no query).
//!
//! The mapping table is in the crate documentation (section "Errors").

use std::time::Duration;

use http::StatusCode;
use shopmcp_core::{ErrorKind, ToolError};

use crate::RequestClass;
use crate::target::Target;

const NOT_RETRIED_WRITE: &str =
    "it was not retried and may or may not have been applied; check the store before trying again";

/// The error for a final non-2xx status.
pub(crate) fn status_error(status: StatusCode, class: RequestClass, target: &Target) -> ToolError {
    let code = status.as_u16();
    let (kind, message) = match code {
        300..=399 => (
            ErrorKind::UpstreamRejected,
            format!(
                "the store answered with a redirect (HTTP {code}), which is not followed; the \
                 store address may be wrong or may have moved"
            ),
        ),
        401 => (
            ErrorKind::Credentials,
            "the store rejected the stored credentials (HTTP 401); they need to be renewed or \
             reconnected"
                .to_owned(),
        ),
        403 => (
            ErrorKind::MissingScope,
            "the store denied access (HTTP 403); the credential probably lacks the permission \
             (scope) this operation needs"
                .to_owned(),
        ),
        404 | 410 => (
            ErrorKind::NotFound,
            format!("the requested object was not found in the store (HTTP {code})"),
        ),
        408 => (
            ErrorKind::Timeout,
            "the store timed out waiting for the request (HTTP 408)".to_owned(),
        ),
        409 => (
            ErrorKind::UpstreamRejected,
            "the store reported a conflict (HTTP 409); the object may have changed, read it again \
             before retrying"
                .to_owned(),
        ),
        400 | 422 => (
            ErrorKind::UpstreamRejected,
            format!("the store rejected the request as invalid (HTTP {code})"),
        ),
        429 => return throttled_error(class, None, target, Some(code)),
        402..=499 => (
            ErrorKind::UpstreamRejected,
            format!("the store refused the request (HTTP {code})"),
        ),
        500..=599 => (
            ErrorKind::UpstreamUnavailable,
            match class {
                RequestClass::Read => {
                    format!("the store is unavailable (HTTP {code}); try again later")
                }
                RequestClass::Write => {
                    format!(
                        "the store failed while processing a change (HTTP {code}); {NOT_RETRIED_WRITE}"
                    )
                }
            },
        ),
        _ => (
            ErrorKind::UpstreamUnavailable,
            format!("the store answered with an unexpected status (HTTP {code})"),
        ),
    };
    ToolError::new(kind, message)
        .with_upstream_status(code)
        .with_detail(format!("{target} -> {code}"))
}

/// The error for a throttle signal the client did not (or could not) wait out.
pub(crate) fn throttled_error(
    class: RequestClass,
    retry_after: Option<Duration>,
    target: &Target,
    status: Option<u16>,
) -> ToolError {
    let message = match class {
        RequestClass::Read => "the store is rate limiting requests; try again later".to_owned(),
        RequestClass::Write => "the store is rate limiting requests; the change was not applied \
                                and was not retried; try again later"
            .to_owned(),
    };
    let mut err = ToolError::new(ErrorKind::UpstreamThrottled, message)
        .with_detail(format!("{target} -> throttled"));
    if let Some(after) = retry_after {
        err = err.with_retry_after(after);
    }
    if let Some(status) = status {
        err = err.with_upstream_status(status);
    }
    err
}

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TransportKind {
    /// No connection was made: the request was not sent.
    Connect,
    /// The TLS handshake failed (certificate not trusted, name mismatch, ...).
    Tls,
    /// The attempt's own timeout fired.
    Timeout,
    /// The connection failed after the request may have been sent.
    Other,
}

/// The error for a transport failure that is not retried (any more).
pub(crate) fn transport_error(
    kind: TransportKind,
    class: RequestClass,
    target: &Target,
    cause: &str,
) -> ToolError {
    let write = class == RequestClass::Write;
    let (error_kind, message) = match kind {
        TransportKind::Connect => (
            ErrorKind::UpstreamUnavailable,
            if write {
                "could not connect to the store; the change was not sent".to_owned()
            } else {
                "could not connect to the store; try again later".to_owned()
            },
        ),
        TransportKind::Tls => (
            ErrorKind::UpstreamUnavailable,
            "could not establish a trusted TLS connection to the store (certificate verification \
             failed)"
                .to_owned(),
        ),
        TransportKind::Timeout => (ErrorKind::Timeout, timeout_message(class)),
        TransportKind::Other => (
            ErrorKind::UpstreamUnavailable,
            if write {
                format!("the connection to the store failed during a change; {NOT_RETRIED_WRITE}")
            } else {
                "the connection to the store failed; try again later".to_owned()
            },
        ),
    };
    ToolError::new(error_kind, message).with_detail(format!("{target} -> {kind:?}: {cause}"))
}

fn timeout_message(class: RequestClass) -> String {
    match class {
        RequestClass::Read => "the store did not answer in time".to_owned(),
        RequestClass::Write => {
            format!("the store did not answer in time during a change; {NOT_RETRIED_WRITE}")
        }
    }
}

/// The call's deadline passed.
pub(crate) fn deadline_error(class: RequestClass, target: &Target, attempts: u32) -> ToolError {
    ToolError::new(ErrorKind::Timeout, timeout_message(class)).with_detail(format!(
        "{target} -> deadline passed after {attempts} attempt(s)"
    ))
}

/// The caller cancelled.
pub(crate) fn cancelled_error(target: &Target) -> ToolError {
    ToolError::new(ErrorKind::Cancelled, "the call was cancelled")
        .with_detail(format!("{target} -> cancelled"))
}

/// The body was larger than the cap.
pub(crate) fn oversize_error(limit: usize, read: usize, target: &Target) -> ToolError {
    ToolError::new(
        ErrorKind::UpstreamUnavailable,
        format!("the store's response was larger than {limit} bytes and was not read"),
    )
    .with_detail(format!(
        "{target} -> body over {limit} bytes (read {read} bytes before stopping)"
    ))
}

/// The destination is not allowed (SSRF guard, scheme policy).
pub(crate) fn forbidden_destination(reason: &str, detail: String) -> ToolError {
    ToolError::new(
        ErrorKind::Forbidden,
        format!("the store address is not allowed: {reason}"),
    )
    .with_detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target::unknown()
    }

    #[test]
    fn status_kinds() {
        let cases = [
            (301, ErrorKind::UpstreamRejected),
            (302, ErrorKind::UpstreamRejected),
            (400, ErrorKind::UpstreamRejected),
            (401, ErrorKind::Credentials),
            (403, ErrorKind::MissingScope),
            (404, ErrorKind::NotFound),
            (405, ErrorKind::UpstreamRejected),
            (408, ErrorKind::Timeout),
            (409, ErrorKind::UpstreamRejected),
            (410, ErrorKind::NotFound),
            (422, ErrorKind::UpstreamRejected),
            (429, ErrorKind::UpstreamThrottled),
            (500, ErrorKind::UpstreamUnavailable),
            (502, ErrorKind::UpstreamUnavailable),
            (503, ErrorKind::UpstreamUnavailable),
            (101, ErrorKind::UpstreamUnavailable),
        ];
        for (code, kind) in cases {
            let status = StatusCode::from_u16(code).unwrap();
            let err = status_error(status, RequestClass::Read, &target());
            assert_eq!(err.kind(), kind, "{code}");
            assert_eq!(err.upstream_status(), Some(code));
            assert!(
                err.model_message().contains(&code.to_string())
                    || code == 401
                    || code == 403
                    || code == 429
            );
        }
    }

    #[test]
    fn write_messages_say_not_retried() {
        let err = status_error(StatusCode::BAD_GATEWAY, RequestClass::Write, &target());
        assert!(err.model_message().contains("not retried"));
        let err = throttled_error(
            RequestClass::Write,
            Some(Duration::from_secs(3)),
            &target(),
            Some(429),
        );
        assert!(err.model_message().contains("not applied"));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
        let err = transport_error(
            TransportKind::Other,
            RequestClass::Write,
            &target(),
            "reset",
        );
        assert!(err.model_message().contains("may or may not"));
        let err = transport_error(
            TransportKind::Connect,
            RequestClass::Write,
            &target(),
            "refused",
        );
        assert!(err.model_message().contains("not sent"));
    }

    #[test]
    fn oversize_message_names_the_cap() {
        let err = oversize_error(4096, 5000, &target());
        assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
        assert!(err.model_message().contains("larger than 4096 bytes"));
        assert!(err.log_detail().contains("read 5000 bytes"));
    }
}

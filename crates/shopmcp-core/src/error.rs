//! Errors of a tool call: one [`ErrorKind`] for audit and policy, two renderings.
//!
//! A [`ToolError`] is shown to two audiences. The model (and through it, possibly an
//! attacker who injected a prompt) sees [`ToolError::model_message`]: a short, actionable
//! text that never contains secrets, upstream bodies, headers or URLs with query strings.
//! Operators see [`ToolError::log_detail`], which adds internal detail (still free of secrets:
//! producers put nothing secret in it).

use std::fmt;
use std::time::Duration;

use crate::validate::Violation;

/// What went wrong, coarse enough for audit events and policy decisions.
///
/// The string form ([`ErrorKind::as_str`]) is stable and is what audit events record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No valid bearer token (missing, unknown, expired or revoked).
    Unauthenticated,
    /// The authenticated principal may not do this (e.g. missing OAuth scope).
    Forbidden,
    /// The tool does not exist in this workspace's toolbox (or is not enabled there).
    UnknownTool,
    /// The workspace (or tool) exhausted its rate budget.
    RateLimited,
    /// The arguments broke one or more rules; see [`ToolError::violations`].
    InvalidArguments,
    /// A high-risk write needs a human confirmation that was not given.
    ConfirmationRequired,
    /// The human declined the confirmation.
    ConfirmationDeclined,
    /// The idempotency key was already used with different arguments.
    IdempotencyConflict,
    /// Credentials for the workspace are missing, unreadable or rejected.
    Credentials,
    /// The upstream store says the object does not exist.
    NotFound,
    /// The upstream store refused the request (4xx other than 404/429). Never retried.
    UpstreamRejected,
    /// The upstream store throttled us (429 or a platform throttle signal).
    UpstreamThrottled,
    /// The upstream store failed (5xx, connection failure, malformed answer).
    UpstreamUnavailable,
    /// The call's deadline passed.
    Timeout,
    /// The caller cancelled the call.
    Cancelled,
    /// The audit sink could not record the call; writes fail closed.
    AuditUnavailable,
    /// The store needs a scope or permission the credential does not grant.
    MissingScope,
    /// A server-side bug or misconfiguration.
    Internal,
}

impl ErrorKind {
    /// Stable snake-case name, used in audit events.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::UnknownTool => "unknown_tool",
            Self::RateLimited => "rate_limited",
            Self::InvalidArguments => "invalid_arguments",
            Self::ConfirmationRequired => "confirmation_required",
            Self::ConfirmationDeclined => "confirmation_declined",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::Credentials => "credentials",
            Self::NotFound => "not_found",
            Self::UpstreamRejected => "upstream_rejected",
            Self::UpstreamThrottled => "upstream_throttled",
            Self::UpstreamUnavailable => "upstream_unavailable",
            Self::Timeout => "timeout",
            Self::Cancelled => "cancelled",
            Self::AuditUnavailable => "audit_unavailable",
            Self::MissingScope => "missing_scope",
            Self::Internal => "internal",
        }
    }

    /// Every kind, for exhaustive tests and documentation.
    pub const ALL: [ErrorKind; 18] = [
        Self::Unauthenticated,
        Self::Forbidden,
        Self::UnknownTool,
        Self::RateLimited,
        Self::InvalidArguments,
        Self::ConfirmationRequired,
        Self::ConfirmationDeclined,
        Self::IdempotencyConflict,
        Self::Credentials,
        Self::NotFound,
        Self::UpstreamRejected,
        Self::UpstreamThrottled,
        Self::UpstreamUnavailable,
        Self::Timeout,
        Self::Cancelled,
        Self::AuditUnavailable,
        Self::MissingScope,
        Self::Internal,
    ];

    /// Whether the same call may succeed later without changes (the model may retry later).
    pub const fn is_transient(self) -> bool {
        matches!(
            self,
            Self::RateLimited | Self::UpstreamThrottled | Self::UpstreamUnavailable | Self::Timeout
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of one tool call.
///
/// Build one with [`ToolError::new`] and the `with_*` methods. The `message` must be safe to
/// show to the model: it is written by this library or a platform crate, never copied from an
/// upstream body.
///
/// ```
/// use shopmcp_core::{ErrorKind, ToolError};
/// let err = ToolError::new(ErrorKind::NotFound, "order 1001 was not found")
///     .with_detail("GET /admin/api/2026-07/graphql.json -> 200 with null order");
/// assert_eq!(err.model_message(), "order 1001 was not found");
/// assert!(err.log_detail().contains("null order"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ToolError {
    kind: ErrorKind,
    message: String,
    detail: Option<String>,
    retry_after: Option<Duration>,
    upstream_status: Option<u16>,
    violations: Vec<Violation>,
}

impl ToolError {
    /// A new error with a model-safe message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            detail: None,
            retry_after: None,
            upstream_status: None,
            violations: Vec::new(),
        }
    }

    /// An [`ErrorKind::InvalidArguments`] error listing every violation.
    pub fn invalid(tool: &str, violations: Vec<Violation>) -> Self {
        let n = violations.len();
        let message = if n == 1 {
            format!("invalid arguments for {tool}: 1 problem")
        } else {
            format!("invalid arguments for {tool}: {n} problems")
        };
        Self {
            violations,
            ..Self::new(ErrorKind::InvalidArguments, message)
        }
    }

    /// An [`ErrorKind::Internal`] error whose detail goes to logs only.
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(
            ErrorKind::Internal,
            "internal error; the operator can see details in the logs",
        )
        .with_detail(detail)
    }

    /// Adds operator-only detail (must not contain secrets or upstream bodies either).
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a retry hint.
    #[must_use]
    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        self.retry_after = Some(retry_after);
        self
    }

    /// Records the upstream HTTP status that caused this error.
    #[must_use]
    pub fn with_upstream_status(mut self, status: u16) -> Self {
        self.upstream_status = Some(status);
        self
    }

    /// Replaces every occurrence of `secret` in the message and the detail (an upstream
    /// that echoes the credential it received must not put it in front of the model or the
    /// logs). Values shorter than 8 bytes are left alone.
    ///
    /// Platform crates take contact details out of upstream text before it becomes a message
    /// ([`crate::redact::contact_details`]), and a run of digits inside a token can look like
    /// a phone number; so the secret's redacted form, and every piece of it of 8 bytes or
    /// more around the placeholders, is taken out too.
    pub(crate) fn redact_secret(&mut self, secret: &str) {
        use crate::redact::{EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, contact_details};
        // Short values (a username, a store code) are not secrets and would mangle the text.
        if secret.len() < 8 {
            return;
        }
        self.replace_everywhere(secret);
        let redacted = contact_details(secret);
        if redacted != secret {
            self.replace_everywhere(&redacted);
            for piece in redacted
                .split(EMAIL_PLACEHOLDER)
                .flat_map(|p| p.split(PHONE_PLACEHOLDER))
                .filter(|p| p.len() >= 8)
            {
                self.replace_everywhere(piece);
            }
        }
    }

    fn replace_everywhere(&mut self, secret: &str) {
        const REDACTED: &str = "[redacted]";
        if self.message.contains(secret) {
            self.message = self.message.replace(secret, REDACTED);
        }
        if let Some(detail) = &mut self.detail
            && detail.contains(secret)
        {
            *detail = detail.replace(secret, REDACTED);
        }
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// When to try again, if known.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The upstream HTTP status, if the error came from upstream.
    pub fn upstream_status(&self) -> Option<u16> {
        self.upstream_status
    }

    /// Every argument rule that was broken (empty unless [`ErrorKind::InvalidArguments`]).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The text the model sees: the message, every violation on its own line, a retry hint.
    pub fn model_message(&self) -> String {
        let mut out = self.message.clone();
        for v in &self.violations {
            out.push_str("\n- ");
            out.push_str(&v.to_string());
        }
        if let Some(after) = self.retry_after {
            let secs = after.as_secs() + u64::from(after.subsec_nanos() > 0);
            out.push_str(&format!("\nretry after {secs} s"));
        }
        out
    }

    /// The full text for operator logs: kind, model message, detail and upstream status.
    pub fn log_detail(&self) -> String {
        let mut out = format!("[{}] {}", self.kind, self.model_message());
        if let Some(status) = self.upstream_status {
            out.push_str(&format!(" (upstream status {status})"));
        }
        if let Some(detail) = &self.detail {
            out.push_str(" | ");
            out.push_str(detail);
        }
        out
    }
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.model_message())
    }
}

impl fmt::Debug for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToolError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("detail", &self.detail)
            .field("retry_after", &self.retry_after)
            .field("upstream_status", &self.upstream_status)
            .field("violations", &self.violations)
            .finish()
    }
}

impl std::error::Error for ToolError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_leave_the_message_and_the_detail() {
        let mut e = ToolError::new(
            ErrorKind::UpstreamRejected,
            "token shpat_0123456789 is not valid",
        )
        .with_detail("the store echoed shpat_0123456789 for user u");
        e.redact_secret("shpat_0123456789");
        // Short values are not secrets: redacting them would mangle the text.
        e.redact_secret("u");
        assert_eq!(e.model_message(), "token [redacted] is not valid");
        assert!(
            e.log_detail()
                .ends_with("the store echoed [redacted] for user u"),
            "{}",
            e.log_detail()
        );
    }

    #[test]
    fn a_secret_already_cut_by_contact_redaction_is_still_taken_out() {
        // The digit groups of this token look like a phone number to the contact redactor.
        let secret = "SECRETMARK-294abf39-4123-4567-ad12-99067266467a";
        let echoed = crate::redact::contact_details(&format!(
            "token {secret} is not valid for jane@example.com"
        ));
        assert!(echoed.contains("[phone]"), "{echoed}");
        let mut e = ToolError::new(ErrorKind::UpstreamRejected, echoed.clone()).with_detail(echoed);
        e.redact_secret(secret);
        let shown = e.model_message();
        for piece in ["SECRETMARK", "294abf39", "99067266467a"] {
            assert!(!shown.contains(piece), "{shown}");
            assert!(!e.log_detail().contains(piece), "{}", e.log_detail());
        }
        assert!(shown.starts_with("token [redacted]"), "{shown}");
    }
}

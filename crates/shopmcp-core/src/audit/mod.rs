//! Audit: exactly one [`UsageEvent`] per tool call, whatever the outcome.
//!
//! An event holds exactly: timestamp, request id, workspace, tool, platform, latency and
//! outcome. Never argument values, bodies, tokens or personal data. This is enforced by
//! the type: there is no field to put them in.

mod jsonl;
mod memory;
mod tracing_sink;

use std::fmt;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use serde::Serialize;

use crate::{ErrorKind, Platform, RequestId, WorkspaceId};

pub use jsonl::{Durability, JsonLinesAudit};
pub use memory::{MemoryAudit, MemoryMeter};
pub use tracing_sink::TracingAudit;

/// How a call ended.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Outcome {
    /// The tool ran and returned a result.
    Ok,
    /// The tool ran and returned a result, admitted by a fallback rate limiter because the
    /// configured one was unreachable (e.g. Redis down: reads go on under the local limiter).
    OkLimiterFallback,
    /// The call failed or was refused.
    Error(ErrorKind),
}

impl Outcome {
    /// `ok` or the error kind's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::OkLimiterFallback => "ok_limiter_fallback",
            Self::Error(k) => k.as_str(),
        }
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One audit and usage record. Exactly these fields, nothing else.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct UsageEvent {
    /// When the call ended (UTC).
    #[serde(serialize_with = "ser_time")]
    pub timestamp: SystemTime,
    /// The call's request id.
    pub request_id: RequestId,
    /// The workspace, when the caller was authenticated.
    pub workspace: Option<WorkspaceId>,
    /// The tool name requested (`(invalid)` when the name broke the naming rules).
    pub tool: String,
    /// The tool's platform, when the tool was found.
    pub platform: Option<Platform>,
    /// Time from receiving the call to its outcome.
    #[serde(rename = "latency_us", serialize_with = "ser_micros")]
    pub latency: Duration,
    /// The outcome.
    pub outcome: Outcome,
}

fn ser_time<S: serde::Serializer>(t: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::time::rfc3339(*t))
}

fn ser_micros<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

impl UsageEvent {
    /// The event as one line of JSON (no trailing newline): the same text as its `Serialize`
    /// form through `serde_json`, written directly (this runs once per call).
    pub fn to_json_line(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(224);
        out.push_str("{\"timestamp\":\"");
        crate::time::push_rfc3339(&mut out, self.timestamp);
        // `write!` into a `String` cannot fail.
        let _ = write!(
            out,
            "\",\"request_id\":\"{}\",\"workspace\":",
            self.request_id
        );
        match self.workspace {
            Some(w) => {
                let _ = write!(out, "\"{}\"", w.as_uuid().hyphenated());
            }
            None => out.push_str("null"),
        }
        out.push_str(",\"tool\":");
        push_json_string(&mut out, &self.tool);
        out.push_str(",\"platform\":");
        match self.platform {
            Some(p) => {
                out.push('"');
                out.push_str(p.as_str());
                out.push('"');
            }
            None => out.push_str("null"),
        }
        let micros = u64::try_from(self.latency.as_micros()).unwrap_or(u64::MAX);
        let _ = write!(
            out,
            ",\"latency_us\":{micros},\"outcome\":\"{}\"}}",
            self.outcome.as_str()
        );
        out
    }

    /// A tool name safe to record: the requested name if it follows the naming rules,
    /// otherwise `(invalid)` (model-supplied text never reaches the audit trail).
    pub fn safe_tool_name(requested: &str) -> String {
        let ok = !requested.is_empty()
            && requested.len() <= crate::spec::MAX_TOOL_NAME_LEN
            && requested
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            requested.to_owned()
        } else {
            "(invalid)".to_owned()
        }
    }
}

/// Appends `text` as a JSON string: tool names as recorded are plain ASCII and go straight in;
/// anything else is escaped by `serde_json`.
fn push_json_string(out: &mut String, text: &str) {
    if text
        .bytes()
        .all(|b| (b.is_ascii_graphic() && b != b'"' && b != b'\\') || b == b' ')
    {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned()));
    }
}

/// The audit sink could not record an event.
#[derive(Debug, thiserror::Error)]
#[error("audit sink unavailable: {0}")]
pub struct AuditError(pub String);

/// Where audit events go. Implementations must be durable once `record` returns `Ok`.
#[async_trait]
pub trait AuditSink: Send + Sync + fmt::Debug {
    /// Records one event.
    async fn record(&self, event: &UsageEvent) -> Result<(), AuditError>;

    /// Whether the sink can record right now. The pipeline asks before running a write,
    /// so a write is not executed while the audit trail is down.
    async fn ready(&self) -> Result<(), AuditError> {
        Ok(())
    }
}

/// A billing hook beside the audit sink: sees every recorded event (e.g. to send a meter
/// event for successful calls). Must not block.
pub trait UsageMeter: Send + Sync + fmt::Debug {
    /// Called once per call after the audit event was recorded.
    fn meter(&self, event: &UsageEvent);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_written_line_is_exactly_the_serde_form() {
        let base = UsageEvent {
            timestamp: SystemTime::UNIX_EPOCH + Duration::from_micros(1_795_258_800_000_042),
            request_id: RequestId::random(),
            workspace: Some(WorkspaceId::random()),
            tool: "shopify_orders_get".into(),
            platform: Some(Platform::Shopify),
            latency: Duration::from_micros(1234),
            outcome: Outcome::Ok,
        };
        let odd_tools = [
            "(invalid)",
            "",
            "quote \" backslash \\ slash /",
            "tab\tnewline\n\u{7f}\u{1b}",
            "ünïcödé ✓",
            "\u{202e}bidi",
        ];
        let mut events = vec![base.clone()];
        for tool in odd_tools {
            events.push(UsageEvent {
                tool: tool.into(),
                ..base.clone()
            });
        }
        events.push(UsageEvent {
            workspace: None,
            platform: None,
            latency: Duration::MAX,
            outcome: Outcome::Error(ErrorKind::RateLimited),
            ..base.clone()
        });
        events.push(UsageEvent {
            outcome: Outcome::OkLimiterFallback,
            platform: Some(Platform::Bigcommerce),
            timestamp: SystemTime::UNIX_EPOCH,
            ..base
        });
        for e in &events {
            let line = e.to_json_line();
            assert_eq!(line, serde_json::to_string(e).unwrap());
            let _: serde_json::Value = serde_json::from_str(&line).unwrap();
        }
    }
}

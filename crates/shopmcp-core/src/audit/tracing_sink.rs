//! An [`AuditSink`] that emits each event as a `tracing` event at INFO on target
//! `shopmcp::audit`.

use async_trait::async_trait;

use super::{AuditError, AuditSink, UsageEvent};

/// Emits audit events through `tracing` (target `shopmcp::audit`).
#[derive(Debug, Default, Clone, Copy)]
pub struct TracingAudit;

#[async_trait]
impl AuditSink for TracingAudit {
    async fn record(&self, e: &UsageEvent) -> Result<(), AuditError> {
        let workspace = e.workspace.map(|w| w.to_string());
        tracing::info!(
            target: "shopmcp::audit",
            request_id = %e.request_id,
            workspace = workspace.as_deref().unwrap_or("-"),
            tool = %e.tool,
            platform = e.platform.map_or("-", |p| p.as_str()),
            latency_us = u64::try_from(e.latency.as_micros()).unwrap_or(u64::MAX),
            outcome = e.outcome.as_str(),
            "tool call"
        );
        Ok(())
    }
}

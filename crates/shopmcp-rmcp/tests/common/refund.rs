//! A W3 fixture tool: refunds, counted so tests can see whether the handler ran.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{Platform, RiskTier, Tool, ToolCall, ToolError, ToolOutput, ToolSpec};

#[derive(Debug, Default, Clone)]
pub struct Refunds(Arc<AtomicUsize>);

impl Refunds {
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Refund input.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundInput {
    /// The order.
    pub order_id: String,
    /// Amount, a decimal string.
    #[schemars(extend("format" = "decimal"))]
    pub amount: String,
    /// Makes retries safe.
    pub idempotency_key: String,
}

/// Refund result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RefundOutput {
    /// The refund.
    pub refund_id: String,
}

#[derive(Debug)]
pub struct RefundTool {
    spec: ToolSpec,
    refunds: Refunds,
}

impl RefundTool {
    pub fn new(refunds: Refunds) -> Self {
        let spec = ToolSpec::write::<RefundInput, RefundOutput>(
            "local_refunds_create",
            Platform::Local,
            RiskTier::W3,
        )
        .title("Refund an order")
        .description("Refunds money to the customer of one order.")
        .identifiers(["order_id"])
        .writable(["amount"])
        .build()
        .unwrap();
        Self { spec, refunds }
    }
}

#[async_trait]
impl Tool for RefundTool {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, call: ToolCall<'_>) -> Result<ToolOutput, ToolError> {
        let input: RefundInput = call.input()?;
        let n = self.refunds.0.fetch_add(1, Ordering::SeqCst) + 1;
        ToolOutput::new(&RefundOutput {
            refund_id: format!("refund-{}-{n}", input.order_id),
        })
    }
}

//! [`FnTool`]: a tool made of a spec, shared state and a plain async handler function.
//!
//! Platform crates write one handler function per tool and wrap it, instead of a type and an
//! `impl Tool` each.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use async_trait::async_trait;

use crate::{Tool, ToolCall, ToolError, ToolOutput, ToolSpec};

/// The future a handler returns.
pub type HandlerFuture<'a> =
    Pin<Box<dyn Future<Output = Result<ToolOutput, ToolError>> + Send + 'a>>;

/// A handler: borrows the shared state and the call for the duration of the call.
pub type Handler<S> = for<'a> fn(&'a S, ToolCall<'a>) -> HandlerFuture<'a>;

/// A [`Tool`] from a spec, state (usually an `Arc` of a platform client) and a handler.
///
/// ```
/// use std::sync::Arc;
/// use schemars::JsonSchema;
/// use serde::{Deserialize, Serialize};
/// use shopmcp_core::{FnTool, HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};
///
/// /// Input.
/// #[derive(Deserialize, JsonSchema)]
/// #[serde(deny_unknown_fields)]
/// struct In { sku: String }
/// /// Output.
/// #[derive(Serialize, JsonSchema)]
/// struct Out { sku: String, stock: i64 }
///
/// struct Store;
///
/// fn stock_get<'a>(_store: &'a Arc<Store>, call: ToolCall<'a>) -> HandlerFuture<'a> {
///     Box::pin(async move {
///         let input: In = call.input()?;
///         ToolOutput::new(&Out { sku: input.sku, stock: 3 })
///     })
/// }
///
/// let spec = ToolSpec::read::<In, Out>("local_stock_get", Platform::Local)
///     .title("Stock of one SKU").description("Reads stock.").build().unwrap();
/// let tool = FnTool::new(spec, Arc::new(Store), stock_get);
/// # let _ = tool;
/// ```
pub struct FnTool<S> {
    spec: ToolSpec,
    state: S,
    handler: Handler<S>,
}

impl<S> FnTool<S> {
    /// Wraps `handler` with its spec and state.
    pub fn new(spec: ToolSpec, state: S, handler: Handler<S>) -> Self {
        Self {
            spec,
            state,
            handler,
        }
    }
}

impl<S> fmt::Debug for FnTool<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FnTool")
            .field("name", &self.spec.name())
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl<S: Send + Sync + 'static> Tool for FnTool<S> {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, call: ToolCall<'_>) -> Result<ToolOutput, ToolError> {
        (self.handler)(&self.state, call).await
    }
}

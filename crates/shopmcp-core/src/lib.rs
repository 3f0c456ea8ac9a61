//! # shopmcp-core
//!
//! The security pipeline every shopmcp tool call goes through, in one fixed order:
//!
//! ```text
//! authenticate → find the tool in this workspace's toolbox → rate limit → validate
//!   → confirm (W3) → credentials → handler → project output → audit (exactly once)
//! ```
//!
//! This crate has no HTTP client and no database. It defines the vocabulary ([`Tool`],
//! [`ToolSpec`], [`Toolbox`], [`CallContext`], [`ToolError`]), the traits with embedded
//! default implementations ([`CredentialProvider`], [`AuditSink`], [`RateLimiter`],
//! [`Authenticator`], [`Confirmer`], [`IdempotencyStore`]) and the [`Pipeline`] that ties them
//! together. Platform crates (Shopify, Magento, Neto, BigCommerce) provide tools; transport
//! crates (rmcp) put the pipeline behind MCP.
//!
//! ## Decisions an auditor will look for
//! - **Validation** happens on the raw JSON before deserialisation and before any I/O, and
//!   reports every violation at once ([`validate`]).
//! - **Writes** are absent from a workspace's toolbox unless it opted in ([`WriteOptIn`]).
//! - **Audit**: exactly one [`UsageEvent`] per call, every outcome. A write is not executed
//!   while the sink reports not-ready; if recording fails after a write ran, its result is
//!   withheld and the caller gets [`ErrorKind::AuditUnavailable`] saying the change may have
//!   been applied. A read whose event cannot be recorded still returns (availability of
//!   reads over completeness of the read log); the failure is logged at ERROR.
//! - **Rate limits**: a strict sliding window ([`LocalRateLimiter`]): never more than the
//!   limit in any window.
#![forbid(unsafe_code)]

mod access;
pub mod audit;
pub mod auth;
mod confirm;
mod context;
mod credentials;
mod error;
mod fn_tool;
pub mod fs;
#[doc(hidden)]
pub mod fuzzing;
mod idempotency;
mod ids;
mod output;
mod pipeline;
pub mod ratelimit;
pub mod redact;
mod spec;
pub mod time;
mod tool;
mod toolbox;
pub mod validate;
mod workspace;

pub use access::{Access, Annotations, RiskTier};
pub use audit::{
    AuditError, AuditSink, MemoryAudit, Outcome, TracingAudit, UsageEvent, UsageMeter,
};
pub use auth::{Authenticator, Identity, TokenFile};
pub use confirm::{ArgumentsDigest, Confirmation, ConfirmationRequest, Confirmer};
pub use context::CallContext;
pub use credentials::{
    CredentialProvider, CredentialSet, CredentialSlot, StaticCredentials, missing_credential,
};
pub use error::{ErrorKind, ToolError};
pub use fn_tool::{FnTool, Handler, HandlerFuture};
pub use idempotency::{
    IdempotencyState, IdempotencyStore, MemoryIdempotency, idempotency_conflict,
};
pub use ids::{IdError, Platform, Principal, RequestId, WorkspaceId};
pub use pipeline::{CallRequest, CallResponse, Caller, Pipeline, PipelineBuilder};
pub use ratelimit::{LocalRateLimiter, Plan, RateDecision, RateLimiter, RateRequest};
pub use spec::{
    IDEMPOTENCY_KEY_FIELD, MAX_TOOL_NAME_LEN, SpecError, TRUNCATED_FIELD, ToolSpec, ToolSpecBuilder,
};
pub use tool::{Tool, ToolCall, ToolOutput, Untrusted};
pub use toolbox::{DuplicateTool, Toolbox, WriteOptIn};
pub use validate::Arguments;
pub use workspace::{Workspace, WorkspaceRegistry, WorkspaceSource};

/// Secret types used across shopmcp (re-exported from `secrecy`).
pub mod secret {
    pub use secrecy::{ExposeSecret, SecretBox, SecretSlice, SecretString};
}

/// The repository README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

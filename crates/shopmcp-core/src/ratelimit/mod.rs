//! Rate limiting per workspace, by plan tier, with optional per-tool limits.

mod local;
mod window;

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use async_trait::async_trait;

use crate::{Access, WorkspaceId};

pub use local::{LocalRateLimiter, LocalRateLimiterConfig};

/// A plan tier: how many calls per window a workspace may make, in total and per tool.
///
/// ```
/// use shopmcp_core::Plan;
/// let plan = Plan::new("starter", 120).with_tool_limit("shopify_orders_list", 30);
/// assert_eq!(plan.limit(), 120);
/// assert_eq!(plan.tool_limit("shopify_orders_list"), Some(30));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    name: String,
    limit: u32,
    tools: BTreeMap<String, u32>,
}

impl Plan {
    /// A plan allowing `limit` calls per window (the limiter's window, 60 s by default).
    pub fn new(name: impl Into<String>, limit: u32) -> Self {
        Self {
            name: name.into(),
            limit,
            tools: BTreeMap::new(),
        }
    }

    /// Adds a per-tool limit (per window).
    #[must_use]
    pub fn with_tool_limit(mut self, tool: impl Into<String>, limit: u32) -> Self {
        self.tools.insert(tool.into(), limit);
        self
    }

    /// The plan's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Calls per window for the whole workspace.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Calls per window for one tool, if limited separately.
    pub fn tool_limit(&self, tool: &str) -> Option<u32> {
        self.tools.get(tool).copied()
    }
}

/// One admission question.
#[derive(Clone, Copy, Debug)]
pub struct RateRequest<'a> {
    /// The workspace.
    pub workspace: WorkspaceId,
    /// The tool.
    pub tool: &'a str,
    /// Read or write (a distributed limiter may fail differently for each).
    pub access: Access,
    /// The plan.
    pub plan: &'a Plan,
    /// How many units this call costs (≥ 1).
    pub cost: u32,
}

/// Which limiter answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimiterPath {
    /// The configured limiter.
    Primary,
    /// A fallback (e.g. the in-process limiter while a shared one is unreachable).
    Fallback,
}

/// The answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateDecision {
    /// Admitted.
    Allowed {
        /// Which limiter admitted the call.
        path: LimiterPath,
    },
    /// Refused; try again after the given time.
    Limited {
        /// When capacity frees up.
        retry_after: Duration,
    },
    /// The limiter could not decide and its policy is to refuse.
    Unavailable,
}

/// Admits or refuses calls. Implementations: [`LocalRateLimiter`] (in process) and the
/// Redis sliding window of `shopmcp-redis`.
#[async_trait]
pub trait RateLimiter: Send + Sync + fmt::Debug {
    /// Admits the call (consuming `cost` units) or refuses it.
    async fn check(&self, request: &RateRequest<'_>) -> RateDecision;
}

//! [`Toolbox`]: the tools one workspace can see and call.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use crate::{Access, RiskTier, Tool};

/// A workspace's write opt-in: by risk tier or by tool name. Empty means read-only.
///
/// There is no global "writes on" switch: each workspace opts in for itself.
///
/// ```
/// use shopmcp_core::{RiskTier, WriteOptIn};
/// let opt_in = WriteOptIn::none()
///     .allow_tier(RiskTier::W1)
///     .allow_tool("shopify_products_update");
/// assert!(opt_in.allows("shopify_products_update", RiskTier::W2));
/// assert!(!opt_in.allows("shopify_orders_cancel", RiskTier::W3));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOptIn {
    tiers: BTreeSet<RiskTier>,
    tools: BTreeSet<String>,
}

impl WriteOptIn {
    /// Read-only: no write tool.
    pub fn none() -> Self {
        Self::default()
    }

    /// Enables every write tool of `tier` (exactly that tier).
    #[must_use]
    pub fn allow_tier(mut self, tier: RiskTier) -> Self {
        self.tiers.insert(tier);
        self
    }

    /// Enables one write tool by name.
    #[must_use]
    pub fn allow_tool(mut self, name: impl Into<String>) -> Self {
        self.tools.insert(name.into());
        self
    }

    /// Whether the write tool `name` of `tier` is enabled.
    pub fn allows(&self, name: &str, tier: RiskTier) -> bool {
        self.tiers.contains(&tier) || self.tools.contains(name)
    }

    /// Whether nothing is opted in.
    pub fn is_read_only(&self) -> bool {
        self.tiers.is_empty() && self.tools.is_empty()
    }
}

/// The tools of one workspace, sorted by name (deterministic `tools/list`).
///
/// A write tool that the workspace did not opt into is simply absent: looking it up gives
/// the same answer as a tool that does not exist.
#[derive(Clone, Default)]
pub struct Toolbox {
    tools: Arc<[Arc<dyn Tool>]>,
}

impl fmt::Debug for Toolbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.tools.iter().map(|t| t.spec().name()))
            .finish()
    }
}

/// Why a toolbox could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("two tools are named `{0}`")]
pub struct DuplicateTool(pub String);

impl Toolbox {
    /// Builds a toolbox from candidate tools: every read tool, and the write tools that
    /// `opt_in` enables.
    pub fn new<I>(candidates: I, opt_in: &WriteOptIn) -> Result<Self, DuplicateTool>
    where
        I: IntoIterator<Item = Arc<dyn Tool>>,
    {
        let mut tools: Vec<Arc<dyn Tool>> = candidates
            .into_iter()
            .filter(|t| match t.spec().access() {
                Access::Read => true,
                Access::Write(tier) => opt_in.allows(t.spec().name(), tier),
            })
            .collect();
        tools.sort_by(|a, b| a.spec().name().cmp(b.spec().name()));
        if let Some(w) = tools
            .windows(2)
            .find(|w| matches!(w, [a, b] if a.spec().name() == b.spec().name()))
            .and_then(|w| w.first())
        {
            return Err(DuplicateTool(w.spec().name().to_owned()));
        }
        Ok(Self {
            tools: tools.into(),
        })
    }

    /// The tool `name`, if this workspace has it.
    pub fn get(&self, name: &str) -> Option<&Arc<dyn Tool>> {
        self.tools
            .binary_search_by(|t| t.spec().name().cmp(name))
            .ok()
            .and_then(|i| self.tools.get(i))
    }

    /// Every tool, sorted by name.
    pub fn tools(&self) -> &[Arc<dyn Tool>] {
        &self.tools
    }

    /// Number of tools.
    pub fn len(&self) -> usize {
        self.tools.len()
    }

    /// Whether there is no tool.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }
}

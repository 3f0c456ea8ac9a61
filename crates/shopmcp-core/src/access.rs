//! Access classes, risk tiers and the MCP annotations derived from them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How much harm a write can do.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RiskTier {
    /// Low-risk, reversible metadata (an order note, tags).
    W1,
    /// Changes store state (prices, stock, product content).
    W2,
    /// Moves money, notifies customers or cannot be undone. Needs a human confirmation
    /// and an idempotency key.
    W3,
}

impl RiskTier {
    /// `w1`, `w2` or `w3`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::W1 => "w1",
            Self::W2 => "w2",
            Self::W3 => "w3",
        }
    }
}

impl fmt::Display for RiskTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a tool reads or writes, and how risky its writes are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum Access {
    /// Reads only. Registered for every workspace by default.
    Read,
    /// Writes. Registered only for workspaces that opted in.
    Write(RiskTier),
}

impl Access {
    /// Whether this is a write.
    pub const fn is_write(self) -> bool {
        matches!(self, Self::Write(_))
    }

    /// The risk tier of a write.
    pub const fn tier(self) -> Option<RiskTier> {
        match self {
            Self::Read => None,
            Self::Write(t) => Some(t),
        }
    }

    /// `read`, `w1`, `w2` or `w3`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write(t) => t.as_str(),
        }
    }
}

/// MCP tool annotations (hints for hosts; enforcement is server-side).
///
/// Derived from the [`Access`] class: reads are read-only, non-destructive and idempotent;
/// W1 writes are non-destructive; W2 and W3 writes are destructive. `idempotent` for writes
/// is declared by the tool. `open_world` is true for every tool that talks to a store.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotations {
    /// `readOnlyHint`.
    pub read_only_hint: bool,
    /// `destructiveHint`.
    pub destructive_hint: bool,
    /// `idempotentHint`.
    pub idempotent_hint: bool,
    /// `openWorldHint`.
    pub open_world_hint: bool,
}

impl Annotations {
    /// The annotations for `access`, with the tool's declared idempotency for writes.
    pub const fn derive(access: Access, idempotent_write: bool, open_world: bool) -> Self {
        match access {
            Access::Read => Self {
                read_only_hint: true,
                destructive_hint: false,
                idempotent_hint: true,
                open_world_hint: open_world,
            },
            Access::Write(tier) => Self {
                read_only_hint: false,
                destructive_hint: !matches!(tier, RiskTier::W1),
                idempotent_hint: idempotent_write,
                open_world_hint: open_world,
            },
        }
    }
}

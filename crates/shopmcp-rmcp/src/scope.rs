//! OAuth scopes: how a tool's required scope is derived.
//!
//! A tool's scope comes from its access class, never from the tool's own list of upstream
//! scopes (those are the store's permissions, not this server's):
//!
//! | access | scope |
//! |---|---|
//! | read | [`READ_SCOPE`] (`shopmcp:read`) |
//! | write (W1, W2, W3) | [`WRITE_SCOPE`] (`shopmcp:write`) |
//!
//! `shopmcp:write` does not imply `shopmcp:read`: a token that should read and write carries
//! both. Scopes only narrow what a token can do; a write tool still has to be opted into by
//! the workspace, and W3 tools still need a human confirmation.

use shopmcp_core::Access;

/// The scope a token needs to call read tools.
pub const READ_SCOPE: &str = "shopmcp:read";

/// The scope a token needs to call write tools (every risk tier).
pub const WRITE_SCOPE: &str = "shopmcp:write";

/// Every scope this server defines (advertised in the protected-resource metadata).
pub const ALL_SCOPES: [&str; 2] = [READ_SCOPE, WRITE_SCOPE];

/// The scope needed to call a tool of class `access`.
///
/// ```
/// use shopmcp_core::{Access, RiskTier};
/// use shopmcp_rmcp::scope;
/// assert_eq!(scope::required(Access::Read), "shopmcp:read");
/// assert_eq!(scope::required(Access::Write(RiskTier::W3)), "shopmcp:write");
/// ```
pub const fn required(access: Access) -> &'static str {
    match access {
        Access::Read => READ_SCOPE,
        Access::Write(_) => WRITE_SCOPE,
    }
}

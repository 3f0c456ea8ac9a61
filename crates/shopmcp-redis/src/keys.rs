//! Key names.
//!
//! `{shopmcp:<prefix>:<workspace>}:<window ms>:ws` counts a workspace's calls and
//! `{shopmcp:<prefix>:<workspace>}:<window ms>:tool:<tool>` one tool's. The part in braces is
//! a Redis Cluster hash tag: every key of one workspace lives in one slot, so the script may
//! touch the workspace and tool counters together. The window length is part of the name so
//! that instances configured with different windows never reset each other's counters.

use shopmcp_core::WorkspaceId;

/// The longest accepted key prefix, in bytes.
pub(crate) const MAX_PREFIX_LEN: usize = 64;

/// Whether `prefix` is a valid key prefix: 1 to 64 ASCII letters, digits, `_`, `-` or `.`
/// (no braces, which would break the hash tag, and no `:`, the separator).
pub(crate) fn valid_prefix(prefix: &str) -> bool {
    !prefix.is_empty()
        && prefix.len() <= MAX_PREFIX_LEN
        && prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// Builds the key names of one deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeySpace {
    prefix: String,
    window_ms: u64,
}

impl KeySpace {
    /// Keys under `prefix` (already validated) for windows of `window_ms`.
    pub(crate) fn new(prefix: &str, window_ms: u64) -> Self {
        Self {
            prefix: prefix.to_owned(),
            window_ms,
        }
    }

    fn tag(&self, workspace: WorkspaceId) -> String {
        format!("{{shopmcp:{}:{workspace}}}:{}", self.prefix, self.window_ms)
    }

    /// The workspace's counter.
    pub(crate) fn workspace(&self, workspace: WorkspaceId) -> String {
        format!("{}:ws", self.tag(workspace))
    }

    /// One tool's counter in the workspace.
    pub(crate) fn tool(&self, workspace: WorkspaceId, tool: &str) -> String {
        format!("{}:tool:{tool}", self.tag(workspace))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_one_hash_tag_per_workspace() {
        let ws = WorkspaceId::random();
        let keys = KeySpace::new("prod", 60_000);
        let w = keys.workspace(ws);
        let t = keys.tool(ws, "shopify_orders_list");
        assert_eq!(w, format!("{{shopmcp:prod:{ws}}}:60000:ws"));
        assert_eq!(
            t,
            format!("{{shopmcp:prod:{ws}}}:60000:tool:shopify_orders_list")
        );
        let tag = |k: &str| k[..=k.find('}').unwrap()].to_owned();
        assert_eq!(tag(&w), tag(&t));
        assert_ne!(tag(&w), tag(&keys.workspace(WorkspaceId::random())));
    }

    #[test]
    fn prefixes_are_restricted() {
        assert!(valid_prefix("prod-eu.1_a"));
        for bad in ["", "a}b", "a{b", "a:b", "a b", "é", &"x".repeat(65)] {
            assert!(!valid_prefix(bad), "{bad:?}");
        }
        assert!(valid_prefix(&"x".repeat(64)));
    }
}

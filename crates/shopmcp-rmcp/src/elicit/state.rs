//! The `requestState` of a stateless (2026-07-28) confirmation round, sealed with HMAC.
//!
//! The client echoes the state back verbatim, so it is untrusted: it is accepted only when
//! its MAC verifies, it has not expired, and it names the same workspace, principal and
//! arguments digest as the retried call.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::{hmac, rand};
use shopmcp_core::{ArgumentsDigest, CallContext};

const VERSION: &str = "c1";

/// Seals and opens confirmation states.
pub(crate) struct StateKey {
    key: hmac::Key,
}

impl std::fmt::Debug for StateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StateKey([REDACTED])")
    }
}

impl StateKey {
    /// A fresh random key (states then verify only in this process).
    pub(crate) fn random() -> Option<Self> {
        let mut bytes = [0u8; 32];
        rand::fill(&mut bytes).ok()?;
        Some(Self::from_bytes(&bytes))
    }

    /// A key shared by every instance of a deployment.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Self {
        Self {
            key: hmac::Key::new(hmac::HMAC_SHA256, bytes),
        }
    }

    fn mac(&self, expires: u64, digest: ArgumentsDigest, ctx: &CallContext) -> String {
        let text = format!(
            "{VERSION}|{expires}|{}|{}|{}",
            digest.to_hex(),
            ctx.workspace(),
            ctx.principal().subject()
        );
        hex(hmac::sign(&self.key, text.as_bytes()).as_ref())
    }

    /// The state for asking about `digest` in `ctx`, valid for `ttl`.
    pub(crate) fn seal(&self, digest: ArgumentsDigest, ctx: &CallContext, ttl: Duration) -> String {
        let expires = unix_now().saturating_add(ttl.as_secs());
        format!("{VERSION}.{expires}.{}", self.mac(expires, digest, ctx))
    }

    /// Whether `state` was sealed by this key for `digest` in `ctx` and has not expired.
    pub(crate) fn opens(&self, state: &str, digest: ArgumentsDigest, ctx: &CallContext) -> bool {
        let mut parts = state.split('.');
        let (Some(VERSION), Some(expires), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        let Ok(expires) = expires.parse::<u64>() else {
            return false;
        };
        if expires < unix_now() {
            return false;
        }
        let expected = self.mac(expires, digest, ctx);
        aws_lc_rs::constant_time::verify_slices_are_equal(expected.as_bytes(), mac.as_bytes())
            .is_ok()
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use serde_json::json;
    use shopmcp_core::{Principal, WorkspaceId};

    fn ctx(ws: WorkspaceId, who: &str) -> CallContext {
        CallContext::new(ws, Principal::new(who), Duration::from_secs(5))
    }

    #[test]
    fn a_state_opens_only_for_the_same_call_and_key() {
        let key = StateKey::random().unwrap();
        let ws = WorkspaceId::random();
        let d = ArgumentsDigest::of("t", &json!({"a": 1}));
        let other = ArgumentsDigest::of("t", &json!({"a": 2}));
        let state = key.seal(d, &ctx(ws, "p"), Duration::from_secs(60));
        assert!(key.opens(&state, d, &ctx(ws, "p")));
        assert!(!key.opens(&state, other, &ctx(ws, "p")));
        assert!(!key.opens(&state, d, &ctx(ws, "q")));
        assert!(!key.opens(&state, d, &ctx(WorkspaceId::random(), "p")));
        assert!(!StateKey::random().unwrap().opens(&state, d, &ctx(ws, "p")));
        let tampered = state.replacen("c1.", "c1.9", 1);
        assert!(!key.opens(&tampered, d, &ctx(ws, "p")));
        assert!(!key.opens("garbage", d, &ctx(ws, "p")));
    }

    #[test]
    fn an_expired_state_does_not_open() {
        let key = StateKey::from_bytes(&[7; 32]);
        let ws = WorkspaceId::random();
        let d = ArgumentsDigest::of("t", &json!({}));
        let expires = unix_now() - 1;
        let state = format!("c1.{expires}.{}", key.mac(expires, d, &ctx(ws, "p")));
        assert!(!key.opens(&state, d, &ctx(ws, "p")));
    }
}

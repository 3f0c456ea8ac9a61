//! Cache of Admin access tokens obtained with the client-credentials grant.
//!
//! Tokens from the grant live about 24 hours. A cached token is used until
//! [`REFRESH_MARGIN`] before it expires; then the next call fetches a new one. One mutex per
//! client makes refreshes single-flight: concurrent calls wait for the one grant in progress
//! instead of each asking Shopify. Entries are keyed by a fingerprint of the credential, so a
//! rotated secret never reuses the old token. Tokens are [`SecretString`]s and never logged.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use secrecy::SecretString;
use shopmcp_core::ToolError;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// How long before expiry a cached token is replaced.
pub(crate) const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
/// The lifetime assumed when the grant answer has no `expires_in`.
pub(crate) const DEFAULT_LIFETIME: Duration = Duration::from_secs(60 * 60);
/// Most credentials cached per client.
const MAX_ENTRIES: usize = 32;

/// A token fresh from the grant.
pub(crate) struct FreshToken {
    pub(crate) token: SecretString,
    pub(crate) expires_in: Option<Duration>,
}

struct Entry {
    fingerprint: [u8; 32],
    token: SecretString,
    refresh_at: Instant,
}

/// Cached tokens, one per credential fingerprint.
#[derive(Default)]
pub(crate) struct TokenCache {
    entries: Mutex<Vec<Entry>>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache").finish_non_exhaustive()
    }
}

/// When a token that lives `lifetime` from `now` must be replaced.
fn refresh_at(now: Instant, lifetime: Duration) -> Instant {
    now + lifetime.saturating_sub(REFRESH_MARGIN)
}

impl TokenCache {
    /// The cached token for `fingerprint`, or a new one from `fetch` (one fetch at a time).
    pub(crate) async fn token<F, Fut>(
        &self,
        fingerprint: [u8; 32],
        fetch: F,
    ) -> Result<SecretString, ToolError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<FreshToken, ToolError>>,
    {
        let mut entries = self.entries.lock().await;
        let now = Instant::now();
        entries.retain(|e| e.refresh_at > now);
        if let Some(e) = entries.iter().find(|e| e.fingerprint == fingerprint) {
            return Ok(e.token.clone());
        }
        let fresh = fetch().await?;
        let until = refresh_at(now, fresh.expires_in.unwrap_or(DEFAULT_LIFETIME));
        if until > now {
            if entries.len() >= MAX_ENTRIES {
                entries.sort_by_key(|e| e.refresh_at);
                entries.remove(0);
            }
            entries.push(Entry {
                fingerprint,
                token: fresh.token.clone(),
                refresh_at: until,
            });
        }
        tracing::debug!(
            cached = until > now,
            "obtained a Shopify Admin token with the client-credentials grant"
        );
        Ok(fresh.token)
    }

    /// Drops the token cached for `fingerprint` (after Shopify refused it).
    pub(crate) async fn forget(&self, fingerprint: [u8; 32]) {
        self.entries
            .lock()
            .await
            .retain(|e| e.fingerprint != fingerprint);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use secrecy::ExposeSecret;

    use super::*;

    fn fresh(token: &str, secs: Option<u64>) -> Result<FreshToken, ToolError> {
        Ok(FreshToken {
            token: SecretString::from(token.to_owned()),
            expires_in: secs.map(Duration::from_secs),
        })
    }

    #[tokio::test(start_paused = true)]
    async fn tokens_are_reused_until_the_margin_then_refreshed() {
        let cache = TokenCache::default();
        let fetches = AtomicUsize::new(0);
        let get = |name: &'static str| {
            fetches.fetch_add(1, Ordering::SeqCst);
            async move { fresh(name, Some(86_399)) }
        };
        let t = cache.token([1; 32], || get("a")).await.unwrap();
        assert_eq!(t.expose_secret(), "a");
        let t = cache.token([1; 32], || get("b")).await.unwrap();
        assert_eq!(t.expose_secret(), "a");
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // Just before the margin: still cached.
        tokio::time::advance(Duration::from_secs(86_399) - REFRESH_MARGIN - Duration::from_secs(1))
            .await;
        assert_eq!(
            cache
                .token([1; 32], || get("c"))
                .await
                .unwrap()
                .expose_secret(),
            "a"
        );
        // Inside the margin: refreshed.
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(
            cache
                .token([1; 32], || get("d"))
                .await
                .unwrap()
                .expose_secret(),
            "d"
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        // Another credential has its own token; forgetting drops one entry only.
        assert_eq!(
            cache
                .token([2; 32], || get("e"))
                .await
                .unwrap()
                .expose_secret(),
            "e"
        );
        cache.forget([1; 32]).await;
        assert_eq!(
            cache
                .token([1; 32], || get("f"))
                .await
                .unwrap()
                .expose_secret(),
            "f"
        );
        assert_eq!(
            cache
                .token([2; 32], || get("g"))
                .await
                .unwrap()
                .expose_secret(),
            "e"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn short_lived_and_unknown_lifetimes() {
        let cache = TokenCache::default();
        // Shorter than the margin: used once, not cached.
        cache
            .token([1; 32], || async { fresh("a", Some(60)) })
            .await
            .unwrap();
        let t = cache
            .token([1; 32], || async { fresh("b", Some(60)) })
            .await
            .unwrap();
        assert_eq!(t.expose_secret(), "b");
        // No expires_in: the default lifetime applies.
        cache
            .token([3; 32], || async { fresh("c", None) })
            .await
            .unwrap();
        tokio::time::advance(DEFAULT_LIFETIME - REFRESH_MARGIN - Duration::from_secs(1)).await;
        let t = cache
            .token([3; 32], || async { fresh("d", None) })
            .await
            .unwrap();
        assert_eq!(t.expose_secret(), "c");
        // A failed fetch caches nothing.
        let err = cache
            .token([4; 32], || async { Err(ToolError::internal("boom")) })
            .await;
        assert!(err.is_err());
        let t = cache
            .token([4; 32], || async { fresh("e", None) })
            .await
            .unwrap();
        assert_eq!(t.expose_secret(), "e");
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let cache = Arc::new(TokenCache::default());
        let fetches = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let cache = Arc::clone(&cache);
            let fetches = Arc::clone(&fetches);
            tasks.push(tokio::spawn(async move {
                cache
                    .token([9; 32], || async move {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::task::yield_now().await;
                        fresh("shared", Some(86_399))
                    })
                    .await
                    .map(|t| t.expose_secret().to_owned())
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), "shared");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn debug_shows_nothing() {
        assert_eq!(format!("{:?}", TokenCache::default()), "TokenCache { .. }");
    }
}

//! [`DekCache`]: plaintext DEKs in memory for a bounded time, swept and zeroized.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

use shopmcp_core::WorkspaceId;
use tokio::task::AbortHandle;
use tokio::time::{Instant, MissedTickBehavior};

use crate::{Dek, DekId, VaultError};

/// The longest sweep period accepted.
pub const MAX_SWEEP_INTERVAL: Duration = Duration::from_secs(5);
const MIN_SWEEP_INTERVAL: Duration = Duration::from_millis(10);

/// How long and how often a cached DEK may be used.
///
/// ```
/// use std::time::Duration;
/// use shopmcp_vault::CacheConfig;
/// let config = CacheConfig::default().with_ttl(Duration::from_secs(30)).with_max_uses(1000);
/// assert_eq!(config.ttl(), Duration::from_secs(30));
/// assert_eq!(CacheConfig::default().ttl(), Duration::from_secs(60));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheConfig {
    ttl: Duration,
    sweep_interval: Duration,
    max_uses: Option<u64>,
}

impl Default for CacheConfig {
    /// 60 s from insertion, swept every 5 s, no use limit.
    fn default() -> Self {
        Self {
            ttl: Duration::from_secs(60),
            sweep_interval: MAX_SWEEP_INTERVAL,
            max_uses: None,
        }
    }
}

impl CacheConfig {
    /// Lifetime of an entry, counted from insertion (not from last use). Zero disables caching.
    #[must_use]
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// Sweep period, clamped to 10 ms ..= 5 s.
    #[must_use]
    pub fn with_sweep_interval(mut self, every: Duration) -> Self {
        self.sweep_interval = every.clamp(MIN_SWEEP_INTERVAL, MAX_SWEEP_INTERVAL);
        self
    }

    /// Evicts an entry after it served `uses` lookups (at least 1).
    #[must_use]
    pub fn with_max_uses(mut self, uses: u64) -> Self {
        self.max_uses = Some(uses.max(1));
        self
    }

    /// The lifetime.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// The sweep period.
    pub fn sweep_interval(&self) -> Duration {
        self.sweep_interval
    }

    /// The use limit, if any.
    pub fn max_uses(&self) -> Option<u64> {
        self.max_uses
    }
}

struct Entry {
    dek: Arc<Dek>,
    inserted: Instant,
    uses: u64,
}

type Key = (WorkspaceId, DekId);

struct Shared {
    config: CacheConfig,
    entries: Mutex<HashMap<Key, Entry>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, HashMap<Key, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn expired(&self, entry: &Entry, now: Instant) -> bool {
        now.saturating_duration_since(entry.inserted) >= self.config.ttl
    }

    fn sweep(&self) -> usize {
        let now = Instant::now();
        let mut entries = self.lock();
        let before = entries.len();
        entries.retain(|_, e| !self.expired(e, now));
        before - entries.len()
    }
}

/// Plaintext DEKs by (workspace, DEK id), each kept at most `ttl` from insertion.
///
/// A background task (started on the current Tokio runtime, stopped when the cache is
/// dropped) removes expired entries every `sweep_interval` (≤ 5 s), so an idle process does
/// not keep keys: eviction is not lazy. Lookups also refuse expired entries. Removing the
/// cache's reference drops the [`Dek`], whose bytes are zeroized; callers hold the `Arc`
/// only for one operation.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use shopmcp_core::WorkspaceId;
/// use shopmcp_vault::{CacheConfig, Dek, DekCache, DekId, KeyBytes};
/// let cache = DekCache::start(CacheConfig::default().with_max_uses(100))?;
/// let ws = WorkspaceId::random();
/// let id = cache.insert(ws, Dek::new(DekId::random(), 1, KeyBytes::generate()?)).id();
/// assert!(cache.get(ws, id).is_some());
/// cache.invalidate_workspace(ws); // erasure or revocation: gone at once
/// assert!(cache.get(ws, id).is_none());
/// # Ok(()) }
/// ```
pub struct DekCache {
    shared: Arc<Shared>,
    sweeper: AbortHandle,
}

impl DekCache {
    /// Starts a cache and its sweeper on the current Tokio runtime.
    pub fn start(config: CacheConfig) -> Result<Self, VaultError> {
        let handle = tokio::runtime::Handle::try_current().map_err(|_| VaultError::NoRuntime)?;
        let shared = Arc::new(Shared {
            config,
            entries: Mutex::new(HashMap::new()),
        });
        let sweeper = handle
            .spawn(sweep_forever(
                Arc::downgrade(&shared),
                config.sweep_interval,
            ))
            .abort_handle();
        Ok(Self { shared, sweeper })
    }

    /// The configuration.
    pub fn config(&self) -> CacheConfig {
        self.shared.config
    }

    /// The DEK, if cached, unexpired and under its use limit. Counts one use.
    pub fn get(&self, workspace: WorkspaceId, dek_id: DekId) -> Option<Arc<Dek>> {
        let now = Instant::now();
        let mut entries = self.shared.lock();
        let key = (workspace, dek_id);
        let entry = entries.get_mut(&key)?;
        if self.shared.expired(entry, now) {
            entries.remove(&key);
            return None;
        }
        entry.uses += 1;
        let dek = Arc::clone(&entry.dek);
        if self
            .shared
            .config
            .max_uses
            .is_some_and(|max| entry.uses >= max)
        {
            entries.remove(&key);
        }
        Some(dek)
    }

    /// Caches `dek` for `workspace` (replacing any entry for the same id) and returns it.
    pub fn insert(&self, workspace: WorkspaceId, dek: Dek) -> Arc<Dek> {
        let dek = Arc::new(dek);
        if !self.shared.config.ttl.is_zero() {
            let entry = Entry {
                dek: Arc::clone(&dek),
                inserted: Instant::now(),
                uses: 0,
            };
            self.shared.lock().insert((workspace, dek.id()), entry);
        }
        dek
    }

    /// Drops one DEK at once. Returns whether it was cached.
    pub fn invalidate(&self, workspace: WorkspaceId, dek_id: DekId) -> bool {
        self.shared.lock().remove(&(workspace, dek_id)).is_some()
    }

    /// Drops every DEK of `workspace` at once (erasure, revocation). Returns how many.
    pub fn invalidate_workspace(&self, workspace: WorkspaceId) -> usize {
        let mut entries = self.shared.lock();
        let before = entries.len();
        entries.retain(|(ws, _), _| *ws != workspace);
        before - entries.len()
    }

    /// Drops every DEK.
    pub fn clear(&self) {
        self.shared.lock().clear();
    }

    /// Removes expired entries now (what the sweeper does). Returns how many.
    pub fn sweep(&self) -> usize {
        self.shared.sweep()
    }

    /// Entries held, expired or not (does not evict).
    pub fn len(&self) -> usize {
        self.shared.lock().len()
    }

    /// Whether no entry is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

async fn sweep_forever(shared: Weak<Shared>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(shared) = shared.upgrade() else {
            return;
        };
        let swept = shared.sweep();
        if swept > 0 {
            tracing::debug!(swept, "DEK cache sweep");
        }
    }
}

impl Drop for DekCache {
    fn drop(&mut self) {
        self.sweeper.abort();
    }
}

impl fmt::Debug for DekCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DekCache")
            .field("config", &self.shared.config)
            .field("entries", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests;

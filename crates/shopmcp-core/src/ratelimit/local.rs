//! The in-process limiter: a strict bucketed sliding window per workspace and per tool,
//! with bounded memory.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use tokio::time::Instant;

use super::window::{BUCKETS, Window};
use super::{LimiterPath, RateDecision, RateLimiter, RateRequest};
use crate::WorkspaceId;

const SHARDS: usize = 16;
const MIN_SWEEP_AT: usize = 1_024;

/// Settings of [`LocalRateLimiter`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LocalRateLimiterConfig {
    /// The window every plan limit refers to.
    pub window: Duration,
    /// The most workspaces tracked at once. Idle ones are evicted first; when every tracked
    /// workspace is active, a new one is refused (fail closed) rather than forgetting the
    /// counts of another.
    pub max_workspaces: usize,
}

impl Default for LocalRateLimiterConfig {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(60),
            max_workspaces: 1_000_000,
        }
    }
}

#[derive(Debug)]
struct WsState {
    total: Window,
    tools: Vec<(Box<str>, Window)>,
}

impl WsState {
    fn is_idle(&mut self, now: u64) -> bool {
        self.total.is_idle(now) && self.tools.iter_mut().all(|(_, w)| w.is_idle(now))
    }
}

#[derive(Debug)]
struct Shard {
    map: HashMap<WorkspaceId, WsState>,
    sweep_at: usize,
}

/// Strict sliding-window limiter in process memory.
///
/// Guarantee: in any interval of length `window`, a workspace (and each separately limited
/// tool) is admitted at most its plan's limit in cost units. See the module docs of the
/// window for why, and `LocalRateLimiterConfig` for the memory bound.
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// use shopmcp_core::{Access, LocalRateLimiter, Plan, RateDecision, RateLimiter, RateRequest, WorkspaceId};
/// let limiter = LocalRateLimiter::default();
/// let plan = Plan::new("tiny", 2);
/// let ws = WorkspaceId::random();
/// let req = RateRequest { workspace: ws, tool: "local_demo_read", access: Access::Read, plan: &plan, cost: 1 };
/// assert!(matches!(limiter.check(&req).await, RateDecision::Allowed { .. }));
/// assert!(matches!(limiter.check(&req).await, RateDecision::Allowed { .. }));
/// assert!(matches!(limiter.check(&req).await, RateDecision::Limited { .. }));
/// # });
/// ```
#[derive(Debug)]
pub struct LocalRateLimiter {
    origin: Instant,
    bucket: Duration,
    per_shard_cap: usize,
    hasher: RandomState,
    shards: Box<[Mutex<Shard>]>,
}

impl Default for LocalRateLimiter {
    fn default() -> Self {
        Self::new(&LocalRateLimiterConfig::default())
    }
}

impl LocalRateLimiter {
    /// A limiter with `config`.
    pub fn new(config: &LocalRateLimiterConfig) -> Self {
        let window = config.window.max(Duration::from_millis(BUCKETS as u64));
        Self {
            origin: Instant::now(),
            bucket: window / BUCKETS as u32,
            per_shard_cap: config.max_workspaces.div_ceil(SHARDS).max(1),
            hasher: RandomState::new(),
            shards: (0..SHARDS)
                .map(|_| {
                    Mutex::new(Shard {
                        map: HashMap::new(),
                        sweep_at: MIN_SWEEP_AT,
                    })
                })
                .collect(),
        }
    }

    fn now_bucket(&self) -> u64 {
        let elapsed = Instant::now().saturating_duration_since(self.origin);
        u64::try_from(elapsed.as_nanos() / self.bucket.as_nanos().max(1)).unwrap_or(u64::MAX)
    }

    fn shard(&self, ws: &WorkspaceId) -> &Mutex<Shard> {
        let i = (self.hasher.hash_one(ws) as usize) % self.shards.len();
        #[allow(clippy::indexing_slicing)] // i < len by construction (len == SHARDS > 0)
        &self.shards[i]
    }

    /// Number of workspaces with state in memory.
    pub fn tracked_workspaces(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().unwrap_or_else(PoisonError::into_inner).map.len())
            .sum()
    }

    /// Drops the state of every idle workspace now (it also happens on its own as maps grow).
    pub fn sweep(&self) {
        let now = self.now_bucket();
        for s in self.shards.iter() {
            let mut shard = s.lock().unwrap_or_else(PoisonError::into_inner);
            sweep_shard(&mut shard, now);
        }
    }

    fn retry_after(&self, buckets: Option<u64>) -> Duration {
        match buckets {
            Some(b) => {
                let into = Instant::now()
                    .saturating_duration_since(self.origin)
                    .as_nanos()
                    % self.bucket.as_nanos().max(1);
                let rest = self
                    .bucket
                    .saturating_sub(Duration::from_nanos(u64::try_from(into).unwrap_or(0)));
                rest + self.bucket * u32::try_from(b.saturating_sub(1)).unwrap_or(u32::MAX)
            }
            None => self.bucket * (BUCKETS as u32 + 1),
        }
    }
}

fn sweep_shard(shard: &mut Shard, now: u64) {
    shard.map.retain(|_, st| !st.is_idle(now));
    shard.map.shrink_to_fit();
    shard.sweep_at = (shard.map.len() * 2).max(MIN_SWEEP_AT);
}

#[async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn check(&self, req: &RateRequest<'_>) -> RateDecision {
        let now = self.now_bucket();
        let cost = req.cost.max(1);
        let mut shard = self
            .shard(&req.workspace)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !shard.map.contains_key(&req.workspace) {
            if shard.map.len() >= shard.sweep_at || shard.map.len() >= self.per_shard_cap {
                sweep_shard(&mut shard, now);
            }
            if shard.map.len() >= self.per_shard_cap {
                return RateDecision::Limited {
                    retry_after: self.bucket,
                };
            }
        }
        let state = match shard.map.entry(req.workspace) {
            Entry::Occupied(o) => o.into_mut(),
            Entry::Vacant(v) => v.insert(WsState {
                total: Window::new(now),
                tools: Vec::new(),
            }),
        };
        let limit = req.plan.limit();
        let tool_limit = req.plan.tool_limit(req.tool);
        let mut wait = None;
        if !state.total.fits(now, cost, limit) {
            wait = Some(state.total.buckets_until_fit(now, cost, limit));
        }
        let tool_idx = match tool_limit {
            None => None,
            Some(tl) => {
                let idx = match state.tools.iter().position(|(n, _)| &**n == req.tool) {
                    Some(i) => i,
                    None => {
                        state.tools.push((req.tool.into(), Window::new(now)));
                        state.tools.len() - 1
                    }
                };
                if let Some((_, w)) = state.tools.get_mut(idx)
                    && !w.fits(now, cost, tl)
                {
                    let b = w.buckets_until_fit(now, cost, tl);
                    wait = Some(match (wait, b) {
                        (Some(Some(a)), Some(b)) => Some(a.max(b)),
                        (Some(None), _) | (_, None) => None,
                        (None, b) => b,
                    });
                }
                Some(idx)
            }
        };
        if let Some(buckets) = wait {
            drop(shard);
            return RateDecision::Limited {
                retry_after: self.retry_after(buckets),
            };
        }
        state.total.add(now, cost);
        if let Some((_, w)) = tool_idx.and_then(|i| state.tools.get_mut(i)) {
            w.add(now, cost);
        }
        RateDecision::Allowed {
            path: LimiterPath::Primary,
        }
    }
}

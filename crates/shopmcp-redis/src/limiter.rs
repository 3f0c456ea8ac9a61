//! [`RedisRateLimiter`]: core's [`RateLimiter`] on Redis.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use shopmcp_core::ratelimit::{LimiterPath, LocalRateLimiterConfig};
use shopmcp_core::{LocalRateLimiter, RateDecision, RateLimiter, RateRequest};

use crate::config::{OnUnavailable, RedisLimiterConfig};
use crate::endpoint;
use crate::error::{Failure, RedisLimiterError};
use crate::keys::KeySpace;
use crate::script::{self, Reply, Scope};
use crate::window::{Counter, Geometry};

/// How long one connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Reconnection: attempts per episode and the bounds of the jittered exponential backoff.
const RECONNECT_RETRIES: usize = 4;
const RECONNECT_MIN_DELAY: Duration = Duration::from_millis(50);
const RECONNECT_MAX_DELAY: Duration = Duration::from_secs(1);
/// The least time [`RedisRateLimiter::ready`] waits.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// A sliding-window rate limiter shared by every instance that points at the same Redis and
/// key prefix.
///
/// Each decision is one `EVALSHA` of one Lua script that reads the Redis server's clock,
/// checks the workspace's counter and, when the plan limits the tool separately, the tool's
/// counter, and increments both by the cost only if both admit. See the crate documentation
/// for the rule and its guarantees.
///
/// When Redis does not answer within the configured timeout, or fails, the
/// [`FailurePolicy`](crate::FailurePolicy) decides per access class.
pub struct RedisRateLimiter {
    conn: ConnectionManager,
    script: redis::Script,
    keys: KeySpace,
    geometry: Geometry,
    config: RedisLimiterConfig,
    fallback: LocalRateLimiter,
    endpoint: String,
    degraded: AtomicBool,
}

impl fmt::Debug for RedisRateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisRateLimiter")
            .field("endpoint", &self.endpoint)
            .field("key_prefix", &self.config.key_prefix)
            .field("window", &self.config.window)
            .field("timeout", &self.config.timeout)
            .field("policy", &self.config.policy)
            .finish_non_exhaustive()
    }
}

impl RedisRateLimiter {
    /// A limiter on the Redis at `url` (see the crate documentation for the accepted URLs).
    ///
    /// Fails only on an invalid URL or configuration: no connection is made here, so a server
    /// can start while Redis is down (its calls then follow the failure policy until Redis is
    /// back). Call [`ready`](Self::ready) at startup to connect, load the script and learn
    /// whether Redis answers. Errors never contain the URL.
    pub async fn connect(url: &str, config: RedisLimiterConfig) -> Result<Self, RedisLimiterError> {
        let window_ms = config.validate()?;
        Self::build(endpoint::parse(url)?, config, window_ms)
    }

    /// Like [`connect`](Self::connect) for a `rediss://` URL whose server certificate is
    /// issued by a private CA: trusts only the certificates in `ca_pem` (PEM), instead of the
    /// platform's roots. Verification stays on; it cannot be turned off.
    #[cfg(feature = "tls")]
    pub async fn connect_with_ca(
        url: &str,
        ca_pem: &[u8],
        config: RedisLimiterConfig,
    ) -> Result<Self, RedisLimiterError> {
        let window_ms = config.validate()?;
        Self::build(endpoint::parse_with_ca(url, ca_pem)?, config, window_ms)
    }

    fn build(
        endpoint: endpoint::Endpoint,
        config: RedisLimiterConfig,
        window_ms: u64,
    ) -> Result<Self, RedisLimiterError> {
        let manager_config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            // Each decision is bounded by the configured timeout (below); the client's own
            // default (500 ms) would silently cap a longer one.
            .set_response_timeout(Some(config.timeout))
            .set_number_of_retries(RECONNECT_RETRIES)
            .set_min_delay(RECONNECT_MIN_DELAY)
            .set_max_delay(RECONNECT_MAX_DELAY);
        let conn = ConnectionManager::new_lazy_with_config(endpoint.client, manager_config)
            .map_err(|_| {
                RedisLimiterError::InvalidConfig("the Redis client could not be set up")
            })?;
        let mut local = LocalRateLimiterConfig::default();
        local.window = config.window;
        Ok(Self {
            conn,
            script: redis::Script::new(script::SOURCE),
            keys: KeySpace::new(&config.key_prefix, window_ms),
            geometry: Geometry::new(window_ms),
            fallback: LocalRateLimiter::new(&local),
            config,
            endpoint: endpoint.redacted,
            degraded: AtomicBool::new(false),
        })
    }

    /// Connects if needed and loads the script (`SCRIPT LOAD`), waiting up to 2 s (or the
    /// decision timeout, if longer). Use it at startup and as a health check.
    pub async fn ready(&self) -> Result<(), RedisLimiterError> {
        let mut conn = self.conn.clone();
        let within = self.config.timeout.max(READY_TIMEOUT);
        match tokio::time::timeout(within, self.script.prepare_invoke().load_async(&mut conn)).await
        {
            Ok(Ok(_)) => {
                self.note_success();
                Ok(())
            }
            Ok(Err(e)) => Err(RedisLimiterError::Unavailable(Failure::from_redis(&e))),
            Err(_) => Err(RedisLimiterError::Unavailable(Failure::Timeout)),
        }
    }

    /// One `PING` round trip on the limiter's connection, within the decision timeout: a
    /// liveness probe, and the baseline a decision's latency compares with.
    pub async fn ping(&self) -> Result<(), RedisLimiterError> {
        let mut conn = self.conn.clone();
        let cmd = redis::cmd("PING");
        match tokio::time::timeout(self.config.timeout, cmd.query_async::<String>(&mut conn)).await
        {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(RedisLimiterError::Unavailable(Failure::from_redis(&e))),
            Err(_) => Err(RedisLimiterError::Unavailable(Failure::Timeout)),
        }
    }

    /// The Redis endpoint without credentials, for logs (`redis://host:port/db`).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The configuration in force.
    pub fn config(&self) -> &RedisLimiterConfig {
        &self.config
    }

    /// Whether the last decision could not reach Redis (the failure policy was applied).
    pub fn is_degraded(&self) -> bool {
        self.degraded.load(Ordering::Relaxed)
    }

    /// Decides at `now_ms` instead of the Redis server's clock. Tests only: it makes window
    /// boundaries deterministic. Production always reads the server clock.
    #[cfg(test)]
    pub(crate) async fn check_at(&self, req: &RateRequest<'_>, now_ms: u64) -> RateDecision {
        self.decide(req, Some(now_ms)).await
    }

    /// The key names this limiter uses.
    #[cfg(test)]
    pub(crate) fn key_space(&self) -> &KeySpace {
        &self.keys
    }

    fn scopes(&self, req: &RateRequest<'_>) -> Vec<Scope> {
        let mut scopes = vec![Scope {
            key: self.keys.workspace(req.workspace),
            limit: req.plan.limit(),
        }];
        if let Some(limit) = req.plan.tool_limit(req.tool) {
            scopes.push(Scope {
                key: self.keys.tool(req.workspace, req.tool),
                limit,
            });
        }
        scopes
    }

    async fn decide(&self, req: &RateRequest<'_>, now_ms: Option<u64>) -> RateDecision {
        let cost = req.cost.max(1);
        let scopes = self.scopes(req);
        if scopes.iter().any(|s| cost > s.limit) {
            // Never fits: no point asking Redis.
            return RateDecision::Limited {
                retry_after: self.config.window,
            };
        }
        let mut conn = self.conn.clone();
        let call = script::run(
            &self.script,
            &mut conn,
            self.geometry,
            &scopes,
            cost,
            now_ms,
        );
        let failure = match tokio::time::timeout(self.config.timeout, call).await {
            Ok(Ok(Reply::Admitted)) => {
                self.note_success();
                return RateDecision::Allowed {
                    path: LimiterPath::Primary,
                };
            }
            Ok(Ok(Reply::Refused { now_ms, counters })) => {
                self.note_success();
                return RateDecision::Limited {
                    retry_after: self.retry_after(&scopes, &counters, now_ms, cost),
                };
            }
            Ok(Err(failure)) => failure,
            Err(_) => Failure::Timeout,
        };
        self.note_failure(&failure);
        match self.config.policy.for_access(req.access) {
            OnUnavailable::Refuse => RateDecision::Unavailable,
            OnUnavailable::LocalFallback => match self.fallback.check(req).await {
                RateDecision::Allowed { .. } => RateDecision::Allowed {
                    path: LimiterPath::Fallback,
                },
                other => other,
            },
        }
    }

    /// The time until every refusing counter admits `cost`, if nothing else is admitted.
    fn retry_after(
        &self,
        scopes: &[Scope],
        counters: &[Counter],
        now_ms: u64,
        cost: u32,
    ) -> Duration {
        let window_ms = self.geometry.window_ms();
        let wait = scopes
            .iter()
            .zip(counters)
            .map(|(s, c)| {
                self.geometry
                    .wait_ms(*c, now_ms, u64::from(cost), u64::from(s.limit))
                    .unwrap_or(window_ms)
            })
            .max()
            .unwrap_or(window_ms);
        Duration::from_millis(wait.max(1))
    }

    fn note_success(&self) {
        if self.degraded.load(Ordering::Relaxed) && self.degraded.swap(false, Ordering::Relaxed) {
            tracing::info!(target: "shopmcp::redis", endpoint = %self.endpoint, "Redis rate limiter reachable again");
        }
    }

    fn note_failure(&self, failure: &Failure) {
        if self.degraded.swap(true, Ordering::Relaxed) {
            tracing::debug!(target: "shopmcp::redis", endpoint = %self.endpoint, %failure, "Redis rate limiter still unavailable");
        } else {
            tracing::warn!(
                target: "shopmcp::redis",
                endpoint = %self.endpoint,
                %failure,
                read = ?self.config.policy.read,
                write = ?self.config.policy.write,
                "Redis rate limiter unavailable; applying the failure policy"
            );
        }
    }
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn check(&self, req: &RateRequest<'_>) -> RateDecision {
        self.decide(req, None).await
    }
}

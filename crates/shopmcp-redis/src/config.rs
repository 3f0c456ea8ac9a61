//! Settings of [`RedisRateLimiter`](crate::RedisRateLimiter).

use std::time::Duration;

use shopmcp_core::Access;

use crate::RedisLimiterError;
use crate::keys;

/// What to do with a call when Redis is unreachable, slow or failing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OnUnavailable {
    /// Refuse the call ([`RateDecision::Unavailable`](shopmcp_core::RateDecision::Unavailable);
    /// the pipeline answers `RateLimited`).
    Refuse,
    /// Decide with this process's own [`LocalRateLimiter`](shopmcp_core::LocalRateLimiter)
    /// (same plans, same window). An admission is reported as
    /// [`LimiterPath::Fallback`](shopmcp_core::ratelimit::LimiterPath::Fallback), which the
    /// pipeline records as the audit outcome `ok_limiter_fallback`. Each instance then
    /// enforces the limit on its own, so N instances admit up to N times the limit.
    LocalFallback,
}

/// The failure policy per access class.
///
/// The default fails closed for writes and falls back to the in-process limiter for reads:
/// a runaway loop cannot write more while the shared budget is unknown, and reads stay
/// available, still limited per instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailurePolicy {
    /// For read tools.
    pub read: OnUnavailable,
    /// For write tools (every risk tier).
    pub write: OnUnavailable,
}

impl Default for FailurePolicy {
    fn default() -> Self {
        Self {
            read: OnUnavailable::LocalFallback,
            write: OnUnavailable::Refuse,
        }
    }
}

impl FailurePolicy {
    /// Refuse every call while Redis is unavailable.
    pub const fn fail_closed() -> Self {
        Self {
            read: OnUnavailable::Refuse,
            write: OnUnavailable::Refuse,
        }
    }

    /// The policy for one access class.
    pub const fn for_access(&self, access: Access) -> OnUnavailable {
        match access {
            Access::Read => self.read,
            Access::Write(_) => self.write,
        }
    }
}

/// Settings of the Redis limiter.
///
/// ```
/// use std::time::Duration;
/// use shopmcp_redis::RedisLimiterConfig;
/// let config = RedisLimiterConfig {
///     key_prefix: "prod-eu".into(),
///     window: Duration::from_secs(60),
///     ..RedisLimiterConfig::default()
/// };
/// assert_eq!(config.timeout, Duration::from_millis(75));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedisLimiterConfig {
    /// Namespace of the keys, so that several deployments can share one Redis: 1 to 64 ASCII
    /// letters, digits, `_`, `-` or `.`. Default `default`.
    pub key_prefix: String,
    /// The window every plan limit refers to: 1 s to 24 h, whole milliseconds. Default 60 s.
    /// Every instance sharing a prefix should use the same window (different windows use
    /// separate counters).
    pub window: Duration,
    /// How long one decision may wait for Redis before the failure policy applies:
    /// 1 ms to 10 s. Default 75 ms.
    pub timeout: Duration,
    /// What to do when Redis cannot decide in time.
    pub policy: FailurePolicy,
}

impl Default for RedisLimiterConfig {
    fn default() -> Self {
        Self {
            key_prefix: "default".to_owned(),
            window: Duration::from_secs(60),
            timeout: Duration::from_millis(75),
            policy: FailurePolicy::default(),
        }
    }
}

/// Bounds of the configuration.
const MIN_WINDOW: Duration = Duration::from_secs(1);
const MAX_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
const MIN_TIMEOUT: Duration = Duration::from_millis(1);
const MAX_TIMEOUT: Duration = Duration::from_secs(10);

impl RedisLimiterConfig {
    /// Checks every field; returns the window in milliseconds.
    pub(crate) fn validate(&self) -> Result<u64, RedisLimiterError> {
        if !keys::valid_prefix(&self.key_prefix) {
            return Err(RedisLimiterError::InvalidConfig(
                "key_prefix must be 1 to 64 ASCII letters, digits, '_', '-' or '.'",
            ));
        }
        if self.window < MIN_WINDOW || self.window > MAX_WINDOW {
            return Err(RedisLimiterError::InvalidConfig(
                "window must be between 1 second and 24 hours",
            ));
        }
        if !self.window.subsec_nanos().is_multiple_of(1_000_000) {
            return Err(RedisLimiterError::InvalidConfig(
                "window must be a whole number of milliseconds",
            ));
        }
        if self.timeout < MIN_TIMEOUT || self.timeout > MAX_TIMEOUT {
            return Err(RedisLimiterError::InvalidConfig(
                "timeout must be between 1 millisecond and 10 seconds",
            ));
        }
        u64::try_from(self.window.as_millis())
            .map_err(|_| RedisLimiterError::InvalidConfig("window is too long"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shopmcp_core::RiskTier;

    #[test]
    fn defaults_fail_closed_for_writes_and_fall_back_for_reads() {
        let p = FailurePolicy::default();
        assert_eq!(p.for_access(Access::Read), OnUnavailable::LocalFallback);
        for tier in [RiskTier::W1, RiskTier::W2, RiskTier::W3] {
            assert_eq!(p.for_access(Access::Write(tier)), OnUnavailable::Refuse);
        }
        assert_eq!(
            FailurePolicy::fail_closed().for_access(Access::Read),
            OnUnavailable::Refuse
        );
        assert_eq!(RedisLimiterConfig::default().validate().unwrap(), 60_000);
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let base = RedisLimiterConfig::default();
        let cases = [
            RedisLimiterConfig {
                key_prefix: "a}b".into(),
                ..base.clone()
            },
            RedisLimiterConfig {
                window: Duration::from_millis(999),
                ..base.clone()
            },
            RedisLimiterConfig {
                window: Duration::from_secs(24 * 3600 + 1),
                ..base.clone()
            },
            RedisLimiterConfig {
                window: Duration::from_micros(1_500_500),
                ..base.clone()
            },
            RedisLimiterConfig {
                timeout: Duration::ZERO,
                ..base.clone()
            },
            RedisLimiterConfig {
                timeout: Duration::from_secs(11),
                ..base
            },
        ];
        for c in cases {
            assert!(
                matches!(c.validate(), Err(RedisLimiterError::InvalidConfig(_))),
                "{c:?}"
            );
        }
    }
}

//! The retry policy: which outcomes are tried again, and after how long.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::RequestClass;

/// Limits of the retry loop. Writes are never retried, whatever these say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt (reads only).
    pub(crate) max_retries: u32,
    /// First backoff step for 5xx and connection failures.
    pub(crate) base_backoff: Duration,
    /// Largest backoff step.
    pub(crate) max_backoff: Duration,
    /// Longest throttle wait the client sits out; longer ones end the call.
    pub(crate) max_throttle_wait: Duration,
    /// Wait for a throttle signal that names none.
    pub(crate) default_throttle_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_throttle_wait: Duration::from_secs(30),
            default_throttle_wait: Duration::from_secs(1),
        }
    }
}

/// An outcome that a read might be retried after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retryable {
    /// 429 or a platform throttle signal.
    Throttled { retry_after: Option<Duration> },
    /// A 5xx status (with its `Retry-After`, if any).
    ServerError { retry_after: Option<Duration> },
    /// A connection failure, reset or attempt timeout.
    Transport,
}

impl RetryPolicy {
    /// The wait before the next attempt, or `None` when `outcome` is final.
    ///
    /// `retries_done` counts earlier retries; `remaining` is the time left before the deadline;
    /// `jitter` is in `[0, 1)`.
    pub(crate) fn next_wait(
        &self,
        class: RequestClass,
        retries_done: u32,
        outcome: Retryable,
        remaining: Duration,
        jitter: f64,
    ) -> Option<Duration> {
        if class == RequestClass::Write || retries_done >= self.max_retries {
            return None;
        }
        let wait = match outcome {
            Retryable::Throttled { retry_after } => {
                let wait = retry_after.unwrap_or(self.default_throttle_wait);
                (wait <= self.max_throttle_wait).then_some(wait)?
            }
            Retryable::ServerError { retry_after } => {
                let backoff = self.backoff(retries_done, jitter);
                match retry_after {
                    Some(after) if after > self.max_throttle_wait => return None,
                    Some(after) => backoff.max(after),
                    None => backoff,
                }
            }
            Retryable::Transport => self.backoff(retries_done, jitter),
        };
        (wait < remaining).then_some(wait)
    }

    /// Exponential backoff with "equal jitter": half the step, plus up to another half.
    fn backoff(&self, retries_done: u32, jitter: f64) -> Duration {
        let factor = 2u32.saturating_pow(retries_done);
        let step = self
            .base_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = step / 2;
        half + half.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// A value in `[0, 1)` that differs between calls (not for cryptography: spreads retries only).
pub(crate) fn jitter() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const READ: RequestClass = RequestClass::Read;
    const WRITE: RequestClass = RequestClass::Write;
    const LONG: Duration = Duration::from_secs(600);

    fn policy() -> RetryPolicy {
        RetryPolicy::default()
    }

    #[test]
    fn writes_are_never_retried() {
        for outcome in [
            Retryable::Throttled {
                retry_after: Some(Duration::from_secs(1)),
            },
            Retryable::Throttled { retry_after: None },
            Retryable::ServerError { retry_after: None },
            Retryable::Transport,
        ] {
            assert_eq!(
                policy().next_wait(WRITE, 0, outcome, LONG, 0.5),
                None,
                "{outcome:?}"
            );
        }
    }

    #[test]
    fn reads_are_retried_a_bounded_number_of_times() {
        let p = policy();
        assert!(
            p.next_wait(READ, 0, Retryable::Transport, LONG, 0.0)
                .is_some()
        );
        assert!(
            p.next_wait(READ, 1, Retryable::Transport, LONG, 0.0)
                .is_some()
        );
        assert_eq!(p.next_wait(READ, 2, Retryable::Transport, LONG, 0.0), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let p = policy();
        let w = |n, j| p.backoff(n, j);
        assert_eq!(w(0, 0.0), Duration::from_millis(100));
        assert_eq!(w(0, 0.999_999), Duration::from_nanos(199_999_900));
        assert_eq!(w(1, 0.0), Duration::from_millis(200));
        assert_eq!(w(2, 0.0), Duration::from_millis(400));
        assert_eq!(w(30, 1.0), Duration::from_secs(5));
        assert_eq!(w(u32::MAX, 1.0), Duration::from_secs(5));
    }

    #[test]
    fn throttle_waits_honour_retry_after_and_are_bounded() {
        let p = policy();
        let t = |after| Retryable::Throttled { retry_after: after };
        assert_eq!(
            p.next_wait(READ, 0, t(Some(Duration::from_secs(7))), LONG, 0.9),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            p.next_wait(READ, 0, t(None), LONG, 0.9),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            p.next_wait(READ, 0, t(Some(Duration::from_secs(31))), LONG, 0.0),
            None
        );
        // A wait that does not fit before the deadline ends the call now.
        let remaining = Duration::from_secs(5);
        assert_eq!(
            p.next_wait(READ, 0, t(Some(Duration::from_secs(5))), remaining, 0.0),
            None
        );
        assert_eq!(
            p.next_wait(READ, 0, t(Some(Duration::from_secs(4))), remaining, 0.0),
            Some(Duration::from_secs(4))
        );
    }

    #[test]
    fn server_errors_use_the_longer_of_backoff_and_retry_after() {
        let p = policy();
        let s = |after| Retryable::ServerError { retry_after: after };
        assert_eq!(
            p.next_wait(READ, 0, s(Some(Duration::from_secs(2))), LONG, 0.0),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            p.next_wait(READ, 0, s(None), LONG, 0.0),
            Some(Duration::from_millis(100))
        );
        assert_eq!(
            p.next_wait(READ, 0, s(Some(Duration::from_secs(60))), LONG, 0.0),
            None
        );
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let values: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        assert!(values.windows(2).any(|w| w[0] != w[1]));
    }
}

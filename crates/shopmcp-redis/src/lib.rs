//! # shopmcp-redis
//!
//! A distributed rate limiter for shopmcp: core's [`RateLimiter`](shopmcp_core::RateLimiter)
//! on Redis, so every server instance shares one budget per workspace (and per tool, where the
//! plan limits a tool), by plan tier. A runaway, prompt-injected loop gets the plan's limit,
//! not the limit times the number of instances.
//!
//! ```no_run
//! # async fn demo() -> Result<(), shopmcp_redis::RedisLimiterError> {
//! use std::sync::Arc;
//! use std::time::Duration;
//! use shopmcp_redis::{RedisLimiterConfig, RedisRateLimiter};
//!
//! let limiter = RedisRateLimiter::connect(
//!     "redis://:password@cache.internal:6379/0",
//!     RedisLimiterConfig { key_prefix: "prod".into(), ..RedisLimiterConfig::default() },
//! )
//! .await?;
//! if let Err(e) = limiter.ready().await {
//!     // Not fatal: calls follow the failure policy until Redis answers.
//!     eprintln!("rate limiter at {}: {e}", limiter.endpoint());
//! }
//! // shopmcp_core::Pipeline::builder(..).rate_limiter(Arc::new(limiter))
//! # let _ = (Arc::new(limiter), Duration::ZERO);
//! # Ok(()) }
//! ```
//!
//! ## The rule
//! The two-window weighted sliding window. Time is cut into fixed windows of length `W` (the
//! plan's window, 60 s by default); each counter holds the units admitted in the current fixed
//! window (`c`) and in the previous one (`p`). At a fraction `f` into the current window, a call
//! of cost `k` is admitted when
//!
//! ```text
//! p · (1 − f) + c + k ≤ limit
//! ```
//!
//! and then `c` grows by `k`. A refused call consumes nothing. With a per-tool limit, the
//! workspace counter and the tool counter must both admit, and both grow, in one step.
//!
//! - **One atomic step**: a single Lua script, loaded once and called by its SHA1
//!   (`EVALSHA`, reloaded automatically after `NOSCRIPT`), reads, decides and writes.
//! - **One clock**: the script reads the Redis server's clock (`TIME`), so instances whose
//!   clocks disagree still agree on windows. If the server clock steps back behind a stored
//!   window, the newer counts are kept at full weight.
//! - **Exact integers**: the weight is counted in `1/D` of a window (`D = min(W in ms, 2^19)`)
//!   rounded up, and the comparison is done on integers below 2^53, exact in Lua's doubles.
//! - **Keys**: `{shopmcp:<prefix>:<workspace>}:<W ms>:ws` and
//!   `{shopmcp:<prefix>:<workspace>}:<W ms>:tool:<tool>`; the braces are a Redis Cluster hash
//!   tag, so a workspace's keys share one slot and the script may touch them together. Every
//!   key expires two windows after its last admission at the latest.
//! - **Cost**: the check adds the cost once (`… + c + k ≤ limit`) and the counter grows by the
//!   cost once (limit 10, cost 5: two calls admitted, the third refused, the counter holds 10).
//!   A cost above a limit can never fit: it is refused at once, without a round trip, with a
//!   `retry_after` of one window.
//! - **`retry_after`**: computed from the counters the script returns on a refusal: the first
//!   millisecond at which every refusing counter would admit the call if nothing else is
//!   admitted meanwhile.
//!
//! **Guarantee, and its limit.** At every admission the weighted estimate is within the limit,
//! so no fixed window ever holds more than the limit. The estimate assumes the previous
//! window's calls were spread evenly: a burst at the very end of one window followed by
//! another early in the next can put up to twice the limit into one sliding interval of
//! length `W`. Core's in-process [`LocalRateLimiter`](shopmcp_core::LocalRateLimiter) is
//! strict (never more than the limit in any interval of length `W`) but per process.
//!
//! ## When Redis is unreachable or slow
//! Each decision waits at most [`RedisLimiterConfig::timeout`] (75 ms by default). Then the
//! [`FailurePolicy`] of the call's access class applies: by default writes are refused
//! ([`RateDecision::Unavailable`](shopmcp_core::RateDecision::Unavailable); the pipeline
//! answers `RateLimited`) and reads are decided by an in-process `LocalRateLimiter` with the
//! same window, reported as [`LimiterPath::Fallback`](shopmcp_core::ratelimit::LimiterPath),
//! which the pipeline records as the audit outcome `ok_limiter_fallback`. The first failure is
//! logged at WARN (target `shopmcp::redis`, endpoint without credentials), recovery at INFO.
//! A decision that timed out may still have been counted by Redis: the error is on the side of
//! fewer admissions.
//!
//! ## URLs
//! `redis://[user:password@]host[:port][/db]`, `unix:///path/to.sock[?db=N]`, and with the
//! `tls` feature `rediss://…` (rustls with aws-lc-rs, the platform's root certificates, or
//! only a private CA with `RedisRateLimiter::connect_with_ca`; `#insecure` is refused). The
//! URL is never logged or put in an error; Debug shows [`RedisRateLimiter::endpoint`]
//! (scheme, host, port, database) only.
#![forbid(unsafe_code)]

mod config;
mod endpoint;
mod error;
mod keys;
mod limiter;
mod script;
mod window;

#[cfg(test)]
mod tests;

pub use config::{FailurePolicy, OnUnavailable, RedisLimiterConfig};
pub use error::{Failure, RedisLimiterError};
pub use limiter::RedisRateLimiter;

/// The README's Rust examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

//! Throttling signals: `Retry-After`, and the platform-specific ones in [`shopify`] and
//! [`bigcommerce`].
//!
//! A [`ThrottleClassifier`] set on a request
//! ([`UpstreamRequest::throttle_classifier`](crate::UpstreamRequest::throttle_classifier)) lets a
//! platform crate mark a response as throttled even when its status is 200 (Shopify GraphQL's
//! `THROTTLED`). The client then applies one policy to every throttle signal: reads wait (bounded,
//! within the deadline) and try again; writes fail at once with
//! [`ErrorKind::UpstreamThrottled`](shopmcp_core::ErrorKind::UpstreamThrottled).

pub mod bigcommerce;
mod retry_after;
pub mod shopify;

use std::time::Duration;

pub use retry_after::{parse_retry_after, retry_after};

use crate::UpstreamResponse;

/// A throttle signal read from a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Throttle {
    /// How long the upstream asks us to wait, when it says so.
    pub retry_after: Option<Duration>,
}

impl Throttle {
    /// A throttle signal with a known wait.
    pub const fn after(wait: Duration) -> Self {
        Self {
            retry_after: Some(wait),
        }
    }

    /// A throttle signal without a wait (the client uses its default).
    pub const fn unknown_wait() -> Self {
        Self { retry_after: None }
    }
}

/// Decides whether a response is a throttle signal, and how long to wait.
///
/// It is consulted for every 2xx response and every 429. For a 429 it may refine the wait
/// (for example from BigCommerce's `X-Rate-Limit-Time-Reset-Ms`); returning `None` for a 429
/// still counts as throttled, with the `Retry-After` header or the default wait.
///
/// ```
/// use shopmcp_http::{Throttle, UpstreamResponse};
/// fn busy_flag(resp: &UpstreamResponse) -> Option<Throttle> {
///     (resp.headers().get("x-busy").is_some()).then(Throttle::unknown_wait)
/// }
/// let _classifier: shopmcp_http::ThrottleClassifier = busy_flag;
/// ```
pub type ThrottleClassifier = fn(&UpstreamResponse) -> Option<Throttle>;

//! BigCommerce REST rate limits: the `X-Rate-Limit-*` headers.
//!
//! Every response carries `X-Rate-Limit-Time-Window-Ms`, `X-Rate-Limit-Time-Reset-Ms`,
//! `X-Rate-Limit-Requests-Quota` and `X-Rate-Limit-Requests-Left`. Over the quota the store
//! answers 429 and the right wait is `X-Rate-Limit-Time-Reset-Ms`.

use std::time::Duration;

use http::HeaderMap;

use crate::{Throttle, UpstreamResponse};

/// `X-Rate-Limit-Requests-Left`.
pub const REQUESTS_LEFT: &str = "x-rate-limit-requests-left";
/// `X-Rate-Limit-Requests-Quota`.
pub const REQUESTS_QUOTA: &str = "x-rate-limit-requests-quota";
/// `X-Rate-Limit-Time-Reset-Ms`.
pub const TIME_RESET_MS: &str = "x-rate-limit-time-reset-ms";
/// `X-Rate-Limit-Time-Window-Ms`.
pub const TIME_WINDOW_MS: &str = "x-rate-limit-time-window-ms";

/// The rate-limit state a BigCommerce response reports (each field absent when its header is
/// missing or malformed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// Requests left in the current window.
    pub requests_left: Option<u64>,
    /// Requests allowed per window.
    pub requests_quota: Option<u64>,
    /// Time until the quota refreshes.
    pub time_reset: Option<Duration>,
    /// The window length.
    pub time_window: Option<Duration>,
}

impl RateLimit {
    /// Reads the headers (names are matched case-insensitively).
    ///
    /// ```
    /// use http::{HeaderMap, HeaderValue};
    /// use shopmcp_http::throttle::bigcommerce::RateLimit;
    /// let mut h = HeaderMap::new();
    /// h.insert("X-Rate-Limit-Requests-Left", HeaderValue::from_static("35"));
    /// h.insert("X-Rate-Limit-Time-Reset-Ms", HeaderValue::from_static("15000"));
    /// let rl = RateLimit::from_headers(&h);
    /// assert_eq!(rl.requests_left, Some(35));
    /// assert_eq!(rl.time_reset, Some(std::time::Duration::from_secs(15)));
    /// ```
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let number =
            |name: &str| -> Option<u64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
        Self {
            requests_left: number(REQUESTS_LEFT),
            requests_quota: number(REQUESTS_QUOTA),
            time_reset: number(TIME_RESET_MS).map(Duration::from_millis),
            time_window: number(TIME_WINDOW_MS).map(Duration::from_millis),
        }
    }

    /// Whether the quota is used up (the next request would get a 429).
    pub fn exhausted(&self) -> bool {
        self.requests_left == Some(0)
    }
}

/// A [`ThrottleClassifier`](crate::ThrottleClassifier) for BigCommerce: a 429 waits
/// `X-Rate-Limit-Time-Reset-Ms` (unknown wait when absent: platform load shedding); other
/// responses are not throttles.
pub fn rate_limit_throttle(resp: &UpstreamResponse) -> Option<Throttle> {
    if resp.status().as_u16() != 429 {
        return None;
    }
    Some(Throttle {
        retry_after: RateLimit::from_headers(resp.headers()).time_reset,
    })
}

#[cfg(test)]
mod tests {
    use http::{HeaderValue, StatusCode};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn parses_all_four_headers() {
        let h = headers(&[
            ("x-rate-limit-time-window-ms", "30000"),
            ("X-Rate-Limit-Time-Reset-Ms", "15000"),
            ("X-RATE-LIMIT-REQUESTS-QUOTA", "150"),
            ("x-rate-limit-requests-left", "0"),
        ]);
        let rl = RateLimit::from_headers(&h);
        assert_eq!(
            rl,
            RateLimit {
                requests_left: Some(0),
                requests_quota: Some(150),
                time_reset: Some(Duration::from_secs(15)),
                time_window: Some(Duration::from_secs(30)),
            }
        );
        assert!(rl.exhausted());
    }

    #[test]
    fn malformed_headers_are_absent() {
        let h = headers(&[(REQUESTS_LEFT, "-1"), (TIME_RESET_MS, "soon")]);
        assert_eq!(RateLimit::from_headers(&h), RateLimit::default());
        assert!(!RateLimit::default().exhausted());
    }

    #[test]
    fn classifier_only_fires_on_429() {
        let h = headers(&[(TIME_RESET_MS, "1500")]);
        let throttled = UpstreamResponse::new(StatusCode::TOO_MANY_REQUESTS, h.clone(), "");
        assert_eq!(
            rate_limit_throttle(&throttled),
            Some(Throttle::after(Duration::from_millis(1500)))
        );
        let shed = UpstreamResponse::new(StatusCode::TOO_MANY_REQUESTS, HeaderMap::new(), "");
        assert_eq!(rate_limit_throttle(&shed), Some(Throttle::unknown_wait()));
        let ok = UpstreamResponse::new(StatusCode::OK, h, "{}");
        assert_eq!(rate_limit_throttle(&ok), None);
    }
}

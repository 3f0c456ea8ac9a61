//! `Retry-After` parsing (RFC 9110 §10.2.3), tolerant of Shopify's fractional seconds.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::RETRY_AFTER;

/// Waits longer than this are clamped while parsing (the client bounds them much lower).
const PARSE_CEILING: Duration = Duration::from_secs(24 * 60 * 60);

/// The `Retry-After` of a header map, relative to `now`.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use http::{HeaderMap, HeaderValue, header::RETRY_AFTER};
/// let mut headers = HeaderMap::new();
/// headers.insert(RETRY_AFTER, HeaderValue::from_static("2.0"));
/// assert_eq!(shopmcp_http::retry_after(&headers, SystemTime::now()), Some(Duration::from_secs(2)));
/// ```
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// Parses a `Retry-After` value: delay seconds (`120`, or fractional such as `2.0`, as Shopify
/// sends) or an HTTP-date (all three RFC 9110 formats), relative to `now`.
///
/// A date in the past gives zero. Negative, non-finite or malformed values give `None`. Values
/// are clamped to one day.
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use shopmcp_http::parse_retry_after;
/// let now = UNIX_EPOCH + Duration::from_secs(784_111_767); // Sun, 06 Nov 1994 08:49:27 GMT
/// assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::from_secs(10)));
/// assert_eq!(parse_retry_after("soon", now), None);
/// ```
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let secs: f64 = value.parse().ok()?;
        if !secs.is_finite() || secs < 0.0 {
            return None;
        }
        return Some(Duration::from_secs_f64(
            secs.min(PARSE_CEILING.as_secs_f64()),
        ));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let wait = at.duration_since(now).unwrap_or(Duration::ZERO);
    Some(wait.min(PARSE_CEILING))
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use http::HeaderValue;

    use super::*;

    fn now() -> SystemTime {
        // Sun, 06 Nov 1994 08:49:27 GMT
        UNIX_EPOCH + Duration::from_secs(784_111_767)
    }

    #[test]
    fn delay_seconds() {
        assert_eq!(parse_retry_after("0", now()), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("120", now()),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after(" 5 ", now()),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("2.0", now()),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse_retry_after("0.5", now()),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            parse_retry_after("99999999999", now()),
            Some(Duration::from_secs(86_400))
        );
    }

    #[test]
    fn http_dates_in_every_format() {
        let want = Some(Duration::from_secs(10));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now()),
            want
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now()),
            want
        );
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now()), want);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now()),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn garbage_is_none() {
        for bad in [
            "",
            "  ",
            "-1",
            "1e3",
            "soon",
            "1.2.3",
            "NaN",
            "inf",
            "Sun, 32 Nov 1994",
        ] {
            assert_eq!(parse_retry_after(bad, now()), None, "{bad:?}");
        }
    }

    #[test]
    fn from_headers() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now()), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers, now()), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_bytes(b"\xff").unwrap());
        assert_eq!(retry_after(&headers, now()), None);
    }
}

//! Shopify Admin GraphQL throttling: calculated query cost and the `THROTTLED` error.
//!
//! Every Admin GraphQL response carries
//! `extensions.cost = {requestedQueryCost, actualQueryCost, throttleStatus: {maximumAvailable,
//! currentlyAvailable, restoreRate}}`. A throttled call answers (HTTP 200, sometimes 429)
//! `{"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}], "extensions":
//! {"cost": {...}}}`. The wait is `(requestedQueryCost - currentlyAvailable) / restoreRate` seconds.

use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::{Throttle, UpstreamResponse};

/// The bucket state in `extensions.cost.throttleStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThrottleStatus {
    /// Bucket size in cost points.
    pub maximum_available: f64,
    /// Points available now.
    pub currently_available: f64,
    /// Points restored per second.
    pub restore_rate: f64,
}

/// `extensions.cost` of a response.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryCost {
    /// What the query was estimated to cost.
    pub requested_query_cost: f64,
    /// What it did cost (`null` when it was throttled).
    #[serde(default)]
    pub actual_query_cost: Option<f64>,
    /// The bucket.
    pub throttle_status: ThrottleStatus,
}

impl QueryCost {
    /// How long until the bucket holds `requestedQueryCost` points: zero when it already does,
    /// `None` when it never will (the query costs more than the bucket holds, or the restore rate
    /// is not positive).
    ///
    /// ```
    /// use std::time::Duration;
    /// let cost: shopmcp_http::throttle::shopify::QueryCost = serde_json::from_str(
    ///     r#"{"requestedQueryCost": 752, "actualQueryCost": null,
    ///         "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": 452, "restoreRate": 50.0}}"#,
    /// ).unwrap();
    /// assert_eq!(cost.wait(), Some(Duration::from_secs(6)));
    /// ```
    pub fn wait(&self) -> Option<Duration> {
        let status = self.throttle_status;
        let valid = [
            self.requested_query_cost,
            status.currently_available,
            status.restore_rate,
            status.maximum_available,
        ]
        .iter()
        .all(|v| v.is_finite());
        if !valid || status.restore_rate <= 0.0 {
            return None;
        }
        if self.requested_query_cost > status.maximum_available {
            return None;
        }
        let missing = (self.requested_query_cost - status.currently_available).max(0.0);
        let millis = (missing / status.restore_rate * 1000.0).ceil();
        Some(Duration::from_millis(millis as u64))
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    errors: Option<Value>,
    #[serde(default)]
    extensions: Option<Extensions>,
}

#[derive(Deserialize)]
struct Extensions {
    #[serde(default)]
    cost: Option<QueryCost>,
}

fn envelope(body: &[u8]) -> Option<Envelope> {
    serde_json::from_slice(body).ok()
}

/// `extensions.cost` of a GraphQL response body, if present and well-formed.
pub fn query_cost(body: &[u8]) -> Option<QueryCost> {
    envelope(body)?.extensions?.cost
}

/// Whether a GraphQL response body has an error with `extensions.code == "THROTTLED"`.
pub fn is_throttled(body: &[u8]) -> bool {
    if !contains(body, b"THROTTLED") {
        return false;
    }
    envelope(body).is_some_and(|e| has_throttled_error(e.errors.as_ref()))
}

fn has_throttled_error(errors: Option<&Value>) -> bool {
    let Some(Value::Array(errors)) = errors else {
        return false;
    };
    errors
        .iter()
        .any(|error| error.pointer("/extensions/code").and_then(Value::as_str) == Some("THROTTLED"))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A [`ThrottleClassifier`](crate::ThrottleClassifier) for Shopify Admin GraphQL: a 200 or 429
/// whose body has a `THROTTLED` error is throttled, with the wait computed from
/// `extensions.cost` (see [`QueryCost::wait`]).
///
/// ```
/// use http::StatusCode;
/// use shopmcp_http::{throttle::shopify::graphql_throttle, UpstreamResponse};
/// let body = br#"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
///   "extensions":{"cost":{"requestedQueryCost":150,"actualQueryCost":null,
///   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":50,"restoreRate":100.0}}}}"#;
/// let resp = UpstreamResponse::new(StatusCode::OK, Default::default(), body.to_vec());
/// let throttle = graphql_throttle(&resp).unwrap();
/// assert_eq!(throttle.retry_after, Some(std::time::Duration::from_secs(1)));
/// ```
pub fn graphql_throttle(resp: &UpstreamResponse) -> Option<Throttle> {
    let status = resp.status().as_u16();
    if status != 200 && status != 429 {
        return None;
    }
    let body = resp.body();
    if !contains(body, b"THROTTLED") {
        return None;
    }
    let env = envelope(body)?;
    if !has_throttled_error(env.errors.as_ref()) {
        return None;
    }
    let wait = env.extensions.and_then(|e| e.cost).and_then(|c| c.wait());
    Some(Throttle { retry_after: wait })
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, StatusCode};

    use super::*;

    const OBSERVED: &str = r#"{"data":{"shop":{"name":"x"}},"extensions":{"cost":{
        "requestedQueryCost":2,"actualQueryCost":2,"throttleStatus":{
        "maximumAvailable":2000.0,"currentlyAvailable":1589,"restoreRate":100.0}}}}"#;

    const THROTTLED: &str = r#"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED",
        "documentation":"https://shopify.dev/api/usage/rate-limits"}}],"extensions":{"cost":{
        "requestedQueryCost":752,"actualQueryCost":null,"throttleStatus":{
        "maximumAvailable":1000.0,"currentlyAvailable":452,"restoreRate":50.0}}}}"#;

    fn resp(status: u16, body: &str) -> UpstreamResponse {
        UpstreamResponse::new(
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            body.as_bytes().to_vec(),
        )
    }

    #[test]
    fn parses_observed_cost() {
        let cost = query_cost(OBSERVED.as_bytes()).unwrap();
        assert_eq!(cost.requested_query_cost, 2.0);
        assert_eq!(cost.actual_query_cost, Some(2.0));
        assert_eq!(cost.throttle_status.maximum_available, 2000.0);
        assert_eq!(cost.throttle_status.currently_available, 1589.0);
        assert_eq!(cost.throttle_status.restore_rate, 100.0);
        assert_eq!(cost.wait(), Some(Duration::ZERO));
        assert!(!is_throttled(OBSERVED.as_bytes()));
        assert_eq!(graphql_throttle(&resp(200, OBSERVED)), None);
    }

    #[test]
    fn throttled_body_gives_computed_wait() {
        assert!(is_throttled(THROTTLED.as_bytes()));
        let cost = query_cost(THROTTLED.as_bytes()).unwrap();
        assert_eq!(cost.actual_query_cost, None);
        // (752 - 452) / 50 = 6 s
        assert_eq!(cost.wait(), Some(Duration::from_secs(6)));
        let want = Some(Throttle::after(Duration::from_secs(6)));
        assert_eq!(graphql_throttle(&resp(200, THROTTLED)), want);
        assert_eq!(graphql_throttle(&resp(429, THROTTLED)), want);
        assert_eq!(graphql_throttle(&resp(500, THROTTLED)), None);
    }

    #[test]
    fn throttled_without_cost_has_unknown_wait() {
        let body = r#"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}"#;
        assert_eq!(
            graphql_throttle(&resp(200, body)),
            Some(Throttle::unknown_wait())
        );
    }

    #[test]
    fn other_errors_and_marker_in_data_are_not_throttles() {
        let other = r#"{"errors":[{"message":"x","extensions":{"code":"ACCESS_DENIED"}}]}"#;
        assert_eq!(graphql_throttle(&resp(200, other)), None);
        let in_data = r#"{"data":{"note":"THROTTLED"}}"#;
        assert_eq!(graphql_throttle(&resp(200, in_data)), None);
        let string_errors = r#"{"errors":"THROTTLED"}"#;
        assert_eq!(graphql_throttle(&resp(200, string_errors)), None);
        assert_eq!(graphql_throttle(&resp(200, "THROTTLED not json")), None);
    }

    #[test]
    fn impossible_waits_are_none() {
        let mut cost = query_cost(THROTTLED.as_bytes()).unwrap();
        cost.requested_query_cost = 5000.0;
        assert_eq!(cost.wait(), None);
        let mut cost = query_cost(THROTTLED.as_bytes()).unwrap();
        cost.throttle_status.restore_rate = 0.0;
        assert_eq!(cost.wait(), None);
        cost.throttle_status.restore_rate = f64::NAN;
        assert_eq!(cost.wait(), None);
    }

    #[test]
    fn fractional_wait_rounds_up_to_the_millisecond() {
        let mut cost = query_cost(THROTTLED.as_bytes()).unwrap();
        cost.throttle_status.currently_available = 751.99;
        assert_eq!(cost.wait(), Some(Duration::from_millis(1)));
    }
}

//! [`HttpClient`]: the retry loop around single attempts, under one deadline.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use shopmcp_core::{CallContext, ToolError};
use tokio::time::Instant;
use url::{Host, Url};

use crate::address::AddressPolicy;
use crate::attempt::{self, AttemptError};
use crate::errors::{
    cancelled_error, deadline_error, forbidden_destination, throttled_error, transport_error,
};
use crate::resolve::{GuardedResolver, ResolveFailure};
use crate::retry::{RetryPolicy, Retryable, jitter};
use crate::target::Target;
use crate::{
    BaseUrl, HttpClientBuilder, Throttle, ThrottleClassifier, UpstreamRequest, UpstreamResponse,
    UpstreamUrl, retry_after,
};

/// What the builder hands over.
pub(crate) struct ClientConfig {
    pub(crate) client: reqwest::Client,
    pub(crate) resolver: GuardedResolver,
    pub(crate) policy: AddressPolicy,
    pub(crate) allow_loopback_http: bool,
    pub(crate) retry: RetryPolicy,
    pub(crate) body_limit: usize,
}

/// The hardened upstream HTTP client. Cheap to clone (an `Arc` inside); share one per process.
///
/// Every request:
/// - goes to `https://` and a public address only (the SSRF guard checks IP literals before
///   anything is sent and resolved addresses before connecting; the connection uses the checked
///   address),
/// - is not redirected (a 3xx is returned, never followed, so credentials never reach another
///   host),
/// - runs under the call's deadline ([`CallContext::deadline`]) for all attempts together, and
///   stops when the call is cancelled,
/// - is retried only if it is a [`RequestClass::Read`](crate::RequestClass::Read): after 5xx and
///   connection failures (2 retries by default, jittered exponential backoff) and after throttle
///   signals (waiting `Retry-After`, at most 30 s by default, and only if the wait ends before the
///   deadline). 4xx other than 429 is never retried; writes are never retried at all,
/// - reads at most the body cap (4 MiB by default) while the body streams in.
///
/// ```no_run
/// # async fn demo(ctx: &shopmcp_core::CallContext) -> Result<(), shopmcp_core::ToolError> {
/// use shopmcp_http::{BaseUrl, HttpClient, UpstreamRequest};
/// let client = HttpClient::builder().build().expect("client");
/// let base = BaseUrl::parse("https://shop.example.com")?;
/// let url = base.endpoint(["rest", "V1", "orders", "1001"])?;
/// let order: serde_json::Value = client.send(ctx, UpstreamRequest::get(url)).await?.json()?;
/// # let _ = order; Ok(()) }
/// ```
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<ClientConfig>,
}

impl HttpClient {
    /// A builder with the safe defaults.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder::new()
    }

    pub(crate) fn from_config(config: ClientConfig) -> Self {
        Self {
            inner: Arc::new(config),
        }
    }

    /// The response body cap in bytes.
    pub fn body_limit(&self) -> usize {
        self.inner.body_limit
    }

    /// Sends `req` and maps every non-2xx final status to an error (see the crate's "Errors"
    /// section).
    pub async fn send(
        &self,
        ctx: &CallContext,
        req: UpstreamRequest,
    ) -> Result<UpstreamResponse, ToolError> {
        self.send_raw(ctx, req).await?.error_for_status()
    }

    /// Sends `req` with the same policy as [`send`](Self::send), but returns the final response
    /// whatever its status (3xx, 4xx, or a 5xx once retries are used up), so a platform crate
    /// can read a structured error body. Throttling that was not waited out, transport
    /// failures, timeouts, cancellation and refused destinations are still errors.
    pub async fn send_raw(
        &self,
        ctx: &CallContext,
        req: UpstreamRequest,
    ) -> Result<UpstreamResponse, ToolError> {
        let target = Target::of(req.method(), req.url());
        self.check_static(req.url().url(), &target)?;
        let deadline = ctx.deadline();
        let cancel = ctx.cancellation();
        let class = req.class();
        let mut retries = 0u32;
        loop {
            if cancel.is_cancelled() {
                return Err(cancelled_error(&target));
            }
            let attempt = attempt::run(&self.inner.client, &req, &target, self.inner.body_limit);
            let result = tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(cancelled_error(&target)),
                r = tokio::time::timeout_at(deadline, attempt) => r,
            };
            let Ok(result) = result else {
                return Err(deadline_error(class, &target, retries + 1));
            };
            let (retryable, outcome) = match result {
                Err(AttemptError::Final(err)) => return Err(err),
                Err(AttemptError::Transport { kind, cause }) => {
                    tracing::debug!(
                        host = target.host(),
                        path = target.path(),
                        ?kind,
                        retries,
                        "upstream transport failure"
                    );
                    let err = transport_error(kind, class, &target, &cause);
                    (Retryable::Transport, Err(err))
                }
                Ok(received) => {
                    let status = received.status;
                    tracing::debug!(
                        host = target.host(),
                        path = target.path(),
                        status = status.as_u16(),
                        retries,
                        "upstream response"
                    );
                    let resp = UpstreamResponse::received(
                        status,
                        received.headers,
                        received.body,
                        target.clone(),
                        class,
                    );
                    if let Some(throttle) = throttle_of(&resp, req.classifier()) {
                        let wait = throttle.retry_after;
                        let err = throttled_error(class, wait, &target, Some(status.as_u16()));
                        (Retryable::Throttled { retry_after: wait }, Err(err))
                    } else if status.is_server_error() {
                        let wait = retry_after(resp.headers(), SystemTime::now());
                        (Retryable::ServerError { retry_after: wait }, Ok(resp))
                    } else {
                        return Ok(resp);
                    }
                }
            };
            let remaining = deadline.saturating_duration_since(Instant::now());
            let policy = &self.inner.retry;
            let Some(wait) = policy.next_wait(class, retries, retryable, remaining, jitter())
            else {
                return outcome;
            };
            tracing::debug!(
                host = target.host(),
                path = target.path(),
                wait_ms = wait.as_millis() as u64,
                retries,
                "retrying upstream read"
            );
            tokio::select! {
                biased;
                () = cancel.cancelled() => return Err(cancelled_error(&target)),
                () = tokio::time::sleep(wait) => {}
            }
            retries += 1;
        }
    }

    /// Checks, without sending anything, that requests to `base` would be allowed: scheme, IP
    /// literal and, for a host name, every address it resolves to now. Use it to validate a
    /// tenant-supplied store URL when it is configured; the check is repeated on every request.
    pub async fn check_base_url(&self, base: &BaseUrl) -> Result<(), ToolError> {
        self.check_destination(base.url()).await
    }

    /// Like [`check_base_url`](Self::check_base_url), for an endpoint URL.
    pub async fn check_url(&self, url: &UpstreamUrl) -> Result<(), ToolError> {
        self.check_destination(url.url()).await
    }

    async fn check_destination(&self, url: &Url) -> Result<(), ToolError> {
        let target = format!("{}://{}", url.scheme(), crate::base_url::host_port(url));
        self.check_static(url, &target)?;
        let Some(Host::Domain(host)) = url.host() else {
            return Ok(());
        };
        match self.inner.resolver.resolve_checked(host).await {
            Ok(_) => Ok(()),
            Err(ResolveFailure::Refused { refused, .. }) => Err(forbidden_destination(
                &format!(
                    "its host name resolves to {}; only public internet addresses are allowed",
                    refused.class
                ),
                format!("{target}: {refused}"),
            )),
            Err(failure @ ResolveFailure::Lookup { .. }) => Err(ToolError::new(
                shopmcp_core::ErrorKind::UpstreamUnavailable,
                "the store's host name could not be resolved",
            )
            .with_detail(failure.to_string())),
        }
    }

    /// Scheme and IP-literal checks: everything that needs no lookup.
    fn check_static(&self, url: &Url, target: &dyn fmt::Display) -> Result<(), ToolError> {
        let literal = match url.host() {
            Some(Host::Ipv4(ip)) => Some(std::net::IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => Some(std::net::IpAddr::V6(ip)),
            Some(Host::Domain(_)) => None,
            None => {
                return Err(forbidden_destination(
                    "it has no host",
                    format!("{target}: no host"),
                ));
            }
        };
        match url.scheme() {
            "https" => {}
            "http"
                if self.inner.allow_loopback_http && literal.is_some_and(|ip| ip.is_loopback()) => {
            }
            scheme => {
                return Err(forbidden_destination(
                    "the store must be reached over https",
                    format!("{target}: scheme {scheme} refused"),
                ));
            }
        }
        if let Some(ip) = literal {
            self.inner.policy.check(ip).map_err(|refused| {
                forbidden_destination(
                    &format!(
                        "it is {}; only public internet addresses are allowed",
                        refused.class
                    ),
                    format!("{target}: {refused}"),
                )
            })?;
        }
        Ok(())
    }
}

/// The throttle signal of a response: the classifier's (2xx and 429), or any 429. The wait is
/// the classifier's, else `Retry-After`.
fn throttle_of(
    resp: &UpstreamResponse,
    classifier: Option<ThrottleClassifier>,
) -> Option<Throttle> {
    let status = resp.status();
    let is_429 = status.as_u16() == 429;
    let classified = if status.is_success() || is_429 {
        classifier.and_then(|classify| classify(resp))
    } else {
        None
    };
    if classified.is_none() && !is_429 {
        return None;
    }
    let header = || retry_after(resp.headers(), SystemTime::now());
    let wait = classified.and_then(|t| t.retry_after).or_else(header);
    Some(Throttle { retry_after: wait })
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("policy", &self.inner.policy)
            .field("allow_loopback_http", &self.inner.allow_loopback_http)
            .field("retry", &self.inner.retry)
            .field("body_limit", &self.inner.body_limit)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use http::{HeaderMap, HeaderValue, StatusCode};

    use super::*;

    fn resp(status: u16, retry_after: Option<&'static str>) -> UpstreamResponse {
        let mut headers = HeaderMap::new();
        if let Some(v) = retry_after {
            headers.insert("retry-after", HeaderValue::from_static(v));
        }
        UpstreamResponse::new(StatusCode::from_u16(status).unwrap(), headers, "")
    }

    fn always(_: &UpstreamResponse) -> Option<Throttle> {
        Some(Throttle::after(Duration::from_secs(9)))
    }

    fn unknown(_: &UpstreamResponse) -> Option<Throttle> {
        Some(Throttle::unknown_wait())
    }

    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    fn assert_send<T: Send>(_: T) {}

    #[test]
    fn client_and_its_futures_can_cross_threads() {
        let client = HttpClient::builder().build().unwrap();
        assert_send_sync(&client);
        let ctx = CallContext::new(
            shopmcp_core::WorkspaceId::random(),
            shopmcp_core::Principal::new("t"),
            Duration::from_secs(1),
        );
        let url = BaseUrl::parse("https://shop.example.com")
            .unwrap()
            .endpoint(["x"])
            .unwrap();
        // Futures are built, not polled: nothing is sent.
        assert_send(client.send(&ctx, UpstreamRequest::get(url.clone())));
        assert_send(client.send_raw(&ctx, UpstreamRequest::get(url.clone())));
        assert_send(client.check_url(&url));
    }

    #[test]
    fn throttle_detection() {
        assert_eq!(throttle_of(&resp(200, None), None), None);
        assert_eq!(
            throttle_of(&resp(429, None), None),
            Some(Throttle::unknown_wait())
        );
        assert_eq!(
            throttle_of(&resp(429, Some("4")), None),
            Some(Throttle::after(Duration::from_secs(4)))
        );
        assert_eq!(
            throttle_of(&resp(429, Some("4")), Some(always)),
            Some(Throttle::after(Duration::from_secs(9)))
        );
        assert_eq!(
            throttle_of(&resp(429, Some("4")), Some(unknown)),
            Some(Throttle::after(Duration::from_secs(4)))
        );
        assert_eq!(
            throttle_of(&resp(200, None), Some(always)),
            Some(Throttle::after(Duration::from_secs(9)))
        );
        // The classifier is not consulted for other statuses.
        assert_eq!(throttle_of(&resp(503, None), Some(always)), None);
        assert_eq!(throttle_of(&resp(404, None), Some(always)), None);
    }
}

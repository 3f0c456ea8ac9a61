//! Helpers shared by the end-to-end tests.

use std::time::Duration;

use shopmcp_core::{CallContext, Principal, WorkspaceId};
use shopmcp_http::{BaseUrl, HttpClient, HttpClientBuilder, UpstreamUrl};
use shopmcp_testkit::FakeUpstream;

/// A context with a generous deadline.
pub(crate) fn ctx() -> CallContext {
    ctx_with(Duration::from_secs(60))
}

/// A context due in `timeout`.
pub(crate) fn ctx_with(timeout: Duration) -> CallContext {
    CallContext::new(WorkspaceId::random(), Principal::new("test"), timeout)
}

/// A builder with short backoff steps so retry tests stay quick.
pub(crate) fn quick() -> HttpClientBuilder {
    HttpClient::builder().base_backoff(Duration::from_millis(10))
}

/// A client that may use plain http to loopback (the test door).
pub(crate) fn loopback_client() -> HttpClient {
    quick().dangerous().allow_loopback_http().build().unwrap()
}

/// The fake's base URL.
pub(crate) fn base(fake: &FakeUpstream) -> BaseUrl {
    BaseUrl::parse(&fake.base_url()).unwrap()
}

/// An endpoint on the fake.
pub(crate) fn url(fake: &FakeUpstream, segments: &[&str]) -> UpstreamUrl {
    base(fake).endpoint(segments).unwrap()
}

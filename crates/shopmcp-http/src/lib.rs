//! # shopmcp-http
//!
//! The one HTTP client every shopmcp platform crate uses to reach a store. Its safety properties
//! are not settings:
//!
//! - **TLS is always verified** (rustls with the aws-lc-rs provider, the platform's roots).
//!   A merchant's private root CA can be added; verification cannot be turned off by any option,
//!   feature or environment variable.
//! - **https only, public addresses only.** Plain `http://` is possible only to loopback IP
//!   literals and only through [`HttpClientBuilder::dangerous`]. Tenant-supplied URLs
//!   ([`BaseUrl::parse`]) refuse user-info and IP-literal tricks; every destination is checked
//!   against the SSRF guard ([`AddressClass`]): literals before anything is sent, host names after
//!   resolution and before connecting, and the connection goes to the checked address (no DNS
//!   rebinding window). Ambient proxy variables are ignored.
//! - **Fixed hosts** for Shopify ([`ShopHandle`] → `{handle}.myshopify.com`) and BigCommerce
//!   ([`StoreHash`] → `api.bigcommerce.com/stores/{hash}`), from strictly validated identifiers.
//! - **Path segments are percent-encoded** one by one ([`BaseUrl::endpoint`]); a value can never
//!   change the route.
//! - **No redirects**: a 3xx is an answer, so credentials never reach another host.
//! - **Bounded retries, reads only** ([`RequestClass`]): 4xx is never retried; 429 and platform
//!   throttle signals ([`throttle`]) are waited out (bounded, within the deadline) for reads;
//!   5xx and connection failures get at most 2 jittered retries for reads; writes are never
//!   retried. One deadline ([`CallContext::deadline`](shopmcp_core::CallContext::deadline))
//!   covers the whole call, and cancellation is honoured.
//! - **Body cap** (4 MiB by default) enforced while the body streams in.
//! - **Quiet**: nothing is logged above `debug`; never bodies, headers or query strings.
//!
//! ```no_run
//! # async fn demo(ctx: &shopmcp_core::CallContext) -> Result<(), shopmcp_core::ToolError> {
//! use http::header::HeaderName;
//! use shopmcp_core::secret::SecretString;
//! use shopmcp_http::{HttpClient, ShopHandle, UpstreamRequest, throttle::shopify};
//!
//! let client = HttpClient::builder().build().expect("client");
//! let shop = ShopHandle::parse("acme")?;
//! let url = shop.base_url().endpoint(["admin", "api", "2026-07", "graphql.json"])?;
//! let token = SecretString::from("shpat_example");
//! let req = UpstreamRequest::post(url)
//!     .read()
//!     .secret_header(HeaderName::from_static("x-shopify-access-token"), &token)?
//!     .json(&serde_json::json!({ "query": "{ shop { name } }" }))?
//!     .throttle_classifier(shopify::graphql_throttle);
//! let body: serde_json::Value = client.send(ctx, req).await?.json()?;
//! # let _ = body; Ok(()) }
//! ```
//!
//! # Errors
//!
//! Every failure is a [`ToolError`](shopmcp_core::ToolError). Its model-facing message is a fixed
//! text (with the HTTP status at most): never the query string, a header value, the body or a
//! secret. The operator detail adds method, host and path (no query).
//!
//! | outcome | [`ErrorKind`](shopmcp_core::ErrorKind) |
//! |---|---|
//! | 3xx (redirects are never followed) | `UpstreamRejected` |
//! | 400, 409, 422 and other 4xx | `UpstreamRejected` |
//! | 401 | `Credentials` |
//! | 403 | `MissingScope`: stores answer 403 when the token lacks a scope/permission |
//! | 404, 410 | `NotFound` |
//! | 408 | `Timeout` |
//! | 429 or a platform throttle signal not waited out | `UpstreamThrottled`, with the wait as retry hint, for reads and writes alike (`RateLimited` stays the workspace's own budget) |
//! | 5xx, connection failure, TLS failure | `UpstreamUnavailable` |
//! | body over the cap | `UpstreamUnavailable`: "response was larger than N bytes" |
//! | malformed JSON ([`UpstreamResponse::json`]) | `UpstreamUnavailable`: "malformed response" |
//! | deadline passed | `Timeout` |
//! | call cancelled | `Cancelled` |
//! | destination refused (not https, not a public address) | `Forbidden` |
//! | empty, `.` or `..` path segment; invalid store URL | `InvalidArguments` |
//! | a credential that cannot be a header value | `Credentials` |
//!
//! Messages for writes that failed after being sent say that the change was not retried and may
//! or may not have been applied.
#![forbid(unsafe_code)]

mod address;
mod attempt;
mod base_url;
mod body;
mod builder;
mod client;
mod errors;
mod hosts;
mod path;
mod request;
mod resolve;
mod response;
mod retry;
mod target;
pub mod throttle;
mod url_error;

pub use address::AddressClass;
pub use base_url::{BaseUrl, UpstreamUrl};
pub use builder::{
    BuildError, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_BODY_LIMIT, DEFAULT_CONNECT_TIMEOUT,
    DangerousBuilder, HttpClientBuilder,
};
pub use client::HttpClient;
pub use hosts::{ShopHandle, StoreHash};
pub use path::encode_segment;
pub use request::{RequestClass, UpstreamRequest};
pub use resolve::{Resolver, SystemResolver};
pub use response::UpstreamResponse;
pub use throttle::{Throttle, ThrottleClassifier, parse_retry_after, retry_after};
pub use url_error::UrlError;

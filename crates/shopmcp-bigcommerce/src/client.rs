//! [`BigCommerceClient`]: the only code that talks to `shopmcp-http`.
//!
//! Every request:
//! - goes to `{config base}/v2/…` or `{config base}/v3/…` (the host and store hash come from
//!   [`BigCommerceConfig`]; each path segment is percent-encoded on its own);
//! - carries `X-Auth-Token` from the per-call credential (marked sensitive), `Accept:
//!   application/json`, and `Content-Type: application/json` when it has a body;
//! - lets `shopmcp-http` recognise BigCommerce's rate limiting
//!   ([`rate_limit_throttle`]: a 429 waits `X-Rate-Limit-Time-Reset-Ms`; reads wait, bounded;
//!   writes report the throttle and are never retried);
//! - reads the answer in the shape of its API version: v2 objects and bare arrays (an empty body
//!   or 204 is an empty list), v3 `{"data": …, "meta": {"pagination": …}}`.
//!
//! Upstream 404/410 become [`ErrorKind::NotFound`](shopmcp_core::ErrorKind::NotFound) naming the
//! object; 400/409/422 become actionable messages from BigCommerce's error body
//! ([`crate::error`]); everything else keeps `shopmcp-http`'s mapping.

use std::fmt;
use std::sync::Arc;

use http::header::{ACCEPT, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shopmcp_core::{CallContext, ToolError};
use shopmcp_http::throttle::bigcommerce::{RateLimit, rate_limit_throttle};
use shopmcp_http::{HttpClient, RequestClass, UpstreamRequest, UpstreamResponse};

use crate::config::BigCommerceConfig;
use crate::credentials::BigCommerceCredentials;
use crate::error::{BcError, rejection};
use crate::wire::{ListMeta, Page};

const X_AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");

/// The BigCommerce REST API generation an endpoint belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Api {
    /// `/v2/…`: bare objects and arrays.
    V2,
    /// `/v3/…`: `{"data": …, "meta": …}`.
    V3,
}

impl Api {
    fn segment(self) -> &'static str {
        match self {
            Self::V2 => "v2",
            Self::V3 => "v3",
        }
    }
}

/// One upstream endpoint: API version, path segments below it, and what it names (for
/// "not found" messages).
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    api: Api,
    segments: Vec<String>,
    what: String,
}

impl Endpoint {
    /// An endpoint under `/v2/`.
    pub(crate) fn v2<I: IntoIterator<Item = S>, S: ToString>(segments: I, what: &str) -> Self {
        Self::new(Api::V2, segments, what)
    }

    /// An endpoint under `/v3/`.
    pub(crate) fn v3<I: IntoIterator<Item = S>, S: ToString>(segments: I, what: &str) -> Self {
        Self::new(Api::V3, segments, what)
    }

    fn new<I: IntoIterator<Item = S>, S: ToString>(api: Api, segments: I, what: &str) -> Self {
        Self {
            api,
            segments: segments.into_iter().map(|s| s.to_string()).collect(),
            what: what.to_owned(),
        }
    }
}

/// Query parameters; names are compile-time constants, values come from validated inputs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query(Vec<(&'static str, String)>);

/// A value that can be a query parameter.
pub(crate) trait QueryValue {
    /// The text sent (form-urlencoded by `shopmcp-http`).
    fn into_query(self) -> String;
}

impl QueryValue for String {
    fn into_query(self) -> String {
        self
    }
}

impl QueryValue for &str {
    fn into_query(self) -> String {
        self.to_owned()
    }
}

macro_rules! display_query_value {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn into_query(self) -> String {
                self.to_string()
            }
        }
    )*};
}

display_query_value!(u32, u64, bool);

impl Query {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    #[must_use]
    pub(crate) fn set(mut self, name: &'static str, value: impl QueryValue) -> Self {
        self.0.push((name, value.into_query()));
        self
    }

    /// Adds `name=value` when there is a value.
    #[must_use]
    pub(crate) fn opt<T: QueryValue>(self, name: &'static str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.set(name, v),
            None => self,
        }
    }

    /// Adds `page` and `limit`.
    #[must_use]
    pub(crate) fn paging(self, paging: crate::wire::Paging) -> Self {
        self.set("page", paging.page).set("limit", paging.limit)
    }
}

/// How a write is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    /// PUT: changes an object.
    Put,
    /// POST: creates something.
    Post,
    /// POST that only computes an answer and creates nothing (BigCommerce's refund quotes):
    /// sent as a read, so `shopmcp-http` may retry it.
    PostCalculation,
}

/// Where the object of an answer sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The body is the object (v2, and v3 endpoints such as inventory adjustments).
    Bare,
    /// The object is the body's `data` (most v3 endpoints).
    Data,
}

/// A BigCommerce store client. Cheap to clone (an `Arc` inside).
///
/// ```
/// use shopmcp_bigcommerce::{BigCommerceClient, BigCommerceConfig};
/// let http = shopmcp_http::HttpClient::builder().build().unwrap();
/// let client = BigCommerceClient::new(http, BigCommerceConfig::parse("h10wocxy6s").unwrap());
/// assert_eq!(client.config().store_hash().as_str(), "h10wocxy6s");
/// ```
#[derive(Clone)]
pub struct BigCommerceClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: HttpClient,
    config: BigCommerceConfig,
}

impl fmt::Debug for BigCommerceClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BigCommerceClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

#[derive(serde::Deserialize)]
struct DataEnvelope<T> {
    data: T,
}

#[derive(serde::Deserialize)]
struct ListEnvelope<T> {
    data: Vec<T>,
    #[serde(default)]
    meta: ListMeta,
}

impl BigCommerceClient {
    /// A client for the store in `config`, over the hardened `http` client.
    pub fn new(http: HttpClient, config: BigCommerceConfig) -> Self {
        Self {
            inner: Arc::new(Inner { http, config }),
        }
    }

    /// The store configuration.
    pub fn config(&self) -> &BigCommerceConfig {
        &self.inner.config
    }

    /// GETs one page of a list (v2 bare array or v3 `data` array).
    pub(crate) async fn list<T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        creds: &BigCommerceCredentials,
        endpoint: &Endpoint,
        query: Query,
    ) -> Result<Page<T>, ToolError> {
        let req = self.request(creds, http::Method::GET, endpoint, query)?;
        let resp = self.exchange(ctx, req, endpoint).await?;
        decode_page(&resp, endpoint.api)
    }

    /// GETs one object.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        creds: &BigCommerceCredentials,
        endpoint: &Endpoint,
        query: Query,
    ) -> Result<T, ToolError> {
        let req = self.request(creds, http::Method::GET, endpoint, query)?;
        let resp = self.exchange(ctx, req, endpoint).await?;
        decode(&resp, endpoint, shape_of(endpoint))
    }

    /// Sends a JSON body with PUT or POST and reads the object of the answer.
    pub(crate) async fn send<B: Serialize, T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        creds: &BigCommerceCredentials,
        verb: Verb,
        endpoint: &Endpoint,
        body: &B,
        shape: Shape,
    ) -> Result<T, ToolError> {
        let method = match verb {
            Verb::Put => http::Method::PUT,
            Verb::Post | Verb::PostCalculation => http::Method::POST,
        };
        let mut req = self
            .request(creds, method, endpoint, Query::new())?
            .json(body)?;
        req = match verb {
            Verb::PostCalculation => req.read(),
            Verb::Put | Verb::Post => req.write(),
        };
        let resp = self.exchange(ctx, req, endpoint).await?;
        decode(&resp, endpoint, shape)
    }

    fn request(
        &self,
        creds: &BigCommerceCredentials,
        method: http::Method,
        endpoint: &Endpoint,
        query: Query,
    ) -> Result<UpstreamRequest, ToolError> {
        let segments = std::iter::once(endpoint.api.segment())
            .chain(endpoint.segments.iter().map(String::as_str));
        let url = self.inner.config.base_url().endpoint(segments)?;
        let mut req = UpstreamRequest::new(method, url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .secret_header(X_AUTH_TOKEN, creds.token())?
            .throttle_classifier(rate_limit_throttle);
        for (name, value) in query.0 {
            req = req.query(name, &value);
        }
        Ok(req)
    }

    /// Sends and maps failures (see [`checked`]).
    async fn exchange(
        &self,
        ctx: &CallContext,
        req: UpstreamRequest,
        endpoint: &Endpoint,
    ) -> Result<UpstreamResponse, ToolError> {
        let write = req.class() == RequestClass::Write;
        let resp = self.inner.http.send_raw(ctx, req).await?;
        checked(resp, endpoint, write)
    }
}

/// Maps an answer's status: 404/410 name the object, 400/409/422 explain the store's
/// validation errors, other failures keep `shopmcp-http`'s mapping.
pub(crate) fn checked(
    resp: UpstreamResponse,
    endpoint: &Endpoint,
    write: bool,
) -> Result<UpstreamResponse, ToolError> {
    let status = resp.status().as_u16();
    match status {
        200..=299 => {
            if RateLimit::from_headers(resp.headers()).exhausted() {
                tracing::debug!(
                    target: "shopmcp::bigcommerce",
                    "store API quota used up; the next request will be throttled"
                );
            }
            Ok(resp)
        }
        404 | 410 => Err(BcError::NotFound {
            what: endpoint.what.clone(),
            status,
        }
        .into()),
        400 | 409 | 422 => Err(rejection(status, resp.body(), write).into()),
        _ => resp.error_for_status(),
    }
}

/// One page of a list answer (v2 bare array or v3 `data` array with `meta`).
pub(crate) fn decode_page<T: DeserializeOwned>(
    resp: &UpstreamResponse,
    api: Api,
) -> Result<Page<T>, ToolError> {
    if resp.status().as_u16() == 204 || resp.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(Page {
            items: Vec::new(),
            meta: ListMeta::default(),
        });
    }
    match api {
        Api::V2 => Ok(Page {
            items: resp.json()?,
            meta: ListMeta::default(),
        }),
        Api::V3 => {
            let envelope: ListEnvelope<T> = resp.json()?;
            Ok(Page {
                items: envelope.data,
                meta: envelope.meta,
            })
        }
    }
}

fn shape_of(endpoint: &Endpoint) -> Shape {
    match endpoint.api {
        Api::V2 => Shape::Bare,
        Api::V3 => Shape::Data,
    }
}

pub(crate) fn decode<T: DeserializeOwned>(
    resp: &UpstreamResponse,
    endpoint: &Endpoint,
    shape: Shape,
) -> Result<T, ToolError> {
    if resp.body().iter().all(u8::is_ascii_whitespace) {
        return Err(BcError::Missing(format!(
            "the store returned no content for {}",
            endpoint.what
        ))
        .into());
    }
    match shape {
        Shape::Bare => resp.json(),
        Shape::Data => resp.json::<DataEnvelope<T>>().map(|e| e.data),
    }
}

//! [`UpstreamRequest`]: one request to a store, with its read/write class.

use std::fmt;

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use shopmcp_core::{ErrorKind, ToolError};

use crate::{ThrottleClassifier, UpstreamUrl};

/// Whether a request only reads or may change the store. It decides the retry policy.
///
/// - [`RequestClass::Read`]: retried on 5xx and connection failures (bounded, jittered backoff)
///   and after a throttle signal (bounded wait), all within the call's deadline.
/// - [`RequestClass::Write`]: never retried, whatever happens: a retry could apply a change
///   twice.
///
/// GET/HEAD/OPTIONS requests start as reads and everything else as writes; a GraphQL query sent
/// with POST is marked a read explicitly with [`UpstreamRequest::read`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestClass {
    /// No side effects: safe to retry.
    Read,
    /// May change the store: never retried.
    Write,
}

/// Header names that always carry credentials: their values are marked sensitive even when set
/// through [`UpstreamRequest::header`].
const CREDENTIAL_HEADERS: [&str; 8] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-shopify-access-token",
    "x-auth-token",
    "x-auth-client",
    "netoapi_key",
    "x-api-key",
];

fn is_credential_header(name: &HeaderName) -> bool {
    CREDENTIAL_HEADERS.contains(&name.as_str())
}

/// One request to a store.
///
/// ```
/// use http::header::HeaderName;
/// use shopmcp_core::secret::SecretString;
/// use shopmcp_http::{RequestClass, ShopHandle, UpstreamRequest};
///
/// let shop = ShopHandle::parse("acme").unwrap();
/// let url = shop.base_url().endpoint(["admin", "api", "2026-07", "graphql.json"]).unwrap();
/// let token = SecretString::from("shpat_example");
/// let req = UpstreamRequest::post(url)
///     .read() // a GraphQL query: no side effects
///     .secret_header(HeaderName::from_static("x-shopify-access-token"), &token)
///     .unwrap()
///     .json(&serde_json::json!({"query": "{ shop { name } }"}))
///     .unwrap();
/// assert_eq!(req.class(), RequestClass::Read);
/// assert!(!format!("{req:?}").contains("shpat_example"));
/// ```
#[derive(Clone)]
pub struct UpstreamRequest {
    method: Method,
    url: UpstreamUrl,
    headers: HeaderMap,
    body: Option<Bytes>,
    class: RequestClass,
    throttle: Option<ThrottleClassifier>,
}

impl UpstreamRequest {
    /// A request; GET, HEAD and OPTIONS are reads, every other method a write.
    pub fn new(method: Method, url: UpstreamUrl) -> Self {
        let class = if matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
            RequestClass::Read
        } else {
            RequestClass::Write
        };
        Self {
            method,
            url,
            headers: HeaderMap::new(),
            body: None,
            class,
            throttle: None,
        }
    }

    /// A GET (a read).
    pub fn get(url: UpstreamUrl) -> Self {
        Self::new(Method::GET, url)
    }

    /// A POST (a write unless marked [`read`](Self::read)).
    pub fn post(url: UpstreamUrl) -> Self {
        Self::new(Method::POST, url)
    }

    /// A PUT (a write).
    pub fn put(url: UpstreamUrl) -> Self {
        Self::new(Method::PUT, url)
    }

    /// A PATCH (a write).
    pub fn patch(url: UpstreamUrl) -> Self {
        Self::new(Method::PATCH, url)
    }

    /// A DELETE (a write).
    pub fn delete(url: UpstreamUrl) -> Self {
        Self::new(Method::DELETE, url)
    }

    /// Marks the request as a read (no side effects: may be retried).
    #[must_use]
    pub fn read(mut self) -> Self {
        self.class = RequestClass::Read;
        self
    }

    /// Marks the request as a write (never retried).
    #[must_use]
    pub fn write(mut self) -> Self {
        self.class = RequestClass::Write;
        self
    }

    /// Appends a query pair; key and value are form-urlencoded.
    #[must_use]
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.url.append_query(key, value);
        self
    }

    /// Sets a header (replacing earlier values). Values of credential headers
    /// (`Authorization`, `X-Shopify-Access-Token`, `X-Auth-Token`, `NETOAPI_KEY`, ...) are marked
    /// sensitive; prefer [`secret_header`](Self::secret_header) for them.
    #[must_use]
    pub fn header(mut self, name: HeaderName, mut value: HeaderValue) -> Self {
        if is_credential_header(&name) {
            value.set_sensitive(true);
        }
        self.headers.insert(name, value);
        self
    }

    /// Sets a credential header from a secret, marked sensitive.
    ///
    /// Fails with [`ErrorKind::Credentials`] (without echoing the value) when the secret holds
    /// characters a header cannot carry.
    pub fn secret_header(
        mut self,
        name: HeaderName,
        secret: &SecretString,
    ) -> Result<Self, ToolError> {
        let value = secret_value(secret.expose_secret())?;
        self.headers.insert(name, value);
        Ok(self)
    }

    /// Sets `Authorization: Bearer <token>`, marked sensitive.
    pub fn bearer_auth(mut self, token: &SecretString) -> Result<Self, ToolError> {
        let value = secret_value(&format!("Bearer {}", token.expose_secret()))?;
        self.headers.insert(AUTHORIZATION, value);
        Ok(self)
    }

    /// Sets a JSON body and `Content-Type: application/json`.
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Result<Self, ToolError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| ToolError::internal(format!("request body did not serialize: {e}")))?;
        Ok(self.body(HeaderValue::from_static("application/json"), bytes))
    }

    /// Sets an `application/x-www-form-urlencoded` body.
    #[must_use]
    pub fn form<I, K, V>(self, pairs: I) -> Self
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<(K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for pair in pairs {
            let (k, v) = std::borrow::Borrow::borrow(&pair);
            ser.append_pair(k.as_ref(), v.as_ref());
        }
        let content_type = HeaderValue::from_static("application/x-www-form-urlencoded");
        self.body(content_type, ser.finish())
    }

    /// Sets a raw body with its content type.
    #[must_use]
    pub fn body(mut self, content_type: HeaderValue, body: impl Into<Bytes>) -> Self {
        self.headers.insert(CONTENT_TYPE, content_type);
        self.body = Some(body.into());
        self
    }

    /// Lets the client recognise platform throttle signals in responses (see
    /// [`ThrottleClassifier`]).
    #[must_use]
    pub fn throttle_classifier(mut self, classifier: ThrottleClassifier) -> Self {
        self.throttle = Some(classifier);
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL.
    pub fn url(&self) -> &UpstreamUrl {
        &self.url
    }

    /// The headers (credential values are marked sensitive).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body, if any.
    pub fn body_bytes(&self) -> Option<&Bytes> {
        self.body.as_ref()
    }

    /// The read/write class.
    pub fn class(&self) -> RequestClass {
        self.class
    }

    pub(crate) fn classifier(&self) -> Option<ThrottleClassifier> {
        self.throttle
    }
}

fn secret_value(secret: &str) -> Result<HeaderValue, ToolError> {
    let mut value = HeaderValue::from_str(secret).map_err(|_| {
        ToolError::new(
            ErrorKind::Credentials,
            "the stored credential cannot be sent: it contains characters not allowed in an HTTP \
             header",
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

impl fmt::Debug for UpstreamRequest {
    /// Method, URL without query, header names and body length: never header values or the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("UpstreamRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .field("class", &self.class)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BaseUrl;

    fn url() -> UpstreamUrl {
        BaseUrl::parse("https://shop.example.com")
            .unwrap()
            .endpoint(["orders"])
            .unwrap()
    }

    #[test]
    fn classes_follow_methods_unless_overridden() {
        assert_eq!(UpstreamRequest::get(url()).class(), RequestClass::Read);
        assert_eq!(UpstreamRequest::post(url()).class(), RequestClass::Write);
        assert_eq!(UpstreamRequest::put(url()).class(), RequestClass::Write);
        assert_eq!(UpstreamRequest::patch(url()).class(), RequestClass::Write);
        assert_eq!(UpstreamRequest::delete(url()).class(), RequestClass::Write);
        assert_eq!(
            UpstreamRequest::post(url()).read().class(),
            RequestClass::Read
        );
        assert_eq!(
            UpstreamRequest::get(url()).write().class(),
            RequestClass::Write
        );
    }

    #[test]
    fn credentials_are_sensitive_and_redacted_in_debug() {
        let secret = SecretString::from("tok-MARKER-123");
        let req = UpstreamRequest::get(url())
            .secret_header(HeaderName::from_static("x-auth-token"), &secret)
            .unwrap()
            .bearer_auth(&secret)
            .unwrap()
            .header(
                HeaderName::from_static("netoapi_key"),
                HeaderValue::from_static("plain-MARKER"),
            )
            .query("email", "q-MARKER@example.com")
            .json(&serde_json::json!({"b": "body-MARKER"}))
            .unwrap();
        for name in ["x-auth-token", "authorization", "netoapi_key"] {
            assert!(req.headers().get(name).unwrap().is_sensitive(), "{name}");
        }
        let debug = format!("{req:?}");
        assert!(!debug.contains("MARKER"), "{debug}");
        assert!(debug.contains("x-auth-token"));
        assert_eq!(
            req.headers().get(AUTHORIZATION).unwrap(),
            "Bearer tok-MARKER-123"
        );
    }

    #[test]
    fn bad_secret_is_a_credentials_error_without_echo() {
        let secret = SecretString::from("bad\nvalue-MARKER");
        let err = UpstreamRequest::get(url())
            .secret_header(HeaderName::from_static("x-auth-token"), &secret)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Credentials);
        assert!(!err.log_detail().contains("MARKER"));
    }

    #[test]
    fn query_form_and_json_bodies() {
        let req = UpstreamRequest::get(url())
            .query("a b", "c&d=e")
            .query("k", "é");
        assert_eq!(req.url().query(), Some("a+b=c%26d%3De&k=%C3%A9"));
        let req = UpstreamRequest::post(url()).form([("grant_type", "x y"), ("scope", "a&b")]);
        assert_eq!(
            req.body_bytes().unwrap().as_ref(),
            b"grant_type=x+y&scope=a%26b"
        );
        assert_eq!(
            req.headers().get(CONTENT_TYPE).unwrap(),
            "application/x-www-form-urlencoded"
        );
        let req = UpstreamRequest::post(url()).json(&[1, 2]).unwrap();
        assert_eq!(req.body_bytes().unwrap().as_ref(), b"[1,2]");
        assert_eq!(req.headers().get(CONTENT_TYPE).unwrap(), "application/json");
    }
}

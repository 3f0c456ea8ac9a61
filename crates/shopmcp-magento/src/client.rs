//! [`MagentoClient`]: the only part of the crate that talks to `shopmcp-http`.
//!
//! It turns a [`routes`](crate::routes) value into a URL under the configured endpoint and
//! store code (`/rest/{store}/V1/...`, every segment percent-encoded), adds the query, the JSON
//! body and the credential of this call (OAuth 1.0a signature or bearer token; none for guest
//! routes), sends it through the hardened client and parses the answer.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use http::header::{ACCEPT, AUTHORIZATION, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;
use shopmcp_core::{CallContext, ToolCall, ToolError};
use shopmcp_http::{HttpClient, UpstreamRequest, UpstreamResponse};

use crate::config::MagentoConfig;
use crate::credentials::MagentoCredential;
use crate::oauth;
use crate::routes::{Admin, Guest};

/// A Magento store's REST API. Cheap to clone (an `Arc` inside).
///
/// ```
/// use shopmcp_http::{BaseUrl, HttpClient};
/// use shopmcp_magento::{MagentoClient, MagentoConfig, StoreCode};
/// let http = HttpClient::builder().build().unwrap();
/// let base = BaseUrl::parse("https://shop.example.com").unwrap();
/// let client = MagentoClient::new(http, MagentoConfig::new(base, StoreCode::default_store()));
/// assert_eq!(client.config().store_code().as_str(), "default");
/// ```
#[derive(Clone)]
pub struct MagentoClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: HttpClient,
    config: MagentoConfig,
}

impl fmt::Debug for MagentoClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MagentoClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl MagentoClient {
    /// A client for the store in `config`, sending through `http`.
    pub fn new(http: HttpClient, config: MagentoConfig) -> Self {
        Self {
            inner: Arc::new(Inner { http, config }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &MagentoConfig {
        &self.inner.config
    }

    /// Sends an admin request with this call's credential and parses the JSON answer.
    pub(crate) async fn admin<T: DeserializeOwned>(
        &self,
        call: &ToolCall<'_>,
        route: Admin<'_>,
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> Result<T, ToolError> {
        self.admin_response(call, route, query, body).await?.json()
    }

    /// Sends an admin request whose answer carries nothing the tool needs.
    pub(crate) async fn admin_unit(
        &self,
        call: &ToolCall<'_>,
        route: Admin<'_>,
        body: Option<&Value>,
    ) -> Result<(), ToolError> {
        self.admin_response(call, route, &[], body).await.map(drop)
    }

    async fn admin_response(
        &self,
        call: &ToolCall<'_>,
        route: Admin<'_>,
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> Result<UpstreamResponse, ToolError> {
        let credential = MagentoCredential::from_set(call.credential()?)?;
        let req = self.request(route.method(), route.segments(), query, body)?;
        let req = self.authorize(req, &credential)?;
        self.inner.http.send(call.ctx, req).await
    }

    /// Sends a guest request (no credential) and parses the JSON answer.
    pub(crate) async fn guest<T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        route: Guest<'_>,
        body: Option<&Value>,
    ) -> Result<T, ToolError> {
        let req = self.request(route.method(), route.segments(), &[], body)?;
        self.inner.http.send(ctx, req).await?.json()
    }

    fn request(
        &self,
        method: http::Method,
        segments: Vec<Cow<'_, str>>,
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> Result<UpstreamRequest, ToolError> {
        let config = &self.inner.config;
        let mut path: Vec<Cow<'_, str>> = vec![
            Cow::Borrowed("rest"),
            Cow::Borrowed(config.store_code().as_str()),
            Cow::Borrowed("V1"),
        ];
        path.extend(segments);
        let url = config.endpoint().endpoint(path)?;
        let mut req = UpstreamRequest::new(method, url)
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        for (key, value) in query {
            req = req.query(key, value);
        }
        if let Some(body) = body {
            req = req.json(body)?;
        }
        Ok(req)
    }

    fn authorize(
        &self,
        req: UpstreamRequest,
        credential: &MagentoCredential,
    ) -> Result<UpstreamRequest, ToolError> {
        match credential {
            MagentoCredential::Bearer(token) => req.bearer_auth(token),
            MagentoCredential::OAuth1(c) => {
                let endpoint = self.inner.config.endpoint();
                let uri = oauth::base_uri(
                    endpoint.scheme(),
                    endpoint.host(),
                    endpoint.port(),
                    req.url().path(),
                );
                let params = oauth::query_params(req.url().query())?;
                let nonce = oauth::nonce()?;
                let timestamp = oauth::timestamp();
                let protocol = oauth::Protocol {
                    consumer_key: c.consumer_key.expose_secret(),
                    token: c.access_token.expose_secret(),
                    nonce: &nonce,
                    timestamp: &timestamp,
                    version: Some("1.0"),
                };
                let header = oauth::sign(
                    req.method().as_str(),
                    &uri,
                    &params,
                    &protocol,
                    c.consumer_secret.expose_secret(),
                    c.access_token_secret.expose_secret(),
                );
                req.secret_header(AUTHORIZATION, &SecretString::from(header))
            }
        }
    }
}

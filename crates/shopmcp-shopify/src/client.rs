//! [`ShopifyClient`]: the only part of the crate that talks to `shopmcp-http`.
//!
//! - Admin: `POST {base}/admin/api/{version}/graphql.json` with `X-Shopify-Access-Token`.
//! - Storefront: `POST {base}/api/{version}/graphql.json` with
//!   `X-Shopify-Storefront-Access-Token`.
//! - Client-credentials grant: `POST {base}/admin/oauth/access_token` (form body).
//!
//! Every body is `{"query", "operationName", "variables"}` from a constant [`Document`].
//! Queries are sent as reads (throttling waited out within the deadline), mutations as writes
//! (never retried; throttling surfaces as `UpstreamThrottled`). Both `200 + THROTTLED` and
//! `429` are recognised by `throttle::shopify::graphql_throttle`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use shopmcp_core::{CallContext, CredentialSet, ErrorKind, ToolError};
use shopmcp_http::throttle::shopify::graphql_throttle;
use shopmcp_http::{HttpClient, UpstreamRequest, UpstreamUrl};

use crate::config::ShopifyConfig;
use crate::credentials::{AdminCredential, ClientCredentials, StorefrontCredential};
use crate::graphql::{Api, Document, Envelope, OperationKind};
use crate::scopes::{GRANTED_SCOPES, GrantedScopes, GrantedScopesData};
use crate::token::{FreshToken, TokenCache};

const ADMIN_TOKEN_HEADER: HeaderName = HeaderName::from_static("x-shopify-access-token");
const STOREFRONT_TOKEN_HEADER: HeaderName =
    HeaderName::from_static("x-shopify-storefront-access-token");

/// A client for one shop's Admin and Storefront GraphQL APIs. Cheap to clone (an `Arc`
/// inside).
///
/// It holds no credential of its own: every call takes the [`CredentialSet`] the pipeline
/// fetched for that call. The only state is the cache of short-lived tokens obtained with the
/// client-credentials grant (see the crate documentation).
///
/// ```
/// use shopmcp_http::{HttpClient, ShopHandle};
/// use shopmcp_shopify::{ApiVersion, ShopifyClient, ShopifyConfig};
/// let http = HttpClient::builder().build().unwrap();
/// let config = ShopifyConfig::new(ShopHandle::parse("acme").unwrap(), ApiVersion::V2026_07);
/// let client = ShopifyClient::new(http, config);
/// assert_eq!(client.config().shop().as_str(), "acme");
/// ```
#[derive(Clone)]
pub struct ShopifyClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: HttpClient,
    config: ShopifyConfig,
    tokens: TokenCache,
}

impl fmt::Debug for ShopifyClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShopifyClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// The answer of the client-credentials grant.
#[derive(Deserialize)]
struct GrantAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl ShopifyClient {
    /// A client sending requests through `http` as `config` says.
    pub fn new(http: HttpClient, config: ShopifyConfig) -> Self {
        Self {
            inner: Arc::new(Inner {
                http,
                config,
                tokens: TokenCache::default(),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ShopifyConfig {
        &self.inner.config
    }

    /// The access scopes granted to the app installation whose `shopify.admin` credential is
    /// `credential` (`currentAppInstallation { accessScopes { handle } }`).
    pub async fn granted_scopes(
        &self,
        ctx: &CallContext,
        credential: &CredentialSet,
    ) -> Result<GrantedScopes, ToolError> {
        let data: GrantedScopesData = self
            .admin(ctx, credential, &GRANTED_SCOPES, json!({}))
            .await?;
        Ok(data.into())
    }

    fn url(&self, segments: &[&str]) -> Result<UpstreamUrl, ToolError> {
        self.inner.config.base_url().endpoint(segments)
    }

    /// Runs an Admin API document with `variables`.
    pub(crate) async fn admin<T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        credential: &CredentialSet,
        doc: &Document,
        variables: Value,
    ) -> Result<T, ToolError> {
        if doc.api != Api::Admin {
            return Err(ToolError::internal(format!(
                "{} is not an Admin document",
                doc.name
            )));
        }
        let credential = AdminCredential::from_set(credential)?;
        let (token, fingerprint) = match &credential {
            AdminCredential::AccessToken(t) => (t.clone(), None),
            AdminCredential::ClientCredentials(c) => {
                let fp = c.fingerprint();
                let token = self.inner.tokens.token(fp, || self.grant(ctx, c)).await?;
                (token, Some(fp))
            }
        };
        let version = self.inner.config.api_version().as_str();
        let url = self.url(&["admin", "api", version, "graphql.json"])?;
        let result = self
            .execute(ctx, url, ADMIN_TOKEN_HEADER, &token, doc, variables)
            .await;
        if let (Err(e), Some(fp)) = (&result, fingerprint)
            && e.upstream_status() == Some(401)
        {
            // The cached token was refused (revoked or expired early): fetch anew next time.
            self.inner.tokens.forget(fp).await;
        }
        result
    }

    /// Runs a Storefront API document with `variables`.
    pub(crate) async fn storefront<T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        credential: &CredentialSet,
        doc: &Document,
        variables: Value,
    ) -> Result<T, ToolError> {
        if doc.api != Api::Storefront {
            return Err(ToolError::internal(format!(
                "{} is not a Storefront document",
                doc.name
            )));
        }
        let credential = StorefrontCredential::from_set(credential)?;
        let version = self.inner.config.api_version().as_str();
        let url = self.url(&["api", version, "graphql.json"])?;
        self.execute(
            ctx,
            url,
            STOREFRONT_TOKEN_HEADER,
            &credential.token,
            doc,
            variables,
        )
        .await
    }

    async fn execute<T: DeserializeOwned>(
        &self,
        ctx: &CallContext,
        url: UpstreamUrl,
        header: HeaderName,
        token: &SecretString,
        doc: &Document,
        variables: Value,
    ) -> Result<T, ToolError> {
        let body = json!({
            "query": doc.text,
            "operationName": doc.name,
            "variables": variables,
        });
        let req = UpstreamRequest::post(url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .secret_header(header, token)?
            .json(&body)?
            .throttle_classifier(graphql_throttle);
        let req = match doc.kind {
            OperationKind::Query => req.read(),
            OperationKind::Mutation => req.write(),
        };
        let envelope: Envelope = self.inner.http.send(ctx, req).await?.json()?;
        if let Some(cost) = envelope.cost() {
            tracing::debug!(
                operation = doc.name,
                requested = cost.requested_query_cost,
                actual = ?cost.actual_query_cost,
                available = cost.throttle_status.currently_available,
                restore_rate = cost.throttle_status.restore_rate,
                "shopify query cost"
            );
        }
        envelope.into_data()
    }

    /// The client-credentials grant: a new Admin token for `credentials`.
    async fn grant(
        &self,
        ctx: &CallContext,
        credentials: &ClientCredentials,
    ) -> Result<FreshToken, ToolError> {
        let url = self.url(&["admin", "oauth", "access_token"])?;
        // A grant only issues a token, so it may be retried like a read.
        let req = UpstreamRequest::post(url)
            .read()
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .form([
                ("grant_type", "client_credentials"),
                ("client_id", credentials.client_id.expose_secret()),
                ("client_secret", credentials.client_secret.expose_secret()),
            ]);
        let resp = self.inner.http.send_raw(ctx, req).await?;
        if resp.status().is_client_error() {
            let status = resp.status().as_u16();
            return Err(ToolError::new(
                ErrorKind::Credentials,
                "Shopify refused the app's client credentials; check the client id and secret, \
                 and that the app is installed on this shop",
            )
            .with_upstream_status(status)
            .with_detail(format!("client-credentials grant -> {status}")));
        }
        let answer: GrantAnswer = resp.error_for_status()?.json()?;
        if answer.access_token.trim().is_empty() {
            return Err(ToolError::new(
                ErrorKind::UpstreamUnavailable,
                "the store sent a malformed response",
            )
            .with_detail("client-credentials grant: empty access_token"));
        }
        Ok(FreshToken {
            token: SecretString::from(answer.access_token),
            expires_in: answer.expires_in.map(Duration::from_secs),
        })
    }
}

//! [`HttpClientBuilder`] and its [`DangerousBuilder`] door.

use std::sync::Arc;
use std::time::Duration;

use crate::address::AddressPolicy;
use crate::client::{ClientConfig, HttpClient};
use crate::resolve::{GuardedResolver, Resolver, SystemResolver};
use crate::retry::RetryPolicy;

/// The default response body cap: 4 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;
/// The default TCP + TLS connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default timeout of one attempt (request and whole body).
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A PEM given to [`HttpClientBuilder::add_root_certificate_pem`] holds no usable certificate.
    #[error("root certificate PEM number {index} holds no usable certificate")]
    RootCertificate {
        /// Position of the PEM among those added (0-based).
        index: usize,
    },
    /// The underlying client refused the configuration.
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}

/// Builds an [`HttpClient`].
///
/// The safe settings are not options: TLS certificates are always verified (the platform's
/// roots plus any private CA added here), redirects are never followed, ambient proxy settings
/// are ignored, only `https://` to public addresses is allowed. What loosens the last rule sits
/// behind [`dangerous`](Self::dangerous).
///
/// ```
/// use std::time::Duration;
/// let client = shopmcp_http::HttpClient::builder()
///     .connect_timeout(Duration::from_secs(5))
///     .body_limit(1024 * 1024)
///     .build()
///     .unwrap();
/// # drop(client);
/// ```
#[derive(Debug, Clone)]
pub struct HttpClientBuilder {
    connect_timeout: Duration,
    attempt_timeout: Duration,
    body_limit: usize,
    retry: RetryPolicy,
    root_pems: Vec<Vec<u8>>,
    resolver: Arc<dyn Resolver>,
    allow_loopback: bool,
    allow_loopback_http: bool,
    user_agent: String,
}

impl Default for HttpClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpClientBuilder {
    /// A builder with the defaults: 10 s connect timeout, 30 s per attempt, 4 MiB body cap,
    /// 2 retries for reads, throttle waits up to 30 s, the system resolver.
    pub fn new() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
            retry: RetryPolicy::default(),
            root_pems: Vec::new(),
            resolver: Arc::new(SystemResolver),
            allow_loopback: false,
            allow_loopback_http: false,
            user_agent: concat!("shopmcp/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// Timeout for establishing a connection (TCP and TLS).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Timeout of one attempt, body included. The call's deadline bounds all attempts together.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// The response body cap in bytes, enforced while the body streams in.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Retries of a read after its first attempt (writes are never retried). Default 2.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The longest throttle wait a read sits out (default 30 s); a longer `Retry-After` ends the
    /// call with [`ErrorKind::UpstreamThrottled`](shopmcp_core::ErrorKind::UpstreamThrottled) and
    /// the wait as its retry hint.
    #[must_use]
    pub fn max_throttle_wait(mut self, wait: Duration) -> Self {
        self.retry.max_throttle_wait = wait;
        self
    }

    /// The wait after a throttle signal that names none (default 1 s).
    #[must_use]
    pub fn default_throttle_wait(mut self, wait: Duration) -> Self {
        self.retry.default_throttle_wait = wait;
        self
    }

    /// The first backoff step after a 5xx or a connection failure (default 200 ms; it doubles,
    /// up to 5 s, with jitter).
    #[must_use]
    pub fn base_backoff(mut self, step: Duration) -> Self {
        self.retry.base_backoff = step;
        self
    }

    /// Trusts a private root CA (PEM, one or more certificates) in addition to the platform's
    /// roots, e.g. for a merchant's own PKI. Verification itself cannot be turned off.
    #[must_use]
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_pems.push(pem.into());
        self
    }

    /// Uses another resolver. Its answers still pass the SSRF guard.
    #[must_use]
    pub fn resolver(mut self, resolver: Arc<dyn Resolver>) -> Self {
        self.resolver = resolver;
        self
    }

    /// The `User-Agent` header (default `shopmcp/<version>`).
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Opens the door to settings that are unsafe in production: loopback destinations and plain
    /// `http://` to loopback, for tests and a local sandbox.
    pub fn dangerous(self) -> DangerousBuilder {
        DangerousBuilder { inner: self }
    }

    /// Builds the client.
    pub fn build(self) -> Result<HttpClient, BuildError> {
        let mut certs = Vec::new();
        for (index, pem) in self.root_pems.iter().enumerate() {
            let found = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|_| BuildError::RootCertificate { index })?;
            if found.is_empty() {
                return Err(BuildError::RootCertificate { index });
            }
            certs.extend(found);
        }
        let policy = AddressPolicy {
            allow_loopback: self.allow_loopback || self.allow_loopback_http,
        };
        let guarded = GuardedResolver::new(Arc::clone(&self.resolver), policy);
        let mut builder = reqwest::Client::builder()
            .tls_backend_rustls()
            .tls_version_min(reqwest::tls::Version::TLS_1_2)
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .no_proxy()
            .https_only(!self.allow_loopback_http)
            .http1_only()
            .referer(false)
            .connect_timeout(self.connect_timeout)
            .timeout(self.attempt_timeout)
            .user_agent(self.user_agent)
            .dns_resolver(guarded.clone());
        if !certs.is_empty() {
            builder = builder.tls_certs_merge(certs);
        }
        let client = builder
            .build()
            .map_err(|e| BuildError::Client(e.to_string()))?;
        tracing::debug!(
            allow_loopback = policy.allow_loopback,
            allow_loopback_http = self.allow_loopback_http,
            "upstream HTTP client built"
        );
        Ok(HttpClient::from_config(ClientConfig {
            client,
            resolver: guarded,
            policy,
            allow_loopback_http: self.allow_loopback_http,
            retry: self.retry,
            body_limit: self.body_limit,
        }))
    }
}

/// Settings that must never be used against real stores; reached through
/// [`HttpClientBuilder::dangerous`].
///
/// ```
/// let client = shopmcp_http::HttpClient::builder()
///     .dangerous()
///     .allow_loopback_http()
///     .build()
///     .unwrap();
/// # drop(client);
/// ```
#[derive(Debug, Clone)]
pub struct DangerousBuilder {
    inner: HttpClientBuilder,
}

impl DangerousBuilder {
    /// Allows connections to loopback addresses (`127.0.0.0/8`, `::1`), over https.
    #[must_use]
    pub fn allow_loopback(mut self) -> Self {
        self.inner.allow_loopback = true;
        self
    }

    /// Allows plain `http://` to loopback IP literals (`127.0.0.0/8`, `[::1]`); implies
    /// [`allow_loopback`](Self::allow_loopback). Every other destination still needs https.
    #[must_use]
    pub fn allow_loopback_http(mut self) -> Self {
        self.inner.allow_loopback = true;
        self.inner.allow_loopback_http = true;
        self
    }

    /// Back to the safe settings of the builder.
    pub fn into_builder(self) -> HttpClientBuilder {
        self.inner
    }

    /// Builds the client.
    pub fn build(self) -> Result<HttpClient, BuildError> {
        self.inner.build()
    }
}

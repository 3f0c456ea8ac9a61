//! [`NetoConfig`] (which store, where its API is) and [`ToolOptions`] (what the tools show).

use std::fmt;

use shopmcp_core::ToolError;
use shopmcp_http::{BaseUrl, UpstreamUrl};

/// The path of Neto's one API endpoint, below the merchant's domain.
pub const API_PATH: [&str; 3] = ["do", "WS", "NetoAPI"];

/// Why a [`NetoConfig`] could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NetoConfigError {
    /// The store URL is not `https://`.
    #[error("the Neto store URL must use https")]
    NotHttps,
    /// The store URL has a path: Neto's endpoint sits at the root of the merchant's domain.
    #[error(
        "the Neto store URL must be the bare domain (no path), e.g. https://www.example.com.au"
    )]
    HasPath,
}

/// One Neto store: the merchant's own domain, which serves the API at
/// `POST https://<domain>/do/WS/NetoAPI`.
///
/// The domain comes from the merchant (tenant input), so it is a [`BaseUrl`]: parsed
/// strictly, and every request to it passes the SSRF guard of
/// [`HttpClient`](shopmcp_http::HttpClient) (public addresses only, checked after
/// resolution). The model never supplies any part of it.
///
/// ```
/// use shopmcp_http::BaseUrl;
/// use shopmcp_neto::{NetoConfig, NetoConfigError};
/// let config = NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap()).unwrap();
/// assert_eq!(config.store().host(), "www.example.com.au");
/// let plain = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
/// assert_eq!(NetoConfig::new(plain).unwrap_err(), NetoConfigError::NotHttps);
/// let nested = BaseUrl::parse("https://www.example.com.au/shop").unwrap();
/// assert_eq!(NetoConfig::new(nested).unwrap_err(), NetoConfigError::HasPath);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct NetoConfig {
    store: BaseUrl,
    endpoint_override: Option<BaseUrl>,
}

impl NetoConfig {
    /// The store at `store`: an `https://` URL without a path.
    pub fn new(store: BaseUrl) -> Result<Self, NetoConfigError> {
        if store.scheme() != "https" {
            return Err(NetoConfigError::NotHttps);
        }
        if store.path() != "/" {
            return Err(NetoConfigError::HasPath);
        }
        Ok(Self {
            store,
            endpoint_override: None,
        })
    }

    /// Sends every request to `base` (its `/do/WS/NetoAPI`) instead of the store's domain.
    ///
    /// For tests and local sandboxes pointing at a fake upstream on loopback. It only works
    /// with an [`HttpClient`](shopmcp_http::HttpClient) built through
    /// [`HttpClientBuilder::dangerous`](shopmcp_http::HttpClientBuilder::dangerous): the SSRF
    /// guard of an ordinary client refuses loopback and plain `http://` before anything is
    /// sent.
    #[must_use]
    pub fn dangerous_endpoint(mut self, base: BaseUrl) -> Self {
        self.endpoint_override = Some(base);
        self
    }

    /// The merchant's domain.
    pub fn store(&self) -> &BaseUrl {
        &self.store
    }

    /// Whether requests go somewhere else than the store ([`dangerous_endpoint`](Self::dangerous_endpoint)).
    pub fn is_overridden(&self) -> bool {
        self.endpoint_override.is_some()
    }

    /// The URL every request is POSTed to.
    pub(crate) fn api_url(&self) -> Result<UpstreamUrl, ToolError> {
        self.endpoint_override
            .as_ref()
            .unwrap_or(&self.store)
            .endpoint(API_PATH)
    }
}

impl fmt::Debug for NetoConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetoConfig")
            .field("store", &self.store.as_str())
            .field(
                "endpoint_override",
                &self.endpoint_override.as_ref().map(BaseUrl::as_str),
            )
            .finish()
    }
}

/// What the tools may show, decided by the embedder per deployment (never by the model).
///
/// ```
/// use shopmcp_neto::ToolOptions;
/// assert!(!ToolOptions::default().customer_pii);
/// assert!(ToolOptions::default().with_customer_pii(true).customer_pii);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ToolOptions {
    /// Customer e-mail addresses, names, phone numbers and postal addresses in order,
    /// customer, cart and voucher answers. Off by default: the fields are then neither
    /// requested from Neto (`OutputSelector`) nor returned.
    pub customer_pii: bool,
}

impl ToolOptions {
    /// Turns customer personal data on or off.
    #[must_use]
    pub fn with_customer_pii(mut self, on: bool) -> Self {
        self.customer_pii = on;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_is_the_fixed_api_path() {
        let config =
            NetoConfig::new(BaseUrl::parse("https://www.example.com.au/").unwrap()).unwrap();
        let url = config.api_url().unwrap();
        assert_eq!(url.as_str(), "https://www.example.com.au/do/WS/NetoAPI");
        assert!(!config.is_overridden());
    }

    #[test]
    fn override_keeps_the_path_and_the_store() {
        let config = NetoConfig::new(BaseUrl::parse("https://www.example.com.au").unwrap())
            .unwrap()
            .dangerous_endpoint(BaseUrl::parse("http://127.0.0.1:9").unwrap());
        assert_eq!(
            config.api_url().unwrap().as_str(),
            "http://127.0.0.1:9/do/WS/NetoAPI"
        );
        assert_eq!(config.store().host(), "www.example.com.au");
        assert!(config.is_overridden());
        assert!(format!("{config:?}").contains("127.0.0.1:9"));
    }
}

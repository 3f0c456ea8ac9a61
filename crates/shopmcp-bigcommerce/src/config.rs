//! [`BigCommerceConfig`] (which store, from configuration only) and [`ToolOptions`].

use std::fmt;
use std::net::IpAddr;

use shopmcp_http::{BaseUrl, StoreHash, UrlError};

/// The store a set of tools talks to.
///
/// The store hash comes from the operator's configuration, validated by
/// [`StoreHash::parse`] (`^[a-z0-9]{1,32}$`); the model never supplies it. Requests go to the
/// fixed host `https://api.bigcommerce.com/stores/{hash}/v2/…` or `…/v3/…`: each tool is pinned
/// to the API version (`v2` or `v3`) its endpoint lives in, so there is no version setting.
///
/// ```
/// use shopmcp_bigcommerce::BigCommerceConfig;
/// let config = BigCommerceConfig::parse("h10wocxy6s").unwrap();
/// assert_eq!(config.base_url().as_str(), "https://api.bigcommerce.com/stores/h10wocxy6s");
/// assert!(BigCommerceConfig::parse("../other-store").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BigCommerceConfig {
    store: StoreHash,
    base: BaseUrl,
    dangerous: bool,
}

/// Why a [`BigCommerceConfig`] could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The store hash is not `^[a-z0-9]{1,32}$`.
    #[error("invalid BigCommerce store hash: {0}")]
    StoreHash(#[source] UrlError),
    /// The endpoint override is not a loopback IP literal.
    #[error("the endpoint override must be a loopback IP literal (127.0.0.0/8 or [::1])")]
    NotLoopback,
    /// The endpoint override has a path prefix; give the origin only.
    #[error("the endpoint override must be an origin without a path")]
    HasPath,
}

impl BigCommerceConfig {
    /// The configuration of the store `store`.
    pub fn new(store: StoreHash) -> Self {
        let base = store.base_url().clone();
        Self {
            store,
            base,
            dangerous: false,
        }
    }

    /// Validates `hash` with [`StoreHash::parse`] and makes the configuration.
    pub fn parse(hash: &str) -> Result<Self, ConfigError> {
        StoreHash::parse(hash)
            .map(Self::new)
            .map_err(ConfigError::StoreHash)
    }

    /// Sends requests to `origin` (`http://127.0.0.1:PORT` of a fake upstream) instead of
    /// `https://api.bigcommerce.com`, keeping the `/stores/{hash}/v2|v3/…` paths.
    ///
    /// Only loopback IP literals are accepted, and the hardened
    /// [`HttpClient`](shopmcp_http::HttpClient) refuses loopback destinations unless it was
    /// built through [`HttpClientBuilder::dangerous`](shopmcp_http::HttpClientBuilder::dangerous),
    /// so this override does nothing against a production client. It exists for tests and a
    /// local sandbox.
    pub fn dangerous_endpoint(mut self, origin: &BaseUrl) -> Result<Self, ConfigError> {
        let host = origin.host().trim_start_matches('[').trim_end_matches(']');
        let loopback = host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Err(ConfigError::NotLoopback);
        }
        if origin.path() != "/" {
            return Err(ConfigError::HasPath);
        }
        let url = format!(
            "{}/stores/{}",
            origin.as_str().trim_end_matches('/'),
            self.store.as_str()
        );
        self.base = BaseUrl::parse(&url).map_err(|_| ConfigError::NotLoopback)?;
        self.dangerous = true;
        Ok(self)
    }

    /// The store hash.
    pub fn store_hash(&self) -> &StoreHash {
        &self.store
    }

    /// `https://api.bigcommerce.com/stores/{hash}` (or the dangerous override).
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// Whether [`dangerous_endpoint`](Self::dangerous_endpoint) was used.
    pub fn is_dangerous(&self) -> bool {
        self.dangerous
    }
}

impl fmt::Debug for BigCommerceConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BigCommerceConfig")
            .field("store", &self.store)
            .field("base", &self.base)
            .field("dangerous", &self.dangerous)
            .finish()
    }
}

/// Choices the operator makes for a whole tool set.
///
/// ```
/// use shopmcp_bigcommerce::ToolOptions;
/// assert!(!ToolOptions::default().customer_pii);
/// assert!(ToolOptions::default().with_customer_pii(true).customer_pii);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ToolOptions {
    /// Whether customer names, e-mail addresses, phone numbers and postal addresses appear in
    /// tool outputs (customers, orders, shipping addresses, shipments). Off by default: the
    /// tools then return ids, statuses, amounts and countries only.
    pub customer_pii: bool,
}

impl ToolOptions {
    /// Turns customer personal data in outputs on or off.
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
    fn override_accepts_loopback_literals_only() {
        let config = BigCommerceConfig::parse("abc123").unwrap();
        let fake = BaseUrl::parse("http://127.0.0.1:4000").unwrap();
        let overridden = config.clone().dangerous_endpoint(&fake).unwrap();
        assert_eq!(
            overridden.base_url().as_str(),
            "http://127.0.0.1:4000/stores/abc123"
        );
        assert!(overridden.is_dangerous());
        assert!(!config.is_dangerous());
        let v6 = BaseUrl::parse("http://[::1]:4000").unwrap();
        assert!(config.clone().dangerous_endpoint(&v6).is_ok());
        for bad in [
            "https://evil.example.com",
            "https://8.8.8.8",
            "https://10.0.0.1",
        ] {
            let url = BaseUrl::parse(bad).unwrap();
            assert_eq!(
                config.clone().dangerous_endpoint(&url),
                Err(ConfigError::NotLoopback),
                "{bad}"
            );
        }
        let with_path = BaseUrl::parse("http://127.0.0.1:4000/x").unwrap();
        assert_eq!(
            config.dangerous_endpoint(&with_path),
            Err(ConfigError::HasPath)
        );
    }

    #[test]
    fn store_hash_is_validated() {
        for bad in [
            "",
            "ABC",
            "a/b",
            "a.b",
            "store hash",
            "x".repeat(33).as_str(),
        ] {
            assert!(BigCommerceConfig::parse(bad).is_err(), "{bad}");
        }
    }
}

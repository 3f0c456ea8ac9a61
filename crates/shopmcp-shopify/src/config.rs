//! [`ShopifyConfig`]: which shop, which API version, and where the requests go; [`ToolOptions`].

use std::fmt;
use std::str::FromStr;

use shopmcp_http::{BaseUrl, ShopHandle};

/// An Admin / Storefront API version this crate was checked against.
///
/// Every GraphQL document the crate sends is validated against the vendored schema of each
/// variant in the crate's tests; a version string that names no variant is refused, so a
/// configuration cannot silently point the tools at an API they were not checked against.
///
/// ```
/// use shopmcp_shopify::ApiVersion;
/// assert_eq!("2026-07".parse::<ApiVersion>().unwrap(), ApiVersion::V2026_07);
/// assert_eq!(ApiVersion::default().as_str(), "2026-07");
/// let err = "2025-10".parse::<ApiVersion>().unwrap_err();
/// assert!(err.to_string().contains("2026-07"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[non_exhaustive]
pub enum ApiVersion {
    /// `2026-07`, the newest stable version when this crate was written.
    #[default]
    V2026_07,
}

impl ApiVersion {
    /// Every supported version, newest first.
    pub const ALL: [ApiVersion; 1] = [ApiVersion::V2026_07];

    /// The version as it appears in the endpoint path (`2026-07`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2026_07 => "2026-07",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A version string that names no supported [`ApiVersion`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Shopify API version `{given}` is not one this crate was checked against; supported: {supported}"
)]
pub struct UnsupportedApiVersion {
    given: String,
    supported: String,
}

impl FromStr for ApiVersion {
    type Err = UnsupportedApiVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnsupportedApiVersion {
                given: s.chars().take(32).collect(),
                supported: Self::ALL.map(Self::as_str).join(", "),
            })
    }
}

/// Which shop the tools talk to, through which API version.
///
/// The host is derived from a validated [`ShopHandle`] (`https://{handle}.myshopify.com`); the
/// model never supplies it. Tests and sandboxes can send requests elsewhere with
/// [`dangerous_endpoint`](Self::dangerous_endpoint), which reaches a loopback fake only when
/// the `HttpClient` was built through `HttpClientBuilder::dangerous()` (its SSRF guard refuses
/// loopback otherwise).
///
/// ```
/// use shopmcp_http::ShopHandle;
/// use shopmcp_shopify::{ApiVersion, ShopifyConfig};
/// let config = ShopifyConfig::new(ShopHandle::parse("acme").unwrap(), ApiVersion::V2026_07);
/// assert_eq!(config.base_url().as_str(), "https://acme.myshopify.com/");
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ShopifyConfig {
    shop: ShopHandle,
    version: ApiVersion,
    endpoint: Option<BaseUrl>,
}

impl ShopifyConfig {
    /// A configuration for `shop` at `version`.
    pub fn new(shop: ShopHandle, version: ApiVersion) -> Self {
        Self {
            shop,
            version,
            endpoint: None,
        }
    }

    /// Sends every request (Admin, Storefront and the token grant) to `base` instead of
    /// `https://{shop}.myshopify.com`: for tests against a fake upstream and for sandboxes.
    #[must_use]
    pub fn dangerous_endpoint(mut self, base: BaseUrl) -> Self {
        self.endpoint = Some(base);
        self
    }

    /// The shop.
    pub fn shop(&self) -> &ShopHandle {
        &self.shop
    }

    /// The pinned API version.
    pub fn api_version(&self) -> ApiVersion {
        self.version
    }

    /// Where requests go: the override, or `https://{shop}.myshopify.com/`.
    pub fn base_url(&self) -> &BaseUrl {
        self.endpoint
            .as_ref()
            .unwrap_or_else(|| self.shop.base_url())
    }
}

/// Per-workspace choices that shape the tools' behaviour.
///
/// ```
/// use shopmcp_shopify::ToolOptions;
/// let options = ToolOptions::default().with_customer_pii(true);
/// assert!(options.customer_pii);
/// assert_eq!(options.max_price_change_pct, Some(50));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub struct ToolOptions {
    /// Whether customer reads (and the customer parts of orders, draft orders and abandoned
    /// checkouts) include names, e-mail addresses, phone numbers and addresses. Off by default:
    /// those fields are then not even requested from Shopify.
    pub customer_pii: bool,
    /// The largest change of a variant's price, in percent of its current price, that
    /// `shopify_variant_prices_update` accepts. `None` disables the ceiling.
    pub max_price_change_pct: Option<u32>,
}

impl Default for ToolOptions {
    fn default() -> Self {
        Self {
            customer_pii: false,
            max_price_change_pct: Some(50),
        }
    }
}

impl ToolOptions {
    /// Enables or disables customer PII in outputs.
    #[must_use]
    pub fn with_customer_pii(mut self, enabled: bool) -> Self {
        self.customer_pii = enabled;
        self
    }

    /// Sets the price-change ceiling (`None`: no ceiling).
    #[must_use]
    pub fn with_max_price_change_pct(mut self, pct: Option<u32>) -> Self {
        self.max_price_change_pct = pct;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_versions_are_refused_with_the_supported_list() {
        for bad in ["2025-10", "2026-04", "unstable", "", "2026-07 "] {
            let err = bad.parse::<ApiVersion>().unwrap_err();
            assert!(err.to_string().contains("supported: 2026-07"), "{err}");
        }
        let long = "x".repeat(500);
        assert!(long.parse::<ApiVersion>().unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn override_replaces_the_shop_host() {
        let shop = ShopHandle::parse("acme").unwrap();
        let config = ShopifyConfig::new(shop, ApiVersion::V2026_07)
            .dangerous_endpoint(BaseUrl::parse("http://127.0.0.1:9").unwrap());
        assert_eq!(config.base_url().as_str(), "http://127.0.0.1:9/");
        assert_eq!(config.shop().as_str(), "acme");
        assert_eq!(config.api_version().to_string(), "2026-07");
    }
}

//! [`MagentoConfig`]: which store the tools talk to, and [`ToolOptions`]: what they may show.
//!
//! Everything here comes from the operator's configuration, never from the model: the
//! merchant's base URL (checked by `shopmcp-http`'s SSRF guard on every request), the store
//! code in the REST path (`/rest/{store}/V1/...`), and whether customer PII may be read.

use std::fmt;

use shopmcp_http::BaseUrl;

/// Why a configuration value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The store code does not match `^[a-z][a-z0-9_]{0,31}$`.
    #[error(
        "a Magento store code is 1 to 32 characters: a lower-case letter, then lower-case letters, digits or `_`"
    )]
    StoreCodePattern,
    /// The store code is not in the configured allowlist.
    #[error("store code `{0}` is not in the configured allowlist")]
    StoreCodeNotAllowed(String),
    /// `all` (every store view at once) was asked for without being allowed explicitly.
    #[error("store code `all` writes default (global) values and must be allowed explicitly")]
    AllNotAllowed,
}

/// Longest Magento store code.
const MAX_STORE_CODE_LEN: usize = 32;

fn valid_pattern(code: &str) -> bool {
    let mut bytes = code.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_lowercase());
    first_ok
        && code.len() <= MAX_STORE_CODE_LEN
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The store code in every REST path (`/rest/{code}/V1/...`).
///
/// It selects the store view whose values are read and written: with `default` (or any
/// store-view code) product writes create store-view values; `all` reads and writes the
/// default (global) values of every store view, so it is accepted only when the allowlist
/// names it explicitly.
///
/// ```
/// use shopmcp_magento::{ConfigError, StoreCode};
/// let code = StoreCode::parse("default", &["default", "fr"]).unwrap();
/// assert_eq!(code.as_str(), "default");
/// assert_eq!(StoreCode::parse("de", &["default"]), Err(ConfigError::StoreCodeNotAllowed("de".into())));
/// assert_eq!(StoreCode::parse("all", &["default"]), Err(ConfigError::AllNotAllowed));
/// assert!(StoreCode::parse("all", &["all"]).is_ok());
/// assert_eq!(StoreCode::parse("../admin", &["../admin"]), Err(ConfigError::StoreCodePattern));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StoreCode(String);

impl StoreCode {
    /// The code `all`'s literal spelling.
    pub const ALL: &'static str = "all";

    /// Checks `code` against the strict pattern and the operator's `allowlist`.
    ///
    /// `all` is accepted only when the allowlist contains `all` itself.
    pub fn parse(code: &str, allowlist: &[&str]) -> Result<Self, ConfigError> {
        if !valid_pattern(code) {
            return Err(ConfigError::StoreCodePattern);
        }
        if !allowlist.contains(&code) {
            return Err(if code == Self::ALL {
                ConfigError::AllNotAllowed
            } else {
                ConfigError::StoreCodeNotAllowed(code.to_owned())
            });
        }
        Ok(Self(code.to_owned()))
    }

    /// The `default` store view (Magento's code for the first store view).
    pub fn default_store() -> Self {
        Self("default".to_owned())
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for StoreCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreCode({})", self.0)
    }
}

impl fmt::Display for StoreCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One Magento store: its base URL and store code.
///
/// ```
/// use shopmcp_http::BaseUrl;
/// use shopmcp_magento::{MagentoConfig, StoreCode};
/// let base = BaseUrl::parse("https://shop.example.com/").unwrap();
/// let config = MagentoConfig::new(base, StoreCode::default_store());
/// assert_eq!(config.base_url().host(), "shop.example.com");
/// assert_eq!(config.store_code().as_str(), "default");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MagentoConfig {
    base_url: BaseUrl,
    store: StoreCode,
    endpoint: Option<BaseUrl>,
}

impl MagentoConfig {
    /// The store at `base_url` (the merchant's own https domain, with the path prefix Magento
    /// is installed under, if any), REST paths under `/rest/{store}/V1`.
    pub fn new(base_url: BaseUrl, store: StoreCode) -> Self {
        Self {
            base_url,
            store,
            endpoint: None,
        }
    }

    /// Sends every request to `endpoint` instead of the store's base URL: for tests against a
    /// fake upstream on loopback.
    ///
    /// It only works with an `HttpClient` built through `HttpClientBuilder::dangerous()`: the
    /// safe client's SSRF guard refuses loopback and private addresses (and plain http), so
    /// against a production client this override cannot reach anything a store URL could not.
    #[must_use]
    pub fn dangerous_endpoint(mut self, endpoint: BaseUrl) -> Self {
        self.endpoint = Some(endpoint);
        self
    }

    /// The store's base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The store code.
    pub fn store_code(&self) -> &StoreCode {
        &self.store
    }

    /// Where requests go: the dangerous endpoint override if set, else the base URL.
    pub fn endpoint(&self) -> &BaseUrl {
        self.endpoint.as_ref().unwrap_or(&self.base_url)
    }
}

/// What the tools may show, decided by the operator per workspace.
///
/// ```
/// use shopmcp_magento::ToolOptions;
/// let options = ToolOptions::default();
/// assert!(!options.customer_pii);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ToolOptions {
    /// Whether customer e-mail addresses, names, telephone numbers and addresses appear in
    /// outputs (and may be used as search filters). Off by default: outputs then carry ids,
    /// groups and dates only.
    pub customer_pii: bool,
}

impl ToolOptions {
    /// Options with customer PII on or off.
    pub const fn with_customer_pii(customer_pii: bool) -> Self {
        Self { customer_pii }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_code_pattern() {
        let allow = ["default", "en_gb", "b2b2", "a"];
        for ok in allow {
            assert!(StoreCode::parse(ok, &allow).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "Default",
            "1st",
            "_x",
            "en-gb",
            "en gb",
            "../x",
            "a/b",
            "x%2f",
            "défaut",
            "abcdefghijklmnopqrstuvwxyz1234567",
        ] {
            assert_eq!(
                StoreCode::parse(bad, &[bad]),
                Err(ConfigError::StoreCodePattern),
                "{bad}"
            );
        }
    }

    #[test]
    fn endpoint_override() {
        let base = BaseUrl::parse("https://shop.example.com").unwrap();
        let fake = BaseUrl::parse("https://127.0.0.1:9443").unwrap();
        let config = MagentoConfig::new(base.clone(), StoreCode::default_store());
        assert_eq!(config.endpoint(), &base);
        let config = config.dangerous_endpoint(fake.clone());
        assert_eq!(config.endpoint(), &fake);
        assert_eq!(config.base_url(), &base);
    }
}

//! Fixed-host platforms: Shopify shop handles and BigCommerce store hashes.
//!
//! Their hosts are never taken from tenant input: only a strictly validated identifier is, and
//! the host is built from it.

use std::fmt;
use std::str::FromStr;

use crate::{BaseUrl, UrlError};

/// A validated Shopify shop handle; its API host is `https://{handle}.myshopify.com`.
///
/// Accepted input: the handle alone or `{handle}.myshopify.com`, ASCII letters in any case
/// (host names are case-insensitive; the handle is stored lowercase). The handle must match
/// `^[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?$`: 1 to 60 lowercase letters, digits or `-`, neither
/// starting nor ending with `-`. Dots, slashes, `@`, ports, schemes and anything else are refused,
/// so the handle can never point the client at another host.
///
/// ```
/// use shopmcp_http::ShopHandle;
/// let shop: ShopHandle = "Acme-Store.myshopify.com".parse().unwrap();
/// assert_eq!(shop.as_str(), "acme-store");
/// assert_eq!(shop.base_url().as_str(), "https://acme-store.myshopify.com/");
/// assert!(ShopHandle::parse("evil.com/x").is_err());
/// assert!(ShopHandle::parse("acme.myshopify.com.evil.com").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ShopHandle {
    handle: String,
    base: BaseUrl,
}

impl ShopHandle {
    /// The handle's maximum length.
    pub const MAX_LEN: usize = 60;

    /// Validates a handle or a `{handle}.myshopify.com` domain.
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let lower = input.to_ascii_lowercase();
        let handle = lower.strip_suffix(".myshopify.com").unwrap_or(&lower);
        if !is_shop_handle(handle) {
            return Err(UrlError::ShopHandle);
        }
        let base = BaseUrl::parse(&format!("https://{handle}.myshopify.com"))
            .map_err(|_| UrlError::ShopHandle)?;
        Ok(Self {
            handle: handle.to_owned(),
            base,
        })
    }

    /// The handle, lowercase.
    pub fn as_str(&self) -> &str {
        &self.handle
    }

    /// `{handle}.myshopify.com`.
    pub fn domain(&self) -> String {
        format!("{}.myshopify.com", self.handle)
    }

    /// `https://{handle}.myshopify.com/`.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }
}

fn is_shop_handle(s: &str) -> bool {
    let bytes = s.as_bytes();
    let inner_ok = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-';
    let edge_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (1..=ShopHandle::MAX_LEN).contains(&bytes.len())
        && bytes.iter().all(inner_ok)
        && edge_ok(bytes.first())
        && edge_ok(bytes.last())
}

impl FromStr for ShopHandle {
    type Err = UrlError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for ShopHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.handle)
    }
}

impl fmt::Debug for ShopHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShopHandle({})", self.handle)
    }
}

/// A validated BigCommerce store hash; its API base is
/// `https://api.bigcommerce.com/stores/{hash}`.
///
/// The hash must match `^[a-z0-9]{1,32}$` (real hashes look like `h10wocxy6s`). It is a path
/// segment, so it is not case-folded: uppercase letters are refused, as is every other character.
///
/// ```
/// use shopmcp_http::StoreHash;
/// let store = StoreHash::parse("h10wocxy6s").unwrap();
/// assert_eq!(store.base_url().as_str(), "https://api.bigcommerce.com/stores/h10wocxy6s");
/// assert!(StoreHash::parse("../other").is_err());
/// assert!(StoreHash::parse("ABC").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StoreHash {
    hash: String,
    base: BaseUrl,
}

impl StoreHash {
    /// The hash's maximum length.
    pub const MAX_LEN: usize = 32;

    /// Validates a store hash.
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let ok = (1..=Self::MAX_LEN).contains(&input.len())
            && input
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !ok {
            return Err(UrlError::StoreHash);
        }
        let base = BaseUrl::parse(&format!("https://api.bigcommerce.com/stores/{input}"))
            .map_err(|_| UrlError::StoreHash)?;
        Ok(Self {
            hash: input.to_owned(),
            base,
        })
    }

    /// The hash.
    pub fn as_str(&self) -> &str {
        &self.hash
    }

    /// `https://api.bigcommerce.com/stores/{hash}`.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }
}

impl FromStr for StoreHash {
    type Err = UrlError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for StoreHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hash)
    }
}

impl fmt::Debug for StoreHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreHash({})", self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_handles_accepted() {
        for (input, handle) in [
            ("acme", "acme"),
            ("a", "a"),
            ("9", "9"),
            ("acme-store-2", "acme-store-2"),
            ("ACME", "acme"),
            ("acme.myshopify.com", "acme"),
            ("Acme.MyShopify.COM", "acme"),
            (&"a".repeat(60), &"a".repeat(60)),
        ] {
            let shop = ShopHandle::parse(input).unwrap();
            assert_eq!(shop.as_str(), handle);
            assert_eq!(shop.domain(), format!("{handle}.myshopify.com"));
            assert_eq!(shop.base_url().host(), format!("{handle}.myshopify.com"));
            assert_eq!(shop.base_url().scheme(), "https");
        }
    }

    #[test]
    fn shop_handles_refused() {
        for input in [
            "",
            "-acme",
            "acme-",
            "acme.store",
            "acme_store",
            "acme store",
            "acme/",
            "acme@evil.com",
            "evil.com#",
            "acme:443",
            "https://acme.myshopify.com",
            "acme.myshopify.com/",
            "acme.myshopify.com.evil.com",
            "acme.myshopify.io",
            ".myshopify.com",
            "acme%2e",
            "acmé",
            "acme\n",
            "127.0.0.1",
            &"a".repeat(61),
        ] {
            assert_eq!(
                ShopHandle::parse(input),
                Err(UrlError::ShopHandle),
                "{input:?}"
            );
        }
    }

    #[test]
    fn store_hashes() {
        for ok in ["h10wocxy6s", "abc123", "a", &"z".repeat(32)] {
            let store = StoreHash::parse(ok).unwrap();
            assert_eq!(store.as_str(), ok);
            assert_eq!(store.base_url().host(), "api.bigcommerce.com");
            assert_eq!(store.base_url().path(), format!("/stores/{ok}"));
        }
        for bad in [
            "",
            "ABC",
            "abc-123",
            "abc/..",
            "..",
            "abc%2f",
            "abc?x=1",
            "abc#",
            "abc def",
            "abc\u{0}",
            &"z".repeat(33),
        ] {
            assert_eq!(StoreHash::parse(bad), Err(UrlError::StoreHash), "{bad:?}");
        }
    }

    #[test]
    fn debug_and_display() {
        let shop = ShopHandle::parse("acme").unwrap();
        assert_eq!(format!("{shop}"), "acme");
        assert_eq!(format!("{shop:?}"), "ShopHandle(acme)");
        let store = StoreHash::parse("abc").unwrap();
        assert_eq!(format!("{store}"), "abc");
        assert_eq!(format!("{store:?}"), "StoreHash(abc)");
    }
}

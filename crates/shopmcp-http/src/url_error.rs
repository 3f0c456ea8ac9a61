//! [`UrlError`]: why a store URL, shop handle or store hash was refused.

use shopmcp_core::{ErrorKind, ToolError};

/// Why a store URL, shop handle or store hash was refused.
///
/// The messages never repeat the input (it may carry a password in its user-info part), so they
/// are safe to show to a merchant, an operator or the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// Not an absolute URL.
    #[error("the store URL is not a valid absolute URL")]
    Invalid,
    /// A scheme other than `https` (plain `http` is accepted only for loopback IP literals).
    #[error("the store URL must use https")]
    Scheme,
    /// `user:password@` in the URL.
    #[error("the store URL must not contain a user name or password")]
    UserInfo,
    /// No host.
    #[error("the store URL must name a host")]
    NoHost,
    /// An IPv4 literal in decimal, octal, hexadecimal or shortened form (`2130706433`,
    /// `0177.0.0.1`, `0x7f.1`, `127.1`).
    #[error("the store URL's IP address is not written in the usual dotted-decimal form")]
    NonCanonicalIp,
    /// An IPv4-mapped IPv6 literal (`[::ffff:127.0.0.1]`).
    #[error("the store URL must not use an IPv4-mapped IPv6 address")]
    MappedIpv6,
    /// A base URL with a query string or a fragment.
    #[error("the store URL must not contain a query string or fragment")]
    QueryOrFragment,
    /// A Shopify shop handle that does not match the documented pattern.
    #[error(
        "a Shopify shop must be given as its handle (1-60 letters, digits or '-', not starting \
         or ending with '-') or as <handle>.myshopify.com"
    )]
    ShopHandle,
    /// A BigCommerce store hash that does not match the documented pattern.
    #[error("a BigCommerce store hash must be 1-32 lowercase letters or digits")]
    StoreHash,
}

impl From<UrlError> for ToolError {
    /// Maps to [`ErrorKind::InvalidArguments`]: a URL is refused while a connection is being
    /// configured, before any request.
    fn from(err: UrlError) -> Self {
        ToolError::new(ErrorKind::InvalidArguments, err.to_string())
    }
}

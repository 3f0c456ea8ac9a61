//! [`BaseUrl`] (a validated store base) and [`UpstreamUrl`] (one endpoint under it).

use std::fmt;

use shopmcp_core::ToolError;
use url::{Host, Url};

use crate::{UrlError, encode_segment};

/// A validated base URL of a store API.
///
/// Built from tenant input with [`BaseUrl::parse`] (Magento, Neto), or from a fixed-host
/// identifier ([`ShopHandle`](crate::ShopHandle), [`StoreHash`](crate::StoreHash)).
/// Parsing checks syntax only:
///
/// - scheme `https`; plain `http` only with a loopback IP literal host (and the client still
///   refuses it unless built through its dangerous door),
/// - no `user:password@`, no query string, no fragment,
/// - IPv4 literals only in dotted-decimal form (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1` are
///   refused), no IPv4-mapped IPv6 literals.
///
/// Whether the host may be reached (public addresses only) is decided by the
/// [`HttpClient`](crate::HttpClient) on every request, against the address it connects to; see
/// [`HttpClient::check_base_url`](crate::HttpClient::check_base_url) to check it up front.
///
/// ```
/// use shopmcp_http::{BaseUrl, UrlError};
/// let base = BaseUrl::parse("https://shop.example.com/magento/").unwrap();
/// let url = base.endpoint(["rest", "V1", "products", "SKU/1"]).unwrap();
/// assert_eq!(url.as_str(), "https://shop.example.com/magento/rest/V1/products/SKU%2F1");
/// assert_eq!(BaseUrl::parse("http://shop.example.com"), Err(UrlError::Scheme));
/// assert_eq!(BaseUrl::parse("https://admin:pw@shop.example.com"), Err(UrlError::UserInfo));
/// assert_eq!(BaseUrl::parse("https://2130706433/"), Err(UrlError::NonCanonicalIp));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses and validates a base URL.
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let url = parse_checked(input)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(UrlError::QueryOrFragment);
        }
        Ok(Self(url))
    }

    /// The URL of an endpoint below this base: every segment is percent-encoded on its own
    /// ([`encode_segment`]), so a value such as `../customers/1` stays one segment.
    ///
    /// Fails with [`ErrorKind::InvalidArguments`](shopmcp_core::ErrorKind::InvalidArguments) for
    /// an empty, `.` or `..` segment.
    pub fn endpoint<I, S>(&self, segments: I) -> Result<UpstreamUrl, ToolError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut path = self.0.path().trim_end_matches('/').to_owned();
        for segment in segments {
            path.push('/');
            path.push_str(&encode_segment(segment.as_ref())?);
        }
        if path.is_empty() {
            path.push('/');
        }
        let mut url = self.0.clone();
        url.set_path(&path);
        if url.path() != path {
            return Err(ToolError::internal(format!(
                "path of {} was rewritten by the URL parser",
                url.host_str().unwrap_or_default()
            )));
        }
        Ok(UpstreamUrl(url))
    }

    /// The scheme (`https`, or `http` for a loopback literal).
    pub fn scheme(&self) -> &str {
        self.0.scheme()
    }

    /// The host (a DNS name or an IP literal; IPv6 in brackets).
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// The explicit port, if any.
    pub fn port(&self) -> Option<u16> {
        self.0.port()
    }

    /// The path prefix.
    pub fn path(&self) -> &str {
        self.0.path()
    }

    /// The whole URL (it has no query, so this is safe to log).
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn url(&self) -> &Url {
        &self.0
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({})", self.0.as_str())
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// The URL of one upstream endpoint, made by [`BaseUrl::endpoint`]; query pairs are added with
/// [`UpstreamRequest::query`](crate::UpstreamRequest::query).
///
/// It has no `Display`: a URL with a query string must not end up in messages by accident.
/// `Debug` leaves the query out.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UpstreamUrl(Url);

impl UpstreamUrl {
    /// The host.
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// The percent-encoded path.
    pub fn path(&self) -> &str {
        self.0.path()
    }

    /// The encoded query string, if any (may carry customer data: do not log it).
    pub fn query(&self) -> Option<&str> {
        self.0.query()
    }

    /// The full URL, query included (may carry customer data: do not log it).
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Appends one `key=value` pair, both form-urlencoded.
    pub(crate) fn append_query(&mut self, key: &str, value: &str) {
        self.0.query_pairs_mut().append_pair(key, value);
    }

    pub(crate) fn url(&self) -> &Url {
        &self.0
    }
}

impl fmt::Debug for UpstreamUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query = if self.0.query().is_some() { "?…" } else { "" };
        write!(
            f,
            "UpstreamUrl({}://{}{}{query})",
            self.0.scheme(),
            host_port(&self.0),
            self.0.path()
        )
    }
}

/// `host` or `host:port`, for log details.
pub(crate) fn host_port(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

fn parse_checked(input: &str) -> Result<Url, UrlError> {
    let url = Url::parse(input.trim()).map_err(|_| UrlError::Invalid)?;
    if !url.username().is_empty() || url.password().is_some() || raw_authority(input).contains('@')
    {
        return Err(UrlError::UserInfo);
    }
    let host = url.host().ok_or(UrlError::NoHost)?;
    let loopback_literal = match host {
        Host::Domain(_) => false,
        Host::Ipv4(ip) => {
            let raw = raw_host(input).to_ascii_lowercase();
            if raw != ip.to_string() {
                return Err(UrlError::NonCanonicalIp);
            }
            ip.is_loopback()
        }
        Host::Ipv6(ip) => {
            if ip.to_ipv4_mapped().is_some() {
                return Err(UrlError::MappedIpv6);
            }
            ip.is_loopback()
        }
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback_literal => Ok(url),
        _ => Err(UrlError::Scheme),
    }
}

/// The authority part of `input` exactly as written (`userinfo@host:port`).
fn raw_authority(input: &str) -> &str {
    let rest = input.trim().split_once("://").map_or("", |(_, rest)| rest);
    rest.split(['/', '\\', '?', '#']).next().unwrap_or_default()
}

/// The host part of `input` exactly as written, without user-info and port.
fn raw_host(input: &str) -> &str {
    let authority = raw_authority(input);
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    if host_port.starts_with('[') {
        return host_port.split_inclusive(']').next().unwrap_or_default();
    }
    host_port.split(':').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_store_urls() {
        for (input, host, path) in [
            ("https://shop.example.com", "shop.example.com", "/"),
            ("https://Shop.Example.com/", "shop.example.com", "/"),
            (
                "https://shop.example.com/magento",
                "shop.example.com",
                "/magento",
            ),
            (
                "https://www.store.com.au/do/WS/NetoAPI",
                "www.store.com.au",
                "/do/WS/NetoAPI",
            ),
            ("https://shop.example.com:8443/", "shop.example.com", "/"),
            ("https://8.8.8.8/", "8.8.8.8", "/"),
            ("https://[2606:4700::1111]/", "[2606:4700::1111]", "/"),
            ("http://127.0.0.1:8080/", "127.0.0.1", "/"),
            ("http://[::1]:8080/", "[::1]", "/"),
        ] {
            let base = BaseUrl::parse(input).unwrap();
            assert_eq!(base.host(), host, "{input}");
            assert_eq!(base.path(), path, "{input}");
        }
    }

    #[test]
    fn refuses_tricks() {
        let cases = [
            ("shop.example.com", UrlError::Invalid),
            ("/relative", UrlError::Invalid),
            ("ftp://shop.example.com", UrlError::Scheme),
            ("file:///etc/passwd", UrlError::NoHost),
            ("http://shop.example.com", UrlError::Scheme),
            ("http://10.0.0.1", UrlError::Scheme),
            ("https://user@shop.example.com", UrlError::UserInfo),
            ("https://user:pw@shop.example.com", UrlError::UserInfo),
            ("https://shop.example.com@evil.com", UrlError::UserInfo),
            ("https://2130706433/", UrlError::NonCanonicalIp),
            ("https://0177.0.0.1/", UrlError::NonCanonicalIp),
            ("https://0x7f.0.0.1/", UrlError::NonCanonicalIp),
            ("https://0x7f000001/", UrlError::NonCanonicalIp),
            ("https://127.1/", UrlError::NonCanonicalIp),
            ("https://127.0.0.1./", UrlError::NonCanonicalIp),
            ("https://%31%32%37.0.0.1/", UrlError::NonCanonicalIp),
            ("http://2130706433:8080/", UrlError::NonCanonicalIp),
            ("https://[::ffff:127.0.0.1]/", UrlError::MappedIpv6),
            ("https://[::ffff:7f00:1]/", UrlError::MappedIpv6),
            ("https://shop.example.com/?a=1", UrlError::QueryOrFragment),
            ("https://shop.example.com/#x", UrlError::QueryOrFragment),
        ];
        for (input, want) in cases {
            assert_eq!(BaseUrl::parse(input), Err(want), "{input}");
        }
    }

    #[test]
    fn error_messages_do_not_echo_input() {
        let err = BaseUrl::parse("https://admin:hunter2@shop.example.com").unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
        let tool: ToolError = err.into();
        assert!(!tool.model_message().contains("hunter2"));
    }

    #[test]
    fn endpoint_keeps_each_segment_whole() {
        let base = BaseUrl::parse("https://shop.example.com/base/").unwrap();
        let url = base
            .endpoint(["rest", "V1", "customers", "../customers/1"])
            .unwrap();
        assert_eq!(url.path(), "/base/rest/V1/customers/..%2Fcustomers%2F1");
        assert_eq!(url.host(), "shop.example.com");
        let url = base.endpoint(["orders", "1?x=1#y"]).unwrap();
        assert_eq!(url.path(), "/base/orders/1%3Fx%3D1%23y");
        assert_eq!(url.query(), None);
        let url = base.endpoint(["%2e%2e", "x"]).unwrap();
        assert_eq!(url.path(), "/base/%252e%252e/x");
        assert!(base.endpoint(["orders", ".."]).is_err());
        assert!(base.endpoint(["orders", ""]).is_err());
        let root = BaseUrl::parse("https://shop.example.com").unwrap();
        assert_eq!(root.endpoint(Vec::<&str>::new()).unwrap().path(), "/");
        assert_eq!(
            root.endpoint(["a"]).unwrap().as_str(),
            "https://shop.example.com/a"
        );
    }

    #[test]
    fn debug_hides_the_query() {
        let base = BaseUrl::parse("https://shop.example.com").unwrap();
        let mut url = base.endpoint(["orders"]).unwrap();
        url.append_query("email", "secret-marker@example.com");
        assert!(url.query().unwrap().contains("secret-marker"));
        let debug = format!("{url:?}");
        assert_eq!(debug, "UpstreamUrl(https://shop.example.com/orders?…)");
    }
}

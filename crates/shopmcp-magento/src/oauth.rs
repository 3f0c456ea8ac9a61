//! OAuth 1.0a request signing (RFC 5849) with HMAC-SHA256, as Magento verifies it.
//!
//! The signature base string is `METHOD&enc(base URI)&enc(normalised parameters)`:
//! - base URI: scheme and host in lower case, the port only when it is not the scheme's
//!   default, the path exactly as sent (already percent-encoded), no query;
//! - parameters: the query parameters and the `oauth_*` protocol parameters (and the pairs of
//!   a form-encoded body; this crate never sends one, JSON bodies are not signed), each name
//!   and value percent-encoded (RFC 3986 unreserved characters only), sorted by name then
//!   value, joined with `=` and `&`;
//! - key: `enc(consumer_secret)&enc(token_secret)`.
//!
//! Query parameters are read back from the query string actually sent, split on `&` and `=`
//! and percent-decoded, exactly as Magento's `Oauth\Helper\Request` does. Magento releases
//! disagree on whether `+` in a query means a space (older ones call `urldecode`, newer ones
//! `rawurldecode`), so a query containing `+` is refused rather than signed ambiguously; the
//! request builder never produces one (see [`crate::search`]).

use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use shopmcp_core::ToolError;

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The signature method this crate uses.
pub(crate) const SIGNATURE_METHOD: &str = "HMAC-SHA256";

/// RFC 3986 percent-encoding of one name or value (upper-case hex).
pub(crate) fn encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// The base string URI: lower-case scheme and host, non-default port, path as sent.
pub(crate) fn base_uri(scheme: &str, host: &str, port: Option<u16>, path: &str) -> String {
    let scheme = scheme.to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    };
    match port {
        Some(p) if Some(p) != default_port => format!("{scheme}://{host}:{p}{path}"),
        _ => format!("{scheme}://{host}{path}"),
    }
}

/// The query parameters of a sent query string, decoded as Magento decodes them.
pub(crate) fn query_params(query: Option<&str>) -> Result<Vec<(String, String)>, ToolError> {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return Ok(Vec::new());
    };
    if query.contains('+') {
        return Err(ToolError::internal(
            "refusing to sign a query containing `+` (its meaning differs between Magento releases)",
        ));
    }
    let decode = |s: &str| {
        percent_decode_str(s)
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| ToolError::internal("query string is not UTF-8 after decoding"))
    };
    let mut out = Vec::new();
    for pair in query.split('&') {
        let mut bits = pair.split('=');
        if let (Some(name), Some(value), None) = (bits.next(), bits.next(), bits.next()) {
            out.push((decode(name)?, decode(value)?));
        }
    }
    Ok(out)
}

/// The `oauth_*` protocol values of one request (the signature excluded).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Protocol<'a> {
    pub(crate) consumer_key: &'a str,
    pub(crate) token: &'a str,
    pub(crate) nonce: &'a str,
    pub(crate) timestamp: &'a str,
    /// `Some("1.0")` in every request this crate sends; optional in RFC 5849.
    pub(crate) version: Option<&'a str>,
}

impl<'a> Protocol<'a> {
    fn params(&self) -> Vec<(&'static str, &'a str)> {
        let mut p = vec![
            ("oauth_consumer_key", self.consumer_key),
            ("oauth_nonce", self.nonce),
            ("oauth_signature_method", SIGNATURE_METHOD),
            ("oauth_timestamp", self.timestamp),
            ("oauth_token", self.token),
        ];
        if let Some(v) = self.version {
            p.push(("oauth_version", v));
        }
        p
    }
}

/// The signature base string (RFC 5849 section 3.4.1).
pub(crate) fn base_string(
    method: &str,
    base_uri: &str,
    params: &[(String, String)],
    protocol: &[(&str, &str)],
) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (encode(k), encode(v)))
        .chain(protocol.iter().map(|(k, v)| (encode(k), encode(v))))
        .collect();
    pairs.sort();
    let normalised = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        encode(base_uri),
        encode(&normalised)
    )
}

/// Base64 of the HMAC of `text` under `enc(consumer_secret)&enc(token_secret)`.
pub(crate) fn hmac_base64(
    algorithm: hmac::Algorithm,
    text: &str,
    consumer_secret: &str,
    token_secret: &str,
) -> String {
    let key_bytes = format!("{}&{}", encode(consumer_secret), encode(token_secret));
    let key = hmac::Key::new(algorithm, key_bytes.as_bytes());
    STANDARD.encode(hmac::sign(&key, text.as_bytes()).as_ref())
}

/// Signs one request with HMAC-SHA256; returns its `Authorization` header value.
pub(crate) fn sign(
    method: &str,
    base_uri: &str,
    params: &[(String, String)],
    protocol: &Protocol<'_>,
    consumer_secret: &str,
    token_secret: &str,
) -> String {
    let protocol_params = protocol.params();
    let text = base_string(method, base_uri, params, &protocol_params);
    let signature = hmac_base64(hmac::HMAC_SHA256, &text, consumer_secret, token_secret);
    let mut header_params: Vec<(&str, &str)> = protocol_params
        .iter()
        .copied()
        .chain([("oauth_signature", signature.as_str())])
        .collect();
    header_params.sort_unstable();
    let header = header_params
        .iter()
        .map(|(k, v)| format!("{}=\"{}\"", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("OAuth {header}")
}

/// A fresh nonce: 128 random bits as 32 hex digits (Magento stores at most 32 characters).
pub(crate) fn nonce() -> Result<String, ToolError> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|_| ToolError::internal("the system random generator failed"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Seconds since the Unix epoch (Magento accepts at most 600 s of clock skew).
pub(crate) fn timestamp() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .to_string()
}

#[cfg(test)]
#[path = "oauth_tests.rs"]
mod tests;

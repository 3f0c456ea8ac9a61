//! Verifies an OAuth 1.0a signature the way Magento's server does: parameters read back from
//! the `Authorization` header and the raw query string of the request the fake received.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use shopmcp_testkit::RecordedRequest;

use super::{ACCESS_TOKEN, ACCESS_TOKEN_SECRET, CONSUMER_KEY, CONSUMER_SECRET};

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

fn dec(s: &str) -> String {
    percent_decode_str(s).decode_utf8().unwrap().into_owned()
}

/// `name=value` pairs of a raw query, percent-decoded (Magento's `rawurldecode`).
pub fn decoded_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .filter(|q| !q.is_empty())
        .map(|q| {
            q.split('&')
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap();
                    (dec(k), dec(v))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The `oauth_*` parameters of an `Authorization: OAuth ...` header.
pub fn header_params(header: &str) -> BTreeMap<String, String> {
    let rest = header.strip_prefix("OAuth ").expect("OAuth scheme");
    rest.split(", ")
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            let v = v.strip_prefix('"').unwrap().strip_suffix('"').unwrap();
            (dec(k), dec(v))
        })
        .collect()
}

/// The signature the server expects for `req`.
pub fn expected_signature(
    req: &RecordedRequest,
    port: u16,
    oauth: &BTreeMap<String, String>,
) -> String {
    let mut params: Vec<(String, String)> = decoded_query(req.query.as_deref())
        .into_iter()
        .chain(
            oauth
                .iter()
                .filter(|(k, _)| *k != "oauth_signature")
                .map(|(k, v)| (k.clone(), v.clone())),
        )
        .map(|(k, v)| (enc(&k), enc(&v)))
        .collect();
    params.sort();
    let normalised = params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let uri = format!("https://127.0.0.1:{port}{}", req.path);
    let text = format!("{}&{}&{}", req.method, enc(&uri), enc(&normalised));
    let key = format!("{}&{}", enc(CONSUMER_SECRET), enc(ACCESS_TOKEN_SECRET));
    let key = hmac::Key::new(hmac::HMAC_SHA256, key.as_bytes());
    STANDARD.encode(hmac::sign(&key, text.as_bytes()).as_ref())
}

/// Asserts that `req` carries a valid HMAC-SHA256 OAuth 1.0a signature by the test integration.
pub fn assert_signed(req: &RecordedRequest, port: u16) {
    let header = req
        .header("authorization")
        .expect("an Authorization header");
    let oauth = header_params(header);
    let keys: Vec<&str> = oauth.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "oauth_consumer_key",
            "oauth_nonce",
            "oauth_signature",
            "oauth_signature_method",
            "oauth_timestamp",
            "oauth_token",
            "oauth_version"
        ]
    );
    assert_eq!(oauth["oauth_consumer_key"], CONSUMER_KEY);
    assert_eq!(oauth["oauth_token"], ACCESS_TOKEN);
    assert_eq!(oauth["oauth_signature_method"], "HMAC-SHA256");
    assert_eq!(oauth["oauth_version"], "1.0");
    let nonce = &oauth["oauth_nonce"];
    assert!(
        nonce.len() == 32 && nonce.bytes().all(|b| b.is_ascii_hexdigit()),
        "{nonce}"
    );
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let ts: u64 = oauth["oauth_timestamp"].parse().unwrap();
    assert!(now.abs_diff(ts) < 600, "timestamp {ts} vs now {now}");
    assert!(
        !req.query.as_deref().unwrap_or("").contains('+'),
        "a `+` in the query is ambiguous"
    );
    assert_eq!(
        oauth["oauth_signature"],
        expected_signature(req, port, &oauth),
        "signature of {} {}",
        req.method,
        req.path
    );
    assert!(!req.contains(CONSUMER_SECRET) && !req.contains(ACCESS_TOKEN_SECRET));
}

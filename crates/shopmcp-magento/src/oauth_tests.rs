//! Known-answer tests of the OAuth 1.0a signer.
//!
//! Vectors: RFC 5849's own examples (section 1.2's published HMAC-SHA1 signature and section
//! 3.4.1.1's published base string), and `tests/fixtures/oauth1_vectors.json`, computed once by
//! an independent Python implementation (`tests/fixtures/oauth1_vectors.py`, standard library
//! only) that asserts the same RFC answers before producing HMAC-SHA256 vectors.

use aws_lc_rs::hmac;
use serde::Deserialize;

use super::*;

#[derive(Deserialize)]
struct Creds {
    consumer_key: String,
    consumer_secret: String,
    access_token: String,
    access_token_secret: String,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    url: String,
    base_uri: String,
    form_params: Vec<(String, String)>,
    request_params: Vec<(String, String)>,
    credentials: Creds,
    nonce: String,
    timestamp: String,
    version: Option<String>,
    base_string: String,
    signature: String,
    authorization: String,
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("../tests/fixtures/oauth1_vectors.json")).unwrap()
}

/// Splits a vector's URL into what the client knows: scheme, host, port, path, query.
fn split(url: &str) -> (String, String, Option<u16>, String, Option<String>) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path_query) = rest.split_at(rest.find('/').unwrap());
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h.to_owned(), Some(p.parse().unwrap())),
        None => (authority.to_owned(), None),
    };
    let (path, query) = match path_query.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (path_query.to_owned(), None),
    };
    (scheme.to_owned(), host, port, path, query)
}

#[test]
fn independent_vectors_match() {
    let all = vectors();
    assert_eq!(all.len(), 5);
    for v in all {
        let (scheme, host, port, path, query) = split(&v.url);
        assert_eq!(
            base_uri(&scheme, &host, port, &path),
            v.base_uri,
            "{}",
            v.name
        );
        let mut params = query_params(query.as_deref()).unwrap();
        params.extend(v.form_params.iter().cloned());
        assert_eq!(params, v.request_params, "{}", v.name);
        let protocol = Protocol {
            consumer_key: &v.credentials.consumer_key,
            token: &v.credentials.access_token,
            nonce: &v.nonce,
            timestamp: &v.timestamp,
            version: v.version.as_deref(),
        };
        let text = base_string(&v.method, &v.base_uri, &params, &protocol.params());
        assert_eq!(text, v.base_string, "{}", v.name);
        let secrets = (
            &v.credentials.consumer_secret,
            &v.credentials.access_token_secret,
        );
        let signature = hmac_base64(hmac::HMAC_SHA256, &text, secrets.0, secrets.1);
        assert_eq!(signature, v.signature, "{}", v.name);
        let header = sign(
            &v.method,
            &v.base_uri,
            &params,
            &protocol,
            secrets.0,
            secrets.1,
        );
        assert_eq!(header, v.authorization, "{}", v.name);
    }
}

#[test]
fn rfc5849_section_1_2_hmac_sha1_signature() {
    // GET http://photos.example.net/photos?file=vacation.jpg&size=original, RFC 5849 1.2.
    let params = query_params(Some("file=vacation.jpg&size=original")).unwrap();
    let protocol = [
        ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        ("oauth_token", "nnch734d00sl2jdk"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131202"),
        ("oauth_nonce", "chapoH"),
    ];
    let uri = base_uri("http", "photos.example.net", None, "/photos");
    let text = base_string("GET", &uri, &params, &protocol);
    assert_eq!(
        text,
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal"
    );
    let sig = hmac_base64(
        hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        &text,
        "kd94hf93k423kf44",
        "pfkkdhi9sl3r4s00",
    );
    assert_eq!(sig, "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
}

#[test]
fn rfc5849_section_3_4_1_1_base_string() {
    // Query b5=%3D%253D&a3=a&c%40=&a2=r%20b, form body c2&a3=2+q (so a3 = "2 q").
    let mut params = query_params(Some("b5=%3D%253D&a3=a&c%40=&a2=r%20b")).unwrap();
    params.push(("c2".into(), String::new()));
    params.push(("a3".into(), "2 q".into()));
    let protocol = [
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
    ];
    let uri = base_uri("HTTP", "EXAMPLE.com", Some(80), "/request");
    assert_eq!(
        base_string("post", &uri, &params, &protocol),
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    );
}

#[test]
fn base_uri_drops_default_ports_only() {
    assert_eq!(
        base_uri(
            "https",
            "Shop.Example.com",
            Some(443),
            "/rest/default/V1/orders"
        ),
        "https://shop.example.com/rest/default/V1/orders"
    );
    assert_eq!(
        base_uri("https", "shop.example.com", Some(80), "/x"),
        "https://shop.example.com:80/x"
    );
    assert_eq!(
        base_uri("http", "127.0.0.1", Some(8080), "/x"),
        "http://127.0.0.1:8080/x"
    );
}

#[test]
fn query_with_plus_is_refused() {
    assert!(query_params(Some("a=b+c")).is_err());
    assert!(query_params(Some("a=b%2Bc")).is_ok());
    assert_eq!(query_params(None).unwrap(), Vec::new());
    assert_eq!(query_params(Some("")).unwrap(), Vec::new());
}

#[test]
fn nonces_are_fresh_hex_of_32() {
    let a = nonce().unwrap();
    let b = nonce().unwrap();
    assert_eq!(a.len(), 32);
    assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, b);
    assert!(timestamp().parse::<u64>().unwrap() > 1_700_000_000);
}

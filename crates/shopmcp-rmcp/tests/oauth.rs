//! OAuth 2.1 resource-server mode: JWTs signed at test time with a fresh Ed25519 key,
//! validated against an inline JWKS (no network).
#![cfg(feature = "oauth")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use common::clients::{self, Era, TestClient};
use common::raw::{self, post};
use common::{Fixture, checks};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use shopmcp_rmcp::{HttpHandle, Jwks, OAuthConfig};

const ISSUER: &str = "https://auth.example.test";

struct Signer {
    kid: &'static str,
    key: EncodingKey,
    public: Vec<u8>,
}

impl Signer {
    fn new(kid: &'static str) -> Self {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        Self {
            kid,
            key: EncodingKey::from_ed_der(pkcs8.as_ref()),
            public: pair.public_key().as_ref().to_vec(),
        }
    }

    fn jwks(&self) -> String {
        json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig",
            "kid": self.kid, "x": b64url(&self.public)}]})
        .to_string()
    }

    fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.to_owned());
        jsonwebtoken::encode(&header, claims, &self.key).unwrap()
    }
}

fn b64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn claims(h: &HttpHandle, f: &Fixture, scope: &str) -> Value {
    json!({"iss": ISSUER, "aud": h.url(), "sub": "user-1", "exp": now() + 300, "nbf": now() - 10,
        "iat": now(), "shopmcp_workspace": f.ws_a.to_string(), "scope": scope})
}

async fn serve(f: &Fixture, signer: &Signer) -> HttpHandle {
    let jwks = Jwks::from_json(&signer.jwks()).unwrap();
    raw::serve(f, |b| b.oauth(OAuthConfig::new(ISSUER, jwks))).await
}

#[tokio::test]
async fn a_valid_token_works_in_both_eras() {
    let f = Fixture::new();
    let signer = Signer::new("k1");
    let h = serve(&f, &signer).await;
    let token = signer.sign(&claims(&h, &f, "shopmcp:read shopmcp:write"));
    for era in Era::BOTH {
        let a = clients::http(h.url(), &token, era, TestClient::plain()).await;
        checks::lists_workspace_a(&a).await;
        checks::call_is_structured(&a).await;
        let r = checks::call(
            &a,
            "local_products_update",
            json!({"sku": "CAP-03", "changes": {"price": "1.00"}}),
        )
        .await
        .unwrap();
        assert_eq!(r.is_error, Some(false));
    }
    assert_eq!(f.catalogue.writes(), 2);
    // The issuer is advertised as the authorization server.
    let doc = raw::get(h.metadata_url()).await.json();
    assert_eq!(doc["authorization_servers"], json!([ISSUER]));
}

#[tokio::test]
async fn invalid_tokens_get_401() {
    let f = Fixture::new();
    let signer = Signer::new("k1");
    let h = serve(&f, &signer).await;
    let good = claims(&h, &f, "shopmcp:read");
    let with = |k: &str, v: Value| {
        let mut c = good.clone();
        c[k] = v;
        c
    };
    let without = |k: &str| {
        let mut c = good.clone();
        c.as_object_mut().unwrap().remove(k);
        c
    };
    let cases = [
        (
            "wrong audience",
            signer.sign(&with("aud", json!("https://other.example/mcp"))),
        ),
        ("expired", signer.sign(&with("exp", json!(now() - 3600)))),
        (
            "not yet valid",
            signer.sign(&with("nbf", json!(now() + 3600))),
        ),
        (
            "wrong issuer",
            signer.sign(&with("iss", json!("https://evil.example"))),
        ),
        ("no subject", signer.sign(&without("sub"))),
        ("no workspace", signer.sign(&without("shopmcp_workspace"))),
        (
            "unknown workspace",
            signer.sign(&with(
                "shopmcp_workspace",
                json!(shopmcp_core::WorkspaceId::random().to_string()),
            )),
        ),
        ("another key", Signer::new("k1").sign(&good)),
        (
            "shared-secret alg",
            jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &good,
                &EncodingKey::from_secret(signer.jwks().as_bytes()),
            )
            .unwrap(),
        ),
        ("not a jwt", "abc.def.ghi".to_owned()),
    ];
    for (what, token) in cases {
        let r = post(h.url(), Some(&token), &raw::initialize(), &[]).await;
        assert_eq!(r.status, 401, "{what}");
        let challenge = r.header("www-authenticate").unwrap();
        assert!(
            challenge.contains("error=\"invalid_token\""),
            "{what}: {challenge}"
        );
        assert!(challenge.contains(h.metadata_url()), "{what}");
    }
    let ok = post(h.url(), Some(&signer.sign(&good)), &raw::initialize(), &[]).await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn a_missing_scope_is_403_insufficient_scope() {
    let f = Fixture::new();
    let signer = Signer::new("k1");
    let h = serve(&f, &signer).await;
    let read_only = signer.sign(&claims(&h, &f, "shopmcp:read"));
    let update = json!({"name": "local_products_update", "arguments": {"sku": "MUG-01", "changes": {"price": "1.00"}}});
    let r = raw::modern(h.url(), &read_only, 1, "tools/call", update.clone()).await;
    assert_eq!(r.status, 403, "{}", r.text);
    let challenge = r.header("www-authenticate").unwrap();
    assert!(
        challenge.starts_with("Bearer error=\"insufficient_scope\", scope=\"shopmcp:write\""),
        "{challenge}"
    );
    assert_eq!(f.catalogue.writes(), 0);
    // Reads are fine with the read scope.
    let r = raw::modern(
        h.url(),
        &read_only,
        2,
        "tools/call",
        json!({"name": "local_products_list", "arguments": {}}),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["result"]["isError"], json!(false));
    // A write-only token cannot read.
    let write_only = signer.sign(&claims(&h, &f, "shopmcp:write"));
    let r = raw::modern(
        h.url(),
        &write_only,
        3,
        "tools/call",
        json!({"name": "local_products_list", "arguments": {}}),
    )
    .await;
    assert_eq!(r.status, 403);
    assert!(
        r.header("www-authenticate")
            .unwrap()
            .contains("scope=\"shopmcp:read\"")
    );
    // The same holds inside a 2025-11-25 session.
    let session = raw::open_session(h.url(), &read_only).await;
    let body = json!({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": update});
    let headers = [
        ("mcp-session-id", session.as_str()),
        ("mcp-protocol-version", "2025-11-25"),
    ];
    assert_eq!(
        post(h.url(), Some(&read_only), &body, &headers)
            .await
            .status,
        403
    );
    assert_eq!(f.catalogue.writes(), 0);
}

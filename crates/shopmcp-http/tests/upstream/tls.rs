//! TLS: verification is always on; a private CA must be added explicitly.

use http::header::HeaderName;
use shopmcp_core::ErrorKind;
use shopmcp_core::secret::SecretString;
use shopmcp_http::{BuildError, HttpClient, ShopHandle, UpstreamRequest};
use shopmcp_testkit::{FakeResponse, FakeUpstream, StaticResolver, TestCa};

use crate::common::{ctx, quick, url};

fn ok() -> FakeResponse {
    FakeResponse::json(200, &serde_json::json!({"ok": true}))
}

#[tokio::test]
async fn server_with_an_untrusted_ca_is_refused() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    fake.set_default(ok());
    let client = quick().dangerous().allow_loopback().build().unwrap();
    let err = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["ping"])))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::UpstreamUnavailable,
        "{}",
        err.log_detail()
    );
    assert!(
        err.model_message().contains("certificate"),
        "{}",
        err.model_message()
    );
    assert!(fake.connection_count() >= 1, "the handshake was attempted");
    assert_eq!(fake.request_count(), 0, "no request got through");
}

#[tokio::test]
async fn the_same_server_is_accepted_once_its_ca_is_added() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    fake.set_default(ok());
    let client = quick()
        .add_root_certificate_pem(ca.pem())
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let resp = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["ping"])))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn a_different_ca_does_not_help() {
    let ca = TestCa::new().unwrap();
    let other = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    fake.set_default(ok());
    let client = quick()
        .add_root_certificate_pem(other.pem())
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let err = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["ping"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(fake.request_count(), 0);
}

#[tokio::test]
async fn certificate_failures_are_not_retried() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    let client = quick().dangerous().allow_loopback().build().unwrap();
    let _ = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["ping"])))
        .await
        .unwrap_err();
    assert_eq!(fake.connection_count(), 1);
}

#[tokio::test]
async fn plain_http_needs_the_dangerous_door() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.set_default(ok());
    for client in [
        HttpClient::builder().build().unwrap(),
        HttpClient::builder()
            .dangerous()
            .allow_loopback()
            .build()
            .unwrap(),
    ] {
        let err = client
            .send(&ctx(), UpstreamRequest::get(url(&fake, &["ping"])))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Forbidden, "{}", err.log_detail());
        assert!(err.model_message().contains("https"));
    }
    assert_eq!(fake.connection_count(), 0);
    let open = quick().dangerous().allow_loopback_http().build().unwrap();
    let resp = open
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["ping"])))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[test]
fn a_pem_without_certificates_is_a_build_error() {
    let err = HttpClient::builder()
        .add_root_certificate_pem("not a certificate")
        .build()
        .unwrap_err();
    assert!(
        matches!(err, BuildError::RootCertificate { index: 0 }),
        "{err}"
    );
}

#[tokio::test]
async fn a_fixed_shopify_host_reaches_the_fake_through_a_test_resolver() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    fake.route(
        "POST",
        "/admin/api/2026-07/graphql.json",
        FakeResponse::json(
            200,
            &serde_json::json!({"data": {"shop": {"name": "Acme"}}}),
        ),
    );
    let resolver = StaticResolver::new().with("acme.myshopify.com", fake.addr());
    let client = quick()
        .add_root_certificate_pem(ca.pem())
        .resolver(std::sync::Arc::new(resolver.clone()))
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let shop = ShopHandle::parse("acme").unwrap();
    let endpoint = shop
        .base_url()
        .endpoint(["admin", "api", "2026-07", "graphql.json"])
        .unwrap();
    let token = SecretString::from("shpat_test_token");
    let req = UpstreamRequest::post(endpoint)
        .read()
        .secret_header(HeaderName::from_static("x-shopify-access-token"), &token)
        .unwrap()
        .json(&serde_json::json!({"query": "{ shop { name } }"}))
        .unwrap();
    let body: serde_json::Value = client.send(&ctx(), req).await.unwrap().json().unwrap();
    assert_eq!(body["data"]["shop"]["name"], "Acme");
    let seen = &fake.requests()[0];
    assert_eq!(seen.header("host"), Some("acme.myshopify.com"));
    assert_eq!(
        seen.header("x-shopify-access-token"),
        Some("shpat_test_token")
    );
    assert_eq!(resolver.lookups(), vec!["acme.myshopify.com".to_owned()]);
}

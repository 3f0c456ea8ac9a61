//! The SSRF guard: non-public destinations are refused before any connection.

use std::sync::Arc;

use shopmcp_core::ErrorKind;
use shopmcp_http::{BaseUrl, HttpClient, UpstreamRequest, UrlError};
use shopmcp_testkit::{FakeResponse, FakeUpstream, StaticResolver, TestCa};

use crate::common::{ctx, quick};

fn ok() -> FakeResponse {
    FakeResponse::json(200, &serde_json::json!({"ok": true}))
}

/// A production-configured client (no dangerous door), trusting the test CA.
fn production_client(ca: &TestCa, resolver: &StaticResolver) -> HttpClient {
    quick()
        .add_root_certificate_pem(ca.pem())
        .resolver(Arc::new(resolver.clone()))
        .build()
        .unwrap()
}

async fn assert_refused(client: &HttpClient, base: &BaseUrl) {
    let err = client.check_base_url(base).await.unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Forbidden,
        "{base}: {}",
        err.log_detail()
    );
    // Only after the check has refused it is the full send path exercised.
    let err = client
        .send(
            &ctx(),
            UpstreamRequest::get(base.endpoint(["orders"]).unwrap()),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Forbidden,
        "{base}: {}",
        err.log_detail()
    );
    assert!(
        err.model_message()
            .contains("only public internet addresses"),
        "{}",
        err.model_message()
    );
}

#[tokio::test]
async fn loopback_literals_are_refused_before_connecting() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    fake.set_default(ok());
    let client = production_client(&ca, &StaticResolver::new());
    for host in ["127.0.0.1", "[::1]"] {
        let base = BaseUrl::parse(&format!("https://{host}:{}", fake.port())).unwrap();
        assert_refused(&client, &base).await;
    }
    assert_eq!(fake.connection_count(), 0, "the listener saw a connection");
}

#[tokio::test]
async fn ip_literal_tricks_are_refused_at_parse_time() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https(&ca).await.unwrap();
    let port = fake.port();
    let cases = [
        (
            format!("https://2130706433:{port}/"),
            UrlError::NonCanonicalIp,
        ),
        (
            format!("https://0177.0.0.1:{port}/"),
            UrlError::NonCanonicalIp,
        ),
        (
            format!("https://0x7f.0.0.1:{port}/"),
            UrlError::NonCanonicalIp,
        ),
        (format!("https://127.1:{port}/"), UrlError::NonCanonicalIp),
        (
            format!("https://[::ffff:127.0.0.1]:{port}/"),
            UrlError::MappedIpv6,
        ),
        (
            format!("https://user:pw@127.0.0.1:{port}/"),
            UrlError::UserInfo,
        ),
    ];
    for (input, want) in cases {
        assert_eq!(BaseUrl::parse(&input), Err(want), "{input}");
    }
    assert_eq!(fake.connection_count(), 0);
}

#[tokio::test]
async fn private_metadata_and_unique_local_literals_are_refused() {
    let client = HttpClient::builder().build().unwrap();
    let loopback_ok = HttpClient::builder()
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    for host in [
        "10.0.0.1",
        "169.254.169.254",
        "[fc00::1]",
        "[fd00:ec2::254]",
        "0.0.0.0",
        "100.64.0.1",
        "192.168.1.1",
        "172.16.0.1",
        "[fe80::1]",
    ] {
        let base = BaseUrl::parse(&format!("https://{host}")).unwrap();
        assert_refused(&client, &base).await;
        // The loopback door opens loopback only.
        assert_refused(&loopback_ok, &base).await;
    }
}

#[tokio::test]
async fn a_host_name_resolving_to_a_private_address_is_refused() {
    let ca = TestCa::new().unwrap();
    let resolver = StaticResolver::new()
        .with("shop.evil.example", "192.168.1.1:443".parse().unwrap())
        .with("meta.evil.example", "169.254.169.254:80".parse().unwrap());
    let client = production_client(&ca, &resolver);
    for host in ["shop.evil.example", "meta.evil.example"] {
        let base = BaseUrl::parse(&format!("https://{host}")).unwrap();
        assert_refused(&client, &base).await;
    }
    assert!(resolver.lookups().contains(&"shop.evil.example".to_owned()));
}

#[tokio::test]
async fn a_host_name_resolving_to_loopback_is_refused_and_never_connected() {
    let ca = TestCa::new().unwrap();
    let fake = FakeUpstream::https_with_names(&ca, &["rebind.example"])
        .await
        .unwrap();
    fake.set_default(ok());
    let resolver = StaticResolver::new().with("rebind.example", fake.addr());
    let base = BaseUrl::parse("https://rebind.example").unwrap();
    assert_refused(&production_client(&ca, &resolver), &base).await;
    assert_eq!(fake.connection_count(), 0, "the listener saw a connection");

    // Control: the same setup through the loopback door connects, so the guard was what refused.
    let open = quick()
        .add_root_certificate_pem(ca.pem())
        .resolver(Arc::new(resolver))
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let resp = open
        .send(
            &ctx(),
            UpstreamRequest::get(base.endpoint(["orders"]).unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.connection_count(), 1);
}

#[tokio::test]
async fn unresolvable_names_are_unavailable_not_forbidden() {
    let client = quick()
        .resolver(Arc::new(StaticResolver::new()))
        .build()
        .unwrap();
    let base = BaseUrl::parse("https://unknown.example").unwrap();
    let err = client.check_base_url(&base).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    let err = client
        .send(&ctx(), UpstreamRequest::get(base.endpoint(["x"]).unwrap()))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::UpstreamUnavailable,
        "{}",
        err.log_detail()
    );
}

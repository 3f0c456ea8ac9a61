//! Redirects are never followed: credentials never reach another host.

use http::header::HeaderName;
use shopmcp_core::ErrorKind;
use shopmcp_core::secret::SecretString;
use shopmcp_http::UpstreamRequest;
use shopmcp_testkit::{FakeResponse, FakeUpstream, StaticResolver, TestCa};

use crate::common::{ctx, loopback_client, quick, url};

const TOKEN: &str = "shpat_REDIRECT_TOKEN_MARKER";

fn with_token(req: UpstreamRequest) -> UpstreamRequest {
    req.secret_header(
        HeaderName::from_static("x-shopify-access-token"),
        &SecretString::from(TOKEN),
    )
    .unwrap()
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let other = FakeUpstream::http().await.unwrap();
    other.set_default(FakeResponse::json(
        200,
        &serde_json::json!({"stolen": true}),
    ));
    let client = loopback_client();
    for status in [301, 302, 303, 307, 308] {
        let store = FakeUpstream::http().await.unwrap();
        let location = format!("{}/collect?from=LOCATION_MARKER", other.base_url());
        store.route("GET", "/orders", FakeResponse::redirect(status, &location));
        store.route("POST", "/orders", FakeResponse::redirect(status, &location));
        for req in [
            UpstreamRequest::get(url(&store, &["orders"])),
            UpstreamRequest::post(url(&store, &["orders"])),
        ] {
            let err = client.send(&ctx(), with_token(req)).await.unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UpstreamRejected, "{status}");
            assert_eq!(err.upstream_status(), Some(status));
            assert!(err.model_message().contains("redirect"));
            assert!(!err.log_detail().contains("LOCATION_MARKER"));
        }
        assert_eq!(
            store.request_count(),
            2,
            "{status}: redirects are not retried either"
        );
        assert_eq!(
            store.requests()[0].header("x-shopify-access-token"),
            Some(TOKEN)
        );
    }
    assert_eq!(
        other.connection_count(),
        0,
        "the other host saw a connection"
    );
    assert_eq!(other.request_count(), 0);
}

#[tokio::test]
async fn send_raw_hands_the_redirect_back_unfollowed() {
    let other = FakeUpstream::http().await.unwrap();
    let store = FakeUpstream::http().await.unwrap();
    let location = format!("{}/collect", other.base_url());
    store.route("GET", "/orders", FakeResponse::redirect(302, &location));
    let resp = loopback_client()
        .send_raw(
            &ctx(),
            with_token(UpstreamRequest::get(url(&store, &["orders"]))),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers().get("location").unwrap(), location.as_str());
    assert_eq!(other.connection_count(), 0);
}

#[tokio::test]
async fn an_https_redirect_to_another_named_host_is_not_followed() {
    let ca = TestCa::new().unwrap();
    let store = FakeUpstream::https_with_names(&ca, &["store.example"])
        .await
        .unwrap();
    let other = FakeUpstream::https_with_names(&ca, &["attacker.example"])
        .await
        .unwrap();
    store.route(
        "GET",
        "/orders",
        FakeResponse::redirect(302, "https://attacker.example/collect"),
    );
    let resolver = StaticResolver::new()
        .with("store.example", store.addr())
        .with("attacker.example", other.addr());
    let client = quick()
        .add_root_certificate_pem(ca.pem())
        .resolver(std::sync::Arc::new(resolver.clone()))
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let base = shopmcp_http::BaseUrl::parse("https://store.example").unwrap();
    let req = with_token(UpstreamRequest::get(base.endpoint(["orders"]).unwrap()));
    let err = client.send(&ctx(), req).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamRejected);
    assert_eq!(store.request_count(), 1);
    assert_eq!(other.connection_count(), 0);
    assert_eq!(resolver.lookups(), vec!["store.example".to_owned()]);
}

//! Body cap, slow bodies and malformed answers.

use std::time::Duration;

use shopmcp_core::ErrorKind;
use shopmcp_http::{HttpClient, UpstreamRequest};
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use crate::common::{ctx, ctx_with, loopback_client, quick, url};

/// The most a single read from the connection can hand over (hyper's read buffer ceiling is
/// about 400 KiB); the cap may be overshot by at most this much while reading.
const ONE_CHUNK: usize = 512 * 1024;

fn client_with_limit(limit: usize) -> HttpClient {
    quick()
        .body_limit(limit)
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap()
}

/// The "read N bytes" figure of an oversize error's log detail.
fn bytes_read(detail: &str) -> usize {
    let rest = detail.split("(read ").nth(1).expect("read count in detail");
    rest.split(' ').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn an_oversize_streamed_body_stops_at_the_cap() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/export", FakeResponse::oversize(64 * 1024 * 1024));
    let limit = 256 * 1024;
    let err = client_with_limit(limit)
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["export"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert!(
        err.model_message().contains("larger than 262144 bytes"),
        "{}",
        err.model_message()
    );
    let read = bytes_read(&err.log_detail());
    assert!(
        read > limit && read <= limit + ONE_CHUNK,
        "read {read} bytes"
    );
    assert_eq!(fake.request_count(), 1, "an oversize answer is not retried");
}

#[tokio::test]
async fn the_default_cap_is_four_mebibytes() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/export", FakeResponse::oversize(32 * 1024 * 1024));
    let client = loopback_client();
    assert_eq!(client.body_limit(), 4 * 1024 * 1024);
    let err = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["export"])))
        .await
        .unwrap_err();
    assert!(err.model_message().contains("larger than 4194304 bytes"));
    assert!(bytes_read(&err.log_detail()) <= 4 * 1024 * 1024 + ONE_CHUNK);
}

#[tokio::test]
async fn a_declared_oversize_body_is_refused_before_reading() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route(
        "GET",
        "/export",
        FakeResponse::oversize_declared(10 * 1024 * 1024),
    );
    let err = client_with_limit(1024)
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["export"])))
        .await
        .unwrap_err();
    assert!(err.model_message().contains("larger than 1024 bytes"));
    assert_eq!(bytes_read(&err.log_detail()), 0);
}

#[tokio::test]
async fn a_body_exactly_at_the_cap_is_accepted() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/export", FakeResponse::oversize(8192));
    let resp = client_with_limit(8192)
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["export"])))
        .await
        .unwrap();
    assert_eq!(resp.body().len(), 8192);
}

#[tokio::test]
async fn a_dripping_body_ends_at_the_deadline() {
    let fake = FakeUpstream::http().await.unwrap();
    let body = vec![b'x'; 10_000];
    fake.route(
        "GET",
        "/orders",
        FakeResponse::drip(body, 10, Duration::from_millis(100)),
    );
    let err = loopback_client()
        .send(
            &ctx_with(Duration::from_secs(1)),
            UpstreamRequest::get(url(&fake, &["orders"])),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{}", err.log_detail());
    assert!(err.model_message().contains("did not answer in time"));
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn a_dripping_body_ends_at_the_attempt_timeout_too() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route(
        "GET",
        "/orders",
        FakeResponse::drip(vec![b'x'; 10_000], 10, Duration::from_millis(100)),
    );
    let client = quick()
        .attempt_timeout(Duration::from_millis(300))
        .max_retries(1)
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap();
    let err = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{}", err.log_detail());
    assert_eq!(
        fake.request_count(),
        2,
        "a read is retried once after an attempt timeout"
    );
}

#[tokio::test]
async fn malformed_json_is_unavailable_and_not_echoed() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", FakeResponse::malformed_json());
    fake.route(
        "GET",
        "/notes",
        FakeResponse::text(200, "{\"note\": \"BODYMARKER"),
    );
    let resp = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap();
    let err = resp.json::<serde_json::Value>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(err.model_message(), "the store sent a malformed response");
    let resp = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["notes"])))
        .await
        .unwrap();
    let err = resp.json::<serde_json::Value>().unwrap_err();
    assert!(
        !err.log_detail().contains("BODYMARKER"),
        "{}",
        err.log_detail()
    );
}

#[tokio::test]
async fn fixtures_are_served() {
    let dir = std::env::temp_dir().join(format!("shopmcp-http-fixture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("order.json");
    std::fs::write(&file, br#"{"id": 1001, "status": "paid"}"#).unwrap();
    let fake = FakeUpstream::http().await.unwrap();
    fake.route_fixture("GET", "/orders/1001", &file).unwrap();
    let order: serde_json::Value = loopback_client()
        .send(
            &ctx(),
            UpstreamRequest::get(url(&fake, &["orders", "1001"])),
        )
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(order["status"], "paid");
    std::fs::remove_dir_all(&dir).unwrap();
}

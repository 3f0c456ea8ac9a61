//! Status mapping: 4xx is surfaced at once (exactly one request), 5xx retried for reads only.

use std::time::Duration;

use shopmcp_core::ErrorKind;
use shopmcp_http::UpstreamRequest;
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use crate::common::{ctx, loopback_client, url};

fn body() -> serde_json::Value {
    serde_json::json!({"message": "nope"})
}

#[tokio::test]
async fn client_errors_are_sent_exactly_once() {
    let cases = [
        (400, ErrorKind::UpstreamRejected),
        (401, ErrorKind::Credentials),
        (403, ErrorKind::MissingScope),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::UpstreamRejected),
        (422, ErrorKind::UpstreamRejected),
    ];
    let client = loopback_client();
    for (code, kind) in cases {
        for (name, make) in [
            ("GET", UpstreamRequest::get as fn(_) -> _),
            ("POST", UpstreamRequest::post),
            ("POST-read", |u| UpstreamRequest::post(u).read()),
        ] {
            let fake = FakeUpstream::http().await.unwrap();
            let method = if name == "GET" { "GET" } else { "POST" };
            fake.route(method, "/items/1", FakeResponse::json(code, &body()));
            let err = client
                .send(&ctx(), make(url(&fake, &["items", "1"])))
                .await
                .unwrap_err();
            assert_eq!(err.kind(), kind, "{code} {name}");
            assert_eq!(err.upstream_status(), Some(code));
            assert_eq!(fake.request_count(), 1, "{code} {name} was retried");
        }
    }
}

#[tokio::test]
async fn send_raw_returns_the_client_error_for_platform_parsing() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route(
        "PUT",
        "/items/1",
        FakeResponse::json(422, &serde_json::json!({"message": "bad sku"})),
    );
    let resp = loopback_client()
        .send_raw(&ctx(), UpstreamRequest::put(url(&fake, &["items", "1"])))
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    let parsed: serde_json::Value = resp.json().unwrap();
    assert_eq!(parsed["message"], "bad sku");
    assert_eq!(
        resp.error_for_status().unwrap_err().kind(),
        ErrorKind::UpstreamRejected
    );
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn reads_are_retried_after_server_errors() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/items", FakeResponse::new(503));
    fake.push("GET", "/items", FakeResponse::new(502));
    fake.push(
        "GET",
        "/items",
        FakeResponse::json(200, &serde_json::json!([1, 2])),
    );
    let resp = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["items"])))
        .await
        .unwrap();
    assert_eq!(resp.json::<Vec<u32>>().unwrap(), vec![1, 2]);
    assert_eq!(fake.request_count(), 3);
}

#[tokio::test]
async fn read_retries_are_bounded() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/items", FakeResponse::new(500));
    let err = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["items"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(err.upstream_status(), Some(500));
    assert_eq!(fake.request_count(), 3, "one attempt and two retries");
}

#[tokio::test]
async fn the_retry_count_is_configurable() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/items", FakeResponse::new(500));
    let client = crate::common::quick()
        .max_retries(0)
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap();
    let _ = client
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["items"])))
        .await
        .unwrap_err();
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn a_backoff_that_does_not_fit_the_deadline_ends_the_call() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/items", FakeResponse::new(503));
    let client = shopmcp_http::HttpClient::builder()
        .base_backoff(Duration::from_secs(20))
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap();
    let err = client
        .send(
            &crate::common::ctx_with(Duration::from_secs(2)),
            UpstreamRequest::get(url(&fake, &["items"])),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn path_segments_arrive_encoded_and_queries_intact() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.set_default(FakeResponse::json(200, &serde_json::json!({})));
    let req = UpstreamRequest::get(url(&fake, &["customers", "../customers/1"]))
        .query("searchCriteria[pageSize]", "20")
        .query("q", "a&b c");
    loopback_client().send(&ctx(), req).await.unwrap();
    let seen = &fake.requests()[0];
    assert_eq!(seen.path, "/customers/..%2Fcustomers%2F1");
    assert_eq!(
        seen.query.as_deref(),
        Some("searchCriteria%5BpageSize%5D=20&q=a%26b+c")
    );
}

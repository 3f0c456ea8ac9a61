//! Throttling, write safety, transport failures, deadline and cancellation.

use std::time::Duration;

use shopmcp_core::ErrorKind;
use shopmcp_http::throttle::{bigcommerce, shopify};
use shopmcp_http::{UpstreamRequest, UpstreamUrl};
use shopmcp_testkit::{FakeResponse, FakeUpstream};
use tokio_util::sync::CancellationToken;

use crate::common::{ctx, ctx_with, loopback_client, url};

fn ok() -> FakeResponse {
    FakeResponse::json(200, &serde_json::json!({"data": {"ok": true}}))
}

fn gap(fake: &FakeUpstream) -> Duration {
    let reqs = fake.requests();
    reqs[1].received_at.duration_since(reqs[0].received_at)
}

#[tokio::test]
async fn retry_after_is_honoured_for_reads() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/orders", FakeResponse::throttled("1"));
    fake.push("GET", "/orders", ok());
    let resp = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.request_count(), 2);
    assert!(
        gap(&fake) >= Duration::from_secs(1),
        "waited only {:?}",
        gap(&fake)
    );
}

#[tokio::test]
async fn a_retry_after_over_the_bound_is_not_waited() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", FakeResponse::throttled("120"));
    let err = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(err.upstream_status(), Some(429));
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn a_retry_after_past_the_deadline_is_not_waited() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", FakeResponse::throttled("10"));
    let err = loopback_client()
        .send(
            &ctx_with(Duration::from_secs(5)),
            UpstreamRequest::get(url(&fake, &["orders"])),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(10)));
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn throttle_retries_are_bounded() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", FakeResponse::throttled("0"));
    let err = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(fake.request_count(), 3);
}

fn throttled_graphql(requested: u32, available: u32) -> FakeResponse {
    FakeResponse::json(
        200,
        &serde_json::json!({
            "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
            "extensions": {"cost": {"requestedQueryCost": requested, "actualQueryCost": null,
                "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": available,
                "restoreRate": 100.0}}}
        }),
    )
}

#[tokio::test]
async fn shopify_throttled_200_is_waited_out_for_queries() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("POST", "/graphql.json", throttled_graphql(130, 100));
    fake.push("POST", "/graphql.json", ok());
    let req = UpstreamRequest::post(url(&fake, &["graphql.json"]))
        .read()
        .throttle_classifier(shopify::graphql_throttle);
    let resp = loopback_client().send(&ctx(), req).await.unwrap();
    assert!(!shopify::is_throttled(resp.body()));
    assert_eq!(fake.request_count(), 2);
    assert!(
        gap(&fake) >= Duration::from_millis(300),
        "waited only {:?}",
        gap(&fake)
    );
}

#[tokio::test]
async fn shopify_throttled_200_ends_a_mutation_at_once() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("POST", "/graphql.json", throttled_graphql(130, 100));
    let req = UpstreamRequest::post(url(&fake, &["graphql.json"]))
        .throttle_classifier(shopify::graphql_throttle);
    let err = loopback_client().send(&ctx(), req).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UpstreamThrottled);
    assert_eq!(err.retry_after(), Some(Duration::from_millis(300)));
    assert!(err.model_message().contains("not applied"));
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn bigcommerce_429_waits_for_the_reset_header() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push(
        "GET",
        "/catalog/products",
        FakeResponse::new(429).header("X-Rate-Limit-Time-Reset-Ms", "400"),
    );
    fake.push("GET", "/catalog/products", ok());
    let req = UpstreamRequest::get(url(&fake, &["catalog", "products"]))
        .throttle_classifier(bigcommerce::rate_limit_throttle);
    loopback_client().send(&ctx(), req).await.unwrap();
    assert_eq!(fake.request_count(), 2);
    assert!(
        gap(&fake) >= Duration::from_millis(400),
        "waited only {:?}",
        gap(&fake)
    );
}

#[tokio::test]
async fn writes_are_never_retried_on_anything() {
    let faults = [
        (
            "500",
            FakeResponse::new(500),
            ErrorKind::UpstreamUnavailable,
        ),
        (
            "502",
            FakeResponse::new(502),
            ErrorKind::UpstreamUnavailable,
        ),
        (
            "503",
            FakeResponse::new(503).header("retry-after", "0"),
            ErrorKind::UpstreamUnavailable,
        ),
        (
            "429",
            FakeResponse::throttled("0"),
            ErrorKind::UpstreamThrottled,
        ),
        (
            "reset",
            FakeResponse::reset(),
            ErrorKind::UpstreamUnavailable,
        ),
        (
            "reset-mid-body",
            FakeResponse::reset_mid_body(vec![b'x'; 4096], 100),
            ErrorKind::UpstreamUnavailable,
        ),
    ];
    let client = loopback_client();
    for (name, fault, kind) in faults {
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            let fake = FakeUpstream::http().await.unwrap();
            fake.route(method, "/orders/1", fault.clone());
            fake.set_default(ok());
            let target = url(&fake, &["orders", "1"]);
            let req = match method {
                "POST" => UpstreamRequest::post(target),
                "PUT" => UpstreamRequest::put(target),
                "PATCH" => UpstreamRequest::patch(target),
                _ => UpstreamRequest::delete(target),
            };
            let req = req.json(&serde_json::json!({"status": "paid"})).unwrap();
            let err = client.send(&ctx(), req).await.unwrap_err();
            assert_eq!(err.kind(), kind, "{method} {name}: {}", err.log_detail());
            assert_eq!(fake.request_count(), 1, "{method} {name} was retried");
        }
    }
}

#[tokio::test]
async fn a_get_marked_as_write_is_not_retried() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders/1/capture", FakeResponse::new(503));
    let req = UpstreamRequest::get(url(&fake, &["orders", "1", "capture"])).write();
    let err = loopback_client().send(&ctx(), req).await.unwrap_err();
    assert!(err.model_message().contains("not retried"));
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn reads_are_retried_after_a_reset() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/orders", FakeResponse::reset());
    fake.push(
        "GET",
        "/orders",
        FakeResponse::reset_mid_body(vec![b'x'; 4096], 10),
    );
    fake.push("GET", "/orders", ok());
    let resp = loopback_client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.request_count(), 3);
}

fn closed_port_url() -> UpstreamUrl {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    shopmcp_http::BaseUrl::parse(&format!("http://127.0.0.1:{port}"))
        .unwrap()
        .endpoint(["orders"])
        .unwrap()
}

#[tokio::test]
async fn connection_failures_end_as_unavailable() {
    let client = loopback_client();
    let err = client
        .send(&ctx(), UpstreamRequest::get(closed_port_url()))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::UpstreamUnavailable,
        "{}",
        err.log_detail()
    );
    assert!(err.model_message().contains("could not connect"));
    let err = client
        .send(&ctx(), UpstreamRequest::post(closed_port_url()))
        .await
        .unwrap_err();
    assert!(err.model_message().contains("not sent"));
}

#[tokio::test]
async fn a_slow_upstream_ends_at_the_deadline() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", ok().delay(Duration::from_secs(120)));
    let err = loopback_client()
        .send(
            &ctx_with(Duration::from_millis(500)),
            UpstreamRequest::get(url(&fake, &["orders"])),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn cancellation_stops_a_pending_request() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", ok().delay(Duration::from_secs(120)));
    let token = CancellationToken::new();
    let call = ctx().with_cancellation(token.clone());
    let canceller = token.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        canceller.cancel();
    });
    let err = loopback_client()
        .send(&call, UpstreamRequest::get(url(&fake, &["orders"])))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
}

#[tokio::test]
async fn cancellation_stops_a_throttle_wait() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route("GET", "/orders", FakeResponse::throttled("25"));
    let token = CancellationToken::new();
    let call = ctx().with_cancellation(token.clone());
    let client = loopback_client();
    let send = client.send(&call, UpstreamRequest::get(url(&fake, &["orders"])));
    let cancel_after_first = async {
        while fake.request_count() == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        token.cancel();
    };
    let (result, ()) = tokio::join!(send, cancel_after_first);
    assert_eq!(result.unwrap_err().kind(), ErrorKind::Cancelled);
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn an_already_cancelled_call_sends_nothing() {
    let fake = FakeUpstream::http().await.unwrap();
    let token = CancellationToken::new();
    token.cancel();
    let err = loopback_client()
        .send(
            &ctx().with_cancellation(token),
            UpstreamRequest::get(url(&fake, &["orders"])),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert_eq!(fake.connection_count(), 0);
}

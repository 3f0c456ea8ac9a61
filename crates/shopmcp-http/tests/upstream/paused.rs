//! Throttle and backoff waits measured on tokio's paused clock.
//!
//! A paused clock normally jumps ahead whenever the runtime is idle, which would also fire the
//! client's I/O timeouts while it waits on real loopback sockets. A running blocking task stops
//! that auto-advance, so here virtual time moves only when the test advances it, step by step,
//! and the wait the client sat out is read off the virtual clock (no wall-clock assertions).

use std::sync::mpsc;
use std::time::Duration;

use shopmcp_http::{HttpClient, UpstreamRequest, throttle::shopify};
use shopmcp_testkit::{FakeResponse, FakeUpstream};
use tokio::time::Instant;

use crate::common::{ctx, loopback_client, url};

/// Holds the paused clock still until dropped.
struct HoldClock {
    _release: mpsc::Sender<()>,
}

fn hold_clock() -> HoldClock {
    let (tx, rx) = mpsc::channel::<()>();
    tokio::task::spawn_blocking(move || {
        let _ = rx.recv();
    });
    HoldClock { _release: tx }
}

/// Lets loopback I/O make progress without moving virtual time.
async fn settle() {
    for _ in 0..64 {
        tokio::task::yield_now().await;
    }
}

/// Advances virtual time in small steps until the fake has seen `n` requests; returns how much
/// virtual time that took.
async fn advance_until(fake: &FakeUpstream, n: usize, limit: Duration) -> Duration {
    let start = Instant::now();
    while fake.request_count() < n {
        assert!(start.elapsed() < limit, "request {n} never came");
        tokio::time::advance(Duration::from_millis(100)).await;
        settle().await;
    }
    start.elapsed()
}

async fn wait_for_first(fake: &FakeUpstream) {
    while fake.request_count() < 1 {
        settle().await;
    }
    settle().await;
}

fn ok() -> FakeResponse {
    FakeResponse::json(200, &serde_json::json!({"data": {}}))
}

fn spawn_send(client: HttpClient, req: UpstreamRequest) -> tokio::task::JoinHandle<bool> {
    tokio::spawn(async move { client.send(&ctx(), req).await.is_ok() })
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_on_a_paused_clock() {
    let _hold = hold_clock();
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/orders", FakeResponse::throttled("20"));
    fake.push("GET", "/orders", ok());
    let call = spawn_send(
        loopback_client(),
        UpstreamRequest::get(url(&fake, &["orders"])),
    );
    wait_for_first(&fake).await;
    let waited = advance_until(&fake, 2, Duration::from_secs(60)).await;
    assert!(
        waited >= Duration::from_secs(20),
        "retried after {waited:?}"
    );
    assert!(waited < Duration::from_secs(21), "waited {waited:?}");
    assert!(call.await.unwrap());
    assert_eq!(fake.request_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn an_http_date_retry_after_is_honoured_on_a_paused_clock() {
    let _hold = hold_clock();
    let fake = FakeUpstream::http().await.unwrap();
    let at = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(8));
    fake.push(
        "GET",
        "/orders",
        FakeResponse::new(429).header("retry-after", &at),
    );
    fake.push("GET", "/orders", ok());
    let call = spawn_send(
        loopback_client(),
        UpstreamRequest::get(url(&fake, &["orders"])),
    );
    wait_for_first(&fake).await;
    let waited = advance_until(&fake, 2, Duration::from_secs(60)).await;
    // The date has one-second resolution and the wall clock moved a little meanwhile.
    assert!(waited >= Duration::from_secs(6), "retried after {waited:?}");
    assert!(waited < Duration::from_secs(10), "waited {waited:?}");
    assert!(call.await.unwrap());
}

#[tokio::test(start_paused = true)]
async fn shopify_cost_wait_is_honoured_on_a_paused_clock() {
    let _hold = hold_clock();
    let fake = FakeUpstream::http().await.unwrap();
    let throttled = FakeResponse::json(
        200,
        &serde_json::json!({
            "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
            "extensions": {"cost": {"requestedQueryCost": 752, "actualQueryCost": null,
                "throttleStatus": {"maximumAvailable": 1000.0, "currentlyAvailable": 452,
                "restoreRate": 50.0}}}
        }),
    );
    fake.push("POST", "/graphql.json", throttled);
    fake.push("POST", "/graphql.json", ok());
    let req = UpstreamRequest::post(url(&fake, &["graphql.json"]))
        .read()
        .throttle_classifier(shopify::graphql_throttle);
    let call = spawn_send(loopback_client(), req);
    wait_for_first(&fake).await;
    let waited = advance_until(&fake, 2, Duration::from_secs(60)).await;
    // (752 - 452) / 50 = 6 s
    assert!(waited >= Duration::from_secs(6), "retried after {waited:?}");
    assert!(waited < Duration::from_secs(7), "waited {waited:?}");
    assert!(call.await.unwrap());
}

#[tokio::test(start_paused = true)]
async fn server_error_backoff_is_exponential_and_jittered_on_a_paused_clock() {
    let _hold = hold_clock();
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/orders", FakeResponse::new(503));
    fake.push("GET", "/orders", FakeResponse::new(503));
    fake.push("GET", "/orders", ok());
    let client = HttpClient::builder()
        .base_backoff(Duration::from_secs(2))
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap();
    let call = spawn_send(client, UpstreamRequest::get(url(&fake, &["orders"])));
    wait_for_first(&fake).await;
    let first = advance_until(&fake, 2, Duration::from_secs(60)).await;
    let second = advance_until(&fake, 3, Duration::from_secs(60)).await;
    // Retry n waits between half and all of 2 s * 2^n.
    assert!(
        first >= Duration::from_secs(1) && first <= Duration::from_millis(2200),
        "{first:?}"
    );
    assert!(
        second >= Duration::from_secs(2) && second <= Duration::from_millis(4200),
        "{second:?}"
    );
    assert!(call.await.unwrap());
}

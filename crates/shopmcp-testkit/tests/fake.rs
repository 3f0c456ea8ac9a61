//! The fake upstream itself: recording, scripting, faults, TLS and the static resolver.

// Test code: a failed unwrap or index is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderName, HeaderValue};
use shopmcp_core::{CallContext, ErrorKind, Principal, WorkspaceId};
use shopmcp_http::{BaseUrl, HttpClient, Resolver, UpstreamRequest, UpstreamUrl};
use shopmcp_testkit::{FakeResponse, FakeUpstream, StaticResolver, TestCa};

fn ctx() -> CallContext {
    CallContext::new(
        WorkspaceId::random(),
        Principal::new("t"),
        Duration::from_secs(30),
    )
}

fn client() -> HttpClient {
    HttpClient::builder()
        .max_retries(0)
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap()
}

fn url(fake: &FakeUpstream, segments: &[&str]) -> UpstreamUrl {
    BaseUrl::parse(&fake.base_url())
        .unwrap()
        .endpoint(segments)
        .unwrap()
}

#[tokio::test]
async fn records_method_path_query_headers_and_body() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.set_default(FakeResponse::new(204));
    let req = UpstreamRequest::post(url(&fake, &["V1", "orders", "a/b"]))
        .query("x", "1 2")
        .header(
            HeaderName::from_static("x-custom"),
            HeaderValue::from_static("Value"),
        )
        .json(&serde_json::json!({"k": "v"}))
        .unwrap();
    client().send(&ctx(), req).await.unwrap();
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/V1/orders/a%2Fb");
    assert_eq!(r.query.as_deref(), Some("x=1+2"));
    assert_eq!(r.header("X-Custom"), Some("Value"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json().unwrap(), serde_json::json!({"k": "v"}));
    assert!(
        r.contains("Value") && r.contains("1+2") && r.contains("\"v\"") && !r.contains("absent")
    );
    assert_eq!(fake.request_count(), 1);
    assert_eq!(fake.connection_count(), 1);
}

#[tokio::test]
async fn answers_queue_then_sticky_then_default_then_404() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/a", FakeResponse::new(201));
    fake.push("GET", "/a", FakeResponse::new(202));
    fake.route("GET", "/a", FakeResponse::new(203));
    let c = client();
    let status = |u| {
        let c = c.clone();
        async move {
            c.send_raw(&ctx(), UpstreamRequest::get(u))
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(status(url(&fake, &["a"])).await, 201);
    assert_eq!(status(url(&fake, &["a"])).await, 202);
    assert_eq!(status(url(&fake, &["a"])).await, 203);
    assert_eq!(status(url(&fake, &["a"])).await, 203);
    assert_eq!(status(url(&fake, &["other"])).await, 404);
    fake.set_default(FakeResponse::new(200));
    assert_eq!(status(url(&fake, &["other"])).await, 200);
    // Method matters.
    let resp = c
        .send_raw(&ctx(), UpstreamRequest::delete(url(&fake, &["a"])))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(fake.request_count(), 7);
}

#[tokio::test]
async fn drip_delivers_the_whole_body_eventually() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route(
        "GET",
        "/slow",
        FakeResponse::drip("0123456789abcdefghij", 3, Duration::from_millis(5)),
    );
    let resp = client()
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["slow"])))
        .await
        .unwrap();
    assert_eq!(resp.body().as_ref(), b"0123456789abcdefghij");
}

#[tokio::test]
async fn resets_fail_the_exchange() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/r", FakeResponse::reset());
    fake.push(
        "GET",
        "/r",
        FakeResponse::reset_mid_body(vec![b'x'; 1000], 10),
    );
    for _ in 0..2 {
        let err = client()
            .send(&ctx(), UpstreamRequest::get(url(&fake, &["r"])))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UpstreamUnavailable);
    }
    assert_eq!(fake.request_count(), 2);
}

#[tokio::test]
async fn canned_faults_have_the_documented_shape() {
    let throttled = FakeResponse::throttled("3");
    assert_eq!(throttled.status(), 429);
    let fake = FakeUpstream::http().await.unwrap();
    fake.push("GET", "/t", throttled);
    fake.push("GET", "/m", FakeResponse::malformed_json());
    fake.push("GET", "/d", FakeResponse::oversize_declared(100));
    let c = HttpClient::builder()
        .max_throttle_wait(Duration::ZERO)
        .dangerous()
        .allow_loopback_http()
        .build()
        .unwrap();
    let err = c
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["t"])))
        .await
        .unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    let resp = c
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["m"])))
        .await
        .unwrap();
    assert!(resp.json::<serde_json::Value>().is_err());
    let resp = c
        .send(&ctx(), UpstreamRequest::get(url(&fake, &["d"])))
        .await
        .unwrap();
    assert_eq!(resp.body().len(), 100);
}

#[test]
fn fixtures_must_be_json() {
    let dir = std::env::temp_dir().join(format!("shopmcp-testkit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    let bad = dir.join("bad.json");
    std::fs::write(&good, b"[1]").unwrap();
    std::fs::write(&bad, b"[1").unwrap();
    assert_eq!(FakeResponse::fixture(&good).unwrap().status(), 200);
    assert!(FakeResponse::fixture(&bad).is_err());
    assert!(FakeResponse::fixture(dir.join("missing.json")).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn https_certificates_cover_extra_names() {
    let ca = TestCa::new().unwrap();
    assert!(ca.pem().starts_with("-----BEGIN CERTIFICATE-----"));
    let fake = FakeUpstream::https_with_names(&ca, &["store.example"])
        .await
        .unwrap();
    assert!(fake.base_url().starts_with("https://127.0.0.1:"));
    fake.set_default(FakeResponse::new(200));
    let resolver = StaticResolver::new().with("store.example", fake.addr());
    let c = HttpClient::builder()
        .add_root_certificate_pem(ca.pem())
        .resolver(Arc::new(resolver))
        .dangerous()
        .allow_loopback()
        .build()
        .unwrap();
    let base = BaseUrl::parse("https://store.example").unwrap();
    c.send(&ctx(), UpstreamRequest::get(base.endpoint(["x"]).unwrap()))
        .await
        .unwrap();
    assert_eq!(fake.requests()[0].header("host"), Some("store.example"));
}

#[tokio::test]
async fn the_static_resolver_knows_only_its_table() {
    let resolver = StaticResolver::new().with("Shop.Example", "192.0.2.1:443".parse().unwrap());
    resolver.insert("shop.example", "192.0.2.2:0".parse().unwrap());
    let addrs = resolver.resolve("shop.example").await.unwrap();
    assert_eq!(addrs.len(), 2);
    let err = resolver.resolve("other.example").await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(resolver.lookups(), vec!["shop.example", "other.example"]);
}

#[tokio::test]
async fn dropping_the_fake_stops_it() {
    let fake = FakeUpstream::http().await.unwrap();
    let addr = fake.addr();
    drop(fake);
    // The accept task is aborted; it is gone once the runtime has polled it again.
    let mut refused = false;
    for _ in 0..100 {
        tokio::task::yield_now().await;
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused, "the fake still accepts connections after drop");
}

#[tokio::test]
async fn responders_answer_from_the_request_and_keep_state() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let fake = FakeUpstream::http().await.unwrap();
    let counter = Arc::new(AtomicU64::new(0));
    let c = counter.clone();
    fake.respond("POST", "/graphql", move |req| {
        let op = req
            .json()
            .and_then(|v| v["operationName"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let n = c.fetch_add(1, Ordering::SeqCst) + 1;
        FakeResponse::json(200, &serde_json::json!({"op": op, "n": n}))
    });
    fake.push(
        "POST",
        "/graphql",
        FakeResponse::json(503, &serde_json::json!({})),
    );
    let client = client();
    let send = |op: &str| {
        UpstreamRequest::post(url(&fake, &["graphql"]))
            .read()
            .json(&serde_json::json!({"operationName": op}))
            .unwrap()
    };
    let first = client.send(&ctx(), send("A")).await.unwrap_err();
    assert_eq!(
        first.kind(),
        ErrorKind::UpstreamUnavailable,
        "queued answers come first"
    );
    let before = fake.request_count();
    for (op, n) in [("A", 1), ("B", 2)] {
        let v: serde_json::Value = client.send(&ctx(), send(op)).await.unwrap().json().unwrap();
        assert_eq!(v, serde_json::json!({"op": op, "n": n}));
    }
    assert_eq!(fake.request_count(), before + 2);
    assert_eq!(counter.load(Ordering::SeqCst), 2);
}

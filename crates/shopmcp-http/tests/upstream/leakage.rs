//! Model-facing text never carries the query string, header values, bodies or secrets; logs stay
//! at debug and below.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::header::{HeaderName, HeaderValue};
use shopmcp_core::ToolError;
use shopmcp_core::secret::SecretString;
use shopmcp_http::{HttpClient, UpstreamRequest, throttle::shopify};
use shopmcp_testkit::{FakeResponse, FakeUpstream};

use crate::common::{ctx, ctx_with, loopback_client, url};

const MARKERS: [&str; 6] = [
    "QUERYMARKER",
    "SECRETMARKER",
    "HEADERMARKER",
    "REQBODYMARKER",
    "RESPBODYMARKER",
    "RESPHEADERMARKER",
];

fn request(fake: &FakeUpstream, method: &str) -> UpstreamRequest {
    let target = url(fake, &["orders"]);
    let req = if method == "GET" {
        UpstreamRequest::get(target)
    } else {
        UpstreamRequest::post(target)
    };
    req.query("email", "QUERYMARKER@example.com")
        .secret_header(
            HeaderName::from_static("x-auth-token"),
            &SecretString::from("SECRETMARKER"),
        )
        .unwrap()
        .header(
            HeaderName::from_static("x-note"),
            HeaderValue::from_static("HEADERMARKER"),
        )
        .json(&serde_json::json!({"note": "REQBODYMARKER"}))
        .unwrap()
        .throttle_classifier(shopify::graphql_throttle)
}

fn respond(status: u16) -> FakeResponse {
    FakeResponse::json(status, &serde_json::json!({"message": "RESPBODYMARKER"}))
        .header("x-debug", "RESPHEADERMARKER")
        .header("set-cookie", "sid=RESPHEADERMARKER")
}

fn assert_clean(err: &ToolError, case: &str) {
    for text in [
        err.model_message(),
        err.to_string(),
        err.log_detail(),
        format!("{err:?}"),
    ] {
        for marker in MARKERS {
            assert!(
                !text.contains(marker),
                "{case}: {marker} leaked into {text:?}"
            );
        }
    }
}

fn scenarios() -> Vec<(&'static str, FakeResponse)> {
    let mut out: Vec<(&'static str, FakeResponse)> = [400, 401, 403, 404, 409, 422, 500, 503]
        .into_iter()
        .map(|s| ("status", respond(s)))
        .collect();
    out.extend([
        (
            "redirect",
            FakeResponse::redirect(302, "https://RESPHEADERMARKER.example/?QUERYMARKER=1")
                .with_body("RESPBODYMARKER"),
        ),
        (
            "429",
            respond(429).header("retry-after", "RESPHEADERMARKER"),
        ),
        ("429-long", respond(429).header("retry-after", "3600")),
        (
            "throttled-200",
            FakeResponse::json(
                200,
                &serde_json::json!({"errors": [{"message": "RESPBODYMARKER",
                    "extensions": {"code": "THROTTLED"}}]}),
            ),
        ),
        ("oversize", FakeResponse::oversize(8 * 1024 * 1024)),
        (
            "reset",
            FakeResponse::reset_mid_body("RESPBODYMARKER".repeat(100), 20),
        ),
        ("timeout", respond(200).delay(Duration::from_secs(60))),
    ]);
    out
}

#[tokio::test]
async fn error_texts_never_carry_query_headers_bodies_or_secrets() {
    let client = loopback_client();
    for method in ["GET", "POST"] {
        for (case, response) in scenarios() {
            let fake = FakeUpstream::http().await.unwrap();
            fake.route(method, "/orders", response);
            let call = if case == "timeout" {
                ctx_with(Duration::from_millis(300))
            } else {
                ctx()
            };
            let err = client
                .send(&call, request(&fake, method))
                .await
                .unwrap_err();
            assert_clean(&err, &format!("{method} {case}"));
            // The fake did receive the markers: the test would catch a leak.
            assert!(fake.requests()[0].contains("SECRETMARKER"));
            assert!(fake.requests()[0].contains("QUERYMARKER"));
        }
    }
}

#[tokio::test]
async fn malformed_bodies_are_not_echoed() {
    let fake = FakeUpstream::http().await.unwrap();
    fake.route(
        "GET",
        "/orders",
        FakeResponse::text(200, "{\"a\": \"RESPBODYMARKER"),
    );
    let resp = loopback_client()
        .send(&ctx(), request(&fake, "GET"))
        .await
        .unwrap();
    assert_clean(&resp.json::<serde_json::Value>().unwrap_err(), "malformed");
}

#[test]
fn debug_output_is_redacted() {
    let base = shopmcp_http::BaseUrl::parse("https://shop.example.com").unwrap();
    let req = UpstreamRequest::get(base.endpoint(["orders"]).unwrap())
        .query("email", "QUERYMARKER")
        .secret_header(
            HeaderName::from_static("x-shopify-access-token"),
            &SecretString::from("SECRETMARKER"),
        )
        .unwrap()
        .bearer_auth(&SecretString::from("SECRETMARKER"))
        .unwrap()
        .header(
            HeaderName::from_static("netoapi_key"),
            HeaderValue::from_static("SECRETMARKER"),
        )
        .json(&serde_json::json!({"b": "REQBODYMARKER"}))
        .unwrap();
    let client = HttpClient::builder().build().unwrap();
    for text in [
        format!("{req:?}"),
        format!("{:?}", req.url()),
        format!("{client:?}"),
    ] {
        for marker in MARKERS {
            assert!(!text.contains(marker), "{marker} in {text}");
        }
    }
}

/// Collects every event: level, target and rendered fields.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<(tracing::Level, String, String)>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let meta = event.metadata();
        self.0
            .lock()
            .unwrap()
            .push((*meta.level(), meta.target().to_owned(), fields.0));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn logs_stay_at_debug_and_carry_no_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = loopback_client();
    for (_, response) in scenarios().into_iter().filter(|(c, _)| *c != "timeout") {
        let fake = FakeUpstream::http().await.unwrap();
        fake.route("GET", "/orders", response);
        // Other tests register the same call sites concurrently, possibly caching an interest
        // computed before this thread's subscriber existed; recompute it.
        tracing::callsite::rebuild_interest_cache();
        let _ = client.send(&ctx(), request(&fake, "GET")).await;
    }
    let events = capture.0.lock().unwrap().clone();
    let ours: Vec<_> = events
        .iter()
        .filter(|(_, t, _)| t.starts_with("shopmcp_http"))
        .collect();
    assert!(!ours.is_empty(), "the client logs at debug");
    for (level, target, fields) in &events {
        if target.starts_with("shopmcp_http") {
            assert!(
                *level >= tracing::Level::DEBUG,
                "{level} event from {target}: {fields}"
            );
        }
        if target.starts_with("shopmcp_http") || *level <= tracing::Level::INFO {
            for marker in MARKERS {
                assert!(
                    !fields.contains(marker),
                    "{marker} logged by {target}: {fields}"
                );
            }
        }
    }
}

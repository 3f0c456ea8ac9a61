//! GDPR compliance webhooks: the known-answer HMAC vectors, tampering, headers, typed events,
//! the embedder's handler, and decisions that never echo the request.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::sync::Mutex;

use async_trait::async_trait;
use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::Value;
use shopmcp_core::secret::SecretString;
use shopmcp_shopify::webhooks::*;

fn vectors() -> Vec<Value> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/spec-data/hmac_test_vectors.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["vectors"].as_array().unwrap().clone()
}

fn verifier(secret: &str) -> WebhookVerifier {
    WebhookVerifier::new(&SecretString::from(secret.to_owned()))
}

fn sign(secret: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    STANDARD.encode(hmac::sign(&key, body).as_ref())
}

fn headers(topic: &str, domain: &str, signature: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("X-Shopify-Topic", HeaderValue::from_str(topic).unwrap());
    h.insert(
        "X-Shopify-Shop-Domain",
        HeaderValue::from_str(domain).unwrap(),
    );
    h.insert(
        "X-Shopify-Hmac-Sha256",
        HeaderValue::from_str(signature).unwrap(),
    );
    h.insert("X-Shopify-API-Version", HeaderValue::from_static("2025-10"));
    h.insert(
        "X-Shopify-Webhook-Id",
        HeaderValue::from_static("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
    );
    h
}

/// The embedder's handler: records what it was given.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<ComplianceEvent>>,
    fail: bool,
}

impl Recorder {
    fn done(&self) -> Result<(), ComplianceError> {
        if self.fail {
            Err(ComplianceError::new("database unavailable"))
        } else {
            Ok(())
        }
    }
}

#[async_trait]
impl ComplianceHandler for Recorder {
    async fn customers_data_request(&self, e: &CustomerDataRequest) -> Result<(), ComplianceError> {
        self.seen
            .lock()
            .unwrap()
            .push(ComplianceEvent::CustomersDataRequest(e.clone()));
        self.done()
    }
    async fn customers_redact(&self, e: &CustomerRedact) -> Result<(), ComplianceError> {
        self.seen
            .lock()
            .unwrap()
            .push(ComplianceEvent::CustomersRedact(e.clone()));
        self.done()
    }
    async fn shop_redact(&self, e: &ShopRedact) -> Result<(), ComplianceError> {
        self.seen
            .lock()
            .unwrap()
            .push(ComplianceEvent::ShopRedact(e.clone()));
        self.done()
    }
}

#[test]
fn the_known_answer_vectors_pass_and_tampering_fails() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 3);
    for v in vectors {
        let secret = v["secret"].as_str().unwrap();
        let body = v["raw_body"].as_str().unwrap().as_bytes();
        let mac = v["x_shopify_hmac_sha256"].as_str().unwrap();
        let verifier = verifier(secret);
        assert!(verifier.signature_matches(body, mac), "{}", v["topic"]);
        // One changed byte of the body, a changed signature, another secret: all fail.
        let mut tampered = body.to_vec();
        tampered[body.len() / 2] ^= 0x01;
        assert!(!verifier.signature_matches(&tampered, mac));
        let mut bad_mac = mac.to_owned();
        bad_mac.replace_range(0..1, if mac.starts_with('A') { "B" } else { "A" });
        assert!(!verifier.signature_matches(body, &bad_mac));
        assert!(!self::verifier("hush2").signature_matches(body, mac));
        assert!(!verifier.signature_matches(body, "not base64!"));
    }
}

#[tokio::test]
async fn vectors_become_typed_events_for_the_handler() {
    let webhooks = ComplianceWebhooks::new(verifier("hush"));
    let recorder = Recorder::default();
    for v in vectors() {
        let topic = v["topic"].as_str().unwrap();
        let body = v["raw_body"].as_str().unwrap().as_bytes();
        let h = headers(
            topic,
            "{shop}.myshopify.com",
            v["x_shopify_hmac_sha256"].as_str().unwrap(),
        );
        let decision = webhooks.handle(&h, body, &recorder).await;
        assert_eq!(decision.status(), StatusCode::OK, "{topic}");
        assert_eq!(decision.topic().map(|t| t.as_str()), Some(topic));
        assert_eq!(decision.rejection(), None);
    }
    let seen = recorder.seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    let ComplianceEvent::ShopRedact(shop) = &seen[0] else {
        panic!("{:?}", seen[0])
    };
    assert_eq!(shop.shop_id, 954_889);
    assert_eq!(shop.shop_domain, "{shop}.myshopify.com");
    assert_eq!(
        shop.delivery.webhook_id.as_deref(),
        Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
    );
    assert_eq!(shop.delivery.api_version.as_deref(), Some("2025-10"));
    let ComplianceEvent::CustomersRedact(redact) = &seen[1] else {
        panic!()
    };
    assert_eq!(redact.customer.id, 191_167);
    assert_eq!(redact.customer.email.as_deref(), Some("john@example.com"));
    assert_eq!(redact.orders_to_redact, [299_938, 280_263, 220_458]);
    let ComplianceEvent::CustomersDataRequest(request) = &seen[2] else {
        panic!()
    };
    assert_eq!(request.data_request_id, 9999);
    assert_eq!(request.customer.phone.as_deref(), Some("555-625-1199"));
    assert_eq!(request.orders_requested, [299_938, 280_263, 220_458]);
    // Personal data never shows in Debug output.
    let debug = format!("{seen:?}");
    assert!(!debug.contains("john@example.com") && !debug.contains("555-625-1199"));
}

#[tokio::test]
async fn bad_signatures_are_401_and_reach_no_handler() {
    let webhooks = ComplianceWebhooks::new(verifier("hush"));
    let recorder = Recorder::default();
    let v = &vectors()[1];
    let body = v["raw_body"].as_str().unwrap();
    let mac = v["x_shopify_hmac_sha256"].as_str().unwrap();
    let tampered = body.replace("191167", "191168");
    let cases: Vec<(HeaderMap, &[u8])> = vec![
        (
            headers("customers/redact", "{shop}.myshopify.com", mac),
            tampered.as_bytes(),
        ),
        (
            headers(
                "customers/redact",
                "{shop}.myshopify.com",
                &sign("other", body.as_bytes()),
            ),
            body.as_bytes(),
        ),
        (
            headers("customers/redact", "{shop}.myshopify.com", "AAAA"),
            body.as_bytes(),
        ),
        (
            {
                let mut h = headers("customers/redact", "{shop}.myshopify.com", mac);
                h.remove("X-Shopify-Hmac-Sha256");
                h
            },
            body.as_bytes(),
        ),
    ];
    for (h, body) in cases {
        let decision = webhooks.handle(&h, body, &recorder).await;
        assert_eq!(decision.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(decision.topic(), None);
    }
    assert!(recorder.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn headers_and_shapes_are_checked_after_the_signature() {
    let webhooks = ComplianceWebhooks::new(verifier("app-secret"));
    let recorder = Recorder::default();
    let body = br#"{"shop_id":548380009,"shop_domain":"acme-outdoor.myshopify.com"}"#;
    let mac = sign("app-secret", body);
    let ok = headers("shop/redact", "acme-outdoor.myshopify.com", &mac);
    assert_eq!(
        webhooks.handle(&ok, body, &recorder).await.status(),
        StatusCode::OK
    );
    // Header domains compare case-insensitively.
    let upper = headers("shop/redact", "ACME-OUTDOOR.myshopify.com", &mac);
    assert_eq!(
        webhooks.handle(&upper, body, &recorder).await.status(),
        StatusCode::OK
    );

    let mut no_topic = ok.clone();
    no_topic.remove("X-Shopify-Topic");
    let mut no_domain = ok.clone();
    no_domain.remove("X-Shopify-Shop-Domain");
    let cases = [
        (no_topic, Rejection::MissingHeader("X-Shopify-Topic")),
        (no_domain, Rejection::MissingHeader("X-Shopify-Shop-Domain")),
        (
            headers("orders/create", "acme-outdoor.myshopify.com", &mac),
            Rejection::UnknownTopic,
        ),
        (
            headers("shop/redact", "other-shop.myshopify.com", &mac),
            Rejection::ShopMismatch,
        ),
        (
            headers("customers/redact", "acme-outdoor.myshopify.com", &mac),
            Rejection::MalformedBody,
        ),
    ];
    for (h, want) in cases {
        let decision = webhooks.handle(&h, body, &recorder).await;
        assert_eq!(decision.status(), StatusCode::BAD_REQUEST, "{want}");
        assert_eq!(decision.rejection(), Some(want));
        assert!(!want.to_string().contains("acme-outdoor"));
    }
    assert_eq!(recorder.seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn handler_failures_are_500_so_shopify_retries() {
    let webhooks = ComplianceWebhooks::new(verifier("hush"));
    let recorder = Recorder {
        fail: true,
        ..Recorder::default()
    };
    let v = &vectors()[0];
    let h = headers(
        "shop/redact",
        "{shop}.myshopify.com",
        v["x_shopify_hmac_sha256"].as_str().unwrap(),
    );
    let decision = webhooks
        .handle(&h, v["raw_body"].as_str().unwrap().as_bytes(), &recorder)
        .await;
    assert_eq!(decision.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn the_previous_secret_is_accepted_during_rotation() {
    let rotated = WebhookVerifier::new(&SecretString::from("new-secret"))
        .with_previous_secret(&SecretString::from("hush"));
    let webhooks = ComplianceWebhooks::new(rotated);
    let v = &vectors()[0];
    let body = v["raw_body"].as_str().unwrap().as_bytes();
    let old = headers(
        "shop/redact",
        "{shop}.myshopify.com",
        v["x_shopify_hmac_sha256"].as_str().unwrap(),
    );
    let new = headers(
        "shop/redact",
        "{shop}.myshopify.com",
        &sign("new-secret", body),
    );
    for h in [old, new] {
        assert_eq!(
            webhooks
                .handle(&h, body, &Recorder::default())
                .await
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn oversize_bodies_are_refused_unread() {
    let webhooks = ComplianceWebhooks::new(verifier("hush").with_max_body_bytes(64));
    let body = vec![b' '; 65];
    let h = headers("shop/redact", "a.myshopify.com", &sign("hush", &body));
    let decision = webhooks.handle(&h, &body, &Recorder::default()).await;
    assert_eq!(decision.status(), StatusCode::BAD_REQUEST);
    assert_eq!(decision.rejection(), Some(Rejection::BodyTooLarge));
}

#[test]
fn the_verifier_never_shows_its_secrets() {
    let v = WebhookVerifier::new(&SecretString::from("SECRET-ONE"))
        .with_previous_secret(&SecretString::from("SECRET-TWO"));
    let debug = format!(
        "{v:?} {:?}",
        ComplianceWebhooks::new(verifier("SECRET-THREE"))
    );
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains("secrets: 2"));
}

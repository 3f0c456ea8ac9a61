//! Compliance webhook verification and event parsing on arbitrary headers and bodies.

use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue};
use serde_json::json;
use shopmcp_core::secret::SecretString;

use crate::webhooks::{
    ComplianceEvent, ComplianceTopic, HEADER_HMAC, HEADER_SHOP_DOMAIN, HEADER_TOPIC,
    HEADER_WEBHOOK_ID, Rejection, WebhookVerifier,
};

/// The app secret the check verifies with.
pub const WEBHOOK_SECRET: &str = "fuzz-app-secret";
const PREVIOUS_SECRET: &str = "fuzz-previous-secret";
const MAX_BODY: usize = 4096;
const TOPICS: [ComplianceTopic; 3] = [
    ComplianceTopic::CustomersDataRequest,
    ComplianceTopic::CustomersRedact,
    ComplianceTopic::ShopRedact,
];

/// The base64 HMAC-SHA256 of `body` under `secret`, as Shopify sends it.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    STANDARD.encode(hmac::sign(&key, body).as_ref())
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(&SecretString::from(WEBHOOK_SECRET.to_owned()))
        .with_previous_secret(&SecretString::from(PREVIOUS_SECRET.to_owned()))
        .with_max_body_bytes(MAX_BODY)
}

fn insert(headers: &mut HeaderMap, name: &'static str, value: &[u8]) {
    if let Ok(v) = HeaderValue::from_bytes(value) {
        headers.insert(name, v);
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// Splits `data` into a flag byte and up to four `0xFF`-separated parts: topic, shop domain,
/// signature, body (the body keeps any further separators).
fn split(data: &[u8]) -> (u8, [&[u8]; 4]) {
    let Some((&flags, rest)) = data.split_first() else {
        return (0, [&[]; 4]);
    };
    let mut parts: [&[u8]; 4] = [&[]; 4];
    let mut rest = rest;
    for part in parts.iter_mut().take(3) {
        match rest.iter().position(|b| *b == 0xFF) {
            Some(at) => {
                let (head, tail) = rest.split_at(at);
                *part = head;
                rest = tail.get(1..).unwrap_or_default();
            }
            None => {
                *part = rest;
                rest = &[];
            }
        }
    }
    if let Some(last) = parts.get_mut(3) {
        *last = rest;
    }
    (flags, parts)
}

/// Verifies a delivery built from `data`, then a well-formed delivery derived from it.
///
/// `data` is a flag byte and four `0xFF`-separated parts (topic, shop domain, signature,
/// body). Flags: bit 0 signs the body with the app secret, bit 1 with the previous secret;
/// bit 2 takes the topic from the three compliance topics (by the part's length); bit 3
/// leaves the signature header out.
///
/// Returns `Err` when an invariant breaks:
/// - an oversized body is refused as such, before anything else;
/// - a delivery whose signature does not match is refused with a signature rejection;
/// - an accepted delivery has a matching signature, its event's topic is the topic header and
///   its shop domain equals the domain header (ASCII case aside);
/// - a well-formed event signed with the right secret is always accepted, intact.
pub fn check_webhook(data: &[u8]) -> Result<(), String> {
    let (flags, [topic, domain, signature, body]) = split(data);
    let verifier = verifier();
    let mut headers = HeaderMap::new();
    let topic_name = TOPICS
        .get(topic.len() % TOPICS.len())
        .map_or("", |t| t.as_str());
    if flags & 4 != 0 {
        insert(&mut headers, HEADER_TOPIC, topic_name.as_bytes());
    } else {
        insert(&mut headers, HEADER_TOPIC, topic);
    }
    insert(&mut headers, HEADER_SHOP_DOMAIN, domain);
    insert(&mut headers, HEADER_WEBHOOK_ID, b"fuzz-delivery");
    if flags & 8 == 0 {
        if flags & 1 != 0 {
            insert(
                &mut headers,
                HEADER_HMAC,
                sign(WEBHOOK_SECRET, body).as_bytes(),
            );
        } else if flags & 2 != 0 {
            insert(
                &mut headers,
                HEADER_HMAC,
                sign(PREVIOUS_SECRET, body).as_bytes(),
            );
        } else {
            insert(&mut headers, HEADER_HMAC, signature);
        }
    }
    let result = verifier.verify(&headers, body);
    let signed = header(&headers, HEADER_HMAC)
        .is_some_and(|s| !s.is_empty() && verifier.signature_matches(body, s));
    match &result {
        _ if body.len() > MAX_BODY => {
            if result.as_ref().err() != Some(&Rejection::BodyTooLarge) {
                return Err("an oversized body was not refused as such".to_owned());
            }
        }
        Ok(event) => {
            if !signed {
                return Err("an unsigned delivery was accepted".to_owned());
            }
            if Some(event.topic().as_str()) != header(&headers, HEADER_TOPIC) {
                return Err("the event's topic differs from the topic header".to_owned());
            }
            let same = header(&headers, HEADER_SHOP_DOMAIN)
                .is_some_and(|d| d.eq_ignore_ascii_case(event.shop_domain()));
            if !same {
                return Err("the event's shop differs from the domain header".to_owned());
            }
        }
        Err(Rejection::MissingSignature | Rejection::BadSignature) => {
            if signed {
                return Err("a correctly signed delivery was refused as unsigned".to_owned());
            }
        }
        Err(_) => {
            if !signed {
                return Err("an unsigned delivery got past the signature check".to_owned());
            }
        }
    }
    check_well_formed(&verifier, data)
}

/// Builds a valid event of each topic from `data` (shop id, domain letters, customer id),
/// signs it and requires it to be accepted with the same values.
fn check_well_formed(verifier: &WebhookVerifier, data: &[u8]) -> Result<(), String> {
    let mut id_bytes = [0u8; 8];
    for (slot, b) in id_bytes.iter_mut().zip(data) {
        *slot = *b;
    }
    let shop_id = u64::from_le_bytes(id_bytes);
    let mut handle: String = data
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .take(40)
        .map(|b| char::from(*b))
        .collect();
    if handle.is_empty() {
        handle.push('s');
    }
    let domain = format!("{handle}.myshopify.com");
    let customer = json!({"id": shop_id / 2, "email": "buyer@example.com", "phone": null});
    for topic in TOPICS {
        let body = match topic {
            ComplianceTopic::CustomersDataRequest => json!({
                "shop_id": shop_id, "shop_domain": domain, "customer": customer,
                "orders_requested": [shop_id / 3], "data_request": {"id": shop_id / 5}
            }),
            ComplianceTopic::CustomersRedact => json!({
                "shop_id": shop_id, "shop_domain": domain, "customer": customer,
                "orders_to_redact": [shop_id / 7]
            }),
            ComplianceTopic::ShopRedact => json!({"shop_id": shop_id, "shop_domain": domain}),
        }
        .to_string();
        let mut headers = HeaderMap::new();
        insert(&mut headers, HEADER_TOPIC, topic.as_str().as_bytes());
        insert(
            &mut headers,
            HEADER_SHOP_DOMAIN,
            domain.to_uppercase().as_bytes(),
        );
        insert(
            &mut headers,
            HEADER_HMAC,
            sign(WEBHOOK_SECRET, body.as_bytes()).as_bytes(),
        );
        let event = verifier
            .verify(&headers, body.as_bytes())
            .map_err(|r| format!("a well-formed {topic} delivery was refused: {r}"))?;
        let id = match &event {
            ComplianceEvent::CustomersDataRequest(e) => e.shop_id,
            ComplianceEvent::CustomersRedact(e) => e.shop_id,
            ComplianceEvent::ShopRedact(e) => e.shop_id,
        };
        if event.topic() != topic || event.shop_domain() != domain || id != shop_id {
            return Err(format!("a well-formed {topic} delivery was parsed wrongly"));
        }
    }
    Ok(())
}

//! Signature and header checks of a compliance webhook delivery.

use std::fmt;

use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, StatusCode};
use secrecy::{ExposeSecret, SecretString};

use super::events::{ComplianceEvent, ComplianceTopic, Delivery, parse};

/// `X-Shopify-Hmac-Sha256`.
pub const HEADER_HMAC: &str = "x-shopify-hmac-sha256";
/// `X-Shopify-Topic`.
pub const HEADER_TOPIC: &str = "x-shopify-topic";
/// `X-Shopify-Shop-Domain`.
pub const HEADER_SHOP_DOMAIN: &str = "x-shopify-shop-domain";
/// `X-Shopify-Webhook-Id`.
pub const HEADER_WEBHOOK_ID: &str = "x-shopify-webhook-id";
/// `X-Shopify-API-Version`.
pub const HEADER_API_VERSION: &str = "x-shopify-api-version";

/// The default body cap (compliance payloads are a few hundred bytes).
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;

/// Why a delivery was refused. The text never repeats the body or a header value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// No `X-Shopify-Hmac-Sha256` header (401).
    MissingSignature,
    /// The signature does not match the body under any configured secret (401).
    BadSignature,
    /// The body is larger than the cap (400).
    BodyTooLarge,
    /// A required header is missing or not visible ASCII (400).
    MissingHeader(&'static str),
    /// `X-Shopify-Topic` is not a compliance topic (400).
    UnknownTopic,
    /// `X-Shopify-Shop-Domain` differs from the signed body's `shop_domain` (400).
    ShopMismatch,
    /// The signed body is not shaped as its topic says (400).
    MalformedBody,
}

impl Rejection {
    /// The HTTP status to answer with: 401 for signature failures, 400 otherwise.
    pub fn status(self) -> StatusCode {
        match self {
            Self::MissingSignature | Self::BadSignature => StatusCode::UNAUTHORIZED,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingSignature => f.write_str("the webhook has no HMAC signature"),
            Self::BadSignature => f.write_str("the webhook's HMAC signature does not match"),
            Self::BodyTooLarge => f.write_str("the webhook body is too large"),
            Self::MissingHeader(h) => write!(f, "the webhook has no usable {h} header"),
            Self::UnknownTopic => f.write_str("the webhook topic is not a compliance topic"),
            Self::ShopMismatch => {
                f.write_str("the shop domain header does not match the signed body")
            }
            Self::MalformedBody => f.write_str("the webhook body does not match its topic"),
        }
    }
}

impl std::error::Error for Rejection {}

/// Verifies compliance webhook deliveries with the app's client secret(s).
///
/// The signature (`X-Shopify-Hmac-Sha256`) is the base64 HMAC-SHA256 of the raw body with the
/// app's client secret, compared in constant time. It is checked before anything else is
/// read. After a secret rotation Shopify may keep signing with the old secret for up to an
/// hour: add it with [`with_previous_secret`](Self::with_previous_secret) meanwhile.
pub struct WebhookVerifier {
    keys: Vec<hmac::Key>,
    max_body: usize,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secrets", &self.keys.len())
            .field("max_body", &self.max_body)
            .finish()
    }
}

fn key(secret: &SecretString) -> hmac::Key {
    hmac::Key::new(hmac::HMAC_SHA256, secret.expose_secret().as_bytes())
}

fn header<'h>(headers: &'h HeaderMap, name: &'static str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 255)
}

impl WebhookVerifier {
    /// A verifier for the app whose client secret is `app_secret`.
    pub fn new(app_secret: &SecretString) -> Self {
        Self {
            keys: vec![key(app_secret)],
            max_body: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Also accepts signatures made with `secret` (the secret before a rotation).
    #[must_use]
    pub fn with_previous_secret(mut self, secret: &SecretString) -> Self {
        self.keys.push(key(secret));
        self
    }

    /// The largest body accepted (default 256 KiB).
    #[must_use]
    pub fn with_max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Whether `signature` (base64) is the HMAC of `body` under one of the secrets.
    pub fn signature_matches(&self, body: &[u8], signature: &str) -> bool {
        let Ok(tag) = STANDARD.decode(signature.trim()) else {
            return false;
        };
        self.keys
            .iter()
            .any(|k| hmac::verify(k, body, &tag).is_ok())
    }

    /// Checks the signature, then the headers, then parses the body into a typed event.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<ComplianceEvent, Rejection> {
        if body.len() > self.max_body {
            return Err(Rejection::BodyTooLarge);
        }
        let signature = header(headers, HEADER_HMAC).ok_or(Rejection::MissingSignature)?;
        if !self.signature_matches(body, signature) {
            return Err(Rejection::BadSignature);
        }
        let topic =
            header(headers, HEADER_TOPIC).ok_or(Rejection::MissingHeader("X-Shopify-Topic"))?;
        let topic = ComplianceTopic::parse(topic).ok_or(Rejection::UnknownTopic)?;
        let domain = header(headers, HEADER_SHOP_DOMAIN)
            .ok_or(Rejection::MissingHeader("X-Shopify-Shop-Domain"))?;
        let delivery = Delivery {
            webhook_id: header(headers, HEADER_WEBHOOK_ID).map(str::to_owned),
            api_version: header(headers, HEADER_API_VERSION).map(str::to_owned),
        };
        let event = parse(topic, body, delivery).ok_or(Rejection::MalformedBody)?;
        if !event.shop_domain().eq_ignore_ascii_case(domain) {
            return Err(Rejection::ShopMismatch);
        }
        Ok(event)
    }
}

//! Shopify's mandatory GDPR compliance webhooks: `customers/data_request`,
//! `customers/redact` and `shop/redact`.
//!
//! Framework-agnostic: give the raw body and the headers, get a [`WebhookDecision`] (the
//! status to answer with, and never a body). The signature is checked first, in constant
//! time; an invalid one is answered with 401, as Shopify requires. A verified event is handed
//! to the embedder's [`ComplianceHandler`] (export the customer's data, erase it, erase the
//! workspace); if that fails the answer is 500, so Shopify delivers again.
//!
//! ```
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! use async_trait::async_trait;
//! use http::HeaderMap;
//! use shopmcp_core::secret::SecretString;
//! use shopmcp_shopify::webhooks::*;
//!
//! struct Gdpr;
//! #[async_trait]
//! impl ComplianceHandler for Gdpr {
//!     async fn customers_data_request(&self, _: &CustomerDataRequest) -> Result<(), ComplianceError> { Ok(()) }
//!     async fn customers_redact(&self, _: &CustomerRedact) -> Result<(), ComplianceError> { Ok(()) }
//!     async fn shop_redact(&self, _: &ShopRedact) -> Result<(), ComplianceError> { Ok(()) }
//! }
//!
//! let webhooks = ComplianceWebhooks::new(WebhookVerifier::new(&SecretString::from("hush")));
//! let decision = webhooks.handle(&HeaderMap::new(), b"{}", &Gdpr).await;
//! assert_eq!(decision.status().as_u16(), 401);
//! # });
//! ```

mod events;
mod verify;

use std::fmt;

use async_trait::async_trait;
use http::{HeaderMap, StatusCode};

pub use events::{
    ComplianceCustomer, ComplianceEvent, ComplianceTopic, CustomerDataRequest, CustomerRedact,
    Delivery, ShopRedact,
};
pub use verify::{
    DEFAULT_MAX_BODY_BYTES, HEADER_API_VERSION, HEADER_HMAC, HEADER_SHOP_DOMAIN, HEADER_TOPIC,
    HEADER_WEBHOOK_ID, Rejection, WebhookVerifier,
};

/// The embedder's failure to act on an event (logged without detail; Shopify retries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceError {
    reason: String,
}

impl ComplianceError {
    /// A failure with a short reason for operator logs (no personal data).
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// The reason.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ComplianceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for ComplianceError {}

/// What the embedder does with each verified event.
///
/// Shopify expects a data request to be answered (to the merchant) within 30 days and the
/// redactions to be carried out; return `Ok` once the work is recorded durably.
#[async_trait]
pub trait ComplianceHandler: Send + Sync {
    /// Export what is held about the customer for the merchant.
    async fn customers_data_request(
        &self,
        event: &CustomerDataRequest,
    ) -> Result<(), ComplianceError>;
    /// Erase what is held about the customer.
    async fn customers_redact(&self, event: &CustomerRedact) -> Result<(), ComplianceError>;
    /// Erase everything held for the shop (its workspace).
    async fn shop_redact(&self, event: &ShopRedact) -> Result<(), ComplianceError>;
}

/// The answer to a delivery: a status and no body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WebhookDecision {
    status: StatusCode,
    topic: Option<ComplianceTopic>,
    rejection: Option<Rejection>,
}

impl WebhookDecision {
    /// The HTTP status to answer with (200, 400, 401 or 500). Send no body.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The topic, once the delivery was verified.
    pub fn topic(&self) -> Option<ComplianceTopic> {
        self.topic
    }

    /// Why the delivery was refused, if it was.
    pub fn rejection(&self) -> Option<Rejection> {
        self.rejection
    }
}

/// Verifies deliveries and dispatches them to a [`ComplianceHandler`].
#[derive(Debug)]
pub struct ComplianceWebhooks {
    verifier: WebhookVerifier,
}

impl ComplianceWebhooks {
    /// Compliance webhooks verified by `verifier`.
    pub fn new(verifier: WebhookVerifier) -> Self {
        Self { verifier }
    }

    /// Verifies one delivery and, if it is genuine, hands its event to `handler`.
    pub async fn handle<H: ComplianceHandler + ?Sized>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        handler: &H,
    ) -> WebhookDecision {
        let event = match self.verifier.verify(headers, body) {
            Ok(event) => event,
            Err(rejection) => {
                tracing::debug!(%rejection, "compliance webhook refused");
                return WebhookDecision {
                    status: rejection.status(),
                    topic: None,
                    rejection: Some(rejection),
                };
            }
        };
        let topic = event.topic();
        let result = match &event {
            ComplianceEvent::CustomersDataRequest(e) => handler.customers_data_request(e).await,
            ComplianceEvent::CustomersRedact(e) => handler.customers_redact(e).await,
            ComplianceEvent::ShopRedact(e) => handler.shop_redact(e).await,
        };
        let status = match result {
            Ok(()) => StatusCode::OK,
            Err(e) => {
                tracing::error!(%topic, reason = e.reason(), "compliance webhook handler failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        tracing::debug!(%topic, status = status.as_u16(), "compliance webhook handled");
        WebhookDecision {
            status,
            topic: Some(topic),
            rejection: None,
        }
    }
}

//! The typed events of the three compliance topics.

use std::fmt;

use serde::Deserialize;

/// A compliance webhook topic.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ComplianceTopic {
    /// `customers/data_request`: a customer asked the merchant for their data.
    CustomersDataRequest,
    /// `customers/redact`: erase a customer's data.
    CustomersRedact,
    /// `shop/redact`: erase everything about a shop (48 hours after uninstall).
    ShopRedact,
}

impl ComplianceTopic {
    /// The topic as Shopify names it in `X-Shopify-Topic`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CustomersDataRequest => "customers/data_request",
            Self::CustomersRedact => "customers/redact",
            Self::ShopRedact => "shop/redact",
        }
    }

    /// The topic named `s`, if it is a compliance topic.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::CustomersDataRequest,
            Self::CustomersRedact,
            Self::ShopRedact,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

impl fmt::Display for ComplianceTopic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Facts about the delivery, from the headers (not covered by the signature, except that
/// the shop domain must equal the signed body's).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
#[non_exhaustive]
pub struct Delivery {
    /// `X-Shopify-Webhook-Id`: the same for retries of one delivery (use it to deduplicate).
    pub webhook_id: Option<String>,
    /// `X-Shopify-API-Version`.
    pub api_version: Option<String>,
}

/// The customer a compliance request is about.
///
/// E-mail and phone are personal data: `Debug` does not print them.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ComplianceCustomer {
    /// Shopify's customer id.
    pub id: u64,
    /// The customer's e-mail, if Shopify has one.
    #[serde(default)]
    pub email: Option<String>,
    /// The customer's phone, if Shopify has one.
    #[serde(default)]
    pub phone: Option<String>,
}

impl fmt::Debug for ComplianceCustomer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComplianceCustomer")
            .field("id", &self.id)
            .field("email", &self.email.as_ref().map(|_| "[REDACTED]"))
            .field("phone", &self.phone.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// `customers/data_request`: send the customer's data to the merchant.
#[derive(Clone, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub struct CustomerDataRequest {
    /// Shopify's shop id.
    pub shop_id: u64,
    /// `{handle}.myshopify.com`, from the signed body.
    pub shop_domain: String,
    /// The customer.
    pub customer: ComplianceCustomer,
    /// The orders the customer's request covers.
    pub orders_requested: Vec<u64>,
    /// Shopify's id of the data request.
    pub data_request_id: u64,
    /// The delivery.
    pub delivery: Delivery,
}

/// `customers/redact`: erase the customer's data (and the listed orders' personal data).
#[derive(Clone, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub struct CustomerRedact {
    /// Shopify's shop id.
    pub shop_id: u64,
    /// `{handle}.myshopify.com`, from the signed body.
    pub shop_domain: String,
    /// The customer.
    pub customer: ComplianceCustomer,
    /// The orders whose personal data must be erased.
    pub orders_to_redact: Vec<u64>,
    /// The delivery.
    pub delivery: Delivery,
}

/// `shop/redact`: erase everything held for the shop.
#[derive(Clone, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub struct ShopRedact {
    /// Shopify's shop id.
    pub shop_id: u64,
    /// `{handle}.myshopify.com`, from the signed body.
    pub shop_domain: String,
    /// The delivery.
    pub delivery: Delivery,
}

/// A verified compliance event.
#[derive(Clone, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum ComplianceEvent {
    /// `customers/data_request`.
    CustomersDataRequest(CustomerDataRequest),
    /// `customers/redact`.
    CustomersRedact(CustomerRedact),
    /// `shop/redact`.
    ShopRedact(ShopRedact),
}

impl ComplianceEvent {
    /// The event's topic.
    pub fn topic(&self) -> ComplianceTopic {
        match self {
            Self::CustomersDataRequest(_) => ComplianceTopic::CustomersDataRequest,
            Self::CustomersRedact(_) => ComplianceTopic::CustomersRedact,
            Self::ShopRedact(_) => ComplianceTopic::ShopRedact,
        }
    }

    /// The shop domain from the signed body.
    pub fn shop_domain(&self) -> &str {
        match self {
            Self::CustomersDataRequest(e) => &e.shop_domain,
            Self::CustomersRedact(e) => &e.shop_domain,
            Self::ShopRedact(e) => &e.shop_domain,
        }
    }
}

#[derive(Deserialize)]
struct DataRequestBody {
    shop_id: u64,
    shop_domain: String,
    customer: ComplianceCustomer,
    #[serde(default)]
    orders_requested: Vec<u64>,
    data_request: DataRequestId,
}

#[derive(Deserialize)]
struct DataRequestId {
    id: u64,
}

#[derive(Deserialize)]
struct RedactBody {
    shop_id: u64,
    shop_domain: String,
    customer: ComplianceCustomer,
    #[serde(default)]
    orders_to_redact: Vec<u64>,
}

#[derive(Deserialize)]
struct ShopBody {
    shop_id: u64,
    shop_domain: String,
}

/// Parses a verified body of `topic`. `None` when it is not shaped as the topic says.
pub(crate) fn parse(
    topic: ComplianceTopic,
    body: &[u8],
    delivery: Delivery,
) -> Option<ComplianceEvent> {
    Some(match topic {
        ComplianceTopic::CustomersDataRequest => {
            let b: DataRequestBody = serde_json::from_slice(body).ok()?;
            ComplianceEvent::CustomersDataRequest(CustomerDataRequest {
                shop_id: b.shop_id,
                shop_domain: b.shop_domain,
                customer: b.customer,
                orders_requested: b.orders_requested,
                data_request_id: b.data_request.id,
                delivery,
            })
        }
        ComplianceTopic::CustomersRedact => {
            let b: RedactBody = serde_json::from_slice(body).ok()?;
            ComplianceEvent::CustomersRedact(CustomerRedact {
                shop_id: b.shop_id,
                shop_domain: b.shop_domain,
                customer: b.customer,
                orders_to_redact: b.orders_to_redact,
                delivery,
            })
        }
        ComplianceTopic::ShopRedact => {
            let b: ShopBody = serde_json::from_slice(body).ok()?;
            ComplianceEvent::ShopRedact(ShopRedact {
                shop_id: b.shop_id,
                shop_domain: b.shop_domain,
                delivery,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip() {
        for t in [
            ComplianceTopic::CustomersDataRequest,
            ComplianceTopic::CustomersRedact,
            ComplianceTopic::ShopRedact,
        ] {
            assert_eq!(ComplianceTopic::parse(t.as_str()), Some(t));
            assert_eq!(t.to_string(), t.as_str());
        }
        assert_eq!(ComplianceTopic::parse("orders/create"), None);
        assert_eq!(ComplianceTopic::parse("SHOP/REDACT"), None);
    }

    #[test]
    fn customer_debug_hides_contact_data() {
        let c = ComplianceCustomer {
            id: 7,
            email: Some("jane@example.com".into()),
            phone: Some("+15550100".into()),
        };
        let debug = format!("{c:?}");
        assert!(debug.contains("id: 7"));
        assert!(
            !debug.contains("jane") && !debug.contains("5550100"),
            "{debug}"
        );
    }

    #[test]
    fn shapes_are_checked_per_topic() {
        let shop = br#"{"shop_id":1,"shop_domain":"a.myshopify.com"}"#;
        assert!(parse(ComplianceTopic::ShopRedact, shop, Delivery::default()).is_some());
        assert!(parse(ComplianceTopic::CustomersRedact, shop, Delivery::default()).is_none());
        assert!(parse(ComplianceTopic::ShopRedact, b"[]", Delivery::default()).is_none());
        assert!(parse(ComplianceTopic::ShopRedact, b"", Delivery::default()).is_none());
    }
}

//! Customer contact data in v2 order objects (billing and shipping addresses), minimised.
//!
//! With [`ToolOptions::customer_pii`](crate::ToolOptions::customer_pii) off only the country
//! code is returned. With it on, the customer-entered texts (name, company, street address,
//! e-mail, phone) are returned as [`Untrusted`]: a shopper can type anything into them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::Untrusted;

use crate::wire::opt_string;

/// An address as v2 order resources send it.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct AddressWire {
    #[serde(default, deserialize_with = "opt_string")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    last_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    company: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    street_1: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    street_2: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    city: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    state: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    zip: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    country: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    country_iso2: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    email: Option<String>,
}

/// A customer's contact details, minimised unless customer PII is enabled.
///
/// `Deserialize` only so that output types can derive it; handlers always replace it with
/// [`Contact::from_wire`].
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub(crate) struct Contact {
    /// ISO 3166 country code.
    country_iso2: Option<String>,
    /// Full name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Untrusted>,
    /// Company (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<Untrusted>,
    /// Postal address on one line (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Untrusted>,
    /// E-mail address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Untrusted>,
    /// Phone number (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<Untrusted>,
}

impl Contact {
    /// The contact details `pii` allows.
    pub(crate) fn from_wire(w: AddressWire, pii: bool) -> Self {
        if !pii {
            return Self {
                country_iso2: w.country_iso2,
                name: None,
                company: None,
                address: None,
                email: None,
                phone: None,
            };
        }
        let name = join(&[w.first_name, w.last_name], " ");
        let address = join(
            &[w.street_1, w.street_2, w.city, w.state, w.zip, w.country],
            ", ",
        );
        let text = |v: Option<String>| v.filter(|s| !s.trim().is_empty()).map(Untrusted::new);
        Self {
            country_iso2: w.country_iso2,
            name: text(name),
            company: text(w.company),
            address: text(address),
            email: text(w.email),
            phone: text(w.phone),
        }
    }
}

fn join(parts: &[Option<String>], sep: &str) -> Option<String> {
    let present: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (!present.is_empty()).then(|| present.join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire() -> AddressWire {
        serde_json::from_value(serde_json::json!({
            "first_name": "Jane", "last_name": "Doe", "company": "",
            "street_1": "455 Main Street", "street_2": "", "city": "Austin",
            "state": "Texas", "zip": "78751", "country": "United States",
            "country_iso2": "US", "phone": "555-123-4567", "email": "janedoe@example.com"
        }))
        .unwrap()
    }

    #[test]
    fn minimised_without_pii() {
        let shown = serde_json::to_value(Contact::from_wire(wire(), false)).unwrap();
        assert_eq!(shown, serde_json::json!({"country_iso2": "US"}));
    }

    #[test]
    fn untrusted_with_pii() {
        let shown = serde_json::to_value(Contact::from_wire(wire(), true)).unwrap();
        assert_eq!(shown["name"]["untrusted_text"], "Jane Doe");
        assert_eq!(
            shown["address"]["untrusted_text"],
            "455 Main Street, Austin, Texas, 78751, United States"
        );
        assert_eq!(shown["email"]["untrusted_text"], "janedoe@example.com");
        assert!(shown.get("company").is_none());
    }
}

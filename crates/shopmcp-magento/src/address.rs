//! Postal addresses of customers and orders: personal data, shown only with customer PII on,
//! and marked untrusted (customers type them).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shopmcp_core::Untrusted;

use crate::values::{null_as_default, untrusted};

/// An address as Magento sends it (order addresses and customer addresses share these names;
/// a customer address's `region` is an object, an order address's a string).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Address {
    firstname: Option<String>,
    lastname: Option<String>,
    company: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    street: Vec<String>,
    city: Option<String>,
    region: Option<Value>,
    postcode: Option<String>,
    country_id: Option<String>,
    telephone: Option<String>,
}

/// An address (customer data).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct AddressOut {
    /// First and last name.
    name: Option<Untrusted>,
    /// Company.
    company: Option<Untrusted>,
    /// Street lines, one per line.
    street: Option<Untrusted>,
    /// City.
    city: Option<Untrusted>,
    /// Region or state.
    region: Option<Untrusted>,
    /// Postcode.
    postcode: Option<Untrusted>,
    /// Country (ISO 3166-1 alpha-2).
    country_id: Option<String>,
    /// Telephone.
    telephone: Option<Untrusted>,
}

/// `firstname lastname`, whichever exist.
pub(crate) fn full_name(first: Option<String>, last: Option<String>) -> Option<String> {
    let parts: Vec<String> = [first, last].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

impl From<Address> for AddressOut {
    fn from(a: Address) -> Self {
        let region = match a.region {
            Some(Value::String(s)) => Some(s),
            Some(Value::Object(o)) => o.get("region").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        };
        Self {
            name: untrusted(full_name(a.firstname, a.lastname)),
            company: untrusted(a.company),
            street: untrusted(Some(a.street.join("\n"))),
            city: untrusted(a.city),
            region: untrusted(region),
            postcode: untrusted(a.postcode),
            country_id: a.country_id,
            telephone: untrusted(a.telephone),
        }
    }
}

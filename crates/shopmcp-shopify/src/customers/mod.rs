//! Customers: list and search, get, update tags and note (W1).
//!
//! Names, e-mail addresses, phone numbers and addresses are requested only when the
//! workspace enabled customer PII (`@include(if: $pii)` in the documents), so without it
//! Shopify never sends them.

mod get;
mod list;
mod update;

pub(crate) use get::{CUSTOMER_GET, get};
pub(crate) use list::{CUSTOMERS_LIST, list};
pub(crate) use update::{CUSTOMER_UPDATE, update};

use serde::Deserialize;

/// `defaultEmailAddress { emailAddress }` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireEmail {
    pub(crate) email_address: Option<String>,
}

/// `defaultPhoneNumber { phoneNumber }` on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WirePhone {
    pub(crate) phone_number: String,
}

//! `shopify_customers_get`: one customer, PII minimised.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use super::{WireEmail, WirePhone};
use crate::error::ShopifyError;
use crate::gid;
use crate::graphql::Document;
use crate::shared::{Built, Shared, tool};
use crate::types::{Address, Money, WireAddress, WireMoney, unsigned, untrusted};

pub(crate) const CUSTOMER_GET: Document = Document::admin_query(
    "CustomerGet",
    r"query CustomerGet($id: ID!, $pii: Boolean!) {
  customer(id: $id) {
    id
    createdAt
    updatedAt
    state
    tags
    note
    numberOfOrders
    amountSpent {
      amount
      currencyCode
    }
    verifiedEmail
    taxExempt
    locale
    displayName @include(if: $pii)
    firstName @include(if: $pii)
    lastName @include(if: $pii)
    defaultEmailAddress @include(if: $pii) {
      emailAddress
    }
    defaultPhoneNumber @include(if: $pii) {
      phoneNumber
    }
    defaultAddress @include(if: $pii) {
      formatted(withName: true, withCompany: true)
      countryCodeV2
    }
  }
}",
);

/// Which customer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Input {
    /// Customer GID or numeric id.
    #[schemars(length(min = 1, max = 64))]
    customer_id: String,
}

/// One customer.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Output {
    /// Customer GID.
    id: String,
    /// Account state.
    state: String,
    /// Tags.
    tags: Vec<String>,
    /// The note about the customer (may quote the customer).
    note: Option<Untrusted>,
    /// Number of orders.
    orders: u64,
    /// Total spent.
    amount_spent: Money,
    /// Whether the e-mail address was verified.
    verified_email: bool,
    /// Whether the customer is tax exempt.
    tax_exempt: bool,
    /// Preferred locale.
    locale: String,
    /// Creation time.
    created_at: String,
    /// Last update.
    updated_at: String,
    /// Display name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// First name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    /// Last name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    /// E-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Phone (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    /// Default address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Address>,
}

#[derive(Deserialize)]
struct Data {
    customer: Option<WireCustomer>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCustomer {
    id: String,
    created_at: String,
    updated_at: String,
    state: String,
    tags: Vec<String>,
    note: Option<String>,
    number_of_orders: serde_json::Value,
    amount_spent: WireMoney,
    verified_email: bool,
    tax_exempt: bool,
    locale: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    default_email_address: Option<WireEmail>,
    #[serde(default)]
    default_phone_number: Option<WirePhone>,
    #[serde(default)]
    default_address: Option<WireAddress>,
}

pub(crate) fn get(shared: &Arc<Shared>) -> Built {
    let spec = ToolSpec::read::<Input, Output>("shopify_customers_get", Platform::Shopify)
        .title("Get a customer")
        .description(
            "Returns one customer: state, tags, note, order count and total spent. Name, \
             e-mail, phone and address appear only if this workspace enabled customer PII.",
        )
        .scopes(["read_customers"]);
    tool(spec, shared, handle)
}

fn handle<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: Input = call.input()?;
        let id = gid::numeric("Customer", "customer_id", &input.customer_id)?;
        let variables = json!({"id": id, "pii": shared.options.customer_pii});
        let data: Data = shared
            .client
            .admin(call.ctx, call.credential()?, &CUSTOMER_GET, variables)
            .await?;
        let c = data
            .customer
            .ok_or_else(|| ShopifyError::NotFound(format!("customer {id}")))?;
        ToolOutput::new(&Output {
            id: c.id,
            state: c.state,
            tags: c.tags,
            note: untrusted(c.note),
            orders: unsigned(&c.number_of_orders),
            amount_spent: c.amount_spent.into(),
            verified_email: c.verified_email,
            tax_exempt: c.tax_exempt,
            locale: c.locale,
            created_at: c.created_at,
            updated_at: c.updated_at,
            name: shared.pii(c.display_name),
            first_name: shared.pii(c.first_name),
            last_name: shared.pii(c.last_name),
            email: shared.pii(c.default_email_address.and_then(|e| e.email_address)),
            phone: shared.pii(c.default_phone_number.map(|p| p.phone_number)),
            address: shared.pii(c.default_address.map(Into::into)),
        })
    })
}

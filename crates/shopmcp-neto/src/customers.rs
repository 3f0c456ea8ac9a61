//! Customers: `neto_customers_list` and `neto_customers_get` (`GetCustomer`). Without
//! customer PII enabled, neither e-mail nor addresses are requested or returned.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::Action;
use crate::client::GetBody;
use crate::common::{
    Shared, ToolList, day_end, day_start, next_page, paging, pii, selectors, tool,
};
use crate::error::NetoError;
use crate::order_fields::{BillAddress, ShipAddress};
use crate::wire::{bool_opt, date_opt, decimal_opt, one_or_many, text_opt};

/// Fields `neto_customers_list` requests.
pub(crate) const LIST_SELECT: &[&str] = &[
    "Username",
    "Type",
    "Active",
    "UserGroup",
    "DateAdded",
    "DateUpdated",
];
/// Personal fields `neto_customers_list` adds when customer PII is enabled.
pub(crate) const LIST_PII: &[&str] = &["EmailAddress"];
/// Fields `neto_customers_get` requests.
pub(crate) const GET_SELECT: &[&str] = &[
    "Username",
    "Type",
    "Active",
    "UserGroup",
    "DateAdded",
    "DateUpdated",
    "OnCreditHold",
    "NewsletterSubscriber",
    "AccountBalance",
    "CreditLimit",
];
/// Personal fields `neto_customers_get` adds when customer PII is enabled.
pub(crate) const GET_PII: &[&str] = &["EmailAddress", "BillingAddress", "ShippingAddress"];

/// Customer or prospect (Neto's `Type`).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
pub(crate) enum CustomerType {
    /// A customer.
    Customer,
    /// A prospect.
    Prospect,
}

/// Arguments of `neto_customers_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only these usernames.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 100)))]
    usernames: Option<Vec<String>>,
    /// Only customers with these e-mail addresses.
    #[schemars(length(min = 1, max = 20), inner(length(min = 3, max = 254)))]
    emails: Option<Vec<String>>,
    /// Only customers or only prospects.
    customer_type: Option<CustomerType>,
    /// Only active (or inactive) accounts.
    active: Option<bool>,
    /// Only this user group.
    #[schemars(length(min = 1, max = 100))]
    user_group: Option<String>,
    /// Updated on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_from: Option<String>,
    /// Updated on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Customers per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetCustomer` filters (NetoDotNET `GetCustomerFilter`).
#[derive(Debug, Default, Serialize)]
struct CustomerFilter {
    #[serde(rename = "Username", skip_serializing_if = "Option::is_none")]
    username: Option<Vec<String>>,
    #[serde(rename = "Email", skip_serializing_if = "Option::is_none")]
    email: Option<Vec<String>>,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    customer_type: Option<[CustomerType; 1]>,
    #[serde(rename = "Active", skip_serializing_if = "Option::is_none")]
    active: Option<[bool; 1]>,
    #[serde(rename = "UserGroup", skip_serializing_if = "Option::is_none")]
    user_group: Option<[String; 1]>,
    #[serde(rename = "DateUpdatedFrom", skip_serializing_if = "Option::is_none")]
    date_updated_from: Option<String>,
    #[serde(rename = "DateUpdatedTo", skip_serializing_if = "Option::is_none")]
    date_updated_to: Option<String>,
}

/// One customer in a `GetCustomer` listing.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoCustomerRow {
    #[serde(rename = "Username", default, deserialize_with = "text_opt")]
    username: Option<String>,
    #[serde(rename = "Type", default, deserialize_with = "text_opt")]
    customer_type: Option<String>,
    #[serde(rename = "Active", default, deserialize_with = "bool_opt")]
    active: Option<bool>,
    #[serde(rename = "UserGroup", default, deserialize_with = "text_opt")]
    user_group: Option<String>,
    #[serde(rename = "DateAdded", default, deserialize_with = "date_opt")]
    date_added: Option<String>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    date_updated: Option<String>,
    #[serde(rename = "EmailAddress", default, deserialize_with = "text_opt")]
    email: Option<String>,
}

/// One customer as `GetCustomer` returns it for [`GET_SELECT`] (and [`GET_PII`]).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoCustomer {
    #[serde(flatten)]
    row: NetoCustomerRow,
    #[serde(rename = "OnCreditHold", default, deserialize_with = "bool_opt")]
    on_credit_hold: Option<bool>,
    #[serde(
        rename = "NewsletterSubscriber",
        default,
        deserialize_with = "bool_opt"
    )]
    newsletter_subscriber: Option<bool>,
    #[serde(rename = "AccountBalance", default, deserialize_with = "decimal_opt")]
    account_balance: Option<String>,
    #[serde(rename = "CreditLimit", default, deserialize_with = "decimal_opt")]
    credit_limit: Option<String>,
    #[serde(rename = "BillingAddress", default, deserialize_with = "one_or_many")]
    billing: Vec<BillAddress>,
    #[serde(rename = "ShippingAddress", default, deserialize_with = "one_or_many")]
    shipping: Vec<ShipAddress>,
}

#[derive(Debug, Deserialize)]
#[serde(bound = "T: serde::de::DeserializeOwned")]
struct CustomersReply<T> {
    #[serde(rename = "Customer", default, deserialize_with = "one_or_many")]
    customers: Vec<T>,
}

/// One customer in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CustomerSummary {
    /// Username (the account's identifier).
    username: Option<String>,
    /// `Customer` or `Prospect`.
    customer_type: Option<String>,
    /// Whether the account is active.
    active: Option<bool>,
    /// User group.
    user_group: Option<String>,
    /// When the account was added, as Neto writes it.
    date_added: Option<String>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
    /// E-mail address (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

/// `neto_customers_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The customers of this page.
    customers: Vec<CustomerSummary>,
    /// This page.
    page: u32,
    /// The next page, when this one was full.
    next_page: Option<u32>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// Arguments of `neto_customers_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// The username.
    #[schemars(length(min = 1, max = 100))]
    username: String,
}

/// `neto_customers_get` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GetOutput {
    /// The account.
    customer: CustomerSummary,
    /// Whether the account is on credit hold.
    on_credit_hold: Option<bool>,
    /// Whether the customer subscribed to the newsletter.
    newsletter_subscriber: Option<bool>,
    /// Account balance (decimal string).
    #[schemars(extend("format" = "decimal"))]
    account_balance: Option<String>,
    /// Credit limit (decimal string).
    #[schemars(extend("format" = "decimal"))]
    credit_limit: Option<String>,
    /// Billing address (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    bill_to: Option<Untrusted>,
    /// Shipping address (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    ship_to: Option<Untrusted>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![
        tool(
            ToolSpec::read::<ListInput, ListOutput>("neto_customers_list", Platform::Neto)
                .title("List customers")
                .description("Lists customer accounts page by page, optionally by username, e-mail, type, active flag, user group or last-update day. Personal data appears only if the server enables it.")
                .scopes([Action::GetCustomer.as_str()])
                .build(),
            shared,
            list,
        ),
        tool(
            ToolSpec::read::<GetInput, GetOutput>("neto_customers_get", Platform::Neto)
                .title("Get one customer")
                .description("Reads one customer account by username: type, status, group, credit and balance. E-mail and addresses appear only if the server enables customer personal data.")
                .scopes([Action::GetCustomer.as_str()])
                .build(),
            shared,
            get,
        ),
    ]
}

fn summary(shared: &Shared, c: NetoCustomerRow) -> CustomerSummary {
    CustomerSummary {
        username: c.username,
        customer_type: c.customer_type,
        active: c.active,
        user_group: c.user_group,
        date_added: c.date_added,
        date_updated: c.date_updated,
        email: pii(shared.options, c.email),
    }
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = CustomerFilter {
            username: input.usernames,
            email: input.emails,
            customer_type: input.customer_type.map(|t| [t]),
            active: input.active.map(|a| [a]),
            user_group: input.user_group.map(|g| [g]),
            date_updated_from: day_start(input.updated_from.as_ref()),
            date_updated_to: day_end(input.updated_to.as_ref()),
        };
        let select = selectors(LIST_SELECT, LIST_PII, shared.options);
        let body = GetBody::new(&filter, &select, page, limit);
        let reply = shared
            .client
            .send::<_, CustomersReply<NetoCustomerRow>>(&call, Action::GetCustomer, &body)
            .await?;
        let customers: Vec<CustomerSummary> = reply
            .data
            .customers
            .into_iter()
            .map(|c| summary(shared, c))
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, customers.len()),
            customers,
            page,
            warnings: reply.warnings,
        })
    })
}

fn get<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let filter = CustomerFilter {
            username: Some(vec![input.username.clone()]),
            ..CustomerFilter::default()
        };
        let select = selectors(GET_SELECT, GET_PII, shared.options);
        let body = GetBody::new(&filter, &select, 0, 1);
        let reply = shared
            .client
            .send::<_, CustomersReply<NetoCustomer>>(&call, Action::GetCustomer, &body)
            .await?;
        let c = reply
            .data
            .customers
            .into_iter()
            .find(|c| c.row.username.as_deref() == Some(input.username.as_str()))
            .ok_or(NetoError::NotFound {
                what: "customer",
                id: input.username,
            })?;
        ToolOutput::new(&GetOutput {
            bill_to: pii(
                shared.options,
                c.billing.first().and_then(BillAddress::block),
            ),
            ship_to: pii(
                shared.options,
                c.shipping.first().and_then(ShipAddress::block),
            ),
            customer: summary(shared, c.row),
            on_credit_hold: c.on_credit_hold,
            newsletter_subscriber: c.newsletter_subscriber,
            account_balance: c.account_balance,
            credit_limit: c.credit_limit,
            warnings: reply.warnings,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::coverage::assert_covered;

    #[test]
    fn selectors_match_what_is_read() {
        assert_covered::<NetoCustomerRow>(&[LIST_SELECT, LIST_PII].concat());
        assert_covered::<NetoCustomer>(&[GET_SELECT, GET_PII].concat());
    }
}

//! Abandoned carts: `neto_abandoned_carts_list` (`GetCart` with `CheckoutStatus: Abandoned`).
//!
//! The shared specs (NOTES, NetoDotNET shapes) have no `GetCart` shapes; the filter and
//! selector names come from Maropost's GetCart page (see the crate README). The restore-cart
//! URL is never requested: it lets anyone holding it open the customer's cart.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::client::GetBody;
use crate::common::{
    Shared, ToolList, day_end, day_start, next_page, paging, pii, selectors, tool,
};
use crate::wire::{date_opt, decimal_opt, one_or_many, text_opt};

/// Fields `neto_abandoned_carts_list` requests.
pub(crate) const SELECT: &[&str] = &[
    "CartID",
    "CheckoutStatus",
    "DateCreated",
    "DateUpdated",
    "CustomerUsername",
    "CartTotal",
];
/// Personal fields added when customer PII is enabled.
pub(crate) const PII: &[&str] = &["CustomerEmail"];

/// The only checkout status this tool asks for.
const ABANDONED: &str = "Abandoned";

/// Arguments of `neto_abandoned_carts_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Last changed on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_from: Option<String>,
    /// Last changed on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    updated_to: Option<String>,
    /// Created on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    created_from: Option<String>,
    /// Created on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    created_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Carts per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetCart` filters (Maropost GetCart page).
#[derive(Debug, Serialize)]
struct CartFilter {
    #[serde(rename = "CheckoutStatus")]
    checkout_status: [&'static str; 1],
    #[serde(rename = "DateCreatedFrom", skip_serializing_if = "Option::is_none")]
    date_created_from: Option<String>,
    #[serde(rename = "DateCreatedTo", skip_serializing_if = "Option::is_none")]
    date_created_to: Option<String>,
    #[serde(rename = "DateUpdatedFrom", skip_serializing_if = "Option::is_none")]
    date_updated_from: Option<String>,
    #[serde(rename = "DateUpdatedTo", skip_serializing_if = "Option::is_none")]
    date_updated_to: Option<String>,
}

/// One cart as `GetCart` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoCart {
    #[serde(rename = "CartID", default, deserialize_with = "text_opt")]
    cart_id: Option<String>,
    #[serde(rename = "CheckoutStatus", default, deserialize_with = "text_opt")]
    checkout_status: Option<String>,
    #[serde(rename = "DateCreated", default, deserialize_with = "date_opt")]
    date_created: Option<String>,
    #[serde(rename = "DateUpdated", default, deserialize_with = "date_opt")]
    date_updated: Option<String>,
    #[serde(rename = "CustomerUsername", default, deserialize_with = "text_opt")]
    customer_username: Option<String>,
    #[serde(rename = "CartTotal", default, deserialize_with = "decimal_opt")]
    cart_total: Option<String>,
    #[serde(rename = "CustomerEmail", default, deserialize_with = "text_opt")]
    customer_email: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CartsReply {
    #[serde(rename = "Cart", default, deserialize_with = "one_or_many")]
    carts: Vec<NetoCart>,
}

/// One abandoned cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CartOut {
    /// The cart id.
    cart_id: Option<String>,
    /// Checkout status (`Abandoned`).
    checkout_status: Option<String>,
    /// When the cart was created, as Neto writes it.
    date_created: Option<String>,
    /// Last change, as Neto writes it.
    date_updated: Option<String>,
    /// The customer's username, for signed-in customers.
    customer_username: Option<String>,
    /// Cart total (decimal string).
    #[schemars(extend("format" = "decimal"))]
    cart_total: Option<String>,
    /// The customer's e-mail (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_email: Option<String>,
}

/// `neto_abandoned_carts_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The carts of this page.
    carts: Vec<CartOut>,
    /// This page.
    page: u32,
    /// The next page, when this one was full.
    next_page: Option<u32>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![tool(
        ToolSpec::read::<ListInput, ListOutput>("neto_abandoned_carts_list", Platform::Neto)
            .title("List abandoned carts")
            .description("Lists abandoned shopping carts (kept by the store for up to 90 days) page by page, optionally by created or last-changed day range: totals and dates. Customer e-mail appears only if the server enables customer personal data.")
            .scopes([Action::GetCart.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = CartFilter {
            checkout_status: [ABANDONED],
            date_created_from: day_start(input.created_from.as_ref()),
            date_created_to: day_end(input.created_to.as_ref()),
            date_updated_from: day_start(input.updated_from.as_ref()),
            date_updated_to: day_end(input.updated_to.as_ref()),
        };
        let select = selectors(SELECT, PII, shared.options);
        let body = GetBody::new(&filter, &select, page, limit);
        let reply = shared
            .client
            .send::<_, CartsReply>(&call, Action::GetCart, &body)
            .await?;
        let carts: Vec<CartOut> = reply
            .data
            .carts
            .into_iter()
            .map(|c| CartOut {
                cart_id: c.cart_id,
                checkout_status: c.checkout_status,
                date_created: c.date_created,
                date_updated: c.date_updated,
                customer_username: c.customer_username,
                cart_total: c.cart_total,
                customer_email: pii(shared.options, c.customer_email),
            })
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, carts.len()),
            carts,
            page,
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
        assert_covered::<NetoCart>(&[SELECT, PII].concat());
    }
}

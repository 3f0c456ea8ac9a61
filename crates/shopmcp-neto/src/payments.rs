//! Payments: `neto_payments_list` (`GetPayment`). Card holder, card and bank account
//! fields are never requested.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::client::GetBody;
use crate::common::{Shared, ToolList, day_end, day_start, next_page, paging, tool};
use crate::wire::{date_opt, decimal_opt, int_opt, one_or_many, text_opt};

/// Fields `neto_payments_list` requests.
pub(crate) const SELECT: &[&str] = &[
    "PaymentID",
    "OrderID",
    "AmountPaid",
    "CurrencyCode",
    "DatePaid",
    "PaymentMethodName",
];

/// Arguments of `neto_payments_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only payments of these orders.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 50)))]
    order_ids: Option<Vec<String>>,
    /// Only these payments.
    #[schemars(length(min = 1, max = 100))]
    payment_ids: Option<Vec<u32>>,
    /// Paid on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    paid_from: Option<String>,
    /// Paid on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    paid_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Payments per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetPayment` filters (NetoDotNET `GetPaymentFilter`).
#[derive(Debug, Serialize)]
struct PaymentFilter {
    #[serde(rename = "OrderID", skip_serializing_if = "Option::is_none")]
    order_id: Option<Vec<String>>,
    #[serde(rename = "PaymentID", skip_serializing_if = "Option::is_none")]
    payment_id: Option<Vec<u32>>,
    #[serde(rename = "DatePaidFrom", skip_serializing_if = "Option::is_none")]
    date_paid_from: Option<String>,
    #[serde(rename = "DatePaidTo", skip_serializing_if = "Option::is_none")]
    date_paid_to: Option<String>,
}

/// One payment as `GetPayment` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoPayment {
    #[serde(rename = "PaymentID", default, deserialize_with = "int_opt")]
    payment_id: Option<i64>,
    #[serde(rename = "OrderID", default, deserialize_with = "text_opt")]
    order_id: Option<String>,
    #[serde(rename = "AmountPaid", default, deserialize_with = "decimal_opt")]
    amount_paid: Option<String>,
    #[serde(rename = "CurrencyCode", default, deserialize_with = "text_opt")]
    currency_code: Option<String>,
    #[serde(rename = "DatePaid", default, deserialize_with = "date_opt")]
    date_paid: Option<String>,
    #[serde(rename = "PaymentMethodName", default, deserialize_with = "text_opt")]
    payment_method: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PaymentsReply {
    #[serde(rename = "Payment", default, deserialize_with = "one_or_many")]
    payments: Vec<NetoPayment>,
}

/// One payment.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PaymentOut {
    /// The payment id.
    payment_id: Option<i64>,
    /// The order it pays.
    order_id: Option<String>,
    /// Amount (decimal string).
    #[schemars(extend("format" = "decimal"))]
    amount_paid: Option<String>,
    /// Currency code.
    currency_code: Option<String>,
    /// When it was paid, as Neto writes it.
    date_paid: Option<String>,
    /// Payment method name.
    payment_method: Option<String>,
}

/// `neto_payments_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The payments of this page.
    payments: Vec<PaymentOut>,
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
        ToolSpec::read::<ListInput, ListOutput>("neto_payments_list", Platform::Neto)
            .title("List payments")
            .description("Lists payments page by page, optionally by order, payment id or paid day range: amount, currency, date and method (never card or bank details).")
            .scopes([Action::GetPayment.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = PaymentFilter {
            order_id: input.order_ids,
            payment_id: input.payment_ids,
            date_paid_from: day_start(input.paid_from.as_ref()),
            date_paid_to: day_end(input.paid_to.as_ref()),
        };
        let body = GetBody::new(&filter, SELECT, page, limit);
        let reply = shared
            .client
            .send::<_, PaymentsReply>(&call, Action::GetPayment, &body)
            .await?;
        let payments: Vec<PaymentOut> = reply
            .data
            .payments
            .into_iter()
            .map(|p| PaymentOut {
                payment_id: p.payment_id,
                order_id: p.order_id,
                amount_paid: p.amount_paid,
                currency_code: p.currency_code,
                date_paid: p.date_paid,
                payment_method: p.payment_method,
            })
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, payments.len()),
            payments,
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
        assert_covered::<NetoPayment>(SELECT);
    }
}

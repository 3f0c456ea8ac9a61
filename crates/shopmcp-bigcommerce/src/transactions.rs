//! Payment transactions (v3): `GET /v3/orders/{order_id}/transactions`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{decimal, opt_bool, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// One order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrderInput {
    /// Order id.
    #[schemars(range(min = 1))]
    order_id: u64,
}

/// A payment transaction (card and wallet tokens are left out).
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Transaction {
    /// Transaction id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Order id.
    #[serde(default, deserialize_with = "opt_string")]
    order_id: Option<String>,
    /// `purchase`, `authorization`, `capture`, `refund`, `void`, `pending` or `settled`.
    #[serde(default, deserialize_with = "opt_string")]
    event: Option<String>,
    /// Payment method, e.g. `credit_card`.
    #[serde(default, deserialize_with = "opt_string")]
    method: Option<String>,
    /// Amount.
    #[serde(default, deserialize_with = "decimal")]
    amount: Option<String>,
    /// Currency code.
    #[serde(default, deserialize_with = "opt_string")]
    currency: Option<String>,
    /// Payment gateway.
    #[serde(default, deserialize_with = "opt_string")]
    gateway: Option<String>,
    /// The gateway's transaction id.
    #[serde(default, deserialize_with = "opt_string")]
    gateway_transaction_id: Option<String>,
    /// `ok`, `error`, …
    #[serde(default, deserialize_with = "opt_string")]
    status: Option<String>,
    /// Whether it was a test transaction.
    #[serde(default, deserialize_with = "opt_bool")]
    test: Option<bool>,
    /// Whether the gateway flagged it for fraud review.
    #[serde(default, deserialize_with = "opt_bool")]
    fraud_review: Option<bool>,
    /// When it happened.
    #[serde(default, deserialize_with = "opt_string")]
    date_created: Option<String>,
}

/// An order's transactions.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TransactionsOutput {
    transactions: Vec<Transaction>,
}

/// `bigcommerce_transactions_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<OrderInput, TransactionsOutput>("bigcommerce_transactions_list")
        .title("List an order's payment transactions")
        .description(
            "Lists one order's payment events (authorisations, captures, refunds, voids) with gateway, amount and status.",
        )
        .scopes([scopes::TRANSACTIONS_READ])
        .build();
    tool(spec, state, handle_transactions)
}

fn handle_transactions<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: OrderInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let id = input.order_id;
        let endpoint = Endpoint::v3(
            [
                "orders".to_owned(),
                id.to_string(),
                "transactions".to_owned(),
            ],
            &format!("order {id}"),
        );
        let page = state
            .client
            .list::<Transaction>(call.ctx, &creds, &endpoint, Query::new())
            .await?;
        ToolOutput::new(&TransactionsOutput {
            transactions: page.items,
        })
    })
}

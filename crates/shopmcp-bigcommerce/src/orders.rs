//! Orders: `GET /v2/orders`, `GET /v2/orders/{order_id}`, and `PUT /v2/orders/{order_id}`
//! restricted to `status_id` and `staff_notes`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, RiskTier, SpecError, Tool, ToolCall, ToolOutput, Untrusted};

use crate::client::{Endpoint, Query, Shape, Verb};
use crate::contact::{AddressWire, Contact};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{
    Direction, PageInfo, Paging, decimal, opt_string, opt_u64, require_changes, untrusted,
};
use crate::{State, read_spec, scopes, tool, write_spec};

/// Order list filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only orders in this status (see `bigcommerce_order_statuses_list`).
    #[schemars(range(min = 0, max = 14))]
    status_id: Option<u32>,
    /// Only orders of this customer.
    #[schemars(range(min = 1))]
    customer_id: Option<u64>,
    /// Only orders placed with this customer e-mail address.
    #[schemars(length(min = 3, max = 254))]
    email: Option<String>,
    /// Placed at or after (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    created_from: Option<String>,
    /// Placed at or before (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    created_to: Option<String>,
    /// Order ids from.
    #[schemars(range(min = 1))]
    min_id: Option<u64>,
    /// Order ids up to.
    #[schemars(range(min = 1))]
    max_id: Option<u64>,
    /// Sort field (default: id).
    sort: Option<OrderSort>,
    /// Sort direction (default: ascending; with no sort field, by id).
    direction: Option<Direction>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// Order sort fields.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum OrderSort {
    /// Order id.
    Id,
    /// Creation date.
    DateCreated,
    /// Last modification.
    DateModified,
    /// Status.
    StatusId,
}

impl OrderSort {
    fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::DateCreated => "date_created",
            Self::DateModified => "date_modified",
            Self::StatusId => "status_id",
        }
    }
}

/// An order (v2). Money fields are decimal strings in the order's currency.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Order {
    /// Order id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Customer id (0: guest).
    #[serde(default, deserialize_with = "opt_u64")]
    customer_id: Option<u64>,
    /// Status id.
    #[serde(default, deserialize_with = "opt_u64")]
    status_id: Option<u64>,
    /// Status name.
    #[serde(default, deserialize_with = "opt_string")]
    status: Option<String>,
    /// Placed at (RFC 2822).
    #[serde(default, deserialize_with = "opt_string")]
    date_created: Option<String>,
    /// Last modified at.
    #[serde(default, deserialize_with = "opt_string")]
    date_modified: Option<String>,
    /// Shipped at.
    #[serde(default, deserialize_with = "opt_string")]
    date_shipped: Option<String>,
    /// Subtotal including tax.
    #[serde(default, deserialize_with = "decimal")]
    subtotal_inc_tax: Option<String>,
    /// Shipping including tax.
    #[serde(default, deserialize_with = "decimal")]
    shipping_cost_inc_tax: Option<String>,
    /// Discounts.
    #[serde(default, deserialize_with = "decimal")]
    discount_amount: Option<String>,
    /// Coupon discounts.
    #[serde(default, deserialize_with = "decimal")]
    coupon_discount: Option<String>,
    /// Total tax.
    #[serde(default, deserialize_with = "decimal")]
    total_tax: Option<String>,
    /// Total including tax.
    #[serde(default, deserialize_with = "decimal")]
    total_inc_tax: Option<String>,
    /// Amount refunded so far.
    #[serde(default, deserialize_with = "decimal")]
    refunded_amount: Option<String>,
    /// Currency code.
    #[serde(default, deserialize_with = "opt_string")]
    currency_code: Option<String>,
    /// Number of items.
    #[serde(default, deserialize_with = "opt_u64")]
    items_total: Option<u64>,
    /// Number of items shipped.
    #[serde(default, deserialize_with = "opt_u64")]
    items_shipped: Option<u64>,
    /// Payment method name.
    #[serde(default, deserialize_with = "opt_string")]
    payment_method: Option<String>,
    /// Payment status.
    #[serde(default, deserialize_with = "opt_string")]
    payment_status: Option<String>,
    /// Where the order came from.
    #[serde(default, deserialize_with = "opt_string")]
    order_source: Option<String>,
    /// Sales channel id.
    #[serde(default, deserialize_with = "opt_u64")]
    channel_id: Option<u64>,
    /// The merchant's staff notes.
    #[serde(default, deserialize_with = "opt_string")]
    staff_notes: Option<String>,
    /// The shopper's comment at checkout.
    #[serde(default, deserialize_with = "untrusted")]
    customer_message: Option<Untrusted>,
    /// Billing contact (minimised unless customer PII is enabled).
    #[serde(default)]
    billing: Option<Contact>,
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    billing_address: Option<AddressWire>,
}

impl Order {
    /// Replaces the raw billing address with the contact details `pii` allows.
    pub(crate) fn minimise(mut self, pii: bool) -> Self {
        self.billing = self
            .billing_address
            .take()
            .map(|a| Contact::from_wire(a, pii));
        self
    }
}

/// A page of orders.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    orders: Vec<Order>,
    page: PageInfo,
}

/// One order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// Order id.
    #[schemars(range(min = 1))]
    order_id: u64,
}

/// The order changes to make; at least one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrderChanges {
    /// New status id (see `bigcommerce_order_statuses_list`).
    #[schemars(range(min = 0, max = 14))]
    status_id: Option<u32>,
    /// New staff notes (replaces the current notes; never shown to the customer).
    #[schemars(length(max = 5000), extend("x-shopmcp-text" = "free"))]
    staff_notes: Option<String>,
}

/// Order update.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateInput {
    /// The order to change.
    #[schemars(range(min = 1))]
    order_id: u64,
    /// Status and/or staff notes.
    changes: OrderChanges,
}

/// Exactly the body sent to `PUT /v2/orders/{order_id}`.
#[derive(Debug, Serialize)]
struct OrderPut {
    #[serde(skip_serializing_if = "Option::is_none")]
    status_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    staff_notes: Option<String>,
}

/// The updated order.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct UpdateOutput {
    /// The fields that were sent.
    updated: Vec<String>,
    /// The order as the store now has it.
    order: Order,
}

fn order_endpoint(id: u64) -> Endpoint {
    Endpoint::v2(
        ["orders".to_owned(), id.to_string()],
        &format!("order {id}"),
    )
}

/// `bigcommerce_orders_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_orders_list")
        .title("List orders")
        .description(
            "Lists orders one page at a time, filtered by status, customer, e-mail, creation date or id range.",
        )
        .scopes([scopes::ORDERS_READ])
        .build();
    tool(spec, state, handle_list)
}

fn handle_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        // v2 takes the direction as a suffix of the sort field (`date_created:desc`).
        let sort = match (input.sort, input.direction) {
            (None, None) => None,
            (s, None) => s.map(|s| s.as_str().to_owned()),
            (s, Some(d)) => Some(format!(
                "{}:{}",
                s.unwrap_or(OrderSort::Id).as_str(),
                d.as_str()
            )),
        };
        let query = Query::new()
            .opt("status_id", input.status_id)
            .opt("customer_id", input.customer_id)
            .opt("email", input.email)
            .opt("min_date_created", input.created_from)
            .opt("max_date_created", input.created_to)
            .opt("min_id", input.min_id)
            .opt("max_id", input.max_id)
            .opt("sort", sort)
            .paging(paging);
        let endpoint = Endpoint::v2(["orders"], "orders");
        let page = state
            .client
            .list::<Order>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        let pii = state.options.customer_pii;
        let orders = page.items.into_iter().map(|o| o.minimise(pii)).collect();
        ToolOutput::new(&ListOutput { orders, page: info })
    })
}

/// `bigcommerce_orders_get`.
pub(crate) fn get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<GetInput, Order>("bigcommerce_orders_get")
        .title("Get an order")
        .description("Returns one order: status, amounts, payment, notes and billing country.")
        .scopes([scopes::ORDERS_READ])
        .build();
    tool(spec, state, handle_get)
}

fn handle_get<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let order: Order = state
            .client
            .get(
                call.ctx,
                &creds,
                &order_endpoint(input.order_id),
                Query::new(),
            )
            .await?;
        ToolOutput::new(&order.minimise(state.options.customer_pii))
    })
}

/// `bigcommerce_orders_update`.
pub(crate) fn update(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = write_spec::<UpdateInput, UpdateOutput>("bigcommerce_orders_update", RiskTier::W2)
        .title("Update an order's status or staff notes")
        .description(
            "Sets an order's status and/or replaces its staff notes. Nothing else on the order can be changed. A status change may send the store's status e-mail to the customer, if the store has it enabled.",
        )
        .scopes([scopes::ORDERS])
        .identifiers(["order_id"])
        .writable_in("changes", ["status_id", "staff_notes"])
        .idempotent(true)
        .build();
    tool(spec, state, handle_update)
}

fn handle_update<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: UpdateInput = call.input()?;
        let c = input.changes;
        let updated = require_changes(&[
            ("status_id", c.status_id.is_some()),
            ("staff_notes", c.staff_notes.is_some()),
        ])?;
        let body = OrderPut {
            status_id: c.status_id,
            staff_notes: c.staff_notes,
        };
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = order_endpoint(input.order_id);
        let order: Order = state
            .client
            .send(call.ctx, &creds, Verb::Put, &endpoint, &body, Shape::Bare)
            .await?;
        let order = order.minimise(state.options.customer_pii);
        ToolOutput::new(&UpdateOutput { updated, order })
    })
}

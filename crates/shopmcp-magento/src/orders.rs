//! Orders: `magento_orders_search` and `magento_orders_get`.
//!
//! Order ids are Magento's `entity_id`; the number customers see is `increment_id` (search on
//! it to find an order). Customer e-mail, names and addresses appear only with customer PII on.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::MagentoClient;
use crate::address::{Address, AddressOut, full_name};
use crate::routes::Admin;
use crate::search::{Criteria, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{Amount, flag, null_as_default, untrusted};

/// ACL resource for reading orders.
pub(crate) const ACL_VIEW: &str = "Magento_Sales::actions_view";

search_fields! {
    /// An order field to filter on.
    OrderField {
        /// Order id.
        EntityId = "entity_id" (Integer),
        /// Order number shown to customers (e.g. `000000123`).
        IncrementId = "increment_id" (Text),
        /// Status code (`pending`, `processing`, `complete`, `canceled`, `holded`, ...).
        Status = "status" (Text),
        /// State (`new`, `processing`, `complete`, `closed`, `canceled`, `holded`, ...).
        State = "state" (Text),
        /// Placed at (UTC).
        CreatedAt = "created_at" (Date),
        /// Last update (UTC).
        UpdatedAt = "updated_at" (Date),
        /// Customer id.
        CustomerId = "customer_id" (Integer),
        /// Customer e-mail (needs customer PII enabled).
        CustomerEmail = "customer_email" (Text) personal,
        /// Grand total.
        GrandTotal = "grand_total" (Decimal),
        /// Store view id.
        StoreId = "store_id" (Integer),
    }
}

search_fields! {
    /// An order field to sort by.
    OrderSort {
        /// Order id.
        EntityId = "entity_id" (Integer),
        /// Order number.
        IncrementId = "increment_id" (Text),
        /// Placed at.
        CreatedAt = "created_at" (Date),
        /// Last update.
        UpdatedAt = "updated_at" (Date),
        /// Grand total.
        GrandTotal = "grand_total" (Decimal),
    }
}

/// Arguments naming one order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrderIdInput {
    /// The order id (`entity_id`, not the order number).
    #[schemars(range(min = 1))]
    pub(crate) order_id: u64,
}

#[derive(Debug, Deserialize)]
struct Item {
    item_id: Option<u64>,
    sku: Option<String>,
    name: Option<String>,
    product_type: Option<String>,
    parent_item_id: Option<u64>,
    qty_ordered: Option<Amount>,
    qty_invoiced: Option<Amount>,
    qty_shipped: Option<Amount>,
    qty_refunded: Option<Amount>,
    qty_canceled: Option<Amount>,
    price: Option<Amount>,
    row_total: Option<Amount>,
}

#[derive(Debug, Deserialize)]
struct Payment {
    method: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Shipping {
    address: Option<Address>,
}

#[derive(Debug, Deserialize)]
struct Assignment {
    shipping: Option<Shipping>,
}

#[derive(Debug, Default, Deserialize)]
struct OrderExtension {
    #[serde(default, deserialize_with = "null_as_default")]
    shipping_assignments: Vec<Assignment>,
}

/// `sales-data-order-interface`, the fields the tools use.
#[derive(Debug, Deserialize)]
pub(crate) struct Order {
    entity_id: Option<u64>,
    increment_id: Option<String>,
    state: Option<String>,
    status: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    grand_total: Option<Amount>,
    subtotal: Option<Amount>,
    discount_amount: Option<Amount>,
    shipping_amount: Option<Amount>,
    tax_amount: Option<Amount>,
    total_paid: Option<Amount>,
    total_invoiced: Option<Amount>,
    total_refunded: Option<Amount>,
    total_due: Option<Amount>,
    order_currency_code: Option<String>,
    total_qty_ordered: Option<Amount>,
    total_item_count: Option<u64>,
    customer_id: Option<u64>,
    customer_group_id: Option<u64>,
    #[serde(default, deserialize_with = "flag")]
    customer_is_guest: Option<bool>,
    customer_email: Option<String>,
    customer_firstname: Option<String>,
    customer_lastname: Option<String>,
    customer_note: Option<String>,
    store_id: Option<u64>,
    shipping_description: Option<String>,
    coupon_code: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    items: Vec<Item>,
    billing_address: Option<Address>,
    payment: Option<Payment>,
    extension_attributes: Option<OrderExtension>,
}

/// An order in a list.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct OrderSummary {
    /// Order id (`entity_id`).
    id: Option<u64>,
    /// Order number shown to customers.
    increment_id: Option<String>,
    /// State.
    state: Option<String>,
    /// Status.
    status: Option<String>,
    /// Placed at (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
    /// Grand total in the order currency.
    grand_total: Option<Amount>,
    /// Order currency.
    currency: Option<String>,
    /// Units ordered.
    total_qty_ordered: Option<Amount>,
    /// Lines.
    total_item_count: Option<u64>,
    /// Customer id (none for guests).
    customer_id: Option<u64>,
    /// Customer group id.
    customer_group_id: Option<u64>,
    /// Whether the customer checked out as a guest.
    customer_is_guest: Option<bool>,
    /// Store view id.
    store_id: Option<u64>,
    /// Customer e-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_email: Option<String>,
    /// Customer name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_name: Option<Untrusted>,
}

/// One order line.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ItemOut {
    /// Order item id (use it to ship part of an order).
    item_id: Option<u64>,
    /// SKU.
    sku: Option<String>,
    /// Product name at order time.
    name: Option<String>,
    /// Product type.
    product_type: Option<String>,
    /// Parent line (for children of configurable or bundle products).
    parent_item_id: Option<u64>,
    /// Ordered.
    qty_ordered: Option<Amount>,
    /// Invoiced.
    qty_invoiced: Option<Amount>,
    /// Shipped.
    qty_shipped: Option<Amount>,
    /// Refunded.
    qty_refunded: Option<Amount>,
    /// Canceled.
    qty_canceled: Option<Amount>,
    /// Unit price.
    price: Option<Amount>,
    /// Line total.
    row_total: Option<Amount>,
}

/// Money of one order, in its currency.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TotalsOut {
    /// Subtotal.
    subtotal: Option<Amount>,
    /// Discount (negative).
    discount_amount: Option<Amount>,
    /// Shipping.
    shipping_amount: Option<Amount>,
    /// Tax.
    tax_amount: Option<Amount>,
    /// Grand total.
    grand_total: Option<Amount>,
    /// Paid.
    total_paid: Option<Amount>,
    /// Invoiced.
    total_invoiced: Option<Amount>,
    /// Refunded.
    total_refunded: Option<Amount>,
    /// Still due.
    total_due: Option<Amount>,
}

/// One order in full.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct OrderDetail {
    /// The order's identity, state and customer reference.
    order: OrderSummary,
    /// Money.
    totals: TotalsOut,
    /// Lines.
    items: Vec<ItemOut>,
    /// Payment method code.
    payment_method: Option<String>,
    /// Shipping method description.
    shipping_description: Option<String>,
    /// Coupon code used.
    coupon_code: Option<String>,
    /// The customer's note at checkout.
    customer_note: Option<Untrusted>,
    /// Billing address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    billing_address: Option<AddressOut>,
    /// Shipping address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    shipping_address: Option<AddressOut>,
}

pub(crate) fn summary<const PII: bool>(o: &mut Order) -> OrderSummary {
    OrderSummary {
        id: o.entity_id,
        increment_id: o.increment_id.take(),
        state: o.state.take(),
        status: o.status.take(),
        created_at: o.created_at.take(),
        updated_at: o.updated_at.take(),
        grand_total: o.grand_total.clone(),
        currency: o.order_currency_code.take(),
        total_qty_ordered: o.total_qty_ordered.take(),
        total_item_count: o.total_item_count,
        customer_id: o.customer_id,
        customer_group_id: o.customer_group_id,
        customer_is_guest: o.customer_is_guest,
        store_id: o.store_id,
        customer_email: o.customer_email.take().filter(|_| PII),
        customer_name: untrusted(full_name(
            o.customer_firstname.take(),
            o.customer_lastname.take(),
        ))
        .filter(|_| PII),
    }
}

pub(crate) fn detail<const PII: bool>(mut o: Order) -> OrderDetail {
    let order = summary::<PII>(&mut o);
    let shipping = o
        .extension_attributes
        .take()
        .unwrap_or_default()
        .shipping_assignments
        .into_iter()
        .find_map(|a| a.shipping.and_then(|s| s.address));
    OrderDetail {
        order,
        totals: TotalsOut {
            subtotal: o.subtotal,
            discount_amount: o.discount_amount,
            shipping_amount: o.shipping_amount,
            tax_amount: o.tax_amount,
            grand_total: o.grand_total,
            total_paid: o.total_paid,
            total_invoiced: o.total_invoiced,
            total_refunded: o.total_refunded,
            total_due: o.total_due,
        },
        items: o
            .items
            .into_iter()
            .map(|i| ItemOut {
                item_id: i.item_id,
                sku: i.sku,
                name: i.name,
                product_type: i.product_type,
                parent_item_id: i.parent_item_id,
                qty_ordered: i.qty_ordered,
                qty_invoiced: i.qty_invoiced,
                qty_shipped: i.qty_shipped,
                qty_refunded: i.qty_refunded,
                qty_canceled: i.qty_canceled,
                price: i.price,
                row_total: i.row_total,
            })
            .collect(),
        payment_method: o.payment.and_then(|p| p.method),
        shipping_description: o.shipping_description,
        coupon_code: o.coupon_code,
        customer_note: untrusted(o.customer_note),
        billing_address: o.billing_address.filter(|_| PII).map(AddressOut::from),
        shipping_address: shipping.filter(|_| PII).map(AddressOut::from),
    }
}

type OrderSearch = SearchInput<OrderField, OrderSort>;

pub(crate) fn search_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<OrderSearch, SearchOutput<OrderSummary>>(
        "magento_orders_search",
        Platform::Magento,
    )
    .title("Search orders")
    .description(
        "Searches orders with up to 5 filters (AND: status, state, dates, customer, totals, \
         order number), one sort field and one page of at most 50 orders.",
    )
    .scopes([ACL_VIEW])
    .build()
}

pub(crate) fn search<'a, const PII: bool>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: OrderSearch = call.input()?;
        let criteria = Criteria::search(&input, PII)?;
        let result: SearchResult<Order> = client
            .admin(&call, Admin::Orders, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(result, &criteria, |mut o| {
            summary::<PII>(&mut o)
        }))
    })
}

pub(crate) fn get_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<OrderIdInput, OrderDetail>("magento_orders_get", Platform::Magento)
        .title("Get an order")
        .description(
            "Reads one order by id: state, totals, lines (with item ids), payment and shipping \
             method, the customer's note (untrusted text) and, with customer PII enabled, the \
             customer's e-mail, name and addresses.",
        )
        .scopes([ACL_VIEW])
        .build()
}

pub(crate) fn get<'a, const PII: bool>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: OrderIdInput = call.input()?;
        let order: Order = client
            .admin(&call, Admin::Order(input.order_id), &[], None)
            .await?;
        ToolOutput::new(&detail::<PII>(order))
    })
}

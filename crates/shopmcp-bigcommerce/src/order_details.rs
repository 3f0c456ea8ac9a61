//! Order details (v2): `GET /v2/orders/{order_id}/products`,
//! `GET /v2/orders/{order_id}/shipping_addresses`, `GET /v2/order_statuses`.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput, Untrusted};

use crate::client::{Endpoint, Query};
use crate::contact::{AddressWire, Contact};
use crate::credentials::BigCommerceCredentials;
use crate::wire::{PageInfo, Paging, decimal, lenient_vec, opt_string, opt_u64, untrusted};
use crate::{State, read_spec, scopes, tool};

/// One order's lines or addresses.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrderPageInput {
    /// Order id.
    #[schemars(range(min = 1))]
    order_id: u64,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// An order line.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct OrderProduct {
    /// Order line id (`order_product_id` when creating a shipment).
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Catalogue product id (0 for custom products).
    #[serde(default, deserialize_with = "opt_u64")]
    product_id: Option<u64>,
    /// Catalogue variant id.
    #[serde(default, deserialize_with = "opt_u64")]
    variant_id: Option<u64>,
    /// The shipping address this line ships to (`order_address_id` of a shipment).
    #[serde(default, deserialize_with = "opt_u64")]
    order_address_id: Option<u64>,
    /// Name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// SKU.
    #[serde(default, deserialize_with = "opt_string")]
    sku: Option<String>,
    /// Quantity ordered.
    #[serde(default, deserialize_with = "opt_u64")]
    quantity: Option<u64>,
    /// Quantity shipped.
    #[serde(default, deserialize_with = "opt_u64")]
    quantity_shipped: Option<u64>,
    /// Quantity refunded.
    #[serde(default, deserialize_with = "opt_u64")]
    quantity_refunded: Option<u64>,
    /// Unit price including tax.
    #[serde(default, deserialize_with = "decimal")]
    price_inc_tax: Option<String>,
    /// Line total including tax.
    #[serde(default, deserialize_with = "decimal")]
    total_inc_tax: Option<String>,
    /// Chosen options (values may be typed by the shopper).
    #[serde(default, deserialize_with = "lenient_vec")]
    product_options: Vec<ProductOption>,
}

/// A chosen option of an order line.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct ProductOption {
    /// Option name.
    #[serde(default, deserialize_with = "opt_string")]
    display_name: Option<String>,
    /// The chosen or typed value.
    #[serde(default, deserialize_with = "untrusted")]
    display_value: Option<Untrusted>,
}

/// A page of order lines.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ProductsOutput {
    products: Vec<OrderProduct>,
    page: PageInfo,
}

/// A shipping address of an order.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct ShippingAddress {
    /// Address id (`order_address_id` when creating a shipment).
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Order id.
    #[serde(default, deserialize_with = "opt_u64")]
    order_id: Option<u64>,
    /// Items to ship to this address.
    #[serde(default, deserialize_with = "opt_u64")]
    items_total: Option<u64>,
    /// Items shipped to this address.
    #[serde(default, deserialize_with = "opt_u64")]
    items_shipped: Option<u64>,
    /// Shipping method chosen at checkout.
    #[serde(default, deserialize_with = "opt_string")]
    shipping_method: Option<String>,
    /// Shipping cost including tax.
    #[serde(default, deserialize_with = "decimal")]
    cost_inc_tax: Option<String>,
    /// Shipping zone.
    #[serde(default, deserialize_with = "opt_string")]
    shipping_zone_name: Option<String>,
    /// Recipient (minimised unless customer PII is enabled).
    #[serde(default)]
    recipient: Option<Contact>,
    #[serde(default, skip_serializing, flatten)]
    #[schemars(skip)]
    raw: AddressWire,
}

/// A page of shipping addresses.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct AddressesOutput {
    shipping_addresses: Vec<ShippingAddress>,
    page: PageInfo,
}

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusesInput {}

/// An order status.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct OrderStatus {
    /// Status id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// The merchant's label for it.
    #[serde(default, deserialize_with = "opt_string")]
    custom_label: Option<String>,
    /// What it means.
    #[serde(default, deserialize_with = "opt_string")]
    system_description: Option<String>,
}

/// Every order status.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct StatusesOutput {
    statuses: Vec<OrderStatus>,
}

fn under_order(id: u64, sub: &str, what: &str) -> Endpoint {
    Endpoint::v2(
        ["orders".to_owned(), id.to_string(), sub.to_owned()],
        &format!("{what} of order {id}"),
    )
}

/// `bigcommerce_order_products_list`.
pub(crate) fn products_list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<OrderPageInput, ProductsOutput>("bigcommerce_order_products_list")
        .title("List an order's products")
        .description(
            "Lists the lines of one order: product, SKU, quantities ordered, shipped and refunded, prices and chosen options.",
        )
        .scopes([scopes::ORDERS_READ])
        .build();
    tool(spec, state, handle_products_list)
}

fn handle_products_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: OrderPageInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let endpoint = under_order(input.order_id, "products", "the products");
        let page = state
            .client
            .list::<OrderProduct>(call.ctx, &creds, &endpoint, Query::new().paging(paging))
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&ProductsOutput {
            products: page.items,
            page: info,
        })
    })
}

/// `bigcommerce_order_shipping_addresses_list`.
pub(crate) fn shipping_addresses_list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<OrderPageInput, AddressesOutput>(
        "bigcommerce_order_shipping_addresses_list",
    )
    .title("List an order's shipping addresses")
    .description(
        "Lists where one order ships to: address ids (needed for shipments), item counts, shipping method and cost. Names and street addresses only when customer PII is enabled.",
    )
    .scopes([scopes::ORDERS_READ])
    .build();
    tool(spec, state, handle_addresses_list)
}

fn handle_addresses_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: OrderPageInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let endpoint = under_order(
            input.order_id,
            "shipping_addresses",
            "the shipping addresses",
        );
        let page = state
            .client
            .list::<ShippingAddress>(call.ctx, &creds, &endpoint, Query::new().paging(paging))
            .await?;
        let info = PageInfo::of(paging, &page);
        let pii = state.options.customer_pii;
        let shipping_addresses = page
            .items
            .into_iter()
            .map(|mut a| {
                a.recipient = Some(Contact::from_wire(std::mem::take(&mut a.raw), pii));
                a
            })
            .collect();
        ToolOutput::new(&AddressesOutput {
            shipping_addresses,
            page: info,
        })
    })
}

/// `bigcommerce_order_statuses_list`.
pub(crate) fn statuses_list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<StatusesInput, StatusesOutput>("bigcommerce_order_statuses_list")
        .title("List order statuses")
        .description("Lists the store's order statuses with their ids and labels.")
        .scopes([scopes::ORDERS_READ])
        .build();
    tool(spec, state, handle_statuses_list)
}

fn handle_statuses_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let _input: StatusesInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let endpoint = Endpoint::v2(["order_statuses"], "order statuses");
        let page = state
            .client
            .list::<OrderStatus>(call.ctx, &creds, &endpoint, Query::new())
            .await?;
        ToolOutput::new(&StatusesOutput {
            statuses: page.items,
        })
    })
}

//! Shipping methods: `neto_shipping_methods_list` (`GetShippingMethods`).
//!
//! `GetShippingMethods` takes no filter and no `OutputSelector`: the body is `{}` (NetoDotNET
//! `GetShippingMethodsFilter.ToJSON()`, neto-api-node's request snapshot), so the store sends
//! every method and this tool keeps the fields below.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::common::{Shared, ToolList, tool};
use crate::wire::{bool_opt, one_or_many, text_opt};

/// Arguments of `neto_shipping_methods_list` (none).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {}

/// The `GetShippingMethods` request body: `{}`.
#[derive(Debug, Serialize)]
struct EmptyBody {}

/// `ShippingMethods`: `{"ShippingMethod": [...]}` (NetoDotNET `ShippingMethods`).
#[derive(Debug, Deserialize)]
struct NetoShippingMethods {
    #[serde(rename = "ShippingMethod", default, deserialize_with = "one_or_many")]
    methods: Vec<NetoShippingMethod>,
}

/// One shipping method.
#[derive(Debug, Deserialize)]
struct NetoShippingMethod {
    #[serde(rename = "ID", default, deserialize_with = "text_opt")]
    id: Option<String>,
    #[serde(rename = "Name", default, deserialize_with = "text_opt")]
    name: Option<String>,
    #[serde(rename = "Description", default, deserialize_with = "text_opt")]
    description: Option<String>,
    #[serde(rename = "Status", default, deserialize_with = "text_opt")]
    status: Option<String>,
    #[serde(rename = "Visibility", default, deserialize_with = "one_or_many")]
    visibility: Vec<NetoVisibility>,
}

/// Who sees the method.
#[derive(Debug, Deserialize)]
struct NetoVisibility {
    #[serde(rename = "Customers", default, deserialize_with = "bool_opt")]
    customers: Option<bool>,
    #[serde(rename = "Staff", default, deserialize_with = "bool_opt")]
    staff: Option<bool>,
    #[serde(rename = "eBay", default, deserialize_with = "bool_opt")]
    ebay: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct ShippingReply {
    #[serde(rename = "ShippingMethods", default, deserialize_with = "one_or_many")]
    groups: Vec<NetoShippingMethods>,
}

/// One shipping method.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MethodOut {
    /// The method id.
    id: Option<String>,
    /// Name (what `neto_order_status_update` tracking details must name).
    name: Option<String>,
    /// Description.
    description: Option<String>,
    /// Status.
    status: Option<String>,
    /// Offered to customers at checkout.
    visible_to_customers: Option<bool>,
    /// Offered to staff.
    visible_to_staff: Option<bool>,
    /// Offered on eBay.
    visible_on_ebay: Option<bool>,
}

/// `neto_shipping_methods_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The store's shipping methods.
    methods: Vec<MethodOut>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![tool(
        ToolSpec::read::<ListInput, ListOutput>("neto_shipping_methods_list", Platform::Neto)
            .title("List shipping methods")
            .description("Lists the store's shipping methods (names, status, who sees them). Tracking details of an order must name one of these.")
            .scopes([Action::GetShippingMethods.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let _input: ListInput = call.input()?;
        let reply = shared
            .client
            .send::<_, ShippingReply>(&call, Action::GetShippingMethods, &EmptyBody {})
            .await?;
        let methods = reply
            .data
            .groups
            .into_iter()
            .flat_map(|g| g.methods)
            .map(|m| {
                let v = m.visibility.into_iter().next();
                MethodOut {
                    id: m.id,
                    name: m.name,
                    description: m.description,
                    status: m.status,
                    visible_to_customers: v.as_ref().and_then(|v| v.customers),
                    visible_to_staff: v.as_ref().and_then(|v| v.staff),
                    visible_on_ebay: v.as_ref().and_then(|v| v.ebay),
                }
            })
            .collect();
        ToolOutput::new(&ListOutput {
            methods,
            warnings: reply.warnings,
        })
    })
}

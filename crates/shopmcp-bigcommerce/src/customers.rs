//! Customers: `GET /v3/customers` (list, and one customer by `id:in`) and
//! `GET /v2/customer_groups`. Names, e-mail, phone, company and notes appear only with
//! [`ToolOptions::customer_pii`](crate::ToolOptions::customer_pii), as untrusted text.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, SpecError, Tool, ToolCall, ToolOutput, Untrusted};

use crate::client::{Endpoint, Query};
use crate::credentials::BigCommerceCredentials;
use crate::error::BcError;
use crate::wire::{PageInfo, Paging, lenient_vec, opt_bool, opt_string, opt_u64};
use crate::{State, read_spec, scopes, tool};

/// Customer filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Part of the first or last name.
    #[schemars(length(min = 1, max = 100))]
    name_contains: Option<String>,
    /// Exact e-mail address.
    #[schemars(length(min = 3, max = 254))]
    email: Option<String>,
    /// Only members of this customer group.
    #[schemars(range(min = 0))]
    customer_group_id: Option<u64>,
    /// Registered at or after (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    created_from: Option<String>,
    /// Registered at or before (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    created_to: Option<String>,
    /// Sort order.
    sort: Option<CustomerSort>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// Customer sort orders.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub(crate) enum CustomerSort {
    /// Oldest first.
    #[serde(rename = "date_created:asc")]
    DateCreatedAsc,
    /// Newest first.
    #[serde(rename = "date_created:desc")]
    DateCreatedDesc,
    /// Least recently modified first.
    #[serde(rename = "date_modified:asc")]
    DateModifiedAsc,
    /// Most recently modified first.
    #[serde(rename = "date_modified:desc")]
    DateModifiedDesc,
    /// By last name, A to Z.
    #[serde(rename = "last_name:asc")]
    LastNameAsc,
    /// By last name, Z to A.
    #[serde(rename = "last_name:desc")]
    LastNameDesc,
}

impl CustomerSort {
    fn as_str(self) -> &'static str {
        match self {
            Self::DateCreatedAsc => "date_created:asc",
            Self::DateCreatedDesc => "date_created:desc",
            Self::DateModifiedAsc => "date_modified:asc",
            Self::DateModifiedDesc => "date_modified:desc",
            Self::LastNameAsc => "last_name:asc",
            Self::LastNameDesc => "last_name:desc",
        }
    }
}

/// A customer as `/v3/customers` sends it.
#[derive(Debug, Deserialize)]
struct CustomerWire {
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    customer_group_id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    date_created: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    date_modified: Option<String>,
    #[serde(default, deserialize_with = "opt_u64")]
    address_count: Option<u64>,
    #[serde(default, deserialize_with = "lenient_vec")]
    channel_ids: Vec<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    last_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    email: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    company: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    notes: Option<String>,
}

/// A customer (personal data only with customer PII enabled).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Customer {
    /// Customer id.
    id: Option<u64>,
    /// Customer group id (0: none).
    customer_group_id: Option<u64>,
    /// Registered at.
    date_created: Option<String>,
    /// Last modified at.
    date_modified: Option<String>,
    /// Number of saved addresses.
    address_count: Option<u64>,
    /// Channels the customer belongs to.
    channel_ids: Vec<u64>,
    /// Full name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Untrusted>,
    /// E-mail address (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<Untrusted>,
    /// Phone number (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<Untrusted>,
    /// Company (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<Untrusted>,
    /// Staff notes about the customer (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

impl Customer {
    fn from_wire(w: CustomerWire, pii: bool) -> Self {
        let text = |v: Option<String>| {
            v.filter(|s| pii && !s.trim().is_empty())
                .map(Untrusted::new)
        };
        let name = [w.first_name.as_deref(), w.last_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            id: w.id,
            customer_group_id: w.customer_group_id,
            date_created: w.date_created,
            date_modified: w.date_modified,
            address_count: w.address_count,
            channel_ids: w.channel_ids,
            name: text(Some(name)),
            email: text(w.email),
            phone: text(w.phone),
            company: text(w.company),
            notes: w.notes.filter(|_| pii),
        }
    }
}

/// A page of customers.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    customers: Vec<Customer>,
    page: PageInfo,
}

/// One customer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetInput {
    /// Customer id.
    #[schemars(range(min = 1))]
    customer_id: u64,
}

/// Customer group filters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GroupsInput {
    /// Part of the group name.
    #[schemars(length(min = 1, max = 100))]
    name_contains: Option<String>,
    /// Page (1-based).
    #[schemars(range(min = 1, max = 10000))]
    page: Option<u32>,
    /// Page size (1-50, default 20).
    #[schemars(range(min = 1, max = 50))]
    limit: Option<u32>,
}

/// A customer group.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub(crate) struct Group {
    /// Group id.
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    /// Name.
    #[serde(default, deserialize_with = "opt_string")]
    name: Option<String>,
    /// Whether new customers join it by default.
    #[serde(default, deserialize_with = "opt_bool")]
    is_default: Option<bool>,
    /// Whether it is the group for guests.
    #[serde(default, deserialize_with = "opt_bool")]
    is_group_for_guests: Option<bool>,
}

/// A page of customer groups.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GroupsOutput {
    groups: Vec<Group>,
    page: PageInfo,
}

fn customers_endpoint() -> Endpoint {
    Endpoint::v3(["customers"], "customers")
}

/// `bigcommerce_customers_list`.
pub(crate) fn list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<ListInput, ListOutput>("bigcommerce_customers_list")
        .title("List customers")
        .description(
            "Lists customers one page at a time, filtered by name, e-mail, group or registration date. Personal data only when the operator enabled customer PII.",
        )
        .scopes([scopes::CUSTOMERS_READ])
        .build();
    tool(spec, state, handle_list)
}

fn handle_list<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let query = Query::new()
            .opt("name:like", input.name_contains)
            .opt("email:in", input.email)
            .opt("customer_group_id:in", input.customer_group_id)
            .opt("date_created:min", input.created_from)
            .opt("date_created:max", input.created_to)
            .opt("sort", input.sort.map(CustomerSort::as_str))
            .paging(paging);
        let page = state
            .client
            .list::<CustomerWire>(call.ctx, &creds, &customers_endpoint(), query)
            .await?;
        let info = PageInfo::of(paging, &page);
        let pii = state.options.customer_pii;
        let customers = page
            .items
            .into_iter()
            .map(|c| Customer::from_wire(c, pii))
            .collect();
        ToolOutput::new(&ListOutput {
            customers,
            page: info,
        })
    })
}

/// `bigcommerce_customers_get`.
pub(crate) fn get(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<GetInput, Customer>("bigcommerce_customers_get")
        .title("Get a customer")
        .description(
            "Returns one customer: group, dates, address count; personal data only when the operator enabled customer PII.",
        )
        .scopes([scopes::CUSTOMERS_READ])
        .build();
    tool(spec, state, handle_get)
}

fn handle_get<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GetInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let id = input.customer_id;
        let query = Query::new().set("id:in", id);
        let page = state
            .client
            .list::<CustomerWire>(call.ctx, &creds, &customers_endpoint(), query)
            .await?;
        let wire = page
            .items
            .into_iter()
            .find(|c| c.id == Some(id))
            .ok_or_else(|| BcError::Missing(format!("customer {id} was not found in the store")))?;
        ToolOutput::new(&Customer::from_wire(wire, state.options.customer_pii))
    })
}

/// `bigcommerce_customer_groups_list`.
pub(crate) fn groups_list(state: &Arc<State>) -> Result<Arc<dyn Tool>, SpecError> {
    let spec = read_spec::<GroupsInput, GroupsOutput>("bigcommerce_customer_groups_list")
        .title("List customer groups")
        .description("Lists the store's customer groups.")
        .scopes([scopes::CUSTOMERS_READ])
        .build();
    tool(spec, state, handle_groups)
}

fn handle_groups<'a>(state: &'a Arc<State>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: GroupsInput = call.input()?;
        let creds = BigCommerceCredentials::from_call(&call)?;
        let paging = Paging::new(input.page, input.limit);
        let query = Query::new()
            .opt("name:like", input.name_contains)
            .paging(paging);
        let endpoint = Endpoint::v2(["customer_groups"], "customer groups");
        let page = state
            .client
            .list::<Group>(call.ctx, &creds, &endpoint, query)
            .await?;
        let info = PageInfo::of(paging, &page);
        ToolOutput::new(&GroupsOutput {
            groups: page.items,
            page: info,
        })
    })
}

//! Customers (search, get) and customer groups. Reads only: no tool changes a customer.
//!
//! Without customer PII enabled, a customer is ids, group, website and dates; e-mail, name and
//! addresses are left out, and filters on them are refused (they would let the model probe for
//! a person's e-mail address).

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::MagentoClient;
use crate::address::{Address, AddressOut, full_name};
use crate::routes::Admin;
use crate::search::{Criteria, PageInput, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{null_as_default, untrusted};

/// ACL resource of the customer read routes.
pub(crate) const ACL: &str = "Magento_Customer::customer";
/// ACL resource of the customer group routes.
pub(crate) const ACL_GROUP: &str = "Magento_Customer::group";

search_fields! {
    /// A customer field to filter on.
    CustomerField {
        /// Customer id.
        EntityId = "entity_id" (Integer),
        /// E-mail (needs customer PII enabled).
        Email = "email" (Text) personal,
        /// First name (needs customer PII enabled).
        Firstname = "firstname" (Text) personal,
        /// Last name (needs customer PII enabled).
        Lastname = "lastname" (Text) personal,
        /// Customer group id.
        GroupId = "group_id" (Integer),
        /// Website id.
        WebsiteId = "website_id" (Integer),
        /// Store view id the account was created in.
        StoreId = "store_id" (Integer),
        /// Created at (UTC).
        CreatedAt = "created_at" (Date),
        /// Last update (UTC).
        UpdatedAt = "updated_at" (Date),
    }
}

search_fields! {
    /// A customer field to sort by.
    CustomerSort {
        /// Customer id.
        EntityId = "entity_id" (Integer),
        /// Created at.
        CreatedAt = "created_at" (Date),
        /// Last update.
        UpdatedAt = "updated_at" (Date),
    }
}

/// Arguments naming one customer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerIdInput {
    /// The customer id.
    #[schemars(range(min = 1))]
    customer_id: u64,
}

/// `customer-data-customer-interface`, the fields the tools use.
#[derive(Debug, Deserialize)]
struct Customer {
    id: Option<u64>,
    group_id: Option<u64>,
    website_id: Option<u64>,
    store_id: Option<u64>,
    created_at: Option<String>,
    updated_at: Option<String>,
    created_in: Option<String>,
    email: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    addresses: Vec<Address>,
}

/// A customer.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CustomerOut {
    /// Customer id.
    id: Option<u64>,
    /// Customer group id.
    group_id: Option<u64>,
    /// Website id.
    website_id: Option<u64>,
    /// Store view id the account was created in.
    store_id: Option<u64>,
    /// Store view name the account was created in.
    created_in: Option<String>,
    /// Created at (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
    /// E-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    /// Name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Untrusted>,
    /// Addresses (only in `get`, only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    addresses: Option<Vec<AddressOut>>,
}

fn customer_out<const PII: bool>(c: Customer, with_addresses: bool) -> CustomerOut {
    CustomerOut {
        id: c.id,
        group_id: c.group_id,
        website_id: c.website_id,
        store_id: c.store_id,
        created_in: c.created_in,
        created_at: c.created_at,
        updated_at: c.updated_at,
        email: c.email.filter(|_| PII),
        name: untrusted(full_name(c.firstname, c.lastname)).filter(|_| PII),
        addresses: (PII && with_addresses)
            .then(|| c.addresses.into_iter().map(AddressOut::from).collect()),
    }
}

type CustomerSearch = SearchInput<CustomerField, CustomerSort>;

pub(crate) fn search_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<CustomerSearch, SearchOutput<CustomerOut>>(
        "magento_customers_search",
        Platform::Magento,
    )
    .title("Search customers")
    .description(
        "Searches customer accounts with up to 5 filters (AND: id, group, website, dates; \
         e-mail and names only when customer data is enabled for this workspace), one sort \
         field and one page of at most 50.",
    )
    .scopes([ACL])
    .build()
}

pub(crate) fn search<'a, const PII: bool>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CustomerSearch = call.input()?;
        let criteria = Criteria::search(&input, PII)?;
        let result: SearchResult<Customer> = client
            .admin(&call, Admin::Customers, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(result, &criteria, |c| {
            customer_out::<PII>(c, false)
        }))
    })
}

pub(crate) fn get_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<CustomerIdInput, CustomerOut>("magento_customers_get", Platform::Magento)
        .title("Get a customer")
        .description(
            "Reads one customer account by id (group, website, dates; e-mail, name and \
             addresses only when customer data is enabled for this workspace).",
        )
        .scopes([ACL])
        .build()
}

pub(crate) fn get<'a, const PII: bool>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<CustomerIdInput>()?.customer_id;
        let customer: Customer = client.admin(&call, Admin::Customer(id), &[], None).await?;
        ToolOutput::new(&customer_out::<PII>(customer, true))
    })
}

#[derive(Debug, Deserialize)]
struct Group {
    id: Option<u64>,
    code: Option<String>,
    tax_class_id: Option<u64>,
    tax_class_name: Option<String>,
}

/// A customer group.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct GroupOut {
    /// Group id.
    id: Option<u64>,
    /// Name.
    code: Option<String>,
    /// Tax class id.
    tax_class_id: Option<u64>,
    /// Tax class name.
    tax_class_name: Option<String>,
}

pub(crate) fn groups_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<PageInput, SearchOutput<GroupOut>>(
        "magento_customer_groups_list",
        Platform::Magento,
    )
    .title("List customer groups")
    .description("Lists customer groups (id, name, tax class), one page of at most 50.")
    .scopes([ACL_GROUP])
    .build()
}

pub(crate) fn groups<'a>(client: &'a Arc<MagentoClient>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: PageInput = call.input()?;
        let criteria = Criteria::page(&input);
        let result: SearchResult<Group> = client
            .admin(&call, Admin::CustomerGroups, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(result, &criteria, |g| {
            GroupOut {
                id: g.id,
                code: g.code,
                tax_class_id: g.tax_class_id,
                tax_class_name: g.tax_class_name,
            }
        }))
    })
}

//! `magento_carts_search`: shopping carts (quotes), e.g. abandoned ones: active carts with
//! items that were last updated before some time.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec, Untrusted};

use crate::MagentoClient;
use crate::address::full_name;
use crate::routes::Admin;
use crate::search::{Criteria, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{Amount, flag, null_as_default, untrusted};

/// ACL resource of the admin cart routes.
pub(crate) const ACL: &str = "Magento_Cart::manage";

search_fields! {
    /// A cart field to filter on.
    CartField {
        /// Cart id.
        EntityId = "entity_id" (Integer),
        /// 1 = still a cart, 0 = converted to an order or closed.
        IsActive = "is_active" (Integer),
        /// Number of distinct items.
        ItemsCount = "items_count" (Integer),
        /// Grand total.
        GrandTotal = "grand_total" (Decimal),
        /// Customer id.
        CustomerId = "customer_id" (Integer),
        /// 1 = guest cart.
        CustomerIsGuest = "customer_is_guest" (Integer),
        /// Customer e-mail (needs customer PII enabled).
        CustomerEmail = "customer_email" (Text) personal,
        /// Store view id.
        StoreId = "store_id" (Integer),
        /// Created at (UTC).
        CreatedAt = "created_at" (Date),
        /// Last update (UTC).
        UpdatedAt = "updated_at" (Date),
    }
}

search_fields! {
    /// A cart field to sort by.
    CartSort {
        /// Cart id.
        EntityId = "entity_id" (Integer),
        /// Created at.
        CreatedAt = "created_at" (Date),
        /// Last update.
        UpdatedAt = "updated_at" (Date),
        /// Grand total.
        GrandTotal = "grand_total" (Decimal),
    }
}

#[derive(Debug, Deserialize)]
struct Item {
    sku: Option<String>,
    name: Option<String>,
    qty: Option<Amount>,
    price: Option<Amount>,
}

#[derive(Debug, Deserialize)]
struct CartCustomer {
    id: Option<u64>,
    email: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Currency {
    quote_currency_code: Option<String>,
}

/// `quote-data-cart-interface`, the fields the tool uses.
#[derive(Debug, Deserialize)]
struct Cart {
    id: Option<u64>,
    created_at: Option<String>,
    updated_at: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    is_active: Option<bool>,
    items_count: Option<u64>,
    items_qty: Option<Amount>,
    #[serde(default, deserialize_with = "null_as_default")]
    items: Vec<Item>,
    customer: Option<CartCustomer>,
    #[serde(default, deserialize_with = "flag")]
    customer_is_guest: Option<bool>,
    currency: Option<Currency>,
    store_id: Option<u64>,
}

/// A cart line.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CartItemOut {
    /// SKU.
    sku: Option<String>,
    /// Name.
    name: Option<String>,
    /// Quantity.
    qty: Option<Amount>,
    /// Unit price.
    price: Option<Amount>,
}

/// A cart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CartOut {
    /// Cart id.
    id: Option<u64>,
    /// Created at (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
    /// Whether it is still an open cart.
    active: Option<bool>,
    /// Distinct items.
    items_count: Option<u64>,
    /// Units.
    items_qty: Option<Amount>,
    /// Lines.
    items: Vec<CartItemOut>,
    /// Cart currency.
    currency: Option<String>,
    /// Store view id.
    store_id: Option<u64>,
    /// Whether it belongs to a guest.
    customer_is_guest: Option<bool>,
    /// Customer id (none for guests).
    customer_id: Option<u64>,
    /// Customer e-mail (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_email: Option<String>,
    /// Customer name (only with customer PII enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_name: Option<Untrusted>,
}

fn cart_out<const PII: bool>(c: Cart) -> CartOut {
    let (customer_id, email, name) = match c.customer {
        Some(cu) => (cu.id, cu.email, full_name(cu.firstname, cu.lastname)),
        None => (None, None, None),
    };
    CartOut {
        id: c.id,
        created_at: c.created_at,
        updated_at: c.updated_at,
        active: c.is_active,
        items_count: c.items_count,
        items_qty: c.items_qty,
        items: c
            .items
            .into_iter()
            .map(|i| CartItemOut {
                sku: i.sku,
                name: i.name,
                qty: i.qty,
                price: i.price,
            })
            .collect(),
        currency: c.currency.and_then(|cur| cur.quote_currency_code),
        store_id: c.store_id,
        customer_is_guest: c.customer_is_guest,
        customer_id,
        customer_email: email.filter(|_| PII),
        customer_name: untrusted(name).filter(|_| PII),
    }
}

type CartSearch = SearchInput<CartField, CartSort>;

pub(crate) fn search_spec() -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<CartSearch, SearchOutput<CartOut>>("magento_carts_search", Platform::Magento)
        .title("Search carts")
        .description(
            "Searches shopping carts (quotes) with up to 5 filters (AND), one sort field and one \
             page of at most 50. Abandoned carts: is_active eq 1, items_count gt 0, updated_at \
             lt a time in the past.",
        )
        .scopes([ACL])
        .build()
}

pub(crate) fn search<'a, const PII: bool>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: CartSearch = call.input()?;
        let criteria = Criteria::search(&input, PII)?;
        let result: SearchResult<Cart> = client
            .admin(&call, Admin::Carts, &criteria.query, None)
            .await?;
        ToolOutput::new(&SearchOutput::from_result(
            result,
            &criteria,
            cart_out::<PII>,
        ))
    })
}
